"""The schedule-release story end to end: an editor moves a session on the agenda board and
releases v2 in the admin; a partner's endpoint, registered for "release.published", receives a
signed event (checked with the independent `standardwebhooks` library) whose diff says exactly
what moved; the API, the Atom feed and the frab exports show both versions.

A real Celery worker over a private Redis delivers the events; the receiver is a real HTTP
server on 127.0.0.1."""

import datetime
import json
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient
from wagtail.models import Locale

from cms.conference.models import EditionPage, Room, SessionPage
from cms.core.ids import guid
from tests.cms.webhooks.conftest import make_endpoint, receiver, worker  # noqa: F401
from tests.search import content
from tests.servers import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
YEAR = 2094
DEADLINE = 120


def at(hour, minute=0, day=24):
    return datetime.datetime(YEAR, 3, day, hour, minute, tzinfo=content.SOFIA)


def _session(edition, title, slug, start, end, room):
    page = SessionPage(
        title=title, slug=slug, start=start, end=end, room=room, locale=edition.locale
    )
    edition.add_child(instance=page)
    return content.publish(page)


def _events(server, version):
    return [
        payload
        for payload in list(server.processed.values())
        if payload["type"] == "release.published"
        and payload["data"]["release"]["version"] == version
    ]


def test_an_editor_moves_a_session_releases_v2_and_the_partner_hears_exactly_what_moved(
    receiver,  # noqa: F811
    make_endpoint,  # noqa: F811
    worker,  # noqa: F811
    settings,
):
    settings.API_ANON_THROTTLE_RATE = ""
    process = worker()
    en = Locale.objects.get_or_create(language_code="en")[0]
    conference = content.conference()
    content.translation(conference, en, "Conference")
    edition = content.edition(conference, YEAR)
    hall = Room.objects.create(edition=edition, name="Зала Изток", locale=edition.locale)
    EditionPage.objects.get(pk=edition.pk).save_revision().publish()
    moved = _session(edition, "Отворени данни", "open-data", at(10), at(11), hall)
    _session(edition, "Кръгова икономика", "circular", at(11), at(12), hall)
    endpoint = make_endpoint(receiver, event_types=("release.published",))

    editor = get_user_model().objects.create_superuser("push-editor", "p@example.com", "pw")
    admin = Client()
    admin.force_login(editor)
    releases_url = reverse("conference_edition_releases", args=[edition.pk])
    first = admin.post(releases_url, {"version": "", "note_bg": "Първа програма"})
    assert first.status_code == 302, first.content[:500]

    # The editor drags "Open data" from 10:00 to 14:00 on the board.
    board = admin.post(
        reverse("conference_agenda_move", args=[edition.pk]),
        data=json.dumps(
            {"session": moved.pk, "start": f"{YEAR}-03-24T14:00", "end": f"{YEAR}-03-24T15:00"}
        ),
        content_type="application/json",
    )
    assert board.status_code == 200, board.content[:500]
    assert board.json()["published"] is True
    second = admin.post(releases_url, {"version": "", "note_bg": "Откритите данни са следобед"})
    assert second.status_code == 302, second.content[:500]

    wait_until(
        lambda: _events(receiver, "v1") and _events(receiver, "v2"),
        "both releases received",
        DEADLINE,
        on_timeout=lambda: process.log()[-4000:],
    )
    assert all(r["verified"] for r in receiver.requests), [r["error"] for r in receiver.requests]
    assert {r["user_agent"] for r in receiver.requests} == {"conference-platform-webhooks/1.0"}
    [event] = _events(receiver, "v2")
    data = event["data"]
    assert data["previous"] == "v1"
    assert data["release"]["edition"] == YEAR
    assert data["diff"]["summary"] == {"added": 0, "removed": 0, "changed": 1}
    [change] = data["diff"]["sessions"]
    assert change["guid"] == guid("session", moved.translation_key)
    assert change["status"] == "changed"
    assert change["changes"] == {
        "start": {
            "before": f"{YEAR}-03-24T10:00:00+02:00",
            "after": f"{YEAR}-03-24T14:00:00+02:00",
        },
        "end": {"before": f"{YEAR}-03-24T11:00:00+02:00", "after": f"{YEAR}-03-24T15:00:00+02:00"},
    }
    # The worker logs a delivery after the receiver has answered: wait for the log too.
    wait_until(
        lambda: endpoint.deliveries.filter(status="succeeded").count() == 2,
        "both deliveries logged as succeeded",
        DEADLINE,
        on_timeout=lambda: process.log()[-4000:],
    )

    # The API, the feed and the exports show both versions.
    api = APIClient()
    listing = api.get(f"/api/v1/editions/{YEAR}/releases/")
    assert listing.status_code == 200
    assert [r["version"] for r in listing.json()["results"]] == ["v2", "v1"]
    diff = api.get(f"/api/v1/editions/{YEAR}/releases/v2/diff/", {"from": "v1"})
    assert diff.status_code == 200
    assert [s["changes"] for s in diff.json()["sessions"]] == [change["changes"]]
    feed = feedparser.parse(api.get(f"/api/v1/editions/{YEAR}/releases/feed.atom").content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 2
    assert "Отворени данни" in feed.entries[0].summary
    for version in ("v1", "v2"):
        xml = api.get(f"/api/v1/editions/{YEAR}/releases/{version}/schedule.xml")
        assert xml.status_code == 200
        assert ET.fromstring(xml.content).findtext("version") == version
        frab = api.get(f"/api/v1/editions/{YEAR}/releases/{version}/schedule.json")
        assert frab.json()["schedule"]["version"] == version
    starts = {
        version: ET.fromstring(
            api.get(f"/api/v1/editions/{YEAR}/releases/{version}/schedule.xml").content
        ).findtext(".//event[title='Отворени данни']/start")
        for version in ("v1", "v2")
    }
    assert starts == {"v1": "10:00", "v2": "14:00"}
    live = api.get(f"/api/v1/editions/{YEAR}/schedule.xml")
    assert ET.fromstring(live.content).findtext("version") == "v2"
