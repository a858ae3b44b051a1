"""The services behind the agenda board: moves, creation, publishing, translations following."""

import datetime
import zoneinfo

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.utils import translation
from wagtail.models import Locale

from cms.conference import schedule
from cms.conference.models import EditionPage, SessionPage
from cms.conference.services import edition_editors_group_ensure
from cms.people.models import Person

SOFIA = zoneinfo.ZoneInfo("Europe/Sofia")


def at(day, hhmm):
    hour, minute = map(int, hhmm.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), SOFIA)


@pytest.fixture
def edition(demo):
    return EditionPage.objects.get(year=2027, locale__language_code="bg")


def session(edition, slug_part):
    return SessionPage.objects.child_of(edition).get(slug__contains=slug_part)


def english(page):
    return page.get_translation(Locale.objects.get(language_code="en")).specific


def test_a_move_publishes_the_session_and_its_translation(edition):
    keynote = session(edition, "markets-keynote")
    hall2 = edition.rooms.get(sort_order=1)
    day = edition.start_date
    outcome = schedule.session_move(
        session=keynote, start=at(day, "16:00"), end=at(day, "16:45"), room=hall2
    )
    keynote.refresh_from_db()
    assert outcome.published and outcome.translations == 1
    assert (keynote.start, keynote.room, keynote.has_unpublished_changes) == (
        at(day, "16:00"),
        hall2,
        False,
    )
    en = english(keynote)
    assert en.start == at(day, "16:00") and en.live and not en.has_unpublished_changes
    assert en.room.translation_key == hall2.translation_key
    assert en.room.locale.language_code == "en"


def test_a_move_into_an_occupied_room_is_refused_and_changes_nothing(edition):
    opening = session(edition, "opening")
    keynote = session(edition, "markets-keynote")
    before = (keynote.start, keynote.end, keynote.room_id, keynote.latest_revision_id)
    with pytest.raises(schedule.ScheduleError) as error:
        schedule.session_move(
            session=keynote, start=opening.start, end=opening.end, room=opening.room
        )
    assert opening.title in error.value.message_dict["room"][0]
    keynote.refresh_from_db()
    assert (keynote.start, keynote.end, keynote.room_id, keynote.latest_revision_id) == before


def test_a_move_outside_the_edition_days_is_refused(edition):
    keynote = session(edition, "markets-keynote")
    day = edition.end_date + datetime.timedelta(days=1)
    with pytest.raises(schedule.ScheduleError) as error:
        schedule.session_move(session=keynote, start=at(day, "10:00"), end=at(day, "11:00"))
    assert "start" in error.value.message_dict


def test_a_speaker_in_two_places_is_a_warning_not_a_refusal(edition):
    opening = session(edition, "opening")
    keynote = session(edition, "markets-keynote")
    person = opening.speakers.first().person
    schedule.session_update(session=keynote, speakers=[(person, "speaker")])
    outcome = schedule.session_move(
        session=keynote, start=opening.start, end=opening.end, room=None
    )
    assert [w.kind for w in outcome.warnings] == ["speaker"]
    assert person.name in outcome.warnings[0].message


def test_an_editor_who_may_not_publish_leaves_a_draft_the_board_shows(edition):
    group = Group.objects.create(name="Drafters")
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission

    group.permissions.add(Permission.objects.get(codename="access_admin"))
    change = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    for page in (edition, *edition.get_translations()):
        GroupPagePermission.objects.create(group=group, page=page, permission=change)
    user = User.objects.create_user("drafter", password="x")
    user.groups.add(group)
    keynote = session(edition, "markets-keynote")
    live_start = keynote.start
    day = edition.start_date
    outcome = schedule.session_move(
        session=keynote, start=at(day, "17:00"), end=at(day, "17:30"), user=user
    )
    keynote.refresh_from_db()
    assert not outcome.published
    assert keynote.start == live_start and keynote.has_unpublished_changes
    state = schedule.edition_states(edition)[keynote.pk]
    assert state.start == at(day, "17:00") and state.status == "changed"
    with pytest.raises(PermissionDenied):
        schedule.sessions_publish(edition=edition, user=user)


def test_a_move_keeps_an_unpublished_draft_unpublished(edition):
    keynote = session(edition, "markets-keynote")
    draft = keynote.get_latest_revision_as_object()
    draft.title = "Draft title nobody approved"
    draft.save_revision()
    day = edition.start_date
    schedule.session_move(session=keynote, start=at(day, "16:00"), end=at(day, "16:45"))
    keynote.refresh_from_db()
    assert keynote.title != "Draft title nobody approved" and keynote.start == at(day, "16:00")
    latest = keynote.get_latest_revision_as_object()
    assert latest.title == "Draft title nobody approved" and latest.start == at(day, "16:00")


def test_create_makes_drafts_in_both_languages_then_publish(edition):
    people = list(Person.objects.filter(locale=edition.locale)[:2])
    room = edition.rooms.get(sort_order=1)
    day = edition.start_date
    outcome = schedule.session_create(
        edition=edition,
        title="Клъстери и данни",
        session_type="panel",
        start=at(day, "18:00"),
        end=at(day, "18:45"),
        room=room,
        speakers=[(people[0], "moderator"), (people[1], "panelist")],
        translations={"en": {"title": "Clusters and data"}},
    )
    page = outcome.session
    assert not page.live and outcome.translations == 1
    assert [(s.person, s.role) for s in page.speakers.all()] == [
        (people[0], "moderator"),
        (people[1], "panelist"),
    ]
    assert page.speakers.first().job_title == people[0].job_title
    en = english(page)
    assert en.title == "Clusters and data" and en.room.locale.language_code == "en"
    assert schedule.sessions_publish(edition=edition) == 1
    page.refresh_from_db()
    en.refresh_from_db()
    assert page.live and en.live and en.start == at(day, "18:00")


def test_an_unscheduled_session_is_never_public_even_published(edition, client):
    outcome = schedule.session_create(edition=edition, title="Без час")
    page = outcome.session
    page.save_revision().publish()
    from cms.conference import selectors

    assert not selectors.visible_pages(SessionPage).filter(pk=page.pk).exists()
    assert selectors.visible_pages().filter(pk=page.pk).count() == 0
    # and publishing the edition's drafts leaves it alone
    assert schedule.edition_states(edition)[page.pk].scheduled is False


def test_start_without_end_is_refused(edition):
    keynote = session(edition, "markets-keynote")
    with pytest.raises(schedule.ScheduleError) as error:
        schedule.session_move(session=keynote, start=keynote.start, end=None)
    assert "end" in error.value.message_dict


def test_edition_states_reads_in_constant_queries(edition, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        states = schedule.edition_states(edition)
    assert len(states) == SessionPage.objects.child_of(edition).count() > 5


def test_edition_editors_may_create_people(edition):
    group = edition_editors_group_ensure(edition=edition)
    user = User.objects.create_user("ed", password="x")
    user.groups.add(group)
    person = schedule.person_create(name="Нов Човек", user=user)
    assert person.pk and person.slug


def _publish(page, **changes):
    page = SessionPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_the_conflict_view_lists_every_kind_of_problem(edition, client):
    opening = session(edition, "opening")
    keynote = session(edition, "markets-keynote")
    person = opening.speakers.first().person
    schedule.session_update(session=keynote, speakers=[(person, "speaker")])
    # The page editor only warns about a room clash: an editor saved one.
    _publish(keynote, start=opening.start, end=opening.end, room=opening.room)
    Person.objects.filter(pk=person.pk).update(bio="", photo=None)
    schedule.session_create(edition=edition, title="Без час")
    en = english(opening)
    en.title = opening.title  # back to the untranslated copy
    en.save_revision().publish()

    with translation.override("en"):
        problems = schedule.edition_conflicts(edition)
    kinds = {p.kind for p in problems}
    assert {"room", "speaker", "profile", "untranslated", "unscheduled"} <= kinds
    room = [p for p in problems if p.kind == "room"]
    assert len(room) == 1 and set(room[0].session_ids) == {opening.pk, keynote.pk}
    assert any(p.person_id == person.pk and "biography" in p.message for p in problems)
    assert any(
        p.kind == "untranslated"
        and p.session_ids == (opening.pk,)
        and "not translated" in p.message
        for p in problems
        if p.kind == "untranslated"
    )

    admin = User.objects.create_superuser("boss", "b@example.com", "pw")
    client.force_login(admin)
    response = client.get(f"/admin/editions/{edition.pk}/agenda/conflicts/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-kind="room"' in body and opening.title in body
    assert f"/admin/pages/{keynote.pk}/edit/" in body

    outsider = User.objects.create_user("outsider", password="x")
    outsider.user_permissions.add(
        __import__("django.contrib.auth.models", fromlist=["Permission"]).Permission.objects.get(
            codename="access_admin"
        )
    )
    client.force_login(outsider)
    assert client.get(f"/admin/editions/{edition.pk}/agenda/conflicts/").status_code in (302, 403)


def test_the_conflict_view_reads_in_constant_queries(edition, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    day = edition.start_date
    person = Person.objects.filter(locale=edition.locale).first()
    schedule.session_create(edition=edition, title="Extra", speakers=[(person, "speaker")])
    with CaptureQueriesContext(connection) as before:
        schedule.edition_conflicts(edition)
    for hour in range(8, 18):
        schedule.session_create(
            edition=edition,
            title=f"Extra {hour}",
            start=at(day, f"{hour:02d}:00"),
            end=at(day, f"{hour:02d}:30"),
            speakers=[(person, "speaker")],
        )
    with CaptureQueriesContext(connection) as after:
        problems = schedule.edition_conflicts(edition)
    assert len(after) == len(before)
    assert sum(p.kind == "untranslated" for p in problems) >= 10
