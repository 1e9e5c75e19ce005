"""Libraries (the organisation's details) and their branches with opening hours.

Fields follow the parts of the Libraries Hacked `libraries` schema that fit a
Flemish library: statutory flag, governance type, opened/closed year, and per
branch the address, coordinates, opening hours, co-location and accessibility.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.urls_cache import cached_reverse

from .organisations import Organisation
from .territory import TerritorialUnit


class GovernanceType(models.TextChoices):
    MUNICIPAL = "municipal", _("Gemeentelijk")
    INTERMUNICIPAL = "intermunicipal", _("Intergemeentelijk")
    AUTONOMOUS = "autonomous", _("Autonoom gemeentebedrijf")
    NONPROFIT = "nonprofit", _("Vzw")
    OTHER = "other", _("Andere")


class Library(models.Model):
    organisation = models.OneToOneField(
        Organisation, primary_key=True, on_delete=models.CASCADE, related_name="library", verbose_name=_("organisatie")
    )
    governance_type = models.CharField(
        _("bestuursvorm"), max_length=16, choices=GovernanceType.choices, default=GovernanceType.MUNICIPAL
    )
    is_statutory = models.BooleanField(
        _("wettelijke bibliotheek"),
        default=True,
        help_text=_("Een openbare bibliotheek die de gemeente moet inrichten."),
    )
    opened_year = models.PositiveSmallIntegerField(_("opgericht in"), null=True, blank=True)
    closed_year = models.PositiveSmallIntegerField(_("gesloten in"), null=True, blank=True)
    bios_code = models.CharField(_("BIOS-code"), max_length=40, blank=True)
    municipalities_served = models.ManyToManyField(
        TerritorialUnit, related_name="libraries_serving", blank=True, verbose_name=_("bediende gemeenten")
    )

    history = HistoricalRecords(m2m_fields=[municipalities_served])

    class Meta:
        verbose_name = _("bibliotheek")
        verbose_name_plural = _("bibliotheken")
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_year__isnull=True)
                | Q(opened_year__isnull=True)
                | Q(closed_year__gte=models.F("opened_year")),
                name="library_closed_after_opened",
                violation_error_message=_("Het jaar van sluiting ligt vóór het jaar van oprichting."),
            ),
        ]

    def __str__(self) -> str:
        return self.organisation.name

    def get_absolute_url(self) -> str:
        return cached_reverse("registry:library_detail", slug=self.organisation.slug)


class Branch(models.Model):
    """A physical location of a library (the main library or a branch)."""

    class Accessibility(models.TextChoices):
        FULL = "full", _("Volledig toegankelijk")
        PARTIAL = "partial", _("Gedeeltelijk toegankelijk")
        NONE = "none", _("Niet toegankelijk")
        UNKNOWN = "unknown", _("Onbekend")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="branches", verbose_name=_("bibliotheek")
    )
    name = models.CharField(_("naam"), max_length=200)
    is_main = models.BooleanField(_("hoofdbibliotheek"), default=False)
    street = models.CharField(_("straat en nummer"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("plaats"), max_length=120, blank=True)
    municipality = models.ForeignKey(
        TerritorialUnit, on_delete=models.PROTECT, related_name="branches", verbose_name=_("gemeente")
    )
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    accessibility = models.CharField(
        _("toegankelijkheid"), max_length=10, choices=Accessibility.choices, default=Accessibility.UNKNOWN
    )
    co_location = models.CharField(
        _("gedeeld gebouw"), max_length=200, blank=True, help_text=_("Bijvoorbeeld een cultuurcentrum of school.")
    )
    opened_year = models.PositiveSmallIntegerField(_("geopend in"), null=True, blank=True)
    closed_year = models.PositiveSmallIntegerField(_("gesloten in"), null=True, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    is_demo = models.BooleanField(_("demogegevens"), default=False)
    source = models.CharField(_("bron"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vestiging")
        verbose_name_plural = _("vestigingen")
        ordering = ["-is_main", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["library"],
                condition=Q(is_main=True, closed_year__isnull=True),
                name="branch_one_open_main_per_library",
                violation_error_message=_("Deze bibliotheek heeft al een hoofdbibliotheek."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return cached_reverse("registry:branch_detail", uuid=self.uuid)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")
    SATURDAY = 5, _("zaterdag")
    SUNDAY = 6, _("zondag")


class OpeningHours(models.Model):
    """One opening period on a weekday; a day may have several (e.g. morning and afternoon)."""

    branch = models.ForeignKey(
        Branch, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("vestiging")
    )
    weekday = models.PositiveSmallIntegerField(_("weekdag"), choices=Weekday.choices)
    opens = models.TimeField(_("open van"))
    closes = models.TimeField(_("open tot"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("openingsuur")
        verbose_name_plural = _("openingsuren")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")),
                name="opening_hours_closes_after_opens",
                violation_error_message=_("Het sluitingsuur moet na het openingsuur liggen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class OpeningException(models.Model):
    """A day with other hours than usual (holiday closure, extra opening)."""

    branch = models.ForeignKey(
        Branch, on_delete=models.CASCADE, related_name="opening_exceptions", verbose_name=_("vestiging")
    )
    date = models.DateField(_("datum"))
    is_closed = models.BooleanField(_("gesloten"), default=True)
    opens = models.TimeField(_("open van"), null=True, blank=True)
    closes = models.TimeField(_("open tot"), null=True, blank=True)
    note = models.CharField(_("opmerking"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("afwijkende openingsdag")
        verbose_name_plural = _("afwijkende openingsdagen")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["branch", "date"], name="opening_exception_unique_day")]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y}"
