"""Agenda releases: an editor freezes the public agenda of an edition as a named version.

A release's snapshot is built from what the public sees (`agenda.agenda_get`, in Bulgarian and
in English), never from drafts: sessions with their times, rooms, tracks, type, language,
cancellation, abstract and links, and their speakers with roles and affiliations, each text in
both languages. Partners compare releases (cms.conference.release_diff), read them over the API
and hear of a new one by webhook.
"""

import datetime
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms.conference import agenda, release_diff
from cms.conference.models import VERSION_PATTERN, EditionPage, Release
from cms.core import versions
from cms.core.ids import guid

FORMAT = 1
LANGUAGES = release_diff.LANGUAGES
RESERVED_VERSIONS = {"latest", "feed.atom"}
NOTE_MAX = 500


def _iso(moment, tz):
    return moment.astimezone(tz).isoformat() if moment else None


def _path(session):
    url = session.get_url()
    return urlsplit(url).path if url else None


def _links(session):
    links = []
    for block in session.materials or []:
        if block.get("type") == "link":
            value = block.get("value") or {}
            links.append(
                {
                    "kind": value.get("kind", "link"),
                    "title": value.get("title", ""),
                    "url": value.get("url", ""),
                }
            )
    return links


def locale_part(found):
    """One language's view of an agenda (`agenda.Agenda`) as plain JSON: the release snapshot
    is the two merged, and its digest tells a live export whether it still shows a release."""
    edition = found.edition
    tz = edition.tzinfo
    sessions = []
    for session in found.sessions:
        sessions.append(
            {
                "guid": guid("session", session.translation_key),
                "id": session.pk,
                "slug": session.slug,
                "path": _path(session),
                "title": session.title,
                "abstract": session.abstract or "",
                "start": _iso(session.start, tz),
                "end": _iso(session.end, tz),
                "type": session.session_type,
                "language": session.language,
                "cancelled": bool(session.cancelled),
                "room": guid("room", session.room_l.translation_key) if session.room_l else None,
                "track": guid("track", session.track_l.translation_key)
                if session.track_l
                else None,
                "speakers": [
                    {
                        "guid": guid("person", person.translation_key),
                        "id": person.pk,
                        "name": person.name,
                        "role": role or "",
                        "job_title": getattr(person, "job_title", "") or "",
                        "organisation": person.organisation_l.name
                        if getattr(person, "organisation_l", None)
                        else "",
                    }
                    for person, role in session.speakers_l
                ],
                "links": _links(session),
            }
        )
    return {
        "edition": {
            "year": edition.year,
            "guid": guid("edition", edition.translation_key),
            "title": edition.title,
            "venue": edition.venue_name,
            "theme": edition.theme,
            "start": edition.start_date.isoformat(),
            "end": edition.end_date.isoformat(),
            "timezone": edition.timezone,
            "acronym": getattr(edition, "conference_acronym", "") or "",
            "conference_slug": getattr(edition, "conference_slug", "") or "",
        },
        "rooms": [
            {
                "guid": guid("room", room.translation_key),
                "name": room.name,
                "capacity": room.capacity,
            }
            for room in edition.rooms.all()
        ],
        "tracks": [
            {
                "guid": guid("track", track.translation_key),
                "slug": track.slug,
                "color": track.color,
                "name": track.name,
            }
            for track in edition.tracks.all()
        ],
        "sessions": sessions,
    }


def locale_digest(found):
    return release_diff.digest(locale_part(found))


# Fields of one language's part that hold text (they become {"bg": ..., "en": ...}).
EDITION_TEXTS = ("title", "venue", "theme")
SESSION_TEXTS = ("slug", "path", "title", "abstract", "links")
SPEAKER_TEXTS = ("name", "job_title", "organisation")


def _both(parts, get):
    return {code: get(part) for code, part in parts.items()}


def _merge_items(parts, name, texts, key="guid"):
    """Merge the lists `name` of each language's part by `key`: texts per language, the rest
    from the first language that has the item; in the first language's order."""
    indexed = {code: {item[key]: item for item in part[name]} for code, part in parts.items()}
    order = []
    for part in parts.values():
        order.extend(item[key] for item in part[name] if item[key] not in order)
    merged = []
    for item_key in order:
        present = {code: items[item_key] for code, items in indexed.items() if item_key in items}
        first = next(iter(present.values()))
        item = dict(first)
        for field in texts:
            item[field] = {code: (present.get(code) or first).get(field) for code in parts}
        if "id" in first:
            item["id"] = {code: (present.get(code) or first)["id"] for code in parts}
        merged.append(item)
    return merged


def snapshot_build(*, year):
    """The snapshot of the public agenda of `year` and its digests ({"agenda", "bg", "en"}),
    or (None, None) when the edition is not public."""
    parts, digests = {}, {}
    for code in LANGUAGES:
        found = agenda.agenda_get(year=year, locale=Locale.objects.get(language_code=code))
        if found is None:
            return None, None
        parts[code] = locale_part(found)
        digests[code] = release_diff.digest(parts[code])
    first = parts[LANGUAGES[0]]
    edition = dict(first["edition"])
    for field in EDITION_TEXTS:
        edition[field] = _both(parts, lambda part, field=field: part["edition"][field])
    sessions = _merge_items(parts, "sessions", SESSION_TEXTS)
    speaker_parts = {
        code: {"speakers": [p for s in part["sessions"] for p in s["speakers"]]}
        for code, part in parts.items()
    }
    people = {p["guid"]: p for p in _merge_items(speaker_parts, "speakers", SPEAKER_TEXTS)}
    for session in sessions:
        session["speakers"] = [
            {**people[p["guid"]], "role": p["role"]} for p in session["speakers"]
        ]
    snapshot = {
        "format": FORMAT,
        "edition": edition,
        "rooms": _merge_items(parts, "rooms", ("name",)),
        "tracks": _merge_items(parts, "tracks", ("name",)),
        "sessions": sessions,
    }
    digests["agenda"] = release_diff.digest(snapshot)
    return snapshot, digests


def latest(edition_key):
    return Release.objects.filter(edition_key=edition_key).order_by("-number").first()


def next_version(edition_key):
    last = latest(edition_key)
    return f"v{(last.number if last else 0) + 1}"


def version_errors(*, edition_key, version):
    """{field: message} for a version name an editor typed."""
    if not version:
        return {}
    if not re.match(VERSION_PATTERN, version):
        return {
            "version": _(
                "Use up to 32 Latin letters, digits, dots, hyphens or underscores, starting "
                "with a letter or digit (for example v2 or 2027-03)."
            )
        }
    if version.lower() in RESERVED_VERSIONS:
        return {
            "version": _("“%(version)s” is reserved; choose another name.") % {"version": version}
        }
    if Release.objects.filter(edition_key=edition_key, version__iexact=version).exists():
        return {
            "version": _("This edition already has a release named “%(version)s”.")
            % {"version": version}
        }
    return {}


def release_preview(*, edition):
    """What releasing now would freeze: (snapshot, digests, previous release, diff against
    it or None); snapshot None when the edition is not public."""
    snapshot, digests = snapshot_build(year=edition.year)
    previous = latest(edition.translation_key)
    if snapshot is None or previous is None:
        return snapshot, digests, previous, None
    return snapshot, digests, previous, release_diff.diff(previous.snapshot, snapshot)


def release_create(*, edition, user=None, version="", note_bg="", note_en="", now=None):
    """Freeze the public agenda of `edition` (any of its translations) as a new release.

    Refused (ValidationError with messages per field) when the edition is not public, when
    nothing changed since the last release, or for a bad name or note. Partners subscribed to
    "release.published" get the release and its diff once the transaction commits."""
    version = (version or "").strip()
    note_bg, note_en = (note_bg or "").strip(), (note_en or "").strip()
    with transaction.atomic():
        # One release at a time per edition: numbers and "unchanged" are decided in order.
        EditionPage.objects.select_for_update().filter(
            translation_key=edition.translation_key
        ).exists()
        key = edition.translation_key
        errors = version_errors(edition_key=key, version=version)
        if not note_bg and not note_en:
            errors["note_bg"] = _("Write a short note for the public: what this release changes.")
        for field, note in (("note_bg", note_bg), ("note_en", note_en)):
            if len(note) > NOTE_MAX:
                errors[field] = _("Keep the note under %(max)d characters.") % {"max": NOTE_MAX}
        if errors:
            raise ValidationError(errors)
        snapshot, digests = snapshot_build(year=edition.year)
        if snapshot is None:
            raise ValidationError(
                _("The edition is not public: publish it before releasing its agenda.")
            )
        previous = latest(key)
        if previous is not None and previous.digests.get("agenda") == digests["agenda"]:
            raise ValidationError(
                _(
                    "Nothing has changed in the public agenda since release “%(version)s” "
                    "(%(when)s). Publish the changes first, then release."
                )
                % {
                    "version": previous.version,
                    "when": timezone.localtime(previous.released_at).strftime("%d.%m.%Y %H:%M"),
                }
            )
        number = (previous.number if previous else 0) + 1
        changes = (
            release_diff.diff(previous.snapshot, snapshot)
            if previous is not None
            else {"summary": {"added": len(snapshot["sessions"]), "removed": 0, "changed": 0}}
        )
        release = Release.objects.create(
            edition=edition,
            edition_key=key,
            number=number,
            version=version or f"v{number}",
            note_bg=note_bg or note_en,
            note_en=note_en,
            released_at=now or timezone.now(),
            released_by=user if user is not None and user.is_authenticated else None,
            snapshot=snapshot,
            digests=digests,
            counts=release_diff.counts(snapshot),
            changes=changes["summary"],
        )
        versions.bump_now_and_on_commit(versions.scopes_for_years([edition.year]))
        _announce(release, previous, changes if previous is not None else None)
    return release


def _api_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def release_links(release):
    base = f"/api/v1/editions/{release.snapshot['edition']['year']}/releases/{release.version}/"
    return {
        "self": _api_url(base),
        "diff": _api_url(base + "diff/"),
        "schedule_xml": _api_url(base + "schedule.xml"),
        "schedule_json": _api_url(base + "schedule.json"),
    }


def release_info(release):
    """The public description of a release (API lists, webhooks, feeds)."""
    return {
        "version": release.version,
        "number": release.number,
        "edition": release.snapshot["edition"]["year"],
        "released_at": release.released_at.astimezone(datetime.UTC).isoformat(),
        "note": {"bg": release.note_bg, "en": release.note_en or release.note_bg},
        "counts": release.counts,
        "changes": release.changes,
    }


def _announce(release, previous, changes):
    from cms.webhooks.services import event_emit

    data = {
        "release": {**release_info(release), "links": release_links(release)},
        "previous": previous.version if previous else None,
        "diff": changes,
    }
    # The message id partners deduplicate by: one per release, never reused (not even when a
    # deleted release's number or row id comes back).
    key = f"release:{release.edition_key}:{release.number}:{release.released_at.isoformat()}"
    event_emit(event_type="release.published", data=data, key=key)
