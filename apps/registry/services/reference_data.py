"""Load the real reference data in apps/registry/data/ into the registry.

Idempotent and atomic: every row has a natural key (a unit's scheme and code,
a grouping's kind and code, ...); rows that are missing are created in bulk,
rows that differ are updated in bulk, and rows that are already right are not
written at all, so a second run changes nothing and writes no history.
Territory is reference data and follows the files. The libraries derived from
the partial seed are created when missing and never overwritten, because from
then on the cell maintains them in the registry.
"""

import csv
import datetime
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils.text import slugify

from apps.core.page_cache import mark_changed
from apps.registry.models import (
    Adjacency,
    Branch,
    Grouping,
    GroupingMembership,
    Library,
    Organisation,
    Population,
    TerritorialChange,
    TerritorialUnit,
)

from . import geometry

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SCHEME = "nis"
MERGER_DATE = datetime.date(2025, 1, 1)
LAST_DAY_BEFORE_MERGERS = datetime.date(2024, 12, 31)
# REFNIS codes of the Belgian regions (gewesten); the CSV names them, Statbel numbers them.
REGION_CODES = {"Vlaams Gewest": "02000", "Brussels Hoofdstedelijk Gewest": "04000"}
POPULATION_DATE = datetime.date(2020, 1, 1)
POPULATION_SOURCE = "Statbel, 1 januari 2020"
REFERENTIEREGIO = "referentieregio"
REFERENTIEREGIO_VALID_FROM = datetime.date(2022, 2, 4)
REFERENTIEREGIO_SOURCE = (
    "Provincies in Cijfers, gebiedsniveaus (kerntabellen/gemeente_refreg.xlsx); "
    "Vlaamse Regering 12 maart 2021 en 4 februari 2022 (lokaalbestuur.vlaanderen.be, regiovorming)"
)
REFERENTIEREGIO_DESCRIPTION = (
    "Referentieregio: de Vlaamse Regering legde op 12 maart 2021 de regio's vast (17 voorgesteld) en besliste "
    "op 4 februari 2022 dat de 42 Limburgse gemeenten één regio vormen, samen 15 regio's. De indeling van de "
    "gemeenten vóór 2025 volgt Provincies in Cijfers op 8 februari 2024."
)
DECLARED_LINK_NOTE = (
    "Voeren heeft geen Vlaamse buurgemeente (het grenst aan Wallonië en Nederland); verklaarde verbinding met de "
    "dichtstbijzijnde Vlaamse gemeente, Riemst."
)
SEED_DESCRIPTION = (
    "Afgeleid uit de gedeeltelijke seed libraries.csv (29 vestigingen in 18 gemeenten, Cultuurconnect-catalogus); "
    "geen volledige lijst. Zie apps/registry/data/SOURCES.md."
)


@dataclass
class SyncResult:
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, label: str, created: int, updated: int) -> None:
        self.created[label] += created
        self.updated[label] += updated

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())

    def as_dict(self) -> dict[str, dict[str, int]]:
        labels = sorted(set(self.created) | set(self.updated))
        return {label: {"created": self.created[label], "updated": self.updated[label]} for label in labels}


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _sync(
    model: type[models.Model],
    existing: Iterable[models.Model],
    key: Callable[[Any], Any],
    desired: dict[Any, dict[str, Any]],
    *,
    update: bool = True,
) -> tuple[dict[Any, models.Model], int, int]:
    """Create missing rows and update differing ones; return (rows by key, created, updated)."""
    by_key = {key(obj): obj for obj in existing}
    to_create, to_update, fields_changed = [], [], set()
    for natural_key, values in desired.items():
        obj = by_key.get(natural_key)
        if obj is None:
            obj = model(**values)
            to_create.append(obj)
            by_key[natural_key] = obj
            continue
        if not update:
            continue
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            fields_changed.update(changed)
            to_update.append(obj)
    if to_create:
        model.objects.bulk_create(to_create, batch_size=200)
    if to_update:
        model.objects.bulk_update(to_update, sorted(fields_changed), batch_size=100)
    return by_key, len(to_create), len(to_update)


# --- territory -------------------------------------------------------------------------


def _unit_values(**values: Any) -> dict[str, Any]:
    base = {
        "scheme": SCHEME,
        "name_fr": "",
        "valid_from": None,
        "valid_until": None,
        "area_km2": None,
        "area_source": "",
        "boundary": None,
        "bbox": None,
        "latitude": None,
        "longitude": None,
    }
    base.update(values)
    return base


def _sync_units(result: SyncResult, label: str, desired: dict[str, dict[str, Any]]) -> dict[str, TerritorialUnit]:
    existing = TerritorialUnit.objects.filter(scheme=SCHEME, code__in=list(desired))
    by_code, created, updated = _sync(TerritorialUnit, existing, lambda unit: unit.code, desired)
    result.add(label, created, updated)
    return by_code


def _load_geometries() -> dict[str, dict]:
    with open(DATA_DIR / "municipalities.geojson", encoding="utf-8") as handle:
        collection = json.load(handle)
    return {feature["properties"]["nis_code"]: feature["geometry"] for feature in collection["features"]}


def _load_territory(result: SyncResult) -> dict[str, TerritorialUnit]:
    rows = _read_csv("municipalities.csv")
    mergers = _read_csv("municipality_mergers_2025.csv")
    geometries = _load_geometries()
    current_codes = {row["nis_code"] for row in rows}
    old_codes = {row["old_nis"] for row in mergers}
    new_codes = {row["new_nis"] for row in mergers} - old_codes

    regions = _sync_units(
        result,
        "regions",
        {
            code: _unit_values(code=code, level="region", parent_id=None, name_nl=name)
            for name, code in REGION_CODES.items()
        },
    )
    provinces = _sync_units(
        result,
        "provinces",
        {
            row["province_nis"]: _unit_values(
                code=row["province_nis"],
                level="province",
                parent_id=regions[REGION_CODES[row["region"]]].pk,
                name_nl=row["province"],
            )
            for row in rows
            if row["province"]
        },
    )
    higher = {**regions, **provinces}
    arrondissements = _sync_units(
        result,
        "arrondissements",
        {
            row["arrondissement_nis"]: _unit_values(
                code=row["arrondissement_nis"],
                level="arrondissement",
                # Brussels has no province: its arrondissement hangs under the region.
                parent_id=higher[row["province_nis"] or REGION_CODES[row["region"]]].pk,
                name_nl=row["arrondissement"],
            )
            for row in rows
        },
    )

    desired: dict[str, dict[str, Any]] = {}
    for row in rows:
        code = row["nis_code"]
        shape = geometries.get(code)
        point = geometry.representative_point(shape)
        desired[code] = _unit_values(
            code=code,
            level="municipality",
            parent_id=arrondissements[row["arrondissement_nis"]].pk,
            name_nl=row["name_nl"],
            name_fr=row["name_fr"],
            valid_from=MERGER_DATE if code in new_codes else None,
            area_km2=Decimal(row["area_km2"]) if row["area_km2"] else None,
            area_source=row["area_source"][:200],
            boundary=shape,
            bbox=geometry.bbox(shape),
            latitude=round(point[0], 6) if point else None,
            longitude=round(point[1], 6) if point else None,
        )
    successor_of = {row["old_nis"]: row["new_nis"] for row in mergers}
    parent_code_of = {row["nis_code"]: row["arrondissement_nis"] for row in rows}
    for row in mergers:
        code = row["old_nis"]
        if code in current_codes:
            continue
        # The first two digits of a REFNIS municipality code are its arrondissement at the time;
        # fall back to the successor's arrondissement when that one is not loaded.
        own_arrondissement = code[:2] + "000"
        parent = arrondissements.get(own_arrondissement) or arrondissements[parent_code_of[successor_of[code]]]
        desired[code] = _unit_values(
            code=code,
            level="municipality",
            parent_id=parent.pk,
            name_nl=row["old_name"],
            valid_until=LAST_DAY_BEFORE_MERGERS,
        )
    municipalities = _sync_units(result, "municipalities", desired)

    _load_population(result, rows, municipalities)
    _load_changes(result, mergers, municipalities)
    return municipalities


def _load_population(result: SyncResult, rows: list[dict], units: dict[str, TerritorialUnit]) -> None:
    desired = {
        (units[row["nis_code"]].pk, POPULATION_DATE): {
            "unit_id": units[row["nis_code"]].pk,
            "reference_date": POPULATION_DATE,
            "value": int(row["population"]),
            "source": POPULATION_SOURCE,
            "note": row["population_note"][:300],
        }
        for row in rows
        if row["population"]
    }
    existing = Population.objects.filter(reference_date=POPULATION_DATE, unit__scheme=SCHEME)
    _by_key, created, updated = _sync(Population, existing, lambda p: (p.unit_id, p.reference_date), desired)
    result.add("population", created, updated)


def _load_changes(result: SyncResult, mergers: list[dict], units: dict[str, TerritorialUnit]) -> None:
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in mergers:
        groups[row["new_nis"]].append(row)
    desired, members = {}, {}
    for new_code, group in groups.items():
        predecessors = sorted(group, key=lambda row: row["old_name"])
        description = "{} → {}".format(", ".join(row["old_name"] for row in predecessors), group[0]["new_name"])
        desired[description] = {
            "kind": TerritorialChange.Kind.MERGER,
            "effective_date": datetime.date.fromisoformat(group[0]["effective_date"]),
            "description": description,
            "source": group[0]["source"][:300],
        }
        members[description] = ({units[row["old_nis"]].pk for row in group}, {units[new_code].pk})
    existing = list(
        TerritorialChange.objects.filter(description__in=list(desired)).prefetch_related("predecessors", "successors")
    )
    current = {
        change.description: (
            {unit.pk for unit in change.predecessors.all()},
            {unit.pk for unit in change.successors.all()},
        )
        for change in existing
    }
    by_key, created, updated = _sync(TerritorialChange, existing, lambda change: change.description, desired)
    for description, wanted in members.items():
        if current.get(description) == wanted:
            continue
        change = by_key[description]
        change.predecessors.set(wanted[0])
        change.successors.set(wanted[1])
        if description in current:
            updated += 1
    result.add("territorial_changes", created, updated)


# --- groupings and adjacency ---------------------------------------------------------


def _load_referentieregios(result: SyncResult, units: dict[str, TerritorialUnit]) -> None:
    rows = _read_csv("referentieregios.csv")
    desired_groupings = {
        (REFERENTIEREGIO, row["refreg_code"]): {
            "kind": REFERENTIEREGIO,
            "code": row["refreg_code"],
            "name": row["referentieregio"],
            "description": REFERENTIEREGIO_DESCRIPTION,
            "valid_from": REFERENTIEREGIO_VALID_FROM,
            "valid_until": None,
            "source": REFERENTIEREGIO_SOURCE[:300],
        }
        for row in rows
    }
    groupings, created, updated = _sync(
        Grouping, Grouping.objects.filter(kind=REFERENTIEREGIO), lambda g: (g.kind, g.code), desired_groupings
    )
    result.add("groupings", created, updated)

    current: dict[str, str] = {}
    before: dict[str, str] = {}
    for row in rows:
        target = current if row["municipality_set"].startswith("2025") else before
        target[row["nis_code"]] = row["refreg_code"]
    desired: dict[tuple, dict[str, Any]] = {}

    def member(code: str, refreg: str, valid_from, valid_until) -> None:
        grouping = groupings[(REFERENTIEREGIO, refreg)]
        unit = units[code]
        desired[(grouping.pk, unit.pk, valid_from)] = {
            "grouping_id": grouping.pk,
            "unit_id": unit.pk,
            "valid_from": valid_from,
            "valid_until": valid_until,
        }

    for code in sorted(set(current) | set(before)):
        now, then = current.get(code), before.get(code)
        # Memberships start with the 15-region set (4 February 2022), or on the day a merged unit began.
        if now and now == then:
            member(code, now, REFERENTIEREGIO_VALID_FROM, None)  # the same region before and after 2025
            continue
        if then:
            member(code, then, REFERENTIEREGIO_VALID_FROM, LAST_DAY_BEFORE_MERGERS)
        if now:
            member(code, now, MERGER_DATE, None)
    existing = GroupingMembership.objects.filter(grouping__kind=REFERENTIEREGIO)
    _by_key, created, updated = _sync(
        GroupingMembership, existing, lambda m: (m.grouping_id, m.unit_id, m.valid_from), desired
    )
    result.add("grouping_memberships", created, updated)


def _load_adjacency(result: SyncResult, units: dict[str, TerritorialUnit]) -> None:
    desired: dict[tuple, dict[str, Any]] = {}
    for row in _read_csv("adjacency.csv"):
        a, b = sorted((row["nis_a"], row["nis_b"]))
        desired[(units[a].pk, units[b].pk)] = {
            "unit_a_id": units[a].pk,
            "unit_b_id": units[b].pk,
            "shared_border_m": float(row["shared_border_m"]),
            "contiguity": row["contiguity"],
            "note": "",
        }
    riemst, voeren = units["73066"], units["73109"]
    desired[(riemst.pk, voeren.pk)] = {
        "unit_a_id": riemst.pk,
        "unit_b_id": voeren.pk,
        "shared_border_m": None,
        "contiguity": Adjacency.Contiguity.DECLARED,
        "note": DECLARED_LINK_NOTE[:300],
    }
    existing = Adjacency.objects.filter(unit_a__scheme=SCHEME)
    _by_key, created, updated = _sync(Adjacency, existing, lambda adj: (adj.unit_a_id, adj.unit_b_id), desired)
    result.add("adjacency", created, updated)


# --- libraries from the partial seed -----------------------------------------------------


def _load_seed_libraries(result: SyncResult, units: dict[str, TerritorialUnit]) -> None:
    rows = _read_csv("libraries.csv")
    by_municipality: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_municipality[row["nis_code"]].append(row)

    desired_orgs = {}
    for code, group in by_municipality.items():
        unit = units[code]
        name = f"Bibliotheek {unit.name_nl}"
        sources = sorted({part.strip() for row in group for part in row["source"].split(";")})
        desired_orgs[slugify(name)] = {
            "kind": "library",
            "name": name,
            "slug": slugify(name),
            "status": "active",
            "municipality_id": unit.pk,
            "description": SEED_DESCRIPTION,
            "is_demo": False,
            "source": "; ".join(sources)[:300],
        }
    organisations, created, _updated = _sync(
        Organisation,
        Organisation.objects.filter(slug__in=list(desired_orgs)),
        lambda org: org.slug,
        desired_orgs,
        update=False,
    )
    result.add("organisations", created, 0)

    existing_libraries = set(
        Library.objects.filter(pk__in=[o.pk for o in organisations.values()]).values_list("pk", flat=True)
    )
    new_libraries, served = [], []
    for code, group in by_municipality.items():
        organisation = organisations[slugify(f"Bibliotheek {units[code].name_nl}")]
        if organisation.pk in existing_libraries:
            continue
        main = next((row for row in group if row["kind"] == "main"), None)
        bios = main["bios_code"] if main and main["bios_code"].startswith("BIB-") else ""
        new_libraries.append(Library(organisation=organisation, bios_code=bios))
        served.append(
            Library.municipalities_served.through(library_id=organisation.pk, territorialunit_id=units[code].pk)
        )
    Library.objects.bulk_create(new_libraries)
    Library.municipalities_served.through.objects.bulk_create(served)
    result.add("libraries", len(new_libraries), 0)

    desired_branches = {}
    for code, group in by_municipality.items():
        organisation = organisations[slugify(f"Bibliotheek {units[code].name_nl}")]
        has_main = False
        for row in group:
            is_main = row["kind"] == "main" and not has_main
            has_main = has_main or is_main
            source = f"{row['source']}: {row['source_id']}"[:300]
            desired_branches[source] = {
                "library_id": organisation.pk,
                "name": row["name"],
                "is_main": is_main,
                "street": row["street"],
                "postcode": row["postcode"],
                "city": row["city"],
                "municipality_id": units[code].pk,
                "latitude": float(row["lat"]) if row["lat"] else None,
                "longitude": float(row["lon"]) if row["lon"] else None,
                "is_demo": False,
                "source": source,
            }
    _by_key, created, _updated = _sync(
        Branch,
        Branch.objects.filter(source__in=list(desired_branches)),
        lambda b: b.source,
        desired_branches,
        update=False,
    )
    result.add("branches", created, 0)


def load_reference_data() -> SyncResult:
    """Load or refresh all reference data in one transaction; return what changed."""
    result = SyncResult()
    with transaction.atomic():
        units = _load_territory(result)
        _load_referentieregios(result, units)
        _load_adjacency(result, units)
        _load_seed_libraries(result, units)
        if result.changed:
            # Rows were written with bulk_update, which sends no signals: cached pages must be rebuilt.
            mark_changed()
    return result
