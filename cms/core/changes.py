"""One signal for every change of what the public may see of a page.

Wagtail sends separate signals for publishing, unpublishing and moving, and none when an editor
adds or removes a view restriction (password, login or groups) under Privacy. Readers that keep
copies of public content (the search index, the frontend's cache) connect to
`visibility_changed` instead, so a new kind of change is added here once.

`visibility_changed` is sent with `page` (the page whose visibility changed), `subtree` (True when
its descendants changed with it: a move, a restriction, an edition) and `reason` ("publish",
"unpublish", "move", "privacy", "delete"). For "delete" it is sent before the page is gone.
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import Signal
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

visibility_changed = Signal()


def _send(page, *, subtree, reason):
    visibility_changed.send(sender=type(page), page=page, subtree=subtree, reason=reason)


def _published(sender, instance, **kwargs):
    _send(instance, subtree=False, reason="publish")


def _unpublished(sender, instance, **kwargs):
    _send(instance, subtree=False, reason="unpublish")


def _moved(sender, instance, **kwargs):
    _send(instance, subtree=True, reason="move")


def _restriction(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _send(page, subtree=True, reason="privacy")


def _deleting(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _send(instance, subtree=False, reason="delete")


def connect():
    page_published.connect(_published, dispatch_uid="core.visibility.published")
    page_unpublished.connect(_unpublished, dispatch_uid="core.visibility.unpublished")
    post_page_move.connect(_moved, dispatch_uid="core.visibility.moved")
    post_save.connect(_restriction, sender=PageViewRestriction, dispatch_uid="core.vr.save")
    post_delete.connect(_restriction, sender=PageViewRestriction, dispatch_uid="core.vr.delete")
    pre_delete.connect(_deleting, dispatch_uid="core.visibility.deleting")
