"""Tests: fast hasher, locmem cache; PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set."""

import os

from .base import *  # noqa: F401,F403
from .base import VAR_DIR, redis_cache

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests that run a worker in another process share its cache (content versions, answers) as
# production does: TEST_CACHE_URL names the Redis both use.
if os.environ.get("TEST_CACHE_URL"):
    CACHES = {"default": redis_cache(os.environ["TEST_CACHE_URL"], "test")}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_TASK_ALWAYS_EAGER", "1") == "1"
MEDIA_ROOT = VAR_DIR / "test-media"
VAR_DIR.mkdir(parents=True, exist_ok=True)
# Search: indices of each test process apart (xdist workers, and concurrent runs told apart by
# TEST_RUN_ID, share one node), writes visible at once.
SEARCH_INDEX_PREFIX = (
    f"test_{os.environ.get('TEST_RUN_ID', '')}{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_"
)
SEARCH_REFRESH_ON_WRITE = True
# Generous: on a busy machine a slow answer is not an outage (refused connections fail at once).
SEARCH_TIMEOUT = 30.0
# Wagtail's own background work (reference index, admin search index) is not under test; the
# dummy backend records it without running it, which keeps content-heavy fixtures fast.
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

# Webhooks: receivers on 127.0.0.1 over http; short timeouts; the retry schedule from the
# environment (worker tests set tiny values), else short enough for tests.
WEBHOOKS_REQUIRE_HTTPS = False
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True
WEBHOOKS_TIMEOUT = float(os.environ.get("WEBHOOKS_TIMEOUT", "5"))
WEBHOOKS_RETRY_BACKOFF = [
    float(s) for s in os.environ.get("WEBHOOKS_RETRY_BACKOFF", "0.5,1,2").split(",") if s
]
WEBHOOKS_DISABLE_AFTER_SECONDS = float(os.environ.get("WEBHOOKS_DISABLE_AFTER_SECONDS", "0"))
# End of webhooks.
