"""What changed between two releases of an edition's agenda, from their snapshots alone.

A snapshot (built by cms.conference.releases) is plain JSON: the edition, its rooms and tracks,
and its sessions keyed by their stable guid, each text in both languages. Comparing two gives,
per session, "added", "removed" or "changed" with each changed field's value before and after;
`summary_lines` says the same in words, in Bulgarian or English.
"""

import datetime
import hashlib
import json

from django.utils import translation
from django.utils.translation import gettext as _

LANGUAGES = ("bg", "en")
# The fields compared, in the order a change lists them.
FIELDS = (
    "start",
    "end",
    "room",
    "title",
    "speakers",
    "cancelled",
    "track",
    "type",
    "language",
    "abstract",
)


def digest(value):
    """A fingerprint of JSON data (key order does not matter)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def counts(snapshot):
    sessions = snapshot.get("sessions", [])
    days = {s["start"][:10] for s in sessions if s.get("start")}
    speakers = {p["guid"] for s in sessions for p in s.get("speakers", [])}
    return {
        "sessions": len(sessions),
        "cancelled": sum(1 for s in sessions if s.get("cancelled")),
        "speakers": len(speakers),
        "rooms": len(snapshot.get("rooms", [])),
        "days": len(days),
    }


def _room(snapshot, key):
    if key is None:
        return None
    for room in snapshot.get("rooms", []):
        if room["guid"] == key:
            return {"guid": room["guid"], "name": room["name"]}
    return {"guid": key, "name": {}}


def _track(snapshot, key):
    if key is None:
        return None
    for track in snapshot.get("tracks", []):
        if track["guid"] == key:
            return {"guid": track["guid"], "slug": track.get("slug"), "name": track["name"]}
    return {"guid": key, "slug": None, "name": {}}


def field_value(snapshot, session, name):
    """A session's field as a diff shows it: rooms and tracks with their names, speakers as
    guid, name and role."""
    if name == "room":
        return _room(snapshot, session.get("room"))
    if name == "track":
        return _track(snapshot, session.get("track"))
    if name == "speakers":
        return [
            {"guid": p["guid"], "name": p["name"], "role": p.get("role", "")}
            for p in session.get("speakers", [])
        ]
    return session.get(name)


def expanded(snapshot, session):
    """A snapshot's session with its room and track named (a diff's entries stand alone)."""
    return {
        **session,
        "room": _room(snapshot, session.get("room")),
        "track": _track(snapshot, session.get("track")),
    }


def diff(old, new):
    """{"summary": {...}, "sessions": [...]} from snapshot `old` to snapshot `new`, in the order
    of the sessions' start (removed ones at their old time).

    Each entry: {"guid", "id", "title", "status": "added" | "removed" | "changed", "session"}
    where "session" is the session as `new` holds it (as `old` held it, for a removed one) with
    its room and track named; a changed one adds "changes": {field: {"before", "after"}}."""
    old_sessions = {s["guid"]: s for s in old.get("sessions", [])}
    new_sessions = {s["guid"]: s for s in new.get("sessions", [])}
    entries = []
    for key, session in new_sessions.items():
        before = old_sessions.get(key)
        if before is None:
            entries.append({"status": "added", "session": expanded(new, session)})
            continue
        changes = {}
        for name in FIELDS:
            was, now = field_value(old, before, name), field_value(new, session, name)
            if was != now:
                changes[name] = {"before": was, "after": now}
        if changes:
            entries.append(
                {"status": "changed", "session": expanded(new, session), "changes": changes}
            )
    for key, session in old_sessions.items():
        if key not in new_sessions:
            entries.append({"status": "removed", "session": expanded(old, session)})
    entries.sort(
        key=lambda e: (
            e["session"].get("start") or "",
            e["session"].get("end") or "",
            e["session"]["guid"],
        )
    )
    sessions = [
        {
            "guid": entry["session"]["guid"],
            "id": entry["session"].get("id", {}),
            "title": entry["session"].get("title", {}),
            **entry,
        }
        for entry in entries
    ]
    summary = {
        status: sum(1 for s in sessions if s["status"] == status)
        for status in ("added", "removed", "changed")
    }
    return {"summary": summary, "sessions": sessions}


def text(value, language):
    """One language of a {"bg": ..., "en": ...} text, else the other one."""
    if not isinstance(value, dict):
        return value or ""
    other = [code for code in LANGUAGES if code != language]
    for code in (language, *other):
        if value.get(code):
            return value[code]
    return ""


def _when(value, language):
    if not value:
        return ""
    moment = datetime.datetime.fromisoformat(value)
    if language == "bg":
        return moment.strftime("%d.%m.%Y %H:%M")
    return moment.strftime("%Y-%m-%d %H:%M")


def _place(start, room, language):
    where = text(room["name"], language) if room else ""
    return ", ".join(part for part in (_when(start, language), where) if part)


def _speaker_names(speakers, language):
    return ", ".join(text(p["name"], language) for p in speakers) or _("nobody")


def _changed_lines(title, session, changes, language):
    lines = []
    if "title" in changes:
        lines.append(
            _("Renamed: “%(before)s” is now “%(after)s”.")
            % {
                "before": text(changes["title"]["before"], language),
                "after": text(changes["title"]["after"], language),
            }
        )
    if "start" in changes or "room" in changes:
        start, room = changes.get("start"), changes.get("room")
        before = _place(
            start["before"] if start else session.get("start"),
            room["before"] if room else session.get("room"),
            language,
        )
        after = _place(session.get("start"), session.get("room"), language)
        lines.append(
            _("Moved: “%(title)s” from %(before)s to %(after)s.")
            % {"title": title, "before": before or "—", "after": after or "—"}
        )
    if "end" in changes and "start" not in changes and session.get("end"):
        lines.append(
            _("“%(title)s” now ends at %(end)s.")
            % {"title": title, "end": _when(session["end"], language)[-5:]}
        )
    if "cancelled" in changes:
        if changes["cancelled"]["after"]:
            lines.append(_("Cancelled: “%(title)s”.") % {"title": title})
        else:
            lines.append(_("“%(title)s” is no longer cancelled.") % {"title": title})
    if "speakers" in changes:
        lines.append(
            _("“%(title)s”: speakers now %(names)s (were %(before)s).")
            % {
                "title": title,
                "names": _speaker_names(changes["speakers"]["after"], language),
                "before": _speaker_names(changes["speakers"]["before"], language),
            }
        )
    labels = {
        "track": _("track"),
        "type": _("type"),
        "language": _("language"),
        "abstract": _("abstract"),
    }
    others = [labels[name] for name in labels if name in changes]
    if others:
        lines.append(
            _("“%(title)s”: %(fields)s changed.") % {"title": title, "fields": ", ".join(others)}
        )
    return lines


def summary_lines(result, language):
    """The diff in sentences, in `language` ("bg" or "en")."""
    lines = []
    with translation.override(language):
        for item in result["sessions"]:
            title = text(item["title"], language)
            session = item["session"]
            if item["status"] == "added":
                place = _place(session.get("start"), session.get("room"), language)
                added = (
                    _("Added, cancelled: “%(title)s” (%(place)s).")
                    if session.get("cancelled")
                    else _("Added: “%(title)s” (%(place)s).")
                )
                lines.append(added % {"title": title, "place": place})
            elif item["status"] == "removed":
                lines.append(_("Removed: “%(title)s”.") % {"title": title})
            else:
                lines.extend(_changed_lines(title, session, item["changes"], language))
    return lines
