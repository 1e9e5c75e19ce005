"""Invented demo figures (is_demo=True) for every library, 2019–2024, plus a demo delivery and peer groups.

Figures scale with the population a library serves, with a per-library level,
yearly noise and trends (digital loans up, print loans slowly down, a dip in
2020 for visits and events). Deterministic (seeded) and idempotent: the demo
figures are replaced on every run; real figures (is_demo=False) are never touched.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from . import freshness
from .benchmarks import Libraries, Territory
from .models import DeliveryYear, FigureValue, Indicator, IndicatorKind, PeerGroup, Submission

YEARS = list(range(2019, 2025))
SEED = 6_2024
# Per inhabitant per year (typical Flemish orders of magnitude), and the yearly trend.
RATES = {
    "members_youth": (0.09, 0.0),
    "members_adult": (0.13, -0.01),
    "visits": (2.4, 0.01),
    "loans_print": (3.6, -0.025),
    "loans_av": (0.5, -0.08),
    "loans_digital": (0.12, 0.18),
    "collection_print": (2.1, -0.01),
    "collection_av": (0.25, -0.05),
    "staff_fte": (0.00035, 0.0),
    "opening_hours_week": (0.0012, 0.0),
    "events": (0.012, 0.03),
    "event_participants": (0.22, 0.03),
    "expenditure_total": (34.0, 0.03),
    "expenditure_collection": (4.2, 0.02),
    "income_own": (1.1, 0.0),
}
COVID = {"visits": 0.55, "events": 0.45, "event_participants": 0.4, "loans_print": 0.85, "loans_av": 0.8}


def _value(code: str, population: int, level: float, year: int, rng: random.Random) -> Decimal:
    rate, trend = RATES[code]
    value = population * rate * level * (1 + trend) ** (year - YEARS[0]) * rng.uniform(0.93, 1.07)
    if year == 2020:
        value *= COVID.get(code, 1.0)
    if code == "opening_hours_week":
        value = min(max(value, 8), 120)
    decimals = 2 if code == "staff_fte" else 1 if code == "opening_hours_week" else 0
    return round(Decimal(str(value)), decimals)


def load_demo(*, scale: int = 1, stdout=None) -> dict:
    rng = random.Random(SEED)
    indicators = {i.code: i for i in Indicator.objects.filter(kind=IndicatorKind.BASE)}
    libraries = Libraries(Territory())
    territory = libraries.territory
    with transaction.atomic():
        FigureValue.objects.filter(is_demo=True).delete()
        Submission.objects.filter(is_demo=True, values__isnull=True).delete()
        PeerGroup.objects.filter(is_demo=True).delete()
        submissions = []
        plans = []
        for row in libraries.rows:
            units = libraries.served.get(row["pk"]) or ([row["municipality_id"]] if row["municipality_id"] else [])
            population = sum(territory.population_of(u, 2020) or 0 for u in units)
            if not population:
                continue
            if Submission.objects.filter(library_id=row["pk"], is_demo=False).exists():
                continue
            level = rng.lognormvariate(0, 0.22)
            for year in YEARS:
                submissions.append(
                    Submission(library_id=row["pk"], year=year, status=Submission.Status.CONFIRMED, is_demo=True)
                )
                plans.append((row["pk"], year, population, level))
        Submission.objects.filter(is_demo=True).delete()
        Submission.objects.bulk_create(submissions, batch_size=2000)
        ids = {
            (library_id, year): pk
            for pk, library_id, year in Submission.objects.filter(is_demo=True).values_list("pk", "library_id", "year")
        }
        values = []
        for library_id, year, population, level in plans:
            for code, indicator in indicators.items():
                if code not in RATES:
                    continue
                values.append(
                    FigureValue(
                        submission_id=ids[(library_id, year)],
                        indicator=indicator,
                        value=_value(code, population, level, year, rng),
                        is_demo=True,
                    )
                )
        FigureValue.objects.bulk_create(values, batch_size=5000)
        next_year = YEARS[-1] + 1
        today = datetime.date.today()
        DeliveryYear.objects.get_or_create(
            year=next_year,
            defaults={
                "opens_on": today - datetime.timedelta(days=14),
                "deadline": today + datetime.timedelta(days=45),
                "note": "Demo: vul de cijfers van het voorbije jaar in.",
                "is_demo": True,
            },
        )
        PeerGroup.objects.create(
            name="Demo: middelgrote bibliotheken in Antwerpen",
            description="Verzonnen voorbeeld met vijf criteria.",
            shared=True,
            is_demo=True,
            criteria={
                "population_min": 15000,
                "population_max": 120000,
                "size_classes": ["15k-30k", "30k-50k", "50k-100k"],
                "provinces": ["10000"],
                "members_min": 1000,
                "collection_min": 10000,
            },
        )
        # bulk_create sends no signals: tell every process the figures changed.
        freshness.mark_changed()
    return {"submissions": len(submissions), "figures": len(values), "years": f"{YEARS[0]}–{YEARS[-1]}"}
