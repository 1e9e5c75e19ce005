"""Figures that compare partitions of the same municipalities: a scenario, today's cooperations, referentieregio's.

Everything works on plain dicts `{nis_code: region key}`; a municipality
missing from a partition (e.g. in no cooperation) is counted as "not covered".
"""

import hashlib
import json
import statistics
from collections import defaultdict

from django.core.cache import cache

from .algorithms import polsby_popper, spread
from .selectors import TerritoryData

PALETTE = [
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#1f78b4",
    "#b2df8a",
    "#fb9a99",
    "#cab2d6",
    "#fdbf6f",
]
UNCOVERED_COLOUR = "#d9d9d9"


def _groups(assignment: dict[str, object]) -> dict[object, list[str]]:
    groups: dict[object, list[str]] = defaultdict(list)
    for code, key in sorted(assignment.items()):
        if key not in (None, ""):
            groups[key].append(code)
    return dict(groups)


def compactness_of(data: TerritoryData, members: list[str]) -> float | None:
    """Polsby-Popper of the dissolved region, cached by its member list (boundaries do not change often)."""
    key = "scale:pp:" + hashlib.sha1(",".join(sorted(members)).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        boundaries = data.load_boundaries()
        geometries = [boundaries[c] for c in members if c in boundaries]
        value = polsby_popper(geometries) if geometries else None
        cache.set(key, -1.0 if value is None else value, 60 * 60 * 24)
    return None if value is None or value < 0 else value


def _stats(values: list[float]) -> dict[str, float]:
    if not values:
        return {"min": 0, "median": 0, "max": 0, "mean": 0}
    return {
        "min": min(values),
        "median": statistics.median(values),
        "max": max(values),
        "mean": sum(values) / len(values),
    }


def partition_figures(data: TerritoryData, assignment: dict[str, object], *, names: dict | None = None) -> dict:
    """Per region and overall: population, libraries, compactness, cooperations split."""
    municipalities = data.by_code()
    groups = _groups({c: k for c, k in assignment.items() if c in municipalities})
    regions = []
    for key, members in sorted(groups.items(), key=lambda item: str(item[0]).zfill(6)):
        population = sum(municipalities[c].population for c in members)
        regions.append(
            {
                "key": key,
                "name": (names or {}).get(key, str(key)),
                "members": members,
                "municipalities": len(members),
                "population": population,
                "libraries": sum(municipalities[c].libraries for c in members),
                "compactness": compactness_of(data, members),
            }
        )
    populations = [r["population"] for r in regions]
    compactness = [r["compactness"] for r in regions if r["compactness"] is not None]
    split = cooperations_split(data, assignment)
    return {
        "regions": regions,
        "summary": {
            "regions": len(regions),
            **{f"population_{k}": v for k, v in _stats(populations).items()},
            "spread": spread(populations),
            **{f"libraries_{k}": v for k, v in _stats([r["libraries"] for r in regions]).items()},
            "compactness_mean": sum(compactness) / len(compactness) if compactness else None,
            "cooperations_split": len(split),
            "uncovered": sum(1 for c in municipalities if assignment.get(c) in (None, "")),
        },
        "split": split,
    }


def cooperations_split(data: TerritoryData, assignment: dict[str, object]) -> list[str]:
    """Names of today's cooperations whose municipalities end up in more than one region."""
    regions_of: dict[str, set] = defaultdict(set)
    for m in data.municipalities:
        if m.cooperation and assignment.get(m.code) not in (None, ""):
            regions_of[m.cooperation].add(assignment[m.code])
    return sorted(name for name, keys in regions_of.items() if len(keys) > 1)


def changes(data: TerritoryData, scenario: dict[str, object], baseline: dict[str, object]) -> list[str]:
    """Municipalities that change region: each scenario region is matched with the baseline region it shares
    most inhabitants with; a municipality whose own baseline region is another one changes region."""
    municipalities = data.by_code()
    overlap: dict[object, dict[object, int]] = defaultdict(lambda: defaultdict(int))
    for code, key in scenario.items():
        base = baseline.get(code)
        if code in municipalities and base not in (None, ""):
            overlap[key][base] += municipalities[code].population
    match = {key: max(sorted(counts, key=str), key=lambda b: counts[b]) for key, counts in overlap.items()}
    return sorted(
        (code for code, key in scenario.items() if code in municipalities and baseline.get(code) != match.get(key)),
        key=lambda c: municipalities[c].name,
    )


def colours(data: TerritoryData, assignment: dict[str, object]) -> dict[object, str]:
    """A colour per region such that neighbouring regions differ (greedy colouring, largest regions first)."""
    touching: dict[object, set] = defaultdict(set)
    for a, b, _kind in data.links:
        ka, kb = assignment.get(a), assignment.get(b)
        if ka not in (None, "") and kb not in (None, "") and ka != kb:
            touching[ka].add(kb)
            touching[kb].add(ka)
    keys = sorted({k for k in assignment.values() if k not in (None, "")}, key=str)
    order = sorted(keys, key=lambda k: (-len(touching[k]), str(k)))
    chosen: dict[object, str] = {}
    for index, key in enumerate(order):
        used = {chosen[n] for n in touching[key] if n in chosen}
        free = [c for c in PALETTE if c not in used]
        chosen[key] = free[index % len(free)] if free else PALETTE[index % len(PALETTE)]
    return chosen


def fingerprint(assignment: dict[str, object]) -> str:
    return hashlib.sha1(json.dumps(assignment, sort_keys=True, default=str).encode()).hexdigest()


def _legend(figures: dict, palette: dict) -> list[dict]:
    return [
        {
            "key": r["key"],
            "name": r["name"],
            "colour": palette.get(r["key"], UNCOVERED_COLOUR),
            "municipalities": r["municipalities"],
            "population": r["population"],
            "libraries": r["libraries"],
            "compactness": r["compactness"],
        }
        for r in figures["regions"]
    ]


def compare(data: TerritoryData, scenario_assignment: dict[str, int] | None, *, scenario_label: str = "") -> dict:
    """The scenario (if any) next to today's cooperations and the referentieregio's, on the same municipalities."""
    from django.utils.translation import gettext as _

    refreg = {m.code: m.refreg_code for m in data.municipalities if m.refreg_code}
    refreg_names = {m.refreg_code: m.refreg_name for m in data.municipalities if m.refreg_code}
    cooperation = {m.code: m.cooperation for m in data.municipalities if m.cooperation}
    partitions = []
    if scenario_assignment is not None:
        names = {key: _("Regio %(n)s") % {"n": key} for key in set(scenario_assignment.values())}
        partitions.append(("scenario", scenario_label or _("Scenario"), scenario_assignment, names))
    partitions.append(("cooperations", _("Samenwerkingsverbanden vandaag"), cooperation, {}))
    partitions.append(("referentieregios", _("Referentieregio's"), refreg, refreg_names))
    columns = []
    for key, label, assignment, names in partitions:
        figures = partition_figures(data, assignment, names=names)
        palette = colours(data, assignment)
        columns.append(
            {
                "key": key,
                "label": label,
                "assignment": assignment,
                "summary": figures["summary"],
                "split": figures["split"],
                "legend": _legend(figures, palette),
                "palette": palette,
                "names": names,
            }
        )
    result: dict = {"columns": columns}
    by_code = data.by_code()
    if scenario_assignment is not None:
        result["changes_refreg"] = [by_code[c] for c in changes(data, scenario_assignment, refreg)]
        result["changes_cooperation"] = [
            by_code[c] for c in changes(data, scenario_assignment, cooperation) if c in cooperation
        ]
    return result


TODAY_CACHE_PREFIX = "scale:today:v1:"
TODAY_CACHE_SECONDS = 60 * 60


def today_overview(*, version: str) -> dict:
    """Flanders today (cooperations next to referentieregio's), as the scale home shows it.

    Comparing the partitions reads the whole territory and costs about thirty
    milliseconds at ten times Flanders, while its inputs (municipalities,
    populations, groupings, libraries, cooperations, neighbours) rarely change.
    The figures are kept in the cache under the content version (`version`,
    `apps.core.page_cache.request_content_version`), today's date and the
    language: database triggers move the version on every write to a registry
    or scale table, so any change to an input gives a new key and the figures
    are computed afresh on the next request. Nothing is invalidated by hand.

    Returns `columns` (key, label and summary per partition, as
    `partials/figures.html` reads them) and `municipality_count`.
    """
    from django.utils import timezone, translation

    from .selectors import territory_data

    day = timezone.localdate()
    key = f"{TODAY_CACHE_PREFIX}{version}:{day.isoformat()}:{translation.get_language()}"
    overview = cache.get(key)
    if overview is None:
        data = territory_data(day)
        overview = {
            "columns": [
                {"key": column["key"], "label": column["label"], "summary": column["summary"]}
                for column in compare(data, None)["columns"]
            ],
            "municipality_count": len(data.municipalities),
        }
        cache.set(key, overview, TODAY_CACHE_SECONDS)
    return overview
