"""The names a map writes over its own borders, from the gazetteer: no tile server needed.

Each label has the zooms it shows at; the map places them in the order given, skipping one that
would overlap a label already placed, so the first in the list win where space is short: the big
cities (a city's dot must sit on its place), then the countries and the governorates (whose
names the map may move a line up or down to make room), then the other places by size.
"""

from geo.models import AdminArea, Country, Place, PlaceKind

# (least population, first zoom): a city shows from the zoom of the first tier it reaches.
PLACE_TIERS = ((1_000_000, 5), (300_000, 6), (100_000, 8), (25_000, 9), (0, 11))
# Places shown from this zoom or sooner are the big cities, named before the countries.
CITY_ZOOM = 6
# Airfields, bases and other sites, and the zooms of countries and governorates.
SITE_ZOOM = 10
COUNTRY_ZOOMS = (3, 8)
GOVERNORATE_ZOOMS = (7, 11)
MAX_ZOOM = 18


def _ring_centroid(ring: list) -> tuple[float, float, float]:
    """(area, longitude, latitude) of a closed ring's centroid, by the shoelace formula; a ring with
    no area gives the mean of its points."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


def label_point(geometry: dict) -> tuple[float, float] | None:
    """(latitude, longitude) for a (Multi)Polygon's name: the centroid of its largest polygon's
    outer ring, so that Turkey's name is not pulled towards its European part."""
    if not geometry:
        return None
    polygons = geometry["coordinates"] if geometry.get("type") == "MultiPolygon" else [geometry.get("coordinates")]
    rings = [polygon[0] for polygon in polygons if polygon and len(polygon[0]) >= 3]
    if not rings:
        return None
    _, lng, lat = max((_ring_centroid(ring) for ring in rings), key=lambda c: c[0])
    return round(lat, 4), round(lng, 4)


def place_zoom(population: int | None, kind: str) -> int:
    if kind != PlaceKind.POPULATED_PLACE:
        return SITE_ZOOM
    return next(zoom for least, zoom in PLACE_TIERS if (population or 0) >= least)


def _label(kind: str, name: str, point: tuple[float, float], zooms: tuple[int, int], name_ar: str = "") -> dict:
    return {"kind": kind, "name": name, "name_ar": name_ar, "lat": point[0], "lng": point[1], "zooms": list(zooms)}


def labels() -> list[dict]:
    """Every label, in the order the map places them."""
    countries, cities, governorates, places = [], [], [], []
    for country in Country.objects.order_by("name_en"):
        point = label_point(country.geometry)
        if point:
            countries.append(_label("country", country.name_en, point, COUNTRY_ZOOMS, country.name_ar))
    rows = Place.objects.values_list("name", "name_ar", "kind", "population", "latitude", "longitude")
    # Within a tier the shorter name first: where a city and one of its quarters both count as big
    # (Mosul and Al Mawşil al Jadīdah), the city's common name is the shorter.
    ranked = sorted(rows, key=lambda p: (place_zoom(p[3], p[2]), len(p[0]), -(p[3] or 0), p[0]))
    for name, name_ar, kind, population, latitude, longitude in ranked:
        first = place_zoom(population, kind)
        if kind != PlaceKind.POPULATED_PLACE:
            places.append(_label("site", name, (latitude, longitude), (first, MAX_ZOOM), name_ar))
        elif first <= CITY_ZOOM:
            cities.append(_label("city", name, (latitude, longitude), (first, MAX_ZOOM), name_ar))
        else:
            places.append(_label("place", name, (latitude, longitude), (first, MAX_ZOOM), name_ar))
    for area in AdminArea.objects.order_by("name_en"):
        point = label_point(area.geometry)
        if point:
            governorates.append(_label("governorate", area.name_en, point, GOVERNORATE_ZOOMS, area.name_ar))
    return cities + countries + governorates + places
