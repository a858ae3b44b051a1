"""Content changes -> index updates, started when the transaction commits.

Every change collects the refs whose documents it touches (a session's speakers, an edition's
pages and partners, a topic's sessions...). Refs of one transaction are sent as one Celery task
when it commits; nothing is sent if it rolls back. If the task cannot be queued (broker down), the
update runs in-process so that it is not lost.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save, pre_delete
from wagtail.signals import published, unpublished

from cms.conference import index_selectors as sources
from cms.core.changes import visibility_changed
from search import conf
from search.documents import Ref

log = logging.getLogger(__name__)


def send(refs):
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
    except Exception:  # never fail the editor's publish: keep the updates for the replay
        log.exception("could not apply %d index updates; kept for later", len(doc_ids))
        try:
            external = engines.external()
            for name in ["database"] + ([external.name] if external is not None else []):
                indexing.keep(name, refs)
        except Exception:
            log.exception("could not keep %d index updates", len(doc_ids))


class _Batch:
    def __init__(self):
        self.refs = set()
        self.sent = False

    def __call__(self):
        self.sent = True
        send(self.refs)


def enqueue(refs):
    """Update the documents of `refs` once the current transaction commits."""
    from search import indexing

    refs = set(refs)
    if not refs or not conf.enabled():
        return
    try:
        with transaction.atomic():  # a failed insert must not break the editor's transaction
            indexing.mark_changing(refs)
    except Exception:  # the marks only narrow what searches show meanwhile
        log.exception("could not mark %d documents as changing", len(refs))
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        send(refs)
        return
    batch = getattr(connection, "_search_batch", None)
    if (
        batch is None
        or batch.sent
        or not any(entry[1] is batch for entry in connection.run_on_commit)
    ):
        batch = _Batch()
        connection._search_batch = batch
        transaction.on_commit(batch, robust=True)
    batch.refs.update(refs)


# What a change touches


def page_refs(page, *, with_descendants=False):
    refs = {Ref("page", page.pk)}
    if with_descendants or sources.is_edition(page):
        refs |= {Ref("page", pk) for pk in sources.descendant_page_ids([page.pk])}
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


# Receivers


def on_visibility_change(sender, page, subtree, reason, **kwargs):
    """Publish, unpublish, move, privacy change or delete of a page (cms.core.changes)."""
    if reason == "delete":
        refs = {Ref("page", page.pk)}
        refs |= {Ref("person", pk) for pk in sources.person_ids_in_sessions([page.pk])}
        enqueue(refs)
    else:
        enqueue(page_refs(page, with_descendants=subtree))


def on_snippet_change(sender, instance, **kwargs):
    kind = sources.snippet_kind(instance)
    if kind == "person":
        enqueue(person_refs(instance))
    elif kind == "organisation":
        enqueue(organisation_refs(instance))


def on_taxonomy_save(sender, instance, **kwargs):
    enqueue(
        Ref("page", pk) for pk in sources.page_ids_with_taxonomy(sender, instance.translation_key)
    )


def on_delete(sender, instance, **kwargs):
    kind = sources.snippet_kind(instance)
    if kind in ("person", "organisation"):
        on_snippet_change(sender, instance)
    elif kind == "taxonomy":
        on_taxonomy_save(type(instance), instance)


def connect():
    visibility_changed.connect(on_visibility_change, dispatch_uid="search.visibility")
    for model in sources.SNIPPET_MODELS:
        published.connect(on_snippet_change, sender=model, dispatch_uid=f"search.pub.{model}")
        unpublished.connect(on_snippet_change, sender=model, dispatch_uid=f"search.unpub.{model}")
    for model in sources.TAXONOMY_MODELS:
        post_save.connect(on_taxonomy_save, sender=model, dispatch_uid=f"search.save.{model}")
    pre_delete.connect(on_delete, dispatch_uid="search.pre_delete")
