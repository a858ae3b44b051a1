"""The search service: what the API calls.

Searches go to the primary engine; when it cannot answer, the database engine answers and the
result says `degraded`. Hits are joined back to published content (a document whose page or
profile was unpublished a moment ago is dropped), highlighted, and facet values get labels in the
requested language.
"""

import dataclasses
import functools
import logging

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils import translation

from search import conf, engines, highlight, indexing, labels, spelling
from search.engines import EngineError, EngineUnavailable
from search.query import InvalidQuery, Query, Result, parse

log = logging.getLogger(__name__)
SUGGEST_LIMIT = 8

__all__ = ["InvalidQuery", "Query", "search", "suggest"]


MAX_STALE_ROUNDS = 3


def _public_docs(docs):
    """(public docs, doc ids of the others): every document is checked against the selectors,
    so nothing the index still holds from before a change reaches the public."""
    from cms.conference import index_selectors as sources

    pages = [d["object_id"] for d in docs if d["kind"] not in ("person", "organisation")]
    people = [d["object_id"] for d in docs if d["kind"] == "person"]
    orgs = [d["object_id"] for d in docs if d["kind"] == "organisation"]
    live = sources.live_ids(pages=pages, people=people, organisations=orgs)
    public = [d for d in docs if (d["kind"], d["object_id"]) in live]
    stale = sorted({d["doc_id"] for d in docs if (d["kind"], d["object_id"]) not in live})
    if stale:
        _repair(stale)
    return public, stale


def _repair(doc_ids):
    """The index holds documents that are no longer public: bring them up to date."""
    from search import signals
    from search.documents import Ref

    refs = [Ref.parse(doc_id) for doc_id in doc_ids]
    try:
        transaction.on_commit(functools.partial(signals.send, refs), robust=True)
    except Exception:  # repairing is best effort; the answer already leaves them out
        log.exception("could not queue the repair of %d stale documents", len(doc_ids))


def _ask(engine, method, *args, **kwargs):
    """One engine's answer, leaving out the documents it may hold in a stale state (changes
    committed but not yet applied to it); any failure (a broken table too) is an EngineError."""
    try:
        # Database work in a savepoint: a failed statement must not break the request's
        # transaction. An external engine's HTTP call stays outside it.
        with transaction.atomic():
            suspects = indexing.suspects(engine.name)
            if method == "search":
                query = dataclasses.replace(
                    args[0], exclude=sorted(set(args[0].exclude) | suspects)
                )
                args = (query, *args[1:])
            elif method == "vocabulary":
                kwargs = {**kwargs, "exclude": sorted(set(kwargs.get("exclude", ())) | suspects)}
            if engine.name == "database":
                answer = getattr(engine, method)(*args, **kwargs)
        if engine.name != "database":
            answer = getattr(engine, method)(*args, **kwargs)
    except DatabaseError as exc:
        raise EngineUnavailable(f"{engine.name}: {exc.__class__.__name__}") from exc
    if method == "suggest":
        answer = [doc for doc in answer if doc["doc_id"] not in suspects]
    return answer


def _run(method, *args, empty, **kwargs):
    """(answer, engine name, degraded) from the primary engine, else from the database, else
    `empty`: a search never fails because an engine does."""
    primary = engines.primary()
    try:
        answer = _ask(primary, method, *args, **kwargs)
    except EngineError as exc:
        log.warning("search falls back to the database engine: %s", exc)
    else:
        if primary.name != "database":
            _replay_if_pending(primary.name)
        return answer, primary.name, False
    database = engines.database()
    if primary.name != "database":
        try:
            return _ask(database, method, *args, **kwargs), database.name, True
        except EngineError as exc:
            log.error("no search engine can answer: %s", exc)
    return empty(), database.name, True


def _replay_if_pending(engine_name):
    """The engine answers again: queue the updates it missed (checked every 30 s at most)."""
    try:
        if not cache.add("search:replay-check", 1, timeout=30):
            return
    except Exception:  # the cache is down: check anyway, the query is cheap
        log.warning("cache unavailable for the replay check")
    if indexing.pending_count():
        from search import tasks

        try:
            tasks.replay_pending.apply_async(queue=conf.task_queue())
        except Exception:
            log.exception("could not queue the replay of kept index updates")


def _corrections(query, parsed):
    """{index of a query word: [spelling.Entry]} for the words the index does not know."""
    lookups = spelling.lookups(parsed.words)
    if not lookups:
        return {}
    entries, _engine, _degraded = _run(
        "vocabulary", lookups, locale=query.locale, exclude=list(query.exclude), empty=list
    )
    return spelling.corrections(parsed.words, entries)


def _one_per_item(result, locale):
    """With a language asked for, each item once: its version in that language, else its
    fallback (documents say which languages they serve; this only guards against an item whose
    versions were indexed at different moments)."""
    if not locale:
        return
    kept, seen = [], {}
    for hit in result.hits:
        key = (hit.doc["doc_id"].partition(":")[0], hit.doc.get("translation_key"))
        if key[1] and key in seen:
            other = seen[key]
            if other.doc["locale"] != locale and hit.doc["locale"] == locale:
                kept[kept.index(other)] = hit
                seen[key] = hit
            continue
        seen[key] = hit
        kept.append(hit)
    result.total -= len(result.hits) - len(kept)
    result.hits = kept
    for hit in result.hits:
        hit.fallback = hit.doc["locale"] != locale


def search(query):
    """search.query.Result for a Query (raises InvalidQuery).

    With `query.locale`, each item comes once: in that language, or in the other when it has no
    version in it (`Hit.fallback`); facets count items. Words the index does not know are also
    searched as their spelling corrections, and `Result.did_you_mean` is the corrected query
    when that finds something."""
    query.validate()
    parsed = parse(query.text)
    if parsed.empty and query.text.strip() and not any(query.filters.values()):
        return Result(total=0, hits=[], facets={}, engine=engines.primary().name)
    found = _corrections(query, parsed)
    parsed = spelling.apply(parsed, found)
    for _round in range(MAX_STALE_ROUNDS):
        result, engine_name, degraded = _run(
            "search", query, parsed, empty=lambda: Result(total=0, hits=[], facets={})
        )
        hits, stale = _public_docs([h.doc for h in result.hits])
        if not stale:
            break
        # Hits that stopped being public: ask again without them, so that the total and the
        # facet counts leave them out too, not only the page of hits.
        query.exclude = sorted(set(query.exclude) | set(stale))
    else:
        public = {d["doc_id"] for d in hits}
        before = len(result.hits)
        result.hits = [h for h in result.hits if h.doc["doc_id"] in public]
        result.total -= before - len(result.hits)
    result.engine, result.degraded = engine_name, degraded
    _one_per_item(result, query.locale)
    language = query.locale or translation.get_language() or "bg"
    for hit in result.hits:
        hit.highlights = highlight.highlight(hit.doc, parsed)
        hit.labels = labels.hit_labels(hit.doc, language)
    result.facets = labels.label_facets(result.facets, language)
    if result.total:
        result.did_you_mean = spelling.suggestion(query.text, parsed.words, found)
    return result


def suggest(text, *, locale=None, limit=SUGGEST_LIMIT):
    """(suggestions, degraded): titles of documents that start with the words typed so far."""
    if len(text) > 100:
        raise InvalidQuery("The query is longer than 100 characters.")
    parsed = parse(text)
    if not parsed.words:
        return [], False
    docs, _, degraded = _run("suggest", parsed, locale=locale, limit=limit * 2, empty=list)
    docs, _stale = _public_docs(docs)
    seen, out = set(), []
    for doc in docs:
        keys = {(doc["title"], doc["locale"])}
        if locale and doc.get("translation_key"):  # one version of each item, as in results
            keys.add((doc["doc_id"].partition(":")[0], doc["translation_key"]))
        if keys & seen:
            continue
        seen |= keys
        out.append(doc)
        if len(out) == limit:
            break
    return out, degraded
