"""Agenda releases over REST: the list, a release's snapshot, the diff between two, the frab
exports of a release and the version a live frab export announces."""

import datetime
import re
from pathlib import Path

import jsonschema
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.params import VERSION_PATTERN
from cms.conference import releases
from cms.conference.models import VERSION_PATTERN as MODEL_VERSION_PATTERN
from cms.conference.models import EditionPage, SessionPage
from tests.api import factories, release_content
from tests.api.conftest import results

YEAR = 2091
PROBLEM = "application/problem+json"


@pytest.fixture
def released(db):
    return release_content.edition_released_twice(YEAR)


def base(version=""):
    return f"/api/v1/editions/{YEAR}/releases/" + (f"{version}/" if version else "")


def by_status(diff):
    return {(s["status"], s["title"]["en"]): s for s in diff["sessions"]}


# The list and a release ------------------------------------------------------------------------


def test_release_list_is_newest_first_with_notes_counts_and_links(client, released):
    items = results(client.get(base() + "?locale=en"))
    assert [i["version"] for i in items] == ["v2", "v1"]
    v2, v1 = items
    assert v2["number"] == 2 and v2["edition"] == YEAR
    assert v2["note"] == "Changes to the agenda."
    assert v2["notes"] == {"bg": "Промени в програмата.", "en": "Changes to the agenda."}
    assert v2["changes"] == {"added": 1, "removed": 1, "changed": 3}
    assert v1["changes"] == {"added": 7, "removed": 0, "changed": 0}
    assert v2["counts"]["sessions"] == 7 and v2["counts"]["cancelled"] == 1
    assert v2["released_at"].startswith("2090-06-08T12:00:00")
    assert v2["links"]["diff"] == f"http://testserver/api/v1/editions/{YEAR}/releases/v2/diff/"
    assert v2["links"]["schedule_xml"].endswith("/releases/v2/schedule.xml")
    bg = results(client.get(base() + "?locale=bg"))
    assert bg[0]["note"] == "Промени в програмата."


def test_release_detail_holds_the_snapshot_in_both_languages(client, released):
    body = client.get(base("v1")).json()
    assert body["version"] == "v1"
    snapshot = body["snapshot"]
    assert snapshot == released.v1.snapshot
    titles = {s["guid"]: s["title"] for s in snapshot["sessions"]}
    assert titles[released.guid("renamed")] == {"bg": "Старо име", "en": "Old name"}
    rooms = {room["guid"] for room in snapshot["rooms"]}
    assert all(s["room"] in rooms for s in snapshot["sessions"] if s["room"])
    assert client.get(base("V1")).json()["version"] == "v1"
    assert client.get(base("latest")).json()["version"] == "v2"


# The diff --------------------------------------------------------------------------------------


def test_release_diff_is_exactly_the_five_changes(client, released):
    body = client.get(base("v2") + "diff/?locale=en").json()
    assert body["edition"] == YEAR
    assert body["from"]["version"] == "v1" and body["to"]["version"] == "v2"
    assert body["summary"] == {"added": 1, "removed": 1, "changed": 3}
    found = by_status(body)
    assert set(found) == {
        ("changed", "Moved session"),
        ("changed", "New name"),
        ("changed", "Cancelled session"),
        ("added", "Added session"),
        ("removed", "Removed session"),
    }
    moved = found[("changed", "Moved session")]["changes"]
    assert set(moved) == {"start", "end", "room"}
    assert moved["start"] == {
        "before": datetime.datetime(YEAR, 3, 24, 13, tzinfo=factories.SOFIA).isoformat(),
        "after": datetime.datetime(YEAR, 3, 25, 16, tzinfo=factories.SOFIA).isoformat(),
    }
    assert moved["room"]["before"]["name"]["bg"] == "Room 0"
    assert moved["room"]["after"]["name"]["bg"] == "Room 1"
    renamed = found[("changed", "New name")]["changes"]
    assert renamed == {
        "title": {
            "before": {"bg": "Старо име", "en": "Old name"},
            "after": {"bg": "Ново име", "en": "New name"},
        }
    }
    assert found[("changed", "Cancelled session")]["changes"] == {
        "cancelled": {"before": False, "after": True}
    }
    assert found[("added", "Added session")]["session"]["room"]["name"]["bg"] == "Room 0"
    assert "changes" not in found[("removed", "Removed session")]
    text = " ".join(body["summary_text"])
    for title in ("Moved session", "New name", "Cancelled session", "Added session"):
        assert title in text
    assert "Removed: “Removed session”." in body["summary_text"]
    bg = client.get(base("v2") + "diff/?locale=bg").json()
    assert "Ново име" in " ".join(bg["summary_text"])
    assert bg["sessions"] == body["sessions"]


def test_release_diff_from_another_release(client, released):
    default = client.get(base("v2") + "diff/").json()
    assert client.get(base("v2") + "diff/?from=v1").json() == default
    same = client.get(base("v2") + "diff/?from=V2").json()
    assert same["summary"] == {"added": 0, "removed": 0, "changed": 0} and not same["sessions"]
    backwards = client.get(base("v1") + "diff/?from=latest").json()
    assert backwards["from"]["version"] == "v2" and backwards["to"]["version"] == "v1"
    assert backwards["summary"] == {"added": 1, "removed": 1, "changed": 3}
    assert ("added", "Removed session") in by_status(backwards)
    first = client.get(base("v1") + "diff/").json()
    assert first["from"] is None
    assert first["summary"] == {"added": 7, "removed": 0, "changed": 0}


HOSTILE = [
    ("v3/", 404),
    ("v3/diff/", 404),
    ("v2/diff/?from=v9", 404),
    ("v3/schedule.xml", 404),
    ("v3/schedule.json", 404),
    ("feed.atom/", 404),
    ("%E2%81%B2/", 400),  # a superscript digit
    ("%EF%BC%91/", 400),  # a full-width digit
    ("..%2F/", 404),  # a slash is no part of a name: another route
    ("../", 400),
    ("..", 404),  # no route
    ("v1%00/", 400),
    ("-v1/", 400),
    ("v" + "1" * 40 + "/", 400),
    ("v2/diff/?from=", 400),
    ("v2/diff/?from=%00", 400),
    ("v2/diff/?from=..", 400),
    ("v2/diff/?from=" + "x" * 300, 400),
    ("v2/diff/?from=%D9%A1", 400),
    ("v2/diff/?from=v1%0A", 400),
]
BAD_YEARS = ["²⁰⁹¹", "２０９１", "1899", "99999", "0x83", "20910", "%00", ".."]


def test_release_routes_refuse_hostile_input_clearly(client, released):
    for url, status in HOSTILE:
        response = client.get(base() + url)
        assert response.status_code == status, (url, response.content[:300])
        assert response["Content-Type"] == PROBLEM
        assert response.json()["detail"]
    for year in BAD_YEARS:
        for suffix in ("", "v1/", "v1/diff/", "v1/schedule.xml", "feed.atom"):
            response = client.get(f"/api/v1/editions/{year}/releases/{suffix}")
            assert response.status_code in (400, 404), (year, suffix, response.status_code)
            assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize(
    "value", ["v2", "V2", "2027-03", "a", "a" * 32, "a" * 33, "-v", ".v", "v 2", "v2\n", "в2", "²"]
)
def test_version_pattern_is_the_models(value):
    ours = re.fullmatch(VERSION_PATTERN, value)
    assert bool(ours) == bool(re.match(MODEL_VERSION_PATTERN, value))


# frab per release and live ---------------------------------------------------------------------


def test_release_frab_exports_validate_and_carry_the_version(client, released, xsd, json_validator):
    for locale in ("bg", "en"):
        _frab_release(client, xsd, json_validator, locale)


def _frab_release(client, xsd, json_validator, locale):
    for version, renamed in (("v1", ("Старо име", "Old name")), ("v2", ("Ново име", "New name"))):
        xml = client.get(base(version) + f"schedule.xml?locale={locale}")
        assert xml.status_code == 200, xml.content[:300]
        assert xml["Content-Type"] == "application/xml; charset=utf-8"
        xsd.validate(xml.content.decode())
        assert xsd.to_dict(xml.content.decode())["version"] in (version, [version])
        data = client.get(base(version) + f"schedule.json?locale={locale}").json()
        json_validator.validate(data)
        assert data["schedule"]["version"] == version
        events = [
            event
            for day in data["schedule"]["conference"]["days"]
            for events in day["rooms"].values()
            for event in events
        ]
        titles = {event["title"] for event in events}
        assert renamed[0 if locale == "bg" else 1] in titles
        assert (("Removed session" if locale == "en" else "Премахната сесия") in titles) == (
            version == "v1"
        )
        assert all(p["avatar"] is None for e in events for p in e["persons"])


def test_release_frab_guids_are_the_live_exports(client, released):
    live = client.get(f"/api/v1/editions/{YEAR}/schedule.json?locale=en").json()
    frozen = client.get(base("v2") + "schedule.json?locale=en").json()

    def guids(data):
        return {
            (event["guid"], event["room"], event["title"], event["start"])
            for day in data["schedule"]["conference"]["days"]
            for events in day["rooms"].values()
            for event in events
        }

    assert guids(live) == guids(frozen)
    assert live["schedule"]["conference"]["rooms"] == frozen["schedule"]["conference"]["rooms"]


def _live_version(client, locale, kind="json"):
    response = client.get(f"/api/v1/editions/{YEAR}/schedule.{kind}?locale={locale}")
    assert response.status_code == 200, response.content[:300]
    if kind == "json":
        return response.json()["schedule"]["version"]
    return re.search(rb"<version>([^<]+)</version>", response.content).group(1).decode()


def test_live_export_carries_the_release_until_the_agenda_moves_on(client, released):
    for locale in ("bg", "en"):
        assert _live_version(client, locale) == "v2"
        assert _live_version(client, locale, "xml") == "v2"
    kept = SessionPage.objects.get(pk=released.sessions["kept"][0].pk)
    kept.title = "Още едно име"
    factories.publish(kept)
    kept = SessionPage.objects.get(pk=kept.pk)
    stamp = kept.last_published_at.astimezone(datetime.UTC).strftime("%Y%m%d%H%M%S")
    assert _live_version(client, "bg") == f"v2+{stamp}"
    assert _live_version(client, "bg", "xml") == f"v2+{stamp}"
    # The English agenda did not change: it is still what v2 froze.
    assert _live_version(client, "en") == "v2"


def test_live_export_without_releases_keeps_the_publish_time(client, db):
    edition = factories.edition(factories.conference(), year=YEAR + 1, size=1)
    data = client.get(f"/api/v1/editions/{YEAR + 1}/schedule.json").json()
    assert data["schedule"]["version"] == edition.last_published_at.isoformat()


# Visibility ------------------------------------------------------------------------------------


def _release_urls(version="v2"):
    return [
        base(),
        base(version),
        base(version) + "diff/",
        base(version) + "diff/?from=v1",
        base(version) + "schedule.xml",
        base(version) + "schedule.json",
        base() + "feed.atom",
    ]


@pytest.mark.parametrize("hide", ["unpublish", "private"])
def test_releases_of_a_hidden_edition_are_404_everywhere(client, db, hide):
    released = release_content.edition_released_once(YEAR)
    from wagtail.models import PageViewRestriction

    for url in _release_urls("v1"):
        assert client.get(url).status_code == 200, url
    edition = EditionPage.objects.get(pk=released.edition.pk)
    english = EditionPage.objects.get(pk=released.english.pk)
    for page in (edition, english):
        if hide == "unpublish":
            page.unpublish()
        else:
            PageViewRestriction.objects.create(page=page, restriction_type="login")
    for url in _release_urls("v1"):
        response = client.get(url)
        assert response.status_code == 404, (url, response.status_code)
        assert response["Content-Type"] == PROBLEM
    assert "2091" in client.get(base()).json()["detail"]


def test_an_unpublished_draft_after_v2_never_shows_in_a_release(client, released):
    draft = SessionPage.objects.get(pk=released.sessions["kept"][0].pk)
    draft.title = "DRAFTMARK чернова"
    draft.save_revision()
    hidden = SessionPage(
        title="DRAFTMARK нова чернова",
        slug="draftmark",
        locale=factories.bg(),
        live=False,
        start=release_content._at(released.edition, 0, 18),
        end=release_content._at(released.edition, 0, 19),
    )
    released.edition.add_child(instance=hidden)
    hidden.save_revision()
    for url in [*_release_urls(), *_release_urls("v1")]:
        for locale in ("bg", "en"):
            response = client.get(url + ("&" if "?" in url else "?") + f"locale={locale}")
            assert response.status_code == 200, url
            assert b"DRAFTMARK" not in response.content, url
    # The live agenda did not move either: the draft is no public change.
    assert _live_version(client, "bg") == "v2"


# HTTP ------------------------------------------------------------------------------------------


def test_release_answers_have_etags_and_304(client, released):
    for suffix in ("", "v2/", "v2/diff/", "v2/schedule.xml", "v2/schedule.json", "feed.atom"):
        first = client.get(base() + suffix)
        assert first.status_code == 200
        etag = first["ETag"]
        again = client.get(base() + suffix, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304, suffix


def test_a_new_release_changes_the_answers(client, released):
    etag = client.get(base())["ETag"]
    kept = SessionPage.objects.get(pk=released.sessions["kept"][0].pk)
    kept.title = "Трета версия"
    factories.publish(kept)
    releases.release_create(edition=released.edition, note_bg="Трета.")
    response = client.get(base(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert [r["version"] for r in response.json()["results"]] == ["v3", "v2", "v1"]


# Cancelled sessions ----------------------------------------------------------------------------


def test_a_cancelled_session_is_marked_in_rest_and_ical(client, released):
    cancelled = released.sessions["cancelled"][0]
    items = results(client.get(f"/api/v1/sessions/?year={YEAR}&page_size=100"))
    flags = {item["id"]: item["cancelled"] for item in items}
    assert flags[cancelled.pk] is True and sum(flags.values()) == 1
    assert client.get(f"/api/v1/sessions/{cancelled.pk}/").json()["cancelled"] is True
    ics = client.get(f"/api/v1/sessions/{cancelled.pk}/session.ics").content.decode()
    assert "STATUS:CANCELLED" in ics
    agenda = client.get(f"/api/v1/editions/{YEAR}/agenda.ics").content.decode()
    assert agenda.count("STATUS:CANCELLED") == 1
    assert agenda.count("STATUS:CONFIRMED") == 6


# Queries ---------------------------------------------------------------------------------------


def _queries(client, url):
    assert client.get(url).status_code == 200
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(context.captured_queries)


def test_release_routes_run_a_fixed_number_of_queries(client, released):
    urls = {
        "list": base(),
        "detail": base("v2"),
        "diff": base("v2") + "diff/",
        "xml": base("v2") + "schedule.xml",
        "feed": base() + "feed.atom",
    }
    before = {name: _queries(client, url) for name, url in urls.items()}
    for number in range(3):
        kept = SessionPage.objects.get(pk=released.sessions["kept"][0].pk)
        kept.title = f"Версия {number}"
        factories.publish(kept)
        releases.release_create(edition=released.edition, note_bg=f"Още {number}.")
    after = {name: _queries(client, url) for name, url in urls.items()}
    print("\nrelease route queries:", before)
    assert before == after


# The documented shapes -------------------------------------------------------------------------


def _openapi_to_jsonschema(node):
    """OpenAPI 3.0 schema objects as JSON Schema: `nullable` becomes a null alternative."""
    if isinstance(node, list):
        return [_openapi_to_jsonschema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _openapi_to_jsonschema(value) for key, value in node.items()}
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


def test_release_answers_have_the_documented_shape(client, released):
    import yaml
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    openapi = Path(__file__).resolve().parents[2] / "api" / "schema" / "openapi.yaml"
    document = _openapi_to_jsonschema(yaml.safe_load(openapi.read_text()))
    registry = Registry().with_resource("urn:openapi", Resource(document, DRAFT7))

    def check(url, component):
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
        schema = {"$ref": f"urn:openapi#/components/schemas/{component}"}
        jsonschema.Draft7Validator(schema, registry=registry).validate(response.json())

    check(base(), "PaginatedReleaseList")
    for version in ("v1", "v2"):
        check(base(version), "ReleaseDetail")
        check(base(version) + "diff/", "ReleaseDiff")
    check(base("v1") + "diff/?from=v2", "ReleaseDiff")
    check(f"/api/v1/sessions/?year={YEAR}", "PaginatedSessionListItemList")
