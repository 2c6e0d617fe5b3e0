"""Public pages only read: a method other than GET or HEAD is a 405 naming the two, as a browser
meets it, with CSRF checked (Django's test client leaves the check off unless asked)."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from incidents.demo import STRIKE_ID
from incidents.models import ArmedGroup, Person

pytestmark = pytest.mark.django_db


def public_urls():
    group = ArmedGroup.objects.get(name="Harakat al-Nujaba")
    person = Person.objects.get(name="Patrick Ryder")
    return [
        reverse("maps:map"),
        reverse("maps:map-data"),
        reverse("maps:histogram"),
        reverse("incidents:list"),
        reverse("incidents:detail", args=[STRIKE_ID]),
        reverse("incidents:group-list"),
        reverse("incidents:group-detail", args=[group.pk]),
        reverse("incidents:person-list"),
        reverse("incidents:person-detail", args=[person.pk]),
        reverse("incidents:statement-list"),
        reverse("incidents:about"),
        reverse("trends:trends"),
        reverse("trends:csv"),
        reverse("incidents:export-csv"),
        reverse("incidents:export-geojson"),
        reverse("incidents:export-acled"),
        reverse("incidents:export-ucdp"),
        reverse("geo:boundaries"),
        reverse("geo:labels"),
        reverse("maps:spot") + "?bbox=44.3,33.2,44.5,33.4",
        reverse("api:docs"),
    ]


API_URLS = ["/api/v1/", "/api/v1/schema/", "/api/v1/incidents/", f"/api/v1/incidents/{STRIKE_ID}/", "/api/v1/groups/"]


@pytest.fixture
def browser_client(db):
    call_command("load_demo")
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_write_to_a_public_page_is_a_405_before_any_csrf_check(browser_client, method):
    for url in public_urls():
        response = getattr(browser_client, method)(url, {"q": "x"})
        assert response.status_code == 405, (method, url, response.status_code)
        assert response["Allow"] == "GET, HEAD", (method, url)


def test_the_pages_still_answer_get_and_head(browser_client):
    for url in public_urls():
        assert browser_client.get(url).status_code == 200, url
        assert browser_client.head(url).status_code == 200, url


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_write_to_the_api_is_a_405(browser_client, method):
    for url in API_URLS:
        response = getattr(browser_client, method)(url, {"q": "x"}, content_type="application/json")
        assert response.status_code == 405, (method, url, response.status_code)
        assert "POST" not in response["Allow"], (method, url)
