"""Content changes -> index updates, started when the transaction commits.

Every change collects the refs whose documents it touches (a session's speakers, an edition's
pages and partners, a topic's sessions...). Refs of one transaction are sent as one Celery task
when it commits; nothing is sent if it rolls back. If the task cannot be queued (broker down), the
update runs in-process so that it is not lost.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save, pre_delete
from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from cms.conference.models import EditionPage, SessionPage
from cms.people.models import Industry, Organisation, Person, Topic
from search import conf, sources
from search.documents import Ref

log = logging.getLogger(__name__)


def send(refs):
    from search import indexing, tasks

    doc_ids = sorted({r.doc_id for r in refs})
    if not doc_ids:
        return
    try:
        tasks.sync_documents.apply_async(args=[doc_ids], queue=conf.task_queue())
    except Exception:  # the broker is down: do the work here rather than lose it
        log.exception("could not queue %d index updates; applying them now", len(doc_ids))
        indexing.sync([Ref.parse(d) for d in doc_ids])


class _Batch:
    def __init__(self):
        self.refs = set()

    def __call__(self):
        send(self.refs)


def enqueue(refs):
    """Update the documents of `refs` once the current transaction commits."""
    refs = set(refs)
    if not refs or not conf.enabled():
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        send(refs)
        return
    batch = getattr(connection, "_search_batch", None)
    if batch is None or not any(entry[1] is batch for entry in connection.run_on_commit):
        batch = _Batch()
        connection._search_batch = batch
        transaction.on_commit(batch)
    batch.refs.update(refs)


# What a change touches


def page_refs(page, *, with_descendants=False):
    refs = {Ref("page", page.pk)}
    specific_class = page.specific_class
    if with_descendants or specific_class is EditionPage:
        refs |= {Ref("page", pk) for pk in sources.descendant_page_ids([page.pk])}
    session_ids = [r.pk for r in refs]
    refs |= {Ref("person", pk) for pk in sources.person_ids_in_sessions(session_ids)}
    if specific_class is EditionPage:
        refs |= {Ref("organisation", pk) for pk in sources.organisation_ids_of_editions([page.pk])}
    return refs


def person_refs(person):
    refs = {Ref("person", pk) for pk in _translations(Person, person)}
    refs |= {Ref("page", pk) for pk in sources.session_ids_with_people([person.translation_key])}
    return refs


def organisation_refs(organisation):
    refs = {Ref("organisation", pk) for pk in _translations(Organisation, organisation)}
    refs |= {
        Ref("person", pk)
        for pk in sources.person_ids_of_organisations([organisation.translation_key])
    }
    return refs


def _translations(model, obj):
    ids = set(
        model.objects.filter(translation_key=obj.translation_key).values_list("pk", flat=True)
    )
    return ids | {obj.pk}


# Receivers


def on_page_change(sender, instance, **kwargs):
    enqueue(page_refs(instance))


def on_page_move(sender, instance, **kwargs):
    enqueue(page_refs(instance, with_descendants=True))


def on_snippet_change(sender, instance, **kwargs):
    if isinstance(instance, Person):
        enqueue(person_refs(instance))
    elif isinstance(instance, Organisation):
        enqueue(organisation_refs(instance))


def on_taxonomy_save(sender, instance, **kwargs):
    enqueue(
        Ref("page", pk) for pk in sources.page_ids_with_taxonomy(sender, instance.translation_key)
    )


def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        refs = {Ref("page", instance.pk)}
        if isinstance(instance, SessionPage) or instance.content_type.model == "sessionpage":
            refs |= {Ref("person", pk) for pk in sources.person_ids_in_sessions([instance.pk])}
        enqueue(refs)
    elif isinstance(instance, Person | Organisation):
        on_snippet_change(sender, instance)
    elif isinstance(instance, Topic | Industry):
        on_taxonomy_save(type(instance), instance)


def connect():
    page_published.connect(on_page_change, dispatch_uid="search.page_published")
    page_unpublished.connect(on_page_change, dispatch_uid="search.page_unpublished")
    post_page_move.connect(on_page_move, dispatch_uid="search.post_page_move")
    for model in (Person, Organisation):
        published.connect(on_snippet_change, sender=model, dispatch_uid=f"search.pub.{model}")
        unpublished.connect(on_snippet_change, sender=model, dispatch_uid=f"search.unpub.{model}")
    for model in (Topic, Industry):
        post_save.connect(on_taxonomy_save, sender=model, dispatch_uid=f"search.save.{model}")
    pre_delete.connect(on_delete, dispatch_uid="search.pre_delete")
