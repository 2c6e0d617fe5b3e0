"""Map answers are cached per filters, view and audience, and dropped when incidents change."""

import pytest
from django.test import Client
from django.urls import reverse

from incidents import cache, synthetic
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("maps:map-data")
VIEW = {"bbox": "30,25,55,40", "zoom": "6"}
# Where the shared cache keeps the data version and the answers (settings.CACHES without Redis).
CACHE_TABLES = ("config_counter", "incidents_cache")


def only_cache_reads(queries) -> bool:
    return all(any(table in q["sql"] for table in CACHE_TABLES) for q in queries.captured_queries)


def test_a_repeated_request_is_answered_from_the_cache(client, django_assert_max_num_queries):
    factories.incident(status="published", latitude=33.3, longitude=44.4)
    first = client.get(URL, VIEW).json()
    with django_assert_max_num_queries(2) as queries:
        again = client.get(URL, VIEW).json()
    assert again == first and first["total"] == 1
    assert only_cache_reads(queries)


def test_saving_an_incident_drops_the_cached_answers(client, django_capture_on_commit_callbacks):
    incident = factories.incident(status="published", latitude=33.3, longitude=44.4)
    assert client.get(URL, VIEW).json()["total"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        factories.incident(status="published", latitude=33.4, longitude=44.5)
    assert client.get(URL, VIEW).json()["total"] == 2
    with django_capture_on_commit_callbacks(execute=True):
        factories.claim(incident, killed_min=3, killed_max=3)
    features = client.get(URL, VIEW).json()["features"]
    assert {f["public_id"]: f["killed_best"] for f in features}[incident.public_id] == 3
    with django_capture_on_commit_callbacks(execute=True):
        incident.delete()
    assert client.get(URL, VIEW).json()["total"] == 1


def test_bulk_writers_drop_the_cached_answers(client, django_capture_on_commit_callbacks):
    before = client.get(URL, VIEW).json()["total"]
    version = cache.data_version()
    with django_capture_on_commit_callbacks(execute=True):
        synthetic.generate(20, seed=5)
    assert cache.data_version() > version
    assert client.get(URL, VIEW).json()["total"] > before


def test_staff_and_public_answers_are_kept_apart(client, staff_client):
    factories.incident(status="draft", latitude=33.3, longitude=44.4)
    public = Client()
    assert public.get(URL, VIEW).json()["total"] == 0
    assert staff_client.get(URL, VIEW).json()["total"] == 1
    assert public.get(URL, VIEW).json()["total"] == 0


def test_a_search_that_spells_out_other_parameters_is_not_taken_for_them(client):
    """Each parameter's name and value is kept whole in the key: a search for "Baghdad&zoom=6"
    (which matches nothing) must not be what a search for "Baghdad" at zoom 6 is answered with."""
    factories.incident(status="published", latitude=33.3, longitude=44.4, place_name="Baghdad")
    assert client.get(f"{URL}?bbox=30,25,55,40&q=Baghdad%26zoom%3D6").json()["total"] == 0
    assert client.get(f"{URL}?bbox=30,25,55,40&q=Baghdad&zoom=6").json()["total"] == 1


def test_repeated_values_in_another_order_are_another_request(client):
    """A single-valued filter reads the last of its values: `q=Basra&q=Baghdad` searches for
    Baghdad, `q=Baghdad&q=Basra` for Basra, and neither answer may stand in for the other."""
    factories.incident(status="published", latitude=33.3, longitude=44.4, place_name="Baghdad")
    assert client.get(f"{URL}?bbox=30,25,55,40&zoom=6&q=Basra&q=Baghdad").json()["total"] == 1
    assert client.get(f"{URL}?bbox=30,25,55,40&zoom=6&q=Baghdad&q=Basra").json()["total"] == 0


def test_the_histogram_is_cached_too(client, django_assert_max_num_queries):
    factories.incident(status="published")
    client.get(reverse("maps:histogram"))
    with django_assert_max_num_queries(2) as queries:
        client.get(reverse("maps:histogram"))
    assert only_cache_reads(queries)


def test_no_caching_when_turned_off(client, settings, django_assert_max_num_queries):
    settings.MAP_CACHE_SECONDS = 0
    client.get(URL, VIEW)
    with django_assert_max_num_queries(3) as queries:
        client.get(URL, VIEW)
    assert len(queries.captured_queries) >= 1
