"""The Atom feed of an edition's releases reads in a standard feed reader (feedparser)."""

import datetime
import uuid
import xml.etree.ElementTree as ET

import feedparser
import pytest

from cms.conference.models import EditionPage
from cms.core.ids import guid
from tests.api import factories, release_content

YEAR = 2093
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def released(db):
    return release_content.edition_released_twice(YEAR, title_bg="Лента 2093", title_en="Feed 2093")


def feed(client, query=""):
    response = client.get(f"/api/v1/editions/{YEAR}/releases/feed.atom{query}")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return response, parsed


def test_feed_has_one_entry_per_release_newest_first(client, released):
    response, parsed = feed(client, "?locale=en")
    assert [e.title for e in parsed.entries] == ["Feed 2093: release v2", "Feed 2093: release v1"]
    assert parsed.feed.title == "Feed 2093: agenda releases"
    assert parsed.feed.language == "en"
    assert parsed.feed.updated_parsed[:6] == (2090, 6, 8, 12, 0, 0)
    newest = parsed.entries[0]
    assert newest.published_parsed[:6] == newest.updated_parsed[:6] == (2090, 6, 8, 12, 0, 0)
    assert newest.link == f"http://testserver/api/v1/editions/{YEAR}/releases/v2/"
    edition_guid = guid("edition", released.edition.translation_key)
    assert newest.id == uuid.uuid5(uuid.UUID(edition_guid), "release:2").urn
    assert parsed.feed.id == uuid.UUID(edition_guid).urn
    self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_links == [f"http://testserver/api/v1/editions/{YEAR}/releases/feed.atom?locale=en"]
    summary = newest.summary
    assert "Changes to the agenda." in summary
    for text in (
        "Moved: “Moved session”",
        "Renamed: “Old name” is now “New name”",
        "Cancelled: “Cancelled session”",
        "Added: “Added session”",
        "Removed: “Removed session”",
    ):
        assert text in summary, (text, summary)
    assert "First version of the agenda." in parsed.entries[1].summary
    # Well-formed XML with the Atom namespace (ids stable across requests).
    root = ET.fromstring(response.content)
    assert root.tag == ATOM + "feed"
    _again, reparsed = feed(client, "?locale=en")
    assert [e.id for e in reparsed.entries] == [e.id for e in parsed.entries]


def test_feed_in_bulgarian_by_default(client, released):
    _response, parsed = feed(client)
    assert parsed.feed.language == "bg"
    title = parsed.entries[0].title
    assert title.startswith("Лента 2093: ") and title.endswith(" v2")
    summary = parsed.entries[0].summary
    assert "Промени в програмата." in summary
    for title in ("Преместена сесия", "Ново име", "Старо име", "Отменена сесия", "Добавена сесия"):
        assert title in summary
    assert "Премахната сесия" in summary


def test_feed_of_an_edition_without_releases_is_empty_and_dated_by_its_publish(client, db):
    edition = factories.edition(factories.conference(), year=YEAR + 1, size=1)
    response = client.get(f"/api/v1/editions/{YEAR + 1}/releases/feed.atom")
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0 and parsed.entries == []
    published = edition.last_published_at.astimezone(datetime.UTC)
    assert parsed.feed.updated_parsed[:6] == published.timetuple()[:6]


def test_feed_escapes_what_editors_write(client, released):
    from cms.conference import releases
    from cms.conference.models import SessionPage

    kept = SessionPage.objects.get(pk=released.sessions["kept"][0].pk)
    kept.title = "<script>alert(1)</script> & “quotes”"
    factories.publish(kept)
    releases.release_create(edition=released.edition, note_bg="<b>bold</b> & <i>more</i>")
    response, parsed = feed(client)
    assert b"<script>" not in response.content
    assert "&lt;script&gt;" in parsed.entries[0].summary
    assert "&lt;b&gt;bold&lt;/b&gt; &amp;" in parsed.entries[0].summary


def test_feed_of_a_hidden_edition_is_404(client, released):
    for page in (released.edition, released.english):
        EditionPage.objects.get(pk=page.pk).unpublish()
    response = client.get(f"/api/v1/editions/{YEAR}/releases/feed.atom")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
