"""The staff admin: every page renders for staff and is refused to anyone else, and recording a
report's incident end to end through it keeps the derived toll right."""

import re

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils.html import escape

from incidents.demo import STRIKE_ID
from incidents.models import CasualtyClaim, Incident, IncidentLink, Participation, PendingChange, Statement
from tests import factories
from tests.admin_forms import add_inline_form, admin_post_data, inline_prefix

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    (m for m in admin.site._registry if m._meta.app_label in ("geo", "incidents")),
    key=lambda m: (m._meta.app_label, m._meta.model_name),
)


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.fixture
def demo(db):
    from django.core.management import call_command

    call_command("load_demo")


# Changes held for review are made by saving other records, not added by hand (tests/incidents/test_review.py).
EDITED = [model for model in REGISTERED if model is not PendingChange]


@pytest.mark.parametrize("model", EDITED, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_render_for_staff(staff_client, demo, model):
    assert staff_client.get(admin_url(model, "changelist")).status_code == 200
    assert staff_client.get(admin_url(model, "add")).status_code == 200
    obj = model.objects.first()
    assert obj is not None, f"the demo and geodata leave no {model.__name__} to open"
    assert staff_client.get(admin_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m.__name__)
def test_admin_pages_are_refused_to_anonymous_users(client, demo, model):
    for url in (admin_url(model, "changelist"), admin_url(model, "add")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_admin_pages_are_refused_to_logged_in_non_staff(client, django_user_model, demo):
    user = django_user_model.objects.create_user("mallory", password="a-long-test-password")
    client.force_login(user)
    response = client.get(admin_url(Incident, "changelist"))
    assert response.status_code == 302


def test_changelist_shows_date_place_actors_and_toll(staff_client, demo):
    response = staff_client.get(admin_url(Incident, "changelist"))
    html = response.content.decode()
    assert "2024-01-04" in html and "December 2023" in html
    assert "United States Armed Forces → Harakat al-Nujaba" in html
    assert "2–4" in html


@pytest.mark.parametrize("term", ["Nujaba", "an-Nujaba", "حركة النجباء", "eastern Baghdad", STRIKE_ID])
def test_changelist_search_finds_by_title_place_group_and_alias(staff_client, demo, term):
    response = staff_client.get(admin_url(Incident, "changelist"), {"q": term})
    assert STRIKE_ID in response.content.decode()


@pytest.mark.parametrize(
    "query", [{"contested__exact": "1"}, {"status__exact": "published"}, {"start_date__year": "2024"}]
)
def test_changelist_filters(staff_client, demo, query):
    response = staff_client.get(admin_url(Incident, "changelist"), query)
    assert response.status_code == 200
    assert STRIKE_ID in response.content.decode()


def test_editing_a_claim_inline_recomputes_the_toll(staff_client, demo):
    strike = Incident.objects.get(public_id=STRIKE_ID)
    url = admin_url(Incident, "change", strike.pk)
    page = staff_client.get(url)
    data = admin_post_data(page)
    prefix = inline_prefix(page, CasualtyClaim)
    police = next(i for i in range(int(data[f"{prefix}-TOTAL_FORMS"])) if data[f"{prefix}-{i}-killed_min"] == "4")
    data[f"{prefix}-{police}-killed_min"] = data[f"{prefix}-{police}-killed_max"] = "2"

    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    strike.refresh_from_db()
    assert (strike.killed_low, strike.killed_high, strike.contested) == (2, 2, False)


def test_deleting_a_claim_inline_recomputes_the_toll(staff_client, demo):
    strike = Incident.objects.get(public_id=STRIKE_ID)
    url = admin_url(Incident, "change", strike.pk)
    page = staff_client.get(url)
    data = admin_post_data(page)
    prefix = inline_prefix(page, CasualtyClaim)
    police = next(i for i in range(int(data[f"{prefix}-TOTAL_FORMS"])) if data[f"{prefix}-{i}-killed_min"] == "4")
    data[f"{prefix}-{police}-DELETE"] = "on"
    assert staff_client.post(url, data).status_code == 302
    strike.refresh_from_db()
    assert (strike.killed_low, strike.killed_high, strike.contested) == (2, 2, False)


def test_a_new_staff_user_records_an_incident_from_a_report(staff_client, staff_user):
    """A second incident with two conflicting claims and a statement, through the admin alone."""
    report = factories.report(title="Rocket attack on Ain al-Asad", text="Two rockets hit the base...")
    militia = factories.group(name="Kataib Hezbollah")
    us_forces = factories.group(name="U.S. forces")
    speaker = factories.person(name="A spokesperson")

    add_url = admin_url(Incident, "add")
    page = staff_client.get(add_url)
    data = admin_post_data(page)
    data.update(
        {
            "title": "Rocket attack on Ain al-Asad air base",
            "status": "draft",
            "start_date": "2024-01-20",
            "date_precision": "day",
            "event_type": "remote_violence",
            "sub_event_type": "shelling_missile",
            "means": ["rocket", "ballistic_missile"],
            "place_name": "Ain al-Asad air base",
            "latitude": "33.8",
            "longitude": "42.44",
            "location_precision": "exact",
        }
    )
    parts = inline_prefix(page, Participation)
    add_inline_form(data, parts, {"group": militia.pk, "role": "perpetrator", "attribution": "claimed"})
    add_inline_form(data, parts, {"group": us_forces.pk, "role": "target", "attribution": "confirmed"})
    claims = inline_prefix(page, CasualtyClaim)
    add_inline_form(
        data,
        claims,
        {
            "report": report.pk,
            "claimant": "U.S. officials",
            "category": "all",
            "killed_min": "0",
            "killed_max": "0",
            "injured_min": "1",
            "injured_max": "1",
        },
    )
    add_inline_form(
        data,
        claims,
        {
            "report": report.pk,
            "claimant": "the group's channel",
            "category": "security_forces",
            "killed_min": "5",
            "killed_max": "10",
        },
    )
    response = staff_client.post(add_url, data)
    assert response.status_code == 302, response.context and response.context["errors"]

    incident = Incident.objects.get(title="Rocket attack on Ain al-Asad air base")
    assert incident.admin_area.iso_code == "IQ-AN"
    assert set(incident.means) == {"rocket", "ballistic_missile"}
    assert (incident.killed_low, incident.killed_best, incident.killed_high, incident.contested) == (0, 0, 10, True)
    assert incident.created_by == staff_user and incident.changed_by == staff_user

    page = staff_client.get(admin_url(Statement, "add"))
    data = admin_post_data(page)
    data.update(
        {
            "speaker": speaker.pk,
            "body_group": militia.pk,
            "said_on": "2024-01-21",
            "quote": "We struck the occupiers' base.",
            "stance": "claims",
            "report": report.pk,
            "incidents": [incident.pk],
            "language": "en",
        }
    )
    assert staff_client.post(admin_url(Statement, "add"), data).status_code == 302
    assert incident.statements.get().stance == "claims"


def test_an_invalid_sub_event_type_is_refused_with_a_message(staff_client):
    page = staff_client.get(admin_url(Incident, "add"))
    data = admin_post_data(page)
    data.update(
        {
            "title": "x",
            "start_date": "2024-01-20",
            "date_precision": "day",
            "status": "draft",
            "event_type": "battles",
            "sub_event_type": "air_drone_strike",
            "location_precision": "unknown",
        }
    )
    response = staff_client.post(admin_url(Incident, "add"), data)
    assert response.status_code == 200
    assert "is not a sub-event type of" in response.content.decode()
    assert not Incident.objects.filter(title="x").exists()


def test_linking_an_incident_to_itself_is_refused_in_the_form(staff_client, demo):
    strike = Incident.objects.get(public_id=STRIKE_ID)
    url = admin_url(Incident, "change", strike.pk)
    page = staff_client.get(url)
    data = admin_post_data(page)
    prefix = [i.formset.prefix for i in page.context["inline_admin_formsets"] if i.formset.fk.name == "from_incident"][
        0
    ]
    add_inline_form(data, prefix, {"to_incident": strike.pk, "kind": "duplicate_of"})
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert IncidentLink.objects.filter(from_incident=strike, to_incident=strike).count() == 0


def test_change_page_has_the_point_picker_without_inline_script(staff_client, demo):
    strike = Incident.objects.get(public_id=STRIKE_ID)
    html = staff_client.get(admin_url(Incident, "change", strike.pk)).content.decode()
    assert 'class="point-picker"' in html
    assert "vendor/leaflet-1.9.4/leaflet.js" in html and "js/point_picker.js" in html
    assert 'data-boundaries-url="/geo/boundaries.geojson"' in html


def test_report_page_lists_the_claims_and_statements_citing_it(staff_client, demo):
    from incidents.models import Report

    report = Report.objects.get()
    html = staff_client.get(admin_url(Report, "change", report.pk)).content.decode()
    assert "Iraqi police and militia sources" in html
    assert "We will retaliate" in html


def test_an_incidents_statement_rows_are_labelled_by_the_statement(staff_client, demo):
    """Each row of the statements inline names its statement, not "Statement_incidents object (5)",
    and so does the history of the incident's changes."""
    strike = Incident.objects.get(public_id=STRIKE_ID)
    url = admin_url(Incident, "change", strike.pk)
    page = staff_client.get(url)
    html = page.content.decode()

    rows = re.findall(r'id="Statement_incidents-\d+">\s*<td class="original">\s*<p>\s*(.*?)\s*</p>', html, re.S)
    assert sorted(rows) == sorted(escape(str(s)) for s in strike.statements.all())
    assert len(rows) == 4
    assert "Statement_incidents object" not in html

    said = factories.statement(quote="We will answer this strike.")
    data = admin_post_data(page)
    add_inline_form(data, inline_prefix(page, Statement.incidents.through), {"statement": said.pk})
    assert staff_client.post(url, data).status_code == 302
    change = LogEntry.objects.filter(object_id=str(strike.pk)).latest("action_time")
    assert f"Added statement about an incident “{said}”." in change.get_change_message()
