"""Uploaded files, attached to any object.

Files are stored under MEDIA_ROOT (outside the static root, no public URL) and
served only by `core:attachment_download`, which checks the `view` permission
on the owning object.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"attachments/{instance.content_type_id}/{instance.uuid}/{filename}"


class Attachment(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("bestand"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("bestandsnaam"), max_length=255)
    content_type_sniffed = models.CharField(_("bestandstype"), max_length=100)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    description = models.CharField(_("omschrijving"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("opgeladen door"),
    )
    uploaded_at = models.DateTimeField(_("opgeladen op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["-uploaded_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.original_name


class AttachmentRelation(GenericRelation):
    """`attachments = AttachmentRelation()` lets a model carry attachments."""

    def __init__(self, **kwargs):
        kwargs.setdefault("related_query_name", "+")
        super().__init__(Attachment, content_type_field="content_type", object_id_field="object_id", **kwargs)
