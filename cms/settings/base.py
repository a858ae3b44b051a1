"""Settings shared by every environment. Secrets and service URLs come only from the environment."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _
from django_guid.integrations import CeleryIntegration

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("CONFERENCE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "cms.core",
    "cms.people",
    "cms.conference",
    "cms.webhooks",
    "search",
    "api",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail_headless_preview",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "graphene_django",
    "corsheaders",
    "axes",
    "django_guid",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # A request id (X-Request-ID, or a new one) on every log line, carried into Celery tasks.
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.core.security.ContentSecurityPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: answers locked-out logins with 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Proxies in front of the app that append to X-Forwarded-For (nginx, a load balancer): 0 trusts
# none and uses the connection's address. Used by API throttling and admin login limits.
TRUSTED_PROXY_COUNT = int(os.environ.get("API_TRUSTED_PROXIES", "0"))

# Admin login limits (django-axes): after AXES_FAILURE_LIMIT failed logins from one address, or
# for one account from any address, further attempts are refused for the cool-off period.
# Attempts are stored in the database, so every worker sees them, with or without Redis.
AUTHENTICATION_BACKENDS = [
    "cms.core.security.LoginAttemptBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("ADMIN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ADMIN_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "cms.core.security.client_ip"
AXES_SENSITIVE_PARAMETERS = ["password"]
WAGTAILADMIN_USER_LOGIN_FORM = "cms.core.forms.AdminLoginForm"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Bulgarian is the default language, English the second one.
LANGUAGE_CODE = "bg"
TIME_ZONE = "Europe/Sofia"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("bg", _("Bulgarian")), ("en", _("English"))]
# Our strings (cms, api, search: `makemessages` writes to the first entry), then Bulgarian for
# the admin strings of Wagtail, wagtail-localize, Django and taggit that their own catalogues
# lack. Both come before the apps' catalogues.
LOCALE_PATHS = [BASE_DIR / "cms" / "locale", BASE_DIR / "cms" / "locale_upstream"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Without DEBUG, uploaded images are served from MEDIA_ROOT by cms.core.security.serve_media
# unless MEDIA_SERVE is off (a CDN or web server serves /media/ instead).
MEDIA_SERVE = env_bool("MEDIA_SERVE", True)
MEDIA_CACHE_MAX_AGE = int(os.environ.get("MEDIA_CACHE_MAX_AGE", "86400"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail
# Shown in the admin (dashboard, page titles, e-mails) in the editor's language.
WAGTAIL_SITE_NAME = _("National Cluster Conference")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ALLOW_UNICODE_SLUGS = False
FRONTEND_URL = os.environ.get("FRONTEND_URL", "http://127.0.0.1:3000")
# Shared with the frontend's /api/revalidate route; publishing revalidates nothing without it.
FRONTEND_REVALIDATE_SECRET = os.environ.get("FRONTEND_REVALIDATE_SECRET", "")
# Where the workers reach the site's /api/revalidate (default: FRONTEND_URL); several site nodes,
# each with its own data cache: their URLs, comma-separated.
FRONTEND_REVALIDATE_URL = os.environ.get("FRONTEND_REVALIDATE_URL", "") or FRONTEND_URL
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": f"{FRONTEND_URL}/api/preview"},
    "SERVE_BASE_URL": None,
    "REDIRECT_ON_PREVIEW": False,
    "ENFORCE_TRAILING_SLASH": False,
}


def redis_cache(url, key_prefix="conference"):
    """django-redis on `url`; an unreachable Redis is a cache miss (logged), never an error."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "1")),
            "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "1")),
        },
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# Cache and Celery: Redis when REDIS_URL is set, in-process otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL, os.environ.get("CACHE_KEY_PREFIX", "conference"))}
    CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
    CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_DEFAULT_QUEUE = "conference"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that is down fails a publish's queueing within about a second (the outbox keeps the
# event and its sweep queues it again), never the editor's request.
CELERY_BROKER_CONNECTION_TIMEOUT = float(os.environ.get("CELERY_BROKER_CONNECTION_TIMEOUT", "2"))
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Change events (cms.core.outbox) go to this queue (default: CELERY_TASK_DEFAULT_QUEUE).
OUTBOX_TASK_QUEUE = os.environ.get("OUTBOX_TASK_QUEUE", "")
# What `celery beat` runs.
CELERY_BEAT_SCHEDULE = {
    # Wagtail's scheduled publishing: go-live and expiry times of pages and snippets.
    "publish-scheduled": {"task": "core.publish_scheduled", "schedule": 60.0},
    # Change events the broker never took (it was down) or whose task was lost.
    "outbox-sweep": {
        "task": "core.sweep_outbox",
        "schedule": float(os.environ.get("OUTBOX_SWEEP_SECONDS", "60")),
    },
    # Index updates an engine missed while it was down.
    "search-replay-pending": {"task": "search.replay_pending", "schedule": 60.0},
    # The index against the published content; drift is repaired.
    "search-consistency-check": {
        "task": "search.check_consistency",
        "schedule": crontab(hour=3, minute=30),
    },
    # Webhook deliveries whose attempt is overdue (a lost task, a broker that was down).
    "webhooks-sweep": {
        "task": "webhooks.sweep",
        "schedule": float(os.environ.get("WEBHOOKS_SWEEP_SECONDS", "60")),
    },
    # Editions whose last day has passed become "archived" (past).
    "editions-to-past": {
        "task": "conference.archive_finished_editions",
        "schedule": crontab(hour=0, minute=20),
    },
}

# Webhooks (cms.webhooks): partner endpoints receive signed events (Standard Webhooks).
# Seconds to connect and to read an answer, per attempt.
WEBHOOKS_TIMEOUT = float(os.environ.get("WEBHOOKS_TIMEOUT", "10"))
# Seconds before each retry of a failed delivery (the specification's recommendation); a delivery
# is tried once more than there are entries, then marked failed.
WEBHOOKS_RETRY_BACKOFF = [
    float(s) for s in env_list("WEBHOOKS_RETRY_BACKOFF", "5,300,1800,7200,18000,36000,36000")
]
# An endpoint is disabled (editors told) after this many failed attempts in a row, the first of
# them at least WEBHOOKS_DISABLE_AFTER_SECONDS ago; 0 never disables.
WEBHOOKS_DISABLE_AFTER_FAILURES = int(os.environ.get("WEBHOOKS_DISABLE_AFTER_FAILURES", "15"))
WEBHOOKS_DISABLE_AFTER_SECONDS = float(os.environ.get("WEBHOOKS_DISABLE_AFTER_SECONDS", "86400"))
# An open delivery whose attempt is this overdue is queued again by the sweep.
WEBHOOKS_REQUEUE_AFTER_SECONDS = float(os.environ.get("WEBHOOKS_REQUEUE_AFTER_SECONDS", "120"))
# Endpoint URLs: https only, and no private, loopback or link-local hosts (production says so).
WEBHOOKS_REQUIRE_HTTPS = env_bool("WEBHOOKS_REQUIRE_HTTPS", False)
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", True)
# End of webhooks.

# Search: OpenSearch or Elasticsearch when its URL is set, else the database engine (see search/).
SEARCH_OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
SEARCH_ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "conference_")
SEARCH_TIMEOUT = float(os.environ.get("SEARCH_TIMEOUT", "5"))

# API
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", FRONTEND_URL)
CORS_URLS_REGEX = r"^/(api|graphql)/.*$"
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
# Anonymous requests per client address, e.g. "120/min"; empty disables throttling.
API_ANON_THROTTLE_RATE = os.environ.get("API_ANON_THROTTLE_RATE", "600/min")
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))
# Rendered public answers kept in the cache per content version (api.caching); off: every request
# renders (ETags and 304s still come from the version).
API_RESPONSE_CACHE = env_bool("API_RESPONSE_CACHE", True)
API_RESPONSE_CACHE_SECONDS = int(os.environ.get("API_RESPONSE_CACHE_SECONDS", str(60 * 60 * 24)))
API_RESPONSE_CACHE_MAX_BYTES = int(os.environ.get("API_RESPONSE_CACHE_MAX_BYTES", str(8 * 2**20)))
# Bytes of recent answers each process keeps in front of Redis.
API_RESPONSE_LOCAL_BYTES = int(os.environ.get("API_RESPONSE_LOCAL_BYTES", str(32 * 2**20)))
# How long a request waits for another one rendering the same answer, then renders it itself.
API_RESPONSE_CACHE_WAIT = float(os.environ.get("API_RESPONSE_CACHE_WAIT", "5"))
API_RESPONSE_CACHE_LOCK_SECONDS = int(os.environ.get("API_RESPONSE_CACHE_LOCK_SECONDS", "30"))
API_PREVIEW_TOKEN_MAX_AGE = int(os.environ.get("API_PREVIEW_TOKEN_MAX_AGE", "3600"))
API_GRAPHQL_MAX_DEPTH = int(os.environ.get("API_GRAPHQL_MAX_DEPTH", "8"))
API_GRAPHQL_MAX_COST = int(os.environ.get("API_GRAPHQL_MAX_COST", "40000"))
API_GRAPHQL_MAX_QUERY_BYTES = int(os.environ.get("API_GRAPHQL_MAX_QUERY_BYTES", "20000"))
API_GRAPHQL_MAX_TOKENS = int(os.environ.get("API_GRAPHQL_MAX_TOKENS", "2000"))
API_GRAPHQL_MAX_ALIASES = int(os.environ.get("API_GRAPHQL_MAX_ALIASES", "30"))
API_GRAPHQL_MAX_ROOT_FIELDS = int(os.environ.get("API_GRAPHQL_MAX_ROOT_FIELDS", "20"))
# Seconds one GraphQL request may run (resolvers and each SQL statement) before it is stopped.
API_GRAPHQL_TIME_LIMIT = float(os.environ.get("API_GRAPHQL_TIME_LIMIT", "5"))
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonRateThrottle"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Conference delivery API",
    "DESCRIPTION": "Published editions, sessions, speakers and partners in Bulgarian and English.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PREPROCESSING_HOOKS": ["api.schema_docs.only_public_api"],
}
GRAPHENE = {"SCHEMA": "api.graphql.schema.schema", "ATOMIC_MUTATIONS": False}

# Content security policy (django-csp). The API, its docs (Swagger UI from the sidecar) and
# Wagtail's page views load only our own scripts; the admin also needs inline scripts (inline
# panels), avatars and embed previews, so it gets CSP_ADMIN_DIRECTIVES instead.
_FRONTEND_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(FRONTEND_URL))
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, _FRONTEND_ORIGIN],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
CSP_ADMIN_PREFIXES = ["/admin/"]
CSP_ADMIN_DIRECTIVES = {
    "script-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", "https:"],
    "connect-src": [SELF, "https://releases.wagtail.io"],
    "frame-src": [SELF, _FRONTEND_ORIGIN, "https:"],
}

# Request ids: an incoming X-Request-ID that is a UUID is kept, anything else replaced; the id
# is returned in the response and passed to the Celery tasks the request queues.
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": True,
    "INTEGRATIONS": [CeleryIntegration(use_django_logging=True, log_parent=True)],
}
# Logs: one JSON object per line (LOG_FORMAT=text for people reading a terminal), each with the
# request id (`request_id`) of the request or task that wrote it.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "django_guid.log_filters.CorrelationId"},
        "task": {"()": "django_guid.integrations.celery.log_filters.CeleryTracing"},
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(correlation_id)s"
            " %(celery_parent_id)s %(celery_current_id)s",
            "rename_fields": {
                "asctime": "time",
                "levelname": "level",
                "name": "logger",
                "correlation_id": "request_id",
                "celery_parent_id": "parent_task",
                "celery_current_id": "task",
            },
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(correlation_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "task"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django_guid": {"level": "WARNING"},
    },
}
