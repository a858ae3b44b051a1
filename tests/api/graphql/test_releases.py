"""GraphQL: releases, one release, the diff between two and Edition.releases, with the same
visibility as REST and no query per edition or release."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.conference import releases
from cms.conference.models import EditionPage, SessionPage
from tests.api import factories, release_content

YEAR = 2096

RELEASES = """query($year: Int!) { releases(year: $year, locale: "en") {
  version number edition releasedAt note noteBg: note(locale: "bg") notes { bg en }
  counts { sessions cancelled speakers rooms days } changes { added removed changed }
  links { self diff scheduleXml scheduleJson } } }"""
RELEASE = """query($year: Int!, $version: String!) { release(year: $year, version: $version) {
  version snapshot { format edition rooms tracks sessions } } }"""
DIFF = """query($year: Int!, $version: String!, $from: String) {
  releaseDiff(year: $year, version: $version, from: $from, locale: "en") {
    edition from { version } to { version } summary { added removed changed } summaryText
    sessions { guid status title { bg en } changes { field before after } session } } }"""
EDITIONS = """{ editions { year releases { version note changes { added } } } }"""


def gql(client, query, **variables):
    response = client.post("/graphql/", {"query": query, "variables": variables}, format="json")
    assert response.status_code == 200, response.content[:300]
    return response.json()


@pytest.fixture
def released(db):
    return release_content.edition_released_twice(YEAR)


def test_graphql_releases_match_rest(client, released):
    body = gql(client, RELEASES, year=YEAR)
    assert "errors" not in body, body
    items = body["data"]["releases"]
    rest = client.get(f"/api/v1/editions/{YEAR}/releases/?locale=en").json()["results"]
    assert [r["version"] for r in items] == ["v2", "v1"]
    for graph, item in zip(items, rest, strict=True):
        assert graph["note"] == item["note"] and graph["counts"] == item["counts"]
        assert graph["changes"] == item["changes"] and graph["notes"] == item["notes"]
        assert graph["links"]["diff"] == item["links"]["diff"]
    assert items[0]["noteBg"] == "Промени в програмата."


def test_graphql_release_has_its_snapshot(client, released):
    body = gql(client, RELEASE, year=YEAR, version="V1")
    assert "errors" not in body, body
    release = body["data"]["release"]
    assert release["version"] == "v1"
    snapshot = released.v1.snapshot
    assert release["snapshot"]["sessions"] == snapshot["sessions"]
    assert release["snapshot"]["edition"] == snapshot["edition"]
    assert gql(client, RELEASE, year=YEAR, version="v9")["data"]["release"] is None


def test_graphql_diff_is_the_five_changes(client, released):
    body = gql(client, DIFF, year=YEAR, version="v2")
    assert "errors" not in body, body
    diff = body["data"]["releaseDiff"]
    assert diff["from"]["version"] == "v1" and diff["to"]["version"] == "v2"
    assert diff["summary"] == {"added": 1, "removed": 1, "changed": 3}
    found = {(s["status"], s["title"]["en"]): s for s in diff["sessions"]}
    assert set(found) == {
        ("changed", "Moved session"),
        ("changed", "New name"),
        ("changed", "Cancelled session"),
        ("added", "Added session"),
        ("removed", "Removed session"),
    }
    assert {c["field"] for c in found[("changed", "Moved session")]["changes"]} == {
        "start",
        "end",
        "room",
    }
    assert found[("changed", "New name")]["changes"] == [
        {
            "field": "title",
            "before": {"bg": "Старо име", "en": "Old name"},
            "after": {"bg": "Ново име", "en": "New name"},
        }
    ]
    assert found[("changed", "Cancelled session")]["changes"] == [
        {"field": "cancelled", "before": False, "after": True}
    ]
    assert found[("added", "Added session")]["changes"] == []
    rest = client.get(f"/api/v1/editions/{YEAR}/releases/v2/diff/?locale=en").json()
    assert diff["summaryText"] == rest["summary_text"]
    assert [s["session"] for s in diff["sessions"]] == [s["session"] for s in rest["sessions"]]
    first = gql(client, DIFF, year=YEAR, version="v1")["data"]["releaseDiff"]
    assert first["from"] is None and first["summary"]["added"] == 7
    backwards = gql(client, DIFF, year=YEAR, version="v1", **{"from": "v2"})["data"]
    assert backwards["releaseDiff"]["summary"] == {"added": 1, "removed": 1, "changed": 3}
    assert gql(client, DIFF, year=YEAR, version="v2", **{"from": "v7"})["data"] == {
        "releaseDiff": None
    }


@pytest.mark.parametrize("version", ["²", "v1\x00", "../v1", "x" * 40, ""])
def test_graphql_refuses_a_malformed_version(client, db, version):
    body = gql(client, RELEASE, year=YEAR, version=version)
    assert body["errors"] and "release name" in body["errors"][0]["message"]
    assert body["data"]["release"] is None


def test_graphql_releases_of_a_hidden_edition_are_null(client, released):
    for page in (released.edition, released.english):
        EditionPage.objects.get(pk=page.pk).unpublish()
    assert gql(client, RELEASES, year=YEAR)["data"]["releases"] is None
    assert gql(client, RELEASE, year=YEAR, version="v1")["data"]["release"] is None
    assert gql(client, DIFF, year=YEAR, version="v2")["data"]["releaseDiff"] is None
    years = [e["year"] for e in gql(client, EDITIONS)["data"]["editions"]]
    assert YEAR not in years


def test_graphql_session_is_cancelled(client, released):
    query = """query($year: Int!) { sessions(year: $year, limit: 50) { title cancelled } }"""
    sessions = gql(client, query, year=YEAR)["data"]["sessions"]
    assert [s["title"] for s in sessions if s["cancelled"]] == ["Отменена сесия"]


def _count(client, query):
    assert "errors" not in gql(client, query)
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        body = gql(client, query)
    assert "errors" not in body, body
    return len(context.captured_queries), body


def test_graphql_edition_releases_load_in_one_go(client, released):
    small, body = _count(client, EDITIONS)
    ours = next(e for e in body["data"]["editions"] if e["year"] == YEAR)
    assert [r["version"] for r in ours["releases"]] == ["v2", "v1"]
    for year in (YEAR + 1, YEAR + 2):
        content = release_content.edition_released_once(year)
        kept = SessionPage.objects.get(pk=content.sessions["kept"][0].pk)
        kept.title = "Друго"
        factories.publish(kept)
        releases.release_create(edition=content.edition, note_bg="Втора.")
    large, body = _count(client, EDITIONS)
    print(f"\nGraphQL editions {{ releases }}: {small} queries, then {large}")
    assert small == large
    counts = {e["year"]: len(e["releases"]) for e in body["data"]["editions"]}
    assert counts[YEAR + 1] == counts[YEAR + 2] == 2
