"""The names the maps write over their own borders, from the gazetteer (geo/labels.json)."""

import pytest
from django.urls import reverse

from geo.labels import label_point, place_zoom
from geo.loader import load_all
from geo.models import PlaceKind

pytestmark = pytest.mark.django_db

LABELS_URL = reverse("geo:labels")


@pytest.fixture
def labels(client):
    load_all()
    response = client.get(LABELS_URL)
    assert response.status_code == 200
    return response.json()["labels"]


def test_countries_governorates_and_places_are_named_with_the_zooms_they_show_at(labels):
    by_name = {(label["kind"], label["name"]): label for label in labels}
    iraq = by_name[("country", "Iraq")]
    assert iraq["zooms"] == [3, 8] and 29 < iraq["lat"] < 37.5 and 38.8 < iraq["lng"] < 48.6
    assert by_name[("governorate", "Baghdad")]["zooms"][0] == 7
    baghdad = by_name[("city", "Baghdad")]
    assert baghdad["zooms"][0] == 5 and round(baghdad["lat"]) == 33 and round(baghdad["lng"]) == 44
    assert {label["kind"] for label in labels} >= {"country", "governorate", "city", "place", "site"}


def test_big_cities_come_first_then_countries_then_governorates_then_other_places(labels):
    kinds = [label["kind"] for label in labels]
    order = ["city", "country", "governorate"]
    runs = [kind for i, kind in enumerate(kinds) if i == 0 or kinds[i - 1] != kind]
    assert runs[:3] == order and set(runs[3:]) <= {"place", "site"}
    places = [label for label in labels if label["kind"] in {"city", "place", "site"}]
    assert [p["zooms"][0] for p in places] == sorted(p["zooms"][0] for p in places)
    # Where a city and one of its quarters are both big, the city's common name comes first.
    names = [p["name"] for p in places]
    assert names.index("Mosul") < names.index("Al Mawşil al Jadīdah")


def test_smaller_places_wait_for_closer_zooms():
    assert place_zoom(7_000_000, PlaceKind.POPULATED_PLACE) == 5
    assert place_zoom(400_000, PlaceKind.POPULATED_PLACE) == 6
    assert place_zoom(150_000, PlaceKind.POPULATED_PLACE) == 8
    assert place_zoom(30_000, PlaceKind.POPULATED_PLACE) == 9
    assert place_zoom(None, PlaceKind.POPULATED_PLACE) == 11
    assert place_zoom(None, PlaceKind.AIRFIELD) == 10


def test_a_label_sits_in_the_largest_polygon():
    small = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    large = [[10, 10], [14, 10], [14, 14], [10, 14], [10, 10]]
    assert label_point({"type": "MultiPolygon", "coordinates": [[small], [large]]}) == (12.0, 12.0)
    assert label_point({"type": "Polygon", "coordinates": [small]}) == (0.5, 0.5)
    assert label_point({}) is None


def test_the_labels_answer_only_get_and_head(client):
    assert client.post(LABELS_URL).status_code == 405
    assert client.get(LABELS_URL, {"zoom": "garbage"}).status_code == 200
