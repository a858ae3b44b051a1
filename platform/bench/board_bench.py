#!/usr/bin/env python3
"""Agenda board benchmark: server time and SQL queries of the admin's agenda board.

    python platform/bench/board_bench.py [--sessions 300] [--repeat 20] [--database NAME]

Production-like settings (platform/bench/bench_settings.py) in one process, requests through
Django's test Client as a superuser. Data: `manage.py generate_editions` (deterministic): one
edition of --sessions sessions and one of a tenth of them (for "queries as data grows 10x").

Measured per edition, --repeat times round-robin: the board page (`conference_agenda_board`, the
whole payload embedded), the conflicts page (`conference_agenda_conflicts`) and, as the baseline
in the same process, Wagtail's own page explorer listing the same edition's sessions (50 per page,
the way editors saw the agenda before the board). Prints p50/p95 milliseconds, queries, and the
ratio of the board's p50 to the explorer's; the last line is `board-p50-ms: <ms>`.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402  (the API benchmark's environment and data helpers)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=300, help="sessions (default 300)")
    parser.add_argument("--repeat", type=int, default=20, help="rounds (default 20)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", default="conf_bench_board")
    args = parser.parse_args(argv)
    if not (10 <= args.sessions <= 5000) or args.repeat < 1:
        parser.error("use 10-5000 sessions and at least one round")
    args.editions, args.search = 1, "database"
    return args


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    samples, queries, status = [], 0, None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
        queries, status = len(captured), response.status_code
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return statistics.median(samples), p95, queries, status


def main(argv=None):
    args = parse_args(argv)
    server, _engine = bench.configure(args)
    bench.ensure_database(server, args.database)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from cms.conference.models import ConferencePage, EditionPage, SessionPage
    from cms.conference.synthetic import SLUG

    sizes, _rebuilt = bench.prepare_data(args, server)
    call_command("collectstatic", interactive=False, verbosity=0)  # the admin's static manifest
    conference = ConferencePage.objects.get(slug=SLUG)
    editions = sorted(
        EditionPage.objects.child_of(conference),
        key=lambda e: -SessionPage.objects.child_of(e).count(),
    )
    user = get_user_model().objects.filter(username="board-bench").first()
    if user is None:
        user = get_user_model().objects.create_superuser("board-bench", "", None)
    client = Client()
    client.force_login(user)

    rows = []
    for edition in editions:
        count = SessionPage.objects.child_of(edition).count()
        for name, url in (
            ("board", reverse("conference_agenda_board", args=[edition.pk])),
            ("conflicts", reverse("conference_agenda_conflicts", args=[edition.pk])),
            ("explorer (baseline)", reverse("wagtailadmin_explore", args=[edition.pk])),
        ):
            client.get(url)  # first request: imports, templates
            p50, p95, queries, status = measure(client, url, args.repeat)
            rows.append((count, name, p50, p95, queries, status))
    print(f"{'sessions':>8}  {'page':<20} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} status")
    for count, name, p50, p95, queries, status in rows:
        print(f"{count:>8}  {name:<20} {p50:>8.1f} {p95:>8.1f} {queries:>8} {status}")
    big = {
        name: (p50, queries)
        for count, name, p50, _p95, queries, _s in rows
        if count == max(r[0] for r in rows)
    }
    small = {
        name: queries
        for count, name, _p50, _p95, queries, _s in rows
        if count == min(r[0] for r in rows)
    }
    for name in ("board", "conflicts"):
        print(f"{name}: queries {small[name]} -> {big[name][1]} as sessions grow 10x")
    ratio = big["board"][0] / big["explorer (baseline)"][0]
    print(f"board-vs-explorer-p50: {ratio:.2f}x (the explorer shows 50 rows, the board all)")
    print(f"board-p50-ms: {big['board'][0]:.1f}")
    failed = [r for r in rows if r[5] != 200]
    if failed:
        sys.exit(f"board bench: unexpected status {failed}")


if __name__ == "__main__":
    main()
