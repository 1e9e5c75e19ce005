"""Reads for the registry's pages: annotated list querysets, map data, quick-find, timelines.

Scoping stays in `apps.registry.selectors` (`<model>_visible_to(user)`); these
functions take an already scoped queryset (or the user) and add what a page
shows, with a fixed number of queries whatever the number of rows.
"""

import datetime
import json
import threading
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.core.compiled import CompiledQuery
from apps.registry.models import (
    Branch,
    CooperationMembership,
    Grouping,
    GroupingMembership,
    PartnerLink,
    Population,
    TerritorialChange,
    TerritorialUnit,
)
from apps.registry.models.organisations import OrganisationKind
from apps.registry.models.territory import TerritorialLevel

REFERENTIEREGIO = "referentieregio"


def _active_on(day: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": day})
    )


# --- Annotations ---------------------------------------------------------------------


def population_subquery(unit_ref: str = "pk") -> Subquery:
    """The most recent population figure of the unit."""
    latest = Population.objects.filter(unit=OuterRef(unit_ref)).order_by("-reference_date")
    return Subquery(latest.values("value")[:1])


def referentieregio_subquery(unit_ref: str = "pk", attribute: str = "grouping__name") -> Subquery:
    """The unit's referentieregio (its most recent membership), as name or code."""
    latest = GroupingMembership.objects.filter(unit=OuterRef(unit_ref), grouping__kind=REFERENTIEREGIO).order_by(
        "-valid_from"
    )
    return Subquery(latest.values(attribute)[:1])


def current_cooperation_subquery(library_ref: str = "pk", day: datetime.date | None = None) -> Subquery:
    day = day or timezone.localdate()
    current = (
        CooperationMembership.objects.filter(_active_on(day), library=OuterRef(library_ref))
        .order_by("cooperation__organisation__name")
        .values("cooperation__organisation__name")
    )
    return Subquery(current[:1])


def count_subquery(queryset: QuerySet, ref_field: str) -> Coalesce:
    """A per-row count as a correlated subquery.

    Unlike Count() over a join, it needs no GROUP BY over the whole table, so the
    database computes it only for the rows of the page (and COUNT(*) for the
    paginator stays a plain count).
    """
    counted = queryset.filter(**{ref_field: OuterRef("pk")}).order_by().values(ref_field)
    return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")[:1]), Value(0))


def municipality_rows(queryset: QuerySet) -> QuerySet:
    """Municipalities with province, arrondissement, referentieregio and population, ready for a table."""
    return (
        queryset.select_related("parent", "parent__parent")
        .defer("boundary", "parent__boundary", "parent__parent__boundary")
        .annotate(
            population=population_subquery(),
            referentieregio_name=referentieregio_subquery(),
            referentieregio_code=referentieregio_subquery(attribute="grouping__code"),
        )
        .order_by("name_nl")
    )


# Every library, cooperation and partner is an organisation of that kind. Saying so in
# the list queries lets the database walk the organisation (kind, name) index in name
# order and stop after a page, instead of sorting every row of the table for each page.


def library_rows(queryset: QuerySet) -> QuerySet:
    return (
        queryset.filter(organisation__kind=OrganisationKind.LIBRARY)
        .select_related("organisation", "organisation__municipality", "organisation__municipality__parent__parent")
        .defer(
            "organisation__municipality__boundary",
            "organisation__municipality__parent__parent__boundary",
        )
        .annotate(
            referentieregio_name=referentieregio_subquery("organisation__municipality"),
            branch_count=count_subquery(Branch.objects.all(), "library"),
            cooperation_name=current_cooperation_subquery(),
        )
        .order_by("organisation__name")
    )


def branch_rows(queryset: QuerySet) -> QuerySet:
    return (
        queryset.filter(library__organisation__kind=OrganisationKind.LIBRARY)
        .select_related("library__organisation", "municipality")
        .defer("municipality__boundary")
        .order_by("library__organisation__name", "-is_main", "name")
    )


def cooperation_rows(queryset: QuerySet) -> QuerySet:
    day = timezone.localdate()
    return (
        queryset.filter(organisation__kind=OrganisationKind.COOPERATION)
        .select_related("organisation", "organisation__municipality")
        .defer("organisation__municipality__boundary")
        .annotate(member_count=count_subquery(CooperationMembership.objects.filter(_active_on(day)), "cooperation"))
        .order_by("organisation__name")
    )


def partner_rows(queryset: QuerySet) -> QuerySet:
    return (
        queryset.filter(organisation__kind=OrganisationKind.PARTNER)
        .select_related("organisation", "organisation__municipality")
        .defer("organisation__municipality__boundary")
        .annotate(link_count=count_subquery(PartnerLink.objects.all(), "partner"))
        .order_by("organisation__name")
    )


# --- List pages ---------------------------------------------------------------------
#
# A list page counts, filters and sorts the whole list, then shows one page of it.
# The list itself stays lean (no per-row columns: the COUNT and the page's keys are
# plain queries); `*_list_rows` adds what the table shows to the page's records: just
# those columns, with related names as annotations instead of whole related records
# (building a hundred model instances per page costs more than the query). The API
# and other pages keep the full `*_rows` querysets above.
#
# Every library, cooperation and partner is an organisation of that kind: the
# `*_KEYS` conditions say so, which lets the database walk the organisation
# (kind, name) index in name order and stop after a page instead of sorting the
# whole list (apps.core.tables.PagedQuerysetData.keys_filter).

LIBRARY_KEYS = Q(organisation__kind=OrganisationKind.LIBRARY)
COOPERATION_KEYS = Q(organisation__kind=OrganisationKind.COOPERATION)
PARTNER_KEYS = Q(organisation__kind=OrganisationKind.PARTNER)
BRANCH_KEYS = Q(library__organisation__kind=OrganisationKind.LIBRARY)

ORGANISATION_COLUMNS = ("organisation__name", "organisation__slug", "organisation__status", "organisation__is_demo")


def municipality_list_rows(queryset: QuerySet) -> QuerySet:
    """The columns of the municipality tables: names of the arrondissement and province, population, region."""
    return queryset.only("code", "name_nl", "area_km2", "valid_until").annotate(
        arrondissement_name=F("parent__name_nl"),
        province_name=F("parent__parent__name_nl"),
        province_level=F("parent__parent__level"),
        population=population_subquery(),
        referentieregio_name=referentieregio_subquery(),
    )


def municipality_api_rows(queryset: QuerySet) -> QuerySet:
    """The fields of the municipality API: codes of the arrondissement and province as annotations."""
    return queryset.only(
        "code", "name_nl", "name_fr", "area_km2", "valid_from", "valid_until", "latitude", "longitude"
    ).annotate(
        arrondissement_code=F("parent__code"),
        arrondissement_level=F("parent__level"),
        province_code=F("parent__parent__code"),
        province_level=F("parent__parent__level"),
        population=population_subquery(),
        referentieregio_name=referentieregio_subquery(),
        referentieregio_code=referentieregio_subquery(attribute="grouping__code"),
    )


def _organisation_list_rows(queryset: QuerySet, *columns: str) -> QuerySet:
    return (
        queryset.select_related(None)
        .select_related("organisation")
        .only(*columns, "organisation__kind", *ORGANISATION_COLUMNS)
        .annotate(municipality_name=F("organisation__municipality__name_nl"))
    )


def library_list_rows(queryset: QuerySet) -> QuerySet:
    """The columns of the library list page."""
    return _organisation_list_rows(queryset, "governance_type").annotate(
        province_name=F("organisation__municipality__parent__parent__name_nl"),
        referentieregio_name=referentieregio_subquery("organisation__municipality"),
        branch_count=count_subquery(Branch.objects.all(), "library"),
        cooperation_name=current_cooperation_subquery(),
    )


def cooperation_list_rows(queryset: QuerySet) -> QuerySet:
    """The columns of the cooperation list page."""
    day = timezone.localdate()
    return _organisation_list_rows(queryset, "cooperation_type").annotate(
        member_count=count_subquery(CooperationMembership.objects.filter(_active_on(day)), "cooperation")
    )


def partner_list_rows(queryset: QuerySet) -> QuerySet:
    """The columns of the partner list page."""
    return _organisation_list_rows(queryset, "partner_type").annotate(
        link_count=count_subquery(PartnerLink.objects.all(), "partner")
    )


def branch_list_rows(queryset: QuerySet) -> QuerySet:
    """The columns of the branch list page."""
    return (
        queryset.select_related(None)
        .only("uuid", "name", "is_main", "street", "postcode", "city", "accessibility", "closed_year", "is_demo")
        .annotate(library_name=F("library__organisation__name"), municipality_name=F("municipality__name_nl"))
    )


# --- Territory detail ------------------------------------------------------------------


# The municipality page's own reads are in selectors/municipality_page.py.


def units_label(units: list[TerritorialUnit]) -> str:
    """'Galmaarden, Gooik en Herne'."""
    names = [u.name_nl for u in units]
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def grouping_members(grouping, day: datetime.date | None = None) -> QuerySet:
    day = day or timezone.localdate()
    units = TerritorialUnit.objects.filter(
        Exists(GroupingMembership.objects.filter(grouping=grouping, unit=OuterRef("pk")))
    ).valid_on(day)
    return municipality_list_rows(units).order_by("name_nl")


# --- Quick-find --------------------------------------------------------------------------


@dataclass
class QuickFindHit:
    label: str
    url: str
    kind: str
    detail: str = ""


def quick_find(*, user, query: str, limit: int = 6) -> list[QuickFindHit]:
    """Municipalities (also those that disappeared), libraries, branches, cooperations, partners."""
    from apps.registry import selectors

    query = (query or "").strip()
    if len(query) < 2 and not query.isdigit():
        return []
    hits: list[QuickFindHit] = []
    if user.has_perm("registry.view_municipality"):
        hits += _find_municipalities(query, limit)
    name_q = Q(organisation__name__icontains=query)
    if query.isdigit():
        name_q |= Q(organisation__municipality__code__startswith=query)
    if user.has_perm("registry.view_library"):
        libraries = selectors.library_visible_to(user).filter(name_q).select_related("organisation")
        for library in libraries.order_by("organisation__name")[:limit]:
            hits.append(QuickFindHit(library.organisation.name, library.get_absolute_url(), _("Bibliotheek")))
    if user.has_perm("registry.view_branch"):
        branch_q = Q(name__icontains=query) | Q(city__icontains=query)
        if query.isdigit():
            branch_q |= Q(postcode__startswith=query) | Q(municipality__code__startswith=query)
        branches = selectors.branch_visible_to(user).filter(branch_q).select_related("library__organisation")
        for branch in branches.order_by("name")[:limit]:
            hits.append(
                QuickFindHit(branch.name, branch.get_absolute_url(), _("Vestiging"), branch.library.organisation.name)
            )
    if user.has_perm("registry.view_cooperation"):
        cooperations = selectors.cooperation_visible_to(user).filter(name_q).select_related("organisation")
        for cooperation in cooperations.order_by("organisation__name")[:limit]:
            hits.append(
                QuickFindHit(cooperation.organisation.name, cooperation.get_absolute_url(), _("Samenwerkingsverband"))
            )
    if user.has_perm("registry.view_partner"):
        partners = selectors.partner_visible_to(user).filter(name_q).select_related("organisation")
        for partner in partners.order_by("organisation__name")[:limit]:
            hits.append(QuickFindHit(partner.organisation.name, partner.get_absolute_url(), _("Partner")))
    return hits


def _find_municipalities(query: str, limit: int) -> list[QuickFindHit]:
    units = TerritorialUnit.objects.filter(level=TerritorialLevel.MUNICIPALITY).defer("boundary")
    if query.isdigit():
        units = units.filter(code__startswith=query)
    else:
        units = units.filter(Q(name_nl__icontains=query) | Q(name_fr__icontains=query))
    units = units.prefetch_related(
        Prefetch(
            "changes_as_predecessor",
            queryset=TerritorialChange.objects.prefetch_related(
                Prefetch("successors", queryset=TerritorialUnit.objects.defer("boundary"))
            ),
        )
    )
    # Exact names first, then alphabetically; today's units before those that disappeared.
    ordered = sorted(
        units[: limit * 3],
        key=lambda u: (u.name_nl.lower() != query.lower(), u.valid_until is not None, u.name_nl),
    )[:limit]
    hits = []
    for unit in ordered:
        label = f"{unit.name_nl} ({unit.code})"
        if unit.valid_until:
            successors = [s for change in unit.changes_as_predecessor.all() for s in change.successors.all()]
            until = date_format(unit.valid_until, "d-m-Y")
            if successors:
                label = _("%(name)s (tot %(until)s, nu %(successor)s)") % {
                    "name": unit.name_nl,
                    "until": until,
                    "successor": units_label(successors),
                }
            else:
                label = _("%(name)s (tot %(until)s)") % {"name": unit.name_nl, "until": until}
        hits.append(QuickFindHit(label, unit.get_absolute_url(), _("Gemeente")))
    return hits


# --- Memberships timeline -----------------------------------------------------------------


@dataclass
class TimelineBar:
    membership: CooperationMembership
    left: float
    width: float
    label: str
    ongoing: bool


@dataclass
class TimelineRow:
    label: str
    bars: list[TimelineBar]


@dataclass
class Timeline:
    start_year: int
    end_year: int
    ticks: list[tuple[int, str]]  # (year, CSS left offset in %, formatted without locale)
    rows: list[TimelineRow]


def membership_timeline(
    memberships: list[CooperationMembership], *, today: datetime.date | None = None
) -> Timeline | None:
    """Lay memberships out on a shared year axis, one row per cooperation type."""
    if not memberships:
        return None
    today = today or timezone.localdate()
    start_year = min(m.valid_from.year for m in memberships)
    end_year = max([today.year] + [m.valid_until.year for m in memberships if m.valid_until])
    axis_start = datetime.date(start_year, 1, 1)
    axis_end = datetime.date(end_year, 12, 31)
    span = (axis_end - axis_start).days or 1
    rows: dict[str, TimelineRow] = {}
    for membership in memberships:
        cooperation = membership.cooperation
        end = membership.valid_until or axis_end
        left = (membership.valid_from - axis_start).days / span * 100
        width = max((end - membership.valid_from).days / span * 100, 1.0)
        until = date_format(membership.valid_until, "j F Y") if membership.valid_until else _("heden")
        label = _("%(cooperation)s: %(start)s tot en met %(end)s") % {
            "cooperation": cooperation.organisation.name,
            "start": date_format(membership.valid_from, "j F Y"),
            "end": until,
        }
        row = rows.setdefault(
            cooperation.cooperation_type, TimelineRow(str(cooperation.get_cooperation_type_display()), [])
        )
        row.bars.append(
            TimelineBar(membership, round(left, 2), round(min(width, 100 - left), 2), label, not membership.valid_until)
        )
    step = max(1, -(-(end_year - start_year + 1) // 10))
    ticks = [
        (year, f"{(datetime.date(year, 1, 1) - axis_start).days / span * 100:.2f}")
        for year in range(start_year, end_year + 1, step)
    ]
    return Timeline(start_year, end_year, ticks, list(rows.values()))


# --- Maps ------------------------------------------------------------------------------------

# A qualitative palette with enough contrast against a white background (15+ classes),
# and a sequential one for population classes.
CATEGORY_COLOURS = [
    "#1b6ca8", "#d1495b", "#2a9d8f", "#e9a23b", "#6a4c93", "#3d8b37", "#c2571a", "#0f4c5c",
    "#b5179e", "#577590", "#8d6a3f", "#d62828", "#118ab2", "#6c757d", "#9c6644", "#264653",
]  # fmt: skip
POPULATION_COLOURS = ["#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08306b"]
POPULATION_CLASSES = [10_000, 20_000, 50_000, 100_000]
NO_DATA_COLOUR = "#cccccc"
COLOUR_MODES = ("referentieregio", "cooperation", "population")


class _GeometryCache:
    """Each municipality's boundary serialised to a JSON string once per process.

    Serialising ~300 polygons is the heavy part of the map; the cache key is read
    with one aggregate query, so a (re)load of the reference data is picked up.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._geometries: dict[int, str] = {}

    def geometries(self) -> dict[int, str]:
        # One aggregate query tells whether the stored boundaries changed: their number, ids and
        # representative points (a new boundary moves its point) form the cache key.
        with_boundary = TerritorialUnit.objects.filter(boundary__isnull=False)
        totals = with_boundary.aggregate(
            n=Count("pk"), ids=Sum("pk"), last=Max("pk"), lat=Sum("latitude"), lon=Sum("longitude")
        )
        key = (totals["n"], totals["ids"], totals["last"], round(totals["lat"] or 0, 6), round(totals["lon"] or 0, 6))
        with self._lock:
            if key != self._key:
                rows = with_boundary.values_list("pk", "boundary")
                self._geometries = {pk: json.dumps(boundary, separators=(",", ":")) for pk, boundary in rows}
                self._key = key
            return self._geometries

    def clear(self) -> None:
        with self._lock:
            self._key = None
            self._geometries = {}


geometry_cache = _GeometryCache()


def population_class(value: int | None) -> int | None:
    if value is None:
        return None
    for index, bound in enumerate(POPULATION_CLASSES):
        if value < bound:
            return index
    return len(POPULATION_CLASSES)


def population_legend() -> list[dict[str, Any]]:
    bounds = [0, *POPULATION_CLASSES, None]
    legend = []
    for index, colour in enumerate(POPULATION_COLOURS):
        low, high = bounds[index], bounds[index + 1]
        if high is None:
            label = _("%(low)s inwoners of meer") % {"low": f"{low:,}".replace(",", ".")}
        else:
            label = _("%(low)s tot %(high)s inwoners") % {
                "low": f"{low:,}".replace(",", "."),
                "high": f"{high - 1:,}".replace(",", "."),
            }
        legend.append({"key": str(index), "label": label, "colour": colour, "count": 0})
    return legend


def municipality_cooperations(unit_ids: list[int], *, user, day: datetime.date) -> dict[int, str]:
    """The name of a cooperation each municipality takes part in on `day` (directly or via a library serving it).

    Two flat queries whatever the size of the network: the memberships, and which municipalities
    the member libraries serve (a subquery, not a list of thousands of library keys).
    """
    from apps.registry import selectors

    visible = selectors.cooperation_visible_to(user).values("pk")
    active = CooperationMembership.objects.filter(_active_on(day), cooperation__in=visible)
    served: dict[int, list[int]] = {}
    member_libraries = active.filter(library__isnull=False).values("library")
    for library_id, unit_id in TerritorialUnit.objects.filter(libraries_serving__in=member_libraries).values_list(
        "libraries_serving", "pk"
    ):
        served.setdefault(library_id, []).append(unit_id)
    wanted = set(unit_ids)
    result: dict[int, str] = {}
    memberships = active.order_by("cooperation__organisation__name").values_list(
        "municipality_id", "library_id", "cooperation__organisation__name"
    )
    for municipality_id, library_id, name in memberships:
        targets = [municipality_id] if municipality_id else served.get(library_id, [])
        for unit_id in targets:
            if unit_id in wanted:
                result.setdefault(unit_id, name)
    return result


@dataclass
class MapData:
    """A FeatureCollection as a JSON string, with the legend and the table rows that say the same."""

    geojson: str
    legend: list[dict[str, Any]]
    rows: list[dict[str, Any]]
    colour: str


# The map's reads that have the same shape on every request, compiled to SQL once (apps.core.compiled).
_municipalities_on = CompiledQuery(
    lambda day: (
        TerritorialUnit.objects.filter(level=TerritorialLevel.MUNICIPALITY)
        .valid_on(day)
        .order_by("name_nl")
        .values_list("pk", "code", "name_nl")
    )
)
_population_rows = CompiledQuery(
    lambda: Population.objects.order_by("reference_date", "pk").values_list("unit_id", "value")
)
_referentieregio_rows = CompiledQuery(
    lambda: Grouping.objects.filter(kind=REFERENTIEREGIO).values_list("pk", "code", "name")
)
_referentieregio_membership_rows = CompiledQuery(
    lambda: (
        GroupingMembership.objects.filter(grouping__kind=REFERENTIEREGIO)
        .order_by("valid_from", "pk")
        .values_list("unit_id", "grouping_id")
    )
)


def municipality_map(
    queryset: QuerySet | None, *, colour: str, user, day: datetime.date | None = None, geojson: bool = True
) -> MapData:
    """Colour each municipality of `queryset` by referentieregio, cooperation or population class.

    `queryset=None` means every municipality that existed on `day`: the unfiltered map, read with
    SQL compiled once.

    The map page needs only the legend and the rows (its map loads the GeoJSON from the API):
    with `geojson=False` the FeatureCollection is not built and `MapData.geojson` is empty.
    """
    day = day or timezone.localdate()
    colour = colour if colour in COLOUR_MODES else "referentieregio"
    unit_rows = (
        _municipalities_on(day=day)
        if queryset is None
        else queryset.order_by("name_nl").values_list("pk", "code", "name_nl")
    )
    units = [{"pk": pk, "code": code, "name_nl": name} for pk, code, name in unit_rows]
    # Each municipality's latest population and referentieregio from three flat reads of the
    # reference tables (a few hundred rows, the latest wins) instead of correlated subqueries
    # per municipality: the same answers as population_subquery() and referentieregio_subquery().
    populations = dict(_population_rows())
    regions = {pk: (code, name) for pk, code, name in _referentieregio_rows()}
    unit_regions = dict(_referentieregio_membership_rows())
    for unit in units:
        unit["population"] = populations.get(unit["pk"])
        unit["referentieregio_code"], unit["referentieregio_name"] = regions.get(unit_regions.get(unit["pk"]), ("", ""))
    geometries = geometry_cache.geometries() if geojson else {}
    legend: dict[str, dict[str, Any]] = {}
    if colour == "population":
        legend = {entry["key"]: entry for entry in population_legend()}
    cooperations = (
        municipality_cooperations([u["pk"] for u in units], user=user, day=day) if colour == "cooperation" else {}
    )
    rows: list[dict[str, Any]] = []
    features: list[str] = []
    detail_url = reverse("registry:municipality_detail", kwargs={"code": "00000"})
    for unit in units:
        if colour == "population":
            klass = population_class(unit["population"])
            key = str(klass) if klass is not None else ""
            label = legend[key]["label"] if key else _("Onbekend")
        elif colour == "cooperation":
            label = cooperations.get(unit["pk"], "")
            key = label
        else:
            key = unit["referentieregio_code"] or ""
            label = unit["referentieregio_name"] or ""
        if not key:
            key, label = "", _("Geen") if colour != "population" else _("Onbekend")
        if key not in legend:
            legend[key] = {"key": key, "label": label, "colour": "", "count": 0}
        legend[key]["count"] += 1
        rows.append(
            {
                "nis_code": unit["code"],
                "name": unit["name_nl"],
                "referentieregio": unit["referentieregio_name"] or "",
                "population": unit["population"],
                "colour_key": key,
                "colour_label": legend[key]["label"],
                "url": detail_url.replace("00000", unit["code"]),
            }
        )
    # Colours are assigned after counting, in a stable (alphabetical) order of the labels.
    if colour != "population":
        ordered = sorted((e for e in legend.values() if e["key"]), key=lambda e: e["label"])
        for index, entry in enumerate(ordered):
            entry["colour"] = CATEGORY_COLOURS[index % len(CATEGORY_COLOURS)]
    for entry in legend.values():
        if not entry["key"]:
            entry["colour"] = NO_DATA_COLOUR
    for unit, row in zip(units, rows, strict=True):
        row["colour"] = legend[row["colour_key"]]["colour"]
        if not geojson:
            continue
        properties = {
            key: row[key] for key in ("nis_code", "name", "referentieregio", "population", "colour_key", "colour")
        }
        properties["colour_label"] = row["colour_label"]
        properties["url"] = row["url"]
        geometry = geometries.get(unit["pk"], "null")
        features.append(
            '{"type":"Feature","geometry":'
            + geometry
            + ',"properties":'
            + json.dumps(properties, separators=(",", ":"))
            + "}"
        )
    collection = '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}" if geojson else ""
    legend_list = [e for e in legend.values() if e["count"]]
    if colour == "population":
        legend_list.sort(key=lambda e: (e["key"] == "", e["key"]))
    else:
        legend_list.sort(key=lambda e: (e["key"] == "", e["label"]))
    return MapData(geojson=collection, legend=legend_list, rows=rows, colour=colour)


def branch_points(queryset: QuerySet) -> str:
    """Branches with coordinates as a GeoJSON FeatureCollection string."""
    features = []
    rows = (
        queryset.filter(latitude__isnull=False, longitude__isnull=False)
        .select_related(None)
        .select_related("library__organisation")
        .only(
            "uuid",
            "name",
            "is_main",
            "latitude",
            "longitude",
            "street",
            "city",
            "is_demo",
            "library__organisation__name",
        )
    )
    for branch in rows:
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [branch.longitude, branch.latitude]},
                "properties": {
                    "uuid": str(branch.uuid),
                    "name": branch.name,
                    "library": branch.library.organisation.name,
                    "is_main": branch.is_main,
                    "address": ", ".join(p for p in (branch.street, branch.city) if p),
                    "is_demo": branch.is_demo,
                    "url": branch.get_absolute_url(),
                },
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))


# --- Home -------------------------------------------------------------------------------------


def registry_counts(*, user) -> dict[str, int]:
    from apps.registry import selectors

    today = timezone.localdate()
    counts = {
        "municipalities": TerritorialUnit.objects.municipalities().valid_on(today).count(),
        "referentieregios": GroupingMembership.objects.filter(grouping__kind=REFERENTIEREGIO)
        .values("grouping")
        .distinct()
        .count(),
        "changes": TerritorialChange.objects.count(),
    }
    if user.has_perm("registry.view_library"):
        counts["libraries"] = selectors.library_visible_to(user).count()
    if user.has_perm("registry.view_branch"):
        counts["branches"] = selectors.branch_visible_to(user).count()
    if user.has_perm("registry.view_cooperation"):
        counts["cooperations"] = selectors.cooperation_visible_to(user).count()
    if user.has_perm("registry.view_partner"):
        counts["partners"] = selectors.partner_visible_to(user).count()
    return counts
