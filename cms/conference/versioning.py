"""Which editions a public change touches: the scopes of cms.core.versions it bumps."""

from wagtail.models import Page

from cms.conference.index_selectors import EDITION_DEPTH, edition_path
from cms.conference.models import EditionPage, SessionSpeaker
from cms.core import versions

EDITION_PATH = EDITION_DEPTH * Page.steplen


def _years_of_paths(paths):
    prefixes = {edition_path(path) for path in paths if len(path) >= EDITION_PATH}
    if not prefixes:
        return set()
    return set(EditionPage.objects.filter(path__in=prefixes).values_list("year", flat=True))


def page_years(page):
    """Years of the edition holding `page` (itself, if an edition); None when the page is above
    the editions (the conference page: every edition shows it); empty for pages beside them."""
    if page.depth < EDITION_DEPTH:
        return None
    return _years_of_paths([page.path])


def change_years(change):
    """Edition years a change (cms.core.outbox.Change) touches, or None for every edition."""
    instance = change.instance
    if change.kind == "page":
        if change.reason == "move":
            return None  # the old place and the new one
        return page_years(instance)
    if change.kind == "person":
        paths = Page.objects.filter(
            pk__in=SessionSpeaker.objects.filter(
                person__translation_key=instance.translation_key
            ).values("session_id")
        ).values_list("path", flat=True)
        return _years_of_paths(paths)
    # Organisations (partners, speakers' affiliations) and topics/industries reach across
    # editions and change rarely.
    return None


def plan(change):
    years = change_years(change)
    scopes = versions.scopes_for_years(None if years is None else sorted(years))
    versions.bump_now_and_on_commit(scopes)
    return {"scopes": scopes, "at": versions.now()}


def deliver(part, event_id):
    versions.bump_if_older(part.get("scopes") or [], int(part.get("at") or 0))
