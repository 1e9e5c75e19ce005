"""Statistics: the indicator catalogue, yearly deliveries, figures and saved peer groups.

A library's figures of one year form a `Submission` ("aangifte"); its values
are `FigureValue` rows, one per base indicator. Derived indicators (loans per
inhabitant, ...) are never stored: they are computed from their formula so that
a corrected base figure or population changes them everywhere at once.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class IndicatorKind(models.TextChoices):
    BASE = "base", _("Basisindicator")
    DERIVED = "derived", _("Afgeleide indicator")


class IndicatorCategory(models.TextChoices):
    MEMBERS = "members", _("Leden")
    VISITS = "visits", _("Bezoek")
    LOANS = "loans", _("Uitleningen")
    COLLECTION = "collection", _("Collectie")
    STAFF = "staff", _("Personeel")
    OPENING = "opening", _("Openingsuren")
    EVENTS = "events", _("Activiteiten")
    FINANCE = "finance", _("Financiën")
    CONTEXT = "context", _("Context")


class Indicator(models.Model):
    """One line of the catalogue, with its metadata sheet."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_nl = models.CharField(_("naam"), max_length=120)
    name_en = models.CharField(_("naam (Engels)"), max_length=120, blank=True)
    definition = models.TextField(_("definitie"))
    unit = models.CharField(_("eenheid"), max_length=40)
    source = models.TextField(_("bron"))
    reference_period = models.CharField(_("referentieperiode"), max_length=120)
    higher_is_better = models.BooleanField(_("hoger is beter"), default=True)
    kind = models.CharField(_("soort"), max_length=8, choices=IndicatorKind.choices, default=IndicatorKind.BASE)
    formula = models.CharField(
        _("formule"),
        max_length=300,
        blank=True,
        help_text=_(
            "Voor afgeleide indicatoren, bv. ‘loans_total / population’. "
            "‘population’ is de bevolking van de bediende gemeenten."
        ),
    )
    category = models.CharField(_("domein"), max_length=12, choices=IndicatorCategory.choices)
    required = models.BooleanField(_("verplicht bij de levering"), default=False)
    min_value = models.DecimalField(
        _("kleinste toegelaten waarde"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("grootste toegelaten waarde"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    decimals = models.PositiveSmallIntegerField(_("decimalen"), default=0)
    is_key = models.BooleanField(_("kernindicator (rapport)"), default=False)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="derived") | ~Q(formula=""),
                name="indicator_derived_has_formula",
                violation_error_message=_("Een afgeleide indicator heeft een formule nodig."),
            ),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(max_value__gte=models.F("min_value")),
                name="indicator_range_ordered",
                violation_error_message=_("De grootste toegelaten waarde is kleiner dan de kleinste."),
            ),
        ]

    def __str__(self) -> str:
        return self.name_nl

    def get_absolute_url(self) -> str:
        return reverse("statistics:indicator_detail", kwargs={"code": self.code})

    @property
    def is_derived(self) -> bool:
        return self.kind == IndicatorKind.DERIVED


class DeliveryYear(models.Model):
    """A yearly data delivery ("gegevenslevering") opened by the cell, with its deadline."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Afgesloten")

    year = models.PositiveSmallIntegerField(_("jaar"), unique=True, help_text=_("Het jaar waarover de cijfers gaan."))
    opens_on = models.DateField(_("open vanaf"))
    deadline = models.DateField(_("uiterste datum"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    note = models.TextField(_("toelichting voor de bibliotheken"), blank=True)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gegevenslevering")
        verbose_name_plural = _("gegevensleveringen")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("opens_on")),
                name="delivery_deadline_after_opening",
                violation_error_message=_("De uiterste datum ligt vóór de opening."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990) & Q(year__lte=2100),
                name="delivery_year_plausible",
                violation_error_message=_("Kies een jaar tussen 1990 en 2100."),
            ),
        ]

    def __str__(self) -> str:
        return _("Gegevenslevering %(year)s") % {"year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("statistics:delivery_detail", kwargs={"year": self.year})


class Submission(models.Model):
    """A library's figures of one year: draft while it fills them in, confirmed when it signs off."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("In voorbereiding")
        CONFIRMED = "confirmed", _("Bevestigd")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    library = models.ForeignKey(
        "registry.Library", on_delete=models.CASCADE, related_name="submissions", verbose_name=_("bibliotheek")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("bevestigd door"),
    )
    extended_until = models.DateField(
        _("uitstel tot en met"),
        null=True,
        blank=True,
        help_text=_("Door de cel toegestaan uitstel na de uiterste datum."),
    )
    warnings = models.JSONField(_("waarschuwingen"), default=list, blank=True)
    is_demo = models.BooleanField(_("demogegevens"), default=False)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aangifte")
        verbose_name_plural = _("aangiftes")
        ordering = ["-year", "library__organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["library", "year"],
                name="submission_one_per_library_year",
                violation_error_message=_("Deze bibliotheek heeft al cijfers voor dit jaar."),
            ),
        ]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return f"{self.library} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("statistics:submission_edit", kwargs={"slug": self.library.organisation.slug, "year": self.year})

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED


class FigureValue(models.Model):
    """One base figure of one library in one year."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="values", verbose_name=_("aangifte")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indicator")
    )
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cijfer")
        verbose_name_plural = _("cijfers")
        ordering = ["submission", "indicator__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator"],
                name="figure_one_per_indicator",
                violation_error_message=_("Deze indicator heeft al een waarde in deze aangifte."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="figure_not_negative",
                violation_error_message=_("Een cijfer kan niet negatief zijn."),
            ),
        ]
        indexes = [models.Index(fields=["indicator", "submission"])]

    def __str__(self) -> str:
        return f"{self.indicator.code}={self.value}"


class PeerGroup(models.Model):
    """A saved set of criteria that picks "similar" libraries, per user or shared with the cell.

    Membership is evaluated per year (population, figures, memberships on 1 January of
    that year), so the same group is reused in every dashboard and report.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("omschrijving"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    shared = models.BooleanField(_("gedeeld met de cel en het netwerk"), default=False)
    criteria = models.JSONField(_("criteria"), default=dict)
    is_demo = models.BooleanField(_("demogegevens"), default=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vergelijkingsgroep")
        verbose_name_plural = _("vergelijkingsgroepen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("statistics:peergroup_detail", kwargs={"uuid": self.uuid})


class DataVersion(models.Model):
    """A single row whose token changes whenever an input of the comparisons changes (see `freshness`).

    Written by signal handlers, never by people; every process compares it (with a
    few cheap maxima) to the version its kept comparisons were built from.
    """

    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("versie van de cijfers")
        verbose_name_plural = _("versies van de cijfers")

    def __str__(self) -> str:
        return str(self.token)
