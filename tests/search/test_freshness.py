"""Publishing, unpublishing, deleting, moving and translating update the index through the
publish outbox: change events queued on commit, delivered by a real worker process over a real
Redis broker.

Needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL), so that the worker sees committed data.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection
from wagtail.models import Locale

from cms.celery import app as celery_app
from search import engines
from search.engines import EngineError
from search.models import IndexedDocument
from tests.search import content
from tests.search.conftest import ENGINES, _opensearch_url

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 180  # a deadline, not a delay: each wait ends as soon as its condition holds


def _needs_services():
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        pytest.skip("needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")


def _database_url():
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.fixture(scope="module")
def worker(django_db_setup, django_db_blocker, tmp_path_factory):
    """A `celery worker` subprocess on its own queue, using the test database."""
    _needs_services()
    tag = os.environ.get("PYTEST_XDIST_WORKER", "main") + "fresh"
    queue = f"search-test-{tag}-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": _database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "PYTEST_XDIST_WORKER": tag,
        "OPENSEARCH_URL": _opensearch_url() if "opensearch" in ENGINES else "",
    }
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "cms", "worker", "-P", "solo", "-Q", queue]
            + ["--without-mingle", "--without-gossip", "-l", "INFO"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield {"queue": queue, "prefix": worker_prefix(tag), "log": log, "process": process}
    finally:
        celery_app.conf.task_always_eager = eager
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        with django_db_blocker.unblock():
            external = engines.external()
            if external is not None:
                external.alias = f"{worker_prefix(tag)}documents"
                external.next_alias = f"{external.alias}-next"
                external.drop()


def worker_prefix(tag):
    return f"test_{os.environ.get('TEST_RUN_ID', '')}{tag}_"


@pytest.fixture
def live(worker, settings):
    """Settings of this process matched to the worker's: queue, index prefix, engines."""
    settings.SEARCH_TASK_QUEUE = worker["queue"]
    settings.OUTBOX_TASK_QUEUE = worker["queue"]
    settings.SEARCH_INDEX_PREFIX = worker["prefix"]
    settings.SEARCH_OPENSEARCH_URL = _opensearch_url() if "opensearch" in ENGINES else ""
    settings.SEARCH_ELASTICSEARCH_URL = ""
    yield worker
    # The worker may still be finishing an event (its last statements come after the index
    # shows the change): the database is flushed after it, not while it holds locks.
    from cms.core import outbox

    deadline = time.monotonic() + WAIT_SECONDS
    while outbox.undelivered().filter(attempts=0).exists() and time.monotonic() < deadline:
        if worker["process"].poll() is not None:
            break
        time.sleep(0.2)


def _titles_everywhere(doc_id):
    """{engine name: title or None} of one document, in every engine in use."""
    found = {}
    for engine in (engines.database(), engines.external()):
        if engine is not None:
            try:
                doc = engine.get(doc_id)
            except EngineError as exc:  # a busy node: ask again at the next poll
                found[engine.name] = f"unanswered: {exc}"
                continue
            found[engine.name] = doc["title"] if doc else None
    return found


def wait_until(doc_id, expected, worker):
    """Wait until every engine has `expected` as the title of doc_id (None: no document)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        found = _titles_everywhere(doc_id)
        if all(value == expected for value in found.values()):
            return found
        if time.monotonic() > deadline or worker["process"].poll() is not None:
            log = Path(worker["log"]).read_text()[-3000:]
            pytest.fail(f"{doc_id}: wanted {expected!r}, engines have {found}\n{log}")
        time.sleep(0.2)


def test_publish_edit_unpublish_and_delete(live):
    conference = content.conference()
    edition = content.edition(conference, 2031)
    session = content.session(edition, "Квантови клъстери", slug="quantum")
    doc_id = f"page:{session.pk}"
    wait_until(doc_id, "Квантови клъстери", live)

    session.title = "Квантови клъстери и мрежи"
    content.publish(session)
    wait_until(doc_id, "Квантови клъстери и мрежи", live)

    session.unpublish()
    wait_until(doc_id, None, live)

    content.publish(session)
    wait_until(doc_id, "Квантови клъстери и мрежи", live)
    session.delete()
    wait_until(doc_id, None, live)


def test_move_to_another_edition_changes_the_year(live):
    conference = content.conference()
    first = content.edition(conference, 2031)
    second = content.edition(conference, 2032)
    session = content.session(first, "Пренесена сесия", slug="moved")
    doc_id = f"page:{session.pk}"
    wait_until(doc_id, "Пренесена сесия", live)
    session.move(second, pos="last-child")
    deadline = time.monotonic() + WAIT_SECONDS
    while IndexedDocument.objects.get(doc_id=doc_id).data["years"] != [2032]:
        assert time.monotonic() < deadline, "the moved session kept its old year"
        time.sleep(0.2)


def test_translation_and_speaker_changes(live):
    speaker = content.person("Ралица Петрова", slug="ralitsa")
    conference = content.conference()
    edition = content.edition(conference, 2031)
    session = content.session(edition, "Зелени клъстери", slug="green", speakers=[speaker])
    wait_until(f"person:{speaker.pk}", "Ралица Петрова", live)

    en = Locale.objects.get(language_code="en")
    en_conference = content.publish(conference.copy_for_translation(en))
    assert en_conference.locale == en
    en_edition = edition.copy_for_translation(en)
    en_edition.title = "Edition 2031"
    en_edition.save()
    content.publish(en_edition)
    en_session = session.copy_for_translation(en)
    en_session.title = "Green clusters"
    en_session.save()
    en_session = content.publish(en_session)
    wait_until(f"page:{en_session.pk}", "Green clusters", live)

    speaker.name = "Ралица Петрова-Иванова"
    speaker.save_revision().publish()
    wait_until(f"person:{speaker.pk}", "Ралица Петрова-Иванова", live)
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        names = [
            s["name"]
            for s in IndexedDocument.objects.get(doc_id=f"page:{session.pk}").data["speakers"]
        ]
        if names == ["Ралица Петрова-Иванова"]:
            break
        assert time.monotonic() < deadline, f"speaker name not updated in the session: {names}"
        time.sleep(0.2)


def test_rolled_back_changes_queue_nothing(live):
    from django.db import transaction

    conference = content.conference()
    edition = content.edition(conference, 2031)
    with pytest.raises(RuntimeError), transaction.atomic():
        session = content.session(edition, "Никога", slug="never")
        raise RuntimeError
    canary = content.session(edition, "Канарче", slug="canary")
    wait_until(f"page:{canary.pk}", "Канарче", live)
    assert not IndexedDocument.objects.filter(title="Никога").exists()
    assert session.pk is not None
