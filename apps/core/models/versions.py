"""The version of the content that cached pages were rendered from (see apps.core.page_cache)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """A single row whose token is replaced whenever a record of a versioned app is written.

    Written by signal handlers and by `page_cache.mark_changed()`, never by people.
    """

    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("versie van de inhoud")
        verbose_name_plural = _("versies van de inhoud")

    def __str__(self) -> str:
        return str(self.token)
