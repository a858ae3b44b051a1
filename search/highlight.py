"""Highlighted snippets, the same for every engine.

A word of the text is marked when one of its terms (stemmed or exact, in Latin letters) equals a
query term or lies within the query term's typo distance, so "Sofia" marks "София" and
"clustr" marks "clusters".
"""

import html
import re

from search import text

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"
SNIPPET_LENGTH = 180
_WORD = re.compile(r"\w+", re.UNICODE)


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


def snippet(value, matcher, length=SNIPPET_LENGTH):
    """A window of `value` around its first matching word, highlighted (None if no match)."""
    if not value:
        return None
    first = None
    for match in _WORD.finditer(value):
        if matcher.matches(match.group(0)):
            first = match.start()
            break
    if first is None:
        return None
    start = max(0, first - length // 3)
    if start:
        space = value.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = min(len(value), start + length)
    if end < len(value):
        space = value.rfind(" ", start, end)
        end = space if space > first else end
    marked, _ = mark(value[start:end], matcher)
    return ("…" if start else "") + marked + ("…" if end < len(value) else "")


def highlight(doc, parsed):
    """{"title": ..., "snippet": ...}: the title and the best text window, marked."""
    matcher = Matcher(parsed)
    title = doc.get("title", "")
    if not matcher:
        return {"title": html.escape(title), "snippet": html.escape(doc.get("summary", ""))}
    marked_title, _ = mark(title, matcher)
    people = ", ".join(s["name"] for s in doc.get("speakers", []))
    body = (
        snippet(doc.get("summary", ""), matcher)
        or snippet(people, matcher)
        or snippet(doc.get("body", ""), matcher)
    )
    if body is None:
        body = html.escape(doc.get("summary", ""))
    return {"title": marked_title, "snippet": body}
