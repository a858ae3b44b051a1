"""Highlighted titles and snippets, the same for every engine.

A word of the text is marked when one of its terms (stemmed or exact, in Latin letters) equals a
query term or lies within the query term's typo distance, so "Sofia" marks "София" and
"clustr" marks "clusters".

A snippet is cut from the readable passages of a document (search.documents.passages: an
abstract, a biography, a description, the speakers' names...), never from the fields that are
only matched on (an edition's title, a track's name, topic names): the passage with the most
matching words gives the sentence that holds most of them, with the next sentences while they
fit. When only the title or such fields matched, the snippet is the start of the document's
summary. Everything is HTML-escaped exactly once; <mark> is the only markup.
"""

import html
import re

from search import text

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"
SNIPPET_LENGTH = 200
ELLIPSIS = "…"
_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


class Matcher:
    def __init__(self, parsed):
        self.terms = set()
        for word in parsed.words:
            self.terms.update(word.variants)
        for phrase in parsed.phrases:
            self.terms.update(phrase)
        self._cache = {}

    def __bool__(self):
        return bool(self.terms)

    def matches(self, word):
        key = word.lower()
        if key not in self._cache:
            forms = {text.term(word), text.term(word, stemmed=False)} - {""}
            self._cache[key] = any(self._close(form) for form in forms)
        return self._cache[key]

    def _close(self, form):
        if form in self.terms:
            return True
        for term in self.terms:
            limit = text.fuzziness(term)
            if limit and form[0] == term[0] and text.within_distance(term, form, limit):
                return True
        return False

    def matched(self, value):
        """The distinct matching words of `value` (lowercase), in order of appearance."""
        found = []
        for match in _WORD.finditer(value):
            word = match.group(0).lower()
            if word not in found and self.matches(word):
                found.append(word)
        return found


def mark(value, matcher):
    """HTML-escaped `value` with matching words wrapped in <mark>; and whether any matched."""
    out, last, found = [], 0, False
    for match in _WORD.finditer(value):
        out.append(html.escape(value[last : match.start()]))
        word = match.group(0)
        if matcher.matches(word):
            out.append(f"{MARK_OPEN}{html.escape(word)}{MARK_CLOSE}")
            found = True
        else:
            out.append(html.escape(word))
        last = match.end()
    out.append(html.escape(value[last:]))
    return "".join(out), found


def _sentences(value):
    """(start, end) of each sentence of `value`."""
    spans, start = [], 0
    for gap in _SENTENCE_END.finditer(value):
        spans.append((start, gap.start()))
        start = gap.end()
    spans.append((start, len(value)))
    return [(s, e) for s, e in spans if e > s]


def _word_start(value, position, floor):
    """`position` moved back to the start of the word it falls in (not before `floor`)."""
    space = value.rfind(" ", floor, position)
    return space + 1 if space >= floor else floor


def _word_end(value, position, ceiling):
    """`position` moved back to the end of the last whole word before it."""
    if position >= ceiling:
        return ceiling
    space = value.rfind(" ", 0, position + 1)
    return space if space > 0 else position


def window(value, matcher, length=SNIPPET_LENGTH):
    """(start, end) of the part of `value` a snippet shows: the sentence with the most distinct
    matching words (the first of equals) and the sentences after it while they fit in
    `length`; a sentence longer than that is cut around its first matching word. None when no
    word of `value` matches."""
    sentences = _sentences(value)
    best, best_count = None, 0
    for index, (start, end) in enumerate(sentences):
        count = len(matcher.matched(value[start:end]))
        if count > best_count:
            best, best_count = index, count
    if best is None:
        return None
    start, end = sentences[best]
    if end - start > length:
        first = next(m for m in _WORD.finditer(value, start, end) if matcher.matches(m.group(0)))
        start = _word_start(value, max(start, first.start() - length // 3), start)
        cut = _word_end(value, min(end, start + length), end)
        return start, cut if cut > first.end() else min(end, max(first.end(), start + length))
    for _next_start, next_end in sentences[best + 1 :]:
        if next_end - start > length:
            break
        end = next_end
    return start, end


def _framed(value, start, end, matcher=None):
    part = value[start:end].strip()
    marked = mark(part, matcher)[0] if matcher else html.escape(part)
    before = ELLIPSIS if value[:start].strip() else ""
    after = ELLIPSIS if value[end:].strip() else ""
    return before + marked + after


def snippet(value, matcher, length=SNIPPET_LENGTH):
    """A highlighted window of `value` around its matching words (None if none matches)."""
    if not value or not matcher:
        return None
    found = window(value, matcher, length)
    if found is None:
        return None
    return _framed(value, *found, matcher)


def lead(value, matcher=None, length=SNIPPET_LENGTH):
    """The start of `value`, cut after a whole word, escaped (and marked when a matcher is
    given)."""
    value = value or ""
    end = len(value) if len(value) <= length else _word_end(value, length, len(value))
    return _framed(value, 0, end, matcher or None)


def passages_of(doc):
    """The readable passages of a document ([{"field", "text"}]); the summary for documents
    indexed before passages existed."""
    found = [p for p in doc.get("passages") or [] if p.get("text")]
    if not found and doc.get("summary"):
        found = [{"field": "summary", "text": doc["summary"]}]
    return found


def highlight(doc, parsed):
    """{"title", "snippet", "snippet_field"}: the title marked, and the window of the passage
    with the most matching words the title does not already show (the summary's start when
    there is none: only the title or metadata matched)."""
    matcher = Matcher(parsed)
    title = doc.get("title", "")
    marked_title, _ = mark(title, matcher)
    passages = passages_of(doc)
    in_title = set(matcher.matched(title)) if matcher else set()
    best, best_score = None, (0, 0)
    if matcher:
        for passage in passages:
            words = matcher.matched(passage["text"])
            # Words the title already shows do not make a passage worth quoting.
            score = (
                len({text.term(w) for w in words} - {text.term(w) for w in in_title}),
                len(words),
            )
            if score[0] and score > best_score:
                best, best_score = passage, score
    if best is not None:
        return {
            "title": marked_title,
            "snippet": snippet(best["text"], matcher),
            "snippet_field": best["field"],
        }
    summary = doc.get("summary") or ""
    field = "summary"
    if not summary and passages:
        summary, field = passages[0]["text"], passages[0]["field"]
    if summary.strip().casefold() == title.strip().casefold():
        summary, field = "", ""
    return {
        "title": marked_title,
        "snippet": lead(summary, matcher) if summary else "",
        "snippet_field": field if summary else "",
    }
