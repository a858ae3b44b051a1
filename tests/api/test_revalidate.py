"""Publishing tells the frontend which pages to refresh: a Celery task POSTs to its
/api/revalidate route with the shared secret. The frontend here is a real HTTP server."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from api import tasks
from cms.celery import app as celery_app
from tests.api import factories

SECRET = "test-revalidate-secret"


class _Frontend:
    def __init__(self):
        self.requests = []
        self.statuses = []  # answers to give, in order; 200 once they run out

    def handler(self):
        frontend = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                frontend.requests.append(
                    {
                        "path": self.path,
                        "secret": self.headers.get("x-revalidate-secret"),
                        "body": json.loads(self.rfile.read(length) or b"{}"),
                    }
                )
                status = frontend.statuses.pop(0) if frontend.statuses else 200
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"revalidated": true}')

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def frontend(settings):
    fake = _Frontend()
    server = ThreadingHTTPServer(("127.0.0.1", 0), fake.handler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.FRONTEND_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.FRONTEND_REVALIDATE_SECRET = SECRET
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        yield fake
    finally:
        celery_app.conf.task_always_eager = eager
        server.shutdown()
        server.server_close()


@pytest.fixture
def edition(db):
    return factories.edition(factories.conference(), year=2031, size=1)


def _sessions(edition):
    from cms.conference.models import SessionPage

    return SessionPage.objects.child_of(edition).order_by("pk")


def test_revalidate_publishing_a_session_posts_its_paths_with_the_secret(
    frontend, edition, django_capture_on_commit_callbacks
):
    session = _sessions(edition).first()
    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session.save_revision().publish()
    assert len(frontend.requests) == 1
    sent = frontend.requests[0]
    assert sent["path"] == "/api/revalidate"
    assert sent["secret"] == SECRET
    paths, tags = sent["body"]["paths"], sent["body"]["tags"]
    for language in ("bg", "en"):
        assert f"/{language}/2031/{session.slug}" in paths
        assert f"/{language}/2031/agenda" in paths
        assert f"/{language}/2031" in paths
    assert {"edition:2031", "sessions", "speakers", f"session:{session.pk}"} <= set(tags)


def test_revalidate_publishing_an_edition_refreshes_its_listing_pages(
    frontend, edition, django_capture_on_commit_callbacks
):
    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        edition.save_revision().publish()
    paths = frontend.requests[-1]["body"]["paths"]
    assert {"/bg", "/en/editions", "/bg/2031/partners", "/en/2031/agenda"} <= set(paths)
    assert "editions" in frontend.requests[-1]["body"]["tags"]


def test_revalidate_unpublishing_posts_too(frontend, edition, django_capture_on_commit_callbacks):
    session = _sessions(edition).first()
    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session.unpublish()
    assert [r["body"]["paths"] for r in frontend.requests][0].count(f"/en/2031/{session.slug}") == 1


def test_revalidate_nothing_is_sent_before_commit(
    frontend, edition, django_capture_on_commit_callbacks
):
    session = _sessions(edition).first()
    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        session.save_revision().publish()
    assert frontend.requests == []
    assert callbacks


def test_revalidate_failed_call_is_retried(frontend, edition):
    session = _sessions(edition).first()
    frontend.requests.clear()
    frontend.statuses = [503]
    result = tasks.revalidate_frontend.apply(args=[session.pk], throw=False)
    assert result.successful()
    assert len(frontend.requests) == 2
    assert frontend.requests[0]["body"] == frontend.requests[1]["body"]


def test_revalidate_gone_page_is_a_no_op(frontend, db):
    assert tasks.revalidate_frontend.apply(args=[10**9]).result is None
    assert frontend.requests == []


def test_revalidate_without_a_secret_sends_nothing(frontend, edition, settings):
    settings.FRONTEND_REVALIDATE_SECRET = ""
    session = _sessions(edition).first()
    frontend.requests.clear()
    assert tasks.revalidate_frontend.apply(args=[session.pk]).result is None
    assert frontend.requests == []


def test_revalidate_privacy_change_move_and_delete_reach_the_frontend(
    frontend, edition, django_capture_on_commit_callbacks
):
    from django.db import transaction
    from wagtail.models import PageViewRestriction

    session = _sessions(edition).first()
    path = f"/bg/2031/{session.slug}"
    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            restriction = PageViewRestriction.objects.create(
                page=session, restriction_type="password", password="x"
            )
    assert [path in r["body"]["paths"] for r in frontend.requests] == [True]

    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            restriction.delete()
    assert [path in r["body"]["paths"] for r in frontend.requests] == [True]

    other = factories.edition(factories.conference(), year=2032, size=1)
    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session.move(other, pos="last-child")
    moved = [r["body"] for r in frontend.requests]
    assert moved and f"/bg/2032/{session.slug}" in moved[0]["paths"]

    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session.delete()
    deleted = [r["body"] for r in frontend.requests]
    assert deleted and "edition:2032" in deleted[0]["tags"]
    assert f"/bg/2032/{session.slug}" in deleted[0]["paths"]
