"""Peer-group criteria: what makes libraries "similar", evaluated per year.

Criteria are stored as JSON on a PeerGroup. Each criterion narrows the group;
all given criteria must hold. Ranges on figures (active members, collection,
expenditure) read the year's confirmed figures; territory criteria read the
memberships valid on 1 January of the year.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .benchmarks import YearFacts


@dataclass(frozen=True)
class SizeClass:
    code: str
    label: str
    low: int
    high: int | None  # exclusive


# BIX-style size classes by inhabitants served.
SIZE_CLASSES = [
    SizeClass("lt15k", _("tot 15.000 inwoners"), 0, 15_000),
    SizeClass("15k-30k", _("15.000 tot 30.000 inwoners"), 15_000, 30_000),
    SizeClass("30k-50k", _("30.000 tot 50.000 inwoners"), 30_000, 50_000),
    SizeClass("50k-100k", _("50.000 tot 100.000 inwoners"), 50_000, 100_000),
    SizeClass("gt100k", _("100.000 inwoners of meer"), 100_000, None),
]
SIZE_CLASS_BY_CODE = {size.code: size for size in SIZE_CLASSES}

# Figure ranges: criteria key prefix → indicator code.
FIGURE_RANGES = {
    "members": "members_total",
    "collection": "collection_total",
    "expenditure": "expenditure_total",
}

CRITERION_LABELS = {
    "population": _("inwoners"),
    "size_classes": _("grootteklasse"),
    "provinces": _("provincie"),
    "referentieregios": _("referentieregio"),
    "cooperations": _("samenwerkingsverband"),
    "members": _("actieve leden"),
    "collection": _("collectie"),
    "expenditure": _("uitgaven"),
}


def size_class_of(population: int | None) -> SizeClass | None:
    if population is None:
        return None
    for size in SIZE_CLASSES:
        if population >= size.low and (size.high is None or population < size.high):
            return size
    return None


def criteria_codes(criteria: dict) -> set[str]:
    """The indicators a group's criteria read (so YearFacts loads them)."""
    return {code for prefix, code in FIGURE_RANGES.items() if _range(criteria, prefix) != (None, None)}


def _range(criteria: dict, prefix: str) -> tuple[float | None, float | None]:
    low, high = criteria.get(f"{prefix}_min"), criteria.get(f"{prefix}_max")
    return (None if low in (None, "") else float(low), None if high in (None, "") else float(high))


def _within(value: float | None, bounds: tuple[float | None, float | None]) -> bool:
    low, high = bounds
    if low is None and high is None:
        return True
    if value is None:
        return False
    return (low is None or value >= low) and (high is None or value <= high)


def criteria_used(criteria: dict) -> list[str]:
    used = []
    if _range(criteria, "population") != (None, None):
        used.append("population")
    for key in ("size_classes", "provinces", "referentieregios", "cooperations"):
        if criteria.get(key):
            used.append(key)
    used += [prefix for prefix in FIGURE_RANGES if _range(criteria, prefix) != (None, None)]
    return used


def members_of(criteria: dict, facts: YearFacts, *, territory) -> set[int]:
    """The libraries that meet every criterion in the year of `facts`."""
    population = _range(criteria, "population")
    sizes = set(criteria.get("size_classes") or [])
    provinces = set(criteria.get("provinces") or [])
    refreg_codes = set(criteria.get("referentieregios") or [])
    refregs = {pk for pk, row in territory.referentieregios.items() if row["code"] in refreg_codes}
    coop_slugs = set(criteria.get("cooperations") or [])
    cooperations = {pk for pk, row in territory.cooperations.items() if row["slug"] in coop_slugs}
    figure_ranges = {code: _range(criteria, prefix) for prefix, code in FIGURE_RANGES.items()}
    members = set()
    for pk, library in facts.libraries.items():
        if not _within(library.population, population):
            continue
        if sizes:
            size = size_class_of(library.population)
            if size is None or size.code not in sizes:
                continue
        if provinces and library.province_code not in provinces:
            continue
        if refreg_codes and library.referentieregio_id not in refregs:
            continue
        if coop_slugs and not (library.cooperation_ids & cooperations):
            continue
        if any(
            bounds != (None, None) and not _within(facts.value(pk, code), bounds)
            for code, bounds in figure_ranges.items()
        ):
            continue
        members.add(pk)
    return members


def describe(criteria: dict, *, territory) -> list[str]:
    """Readable Dutch lines, one per criterion."""
    lines = []
    low, high = _range(criteria, "population")
    if (low, high) != (None, None):
        lines.append(_range_text(_("Inwoners"), low, high))
    if criteria.get("size_classes"):
        labels = [str(SIZE_CLASS_BY_CODE[c].label) for c in criteria["size_classes"] if c in SIZE_CLASS_BY_CODE]
        lines.append(f"{_('Grootteklasse')}: {', '.join(labels)}")
    if criteria.get("provinces"):
        names = sorted(u["name_nl"] for u in territory.units.values() if u["code"] in criteria["provinces"])
        lines.append(f"{_('Provincie')}: {', '.join(names)}")
    if criteria.get("referentieregios"):
        names = sorted(
            r["name"] for r in territory.referentieregios.values() if r["code"] in criteria["referentieregios"]
        )
        lines.append(f"{_('Referentieregio')}: {', '.join(names)}")
    if criteria.get("cooperations"):
        names = sorted(c["name"] for c in territory.cooperations.values() if c["slug"] in criteria["cooperations"])
        lines.append(f"{_('Samenwerkingsverband')}: {', '.join(names)}")
    for prefix in FIGURE_RANGES:
        low, high = _range(criteria, prefix)
        if (low, high) != (None, None):
            lines.append(_range_text(str(CRITERION_LABELS[prefix]).capitalize(), low, high))
    return lines


def _range_text(label, low, high) -> str:
    def fmt(number: float) -> str:
        return f"{number:,.0f}".replace(",", ".")

    if low is not None and high is not None:
        return f"{label}: {fmt(low)} – {fmt(high)}"
    if low is not None:
        return f"{label}: {_('minstens')} {fmt(low)}"
    return f"{label}: {_('hoogstens')} {fmt(high)}"
