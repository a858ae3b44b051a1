"""Real processes for tests: gunicorn with production settings, and a private redis-server.

Both bind free ports on 127.0.0.1 and are waited for by polling with a deadline.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import redis
import requests
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
START_SECONDS = 60
# A proxy in front of production terminates TLS and says so; without it SSL redirect answers 301.
HTTPS = {"X-Forwarded-Proto": "https"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    """The test database of this process, for subprocesses (needs PostgreSQL)."""
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def production_env(**overrides):
    """The environment of a production deployment, on this test run's database and Redis db."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "API_", "PYTEST_"))
        and key not in {"OPENSEARCH_URL", "ELASTICSEARCH_URL", "CELERY_TASK_ALWAYS_EAGER"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url(),
        REDIS_URL=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/6",
        CACHE_KEY_PREFIX=f"test-{secrets.token_hex(6)}",
    )
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def stop_process(process, seconds=20):
    """Terminate `process`; kill it if it has not exited after `seconds`."""
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until(condition, what, seconds=START_SECONDS, on_timeout=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    detail = on_timeout() if on_timeout else ""
    raise AssertionError(f"{what} not reached within {seconds} s\n{detail}")


class Gunicorn:
    """`gunicorn cms.wsgi:application` with the given environment, one worker."""

    def __init__(self, env, log_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        with open(log_path, "w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "cms.wsgi:application"]
                + ["--bind", f"127.0.0.1:{self.port}", "--workers", "1", "--timeout", "120"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_until(self._answers, f"gunicorn on {self.url}", on_timeout=self.log)
        except BaseException:
            self.stop()
            raise

    def _answers(self):
        if self.process.poll() is not None:
            raise AssertionError(f"gunicorn exited:\n{self.log()}")
        try:
            requests.get(self.url + "/api/v1/nothing/", headers=HTTPS, timeout=30)
        except (requests.ConnectionError, requests.Timeout):
            return False
        return True

    def log(self):
        return Path(self.log_path).read_text()

    def get(self, path, **kwargs):
        headers = {**HTTPS, **kwargs.pop("headers", {})}
        return requests.get(self.url + path, headers=headers, timeout=30, **kwargs)

    def stop(self):
        stop_process(self.process)


class RedisServer:
    """A private redis-server on a free port, no persistence; stop() and start() again at will."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            raise AssertionError("redis-server is not installed")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def ping(self):
        try:
            return redis.Redis(port=self.port, socket_connect_timeout=1).ping()
        except redis.ConnectionError:
            return False

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.ping, f"redis-server on port {self.port}")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None
        wait_until(lambda: not self.ping(), f"redis-server on port {self.port} stopped")


class Celery:
    """`celery -A cms worker` or `celery -A cms beat` with the given environment."""

    def __init__(self, kind, env, log_path, *args):
        self.log_path = log_path
        if kind == "worker":
            command = ["worker", "-P", "solo", "--without-mingle", "--without-gossip"]
        else:
            command = ["beat", "-s", str(Path(log_path).with_suffix(".schedule"))]
        with open(log_path, "w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "cms", *command, "-l", "INFO", *args],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def log(self):
        return Path(self.log_path).read_text()

    def alive(self):
        return self.process.poll() is None

    def stop(self):
        stop_process(self.process)


class RecordingFrontend:
    """A real HTTP server standing in for the site's /api/revalidate: records each POST
    (path, secret, change event id, JSON body) and answers with `statuses` in order, then 200."""

    def __init__(self):
        import json
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.requests = []
        self.statuses = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                recorder.requests.append(
                    {
                        "path": self.path,
                        "secret": self.headers.get("x-revalidate-secret"),
                        "event": self.headers.get("x-change-event"),
                        "body": json.loads(self.rfile.read(length) or b"{}"),
                    }
                )
                status = recorder.statuses.pop(0) if recorder.statuses else 200
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"revalidated": true}')

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def celery_queueing_to(broker_url):
    """Within the block this process's Celery app queues tasks for real (not eagerly) to
    `broker_url`, where a worker started by the test takes them; afterwards the tests' eager
    in-process queue is back."""
    from cms.celery import app

    conf = app.conf
    names = ("task_always_eager", "broker_url", "broker_write_url")
    saved = {name: conf[name] for name in names}
    saved_pools = (app._pool, app.amqp._producer_pool)
    conf.update(task_always_eager=False, broker_url=broker_url, broker_write_url=None)
    app._pool = app.amqp._producer_pool = None
    try:
        yield
    finally:
        if app._pool is not None:
            app._pool.force_close_all()
        conf.update(saved)
        app._pool, app.amqp._producer_pool = saved_pools
