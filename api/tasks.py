"""Celery tasks of the delivery layer."""

import requests
from celery import shared_task
from wagtail.models import Page

from api import revalidation

# A frontend that is down or busy (429) is asked again, later and later.
RETRIES = {
    "acks_late": True,
    "autoretry_for": (requests.RequestException,),
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "max_retries": 5,
}


@shared_task(name="api.revalidate_frontend", **RETRIES)
def revalidate_frontend(page_id):
    """Refresh the frontend pages that show this page; idempotent (twice is harmless)."""
    if not revalidation.frontend_enabled():
        return None
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return None
    paths, tags = revalidation.revalidation_targets(page)
    revalidation.frontend_revalidate(paths=paths, tags=tags)
    return {"paths": paths, "tags": tags}


@shared_task(name="api.revalidate_paths", **RETRIES)
def revalidate_paths(paths, tags):
    """Refresh the given frontend paths and cache tags (a deleted page's); idempotent."""
    if not revalidation.frontend_enabled():
        return None
    revalidation.frontend_revalidate(paths=paths, tags=tags)
    return {"paths": paths, "tags": tags}
