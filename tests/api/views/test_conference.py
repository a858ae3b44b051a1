"""Editions, sessions, rooms, tracks and partners over REST, on the demo data."""

import pytest

from tests.api.conftest import get_all, results


def test_editions_list_carries_year_in_both_languages(client, demo_api):
    for locale, title in (
        ("bg", "Национална клъстерна конференция 2025"),
        ("en", "National Cluster Conference 2025"),
    ):
        editions = results(client.get(f"/api/v1/editions/?locale={locale}"))
        assert [e["year"] for e in editions] == [2027, 2026, 2025]
        assert editions[-1]["title"] == title
        assert editions[-1]["locale"] == locale


def test_edition_detail_has_rooms_tracks_and_grouped_partners(client, demo_api):
    body = client.get("/api/v1/editions/2025/?locale=en").json()
    assert body["year"] == 2025
    assert [r["name"] for r in body["rooms"]][:2] == ["Innovation Forum – Main Hall", "Hall 2"]
    assert {t["slug"] for t in body["tracks"]} == {"policy", "business", "innovation"}
    roles = [group["role"] for group in body["partners"]]
    assert roles[:3] == ["organiser", "co_organiser", "patron"]
    co = next(g for g in body["partners"] if g["role"] == "co_organiser")
    assert [p["order"] for p in co["partners"]] == [1, 2]
    assert co["partners"][0]["organisation"]["name"].startswith("Bulgarian Small")
    hero = body["hero_image"]
    assert set(hero["urls"]) == {"hero", "card"}
    assert hero["urls"]["hero"].startswith("http") and hero["urls"]["hero"].endswith(".png")
    assert ".fill-1200x500." in hero["urls"]["hero"] and ".width-800." in hero["urls"]["card"]
    assert hero["width"] > 0 and hero["height"] > 0  # the original's, for the aspect ratio
    co_logo = co["partners"][0]["organisation"]["logo"]
    assert set(co_logo["urls"]) == {"logo", "logo_small"}  # the detail keeps every size


def test_edition_detail_unknown_year_is_404_problem(client, demo_api):
    response = client.get("/api/v1/editions/1999/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


@pytest.mark.parametrize("year", ["abc", "20x5", "-1", "99999999999999999999999"])
def test_edition_detail_malformed_year_is_400(client, demo_api, year):
    response = client.get(f"/api/v1/editions/{year}/")
    assert response.status_code == 400
    assert "year" in response.json()["errors"]


def test_sessions_list_paginates_with_stable_order(client, demo_api):
    first = client.get("/api/v1/sessions/?page_size=5").json()
    assert first["next"] and "page=2" in first["next"]
    everything = get_all(client, "/api/v1/sessions/?page_size=7")
    ids = [s["id"] for s in everything]
    assert len(ids) == len(set(ids)) == first["count"]
    starts = [s["start"] for s in everything]
    assert starts == sorted(starts, key=lambda value: value)  # same offset, so text order works


def test_sessions_localise_speakers_rooms_and_tracks(client, demo_api):
    sessions = results(client.get("/api/v1/sessions/?locale=en&year=2025&type=panel"))
    panel = sessions[0]
    assert panel["title"] == "Tech parks: meaning, challenges and place in the economy"
    assert panel["room"]["name"] == "Innovation Forum – Main Hall"
    assert panel["track"]["name"] == "Policy and ecosystems"
    assert [s["role"] for s in panel["speakers"]] == [
        "moderator",
        "panelist",
        "panelist",
        "panelist",
    ]
    moderator = panel["speakers"][0]
    assert set(moderator) == {"id", "name", "role", "photo", "organisation"}
    assert (
        moderator["organisation"]["name"] == "ARC Consulting – Enterprise Europe Network-Bulgaria"
    )
    assert moderator["name"] == "Nikolay Stoyanov"
    assert moderator["photo"].startswith("http") and ".fill-160x160." in moderator["photo"]
    detail = client.get(f"/api/v1/sessions/{panel['id']}/?locale=en").json()
    assert detail["speakers"][0]["person"]["id"] == moderator["id"]
    photo = detail["speakers"][0]["person"]["photo"]
    assert photo["urls"]["thumbnail"] == moderator["photo"]
    assert ".fill-400x400." in photo["urls"]["square"]


def test_sessions_accept_language_picks_english(client, demo_api):
    sessions = results(client.get("/api/v1/sessions/?year=2025", HTTP_ACCEPT_LANGUAGE="en"))
    assert all(s["locale"] == "en" for s in sessions)
    bg_sessions = results(client.get("/api/v1/sessions/?year=2025", HTTP_ACCEPT_LANGUAGE="bg"))
    assert all(s["locale"] == "bg" for s in bg_sessions)


def test_sessions_ids_resolve_across_languages(client, demo_api):
    bg_session = results(client.get("/api/v1/sessions/?locale=bg&year=2025&type=panel"))[0]
    english = client.get(f"/api/v1/sessions/{bg_session['id']}/?locale=en").json()
    assert english["locale"] == "en" and english["guid"] == bg_session["guid"]


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("year=2026", lambda s: s["year"] == 2026),
        ("day=2025-03-27", lambda s: s["start"].startswith("2025-03-27")),
        ("type=keynote", lambda s: s["type"] == "keynote"),
        ("language=bg-en", lambda s: s["language"] == "bg-en"),
        ("track=policy", lambda s: s["track"]["slug"] == "policy"),
        (
            "topic=tech-parks&expand=topics",
            lambda s: "tech-parks" in [t["slug"] for t in s["topics"]],
        ),
        (
            "industry=ict&expand=industries",
            lambda s: "ict" in [i["slug"] for i in s["industries"]],
        ),
        (
            "speaker=georgi-ivanov&expand=speakers",
            lambda s: "georgi-ivanov" in [p["person"]["slug"] for p in s["speakers"]],
        ),
        ("updated_since=2000-01-01T00:00:00Z", lambda s: True),
    ],
)
def test_sessions_filter_narrows_results(client, demo_api, query, check):
    sessions = get_all(client, f"/api/v1/sessions/?{query}&page_size=100")
    assert sessions
    assert all(check(s) for s in sessions)


def test_sessions_filter_by_room_id_in_other_language(client, demo_api):
    rooms = results(client.get("/api/v1/rooms/?year=2025&locale=bg"))
    sessions = get_all(client, f"/api/v1/sessions/?room={rooms[0]['id']}&locale=en&page_size=100")
    assert sessions and all(s["room"]["name"] == "Innovation Forum – Main Hall" for s in sessions)


def test_sessions_updated_since_future_is_empty(client, demo_api):
    assert results(client.get("/api/v1/sessions/?updated_since=2999-01-01T00:00:00Z")) == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("type=lecture", "type"),
        ("language=de", "language"),
        ("day=2025-02-30", "day"),
        ("day=yesterday", "day"),
        ("updated_since=not-a-date", "updated_since"),
        ("room=999999999", "room"),
        ("room=abc", "room"),
        ("track=no-such-track", "track"),
        ("topic=no-such-topic", "topic"),
        ("speaker=999999999", "speaker"),
        ("year=abc", "year"),
        ("edition=999999999", "edition"),
        ("ordering=price", "ordering"),
        ("page=abc", "page"),
        ("page_size=1000", "page_size"),
        ("locale=fr", "locale"),
        ("type=" + "x" * 500, "type"),
    ],
)
def test_sessions_bad_parameter_is_400_with_field_error(client, demo_api, query, field):
    response = client.get(f"/api/v1/sessions/?{query}")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and body["title"] and body["detail"]
    assert field in body["errors"]


def test_sessions_page_out_of_range_is_404(client, demo_api):
    assert client.get("/api/v1/sessions/?page=999").status_code == 404


@pytest.mark.parametrize("pk", ["abc", "0", "1.5", "99999999999999999999999"])
def test_session_malformed_id_is_400(client, demo_api, pk):
    assert client.get(f"/api/v1/sessions/{pk}/").status_code == 400


def test_session_detail_unknown_id_is_404(client, demo_api):
    assert client.get("/api/v1/sessions/999999999/").status_code == 404


def test_session_detail_has_jsonld_event(client, demo_api):
    session = results(client.get("/api/v1/sessions/?locale=en&year=2025&type=panel"))[0]
    jsonld = client.get(f"/api/v1/sessions/{session['id']}/?locale=en").json()["jsonld"]
    assert jsonld["@type"] == "Event" and jsonld["name"] == session["title"]
    assert jsonld["startDate"] == session["start"]
    assert jsonld["location"]["name"].endswith("Sofia Tech Park")
    assert jsonld["location"]["address"]["streetAddress"] == "111B Tsarigradsko Shose Blvd"
    assert [p["name"] for p in jsonld["performer"]][0] == "Nikolay Stoyanov"


def test_editions_jsonld_has_required_properties(client, demo_api):
    for edition in results(client.get("/api/v1/editions/?locale=en")):
        jsonld = edition["jsonld"]
        assert {"name", "startDate", "endDate", "location", "eventStatus"} <= set(jsonld)
        assert jsonld["location"]["name"] and jsonld["location"]["address"]["addressLocality"]
        assert any(
            o["name"] == "Business Clusters Association in Bulgaria" for o in jsonld["organizer"]
        )


def test_rooms_and_tracks_filter_by_year(client, demo_api):
    rooms = results(client.get("/api/v1/rooms/?year=2025&locale=en"))
    assert [r["year"] for r in rooms] == [2025] * len(rooms) and len(rooms) == 3
    tracks = results(client.get("/api/v1/tracks/?year=2026&locale=en"))
    assert tracks and all(t["year"] == 2026 for t in tracks)
    assert client.get("/api/v1/rooms/?edition=999999999").status_code == 400


def test_partners_grouped_per_edition_by_role(client, demo_api):
    editions = results(client.get("/api/v1/partners/?year=2025&locale=en"))
    assert [e["year"] for e in editions] == [2025]
    groups = {
        g["role"]: [p["organisation"]["name"] for p in g["partners"]] for g in editions[0]["groups"]
    }
    assert groups["patron"] == ["Ministry of Economy"]
    assert groups["venue_host"] == ["Sofia Tech Park"]
    only = results(client.get("/api/v1/partners/?year=2025&role=patron"))
    assert [g["role"] for g in only[0]["groups"]] == ["patron"]
    assert client.get("/api/v1/partners/?role=king").status_code == 400
