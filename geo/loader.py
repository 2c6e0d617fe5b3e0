"""Load the committed boundary and gazetteer files (geo/data/) into the database, idempotently."""

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from geo import geometry
from geo.models import AdminArea, Country, Place, PlaceKind

DATA_DIR = Path(__file__).resolve().parent / "data"
COVERED_COUNTRIES = {"IQ", "SY"}


@dataclass
class LoadCounts:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def add(self, model: str, created: int, updated: int):
        self.created[model] = self.created.get(model, 0) + created
        self.updated[model] = self.updated.get(model, 0) + updated

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())


def _features(name: str) -> list[dict]:
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return json.load(fh)["features"]


def _rows(name: str) -> list[dict]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _sync(queryset, key_fields: tuple[str, ...], wanted: list[dict], counts: LoadCounts):
    """Create missing rows and update rows whose values differ; touch nothing else."""
    model = queryset.model
    existing = {tuple(getattr(obj, f) for f in key_fields): obj for obj in queryset}
    to_create, to_update, update_fields = [], [], set()
    for values in wanted:
        key = tuple(values[f] for f in key_fields)
        obj = existing.get(key)
        if obj is None:
            to_create.append(model(**values))
            continue
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            update_fields.update(changed)
            to_update.append(obj)
    model.objects.bulk_create(to_create, batch_size=1000)
    if to_update:
        model.objects.bulk_update(to_update, sorted(update_fields), batch_size=1000)
    counts.add(str(model._meta.verbose_name_plural), len(to_create), len(to_update))


def _float(value: str) -> float:
    return round(float(value), 6)


@transaction.atomic
def load_all() -> LoadCounts:
    counts = LoadCounts()

    countries = []
    for feature in _features("countries.geojson"):
        props = feature["properties"]
        countries.append(
            {
                "iso2": props["iso2"],
                "iso3": props["iso3"],
                "name_en": props["name_en"],
                "name_ar": props.get("name_ar") or "",
                "covered": props["iso2"] in COVERED_COUNTRIES,
                "geometry": feature["geometry"],
            }
        )
    _sync(Country.objects.all(), ("iso2",), countries, counts)
    country_ids = dict(Country.objects.values_list("iso2", "id"))

    areas = []
    for feature in _features("admin1.geojson"):
        props = feature["properties"]
        min_lon, min_lat, max_lon, max_lat = geometry.bbox(feature["geometry"])
        areas.append(
            {
                "iso_code": props["iso_3166_2"],
                "country_id": country_ids[props["country"]],
                "name_en": props["name_en"],
                "name_ar": props.get("name_ar") or "",
                "alt_names": props.get("alt_names") or [],
                "geometry": feature["geometry"],
                "min_lon": min_lon,
                "min_lat": min_lat,
                "max_lon": max_lon,
                "max_lat": max_lat,
            }
        )
    _sync(AdminArea.objects.all(), ("iso_code",), areas, counts)
    area_ids = dict(AdminArea.objects.values_list("iso_code", "id"))

    places = [
        {
            "geonameid": int(row["geonameid"]),
            "name": row["name"],
            "ascii_name": row["ascii_name"],
            "name_ar": row["name_ar"],
            "alternate_names": "\n".join(n for n in row["alternate_names"].split("|") if n),
            "kind": row["kind"] or PlaceKind.POPULATED_PLACE,
            "country_id": country_ids[row["country"]],
            "admin_area_id": area_ids.get(row["admin1"]),
            "latitude": _float(row["latitude"]),
            "longitude": _float(row["longitude"]),
            "population": int(row["population"]) if row["population"] else None,
            "source": row["source"],
        }
        for row in _rows("places.csv")
    ]
    _sync(Place.objects.filter(geonameid__isnull=False), ("geonameid",), places, counts)

    sites = []
    for row in _rows("sites.csv"):
        latitude, longitude = _float(row["latitude"]), _float(row["longitude"])
        area = AdminArea.objects.containing(latitude, longitude)
        sites.append(
            {
                "geonameid": None,
                "name": row["name"],
                "ascii_name": "",
                "name_ar": row["name_ar"],
                "alternate_names": "\n".join(n for n in row["alternate_names"].split("|") if n),
                "kind": row["kind"],
                "country_id": country_ids[row["country"]],
                "admin_area_id": area.pk if area else None,
                "latitude": latitude,
                "longitude": longitude,
                "population": None,
                "source": row["source"],
            }
        )
    # Curated sites share the Place table with GeoNames rows; those without a geonameid are theirs.
    _sync(Place.objects.filter(geonameid__isnull=True), ("country_id", "name", "kind"), sites, counts)
    return counts
