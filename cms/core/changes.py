"""Every change of what the public may see becomes one outbox event (cms.core.outbox).

Wagtail sends separate signals for publishing, unpublishing and moving pages, for publishing
snippets, and none when an editor adds or removes a view restriction (password, login or groups)
under Privacy. They all end here, so a new kind of change is added once and every reader that
keeps a copy of public content (the API's response cache, the search index, the frontend's
cache, webhooks) hears of it.

Pages: reasons "publish", "unpublish", "move", "privacy", "delete" (recorded before the page is
gone, so consumers can still see what showed it); `subtree` is True when descendants changed
with the page (a move, a restriction). People and organisations: "publish", "unpublish",
"delete". Topics and industries (no drafts): "save", "delete".
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from cms.core import outbox
from cms.core.outbox import Change


def _page(page, *, subtree, reason):
    outbox.record(Change("page", page, reason, subtree))


def _published(sender, instance, **kwargs):
    _page(instance, subtree=False, reason="publish")


def _unpublished(sender, instance, **kwargs):
    _page(instance, subtree=False, reason="unpublish")


def _moved(sender, instance, **kwargs):
    _page(instance, subtree=True, reason="move")


def _restriction(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _page(page, subtree=True, reason="privacy")


def _kind(instance):
    from cms.conference.index_selectors import snippet_kind

    return snippet_kind(instance)


def _snippet(reason):
    def receiver(sender, instance, **kwargs):
        kind = _kind(instance)
        if kind is not None:
            outbox.record(Change(kind, instance, reason))

    return receiver


_snippet_published = _snippet("publish")
_snippet_unpublished = _snippet("unpublish")
_taxonomy_saved = _snippet("save")


def _deleting(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _page(instance, subtree=False, reason="delete")
        return
    kind = _kind(instance)
    if kind is not None:
        outbox.record(Change(kind, instance, "delete"))


def connect():
    from cms.conference import versioning
    from cms.conference.index_selectors import SNIPPET_MODELS, TAXONOMY_MODELS

    # The content versions behind the API's ETags and response cache (cms.core.versions).
    outbox.register("versions", plan=versioning.plan, deliver=versioning.deliver)

    page_published.connect(_published, dispatch_uid="core.changes.page_published")
    page_unpublished.connect(_unpublished, dispatch_uid="core.changes.page_unpublished")
    post_page_move.connect(_moved, dispatch_uid="core.changes.page_moved")
    post_save.connect(_restriction, sender=PageViewRestriction, dispatch_uid="core.changes.vr_save")
    post_delete.connect(
        _restriction, sender=PageViewRestriction, dispatch_uid="core.changes.vr_delete"
    )
    pre_delete.connect(_deleting, dispatch_uid="core.changes.deleting")
    for model in SNIPPET_MODELS:
        label = model._meta.label_lower
        published.connect(_snippet_published, sender=model, dispatch_uid=f"core.pub.{label}")
        unpublished.connect(_snippet_unpublished, sender=model, dispatch_uid=f"core.unpub.{label}")
    for model in TAXONOMY_MODELS:
        label = model._meta.label_lower
        post_save.connect(_taxonomy_saved, sender=model, dispatch_uid=f"core.save.{label}")
