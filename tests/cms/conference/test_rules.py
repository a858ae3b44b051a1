import pytest
from django.core.exceptions import ValidationError

from cms.conference.models import SessionPage
from cms.conference.rules import session_conflicts

from .conftest import at


def test_session_ending_before_it_starts_is_refused(edition):
    session = SessionPage(
        title="Backwards", start=at(26, 11), end=at(26, 10), locale=edition.locale
    )
    with pytest.raises(ValidationError) as error:
        edition.add_child(instance=session)
    assert "end" in error.value.message_dict


def test_session_outside_the_edition_dates_is_refused(edition):
    session = SessionPage(title="Too late", start=at(28, 10), end=at(28, 11), locale=edition.locale)
    with pytest.raises(ValidationError) as error:
        edition.add_child(instance=session)
    assert "start" in error.value.message_dict
    assert "2025-03-26" in error.value.message_dict["start"][0]


def test_session_dates_are_checked_in_the_edition_time_zone(edition):
    # 23:30 UTC on 25 March is already 01:30 on 26 March in Sofia: inside the edition.
    import datetime

    start = datetime.datetime(2025, 3, 25, 23, 30, tzinfo=datetime.UTC)
    session = SessionPage(
        title="Early", start=start, end=start + datetime.timedelta(hours=1), locale=edition.locale
    )
    edition.add_child(instance=session)
    assert session.pk


def test_session_with_room_of_another_edition_is_refused(edition, conference, locales):
    import datetime

    from cms.conference.models import EditionPage, Room

    other = EditionPage(
        title="2026",
        slug="2026",
        locale=locales[0],
        year=2026,
        venue_name="X",
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2026, 3, 2),
    )
    other.rooms = [Room(name="Other hall", locale=locales[0])]
    conference.add_child(instance=other)
    session = SessionPage(
        title="Wrong room",
        start=at(26, 10),
        end=at(26, 11),
        room=other.rooms.get(),
        locale=edition.locale,
    )
    with pytest.raises(ValidationError) as error:
        edition.add_child(instance=session)
    assert "room" in error.value.message_dict


def test_room_clash_is_reported(edition, add_session):
    room = edition.rooms.first()
    first = add_session("Keynote", at(26, 10), at(26, 11), room=room)
    second = add_session("Talk", at(26, 10, 30), at(26, 11, 30), room=room)
    conflicts = session_conflicts(session=second)
    assert [(c.kind, c.other_session_id) for c in conflicts] == [("room", first.pk)]
    assert "Keynote" in conflicts[0].message


def test_back_to_back_sessions_in_one_room_do_not_clash(edition, add_session):
    room = edition.rooms.first()
    add_session("Keynote", at(26, 10), at(26, 11), room=room)
    second = add_session("Talk", at(26, 11), at(26, 12), room=room)
    other_room = add_session("Parallel", at(26, 10), at(26, 11), room=edition.rooms.last())
    assert session_conflicts(session=second) == []
    assert session_conflicts(session=other_room) == []


def test_speaker_in_two_places_at_once_is_reported(edition, add_session, people):
    maria, georgi = people
    add_session("Panel", at(26, 10), at(26, 11), room=edition.rooms.first(), speakers=[maria])
    second = add_session(
        "Workshop", at(26, 10, 45), at(26, 12), room=edition.rooms.last(), speakers=[maria, georgi]
    )
    conflicts = session_conflicts(session=second)
    assert [c.kind for c in conflicts] == ["speaker"]
    assert "Мария Петрова" in conflicts[0].message


def test_edition_ending_before_it_starts_is_refused(edition):
    import datetime

    edition.end_date = datetime.date(2025, 3, 20)
    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert "end_date" in error.value.message_dict


def test_edition_with_unknown_time_zone_is_refused(edition):
    edition.timezone = "Europe/Atlantis"
    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert "timezone" in error.value.message_dict
