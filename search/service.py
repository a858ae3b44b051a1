"""The search service: what the API calls.

Searches go to the primary engine; when it cannot answer, the database engine answers and the
result says `degraded`. Hits are joined back to published content (a document whose page or
profile was unpublished a moment ago is dropped), highlighted, and facet values get labels in the
requested language.
"""

import logging

from django.core.cache import cache
from django.utils import translation

from search import conf, engines, highlight, labels
from search.engines import EngineError
from search.models import PendingUpdate
from search.query import InvalidQuery, Query, Result, parse

log = logging.getLogger(__name__)
SUGGEST_LIMIT = 8

__all__ = ["InvalidQuery", "Query", "search", "suggest"]


def _still_public(hits):
    from search import sources

    pages = [h.doc["object_id"] for h in hits if h.doc["kind"] not in ("person", "organisation")]
    people = [h.doc["object_id"] for h in hits if h.doc["kind"] == "person"]
    orgs = [h.doc["object_id"] for h in hits if h.doc["kind"] == "organisation"]
    live = sources.live_ids(pages=pages, people=people, organisations=orgs)
    return [h for h in hits if (h.doc["kind"], h.doc["object_id"]) in live]


def _run(method, *args, **kwargs):
    """(answer, engine name, degraded) from the primary engine, else from the database."""
    primary = engines.primary()
    try:
        answer = getattr(primary, method)(*args, **kwargs)
    except EngineError as exc:
        log.warning("search falls back to the database engine: %s", exc)
    else:
        if primary.name != "database":
            _replay_if_pending(primary.name)
        return answer, primary.name, False
    database = engines.database()
    return getattr(database, method)(*args, **kwargs), database.name, True


def _replay_if_pending(engine_name):
    """The engine answers again: queue the updates it missed (checked every 30 s at most)."""
    if not cache.add("search:replay-check", 1, timeout=30):
        return
    if PendingUpdate.objects.filter(engine=engine_name).exists():
        from search import tasks

        try:
            tasks.replay_pending.apply_async(queue=conf.task_queue())
        except Exception:
            log.exception("could not queue the replay of kept index updates")


def search(query):
    """search.query.Result for a Query (raises InvalidQuery)."""
    query.validate()
    parsed = parse(query.text)
    if parsed.empty and query.text.strip() and not any(query.filters.values()):
        return Result(total=0, hits=[], facets={}, engine=engines.primary().name)
    result, engine_name, degraded = _run("search", query, parsed)
    result.engine, result.degraded = engine_name, degraded
    before = len(result.hits)
    result.hits = _still_public(result.hits)
    result.total -= before - len(result.hits)
    for hit in result.hits:
        hit.highlights = highlight.highlight(hit.doc, parsed)
    language = query.locale or translation.get_language() or "bg"
    result.facets = labels.label_facets(result.facets, language)
    return result


def suggest(text, *, locale=None, limit=SUGGEST_LIMIT):
    """(suggestions, degraded): titles of documents that start with the words typed so far."""
    if len(text) > 100:
        raise InvalidQuery("The query is longer than 100 characters.")
    parsed = parse(text)
    if not parsed.words:
        return [], False
    docs, _, degraded = _run("suggest", parsed, locale=locale, limit=limit * 2)
    seen, out = set(), []
    for doc in docs:
        key = (doc["title"], doc["locale"])
        if key in seen:
            continue
        seen.add(key)
        out.append(doc)
        if len(out) == limit:
            break
    return out, degraded
