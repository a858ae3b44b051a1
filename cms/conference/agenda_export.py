"""Exporting an edition's programme as its editors see it, in the formats the import reads.

CSV and XLSX carry every session, drafts included, with the columns of the import (a session not
scheduled yet has an empty date); frab XML and JSON carry the scheduled sessions and validate
against the schemas conference apps use. Each session's id is its external id, or the stable guid
it has in the public frab export, so an exported file imported again changes nothing.
"""

import csv
import datetime
import io
import json
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import openpyxl
from anyascii import anyascii
from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import pgettext
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from wagtail.models import Locale

from cms.conference import schedule
from cms.conference.agenda_import import (
    FIELDS,
    LABELS,
    Format,
    object_guid,
    plain_text,
    session_contents,
    session_guid,
)
from cms.conference.models import Room, SessionPage, SessionSpeaker, Track
from cms.people.models import Person, Topic

# The import's columns, with the end written out (the duration column is only read).
COLUMNS = tuple(name for name in FIELDS if name != "duration")
GENERATOR = {"name": "conference-platform", "version": "1.0"}
TIMESLOT = "00:15"
DEFAULT_DAY = (datetime.time(9, 0), datetime.time(18, 0))
CONTENT_TYPES = {
    Format.CSV: "text/csv; charset=utf-8",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.FRAB_XML: "application/xml; charset=utf-8",
    Format.FRAB_JSON: "application/json",
}
EXTENSIONS = {
    Format.CSV: "csv",
    Format.XLSX: "xlsx",
    Format.FRAB_XML: "xml",
    Format.FRAB_JSON: "json",
}


@dataclass
class ExportedSession:
    pk: int
    guid: str
    external_id: str
    title: str
    title_en: str
    session_type: str
    language: str
    start: datetime.datetime | None
    end: datetime.datetime | None
    room: Room | None
    track: Track | None
    speakers: list  # [(Person, role)]
    topics: list  # [Topic]
    abstract: str  # plain text
    slug: str

    @property
    def scheduled(self):
        return self.start is not None and self.end is not None


@dataclass
class ExportedFile:
    content: bytes
    content_type: str
    filename: str


def _acronym(edition):
    conference = edition.get_parent().specific
    acronym = getattr(conference, "acronym", "") or ""
    if not acronym:
        words = re.split(r"[^a-z0-9]+", anyascii(conference.slug or "").lower())
        acronym = "".join(word[0] for word in words if word) or "conference"
    return f"{acronym}{edition.year}"


def agenda_sessions(edition):
    """The edition's sessions as its editors see them (drafts included), scheduled ones first in
    time and room order, then the others by title."""
    edition = schedule.source_edition(edition)
    states = schedule.edition_states(edition)
    contents = session_contents(states)
    english = Locale.objects.filter(language_code="en").first()
    titles_en = {}
    if english is not None and english.pk != edition.locale_id:
        other = edition.get_translation_or_none(english)
        if other is not None:
            titles_en = {
                s.translation_key: s.title for s in schedule.edition_states(other).values()
            }
    rooms = {room.pk: room for room in Room.objects.filter(edition=edition)}
    tracks = {track.pk: track for track in Track.objects.filter(edition=edition)}
    people = Person.objects.in_bulk({p for s in states.values() for p, _r in s.speakers})
    topics = Topic.objects.in_bulk({t for _a, ids in contents.values() for t in ids})
    slugs = dict(SessionPage.objects.filter(pk__in=list(states)).values_list("pk", "slug"))
    used = set()
    sessions = []
    for state in states.values():
        guid = state.external_id if _is_uuid(state.external_id) else ""
        if not guid or guid in used:
            guid = session_guid(state.translation_key)
        used.add(guid)
        abstract, topic_ids = contents.get(state.pk, ("", []))
        sessions.append(
            ExportedSession(
                pk=state.pk,
                guid=guid,
                external_id=state.external_id,
                title=state.title,
                title_en=titles_en.get(state.translation_key, ""),
                session_type=state.session_type,
                language=state.language,
                start=state.start if state.scheduled else None,
                end=state.end if state.scheduled else None,
                room=rooms.get(state.room_id),
                track=tracks.get(state.track_id),
                speakers=[
                    (people[person_id], role)
                    for person_id, role in state.speakers
                    if person_id in people
                ],
                topics=[topics[t] for t in topic_ids if t in topics],
                abstract=plain_text(abstract),
                slug=slugs.get(state.pk, ""),
            )
        )

    def order(session):
        if session.scheduled:
            room = (session.room.sort_order or 0) if session.room else -1
            return (0, session.start.timestamp(), room, session.title.casefold())
        return (1, 0.0, 0, session.title.casefold())

    return edition, sorted(sessions, key=order)


def _is_uuid(value):
    try:
        uuid.UUID(value or "")
    except ValueError:
        return False
    return True


def _label(choices, value):
    return str(dict(choices).get(value, value))


def _speakers_text(speakers):
    parts = []
    for person, role in speakers:
        if role and role != SessionSpeaker.Role.SPEAKER:
            parts.append(f"{person.name} ({_label(SessionSpeaker.Role.choices, role)})")
        else:
            parts.append(person.name)
    return "; ".join(parts)


def agenda_table(edition):
    """(edition, headers, rows) of the spreadsheet export: one row per session with the values
    as Python dates, times and text."""
    edition, sessions = agenda_sessions(edition)
    tz = edition.tzinfo
    rows = []
    for session in sessions:
        start = session.start.astimezone(tz) if session.scheduled else None
        end = session.end.astimezone(tz) if session.scheduled else None
        rows.append(
            {
                "id": session.external_id or session.guid,
                "date": start.date() if start else None,
                "start": start.time().replace(tzinfo=None) if start else None,
                "end": end.time().replace(tzinfo=None) if end else None,
                "room": session.room.name if session.room else "",
                "title": session.title,
                "title_en": session.title_en,
                "type": _label(SessionPage.Type.choices, session.session_type),
                "speakers": _speakers_text(session.speakers),
                "track": session.track.name if session.track else "",
                "topics": "; ".join(topic.name for topic in session.topics),
                "language": session.language,
                "abstract": session.abstract,
            }
        )
    headers = [str(LABELS[name]) for name in COLUMNS]
    return edition, headers, rows


def _csv_value(value):
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value or ""


def export_csv(edition):
    """UTF-8 (with a byte order mark, for spreadsheets) comma-separated values."""
    _edition, headers, rows = agenda_table(edition)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_value(row[name]) for name in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_xlsx(edition):
    """A workbook with one sheet: dates and times as Excel date and time cells."""
    edition, headers, rows = agenda_table(edition)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = pgettext("agenda import", "Programme")[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row[name] if row[name] != "" else None for name in COLUMNS])
    formats = {"date": "DD.MM.YYYY", "start": "HH:MM", "end": "HH:MM"}
    widths = {"title": 50, "title_en": 50, "speakers": 40, "abstract": 60, "id": 38}
    for index, name in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = widths.get(name, 14)
        if name in formats or name == "abstract":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                if name in formats:
                    cell.number_format = formats[name]
                else:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _frab_days(edition, sessions):
    tz = edition.tzinfo
    days = []
    day, index = edition.start_date, 1
    while day <= edition.end_date:
        on_day = [s for s in sessions if s.scheduled and s.start.astimezone(tz).date() == day]
        if on_day:
            start = min(s.start for s in on_day).astimezone(tz)
            end = max(s.end for s in on_day).astimezone(tz)
        else:
            start = datetime.datetime.combine(day, DEFAULT_DAY[0], tzinfo=tz)
            end = datetime.datetime.combine(day, DEFAULT_DAY[1], tzinfo=tz)
        days.append({"index": index, "date": day, "start": start, "end": end, "sessions": on_day})
        day += datetime.timedelta(days=1)
        index += 1
    return days


def _frab_rooms(edition, sessions):
    """[(name, guid, capacity, room or None)]: the edition's rooms, then the venue for the
    sessions without a room."""
    rooms = [
        (room.name, object_guid("room", room.translation_key), room.capacity, room)
        for room in Room.objects.filter(edition=edition).order_by("sort_order", "pk")
    ]
    if any(s.room is None for s in sessions if s.scheduled):
        rooms.append(
            (edition.venue_name, object_guid("venue", edition.translation_key), None, None)
        )
    return rooms


def _duration(session):
    minutes = int((session.end - session.start).total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _frab_slug(acronym, session):
    tail = slugify(anyascii(session.slug or session.title))[:50].strip("-") or "session"
    return f"{acronym}-{session.pk}-{tail}"


def _edit_url(session):
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/pages/{session.pk}/edit/"


def _sub(parent, tag, text=None, **attrs):
    element = ET.SubElement(parent, tag, {k: str(v) for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = str(text)
    return element


def export_frab_xml(edition):
    edition, sessions = agenda_sessions(edition)
    tz, acronym = edition.tzinfo, _acronym(edition)
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", GENERATOR)
    _sub(root, "version", timezone.now().isoformat(timespec="seconds"))
    conference = _sub(root, "conference")
    _sub(conference, "acronym", acronym)
    _sub(conference, "title", edition.title)
    _sub(conference, "start", edition.start_date.isoformat())
    _sub(conference, "end", edition.end_date.isoformat())
    days = _frab_days(edition, sessions)
    _sub(conference, "days", len(days))
    _sub(conference, "timeslot_duration", TIMESLOT)
    _sub(conference, "time_zone_name", edition.timezone)
    for track in Track.objects.filter(edition=edition).order_by("sort_order", "pk"):
        attrs = {"name": track.name, "color": track.color}
        if re.fullmatch(r"[a-z][a-z0-9-]+", track.slug or ""):
            attrs["slug"] = track.slug
        _sub(conference, "track", track.name, **attrs)
    rooms = _frab_rooms(edition, sessions)
    for day in days:
        day_element = _sub(
            root,
            "day",
            index=day["index"],
            date=day["date"].isoformat(),
            start=day["start"].isoformat(),
            end=day["end"].isoformat(),
        )
        for name, room_guid, _capacity, room in rooms:
            in_room = [s for s in day["sessions"] if s.room == room]
            if not in_room:
                continue
            room_element = _sub(day_element, "room", name=name, guid=room_guid)
            for session in in_room:
                start = session.start.astimezone(tz)
                event = _sub(room_element, "event", guid=session.guid, id=session.pk)
                _sub(event, "date", start.isoformat())
                _sub(event, "start", start.strftime("%H:%M"))
                _sub(event, "duration", _duration(session))
                _sub(event, "room", name)
                _sub(event, "slug", _frab_slug(acronym, session))
                _sub(event, "url", _edit_url(session))
                _sub(event, "title", session.title)
                _sub(event, "subtitle", "")
                _sub(event, "track", session.track.name if session.track else "")
                _sub(event, "type", session.session_type)
                _sub(event, "language", session.language)
                _sub(event, "abstract", session.abstract)
                _sub(event, "description", "")
                persons = _sub(event, "persons")
                for person, _role in session.speakers:
                    _sub(
                        persons,
                        "person",
                        person.name,
                        id=person.pk,
                        guid=object_guid("person", person.translation_key),
                    )
                _sub(event, "links")
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")


def export_frab_json(edition):
    edition, sessions = agenda_sessions(edition)
    tz, acronym = edition.tzinfo, _acronym(edition)
    rooms = _frab_rooms(edition, sessions)
    days = []
    for day in _frab_days(edition, sessions):
        by_room = {}
        for name, _guid, _capacity, room in rooms:
            events = [
                {
                    "guid": session.guid,
                    "id": session.pk,
                    "date": session.start.astimezone(tz).isoformat(),
                    "start": session.start.astimezone(tz).strftime("%H:%M"),
                    "end": session.end.astimezone(tz).isoformat(),
                    "duration": _duration(session),
                    "room": name,
                    "slug": _frab_slug(acronym, session),
                    "url": _edit_url(session),
                    "title": session.title,
                    "subtitle": None,
                    "track": session.track.name if session.track else None,
                    "type": session.session_type,
                    "language": session.language,
                    "abstract": session.abstract or None,
                    "description": None,
                    "persons": [
                        {
                            "guid": object_guid("person", person.translation_key),
                            "id": person.pk,
                            "name": person.name,
                        }
                        for person, _role in session.speakers
                    ],
                    "links": [],
                }
                for session in day["sessions"]
                if session.room == room
            ]
            if events:
                by_room[name] = events
        days.append(
            {
                "index": day["index"],
                "date": day["date"].isoformat(),
                "day_start": day["start"].isoformat(),
                "day_end": day["end"].isoformat(),
                "rooms": by_room,
            }
        )
    conference = {
        "acronym": acronym,
        "title": edition.title,
        "start": edition.start_date.isoformat(),
        "end": edition.end_date.isoformat(),
        "daysCount": len(days),
        "timeslot_duration": TIMESLOT,
        "time_zone_name": edition.timezone,
        "tracks": [
            {"name": track.name, "color": track.color}
            | ({"slug": track.slug} if re.fullmatch(r"[a-z0-9_-]+[a-z0-9]", track.slug) else {})
            for track in Track.objects.filter(edition=edition).order_by("sort_order", "pk")
        ],
        "rooms": [
            {"name": name, "guid": room_guid, "capacity": capacity}
            for name, room_guid, capacity, _room in rooms
        ],
        "days": days,
    }
    data = {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": GENERATOR,
        "schedule": {
            "version": timezone.now().isoformat(timespec="seconds"),
            "conference": conference,
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


EXPORTERS = {
    Format.CSV: export_csv,
    Format.XLSX: export_xlsx,
    Format.FRAB_XML: export_frab_xml,
    Format.FRAB_JSON: export_frab_json,
}


def agenda_export(*, edition, format):
    """The edition's programme in `format` (one of AgendaUpload.Format), as an ExportedFile."""
    if format not in EXPORTERS:
        raise ValueError(f"unknown format {format!r}")
    edition = schedule.source_edition(edition)
    return ExportedFile(
        EXPORTERS[format](edition),
        CONTENT_TYPES[format],
        f"{_acronym(edition)}-agenda.{EXTENSIONS[format]}",
    )
