"""Faults of the search parts: a broken search table, a stopped search node, a broker that does
not answer. Searches keep answering (degraded), and a publish never fails for the editor: the
updates an engine missed are kept and applied once it is back."""

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection
from rest_framework.test import APIClient

from cms.celery import app as celery_app
from cms.core import outbox
from search import engines, indexing
from search.models import PendingUpdate
from tests.search import content
from tests.search.conftest import ENGINES

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _rename(old, new):
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {old} RENAME TO {new}")


@pytest.fixture
def database_engine_only(settings):
    settings.SEARCH_OPENSEARCH_URL = ""
    settings.SEARCH_ELASTICSEARCH_URL = ""
    return settings


@pytest.fixture
def broken_table():
    """The database engine's table gone from under it (rolled back with the test)."""
    _rename("search_document", "search_document_broken")
    state = {"broken": True}

    def repair():
        if state["broken"]:
            _rename("search_document_broken", "search_document")
            state["broken"] = False

    yield repair
    repair()


def test_a_broken_search_table_gives_a_degraded_answer_not_a_500(
    database_engine_only, broken_table
):
    client = APIClient()
    for path in ("/api/v1/search/", "/api/v1/search/suggest/"):
        response = client.get(path, {"q": "Sofia Tech Park", "locale": "en"})
        assert response.status_code == 200, response.content[:300]
        assert response.json()["degraded"] is True
    body = client.post(
        "/graphql/", {"query": '{ search(q: "Sofia") { total degraded } }'}, format="json"
    ).json()
    assert "errors" not in body, body
    assert body["data"]["search"]["degraded"] is True
    # The request's transaction is still usable after the failed statement.
    assert client.get("/api/v1/editions/").status_code == 200


def test_a_broken_table_and_a_down_engine_still_answer(settings, broken_table):
    settings.SEARCH_OPENSEARCH_URL = f"http://127.0.0.1:{_free_port()}"
    settings.SEARCH_TIMEOUT = 1.0
    response = APIClient().get("/api/v1/search/", {"q": "Sofia"})
    assert response.status_code == 200 and response.json()["degraded"] is True


def test_publishing_with_a_broken_index_succeeds_and_the_update_arrives_later(
    database_engine_only, broken_table, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edition = content.edition(content.conference(), 2033)
        session = content.session(edition, "Устойчиви вериги", slug="chains")
    doc_id = f"page:{session.pk}"
    assert PendingUpdate.objects.filter(engine="database", doc_id=doc_id).exists()
    broken_table()  # repaired
    assert indexing.replay() >= 1
    assert engines.database().get(doc_id)["title"] == "Устойчиви вериги"
    assert not PendingUpdate.objects.filter(engine="database").exists()


class _BrokerDown:
    """Celery really queues (not eager) to a broker address where nothing listens, until
    `restore()` gives back the eager in-process queue of the tests."""

    names = ("task_always_eager", "broker_url", "broker_write_url")

    def __init__(self):
        conf = celery_app.conf
        self.saved = {name: conf[name] for name in self.names}
        self.saved_pools = (celery_app._pool, celery_app.amqp._producer_pool)
        closed = f"redis://127.0.0.1:{_free_port()}/0"
        conf.update(task_always_eager=False, broker_url=closed, broker_write_url=closed)
        celery_app._pool = celery_app.amqp._producer_pool = None

    def restore(self):
        if self.saved is not None:
            celery_app.conf.update(self.saved)
            celery_app._pool, celery_app.amqp._producer_pool = self.saved_pools
            self.saved = None


@pytest.fixture
def broker_down(settings):
    down = _BrokerDown()
    yield down
    down.restore()


def test_publishing_with_the_queue_down_succeeds_and_the_sweep_indexes_later(
    database_engine_only, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edition = content.edition(content.conference(), 2034)
        session = content.session(edition, "Кръгова икономика", slug="circular")
    # The publish went through; its change events wait in the outbox, the session is not
    # searchable yet (it is marked as changing, so no stale copy shows either).
    waiting = outbox.undelivered().filter(subject=f"page:{session.pk}")
    assert waiting.filter(dispatched_at__isnull=True).exists()
    assert engines.database().get(f"page:{session.pk}") is None
    assert outbox.sweep() == 0  # still down: nothing queued, nothing lost

    broker_down.restore()
    assert outbox.sweep() >= 1
    assert engines.database().get(f"page:{session.pk}")["title"] == "Кръгова икономика"
    assert not outbox.undelivered().exists()


@pytest.fixture(scope="module")
def own_node(tmp_path_factory):
    """A search node of this module's own, on its own port, that the tests stop and start."""
    if "opensearch" not in ENGINES:
        pytest.skip("SEARCH_ENGINES does not list opensearch")
    port = _free_port()
    env = {
        **os.environ,
        "SEARCH_NODE_PORT": str(port),
        "SEARCH_NODE_DIR": str(tmp_path_factory.mktemp("search-node")),
    }
    script = ROOT / "platform" / "scripts" / "search-node.sh"

    def run(action):
        subprocess.run(["bash", str(script), action], env=env, check=True, timeout=600)

    run("start")
    try:
        yield {
            "url": f"http://127.0.0.1:{port}",
            "start": lambda: run("start"),
            "stop": lambda: run("stop"),
        }
    finally:
        run("stop")


def _wait_for(condition, seconds=120):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met before the deadline"
        time.sleep(0.5)


def test_search_node_stopped_and_started_again(
    own_node, settings, django_capture_on_commit_callbacks
):
    settings.SEARCH_OPENSEARCH_URL = own_node["url"]
    settings.SEARCH_ELASTICSEARCH_URL = ""
    settings.SEARCH_INDEX_PREFIX = settings.SEARCH_INDEX_PREFIX + "faults_"
    with django_capture_on_commit_callbacks(execute=True):
        edition = content.edition(content.conference(), 2035)
    external = engines.external()
    indexing.rebuild(external)
    client = APIClient()
    assert client.get("/api/v1/search/", {"q": "Издание"}).json()["degraded"] is False

    own_node["stop"]()
    answer = client.get("/api/v1/search/", {"q": "Издание"})
    assert answer.status_code == 200 and answer.json()["degraded"] is True
    with django_capture_on_commit_callbacks(execute=True):
        session = content.session(edition, "Водородни долини", slug="hydrogen")
    doc_id = f"page:{session.pk}"
    assert PendingUpdate.objects.filter(engine=external.name, doc_id=doc_id).exists()
    assert engines.database().get(doc_id)["title"] == "Водородни долини"

    own_node["start"]()
    _wait_for(external.ping)
    assert indexing.replay() >= 1
    assert external.get(doc_id)["title"] == "Водородни долини"
    answer = client.get("/api/v1/search/", {"q": "Водородни"}).json()
    assert answer["degraded"] is False
    assert [h["title"] for h in answer["results"]] == ["Водородни долини"]
    external.drop()
