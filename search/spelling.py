"""Spelling corrections ("did you mean") from the vocabulary of the indexed documents.

Every engine keeps the words of its documents with the number of documents each occurs in
(search.documents.vocabulary): the database engine in a table it updates with each write, the
external engines as a keyword field they count with an aggregation. Only public documents are
ever indexed, so a word that appears only in a draft, or only in a page that was unpublished
since, is never offered.

A query word is *known* when its exact or stemmed term is in the vocabulary. An unknown word of
four letters or more is corrected to the indexed words of the same first letter within its edit
limit (one edit for four letters, two up to nine, three from ten: longer words carry more
typos, as "digitalisaton" for "digitisation"); the closest win (fewest edits of the exact form
or the stem, then of the exact form), then those in the script the word was typed in, then the
most frequent. The corrections
are searched together with the word, and the query with its unknown words replaced by the best
correction is the "did you mean" (offered only when that search finds something).
"""

import re
from dataclasses import dataclass, replace

from search import text

MIN_LENGTH = 4  # shorter words are never corrected
MAX_CORRECTIONS = 3  # searched per unknown word (the best is shown)
LOOKUP_LIMIT = 5000  # vocabulary entries read per query, the most frequent first
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True)
class Entry:
    """One word of the vocabulary: its exact and stemmed terms, as written, document count."""

    term: str
    stem: str
    word: str
    count: int

    @classmethod
    def parse(cls, value, count):
        """An entry from its stored form "term|stem|word" (None if malformed)."""
        parts = str(value).split("|")
        if len(parts) != 3 or not all(parts):
            return None
        return cls(parts[0], parts[1], parts[2], int(count))


def max_edits(term):
    """Edits a correction of `term` may be away from it."""
    if len(term) < MIN_LENGTH:
        return 0
    if len(term) == MIN_LENGTH:
        return 1
    if len(term) < 10:
        return 2
    return 3


def checkable(word):
    """True for the query words spelling looks at (long enough, not numbers)."""
    return bool(max_edits(word.exact)) and not word.exact.isdigit()


def checked(words):
    return [w for w in words if checkable(w)]


def lookups(words):
    """(first letter, shortest, longest) term lengths to read from the vocabulary, per word."""
    out = set()
    for word in checked(words):
        limit = max_edits(word.exact)
        low = max(text.MIN_VOCABULARY_LENGTH, len(word.stem) - limit)
        high = min(text.MAX_TERM_LENGTH, len(word.exact) + limit)
        out.add((word.exact[0], low, high))
    return sorted(out)


def distance(a, b, limit):
    """Optimal-string-alignment distance of a and b (a swap of two letters is one edit), or
    limit + 1 as soon as it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if a == b:
        return 0
    before, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if before is not None and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, before[j - 2] + 1)
            current.append(value)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)


def _script(value):
    return "cyrillic" if _CYRILLIC.search(value) else "latin"


def corrections(words, entries):
    """{index of the word in `words`: [Entry, ...]}: the corrections of each unknown word, best
    first (only those at the smallest distance, at most MAX_CORRECTIONS)."""
    known = {e.term for e in entries} | {e.stem for e in entries}
    by_letter = {}
    for entry in entries:
        by_letter.setdefault(entry.term[0], []).append(entry)
    found = {}
    for index, word in enumerate(words):
        if not checkable(word) or {word.exact, word.stem} & known:
            continue
        limit = max_edits(word.exact)
        script = _script(word.text or word.exact)
        ranked = []
        for entry in by_letter.get(word.exact[0], []):
            exact = distance(word.exact, entry.term, limit)
            edits = min(exact, distance(word.stem, entry.stem, limit))
            if edits <= limit:
                mismatch = _script(entry.word) != script
                ranked.append((edits, exact, mismatch, -entry.count, entry.word, entry))
        if not ranked:
            continue
        ranked.sort(key=lambda item: item[:5])
        best = ranked[0][0]
        chosen, seen = [], set()
        for edits, *_rest, entry in ranked:
            if edits != best or len(chosen) == MAX_CORRECTIONS:
                break
            if entry.word not in seen:
                seen.add(entry.word)
                chosen.append(entry)
        found[index] = chosen
    return found


def apply(parsed, found):
    """`parsed` with each corrected word also matching its corrections (a new object)."""
    if not found:
        return parsed
    words = list(parsed.words)
    for index, entries in found.items():
        words[index] = replace(words[index], corrections=tuple((e.term, e.stem) for e in entries))
    return replace(parsed, words=words)


def _cased(word, like):
    if len(like) > 1 and like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def suggestion(query_text, words, found):
    """The query as typed with each corrected word replaced by its best correction (None when
    nothing was corrected)."""
    if not found:
        return None
    best = {words[index].exact: entries[0].word for index, entries in found.items()}

    def swap(match):
        typed = match.group(0)
        exact = text.term(typed, stemmed=False)
        return _cased(best[exact], typed) if exact in best else typed

    corrected = re.sub(r"\w+", swap, query_text).strip()
    corrected = re.sub(r"\s+", " ", corrected)
    return corrected if corrected.casefold() != query_text.strip().casefold() else None
