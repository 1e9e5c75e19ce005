"""Writes for cooperation memberships and partner links (time-valid relations)."""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from apps.core.permissions import check
from apps.registry.models import CooperationMembership, Library, PartnerLink

from .common import (
    Errors,
    assign,
    check_period,
    delete_with_history,
    format_day,
    resolve_municipality,
    save_with_history,
)

MEMBERSHIP_FIELDS = ("cooperation", "library", "valid_from", "valid_until", "note", "is_demo")
PARTNER_LINK_FIELDS = ("organisation", "partner", "nature", "valid_from", "valid_until", "is_demo")


def overlapping(queryset, *, start: datetime.date, end: datetime.date | None):
    """Rows of `queryset` whose [valid_from, valid_until] meets [start, end] (open ends included)."""
    queryset = queryset.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=start))
    if end is not None:
        queryset = queryset.filter(valid_from__lte=end)
    return queryset


def _check_overlap(membership: CooperationMembership, errors: Errors) -> None:
    """A library is in at most one cooperation of the same type on any day (rows locked first)."""
    start, end = membership.valid_from, membership.valid_until
    if membership.library_id:
        # Lock the library's memberships so that two concurrent saves cannot both pass the check.
        Library.objects.select_for_update().filter(pk=membership.library_id).first()
        list(CooperationMembership.objects.select_for_update().filter(library_id=membership.library_id))
        others = CooperationMembership.objects.filter(
            library_id=membership.library_id,
            cooperation__cooperation_type=membership.cooperation.cooperation_type,
        )
    else:
        others = CooperationMembership.objects.filter(
            municipality_id=membership.municipality_id, cooperation_id=membership.cooperation_id
        )
    if membership.pk:
        others = others.exclude(pk=membership.pk)
    clash = (
        overlapping(others, start=start, end=end)
        .select_related("cooperation__organisation", "library__organisation", "municipality")
        .order_by("valid_from")
        .first()
    )
    if clash is None:
        return
    member = membership.library or membership.municipality
    errors.add(
        "valid_from",
        _("%(member)s is op %(day)s al lid van %(cooperation)s (zelfde soort).")
        % {
            "member": member,
            "day": format_day(max(start, clash.valid_from)),
            "cooperation": clash.cooperation.organisation.name,
        },
    )


def membership_save(
    *, actor, instance: CooperationMembership | None = None, data: dict[str, Any], reason: str = ""
) -> CooperationMembership:
    """Create or update a library's or municipality's membership of a cooperation, without overlaps."""
    if instance is None:
        check(actor, "registry.add_cooperationmembership")
    else:
        check(actor, "registry.change_cooperationmembership", instance)
    errors = Errors()
    with transaction.atomic():
        membership = instance or CooperationMembership()
        assign(membership, data, MEMBERSHIP_FIELDS)
        if "municipality" in data:
            membership.municipality = resolve_municipality(data["municipality"], field="municipality", errors=errors)
        if membership.library_id and membership.municipality_id:
            errors.add("library", _("Een lidmaatschap geldt voor een bibliotheek óf een gemeente, niet voor beide."))
        elif not membership.library_id and not membership.municipality_id and "municipality" not in errors.messages:
            errors.add("library", _("Kies een bibliotheek of een gemeente."))
        if membership.valid_from is None:
            errors.add("valid_from", _("Geef de begindatum op."))
        check_period(membership.valid_from, membership.valid_until, errors=errors)
        if not errors and membership.cooperation_id:
            _check_overlap(membership, errors)
        errors.raise_if_any()
        save_with_history(membership, actor=actor, reason=reason)
    return membership


def membership_delete(*, actor, instance: CooperationMembership) -> None:
    check(actor, "registry.delete_cooperationmembership", instance)
    with transaction.atomic():
        delete_with_history(instance, actor=actor)


def partner_link_save(
    *, actor, instance: PartnerLink | None = None, data: dict[str, Any], reason: str = ""
) -> PartnerLink:
    """A library or cooperation working with a partner."""
    if instance is None:
        check(actor, "registry.add_partnerlink")
    else:
        check(actor, "registry.change_partnerlink", instance)
    errors = Errors()
    with transaction.atomic():
        link = instance or PartnerLink()
        assign(link, data, PARTNER_LINK_FIELDS)
        if link.organisation_id and link.organisation.kind == "partner":
            errors.add("organisation", _("Kies een bibliotheek of een samenwerkingsverband, geen partner."))
        check_period(link.valid_from, link.valid_until, errors=errors)
        errors.raise_if_any()
        save_with_history(link, actor=actor, reason=reason)
    return link


def partner_link_delete(*, actor, instance: PartnerLink) -> None:
    check(actor, "registry.delete_partnerlink", instance)
    with transaction.atomic():
        delete_with_history(instance, actor=actor)
