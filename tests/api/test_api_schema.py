"""The API's OpenAPI 3 schema and its documentation page."""

import json
import re
from pathlib import Path

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

from incidents.filters import (
    ArmedGroupFilter,
    IncidentFilter,
    PersonFilter,
    PlaceFilter,
    ReportFilter,
    StatementFilter,
)

pytestmark = pytest.mark.django_db

SWAGGER_UI = "vendor/swagger-ui-dist-5.35.0"


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def test_schema_generates_and_validates_without_warnings(tmp_path):
    # --fail-on-warn turns every guess drf-spectacular had to make (an untyped filter, an
    # ambiguous enum name) into a failure, so the schema says exactly what the API takes.
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    document = yaml.safe_load(target.read_text())
    assert document["openapi"].startswith("3.")
    assert "/api/v1/incidents/{public_id}/" in document["paths"]


def test_schema_is_served_as_yaml_by_default(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert yaml.safe_load(response.content)["info"]["title"] == "Conflict-incident tracker API"


def test_schema_offers_only_reads(schema):
    expected = {
        f"/api/v1/{resource}/{suffix}"
        for resource, lookup in [
            ("incidents", "{public_id}"),
            ("groups", "{id}"),
            ("people", "{id}"),
            ("statements", "{id}"),
            ("reports", "{id}"),
            ("places", "{id}"),
        ]
        for suffix in ("", f"{lookup}/")
    }
    assert set(schema["paths"]) == expected
    for path, operations in schema["paths"].items():
        assert set(operations) - {"parameters"} == {"get"}, path


def _parameters(schema, path) -> dict[str, dict]:
    return {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}


@pytest.mark.parametrize(
    ("resource", "filterset"),
    [
        ("incidents", IncidentFilter),
        ("groups", ArmedGroupFilter),
        ("people", PersonFilter),
        ("statements", StatementFilter),
        ("reports", ReportFilter),
        ("places", PlaceFilter),
    ],
)
def test_every_filter_and_the_pagination_appear_in_the_schema(schema, resource, filterset):
    names = set(_parameters(schema, f"/api/v1/{resource}/"))
    # `search` is the API's other name for `q` (api/filtering.py).
    aliases = {"search"} if "q" in filterset.base_filters else set()
    # Every collection also answers as the data stood at a moment (releases.moments).
    assert names == {*filterset.base_filters, *aliases, "as_of", "release", "page", "page_size"}


def test_every_collection_and_record_documents_as_of_and_release(schema):
    for path in schema["paths"]:
        if path.startswith("/api/v1/") and "schema" not in path:
            assert {"as_of", "release"} <= set(_parameters(schema, path)), path


def test_incident_filters_are_typed(schema):
    params = _parameters(schema, "/api/v1/incidents/")

    assert params["date_from"]["schema"] == {"type": "string", "format": "date"}
    assert params["group"]["schema"]["type"] == "integer"
    assert params["person"]["schema"]["type"] == "integer"
    assert params["killed_min"]["schema"]["type"] == "integer"
    assert params["contested"]["schema"]["type"] == "boolean"
    assert params["country"]["schema"] == {"type": "array", "items": {"type": "string"}}
    assert params["governorate"]["schema"]["type"] == "array"
    assert {"battles", "remote_violence"} <= set(params["event_type"]["schema"]["items"]["enum"])
    assert set(params["role"]["schema"]["enum"]) == {"any", "perpetrator", "target"}
    assert params["bbox"]["schema"]["type"] == "string"
    assert "min_lon,min_lat,max_lon,max_lat" in params["bbox"]["description"]
    assert "1000" in params["page_size"]["description"]


def test_incident_component_describes_the_nested_records(schema):
    components = schema["components"]["schemas"]
    incident = components["Incident"]["properties"]

    for name in ["participants", "claims", "named_casualties", "statements", "links_out", "links_in"]:
        assert incident[name]["type"] == "array", name
    assert incident["url"]["format"] == "uri"
    claim = components["Claim"]["properties"]
    assert {"report", "claimant", "category", "group", "killed_min", "killed_max", "quote"} <= set(claim)
    assert set(components["LinkKindEnum"]["enum"]) == {
        "retaliation_for",
        "follow_up_to",
        "same_operation",
        "duplicate_of",
    }
    assert components["Person"]["properties"]["aliases"]["type"] == "array"
    assert "text" in components["ReportDetail"]["properties"]
    assert "text" not in components["Report"]["properties"]


def test_docs_page_loads_swagger_ui_from_our_own_static_files(client):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f"/static/{SWAGGER_UI}/swagger-ui-bundle.js" in html
    assert f"/static/{SWAGGER_UI}/swagger-ui.css" in html
    assert "/static/js/api_docs.js" in html
    assert '<script id="api-schema-url" type="application/json">"/api/v1/schema/"</script>' in html
    # Links to other sites (the credits) are fine; nothing the page loads may come from one.
    loaded = re.findall(r'src="([^"]*)"', html) + re.findall(r'<link[^>]*href="([^"]*)"', html)
    for url in loaded:
        assert url.startswith("/"), url
    for tag, body in re.findall(r"(<script[^>]*>)(.*?)</script>", html, flags=re.S):
        # A Content Security Policy without 'unsafe-inline' allows only these two.
        assert 'src="/static/' in tag or ('type="application/json"' in tag), tag
        assert 'src="' not in tag or not body.strip()


def test_swagger_ui_is_vendored_with_its_licence():
    for name in ["swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui.css.map", "LICENSE", "NOTICE"]:
        assert finders.find(f"{SWAGGER_UI}/{name}"), name
    assert "Apache License" in Path(finders.find(f"{SWAGGER_UI}/LICENSE")).read_text(encoding="utf-8")


def test_list_responses_say_whether_the_count_is_capped(schema):
    for path, operations in schema["paths"].items():
        if path.endswith("}/"):
            continue
        body = operations["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        name = body["$ref"].rsplit("/", 1)[-1]
        page = schema["components"]["schemas"][name]
        assert {"count", "count_is_capped", "results"} <= set(page["required"]), path
        assert page["properties"]["count_is_capped"]["type"] == "boolean"
        assert "10,000" in page["properties"]["count"]["description"]


def test_schema_declares_no_authentication_for_the_public_api(schema):
    """Anyone may read: no security scheme or requirement, so Swagger UI shows no padlocks and no
    Authorize button."""
    assert "securitySchemes" not in schema.get("components", {})
    assert "security" not in schema
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert "security" not in operation, (method, path)
