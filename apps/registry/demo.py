"""Invented demo data for the registry (every row is_demo=True), on the real municipalities.

Deterministic (seeded), idempotent per scale: a second run with the same scale
changes nothing; another scale replaces the registry's demo rows. The territory
is never multiplied: `scale` multiplies libraries, branches, partners and contacts.
"""

import datetime
import random
from collections import defaultdict
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from apps.registry.models import (
    Affiliation,
    Branch,
    Contact,
    Cooperation,
    CooperationMembership,
    Grouping,
    GroupingMembership,
    Library,
    OpeningException,
    OpeningHours,
    Organisation,
    Partner,
    PartnerLink,
    TerritorialChange,
    TerritorialUnit,
)
from apps.registry.services import geometry

SEED = 20250101
DESCRIPTION = "Fictieve demobibliotheek"
MARKER = "Knooppunt-demo, schaal {scale}"
START = datetime.date(2019, 1, 1)
MOVE_END = datetime.date(2023, 6, 30)
MOVE_START = datetime.date(2023, 7, 1)
BRUSSELS_LIBRARIES = 8
PARTNERS_PER_SCALE = 150

STREETS = [
    "Stationsstraat",
    "Kerkstraat",
    "Dorpsstraat",
    "Schoolstraat",
    "Molenstraat",
    "Nieuwstraat",
    "Markt",
    "Kapelstraat",
    "Beekstraat",
    "Lindelaan",
    "Bosstraat",
    "Hoogstraat",
    "Veldstraat",
    "Kouter",
    "Gemeenteplein",
]
BRANCH_NAMES = ["Filiaal Noord", "Filiaal Zuid", "Filiaal Oost", "Filiaal West"]
FIRST_NAMES = ["An", "Bart", "Els", "Jan", "Karen", "Lies", "Marc", "Nele", "Pieter", "Sofie", "Tom", "Wim", "Yasmina"]
LAST_NAMES = ["Peeters", "Janssens", "Maes", "Jacobs", "Willems", "Claes", "Goossens", "Wouters", "De Smet", "Dubois"]
FUNCTIONS = ["Bibliothecaris", "Diensthoofd", "Medewerker publiekswerking", "Coördinator", "Administratief medewerker"]
PARTNER_NAMES = {
    "school": "Basisschool De Regenboog {place}",
    "welfare": "Sociaal huis {place}",
    "cultural_centre": "Cultuurcentrum {place}",
    "heritage": "Erfgoedcel {place}",
    "adult_education": "Centrum voor volwassenenonderwijs {place}",
    "company": "Drukkerij {place}",
    "other": "Vrijwilligersvereniging {place}",
}
NATURES = ["Leesbevordering", "Voorleesmomenten", "Digitale inclusie", "Tentoonstelling", "Boekenpakketten"]
WEEK_PATTERNS = [
    [(1, "14:00", "19:00"), (3, "10:00", "18:00"), (5, "09:00", "12:30")],
    [(0, "13:00", "18:00"), (2, "10:00", "12:00"), (2, "13:00", "18:00"), (4, "14:00", "20:00"), (5, "10:00", "13:00")],
    [(1, "10:00", "18:00"), (2, "10:00", "18:00"), (3, "10:00", "18:00"), (4, "10:00", "18:00"), (5, "10:00", "16:00")],
]
CLOSURES = [(datetime.date(2026, 12, 25), "Kerstmis"), (datetime.date(2027, 1, 1), "Nieuwjaar")]


def _time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


class _Slugs:
    def __init__(self) -> None:
        self.used = set(Organisation.objects.values_list("slug", flat=True))

    def make(self, name: str) -> str:
        base = slugify(name)[:190]
        slug, number = base, 2
        while slug in self.used:
            slug = f"{base}-{number}"
            number += 1
        self.used.add(slug)
        return slug


def _point_in(unit: TerritorialUnit, rng: random.Random) -> tuple[float, float]:
    """A random point inside the municipality (rejection sampling in its bounding box)."""
    box = unit.bbox
    if box and unit.boundary:
        for _attempt in range(200):
            lon = rng.uniform(box[0], box[2])
            lat = rng.uniform(box[1], box[3])
            if geometry.contains(unit.boundary, lat=lat, lon=lon):
                return round(lat, 6), round(lon, 6)
    return unit.latitude, unit.longitude


def _clear() -> None:
    Organisation.objects.filter(is_demo=True).delete()
    CooperationMembership.objects.filter(is_demo=True).delete()
    PartnerLink.objects.filter(is_demo=True).delete()
    Contact.objects.filter(is_demo=True).delete()
    Branch.objects.filter(is_demo=True).delete()


def _organisations(kind: str, rows: list[tuple[str, TerritorialUnit | None]], marker: str, slugs: _Slugs, **extra):
    objects = [
        Organisation(
            kind=kind,
            name=name,
            slug=slugs.make(name),
            municipality=unit,
            is_demo=True,
            source=marker,
            email=f"info@{slugify(name)[:40]}.example.org",
            **extra,
        )
        for name, unit in rows
    ]
    return Organisation.objects.bulk_create(objects, batch_size=500)


def _territory():
    today = datetime.date.today()
    municipalities = list(
        TerritorialUnit.objects.municipalities()
        .valid_on(today)
        .select_related("parent__parent__parent")
        .order_by("code")
    )
    flemish = [m for m in municipalities if not m.code.startswith("21")]
    brussels = [m for m in municipalities if m.code.startswith("21")]
    real = set(Organisation.objects.filter(kind="library", is_demo=False).values_list("municipality_id", flat=True))
    return flemish, brussels, real


def _libraries(scale, flemish, brussels, real, marker, slugs, rng):
    rows = []
    for unit in flemish:
        if unit.pk not in real:
            rows.append((f"Bibliotheek {unit.name_nl}", unit))
        rows += [(f"Bibliotheek {unit.name_nl} {number}", unit) for number in range(2, scale + 1)]
    for unit in rng.sample(brussels, min(BRUSSELS_LIBRARIES, len(brussels))):
        rows += [
            (f"Nederlandstalige bibliotheek {unit.name_nl}" + (f" {n}" if n > 1 else ""), unit)
            for n in range(1, scale + 1)
        ]
    organisations = _organisations("library", rows, marker, slugs, description=DESCRIPTION)
    libraries = Library.objects.bulk_create(
        [Library(organisation=org, opened_year=rng.randint(1960, 2015)) for org in organisations], batch_size=500
    )
    through = Library.municipalities_served.through
    through.objects.bulk_create(
        [through(library_id=org.pk, territorialunit_id=org.municipality_id) for org in organisations], batch_size=1000
    )
    return libraries


def _branches(libraries, rng):
    units = {
        unit.pk: unit
        for unit in TerritorialUnit.objects.filter(pk__in={lib.organisation.municipality_id for lib in libraries})
    }
    branches = []
    for library in libraries:
        unit = units[library.organisation.municipality_id]
        names = ["Hoofdbibliotheek"] + rng.sample(BRANCH_NAMES, rng.randint(0, 3))
        for index, name in enumerate(names):
            lat, lon = _point_in(unit, rng)
            branches.append(
                Branch(
                    library=library,
                    name=f"{name} {library.organisation.name.removeprefix('Bibliotheek ')}",
                    is_main=index == 0,
                    street=f"{rng.choice(STREETS)} {rng.randint(1, 180)}",
                    city=unit.name_nl,
                    municipality=unit,
                    latitude=lat,
                    longitude=lon,
                    accessibility=rng.choice(["full", "full", "partial", "unknown"]),
                    is_demo=True,
                    source="demo",
                )
            )
    branches = Branch.objects.bulk_create(branches, batch_size=500)
    hours, exceptions = [], []
    for branch in branches:
        for weekday, opens, closes in rng.choice(WEEK_PATTERNS):
            hours.append(OpeningHours(branch=branch, weekday=weekday, opens=_time(opens), closes=_time(closes)))
        if branch.is_main:
            exceptions += [
                OpeningException(branch=branch, date=day, is_closed=True, note=note) for day, note in CLOSURES
            ]
    OpeningHours.objects.bulk_create(hours, batch_size=1000)
    OpeningException.objects.bulk_create(exceptions, batch_size=1000)
    return branches, len(hours), len(exceptions)


def _cooperations(libraries, marker, slugs, rng):
    today = datetime.date.today()
    region_of = dict(
        GroupingMembership.objects.filter(grouping__kind="referentieregio")
        .exclude(valid_until__lt=today)
        .values_list("unit_id", "grouping_id")
    )
    regions = list(Grouping.objects.filter(kind="referentieregio").order_by("code"))
    organisations = _organisations(
        "cooperation", [(f"Bibliotheeknetwerk {region.name} (demo)", None) for region in regions], marker, slugs
    )
    networks = Cooperation.objects.bulk_create(
        [Cooperation(organisation=org, cooperation_type="library_network", founded_on=START) for org in organisations]
    )
    network_of = {region.pk: network for region, network in zip(regions, networks, strict=True)}
    memberships = []
    for library in libraries:
        network = network_of.get(region_of.get(library.organisation.municipality_id))
        if network is None:
            continue
        draw = rng.random()
        if draw < 0.08:
            # Moved to another network in 2023: two consecutive periods, no overlap.
            other = rng.choice([n for n in networks if n.pk != network.pk])
            memberships.append(_membership(network, library=library, until=MOVE_END))
            memberships.append(_membership(other, library=library, start=MOVE_START))
        elif draw < 0.12:
            memberships.append(_membership(network, library=library, until=datetime.date(2022, 12, 31)))
        else:
            memberships.append(_membership(network, library=library))
    changes = TerritorialChange.objects.prefetch_related("predecessors", "successors").order_by("description")
    rows = [
        (f"Intergemeentelijke samenwerking {change.successors.all()[0].name_nl} (demo)", None) for change in changes
    ]
    organisations = _organisations("cooperation", rows, marker, slugs)
    intermunicipal = Cooperation.objects.bulk_create(
        [Cooperation(organisation=org, cooperation_type="intermunicipal", founded_on=START) for org in organisations]
    )
    for cooperation, change in zip(intermunicipal, changes, strict=True):
        for unit in change.predecessors.all():
            memberships.append(_membership(cooperation, municipality=unit, until=datetime.date(2024, 12, 31)))
    CooperationMembership.objects.bulk_create(memberships, batch_size=1000)
    return networks + intermunicipal, len(memberships)


def _membership(cooperation, *, library=None, municipality=None, start=START, until=None):
    return CooperationMembership(
        cooperation=cooperation,
        library=library,
        municipality=municipality,
        valid_from=start,
        valid_until=until,
        is_demo=True,
    )


def _partners(scale, flemish, libraries, marker, slugs, rng):
    types = list(PARTNER_NAMES)
    rows, kinds = [], []
    for index in range(PARTNERS_PER_SCALE * scale):
        unit = rng.choice(flemish)
        kind = types[index % len(types)]
        rows.append((PARTNER_NAMES[kind].format(place=unit.name_nl), unit))
        kinds.append(kind)
    organisations = _organisations("partner", rows, marker, slugs)
    partners = Partner.objects.bulk_create(
        [Partner(organisation=org, partner_type=kind) for org, kind in zip(organisations, kinds, strict=True)]
    )
    by_place = defaultdict(list)
    for library in libraries:
        by_place[library.organisation.municipality_id].append(library)
    links = []
    for partner in partners:
        candidates = by_place.get(partner.organisation.municipality_id) or libraries
        for library in rng.sample(candidates, min(len(candidates), rng.randint(1, 2))):
            since = datetime.date(rng.randint(2015, 2025), rng.choice([1, 9]), 1)
            links.append(
                PartnerLink(
                    organisation_id=library.organisation_id,
                    partner=partner,
                    nature=rng.choice(NATURES),
                    valid_from=since,
                    is_demo=True,
                )
            )
    PartnerLink.objects.bulk_create(links, batch_size=1000)
    return partners, len(links)


def _contacts(organisations, rng) -> int:
    contacts = []
    seen: set[str] = set()
    for organisation in organisations:
        for index in range(rng.randint(1, 3)):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            email = f"{slugify(first)}.{slugify(last)}.{organisation.pk}@example.org"
            if email in seen:
                continue
            seen.add(email)
            contacts.append(
                Contact(
                    organisation=organisation,
                    first_name=first,
                    last_name=last,
                    function=rng.choice(FUNCTIONS),
                    email=email,
                    is_primary=index == 0,
                    is_demo=True,
                )
            )
    contacts = Contact.objects.bulk_create(contacts, batch_size=1000)
    coordinators = {contact.organisation_id: contact for contact in contacts if contact.is_primary}
    cooperations = list(Cooperation.objects.filter(organisation__is_demo=True))
    for cooperation in cooperations:
        cooperation.coordinator = coordinators.get(cooperation.pk)
    Cooperation.objects.bulk_update(cooperations, ["coordinator"])
    return len(contacts)


def _affiliations(library, cooperation, partner) -> int:
    User = get_user_model()
    wanted = {"demo-bib": library, "demo-coordinator": cooperation, "demo-partner": partner}
    count = 0
    for username, organisation in wanted.items():
        user = User.objects.filter(username=username).first()
        if user is None or organisation is None:
            continue
        Affiliation.objects.get_or_create(user=user, organisation=organisation)
        count += 1
    return count


def load_demo(*, scale: int = 1, stdout=None) -> dict[str, Any]:
    """Create the registry's demo data at `scale` (idempotent); return what exists."""
    marker = MARKER.format(scale=scale)
    with transaction.atomic():
        if (
            Organisation.objects.filter(is_demo=True, source=marker).exists()
            and not Organisation.objects.filter(is_demo=True).exclude(source=marker).exists()
        ):
            return _summary()
        _clear()
        rng = random.Random(SEED)
        slugs = _Slugs()
        flemish, brussels, real = _territory()
        if not flemish:
            return {"overgeslagen": "geen referentiegegevens (eerst manage.py load_reference_data)"}
        libraries = _libraries(scale, flemish, brussels, real, marker, slugs, rng)
        _branches(libraries, rng)
        cooperations, _count = _cooperations(libraries, marker, slugs, rng)
        partners, _links = _partners(scale, flemish, libraries, marker, slugs, rng)
        _contacts(Organisation.objects.filter(is_demo=True).order_by("pk"), rng)
        _affiliations(libraries[0].organisation, cooperations[0].organisation, partners[0].organisation)
        summary = _summary()
    if stdout is not None:
        stdout.write(", ".join(f"{key}: {value}" for key, value in summary.items()))
    return summary


def _summary() -> dict[str, int]:
    return {
        "bibliotheken": Library.objects.filter(organisation__is_demo=True).count(),
        "vestigingen": Branch.objects.filter(is_demo=True).count(),
        "samenwerkingsverbanden": Cooperation.objects.filter(organisation__is_demo=True).count(),
        "lidmaatschappen": CooperationMembership.objects.filter(is_demo=True).count(),
        "partners": Partner.objects.filter(organisation__is_demo=True).count(),
        "contactpersonen": Contact.objects.filter(is_demo=True).count(),
    }
