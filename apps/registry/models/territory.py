"""Territory: units in a code scheme, with levels, parents, validity and groupings.

The Flemish data (NIS codes, provinces, arrondissements, referentieregio's) is
the first data set, not the model: a Dutch POI loads CBS codes and a German
Fachstelle AGS codes into the same tables with another `scheme`.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.urls_cache import cached_reverse


class TerritorialLevel(models.TextChoices):
    REGION = "region", _("Gewest")
    PROVINCE = "province", _("Provincie")
    ARRONDISSEMENT = "arrondissement", _("Arrondissement")
    MUNICIPALITY = "municipality", _("Gemeente")


class TerritorialUnitQuerySet(models.QuerySet):
    def municipalities(self) -> "TerritorialUnitQuerySet":
        return self.filter(level=TerritorialLevel.MUNICIPALITY)

    def valid_on(self, day) -> "TerritorialUnitQuerySet":
        """Units that existed on `day` (valid_until is the last day included)."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


class TerritorialUnit(models.Model):
    """A region, province, arrondissement or municipality, identified by its code within a scheme."""

    scheme = models.CharField(_("codestelsel"), max_length=10, default="nis")
    code = models.CharField(_("code"), max_length=20)
    level = models.CharField(_("niveau"), max_length=20, choices=TerritorialLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("valt onder")
    )
    name_nl = models.CharField(_("naam"), max_length=120)
    name_fr = models.CharField(_("naam (Frans)"), max_length=120, blank=True)
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    area_km2 = models.DecimalField(_("oppervlakte (km²)"), max_digits=9, decimal_places=2, null=True, blank=True)
    area_source = models.CharField(_("bron oppervlakte"), max_length=200, blank=True)
    boundary = models.JSONField(_("grens (GeoJSON)"), null=True, blank=True)
    # Bounding box and a representative point, derived from the boundary when loaded,
    # so that lists and point checks need no geometry library.
    bbox = models.JSONField(_("omhullende rechthoek"), null=True, blank=True)
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)

    objects = TerritorialUnitQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["boundary"])

    class Meta:
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        ordering = ["name_nl"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="territorial_unit_unique_code"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="territorial_unit_valid_period",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            ),
        ]
        indexes = [models.Index(fields=["level", "name_nl"])]

    def __str__(self) -> str:
        return self.name_nl

    def get_absolute_url(self) -> str:
        return cached_reverse("registry:municipality_detail", code=self.code)

    @property
    def nis_code(self) -> str:
        return self.code


class Population(models.Model):
    """Inhabitants of a unit on a reference date (from a named source)."""

    unit = models.ForeignKey(
        TerritorialUnit, on_delete=models.CASCADE, related_name="populations", verbose_name=_("gebied")
    )
    reference_date = models.DateField(_("peildatum"))
    value = models.PositiveIntegerField(_("inwoners"))
    source = models.CharField(_("bron"), max_length=200)
    note = models.CharField(_("opmerking"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("bevolkingscijfer")
        verbose_name_plural = _("bevolkingscijfers")
        ordering = ["unit", "-reference_date"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "reference_date"], name="population_unique_per_date"),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.value} ({self.reference_date:%Y-%m-%d})"


class TerritorialChange(models.Model):
    """A merger (or split, or rename): predecessors → successors on a date."""

    class Kind(models.TextChoices):
        MERGER = "merger", _("Fusie")
        SPLIT = "split", _("Splitsing")
        RENAME = "rename", _("Naamswijziging")

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.MERGER)
    effective_date = models.DateField(_("datum"))
    predecessors = models.ManyToManyField(
        TerritorialUnit, related_name="changes_as_predecessor", verbose_name=_("voorgangers")
    )
    successors = models.ManyToManyField(
        TerritorialUnit, related_name="changes_as_successor", verbose_name=_("opvolgers")
    )
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)
    source = models.CharField(_("bron"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("gebiedswijziging")
        verbose_name_plural = _("gebiedswijzigingen")
        ordering = ["-effective_date", "description"]

    def __str__(self) -> str:
        return self.description or f"{self.get_kind_display()} {self.effective_date}"


class Grouping(models.Model):
    """A named set of units of one kind, e.g. a referentieregio."""

    kind = models.SlugField(_("soort"), max_length=40)
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("omschrijving"), blank=True)
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    units = models.ManyToManyField(
        TerritorialUnit, through="GroupingMembership", related_name="groupings", verbose_name=_("gebieden")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("groepering")
        verbose_name_plural = _("groeperingen")
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="grouping_unique_code")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return cached_reverse("registry:grouping_detail", kind=self.kind, code=self.code)


class GroupingMembership(models.Model):
    grouping = models.ForeignKey(Grouping, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(TerritorialUnit, on_delete=models.CASCADE, related_name="grouping_memberships")
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)

    class Meta:
        verbose_name = _("lid van groepering")
        verbose_name_plural = _("leden van groepering")
        constraints = [
            models.UniqueConstraint(fields=["grouping", "unit", "valid_from"], name="grouping_membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} ∈ {self.grouping}"


class Adjacency(models.Model):
    """Two units that share a border (`unit_a.code < unit_b.code`)."""

    class Contiguity(models.TextChoices):
        ROOK = "rook", _("Gedeelde grens")
        QUEEN_ONLY = "queen_only", _("Raken elkaar in een punt")
        DECLARED = "declared", _("Verklaarde verbinding")

    unit_a = models.ForeignKey(TerritorialUnit, on_delete=models.CASCADE, related_name="+")
    unit_b = models.ForeignKey(TerritorialUnit, on_delete=models.CASCADE, related_name="+")
    shared_border_m = models.FloatField(_("gedeelde grens (m)"), null=True, blank=True)
    contiguity = models.CharField(_("soort"), max_length=12, choices=Contiguity.choices)
    note = models.CharField(_("opmerking"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("buurgemeente")
        verbose_name_plural = _("buurgemeenten")
        constraints = [models.UniqueConstraint(fields=["unit_a", "unit_b"], name="adjacency_unique_pair")]

    def __str__(self) -> str:
        return f"{self.unit_a} – {self.unit_b}"
