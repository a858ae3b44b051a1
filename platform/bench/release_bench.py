#!/usr/bin/env python3
"""Agenda releases benchmark: what a release costs to make and to serve.

    python platform/bench/release_bench.py [--sessions 300] [--repeat 10] [--database NAME]

Production-like settings (platform/bench/bench_settings.py, Redis cache) in one process, requests
through Django's test Client. Data: `manage.py generate_editions` (deterministic), one edition of
--sessions sessions and one of a tenth of them. The bench removes the big edition's releases,
releases it (v1), renames and cancels a tenth of its sessions through the editors' services,
releases again (v2), then measures, --repeat rounds round-robin, cold (response cache
invalidated), warm and conditional (If-None-Match):

- the release routes: list, snapshot, diff v2 from v1, per-release frab XML, the Atom feed;
- as the baseline in the same process, the live frab XML of the same edition.

Prints the time to build a snapshot and to release, p50/p95 ms, bytes and queries per route and
mode, and the ratio of each release route's cold p50 to the live export's; the last line is
`release-diff-warm-p50-ms: <ms>`.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402  (the API benchmark's environment, data and measuring helpers)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=300, help="sessions (default 300)")
    parser.add_argument("--repeat", type=int, default=10, help="rounds (default 10)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", default="conf_bench_releases")
    args = parser.parse_args(argv)
    if not (10 <= args.sessions <= 5000) or args.repeat < 1:
        parser.error("use 10-5000 sessions and at least one round")
    args.editions, args.search = 1, "database"
    return args


def timed(function, rounds=1):
    samples, result = [], None
    for _ in range(rounds):
        started = time.perf_counter()
        result = function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), result


def main(argv=None):
    args = parse_args(argv)
    server, _engine = bench.configure(args)
    bench.ensure_database(server, args.database)
    import django

    django.setup()
    from django.test import Client

    from cms.conference import releases, schedule
    from cms.conference.models import ConferencePage, EditionPage, Release, SessionPage
    from cms.conference.synthetic import SLUG

    bench.prepare_data(args, server)
    bench.prepare_site()
    conference = ConferencePage.objects.get(slug=SLUG)
    edition = max(
        EditionPage.objects.child_of(conference).live(),
        key=lambda e: SessionPage.objects.child_of(e).count(),
    )
    year = edition.year
    Release.objects.filter(edition_key=edition.translation_key).delete()
    sessions = list(SessionPage.objects.child_of(edition).live().order_by("start", "pk"))
    build_ms, (snapshot, _digests) = timed(lambda: releases.snapshot_build(year=year), 3)
    v1_ms, _ = timed(lambda: releases.release_create(edition=edition, note_bg="v1"))
    changed = sessions[::10]
    for index, session in enumerate(changed):
        if index % 2:
            schedule.session_update(session=session, cancelled=not session.cancelled)
        else:
            schedule.session_update(session=session, title=f"{session.title} (2)")
    v2_ms, _ = timed(lambda: releases.release_create(edition=edition, note_bg="v2"))

    base = f"/api/v1/editions/{year}"
    routes = [
        bench.Route("live schedule.xml (baseline)", f"{base}/schedule.xml", raw=False),
        bench.Route("releases list", f"{base}/releases/", raw=False),
        bench.Route("release v2 snapshot", f"{base}/releases/v2/", raw=False),
        bench.Route("diff v2 from v1", f"{base}/releases/v2/diff/?from=v1", raw=False),
        bench.Route("release v2 schedule.xml", f"{base}/releases/v2/schedule.xml", raw=False),
        bench.Route("releases feed.atom", f"{base}/releases/feed.atom", raw=False),
    ]
    make_cold, cold_how = bench.invalidator()
    client = Client()
    print(
        f"edition {year}: {len(sessions)} sessions, snapshot {len(str(snapshot)) // 1024} KiB "
        f"(as Python text), {len(changed)} sessions changed between v1 and v2"
    )
    print(
        f"snapshot build p50 {build_ms:.0f} ms (3 rounds); release v1 {v1_ms:.0f} ms, "
        f"v2 {v2_ms:.0f} ms (snapshot, diff, write)"
    )
    print(f"cold: {cold_how}; {args.repeat} rounds round-robin, in-process")
    results, unexpected = bench.measure(client, routes, args.repeat, make_cold)
    stats = {key: bench.summary(samples) for key, samples in results.items()}
    rows = []
    for route in routes:
        for mode in ("cold", "warm", "cond"):
            s = stats[(route.name, mode)]
            rows.append(
                [
                    route.name,
                    mode,
                    f"{s['p50']:.1f}",
                    f"{s['p95']:.1f}",
                    s["bytes"],
                    s["queries"],
                    s["status"],
                ]
            )
    bench.table(
        ["route", "mode", "p50 ms", "p95 ms", "bytes", "queries", "status"],
        rows,
        ["<", "<", ">", ">", ">", ">", ">"],
    )
    baseline = stats[(routes[0].name, "cold")]["p50"]
    for route in routes[1:]:
        cold = stats[(route.name, "cold")]["p50"]
        warm = stats[(route.name, "warm")]["p50"]
        print(
            f"{route.name}: cold {bench.ratio(cold, baseline):.2f}x the live export's cold p50; "
            f"warm {bench.ratio(warm, cold):.3f}x its own cold"
        )
    print(f"release-diff-warm-p50-ms: {stats[('diff v2 from v1', 'warm')]['p50']:.2f}")
    if unexpected:
        sys.exit(f"release bench: unexpected answers {sorted(set(unexpected))[:5]}")


if __name__ == "__main__":
    main()
