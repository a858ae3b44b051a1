"""frab schedule XML and JSON validate against the schemas conference apps use."""

import uuid

import pytest


@pytest.mark.parametrize("year", [2025, 2026, 2027])
@pytest.mark.parametrize("locale", ["bg", "en"])
def test_schedule_xml_validates_against_frab_xsd(client, demo_api, xsd, year, locale):
    response = client.get(f"/api/v1/editions/{year}/schedule.xml?locale={locale}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    xsd.validate(response.content.decode())
    data = xsd.to_dict(response.content.decode())
    assert data["conference"]["acronym"] in (f"ncc{year}", [f"ncc{year}"])


@pytest.mark.parametrize("year", [2025, 2026, 2027])
@pytest.mark.parametrize("locale", ["bg", "en"])
def test_schedule_json_validates_against_frab_schema(
    client, demo_api, json_validator, year, locale
):
    response = client.get(f"/api/v1/editions/{year}/schedule.json?locale={locale}")
    assert response.status_code == 200
    data = response.json()
    json_validator.validate(data)
    events = [
        event
        for day in data["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]
    assert events and all(uuid.UUID(event["guid"]) for event in events)


def _guids(client, locale):
    data = client.get(f"/api/v1/editions/2025/schedule.json?locale={locale}").json()
    conference = data["schedule"]["conference"]
    rooms = {room["guid"] for room in conference["rooms"]}
    events = {
        event["guid"]
        for day in conference["days"]
        for events in day["rooms"].values()
        for event in events
    }
    return rooms, events


def test_schedule_guids_are_stable_across_requests_and_languages(client, demo_api):
    first = _guids(client, "bg")
    assert first == _guids(client, "bg") == _guids(client, "en")
    count = client.get("/api/v1/sessions/?year=2025").json()["count"]
    assert len(first[1]) == count


def test_schedule_unknown_edition_is_404(client, demo_api):
    assert client.get("/api/v1/editions/1990/schedule.xml").status_code == 404
    assert client.get("/api/v1/editions/x/schedule.json").status_code == 400
