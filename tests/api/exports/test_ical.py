"""iCalendar exports follow RFC 5545: UID, DTSTAMP, PRODID, VERSION, zoned times, VTIMEZONE."""

import icalendar
import pytest

from tests.api.conftest import results


def _calendar(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar.errors == []
    assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar
    timezones = [tz["TZID"] for tz in calendar.walk("VTIMEZONE")]
    assert timezones == ["Europe/Sofia"]
    events = calendar.walk("VEVENT")
    for event in events:
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION"):
            assert prop in event, prop
        assert event["DTSTART"].params["TZID"] == "Europe/Sofia"
        assert event.errors == []
    return calendar, events


@pytest.mark.parametrize("locale", ["bg", "en"])
def test_edition_agenda_ics_has_every_session(client, demo_api, locale):
    calendar, events = _calendar(client.get(f"/api/v1/editions/2025/agenda.ics?locale={locale}"))
    count = client.get("/api/v1/sessions/?year=2025").json()["count"]
    assert len(events) == len({str(e["UID"]) for e in events}) == count
    assert all("URL" in e for e in events)
    assert any(
        "Sofia Tech Park" in str(e["LOCATION"]) or "София Тех Парк" in str(e["LOCATION"])
        for e in events
    )


def test_session_ics_has_one_event_with_uid_matching_guid(client, demo_api):
    session = results(client.get("/api/v1/sessions/?locale=en&year=2025&type=panel"))[0]
    _calendar_, events = _calendar(client.get(f"/api/v1/sessions/{session['id']}/session.ics"))
    assert len(events) == 1
    assert str(events[0]["UID"]).startswith(session["guid"])


def test_speaker_ics_covers_all_editions(client, demo_api):
    speakers = results(client.get("/api/v1/speakers/?locale=en&page_size=100"))
    aigerim = next(s for s in speakers if s["slug"] == "aigerim-nurlanova")
    _calendar_, events = _calendar(client.get(f"/api/v1/speakers/{aigerim['id']}/sessions.ics"))
    assert len(events) == len(aigerim["appearances"]) == 2


def test_personal_selection_ics(client, demo_api):
    sessions = results(client.get("/api/v1/sessions/?locale=en&page_size=3"))
    ids = ",".join(str(s["id"]) for s in sessions)
    _calendar_, events = _calendar(client.get(f"/api/v1/agenda.ics?sessions={ids}&locale=en"))
    assert sorted(str(e["SUMMARY"]) for e in events) == sorted(s["title"] for s in sessions)


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("", 400),
        ("sessions=", 400),
        ("sessions=1,abc", 400),
        ("sessions=999999999", 404),
        ("sessions=" + ",".join(["1"] * 101), 400),
    ],
)
def test_personal_selection_bad_input(client, demo_api, query, status):
    response = client.get(f"/api/v1/agenda.ics?{query}")
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"


def test_ics_errors_are_problem_json_even_for_calendar_clients(client, demo_api):
    response = client.get("/api/v1/sessions/999999999/session.ics", HTTP_ACCEPT="text/calendar")
    assert response.status_code == 404
    assert response.json()["status"] == 404
