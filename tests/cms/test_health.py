"""/healthz and /readyz on the real PostgreSQL, Redis and search engine, and with each one gone."""

import secrets
from pathlib import Path

import pytest
import redis
import requests
from celery import shared_task
from django.conf import settings
from django.db import connection

from cms.celery import app as celery_app
from cms.core import health
from tests.servers import Gunicorn, database_url, free_port, production_env

ROOT = Path(__file__).resolve().parents[2]


@shared_task(name="tests.health.noop")
def noop(number):
    return number


def closed_url(scheme):
    """A URL on a free local port: nothing listens, connections are refused at once."""
    return f"{scheme}://127.0.0.1:{free_port()}"


def assert_no_details(response):
    """The body names parts and error classes, never messages, hosts or ports."""
    text = response.content.decode()
    for secret in ("Connection refused", "127.0.0.1", "Traceback", settings.SECRET_KEY):
        assert secret not in text


def test_healthz_answers_without_touching_the_database(client):
    # No database fixture: any query here would fail the test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_ready_on_the_real_services(client):
    if not (settings.REDIS_URL and settings.SEARCH_OPENSEARCH_URL):
        pytest.skip("needs REDIS_URL and OPENSEARCH_URL")
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ready"
    assert "failing" not in body
    assert set(body["checks"]) == {"database", "migrations", "redis", "search"}
    assert all(check["status"] == "ok" for check in body["checks"].values())
    assert body["checks"]["search"]["engine"] == "opensearch"
    assert isinstance(body["queues"]["conference"], int)
    assert isinstance(body["outbox"]["undelivered"], int)
    assert body["outbox"]["oldest_seconds"] >= 0
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response


@pytest.mark.django_db
def test_readyz_is_never_throttled(client, settings):
    settings.API_ANON_THROTTLE_RATE = "1/min"
    assert all(client.get("/readyz").status_code != 429 for _ in range(3))


def test_readyz_is_not_in_the_openapi_schema():
    schema = (ROOT / "api" / "schema" / "openapi.yaml").read_text()
    assert "readyz" not in schema and "healthz" not in schema


@pytest.mark.django_db
def test_readyz_refuses_writes(client):
    assert client.post("/readyz").status_code == 405


@pytest.mark.django_db
def test_readyz_names_redis_when_redis_is_down(client, settings):
    settings.REDIS_URL = settings.CELERY_BROKER_URL = closed_url("redis") + "/0"
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 503, body
    assert body["status"] == "not ready"
    assert body["failing"] == ["redis"]
    assert body["checks"]["redis"] == {
        "status": "error",
        "error": "ConnectionError",
        "ms": body["checks"]["redis"]["ms"],
    }
    assert body["checks"]["database"]["status"] == "ok"
    assert body["queues"] == {"conference": None}
    assert_no_details(response)


@pytest.mark.django_db
def test_readyz_names_search_when_the_engine_is_down(client, settings):
    settings.SEARCH_OPENSEARCH_URL = closed_url("http")
    settings.SEARCH_ELASTICSEARCH_URL = ""
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 503, body
    assert body["failing"] == ["search"]
    assert body["checks"]["search"]["status"] == "unreachable"
    assert_no_details(response)


@pytest.mark.django_db
def test_readyz_without_redis_or_external_search_is_ready(client, settings):
    """The SQLite demo's shape: no Redis (eager tasks), database search."""
    settings.REDIS_URL = ""
    settings.CELERY_BROKER_URL = "memory://"
    settings.SEARCH_OPENSEARCH_URL = settings.SEARCH_ELASTICSEARCH_URL = ""
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200, body
    assert body["checks"]["redis"]["status"] == "not configured"
    assert body["checks"]["search"]["status"] == "ok"
    assert body["checks"]["search"]["engine"] == "database"
    assert body["queues"] == {"conference": None}


def test_readyz_reports_a_failing_check_by_its_class_name_only():
    def broken():
        raise RuntimeError("password=hunter2 at db.internal:5432")

    ready, body = health.readiness({"broken": broken, "fine": lambda: {"status": "ok"}})
    assert not ready
    assert body["failing"] == ["broken"]
    assert body["checks"]["broken"]["error"] == "RuntimeError"
    assert "hunter2" not in str(body)


@pytest.mark.django_db(transaction=True)
def test_readyz_names_migrations_when_one_is_not_applied(client):
    """A real unapplied state: the recorder's row of the latest core migration is removed."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, app, name, applied FROM django_migrations WHERE app = 'core' "
            "ORDER BY name DESC LIMIT 1"
        )
        row = cursor.fetchone()
        cursor.execute("DELETE FROM django_migrations WHERE id = %s", [row[0]])
    try:
        response = client.get("/readyz")
        body = response.json()
        assert response.status_code == 503, body
        assert "migrations" in body["failing"]
        assert body["checks"]["migrations"] == {
            "status": "unapplied",
            "unapplied": 1,
            "ms": body["checks"]["migrations"]["ms"],
        }
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO django_migrations (id, app, name, applied) VALUES (%s, %s, %s, %s)",
                row,
            )
    assert client.get("/readyz").json()["checks"]["migrations"]["status"] == "ok"


@pytest.mark.django_db
def test_readyz_counts_messages_waiting_in_the_queues(client, settings, monkeypatch):
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        pytest.skip("needs REDIS_URL")
    queue = f"health-test-{secrets.token_hex(4)}"
    settings.SEARCH_TASK_QUEUE = queue
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    try:
        assert client.get("/readyz").json()["queues"][queue] == 0
        for number in range(3):
            noop.apply_async(args=[number], queue=queue)
        noop.apply_async(args=[9], queue=queue, priority=5)
        body = client.get("/readyz").json()
        assert body["queues"][queue] == 4
        assert set(body["queues"]) == {"conference", queue}
    finally:
        broker.delete(queue, *(f"{queue}{health.PRIORITY_SEP}{s}" for s in health.PRIORITY_STEPS))
        broker.close()


@pytest.mark.django_db
def test_probes_answer_plain_http_under_production_settings(tmp_path):
    """Behind TLS the API redirects plain HTTP to HTTPS; the probes of a load balancer or
    orchestrator speak plain HTTP to the node and get their answer."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL), shared with the server process")
    server = Gunicorn(production_env(DATABASE_URL=database_url()), tmp_path / "gunicorn.log")
    try:
        plain = {"allow_redirects": False, "timeout": 30}
        api = requests.get(server.url + "/api/v1/editions/", **plain)
        assert api.status_code == 301
        assert requests.get(server.url + "/healthz", **plain).status_code == 200
        ready = requests.get(server.url + "/readyz", **plain)
        assert ready.status_code == 200, (ready.text, server.log()[-3000:])
        assert ready.json()["checks"]["redis"]["status"] == "ok"
    finally:
        server.stop()
