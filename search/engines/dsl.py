"""Elasticsearch / OpenSearch engine: queries and index lifecycle built with elasticsearch-dsl.

Searches and writes go through the alias `<prefix>documents`. A rebuild creates a new physical
index, points `<prefix>documents-next` at it so that live updates reach both indices while it
fills, then moves the alias in one atomic `_aliases` call and drops the old index. Documents carry
an external version (the time they were built), so a rebuild never overwrites a newer live
update with an older copy.
"""

import logging
import time

from elasticsearch_dsl import Q, Search

from search import conf, spelling
from search.engines.base import Engine, EngineError, EngineUnavailable, IndexMissing
from search.mapping import index_body
from search.query import FACETS, Hit, Result

log = logging.getLogger(__name__)

TEXT_FIELDS = ["title_terms^6", "people_terms^3", "body_terms"]
NATIVE_FIELDS = ["title.bg^4", "title.en^4", "body.bg", "body.en"]
SOURCE_EXCLUDES = [
    "title_terms",
    "people_terms",
    "body_terms",
    "suggest_terms",
    "all_terms",
    "body",
    "vocabulary",
]
FACET_SIZE = 100
_ensured = set()  # (url, alias) known to exist in this process


def _word_query(word):
    """A word matches in its stemmed or exact form, with typo tolerance, or as one of its
    spelling corrections (indexed terms: matched as they are)."""
    own = sorted({word.stem, word.exact})
    corrections = sorted({t for pair in word.corrections for t in pair} - set(own))
    return Q(
        "bool",
        should=[
            Q("match", all_terms={"query": v, "fuzziness": "AUTO", "prefix_length": 1}) for v in own
        ]
        + [Q("match", all_terms=v) for v in corrections],
        minimum_should_match=1,
    )


def search_body(query, parsed):
    """The request body of a search, as the engine receives it."""
    must = [_word_query(w) for w in parsed.words]
    must += [Q("match_phrase", all_terms=" ".join(p)) for p in parsed.phrases]
    should = []
    if parsed.words:
        analysed = " ".join(v for w in parsed.words for v in w.variants)
        should.append(
            Q(
                "multi_match",
                query=analysed,
                fields=TEXT_FIELDS,
                fuzziness="AUTO",
                prefix_length=1,
            )
        )
        should.append(
            Q("match_phrase", title_terms={"query": " ".join(w.exact for w in parsed.words)})
        )
    if parsed.raw:
        should.append(Q("multi_match", query=parsed.raw, fields=NATIVE_FIELDS))
    filters = [serves_filter(query.locale)] if query.locale else []
    for name, values in query.filters.items():
        values = [v for v in values if str(v)]
        if values:
            field = FACETS[name]
            if field == "years":
                values = [int(v) for v in values]
            filters.append(Q("terms", **{field: values}))
    must_not = [Q("ids", values=list(query.exclude))] if query.exclude else []
    search = Search().query(
        Q("bool", must=must or [Q("match_all")], should=should, filter=filters, must_not=must_not)
    )
    for name, field in FACETS.items():
        search.aggs.bucket(name, "terms", field=field, size=FACET_SIZE)
    by_date = {"date": {"order": "desc", "missing": "_last"}}
    if query.sort == "date":
        search = search.sort({"date": {"order": "asc", "missing": "_last"}}, "_score")
    elif query.sort == "-date" or parsed.empty:
        search = search.sort(by_date, "_score")
    else:
        search = search.sort("_score", by_date)
    search = search.source(excludes=SOURCE_EXCLUDES)
    search = search.extra(track_total_hits=True)
    return search[query.offset : query.offset + query.page_size].to_dict()


def serves_filter(locale):
    """The documents a visitor of `locale` gets: those that serve it (documents indexed before
    `serves` existed serve their own locale)."""
    older = Q("bool", must=[Q("term", locale=locale)], must_not=[Q("exists", field="serves")])
    return Q("bool", should=[Q("term", serves=locale), older], minimum_should_match=1)


def _regex_range(low, high):
    return f"{{{max(0, low - 1)},{max(0, high - 1)}}}"


def vocabulary_body(lookups, *, locale, exclude, limit):
    """A request counting the vocabulary entries whose term starts with one of the letters and
    has a length in the range of `lookups`, over the public documents a visitor of `locale`
    gets (all when None), leaving out `exclude`."""
    pattern = "|".join(
        f"({letter}[a-z0-9]{_regex_range(low, high)})" for letter, low, high in lookups
    )
    filters = [serves_filter(locale)] if locale else []
    must_not = [Q("ids", values=list(exclude))] if exclude else []
    search = Search().query(Q("bool", filter=filters, must_not=must_not))
    search.aggs.bucket(
        "words",
        "terms",
        field="vocabulary",
        include=f"({pattern})\\|.*",
        size=limit,
    )
    search = search.extra(track_total_hits=False)
    return search[:0].to_dict()


def suggest_body(parsed_prefix, *, locale, limit):
    words = [w.exact for w in parsed_prefix.words]
    must = [Q("match", suggest_terms=w) for w in words[:-1]]
    must.append(Q("match", suggest_terms=words[-1]))
    filters = [serves_filter(locale)] if locale else []
    search = Search().query(Q("bool", must=must, filter=filters))
    search = search.source(excludes=SOURCE_EXCLUDES + ["body"])
    return search[:limit].to_dict()


class DslEngine(Engine):
    def __init__(self, transport, *, prefix):
        self.transport = transport
        self.name = transport.name
        self.alias = f"{prefix}documents"
        self.next_alias = f"{self.alias}-next"

    def ping(self):
        return self.transport.ping()

    # Index lifecycle

    def _new_index(self):
        name = f"{self.alias}-{time.time_ns() // 1000}"
        self.transport.create_index(name, index_body())
        return name

    def ensure(self, *, check=False):
        """Create the index behind the alias if there is none yet (checked once per process)."""
        key = (self.transport.url, self.alias)
        if key in _ensured and not check:
            return
        if not self.transport.aliases(self.alias):
            name = self._new_index()
            self.transport.update_aliases([{"add": {"index": name, "alias": self.alias}}])
        else:
            self._add_new_fields()
        _ensured.add(key)

    def _add_new_fields(self):
        """Give an index made by an older release the fields added since (a mapping only ever
        gains fields), so that new documents can be written to it before the next rebuild."""
        try:
            self.transport.put_mapping(self.alias, index_body()["mappings"])
        except EngineUnavailable:
            raise
        except EngineError as exc:  # a changed field: only a rebuild (search_reindex) helps
            log.warning("%s: the index mapping could not be updated: %s", self.name, exc)

    def _read(self, body):
        self.ensure()
        try:
            return self.transport.search(self.alias, body)
        except IndexMissing:  # the index went away: create it again, once
            self.ensure(check=True)
            return self.transport.search(self.alias, body)

    def _targets(self):
        self.ensure()  # once per process: an index of an older release gains the new fields
        targets = set(self.transport.aliases(self.alias)) | set(
            self.transport.aliases(self.next_alias)
        )
        if not targets:
            self.ensure(check=True)
            targets = set(self.transport.aliases(self.alias))
        return sorted(targets)

    def _bulk(self, lines):
        if not lines:
            return
        response = self.transport.bulk(lines, refresh=conf.refresh_on_write())
        if response.get("errors"):
            for item in response["items"]:
                result = next(iter(item.values()))
                status = result.get("status", 200)
                if status >= 300 and status not in (404, 409):
                    raise EngineError(f"{self.name} refused a write: {result.get('error')}")

    def _index_lines(self, docs, targets):
        lines = []
        for doc in docs:
            version = doc.get("_version") or time.time_ns() // 1000
            source = {k: v for k, v in doc.items() if not k.startswith("_") and v not in ("", None)}
            for index in targets:
                lines.append(
                    {
                        "index": {
                            "_index": index,
                            "_id": doc["doc_id"],
                            "version": version,
                            "version_type": "external_gte",
                        }
                    }
                )
                lines.append(source)
        return lines

    def upsert(self, docs):
        self._bulk(self._index_lines(list(docs), self._targets()))

    def delete(self, doc_ids):
        version = time.time_ns() // 1000
        lines = [
            {
                "delete": {
                    "_index": index,
                    "_id": doc_id,
                    "version": version,
                    "version_type": "external_gte",
                }
            }
            for doc_id in doc_ids
            for index in self._targets()
        ]
        self._bulk(lines)

    def rebuild(self, batches, *, progress=None):
        old = sorted(self.transport.aliases(self.alias))
        for stale in self.transport.aliases(self.next_alias):
            self.transport.delete_index(stale)  # an interrupted rebuild
        new = self._new_index()
        self.transport.update_aliases([{"add": {"index": new, "alias": self.next_alias}}])
        done = 0
        try:
            for batch in batches:
                self._bulk(self._index_lines(batch, [new]))
                done += len(batch)
                if progress:
                    progress(done)
            self.transport.refresh(new)
        except Exception:
            self.transport.delete_index(new)
            raise
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions += [
            {"add": {"index": new, "alias": self.alias}},
            {"remove": {"index": new, "alias": self.next_alias}},
        ]
        self.transport.update_aliases(actions)
        _ensured.add((self.transport.url, self.alias))
        for index in old:
            self.transport.delete_index(index)
        return done

    def drop(self):
        _ensured.discard((self.transport.url, self.alias))
        for index in self.transport.indices(f"{self.alias}-*"):
            self.transport.delete_index(index)

    def count(self):
        return self.transport.count(self.alias)

    def refresh(self):
        self.transport.refresh(self.alias)

    # Reading

    def get(self, doc_id):
        body = Search().filter("term", doc_id=doc_id).source(excludes=SOURCE_EXCLUDES)[:1]
        hits = self._read(body.to_dict())["hits"]["hits"]
        return hits[0]["_source"] if hits else None

    def get_many(self, doc_ids):
        doc_ids = list(doc_ids)
        if not doc_ids:
            return {}
        body = Search().filter("terms", doc_id=doc_ids).source(excludes=SOURCE_EXCLUDES)
        hits = self._read(body[: len(doc_ids)].to_dict())["hits"]["hits"]
        return {hit["_source"]["doc_id"]: hit["_source"] for hit in hits}

    def doc_ids(self, page_size=1000):
        ids, after = set(), None
        while True:
            body = {"size": page_size, "_source": ["doc_id"], "sort": [{"doc_id": "asc"}]}
            if after is not None:
                body["search_after"] = [after]
            page = [hit["_source"]["doc_id"] for hit in self._read(body)["hits"]["hits"]]
            ids.update(page)
            if len(page) < page_size:
                return ids
            after = page[-1]

    def search(self, query, parsed):
        response = self._read(search_body(query, parsed))
        hits = [
            Hit(doc=h["_source"], score=float(h.get("_score") or 0.0))
            for h in response["hits"]["hits"]
        ]
        facets = {
            name: {str(b["key"]): b["doc_count"] for b in agg["buckets"]}
            for name, agg in response.get("aggregations", {}).items()
        }
        total = response["hits"]["total"]
        total = total["value"] if isinstance(total, dict) else total
        return Result(total=total, hits=hits, facets=facets, engine=self.name)

    def suggest(self, parsed_prefix, *, locale=None, limit=8):
        if not parsed_prefix.words:
            return []
        response = self._read(suggest_body(parsed_prefix, locale=locale, limit=limit))
        return [h["_source"] for h in response["hits"]["hits"]]

    def vocabulary(self, lookups, *, locale=None, exclude=(), limit=spelling.LOOKUP_LIMIT):
        """[spelling.Entry] counted over the documents that are searched (see vocabulary_body),
        the most frequent first."""
        if not lookups:
            return []
        body = vocabulary_body(lookups, locale=locale, exclude=exclude, limit=limit)
        buckets = self._read(body).get("aggregations", {}).get("words", {}).get("buckets", [])
        entries = (spelling.Entry.parse(b["key"], b["doc_count"]) for b in buckets)
        return [entry for entry in entries if entry is not None]
