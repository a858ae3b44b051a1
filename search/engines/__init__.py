"""Search engines behind one interface (search.engines.base.Engine).

`primary()` is the engine searches go to: OpenSearch or Elasticsearch when a URL is configured,
the database engine otherwise. `database()` is always kept current, so that it can answer when
the primary engine is down.
"""

from search import conf
from search.engines.base import Engine, EngineError, EngineUnavailable
from search.engines.database import DatabaseEngine

__all__ = ["Engine", "EngineError", "EngineUnavailable", "database", "external", "primary"]


def database():
    return DatabaseEngine()


def external():
    """The configured OpenSearch/Elasticsearch engine, or None."""
    from search.engines.dsl import DslEngine
    from search.engines.transports import ElasticsearchTransport, OpenSearchTransport

    if conf.opensearch_url():
        return DslEngine(OpenSearchTransport(conf.opensearch_url()), prefix=conf.index_prefix())
    if conf.elasticsearch_url():
        return DslEngine(
            ElasticsearchTransport(conf.elasticsearch_url()), prefix=conf.index_prefix()
        )
    return None


def primary():
    return external() or database()
