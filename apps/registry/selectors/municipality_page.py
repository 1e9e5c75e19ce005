"""Reads for a municipality's page, as few and as plain as the page allows.

Building and compiling the page's eight querysets cost several times what the
database spent on them (ADR 0009). The page now takes five queries, each a
`CompiledQuery` (the ORM's own SQL, compiled once per process and day, run with
the municipality's key):

- the municipality with its facts;
- its story together with its neighbours, in one query;
- the libraries, branches and memberships the user may see. These start from the
  user's scope (`selectors.*_visible_to`): only a scope without any condition (a
  professional sees every record) runs the compiled query, which reads no user;
  any other scope is built into the queryset on the request, as before.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import DateField, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast

from apps.core.compiled import CompiledQuery
from apps.registry import selectors
from apps.registry.models import (
    Adjacency,
    Branch,
    CooperationMembership,
    Library,
    Organisation,
    Population,
    TerritorialUnit,
)
from apps.registry.models.territory import TerritorialLevel
from apps.registry.selectors.pages import referentieregio_subquery

# A large municipality has dozens of branches: its page shows the first ones and links to the list.
BRANCHES_SHOWN = 10

# --- The municipality and its facts ------------------------------------------------------------


def municipality_detail_queryset() -> QuerySet:
    """Municipalities with the facts of their page as columns of the one query: arrondissement and
    province, the latest population and the referentieregio."""
    latest_population = Population.objects.filter(unit=OuterRef("pk")).order_by("-reference_date")
    return (
        TerritorialUnit.objects.filter(level=TerritorialLevel.MUNICIPALITY)
        .defer("boundary")
        .annotate(
            arrondissement_name=F("parent__name_nl"),
            arrondissement_level=F("parent__level"),
            province_name=F("parent__parent__name_nl"),
            province_level=F("parent__parent__level"),
            population_value=Subquery(latest_population.values("value")[:1]),
            population_date=Subquery(latest_population.values("reference_date")[:1]),
            referentieregio_code=referentieregio_subquery(attribute="grouping__code"),
            referentieregio_name=referentieregio_subquery(),
        )
    )


# Two rows at most: one is the municipality, a second would be an error (as with QuerySet.get()).
_municipality_by_code = CompiledQuery(lambda code: municipality_detail_queryset().filter(code=code)[:2])


def municipality_by_code(code: str) -> list[TerritorialUnit]:
    """The municipalities (one, or none) with NIS code `code`, with their facts."""
    return _municipality_by_code(code=code)


# --- Its story and its neighbours ----------------------------------------------------------------

ORIGIN, END, NEIGHBOUR = 1, 2, 3


def _related_units(unit_id: int) -> QuerySet:
    """The predecessors of every change that produced the unit, the successors of every change that
    ended it, and its neighbours, in one query ordered by name; `relation` says which is which."""
    units = TerritorialUnit.objects.only("code", "name_nl").order_by()
    predecessors = units.filter(changes_as_predecessor__successors=unit_id).annotate(
        relation=Value(ORIGIN),
        change_id=F("changes_as_predecessor__id"),
        change_date=F("changes_as_predecessor__effective_date"),
        change_description=F("changes_as_predecessor__description"),
    )
    successors = units.filter(changes_as_successor__predecessors=unit_id).annotate(
        relation=Value(END),
        change_id=F("changes_as_successor__id"),
        change_date=F("changes_as_successor__effective_date"),
        change_description=F("changes_as_successor__description"),
    )
    as_b = Adjacency.objects.filter(unit_a=unit_id).values("unit_b")
    as_a = Adjacency.objects.filter(unit_b=unit_id).values("unit_a")
    neighbours = units.filter(Q(pk__in=as_b) | Q(pk__in=as_a)).annotate(
        relation=Value(NEIGHBOUR),
        change_id=Cast(Value(None), IntegerField()),
        change_date=Cast(Value(None), DateField()),
        change_description=Value(""),
    )
    return predecessors.union(successors, neighbours, all=True).order_by("name_nl")


_related_units_of = CompiledQuery(_related_units)


@dataclass
class MunicipalityStory:
    """How a municipality came about or disappeared, and which municipalities border it."""

    origin_date: datetime.date | None = None
    predecessors: list[TerritorialUnit] = field(default_factory=list)
    end_date: datetime.date | None = None
    successors: list[TerritorialUnit] = field(default_factory=list)
    neighbours: list[TerritorialUnit] = field(default_factory=list)


def _first_change(units: list[TerritorialUnit]) -> tuple[datetime.date | None, list[TerritorialUnit]]:
    """The date and units of the change that TerritorialChange's ordering puts first (latest date,
    then description), as `.first()` would pick it."""
    if not units:
        return None, []
    first = min(units, key=lambda u: (-u.change_date.toordinal(), u.change_description, u.change_id))
    return first.change_date, [u for u in units if u.change_id == first.change_id]


def municipality_story(unit: TerritorialUnit) -> MunicipalityStory:
    """The unit's origin (the change it came out of, with its predecessors), its end (the change it
    went into, with its successors) and its neighbours, each list ordered by name."""
    rows = _related_units_of(unit_id=unit.pk)
    story = MunicipalityStory(neighbours=[u for u in rows if u.relation == NEIGHBOUR])
    story.origin_date, predecessors = _first_change([u for u in rows if u.relation == ORIGIN])
    # A municipality that took over others keeps its own record among the predecessors: name the others.
    story.predecessors = [u for u in predecessors if u.pk != unit.pk] or predecessors
    story.end_date, story.successors = _first_change([u for u in rows if u.relation == END])
    return story


# --- What the user may see in it -----------------------------------------------------------------
#
# Each list is built from the user's scope (`selectors.*_visible_to(user)`). When that scope is a
# whole table (no condition: a professional sees every library), the list is the same for every
# such user and runs as a compiled query; any other scope (a condition, or none at all) builds and
# runs the queryset on the request, with the scope in it.


def _is_whole_table(scope: QuerySet) -> bool:
    """Whether the scoped queryset holds every row of its table: no condition, not emptied, no slice,
    no DISTINCT and no set operation."""
    query = scope.query
    return not (query.where or query.is_empty() or query.is_sliced or query.distinct or query.combinator)


def _scoped_rows(scope: QuerySet, build, compiled: CompiledQuery, **values: Any) -> list:
    if _is_whole_table(scope):
        return compiled(**values)
    return list(build(scope=scope, **values))


def _serving(unit_id: int) -> QuerySet:
    # "Serves the municipality" as a subquery, not a join: no duplicate rows, so no DISTINCT.
    return Library.objects.filter(municipalities_served=unit_id).values("pk")


def _libraries(unit_id: int, scope: QuerySet | None = None) -> QuerySet:
    libraries = Library.objects.all() if scope is None else scope
    # Two IN subqueries (not a join with OR): each can use its index.
    based_here = Organisation.objects.filter(municipality=unit_id).values("pk")
    return (
        libraries.filter(Q(pk__in=_serving(unit_id)) | Q(organisation__in=based_here))
        .select_related(None)
        .select_related("organisation")
        .only("organisation__name", "organisation__slug", "organisation__is_demo")
        .order_by("organisation__name")
    )


def _branches(unit_id: int, scope: QuerySet | None = None) -> QuerySet:
    branches = Branch.objects.all() if scope is None else scope
    return (
        branches.filter(municipality=unit_id)
        .select_related(None)
        .only("uuid", "name", "is_main", "street", "postcode", "city", "is_demo")
        .order_by("-is_main", "name")[: BRANCHES_SHOWN + 1]
    )


def _memberships(unit_id: int, day: datetime.date, scope: QuerySet | None = None) -> QuerySet:
    active = Q(valid_from__lte=day) & (Q(valid_until__isnull=True) | Q(valid_until__gte=day))
    memberships = CooperationMembership.objects.filter(active).filter(
        Q(municipality=unit_id) | Q(library__in=_serving(unit_id))
    )
    if scope is not None:
        memberships = memberships.filter(cooperation__in=scope.values("pk"))
    return (
        memberships.select_related("cooperation__organisation", "library__organisation")
        .only(
            "valid_from",
            "cooperation__organisation__name",
            "cooperation__organisation__slug",
            "library__organisation__name",
        )
        .order_by("cooperation__organisation__name")
    )


_all_libraries = CompiledQuery(_libraries)
_all_branches = CompiledQuery(_branches)
_all_memberships = CompiledQuery(_memberships)


def municipality_libraries(unit: TerritorialUnit, *, user) -> list[Library]:
    """The libraries the user may see that serve the municipality or are based in it, by name."""
    return _scoped_rows(selectors.library_visible_to(user), _libraries, _all_libraries, unit_id=unit.pk)


def municipality_branches(unit: TerritorialUnit, *, user) -> list[Branch]:
    """The branches in the municipality that the user may see, main branches first: the first
    BRANCHES_SHOWN and one more if there are more (the page then links to the list of all)."""
    return _scoped_rows(selectors.branch_visible_to(user), _branches, _all_branches, unit_id=unit.pk)


def municipality_memberships(unit: TerritorialUnit, *, user, day: datetime.date) -> list[CooperationMembership]:
    """The memberships running on `day` of the municipality itself and of the libraries serving it,
    in the cooperations the user may see, by cooperation."""
    return _scoped_rows(
        selectors.cooperation_visible_to(user), _memberships, _all_memberships, unit_id=unit.pk, day=day
    )
