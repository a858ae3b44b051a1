"""Content versions: a number that changes whenever what the public may see changes.

Four kinds of version live in the cache (Redis in production, shared by every process):

- `edition:<year>`: one edition's pages (the edition, its sessions, rooms, tracks, partners) and the
  people and organisations they show;
- `editions`: a generation every edition-scoped version includes, so that a change reaching every
  edition (the conference page, an organisation, a topic) is one bump;
- `all`: anything public; cross-edition lists, details and GraphQL read it;
- `search`: the search index (bumped by the search layer when it has written documents).

A version is a time in microseconds, so it also gives Last-Modified; a bump never goes back (a new
value is above the old one even if clocks differ). A version that is missing (a new cache, an
evicted key) starts at the current time: answers are rendered again, never served stale.

The publish outbox (cms.core.outbox) tells this module of every public change: the versions it
touches are bumped at once, in the editor's transaction (reads in that transaction see the change),
again when the transaction commits (whatever was rendered from the old content meanwhile is left
behind), and once more by the event's delivery if neither took effect (the cache was unreachable).
"""

import datetime
import functools
import logging
import time
from functools import partial

from django.core.cache import cache
from django.db import transaction

log = logging.getLogger(__name__)

PREFIX = "content-version:"
ALL = "all"
EDITIONS = "editions"
SEARCH = "search"
# Versions are kept a long time; losing one only costs a render.
TIMEOUT = 60 * 60 * 24 * 90


def edition(year):
    return f"edition:{int(year)}"


def now():
    return time.time_ns() // 1000


def _key(scope):
    return PREFIX + scope


def current(*scopes):
    """The versions of `scopes` as a dict, or None when the cache cannot keep them."""
    keys = [_key(scope) for scope in scopes]
    try:
        found = cache.get_many(keys)
        missing = [key for key in keys if key not in found]
        if missing:
            start = now()
            for key in missing:
                cache.add(key, start, TIMEOUT)
            found.update(cache.get_many(missing))
    except Exception:  # an unreachable cache: answer without versions
        log.warning("content versions unavailable", exc_info=True)
        return None
    if any(key not in found for key in keys):
        return None
    return {scope: int(found[_key(scope)]) for scope in scopes}


def as_datetime(version):
    return datetime.datetime.fromtimestamp(version / 1_000_000, tz=datetime.UTC)


def bump(scopes):
    """Move each scope to a new version (above the current one and at least now)."""
    scopes = sorted(set(scopes))
    if not scopes:
        return
    try:
        old = cache.get_many([_key(scope) for scope in scopes])
        moment = now()
        cache.set_many(
            {_key(scope): max(moment, int(old.get(_key(scope), 0)) + 1) for scope in scopes},
            TIMEOUT,
        )
    except Exception:
        log.warning("could not bump content versions %s", scopes, exc_info=True)


def invalidate_all():
    """Every cached answer is stale: after a bulk load or an import that bypassed publishing."""
    bump([ALL, EDITIONS, SEARCH])


def scopes_for_years(years):
    """The scopes a change of these edition years touches; `None` for every edition."""
    if years is None:
        return [ALL, EDITIONS]
    return [ALL, *(edition(year) for year in years)]


def bump_now_and_on_commit(scopes):
    bump(scopes)
    transaction.on_commit(partial(bump, scopes), robust=True)


def bump_if_older(scopes, since):
    """Bump the scopes whose version is older than `since` (microseconds): the delivery of an
    event whose own bumps did not take effect."""
    versions = current(*scopes) or {}
    stale = [scope for scope in scopes if versions.get(scope, 0) < since]
    bump(stale)
    return stale


def invalidates_answers(handle):
    """For management commands that write content in bulk, outside Wagtail's publishing signals:
    whatever they changed, answers cached before are stale afterwards."""

    @functools.wraps(handle)
    def wrapper(*args, **kwargs):
        try:
            return handle(*args, **kwargs)
        finally:
            invalidate_all()

    return wrapper
