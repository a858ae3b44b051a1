"""Labels for facet values, in the language of the request."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.conference import index_selectors as sources
from cms.conference.choices import SESSION_LANGUAGES, SESSION_TYPES

KIND_LABELS = {
    "session": _("Session"),
    "edition": _("Edition"),
    "news": _("News"),
    "page": _("Page"),
    "venue": _("Venue"),
    "person": _("Person"),
    "organisation": _("Organisation"),
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
