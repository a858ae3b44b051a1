"""Emitting and delivering in this process (eager Celery, as the demo runs without Redis): a
real receiver on 127.0.0.1 verifies each request; retries are made by the sweep."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.utils import timezone

from cms.webhooks import services
from cms.webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def eager(settings):
    from cms.celery import app

    assert app.conf.task_always_eager, "these tests run tasks in-process"
    settings.WEBHOOKS_RETRY_BACKOFF = [0, 0, 0]
    settings.WEBHOOKS_DISABLE_AFTER_FAILURES = 15
    settings.WEBHOOKS_DISABLE_AFTER_SECONDS = 0


def _emit(capture, key, event_type="session.changed", data=None):
    with capture(execute=True):
        with transaction.atomic():
            return services.event_emit(event_type=event_type, data=data or {"key": key}, key=key)


def _sweep_until_done(capture, delivery, rounds=10):
    """Each sweep makes the due retry (no worker: the sweep is what retries)."""
    for _ in range(rounds):
        delivery.refresh_from_db()
        if delivery.status not in WebhookDelivery.OPEN:
            return delivery
        with capture(execute=True):
            services.sweep()
    delivery.refresh_from_db()
    return delivery


def test_an_emitted_event_is_sent_after_commit_signed_and_verified(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            [delivery] = services.event_emit(
                event_type="session.changed", data={"session": {"id": 7}}, key="t:commit"
            )
        # Nothing went out inside the transaction.
        assert receiver.requests == []
    assert len(callbacks) == 1
    callbacks[0]()
    [request] = receiver.requests
    assert request["verified"], request["error"]
    assert request["id"] == delivery.message_id == services.message_id_for("t:commit")
    assert request["body"] == delivery.payload.encode("utf-8")
    assert request["content_type"] == "application/json"
    assert json.loads(request["body"])["data"] == {"session": {"id": 7}}
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert (delivery.attempts, delivery.response_code) == (1, 200)
    assert json.loads(delivery.response_excerpt)["ok"] is True
    assert delivery.endpoint_id == endpoint.pk


def test_a_rolled_back_transaction_sends_nothing(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                services.event_emit(event_type="session.changed", data={}, key="t:rollback")
                raise RuntimeError("the editor's change failed")
    assert receiver.requests == []
    assert not endpoint.deliveries.exists()


def test_the_same_key_twice_makes_one_delivery_per_endpoint(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    first = make_endpoint(receiver)
    second = make_endpoint(receiver, event_types=["session.changed", "edition.published"])
    other = make_endpoint(receiver, event_types=["edition.published"])
    disabled = make_endpoint(receiver, enabled=False)
    receiver.secret = first.secret
    assert len(_emit(django_capture_on_commit_callbacks, "t:twice")) == 2
    assert _emit(django_capture_on_commit_callbacks, "t:twice") == []
    assert first.deliveries.count() == second.deliveries.count() == 1
    assert not other.deliveries.exists() and not disabled.deliveries.exists()
    # One message id for the event, whichever endpoint.
    assert first.deliveries.get().message_id == second.deliveries.get().message_id


def test_an_unknown_event_type_is_refused():
    with pytest.raises(ValueError):
        services.event_emit(event_type="session.deleted", data={}, key="t:unknown")


def test_a_failing_receiver_gets_retries_with_the_same_id_then_succeeds(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver)
    receiver.fail_first = 3
    [delivery] = _emit(django_capture_on_commit_callbacks, "t:retry")
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.RETRYING
    assert (delivery.attempts, delivery.response_code) == (1, 500)
    assert "500" in delivery.last_error
    delivery = _sweep_until_done(django_capture_on_commit_callbacks, delivery)
    requests = receiver.requests_for(delivery.message_id)
    assert [r["status"] for r in requests] == [500, 500, 500, 200]
    assert all(r["verified"] for r in requests)
    assert len({r["body"] for r in requests}) == 1  # the same bytes each time
    assert list(receiver.processed) == [delivery.message_id]
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert (delivery.attempts, delivery.response_code) == (4, 200)
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 0 and endpoint.first_failure_at is None


def test_a_delivery_fails_after_the_last_retry(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    make_endpoint(receiver)
    receiver.always_fail = True
    [delivery] = _emit(django_capture_on_commit_callbacks, "t:fail")
    delivery = _sweep_until_done(django_capture_on_commit_callbacks, delivery)
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.attempts == 4  # the first and three retries
    assert len(receiver.requests_for(delivery.message_id)) == 4
    assert delivery.next_attempt_at is None


def test_the_sweep_leaves_deliveries_that_are_not_due(
    receiver, make_endpoint, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOKS_RETRY_BACKOFF = [3600]
    make_endpoint(receiver)
    receiver.fail_first = 1
    [delivery] = _emit(django_capture_on_commit_callbacks, "t:notdue")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.sweep() == 0
    assert len(receiver.requests_for(delivery.message_id)) == 1
    later = timezone.now() + datetime.timedelta(hours=2)
    delivery.refresh_from_db()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.sweep(now=later) >= 1
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED


def test_a_redirect_is_not_followed_and_counts_as_a_failure(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from threading import Thread

    class Redirect(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(307)
            self.send_header("Location", receiver.url)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        endpoint = make_endpoint(receiver)
        endpoint.url = f"http://127.0.0.1:{server.server_address[1]}/moved"
        endpoint.save()
        [delivery] = _emit(django_capture_on_commit_callbacks, "t:redirect")
    finally:
        server.shutdown()
        server.server_close()
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.RETRYING
    assert delivery.response_code == 307
    assert receiver.requests == []  # the redirect target never heard of it


def test_a_url_no_longer_allowed_is_not_requested(
    receiver, make_endpoint, django_capture_on_commit_callbacks, settings
):
    make_endpoint(receiver)
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    [delivery] = _emit(django_capture_on_commit_callbacks, "t:private")
    delivery.refresh_from_db()
    assert receiver.requests == []
    assert delivery.status == WebhookDelivery.Status.RETRYING
    assert delivery.response_code is None
    assert "127.0.0.1" in delivery.last_error


def test_repeated_failures_disable_the_endpoint_cancel_its_deliveries_and_email_editors(
    receiver, make_endpoint, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOKS_DISABLE_AFTER_FAILURES = 3
    settings.WEBHOOKS_RETRY_BACKOFF = [3600, 3600, 3600]
    User = get_user_model()
    creator = User.objects.create_user("hooks-creator", email="creator@example.org")
    admin = User.objects.create_superuser("hooks-admin", email="admin@example.org")
    User.objects.create_user("hooks-bystander", email="bystander@example.org")
    endpoint = make_endpoint(receiver, created_by=creator)
    receiver.always_fail = True
    mail.outbox.clear()
    first = _emit(django_capture_on_commit_callbacks, "t:dis:1")[0]
    second = _emit(django_capture_on_commit_callbacks, "t:dis:2")[0]
    endpoint.refresh_from_db()
    assert endpoint.enabled and endpoint.consecutive_failures == 2
    # The third failed attempt in a row disables it; the other open delivery is cancelled.
    WebhookDelivery.objects.filter(pk=first.pk).update(next_attempt_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep()
    endpoint.refresh_from_db()
    assert not endpoint.enabled and endpoint.disabled_at is not None
    assert "3" in endpoint.disabled_reason
    statuses = set(endpoint.deliveries.values_list("status", flat=True))
    assert statuses == {WebhookDelivery.Status.CANCELLED}
    assert len(receiver.requests) == 3
    [message] = [m for m in mail.outbox if endpoint.name in m.subject]
    assert {"creator@example.org", "admin@example.org"} <= set(message.to)
    assert "bystander@example.org" not in message.to
    assert f"/admin/webhooks/edit/{endpoint.pk}/" in message.body
    # A disabled endpoint gets no new events and no retries.
    assert _emit(django_capture_on_commit_callbacks, "t:dis:3") == []
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep(now=timezone.now() + datetime.timedelta(days=1))
    assert len(receiver.requests) == 3
    assert admin.is_superuser and second.pk != first.pk

    # Enabled again: counters reset, new events flow.
    services.endpoint_enable(endpoint=endpoint)
    assert endpoint.enabled and endpoint.consecutive_failures == 0
    assert endpoint.disabled_reason == ""
    receiver.always_fail = False
    [delivery] = _emit(django_capture_on_commit_callbacks, "t:dis:4")
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED


def test_failures_within_the_grace_period_do_not_disable(
    receiver, make_endpoint, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOKS_DISABLE_AFTER_FAILURES = 2
    settings.WEBHOOKS_DISABLE_AFTER_SECONDS = 3600
    endpoint = make_endpoint(receiver)
    receiver.always_fail = True
    _emit(django_capture_on_commit_callbacks, "t:grace:1")
    _emit(django_capture_on_commit_callbacks, "t:grace:2")
    _emit(django_capture_on_commit_callbacks, "t:grace:3")
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 3
    assert endpoint.enabled


def test_a_test_event_goes_to_one_endpoint_whatever_it_subscribes_to(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    target = make_endpoint(receiver, event_types=["edition.published"])
    bystander = make_endpoint(receiver, event_types=["edition.published"])
    receiver.secret = target.secret
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.test_event_send(endpoint=target)
    assert delivery.event_type == "webhook.test"
    [request] = receiver.requests
    assert request["verified"]
    assert json.loads(request["body"])["type"] == "webhook.test"
    assert not bystander.deliveries.exists()


def test_rotating_the_secret_signs_with_the_new_one(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver)
    old = endpoint.secret
    services.secret_rotate(endpoint=endpoint)
    assert endpoint.secret != old and endpoint.secret.startswith("whsec_")
    receiver.secret = old
    [delivery] = _emit(django_capture_on_commit_callbacks, "t:rotate")
    assert receiver.requests[0]["verified"] is False
    receiver.secret = endpoint.secret
    delivery.refresh_from_db()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    _sweep_until_done(django_capture_on_commit_callbacks, delivery)
    assert receiver.requests[-1]["verified"] is True
