"""Builders for API tests: a conference with editions of any size, published as editors do."""

import datetime
import itertools
import zoneinfo

from wagtail.models import Locale, Page

from cms.conference.models import (
    ConferencePage,
    EditionPage,
    NewsPage,
    Partnership,
    Room,
    SessionPage,
    SessionSpeaker,
    Track,
)
from cms.core.images import image_ensure
from cms.people.models import Industry, Organisation, Person, Topic

SOFIA = zoneinfo.ZoneInfo("Europe/Sofia")
_counter = itertools.count(1)


def publish(page):
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def bg():
    return Locale.objects.get_or_create(language_code="bg")[0]


def en():
    return Locale.objects.get_or_create(language_code="en")[0]


def conference():
    bg()
    en()
    root = Page.get_first_root_node()
    number = next(_counter)
    return publish(
        root.add_child(
            instance=ConferencePage(
                title=f"Test conference {number}", slug=f"test-conference-{number}", locale=bg()
            )
        )
    )


def snippet(model, **fields):
    number = next(_counter)
    fields.setdefault("slug", f"{model.__name__.lower()}-{number}")
    fields.setdefault("locale", bg())
    obj = model(**fields)
    obj.save()
    if hasattr(obj, "save_revision"):
        obj.save_revision().publish()
        obj.refresh_from_db()
    return obj


def person(name=None, *, photo=True, **fields):
    number = next(_counter)
    name = name or f"Test Person {number}"
    image = image_ensure(title="Test portrait", text="T P") if photo else None
    return snippet(Person, name=name, job_title="Tester", photo=image, **fields)


def organisation(name=None, **fields):
    number = next(_counter)
    image = image_ensure(title="Test logo", text="T L", size=(480, 240))
    return snippet(Organisation, name=name or f"Test Organisation {number}", logo=image, **fields)


def edition(parent, *, year, size=2, title=None):
    """A published edition with `size` rooms, tracks, partners, sessions (two speakers each,
    a topic and an industry) and news pages."""
    start = datetime.date(year, 3, 24)
    organisations = [organisation() for _ in range(size)]
    page = EditionPage(
        title=title or f"Test edition {year}",
        slug=f"edition-{year}-{next(_counter)}",
        locale=bg(),
        year=year,
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
        venue_name="Test venue",
        venue_address="1 Test Street",
        venue_city="Sofia",
        venue_postal_code="1000",
        hero_image=image_ensure(title="Test banner", text="T B", size=(1200, 500)),
    )
    page.rooms = [Room(name=f"Room {i}", capacity=50, locale=bg()) for i in range(size)]
    page.tracks = [Track(name=f"Track {i}", slug=f"track-{i}", locale=bg()) for i in range(size)]
    page.partnerships = [
        Partnership(organisation=org, role="partner" if i % 2 else "organiser")
        for i, org in enumerate(organisations)
    ]
    parent.add_child(instance=page)
    page = publish(page)
    rooms = list(page.rooms.order_by("sort_order"))
    tracks = list(page.tracks.order_by("sort_order"))
    for i in range(size):
        session(page, index=i, room=rooms[i % len(rooms)], track=tracks[i % len(tracks)])
        news(page)
    return EditionPage.objects.get(pk=page.pk)


def session(
    edition_page, *, index=0, room=None, track=None, title=None, speakers=None, start=None, **fields
):
    """A published session: 45 minutes from `start` (default: by `index`, Sofia time)."""
    if start is None:
        day = edition_page.start_date + datetime.timedelta(days=index % 2)
        start = datetime.datetime.combine(day, datetime.time(9 + index % 8, 0), tzinfo=SOFIA)
    page = SessionPage(
        title=title or f"Test session {next(_counter)}",
        slug=f"session-{next(_counter)}",
        locale=fields.pop("locale", bg()),
        abstract="<p>About the session.</p>",
        session_type="talk",
        start=start,
        end=start + datetime.timedelta(minutes=45),
        room=room,
        track=track,
        **fields,
    )
    if speakers is None:
        speakers = [person(), person()]
    page.speakers = [SessionSpeaker(person=p, role="speaker") for p in speakers]
    page.topics = [snippet(Topic, name=f"Topic {next(_counter)}")]
    page.industries = [snippet(Industry, name=f"Industry {next(_counter)}")]
    edition_page.add_child(instance=page)
    return publish(page)


def news(edition_page, *, title=None):
    page = NewsPage(
        title=title or f"Test news {next(_counter)}",
        slug=f"news-{next(_counter)}",
        locale=bg(),
        date=edition_page.start_date,
        intro="News.",
        image=edition_page.hero_image,
    )
    edition_page.add_child(instance=page)
    return publish(page)
