"""Text analysis shared by every engine: tokens, light stemming, Bulgarian -> Latin folding.

The same functions run at index time and at query time, so "Sofia Tech Park" and
"София Тех Парк" meet on the same terms whatever the engine (the search nodes we run have no ICU
transliteration). Transliteration follows the Bulgarian official system (Transliteration Act,
2009): "щ" -> "sht", "ъ" -> "a", "ия" at the end of a word -> "ia" (София -> Sofia).
"""

import html
import re
import unicodedata

_BG_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
    # Letters of neighbouring Cyrillic alphabets that turn up in names.
    "ё": "yo", "э": "e", "ы": "y", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ј": "j",
    "љ": "lj", "њ": "nj", "ћ": "c", "ђ": "dj", "џ": "dz", "ѝ": "i",
}  # fmt: skip

_WORD = re.compile(r"\w+", re.UNICODE)
_TAG = re.compile(r"<[^>]+>")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_SPACE = re.compile(r"\s+")

MAX_TERM_LENGTH = 40
MIN_VOCABULARY_LENGTH = 3  # shorter words are never offered as spelling corrections


def strip_html(value):
    """Plain text of a rich-text value, with block boundaries kept as spaces."""
    if not value:
        return ""
    text = _TAG.sub(" ", str(value))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def plain(value):
    """A plain-text value with its runs of white space as single spaces (no other change)."""
    return _SPACE.sub(" ", str(value or "")).strip()


def transliterate(word):
    """A lowercase word in Latin letters (Cyrillic transliterated, Latin diacritics removed)."""
    word = word.lower()
    if _CYRILLIC.search(word):
        if word.endswith("ия") and len(word) > 2:
            word = word[:-2] + "ia"
        word = "".join(_BG_TO_LATIN.get(ch, ch) for ch in word)
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())


# Bulgarian light stemming: articles, plurals and a final vowel (after Savoy's light stemmer).
_BG_ARTICLES = ("ият", "ът", "та", "то", "те", "ия", "ят")
_BG_PLURALS = ("ове", "еве", "ища", "ища", "ите", "ата", "ове", "ци", "ни", "ри", "ти", "ли")


def stem_bg(word):
    if len(word) < 4:
        return word
    if len(word) > 5 and word.endswith("ища"):
        return word[:-3]
    for ending in _BG_ARTICLES:
        if len(word) > len(ending) + 3 and word.endswith(ending):
            word = word[: -len(ending)]
            break
    for ending in ("ове", "еве", "ите"):
        if len(word) > len(ending) + 3 and word.endswith(ending):
            word = word[: -len(ending)]
            break
    else:
        if len(word) > 4 and word.endswith("и"):
            word = word[:-1]
    if len(word) > 3 and word[-1] in "аоеяйъ":
        word = word[:-1]
    return word


def stem_en(word):
    if len(word) < 4 or not word.isalpha():
        return word
    if word.endswith("'s"):
        word = word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 6 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 5 and word.endswith("ed") and not word.endswith("eed"):
        word = word[:-2]
    return word


def stem(word):
    """Light stem of a lowercase word in its own script."""
    if _CYRILLIC.search(word):
        return stem_bg(word)
    return stem_en(word)


def words(text):
    """The words of a text, in order, as they are written."""
    return _WORD.findall(text or "")


def term(word, *, stemmed=True):
    """The index term of one word: lowercase, light-stemmed, in Latin letters ("" if none)."""
    word = word.lower()
    if stemmed:
        word = stem(word)
    return transliterate(word)[:MAX_TERM_LENGTH]


def terms(text, *, stemmed=True):
    """Index terms of a text, in order (positions matter for phrases)."""
    out = []
    for word in words(text):
        value = term(word, stemmed=stemmed)
        if value:
            out.append(value)
    return out


def analyse(text, *, stemmed=True):
    """Index terms joined by spaces: what the engines store and match on."""
    return " ".join(terms(text, stemmed=stemmed))


def fuzziness(value):
    """Edits allowed for a term of this length (the AUTO rule: 0-2 exact, 3-5 one, more two)."""
    if len(value) <= 2:
        return 0
    if len(value) <= 5:
        return 1
    return 2


def within_distance(a, b, limit):
    """True if the Damerau-less Levenshtein distance of a and b is at most `limit`."""
    if abs(len(a) - len(b)) > limit:
        return False
    if a == b:
        return True
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        best = i
        for j, cb in enumerate(b, 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            current.append(value)
            best = min(best, value)
        if best > limit:
            return False
        previous = current
    return previous[-1] <= limit
