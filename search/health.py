"""Readiness check of the search engine, run by /readyz (cms.core.health.CHECKS)."""

from search import engines


def engine():
    """ok when the configured OpenSearch/Elasticsearch answers; database-only search is ok."""
    external = engines.external()
    if external is None:
        return {"status": "ok", "engine": engines.database().name}
    if not external.ping():
        return {"status": "unreachable", "engine": external.name}
    return {"status": "ok", "engine": external.name}
