"""Search settings, read from Django settings (see cms/settings/base.py, "Search")."""

from django.conf import settings


def opensearch_url():
    return getattr(settings, "SEARCH_OPENSEARCH_URL", "")


def elasticsearch_url():
    return getattr(settings, "SEARCH_ELASTICSEARCH_URL", "")


def index_prefix():
    return getattr(settings, "SEARCH_INDEX_PREFIX", "conference_")


def timeout():
    return float(getattr(settings, "SEARCH_TIMEOUT", 5.0))


def refresh_on_write():
    """Make writes visible to searches at once (tests); otherwise within the refresh interval."""
    return bool(getattr(settings, "SEARCH_REFRESH_ON_WRITE", False))


def task_queue():
    """Queue for indexing tasks; None means Celery's default queue."""
    return getattr(settings, "SEARCH_TASK_QUEUE", None) or None


def enabled():
    """Signals enqueue index updates unless this is False (bulk loads that reindex after)."""
    return bool(getattr(settings, "SEARCH_AUTO_UPDATE", True))
