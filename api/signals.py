"""Changes of what the public may see -> frontend revalidation, queued when the transaction
commits. A broker or frontend problem never fails the editor's publish."""

import logging
from functools import partial

from django.db import transaction

from api import revalidation
from cms.core.changes import visibility_changed

log = logging.getLogger(__name__)


def _send(task, *args):
    try:
        task.delay(*args)
    except Exception:  # the broker is down: the frontend refreshes on its own cache timeout
        log.exception("could not queue frontend revalidation (%s)", task.name)


def on_visibility_change(sender, page, subtree, reason, **kwargs):
    from api import tasks

    if not revalidation.frontend_enabled():
        return
    if reason == "delete":
        # The page is gone once the transaction commits: work out what showed it now.
        try:
            paths, tags = revalidation.revalidation_targets(page)
        except Exception:
            log.exception("could not work out what showed deleted page %s", page.pk)
            return
        transaction.on_commit(partial(_send, tasks.revalidate_paths, paths, tags), robust=True)
        return
    transaction.on_commit(partial(_send, tasks.revalidate_frontend, page.pk), robust=True)


def connect():
    visibility_changed.connect(on_visibility_change, dispatch_uid="api.revalidate.visibility")
