"""Figures that describe a regionalisation: population spread, the map's own lower bound, compactness."""

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


def spread(populations: Sequence[float]) -> float:
    """(max − min) / mean of the regions' populations; 0 for fewer than two regions."""
    if len(populations) < 2:
        return 0.0
    mean = sum(populations) / len(populations)
    return (max(populations) - min(populations)) / mean if mean else 0.0


def region_populations(labels: Sequence[int], weights: Sequence[float]) -> dict[int, float]:
    totals: dict[int, float] = {}
    for unit, label in enumerate(labels):
        if label >= 0:
            totals[label] = totals.get(label, 0) + weights[unit]
    return totals


def spread_lower_bound(weights: Sequence[float], k: int) -> float:
    """The smallest spread any partition into k regions can reach, because units cannot be split.

    The region that holds the largest unit has at least that unit's population;
    the other k − 1 regions share what is left, so the smallest of them has at
    most (total − largest) / (k − 1). When the largest unit is not above the
    mean region the map imposes nothing (bound 0).
    """
    if k < 2 or not weights:
        return 0.0
    total = float(sum(weights))
    largest = float(max(weights))
    mean = total / k
    if largest <= mean or mean == 0:
        return 0.0
    return (largest - (total - largest) / (k - 1)) / mean


@dataclass
class Summary:
    regions: int
    minimum: float
    median: float
    maximum: float
    mean: float
    spread: float


def summarise(populations: Sequence[float]) -> Summary:
    values = list(populations)
    if not values:
        return Summary(0, 0, 0, 0, 0, 0.0)
    return Summary(
        regions=len(values),
        minimum=min(values),
        median=statistics.median(values),
        maximum=max(values),
        mean=sum(values) / len(values),
        spread=spread(values),
    )


# --- compactness -------------------------------------------------------------------------

_KM_PER_DEGREE_LAT = 110.574


def _project(geometry: dict, lat0: float) -> dict:
    """GeoJSON lon/lat → km on a local equirectangular plane (good enough for a shape ratio)."""
    kx = 111.320 * math.cos(math.radians(lat0))

    def ring(points):
        return [[x * kx, y * _KM_PER_DEGREE_LAT] for x, y, *_ in points]

    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r) for r in geometry["coordinates"]]}
    if geometry["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [[ring(r) for r in poly] for poly in geometry["coordinates"]]}
    raise ValueError(f"unsupported geometry {geometry['type']}")


def polsby_popper(geometries: Sequence[dict], *, lat0: float = 51.0, tolerance_km: float = 0.03) -> float | None:
    """Polsby-Popper compactness 4πA/P² of the dissolved shape of `geometries` (1 = a circle).

    The boundaries are simplified, so neighbours do not always meet exactly: a
    small buffer out and back in closes those slivers before measuring the
    perimeter. Returns None without geometry.
    """
    from shapely.geometry import shape
    from shapely.ops import unary_union

    shapes = [shape(_project(g, lat0)) for g in geometries if g]
    if not shapes:
        return None
    merged = unary_union([s.buffer(tolerance_km, join_style="mitre") for s in shapes]).buffer(
        -tolerance_km, join_style="mitre"
    )
    if merged.is_empty or merged.length == 0:
        return None
    return 4 * math.pi * merged.area / merged.length**2
