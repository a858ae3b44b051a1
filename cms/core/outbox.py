"""The publish outbox: every change of public content becomes one ChangeEvent row, written in the
transaction that made the change, and one Celery task fans it out to the consumers.

Consumers register a `plan` and a `deliver` function (search in search.signals, the frontend in
api.signals; cms imports neither):

- `plan(change)` runs inside the editor's transaction and returns what the consumer needs later
  (JSON), or None when the change does not concern it. A change no consumer plans for writes no
  event.
- `deliver(part, event_id)` applies it; it raises when it should be tried again. It may run
  more than once for one event (a lost acknowledgement, a re-dispatch), so it must be
  idempotent; delivery never calls it again once it succeeded for that event.

When the transaction commits the event is queued. If the broker is down the event stays
undelivered, and `sweep()` (every minute from beat) queues it again, as it does for events whose
task was lost. Delivery locks the event row, so two copies of one task never deliver at once.
"""

import datetime
import logging
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

log = logging.getLogger(__name__)

# A queued event not delivered after this long is queued again (its task was lost).
REDISPATCH_AFTER = datetime.timedelta(minutes=2)
# After this many deliveries that left consumers pending the event is left for people to see.
MAX_ATTEMPTS = 20
# Delivered events are kept this long (an audit trail of what was published when).
KEEP_DELIVERED = datetime.timedelta(days=30)
SWEEP_BATCH = 500


@dataclass(frozen=True)
class Change:
    """`kind`: "page", "person", "organisation" or "taxonomy"; `reason`: "publish", "unpublish",
    "move", "privacy", "delete" or "save"; `subtree`: the page's descendants changed with it."""

    kind: str
    instance: object
    reason: str
    subtree: bool = False

    @property
    def subject(self):
        return f"{self.kind}:{self.instance.pk}"


@dataclass(frozen=True)
class Consumer:
    name: str
    plan: object
    deliver: object


_consumers: dict[str, Consumer] = {}


class DeliveryIncomplete(Exception):
    """Some consumers failed; the task is retried for them."""


def register(name, *, plan, deliver):
    _consumers[name] = Consumer(name, plan, deliver)


def consumers():
    return dict(_consumers)


def _request_id():
    try:
        from django_guid import get_guid
    except ImportError:  # pragma: no cover - a dependency of the project
        return ""
    return (get_guid() or "")[:64]


def record(change):
    """Write the event of `change` in the current transaction; queue it when that commits."""
    from cms.core.models import ChangeEvent

    payload = {}
    for consumer in _consumers.values():
        try:
            part = consumer.plan(change)
        except Exception:  # a consumer's bug must not fail the editor's publish
            log.exception("%s could not plan %s %s", consumer.name, change.reason, change.subject)
            continue
        if part is not None:
            payload[consumer.name] = part
    if not payload:
        return None
    event = ChangeEvent.objects.create(
        subject=change.subject,
        reason=change.reason,
        payload=payload,
        pending=sorted(payload),
        request_id=_request_id(),
    )
    transaction.on_commit(partial(dispatch, event.pk, request_id=event.request_id), robust=True)
    return event


def task_queue():
    return getattr(settings, "OUTBOX_TASK_QUEUE", None) or None


def dispatch(event_id, *, request_id="", countdown=None):
    """Queue the delivery of one event, under the request id of the change (its task logs carry
    it); False when the broker cannot take it (the sweep will)."""
    from django_guid import get_guid, set_guid

    from cms.core import tasks
    from cms.core.models import ChangeEvent

    previous = get_guid()
    if request_id:
        set_guid(request_id)
    try:
        tasks.deliver_change.apply_async(
            args=[str(event_id)], queue=task_queue(), countdown=countdown
        )
    except Exception:
        log.warning("could not queue change event %s; the outbox sweep will", event_id)
        return False
    finally:
        if request_id:
            set_guid(previous)
    ChangeEvent.objects.filter(pk=event_id).update(dispatched_at=timezone.now())
    return True


def deliver(event_id):
    """Deliver one event to the consumers that have not had it. Returns the names delivered to
    now; raises DeliveryIncomplete when some consumer failed."""
    from cms.core.models import ChangeEvent

    delivered, failed = [], {}
    with transaction.atomic():
        event = ChangeEvent.objects.select_for_update().filter(pk=event_id).first()
        if event is None or not event.pending:
            return delivered
        for name in list(event.pending):
            consumer = _consumers.get(name)
            if consumer is None:  # a consumer that no longer exists
                event.pending.remove(name)
                continue
            try:
                with transaction.atomic():
                    consumer.deliver(event.payload.get(name), str(event.pk))
            except Exception as exc:
                log.warning("change event %s: %s failed: %r", event.pk, name, exc)
                failed[name] = f"{name}: {type(exc).__name__}: {exc}"[:300]
                continue
            event.pending.remove(name)
            delivered.append(name)
        event.attempts += 1
        event.last_error = "; ".join(failed.values())[:300]
        if not event.pending:
            event.delivered_at = timezone.now()
        if delivered:
            log.info(
                "change event %s (%s %s) delivered to %s",
                event.pk,
                event.reason,
                event.subject,
                ", ".join(delivered),
            )
        event.save(update_fields=["pending", "attempts", "last_error", "delivered_at"])
    if failed:
        raise DeliveryIncomplete(event.last_error)
    return delivered


def undelivered():
    from cms.core.models import ChangeEvent

    return ChangeEvent.objects.filter(delivered_at__isnull=True)


def sweep(now=None):
    """Queue again the events that were never queued (broker down) or whose task was lost;
    forget delivered events past KEEP_DELIVERED. Returns how many were queued."""
    from django.db.models import Q

    from cms.core.models import ChangeEvent

    now = now or timezone.now()
    due = (
        undelivered()
        .filter(attempts__lt=MAX_ATTEMPTS)
        .filter(Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=now - REDISPATCH_AFTER))
        .order_by("created_at")
        .values_list("pk", "request_id")[:SWEEP_BATCH]
    )
    queued = 0
    for event_id, request_id in list(due):
        if not dispatch(event_id, request_id=request_id):
            break  # the broker is still down: try again at the next sweep
        queued += 1
    ChangeEvent.objects.filter(delivered_at__lt=now - KEEP_DELIVERED).delete()
    return queued


def backlog():
    """Undelivered events: how many and the age of the oldest in seconds (for /readyz)."""
    oldest = undelivered().order_by("created_at").values_list("created_at", flat=True).first()
    age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    return {"undelivered": undelivered().count(), "oldest_seconds": round(age, 1)}
