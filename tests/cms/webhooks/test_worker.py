"""Deliveries through a real Celery worker over a private Redis, to a real receiver on 127.0.0.1
that verifies every request with the `standardwebhooks` library. The worker's retry schedule
is tiny (0.5, 1, 2 s); the tests wait on what the receiver and the database show."""

import pytest
from django.db import transaction

from cms.webhooks import services
from cms.webhooks.models import WebhookDelivery
from tests.servers import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
DEADLINE = 120  # seconds; each wait ends as soon as its condition holds


def _emit(key, data=None):
    with transaction.atomic():
        [delivery] = services.event_emit(
            event_type="session.changed", data=data or {"key": key}, key=key
        )
    return delivery


def _wait(condition, what, worker):
    wait_until(condition, what, DEADLINE, on_timeout=lambda: worker.log()[-4000:])


def _status(delivery):
    delivery.refresh_from_db()
    return delivery.status


def test_an_event_committed_arrives_signed_and_verified(receiver, make_endpoint, worker):
    process = worker()
    make_endpoint(receiver)
    delivery = _emit("w:arrives", {"session": {"id": 1, "title": "Отворени данни"}})
    _wait(lambda: delivery.message_id in receiver.processed, "the event received", process)
    [request] = receiver.requests_for(delivery.message_id)
    assert request["verified"], request["error"]
    assert receiver.processed[delivery.message_id]["data"]["session"]["title"] == "Отворени данни"
    _wait(lambda: _status(delivery) == WebhookDelivery.Status.SUCCEEDED, "logged", process)
    assert (delivery.attempts, delivery.response_code) == (1, 200)


def test_a_receiver_failing_three_times_gets_retries_then_each_event_once(
    receiver, make_endpoint, worker
):
    process = worker()
    make_endpoint(receiver)
    receiver.fail_first = 3
    first = _emit("w:retry:1")
    _wait(lambda: first.message_id in receiver.processed, "the retried event received", process)
    _wait(lambda: _status(first) == WebhookDelivery.Status.SUCCEEDED, "logged", process)
    requests = receiver.requests_for(first.message_id)
    assert [r["status"] for r in requests] == [500, 500, 500, 200]
    assert all(r["verified"] for r in requests)
    assert [int(r["timestamp"]) for r in requests] == sorted(int(r["timestamp"]) for r in requests)
    assert (first.attempts, first.response_code) == (4, 200)

    # The same event again makes no delivery; a lost-task copy of the finished one sends
    # nothing; the next event arrives (after that copy: the solo worker takes them in order).
    with transaction.atomic():
        assert services.event_emit(event_type="session.changed", data={}, key="w:retry:1") == []
    services.deliveries_queue([first.pk])
    second = _emit("w:retry:2")
    _wait(lambda: second.message_id in receiver.processed, "the second event received", process)
    assert len(receiver.requests_for(first.message_id)) == 4
    assert len(receiver.requests_for(second.message_id)) == 1
    # Each event processed once by its id.
    assert sorted(receiver.processed) == sorted([first.message_id, second.message_id])
    ids = [r["id"] for r in receiver.requests if r["status"] == 200]
    assert sorted(ids) == sorted(set(ids))


def test_an_always_failing_receiver_disables_its_endpoint(receiver, make_endpoint, worker):
    process = worker(WEBHOOKS_DISABLE_AFTER_FAILURES="3", WEBHOOKS_DISABLE_AFTER_SECONDS="0")
    endpoint = make_endpoint(receiver)
    receiver.always_fail = True
    first = _emit("w:disable:1")
    second = _emit("w:disable:2")

    def disabled():
        endpoint.refresh_from_db()
        return not endpoint.enabled

    _wait(disabled, "the endpoint disabled", process)
    _wait(
        lambda: {_status(first), _status(second)} == {WebhookDelivery.Status.CANCELLED},
        "its deliveries cancelled",
        process,
    )
    assert endpoint.disabled_at is not None
    assert "3" in endpoint.disabled_reason and "500" in endpoint.disabled_reason
    assert endpoint.consecutive_failures >= 3
    assert all(r["verified"] and r["status"] == 500 for r in receiver.requests)
    # A disabled endpoint is offered nothing new.
    with transaction.atomic():
        assert services.event_emit(event_type="session.changed", data={}, key="w:3") == []
