"""Pure-Python geometry on GeoJSON dicts (WGS84 lon/lat), enough for the registry.

The registry stores each unit's boundary as a GeoJSON geometry; these helpers
derive its bounding box and a representative point and answer "is this point
inside?" without a geometry library, so that they behave the same on SQLite and
PostgreSQL. Coordinates in GeoJSON are [longitude, latitude].
"""

from collections.abc import Iterator

Ring = list[list[float]]
Polygon = list[Ring]


def polygons(geometry: dict | None) -> list[Polygon]:
    """The polygons of a Polygon or MultiPolygon geometry (exterior ring first)."""
    if not geometry:
        return []
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["coordinates"]]
    if kind == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def _points(geometry: dict | None) -> Iterator[list[float]]:
    for polygon in polygons(geometry):
        for ring in polygon:
            yield from ring


def bbox(geometry: dict | None) -> list[float] | None:
    """[min_lon, min_lat, max_lon, max_lat], or None for an empty geometry."""
    points = list(_points(geometry))
    if not points:
        return None
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return [min(lons), min(lats), max(lons), max(lats)]


def ring_area(ring: Ring) -> float:
    """Unsigned planar area (in square degrees; only used to compare rings)."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=False):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def ring_centroid(ring: Ring) -> tuple[float, float]:
    """(lon, lat) centroid of a simple ring (vertex mean for a degenerate ring)."""
    area2 = 0.0
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=False):
        cross = x1 * y2 - x2 * y1
        area2 += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area2) < 1e-18:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    return cx / (3 * area2), cy / (3 * area2)


def point_in_ring(lon: float, lat: float, ring: Ring) -> bool:
    """Ray casting: count crossings of a ray going east from the point."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat):
            x_cross = xi + (lat - yi) * (xj - xi) / (yj - yi)
            if lon < x_cross:
                inside = not inside
        j = i
    return inside


def point_in_polygon(lon: float, lat: float, polygon: Polygon) -> bool:
    if not polygon or not point_in_ring(lon, lat, polygon[0]):
        return False
    return not any(point_in_ring(lon, lat, hole) for hole in polygon[1:])


def contains(geometry: dict | None, *, lat: float, lon: float, box: list[float] | None = None) -> bool:
    """Whether the point lies inside the geometry (a bbox test first, when given)."""
    if box is not None and not (box[0] <= lon <= box[2] and box[1] <= lat <= box[3]):
        return False
    return any(point_in_polygon(lon, lat, polygon) for polygon in polygons(geometry))


def _scanline_midpoint(polygon: Polygon, lat: float) -> tuple[float, float] | None:
    """The middle of the widest inside stretch of the horizontal line at `lat`."""
    crossings: list[float] = []
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=False):
            if (y1 > lat) != (y2 > lat):
                crossings.append(x1 + (lat - y1) * (x2 - x1) / (y2 - y1))
    crossings.sort()
    best = None
    for start, end in zip(crossings[0::2], crossings[1::2], strict=False):
        if best is None or end - start > best[1] - best[0]:
            best = (start, end)
    if best is None:
        return None
    return (best[0] + best[1]) / 2, lat


def representative_point(geometry: dict | None) -> tuple[float, float] | None:
    """(lat, lon) inside the largest polygon: its centroid, or a point on a scanline through it."""
    candidates = [polygon for polygon in polygons(geometry) if polygon and polygon[0]]
    if not candidates:
        return None
    largest = max(candidates, key=lambda polygon: ring_area(polygon[0]))
    lon, lat = ring_centroid(largest[0])
    if not point_in_polygon(lon, lat, largest):
        # A concave shape can have its centroid outside; take a point that is inside.
        found = _scanline_midpoint(largest, lat)
        if found is None:
            ys = sorted(p[1] for p in largest[0])
            found = _scanline_midpoint(largest, (ys[0] + ys[-1]) / 2)
        if found is not None:
            lon, lat = found
    return lat, lon
