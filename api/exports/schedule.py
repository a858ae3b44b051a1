"""The data every export reads: one edition and its sessions, localised, in time order."""

import datetime
import re
from dataclasses import dataclass, field

from api.serializers.common import guid, page_url
from cms.conference import agenda

DEFAULT_DAY = (datetime.time(9, 0), datetime.time(18, 0))
FALLBACK_ACRONYM = "conference"


def conference_acronym(edition):
    """The short name of the edition's conference series, without the year.

    The conference page's `acronym` when an editor set one; else the initials of the words of
    the slug of its source page, the same in every language ("national-cluster-conference" gives
    "ncc", "test-conference-3" gives "tc3"), with characters outside a-z and 0-9 treated as word
    breaks; "conference" when that leaves nothing (a slug in Cyrillic, say). Reads the
    `conference_acronym` and `conference_slug` the edition selectors attach.
    """
    acronym = getattr(edition, "conference_acronym", "") or ""
    if acronym:
        return acronym
    words = re.split(r"[^a-z0-9]+", (getattr(edition, "conference_slug", "") or "").lower())
    return "".join(word[0] for word in words if word) or FALLBACK_ACRONYM


@dataclass
class Schedule:
    """What an export reads. `version`: the frab version to announce (a release's name, see
    api.exports.releases); None for the edition's last publish time."""

    edition: object
    sessions: list
    request: object = None
    days: list = field(default_factory=list)
    version: str | None = None

    @property
    def tz(self):
        return self.edition.tzinfo

    @property
    def acronym(self):
        """The frab acronym: the conference's short name and the year, e.g. "ncc2025"."""
        return f"{conference_acronym(self.edition)}{self.edition.year}"

    def local(self, moment):
        return moment.astimezone(self.tz)

    def session_url(self, session):
        url = page_url(session, self.request)
        if url:
            return url
        path = f"/api/v1/sessions/{session.pk}/"
        return self.request.build_absolute_uri(path) if self.request else path

    def session_guid(self, session):
        return guid("session", session.translation_key)

    def person_guid(self, person):
        return guid("person", person.translation_key)

    def frab_version(self):
        if self.version:
            return self.version
        published = self.edition.last_published_at
        return published.isoformat() if published else "1"

    def room_name(self, session):
        return session.room_l.name if session.room_l else self.edition.venue_name

    def room_guid(self, session):
        if session.room_l is not None:
            return guid("room", session.room_l.translation_key)
        return guid("venue", self.edition.translation_key)

    def rooms(self):
        """(name, guid, capacity) for the edition's rooms, then the venue if a session has none."""
        rooms = [
            (room.name, guid("room", room.translation_key), room.capacity)
            for room in self.edition.rooms.all()
        ]
        if any(s.room_l is None for s in self.sessions):
            rooms.append(
                (self.edition.venue_name, guid("venue", self.edition.translation_key), None)
            )
        return rooms


def schedule_for(*, edition, sessions, request=None, schedule_class=Schedule):
    schedule = schedule_class(edition=edition, sessions=list(sessions), request=request)
    day = edition.start_date
    index = 1
    while day <= edition.end_date:
        on_day = [s for s in schedule.sessions if schedule.local(s.start).date() == day]
        if on_day:
            start = min(schedule.local(s.start) for s in on_day)
            end = max(schedule.local(s.end) for s in on_day)
        else:
            start = datetime.datetime.combine(day, DEFAULT_DAY[0], tzinfo=schedule.tz)
            end = datetime.datetime.combine(day, DEFAULT_DAY[1], tzinfo=schedule.tz)
        schedule.days.append(
            {"index": index, "date": day, "start": start, "end": end, "sessions": on_day}
        )
        day += datetime.timedelta(days=1)
        index += 1
    return schedule


def edition_schedule(*, year, locale, request=None):
    """The Schedule of a published edition (its sessions as plain rows), or None."""
    found = agenda.agenda_get(year=year, locale=locale)
    if found is None:
        return None
    return schedule_for(edition=found.edition, sessions=found.sessions, request=request)


def duration(session):
    minutes = int((session.end - session.start).total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def link_materials(session):
    """Link materials (no document lookups): [(kind, title, url)]. Reads a page's StreamField
    or an agenda row's plain list of blocks."""
    blocks = session.materials
    items = []
    for block in getattr(blocks, "raw_data", blocks):
        if block.get("type") == "link":
            value = block.get("value") or {}
            items.append((value.get("kind", "link"), value.get("title", ""), value.get("url", "")))
    return items


def slug(schedule, session):
    """The frab slug of a session: the schedule's acronym, the session's id and slug."""
    return f"{schedule.acronym}-{session.pk}-{session.slug}"
