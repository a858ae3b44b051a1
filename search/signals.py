"""Content changes -> index updates, through the publish outbox (cms.core.outbox).

Every change collects the refs whose documents it touches (a session's speakers, an edition's
pages and partners, a topic's sessions...). `plan` runs in the editor's transaction: it marks
those documents "changing" (searches leave them out until the index has them) and puts their ids
in the change event; `deliver` applies them to every engine when the event's task runs. An engine
that is down keeps the updates for the replay (search.indexing).
"""

import logging

from django.db import transaction

from cms.conference import index_selectors as sources
from cms.core import outbox
from search import conf
from search.documents import Ref

log = logging.getLogger(__name__)


def send(refs):
    """Queue an index update outside the outbox (repairs of stale documents); applied here if
    the broker cannot take it."""
    from search import engines, indexing, tasks

    doc_ids = sorted({r.doc_id for r in refs})
    if not doc_ids:
        return
    refs = [Ref.parse(d) for d in doc_ids]
    try:
        tasks.sync_documents.apply_async(args=[doc_ids], queue=conf.task_queue())
        return
    except Exception:  # the broker is down: do the work here rather than lose it
        log.exception("could not queue %d index updates; applying them now", len(doc_ids))
    try:
        indexing.sync(refs)
    except Exception:  # keep the updates for the replay
        log.exception("could not apply %d index updates; kept for later", len(doc_ids))
        try:
            external = engines.external()
            for name in ["database"] + ([external.name] if external is not None else []):
                indexing.keep(name, refs)
        except Exception:
            log.exception("could not keep %d index updates", len(doc_ids))


def mark(refs):
    """Mark the documents of `refs` as changing; returns their ids (None: nothing to do)."""
    from search import indexing

    refs = set(refs)
    if not refs or not conf.enabled():
        return None
    try:
        with transaction.atomic():  # a failed insert must not break the editor's transaction
            indexing.mark_changing(refs)
    except Exception:  # the marks only narrow what searches show meanwhile
        log.exception("could not mark %d documents as changing", len(refs))
    return sorted(r.doc_id for r in refs)


# What a change touches


def page_refs(page, *, with_descendants=False):
    refs = {Ref("page", page.pk)}
    if with_descendants or sources.is_edition(page):
        refs |= {Ref("page", pk) for pk in sources.descendant_page_ids([page.pk])}
    # The other-language versions: whether an item has a public translation decides which
    # languages each version serves (search.documents.serves).
    refs |= {Ref("page", pk) for pk in sources.page_translation_ids([r.pk for r in refs])}
    page_ids = [r.pk for r in refs]
    refs |= {Ref("person", pk) for pk in sources.person_ids_in_sessions(page_ids)}
    refs |= {Ref("organisation", pk) for pk in sources.organisation_ids_of_editions(page_ids)}
    return refs


def person_refs(person):
    refs = {Ref("person", pk) for pk in sources.person_translation_ids(person)}
    refs |= {Ref("page", pk) for pk in sources.session_ids_with_people([person.translation_key])}
    return refs


def organisation_refs(organisation):
    refs = {Ref("organisation", pk) for pk in sources.organisation_translation_ids(organisation)}
    refs |= {
        Ref("person", pk)
        for pk in sources.person_ids_of_organisations([organisation.translation_key])
    }
    return refs


# The outbox consumer


def plan(change):
    """Document ids a change touches (cms.core.outbox.Change), marked as changing."""
    if not conf.enabled():
        return None
    instance = change.instance
    if change.kind == "page":
        if change.reason == "delete":
            refs = {Ref("page", instance.pk)}
            refs |= {
                Ref("page", pk)
                for pk in sources.page_ids_of_translation_keys([instance.translation_key])
            }
            refs |= {Ref("person", pk) for pk in sources.person_ids_in_sessions([instance.pk])}
        else:
            refs = page_refs(instance, with_descendants=change.subtree)
    elif change.kind == "person":
        refs = person_refs(instance)
    elif change.kind == "organisation":
        refs = organisation_refs(instance)
    elif change.kind == "taxonomy":
        refs = {
            Ref("page", pk)
            for pk in sources.page_ids_with_taxonomy(type(instance), instance.translation_key)
        }
    else:
        return None
    return mark(refs)


def deliver(doc_ids, event_id):
    """Apply the event's document updates to every engine (idempotent: documents are rebuilt
    from the content as it is now)."""
    from search import indexing

    indexing.sync([Ref.parse(doc_id) for doc_id in doc_ids or []])


def connect():
    outbox.register("search", plan=plan, deliver=deliver)
