"""Boundaries, gazetteer and point-in-polygon."""

import pytest

from geo import geometry
from geo.loader import load_all
from geo.models import AdminArea, Country, Place, PlaceKind
from tests import factories

pytestmark = pytest.mark.django_db


def test_all_governorates_of_iraq_and_syria_are_loaded():
    assert AdminArea.objects.filter(country__iso2="IQ").count() == 18
    assert AdminArea.objects.filter(country__iso2="SY").count() == 14


def test_every_governorate_has_an_iso_code_and_arabic_name():
    for area in AdminArea.objects.all():
        assert area.iso_code.startswith(area.country.iso2 + "-")
        assert area.name_ar, area


def test_neighbours_are_loaded_as_outlines_only():
    assert set(Country.objects.filter(covered=True).values_list("iso2", flat=True)) == {"IQ", "SY"}
    assert {"TR", "IR", "JO", "SA", "KW", "LB"} <= set(Country.objects.values_list("iso2", flat=True))


def test_reloading_changes_nothing():
    before = {
        "areas": list(AdminArea.objects.order_by("pk").values_list("pk", "iso_code", "name_en", "min_lat")),
        "places": Place.objects.count(),
    }
    counts = load_all()
    assert not counts.changed, (counts.created, counts.updated)
    assert list(AdminArea.objects.order_by("pk").values_list("pk", "iso_code", "name_en", "min_lat")) == before["areas"]
    assert Place.objects.count() == before["places"]


def test_gazetteer_has_places_with_arabic_names_and_military_sites():
    assert Place.objects.filter(kind=PlaceKind.POPULATED_PLACE, country__iso2="IQ").count() > 100
    assert Place.objects.filter(kind=PlaceKind.POPULATED_PLACE, country__iso2="SY").count() > 100
    assert Place.objects.exclude(name_ar="").count() > 100
    for name in ["Al Asad Air Base", "Tower 22"]:
        assert Place.objects.filter(name__icontains=name).exists(), name
    assert not Place.objects.filter(source="").exists()


@pytest.mark.parametrize(
    ("latitude", "longitude", "iso_code"),
    [
        (33.3152, 44.3661, "IQ-BG"),  # Baghdad
        (35.3359, 40.1408, "SY-DY"),  # Deir ez-Zor
        (36.3350, 43.1189, "IQ-NI"),  # Mosul, Nineveh
        (36.2021, 37.1343, "SY-HL"),  # Aleppo
        (30.5085, 47.7804, "IQ-BA"),  # Basra
    ],
)
def test_point_in_polygon_finds_the_governorate(latitude, longitude, iso_code):
    area = AdminArea.objects.containing(latitude, longitude)
    assert area is not None and area.iso_code == iso_code


@pytest.mark.parametrize(("latitude", "longitude"), [(34.5, 34.0), (29.0, 49.5), (51.5, -0.1)])
def test_point_in_polygon_outside_every_governorate_is_none(latitude, longitude):
    assert AdminArea.objects.containing(latitude, longitude) is None


def test_incident_with_coordinates_gets_country_and_governorate():
    incident = factories.incident(latitude=33.3152, longitude=44.3661)
    assert incident.admin_area.iso_code == "IQ-BG"
    assert incident.country.iso2 == "IQ"


def test_incident_at_sea_keeps_them_empty():
    incident = factories.incident(latitude=34.5, longitude=34.0)
    assert incident.admin_area is None and incident.country is None


def test_a_governorate_given_by_staff_is_kept():
    basra = AdminArea.objects.get(iso_code="IQ-BA")
    incident = factories.incident(latitude=33.3152, longitude=44.3661, admin_area=basra)
    assert incident.admin_area == basra and incident.country.iso2 == "IQ"


def test_incident_at_a_gazetteer_place_takes_its_coordinates():
    place = Place.objects.filter(name__icontains="Al Asad").first()
    incident = factories.incident(place=place)
    assert (incident.latitude, incident.longitude) == (place.latitude, place.longitude)
    assert incident.admin_area.iso_code == "IQ-AN"


def test_ray_casting_respects_holes():
    square = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
    polygon = {"type": "Polygon", "coordinates": [square, hole]}
    assert geometry.contains(polygon, 2, 2)
    assert not geometry.contains(polygon, 5, 5)
    assert not geometry.contains(polygon, 11, 5)
    assert geometry.bbox(polygon) == (0, 0, 10, 10)


def test_boundaries_endpoint_serves_geojson(client):
    response = client.get("/geo/boundaries.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    kinds = [f["properties"]["kind"] for f in response.json()["features"]]
    assert kinds.count("governorate") == 32


@pytest.mark.parametrize(
    ("name", "iso2"),
    [
        ("Ain al-Asad", "IQ"),
        ("Al-Tanf garrison", "SY"),
        ("Harir Air Base", "IQ"),
        ("Erbil Air Base", "IQ"),
        ("Victory Base Complex", "IQ"),
        ("Baghdad International Airport", "IQ"),
        ("Tower 22", "JO"),
        ("Al-Omar oil field", "SY"),
        ("Conoco gas field", "SY"),
        ("Mission Support Site Euphrates", "SY"),
        ("Rmelan Landing Zone", "SY"),
        ("Al-Shaddadi base", "SY"),
        ("Balad Air Base", "IQ"),
        ("Camp Taji", "IQ"),
        ("Jurf al-Sakhar", "IQ"),
        ("Green Zone", "IQ"),
        ("Karrada", "IQ"),
        ("Sadr City", "IQ"),
        ("Al Qa'im", "IQ"),
        ("Albu Kamal", "SY"),
        ("Albu Kamal border crossing", "IQ"),
    ],
)
def test_the_sites_reports_name_are_in_the_gazetteer_with_a_source(name, iso2):
    place = (
        Place.objects.filter(name=name).first()
        or Place.objects.filter(ascii_name=name).first()
        or next(
            p for p in Place.objects.filter(alternate_names__icontains=name) if name in p.alternate_names.split("\n")
        )
    )
    assert place.country.iso2 == iso2 and place.source
    assert -90 <= place.latitude <= 90 and place.latitude != 0
