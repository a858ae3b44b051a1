"""`make bench` and `make load` run end to end on tiny data: the bench prints its table, the
query comparison and its last line (timings are printed, never asserted); the locustfile drives
a production gunicorn on the demo without a single failed request; the load runner refuses bad
settings before starting a stack and reports runs side by side."""

import csv
import os
import re
import secrets
import shutil
import subprocess
import sys

import psycopg
import pytest
import redis
from django.db import connection

from tests.servers import ROOT, Gunicorn, database_url, production_env

BENCH = ROOT / "platform" / "bench" / "bench.py"
LOCUSTFILE = ROOT / "platform" / "load" / "locustfile.py"
REPORT = ROOT / "platform" / "load" / "report.py"
RUN = ROOT / "platform" / "load" / "run.sh"
STACK = ROOT / "platform" / "scripts" / "stack.sh"
SECONDS = 600


def _needs_services():
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        pytest.skip("needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")


@pytest.fixture
def bench_database():
    """A new database name for the bench (which creates it); dropped afterwards with the bench's
    cache keys and files."""
    _needs_services()
    name = f"conf_bench_t{secrets.token_hex(4)}"
    server = database_url().rsplit("/", 1)[0]
    yield server, name
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    for key in client.scan_iter(match=f"bench-{name}:*", count=1000):
        client.delete(key)
    shutil.rmtree(ROOT / "var" / "bench" / name, ignore_errors=True)


def _bench(server, name, *args):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "API_", "PYTEST_"))
    }
    env.update(BENCH_PG=server, BENCH_REDIS_URL=os.environ["REDIS_URL"])
    result = subprocess.run(
        [sys.executable, str(BENCH), "--database", name, "--search", "database", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=SECONDS,
        check=False,
    )
    assert result.returncode == 0, f"bench failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout.splitlines()


def _rows(lines, header):
    """The rows of the table under `header` (up to the first empty line)."""
    start = next(i for i, line in enumerate(lines) if line.split() == header.split())
    rows = []
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        rows.append(line)
    return rows


@pytest.mark.slow
def test_bench_prints_its_tables_and_the_raw_ratio_last(bench_database):
    server, name = bench_database
    lines = _bench(server, name, "--editions", "2", "--sessions", "20", "--repeat", "3")

    assert any(re.fullmatch(r"data: built .*20 sessions.* in [\d.]+ s", line) for line in lines)
    rows = _rows(lines, "route mode status n p50 ms p95 ms bytes queries")
    routes = {re.split(r"\s{2,}", row)[0] for row in rows}
    for export in ("schedule.json", "schedule.xml", "agenda.ics", "agenda.csv"):
        assert f"{export} newest 2001" in routes
        assert f"{export} past 2000" in routes
    assert {
        "sessions page 2001",
        "speakers page",
        "graphql agenda 2001",
        "search cyrillic",
        "search latin",
        "search typo",
        "wagtail api v2 20",
        "wagtail api v2 edition",
    } <= routes
    for row in rows:
        cells = re.split(r"\s{2,}", row)
        assert cells[1] in {"cold", "warm", "cond", "raw"}, row
        assert set(cells[2].split("/")) <= {"200", "304"}, row
        assert int(cells[3]) >= 1, row
        float(cells[4]), float(cells[5]), int(cells[6]), int(cells[7])  # noqa: B018

    assert "SQL queries per request, 20 sessions / 2 sessions per edition" in lines
    queries = _rows(lines, "route cold warm")
    assert [re.split(r"\s{2,}", row)[0] for row in queries][:4] == [
        "schedule.json",
        "schedule.xml",
        "agenda.ics",
        "agenda.csv",
    ]
    assert any(line.startswith("agenda-vs-wagtail-api: ") for line in lines)
    assert re.fullmatch(r"schedule-json-warm-vs-raw: \d+\.\d\dx", lines[-1]), lines[-1]

    # A second run finds the same data and index and builds nothing.
    again = _bench(server, name, "--editions", "2", "--sessions", "20", "--repeat", "1")
    assert any(line.startswith("data: reused 2 editions x 20 sessions") for line in again)
    assert any(line.startswith("search: database, index reused") for line in again)
    assert re.fullmatch(r"schedule-json-warm-vs-raw: \d+\.\d\dx", again[-1])


@pytest.mark.slow
def test_locustfile_runs_against_a_production_server_without_failures(demo_db, db, tmp_path):
    _needs_services()
    env = production_env(
        API_ANON_THROTTLE_RATE="1000000/min",
        DJANGO_SECURE_SSL_REDIRECT="false",
        CACHE_KEY_PREFIX=secrets.token_hex(8),
    )
    server = Gunicorn(env, tmp_path / "gunicorn.log")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless"]
            + ["--only-summary", "-H", server.url, "-u", "4", "-r", "4", "-t", "6s"]
            + ["--csv", str(tmp_path / "smoke")],
            cwd=ROOT,
            env={**env, "LOAD_WAIT": "0.05-0.2"},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        server.stop()
    assert result.returncode == 0, f"locust failed:\n{result.stdout}\n{result.stderr}"
    with open(tmp_path / "smoke_stats.csv", newline="") as handle:
        stats = {row["Name"]: row for row in csv.DictReader(handle)}
    assert int(stats["Aggregated"]["Request Count"]) > 0
    assert int(stats["Aggregated"]["Failure Count"]) == 0
    assert "/api/v1/sessions/?year=[year]&page=[n]" in stats

    report = subprocess.run(
        [sys.executable, str(REPORT), f"smoke={tmp_path / 'smoke_stats.csv'}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert report.returncode == 0, report.stderr
    header, *rest = [line for line in report.stdout.splitlines() if line.strip()]
    assert header.split()[:4] == ["route", "smoke", "req", "smoke"]
    assert rest[-1].startswith("all routes")


def _stats_csv(path, rows):
    """A locust *_stats.csv with `rows` of (name, requests, failures, req/s, p50, p95)."""
    fields = ["Type", "Name", "Request Count", "Failure Count", "Requests/s", "50%", "95%"]
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(fields)
        for name, count, failures, rate, p50, p95 in rows:
            kind = "" if name == "Aggregated" else "GET"
            writer.writerow([kind, name, count, failures, rate, p50, p95])
    return path


def test_load_report_puts_runs_side_by_side_and_fails_on_failures(tmp_path):
    warm = _stats_csv(
        tmp_path / "warm.csv",
        [
            ("/a", 100, 0, 50.0, 10, 30),
            ("/b", 50, 0, 25.0, 12, 40),
            ("Aggregated", 150, 0, 75, 11, 35),
        ],
    )
    cold = _stats_csv(
        tmp_path / "cold.csv", [("/a", 30, 0, 15.0, 90, 300), ("Aggregated", 30, 0, 15.0, 90, 300)]
    )
    result = subprocess.run(
        [sys.executable, str(REPORT), f"warm={warm}", f"cold={cold}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = [line.split() for line in result.stdout.splitlines() if line.strip()]
    assert lines[0][:2] == ["route", "warm"]
    rows = {line[0]: line[1:] for line in lines[2:] if line[0].startswith("/")}
    assert rows["/a"] == ["100", "50.0", "10", "30", "0", "30", "15.0", "90", "300", "0"]
    assert rows["/b"][5:] == ["-"] * 5
    assert lines[-2][:2] == ["all", "routes"]
    assert result.stdout.rstrip().endswith("throughput warm/cold: 5.00x requests per second")

    failed = _stats_csv(
        tmp_path / "failed.csv", [("/a", 10, 2, 5.0, 9, 9), ("Aggregated", 10, 2, 5, 9, 9)]
    )
    result = subprocess.run(
        [sys.executable, str(REPORT), f"failed={failed}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1


def test_load_runner_refuses_bad_settings_before_starting_a_stack(tmp_path):
    state = tmp_path / "load"
    for env, message in [
        ({"LOAD_USERS": "0"}, "must be positive numbers"),
        ({"LOAD_SECONDS": "2m"}, "must be positive numbers"),
        ({"LOAD_PHASES": "warm hot"}, "LOAD_PHASES lists warm and/or cold"),
    ]:
        result = subprocess.run(
            ["bash", str(RUN)],
            env={**os.environ, "LOAD_STACK_DIR": str(state), **env},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 2, result
        assert message in result.stderr
    assert not state.exists()
    result = subprocess.run(
        ["bash", str(STACK), "start"],
        env={**os.environ, "STACK_DIR": str(state), "STACK_RESPONSE_CACHE": "off"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "STACK_RESPONSE_CACHE must be 0 or 1" in result.stderr
    assert not state.exists()
