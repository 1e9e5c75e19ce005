import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TaskProgress(models.Model):
    """How far a background job is; the page polls it with htmx.

    The worker updates `done`/`total`/`message` as it goes; the estimate of the
    remaining time is derived from the elapsed time and the fraction done.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        DONE = "done", _("Klaar")
        FAILED = "failed", _("Mislukt")
        CANCELLED = "cancelled", _("Geannuleerd")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("taak"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("stappen"), default=0)
    done = models.PositiveIntegerField(_("gedaan"), default=0)
    message = models.CharField(_("bericht"), max_length=300, blank=True)
    result_url = models.CharField(_("resultaat"), max_length=500, blank=True)
    error = models.TextField(_("fout"), blank=True)
    cancel_requested = models.BooleanField(_("annulering gevraagd"), default=False)
    task_result_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED}

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def remaining_seconds(self) -> int | None:
        """Estimated seconds left, from the pace so far; None until there is a pace."""
        if self.is_finished or not self.started_at or not self.done or not self.total:
            return None
        elapsed = (timezone.now() - self.started_at).total_seconds()
        left = max(self.total - self.done, 0)
        return max(int(round(elapsed / self.done * left)), 0)
