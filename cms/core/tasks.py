"""Celery tasks of the cms: the outbox's fan-out and sweep, Wagtail's scheduled publishing."""

import logging

from celery import shared_task
from django.core.management import call_command

from cms.core import outbox

log = logging.getLogger(__name__)


@shared_task(
    bind=True,
    name="core.deliver_change",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=8,
)
def deliver_change(self, event_id):
    """Fan one change event out to its pending consumers; retried with backoff for the ones
    that failed (2 s, 4 s ... up to 5 minutes), then left to the sweep."""
    try:
        return outbox.deliver(event_id)
    except outbox.DeliveryIncomplete as exc:
        if self.request.is_eager:  # no worker (the demo): the sweep or the next change will
            log.warning("change event %s not fully delivered: %s", event_id, exc)
            return None
        raise self.retry(exc=exc, countdown=min(2 ** (self.request.retries + 1), 300)) from exc


@shared_task(name="core.sweep_outbox", acks_late=True)
def sweep_outbox():
    """Queue again the change events the broker never took or whose task was lost."""
    return outbox.sweep()


@shared_task(name="core.publish_scheduled", acks_late=True)
def publish_scheduled():
    """Wagtail's scheduled publishing: pages and snippets whose go-live time has come are
    published, expired ones unpublished (each change goes through the outbox)."""
    call_command("publish_scheduled", verbosity=0)
