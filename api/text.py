"""Plain text from rich text (HTML), for formats that carry no markup: iCal, CSV, frab, JSON-LD."""

import re
from functools import lru_cache
from html.parser import HTMLParser

# Elements that start a new block of text (a paragraph of their own).
BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "p",
        "pre",
        "section",
        "table",
        "tr",
    }
)
LISTS = frozenset({"ul", "ol"})
SKIPPED = frozenset({"script", "style", "template"})
# Whitespace that HTML collapses; a no-break space (U+00A0) is content and stays.
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


class _TextParser(HTMLParser):
    """Collects blocks of text; each block is a list of lines (split at <br>)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []  # (list number or None, text): items of one outermost list share a number
        self.lines = [[]]
        self.list_number = 0
        self.lists = []  # one counter per open list: None for <ul>, the next number for <ol>
        self.prefix = ""
        self.skipping = 0

    def _flush(self):
        lines = [_SPACES.sub(" ", "".join(parts)).strip() for parts in self.lines]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        if lines:
            indent = "  " * max(len(self.lists) - 1, 0) if self.prefix else ""
            text = "\n".join(lines)
            group = self.list_number if self.prefix else None
            self.blocks.append((group, f"{indent}{self.prefix}{text}"))
        self.lines = [[]]
        self.prefix = ""

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.lines.append([])
        elif tag in LISTS:
            self._flush()
            if not self.lists:
                self.list_number += 1
            self.lists.append(1 if tag == "ol" else None)
        elif tag == "li":
            self._flush()
            number = self.lists[-1] if self.lists else None
            if number is None:
                self.prefix = "- "
            else:
                self.prefix = f"{number}. "
                self.lists[-1] = number + 1
        elif tag in BLOCKS:
            self._flush()

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.lines.append([])
        elif tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in LISTS:
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag == "li" or tag in BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self.skipping:
            self.lines[-1].append(data)

    def text(self):
        self._flush()
        out = []
        previous = None
        for group, block in self.blocks:
            if out:
                out.append("\n" if group is not None and group == previous else "\n\n")
            out.append(block)
            previous = group
        return "".join(out)


def plain_text(html):
    """`html` as plain text that keeps its structure.

    Paragraphs, headings and other blocks are separated by a blank line, `<br>` becomes a line
    break, list items stand on lines of their own ("- " or "1. " in front, nested lists
    indented), character references are decoded once, and runs of whitespace inside a block
    become one space. Markup, scripts and styles leave nothing behind. None gives "".
    """
    if not html:
        return ""
    return _plain_text(str(html))


@lru_cache(maxsize=4096)
def _plain_text(html):
    """A pure function of the markup: abstracts and biographies are converted once per process
    and version of their text, not once per export."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return parser.text()
