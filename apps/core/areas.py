"""The seven service areas shown in the navigation.

An app that implements an area sets `url_name`; until then the navigation
leads to an honest empty state that says what will come there.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ServiceArea:
    slug: str
    label: Promise
    summary: Promise
    url_name: str | None = None
    permission: str | None = None


SERVICE_AREAS: list[ServiceArea] = [
    ServiceArea(
        "netwerk",
        _("Netwerk"),
        _("Bovenlokaal maakt sterker: gemeenten, bibliotheken, samenwerkingsverbanden, partners en cijfers."),
        url_name="registry:home",
        permission="registry.view_registry",
    ),
    ServiceArea(
        "mensen-en-middelen",
        _("Mensen en middelen"),
        _("Behoeften van het veld, vormingen en leertrajecten, en het kenniscentrum."),
        url_name="knowledge:home",
        permission="knowledge.view_knowledge",
    ),
    ServiceArea(
        "vinden-en-verbinden",
        _("Vinden en verbinden"),
        _("De bibliotheek als ontmoetingsplek: evenementen, debatten, participatie en partnerkaarten."),
    ),
    ServiceArea(
        "verweven-waarden",
        _("Verweven waarden"),
        _("Duurzaamheid, sociale cohesie, educatie en participatie: de toetssteen en de dekking."),
        url_name="core:values_coverage",
        permission="core.view_value_coverage",
    ),
    ServiceArea(
        "visie-en-acties",
        _("Visie en acties"),
        _("De visietekst vertaald in doelstellingen, acties en voortgang."),
    ),
    ServiceArea(
        "vragen",
        _("Vragen"),
        _("Het vragenloket: intake, toewijzing, termijnen en antwoorden die kennis worden."),
        url_name="questions:home",
        permission="questions.view_home",
    ),
    ServiceArea(
        "subsidies",
        _("Subsidiëren en erkennen"),
        _("Oproepen, aanvragen, beoordeling, beslissingen, verslagen en erkenningen."),
    ),
]

AREAS_BY_SLUG = {area.slug: area for area in SERVICE_AREAS}
