"""The edition exports read the agenda as plain rows (cms.conference.agenda), not as session
pages: every export says exactly what it says when rendered from the localised session pages."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Locale

from api.exports import agenda_csv, frab, ical
from api.exports.schedule import edition_schedule, link_materials, schedule_for
from cms.conference import agenda, selectors
from cms.conference.models import EditionPage, SessionPage
from tests.api import factories


def _from_pages(year, locale, request):
    edition = selectors.edition_get(year=year, locale=locale)
    sessions = selectors.sessions_localise(
        selectors.session_list(locale=locale, filters={"year": year}),
        locale,
        known_editions=[edition],
    )
    return schedule_for(edition=edition, sessions=sessions, request=request)


def _renders(schedule):
    return {
        "schedule.json": frab.schedule_json(schedule),
        "schedule.xml": frab.schedule_xml(schedule),
        "agenda.csv": agenda_csv.agenda_csv(schedule),
        "agenda.ics": ical.calendar(
            schedule.sessions,
            name=schedule.edition.title,
            request=schedule.request,
            edition=schedule.edition,
        ),
    }


def _assert_same(year, language):
    locale = Locale.objects.get(language_code=language)
    request = RequestFactory().get(f"/api/v1/editions/{year}/schedule.json")
    with translation.override(language):
        rows = edition_schedule(year=year, locale=locale, request=request)
        pages = _from_pages(year, locale, request)
        assert [type(s) for s in rows.sessions] == [agenda.AgendaSession] * len(rows.sessions)
        assert [s.pk for s in rows.sessions] == [s.pk for s in pages.sessions]
        assert rows.edition.pk == pages.edition.pk
        rendered_rows, rendered_pages = _renders(rows), _renders(pages)
        for name, body in rendered_pages.items():
            assert rendered_rows[name] == body, name
    return rows


@pytest.mark.parametrize("year", [2025, 2026, 2027])
@pytest.mark.parametrize("language", ["bg", "en"])
def test_agenda_rows_render_every_export_as_the_session_pages_do(demo_api, year, language):
    rows = _assert_same(year, language)
    sessions = rows.sessions
    assert len(sessions) >= 5
    # The demo exercises what the rows carry: rooms, tracks, speakers, topics, link materials.
    assert any(s.room_l for s in sessions) and any(s.track_l for s in sessions)
    assert any(s.speakers_l for s in sessions) and any(s.topics_l for s in sessions)
    if year == 2025:
        assert any(person.photo for s in sessions for person, _role in s.speakers_l)


def test_agenda_row_url_is_the_session_pages_url(demo_api):
    locale = Locale.objects.get(language_code="en")
    found = agenda.agenda_get(year=2025, locale=locale)
    pages = SessionPage.objects.in_bulk([s.pk for s in found.sessions])
    for session in found.sessions:
        assert session.get_url() == pages[session.pk].get_url()
        assert session.get_session_type_display() == pages[session.pk].get_session_type_display()


def test_agenda_of_an_unknown_or_hidden_year_is_none(demo_api):
    locale = Locale.objects.get(language_code="en")
    assert agenda.agenda_get(year=1999, locale=locale) is None


@pytest.fixture
def mixed(db):
    """A Bulgarian edition translated to English with one of its two sessions translated; a
    hidden (draft) session; a speaker who was unpublished; slides and a video as materials."""
    conference = factories.conference()
    edition = factories.edition(conference, year=2041, size=2)
    factories.publish(conference.copy_for_translation(factories.en()))
    english = factories.publish(edition.copy_for_translation(factories.en()))
    first, second = SessionPage.objects.child_of(edition).order_by("pk")
    translated = first.copy_for_translation(factories.en(), copy_parents=False)
    translated.title = "First session in English"
    english = EditionPage.objects.get(pk=english.pk)
    translated.room = english.rooms.get(translation_key=first.room.translation_key)
    translated.track = english.tracks.get(translation_key=first.track.translation_key)
    translated = factories.publish(translated)
    second.materials = [
        ("link", {"title": "Slides", "url": "https://example.org/slides.pdf", "kind": "slides"}),
        ("link", {"title": "Recording", "url": "https://example.org/video", "kind": "video"}),
    ]
    second = factories.publish(second)
    draft = factories.session(edition, index=3, title="Draft session")
    draft.unpublish()
    gone = second.speakers.first().person
    gone.unpublish()
    return {
        "edition": edition,
        "english": english,
        "translated": translated,
        "second": second,
        "draft": draft,
        "gone": gone,
    }


@pytest.mark.parametrize("language", ["bg", "en"])
def test_agenda_rows_follow_the_language_fallback_and_visibility_of_the_pages(mixed, language):
    rows = _assert_same(2041, language)
    by_pk = {s.pk: s for s in rows.sessions}
    assert link_materials(by_pk[mixed["second"].pk]) == [
        ("slides", "Slides", "https://example.org/slides.pdf"),
        ("video", "Recording", "https://example.org/video"),
    ]
    assert mixed["draft"].pk not in by_pk
    assert all(p.pk != mixed["gone"].pk for s in rows.sessions for p, _role in s.speakers_l)
    if language == "en":
        assert rows.edition.pk == mixed["english"].pk
        assert mixed["translated"].pk in by_pk and mixed["second"].pk in by_pk
        # The untranslated session is shown from its Bulgarian edition, at its own address.
        fallback = by_pk[mixed["second"].pk]
        assert fallback.edition_l.pk == mixed["edition"].pk
        assert fallback.get_url() == mixed["second"].get_url()
        assert by_pk[mixed["translated"].pk].get_url() == mixed["translated"].get_url()
    else:
        assert rows.edition.pk == mixed["edition"].pk
        assert mixed["translated"].pk not in by_pk


def test_a_hidden_edition_has_no_agenda(mixed):
    locale = Locale.objects.get(language_code="bg")
    assert agenda.agenda_get(year=2041, locale=locale) is not None
    mixed["edition"].unpublish()
    mixed["english"].unpublish()
    assert agenda.agenda_get(year=2041, locale=locale) is None
