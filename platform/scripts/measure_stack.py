#!/usr/bin/env python3
"""Measure a running `make stack`: memory per service, then requests per second.

Memory: RSS (and PSS, which counts pages shared between forked processes once) summed over each
service's process tree: the stack's own services from their pid files in STACK_DIR/run, and
PostgreSQL, Redis and OpenSearch found through their own interfaces.

Throughput: N client threads, each with one keep-alive HTTP session, cycle through a mix of API
routes for T seconds, then the same against the site's home page. Any answer other than 2xx or 304
counts as an error. Prints req/s, p50 and p95 latency and errors per route and in total.

Start the stack with a throttle rate the load cannot reach, or the limit answers 429 (errors):
    STACK_THROTTLE_RATE=1000000/min make stack && make stack-measure
"""

import argparse
import os
import shlex
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import psutil
import redis
import requests

ROOT = Path(__file__).resolve().parents[2]
STACK_SERVICES = {
    "web (gunicorn)": "web",
    "celery worker": "worker",
    "celery beat": "beat",
    "frontend (next)": "frontend",
}
GRAPHQL = "{ editions { year } sessions(year: 2027, limit: 20) { id title } }"


def read_env(state):
    path = state / "stack.env"
    if not path.exists():
        sys.exit(f"measure: {path} not found; start the stack with `make stack` first")
    env = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#"):
            key, _, value = shlex.split(line)[0].partition("=")
            env[key] = value
    return env


# ---- memory ----


def tree(pid):
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def memory(processes):
    """(processes, RSS MiB, PSS MiB or None) of a list of processes."""
    rss = pss = 0
    pss_known = True
    alive = 0
    for process in processes:
        try:
            info = process.memory_full_info()
        except psutil.AccessDenied:
            info, pss_known = process.memory_info(), False
        except psutil.Error:
            continue
        alive += 1
        rss += info.rss
        if hasattr(info, "pss"):
            pss += info.pss
        else:
            pss_known = False
    mib = 1024 * 1024
    return alive, rss / mib, (pss / mib if pss_known else None)


def stack_pid(state, name):
    try:
        return int((state / "run" / f"{name}.pid").read_text().strip())
    except (OSError, ValueError):
        return None


def postgres_pid(database_url):
    """The postmaster: the parent of the backend serving our connection."""
    import psycopg

    with psycopg.connect(database_url, connect_timeout=3) as conn:
        backend = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
    return psutil.Process(backend).ppid()


def redis_pid(redis_url):
    client = redis.Redis.from_url(redis_url, socket_connect_timeout=3, socket_timeout=3)
    try:
        return int(client.info("server")["process_id"])
    finally:
        client.close()


def opensearch_pid(search_url):
    answer = requests.get(f"{search_url.rstrip('/')}/_nodes/_local/process", timeout=5).json()
    return next(iter(answer["nodes"].values()))["process"]["id"]


def memory_report(state, env):
    rows = []
    for label, name in STACK_SERVICES.items():
        pid = stack_pid(state, name)
        rows.append((label, pid, tree(pid) if pid else []))
    shared = {
        "postgresql (all databases)": lambda: postgres_pid(env["DATABASE_URL"]),
        "redis (all dbs)": lambda: redis_pid(env["REDIS_URL"]),
        "opensearch (JVM)": lambda: opensearch_pid(env["OPENSEARCH_URL"]),
    }
    for label, find in shared.items():
        try:
            pid = find()
        except Exception as exc:  # a service that cannot be found is reported, not fatal
            print(f"measure: {label}: not found ({exc.__class__.__name__})", file=sys.stderr)
            pid = None
        rows.append((label, pid, tree(pid) if pid else []))
    print("Memory per service (RSS and PSS summed over the process tree)")
    print(f"  {'service':<28} {'pid':>7} {'procs':>5} {'RSS MiB':>9} {'PSS MiB':>9}")
    total_rss = total_pss = 0.0
    for label, pid, processes in rows:
        count, rss, pss = memory(processes)
        total_rss += rss
        total_pss += pss or 0
        pss_text = f"{pss:9.0f}" if pss is not None else f"{'-':>9}"
        print(f"  {label:<28} {pid or '-':>7} {count:>5} {rss:9.0f} {pss_text}")
    print(f"  {'total':<28} {'':>7} {'':>5} {total_rss:9.0f} {total_pss:9.0f}")


# ---- throughput ----


def first_session_id(api):
    answer = requests.get(f"{api}/api/v1/sessions/?year=2027&locale=en&page_size=1", timeout=30)
    answer.raise_for_status()
    return answer.json()["results"][0]["id"]


def api_routes(api):
    session = first_session_id(api)
    return [
        ("editions", "GET", f"{api}/api/v1/editions/", None),
        ("sessions list", "GET", f"{api}/api/v1/sessions/?year=2027&locale=en", None),
        ("session", "GET", f"{api}/api/v1/sessions/{session}/?locale=en", None),
        ("speakers", "GET", f"{api}/api/v1/speakers/?locale=en", None),
        ("search", "GET", f"{api}/api/v1/search/?q=cluster&locale=en", None),
        ("agenda.ics", "GET", f"{api}/api/v1/editions/2027/agenda.ics", None),
        ("graphql", "POST", f"{api}/graphql/", {"query": GRAPHQL}),
    ]


def load(routes, clients, seconds):
    """{route: [latency seconds]}, {route: Counter(error kind)}, elapsed seconds."""
    latencies = defaultdict(list)
    errors = defaultdict(Counter)
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client(offset):
        http = requests.Session()
        mine, failed = defaultdict(list), defaultdict(Counter)
        start.wait()
        i = offset
        while time.monotonic() < stop_at[0]:
            name, method, url, body = routes[i % len(routes)]
            i += 1
            began = time.monotonic()
            try:
                answer = http.request(method, url, json=body, timeout=30)
                answer.content  # noqa: B018 (read the whole body)
                ok = 200 <= answer.status_code < 300 or answer.status_code == 304
                kind = None if ok else str(answer.status_code)
            except requests.RequestException as exc:
                kind = exc.__class__.__name__
            mine[name].append(time.monotonic() - began)
            if kind:
                failed[name][kind] += 1
        http.close()
        with lock:
            for name, values in mine.items():
                latencies[name].extend(values)
            for name, counts in failed.items():
                errors[name].update(counts)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    stop_at[0] = time.monotonic() + seconds
    began = time.monotonic()
    start.wait()
    for thread in threads:
        thread.join()
    return latencies, errors, time.monotonic() - began


def percentile(values, fraction):
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(fraction * 100) - 1]


def throughput_report(title, routes, clients, seconds):
    latencies, errors, elapsed = load(routes, clients, seconds)
    print(f"\n{title}: {clients} clients for {seconds} s")
    print(f"  {'route':<16} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    everything = []
    total_errors = Counter()
    for name, *_ in routes:
        values = latencies.get(name, [])
        everything.extend(values)
        total_errors.update(errors.get(name, Counter()))
        print(
            f"  {name:<16} {len(values):>8} {len(values) / elapsed:8.1f} "
            f"{percentile(values, 0.5) * 1000:8.0f} {percentile(values, 0.95) * 1000:8.0f} "
            f"{sum(errors.get(name, Counter()).values()):>7}"
        )
    print(
        f"  {'all':<16} {len(everything):>8} {len(everything) / elapsed:8.1f} "
        f"{percentile(everything, 0.5) * 1000:8.0f} {percentile(everything, 0.95) * 1000:8.0f} "
        f"{sum(total_errors.values()):>7}"
    )
    if total_errors:
        print("  errors by kind: " + ", ".join(f"{k}: {v}" for k, v in total_errors.items()))
    return sum(total_errors.values())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--stack-dir",
        type=Path,
        default=Path(os.environ.get("STACK_DIR", ROOT / "var" / "stack")),
        help="the stack's state directory (default: $STACK_DIR, else var/stack)",
    )
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--seconds", type=int, default=20, help="seconds per phase (default 20)")
    parser.add_argument("--no-load", action="store_true", help="memory only")
    args = parser.parse_args()
    if args.clients < 1 or args.seconds < 1:
        parser.error("--clients and --seconds must be at least 1")
    env = read_env(args.stack_dir)
    api, site = env["STACK_API_URL"], env["STACK_SITE_URL"]
    try:
        ready = requests.get(f"{api}/readyz", timeout=10)
    except requests.RequestException:
        sys.exit(f"measure: {api}/readyz does not answer; is the stack running? (make stack)")
    if ready.status_code != 200:
        sys.exit(f"measure: the stack is not ready: {ready.text}")
    print(f"Stack at {api} (site {site}); {os.cpu_count()} CPU cores on this machine")
    print(f"API_ANON_THROTTLE_RATE={env.get('API_ANON_THROTTLE_RATE', '')!r}\n")
    memory_report(args.stack_dir, env)
    if args.no_load:
        return 0
    routes = api_routes(api)
    # One pass over every route first, so no phase measures a cold cache or a first connection.
    for _name, method, url, body in routes:
        requests.request(method, url, json=body, timeout=30)
    failed = throughput_report(
        f"API mix (gunicorn, {env.get('STACK_WORKERS', '?')} workers)",
        routes,
        args.clients,
        args.seconds,
    )
    home = [("site home", "GET", f"{site}/bg", None)]
    requests.get(home[0][2], timeout=30)
    failed += throughput_report("Site home page (next start)", home, args.clients, args.seconds)
    print("\nAfter the load:")
    memory_report(args.stack_dir, env)
    if failed:
        print(f"\nmeasure: {failed} requests failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
