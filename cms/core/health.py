"""Liveness (/healthz) and readiness (/readyz) for load balancers, orchestrators and `make stack`.

/healthz answers 200 as long as the process serves requests; it touches nothing else.
/readyz runs every check in CHECKS at once, each in its own thread with a deadline, and answers
200 when all pass, else 503 naming the failing ones. A check is a function returning a dict with
"status": "ok" | "not configured" (both pass) | anything else (fails); an exception or a missed
deadline fails it, and only the exception's class name is shown. Add a check with one line in
CHECKS, or, from a layer above the cms (search), with `register(name, check)` in its app's ready().

The body also shows the depth of the Celery queues on a Redis broker and the publish outbox's
backlog (undelivered change events, the oldest one's age): informational, they fail nothing.
"""

import threading
import time

import redis
from django.conf import settings
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

OK, NOT_CONFIGURED = "ok", "not configured"
# Seconds one check may take; all run at once, so /readyz answers within about this long.
CHECK_TIMEOUT = 2.5
REDIS_TIMEOUT = 1.0
# kombu's Redis transport keeps a queue's prioritised messages in extra lists named
# QUEUE + PRIORITY_SEP + step (priority 0 uses the plain list).
PRIORITY_SEP, PRIORITY_STEPS = "\x06\x16", (3, 6, 9)


def _redis_urls():
    """The Redis servers this process depends on: the cache's and the Celery broker's."""
    urls = [getattr(settings, "REDIS_URL", ""), getattr(settings, "CELERY_BROKER_URL", "")]
    return list(dict.fromkeys(u for u in urls if u.startswith(("redis://", "rediss://"))))


def _redis(url):
    return redis.Redis.from_url(
        url, socket_connect_timeout=REDIS_TIMEOUT, socket_timeout=REDIS_TIMEOUT
    )


def database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": OK}


def migrations():
    executor = MigrationExecutor(connections["default"])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return {"status": "unapplied", "unapplied": len(plan)}
    return {"status": OK}


def redis_ping():
    urls = _redis_urls()
    if not urls:
        return {"status": NOT_CONFIGURED}
    for url in urls:
        client = _redis(url)
        try:
            client.ping()
        finally:
            client.close()
    return {"status": OK}


CHECKS = {
    "database": database,
    "migrations": migrations,
    "redis": redis_ping,
}


def register(name, check):
    """Add a readiness check (the search app adds its engine's)."""
    CHECKS[name] = check


# Settings naming the Celery queues the platform's tasks go to (unset or empty: the default).
QUEUE_SETTINGS = ("CELERY_TASK_DEFAULT_QUEUE", "SEARCH_TASK_QUEUE", "OUTBOX_TASK_QUEUE")


def queue_names():
    names = [getattr(settings, name, None) for name in QUEUE_SETTINGS]
    return list(dict.fromkeys(name for name in names if name))


def queue_depths():
    """{queue: messages waiting} on a Redis broker; None per queue when it cannot be read."""
    names = queue_names()
    broker = getattr(settings, "CELERY_BROKER_URL", "")
    if not broker.startswith(("redis://", "rediss://")):
        return dict.fromkeys(names)
    client = _redis(broker)
    try:
        pipe = client.pipeline(transaction=False)
        for name in names:
            pipe.llen(name)
            for step in PRIORITY_STEPS:
                pipe.llen(f"{name}{PRIORITY_SEP}{step}")
        lengths = pipe.execute()
    except redis.RedisError:
        return dict.fromkeys(names)
    finally:
        client.close()
    per_queue = 1 + len(PRIORITY_STEPS)
    return {name: sum(lengths[i * per_queue : (i + 1) * per_queue]) for i, name in enumerate(names)}


def outbox_backlog():
    """Change events not yet delivered, and the oldest one's age (informational)."""
    from cms.core import outbox

    try:
        return outbox.backlog()
    except Exception:
        return None
    finally:
        connections.close_all()


def _run(check):
    """The check's answer; failures are reported by exception class, never by message."""
    started = time.monotonic()
    try:
        answer = dict(check())
    except Exception as exc:  # any failure of a part is a failing check, not a 500
        answer = {"status": "error", "error": exc.__class__.__name__}
    finally:
        connections.close_all()  # this thread's own connections
    answer["ms"] = round((time.monotonic() - started) * 1000)
    return answer


def _in_threads(jobs, timeout):
    """Run {name: callable} at once; {name: result}, a missing key for each one still running."""
    results = {}

    def work(name, job):
        results[name] = job()

    threads = [
        threading.Thread(target=work, args=(name, job), daemon=True, name=f"readyz-{name}")
        for name, job in jobs.items()
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    return dict(results)


def readiness(checks=None):
    """(ready, body) for the checks (default CHECKS)."""
    checks = CHECKS if checks is None else checks
    jobs = {name: (lambda c=check: _run(c)) for name, check in checks.items()}
    jobs["queues"] = queue_depths
    jobs["outbox"] = outbox_backlog
    results = _in_threads(jobs, CHECK_TIMEOUT)
    body = {"checks": {}}
    for name in checks:
        body["checks"][name] = results.get(name) or {"status": "timeout"}
    failing = [
        name
        for name, answer in body["checks"].items()
        if answer["status"] not in (OK, NOT_CONFIGURED)
    ]
    ready = not failing
    body = {"status": "ready" if ready else "not ready", **body}
    if failing:
        body["failing"] = failing
    body["queues"] = results.get("queues", dict.fromkeys(queue_names()))
    body["outbox"] = results.get("outbox")
    return ready, body


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    ready, body = readiness()
    return JsonResponse(body, status=200 if ready else 503)
