from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.urls_cache import cached_reverse

from .organisations import Organisation


class PartnerType(models.TextChoices):
    SCHOOL = "school", _("School")
    WELFARE = "welfare", _("Welzijn / OCMW")
    CULTURAL_CENTRE = "cultural_centre", _("Cultuurcentrum")
    HERITAGE = "heritage", _("Erfgoed")
    ADULT_EDUCATION = "adult_education", _("Volwassenenonderwijs")
    COMPANY = "company", _("Bedrijf")
    OTHER = "other", _("Andere")


class Partner(models.Model):
    organisation = models.OneToOneField(
        Organisation, primary_key=True, on_delete=models.CASCADE, related_name="partner", verbose_name=_("organisatie")
    )
    partner_type = models.CharField(_("soort partner"), max_length=20, choices=PartnerType.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.organisation.name

    def get_absolute_url(self) -> str:
        return cached_reverse("registry:partner_detail", slug=self.organisation.slug)


class PartnerLink(models.Model):
    """A library or cooperation working with a partner: what, since when, until when."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="partner_links",
        verbose_name=_("bibliotheek of samenwerkingsverband"),
    )
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="links", verbose_name=_("partner"))
    nature = models.CharField(_("aard van de samenwerking"), max_length=200)
    valid_from = models.DateField(_("sinds"), null=True, blank=True)
    valid_until = models.DateField(_("tot en met"), null=True, blank=True)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partnerschap")
        verbose_name_plural = _("partnerschappen")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="partner_link_valid_period",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.partner}"
