"""Reads for scale scenarios: the territory as the algorithms need it, scenario lists, comparisons.

`territory_data(day)` gathers, in a fixed number of queries, every Flemish
municipality valid on `day` with its population, province, referentieregio,
libraries, today's cooperation and its neighbours (shared borders plus declared
links such as Voeren–Riemst). Brussels is not part of the Flemish
regionalisation and is left out.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.urls import reverse

from apps.core.rules import is_professional
from apps.registry.models import (
    Adjacency,
    CooperationMembership,
    GroupingMembership,
    Library,
    Population,
    TerritorialUnit,
)
from apps.registry.selectors import REFERENTIEREGIO, valid_on_q

from .models import Scenario, Territory

FLEMISH_REGION_CODE = "02000"
CONTIGUITY_USED = (Adjacency.Contiguity.ROOK, Adjacency.Contiguity.DECLARED)


@dataclass
class Municipality:
    code: str
    name: str
    population: int
    province_code: str
    province_name: str
    refreg_code: str
    refreg_name: str
    libraries: int
    cooperation: str
    latitude: float | None
    longitude: float | None
    url: str


@dataclass
class TerritoryData:
    """Municipalities (in NIS-code order) and their links, as plain data."""

    day: datetime.date
    municipalities: list[Municipality]
    links: list[tuple[str, str, str]]  # (code a, code b, contiguity)
    boundaries: dict[str, dict] = field(default_factory=dict)

    def by_code(self) -> dict[str, Municipality]:
        return {m.code: m for m in self.municipalities}

    def subset(self, codes: set[str]) -> "TerritoryData":
        return TerritoryData(
            day=self.day,
            municipalities=[m for m in self.municipalities if m.code in codes],
            links=[link for link in self.links if link[0] in codes and link[1] in codes],
            boundaries={c: g for c, g in self.boundaries.items() if c in codes},
        )

    def load_boundaries(self) -> dict[str, dict]:
        """Fetch the boundaries of these municipalities once (for compactness), when not loaded yet."""
        if not self.boundaries and self.municipalities:
            codes = [m.code for m in self.municipalities]
            rows = flemish_municipalities(self.day).filter(code__in=codes).values_list("code", "boundary")
            self.boundaries = {code: geometry for code, geometry in rows if geometry}
        return self.boundaries

    def provinces(self) -> list[tuple[str, str]]:
        return sorted({(m.province_code, m.province_name) for m in self.municipalities}, key=lambda p: p[1])

    def referentieregios(self) -> list[tuple[str, str]]:
        return sorted({(m.refreg_code, m.refreg_name) for m in self.municipalities if m.refreg_code})


def flemish_municipalities(day: datetime.date) -> QuerySet:
    return (
        TerritorialUnit.objects.municipalities()
        .valid_on(day)
        .filter(parent__parent__parent__code=FLEMISH_REGION_CODE, parent__parent__parent__level="region")
    )


def _populations(units: QuerySet, day: datetime.date) -> dict[int, int]:
    rows = (
        Population.objects.filter(unit_id__in=units, reference_date__lte=day)
        .order_by("unit_id", "reference_date")
        .values_list("unit_id", "value")
    )
    return dict(rows)  # later reference dates overwrite earlier ones


def _referentieregios(units: QuerySet, day: datetime.date) -> dict[int, tuple[str, str]]:
    rows = (
        GroupingMembership.objects.filter(valid_on_q(day), unit_id__in=units, grouping__kind=REFERENTIEREGIO)
        .filter(valid_on_q(day, "grouping__"))
        .values_list("unit_id", "grouping__code", "grouping__name")
    )
    return {unit_id: (code, name) for unit_id, code, name in rows}


def _library_counts(units: dict[int, str], day: datetime.date) -> dict[int, int]:
    """Open libraries per municipality: counted where the library is based (else the first municipality it serves)."""
    counts: dict[int, int] = {}
    libraries = (
        Library.objects.filter(Q(closed_year__isnull=True) | Q(closed_year__gt=day.year))
        .exclude(organisation__status="closed")
        .values_list("pk", "organisation__municipality_id")
    )
    homeless = []
    for library_id, municipality_id in libraries:
        if municipality_id in units:
            counts[municipality_id] = counts.get(municipality_id, 0) + 1
        elif municipality_id is None:
            homeless.append(library_id)
    if homeless:
        served = Library.municipalities_served.through.objects.filter(library_id__in=homeless).order_by("id")
        first: dict[int, int] = {}
        for library_id, unit_id in served.values_list("library_id", "territorialunit_id"):
            first.setdefault(library_id, unit_id)
        for unit_id in first.values():
            if unit_id in units:
                counts[unit_id] = counts.get(unit_id, 0) + 1
    return counts


def _cooperations(unit_ids: set[int], day: datetime.date) -> dict[int, str]:
    """The cooperation each municipality takes part in on `day` (directly, or through a library serving it).

    One query: each membership with the municipalities its library serves joined
    in (one row per served municipality; one row with None when it serves none),
    rather than a second query with the keys of thousands of libraries.
    """
    rows = (
        CooperationMembership.objects.filter(valid_on_q(day))
        .order_by("cooperation__organisation__name", "pk")
        .values_list(
            "cooperation__organisation__name",
            "municipality_id",
            "library__organisation__municipality_id",
            "library__municipalities_served",
        )
    )
    result: dict[int, str] = {}
    for name, municipality_id, home_id, served_id in rows:
        # A library's membership covers the municipalities it serves, else its own.
        unit_id = municipality_id or served_id or home_id
        if unit_id in unit_ids:
            result.setdefault(unit_id, name)
    return result


def territory_data(day: datetime.date | None = None, *, with_boundaries: bool = False) -> TerritoryData:
    """All Flemish municipalities valid on `day`, with everything a scenario needs (about nine queries)."""
    from django.utils import timezone

    day = day or timezone.localdate()
    fields = ["pk", "code", "name_nl", "latitude", "longitude", "parent__parent__code", "parent__parent__name_nl"]
    if with_boundaries:
        fields.append("boundary")
    municipalities_of_day = flemish_municipalities(day)
    units = list(municipalities_of_day.order_by("code").values(*fields))
    code_of = {u["pk"]: u["code"] for u in units}
    # The other reads name the municipalities by a subquery, not by a list of hundreds of keys:
    # compiling such a list costs more Python than the database spends on the subquery.
    unit_keys = municipalities_of_day.values("pk")
    populations = _populations(unit_keys, day)
    refregs = _referentieregios(unit_keys, day)
    libraries = _library_counts(code_of, day)
    cooperations = _cooperations(set(code_of), day)
    url_pattern = reverse("registry:municipality_detail", kwargs={"code": "00000"})
    municipalities = [
        Municipality(
            code=u["code"],
            name=u["name_nl"],
            population=populations.get(u["pk"], 0),
            province_code=u["parent__parent__code"],
            province_name=u["parent__parent__name_nl"],
            refreg_code=refregs.get(u["pk"], ("", ""))[0],
            refreg_name=refregs.get(u["pk"], ("", ""))[1],
            libraries=libraries.get(u["pk"], 0),
            cooperation=cooperations.get(u["pk"], ""),
            latitude=u["latitude"],
            longitude=u["longitude"],
            url=url_pattern.replace("00000", u["code"]),
        )
        for u in units
    ]
    links = [
        (code_of[a], code_of[b], kind)
        for a, b, kind in Adjacency.objects.filter(contiguity__in=CONTIGUITY_USED, unit_a_id__in=unit_keys).values_list(
            "unit_a_id", "unit_b_id", "contiguity"
        )
        if b in code_of
    ]
    links.sort()
    boundaries = {u["code"]: u["boundary"] for u in units if with_boundaries and u.get("boundary")}
    return TerritoryData(day=day, municipalities=municipalities, links=links, boundaries=boundaries)


def territory_codes(data: TerritoryData, *, territory: str, codes: list[str]) -> set[str]:
    """NIS codes of the municipalities of a chosen territory."""
    if territory == Territory.FLANDERS:
        return {m.code for m in data.municipalities}
    if territory == Territory.PROVINCE:
        return {m.code for m in data.municipalities if m.province_code in set(codes)}
    if territory == Territory.REFERENTIEREGIOS:
        return {m.code for m in data.municipalities if m.refreg_code in set(codes)}
    return set()


# --- scenarios -----------------------------------------------------------------------------------


def scenario_visible_to(user) -> QuerySet:
    queryset = Scenario.objects.select_related("created_by", "progress")
    return queryset if is_professional(user) else queryset.none()


def scenario_list(*, user) -> QuerySet:
    return scenario_visible_to(user).defer("assignment").order_by("-created_at")
