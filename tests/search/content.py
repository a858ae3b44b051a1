"""A small conference built page by page, for the tests that change content."""

import datetime
import zoneinfo

from wagtail.models import Locale, Page

from cms.conference.models import ConferencePage, EditionPage, SessionPage, SessionSpeaker
from cms.people.models import Person

SOFIA = zoneinfo.ZoneInfo("Europe/Sofia")


def publish(page):
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def conference():
    bg, _ = Locale.objects.get_or_create(language_code="bg")
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    if root is None:  # a transactional test flushed the tree that the migrations created
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=bg))
    page = root.add_child(instance=ConferencePage(title="Конференция", slug="conf", locale=bg))
    return publish(page)


def edition(parent, year, *, venue="София Тех Парк"):
    start = datetime.date(year, 3, 24)
    page = parent.add_child(
        instance=EditionPage(
            title=f"Издание {year}",
            slug=f"edition-{year}",
            year=year,
            start_date=start,
            end_date=start + datetime.timedelta(days=1),
            venue_name=venue,
            locale=parent.locale,
            status="live",
        )
    )
    return publish(page)


def draft_session(parent, title, *, slug, speakers=(), abstract=""):
    """A session saved but never published."""
    start = datetime.datetime(parent.year, 3, 24, 10, 0, tzinfo=SOFIA)
    page = SessionPage(
        title=title,
        slug=slug,
        start=start,
        end=start + datetime.timedelta(hours=1),
        abstract=abstract,
        locale=parent.locale,
        live=False,
    )
    page.speakers = [SessionSpeaker(person=p, role="speaker") for p in speakers]
    parent.add_child(instance=page)
    return SessionPage.objects.get(pk=page.pk)


def session(parent, title, *, slug, speakers=(), abstract=""):
    return publish(draft_session(parent, title, slug=slug, speakers=speakers, abstract=abstract))


def person(name, *, slug):
    bg, _ = Locale.objects.get_or_create(language_code="bg")
    obj = Person(name=name, slug=slug, locale=bg)
    obj.save()
    obj.save_revision().publish()
    return Person.objects.get(pk=obj.pk)


def translation(page, locale, title, **fields):
    """A published translation of a published page in `locale` (its parent translated first)."""
    copy = page.copy_for_translation(locale)
    copy.title = title
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return publish(copy)
