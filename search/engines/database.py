"""The database engine: SQLite FTS5 or PostgreSQL full-text search, no services needed.

Documents live in search_document (search.models.IndexedDocument); the match runs on our own
analysed terms (search.text), weighted title > people > body (bm25 column weights on SQLite,
tsvector weights A/B/C on PostgreSQL). Typo tolerance expands each query word to the indexed
terms within its edit distance (search_term). Paging, the total and facet counts are computed by
the database (ORDER BY/LIMIT, COUNT, GROUP BY) over the matching rows.
"""

from collections import Counter

from django.db import connection, transaction

from search import spelling, text
from search.engines.base import Engine
from search.models import IndexedDocument, IndexTerm, VocabularyWord
from search.query import FACETS, Hit, Result, facet_counts

FTS_WEIGHTS = (10.0, 4.0, 1.0, 0.0)
MAX_EXPANSIONS = 12
ROW_FIELDS = ("kind", "years", "session_type", "track", "topics", "industries", "language")
ROW_ONLY = ("vocabulary", "body")  # kept in their own column, or only for the external engines
LIST_FIELDS = ("years", "topics", "industries")  # stored as "|a|b|"
_HIT, _TOTAL = "#hit", "#total"  # row markers of the search statement (facet names otherwise)
_LAST = chr(0x10FFFF)  # above any character a date can hold
# The documents a visitor of one language gets: those that serve it (rows indexed before
# `serves` existed serve their own locale).
_SERVES = "(d.serves LIKE %s OR (d.serves = '' AND d.locale = %s))"


def _pipes(values):
    values = [str(v) for v in values or [] if v not in (None, "")]
    return "|" + "|".join(values) + "|" if values else ""


def _unpipe(value):
    return [v for v in (value or "").split("|") if v]


def _quote(term):
    return f'"{term}"'


class DatabaseEngine(Engine):
    name = "database"

    @property
    def vendor(self):
        return connection.vendor

    def ping(self):
        return True

    # Writing

    def _row(self, doc):
        data = {
            k: v
            for k, v in doc.items()
            if not k.endswith("_terms") and k[0] != "_" and k not in ROW_ONLY
        }
        return IndexedDocument(
            doc_id=doc["doc_id"],
            kind=doc["kind"],
            locale=doc["locale"],
            title=doc["title"][:300],
            sort_date=doc.get("date") or "",
            session_type=doc.get("session_type") or "",
            language=doc.get("language") or "",
            track=doc.get("track") or "",
            years=_pipes(doc.get("years")),
            topics=_pipes(doc.get("topics")),
            industries=_pipes(doc.get("industries")),
            data=data,
            title_terms=doc["title_terms"],
            people_terms=doc["people_terms"],
            body_terms=doc["body_terms"],
            suggest_terms=doc["suggest_terms"],
            serves=_pipes(doc.get("serves")),
            vocabulary="\n".join(doc.get("vocabulary") or []),
        )

    def _count_words(self, changes):
        """Add `changes` ({"term|stem|word": +/- documents}) to the vocabulary counts."""
        rows = []
        for value, change in changes.items():
            entry = spelling.Entry.parse(value, change) if change else None
            if entry is not None:
                rows.append((entry.term, entry.stem, entry.word, len(entry.term), change))
        if not rows:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_word (term, stem, word, length, doc_count) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (term, stem, word) "
                "DO UPDATE SET doc_count = search_word.doc_count + excluded.doc_count",
                rows,
            )
            if any(change < 0 for *_, change in rows):
                cursor.execute("DELETE FROM search_word WHERE doc_count <= 0")

    def _delete_rows(self, ids, changes=None):
        """Remove documents by primary key, their words from the vocabulary counts (or into
        `changes`, to be counted with the words of their replacements)."""
        if not ids:
            return
        counts = Counter() if changes is None else changes
        for vocabulary in IndexedDocument.objects.filter(pk__in=ids).values_list(
            "vocabulary", flat=True
        ):
            counts.subtract(vocabulary.split())
        if self.vendor == "sqlite":
            with connection.cursor() as cursor:
                for start in range(0, len(ids), 500):
                    chunk = ids[start : start + 500]
                    marks = ",".join("%s" for _ in chunk)
                    cursor.execute(
                        f"DELETE FROM search_document_fts WHERE rowid IN ({marks})", chunk
                    )
        IndexedDocument.objects.filter(pk__in=ids).delete()
        if changes is None:
            self._count_words(counts)

    def upsert(self, docs):
        docs = list(docs)
        if not docs:
            return
        with transaction.atomic():
            doc_ids = [d["doc_id"] for d in docs]
            existing = list(
                IndexedDocument.objects.filter(doc_id__in=doc_ids).values_list("pk", flat=True)
            )
            words = Counter()
            self._delete_rows(existing, words)
            rows = IndexedDocument.objects.bulk_create([self._row(d) for d in docs])
            for doc in docs:
                words.update(set(doc.get("vocabulary") or []))
            self._count_words(words)
            if self.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.executemany(
                        "INSERT INTO search_document_fts"
                        "(rowid, title_terms, people_terms, body_terms, suggest_terms) "
                        "VALUES (%s, %s, %s, %s, %s)",
                        [
                            (r.pk, r.title_terms, r.people_terms, r.body_terms, r.suggest_terms)
                            for r in rows
                        ],
                    )
            self._add_terms(docs)

    def _add_terms(self, docs):
        terms = set()
        for doc in docs:
            for name in ("title_terms", "people_terms", "body_terms"):
                terms.update(doc[name].split())
        IndexTerm.objects.bulk_create(
            [IndexTerm(term=t, length=len(t)) for t in sorted(terms) if t],
            ignore_conflicts=True,
            batch_size=500,
        )

    def delete(self, doc_ids):
        doc_ids = list(doc_ids)
        if not doc_ids:
            return
        with transaction.atomic():
            ids = list(
                IndexedDocument.objects.filter(doc_id__in=doc_ids).values_list("pk", flat=True)
            )
            self._delete_rows(ids)

    def rebuild(self, batches, *, progress=None):
        """Replace every document in one transaction: readers see the old set until commit."""
        with transaction.atomic():
            self.drop()
            done = 0
            for batch in batches:
                self.upsert(batch)
                done += len(batch)
                if progress:
                    progress(done)
        return done

    def drop(self):
        with transaction.atomic():
            if self.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("DELETE FROM search_document_fts")
            IndexedDocument.objects.all().delete()
            IndexTerm.objects.all().delete()
            VocabularyWord.objects.all().delete()

    def count(self):
        return IndexedDocument.objects.count()

    def get(self, doc_id):
        row = IndexedDocument.objects.filter(doc_id=doc_id).first()
        return row.data if row else None

    def doc_ids(self):
        return set(IndexedDocument.objects.values_list("doc_id", flat=True))

    def get_many(self, doc_ids):
        rows = IndexedDocument.objects.filter(doc_id__in=list(doc_ids))
        return dict(rows.values_list("doc_id", "data"))

    # Matching

    def expansions(self, term):
        """Indexed terms within the edit distance allowed for `term` (same first letter)."""
        limit = text.fuzziness(term)
        if limit == 0:
            return [term]
        first = term[0]
        candidates = IndexTerm.objects.filter(
            term__gte=first,
            term__lt=chr(ord(first) + 1),
            length__gte=len(term) - limit,
            length__lte=len(term) + limit,
        ).values_list("term", flat=True)
        found = [c for c in candidates if text.within_distance(term, c, limit)]
        found.sort(key=lambda c: (c != term, abs(len(c) - len(term)), c))
        return [term] + [c for c in found if c != term][: MAX_EXPANSIONS - 1]

    def _word_variants(self, word):
        """The word's own forms with their typo expansions, and its spelling corrections (indexed
        terms already: not expanded again)."""
        variants = {term for pair in word.corrections for term in pair}
        for form in {word.stem, word.exact}:
            variants.update(self.expansions(form))
        return sorted(variants)

    def _match_sqlite(self, parsed):
        parts = []
        for word in parsed.words:
            parts.append("(" + " OR ".join(_quote(v) for v in self._word_variants(word)) + ")")
        for phrase in parsed.phrases:
            parts.append(_quote(" ".join(phrase)))
        return "{title_terms people_terms body_terms} : (" + " AND ".join(parts) + ")"

    def _match_postgres(self, parsed):
        parts = []
        for word in parsed.words:
            parts.append("(" + " | ".join(self._word_variants(word)) + ")")
        for phrase in parsed.phrases:
            parts.append("(" + " <-> ".join(phrase) + ")")
        return " & ".join(parts)

    def _filters(self, query):
        where, params = [], []
        if query.locale:
            where.append(_SERVES)
            params += [f"%|{query.locale}|%", query.locale]
        if query.exclude:
            where.append("d.doc_id NOT IN (" + ",".join("%s" for _ in query.exclude) + ")")
            params += list(query.exclude)
        for name, values in query.filters.items():
            values = [str(v) for v in values if str(v)]
            if not values:
                continue
            column = FACETS[name]
            if column in LIST_FIELDS:
                where.append("(" + " OR ".join(f"d.{column} LIKE %s" for _ in values) + ")")
                params += [f"%|{v}|%" for v in values]
            else:
                marks = ",".join("%s" for _ in values)
                where.append(f"d.{column} IN ({marks})")
                params += values
        return where, params

    def _match(self, query, parsed):
        """SQL and parameters selecting (id, score, sort_date, ROW_FIELDS...) of every match."""
        where, params = self._filters(query)
        columns = ", ".join(f"d.{c}" for c in ROW_FIELDS)
        if parsed.empty:
            sql = f"SELECT d.id, 0.0, d.sort_date, {columns} FROM search_document d"
        elif self.vendor == "sqlite":
            weights = ", ".join(str(w) for w in FTS_WEIGHTS)
            sql = (
                f"SELECT d.id, -bm25(search_document_fts, {weights}), d.sort_date, {columns} "
                "FROM search_document_fts JOIN search_document d "
                "ON d.id = search_document_fts.rowid"
            )
            where.insert(0, "search_document_fts MATCH %s")
            params.insert(0, self._match_sqlite(parsed))
        elif self.vendor == "postgresql":
            sql = (
                "SELECT d.id, ts_rank(d.search_vector, q, 1), d.sort_date, "
                f"{columns} FROM search_document d, to_tsquery('simple', %s) q"
            )
            params.insert(0, self._match_postgres(parsed))
            where.insert(0, "d.search_vector @@ q")
        else:  # any other database: every word must appear somewhere
            sql = f"SELECT d.id, 0.0, d.sort_date, {columns} FROM search_document d"
            for word in parsed.words:
                ors = []
                for variant in word.variants:
                    for column in ("title_terms", "people_terms", "body_terms"):
                        ors.append(f"d.{column} LIKE %s")
                        params.append(f"%{variant}%")
                where.append("(" + " OR ".join(ors) + ")")
        if where:
            sql += " WHERE " + " AND ".join(where)
        return sql, params

    def search(self, query, parsed):
        if self.vendor in ("sqlite", "postgresql"):
            return self._search_in_sql(query, parsed)
        return self._search_in_python(query, parsed)

    def _order(self, query, parsed, alias):
        """ORDER BY clause (and its parameters) for the matches selected under `alias`.

        "Newest first" compares sort_date with a character above any other appended, so that,
        as in _desc, an empty date sorts first among equal scores and a prefix before the longer
        values it starts; binary collation keeps the order of Python strings on PostgreSQL.
        """
        collate = ' COLLATE "C"' if self.vendor == "postgresql" else ""
        newest = f"({alias}.sort_date || %s){collate} DESC"
        if query.sort == "relevance" and not parsed.empty:
            return f"{alias}.score DESC, {newest}, {alias}.id", [_LAST]
        if query.sort == "date":
            return f"{alias}.sort_date = '', {alias}.sort_date{collate}, {alias}.id", []
        # newest first; also the order of a browse without words
        return f"{alias}.sort_date = '', {newest}, {alias}.id", [_LAST]

    def _search_in_sql(self, query, parsed):
        """One statement: the matches are computed once (a materialised CTE), then the page,
        the total and every facet's counts are read from them with ORDER BY/LIMIT, COUNT and
        GROUP BY, so no Python work grows with the number of matches."""
        match_sql, params = self._match(query, parsed)
        names = ", ".join(("id", "score", "sort_date", *ROW_FIELDS))
        cte = f"m({names}) AS MATERIALIZED ({match_sql})"
        order_outer, order_params = self._order(query, parsed, "h")
        order_inner, _ = self._order(query, parsed, "m")
        arms = [
            f"SELECT '{_HIT}', NULL, h.id, h.score, ROW_NUMBER() OVER (ORDER BY {order_outer}) "
            f"FROM (SELECT m.id, m.score, m.sort_date FROM m ORDER BY {order_inner} "
            "LIMIT %s OFFSET %s) h",
            f"SELECT '{_TOTAL}', NULL, COUNT(*), NULL, NULL FROM m",
        ]
        params += order_params + order_params + [query.page_size, query.offset]
        for facet, column in FACETS.items():
            if column not in LIST_FIELDS:
                arms.append(
                    f"SELECT '{facet}', m.{column}, COUNT(*), NULL, NULL FROM m "
                    f"WHERE m.{column} <> '' GROUP BY m.{column}"
                )
            elif self.vendor == "sqlite":
                # "|a|b|" read as a JSON array: json_quote escapes the whole string and no
                # escape contains "|", so every "|" can become "," between two JSON strings.
                values = f"json_each('[' || replace(json_quote(m.{column}), '|', '\",\"') || ']')"
                arms.append(
                    f"SELECT '{facet}', v.value, COUNT(*), NULL, NULL FROM m, {values} v "
                    f"WHERE m.{column} <> '' AND v.value <> '' GROUP BY v.value"
                )
            else:
                # unnest in the select list (one ProjectSet) is cheaper than a lateral join.
                arms.append(
                    f"SELECT '{facet}', v, COUNT(*), NULL, NULL "
                    f"FROM (SELECT unnest(string_to_array(m.{column}, '|')) v FROM m) l "
                    "WHERE v <> '' GROUP BY v"
                )
        sql = f"WITH {cte} " + " UNION ALL ".join(arms)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        total, page, facets = 0, [], {name: {} for name in FACETS}
        for part, value, number, score, position in rows:
            if part == _HIT:
                page.append((position, number, float(score or 0.0)))
            elif part == _TOTAL:
                total = number
            else:
                facets[part][str(value)] = number
        for name in facets:
            facets[name] = dict(sorted(facets[name].items()))
        page.sort()
        stored = IndexedDocument.objects.in_bulk([pk for _, pk, _ in page])
        hits = [Hit(doc=stored[pk].data, score=score) for _, pk, score in page if pk in stored]
        return Result(total=total, hits=hits, facets=facets, engine=self.name)

    def _search_in_python(self, query, parsed):
        """Other databases: fetch every match, count and sort here."""
        sql, params = self._match(query, parsed)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        docs = []
        for pk, score, sort_date, *facets in rows:
            doc = dict(zip(ROW_FIELDS, facets, strict=True))
            for name in LIST_FIELDS:
                doc[name] = _unpipe(doc[name])
            docs.append((pk, float(score or 0.0), sort_date or "", doc))
        counts = facet_counts(d for *_, d in docs)
        if query.sort == "relevance" and not parsed.empty:
            docs.sort(key=lambda r: (-r[1], _desc(r[2]), r[0]))
        elif query.sort == "date":
            docs.sort(key=lambda r: (r[2] == "", r[2], r[0]))
        else:  # newest first; also the order of a browse without words
            docs.sort(key=lambda r: (r[2] == "", _desc(r[2]), r[0]))
        page = docs[query.offset : query.offset + query.page_size]
        stored = IndexedDocument.objects.in_bulk([r[0] for r in page])
        hits = [Hit(doc=stored[pk].data, score=score) for pk, score, *_ in page if pk in stored]
        return Result(total=len(docs), hits=hits, facets=counts, engine=self.name)

    def suggest(self, parsed_prefix, *, locale=None, limit=8):
        words = [w.exact for w in parsed_prefix.words]
        if not words:
            return []
        params = []
        if self.vendor == "sqlite":
            expression = " AND ".join([_quote(w) for w in words[:-1]] + [_quote(words[-1]) + " *"])
            sql = (
                "SELECT d.id FROM search_document_fts JOIN search_document d "
                "ON d.id = search_document_fts.rowid WHERE search_document_fts MATCH %s"
            )
            params.append("{suggest_terms} : (" + expression + ")")
            order = " ORDER BY bm25(search_document_fts), length(d.title), d.id"
        elif self.vendor == "postgresql":
            expression = " & ".join(words[:-1] + [words[-1] + ":*"])
            sql = (
                "SELECT d.id FROM search_document d "
                "WHERE d.suggest_vector @@ to_tsquery('simple', %s)"
            )
            params.append(expression)
            order = " ORDER BY length(d.title), d.id"
        else:
            sql = "SELECT d.id FROM search_document d WHERE d.suggest_terms LIKE %s"
            params.append("%" + " ".join(words) + "%")
            order = " ORDER BY length(d.title), d.id"
        if locale:
            sql += " AND " + _SERVES
            params += [f"%|{locale}|%", locale]
        sql += order + " LIMIT %s"
        params.append(limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            ids = [row[0] for row in cursor.fetchall()]
        stored = IndexedDocument.objects.in_bulk(ids)
        return [stored[pk].data for pk in ids if pk in stored]

    # Spelling

    def vocabulary(self, lookups, *, locale=None, exclude=(), limit=spelling.LOOKUP_LIMIT):
        """[spelling.Entry] of the indexed words whose term starts with one of the letters and
        has a length within the range of `lookups` ([(letter, shortest, longest)]), the most
        frequent first. Counts cover every indexed document (`locale` and `exclude` are not
        needed: the service checks a correction by searching with it)."""
        if not lookups:
            return []
        where, params = [], []
        for letter, low, high in lookups:
            where.append("(term >= %s AND term < %s AND length BETWEEN %s AND %s)")
            params += [letter, chr(ord(letter) + 1), low, high]
        sql = (
            "SELECT term, stem, word, doc_count FROM search_word WHERE doc_count > 0 AND ("
            + " OR ".join(where)
            + ") ORDER BY doc_count DESC, term, word LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit])
            rows = cursor.fetchall()
        return [spelling.Entry(term, stem, word, count) for term, stem, word, count in rows]


def _desc(value):
    """Sort key that orders ISO timestamps newest first."""
    return tuple(-ord(ch) for ch in value)
