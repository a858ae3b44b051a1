import datetime
import zoneinfo

import pytest
from anyascii import anyascii
from django.utils.text import slugify
from wagtail.models import Page

from cms.conference.models import (
    ConferencePage,
    EditionPage,
    Room,
    SessionPage,
    SessionSpeaker,
    Track,
)
from cms.people.models import Person

SOFIA = zoneinfo.ZoneInfo("Europe/Sofia")


def at(day, hour, minute=0):
    return datetime.datetime(2025, 3, day, hour, minute, tzinfo=SOFIA)


@pytest.fixture
def conference(locales):
    bg, _ = locales
    return Page.get_first_root_node().add_child(
        instance=ConferencePage(title="Конференция", slug="conference", locale=bg)
    )


@pytest.fixture
def edition(conference, locales):
    bg, _ = locales
    edition = EditionPage(
        title="Издание 2025",
        slug="2025",
        locale=bg,
        year=2025,
        start_date=datetime.date(2025, 3, 26),
        end_date=datetime.date(2025, 3, 27),
        venue_name="София Тех Парк",
    )
    edition.rooms = [
        Room(name="Зала 1", locale=bg, sort_order=0),
        Room(name="Зала 2", locale=bg, sort_order=1),
    ]
    edition.tracks = [Track(name="Политики", slug="policy", locale=bg)]
    conference.add_child(instance=edition)
    edition.save_revision().publish()
    return edition


@pytest.fixture
def people(locales):
    bg, _ = locales
    return [
        Person.objects.create(name=name, slug=slug, locale=bg)
        for name, slug in [("Мария Петрова", "maria"), ("Георги Иванов", "georgi")]
    ]


@pytest.fixture
def add_session(edition):
    def add(title, start, end, room=None, speakers=(), parent=None):
        session = SessionPage(
            title=title,
            slug=slugify(anyascii(title)),
            start=start,
            end=end,
            room=room,
            locale=edition.locale,
        )
        session.speakers = [SessionSpeaker(person=p) for p in speakers]
        (parent or edition).add_child(instance=session)
        session.save_revision().publish()
        return session

    return add
