"""Which frontend pages and cache tags a published page touches, and the call that refreshes them.

The frontend (frontend/src/app/api/revalidate) expires its cached API data by tag and re-renders
the given paths. Paths follow the site's routes: /{bg,en}/{year}/{slug}, /{locale}/{year}/agenda...
"""

import logging

import requests
from django.conf import settings

from cms.conference.choices import page_type

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 5


def frontend_secret():
    return settings.FRONTEND_REVALIDATE_SECRET


def frontend_enabled():
    return bool(getattr(settings, "FRONTEND_URL", "") and frontend_secret())


def _edition_of(page):
    if page_type(page) == "edition":
        return page
    parent = page.get_parent()
    parent = parent.specific if parent else None
    return parent if page_type(parent) == "edition" else None


def revalidation_targets(page):
    """(paths, tags) of the frontend that show `page`, in every language it exists in."""
    page = page.specific
    kind = page_type(page)
    edition = _edition_of(page)
    translations = list(page.get_translations(inclusive=True).select_related("locale"))
    languages = sorted({t.locale.language_code for t in translations} | {"bg", "en"})
    paths, tags = set(), {"search"}
    for language in languages:
        paths.add(f"/{language}")
        if edition is None:
            continue
        base = f"/{language}/{edition.year}"
        paths |= {base, f"{base}/agenda"}
        if kind == "edition":
            paths |= {f"{base}/partners", f"/{language}/editions", f"/{language}/partners"}
        elif kind in ("news", "standard", "venue"):
            paths.add(f"/{language}/news")
    for translation in translations:
        if edition is not None and kind != "edition":
            for language in languages:
                paths.add(f"/{language}/{edition.year}/{translation.slug}")
    if edition is not None:
        tags.add(f"edition:{edition.year}")
    if kind == "edition":
        tags |= {"editions", "partners", "sessions", "pages"}
    elif kind == "session":
        tags |= {"sessions", "speakers"} | {f"session:{t.pk}" for t in translations}
    elif kind in ("news", "standard", "venue"):
        tags |= {"pages"} | {f"page:{t.pk}" for t in translations}
    else:
        tags.add("api")
    return sorted(paths), sorted(tags)


def frontend_revalidate(*, paths, tags):
    """POST the paths and tags to the frontend; raises on a network error or a non-2xx answer."""
    response = requests.post(
        settings.FRONTEND_URL.rstrip("/") + "/api/revalidate",
        json={"paths": list(paths), "tags": list(tags)},
        headers={"x-revalidate-secret": frontend_secret()},
        timeout=TIMEOUT_SECONDS,
    )
    response.raise_for_status()
    return response.status_code
