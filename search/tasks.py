"""Celery tasks of the search app."""

from celery import shared_task
from django.db import OperationalError

from search import indexing
from search.documents import Ref


@shared_task(
    name="search.sync_documents",
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def sync_documents(doc_ids):
    """Rebuild (or remove) the documents with these ids in every engine."""
    return indexing.sync([Ref.parse(doc_id) for doc_id in doc_ids])


@shared_task(name="search.replay_pending", acks_late=True)
def replay_pending():
    """Apply the updates the external engine missed while it was down."""
    return indexing.replay()


@shared_task(name="search.check_consistency", acks_late=True)
def check_consistency():
    """Nightly: compare the index with the published content and repair what drifted."""
    return indexing.check_consistency(repair=True)
