"""Publishing -> frontend revalidation, queued when the transaction commits."""

import logging
from functools import partial

from django.db import transaction
from wagtail.signals import page_published, page_unpublished

from api import revalidation

log = logging.getLogger(__name__)


def _send(page_id):
    from api import tasks

    try:
        tasks.revalidate_frontend.delay(page_id)
    except Exception:  # a broker or frontend problem must never fail the editor's publish
        log.exception("could not queue frontend revalidation for page %s", page_id)


def on_page_change(sender, instance, **kwargs):
    if revalidation.frontend_enabled():
        transaction.on_commit(partial(_send, instance.pk), robust=True)


def connect():
    page_published.connect(on_page_change, dispatch_uid="api.revalidate.page_published")
    page_unpublished.connect(on_page_change, dispatch_uid="api.revalidate.page_unpublished")
