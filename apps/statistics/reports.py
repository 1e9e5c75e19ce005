"""What the dashboard and the one-page report show: series, comparisons, ranks, trend and sources.

A `Comparisons` object holds what is shared between years and between libraries
(catalogue, territory, libraries and their served municipalities), so that a
batch of reports loads the year's facts once and a page runs a constant number
of queries whatever the number of libraries.
"""

import json
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from apps.registry.models import Library

from .benchmarks import Catalogue, GroupStats, Libraries, Territory, YearFacts, privacy_floor
from .models import FigureValue, Indicator, PeerGroup, Submission
from .peergroups import SIZE_CLASS_BY_CODE, criteria_codes, members_of, size_class_of

TREND_YEARS = 6


class Comparisons:
    """Catalogue, territory, libraries and each year's facts, loaded once.

    `Comparisons.current()` gives the process-wide instance of the current data
    version (see `freshness`): pages read its kept facts, groups and statistics
    instead of rebuilding them, and every process drops it as soon as an input changes.
    """

    def __init__(self) -> None:
        self.catalogue = Catalogue()
        self.territory = Territory()
        self.libraries = Libraries(self.territory)
        self._facts: dict[int, YearFacts] = {}
        self._lock = threading.Lock()

    @classmethod
    def current(cls) -> "Comparisons":
        from .freshness import current_comparisons

        return current_comparisons(cls)

    KEPT_PAGES = 2000

    def kept(self, key: tuple, build):
        """A finished piece of a page (rows, rendered HTML) of this data version, built once per key.

        The key must hold everything the piece depends on besides the data (library,
        indicator, group, language, privacy floor, ...). At most `KEPT_PAGES` pieces
        are kept; the oldest go first.
        """
        pieces = self.__dict__.setdefault("_pieces", OrderedDict())
        found = pieces.get(key)
        if found is None:
            found = build()
            with self._lock:
                pieces[key] = found
                while len(pieces) > self.KEPT_PAGES:
                    pieces.popitem(last=False)
        return found

    def years(self) -> list[int]:
        """The years with figures (any status)."""
        found = self.__dict__.get("_years")
        if found is None:
            found = self._years = sorted(Submission.objects.order_by().values_list("year", flat=True).distinct())
        return found

    def own(self, library: Library) -> "OwnFigures":
        """A library's own figures of every year (drafts too), kept like the rest; read-only for callers."""
        kept = self.__dict__.setdefault("_own", {})
        found = kept.get(library.pk)
        if found is None:
            found = kept[library.pk] = OwnFigures.load(library)
        return found

    def demo_years(self, library_id: int) -> set[int]:
        """The years in which a library's figures are demo data."""
        found = self.__dict__.get("_demo_years")
        if found is None:
            found = defaultdict(set)
            for pk, year in Submission.objects.filter(is_demo=True).values_list("library_id", "year"):
                found[pk].add(year)
            self._demo_years = found
        return found.get(library_id, set())

    def facts(self, year: int, codes: set[str] | None = None) -> YearFacts:
        found = self._facts.get(year)
        if found is None:
            with self._lock:
                found = self._facts.get(year)
                if found is None:
                    found = self._facts[year] = YearFacts(year, catalogue=self.catalogue, libraries=self.libraries)
        return found


@dataclass
class OwnFigures:
    """A library's own base figures per year (any status), in one query."""

    by_year: dict[int, dict[str, float]] = field(default_factory=dict)
    status: dict[int, str] = field(default_factory=dict)

    @classmethod
    def load(cls, library: Library) -> "OwnFigures":
        own = cls()
        rows = FigureValue.objects.filter(submission__library=library).values_list(
            "submission__year", "submission__status", "indicator__code", "value"
        )
        for year, status, code, value in rows:
            own.by_year.setdefault(year, {})[code] = float(value)
            own.status[year] = status
        for year, status in Submission.objects.filter(library=library).values_list("year", "status"):
            own.status[year] = status
            own.by_year.setdefault(year, {})
        return own


@dataclass
class Comparison:
    key: str
    label: str
    stats: GroupStats


@dataclass
class IndicatorYear:
    indicator: Indicator
    year: int
    own: float | None
    confirmed: bool
    comparisons: list[Comparison]

    @property
    def peers(self) -> Comparison:
        return self.comparisons[-1]

    def position_text(self) -> str:
        peers = self.peers.stats
        if not peers.shown:
            return _("niet getoond: minder dan %(floor)s bibliotheken") % {"floor": peers.floor}
        if peers.rank is None:
            return _("niet gerangschikt (geen bevestigd cijfer)")
        return _("%(rank)s van %(n)s") % {"rank": peers.rank, "n": peers.n}

    def quartile_text(self) -> str:
        peers = self.peers.stats
        if not peers.shown or self.own is None:
            return ""
        better = self.indicator.higher_is_better
        if (self.own >= peers.q3) if better else (self.own <= peers.q1):
            return _("bij de beste 25%")
        if (self.own <= peers.q1) if better else (self.own >= peers.q3):
            return _("bij de laagste 25%") if better else _("bij de hoogste 25%")
        return _("in de middelste helft")


def peer_label(group: PeerGroup | None, facts: YearFacts, library_id: int) -> str:
    if group is not None:
        return group.name
    size = size_class_of(facts.libraries[library_id].population)
    return _("Grootteklasse %(label)s") % {"label": size.label} if size else _("Grootteklasse onbekend")


def peer_key(group: PeerGroup | None, facts: YearFacts, library_id: int) -> tuple:
    """What identifies a library's peer group in the kept groups of `facts`: the criteria, or the size class."""
    if group is not None:
        return ("criteria", json.dumps(group.criteria, sort_keys=True, default=str))
    size = size_class_of(facts.libraries[library_id].population)
    return ("size", size.code if size else "")


def group_members(comparisons: Comparisons, criteria: dict, facts: YearFacts) -> frozenset[int]:
    """A saved group's members that year (kept with the year's facts)."""
    key = ("criteria", json.dumps(criteria, sort_keys=True, default=str))
    return facts.group(key, lambda: members_of(criteria, facts, territory=comparisons.territory))


def peer_members(
    comparisons: Comparisons, group: PeerGroup | None, facts: YearFacts, library_id: int
) -> frozenset[int]:
    """A saved group's members that year, or by default the libraries of the same BIX size class."""
    if group is not None:
        return group_members(comparisons, group.criteria, facts)
    size = size_class_of(facts.libraries[library_id].population)
    if size is None:
        return frozenset()
    return facts.group(
        ("size", size.code),
        lambda: members_of({"size_classes": [size.code]}, facts, territory=comparisons.territory),
    )


def codes_needed(indicators: list[Indicator], group: PeerGroup | None) -> set[str]:
    codes = {indicator.code for indicator in indicators}
    if group is not None:
        codes |= criteria_codes(group.criteria)
    return codes


def indicator_year(
    comparisons: Comparisons,
    *,
    library: Library,
    indicator: Indicator,
    year: int,
    group: PeerGroup | None,
    own: OwnFigures,
    facts: YearFacts,
    members: frozenset[int] | None = None,
) -> IndicatorYear:
    library_id = library.pk
    own_value = facts.value(library_id, indicator.code, own=own.by_year.get(year, {})) if year in own.by_year else None
    better = indicator.higher_is_better

    def stats_of(key: tuple, ids: frozenset[int]) -> GroupStats:
        return facts.stats(key, ids, indicator.code, library_id=library_id, higher_is_better=better)

    library_facts = facts.libraries[library_id]

    refreg_id = library_facts.referentieregio_id
    refreg = comparisons.territory.referentieregios.get(refreg_id, {}).get("name") if refreg_id else None
    coops = sorted(comparisons.territory.cooperations[c]["name"] for c in library_facts.cooperation_ids)
    if members is None:
        members = peer_members(comparisons, group, facts, library_id)
    coop_key = ("cooperation", tuple(sorted(library_facts.cooperation_ids)))
    peers_key = peer_key(group, facts, library_id)
    rows = [
        Comparison("region", _("Vlaanderen"), stats_of(("all",), facts.everyone())),
        Comparison(
            "referentieregio",
            _("Referentieregio %(name)s") % {"name": refreg} if refreg else _("Referentieregio (geen)"),
            stats_of(("referentieregio", refreg_id), facts.referentieregio_members(library_id)),
        ),
        Comparison(
            "cooperation",
            ", ".join(coops) if coops else _("Samenwerkingsverband (geen)"),
            stats_of(coop_key, facts.cooperation_members(library_id)),
        ),
        Comparison("peers", peer_label(group, facts, library_id), stats_of(peers_key, members)),
    ]
    return IndicatorYear(indicator, year, own_value, own.status.get(year) == Submission.Status.CONFIRMED, rows)


def dashboard_series(
    comparisons: Comparisons, *, library: Library, indicator: Indicator, years: list[int], group: PeerGroup | None
) -> list[IndicatorYear]:
    own = comparisons.own(library)
    codes = codes_needed([indicator], group)
    return [
        indicator_year(
            comparisons,
            library=library,
            indicator=indicator,
            year=year,
            group=group,
            own=own,
            facts=comparisons.facts(year, codes),
        )
        for year in years
    ]


@dataclass
class Report:
    library: Library
    year: int
    rows: list[IndicatorYear]
    trend_years: list[int]
    trend: list[tuple[Indicator, list[float | None]]]
    sources: list[Indicator]
    source_groups: list[tuple[str, list[Indicator]]]
    peer_group_label: str
    peer_group_size: int
    population: int | None
    floor: int
    is_demo: bool
    confirmed: bool
    # Rendered HTML by `for_pdf`, filled by the views (a kept report is rendered once).
    documents: dict[bool, str] = field(default_factory=dict)


def build_report(
    comparisons: Comparisons, *, library: Library, year: int, group: PeerGroup | None, own: OwnFigures | None = None
) -> Report:
    indicators = comparisons.catalogue.key()
    own = own or comparisons.own(library)
    facts = comparisons.facts(year, codes_needed(indicators, group))
    members = peer_members(comparisons, group, facts, library.pk)
    rows = [
        indicator_year(
            comparisons,
            library=library,
            indicator=indicator,
            year=year,
            group=group,
            own=own,
            facts=facts,
            members=members,
        )
        for indicator in indicators
    ]
    trend_years = [y for y in sorted(own.by_year) if y <= year][-TREND_YEARS:]
    trend = []
    for indicator in indicators:
        points = []
        for trend_year in trend_years:
            trend_facts = facts if trend_year == year else comparisons.facts(trend_year, set())
            points.append(trend_facts.value(library.pk, indicator.code, own=own.by_year.get(trend_year, {})))
        trend.append((indicator, points))
    used = comparisons.catalogue.base_codes_of([i.code for i in indicators]) | {i.code for i in indicators}
    sources = [i for i in comparisons.catalogue.ordered() if i.code in used]
    by_source: dict[str, list[Indicator]] = {}
    for indicator in sources:
        by_source.setdefault(indicator.source.strip(), []).append(indicator)
    return Report(
        library=library,
        year=year,
        rows=rows,
        trend_years=trend_years,
        trend=trend,
        sources=sources,
        source_groups=list(by_source.items()),
        peer_group_label=peer_label(group, facts, library.pk),
        peer_group_size=len(members),
        population=facts.libraries[library.pk].population,
        floor=privacy_floor(),
        is_demo=library.organisation.is_demo or year in comparisons.demo_years(library.pk),
        confirmed=own.status.get(year) == Submission.Status.CONFIRMED,
    )


def peer_group_overview(comparisons: Comparisons, *, group: PeerGroup, year: int, with_members: bool):
    """A group's statistics for every key indicator, and (for the cell, above the floor) its members' values."""
    indicators = comparisons.catalogue.key()
    facts = comparisons.facts(year, codes_needed(indicators, group))
    members = group_members(comparisons, group.criteria, facts)
    key = ("criteria", json.dumps(group.criteria, sort_keys=True, default=str))
    reporting = members & facts.reporting
    rows = []
    for indicator in indicators:
        stats = facts.stats(key, members, indicator.code, library_id=None, higher_is_better=indicator.higher_is_better)
        rows.append((indicator, stats))
    listing = []
    if with_members and len(reporting) >= privacy_floor():
        for pk in sorted(reporting, key=lambda pk: facts.libraries[pk].name):
            listing.append((facts.libraries[pk], [facts.value(pk, i.code) for i in indicators]))
    return {
        "indicators": indicators,
        "rows": rows,
        "members": members,
        "reporting": reporting,
        "listing": listing,
        "any_demo": any(facts.libraries[pk].is_demo for pk in members),
    }


def size_class_label(code: str) -> str:
    size = SIZE_CLASS_BY_CODE.get(code)
    return str(size.label) if size else code


def by_year_dict(rows: list[IndicatorYear]) -> dict[int, IndicatorYear]:
    return defaultdict(lambda: None, {row.year: row for row in rows})
