"""Indexing reads: the published content behind the search documents, in batches.

These are the selectors of the search layer: `search/` builds its documents, suggestions and
facet labels only from what these functions return, and never queries a cms model itself.

Each function takes primary keys and returns the objects the public may see (live, outside
private sections, published snippets), prefetched so that building a batch of documents runs a
fixed number of queries. Objects that are not visible are simply absent: the caller removes
their documents.
"""

from collections import defaultdict

from django.db.models import Prefetch
from wagtail.models import Page

from cms.conference import selectors
from cms.conference.models import (
    EditionPage,
    NewsPage,
    Partnership,
    SessionPage,
    SessionSpeaker,
    StandardPage,
    Track,
    VenuePage,
)
from cms.people.models import Industry, Organisation, Person, Topic

PAGE_MODELS = (SessionPage, EditionPage, NewsPage, StandardPage, VenuePage)
PAGE_KINDS = {
    SessionPage: "session",
    EditionPage: "edition",
    NewsPage: "news",
    StandardPage: "page",
    VenuePage: "venue",
}


def page_kind(page):
    """The document kind of a specific page ("session", "edition", "news", "page", "venue")."""
    return PAGE_KINDS.get(type(page))


SNIPPET_MODELS = (Person, Organisation)
TAXONOMY_MODELS = (Topic, Industry)


def is_edition(page):
    return page.specific_class is EditionPage


def snippet_kind(obj):
    """ "person", "organisation", "taxonomy" or None, for a model instance."""
    if isinstance(obj, Person):
        return "person"
    if isinstance(obj, Organisation):
        return "organisation"
    if isinstance(obj, TAXONOMY_MODELS):
        return "taxonomy"
    return None


def _translation_ids(model, obj):
    ids = set(
        model.objects.filter(translation_key=obj.translation_key).values_list("pk", flat=True)
    )
    return ids | {obj.pk}


def person_translation_ids(person):
    return _translation_ids(Person, person)


def organisation_translation_ids(organisation):
    return _translation_ids(Organisation, organisation)


EDITION_DEPTH = 3  # root -> conference (one per locale) -> edition


def visible_pages(page_ids):
    """The specific pages among `page_ids` of the indexed types that the public may see."""
    found = []
    ids = set(page_ids)
    for model in PAGE_MODELS:
        qs = selectors.visible_pages(model).filter(pk__in=ids).select_related("locale")
        if model is SessionPage:
            qs = qs.select_related("room", "track").prefetch_related(
                Prefetch(
                    "speakers",
                    queryset=SessionSpeaker.objects.select_related("person").order_by("sort_order"),
                ),
                "topics",
                "industries",
            )
        elif model is EditionPage:
            qs = qs.prefetch_related("topics", "industries", "rooms", "tracks")
        for page in qs:
            if type(page) is model:
                found.append(page)
    return found


def indexable_page_ids():
    """Primary keys of every page of an indexed type (visibility is checked when building)."""
    ids = []
    for model in PAGE_MODELS:
        ids.extend(model.objects.filter(live=True).values_list("pk", flat=True))
    return sorted(set(ids))


def editions_by_path(paths):
    """Live edition pages by path, for the given page paths (their ancestor at edition depth)."""
    wanted = {p[: EDITION_DEPTH * Page.steplen] for p in paths if len(p) >= EDITION_DEPTH * 4}
    return {e.path: e for e in selectors.visible_editions().filter(path__in=wanted)}


def edition_path(path):
    return path[: EDITION_DEPTH * Page.steplen]


def descendant_page_ids(page_ids):
    """Primary keys of the pages under the given pages (not the pages themselves)."""
    paths = list(Page.objects.filter(pk__in=page_ids).values_list("path", "depth"))
    ids = set()
    for path, depth in paths:
        ids.update(
            Page.objects.filter(path__startswith=path, depth__gt=depth).values_list("pk", flat=True)
        )
    return ids


def taxonomy_index():
    """Topics and industries by ("topic" | "industry", translation_key, locale_id): small
    tables, read whole."""
    index = {}
    for name, model in (("topic", Topic), ("industry", Industry)):
        for obj in model.objects.all():
            index[(name, obj.translation_key, obj.locale_id)] = obj
    return index


def people_by_key(keys):
    """Published people by (translation_key, locale_id)."""
    return {
        (p.translation_key, p.locale_id): p
        for p in Person.objects.filter(translation_key__in=set(keys), live=True).select_related(
            "organisation"
        )
    }


def visible_people(person_ids):
    return list(
        Person.objects.filter(pk__in=set(person_ids), live=True).select_related(
            "locale", "organisation"
        )
    )


def visible_organisations(organisation_ids):
    return list(
        Organisation.objects.filter(pk__in=set(organisation_ids), live=True).select_related(
            "locale"
        )
    )


def indexable_person_ids():
    return sorted(Person.objects.filter(live=True).values_list("pk", flat=True))


def indexable_organisation_ids():
    return sorted(Organisation.objects.filter(live=True).values_list("pk", flat=True))


def organisations_by_key(keys):
    return {
        (o.translation_key, o.locale_id): o
        for o in Organisation.objects.filter(translation_key__in=set(keys), live=True)
    }


def appearances_by_person_key(keys):
    """translation_key -> [(session path, session title, locale_id)] of live sessions."""
    found = defaultdict(list)
    rows = SessionSpeaker.objects.filter(
        person__translation_key__in=set(keys), session__in=selectors.visible_pages(SessionPage)
    ).values_list(
        "person__translation_key", "session__path", "session__title", "session__locale_id"
    )
    for key, path, title, locale_id in rows:
        found[key].append((path, title, locale_id))
    return found


def partnerships_by_organisation_key(keys):
    """translation_key -> [(edition path, role)] of live editions."""
    found = defaultdict(list)
    rows = Partnership.objects.filter(
        organisation__translation_key__in=set(keys), edition__in=selectors.visible_editions()
    ).values_list("organisation__translation_key", "edition__path", "role")
    for key, path, role in rows:
        found[key].append((path, role))
    return found


def edition_years_by_path(paths):
    return dict(
        selectors.visible_editions().filter(path__in=set(paths)).values_list("path", "year")
    )


# Reverse look-ups: what else a change touches.


def session_ids_with_people(person_keys):
    return set(
        SessionSpeaker.objects.filter(person__translation_key__in=set(person_keys)).values_list(
            "session_id", flat=True
        )
    )


def person_ids_in_sessions(session_ids):
    keys = SessionSpeaker.objects.filter(session_id__in=set(session_ids)).values_list(
        "person__translation_key", flat=True
    )
    return set(Person.objects.filter(translation_key__in=set(keys)).values_list("pk", flat=True))


def person_ids_of_organisations(organisation_keys):
    return set(
        Person.objects.filter(organisation__translation_key__in=set(organisation_keys)).values_list(
            "pk", flat=True
        )
    )


def organisation_ids_of_editions(edition_ids):
    keys = Partnership.objects.filter(edition_id__in=set(edition_ids)).values_list(
        "organisation__translation_key", flat=True
    )
    return set(
        Organisation.objects.filter(translation_key__in=set(keys)).values_list("pk", flat=True)
    )


def page_ids_with_taxonomy(model, translation_key):
    """Sessions and editions tagged with any translation of a topic or industry."""
    ids = set(model.objects.filter(translation_key=translation_key).values_list("pk", flat=True))
    field = "topics" if model is Topic else "industries"
    pages = set()
    for page_model in (SessionPage, EditionPage):
        pages.update(
            page_model.objects.filter(**{f"{field}__in": ids}).values_list("pk", flat=True)
        )
    return pages


def live_ids(*, pages=(), people=(), organisations=()):
    """{(kind, pk)} of the given objects that are still public, kinds as in documents."""
    found = set()
    for model, kind in PAGE_KINDS.items():
        rows = selectors.visible_pages(model).filter(pk__in=set(pages)).values_list("pk", flat=True)
        found.update((kind, pk) for pk in rows)
    found.update(
        ("person", pk)
        for pk in Person.objects.filter(pk__in=set(people), live=True).values_list("pk", flat=True)
    )
    found.update(
        ("organisation", pk)
        for pk in Organisation.objects.filter(pk__in=set(organisations), live=True).values_list(
            "pk", flat=True
        )
    )
    return found


def translation_locales(ref_type, keys):
    """translation_key -> {language codes} of the public versions of pages ("page"), people
    ("person") or organisations ("organisation"): the languages an item can be read in."""
    if ref_type == "page":
        rows = selectors.visible_pages(Page).filter(translation_key__in=set(keys))
    elif ref_type == "person":
        rows = Person.objects.filter(translation_key__in=set(keys), live=True)
    elif ref_type == "organisation":
        rows = Organisation.objects.filter(translation_key__in=set(keys), live=True)
    else:
        raise ValueError(f"not a document type: {ref_type!r}")
    found = defaultdict(set)
    for key, code in rows.values_list("translation_key", "locale__language_code"):
        found[key].add(code)
    return found


def page_ids_of_translation_keys(keys):
    """Primary keys of every page (any language, any state) with one of these translation keys."""
    return set(Page.objects.filter(translation_key__in=set(keys)).values_list("pk", flat=True))


def page_translation_ids(page_ids):
    """Primary keys of the other-language versions of the given pages (any state)."""
    keys = Page.objects.filter(pk__in=set(page_ids)).values_list("translation_key", flat=True)
    return page_ids_of_translation_keys(keys) - set(page_ids)


def facet_labels(language):
    """Names of tracks, topics and industries by slug, in `language` where translated."""
    out = {"track": {}, "topic": {}, "industry": {}}
    for name, model in (("track", Track), ("topic", Topic), ("industry", Industry)):
        for slug, label, code in model.objects.values_list("slug", "name", "locale__language_code"):
            if code == language or slug not in out[name]:
                out[name][slug] = label
    return out
