"""Bookkeeping shared by the cms apps."""

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
