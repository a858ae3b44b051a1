"""Publishing tells the frontend which cached data to refresh: the change's outbox event is
delivered by a Celery task that POSTs its cache tags to the site's /api/revalidate route with the
shared secret. The frontend here is a real HTTP server that records what it was sent."""

import pytest

from cms.celery import app as celery_app
from cms.core import outbox
from cms.core.models import ChangeEvent
from tests.api import factories
from tests.servers import RecordingFrontend

SECRET = "test-revalidate-secret"


@pytest.fixture
def frontend(settings):
    recorder = RecordingFrontend()
    settings.FRONTEND_URL = settings.FRONTEND_REVALIDATE_URL = recorder.url
    settings.FRONTEND_REVALIDATE_SECRET = SECRET
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        yield recorder
    finally:
        celery_app.conf.task_always_eager = eager
        recorder.stop()


@pytest.fixture
def edition(db):
    return factories.edition(factories.conference(), year=2031, size=1)


def _sessions(edition):
    from cms.conference.models import SessionPage

    return SessionPage.objects.child_of(edition).order_by("pk")


def _tags(request):
    return set(request["body"]["tags"])


def test_revalidate_publishing_a_session_posts_its_tags_once_with_the_secret(
    frontend, edition, django_capture_on_commit_callbacks
):
    session = _sessions(edition).first()
    translation_ids = {t.pk for t in session.get_translations(inclusive=True)}
    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session.save_revision().publish()
    assert len(frontend.requests) == 1
    sent = frontend.requests[0]
    assert sent["path"] == "/api/revalidate"
    assert sent["secret"] == SECRET
    assert "paths" not in sent["body"]  # the site maps tags to its routes
    assert {"edition:2031", "sessions", "speakers"} <= _tags(sent)
    assert {f"session:{pk}" for pk in translation_ids} <= _tags(sent)
    event = ChangeEvent.objects.get(pk=sent["event"])
    assert (event.subject, event.reason) == (f"page:{session.pk}", "publish")
    assert event.delivered_at is not None and event.pending == []


def test_revalidate_publishing_an_edition_refreshes_its_collections(
    frontend, edition, django_capture_on_commit_callbacks
):
    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        edition.save_revision().publish()
    assert {"edition:2031", "editions", "partners", "sessions", "pages"} <= _tags(
        frontend.requests[-1]
    )


def test_revalidate_a_person_s_new_bio_refreshes_their_speaker_pages_and_sessions(
    frontend, edition, django_capture_on_commit_callbacks
):
    session = _sessions(edition).first()
    person = session.speakers.first().person
    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        person.bio = "<p>A new biography.</p>"
        person.save_revision().publish()
    assert len(frontend.requests) == 1
    tags = _tags(frontend.requests[0])
    assert {f"speaker:{person.pk}", f"session:{session.pk}", "speakers"} <= tags


def test_revalidate_an_organisation_or_topic_change_refreshes_every_cached_answer(
    frontend, edition, django_capture_on_commit_callbacks
):
    partner = edition.partnerships.first().organisation
    topic = _sessions(edition).first().topics.first()
    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        partner.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        topic.name = "Renamed topic"
        topic.save()
    assert [r["body"]["tags"] for r in frontend.requests] == [["api"], ["api"]]


def test_revalidate_unpublishing_posts_too(frontend, edition, django_capture_on_commit_callbacks):
    session = _sessions(edition).first()
    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session.unpublish()
    assert [f"session:{session.pk}" in _tags(r) for r in frontend.requests] == [True]


def test_revalidate_the_event_is_written_in_the_transaction_and_sent_after_commit(
    frontend, edition, django_capture_on_commit_callbacks
):
    session = _sessions(edition).first()
    frontend.requests.clear()
    before = ChangeEvent.objects.count()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        session.save_revision().publish()
        assert ChangeEvent.objects.count() == before + 1
    assert frontend.requests == []
    assert callbacks


def test_revalidate_a_failed_call_is_delivered_again_and_only_to_the_consumer_that_failed(
    frontend, edition, django_capture_on_commit_callbacks
):
    session = _sessions(edition).first()
    frontend.requests.clear()
    frontend.statuses = [503]
    with django_capture_on_commit_callbacks(execute=True):
        session.save_revision().publish()
    event = ChangeEvent.objects.filter(subject=f"page:{session.pk}").latest("created_at")
    assert event.pending == ["frontend"]  # the index has it; the frontend answered 503
    assert "503" in event.last_error
    assert outbox.deliver(event.pk) == ["frontend"]
    assert outbox.deliver(event.pk) == []  # delivered: a repeated task does nothing
    assert len(frontend.requests) == 2
    assert frontend.requests[0]["body"] == frontend.requests[1]["body"]
    event.refresh_from_db()
    assert event.delivered_at is not None and event.attempts == 2


def test_revalidate_without_a_secret_sends_nothing(
    frontend, edition, settings, django_capture_on_commit_callbacks
):
    settings.FRONTEND_REVALIDATE_SECRET = ""
    session = _sessions(edition).first()
    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session.save_revision().publish()
    assert frontend.requests == []
    event = ChangeEvent.objects.filter(subject=f"page:{session.pk}").latest("created_at")
    assert "frontend" not in event.payload


def test_revalidate_privacy_change_move_and_delete_reach_the_frontend(
    frontend, edition, django_capture_on_commit_callbacks
):
    from django.db import transaction
    from wagtail.models import PageViewRestriction

    session = _sessions(edition).first()
    tag = f"session:{session.pk}"
    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            restriction = PageViewRestriction.objects.create(
                page=session, restriction_type="password", password="x"
            )
    assert [tag in _tags(r) for r in frontend.requests] == [True]

    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            restriction.delete()
    assert [tag in _tags(r) for r in frontend.requests] == [True]

    other = factories.edition(factories.conference(), year=2032, size=1)
    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session.move(other, pos="last-child")
    moved = [_tags(r) for r in frontend.requests]
    assert moved and {"edition:2032", tag} <= moved[0]

    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session.delete()
    deleted = [_tags(r) for r in frontend.requests]
    assert deleted and {"edition:2032", tag} <= deleted[0]


def test_revalidate_every_site_node_is_told(
    frontend, edition, settings, django_capture_on_commit_callbacks
):
    second = RecordingFrontend()
    try:
        settings.FRONTEND_REVALIDATE_URL = f"{settings.FRONTEND_URL}, {second.url}/"
        session = _sessions(edition).first()
        frontend.requests.clear()
        frontend.statuses = [200]
        second.statuses = [502]  # one node down: delivered again, to both, until both have it
        with django_capture_on_commit_callbacks(execute=True):
            session.save_revision().publish()
        event = ChangeEvent.objects.filter(subject=f"page:{session.pk}").latest("created_at")
        assert event.pending == ["frontend"]
        outbox.deliver(event.pk)
        assert [r["event"] for r in frontend.requests] == [str(event.pk)] * 2
        assert [r["event"] for r in second.requests] == [str(event.pk)] * 2
        assert {r["secret"] for r in second.requests} == {SECRET}
    finally:
        second.stop()
