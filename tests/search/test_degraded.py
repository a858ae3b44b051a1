"""When the engine is down, searches answer from the database with `degraded`, and the updates
it missed are applied when it is back. "Down" is a real address where nothing listens."""

import socket

import pytest
from django.core.management import call_command

from search import engines, indexing, service
from search.documents import Ref
from search.models import PendingUpdate
from search.query import Query
from tests.search.conftest import ENGINES, _opensearch_url

pytestmark = pytest.mark.django_db


def closed_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # closed again: connections are refused


@pytest.fixture
def engine_down(settings, indexed_demo):
    settings.SEARCH_OPENSEARCH_URL = closed_port_url()
    settings.SEARCH_ELASTICSEARCH_URL = ""
    settings.SEARCH_TIMEOUT = 1.0
    return settings


def test_search_answers_from_the_database_when_the_engine_is_down(engine_down):
    result = service.search(Query(text="Sofia Tech Park", locale="bg"))
    assert result.degraded is True
    assert result.engine == "database"
    assert "София Тех Парк" in [h.doc["title"] for h in result.hits]
    suggestions, degraded = service.suggest("соф", locale="bg")
    assert degraded is True and suggestions


def test_updates_missed_while_down_are_applied_when_the_engine_is_back(
    engine_down, indexed_demo, settings
):
    if "opensearch" not in ENGINES:
        pytest.skip("needs OpenSearch")
    from cms.people.models import Organisation

    org = Organisation.objects.get(slug="sofia-tech-park", locale__language_code="en")
    org.name = "Sofia Tech Park Campus"
    org.save()
    ref = Ref("organisation", org.pk)
    indexing.sync([ref])  # what the task does: the engine is down
    assert engines.database().get(ref.doc_id)["title"] == "Sofia Tech Park Campus"
    assert PendingUpdate.objects.filter(doc_id=ref.doc_id).exists()

    settings.SEARCH_OPENSEARCH_URL = _opensearch_url()  # the engine is back
    settings.SEARCH_TIMEOUT = 30.0  # and may be slow on a busy machine: that is not "down"
    external = engines.external()
    try:
        assert external.get(ref.doc_id)["title"] == "Sofia Tech Park"  # it missed the update
        assert indexing.replay() >= 1
        assert external.get(ref.doc_id)["title"] == "Sofia Tech Park Campus"
        assert not PendingUpdate.objects.exists()
        result = service.search(Query(text="campus", locale="en"))
        assert result.degraded is False
        assert "Sofia Tech Park Campus" in [h.doc["title"] for h in result.hits]
    finally:  # the node outlives this test's transaction: put the shared index back
        org.name = "Sofia Tech Park"
        org.save()
        indexing.sync([ref])
    assert external.get(ref.doc_id)["title"] == "Sofia Tech Park"


def test_reindex_command_swaps_the_alias(settings, indexed_demo, capsys):
    if "opensearch" not in ENGINES:
        pytest.skip("needs OpenSearch")
    settings.SEARCH_OPENSEARCH_URL = _opensearch_url()
    settings.SEARCH_INDEX_PREFIX = settings.SEARCH_INDEX_PREFIX + "reindex_"
    external = engines.external()
    try:
        call_command("search_reindex", "--engine", "external")
        first = external.transport.aliases(external.alias)
        count = external.count()
        assert count > 100
        call_command("search_reindex", "--engine", "external")
        second = external.transport.aliases(external.alias)
        assert len(first) == len(second) == 1 and first != second
        assert external.transport.indices(f"{external.alias}-*") == sorted(second)
        assert external.count() == count
        out = capsys.readouterr().out
        assert "100%" in out and f"opensearch: {count} documents" in out
    finally:
        external.drop()


def test_reindex_command_rebuilds_the_database_engine(indexed_demo, capsys, settings):
    settings.SEARCH_OPENSEARCH_URL = ""
    before = engines.database().count()
    call_command("search_reindex", "--engine", "database")
    assert engines.database().count() == before > 100
    assert "database:" in capsys.readouterr().out
