"""The nightly consistency check: the index against what the published content builds now.
Drift of every kind (a missing document, a stale one, one that is no longer public, content
changed behind the index's back) is found and repaired, in every engine under test; an index in
step reports nothing."""

import pytest
from django.db import transaction

from cms.conference.models import SessionPage
from search import documents, engines, indexing, tasks
from search.documents import Ref
from search.models import IndexedDocument
from tests.search import content
from tests.search.conftest import ENGINES, _opensearch_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def both_engines(settings):
    settings.SEARCH_ELASTICSEARCH_URL = ""
    settings.SEARCH_OPENSEARCH_URL = _opensearch_url() if "opensearch" in ENGINES else ""
    settings.SEARCH_INDEX_PREFIX = settings.SEARCH_INDEX_PREFIX + "consistency_"
    external = engines.external()
    if external is not None:
        external.drop()
    yield [engines.database()] + ([external] if external is not None else [])
    if external is not None:
        external.drop()


def _report():
    return tasks.check_consistency.apply().get()


def test_drift_in_every_engine_is_found_and_repaired(
    both_engines, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edition = content.edition(content.conference(), 2037)
        kept = content.session(edition, "Дигитални близнаци", slug="twins")
        dropped = content.session(edition, "Роботика", slug="robots")
        renamed = content.session(edition, "Изкуствен интелект", slug="ai")
    for engine in both_engines:  # other content of the test database (the demo) indexed too
        indexing.rebuild(engine)
    clean = _report()
    assert set(clean) == {engine.name for engine in both_engines}
    for counts in clean.values():
        assert counts["checked"] >= 4
        assert (counts["missing"], counts["stale"], counts["extra"]) == (0, 0, 0)

    # Drift the index was never told about, in every engine.
    (built,), _gone = documents.build([Ref("page", kept.pk)])
    ghost = dict(built, doc_id="page:999999", object_id=999999)
    stale = dict(built, title="Старо заглавие")
    for engine in both_engines:
        engine.delete([f"page:{dropped.pk}"])  # lost
        with transaction.atomic():
            engine.upsert([stale, ghost])  # stale, and a document nothing builds any more
    # Content changed behind the index's back (no signal, no outbox event).
    SessionPage.objects.filter(pk=renamed.pk).update(title="Машинно обучение")
    assert IndexedDocument.objects.filter(doc_id="page:999999").exists()

    drift = _report()
    for engine in both_engines:
        counts = drift[engine.name]
        assert counts["missing"] == 1, (engine.name, counts)
        assert counts["stale"] == 2, (engine.name, counts)
        assert counts["extra"] == 1, (engine.name, counts)
        assert engine.get(f"page:{dropped.pk}")["title"] == "Роботика"
        assert engine.get(f"page:{kept.pk}")["title"] == "Дигитални близнаци"
        assert engine.get(f"page:{renamed.pk}")["title"] == "Машинно обучение"
        assert engine.get("page:999999") is None

    for counts in _report().values():
        assert (counts["missing"], counts["stale"], counts["extra"]) == (0, 0, 0)
