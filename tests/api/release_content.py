"""An edition in both languages released twice, with five kinds of change between the releases.

v1 freezes the agenda; then one session moves (time and room), one is renamed, one is cancelled,
one is added and one is unpublished; v2 freezes that. Each test that builds it uses a year of its
own (2091+) and its own conference, beside the demo data of its pytest worker.
"""

import datetime
from dataclasses import dataclass, field

from cms.conference import releases, schedule
from cms.conference.models import EditionPage, SessionPage
from tests.api import factories

NOW = datetime.datetime(2090, 6, 1, 12, 0, tzinfo=datetime.UTC)


@dataclass
class Released:
    year: int
    edition: EditionPage
    english: EditionPage
    sessions: dict = field(default_factory=dict)  # name -> (bg page, en page)
    v1: object = None
    v2: object = None

    def guid(self, name):
        from cms.core.ids import guid

        return guid("session", self.sessions[name][0].translation_key)


def _at(edition, day, hour, minute=0):
    date = edition.start_date + datetime.timedelta(days=day)
    return datetime.datetime.combine(date, datetime.time(hour, minute), tzinfo=factories.SOFIA)


def _translate(page, english_edition, title):
    copy = page.copy_for_translation(factories.en(), copy_parents=False)
    copy.title = title
    if page.room_id:
        copy.room = english_edition.rooms.get(translation_key=page.room.translation_key)
    if page.track_id:
        copy.track = english_edition.tracks.get(translation_key=page.track.translation_key)
    return factories.publish(copy)


def session_pair(content, name, bg_title, en_title, *, day, hour, room):
    page = factories.session(
        content.edition, title=bg_title, start=_at(content.edition, day, hour), room=room
    )
    english = _translate(page, content.english, en_title)
    content.sessions[name] = (page, english)
    return page, english


def edition_released_once(year, *, title_bg=None, title_en=None):
    """A bilingual edition of `year` with five named sessions, released as v1."""
    conference = factories.conference()
    factories.publish(conference.copy_for_translation(factories.en()))
    edition = factories.edition(conference, year=year, size=2, title=title_bg or f"Издание {year}")
    english = edition.copy_for_translation(factories.en())
    english.title = title_en or f"Edition {year}"
    english = factories.publish(english)
    english = EditionPage.objects.get(pk=english.pk)
    content = Released(year=year, edition=edition, english=english)
    room_a, room_b = edition.rooms.order_by("sort_order")
    session_pair(content, "moved", "Преместена сесия", "Moved session", day=0, hour=13, room=room_a)
    session_pair(content, "renamed", "Старо име", "Old name", day=0, hour=14, room=room_a)
    session_pair(
        content, "cancelled", "Отменена сесия", "Cancelled session", day=0, hour=15, room=room_a
    )
    session_pair(
        content, "removed", "Премахната сесия", "Removed session", day=0, hour=16, room=room_a
    )
    session_pair(
        content, "kept", "Непроменена сесия", "Unchanged session", day=1, hour=13, room=room_b
    )
    content.v1 = releases.release_create(
        edition=edition,
        note_bg="Първа версия на програмата.",
        note_en="First version of the agenda.",
        now=NOW,
    )
    return content


def change_five_things(content):
    """Move, rename, cancel, add and unpublish one session each (published, both languages)."""
    edition = content.edition
    room_a, room_b = edition.rooms.order_by("sort_order")
    moved, _moved_en = content.sessions["moved"]
    schedule.session_move(
        session=moved, start=_at(edition, 1, 16), end=_at(edition, 1, 16, 45), room=room_b
    )
    renamed, renamed_en = content.sessions["renamed"]
    schedule.session_update(session=renamed, title="Ново име")
    schedule.session_update(session=renamed_en, title="New name")
    schedule.session_update(session=content.sessions["cancelled"][0], cancelled=True)
    for page in content.sessions["removed"]:
        SessionPage.objects.get(pk=page.pk).unpublish()
    session_pair(content, "added", "Добавена сесия", "Added session", day=1, hour=10, room=room_a)


def edition_released_twice(year, **kwargs):
    content = edition_released_once(year, **kwargs)
    change_five_things(content)
    content.v2 = releases.release_create(
        edition=content.edition,
        note_bg="Промени в програмата.",
        note_en="Changes to the agenda.",
        now=NOW + datetime.timedelta(days=7),
    )
    return content
