"""Search benchmark: indexing throughput and query latency (p50/p95) for each engine present.

    python search/bench.py [--editions 20] [--sessions 300] [--queries 300] [--seed 1]

Runs on its own database (BENCH_DATABASE_URL, default SQLite var/bench-search.sqlite3), fills it
once with `manage.py generate_editions` (deterministic), then for the database engine and, when
OPENSEARCH_URL (default http://127.0.0.1:9200) answers, OpenSearch: builds every document, writes
them, and runs the same mixed queries (Cyrillic, Latin, typos, phrases, filters). The baseline,
measured in the same process, is a plain ORM `icontains` scan over session titles and abstracts.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    "клъстер иновации",
    "cluster innovation",
    "klaster inovatsii",
    "дигитализация данни",
    "digitisation data",
    "финансиране стартъпи",
    "funding startups",
    "мехатроника",
    "mechatronix",
    "automotiv industry",
    '"клъстер иновации"',
    "енергия устойчивост",
    "energy",
    "Иван",
    "Ivan Kostov",
    "политики мрежи",
]
FILTERS = [{}, {"year": ["2005"]}, {"type": ["keynote", "talk"]}, {}]


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    default = f"sqlite:///{ROOT / 'var' / 'bench-search.sqlite3'}"
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", default)
    os.environ.setdefault("OPENSEARCH_URL", "http://127.0.0.1:9200")
    os.environ["SEARCH_INDEX_PREFIX"] = "bench_"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log
    settings.SEARCH_AUTO_UPDATE = False


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def timed(fn, n):
    samples = []
    for i in range(n):
        start = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, default=20)
    parser.add_argument("--sessions", type=int, default=300)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    setup()

    from django.core.management import call_command
    from django.db.models import Q

    from cms.conference.models import SessionPage
    from search import documents, engines
    from search.query import Query, parse

    call_command("migrate", verbosity=0, skip_checks=True)
    started = time.perf_counter()
    call_command(
        "generate_editions",
        editions=args.editions,
        sessions=args.sessions,
        seed=args.seed,
        no_progress=not sys.stderr.isatty(),
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )
    print(
        f"content: {SessionPage.objects.count()} sessions "
        f"(generated or found in {time.perf_counter() - started:.1f} s)"
    )

    refs = documents.all_refs()
    started = time.perf_counter()
    docs = []
    for start in range(0, len(refs), 500):
        docs.extend(documents.build(refs[start : start + 500])[0])
    build_seconds = time.perf_counter() - started
    print(
        f"documents: {len(docs)} built in {build_seconds:.1f} s "
        f"({len(docs) / build_seconds:.0f} docs/s, reads + analysis, shared by every engine)"
    )

    def batches():
        for start in range(0, len(docs), 500):
            yield docs[start : start + 500]

    candidates = [engines.database()]
    external = engines.external()
    if external is not None and external.ping():
        candidates.append(external)
    else:
        print("opensearch: not reachable at OPENSEARCH_URL, skipped (start it: make search-node)")

    def baseline(i):
        word = QUERIES[i % len(QUERIES)].strip('"').split()[0]
        qs = SessionPage.objects.filter(Q(title__icontains=word) | Q(abstract__icontains=word))
        qs.count()
        list(qs.values_list("pk", "title")[:20])

    timed(baseline, 20)
    base = timed(baseline, args.queries)
    base_p50, base_p95 = percentile(base, 50), percentile(base, 95)
    rows = [("baseline (ORM icontains)", None, base_p50, base_p95)]

    for engine in candidates:
        started = time.perf_counter()
        engine.rebuild(batches())
        if hasattr(engine, "refresh"):
            engine.refresh()
        write_seconds = time.perf_counter() - started
        throughput = len(docs) / (build_seconds + write_seconds)

        def search(i, engine=engine):
            text = QUERIES[i % len(QUERIES)]
            query = Query(text=text, filters=FILTERS[i % len(FILTERS)], page_size=20)
            engine.search(query, parse(text))

        timed(search, 20)  # warm-up
        samples = timed(search, args.queries)
        rows.append(
            (
                engine.name,
                (len(docs) / write_seconds, throughput),
                percentile(samples, 50),
                percentile(samples, 95),
            )
        )
        if engine.name != "database":
            engine.drop()

    print()
    print(
        f"{'engine':26} {'write docs/s':>12} {'index docs/s':>12} {'p50 ms':>8} {'p95 ms':>8}"
        f" {'p50 x base':>10} {'p95 x base':>10}"
    )
    for name, rates, p50, p95 in rows:
        write, total = (f"{rates[0]:.0f}", f"{rates[1]:.0f}") if rates else ("-", "-")
        print(
            f"{name:26} {write:>12} {total:>12} {p50:8.1f} {p95:8.1f}"
            f" {p50 / base_p50:10.2f} {p95 / base_p95:10.2f}"
        )
    print(
        f"\n{len(docs)} documents, {args.queries} queries per engine "
        f"({len(QUERIES)} texts x {len(FILTERS)} filter sets); 'index docs/s' includes building"
    )


if __name__ == "__main__":
    main()
