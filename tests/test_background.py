"""Background work over a real Redis broker, a real Celery worker and a real `celery beat`:

- the publish outbox: Redis stops while editors publish; the publishes succeed, and once Redis is
  back every change event reaches the search index and the frontend exactly once;
- scheduled publishing: a session set to go live (and one set to expire) changes by itself,
  with beat's every-minute schedule, in the API and in search.

Against a private redis-server, never the shared one; the frontend is a real HTTP server that
records what it is sent."""

import datetime
import os
import secrets

import pytest
from django.db import connection
from django.utils import timezone
from django_guid import set_guid
from rest_framework.test import APIClient

from cms.core import outbox
from cms.core.models import ChangeEvent
from cms.settings.base import redis_cache
from search import engines
from tests.search import content
from tests.servers import (
    Celery,
    RecordingFrontend,
    RedisServer,
    celery_queueing_to,
    database_url,
    wait_until,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
SECRET = secrets.token_urlsafe(32)
DEADLINE = 180  # seconds; each wait ends as soon as its condition holds


@pytest.fixture
def stack(settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker needs the test database on PostgreSQL")
    # The tests poll the API until the worker has done its part: not a throttling test.
    settings.API_ANON_THROTTLE_RATE = ""
    redis_server = RedisServer()
    redis_server.start()
    frontend = RecordingFrontend()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_server.url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "OPENSEARCH_URL": "",
        "ELASTICSEARCH_URL": "",
        "FRONTEND_URL": frontend.url,
        "FRONTEND_REVALIDATE_SECRET": SECRET,
        "OUTBOX_SWEEP_SECONDS": "2",
        "LOG_LEVEL": "INFO",
        # One cache for the worker and this process, as in production: the worker's content
        # version bumps reach the answers this process keeps.
        "TEST_CACHE_URL": redis_server.url,
    }
    settings.CACHES = {"default": redis_cache(redis_server.url, "test")}
    settings.SEARCH_OPENSEARCH_URL = settings.SEARCH_ELASTICSEARCH_URL = ""
    settings.FRONTEND_URL = settings.FRONTEND_REVALIDATE_URL = frontend.url
    settings.FRONTEND_REVALIDATE_SECRET = SECRET
    settings.OUTBOX_TASK_QUEUE = ""
    try:
        with celery_queueing_to(redis_server.url):
            worker = Celery("worker", env, tmp_path / "worker.log")
            beat = Celery("beat", env, tmp_path / "beat.log")
            try:
                yield {"redis": redis_server, "frontend": frontend, "worker": worker, "beat": beat}
            finally:
                beat.stop()
                worker.stop()
    finally:
        frontend.stop()
        redis_server.stop()


def _logs(stack):
    return "\n".join(f"--- {name} ---\n{stack[name].log()[-4000:]}" for name in ("worker", "beat"))


def _all_delivered():
    return not outbox.undelivered().exists()


def test_events_published_while_redis_is_down_are_delivered_once_when_it_is_back(stack):
    frontend = stack["frontend"]
    wait = lambda condition, what: wait_until(  # noqa: E731
        condition, what, seconds=DEADLINE, on_timeout=lambda: _logs(stack)
    )
    # Everything up: a publish reaches the index and the frontend through the worker.
    speaker = content.person("Мария Иванова", slug="maria")
    edition = content.edition(content.conference(), 2035)
    first = content.session(edition, "Отворени данни", slug="open-data", speakers=[speaker])
    wait(_all_delivered, "the first events delivered")
    assert engines.database().get(f"page:{first.pk}")["title"] == "Отворени данни"

    stack["redis"].stop()
    set_guid("0f0e0d0c0b0a49998877665544332211")
    second = content.session(edition, "Кръгова икономика", slug="circular", speakers=[speaker])
    speaker.job_title = "Главен технолог"
    speaker.save_revision().publish()
    first.unpublish()
    down = list(outbox.undelivered().order_by("created_at"))
    # Each publish succeeded and wrote its event; none could be queued.
    assert {e.subject for e in down} >= {
        f"page:{second.pk}",
        f"person:{speaker.pk}",
        f"page:{first.pk}",
    }
    assert all(e.dispatched_at is None for e in down)
    assert {e.request_id for e in down} == {"0f0e0d0c0b0a49998877665544332211"}
    assert engines.database().get(f"page:{second.pk}") is None

    stack["redis"].start()  # beat's sweep queues them again; the worker delivers
    wait(_all_delivered, "every event delivered after Redis came back")
    assert stack["worker"].alive() and stack["beat"].alive()

    assert engines.database().get(f"page:{second.pk}")["title"] == "Кръгова икономика"
    assert engines.database().get(f"page:{first.pk}") is None
    # The frontend had each event exactly once, with the secret, tags only.
    sent = [r["event"] for r in frontend.requests]
    assert sorted(sent) == sorted(
        str(pk)
        for pk in ChangeEvent.objects.filter(payload__has_key="frontend").values_list(
            "pk", flat=True
        )
    )
    assert len(sent) == len(set(sent))
    assert {r["secret"] for r in frontend.requests} == {SECRET}
    by_event = {r["event"]: set(r["body"]["tags"]) for r in frontend.requests}
    person_event = next(e for e in down if e.subject == f"person:{speaker.pk}")
    assert f"speaker:{speaker.pk}" in by_event[str(person_event.pk)]
    # The worker logged its work under the request id of the change that queued it.
    assert '"request_id": "0f0e0d0c0b0a49998877665544332211"' in stack["worker"].log()


def _api_has(session):
    return APIClient().get(f"/api/v1/sessions/{session.pk}/").status_code == 200


def _search_finds(word):
    response = APIClient().get("/api/v1/search/", {"q": word})
    return [hit["title"] for hit in response.json()["results"]]


def test_scheduled_sessions_go_live_and_expire_by_themselves(stack):
    edition = content.edition(content.conference(), 2036)
    soon = timezone.now() + datetime.timedelta(seconds=15)
    # An editor schedules a new session for `soon` (Wagtail: publish with a go-live time) and
    # sets a live one to expire then.
    scheduled = content.draft_session(edition, "Водородни клъстери", slug="hydrogen")
    scheduled.go_live_at = soon
    scheduled.save_revision().publish()
    expiring = content.session(edition, "Стара сесия", slug="old")
    expiring.expire_at = soon
    expiring.save_revision().publish()
    assert not _api_has(scheduled)
    assert timezone.now() < soon and _api_has(expiring)

    # No manual step: beat runs Wagtail's scheduled publishing every minute.
    wait_until(
        lambda: _api_has(scheduled) and not _api_has(expiring),
        "the scheduled session live and the expired one gone",
        DEADLINE,
        on_timeout=lambda: _logs(stack),
    )
    wait_until(
        lambda: (
            "Водородни клъстери" in _search_finds("водородни")
            and "Стара сесия" not in _search_finds("стара")
        ),
        "search in step",
        DEADLINE,
        on_timeout=lambda: _logs(stack),
    )
    tags = {tag for r in stack["frontend"].requests for tag in r["body"]["tags"]}
    assert {f"session:{scheduled.pk}", f"session:{expiring.pk}"} <= tags
