"""The version of the content that cached pages were rendered from (see apps.core.page_cache)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """A single row (pk 1) whose counter moves whenever a versioned table is written.

    Database triggers on every versioned table and every history table add one to
    `counter` (ADR 0008); `page_cache.mark_changed()` does the same for changes the
    triggers cannot see. The token is drawn when the row is created, so a row that
    is deleted and created again never gives a version that was used before.
    Never written by people.
    """

    token = models.UUIDField(default=uuid.uuid4)
    counter = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("versie van de inhoud")
        verbose_name_plural = _("versies van de inhoud")

    def __str__(self) -> str:
        return f"{self.token}:{self.counter}"
