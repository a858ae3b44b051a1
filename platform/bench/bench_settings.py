"""Settings of `make bench`: cms.settings.production (DEBUG off, Redis cache, PostgreSQL) with
the values a local in-process run needs, the bench-only routes and Wagtail's API v2 limits.

The benchmark sets DATABASE_URL, REDIS_URL, OPENSEARCH_URL and CACHE_KEY_PREFIX before Django
starts; the rest has bench defaults here (the same ones platform/scripts/stack.sh gives the stack).
"""

import os
import secrets

os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(48))
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
os.environ.setdefault("DJANGO_SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")
# Throttled like production (one cache round trip per request), at a rate the bench never reaches.
os.environ.setdefault("API_ANON_THROTTLE_RATE", "1000000/min")

from cms.settings.production import *  # noqa: E402,F401,F403

ROOT_URLCONF = "bench_urls"
# Wagtail's API v2 (baseline 1): a whole edition's sessions in one listing.
WAGTAILAPI_LIMIT_MAX = 5000
WAGTAILAPI_BASE_URL = "http://testserver"
