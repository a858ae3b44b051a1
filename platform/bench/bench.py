#!/usr/bin/env python3
"""API benchmark: server time, bytes and SQL queries per request of the public routes.

    python platform/bench/bench.py [--editions 20] [--sessions 300] [--repeat 30]
                                   [--database conf_bench] [--search auto|database|opensearch]

Production-like settings (platform/bench/bench_settings.py: cms.settings.production, DEBUG off,
PostgreSQL, the Redis cache) in one process: requests go through Django's test Client and the
whole middleware stack, so the numbers are server time without the network.

Data: `manage.py generate_editions` (deterministic) fills the database (created if missing, reused
when it holds the same data set), plus one edition with a tenth of the sessions for the
"queries as data grows 10x" comparison. The search index (prefix bench_api_) is built once and
reused. Search goes to OpenSearch when it answers at OPENSEARCH_URL, else to the database engine.

Every route is measured cold (the response cache made cold just before), warm (the same request
again) and conditional (If-None-Match with the warm response's ETag; 304 expected, the status
received is printed), round-robin across routes, --repeat times. Baselines in the same process:
Wagtail's API v2 pages endpoint listing one edition's sessions (no response cache: one request
per round, compared with our cold and warm answers), and a view returning each warm
response's bytes straight from the cache through the same middleware (the physical-limit proxy).
The last line is `schedule-json-warm-vs-raw: <ratio>x`.

Environment: BENCH_PG (PostgreSQL server URL without a database, default
postgres://conf:conf@127.0.0.1:5432), BENCH_REDIS_URL (default redis://127.0.0.1:6379/13),
OPENSEARCH_URL (default http://127.0.0.1:9200).
"""

import argparse
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

SEARCHES = [
    ("search cyrillic", "клъстер иновации"),
    ("search latin", "cluster innovation"),
    ("search typo", "mechatronix"),
]
EXPORTS = ["schedule.json", "schedule.xml", "agenda.ics", "agenda.csv"]
AGENDA_QUERY = (
    "{ edition(year: %d) { year title sessions { id title start end type "
    "room { name } track { name } speakers { role person { name } } } } }"
)
OK_STATUSES = {200, 304}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--editions", type=int, default=20, help="editions (default 20)")
    parser.add_argument("--sessions", type=int, default=300, help="sessions each (default 300)")
    parser.add_argument("--repeat", type=int, default=30, help="rounds over all routes (30)")
    parser.add_argument("--seed", type=int, default=1, help="data seed (default 1)")
    parser.add_argument(
        "--database", default="conf_bench", help="PostgreSQL database (default conf_bench)"
    )
    parser.add_argument(
        "--search",
        choices=["auto", "database", "opensearch"],
        default="auto",
        help="search engine: auto = OpenSearch when it answers, else the database (default)",
    )
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database):
        parser.error("--database must be a lower-case identifier")
    if not (1 <= args.editions <= 199) or not (10 <= args.sessions <= 5000):
        parser.error("use 1-199 editions and 10-5000 sessions per edition")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


# ---- environment and database ----


def opensearch_answers(url):
    import requests

    try:
        return requests.get(url, timeout=3).ok
    except requests.RequestException:
        return False


def configure(args):
    """Environment for bench_settings; returns the search engine's name."""
    server = os.environ.get("BENCH_PG", "postgres://conf:conf@127.0.0.1:5432").rstrip("/")
    os.environ["DATABASE_URL"] = f"{server}/{args.database}"
    os.environ["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    os.environ["CACHE_KEY_PREFIX"] = f"bench-{args.database}"
    os.environ["SEARCH_INDEX_PREFIX"] = f"bench_api_{args.database}_"
    os.environ["CONFERENCE_VAR_DIR"] = str(ROOT / "var" / "bench" / args.database)
    os.environ["MEDIA_ROOT"] = str(ROOT / "var" / "bench" / args.database / "media")
    os.environ["STATIC_ROOT"] = str(ROOT / "var" / "bench" / args.database / "static")
    os.environ["LOG_LEVEL"] = "ERROR"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    url = os.environ.get("OPENSEARCH_URL") or "http://127.0.0.1:9200"
    engine = args.search
    if engine == "auto":
        engine = "opensearch" if opensearch_answers(url) else "database"
    elif engine == "opensearch" and not opensearch_answers(url):
        sys.exit(f"bench: --search opensearch, but nothing answers at {url} (make search-node)")
    os.environ["OPENSEARCH_URL"] = url if engine == "opensearch" else ""
    os.environ.pop("ELASTICSEARCH_URL", None)
    (ROOT / "var" / "bench" / args.database / "static").mkdir(parents=True, exist_ok=True)
    sys.path[:0] = [str(ROOT), str(HERE)]
    return server, engine


def admin_sql(server, statement):
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        cursor = conn.execute(statement)
        return cursor.fetchall() if cursor.description else None


def ensure_database(server, name):
    if not admin_sql(server, f"SELECT 1 FROM pg_database WHERE datname = '{name}'"):
        admin_sql(server, f"CREATE DATABASE {name}")
        print(f"database: created {name}")


# ---- data ----


def expected_sizes(args):
    from cms.conference.synthetic import FIRST_YEAR

    sizes = {FIRST_YEAR + i: args.sessions for i in range(args.editions)}
    sizes[FIRST_YEAR + args.editions] = args.sessions // 10
    return sizes


def current_sizes():
    """{year: sessions} of the synthetic editions, plus "other pages" when there is more."""
    from wagtail.models import Page

    from cms.conference.models import ConferencePage, EditionPage, SessionPage
    from cms.conference.synthetic import SLUG

    conference = ConferencePage.objects.filter(slug=SLUG).first()
    sizes = {}
    others = Page.objects.filter(depth__gt=1).exclude(depth=2, slug="home")  # Wagtail's welcome
    if conference is not None:
        for edition in EditionPage.objects.child_of(conference):
            sizes[edition.year] = SessionPage.objects.child_of(edition).count()
        others = others.exclude(pk__in=Page.objects.descendant_of(conference, inclusive=True))
    if others.exists():
        sizes["other pages"] = others.count()
    return sizes


def generate(args, sizes):
    import io

    from django.core.management import call_command
    from django.test.utils import override_settings

    from cms.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True  # the few change events of the taxonomy: in-process
    try:
        with override_settings(SEARCH_AUTO_UPDATE=False, FRONTEND_REVALIDATE_SECRET=""):
            quiet = not sys.stderr.isatty()
            big = {year: n for year, n in sizes.items() if n == args.sessions}
            for editions, sessions in (
                (len(big), args.sessions),
                (len(sizes), min(sizes.values())),
            ):
                call_command(
                    "generate_editions",
                    editions=editions,
                    sessions=sessions,
                    seed=args.seed,
                    no_progress=quiet,
                    stdout=io.StringIO(),
                )
    finally:
        app.conf.task_always_eager = eager


def reset_database(server, name):
    from django.db import connections

    connections.close_all()
    admin_sql(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin_sql(server, f"CREATE DATABASE {name}")


def prepare_data(args, server):
    """Migrate, then reuse or build the data set; returns {year: sessions}."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    sizes = expected_sizes(args)
    found = current_sizes()
    started = time.perf_counter()
    if found == sizes:
        print(f"data: reused {describe(sizes)} in database {args.database}")
        return sizes, False
    # An earlier run stopped part-way (each edition is built in one transaction): go on.
    resumable = all(sizes.get(year) == n for year, n in found.items())
    if not resumable:
        if not args.database.startswith("conf_bench"):
            sys.exit(
                f"bench: database {args.database} holds other data ({describe(found)}); use a "
                "new --database name (names starting with conf_bench are rebuilt automatically)"
            )
        print(f"data: {args.database} holds another data set ({describe(found)}); rebuilding it")
        reset_database(server, args.database)
        call_command("migrate", verbosity=0, interactive=False)
    generate(args, sizes)
    found = current_sizes()
    if found != sizes:
        sys.exit(f"bench: expected {describe(sizes)} after generating, found {describe(found)}")
    print(f"data: built {describe(sizes)} in {time.perf_counter() - started:.1f} s")
    return sizes, True


def describe(sizes):
    if not sizes:
        return "nothing"
    counts = {}
    for key, n in sizes.items():
        if isinstance(key, int):
            counts[n] = counts.get(n, 0) + 1
    parts = [f"{editions} editions x {n} sessions" for n, editions in sorted(counts.items())]
    if "other pages" in sizes:
        parts.append(f"{sizes['other pages']} other pages")
    return " + ".join(reversed(parts))


def prepare_site():
    """The default site's root is the synthetic conference (Wagtail's API lists only its pages)."""
    from wagtail.models import Site

    from cms.conference.models import ConferencePage
    from cms.conference.synthetic import SLUG

    conference = ConferencePage.objects.get(slug=SLUG)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="testserver", port=80, root_page=conference, is_default_site=True
        )
    elif site.root_page_id != conference.pk:
        site.root_page = conference
        site.save()


def prepare_search(args, engine_name, rebuilt):
    """Build the index when the data changed or the index is not the one recorded last time."""
    from django.core.management import call_command

    from search import engines

    engine = engines.primary()
    marker = ROOT / "var" / "bench" / args.database / f"index-{engine_name}.json"
    recorded = json.loads(marker.read_text()) if marker.exists() else None
    try:
        count = engine.count()
    except Exception:  # noqa: BLE001 - a missing index is rebuilt below
        count = None
    if not rebuilt and recorded is not None and recorded.get("count") == count and count:
        print(f"search: {engine_name}, index reused ({count} documents)")
        return
    started = time.perf_counter()
    call_command("search_reindex", "--quiet", stdout=open(os.devnull, "w"))  # noqa: SIM115
    if hasattr(engine, "refresh"):
        engine.refresh()
    count = engine.count()
    marker.write_text(json.dumps({"count": count}))
    print(
        f"search: {engine_name}, indexed {count} documents in {time.perf_counter() - started:.1f} s"
    )


# ---- measuring ----


def invalidator():
    """A function that makes the response cache cold."""
    try:
        from cms.core import versions
    except ImportError:
        versions = None
    if versions is not None and hasattr(versions, "invalidate_all"):
        return versions.invalidate_all, "cms.core.versions.invalidate_all()"
    from django.core.cache import cache

    if hasattr(cache, "delete_pattern"):  # django-redis: only this bench's keys (its prefix)
        return (lambda: cache.delete_pattern("*")), "the cache emptied (this bench's keys)"
    return cache.clear, "cache.clear()"


class Route:
    def __init__(self, name, path, *, modes=("cold", "warm", "cond"), raw=True, every=1):
        """`every`: measured in every n-th round only (a slow baseline)."""
        self.name, self.path, self.modes, self.raw = name, path, modes, raw
        self.every = every


class Sample:
    __slots__ = ("ms", "bytes", "queries", "status")

    def __init__(self, ms, size, queries, status):
        self.ms, self.bytes, self.queries, self.status = ms, size, queries, status


def body_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


class QueryCounter:
    """Counts the SQL statements run through a connection (no limit, no SQL text kept)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def request(client, path, headers=None):
    """(Sample, response, body) of one GET, timed and with its SQL queries counted."""
    from django.db import connection

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        response = client.get(path, headers=headers or {})
        body = body_of(response)
        ms = (time.perf_counter() - started) * 1000
    return Sample(ms, len(body), counter.count, response.status_code), response, body


def routes_for(newest, past, wagtail_edition_id, sessions):
    routes = []
    for year, label in ((newest, "newest"), (past, "past")):
        for export in EXPORTS:
            routes.append(Route(f"{export} {label} {year}", f"/api/v1/editions/{year}/{export}"))
    routes.append(Route(f"sessions page {newest}", f"/api/v1/sessions/?year={newest}&page_size=20"))
    routes.append(Route("speakers page", "/api/v1/speakers/?page_size=20"))
    routes.append(
        Route(f"graphql agenda {newest}", "/graphql/?query=" + quote(AGENDA_QUERY % newest))
    )
    for name, text in SEARCHES:
        routes.append(Route(name, f"/api/v1/search/?q={quote(text)}"))
    wagtail = (
        "/bench/api/v2/pages/?type=conference.SessionPage&child_of="
        f"{wagtail_edition_id}&fields=*&order=id&limit="
    )
    # No response cache there: one request per round (its "warm" is every request); the whole
    # edition takes seconds, so it is measured every third round.
    only = ("warm",)
    routes.append(Route("wagtail api v2 20", wagtail + "20", modes=only, raw=False))
    routes.append(
        Route("wagtail api v2 edition", wagtail + str(sessions), modes=only, raw=False, every=3)
    )
    return routes


def measure(client, routes, repeat, make_cold):
    """{(route name, mode): [Sample]}, round-robin over the routes, `repeat` rounds after one
    unrecorded warm-up round."""
    from bench_urls import RAW_PREFIX
    from django.core.cache import cache

    results = {}
    unexpected = []
    for round_number in range(repeat + 1):
        for index, route in enumerate(routes):
            if round_number and (round_number - 1) % route.every:
                continue
            taken = {}
            if "cold" in route.modes:
                make_cold()
                taken["cold"] = request(client, route.path)[0]
            taken["warm"], response, body = request(client, route.path)
            if "cond" in route.modes:
                etag = response.get("ETag")
                headers = {"If-None-Match": etag} if etag else None
                taken["cond"] = request(client, route.path, headers)[0]
            if route.raw and taken["warm"].status == 200:
                key = f"r{index}"
                cache.set(RAW_PREFIX + key, (response["Content-Type"], body), 3600)
                taken["raw"] = request(client, f"/bench/raw/{key}")[0]
            if round_number == 0:
                continue
            for mode, sample in taken.items():
                results.setdefault((route.name, mode), []).append(sample)
                if sample.status not in OK_STATUSES:
                    unexpected.append(f"{route.name} {mode}: HTTP {sample.status}")
        if round_number and sys.stderr.isatty():
            print(f"  round {round_number}/{repeat}", end="\r", file=sys.stderr, flush=True)
    if sys.stderr.isatty():
        print(" " * 30, end="\r", file=sys.stderr)
    return results, unexpected


def count_queries(client, path, make_cold, unexpected, rounds=3):
    """Median SQL queries of a cold and of a warm request."""
    cold, warm = [], []
    for _ in range(rounds):
        make_cold()
        for samples, mode in ((cold, "cold"), (warm, "warm")):
            sample = request(client, path)[0]
            samples.append(sample.queries)
            if sample.status != 200:
                unexpected.append(f"{path} {mode}: HTTP {sample.status}")
    return int(statistics.median(cold)), int(statistics.median(warm))


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def summary(samples):
    statuses = sorted({s.status for s in samples})
    return {
        "p50": percentile([s.ms for s in samples], 50),
        "p95": percentile([s.ms for s in samples], 95),
        "bytes": int(statistics.median([s.bytes for s in samples])),
        "queries": int(statistics.median([s.queries for s in samples])),
        "status": "/".join(str(s) for s in statuses),
        "n": len(samples),
    }


def table(headers, rows, align):
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows, strict=True)]

    def line(cells):
        return "  ".join(
            f"{c!s:<{w}}" if a == "<" else f"{c!s:>{w}}"
            for c, w, a in zip(cells, widths, align, strict=True)
        ).rstrip()

    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


def ratio(a, b):
    return a / b if b else float("inf")


def faster(ours, theirs):
    value = ratio(theirs, ours)
    return f"{value:.1f}x faster" if value >= 1 else f"{1 / value:.1f}x slower"


def main(argv=None):
    args = parse_args(argv)
    server, engine_name = configure(args)
    ensure_database(server, args.database)

    import django

    django.setup()
    from django.test import Client

    from cms.conference.models import ConferencePage, EditionPage
    from cms.conference.synthetic import SLUG

    sizes, rebuilt = prepare_data(args, server)
    prepare_site()
    prepare_search(args, engine_name, rebuilt)

    conference = ConferencePage.objects.get(slug=SLUG)
    years = sorted(y for y, n in sizes.items() if n == args.sessions)
    newest, past = years[-1], years[0]
    small = max(sizes)
    editions = {e.year: e.pk for e in EditionPage.objects.child_of(conference)}
    routes = routes_for(newest, past, editions[newest], args.sessions)
    make_cold, cold_how = invalidator()
    client = Client()

    print(
        f"settings: {os.environ['DJANGO_SETTINGS_MODULE']} (cms.settings.production), "
        f"database {args.database}, cache {urlsplit(os.environ['REDIS_URL']).path.lstrip('/')}"
        f" (Redis db), search {engine_name}; cold = {cold_how}"
    )
    print(
        f"measuring {len(routes)} routes x cold/warm/conditional (+ raw; Wagtail's API: one"
        f" request), {args.repeat} rounds round-robin, in-process (django.test.Client),"
        f" editions {newest} (newest) and {past} (past)"
    )
    started = time.perf_counter()
    results, unexpected = measure(client, routes, args.repeat, make_cold)
    elapsed = time.perf_counter() - started
    stats = {key: summary(samples) for key, samples in results.items()}

    print()
    rows = []
    for route in routes:
        for mode in ("cold", "warm", "cond", "raw"):
            if (route.name, mode) not in stats:
                continue
            s = stats[(route.name, mode)]
            rows.append(
                [
                    route.name,
                    mode,
                    s["status"],
                    s["n"],
                    f"{s['p50']:.1f}",
                    f"{s['p95']:.1f}",
                    s["bytes"],
                    s["queries"],
                ]
            )
    table(
        ["route", "mode", "status", "n", "p50 ms", "p95 ms", "bytes", "queries"],
        rows,
        ["<", "<", "<", ">", ">", ">", ">", ">"],
    )
    print(f"\n{sum(len(v) for v in results.values())} requests in {elapsed:.0f} s")

    # Queries as the data grows 10x: the same routes on the small edition.
    print(
        f"\nSQL queries per request, {args.sessions} sessions / {sizes[small]} sessions per edition"
    )
    scoped = [(export, f"/api/v1/editions/{{year}}/{export}") for export in EXPORTS]
    scoped += [
        ("sessions page", "/api/v1/sessions/?year={year}&page_size=20"),
        ("sessions page of 100", "/api/v1/sessions/?year={year}&page_size=100"),
        ("speakers page of the edition", "/api/v1/speakers/?year={year}&page_size=20"),
        ("graphql agenda", "/graphql/?query={agenda}"),
        ("search in the edition", "/api/v1/search/?q=" + quote(SEARCHES[1][1]) + "&year={year}"),
    ]
    rows = []
    grows = []
    for name, template in scoped:
        counts = {}
        for year in (newest, small):
            path = template.format(year=year, agenda=quote(AGENDA_QUERY % year))
            counts[year] = count_queries(client, path, make_cold, unexpected)
        (big_cold, big_warm), (small_cold, small_warm) = counts[newest], counts[small]
        if big_cold > small_cold or big_warm > small_warm:
            verdict = "GROWS"
            grows.append(name)
        elif big_cold == small_cold and big_warm == small_warm:
            verdict = "constant"
        else:
            verdict = "fewer (other results)"
        rows.append([name, f"{big_cold} / {small_cold}", f"{big_warm} / {small_warm}", verdict])
    table(
        ["route", "cold", "warm", ""],
        rows,
        ["<", ">", ">", "<"],
    )

    def p50(name, mode):
        return stats[(name, mode)]["p50"]

    wagtail20 = "wagtail api v2 20"
    wagtail_all = "wagtail api v2 edition"
    page = f"sessions page {newest}"
    schedule = f"schedule.json newest {newest}"
    print()
    print(
        "agenda-vs-wagtail-api: sessions page of 20"
        f" {faster(p50(page, 'cold'), p50(wagtail20, 'warm'))} cold,"
        f" {faster(p50(page, 'warm'), p50(wagtail20, 'warm'))} warm;"
        f" schedule.json of {args.sessions} sessions"
        f" {faster(p50(schedule, 'cold'), p50(wagtail_all, 'warm'))} cold,"
        f" {faster(p50(schedule, 'warm'), p50(wagtail_all, 'warm'))} warm"
        f" (p50 against Wagtail's API v2 listing the same edition with limit 20 / {args.sessions})"
    )
    print("\nwarm / raw (p50 of the route's warm response / the same bytes from the cache)")
    rows = []
    for route in routes:
        if (route.name, "raw") in stats:
            rows.append(
                [route.name, f"{ratio(p50(route.name, 'warm'), p50(route.name, 'raw')):.2f}x"]
            )
    table(["route", "warm/raw"], rows, ["<", ">"])
    if grows:
        print(f"\nqueries grow with the data: {', '.join(grows)}", file=sys.stderr)
    if unexpected:
        print("\nunexpected answers:\n  " + "\n  ".join(sorted(set(unexpected))), file=sys.stderr)
    print(f"\nschedule-json-warm-vs-raw: {ratio(p50(schedule, 'warm'), p50(schedule, 'raw')):.2f}x")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
