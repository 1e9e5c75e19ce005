"""Writes for organisations: libraries, cooperations, partners, their contacts, and affiliations."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.permissions import check
from apps.registry.models import (
    Affiliation,
    Contact,
    Cooperation,
    Library,
    Organisation,
    Partner,
)

from .common import (
    Errors,
    assign,
    check_period,
    delete_with_history,
    resolve_municipalities,
    resolve_municipality,
    save_with_history,
    unique_slug,
)

ORGANISATION_FIELDS = ("name", "status", "website", "email", "phone", "description", "is_demo", "source")
LIBRARY_FIELDS = ("governance_type", "is_statutory", "opened_year", "closed_year", "bios_code")
COOPERATION_FIELDS = ("cooperation_type", "coordinator", "founded_on", "dissolved_on")
PARTNER_FIELDS = ("partner_type",)
CONTACT_FIELDS = (
    "organisation",
    "first_name",
    "last_name",
    "function",
    "email",
    "phone",
    "user",
    "is_primary",
    "is_demo",
)
AFFILIATION_FIELDS = ("user", "organisation", "valid_from", "valid_until")


def _as_organisation(instance: Any) -> Organisation | None:
    if instance is None or isinstance(instance, Organisation):
        return instance
    return instance.organisation


def _organisation_save(
    *, kind: str, organisation: Organisation | None, data: dict[str, Any], actor, reason: str, errors: Errors
) -> Organisation:
    """Fill (not yet save) the organisation; check seat, duplicate name and slug."""
    organisation = organisation or Organisation(kind=kind)
    assign(organisation, data, ORGANISATION_FIELDS)
    if "municipality" in data:
        organisation.municipality = resolve_municipality(data["municipality"], field="municipality", errors=errors)
    name = (organisation.name or "").strip()
    organisation.name = name
    if name:
        clash = Organisation.objects.filter(kind=kind, name__iexact=name, municipality=organisation.municipality)
        if organisation.pk:
            clash = clash.exclude(pk=organisation.pk)
        if clash.exists():
            where = organisation.municipality.name_nl if organisation.municipality else _("dezelfde gemeente")
            message = {
                "library": _("Er bestaat al een bibliotheek met deze naam in %(place)s."),
                "cooperation": _("Er bestaat al een samenwerkingsverband met deze naam in %(place)s."),
                "partner": _("Er bestaat al een partner met deze naam in %(place)s."),
            }[kind]
            errors.add("name", message % {"place": where})
    slug = (data.get("slug") or "").strip()
    if slug:
        clash = Organisation.objects.filter(slug=slug)
        if organisation.pk:
            clash = clash.exclude(pk=organisation.pk)
        if clash.exists():
            errors.add("slug", _("Deze korte naam is al in gebruik."))
        organisation.slug = slug
    elif not organisation.slug and name:
        organisation.slug = unique_slug(name)
    return organisation


def _save_organisation_and_detail(organisation, detail, *, actor, reason: str, errors: Errors) -> None:
    errors.raise_if_any()
    save_with_history(organisation, actor=actor, reason=reason)
    detail.organisation = organisation
    save_with_history(detail, actor=actor, reason=reason)


# --- libraries ------------------------------------------------------------------------------


def library_save(
    *, actor, instance: Library | Organisation | None = None, data: dict[str, Any], reason: str = ""
) -> Library:
    """Create or update a library (its organisation, details and the municipalities it serves)."""
    library = instance.library if isinstance(instance, Organisation) else instance
    if library is None:
        check(actor, "registry.add_library")
    else:
        check(actor, "registry.change_library", library)
    errors = Errors()
    with transaction.atomic():
        organisation = _organisation_save(
            kind="library",
            organisation=_as_organisation(library),
            data=data,
            actor=actor,
            reason=reason,
            errors=errors,
        )
        library = library or Library()
        assign(library, data, LIBRARY_FIELDS)
        if library.opened_year and library.closed_year and library.closed_year < library.opened_year:
            errors.add("closed_year", _("Het jaar van sluiting ligt vóór het jaar van oprichting."))
        served = None
        if "municipalities_served" in data:
            served = resolve_municipalities(data["municipalities_served"], field="municipalities_served", errors=errors)
        _save_organisation_and_detail(organisation, library, actor=actor, reason=reason, errors=errors)
        if served is None and not library.municipalities_served.exists() and organisation.municipality:
            served = [organisation.municipality]
        if served is not None:
            library.municipalities_served.set(served)
    return library


def library_delete(*, actor, instance: Library | Organisation) -> None:
    library = instance.library if isinstance(instance, Organisation) else instance
    check(actor, "registry.delete_library", library)
    with transaction.atomic():
        delete_with_history(library.organisation, actor=actor)


# --- cooperations ---------------------------------------------------------------------------


def cooperation_save(
    *, actor, instance: Cooperation | Organisation | None = None, data: dict[str, Any], reason: str = ""
) -> Cooperation:
    cooperation = instance.cooperation if isinstance(instance, Organisation) else instance
    if cooperation is None:
        check(actor, "registry.add_cooperation")
    else:
        check(actor, "registry.change_cooperation", cooperation)
    errors = Errors()
    with transaction.atomic():
        organisation = _organisation_save(
            kind="cooperation",
            organisation=_as_organisation(cooperation),
            data=data,
            actor=actor,
            reason=reason,
            errors=errors,
        )
        cooperation = cooperation or Cooperation()
        assign(cooperation, data, COOPERATION_FIELDS)
        check_period(cooperation.founded_on, cooperation.dissolved_on, errors=errors, field="dissolved_on")
        coordinator = cooperation.coordinator
        if coordinator is not None and organisation.pk and coordinator.organisation_id != organisation.pk:
            errors.add("coordinator", _("De coördinator moet een contactpersoon van dit samenwerkingsverband zijn."))
        _save_organisation_and_detail(organisation, cooperation, actor=actor, reason=reason, errors=errors)
    return cooperation


def cooperation_delete(*, actor, instance: Cooperation | Organisation) -> None:
    cooperation = instance.cooperation if isinstance(instance, Organisation) else instance
    check(actor, "registry.delete_cooperation", cooperation)
    with transaction.atomic():
        delete_with_history(cooperation.organisation, actor=actor)


# --- partners -------------------------------------------------------------------------------


def partner_save(
    *, actor, instance: Partner | Organisation | None = None, data: dict[str, Any], reason: str = ""
) -> Partner:
    partner = instance.partner if isinstance(instance, Organisation) else instance
    if partner is None:
        check(actor, "registry.add_partner")
    else:
        check(actor, "registry.change_partner", partner)
    errors = Errors()
    with transaction.atomic():
        organisation = _organisation_save(
            kind="partner",
            organisation=_as_organisation(partner),
            data=data,
            actor=actor,
            reason=reason,
            errors=errors,
        )
        partner = partner or Partner()
        assign(partner, data, PARTNER_FIELDS)
        _save_organisation_and_detail(organisation, partner, actor=actor, reason=reason, errors=errors)
    return partner


def partner_delete(*, actor, instance: Partner | Organisation) -> None:
    partner = instance.partner if isinstance(instance, Organisation) else instance
    check(actor, "registry.delete_partner", partner)
    with transaction.atomic():
        delete_with_history(partner.organisation, actor=actor)


# --- contacts -------------------------------------------------------------------------------


def contact_save(*, actor, instance: Contact | None = None, data: dict[str, Any], reason: str = "") -> Contact:
    if instance is None:
        check(actor, "registry.add_contact")
    else:
        check(actor, "registry.change_contact", instance)
    with transaction.atomic():
        contact = instance or Contact()
        assign(contact, data, CONTACT_FIELDS)
        save_with_history(contact, actor=actor, reason=reason)
    return contact


def contact_delete(*, actor, instance: Contact) -> None:
    check(actor, "registry.delete_contact", instance)
    with transaction.atomic():
        delete_with_history(instance, actor=actor)


# --- affiliations ---------------------------------------------------------------------------


def affiliation_save(
    *, actor, instance: Affiliation | None = None, data: dict[str, Any], reason: str = ""
) -> Affiliation:
    """Record that a user works for an organisation (cell staff only)."""
    check(actor, "registry.manage_affiliations", instance)
    errors = Errors()
    with transaction.atomic():
        affiliation = instance or Affiliation()
        assign(affiliation, data, AFFILIATION_FIELDS)
        check_period(affiliation.valid_from, affiliation.valid_until, errors=errors)
        if affiliation.user_id and affiliation.organisation_id:
            clash = Affiliation.objects.filter(user_id=affiliation.user_id, organisation_id=affiliation.organisation_id)
            if affiliation.pk:
                clash = clash.exclude(pk=affiliation.pk)
            if clash.exists():
                errors.add("organisation", _("Deze gebruiker werkt al voor deze organisatie."))
        errors.raise_if_any()
        save_with_history(affiliation, actor=actor, reason=reason)
    return affiliation


def affiliation_delete(*, actor, instance: Affiliation) -> None:
    check(actor, "registry.manage_affiliations", instance)
    with transaction.atomic():
        delete_with_history(instance, actor=actor)
