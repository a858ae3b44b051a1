"""Fixtures of the webhook tests: a real HTTP receiver on 127.0.0.1 that verifies every request
with the independent `standardwebhooks` library, endpoints pointing at it, and a real Celery
worker over a private Redis."""

import json
import os
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from cms.webhooks.models import WebhookEndpoint
from tests.servers import Celery, RedisServer, celery_queueing_to, database_url


class Receiver:
    """A partner's endpoint: verifies each POST with `standardwebhooks`, records it, answers 500
    to the first `fail_first` requests (or to all with `always_fail`), then 200; processes each
    message once by its webhook-id, as a receiver should."""

    def __init__(self):
        self.secret = None
        self.fail_first = 0
        self.always_fail = False
        self.requests = []  # every request: id, timestamp, body, verified, error, status
        self.processed = {}  # webhook-id -> parsed payload, once per id
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                status, record = receiver.handle(body, dict(self.headers.items()))
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps({"ok": status == 200, **record}).encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def handle(self, body, headers):
        headers = {k.lower(): v for k, v in headers.items()}
        record = {
            "id": headers.get("webhook-id"),
            "timestamp": headers.get("webhook-timestamp"),
            "user_agent": headers.get("user-agent"),
            "content_type": headers.get("content-type"),
            "body": body,
            "verified": False,
            "error": "",
        }
        try:
            payload = Webhook(self.secret).verify(body, headers)
            record["verified"] = True
        except (WebhookVerificationError, ValueError, TypeError) as exc:
            payload = None
            record["error"] = f"{type(exc).__name__}: {exc}"
        with self.lock:
            failing = self.always_fail or self.fail_first > 0
            if self.fail_first > 0:
                self.fail_first -= 1
            status = 400 if not record["verified"] else (500 if failing else 200)
            record["status"] = status
            self.requests.append(record)
            if status == 200 and record["id"] not in self.processed:
                self.processed[record["id"]] = payload
        return status, {"error": record["error"]}

    def requests_for(self, message_id):
        with self.lock:
            return [r for r in self.requests if r["id"] == message_id]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def make_endpoint(db):
    """An endpoint with a unique name at `receiver`'s URL; the receiver learns its secret."""

    def make(receiver, *, event_types=("session.changed",), **fields):
        endpoint = WebhookEndpoint.objects.create(
            name=f"Partner {uuid.uuid4().hex[:8]}",
            url=receiver.url,
            event_types=list(event_types),
            **fields,
        )
        receiver.secret = endpoint.secret
        return endpoint

    return make


@pytest.fixture
def worker(settings, tmp_path):
    """Start a real Celery worker (over a private redis-server) with extra environment:
    `worker(WEBHOOKS_DISABLE_AFTER_FAILURES="3")`. This process queues to the same Redis."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker needs the test database on PostgreSQL")
    redis_server = RedisServer()
    redis_server.start()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    started = []

    def start(**extra):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_server.url,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "OPENSEARCH_URL": "",
            "ELASTICSEARCH_URL": "",
            "LOG_LEVEL": "INFO",
            "WEBHOOKS_RETRY_BACKOFF": "0.5,1,2",
            **{key: str(value) for key, value in extra.items()},
        }
        process = Celery("worker", env, tmp_path / f"worker{len(started)}.log")
        started.append(process)
        return process

    try:
        with celery_queueing_to(redis_server.url):
            try:
                yield start
            finally:
                for process in started:
                    process.stop()
    finally:
        redis_server.stop()
