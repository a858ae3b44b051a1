"""Webhook writes: emitting events, attempting deliveries, disabling and re-enabling endpoints.

`event_emit` runs inside the editor's transaction: it writes one delivery row per enabled
endpoint subscribed to the event type (rolled back with the editor's change) and queues their
Celery tasks when the transaction commits. Nothing goes to the network before the commit. A
delivery the broker never took is queued again by `sweep`.

Each delivery has a message id derived from the event's key (`msg_` + uuid5), the same for
every attempt; a receiver dedupes by it. The JSON body is stored as sent and every attempt sends
the same bytes, re-signed with the attempt's timestamp.
"""

import datetime
import json
import logging
import uuid
from functools import partial

import requests
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.webhooks import signing
from cms.webhooks.models import WebhookDelivery, WebhookEndpoint
from cms.webhooks.urls_validation import url_allowed

log = logging.getLogger(__name__)

# Types an endpoint may subscribe to, with their labels.
SUBSCRIBABLE_EVENT_TYPES = {
    "release.published": _("Release published"),
    "session.changed": _("Session changed"),
    "edition.published": _("Edition published"),
}
TEST_EVENT_TYPE = "webhook.test"
EVENT_TYPES = {**SUBSCRIBABLE_EVENT_TYPES, TEST_EVENT_TYPE: _("Test event")}

MESSAGE_NAMESPACE = uuid.UUID("3b0f6a52-7c1d-4d8e-9f3a-5e2b8c4d7a19")
EXCERPT_CHARS = 500
ERROR_CHARS = 1000

DEFAULT_BACKOFF = [5, 300, 1800, 7200, 18000, 36000, 36000]


def _setting(name, default):
    return getattr(settings, name, default)


def backoff_schedule():
    """Seconds to wait before each retry; a delivery is tried 1 + len(schedule) times."""
    return [float(s) for s in _setting("WEBHOOKS_RETRY_BACKOFF", DEFAULT_BACKOFF)]


def message_id_for(key):
    return "msg_" + uuid.uuid5(MESSAGE_NAMESPACE, str(key)).hex


def payload_render(*, event_type, data, timestamp=None):
    """The exact JSON body of an event (the Standard Webhooks shape)."""
    timestamp = timestamp or timezone.now()
    stamp = timestamp.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    return json.dumps(
        {"type": event_type, "timestamp": stamp, "data": data},
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=False,
    )


def endpoints_subscribed(event_type):
    """Enabled endpoints subscribed to `event_type` (JSON list membership, checked in Python so
    SQLite and PostgreSQL behave alike)."""
    return [e for e in WebhookEndpoint.objects.filter(enabled=True) if e.subscribes_to(event_type)]


def anyone_subscribed(event_type):
    """One cheap query: does any enabled endpoint subscribe to `event_type`?"""
    lists = WebhookEndpoint.objects.filter(enabled=True).values_list("event_types", flat=True)
    return any(event_type in (types or []) for types in lists)


def event_emit(*, event_type, data, key):
    """Record `event_type` with `data` (JSON) for every enabled endpoint subscribed to it, in the
    current transaction; their deliveries are queued when it commits. The same `key` emitted
    again makes no second delivery to an endpoint. Returns the deliveries created."""
    if event_type not in SUBSCRIBABLE_EVENT_TYPES:
        raise ValueError(f"unknown webhook event type {event_type!r}")
    return _emit(event_type, data, key, endpoints_subscribed(event_type))


def test_event_send(*, endpoint, user=None):
    """Emit a `webhook.test` event to `endpoint` only (whatever it subscribes to)."""
    data = {
        "endpoint": endpoint.name,
        "message": gettext("A test event from the conference platform."),
        "sent_by": getattr(user, "username", None) if user is not None else None,
    }
    key = f"test:{endpoint.pk}:{uuid.uuid4()}"
    created = _emit(TEST_EVENT_TYPE, data, key, [endpoint])
    return created[0] if created else None


def _emit(event_type, data, key, endpoints):
    if not endpoints:
        return []
    body = payload_render(event_type=event_type, data=data)
    message_id = message_id_for(key)
    now = timezone.now()
    created = []
    for endpoint in endpoints:
        try:
            with transaction.atomic():
                delivery = WebhookDelivery.objects.create(
                    endpoint=endpoint,
                    message_id=message_id,
                    event_type=event_type,
                    payload=body,
                    next_attempt_at=now,
                )
        except IntegrityError:  # this event was already emitted to this endpoint
            continue
        created.append(delivery)
    if created:
        ids = [d.pk for d in created]
        transaction.on_commit(partial(deliveries_queue, ids), robust=True)
    return created


def deliveries_queue(ids, *, countdown=None):
    """Queue the delivery tasks of `ids`; False when the broker could not take them (the sweep
    will)."""
    from cms.webhooks import tasks

    for delivery_id in ids:
        try:
            tasks.deliver.apply_async(args=[delivery_id], countdown=countdown)
        except Exception:
            log.warning("could not queue webhook delivery %s; the sweep will", delivery_id)
            return False
    return True


def _is_eager():
    from cms.celery import app

    return bool(app.conf.task_always_eager)


class _Outcome:
    def __init__(self, *, ok, code=None, excerpt="", error=""):
        self.ok, self.code, self.excerpt, self.error = ok, code, excerpt, error


def _post(url, body, headers):
    timeout = float(_setting("WEBHOOKS_TIMEOUT", 10))
    try:
        response = requests.post(
            url,
            data=body.encode("utf-8"),
            headers=headers,
            timeout=(timeout, timeout),
            allow_redirects=False,
            stream=True,
        )
    except requests.RequestException as exc:
        return _Outcome(ok=False, error=f"{type(exc).__name__}: {exc}"[:ERROR_CHARS])
    try:
        try:
            chunk = next(response.iter_content(4 * EXCERPT_CHARS), b"")
        except requests.RequestException:
            chunk = b""
        excerpt = chunk.decode("utf-8", errors="replace")[:EXCERPT_CHARS]
    finally:
        response.close()
    code = response.status_code
    if 200 <= code < 300:
        return _Outcome(ok=True, code=code, excerpt=excerpt)
    if 300 <= code < 400:
        error = gettext("Redirect to %(location)s not followed (HTTP %(code)s).") % {
            "location": response.headers.get("Location", "?"),
            "code": code,
        }
    else:
        error = gettext("The endpoint answered HTTP %(code)s.") % {"code": code}
    return _Outcome(ok=False, code=code, excerpt=excerpt, error=error[:ERROR_CHARS])


def delivery_attempt(delivery_id, *, eager=False):
    """Make the next attempt of one delivery (the task's work). Returns the delivery's status,
    or None when there was nothing to do. Retries are queued with the backoff schedule, or left
    to the sweep when `eager` (no worker)."""
    now = timezone.now()
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .select_related("endpoint")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status not in WebhookDelivery.OPEN:
            return None
        # A copy of a task queued again while the scheduled one is still to come.
        if delivery.next_attempt_at and delivery.next_attempt_at > now + datetime.timedelta(
            seconds=1
        ):
            return None
        endpoint = delivery.endpoint
        if not endpoint.enabled:
            delivery.status = WebhookDelivery.Status.CANCELLED
            delivery.next_attempt_at = None
            delivery.save(update_fields=["status", "next_attempt_at"])
            return delivery.status
        refused = url_allowed(endpoint.url)
        if refused:
            outcome = _Outcome(
                ok=False, error=gettext("Not sent: %(reason)s") % {"reason": refused}
            )
        else:
            headers = signing.headers(
                secret=endpoint.secret, message_id=delivery.message_id, body=delivery.payload
            )
            outcome = _post(endpoint.url, delivery.payload, headers)
        now = timezone.now()
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.response_code = outcome.code
        delivery.response_excerpt = outcome.excerpt
        delivery.last_error = outcome.error
        schedule = backoff_schedule()
        if outcome.ok:
            delivery.status = WebhookDelivery.Status.SUCCEEDED
            delivery.delivered_at = now
            delivery.next_attempt_at = None
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
                consecutive_failures=0, first_failure_at=None
            )
        else:
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
                consecutive_failures=F("consecutive_failures") + 1,
                first_failure_at=Coalesce(F("first_failure_at"), now),
            )
            endpoint.refresh_from_db(fields=["enabled", "consecutive_failures", "first_failure_at"])
            if not endpoint.enabled:
                delivery.status = WebhookDelivery.Status.CANCELLED
                delivery.next_attempt_at = None
            elif delivery.attempts > len(schedule):
                delivery.status = WebhookDelivery.Status.FAILED
                delivery.next_attempt_at = None
            else:
                delay = schedule[delivery.attempts - 1]
                delivery.status = WebhookDelivery.Status.RETRYING
                delivery.next_attempt_at = now + datetime.timedelta(seconds=delay)
        delivery.save()
    log.info(
        "webhook %s to %s: attempt %s %s (%s)",
        delivery.message_id,
        endpoint.pk,
        delivery.attempts,
        delivery.status,
        outcome.code or outcome.error,
    )
    if not outcome.ok and _should_disable(endpoint, now):
        endpoint_disable(endpoint=endpoint, reason=_failure_reason(endpoint, delivery))
        delivery.refresh_from_db()
    if delivery.status == WebhookDelivery.Status.RETRYING and not eager:
        delay = (delivery.next_attempt_at - timezone.now()).total_seconds()
        deliveries_queue([delivery.pk], countdown=max(delay, 0))
    return delivery.status


def _should_disable(endpoint, now):
    limit = int(_setting("WEBHOOKS_DISABLE_AFTER_FAILURES", 15))
    seconds = float(_setting("WEBHOOKS_DISABLE_AFTER_SECONDS", 24 * 3600))
    return (
        endpoint.enabled
        and limit > 0
        and endpoint.consecutive_failures >= limit
        and endpoint.first_failure_at is not None
        and endpoint.first_failure_at <= now - datetime.timedelta(seconds=seconds)
    )


def _failure_reason(endpoint, delivery):
    since = timezone.localtime(endpoint.first_failure_at).strftime("%Y-%m-%d %H:%M")
    return gettext(
        "Disabled automatically after %(count)s failed delivery attempts in a row since "
        "%(since)s. The last one: %(error)s"
    ) % {
        "count": endpoint.consecutive_failures,
        "since": since,
        "error": delivery.last_error or "?",
    }


def endpoint_disable(*, endpoint, reason):
    """Disable `endpoint`: no more deliveries, its open ones cancelled, editors told. Returns
    False when it was already disabled."""
    now = timezone.now()
    with transaction.atomic():
        locked = WebhookEndpoint.objects.select_for_update().filter(pk=endpoint.pk).first()
        if locked is None or not locked.enabled:
            return False
        locked.enabled = False
        locked.disabled_at = now
        locked.disabled_reason = reason
        locked.save(update_fields=["enabled", "disabled_at", "disabled_reason", "updated_at"])
        # Deliveries an attempt holds now are skipped: that attempt sees the endpoint disabled.
        open_ids = list(
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .filter(endpoint=locked, status__in=WebhookDelivery.OPEN)
            .values_list("pk", flat=True)
        )
        WebhookDelivery.objects.filter(pk__in=open_ids).update(
            status=WebhookDelivery.Status.CANCELLED, next_attempt_at=None
        )
    endpoint.enabled, endpoint.disabled_at, endpoint.disabled_reason = False, now, reason
    log.warning("webhook endpoint %s (%s) disabled: %s", locked.pk, locked.url, reason)
    transaction.on_commit(partial(_notify_disabled, locked.pk), robust=True)
    return True


def editors_to_notify(endpoint):
    """Who hears of a disabled endpoint: its creator and the active users who may change
    endpoints (superusers included), with an e-mail address."""
    from wagtail.permission_policies import ModelPermissionPolicy

    users = list(ModelPermissionPolicy(WebhookEndpoint).users_with_permission("change"))
    if endpoint.created_by is not None and endpoint.created_by.is_active:
        users.append(endpoint.created_by)
    return sorted({u.email for u in users if u.email})


def endpoint_admin_url(endpoint):
    base = _setting("WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("webhooks:edit", args=[endpoint.pk])


def _notify_disabled(endpoint_id):
    endpoint = WebhookEndpoint.objects.select_related("created_by").filter(pk=endpoint_id).first()
    if endpoint is None:
        return
    recipients = editors_to_notify(endpoint)
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Webhook endpoint “%(name)s” was disabled") % {"name": endpoint.name}
        body = gettext(
            "The webhook endpoint “%(name)s” (%(url)s) was disabled.\n\n%(reason)s\n\n"
            "Check the partner's endpoint and its delivery log, then enable it again:\n%(link)s\n"
        ) % {
            "name": endpoint.name,
            "url": endpoint.url,
            "reason": endpoint.disabled_reason,
            "link": endpoint_admin_url(endpoint),
        }
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        log.exception("could not e-mail the editors about disabled webhook %s", endpoint.pk)


def endpoint_enable(*, endpoint):
    """Enable `endpoint` again, its failure counters reset."""
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        enabled=True,
        disabled_at=None,
        disabled_reason="",
        consecutive_failures=0,
        first_failure_at=None,
        updated_at=timezone.now(),
    )
    endpoint.refresh_from_db()
    return endpoint


def endpoint_counters_reset(*, endpoint):
    """Clear the disabling and failure counters of `endpoint` (not saved): an editor enabling it
    again in the form starts it afresh."""
    endpoint.disabled_at = None
    endpoint.disabled_reason = ""
    endpoint.consecutive_failures = 0
    endpoint.first_failure_at = None
    return endpoint


def secret_rotate(*, endpoint):
    """A new signing secret for `endpoint` (the partner must use it from now on)."""
    from cms.webhooks.models import secret_generate

    endpoint.secret = secret_generate()
    endpoint.save(update_fields=["secret", "updated_at"])
    return endpoint


def sweep(now=None):
    """Queue again the open deliveries whose attempt is overdue: their task was lost or the
    broker was down (without a worker, every due retry). Returns how many were queued."""
    now = now or timezone.now()
    grace = 0.0 if _is_eager() else float(_setting("WEBHOOKS_REQUEUE_AFTER_SECONDS", 120))
    due = list(
        WebhookDelivery.objects.filter(
            Q(status__in=WebhookDelivery.OPEN),
            Q(endpoint__enabled=True),
            Q(next_attempt_at__lte=now - datetime.timedelta(seconds=grace)),
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[: int(_setting("WEBHOOKS_SWEEP_BATCH", 500))]
    )
    queued = 0
    for delivery_id in due:
        if grace:  # not queued again at the next sweep while this task waits in the queue
            WebhookDelivery.objects.filter(pk=delivery_id, status__in=WebhookDelivery.OPEN).update(
                next_attempt_at=now
            )
        if not deliveries_queue([delivery_id]):
            break
        queued += 1
    return queued
