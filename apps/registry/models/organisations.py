"""Organisations: libraries, cooperations and partners are kinds of one Organisation.

Other services (questions, articles, events, grants, projects) point at an
Organisation with one ordinary foreign key; the kind-specific details live in
Library, Cooperation and Partner (one-to-one, primary key = organisation).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.urls_cache import cached_reverse

from .territory import TerritorialUnit


class OrganisationKind(models.TextChoices):
    LIBRARY = "library", _("Bibliotheek")
    COOPERATION = "cooperation", _("Samenwerkingsverband")
    PARTNER = "partner", _("Partner")


class OrganisationStatus(models.TextChoices):
    ACTIVE = "active", _("Actief")
    PLANNED = "planned", _("Gepland")
    CLOSED = "closed", _("Gesloten")


class Organisation(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("soort"), max_length=12, choices=OrganisationKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=200, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OrganisationStatus.choices, default=OrganisationStatus.ACTIVE
    )
    municipality = models.ForeignKey(
        TerritorialUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seated_organisations",
        verbose_name=_("gemeente (zetel)"),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    is_demo = models.BooleanField(_("demogegevens"), default=False)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        route = {
            OrganisationKind.LIBRARY: "registry:library_detail",
            OrganisationKind.COOPERATION: "registry:cooperation_detail",
            OrganisationKind.PARTNER: "registry:partner_detail",
        }[self.kind]
        return cached_reverse(route, slug=self.slug)


class Contact(models.Model):
    """A contact person with a role at an organisation (minimal personal data)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("organisatie")
    )
    first_name = models.CharField(_("voornaam"), max_length=80)
    last_name = models.CharField(_("familienaam"), max_length=80)
    function = models.CharField(_("functie"), max_length=120, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_records",
        verbose_name=_("gebruikersaccount"),
    )
    is_primary = models.BooleanField(_("hoofdcontact"), default=False)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
