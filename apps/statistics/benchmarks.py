"""Comparisons: a year's facts about every library, group statistics under the privacy floor, ranks.

`YearFacts(year, codes)` loads, in a constant number of queries, what every
comparison of year Y needs: each library's seat, province, referentieregio and
cooperations on 1 January of Y, the population it serves (the latest figure on
or before Y, else the oldest one: Statbel 2020 for every year today) and the
confirmed figures of the requested indicators. Groups are then plain Python
sets of library ids, and statistics are computed from the values in memory.
"""

import datetime
import statistics as stats
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import FloatField, Q
from django.db.models.functions import Cast

from apps.registry.models import (
    CooperationMembership,
    Grouping,
    GroupingMembership,
    Library,
    Population,
    TerritorialUnit,
)

from .formulas import POPULATION, evaluate
from .models import FigureValue, Indicator, IndicatorKind, Submission

REFERENTIEREGIO = "referentieregio"


def privacy_floor() -> int:
    return int(getattr(settings, "STATISTICS_PRIVACY_FLOOR", 5))


def valid_on(day: datetime.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )


class Catalogue:
    """All indicators by code (one query), with the base codes a derived one needs."""

    def __init__(self, indicators: list[Indicator] | None = None) -> None:
        if indicators is None:
            indicators = list(Indicator.objects.all())
        self.by_code = {indicator.code: indicator for indicator in indicators}

    def __getitem__(self, code: str) -> Indicator:
        return self.by_code[code]

    def get(self, code: str) -> Indicator | None:
        return self.by_code.get(code)

    def ordered(self) -> list[Indicator]:
        return sorted(self.by_code.values(), key=lambda i: (i.position, i.code))

    def base(self) -> list[Indicator]:
        return [i for i in self.ordered() if i.kind == IndicatorKind.BASE]

    def key(self) -> list[Indicator]:
        return [i for i in self.ordered() if i.is_key]

    def base_codes_of(self, codes: set[str] | list[str]) -> set[str]:
        """The base indicators that the given codes read (derived ones through their formulas)."""
        from .formulas import names_in

        found: set[str] = set()
        pending = list(codes)
        seen: set[str] = set()
        while pending:
            code = pending.pop()
            if code in seen:
                continue
            seen.add(code)
            indicator = self.by_code.get(code)
            if indicator is None:
                continue
            if indicator.kind == IndicatorKind.BASE:
                found.add(code)
            else:
                pending.extend(names_in(indicator.formula) - {POPULATION})
        return found


@dataclass
class LibraryFacts:
    id: int
    name: str
    slug: str
    is_demo: bool
    municipality_id: int | None
    province_code: str = ""
    province_name: str = ""
    population: int | None = None
    referentieregio_id: int | None = None
    cooperation_ids: frozenset[int] = frozenset()
    values: dict[str, float] = field(default_factory=dict)


class Territory:
    """Higher units (provinces, arrondissements), groupings and cooperations.

    A few small queries, reused across years.
    """

    def __init__(self) -> None:
        self.units = {
            row["pk"]: row
            for row in TerritorialUnit.objects.exclude(level="municipality").values(
                "pk", "code", "name_nl", "level", "parent_id"
            )
        }
        self.municipality_parent = dict(
            TerritorialUnit.objects.filter(level="municipality").values_list("pk", "parent_id")
        )
        self.referentieregios = {
            row["pk"]: row for row in Grouping.objects.filter(kind=REFERENTIEREGIO).values("pk", "code", "name")
        }
        from apps.registry.models import Cooperation

        self.cooperations = {
            row["pk"]: row
            for row in Cooperation.objects.values(
                "pk", slug=models_f("organisation__slug"), name=models_f("organisation__name")
            )
        }
        populations: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for unit_id, day, value in Population.objects.values_list("unit_id", "reference_date", "value"):
            populations[unit_id].append((day.year, value))
        self.populations = {unit: sorted(rows) for unit, rows in populations.items()}
        self._population_cache: dict[tuple[int, int], int | None] = {}

    def province_of(self, municipality_id: int | None) -> dict | None:
        parent = self.municipality_parent.get(municipality_id)
        while parent is not None:
            unit = self.units.get(parent)
            if unit is None:
                return None
            if unit["level"] == "province":
                return unit
            parent = unit["parent_id"]
        return None

    def population_of(self, unit_id: int, year: int) -> int | None:
        key = (unit_id, year)
        if key in self._population_cache:
            return self._population_cache[key]
        rows = self.populations.get(unit_id)
        found = None
        if rows:
            before = [value for row_year, value in rows if row_year <= year]
            found = before[-1] if before else rows[0][1]
        self._population_cache[key] = found
        return found


def models_f(name: str):
    from django.db.models import F

    return F(name)


class Libraries:
    """Every library's identity, seat and served municipalities (constant queries, reused across years)."""

    def __init__(self, territory: Territory) -> None:
        self.territory = territory
        self.rows = list(
            Library.objects.values(
                "pk",
                name=models_f("organisation__name"),
                slug=models_f("organisation__slug"),
                is_demo=models_f("organisation__is_demo"),
                municipality_id=models_f("organisation__municipality_id"),
            ).order_by("organisation__name")
        )
        served: dict[int, list[int]] = defaultdict(list)
        for library_id, unit_id in Library.municipalities_served.through.objects.values_list(
            "library_id", "territorialunit_id"
        ):
            served[library_id].append(unit_id)
        self.served = served
        self._populations: dict[tuple, dict[int, int | None]] = {}

    def populations(self, year: int) -> dict[int, int | None]:
        """Each library's population served in `year`, shared by the years that read the same figures."""
        years = sorted({y for rows in self.territory.populations.values() for y, _value in rows})
        epoch = tuple(y for y in years if y <= year) or tuple(years[:1])
        found = self._populations.get(epoch)
        if found is None:
            found = {}
            for row in self.rows:
                units = self.served.get(row["pk"]) or ([row["municipality_id"]] if row["municipality_id"] else [])
                figures = [self.territory.population_of(unit, year) for unit in units]
                found[row["pk"]] = sum(f for f in figures if f) or None
            self._populations[epoch] = found
        return found


class YearFacts:
    """The facts of one year for every library, and what comparisons derive from them.

    Every base figure of the year is loaded at once (so one object serves every
    indicator); derived values are computed per indicator for every library at
    once (`column`), and groups and their statistics are kept once computed, so a
    `YearFacts` held by the process-wide `Comparisons` answers later pages by
    reading. `codes` is accepted for compatibility and no longer narrows the load.
    """

    def __init__(
        self,
        year: int,
        codes: set[str] | list[str] | None = None,
        *,
        catalogue: Catalogue,
        libraries: Libraries,
    ) -> None:
        self.year = year
        self.catalogue = catalogue
        self.day = datetime.date(year, 1, 1)
        territory = libraries.territory
        refreg_of_unit = dict(
            GroupingMembership.objects.filter(valid_on(self.day), grouping__kind=REFERENTIEREGIO).values_list(
                "unit_id", "grouping_id"
            )
        )
        cooperations: dict[int, set[int]] = defaultdict(set)
        for library_id, cooperation_id in CooperationMembership.objects.filter(
            valid_on(self.day), library__isnull=False
        ).values_list("library_id", "cooperation_id"):
            cooperations[library_id].add(cooperation_id)
        self.libraries: dict[int, LibraryFacts] = {}
        populations = libraries.populations(year)
        for row in libraries.rows:
            population = populations.get(row["pk"])
            province = territory.province_of(row["municipality_id"])
            self.libraries[row["pk"]] = LibraryFacts(
                id=row["pk"],
                name=row["name"],
                slug=row["slug"],
                is_demo=row["is_demo"],
                municipality_id=row["municipality_id"],
                province_code=province["code"] if province else "",
                province_name=province["name_nl"] if province else "",
                population=population,
                referentieregio_id=refreg_of_unit.get(row["municipality_id"]),
                cooperation_ids=frozenset(cooperations.get(row["pk"], ())),
            )
        self.reporting: set[int] = set()
        # Floats straight from the database (no Decimal per value) and indicator ids (no join).
        code_of = {indicator.pk: indicator.code for indicator in catalogue.base()}
        rows = FigureValue.objects.filter(
            submission__year=year,
            submission__status=Submission.Status.CONFIRMED,
            indicator_id__in=list(code_of),
        ).values_list("submission__library_id", "indicator_id", Cast("value", FloatField()))
        libraries_by_id = self.libraries
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        for library_id, indicator_id, value in fetched:
            facts = libraries_by_id.get(library_id)
            if facts is not None:
                facts.values[code_of[indicator_id]] = value
                self.reporting.add(library_id)
        self._columns: dict[str, dict[int, float]] = {}
        self._groups: dict[tuple, frozenset[int]] = {}
        self._summaries: dict[tuple, Summary] = {}
        self._by_referentieregio: dict[int, set[int]] | None = None
        self._by_cooperation: dict[int, set[int]] | None = None

    def column(self, code: str) -> dict[int, float]:
        """Every reporting library's value of one indicator (derived ones computed once, here)."""
        found = self._columns.get(code)
        if found is None:
            indicator = self.catalogue.get(code)
            found = {}
            if indicator is not None:
                everyone = indicator.formula.strip() == POPULATION
                for library_id, facts in self.libraries.items():
                    if not everyone and library_id not in self.reporting:
                        continue
                    value = self._compute(facts, code, facts.values, set())
                    if value is not None:
                        found[library_id] = value
            self._columns[code] = found
        return found

    def value(self, library_id: int, code: str, *, own: dict[str, float] | None = None) -> float | None:
        """A library's value of any indicator; `own` replaces its stored base values (e.g. a draft)."""
        facts = self.libraries.get(library_id)
        if facts is None:
            return None
        if own is None:
            if code == POPULATION:
                return float(facts.population) if facts.population else None
            column = self.column(code)
            if library_id in column or library_id in self.reporting:
                return column.get(library_id)
            return self._compute(facts, code, facts.values, set())
        return self._compute(facts, code, own, set())

    def _compute(self, facts: LibraryFacts, code: str, base: dict[str, float], stack: set[str]) -> float | None:
        if code == POPULATION:
            return float(facts.population) if facts.population else None
        indicator = self.catalogue.get(code)
        if indicator is None or code in stack:
            return None
        if indicator.kind == IndicatorKind.BASE:
            value = base.get(code)
            if value is None and base and not indicator.required and stack:
                # An optional part of a sum (e.g. digital loans) that was not delivered counts as none.
                return 0.0
            return value
        if not base and indicator.formula.strip() != POPULATION:
            return None
        return evaluate(indicator.formula, lambda name: self._compute(facts, name, base, stack | {code}))

    def values_of(self, members: set[int] | frozenset[int] | list[int], code: str) -> dict[int, float]:
        column = self.column(code)
        return {library_id: column[library_id] for library_id in members if library_id in column}

    # --- groups, kept once computed --------------------------------------------------------------
    def group(self, key: tuple, build) -> frozenset[int]:
        """The members of a group identified by `key`, computed by `build()` the first time."""
        found = self._groups.get(key)
        if found is None:
            found = self._groups[key] = frozenset(build())
        return found

    def summary(self, key: tuple, members: frozenset[int], code: str) -> "Summary":
        """Sorted values, median and quartiles of a group (`key` as given to `group`) for one indicator."""
        found = self._summaries.get((key, code))
        if found is None:
            found = self._summaries[(key, code)] = Summary.of(self.values_of(members, code).values())
        return found

    def stats(
        self, key: tuple, members: frozenset[int], code: str, *, library_id: int | None, higher_is_better: bool
    ) -> "GroupStats":
        """`group_stats` of a group, from its kept summary; the floor is applied on every call."""
        mine = None
        if library_id is not None and library_id in members:
            mine = self.column(code).get(library_id)
        return self.summary(key, members, code).stats(mine, higher_is_better=higher_is_better)

    # --- standard comparison groups ---------------------------------------------------------
    def everyone(self) -> frozenset[int]:
        return self.group(("all",), lambda: self.libraries)

    def referentieregio_members(self, library_id: int) -> frozenset[int]:
        refreg = self.libraries[library_id].referentieregio_id
        if refreg is None:
            return frozenset()
        if self._by_referentieregio is None:
            index: dict[int, set[int]] = defaultdict(set)
            for pk, facts in self.libraries.items():
                if facts.referentieregio_id is not None:
                    index[facts.referentieregio_id].add(pk)
            self._by_referentieregio = index
        return self.group(("referentieregio", refreg), lambda: self._by_referentieregio[refreg])

    def cooperation_members(self, library_id: int) -> frozenset[int]:
        mine = self.libraries[library_id].cooperation_ids
        if not mine:
            return frozenset()
        if self._by_cooperation is None:
            index: dict[int, set[int]] = defaultdict(set)
            for pk, facts in self.libraries.items():
                for cooperation_id in facts.cooperation_ids:
                    index[cooperation_id].add(pk)
            self._by_cooperation = index
        return self.group(
            ("cooperation", tuple(sorted(mine))),
            lambda: set().union(*(self._by_cooperation.get(c, ()) for c in mine)),
        )


@dataclass
class Summary:
    """A group's values of one indicator, sorted, with median and quartiles (independent of the floor)."""

    numbers: list[float]
    median: float | None = None
    q1: float | None = None
    q3: float | None = None

    @classmethod
    def of(cls, values) -> "Summary":
        numbers = sorted(values)
        if not numbers:
            return cls(numbers)
        if len(numbers) >= 2:
            q1, _median, q3 = stats.quantiles(numbers, n=4, method="inclusive")
        else:
            q1 = q3 = numbers[0]
        return cls(numbers, stats.median(numbers), q1, q3)

    def stats(self, mine: float | None, *, higher_is_better: bool) -> "GroupStats":
        floor = privacy_floor()
        n = len(self.numbers)
        if n == 0 or n < floor:
            return GroupStats(n=n, shown=False, floor=floor)
        rank = None
        if mine is not None:
            # Libraries that do better: above (or below, when lower is better) the library's value.
            better = n - bisect_right(self.numbers, mine) if higher_is_better else bisect_left(self.numbers, mine)
            rank = better + 1
        return GroupStats(n=n, shown=True, median=self.median, q1=self.q1, q3=self.q3, rank=rank, floor=floor)


@dataclass
class GroupStats:
    """Median and quartiles of a group, or only its size when it is under the privacy floor."""

    n: int
    shown: bool
    median: float | None = None
    q1: float | None = None
    q3: float | None = None
    rank: int | None = None
    floor: int = 5

    @property
    def withheld(self) -> bool:
        return self.n > 0 and not self.shown


def group_stats(values: dict[int, float], *, library_id: int | None, higher_is_better: bool) -> GroupStats:
    floor = privacy_floor()
    n = len(values)
    if n == 0 or n < floor:
        return GroupStats(n=n, shown=False, floor=floor)
    numbers = sorted(values.values())
    median = stats.median(numbers)
    if n >= 2:
        q1, _median, q3 = stats.quantiles(numbers, n=4, method="inclusive")
    else:
        q1 = q3 = numbers[0]
    rank = None
    if library_id is not None and library_id in values:
        mine = values[library_id]
        better = sum(1 for v in values.values() if (v > mine if higher_is_better else v < mine))
        rank = better + 1
    return GroupStats(n=n, shown=True, median=median, q1=q1, q3=q3, rank=rank, floor=floor)


def as_decimal(value: float | None, decimals: int) -> Decimal | None:
    if value is None:
        return None
    return round(Decimal(str(value)), decimals)
