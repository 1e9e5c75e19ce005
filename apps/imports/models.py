"""The record of every import: the stored file, its dry-run result and what became of it."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def upload_path(job: "ImportJob", filename: str) -> str:
    # The stored name carries no user input: the original name is kept in a field.
    suffix = ".xlsx" if filename.lower().endswith(".xlsx") else ".csv"
    return f"imports/{job.created_at:%Y/%m}/{job.uuid}{suffix}"


class ImportJob(models.Model):
    """One uploaded file for one import definition (e.g. "libraries").

    The dry run is stored (`counts`, `errors`, `changes`), and so is the file with
    its SHA-256, so the commit re-reads exactly the file that was checked and
    refuses one that changed in between. The record is itself the audit trail of
    the import; the rows it wrote have their own history with the import as reason.
    """

    class Status(models.TextChoices):
        CHECKED = "checked", _("Gecontroleerd, klaar om te importeren")
        INVALID = "invalid", _("Gecontroleerd, met fouten")
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig met importeren")
        COMMITTED = "committed", _("Geïmporteerd")
        FAILED = "failed", _("Mislukt, niets gewijzigd")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    definition = models.CharField(_("soort gegevens"), max_length=40)
    file = models.FileField(_("bestand"), upload_to=upload_path, max_length=300)
    original_name = models.CharField(_("bestandsnaam"), max_length=255)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"), default=0)
    sha256 = models.CharField(max_length=64)
    file_description = models.CharField(_("bestandsformaat"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CHECKED)
    rows = models.PositiveIntegerField(_("rijen"), default=0)
    to_create = models.PositiveIntegerField(_("te maken"), default=0)
    to_update = models.PositiveIntegerField(_("te wijzigen"), default=0)
    unchanged = models.PositiveIntegerField(_("ongewijzigd"), default=0)
    error_rows = models.PositiveIntegerField(_("rijen met fouten"), default=0)
    errors = models.JSONField(_("fouten"), default=list, blank=True)
    changes = models.JSONField(_("geplande wijzigingen"), default=list, blank=True)
    failure = models.TextField(_("reden van mislukken"), blank=True)
    progress = models.ForeignKey(
        "core.TaskProgress",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("voortgang"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("opgeladen door"),
    )
    created_at = models.DateTimeField(_("opgeladen op"))
    checked_at = models.DateTimeField(_("gecontroleerd op"), null=True, blank=True)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("geïmporteerd door"),
    )
    committed_at = models.DateTimeField(_("geïmporteerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.created_at:%d-%m-%Y %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("imports:job_detail", kwargs={"uuid": self.uuid})

    @property
    def definition_label(self) -> str:
        from .engine import get_definition

        definition = get_definition(self.definition)
        return str(definition.label) if definition else self.definition

    @property
    def can_commit(self) -> bool:
        return self.status == self.Status.CHECKED and self.error_rows == 0 and not self.errors

    @property
    def has_changes(self) -> bool:
        return bool(self.to_create or self.to_update)

    @property
    def is_busy(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}
