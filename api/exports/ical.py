"""iCalendar (RFC 5545) for an edition's agenda, one session, a speaker or a personal selection."""

import datetime

import icalendar
from django.utils import translation

from api.exports.schedule import link_materials
from api.serializers.common import guid, page_url
from api.text import plain_text

PRODUCT = "Conference Platform"


def prodid(sessions, edition=None):
    """The PRODID "-//{conference title}//Conference Platform//{LANG}" (RFC 5545 3.7.3): the
    conference of the first session's edition, its title in the requested language where
    translated.

    A calendar without sessions names the platform in place of a conference."""
    if edition is None:
        edition = sessions[0].edition_l if sessions else None
    title = getattr(edition, "conference_title", None) or PRODUCT
    language = getattr(edition, "conference_language", None) or translation.get_language() or ""
    # "//" separates the fields of the identifier; a title cannot introduce one of its own.
    title = " ".join(title.replace("//", "/").split())
    return f"-//{title}//{PRODUCT}//{language.split('-')[0].upper()}"


def _event(session, request):
    edition = session.edition_l
    tz = edition.tzinfo
    event = icalendar.Event()
    event.add("uid", f"{guid('session', session.translation_key)}@conference-platform")
    stamp = session.last_published_at or datetime.datetime.now(datetime.UTC)
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    event.add("last-modified", stamp.astimezone(datetime.UTC))
    event.add("dtstart", session.start.astimezone(tz))
    event.add("dtend", session.end.astimezone(tz))
    event.add("summary", session.title)
    lines = [plain_text(session.abstract)]
    if session.speakers_l:
        lines.append(", ".join(person.name for person, _role in session.speakers_l))
    lines.extend(f"{title}: {url}" for _kind, title, url in link_materials(session))
    event.add("description", "\n\n".join(line for line in lines if line))
    place = [session.room_l.name] if session.room_l else []
    place += [edition.venue_name, edition.venue_address, edition.venue_city]
    event.add("location", ", ".join(part for part in place if part))
    url = page_url(session, request)
    if url:
        event.add("url", url)
    categories = [session.get_session_type_display()]
    if session.track_l:
        categories.append(session.track_l.name)
    event.add("categories", [str(c) for c in categories])
    event.add("class", "PUBLIC")
    event.add("status", "CANCELLED" if getattr(session, "cancelled", False) else "CONFIRMED")
    return event


def calendar(sessions, *, name, request=None, edition=None):
    sessions = list(sessions)
    cal = icalendar.Calendar()
    cal.add("prodid", prodid(sessions, edition))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for session in sessions:
        cal.add_component(_event(session, request))
    cal.add_missing_timezones()
    return cal.to_ical()
