"""frab schedule XML and JSON (the format conference apps read), per ../shared/standards/frab/."""

import xml.etree.ElementTree as ET

from api.exports.schedule import duration, link_materials, slug
from api.serializers.common import rendition_url
from api.text import plain_text

GENERATOR = {"name": "conference-platform", "version": "1.0"}
LINK_TYPES = {"slides": "slides", "video": "media", "link": "related"}


def _sub(parent, tag, text=None, **attrs):
    element = ET.SubElement(parent, tag, {k: str(v) for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = str(text)
    return element


def _person_avatar(person, request):
    return rendition_url(person.photo, "fill-400x400", request)


def schedule_xml(schedule):
    edition, request = schedule.edition, schedule.request
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", GENERATOR)
    url = request.build_absolute_uri() if request else None
    if url:
        _sub(root, "url", url.split("?")[0])
    _sub(root, "version", schedule.frab_version())
    conference = _sub(root, "conference")
    _sub(conference, "title", edition.title)
    _sub(conference, "acronym", schedule.acronym)
    _sub(conference, "start", edition.start_date.isoformat())
    _sub(conference, "end", edition.end_date.isoformat())
    _sub(conference, "days", len(schedule.days))
    _sub(conference, "timeslot_duration", "00:15")
    _sub(conference, "time_zone_name", edition.timezone)
    for track in edition.tracks.all():
        attrs = {"name": track.name, "color": track.color}
        if track.slug[:1].isalpha():
            attrs["slug"] = track.slug
        _sub(conference, "track", track.name, **attrs)
    for day in schedule.days:
        day_el = _sub(
            root,
            "day",
            date=day["date"].isoformat(),
            start=day["start"].isoformat(),
            end=day["end"].isoformat(),
            index=day["index"],
        )
        for name, room_guid, _capacity in schedule.rooms():
            room_sessions = [s for s in day["sessions"] if schedule.room_guid(s) == room_guid]
            if not room_sessions:
                continue
            room_el = _sub(day_el, "room", name=name, guid=room_guid)
            for session in room_sessions:
                event = _sub(room_el, "event", id=session.pk, guid=schedule.session_guid(session))
                start = schedule.local(session.start)
                _sub(event, "date", start.isoformat())
                _sub(event, "start", start.strftime("%H:%M"))
                _sub(event, "duration", duration(session))
                _sub(event, "room", name)
                _sub(event, "slug", slug(schedule, session))
                _sub(event, "url", schedule.session_url(session))
                _sub(event, "title", session.title)
                _sub(event, "subtitle", "")
                _sub(event, "track", session.track_l.name if session.track_l else "")
                _sub(event, "type", session.session_type)
                _sub(event, "language", session.language)
                _sub(event, "abstract", plain_text(session.abstract))
                _sub(event, "description", "")
                persons = _sub(event, "persons")
                for person, _role in session.speakers_l:
                    _sub(
                        persons,
                        "person",
                        person.name,
                        id=person.pk,
                        guid=schedule.person_guid(person),
                    )
                links = _sub(event, "links")
                for kind, title, href in link_materials(session):
                    _sub(links, "link", title, href=href, type=LINK_TYPES.get(kind, "related"))
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")


def schedule_json(schedule):
    edition, request = schedule.edition, schedule.request
    rooms = schedule.rooms()
    days = []
    for day in schedule.days:
        by_room = {}
        for name, room_guid, _capacity in rooms:
            events = [
                _event_json(schedule, session, name, request)
                for session in day["sessions"]
                if schedule.room_guid(session) == room_guid
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
        "acronym": schedule.acronym,
        "title": edition.title,
        "description": plain_text(edition.theme),
        "start": edition.start_date.isoformat(),
        "end": edition.end_date.isoformat(),
        "daysCount": len(schedule.days),
        "timeslot_duration": "00:15",
        "time_zone_name": edition.timezone,
        "tracks": [
            {"name": t.name, "slug": t.slug, "color": t.color} for t in edition.tracks.all()
        ],
        "rooms": [
            {"name": name, "guid": room_guid, "capacity": capacity}
            for name, room_guid, capacity in rooms
        ],
        "days": days,
    }
    url = request.build_absolute_uri("/") if request else None
    schedule_data = {
        "version": schedule.frab_version(),
        "conference": conference,
    }
    if url:
        schedule_data["base_url"] = url
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": GENERATOR,
        "schedule": schedule_data,
    }


def _event_json(schedule, session, room_name, request):
    start = schedule.local(session.start)
    return {
        "guid": schedule.session_guid(session),
        "id": session.pk,
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "end": schedule.local(session.end).isoformat(),
        "duration": duration(session),
        "room": room_name,
        "slug": slug(schedule, session),
        "url": schedule.session_url(session),
        "title": session.title,
        "subtitle": None,
        "track": session.track_l.name if session.track_l else None,
        "type": session.session_type,
        "language": session.language,
        "abstract": plain_text(session.abstract) or None,
        "description": None,
        "persons": [
            {
                "guid": schedule.person_guid(person),
                "name": person.name,
                "avatar": _person_avatar(person, request),
                "biography": plain_text(person.bio) or None,
            }
            for person, _role in session.speakers_l
        ],
        "links": [
            {"url": href, "title": title, "type": LINK_TYPES.get(kind, "related")}
            for kind, title, href in link_materials(session)
        ],
    }
