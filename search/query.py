"""A search request, its parsed form and its result, independent of the engine."""

import re
from dataclasses import dataclass, field

from search import text

# Public facet name -> document field.
FACETS = {
    "year": "years",
    "kind": "kind",
    "type": "session_type",
    "track": "track",
    "topic": "topics",
    "industry": "industries",
    "language": "language",
}
SORTS = ("relevance", "date", "-date")
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
MAX_PAGE_SIZE = 50
MAX_RESULT_WINDOW = 10000

_PHRASE = re.compile(r'"([^"]*)"')


class InvalidQuery(ValueError):
    """The request cannot be searched (the API answers 400 with this message)."""


@dataclass
class Query:
    text: str = ""
    locale: str | None = None
    filters: dict = field(default_factory=dict)  # facet name -> list of values
    page: int = 1
    page_size: int = 20
    sort: str = "relevance"
    exclude: list = field(default_factory=list)  # document ids known to be no longer public

    def validate(self):
        if len(self.text) > MAX_QUERY_LENGTH:
            raise InvalidQuery(f"The query is longer than {MAX_QUERY_LENGTH} characters.")
        if self.page < 1:
            raise InvalidQuery("page must be 1 or more.")
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise InvalidQuery(f"page_size must be within 1-{MAX_PAGE_SIZE}.")
        if self.page * self.page_size > MAX_RESULT_WINDOW:
            raise InvalidQuery(f"Only the first {MAX_RESULT_WINDOW} results can be paged through.")
        if self.sort not in SORTS:
            raise InvalidQuery(f"sort must be one of: {', '.join(SORTS)}.")
        unknown = set(self.filters) - set(FACETS)
        if unknown:
            raise InvalidQuery(f"Unknown filter: {', '.join(sorted(unknown))}.")
        years = self.filters.get("year", [])
        if any(not (str(y).isascii() and str(y).isdigit() and len(str(y)) == 4) for y in years):
            raise InvalidQuery("year must be a four-digit number.")
        if not self.text.strip() and not any(self.filters.values()):
            raise InvalidQuery("Give a query (q) or at least one filter.")
        return self

    @property
    def offset(self):
        return (self.page - 1) * self.page_size


@dataclass
class Word:
    stem: str
    exact: str
    text: str = ""  # as typed
    corrections: tuple = ()  # ((exact, stem), ...) of the spelling corrections searched too

    @property
    def variants(self):
        return sorted({self.stem, self.exact, *(t for pair in self.corrections for t in pair)})


@dataclass
class Parsed:
    words: list  # [Word]
    phrases: list  # [[exact term, ...]]
    raw: str = ""  # the query without quotes, for the engines' own analysers

    @property
    def empty(self):
        return not self.words and not self.phrases

    def all_terms(self):
        terms = set()
        for word in self.words:
            terms.update(word.variants)
        for phrase in self.phrases:
            terms.update(phrase)
        return terms


def parse(value):
    """Words (each matched in stemmed or exact form) and "quoted phrases" of a query.

    Every character that is not part of a word is dropped, so engine query syntax in the input
    is inert.
    """
    value = value or ""
    phrases = []
    for quoted in _PHRASE.findall(value):
        terms = text.terms(quoted, stemmed=False)
        if len(terms) > 1:
            phrases.append(terms[:MAX_WORDS])
    rest = _PHRASE.sub(lambda m: m.group(0) if len(text.terms(m.group(1))) == 1 else " ", value)
    words = []
    seen = set()
    for word in text.words(rest):
        exact = text.term(word, stemmed=False)
        if not exact:
            continue
        item = Word(stem=text.term(word) or exact, exact=exact, text=word)
        if (item.stem, item.exact) not in seen:
            seen.add((item.stem, item.exact))
            words.append(item)
    raw = " ".join(text.words(value))
    return Parsed(words=words[:MAX_WORDS], phrases=phrases[:3], raw=raw[:MAX_QUERY_LENGTH])


@dataclass
class Hit:
    doc: dict
    score: float = 0.0
    highlights: dict = field(default_factory=dict)
    fallback: bool = False  # in another language than the one asked for (it has no version in it)
    labels: dict = field(default_factory=dict)  # "kind", "type": in the request's language


@dataclass
class Result:
    total: int
    hits: list  # [Hit]
    facets: dict  # facet name -> {value: count}
    engine: str = ""
    degraded: bool = False
    did_you_mean: str | None = None  # the query with misspelt words corrected


def facet_counts(rows):
    """Facet counts from an iterable of documents (dicts with the document fields)."""
    counts = {name: {} for name in FACETS}
    for row in rows:
        for name, field_name in FACETS.items():
            values = row.get(field_name)
            if values in (None, ""):
                continue
            if not isinstance(values, list | tuple):
                values = [values]
            bucket = counts[name]
            for value in values:
                key = str(value)
                if not key:
                    continue
                bucket[key] = bucket.get(key, 0) + 1
    return counts
