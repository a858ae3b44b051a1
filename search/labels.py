"""Labels for facet values, in the language of the request."""

from django.utils import translation
from django.utils.translation import pgettext_lazy

from cms.conference import index_selectors as sources
from cms.conference.choices import SESSION_LANGUAGES, SESSION_TYPES

CONTEXT = "search result kind"
KIND_LABELS = {
    "session": pgettext_lazy(CONTEXT, "Session"),
    "edition": pgettext_lazy(CONTEXT, "Edition"),
    "news": pgettext_lazy(CONTEXT, "News"),
    "page": pgettext_lazy(CONTEXT, "Page"),
    "venue": pgettext_lazy(CONTEXT, "Venue"),
    "person": pgettext_lazy(CONTEXT, "Speaker"),
    "organisation": pgettext_lazy(CONTEXT, "Organisation"),
}
TYPE_LABELS = dict(SESSION_TYPES)


def hit_labels(doc, language):
    """{"kind", "type"}: the kind of a hit and its session type ("" for other kinds), in
    `language`."""
    with translation.override(language):
        kind = doc.get("kind", "")
        session_type = doc.get("session_type") or ""
        return {
            "kind": str(KIND_LABELS.get(kind, kind)),
            "type": str(TYPE_LABELS.get(session_type, session_type)) if session_type else "",
        }


def label_facets(counts, language):
    """{facet: [{"value", "label", "count"}]}: years newest first, others by count."""
    names = sources.facet_labels(language)
    with translation.override(language):
        fixed = {
            "kind": {k: str(v) for k, v in KIND_LABELS.items()},
            "type": {k: str(v) for k, v in SESSION_TYPES},
            "language": {k: str(v) for k, v in SESSION_LANGUAGES},
        }
    out = {}
    for facet, values in counts.items():
        table = fixed.get(facet) or names.get(facet) or {}
        items = [
            {"value": value, "label": table.get(value, value), "count": count}
            for value, count in values.items()
            if count and value != ""
        ]
        if facet == "year":
            items.sort(key=lambda item: item["value"], reverse=True)
        else:
            items.sort(key=lambda item: (-item["count"], item["label"]))
        out[facet] = items
    return out
