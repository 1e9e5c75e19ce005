"""Scoped reads of the registry: `<model>_visible_to(user)` and the territory/timeline look-ups.

List pages, exports, the API, search and dashboard counters all start from these
querysets, so that visibility follows the same rules as the permissions in
apps/registry/rules.py. Page-specific annotations live in selectors/pages.py.
"""

import datetime

from django.db.models import Q, QuerySet

from apps.core.rules import is_cell_staff, is_professional
from apps.registry.models import (
    Affiliation,
    Branch,
    Contact,
    Cooperation,
    CooperationMembership,
    Grouping,
    Library,
    Organisation,
    Partner,
    PartnerLink,
    Population,
    TerritorialUnit,
)
from apps.registry.rules import organisation_ids_of

REFERENTIEREGIO = "referentieregio"


def valid_on_q(day: datetime.date, prefix: str = "") -> Q:
    """Rows valid on `day`: open or started start, open or later end (valid_until is included)."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": day})
    )


def _none_unless_professional(user, queryset: QuerySet) -> QuerySet:
    return queryset if is_professional(user) else queryset.none()


# --- scoping ------------------------------------------------------------------------------


def organisations_of(user, day: datetime.date | None = None) -> QuerySet:
    """The organisations the user works for today (or on `day`)."""
    return Organisation.objects.filter(pk__in=organisation_ids_of(user, day))


# A municipality's boundary is a large GeoJSON document: lists and detail pages never show it
# (the map layers read it through their own queries), so the selectors leave it unloaded.
def library_visible_to(user) -> QuerySet:
    queryset = Library.objects.select_related("organisation", "organisation__municipality").defer(
        "organisation__municipality__boundary"
    )
    return _none_unless_professional(user, queryset)


def branch_visible_to(user) -> QuerySet:
    queryset = Branch.objects.select_related("library__organisation", "municipality").defer("municipality__boundary")
    return _none_unless_professional(user, queryset)


def cooperation_visible_to(user) -> QuerySet:
    queryset = Cooperation.objects.select_related("organisation", "organisation__municipality", "coordinator").defer(
        "organisation__municipality__boundary"
    )
    return _none_unless_professional(user, queryset)


def partner_visible_to(user) -> QuerySet:
    queryset = Partner.objects.select_related("organisation", "organisation__municipality").defer(
        "organisation__municipality__boundary"
    )
    return _none_unless_professional(user, queryset)


def partner_link_visible_to(user) -> QuerySet:
    queryset = PartnerLink.objects.select_related("organisation", "partner__organisation")
    return _none_unless_professional(user, queryset)


def membership_visible_to(user) -> QuerySet:
    queryset = CooperationMembership.objects.select_related(
        "cooperation__organisation", "library__organisation", "municipality"
    )
    return _none_unless_professional(user, queryset)


def contact_visible_to(user) -> QuerySet:
    """Cell staff see every contact; others only the contacts of organisations they work for."""
    queryset = Contact.objects.select_related("organisation")
    if is_cell_staff(user):
        return queryset
    return queryset.filter(organisation_id__in=organisation_ids_of(user))


def affiliation_visible_to(user) -> QuerySet:
    """Cell staff see every affiliation; others their own."""
    queryset = Affiliation.objects.select_related("user", "organisation")
    if is_cell_staff(user):
        return queryset
    if not user or not user.is_authenticated:
        return queryset.none()
    return queryset.filter(user=user)


# --- territory --------------------------------------------------------------------------------


def municipalities_on(day: datetime.date) -> QuerySet:
    """The municipalities that existed on `day` (e.g. 2024-12-31: 319; today: 304)."""
    return TerritorialUnit.objects.municipalities().valid_on(day).select_related("parent")


def referentieregio_of(unit: TerritorialUnit, day: datetime.date | None = None) -> Grouping | None:
    day = day or datetime.date.today()
    return (
        # One filter() call, so that the unit and the dates apply to the same membership row.
        Grouping.objects.filter(Q(memberships__unit=unit) & valid_on_q(day, "memberships__"), kind=REFERENTIEREGIO)
        .distinct()
        .first()
    )


def population_of(unit: TerritorialUnit, year: int) -> Population | None:
    """The latest population figure with a reference date in or before `year`."""
    return unit.populations.filter(reference_date__year__lte=year).order_by("-reference_date").first()


def municipality_predecessors(unit: TerritorialUnit) -> QuerySet:
    """The units this one replaced (Pajottegem: Galmaarden, Gooik, Herne); a surviving code is not listed."""
    return (
        TerritorialUnit.objects.filter(changes_as_predecessor__successors=unit)
        .exclude(pk=unit.pk)
        .distinct()
        .order_by("name_nl")
    )


def municipality_successor(unit: TerritorialUnit) -> TerritorialUnit | None:
    """The unit that replaced this one, if it disappeared in a merger."""
    return (
        TerritorialUnit.objects.filter(changes_as_successor__predecessors=unit)
        .exclude(pk=unit.pk)
        .order_by("-changes_as_successor__effective_date")
        .first()
    )


# --- timelines --------------------------------------------------------------------------------


def memberships_of_library(library: Library) -> QuerySet:
    """The library's memberships over time (its timeline), oldest first."""
    return (
        CooperationMembership.objects.filter(library=library)
        .select_related("cooperation__organisation")
        .order_by("valid_from", "cooperation__organisation__name")
    )


def cooperations_of_library_on(library: Library, day: datetime.date) -> QuerySet:
    return (
        Cooperation.objects.filter(Q(memberships__library=library) & valid_on_q(day, "memberships__"))
        .select_related("organisation")
        .distinct()
    )
