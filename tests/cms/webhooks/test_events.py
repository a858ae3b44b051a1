"""The outbox consumer: published content becomes webhooks for subscribed endpoints, and only
what the public may see leaves (eager Celery: the whole path runs in this process)."""

import json

import pytest
from wagtail.models import PageViewRestriction

from cms.core.ids import guid
from cms.webhooks import events
from cms.webhooks.models import WebhookDelivery
from tests.search import content

pytestmark = pytest.mark.django_db


@pytest.fixture
def publishing(django_capture_on_commit_callbacks):
    """Run a block of editor changes with their after-commit work (outbox, webhooks)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _events(endpoint):
    return [
        json.loads(d.payload)
        for d in WebhookDelivery.objects.filter(endpoint=endpoint).order_by("created_at", "pk")
    ]


def test_a_published_session_of_a_public_edition_reaches_subscribed_endpoints_only(
    receiver, make_endpoint, publishing
):
    sessions = make_endpoint(receiver, event_types=["session.changed"])
    editions = make_endpoint(receiver, event_types=["edition.published"])
    receiver.secret = sessions.secret
    with publishing():
        edition = content.edition(content.conference(), 2041)
    with publishing():
        session = content.session(edition, "Отворени данни", slug="open-data-hooks")
    [event] = _events(sessions)
    assert event["type"] == "session.changed"
    data = event["data"]
    assert data["edition"] == 2041 and data["reason"] == "publish"
    assert data["session"] == {
        "id": session.pk,
        "guid": guid("session", session.translation_key),
        "locale": "bg",
        "title": "Отворени данни",
        "start": session.start.isoformat(),
        "end": session.end.isoformat(),
        "room": None,
        "cancelled": False,
    }
    # The receiver got it, signed; the edition subscriber got the edition, not the session.
    delivery = sessions.deliveries.get()
    assert receiver.processed[delivery.message_id]["data"] == data
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert [e["type"] for e in _events(editions)] == ["edition.published"]
    assert _events(editions)[0]["data"]["edition"]["year"] == 2041


def test_unpublishing_a_session_emits_only_its_ids(receiver, make_endpoint, publishing):
    endpoint = make_endpoint(receiver)
    with publishing():
        edition = content.edition(content.conference(), 2042)
        session = content.session(edition, "Кръгова икономика", slug="circular-hooks")
    with publishing():
        session.unpublish()
    first, second = _events(endpoint)
    assert first["data"]["reason"] == "publish"
    assert second["data"] == {
        "edition": 2042,
        "session": {
            "id": session.pk,
            "guid": guid("session", session.translation_key),
            "locale": "bg",
        },
        "reason": "unpublish",
    }
    assert "title" not in json.dumps(second)


def test_a_session_the_public_never_saw_emits_nothing(receiver, make_endpoint, publishing):
    endpoint = make_endpoint(receiver, event_types=["session.changed", "edition.published"])
    with publishing():
        conference = content.conference()
        private = content.edition(conference, 2043)
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    before = len(_events(endpoint))
    with publishing():
        hidden = content.session(private, "Закрита сесия", slug="closed-hooks")
        hidden.title = "Закрита сесия 2"
        hidden.save_revision().publish()
        hidden.unpublish()
        draft = content.draft_session(
            content.edition(conference, 2044), "Чернова", slug="draft-hooks"
        )
        draft.delete()
    types = [e["type"] for e in _events(endpoint)[before:]]
    # The public edition 2044 was announced; nothing of the private one or of the draft.
    assert types == ["edition.published"]
    assert "Закрита" not in json.dumps(_events(endpoint))
    assert "Чернова" not in json.dumps(_events(endpoint))


def test_no_subscriber_no_event(receiver, make_endpoint, publishing):
    make_endpoint(receiver, event_types=["release.published"])
    with publishing():
        edition = content.edition(content.conference(), 2045)
        session = content.session(edition, "Без абонати", slug="nobody-hooks")
    from cms.core.outbox import Change

    assert events.plan(Change("page", session, "publish")) is None
    assert receiver.requests == []


def test_an_outbox_event_delivered_twice_makes_one_webhook(receiver, make_endpoint, publishing):
    endpoint = make_endpoint(receiver)
    with publishing():
        edition = content.edition(content.conference(), 2046)
        session = content.session(edition, "Два пъти", slug="twice-hooks")
    from cms.core.outbox import Change

    part = events.plan(Change("page", session, "publish"))
    with publishing():
        events.deliver(part, "11111111-2222-3333-4444-555555555555")
        events.deliver(part, "11111111-2222-3333-4444-555555555555")
    assert endpoint.deliveries.count() == 2  # the publish's and this one
