"""Cooperations (samenwerkingsverbanden) and their time-valid memberships."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.urls_cache import cached_reverse

from .libraries import Library
from .organisations import Contact, Organisation
from .territory import TerritorialUnit


class CooperationType(models.TextChoices):
    LIBRARY_NETWORK = "library_network", _("Bibliotheeknetwerk")
    INTERMUNICIPAL = "intermunicipal", _("Intergemeentelijk samenwerkingsverband")
    PROJECT_ASSOCIATION = "project_association", _("Projectvereniging")
    CULTURE_REGION = "culture_region", _("Cultuurregio")
    OTHER = "other", _("Andere")


class Cooperation(models.Model):
    organisation = models.OneToOneField(
        Organisation,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="cooperation",
        verbose_name=_("organisatie"),
    )
    cooperation_type = models.CharField(
        _("soort samenwerking"), max_length=24, choices=CooperationType.choices, default=CooperationType.LIBRARY_NETWORK
    )
    coordinator = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("coördinator")
    )
    founded_on = models.DateField(_("opgericht op"), null=True, blank=True)
    dissolved_on = models.DateField(_("opgeheven op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")

    def __str__(self) -> str:
        return self.organisation.name

    def get_absolute_url(self) -> str:
        return cached_reverse("registry:cooperation_detail", slug=self.organisation.slug)


class CooperationMembership(models.Model):
    """A library or a municipality in a cooperation, from `valid_from` up to and including `valid_until`.

    The rule "a library is in at most one cooperation of the same type on any day"
    spans rows, so it is enforced by the service (registry.services.membership_*)
    which locks and checks for overlap; the single-row invariants are constraints.
    """

    cooperation = models.ForeignKey(
        Cooperation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("samenwerkingsverband")
    )
    library = models.ForeignKey(
        Library,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("bibliotheek"),
    )
    municipality = models.ForeignKey(
        TerritorialUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cooperation_memberships",
        verbose_name=_("gemeente"),
    )
    valid_from = models.DateField(_("lid vanaf"))
    valid_until = models.DateField(_("lid tot en met"), null=True, blank=True)
    note = models.CharField(_("opmerking"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(library__isnull=False) & Q(municipality__isnull=True))
                | (Q(library__isnull=True) & Q(municipality__isnull=False)),
                name="membership_library_xor_municipality",
                violation_error_message=_("Een lidmaatschap geldt voor een bibliotheek óf een gemeente."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="membership_valid_period",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            ),
        ]
        indexes = [
            models.Index(fields=["library", "valid_from"]),
            models.Index(fields=["municipality", "valid_from"]),
        ]

    def __str__(self) -> str:
        member = self.library or self.municipality
        return f"{member} ∈ {self.cooperation}"
