"""The agenda board in the Wagtail admin: one edition's sessions as a timetable editors drag.

`board_payload` describes the board (days, rooms, time range, tracks and one card per session as
its editors see it, with its problems) in a constant number of queries. The views render the
board and answer its JSON requests; every change goes through the schedule services, which
check the rules and the editor's permissions.
"""

import datetime
import json
from collections import defaultdict
from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import npgettext, pgettext
from wagtail.models import Page

from cms.conference import rules, schedule
from cms.conference.models import EditionPage, Room, SessionPage, SessionSpeaker, Track
from cms.people.models import Person

DAY_START = 8 * 60  # minutes after midnight the board shows at least from
DAY_END = 19 * 60  # ... and at least until
SNAP = 5  # minutes: times on the board move in steps of this
GRID = 15  # minutes between grid lines
DEFAULT_DURATION = 30  # minutes given to an unscheduled session dropped on the grid
MAX_TEXT = 255
MAX_NAME = 200
MAX_SPEAKERS = 30
MAX_ID = 2**31 - 1


class BoardInputError(Exception):
    """A request the board's endpoints cannot read: {field: [messages]}."""

    def __init__(self, field, message):
        super().__init__(message)
        self.errors = {field: [str(message)]}


# ---- the payload ----


def _minutes(local):
    return local.hour * 60 + local.minute


def _local_iso(value, tz):
    if value is None:
        return None
    return value.astimezone(tz).replace(tzinfo=None).isoformat(timespec="minutes")


def _clock(minutes):
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _days(edition):
    if not (edition.start_date and edition.end_date):
        return []
    count = (edition.end_date - edition.start_date).days + 1
    return [edition.start_date + datetime.timedelta(days=i) for i in range(max(count, 0))]


def _optional_url(name, page_id):
    for args in ([page_id], []):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return None


def board_urls(edition):
    """The board's own endpoints and the pages it links to (None where not installed)."""
    pk = edition.pk
    return {
        "board": reverse("conference_agenda_board", args=[pk]),
        "data": reverse("conference_agenda_data", args=[pk]),
        "move": reverse("conference_agenda_move", args=[pk]),
        "create": reverse("conference_agenda_create", args=[pk]),
        "publish": reverse("conference_agenda_publish", args=[pk]),
        "people": reverse("conference_agenda_people", args=[pk]),
        "edition_edit": reverse("wagtailadmin_pages:edit", args=[pk]),
        "conflicts": _optional_url("conference_agenda_conflicts", pk),
        "import": _optional_url("conference_agenda_import", pk),
    }


def _strings():
    """Every text the board's script shows, in the editor's language."""
    return {
        "all_rooms": pgettext("agenda board", "All rooms"),
        "unscheduled": pgettext("agenda board", "Unscheduled"),
        "unscheduled_help": pgettext(
            "agenda board",
            "Sessions without a time, or outside the grid. Drag one onto the grid to schedule "
            "it; drop a card here to unschedule it.",
        ),
        "unscheduled_empty": pgettext("agenda board", "No unscheduled sessions."),
        "days": pgettext("agenda board", "Days"),
        "time": pgettext("agenda board", "Time"),
        "undo": pgettext("agenda board", "Undo"),
        "undo_done": pgettext("agenda board", "Undone. %(title)s is back: %(where)s."),
        "nothing_to_undo": pgettext("agenda board", "Nothing to undo."),
        "publish": pgettext("agenda board", "Publish drafts"),
        "publishing": pgettext("agenda board", "Publishing…"),
        "edit": pgettext("agenda board", "Edit"),
        "edit_title": pgettext("agenda board", "Edit “%(title)s”"),
        "resize": pgettext("agenda board", "Change the end of “%(title)s”"),
        "saving": pgettext("agenda board", "Saving…"),
        "saved": pgettext("agenda board", "Saved."),
        "published_change": pgettext("agenda board", "Saved and published."),
        "draft_change": pgettext("agenda board", "Saved as a draft."),
        "refused": pgettext("agenda board", "Not moved: %(message)s"),
        "network_error": pgettext(
            "agenda board", "The server did not answer. Nothing was changed; try again."
        ),
        "moved": pgettext("agenda board", "%(title)s moved. Now: %(where)s."),
        "where": pgettext("agenda board", "%(day)s, %(start)s–%(end)s, %(room)s"),
        "where_unscheduled": pgettext("agenda board", "not scheduled"),
        "card_label": pgettext("agenda board", "%(title)s, %(type)s, %(where)s, %(status)s"),
        "picked_up": pgettext(
            "agenda board",
            "Picked up %(title)s. Arrow keys move it (up and down by 5 minutes, with Shift "
            "by 15, with Alt only its end; left and right by room; Page Up and Page Down by "
            "day). Enter drops it, Escape cancels.",
        ),
        "position": pgettext("agenda board", "%(title)s: %(where)s"),
        "cancelled": pgettext("agenda board", "Move cancelled; %(title)s stays where it was."),
        "slot_label": pgettext(
            "agenda board", "Empty: %(day)s, %(start)s, %(room)s. Press Enter to add a session."
        ),
        "keyboard_help": pgettext(
            "agenda board",
            "Tab to a card and press Enter or Space to pick it up, move it with the arrow keys "
            "and press Enter to drop it. On an empty slot, press Enter to add a session; arrow "
            "keys move between slots.",
        ),
        "status": {
            "draft": pgettext("agenda board", "Draft"),
            "live": pgettext("agenda board", "Live"),
            "changed": pgettext("agenda board", "Live, with unpublished changes"),
        },
        "status_short": {
            "draft": pgettext("agenda board", "Draft"),
            "live": pgettext("agenda board", "Live"),
            "changed": pgettext("agenda board", "Changed"),
        },
        "translation": {
            "missing": pgettext("agenda board", "missing"),
            "needs_translation": pgettext("agenda board", "needs translation"),
            "draft": pgettext("agenda board", "draft"),
            "live": pgettext("agenda board", "live"),
            "changed": pgettext("agenda board", "live, with unpublished changes"),
        },
        "translation_label": pgettext("agenda board", "%(language)s translation: %(state)s"),
        "problems": pgettext("agenda board", "Problems"),
        "warning": pgettext("agenda board", "Warning: %(message)s"),
        "locked": pgettext("agenda board", "Locked"),
        "create_title": pgettext("agenda board", "New session"),
        "field_title": pgettext("agenda board", "Title"),
        "field_title_en": pgettext("agenda board", "Title in English (optional)"),
        "field_type": pgettext("agenda board", "Type"),
        "field_day": pgettext("agenda board", "Day"),
        "field_start": pgettext("agenda board", "Starts"),
        "field_end": pgettext("agenda board", "Ends"),
        "field_room": pgettext("agenda board", "Room"),
        "field_speakers": pgettext("agenda board", "Speakers"),
        "field_role": pgettext("agenda board", "Role"),
        "find_person": pgettext("agenda board", "Find a person, or type a new name"),
        "no_people": pgettext("agenda board", "Nobody found."),
        "add_new_person": pgettext("agenda board", "Add “%(name)s” as a new person"),
        "new_person": pgettext("agenda board", "new person"),
        "remove": pgettext("agenda board", "Remove"),
        "remove_speaker": pgettext("agenda board", "Remove %(name)s"),
        "create": pgettext("agenda board", "Create"),
        "cancel": pgettext("agenda board", "Cancel"),
        "created": pgettext("agenda board", "%(title)s added: %(where)s."),
    }


def board_payload(edition, user):
    """The board of `edition` (in its source locale) as a plain dict, in constant queries."""
    source = schedule.source_edition(edition)
    tz = source.tzinfo
    days = _days(source)
    day_set = set(days)
    rooms = list(
        Room.objects.filter(edition=source).order_by("sort_order", "pk").values_list("pk", "name")
    )
    room_names = dict(rooms)
    tracks = list(
        Track.objects.filter(edition=source)
        .order_by("sort_order", "pk")
        .values_list("pk", "name", "color")
    )
    states = schedule.edition_states(source)
    person_ids = {person_id for state in states.values() for person_id, _role in state.speakers}
    names = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "name"))
    locales = list(
        Page.objects.filter(translation_key=source.translation_key)
        .order_by("locale__language_code")
        .values_list("locale_id", "locale__language_code")
    )
    source_language = next(code for pk, code in locales if pk == source.locale_id)
    other_locales = [(pk, code) for pk, code in locales if pk != source.locale_id]
    translated = schedule.translation_states(source, states) if other_locales else {}
    permissions = source.permissions_for_user(user)

    by_room = defaultdict(dict)
    by_person = defaultdict(dict)
    for state in states.values():
        if state.scheduled:
            if state.room_id:
                by_room[state.room_id][state.pk] = state
            for person_id, _role in state.speakers:
                by_person[person_id][state.pk] = state

    type_labels = dict(SessionPage.Type.choices)
    role_labels = dict(SessionSpeaker.Role.choices)
    language_names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    strings = _strings()
    status_labels, translation_labels = strings["status"], strings["translation"]
    # One reverse() for every card: the edit URL with the id swapped in.
    edit_prefix, edit_suffix = reverse("wagtailadmin_pages:edit", args=[1]).rsplit("/1/", 1)

    earliest, latest = DAY_START, DAY_END
    scheduled, unscheduled = [], []
    for state in sorted(
        states.values(),
        key=lambda s: (s.start is None, s.start or timezone.now(), s.title.lower(), s.pk),
    ):
        problems = [
            {"kind": "dates", "field": field, "message": str(message)}
            for field, message in rules.schedule_errors(
                start=state.start, end=state.end, edition=source
            ).items()
        ]
        room_known = state.room_id is None or state.room_id in room_names
        if not room_known:
            problems.append(
                {
                    "kind": "room",
                    "field": "room",
                    "message": _("This room belongs to another edition."),
                }
            )
        for other in schedule.room_clashes(state, by_room.get(state.room_id, {})):
            problems.append(
                {
                    "kind": "room",
                    "field": "room",
                    "session": other.pk,
                    "message": _("Room “%(room)s” is also used by “%(other)s” at that time.")
                    % {"room": room_names.get(state.room_id, "?"), "other": other.title},
                }
            )
        if state.scheduled and state.speakers:
            candidates = {}
            for person_id, _role in state.speakers:
                candidates.update(by_person.get(person_id, {}))
            for person_id, other in schedule.speaker_clashes(state, candidates):
                problems.append(
                    {
                        "kind": "speaker",
                        "field": "speakers",
                        "session": other.pk,
                        "message": _("%(person)s is also in “%(other)s” at that time.")
                        % {"person": names.get(person_id, "?"), "other": other.title},
                    }
                )
        start = state.start.astimezone(tz) if state.start else None
        end = state.end.astimezone(tz) if state.end else None
        card = {
            "id": state.pk,
            "title": state.title,
            "type": state.session_type,
            "type_label": str(type_labels.get(state.session_type, state.session_type)),
            "start": _local_iso(state.start, tz),
            "end": _local_iso(state.end, tz),
            "day": start.date().isoformat() if start else None,
            "room": state.room_id,
            "track": state.track_id,
            "speakers": [
                {
                    "id": person_id,
                    "name": names.get(person_id, "?"),
                    "role": role,
                    "role_label": str(role_labels.get(role, role)),
                }
                for person_id, role in state.speakers
            ],
            "status": state.status,
            "status_label": str(status_labels[state.status]),
            "locked": state.locked,
            "translations": [
                {
                    "locale": code,
                    "language": str(language_names.get(code, code)),
                    "state": (kind := translated[state.pk][code]),
                    "label": str(translation_labels[kind]),
                }
                for _locale_id, code in other_locales
            ],
            "edit_url": f"{edit_prefix}/{state.pk}/{edit_suffix}",
            "problems": problems,
        }
        placed = (
            state.scheduled
            and start.date() in day_set
            and end > start
            and room_known
            and end - start <= datetime.timedelta(days=1)
        )
        card["placed"] = bool(placed)
        if placed:
            begin = _minutes(start)
            finish = min(begin + int((end - start).total_seconds() // 60), 24 * 60)
            card["start_minutes"], card["end_minutes"] = begin, finish
            earliest, latest = min(earliest, begin), max(latest, finish)
            scheduled.append(card)
        else:
            unscheduled.append(card)

    earliest = earliest - earliest % SNAP
    latest = min(latest + (-latest) % SNAP, 24 * 60)
    return {
        "edition": {
            "id": source.pk,
            "year": source.year,
            "title": source.title,
            "timezone": source.timezone,
            "days": [day.isoformat() for day in days],
            "day_labels": {
                day.isoformat(): formats.date_format(day, "D, j E") if day else "" for day in days
            },
            "locale": source_language,
        },
        "rooms": [{"id": None, "name": pgettext("agenda board", "All rooms"), "all": True}]
        + [{"id": pk, "name": name, "all": False} for pk, name in rooms],
        "time": {
            "start": _clock(earliest),
            "end": _clock(latest) if latest < 24 * 60 else "24:00",
            "start_minutes": earliest,
            "end_minutes": latest,
            "snap": SNAP,
            "grid": GRID,
            "default_duration": DEFAULT_DURATION,
        },
        "tracks": [{"id": pk, "name": name, "colour": colour} for pk, name, colour in tracks],
        "types": [{"value": value, "label": str(label)} for value, label in type_labels.items()],
        "roles": [{"value": value, "label": str(label)} for value, label in role_labels.items()],
        "permissions": {
            "edit": permissions.can_edit(),
            "add": permissions.can_add_subpage(),
            "publish": permissions.can_publish(),
        },
        "sessions": scheduled,
        "unscheduled": unscheduled,
    }


# ---- reading requests ----


def _body(request):
    try:
        raw = request.body
    except RequestDataTooBig:
        raise BoardInputError(
            "__all__", pgettext("agenda board", "The request is too large.")
        ) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        raise BoardInputError(
            "__all__", pgettext("agenda board", "The request must be a JSON object.")
        ) from None
    if not isinstance(data, dict):
        raise BoardInputError(
            "__all__", pgettext("agenda board", "The request must be a JSON object.")
        )
    return data


def _id(value, field):
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
        raise BoardInputError(
            field,
            pgettext("agenda board", "Expected the id of an item, got %(value)s.")
            % {"value": json.dumps(value, ensure_ascii=False)[:40]},
        )
    return value


def _text(data, field, *, required=False, limit=MAX_TEXT):
    value = data.get(field)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise BoardInputError(field, pgettext("agenda board", "Expected text."))
    value = value.strip()
    if "\x00" in value:
        raise BoardInputError(
            field, pgettext("agenda board", "The text contains a character that is not allowed.")
        )
    if required and not value:
        raise BoardInputError(field, pgettext("agenda board", "This field is required."))
    if len(value) > limit:
        raise BoardInputError(
            field,
            pgettext("agenda board", "Use at most %(limit)s characters (this has %(count)s).")
            % {"limit": limit, "count": len(value)},
        )
    return value


def _datetime(data, field, tz):
    """A local time of the edition ("2027-03-25T10:00") or one with an offset; None for null."""
    if field not in data:
        raise BoardInputError(field, pgettext("agenda board", "This field is required."))
    value = data[field]
    if value is None:
        return None
    parsed = None
    if isinstance(value, str) and len(value) <= 40 and value.isascii():
        try:
            parsed = parse_datetime(value.strip())
        except ValueError:
            parsed = None
    if parsed is None or not 1900 < parsed.year < 3000:
        raise BoardInputError(
            field,
            pgettext(
                "agenda board", "Expected a date and time such as 2027-03-25T10:00, got %(value)s."
            )
            % {"value": json.dumps(value, ensure_ascii=False)[:40]},
        )
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=tz)
    return parsed


def _times(data, tz):
    # One without the other is refused by the rules (rules.schedule_errors) with their message.
    return _datetime(data, "start", tz), _datetime(data, "end", tz)


def _room(edition, data, *, allow_keep):
    value = data.get("room", "keep" if allow_keep else None)
    if value == "keep" and allow_keep:
        return schedule.UNSET
    if value is None:
        return None
    room = Room.objects.filter(pk=_id(value, "room"), edition=edition).first()
    if room is None:
        raise BoardInputError("room", pgettext("agenda board", "No such room in this edition."))
    return room


def _track(edition, data):
    value = data.get("track")
    if value is None:
        return None
    track = Track.objects.filter(pk=_id(value, "track"), edition=edition).first()
    if track is None:
        raise BoardInputError("track", pgettext("agenda board", "No such track in this edition."))
    return track


def _session(edition, value, field="session"):
    if value is None:
        raise BoardInputError(field, pgettext("agenda board", "This field is required."))
    session = SessionPage.objects.child_of(edition).filter(pk=_id(value, field)).first()
    if session is None:
        raise BoardInputError(field, pgettext("agenda board", "No such session in this edition."))
    return session


def _choice(data, field, choices, default):
    value = data.get(field)
    if value is None or value == "":
        return default
    if not isinstance(value, str) or value not in dict(choices):
        raise BoardInputError(
            field,
            pgettext("agenda board", "Choose one of: %(choices)s.")
            % {"choices": ", ".join(v for v, _l in choices)},
        )
    return value


def _speakers(edition, data):
    """[(Person or name, role)] from [{"id": 1, "role": ...} or {"name": ..., "role": ...}]."""
    rows = data.get("speakers")
    if rows is None:
        return []
    if not isinstance(rows, list):
        raise BoardInputError("speakers", pgettext("agenda board", "Expected a list of speakers."))
    if len(rows) > MAX_SPEAKERS:
        raise BoardInputError(
            "speakers",
            pgettext("agenda board", "At most %(limit)s speakers.") % {"limit": MAX_SPEAKERS},
        )
    wanted = []
    for row in rows:
        if not isinstance(row, dict):
            raise BoardInputError(
                "speakers", pgettext("agenda board", "Each speaker needs an id or a name.")
            )
        try:
            role = _choice(row, "role", SessionSpeaker.Role.choices, SessionSpeaker.Role.SPEAKER)
        except BoardInputError as error:
            raise BoardInputError("speakers", error.errors["role"][0]) from None
        if row.get("id") is not None:
            wanted.append((_id(row["id"], "speakers"), role))
        elif row.get("name") is not None:
            try:
                wanted.append((_text(row, "name", required=True, limit=MAX_NAME), role))
            except BoardInputError as error:
                raise BoardInputError("speakers", error.errors["name"][0]) from None
        else:
            raise BoardInputError(
                "speakers", pgettext("agenda board", "Each speaker needs an id or a name.")
            )
    ids = [value for value, _role in wanted if isinstance(value, int)]
    people = Person.objects.in_bulk(
        Person.objects.filter(pk__in=ids, locale_id=edition.locale_id).values_list("pk", flat=True)
    )
    missing = sorted(set(ids) - set(people))
    if missing:
        raise BoardInputError(
            "speakers",
            pgettext("agenda board", "No such person in the directory: %(ids)s.")
            % {"ids": ", ".join(str(pk) for pk in missing)},
        )
    seen, speakers = set(), []
    for value, role in wanted:
        key = value if isinstance(value, int) else value.casefold()
        if key in seen:
            continue
        seen.add(key)
        speakers.append((people[value] if isinstance(value, int) else value, role))
    return speakers


def _errors(error):
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
    return {"__all__": [str(m) for m in error.messages]}


# ---- views ----


def _board_edition(request, page_id):
    """The source edition of the board at `page_id`, if the user may work on it."""
    page = get_object_or_404(EditionPage, pk=page_id)
    edition = schedule.source_edition(page)
    permissions = edition.permissions_for_user(request.user)
    if not (permissions.can_edit() or permissions.can_add_subpage()):
        raise PermissionDenied
    return edition


def _json_endpoint(method):
    """A JSON endpoint of the board: 400/403/404/405 answers as {"errors": {field: [...]}}."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, page_id):
            if request.method != method:
                response = JsonResponse(
                    {
                        "errors": {
                            "__all__": [
                                pgettext("agenda board", "Use %(method)s.") % {"method": method}
                            ]
                        }
                    },
                    status=405,
                )
                response["Allow"] = method
                return response
            try:
                edition = _board_edition(request, page_id)
                return view(request, edition)
            except BoardInputError as error:
                return JsonResponse({"errors": error.errors}, status=400)
            except PermissionDenied:
                message = pgettext("agenda board", "You do not have permission to change this.")
                return JsonResponse({"errors": {"__all__": [message]}}, status=403)
            except Http404:
                message = pgettext("agenda board", "No such edition.")
                return JsonResponse({"errors": {"__all__": [message]}}, status=404)
            except ValidationError as error:  # ScheduleError and the page's own validation
                return JsonResponse({"errors": _errors(error)}, status=400)

        return wrapped

    return decorator


def _card(payload, session_id):
    for card in payload["sessions"] + payload["unscheduled"]:
        if card["id"] == session_id:
            return card
    return None


def _warnings(outcome):
    return [
        {"kind": warning.kind, "message": str(warning.message), "session": warning.other_session_id}
        for warning in outcome.warnings
    ]


def agenda_board_view(request, page_id):
    edition = _board_edition(request, page_id)
    payload = board_payload(edition, request.user)
    payload["urls"] = board_urls(edition)
    payload["strings"] = _strings()
    return TemplateResponse(
        request,
        "conference/admin/agenda_board.html",
        {"page": edition, "edition": edition, "payload": payload, "urls": payload["urls"]},
    )


@_json_endpoint("GET")
def agenda_data_view(request, edition):
    return JsonResponse(board_payload(edition, request.user))


@_json_endpoint("POST")
def agenda_move_view(request, edition):
    data = _body(request)
    session = _session(edition, data.get("session"))
    start, end = _times(data, edition.tzinfo)
    room = _room(edition, data, allow_keep=True)
    outcome = schedule.session_move(
        session=session, start=start, end=end, room=room, user=request.user
    )
    payload = board_payload(edition, request.user)
    return JsonResponse(
        {
            "card": _card(payload, session.pk),
            "warnings": _warnings(outcome),
            "published": outcome.published,
            "board": payload,
        }
    )


@_json_endpoint("POST")
def agenda_create_view(request, edition):
    data = _body(request)
    title = _text(data, "title", required=True)
    title_en = _text(data, "title_en")
    session_type = _choice(data, "type", SessionPage.Type.choices, SessionPage.Type.TALK)
    start, end = (
        _times(data, edition.tzinfo) if ("start" in data or "end" in data) else (None, None)
    )
    room = _room(edition, data, allow_keep=False)
    track = _track(edition, data)
    wanted = _speakers(edition, data)
    # New people and the session in one transaction: a refused session adds nobody.
    with transaction.atomic():
        speakers = [
            (
                person
                if isinstance(person, Person)
                else schedule.person_create(name=person, user=request.user, locale=edition.locale),
                role,
            )
            for person, role in wanted
        ]
        outcome = schedule.session_create(
            edition=edition,
            title=title,
            user=request.user,
            session_type=session_type,
            start=start,
            end=end,
            room=room,
            track=track,
            speakers=speakers,
            translations={"en": {"title": title_en}} if title_en else None,
        )
    payload = board_payload(edition, request.user)
    return JsonResponse(
        {
            "card": _card(payload, outcome.session.pk),
            "warnings": _warnings(outcome),
            "published": outcome.published,
            "board": payload,
        },
        status=201,
    )


@_json_endpoint("POST")
def agenda_publish_view(request, edition):
    data = _body(request)
    sessions = None
    if data.get("session") is not None:
        sessions = [_session(edition, data["session"])]
    count = schedule.sessions_publish(edition=edition, user=request.user, sessions=sessions)
    if count:
        message = npgettext(
            "agenda board", "%(count)s session published.", "%(count)s sessions published.", count
        ) % {"count": count}
    else:
        message = pgettext("agenda board", "Nothing to publish: every scheduled session is live.")
    return JsonResponse(
        {"count": count, "message": message, "board": board_payload(edition, request.user)}
    )


@_json_endpoint("GET")
def agenda_people_view(request, edition):
    query = request.GET.get("q", "").strip()
    if "\x00" in query or len(query) > MAX_NAME:
        raise BoardInputError(
            "q",
            pgettext("agenda board", "Search for a name of up to %(limit)s characters.")
            % {"limit": MAX_NAME},
        )
    if not query:
        return JsonResponse({"results": []})
    people = (
        Person.objects.filter(locale_id=edition.locale_id, name__icontains=query)
        .select_related("organisation")
        .order_by("name", "pk")[:20]
    )
    return JsonResponse(
        {
            "results": [
                {
                    "id": person.pk,
                    "name": person.name,
                    "job_title": person.job_title,
                    "organisation": person.organisation.name if person.organisation else "",
                }
                for person in people
            ]
        }
    )


def urlpatterns():
    """The board's admin URLs (registered by a `register_admin_urls` hook)."""
    prefix = "editions/<int:page_id>/agenda/"
    return [
        path(prefix, agenda_board_view, name="conference_agenda_board"),
        path(prefix + "data/", agenda_data_view, name="conference_agenda_data"),
        path(prefix + "move/", agenda_move_view, name="conference_agenda_move"),
        path(prefix + "create/", agenda_create_view, name="conference_agenda_create"),
        path(prefix + "publish/", agenda_publish_view, name="conference_agenda_publish"),
        path(prefix + "people/", agenda_people_view, name="conference_agenda_people"),
    ]
