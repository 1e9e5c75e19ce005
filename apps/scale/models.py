"""Scale scenarios (schaalscenario's): a saved regionalisation of municipalities with how it was made."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Territory(models.TextChoices):
    FLANDERS = "flanders", _("Heel Vlaanderen")
    PROVINCE = "province", _("Een provincie")
    REFERENTIEREGIOS = "referentieregios", _("Een of meer referentieregio's")


class Method(models.TextChoices):
    MAX_P = "max_p", _("Zoveel mogelijk regio's boven een bevolkingsondergrens (max-p)")
    BALANCED = "balanced", _("Een vast aantal regio's met gelijke bevolking (evenwichtig)")


class ScenarioStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")
    CANCELLED = "cancelled", _("Geannuleerd")


class Scenario(models.Model):
    """A regionalisation of the municipalities of a territory, with its parameters, seed and result.

    `assignment` maps each municipality's NIS code to a region number (1…p);
    `result` holds the figures computed when the run finished (per region and
    overall), so that the scenario keeps telling the same story later.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    territory = models.CharField(_("gebied"), max_length=20, choices=Territory.choices, default=Territory.FLANDERS)
    territory_codes = models.JSONField(_("codes van het gebied"), default=list, blank=True)
    territory_label = models.CharField(_("gebied (omschrijving)"), max_length=300, blank=True)
    method = models.CharField(_("methode"), max_length=12, choices=Method.choices, default=Method.MAX_P)
    population_floor = models.PositiveIntegerField(_("bevolkingsondergrens"), null=True, blank=True)
    min_libraries = models.PositiveSmallIntegerField(_("minimum aantal bibliotheken per regio"), default=0)
    region_count = models.PositiveSmallIntegerField(_("aantal regio's"), null=True, blank=True)
    max_spread_percent = models.FloatField(_("maximale spreiding (%)"), null=True, blank=True)
    respect_referentieregios = models.BooleanField(_("binnen de grenzen van de referentieregio's"), default=False)
    start_from_cooperations = models.BooleanField(_("vertrekken van de huidige samenwerkingsverbanden"), default=False)
    seed = models.PositiveIntegerField(_("startwaarde (seed)"), default=1)
    reference_date = models.DateField(_("toestand op"))
    method_version = models.CharField(_("versie van de methode"), max_length=60)
    status = models.CharField(_("status"), max_length=12, choices=ScenarioStatus.choices, default=ScenarioStatus.QUEUED)
    progress = models.ForeignKey(
        "core.TaskProgress", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("taak")
    )
    assignment = models.JSONField(_("indeling"), default=dict, blank=True)
    result = models.JSONField(_("resultaat"), default=dict, blank=True)
    run_seconds = models.FloatField(_("rekentijd (s)"), null=True, blank=True)
    error = models.TextField(_("fout"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gemaakt door"),
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    history = HistoricalRecords(excluded_fields=["assignment", "result"])

    class Meta:
        verbose_name = _("schaalscenario")
        verbose_name_plural = _("schaalscenario's")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(method="max_p") | Q(population_floor__gte=1),
                name="scenario_max_p_has_floor",
                violation_error_message=_("Een max-p-scenario heeft een bevolkingsondergrens nodig."),
            ),
            models.CheckConstraint(
                condition=~Q(method="balanced") | Q(region_count__gte=1),
                name="scenario_balanced_has_k",
                violation_error_message=_("Een evenwichtig scenario heeft een aantal regio's nodig."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("scale:scenario_detail", kwargs={"uuid": self.uuid})

    @property
    def is_finished(self) -> bool:
        return self.status in {ScenarioStatus.DONE, ScenarioStatus.FAILED, ScenarioStatus.CANCELLED}

    @property
    def regions_found(self) -> int | None:
        return self.result.get("summary", {}).get("regions") if self.result else None

    @property
    def spread_percent(self) -> float | None:
        value = self.result.get("summary", {}).get("spread") if self.result else None
        return None if value is None else round(100 * value, 1)
