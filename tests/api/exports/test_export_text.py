"""What the exports write as text: paragraphs kept apart, the conference's own name and acronym,
type labels in the requested language, clock times in the edition's time zone."""

import csv
import io
import json
import types
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from api.exports.schedule import conference_acronym
from api.text import plain_text
from cms.conference.demo import demo_identity
from cms.conference.models import ConferencePage, SessionPage
from tests.api import factories

YEAR = 2034
ABSTRACT = (
    "<h2>Robots&nbsp;at work</h2><p>Builders   of\n Matrix.</p>"
    "<p>No prior knowledge &amp; no laptop&#x27;s needed.</p>"
)
ABSTRACT_TEXT = (
    "Robots\xa0at work\n\nBuilders of Matrix.\n\nNo prior knowledge & no laptop's needed."
)
BIO = "<p>Engineer at <b>Kuka</b>.</p><p>Builds arms.</p>"
BIO_TEXT = "Engineer at Kuka.\n\nBuilds arms."
INTRO = "<p>Three days of robots.</p><p>In Berlin.</p>"
TITLE_BG = "Дни на роботиката в Берлин"
TITLE_EN = "Berlin Robotics Days"


# plain_text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>a.</p><p>No prior</p>", "a.\n\nNo prior"),
        ("<h2>Agenda</h2><p>Day one</p><h3>Later</h3>", "Agenda\n\nDay one\n\nLater"),
        ("<p>one<br>two<br/>three</p>", "one\ntwo\nthree"),
        (
            "<p>Intro</p><ul><li>one</li><li><b>two</b> more</li></ul><p>End</p>",
            "Intro\n\n- one\n- two more\n\nEnd",
        ),
        (
            "<ol><li>first</li><li>second<ul><li>inner</li></ul></li></ol><ul><li>other</li></ul>",
            "1. first\n2. second\n  - inner\n\n- other",
        ),
        ("<p>Tom &amp; Jerry&#x27;s &quot;show&quot; &lt;b&gt;</p>", 'Tom & Jerry\'s "show" <b>'),
        ("<p>&amp;amp; stays once decoded</p>", "&amp; stays once decoded"),
        ("<p>  lots \n\t of   space </p>", "lots of space"),
        ("<p>10&nbsp;km</p>", "10\xa0km"),
        ("<p>a<i>b</i>c</p>", "abc"),
        ("plain text & more", "plain text & more"),
        ("<script>alert(1)</script><p>safe</p>", "safe"),
        ("<p></p><p> </p>", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_plain_text_keeps_block_structure(html, text):
    assert plain_text(html) == text


def test_conference_acronym_prefers_the_field_then_slug_initials():
    def edition(acronym, slug):
        return types.SimpleNamespace(conference_acronym=acronym, conference_slug=slug)

    assert conference_acronym(edition("brd", "whatever")) == "brd"
    assert conference_acronym(edition("", "national-cluster-conference")) == "ncc"
    assert conference_acronym(edition("", "test-conference-3")) == "tc3"
    assert conference_acronym(edition("", "национална-конференция")) == "conference"
    assert conference_acronym(types.SimpleNamespace()) == "conference"


@pytest.mark.parametrize("value", ["NCC", "ncc 2025", "нкк", "ncc_25", "x" * 21])
def test_acronym_field_refuses_other_characters(value, db):
    field = ConferencePage._meta.get_field("acronym")
    with pytest.raises(ValidationError):
        field.clean(value, ConferencePage())


def test_acronym_field_accepts_lowercase_digits_hyphens(db):
    field = ConferencePage._meta.get_field("acronym")
    assert field.clean("ncc-2", ConferencePage()) == "ncc-2"
    assert field.clean("", ConferencePage()) == ""


# A second conference --------------------------------------------------------------------------


@pytest.fixture
def berlin(db):
    """ "Berlin Robotics Days" (acronym brd; Bulgarian source, English translation) with an
    edition in Europe/Berlin whose workshop has a rich abstract and a speaker with a rich bio."""
    factories.bg()
    en = factories.en()
    root = ConferencePage.get_first_root_node()
    conference = factories.publish(
        root.add_child(
            instance=ConferencePage(
                title=TITLE_BG, slug="berlin-robotics-days", acronym="brd", locale=factories.bg()
            )
        )
    )
    english = conference.copy_for_translation(en).specific
    english.title = TITLE_EN
    english.save()
    factories.publish(english)
    edition = factories.edition(conference, year=YEAR, size=1, title="Robotics Days")
    edition.timezone = "Europe/Berlin"
    edition.intro = INTRO
    edition = factories.publish(edition)
    speaker = factories.person("Ada Builder", bio=BIO)
    session = factories.session(
        edition,
        index=0,  # 09:00 in Sofia on the first day (EET, +02:00): 08:00 in Berlin (CET, +01:00)
        title="Robot arms workshop",
        speakers=[speaker],
    )
    session.abstract = ABSTRACT
    session.session_type = "workshop"
    session = factories.publish(session)
    return types.SimpleNamespace(conference=conference, edition=edition, session=session)


def _get(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content[:300]
    return response


def _frab_xml_event(client, query="locale=en", **headers):
    url = f"/api/v1/editions/{YEAR}/schedule.xml?{query}"
    root = ET.fromstring(_get(client, url, **headers).content)
    event = next(e for e in root.iter("event") if e.findtext("title") == "Robot arms workshop")
    return root, event


def _frab_json(client, query="locale=en", **headers):
    url = f"/api/v1/editions/{YEAR}/schedule.json?{query}"
    data = json.loads(_get(client, url, **headers).content)
    conference = data["schedule"]["conference"]
    events = [
        event for day in conference["days"] for events in day["rooms"].values() for event in events
    ]
    return conference, next(e for e in events if e["title"] == "Robot arms workshop"), events


def _ical_event(client, url, **headers):
    calendar = icalendar.Calendar.from_ical(_get(client, url, **headers).content)
    event = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "Robot arms workshop")
    return calendar, event


def _csv_row(client, query="locale=en", **headers):
    response = _get(client, f"/api/v1/editions/{YEAR}/agenda.csv?{query}", **headers)
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    return next(r for r in rows if r["title"] == "Robot arms workshop")


def test_frab_keeps_paragraphs_of_abstract_and_biography(client, berlin):
    _root, event = _frab_xml_event(client)
    assert event.findtext("abstract") == ABSTRACT_TEXT
    _conference, event, _events = _frab_json(client)
    assert event["abstract"] == ABSTRACT_TEXT
    assert [p["biography"] for p in event["persons"]] == [BIO_TEXT]


def test_ical_description_keeps_paragraphs(client, berlin):
    _calendar, event = _ical_event(client, f"/api/v1/editions/{YEAR}/agenda.ics?locale=en")
    description = str(event["DESCRIPTION"])
    assert description.startswith(ABSTRACT_TEXT + "\n\n")
    assert "&amp;" not in description and "&#x27;" not in description
    _calendar, event = _ical_event(client, f"/api/v1/sessions/{berlin.session.pk}/session.ics")
    assert str(event["DESCRIPTION"]).startswith(ABSTRACT_TEXT)


def test_csv_abstract_keeps_paragraphs(client, berlin):
    assert _csv_row(client)["abstract"] == ABSTRACT_TEXT


def test_jsonld_descriptions_keep_paragraphs(client, berlin):
    session = _get(client, f"/api/v1/sessions/{berlin.session.pk}/?locale=en").json()
    assert session["jsonld"]["description"] == ABSTRACT_TEXT
    edition = _get(client, f"/api/v1/editions/?year={YEAR}&locale=en").json()["results"][0]
    assert edition["jsonld"]["description"] == "Three days of robots.\n\nIn Berlin."


def test_frab_acronym_and_slugs_name_the_conference(client, berlin):
    root, event = _frab_xml_event(client)
    assert root.findtext("conference/acronym") == f"brd{YEAR}"
    slugs = [e.findtext("slug") for e in root.iter("event")]
    assert slugs and all(s.startswith(f"brd{YEAR}-") for s in slugs)
    assert event.findtext("slug") == f"brd{YEAR}-{berlin.session.pk}-{berlin.session.slug}"
    conference, event, events = _frab_json(client, "locale=bg")
    assert conference["acronym"] == f"brd{YEAR}"
    assert all(e["slug"].startswith(f"brd{YEAR}-") for e in events)
    assert "ncc" not in json.dumps(conference)


def test_frab_acronym_without_one_set_comes_from_the_slug(client, berlin):
    ConferencePage.objects.filter(translation_key=berlin.conference.translation_key).update(
        acronym=""
    )
    root, _event = _frab_xml_event(client)
    assert root.findtext("conference/acronym") == f"brd{YEAR}"  # berlin-robotics-days
    ConferencePage.objects.filter(pk=berlin.conference.pk).update(slug="robotics-week")
    conference, _event, _events = _frab_json(client, "locale=bg")
    assert conference["acronym"] == f"rw{YEAR}"


def test_ical_prodid_names_the_conference_in_the_requested_language(client, berlin):
    for query, prodid in (
        ("locale=en", f"-//{TITLE_EN}//Conference Platform//EN"),
        ("locale=bg", f"-//{TITLE_BG}//Conference Platform//BG"),
    ):
        for url in (
            f"/api/v1/editions/{YEAR}/agenda.ics?{query}",
            f"/api/v1/sessions/{berlin.session.pk}/session.ics?{query}",
            f"/api/v1/agenda.ics?sessions={berlin.session.pk}&{query}",
        ):
            calendar, _event = _ical_event(client, url)
            assert str(calendar["PRODID"]) == prodid, url


def test_ical_prodid_leaves_out_an_unpublished_translation_title(client, berlin):
    english = ConferencePage.objects.get(
        translation_key=berlin.conference.translation_key, locale__language_code="en"
    )
    english.unpublish()
    calendar, _event = _ical_event(client, f"/api/v1/editions/{YEAR}/agenda.ics?locale=en")
    assert str(calendar["PRODID"]) == f"-//{TITLE_BG}//Conference Platform//BG"


def _labels():
    labels = {}
    for code in ("en", "bg"):
        with translation.override(code):
            labels[code] = str(SessionPage.Type.WORKSHOP.label)
    assert labels["en"] != labels["bg"]
    return labels


REQUESTS = [
    ("", {"HTTP_ACCEPT_LANGUAGE": "en"}, "en"),
    ("?locale=en", {}, "en"),
    ("?locale=bg", {"HTTP_ACCEPT_LANGUAGE": "en"}, "bg"),
    ("", {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9,bg;q=0.5"}, "en"),
    ("", {}, "bg"),
]


def test_ical_categories_follow_the_requested_language(client, berlin):
    labels = _labels()
    for query, headers, language in REQUESTS:
        for url in (
            f"/api/v1/editions/{YEAR}/agenda.ics{query}",
            f"/api/v1/sessions/{berlin.session.pk}/session.ics{query}",
        ):
            _calendar, event = _ical_event(client, url, **headers)
            categories = [str(c) for c in event["CATEGORIES"].cats]
            assert categories[0] == labels[language], (url, headers)


def test_frab_and_csv_type_is_the_language_neutral_code(client, berlin):
    for query, headers, _language in REQUESTS:
        query = query.lstrip("?")
        _root, event = _frab_xml_event(client, query, **headers)
        assert event.findtext("type") == "workshop"
        _conference, event, _events = _frab_json(client, query, **headers)
        assert event["type"] == "workshop"
        assert _csv_row(client, query, **headers)["type"] == "workshop"


def test_exports_use_the_edition_time_zone(client, berlin):
    # The session starts at 09:00 in Sofia: 08:00 in Berlin, a week before summer time.
    root, event = _frab_xml_event(client)
    assert root.findtext("conference/time_zone_name") == "Europe/Berlin"
    assert event.findtext("date") == f"{YEAR}-03-24T08:00:00+01:00"
    assert event.findtext("start") == "08:00"
    _conference, event, _events = _frab_json(client)
    assert event["date"] == f"{YEAR}-03-24T08:00:00+01:00"
    assert event["start"] == "08:00"
    assert event["end"] == f"{YEAR}-03-24T08:45:00+01:00"
    calendar, event = _ical_event(client, f"/api/v1/editions/{YEAR}/agenda.ics?locale=en")
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event["DTSTART"].to_ical() == f"{YEAR}0324T080000".encode()
    assert event["DTEND"].to_ical() == f"{YEAR}0324T084500".encode()
    row = _csv_row(client)
    assert (row["date"], row["start"], row["end"]) == (f"{YEAR}-03-24", "08:00", "08:45")


# The demo ---------------------------------------------------------------------------------------


def test_load_demo_sets_the_acronym_once_and_keeps_an_editors(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    pages = ConferencePage.objects.filter(translation_key=demo_identity("conference"))
    assert sorted(pages.values_list("locale__language_code", "acronym")) == [
        ("bg", "ncc"),
        ("en", "ncc"),
    ]
    assert all(p.get_latest_revision_as_object().acronym == "ncc" for p in pages)
    # A demo loaded before the field existed; an editor's draft waits on the English page.
    pages.update(acronym="")
    english = pages.get(locale__language_code="en")
    draft = english.get_latest_revision_as_object()
    draft.title = "Draft title"
    draft.save_revision()
    call_command("load_demo", stdout=io.StringIO())
    assert set(pages.values_list("acronym", flat=True)) == {"ncc"}
    english.refresh_from_db()
    assert english.title != "Draft title" and english.has_unpublished_changes
    draft = english.get_latest_revision_as_object()
    assert (draft.title, draft.acronym) == ("Draft title", "ncc")
    pages.filter(locale__language_code="bg").update(acronym="cluster")
    call_command("load_demo", stdout=io.StringIO())
    assert sorted(pages.values_list("acronym", flat=True)) == ["cluster", "ncc"]
    for locale in ("bg", "en"):
        response = _get(client, f"/api/v1/editions/2025/schedule.xml?locale={locale}")
        assert ET.fromstring(response.content).findtext("conference/acronym") == (
            "cluster2025" if locale == "bg" else "ncc2025"
        )
