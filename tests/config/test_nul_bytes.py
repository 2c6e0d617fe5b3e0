"""A NUL byte in an address is refused before any view runs: PostgreSQL's text cannot hold one
(psycopg raises ValueError for it), so it would otherwise become a server error wherever the
value reaches a query: an id, a search term, a filter, the admin's autocomplete."""

import pytest
from django.urls import reverse

from geo.models import Place
from incidents.models import ArmedGroup, Person, Report, Source, Statement
from incidents.models.choices import Status
from tests import factories

pytestmark = pytest.mark.django_db

API_COLLECTIONS = ["incidents", "groups", "people", "statements", "reports", "places"]


@pytest.fixture
def published():
    return factories.incident(status=Status.PUBLISHED, latitude=33.3, longitude=44.4)


@pytest.mark.parametrize(
    "url",
    [
        "/incidents/%00/",
        "/incidents/a%00b/",
        "/incidents/%01/",
        "/groups/%00/",
        "/people/%00/",
        "/geo/%00/",
        "/%00",
        *[f"/api/v1/{name}/%00/" for name in API_COLLECTIONS],
    ],
)
def test_a_nul_or_control_character_in_a_path_is_not_found(client, published, url):
    response = client.get(url)
    assert response.status_code == 404
    if url.startswith("/api/"):
        assert response["Content-Type"] == "application/json" and response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    "url",
    [
        "/incidents/?q=%00",
        "/incidents/?q=a%00b",
        "/groups/?q=%00",
        "/people/?q=%00",
        "/statements/?q=%00",
        "/map/data/?q=%00",
        "/map/histogram/?q=%00",
        "/incidents/export.csv?q=%00",
        "/?q=%00",
        *[f"/api/v1/{name}/?search=%00" for name in API_COLLECTIONS],
        "/api/v1/incidents/?group=%00",
    ],
)
def test_a_nul_in_a_query_is_a_bad_request(client, published, url):
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response["Content-Type"] == "application/json"
        assert "Null characters are not allowed." in next(iter(response.json().values()))
    else:
        assert "Null characters are not allowed." in response.content.decode()


@pytest.mark.parametrize("url", ["/incidents/?place=%00", "/incidents/?%00=1", "/map/data/?%00=%00"])
def test_a_nul_in_a_parameter_no_page_reads_is_ignored(client, published, url):
    assert client.get(url).status_code == 200


def test_other_control_characters_in_a_query_are_searched_for(client, published):
    """Only NUL cannot reach the database: a tab or a newline is text like any other."""
    assert client.get("/incidents/?q=%09%0A").status_code == 200
    assert client.get("/api/v1/incidents/?search=%01").status_code == 200


ADMIN_MODELS = [
    ("incidents", "incident"),
    ("incidents", "armedgroup"),
    ("incidents", "person"),
    ("incidents", "statement"),
    ("incidents", "report"),
    ("incidents", "source"),
    ("geo", "place"),
]


@pytest.mark.parametrize("app, model", ADMIN_MODELS)
@pytest.mark.parametrize("view", ["change", "history", "delete"])
def test_admin_record_views_with_a_nul_id_are_not_found(admin_client, app, model, view):
    url = f"/admin/{app}/{model}/%00/{view}/"
    assert admin_client.get(url).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "term=%00&app_label=incidents&model_name=incident&field_name=place",
        "term=a%00&app_label=incidents&model_name=statement&field_name=incidents",
        "term=x&app_label=incidents%00&model_name=incident&field_name=place",
        "term=x&app_label=incidents&model_name=incident&field_name=place%00",
    ],
)
def test_the_admin_autocomplete_refuses_a_nul(admin_client, published, query):
    response = admin_client.get(f"{reverse('admin:autocomplete')}?{query}")
    assert response.status_code == 400


@pytest.mark.parametrize("app, model", ADMIN_MODELS)
def test_admin_lists_refuse_a_nul_in_the_search(admin_client, app, model):
    assert admin_client.get(f"/admin/{app}/{model}/?q=%00").status_code == 400


def test_records_are_still_found(admin_client, client, published):
    group = factories.group()
    assert client.get(reverse("incidents:detail", args=[published.public_id])).status_code == 200
    assert client.get(reverse("incidents:group-detail", args=[group.pk])).status_code == 200
    assert client.get("/api/v1/incidents/?search=strike").status_code == 200
    for model in (ArmedGroup, Person, Report, Source, Statement, Place):
        opts = model._meta
        assert admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 200
