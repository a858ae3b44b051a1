"""Changes of public content -> frontend revalidation by cache tag, through the publish outbox
(cms.core.outbox): the tags are worked out in the editor's transaction (a deleted page's too) and
sent when the event is delivered. A frontend that is down is asked again with backoff."""

from api import revalidation
from cms.core import outbox


def plan(change):
    if not revalidation.frontend_enabled():
        return None
    return revalidation.change_tags(change)


def deliver(tags, event_id):
    if tags and revalidation.frontend_enabled():
        revalidation.frontend_revalidate(tags=tags, event_id=event_id)


def connect():
    outbox.register("frontend", plan=plan, deliver=deliver)
