"""Bookkeeping shared by the cms apps."""

import uuid

from django.db import models


class DemoRecord(models.Model):
    """One object the demo loader created, by its stable demo identity.

    The loader gives every demo object a translation key derived from `key` (uuid5), so it finds
    its objects again however an editor renames them. A record whose object is gone means an
    editor deleted it: a re-run leaves it deleted. Any record at all marks the database as
    holding the demo conference.
    """

    key = models.CharField(max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "demo record"
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

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    subject = models.CharField(max_length=64)
    reason = models.CharField(max_length=16)
    payload = models.JSONField(default=dict)
    pending = models.JSONField(default=list)
    attempts = models.PositiveIntegerField(default=0)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = "change event"
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
