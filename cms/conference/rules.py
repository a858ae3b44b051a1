"""Editorial rules for the agenda.

Hard rules (the save is refused): a session must end after it starts and must lie within its
edition's days, in the edition's time zone; a session without start and end is not scheduled yet
(on the agenda board's side list; never shown to the public). Soft rules (the editor is warned
after saving): a room used by two sessions at once, a person booked in two sessions at once.
Clashes are warnings, not errors, because moving two sessions into each other's slots always
passes through a moment where they overlap, and an editor must be able to save that intermediate
state (the agenda board, `schedule`, refuses a room clash: a swap there goes through its list of
sessions not scheduled).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _


def schedule_errors(*, start, end, edition):
    """Return {field: message} for a session's start/end; empty when the schedule is acceptable."""
    errors = {}
    if bool(start) != bool(end):
        missing = "end" if start else "start"
        errors[missing] = _(
            "Give both the start and the end, or leave both empty for a session not scheduled yet."
        )
    if start and end and end <= start:
        errors["end"] = _("The session must end after it starts.")
    if edition is None or not (edition.start_date and edition.end_date):
        return errors
    tz = edition.tzinfo
    first, last = edition.start_date, edition.end_date
    days = _("%(first)s – %(last)s") % {"first": first.isoformat(), "last": last.isoformat()}
    if start and not (first <= start.astimezone(tz).date() <= last):
        errors["start"] = _("The session starts outside the edition's dates (%(days)s).") % {
            "days": days
        }
    if end and not (first <= end.astimezone(tz).date() <= last):
        errors["end"] = _("The session ends outside the edition's dates (%(days)s).") % {
            "days": days
        }
    return errors


@dataclass(frozen=True)
class Conflict:
    kind: str  # "room" or "speaker"
    message: str
    other_session_id: int


def session_conflicts(*, session):
    """Room clashes and double-booked speakers of a saved session against its edition's others."""
    from cms.conference.models import SessionPage, SessionSpeaker

    if not (session.start and session.end and session.pk):
        return []
    parent = session.get_parent()
    overlapping = (
        SessionPage.objects.child_of(parent)
        .exclude(pk=session.pk)
        .filter(start__lt=session.end, end__gt=session.start)
    )
    conflicts = []
    if session.room_id:
        for other in overlapping.filter(room_id=session.room_id).order_by("start"):
            conflicts.append(
                Conflict(
                    "room",
                    _("Room “%(room)s” is also used by “%(other)s” at that time.")
                    % {"room": session.room.name, "other": other.title},
                    other.pk,
                )
            )
    person_ids = list(session.speakers.values_list("person_id", flat=True))
    if person_ids:
        double = (
            SessionSpeaker.objects.filter(session__in=overlapping, person_id__in=person_ids)
            .select_related("person", "session")
            .order_by("session__start", "person__name")
        )
        for booking in double:
            conflicts.append(
                Conflict(
                    "speaker",
                    _("%(person)s is also in “%(other)s” at that time.")
                    % {"person": booking.person.name, "other": booking.session.title},
                    booking.session_id,
                )
            )
    return conflicts
