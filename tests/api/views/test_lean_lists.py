"""Lean list items, `expand=`, the image shape and times in the edition's own time zone."""

import datetime
import json
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api import factories
from tests.api.conftest import get_all, results

SESSION_ITEM = {
    "id",
    "guid",
    "title",
    "slug",
    "locale",
    "year",
    "type",
    "type_label",
    "start",
    "end",
    "timezone",
    "language",
    "cancelled",
    "room",
    "track",
    "speakers",
    "topics",
    "industries",
    "url",
    "updated_at",
}
SPEAKER_ITEM = {
    "id",
    "guid",
    "name",
    "slug",
    "job_title",
    "organisation",
    "photo",
    "appearances",
}
SESSION_EXPANSIONS = ["abstract", "jsonld", "calendar_url", "speakers", "topics", "industries"]
ALL = ",".join(SESSION_EXPANSIONS)
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def _panel(client, query=""):
    url = f"/api/v1/sessions/?locale=en&year=2025&type=panel{query}"
    return results(client.get(url))[0]


@pytest.mark.parametrize("locale", ["bg", "en"])
def test_a_page_of_20_sessions_is_under_20000_bytes(client, demo_api, locale):
    response = client.get(f"/api/v1/sessions/?page_size=20&locale={locale}")
    body = response.json()
    assert len(body["results"]) == 20
    print(f"\n{locale}: {len(response.content)} bytes for 20 sessions")
    assert len(response.content) < 20_000


def test_session_list_items_carry_what_a_list_needs(client, demo_api):
    items = get_all(client, "/api/v1/sessions/?locale=en&page_size=100")
    assert items and all(set(item) == SESSION_ITEM for item in items)
    panel = _panel(client)
    assert all(
        set(sp) == {"id", "name", "role", "photo", "organisation"} for sp in panel["speakers"]
    )
    assert all(isinstance(t, int) for t in panel["topics"] + panel["industries"])
    topics = {t["id"]: t["slug"] for t in get_all(client, "/api/v1/topics/?locale=en")}
    assert "tech-parks" in [topics[t] for t in panel["topics"]]


def test_each_expand_value_adds_exactly_its_field(client, demo_api):
    lean = _panel(client)
    detail = client.get(f"/api/v1/sessions/{lean['id']}/?locale=en").json()
    for name in ("abstract", "jsonld", "calendar_url"):
        item = _panel(client, f"&expand={name}")
        assert set(item) == SESSION_ITEM | {name}, name
        assert item[name] == detail[name], name
        assert {k: v for k, v in item.items() if k != name} == lean, name
    for name in ("speakers", "topics", "industries"):
        item = _panel(client, f"&expand={name}")
        assert set(item) == SESSION_ITEM, name
        assert item[name] == detail[name] and item[name] != lean[name], name
        assert {k: v for k, v in item.items() if k != name} == {
            k: v for k, v in lean.items() if k != name
        }, name
    everything = _panel(client, f"&expand={ALL}")
    assert everything == {k: v for k, v in detail.items() if k != "materials"}


def test_expand_order_does_not_matter_and_empty_expands_nothing(client, demo_api):
    assert _panel(client, "&expand=topics,abstract") == _panel(client, "&expand=abstract,topics")
    assert _panel(client, "&expand=") == _panel(client)


@pytest.mark.parametrize(
    "query",
    [
        "sessions/?expand=materials",
        "sessions/?expand=abstract,abstract",
        "sessions/?expand=abstract&expand=abstract",
        "sessions/?expand=abstract,",
        "sessions/?expand=ABSTRACT",
        "sessions/?expand=bio",
        "speakers/?expand=abstract",
        "speakers/?expand=bio,bio",
    ],
)
def test_unknown_or_repeated_expand_is_400_naming_the_parameter(client, demo_api, query):
    response = client.get(f"/api/v1/{query}")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and "expand" in body["detail"]
    assert list(body["errors"]) == ["expand"]


def test_speaker_list_items_are_lean_and_expand_bio_adds_bio_and_links(client, demo_api):
    items = get_all(client, "/api/v1/speakers/?locale=en&page_size=100")
    assert items and all(set(item) == SPEAKER_ITEM for item in items)
    maria = next(s for s in items if s["slug"] == "maria-petrova")
    assert set(maria["organisation"]) == {"id", "name"}
    assert set(maria["photo"]["urls"]) == {"square", "thumbnail"}
    detail = client.get(f"/api/v1/speakers/{maria['id']}/?locale=en").json()
    assert detail["bio"] and detail["organisation"]["website"] is not None
    expanded = next(
        s
        for s in get_all(client, "/api/v1/speakers/?locale=en&page_size=100&expand=bio")
        if s["id"] == maria["id"]
    )
    assert set(expanded) == SPEAKER_ITEM | {"bio", "website", "linkedin"}
    assert {k: expanded[k] for k in ("bio", "website", "linkedin")} == {
        k: detail[k] for k in ("bio", "website", "linkedin")
    }


def test_speaker_appearances_are_those_of_the_filtered_edition(client, demo_api):
    everywhere = get_all(client, "/api/v1/speakers/?locale=en&page_size=100")
    aigerim = next(s for s in everywhere if s["slug"] == "aigerim-nurlanova")
    assert sorted({a["session"]["year"] for a in aigerim["appearances"]}) == [2025, 2027]
    for year in (2025, 2027):
        listed = get_all(client, f"/api/v1/speakers/?locale=en&page_size=100&year={year}")
        assert all(a["session"]["year"] == year for s in listed for a in s["appearances"])
        assert all(s["appearances"] for s in listed)
        mine = next(s for s in listed if s["id"] == aigerim["id"])
        assert mine["appearances"] == [
            a for a in aigerim["appearances"] if a["session"]["year"] == year
        ]


def test_partner_list_organisations_are_summaries_with_a_small_logo(client, demo_api):
    editions = results(client.get("/api/v1/partners/?year=2025&locale=en"))
    organisations = [p["organisation"] for g in editions[0]["groups"] for p in g["partners"]]
    assert organisations and all(set(o) == {"id", "name", "slug", "logo"} for o in organisations)
    logos = [o["logo"] for o in organisations if o["logo"]]
    assert logos and all(set(logo["urls"]) == {"logo_small"} for logo in logos)
    assert all(set(logo) == {"alt", "width", "height", "urls"} for logo in logos)


def test_images_give_one_absolute_url_per_size(client, demo_api):
    speaker = next(
        s for s in get_all(client, "/api/v1/speakers/?page_size=100") if s["photo"] is not None
    )
    photo = client.get(f"/api/v1/speakers/{speaker['id']}/").json()["photo"]
    assert set(photo) == {"alt", "width", "height", "urls"}
    assert set(photo["urls"]) == {"square", "thumbnail"}
    assert all(url.startswith("http://testserver/media/") for url in photo["urls"].values())
    organisation = results(client.get("/api/v1/organisations/?page_size=1"))[0]
    assert set(organisation["logo"]["urls"]) == {"logo", "logo_small"}


def test_expand_adds_no_query_per_item(client, db, settings):
    settings.API_RESPONSE_CACHE = False
    conference = factories.conference()
    factories.edition(conference, year=2054, size=2)
    url = f"/api/v1/sessions/?page_size=100&locale=en&expand={ALL}"

    def count(url):
        assert client.get(url).status_code == 200  # warm-up: renditions, site root paths
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200
        return len(context.captured_queries), len(response.json()["results"])

    small, small_items = count(url)
    factories.edition(conference, year=2055, size=20)
    large, large_items = count(url)
    assert large_items >= small_items + 20
    assert small == large
    # Without expand=speakers the speakers' organisations and the conference are not read.
    assert count("/api/v1/sessions/?page_size=100&locale=en")[0] < large
    speakers = "/api/v1/speakers/?page_size=100&locale=en"
    assert count(speakers + "&expand=bio")[0] == count(speakers)[0]


def test_expand_shows_no_unpublished_person_or_draft_change(client, db):
    edition = factories.edition(factories.conference(), year=2056, size=0)
    hidden_org = factories.organisation("DRAFTMARK organisation")
    hidden_org.unpublish()
    hidden = factories.person("DRAFTMARK person")
    hidden.unpublish()
    changed = factories.person("Published Name", organisation=hidden_org)
    changed.name = "DRAFTMARK new name"
    changed.save_revision()
    factories.session(edition, title="Mixed speakers", speakers=[hidden, changed])
    for url in (
        f"/api/v1/sessions/?year=2056&expand={ALL}",
        "/api/v1/speakers/?year=2056&expand=bio",
        "/api/v1/speakers/?expand=bio&page_size=100",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "DRAFTMARK" not in response.content.decode(), url
    session = results(client.get(f"/api/v1/sessions/?year=2056&expand={ALL}"))[0]
    assert [s["person"]["name"] for s in session["speakers"]] == ["Published Name"]
    assert session["speakers"][0]["person"]["organisation"] is None
    assert [p["name"] for p in session["jsonld"]["performer"]] == ["Published Name"]
    lean = results(client.get("/api/v1/sessions/?year=2056"))[0]
    assert [s["name"] for s in lean["speakers"]] == ["Published Name"]


@pytest.fixture
def berlin(db):
    """An edition in Europe/Berlin across the switch to summer time (28 March 2060), with one
    session on each side of it and one speaker in both."""
    edition = factories.edition(factories.conference(), year=2060, size=0)
    edition.start_date = datetime.date(2060, 3, 27)
    edition.end_date = datetime.date(2060, 3, 29)
    edition.timezone = "Europe/Berlin"
    edition = factories.publish(edition)
    speaker = factories.person("Berlin Speaker")
    winter = factories.session(
        edition,
        title="Before the switch",
        speakers=[speaker],
        start=datetime.datetime(2060, 3, 27, 9, 30, tzinfo=BERLIN),
    )
    summer = factories.session(
        edition,
        title="After the switch",
        speakers=[speaker],
        start=datetime.datetime(2060, 3, 29, 9, 30, tzinfo=BERLIN),
    )
    return {"speaker": speaker, "winter": winter, "summer": summer}


BERLIN_TIMES = [
    ("2060-03-27T09:30:00+01:00", "2060-03-27T10:15:00+01:00"),
    ("2060-03-29T09:30:00+02:00", "2060-03-29T10:15:00+02:00"),
]


def test_rest_session_times_carry_the_editions_offset(client, berlin):
    for expand in ("", f"&expand={ALL}"):
        items = results(client.get(f"/api/v1/sessions/?year=2060{expand}"))
        assert [(s["start"], s["end"]) for s in items] == BERLIN_TIMES
        assert {s["timezone"] for s in items} == {"Europe/Berlin"}
    for session, times in zip((berlin["winter"], berlin["summer"]), BERLIN_TIMES, strict=True):
        detail = client.get(f"/api/v1/sessions/{session.pk}/").json()
        assert (detail["start"], detail["end"]) == times
        assert detail["jsonld"]["startDate"] == times[0]
    on_sunday = results(client.get("/api/v1/sessions/?year=2060&day=2060-03-29"))
    assert [s["start"] for s in on_sunday] == [BERLIN_TIMES[1][0]]


def test_rest_speaker_appearance_times_carry_the_editions_offset(client, berlin):
    pk = berlin["speaker"].pk
    listed = results(client.get("/api/v1/speakers/?year=2060"))
    appearances = next(s for s in listed if s["id"] == pk)["appearances"]
    assert [(a["session"]["start"], a["session"]["end"]) for a in appearances] == BERLIN_TIMES
    detail = client.get(f"/api/v1/speakers/{pk}/").json()
    assert [(a["session"]["start"], a["session"]["end"]) for a in detail["appearances"]] == (
        BERLIN_TIMES
    )


def test_graphql_times_carry_the_editions_offset(client, berlin):
    session, speaker = berlin["summer"].pk, berlin["speaker"].pk
    query = f"""{{ edition(year: 2060) {{ sessions {{ start end }} }}
      sessions(year: 2060) {{ start end }}
      session(id: "{session}") {{ start end }}
      speaker(id: "{speaker}") {{ appearances {{ session {{ start end }} }} }} }}"""
    response = client.post("/graphql/", {"query": query}, format="json")
    data = response.json()
    assert response.status_code == 200 and "errors" not in data, data
    data = data["data"]
    assert [(s["start"], s["end"]) for s in data["edition"]["sessions"]] == BERLIN_TIMES
    assert [(s["start"], s["end"]) for s in data["sessions"]] == BERLIN_TIMES
    assert (data["session"]["start"], data["session"]["end"]) == BERLIN_TIMES[1]
    appearances = data["speaker"]["appearances"]
    assert [(a["session"]["start"], a["session"]["end"]) for a in appearances] == BERLIN_TIMES


def test_graphql_images_give_urls_per_size(client, demo_api):
    query = """{ speakers(limit: 100, locale: "en") { photo { alt width height urls {
      square thumbnail logo } } organisation { logo { urls { logo logoSmall } } } } }"""
    response = client.post("/graphql/", {"query": query}, format="json")
    data = response.json()
    assert response.status_code == 200 and "errors" not in data, data
    photos = [s["photo"] for s in data["data"]["speakers"] if s["photo"]]
    assert photos and all(p["urls"]["square"] and p["urls"]["thumbnail"] for p in photos)
    assert all(p["urls"]["logo"] is None for p in photos)
    logos = [
        s["organisation"]["logo"]
        for s in data["data"]["speakers"]
        if s["organisation"] and s["organisation"]["logo"]
    ]
    assert logos and all(logo["urls"]["logoSmall"].startswith("http") for logo in logos)
    assert "renditions" not in json.dumps(data)
