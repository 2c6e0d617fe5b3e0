"""Plain geometry on GeoJSON coordinates ([lon, lat]) and great-circle distances; no GIS libraries."""

import math

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _ring_contains(ring: list, x: float, y: float) -> bool:
    # Even-odd ray casting: count edges a horizontal ray from the point crosses.
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _polygon_contains(polygon: list, x: float, y: float) -> bool:
    outer, *holes = polygon
    return _ring_contains(outer, x, y) and not any(_ring_contains(hole, x, y) for hole in holes)


def contains(geometry: dict, lon: float, lat: float) -> bool:
    """Whether a GeoJSON Polygon or MultiPolygon holds the point."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return _polygon_contains(geometry["coordinates"], lon, lat)
    if kind == "MultiPolygon":
        return any(_polygon_contains(polygon, lon, lat) for polygon in geometry["coordinates"])
    raise ValueError(f"Not a polygon geometry: {kind!r}")


def bbox(geometry: dict) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) of a Polygon or MultiPolygon."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    xs = [pt[0] for polygon in polygons for ring in polygon for pt in ring]
    ys = [pt[1] for polygon in polygons for ring in polygon for pt in ring]
    return min(xs), min(ys), max(xs), max(ys)
