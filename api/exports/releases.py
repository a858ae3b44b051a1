"""Exports of agenda releases: a frab schedule built from a release's snapshot, the version a
live frab export announces, and the Atom feed of an edition's releases.

A release's snapshot (cms.conference.releases) holds every text in both languages; one
language's view of it becomes rows with the attributes the live exports read (a session's
`title`, `room_l`, `speakers_l`...), so one frab builder (api.exports.frab) serves both.
Snapshots keep no pictures or biographies: per-release exports leave them out.
"""

import datetime
import html
import uuid
import zoneinfo
from types import SimpleNamespace

from django.conf import settings
from django.utils import feedgenerator, translation
from django.utils.translation import gettext as _

from api.exports.schedule import Schedule, schedule_for
from cms.conference import release_diff
from cms.core.ids import guid

# The feed's entries say at most this many sentences about a release's changes.
FEED_LINES = 60


class _Related(list):
    """A list that answers `.all()`, as a prefetched relation does."""

    def all(self):
        return self


def _text(value, language):
    return release_diff.text(value, language)


def _moment(value):
    return datetime.datetime.fromisoformat(value) if value else None


class ReleaseSchedule(Schedule):
    """A Schedule of snapshot rows: guids come from the snapshot, not translation keys."""

    def session_guid(self, session):
        return session.guid

    def person_guid(self, person):
        return person.guid

    def room_guid(self, session):
        if session.room_l is not None:
            return session.room_l.guid
        return self.edition.venue_guid

    def rooms(self):
        rooms = [(room.name, room.guid, room.capacity) for room in self.edition.rooms.all()]
        if any(s.room_l is None for s in self.sessions):
            rooms.append((self.edition.venue_name, self.edition.venue_guid, None))
        return rooms

    def session_url(self, session):
        if session.path:
            return settings.FRONTEND_URL.rstrip("/") + session.path
        path = f"/api/v1/sessions/{session.pk}/"
        return self.request.build_absolute_uri(path) if self.request else path


def release_schedule(release, *, language, request=None):
    """The frab Schedule of `release` in `language` ("bg" or "en"; a text missing in it is
    given in the other), announcing the release's version."""
    snapshot = release.snapshot
    part = snapshot["edition"]
    tz = zoneinfo.ZoneInfo(part.get("timezone") or settings.TIME_ZONE)
    rooms = {
        room["guid"]: SimpleNamespace(
            guid=room["guid"], name=_text(room["name"], language), capacity=room.get("capacity")
        )
        for room in snapshot.get("rooms", [])
    }
    tracks = {
        track["guid"]: SimpleNamespace(
            guid=track["guid"],
            name=_text(track["name"], language),
            slug=track.get("slug") or "",
            color=track.get("color") or "",
        )
        for track in snapshot.get("tracks", [])
    }
    edition = SimpleNamespace(
        year=part["year"],
        title=_text(part["title"], language),
        theme=_text(part.get("theme"), language),
        venue_name=_text(part.get("venue"), language),
        venue_guid=guid("venue", release.edition_key),
        start_date=datetime.date.fromisoformat(part["start"]),
        end_date=datetime.date.fromisoformat(part["end"]),
        timezone=part.get("timezone") or settings.TIME_ZONE,
        tzinfo=tz,
        last_published_at=release.released_at,
        conference_acronym=part.get("acronym") or "",
        conference_slug=part.get("conference_slug") or "",
        rooms=_Related(rooms.values()),
        tracks=_Related(tracks.values()),
    )
    sessions = [
        _session(session, language, rooms, tracks)
        for session in snapshot.get("sessions", [])
        if session.get("start") and session.get("end")
    ]
    sessions.sort(key=lambda s: (s.start, s.end, s.title))
    schedule = schedule_for(
        edition=edition, sessions=sessions, request=request, schedule_class=ReleaseSchedule
    )
    schedule.version = release.version
    return schedule


def _session(session, language, rooms, tracks):
    room, track = session.get("room"), session.get("track")
    links = _text(session.get("links"), language) or []
    return SimpleNamespace(
        guid=session["guid"],
        pk=_text(session.get("id"), language),
        slug=_text(session.get("slug"), language),
        path=_text(session.get("path"), language),
        title=_text(session.get("title"), language),
        abstract=_text(session.get("abstract"), language),
        start=_moment(session["start"]),
        end=_moment(session["end"]),
        session_type=session.get("type") or "",
        language=session.get("language") or "",
        cancelled=bool(session.get("cancelled")),
        room_l=rooms.get(room) if room else None,
        track_l=tracks.get(track) if track else None,
        speakers_l=[
            (
                SimpleNamespace(
                    guid=person["guid"],
                    pk=_text(person.get("id"), language),
                    name=_text(person.get("name"), language),
                    photo=None,
                    bio="",
                ),
                person.get("role") or "",
            )
            for person in session.get("speakers", [])
        ],
        materials=[{"type": "link", "value": link} for link in links],
    )


# The version of a live export --------------------------------------------------------------------


def live_version(schedule, latest, *, language):
    """The frab version of the live agenda `schedule` (an edition and its sessions, as
    `agenda.agenda_get` gives them) given the edition's newest release `latest`:

    - the release's version when the agenda in `language` is what the release froze;
    - else "<version>+<YYYYmmddHHMMSS>", the UTC time of the newest publish among the edition
      and its sessions (the agenda moved on since the release);
    - None without a release (the export announces the edition's publish time, as before).
    """
    from cms.conference import releases  # releases -> agenda -> selectors: import when used

    if latest is None:
        return None
    if releases.locale_digest(schedule) == (latest.digests or {}).get(language):
        return latest.version
    moments = [schedule.edition.last_published_at]
    moments += [session.last_published_at for session in schedule.sessions]
    moments = [moment for moment in moments if moment is not None]
    newest = max(moments) if moments else latest.released_at
    return f"{latest.version}+{newest.astimezone(datetime.UTC):%Y%m%d%H%M%S}"


# The Atom feed -----------------------------------------------------------------------------------


class ReleaseFeed(feedgenerator.Atom1Feed):
    """Atom 1.0 with the feed's <updated> given (the newest release, else the edition's
    publish time) rather than the time of the request."""

    def __init__(self, *args, updated, **kwargs):
        super().__init__(*args, **kwargs)
        self.updated = updated

    def latest_post_date(self):
        return self.updated


def release_entry_id(edition_guid, number):
    """A release's stable Atom id: a UUID of the edition's guid and the release's number."""
    return uuid.uuid5(uuid.UUID(edition_guid), f"release:{number}").urn


def _entry_html(note, lines, more):
    parts = [f"<p>{html.escape(note)}</p>"] if note else []
    if lines:
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        parts.append(f"<ul>{items}</ul>")
    if more:
        parts.append(
            "<p>" + html.escape(_("… and %(count)d more changes.") % {"count": more}) + "</p>"
        )
    return "".join(parts)


def release_feed(*, edition, edition_guid, releases, language, links, updated):
    """The Atom document (bytes) of `releases` (newest first, with their snapshots) of
    `edition` (its title in `language`), each entry the note and the changes since the release
    before it in words. `links(release)` gives an entry's URL; `links(None)` the feed's own
    {"self", "alternate"}."""
    with translation.override(language):
        feed_links = links(None)
        subtitle = _("Named versions of the agenda of %(edition)s and what each changed.") % {
            "edition": edition.title
        }
        feed = ReleaseFeed(
            title=_("%(edition)s: agenda releases") % {"edition": edition.title},
            link=feed_links["alternate"],
            description=subtitle,
            subtitle=subtitle,
            language=language,
            feed_url=feed_links["self"],
            feed_guid=uuid.UUID(edition_guid).urn,
            # Atom asks for an author of the feed or of every entry: the edition's organisers.
            author_name=edition.title,
            updated=updated,
        )
        ordered = list(releases)
        for index, release in enumerate(ordered):
            previous = ordered[index + 1] if index + 1 < len(ordered) else None
            changes = release_diff.diff(previous.snapshot if previous else {}, release.snapshot)
            lines = release_diff.summary_lines(changes, language)
            note = release.note_en if language == "en" else release.note_bg
            note = note or release.note_bg or release.note_en
            title = _text(release.snapshot.get("edition", {}).get("title"), language)
            feed.add_item(
                title=_("%(edition)s: release %(version)s")
                % {"edition": title or edition.title, "version": release.version},
                link=links(release),
                description=_entry_html(note, lines[:FEED_LINES], max(len(lines) - FEED_LINES, 0)),
                unique_id=release_entry_id(edition_guid, release.number),
                unique_id_is_permalink=False,
                pubdate=release.released_at,
                updateddate=release.released_at,
            )
        return feed.writeString("utf-8").encode("utf-8")
