"""Who may do what in the registry.

Everyone who works in the network (cell staff, library staff, coordinators,
partners, assessors) reads the registry; contact details only the cell and the
organisation's own people. Only cell staff change the registry directly;
library staff and coordinators propose changes to what they work for (the
change-proposal flow of issue 5), and cell staff manage who works for what.
"""

import datetime

import rules
from django.db.models import Q

from apps.core.rules import is_cell_staff, is_coordinator, is_library_staff, is_professional

from .models import (
    Affiliation,
    Branch,
    Contact,
    Cooperation,
    CooperationMembership,
    Library,
    OpeningException,
    OpeningHours,
    Organisation,
    Partner,
    PartnerLink,
)


def organisation_ids_of(user, day: datetime.date | None = None) -> set[int]:
    """Ids of the organisations the user works for on `day` (today by default)."""
    if not user or not user.is_authenticated:
        return set()
    day = day or datetime.date.today()
    valid = (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )
    return set(Affiliation.objects.filter(valid, user=user).values_list("organisation_id", flat=True))


def organisations_concerned(obj) -> set[int]:
    """The organisation ids an object belongs to (a branch → its library, a membership → both sides)."""
    if obj is None:
        return set()
    if isinstance(obj, Organisation):
        return {obj.pk}
    if isinstance(obj, Library | Cooperation | Partner):
        return {obj.organisation_id}
    if isinstance(obj, Branch):
        return {obj.library_id}
    if isinstance(obj, OpeningHours | OpeningException):
        return {obj.branch.library_id}
    if isinstance(obj, Contact | Affiliation):
        return {obj.organisation_id}
    if isinstance(obj, CooperationMembership):
        return {pk for pk in (obj.library_id, obj.cooperation_id) if pk}
    if isinstance(obj, PartnerLink):
        return {pk for pk in (obj.organisation_id, obj.partner_id) if pk}
    return set()


@rules.predicate
def works_for(user, obj) -> bool:
    """The user works (today) for the object's organisation."""
    concerned = organisations_concerned(obj)
    return bool(concerned) and bool(concerned & organisation_ids_of(user))


@rules.predicate
def is_own_affiliation(user, affiliation) -> bool:
    return affiliation is not None and getattr(affiliation, "user_id", None) == user.pk


MODELS = [
    "organisation",
    "library",
    "branch",
    "openinghours",
    "openingexception",
    "cooperation",
    "cooperationmembership",
    "partner",
    "partnerlink",
    "contact",
    "affiliation",
    "territorialunit",
    "population",
    "territorialchange",
    "grouping",
    "groupingmembership",
    "adjacency",
]

rules.add_perm("registry.view_registry", is_professional)
rules.add_perm("registry.export_registry", is_professional)
rules.add_perm("registry.view_municipality", is_professional)
rules.add_perm("registry.manage_affiliations", is_cell_staff)
rules.add_perm("registry.propose_change", (is_library_staff | is_coordinator) & works_for)

for model in MODELS:
    if model == "contact":
        rules.add_perm("registry.view_contact", is_cell_staff | works_for)
    elif model == "affiliation":
        rules.add_perm("registry.view_affiliation", is_cell_staff | is_own_affiliation)
    else:
        rules.add_perm(f"registry.view_{model}", is_professional)
    for action in ("add", "change", "delete"):
        rules.add_perm(f"registry.{action}_{model}", is_cell_staff)
