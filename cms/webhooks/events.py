"""The outbox consumer of webhooks (cms.core.outbox): a published, changed or withdrawn session
becomes `session.changed`, a published edition `edition.published`.

`plan` runs in the editor's transaction and describes only what the public may see, read through
the conference selectors: a visible session in full; a session that is no longer visible by its
ids alone, and only when its edition is public; a session or edition the public never saw,
nothing. `deliver` emits the planned event under the change event's id, so an outbox event
delivered twice makes no second webhook.
"""

from cms.core.ids import guid
from cms.webhooks import services

SESSION_CHANGED = "session.changed"
EDITION_PUBLISHED = "edition.published"


def _iso(value):
    return value.isoformat() if value is not None else None


def _event_type(change):
    from cms.conference.models import EditionPage, SessionPage

    if change.kind != "page":
        return None
    cls = getattr(change.instance, "specific_class", None) or type(change.instance)
    if cls is not None and issubclass(cls, SessionPage):
        return SESSION_CHANGED
    if cls is not None and issubclass(cls, EditionPage) and change.reason == "publish":
        return EDITION_PUBLISHED
    return None


def plan(change):
    event_type = _event_type(change)
    if event_type is None or not services.anyone_subscribed(event_type):
        return None
    page = change.instance.specific
    if event_type == SESSION_CHANGED:
        data = _session_data(page, change.reason)
    else:
        data = _edition_data(page)
    if data is None:
        return None
    return {"type": event_type, "data": data}


def _session_data(page, reason):
    from cms.conference import selectors

    ids = {
        "id": page.pk,
        "guid": guid("session", page.translation_key),
        "locale": page.locale.language_code,
    }
    session = selectors.session_get(pk=page.pk, locale=page.locale) if reason != "delete" else None
    if session is not None and session.pk == page.pk:
        room = getattr(session, "room_l", None)
        return {
            "edition": session.edition_year,
            "session": {
                **ids,
                "title": session.title,
                "start": _iso(session.start),
                "end": _iso(session.end),
                "room": room.name if room is not None else None,
                "cancelled": bool(getattr(session, "cancelled", False)),
            },
            "reason": reason,
        }
    if page.first_published_at is None:  # a draft the public never saw
        return None
    edition = (
        selectors.visible_editions()
        .filter(path=page.path[: -page.steplen], depth=page.depth - 1)
        .values_list("year", flat=True)
        .first()
    )
    if edition is None:  # under an edition the public does not see
        return None
    return {"edition": edition, "session": ids, "reason": reason}


def _edition_data(page):
    from cms.conference import selectors

    if not selectors.visible_editions().filter(pk=page.pk).exists():
        return None
    return {
        "edition": {
            "id": page.pk,
            "guid": guid("edition", page.translation_key),
            "locale": page.locale.language_code,
            "year": page.year,
            "title": page.title,
            "start_date": _iso(page.start_date),
            "end_date": _iso(page.end_date),
            "status": getattr(page, "status", None),
        }
    }


def deliver(part, event_id):
    if not part:
        return
    services.event_emit(event_type=part["type"], data=part["data"], key=f"change:{event_id}")
