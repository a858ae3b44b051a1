"""Which cache tags of the frontend a change touches, and the call that expires them.

The site tags every API fetch (frontend/src/lib/api.ts): "edition:2027", "session:41",
"speaker:7", "page:12", collections ("sessions", "speakers", "partners", "pages", "editions",
"search") and "api" on all of them. Expiring a tag re-renders every route that used it, so the
backend names content, never the site's routes.
"""

import logging

import requests
from django.conf import settings

from cms.conference import index_selectors as sources
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


def page_tags(page):
    """Tags of the frontend data that shows `page`, in every language it exists in."""
    page = page.specific
    kind = page_type(page)
    edition = _edition_of(page)
    translations = list(page.get_translations(inclusive=True))
    tags = {"search"}
    if edition is not None:
        tags.add(f"edition:{edition.year}")
    if kind == "edition":
        tags |= {"editions", "partners", "sessions", "pages", "speakers"}
    elif kind == "session":
        tags |= {"sessions", "speakers"} | {f"session:{t.pk}" for t in translations}
    elif kind in ("news", "standard", "venue"):
        tags |= {"pages"} | {f"page:{t.pk}" for t in translations}
    else:
        tags.add("api")
    return sorted(tags)


def change_tags(change):
    """Tags a change (cms.core.outbox.Change) touches."""
    instance = change.instance
    if change.kind == "page":
        return page_tags(instance)
    if change.kind == "person":
        people = sources.person_translation_ids(instance)
        sessions = sources.session_ids_with_people([instance.translation_key])
        return sorted(
            {"speakers", "sessions", "search"}
            | {f"speaker:{pk}" for pk in people}
            | {f"session:{pk}" for pk in sessions}
        )
    # An organisation shows on partner lists, editions, speakers and sessions; a topic or an
    # industry on sessions and filters everywhere: rare changes, so every cached API answer.
    return ["api"]


def frontend_nodes():
    """Base URLs of the site's nodes (FRONTEND_REVALIDATE_URL, comma-separated): each keeps its
    own data cache, so each is told."""
    urls = settings.FRONTEND_REVALIDATE_URL.split(",")
    return [url.strip().rstrip("/") for url in urls if url.strip()]


def frontend_revalidate(*, tags, event_id=""):
    """POST the tags to every site node; raises, after trying them all, on a network error or a
    non-2xx answer from any (a repeat is harmless: expiring a tag twice changes nothing)."""
    failures = []
    for url in frontend_nodes():
        try:
            response = requests.post(
                url + "/api/revalidate",
                json={"tags": list(tags)},
                headers={"x-revalidate-secret": frontend_secret(), "x-change-event": event_id},
                timeout=TIMEOUT_SECONDS,
            )
            response.raise_for_status()
        except requests.RequestException as exc:
            failures.append(exc)
    if failures:
        raise failures[0]
