"""Production: everything from the environment; refuse to start without a secret key, a database
or Redis. The default settings module of manage.py, cms.wsgi and cms.celery."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import MIDDLEWARE, STORAGES, env_bool, env_list

DEBUG = False

# Redis is required: API throttle counters must be shared by every worker (a per-process cache
# would multiply the limit by the number of workers) and Celery needs a broker.
_REQUIRED = {
    "DJANGO_SECRET_KEY": "a long random secret key",
    "DATABASE_URL": "the PostgreSQL database, e.g. postgres://user:password@host:5432/name",
    "REDIS_URL": "the Redis server for cache, throttling and Celery, e.g. redis://host:6379/0",
}
_missing = [name for name in _REQUIRED if not os.environ.get(name)]
if _missing:
    raise ImproperlyConfigured(
        "cms.settings.production needs "
        + "; ".join(f"{name} ({_REQUIRED[name]})" for name in _missing)
        + ". For local development set DJANGO_SETTINGS_MODULE=cms.settings.dev."
    )
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

# HTTPS: behind a TLS-terminating proxy that sets X-Forwarded-Proto (empty header name: none).
_proxy_ssl_header = os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO")
SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header, "https") if _proxy_ssl_header else None
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Probes of the load balancer or orchestrator speak plain HTTP to the node.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Preload is a deliberate opt-in (leaving the browsers' preload list takes months), so its
# deploy-check reminder is silenced while it is off.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Static files: WhiteNoise serves the collected, hashed and compressed files from STATIC_ROOT.
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Webhooks: partner endpoints over https on public addresses only.
WEBHOOKS_REQUIRE_HTTPS = env_bool("WEBHOOKS_REQUIRE_HTTPS", True)
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", False)
# End of webhooks.
