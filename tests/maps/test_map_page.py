"""The map page: the filter form rendered from the shared FilterSet, data for the script, no inline code."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

MAP_URL = reverse("maps:map")
MAP_FILTERS = [
    "q",
    "date_from",
    "date_to",
    "country",
    "governorate",
    "event_type",
    "means",
    "group",
    "role",
    "killed_min",
    "civilian_harm",
    "contested",
]


def field_names(html: str) -> set[str]:
    return set(re.findall(r'<(?:input|select)[^>]*\bname="([^"]+)"', html))


def test_the_map_page_renders_the_filter_form(client):
    response = client.get(MAP_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<form id="map-filters"' in html
    assert set(MAP_FILTERS) <= field_names(html)
    assert 'id="map"' in html and 'id="histogram"' in html and 'id="map-count"' in html
    assert "Boundaries:" in html and "GeoNames" in html, "the credits stay on the page"


def test_the_option_lists_come_from_the_database(client):
    factories.group(name="Harakat al-Nujaba")

    html = client.get(MAP_URL).content.decode()

    assert ">Harakat al-Nujaba</option>" in html
    assert ">Baghdad (IQ)</option>" in html
    assert 'value="IQ"' in html and 'value="SY"' in html
    assert 'value="remote_violence"' in html


def test_the_page_data_reaches_the_script_only_as_json(client, settings):
    settings.MAP_TILE_URL = ""

    html = client.get(MAP_URL).content.decode()

    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts
    for attributes, body in scripts:
        if 'type="application/json"' in attributes:
            json.loads(body)
        else:
            assert "src=" in attributes and body.strip() == "", f"inline script code: {body[:80]!r}"
    assert not re.search(r"\son[a-z]+=", html), "no inline event handlers"
    assert not re.search(r"\sstyle=", html), "no inline styles"
    config = json.loads(re.search(r'<script id="map-config" type="application/json">(.*?)</script>', html).group(1))
    assert config["tileUrl"] == ""
    assert config["dataUrl"] == reverse("maps:map-data")
    assert config["histogramUrl"] == reverse("maps:histogram")
    assert config["boundariesUrl"] == reverse("geo:boundaries")
    assert config["eventTypes"]["remote_violence"] == {"label": "Explosions/Remote violence", "letter": "E"}


def test_the_tile_server_is_the_configured_one(client, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "Example tiles"

    html = client.get(MAP_URL).content.decode()

    config = json.loads(re.search(r'<script id="map-config" type="application/json">(.*?)</script>', html).group(1))
    assert (config["tileUrl"], config["tileAttribution"]) == (settings.MAP_TILE_URL, "Example tiles")


def test_staff_can_filter_by_status_and_the_public_cannot(staff_client):
    assert "status" in field_names(staff_client.get(MAP_URL).content.decode())
    assert "status" not in field_names(Client().get(MAP_URL).content.decode())


def test_the_form_shows_the_filters_in_the_address(client):
    nujaba = factories.group(name="Harakat al-Nujaba")

    html = client.get(
        MAP_URL,
        {"q": "Baghdad", "event_type": "battles", "group": nujaba.pk, "role": "target", "lat": "33.3", "z": "9"},
    ).content.decode()

    assert re.search(r'<input[^>]*name="q"[^>]*value="Baghdad"', html)
    assert re.search(r'<input[^>]*name="event_type"[^>]*value="battles"[^>]*checked', html)
    assert re.search(rf'<option value="{nujaba.pk}" selected>Harakat al-Nujaba</option>', html)
    assert re.search(r'<option value="target" selected>Target</option>', html)


def test_filters_the_map_does_not_show_are_carried_along(client):
    speaker = factories.person(name="Patrick Ryder")

    html = client.get(MAP_URL, {"person": speaker.pk, "sub_event_type": "air_drone_strike"}).content.decode()

    assert re.search(rf'<input type="hidden" name="person" value="{speaker.pk}"', html)
    assert re.search(r'<input type="hidden" name="sub_event_type" value="air_drone_strike"', html)


def test_a_bad_filter_on_the_page_is_a_400_naming_it(client):
    response = client.get(MAP_URL, {"date_from": "someday", "killed_min": "-3"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "<code>date_from</code>" in html and "<code>killed_min</code>" in html
    assert '<form id="map-filters"' in html


def test_the_page_takes_a_few_queries_whatever_the_incidents(client, django_assert_max_num_queries):
    for _ in range(30):
        factories.incident()
    # The option lists: countries, governorates, groups.
    with django_assert_max_num_queries(3):
        assert client.get(MAP_URL).status_code == 200
