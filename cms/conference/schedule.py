"""Writes behind the agenda board and the imports: create, move and publish sessions.

Each change follows the editorial rules of the page editor (`rules.schedule_errors`: the save is
refused) plus the board's own: a room holds one session at a time, so a move into an occupied
room is refused (the page editor only warns, since it must save the intermediate state of a swap;
on the board a swap goes through the unscheduled list). A person booked twice is a warning.

What an editor works on is the latest revision of a session, not the published row: the state of
every session of an edition is read once (`edition_states`) from the page rows, overlaid with the
content of the latest revision where there are unpublished changes.

Publishing follows the editor's permissions: a published session moved by an editor who may
publish is published again with the change (and an unpublished draft on top of it gets the change
too, so nobody's pending work is published or lost); an editor who may not publish leaves a
draft. A session never published stays a draft until `sessions_publish`. The translations of a
session follow every change of time and room, with their own locale's room.
"""

import datetime
import re
from dataclasses import dataclass, field

from anyascii import anyascii
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.dateparse import parse_datetime
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Revision

from cms.conference import rules
from cms.conference.models import Room, SessionPage, SessionSpeaker, Track
from cms.conference.services import free_slug
from cms.people.models import Person

UNSET = object()


class ScheduleError(ValidationError):
    """A change the rules refuse; `message_dict` names the fields."""


@dataclass
class SessionState:
    """One session as its editors see it (latest revision), with what the board shows."""

    pk: int
    title: str
    session_type: str
    start: datetime.datetime | None
    end: datetime.datetime | None
    room_id: int | None
    track_id: int | None
    language: str
    live: bool
    has_unpublished_changes: bool
    translation_key: object
    external_id: str = ""
    speakers: list = field(default_factory=list)  # [(person_id, role)]
    locked: bool = False

    @property
    def scheduled(self):
        return self.start is not None and self.end is not None

    @property
    def status(self):
        if not self.live:
            return "draft"
        return "changed" if self.has_unpublished_changes else "live"


@dataclass
class Outcome:
    session: SessionPage
    published: bool
    warnings: list = field(default_factory=list)  # [rules.Conflict]
    translations: int = 0


def source_edition(edition):
    """The edition in the default (source) locale."""
    edition = edition.specific
    default = Locale.get_default()
    if edition.locale_id != default.pk:
        edition = edition.get_translation_or_none(default) or edition
    return edition


def _revision_state(state, content):
    state.title = content.get("title", state.title)
    state.session_type = content.get("session_type", state.session_type)
    state.language = content.get("language", state.language)
    state.start = parse_datetime(content["start"]) if content.get("start") else None
    state.end = parse_datetime(content["end"]) if content.get("end") else None
    state.room_id = content.get("room")
    state.track_id = content.get("track")
    state.external_id = content.get("external_id", state.external_id) or ""
    speakers = sorted(
        content.get("speakers") or [], key=lambda row: (row.get("sort_order") or 0, row["pk"] or 0)
    )
    state.speakers = [(row["person"], row.get("role") or "speaker") for row in speakers]


def edition_states(edition):
    """{session id: SessionState} of the edition's sessions (its own locale), in five queries."""
    rows = list(
        SessionPage.objects.child_of(edition).values(
            "pk",
            "title",
            "session_type",
            "start",
            "end",
            "room_id",
            "track_id",
            "language",
            "live",
            "has_unpublished_changes",
            "latest_revision_id",
            "translation_key",
            "external_id",
            "locked",
        )
    )
    states = {}
    for row in rows:
        row = dict(row)
        revision_id = row.pop("latest_revision_id")
        state = SessionState(**row)
        state._revision_id = revision_id
        states[state.pk] = state
    pending = {
        state._revision_id: state
        for state in states.values()
        if state.has_unpublished_changes and state._revision_id
    }
    for revision_id, content in Revision.objects.filter(pk__in=list(pending)).values_list(
        "pk", "content"
    ):
        _revision_state(pending[revision_id], content)
    settled = [pk for pk, state in states.items() if state._revision_id not in pending]
    for session_id, person_id, role in (
        SessionSpeaker.objects.filter(session_id__in=settled)
        .order_by("sort_order", "pk")
        .values_list("session_id", "person_id", "role")
    ):
        states[session_id].speakers.append((person_id, role))
    return states


def _overlaps(a, b):
    return a.scheduled and b.scheduled and a.start < b.end and b.start < a.end


def room_clashes(state, states):
    """Sessions in the same room at an overlapping time."""
    if not (state.room_id and state.scheduled):
        return []
    return [
        other
        for other in states.values()
        if other.pk != state.pk and other.room_id == state.room_id and _overlaps(state, other)
    ]


def speaker_clashes(state, states):
    """[(person_id, other state)] for people of `state` booked elsewhere at the same time."""
    people = {person_id for person_id, _role in state.speakers}
    found = []
    if not (people and state.scheduled):
        return found
    for other in states.values():
        if other.pk == state.pk or not _overlaps(state, other):
            continue
        for person_id in sorted(people & {p for p, _r in other.speakers}):
            found.append((person_id, other))
    return found


def _user_can(page, user, action):
    if user is None:  # a management command: the operator
        return True
    permissions = page.permissions_for_user(user)
    return {
        "edit": permissions.can_edit,
        "publish": permissions.can_publish,
        "add": permissions.can_add_subpage,
    }[action]()


def _save(page, changes, user):
    """Apply `changes` (field -> value; speakers as [(person, role, job_title, organisation)])
    to the latest state of `page` and save it as the editor's permissions allow. Returns
    whether the change was published."""
    page = SessionPage.objects.select_for_update().get(pk=page.pk)
    if not _user_can(page, user, "edit"):
        raise PermissionDenied
    if page.locked and (user is None or page.locked_by_id != user.pk):
        raise ScheduleError(_("“%(title)s” is locked by another editor.") % {"title": page.title})

    def apply(obj):
        for name, value in changes.items():
            if name == "speakers":
                obj.speakers = [
                    SessionSpeaker(person=p, role=r, job_title=j, organisation=o)
                    for p, r, j, o in value
                ]
            else:
                setattr(obj, name, value)
        return obj

    draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else None
    if page.live and _user_can(page, user, "publish"):
        live = page.live_revision.as_object() if page.live_revision_id else page
        revision = apply(live).save_revision(user=user, log_action=True, clean=False)
        revision.publish(user=user, log_action=True)
        if draft is not None:
            apply(draft).save_revision(user=user, log_action=True, clean=False)
        return True
    obj = apply(draft if draft is not None else page)
    obj.save_revision(user=user, log_action=True, clean=False)
    if not page.live:
        # A page never published: its row is only what the editors see, keep it current (the
        # page listing orders by it), child rows and tags included.
        obj.save(update_fields=list(changes), clean=False)
    return False


def _translations(page):
    return [t.specific for t in page.get_translations(inclusive=False).type(SessionPage)]


def _room_in(room, locale):
    if room is None:
        return None
    if room.locale_id == locale.pk:
        return room
    return Room.objects.filter(translation_key=room.translation_key, locale=locale).first()


def _check(edition, state, states, start, end):
    errors = rules.schedule_errors(start=start, end=end, edition=edition)
    if errors:
        raise ScheduleError(errors)
    clashes = room_clashes(state, states)
    if clashes:
        room = Room.objects.get(pk=state.room_id)
        raise ScheduleError(
            {
                "room": _("Room “%(room)s” is taken by “%(other)s” at that time.")
                % {"room": room.name, "other": clashes[0].title}
            }
        )


def _warnings(state, states):
    people = dict(
        Person.objects.filter(pk__in=[p for p, _r in state.speakers]).values_list("pk", "name")
    )
    return [
        rules.Conflict(
            "speaker",
            _("%(person)s is also in “%(other)s” at that time.")
            % {"person": people.get(person_id, "?"), "other": other.title},
            other.pk,
        )
        for person_id, other in speaker_clashes(state, states)
    ]


@transaction.atomic
def session_move(*, session, start, end, room=UNSET, user=None):
    """Move (or resize, or unschedule with start=end=None) a session and its translations.

    `room`: a Room of the session's edition, None for every room (plenary, break), or left out
    to keep the room. Raises ScheduleError when the rules refuse it, PermissionDenied when the
    user may not edit it. Returns an Outcome with the speaker warnings.
    """
    session = SessionPage.objects.get(pk=session.pk)
    edition = session.get_parent().specific
    states = edition_states(edition)
    state = states[session.pk]
    if room is not UNSET:
        if room is not None and room.edition_id != edition.pk:
            raise ScheduleError({"room": _("This room belongs to another edition.")})
        state.room_id = room.pk if room is not None else None
    elif state.room_id is not None:
        # A draft may name a room deleted since: the session then keeps no room.
        room = Room.objects.filter(pk=state.room_id).first()
        state.room_id = room.pk if room is not None else None
    else:
        room = None
    state.start, state.end = start, end
    _check(edition, state, states, start, end)
    published = _save(session, {"start": start, "end": end, "room": room}, user)
    count = 0
    for translation in _translations(session):
        _save(
            translation,
            {"start": start, "end": end, "room": _room_in(room, translation.locale)},
            user,
        )
        count += 1
    return Outcome(session, published, _warnings(state, states), count)


def appearance(person, role="speaker"):
    """A speaker row's values with the person's current job title and organisation."""
    return (person, role, person.job_title, person.organisation)


@transaction.atomic
def session_create(
    *,
    edition,
    title,
    user=None,
    session_type=SessionPage.Type.TALK,
    start=None,
    end=None,
    room=None,
    track=None,
    language=SessionPage.Language.BG,
    speakers=(),
    topics=(),
    abstract="",
    external_id="",
    translations=None,
):
    """A new session (a draft) in the source edition and a draft translation in every other
    locale the edition has. `speakers`: [(person, role)]; `translations`: {language code:
    {"title": ..., "abstract": ...}} (without one, the translation starts as a copy of the
    source, to be translated). Returns an Outcome."""
    edition = source_edition(edition)
    if not _user_can(edition, user, "add"):
        raise PermissionDenied
    title = (title or "").strip()
    if not title:
        raise ScheduleError({"title": _("Give the session a title.")})
    if room is not None and room.edition_id != edition.pk:
        raise ScheduleError({"room": _("This room belongs to another edition.")})
    if track is not None and track.edition_id != edition.pk:
        raise ScheduleError({"track": _("This track belongs to another edition.")})
    states = edition_states(edition)
    state = SessionState(
        pk=0,
        title=title,
        session_type=session_type,
        start=start,
        end=end,
        room_id=room.pk if room else None,
        track_id=track.pk if track else None,
        language=language,
        live=False,
        has_unpublished_changes=True,
        translation_key=None,
        speakers=[(p.pk, r) for p, r in speakers],
    )
    _check(edition, state, states, start, end)
    prefix = edition.get_parent().specific.acronym
    slug = slugify(anyascii(title))[:60].strip("-") or "session"
    if prefix:
        slug = f"{prefix}{edition.year}-{slug}"
    page = SessionPage(
        title=title,
        slug=free_slug(Page, slug, edition.locale),
        session_type=session_type,
        start=start,
        end=end,
        room=room,
        track=track,
        language=language,
        abstract=abstract,
        external_id=external_id,
        live=False,
    )
    page.speakers = [
        SessionSpeaker(person=p, role=r, job_title=j, organisation=o)
        for p, r, j, o in (appearance(p, r) for p, r in speakers)
    ]
    page.topics = list(topics)
    edition.add_child(instance=page)
    page.save_revision(user=user, log_action=True, clean=False)
    count = 0
    for other in edition.get_translations(inclusive=False):
        if not _user_can(other, user, "add"):
            continue
        copy = page.copy_for_translation(other.locale).specific
        text = (translations or {}).get(other.locale.language_code) or {}
        copy.title = copy.draft_title = text.get("title") or title
        copy.abstract = text.get("abstract") or copy.abstract
        copy.slug = free_slug(
            Page, slugify(anyascii(copy.title))[:60].strip("-") or slug, other.locale
        )
        copy.room = _room_in(room, other.locale)
        copy.speakers = [
            SessionSpeaker(person=p, role=r, job_title=j, organisation=o)
            for p, r, j, o in _localised(
                "speakers", [appearance(p, r) for p, r in speakers], other.locale
            )
        ]
        copy.topics = _localised("topics", list(topics), other.locale)
        copy.track = _localised("track", track, other.locale)
        copy.save(clean=False)
        copy.save_revision(user=user, log_action=True, clean=False)
        count += 1
    state.pk = page.pk
    return Outcome(page, False, _warnings(state, states), count)


def _publish_latest(page, user):
    if not _user_can(page, user, "publish"):
        raise PermissionDenied
    revision = page.get_latest_revision() or page.save_revision(user=user, clean=False)
    revision.publish(user=user, log_action=True)


@transaction.atomic
def sessions_publish(*, edition, user=None, sessions=None):
    """Publish the latest revision of the edition's scheduled sessions that have unpublished
    changes (or only of `sessions`), with their translations. Sessions not scheduled stay drafts.
    Returns the number of sessions published (source locale)."""
    edition = source_edition(edition)
    states = edition_states(edition)
    chosen = {s.pk for s in sessions} if sessions is not None else set(states)
    count = 0
    for state in states.values():
        if state.pk not in chosen or not state.scheduled:
            continue
        if state.live and not state.has_unpublished_changes:
            continue
        page = SessionPage.objects.get(pk=state.pk)
        errors = rules.schedule_errors(start=state.start, end=state.end, edition=edition)
        if errors:
            raise ScheduleError(errors)
        _publish_latest(page, user)
        for translation in _translations(page):
            if translation.has_unpublished_changes or not translation.live:
                _publish_latest(translation, user)
        count += 1
    return count


def person_create(*, name, user=None, job_title="", organisation=None, locale=None):
    """A new person in the Directory, created from the board or an import: published when the
    user may publish people, else a draft for the organising team."""
    name = (name or "").strip()
    if not name:
        raise ScheduleError({"name": _("Give the person's name.")})
    if user is not None and not user.has_perm("people.add_person"):
        raise PermissionDenied
    locale = locale or Locale.get_default()
    slug = slugify(anyascii(name))[:150].strip("-") or "person"
    person = Person(
        name=name,
        slug=free_slug(Person, slug, locale),
        job_title=job_title,
        organisation=organisation,
        locale=locale,
    )
    publish = user is None or user.has_perm("people.publish_person")
    person.live = False
    person.save()
    revision = person.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user, log_action=True)
    return person


FOLLOWED = ("session_type", "language", "track", "speakers", "topics", "cancelled")


def in_locale(obj, locale):
    """The translation of a translatable object in `locale`, else the object itself."""
    if obj is None or obj.locale_id == locale.pk:
        return obj
    return (
        type(obj)
        ._default_manager.filter(translation_key=obj.translation_key, locale=locale)
        .first()
        or obj
    )


def _localised(name, value, locale):
    """A followed field's value for a translation in `locale`."""
    if name == "track":
        if value is None:
            return None
        return Track.objects.filter(translation_key=value.translation_key, locale=locale).first()
    if name == "speakers":
        return [(in_locale(p, locale), r, j, in_locale(o, locale)) for p, r, j, o in value]
    if name == "topics":
        return [in_locale(topic, locale) for topic in value]
    return value


@transaction.atomic
def session_update(*, session, user=None, **changes):
    """Change the session's other fields (title, session_type, track, language, speakers as
    [(person, role)], topics, cancelled, abstract, external_id) through the same publishing rule
    as a move; the translations follow the type, language, track, speakers, topics and
    cancellation (in their locale)."""
    session = SessionPage.objects.get(pk=session.pk)
    unknown = set(changes) - {"title", "abstract", "external_id", *FOLLOWED}
    if unknown:
        raise ValueError(f"cannot change {sorted(unknown)}")
    if "title" in changes and not (changes["title"] or "").strip():
        raise ScheduleError({"title": _("Give the session a title.")})
    track = changes.get("track")
    if track is not None and track.edition_id != session.get_parent().pk:
        raise ScheduleError({"track": _("This track belongs to another edition.")})
    if "speakers" in changes:
        changes["speakers"] = [appearance(p, r) for p, r in changes["speakers"]]
    if "topics" in changes:
        changes["topics"] = list(changes["topics"])
    published = _save(session, changes, user)
    followed = {name: value for name, value in changes.items() if name in FOLLOWED}
    count = 0
    for translation in _translations(session) if followed else ():
        local = {
            name: _localised(name, value, translation.locale) for name, value in followed.items()
        }
        _save(translation, local, user)
        count += 1
    return Outcome(session, published, [], count)


CYRILLIC = re.compile("[\u0400-\u04ff]")


def translation_states(edition, states):
    """{session id: {language code: "missing" | "needs_translation" | "draft" | "changed" |
    "live"}} for every other locale of the edition, in two queries. "needs_translation": the
    translation's title is still in Cyrillic (a copy of the source made to be translated)."""
    locales = list(
        Locale.objects.filter(
            pk__in=edition.get_translations(inclusive=False).values("locale_id")
        ).order_by("language_code")
    )
    found = {}
    for key, locale_id, title, live, changed in SessionPage.objects.filter(
        translation_key__in=[s.translation_key for s in states.values()],
        locale__in=locales,
    ).values_list("translation_key", "locale_id", "draft_title", "live", "has_unpublished_changes"):
        found[(key, locale_id)] = (title, live, changed)
    result = {}
    for state in states.values():
        per_locale = {}
        for locale in locales:
            translated = found.get((state.translation_key, locale.pk))
            if translated is None:
                per_locale[locale.language_code] = "missing"
                continue
            title, live, changed = translated
            if locale.language_code != "bg" and CYRILLIC.search(title or ""):
                per_locale[locale.language_code] = "needs_translation"
            elif not live:
                per_locale[locale.language_code] = "draft"
            else:
                per_locale[locale.language_code] = "changed" if changed else "live"
        result[state.pk] = per_locale
    return result


@dataclass(frozen=True)
class Problem:
    """One entry of an edition's conflict view."""

    kind: str  # room, speaker, outside, profile, untranslated, unscheduled
    message: str
    session_ids: tuple = ()
    person_id: int | None = None


PROBLEM_KINDS = ("room", "speaker", "outside", "untranslated", "profile", "unscheduled")


def edition_conflicts(edition):
    """Everything the edition's editors should look at before publishing, in a constant number
    of queries: rooms used twice at once, people in two places at once, sessions outside the
    edition's days, speakers without a biography or photo, sessions not (fully) translated, and
    sessions not scheduled yet. Sorted by kind, then by time."""
    edition = source_edition(edition)
    states = edition_states(edition)
    ordered = sorted(
        states.values(), key=lambda s: (s.start is None, s.start or edition.start_date, s.title)
    )
    rooms = dict(Room.objects.filter(edition=edition).values_list("pk", "name"))
    person_ids = {p for s in states.values() for p, _r in s.speakers}
    people = {
        row["pk"]: row
        for row in Person.objects.filter(pk__in=person_ids).values("pk", "name", "bio", "photo_id")
    }
    problems = []
    seen = set()
    for state in ordered:
        for other in room_clashes(state, states):
            pair = frozenset((state.pk, other.pk))
            if pair in seen:
                continue
            seen.add(pair)
            problems.append(
                Problem(
                    "room",
                    _("Room “%(room)s”: “%(one)s” and “%(other)s” overlap.")
                    % {
                        "room": rooms.get(state.room_id, "?"),
                        "one": state.title,
                        "other": other.title,
                    },
                    (state.pk, other.pk),
                )
            )
        for person_id, other in speaker_clashes(state, states):
            triple = (frozenset((state.pk, other.pk)), person_id)
            if triple in seen:
                continue
            seen.add(triple)
            problems.append(
                Problem(
                    "speaker",
                    _("%(person)s is in “%(one)s” and “%(other)s” at the same time.")
                    % {
                        "person": people.get(person_id, {}).get("name", "?"),
                        "one": state.title,
                        "other": other.title,
                    },
                    (state.pk, other.pk),
                    person_id,
                )
            )
        if state.scheduled:
            errors = rules.schedule_errors(start=state.start, end=state.end, edition=edition)
            for message in errors.values():
                problems.append(Problem("outside", f"“{state.title}”: {message}", (state.pk,)))
        else:
            problems.append(
                Problem(
                    "unscheduled",
                    _("“%(title)s” has no time yet: the public does not see it.")
                    % {"title": state.title},
                    (state.pk,),
                )
            )
    labels = {
        "missing": _("no %(language)s version"),
        "needs_translation": _("the %(language)s version is not translated yet"),
        "draft": _("the %(language)s version is not published"),
    }
    names = dict(settings.LANGUAGES)
    translated = translation_states(edition, states)
    for state in ordered:
        for code, status in translated[state.pk].items():
            if status in labels:
                language = str(names.get(code, code))
                problems.append(
                    Problem(
                        "untranslated",
                        f"“{state.title}”: " + labels[status] % {"language": language},
                        (state.pk,),
                    )
                )
    profile_sessions = {}
    for state in ordered:
        for person_id, _role in state.speakers:
            profile_sessions.setdefault(person_id, []).append(state.pk)
    for person_id, session_ids in sorted(
        profile_sessions.items(), key=lambda item: people.get(item[0], {}).get("name", "")
    ):
        person = people.get(person_id)
        if person is None:
            continue
        no_bio = not strip_tags(person["bio"] or "").strip()
        no_photo = not person["photo_id"]
        if no_bio and no_photo:
            message = _("%(person)s has neither a biography nor a photo.")
        elif no_bio:
            message = _("%(person)s has no biography.")
        elif no_photo:
            message = _("%(person)s has no photo.")
        else:
            continue
        problems.append(
            Problem("profile", message % {"person": person["name"]}, tuple(session_ids), person_id)
        )
    order = {kind: index for index, kind in enumerate(PROBLEM_KINDS)}
    return sorted(problems, key=lambda p: order[p.kind])
