"""Bookkeeping shared by the cms apps."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoRecord(models.Model):
    """One object the demo loader created, by its stable demo identity.

    The loader gives every demo object a translation key derived from `key` (uuid5), so it finds
    its objects again however an editor renames them. A record whose object is gone means an
    editor deleted it: a re-run leaves it deleted. Any record at all marks the database as
    holding the demo conference.
    """

    key = models.CharField(_("demo key"), max_length=255, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("demo record")
        verbose_name_plural = _("demo records")
        ordering = ["pk"]

    def __str__(self):
        return self.key


class ChangeEvent(models.Model):
    """One change of public content, written in the transaction that made it (the outbox).

    `payload` holds, per consumer (the search index, the frontend, later webhooks), what that
    consumer needs to apply the change, worked out when it happened (a deleted page's
    dependants cannot be found afterwards). `pending` lists the consumers that have not had it
    yet; delivery removes each name once its consumer succeeded, so a repeated delivery of the
    same event does nothing twice.
    """

    id = models.UUIDField(_("identifier"), primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    subject = models.CharField(_("subject"), max_length=64)
    reason = models.CharField(_("reason"), max_length=16)
    payload = models.JSONField(_("payload"), default=dict)
    pending = models.JSONField(_("consumers pending"), default=list)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    dispatched_at = models.DateTimeField(_("queued"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("change event")
        verbose_name_plural = _("change events")
        ordering = ["created_at"]
        indexes = [
            models.Index(
                fields=["created_at"],
                name="core_change_undelivered",
                condition=models.Q(delivered_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.reason} {self.subject}"
