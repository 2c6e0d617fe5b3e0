"""Report texts, names and quotes are hostile input: every page, the admin, the API and the exports
show them as text, never as markup, and none of it breaks a page."""

import csv
import io
import json

import pytest
from django.contrib import admin
from django.urls import reverse

from geo.models import Place
from incidents.models import Affiliation, Casualty, GroupAlias, Participation
from incidents.models.choices import ParticipationRole, RoleKind, Status
from tests import factories

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
SVG = "<svg/onload=alert(1)>"
IMG = '"><img src=x onerror=alert(2)>'
BIDI = "\u202egnp.exe\u202c"
HOSTILE = f"{SCRIPT}{SVG}{IMG}{BIDI}"
FORMULAS = ['=HYPERLINK("http://evil")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,1)"]
MARKUP = ["<script>alert", "<svg/onload", "<img src=x"]


@pytest.fixture
def hostile():
    source = factories.source(name=f"Source {HOSTILE}")
    report = factories.report(source=source, title=f"Report {HOSTILE}", text=HOSTILE * 50, url="https://example.org/")
    group = factories.group(name=f"Group {HOSTILE}", name_ar=f"جماعة {SCRIPT}", description=HOSTILE)
    GroupAlias.objects.create(group=group, name=f"{FORMULAS[1]}")
    person = factories.person(name=f"Person {HOSTILE}", aliases=f"{SVG}\n{FORMULAS[3]}", description=HOSTILE)
    Affiliation.objects.create(person=person, group=group, role=RoleKind.COMMANDER, title=HOSTILE)
    incident = factories.incident(
        title=FORMULAS[0] + SCRIPT,
        summary=HOSTILE + "x" * 50_000,
        place_name=f"{FORMULAS[2]} {IMG}",
        district=SVG,
        status=Status.PUBLISHED,
        latitude=33.3,
        longitude=44.4,
    )
    Participation.objects.create(incident=incident, group=group, role=ParticipationRole.TARGET, note=HOSTILE)
    claim = factories.claim(incident, report=report, claimant=f"{FORMULAS[3]} {SCRIPT}", quote=HOSTILE, killed_min=1)
    Casualty.objects.create(incident=incident, person=person, claim=claim, note=HOSTILE)
    statement = factories.statement(report=report, speaker=person, quote=HOSTILE, body=SVG, speaker_title=IMG)
    statement.incidents.add(incident)
    return {"incident": incident, "group": group, "person": person, "report": report, "statement": statement}


def assert_escaped(html: str, where: str):
    for fragment in MARKUP:
        assert fragment not in html, f"unescaped {fragment!r} in {where}"


def test_public_pages_escape_everything(client, hostile):
    urls = [
        reverse("incidents:list"),
        reverse("incidents:list") + "?q=" + SCRIPT,
        reverse("incidents:detail", args=[hostile["incident"].public_id]),
        reverse("incidents:group-list"),
        reverse("incidents:group-detail", args=[hostile["group"].pk]),
        reverse("incidents:person-list"),
        reverse("incidents:person-detail", args=[hostile["person"].pk]),
        reverse("incidents:statement-list"),
        reverse("maps:map"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.content.decode(), url)
    detail = client.get(urls[2]).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in detail
    assert BIDI in detail


def test_admin_pages_escape_everything(staff_client, hostile):
    models = [m for m in admin.site._registry if m._meta.app_label == "incidents"]
    for model in models:
        changelist = reverse(f"admin:incidents_{model._meta.model_name}_changelist")
        response = staff_client.get(changelist)
        assert response.status_code == 200, changelist
        assert_escaped(response.content.decode(), changelist)
        obj = model.objects.first()
        if obj is not None:
            url = reverse(f"admin:incidents_{model._meta.model_name}_change", args=[obj.pk])
            response = staff_client.get(url)
            assert response.status_code == 200, url
            assert_escaped(response.content.decode(), url)
    search = staff_client.get(reverse("admin:incidents_incident_changelist"), {"q": SVG})
    assert search.status_code == 200


def test_the_api_returns_the_text_as_json_strings(client, hostile):
    response = client.get(f"/api/v1/incidents/{hostile['incident'].public_id}/")
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["title"] == FORMULAS[0] + SCRIPT
    browsable = client.get(f"/api/v1/incidents/{hostile['incident'].public_id}/", HTTP_ACCEPT="text/html")
    assert_escaped(browsable.content.decode(), "browsable API")


def test_csv_export_neutralises_formulas(client, hostile):
    body = b"".join(client.get(reverse("incidents:export-csv")).streaming_content).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(body)))
    row = dict(zip(header, rows[0], strict=True))
    assert row["title"] == "'" + FORMULAS[0] + SCRIPT
    assert row["place_name"].startswith("'-2+3")
    for cell in rows[0]:
        assert not cell.startswith(("=", "+", "@")), cell


def test_geojson_export_is_valid_json_with_the_text_intact(client, hostile):
    body = b"".join(client.get(reverse("incidents:export-geojson")).streaming_content)
    feature = json.loads(body)["features"][0]
    assert SCRIPT in feature["properties"]["title"]


def test_very_long_and_odd_queries_are_handled(client, hostile):
    for params in [{"q": "x" * 10_000}, {"q": "\x00"}, {"q": BIDI}, {"place": SCRIPT}, {"q": "' OR 1=1 --"}]:
        for url in [reverse("incidents:list"), "/api/v1/incidents/", reverse("maps:map-data")]:
            response = client.get(url, params)
            assert response.status_code in (200, 400), (url, params, response.status_code)


def test_gazetteer_search_escapes(staff_client):
    Place.objects.filter(pk=Place.objects.first().pk).update(name=SCRIPT)
    response = staff_client.get(reverse("admin:geo_place_changelist"), {"q": "script"})
    assert_escaped(response.content.decode(), "place changelist")
