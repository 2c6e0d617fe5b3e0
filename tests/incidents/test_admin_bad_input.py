"""Hand-made admin URLs and forms with ids or lookups that are not ids or cannot be looked up: each is a
404, a form error, a message or the changelist's "bad lookup" redirect, never a server error."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from geo.models import Place
from incidents.demo import load_demo
from incidents.models import ArmedGroup, Incident, IncidentLink, Participation, Person, Report, Statement
from incidents.models.choices import Status
from tests import factories
from tests.extraction.ingest_pages import post_data, review_of

pytestmark = pytest.mark.django_db

# One past the largest 64-bit id, and one far past it: neither fits an id column.
OVER = str(2**63)
FAR_OVER = str(2**70)
# (Ids too large for the column already find nothing in these pages: Django's exact lookup sees to it.)
NOT_IDS = ["abc", "12abc", "1.5", "1e3"]


@pytest.fixture
def incident(db):
    """An incident, and a row in each other list, so that a lookup in a list runs on a row."""
    factories.group()
    factories.person()
    factories.statement()
    return factories.incident()


# History pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("object_id", NOT_IDS)
@pytest.mark.parametrize("model", [Incident, Place, ArmedGroup, Statement], ids=lambda m: m.__name__)
def test_the_history_of_a_record_that_cannot_exist_is_not_found(staff_client, model, object_id):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_history", args=[object_id])
    assert staff_client.get(url).status_code == 404


@pytest.mark.parametrize("version_id", NOT_IDS)
def test_a_version_that_cannot_exist_is_not_found(staff_client, incident, version_id):
    url = reverse("admin:incidents_incident_history", args=[incident.pk]) + f"{version_id}/"
    assert staff_client.get(url).status_code == 404


@pytest.mark.parametrize("object_id", NOT_IDS)
def test_a_version_of_a_record_that_cannot_exist_is_not_found(staff_client, incident, object_id):
    version_id = incident.history.latest().history_id
    url = reverse("admin:incidents_incident_history", args=[object_id]) + f"{version_id}/"
    assert staff_client.get(url).status_code == 404


def test_the_history_of_a_record_still_opens(staff_client, incident):
    url = reverse("admin:incidents_incident_history", args=[incident.pk])
    assert staff_client.get(url).status_code == 200
    version_id = incident.history.latest().history_id
    assert staff_client.get(f"{url}{version_id}/").status_code == 200


# Ingesting a saved report -----------------------------------------------------------------------


@pytest.mark.parametrize("object_id", NOT_IDS)
def test_ingesting_a_report_that_cannot_exist_is_not_found(staff_client, object_id):
    url = reverse("admin:incidents_report_ingest_existing", args=[object_id])
    assert staff_client.get(url).status_code == 404


# The ingest review's choices of records held ----------------------------------------------------


def _field(review, name):
    """The form field's name on the page: a formset's first form, or its blank last one for links."""
    if name == "links":
        return f"links-{len(review.links.forms) - 1}-to_incident"
    if name in ("groups", "people"):
        return f"{name}-0-{'group' if name == 'groups' else 'person'}"
    return name


@pytest.mark.parametrize("value", [OVER, FAR_OVER])
@pytest.mark.parametrize("field", ["target-incident", "incident-place", "groups", "people", "links"])
def test_an_id_that_cannot_exist_is_a_form_error_on_the_review(staff_client, field, value):
    load_demo()
    location, response = review_of(staff_client)
    review = response.context["review"]
    data = post_data(review)
    name = _field(review, field)
    data[name] = value
    if field == "target-incident":
        data["target-choice"] = "existing"
    if field == "links":
        data[name.replace("to_incident", "include")] = "on"
    before = {model: model.objects.count() for model in (Incident, Participation, IncidentLink, Person, Report)}
    response = staff_client.post(location, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert {model: model.objects.count() for model in before} == before


def test_attaching_to_an_incident_that_cannot_exist_is_a_form_error(staff_client):
    load_demo()
    location, response = review_of(staff_client)
    data = {**post_data(response.context["review"]), "attach_to": f"{FAR_OVER}:1"}
    response = staff_client.post(location, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


# Changelist lookups ----------------------------------------------------------------------------

BAD_LOOKUPS = [
    ("incidents", "incident", f"country={FAR_OVER}"),
    ("incidents", "incident", f"admin_area={FAR_OVER}"),
    ("incidents", "incident", f"place={OVER}"),
    ("incidents", "incident", f"id__in={FAR_OVER}"),
    ("incidents", "incident", f"id__in=1,{OVER}"),
    ("incidents", "incident", "start_date__year=9999"),
    ("incidents", "incident", "start_date__year=9999&start_date__month=12"),
    ("incidents", "incident", "start_date__year=9999&start_date__month=12&start_date__day=31"),
    ("incidents", "incident", f"start_date__year={FAR_OVER}"),
    ("incidents", "incident", f"start_date__year=2024&start_date__month={FAR_OVER}"),
    ("incidents", "incident", f"start_date__year=2024&start_date__month=1&start_date__day={FAR_OVER}"),
    ("incidents", "incident", "title__regex=%5C"),
    ("incidents", "incident", "title__regex=("),
    ("incidents", "statement", "said_on__year=9999"),
    ("incidents", "statement", f"said_on__year={FAR_OVER}"),
    ("incidents", "statement", f"id__in={FAR_OVER}"),
    ("incidents", "report", "published_on__year=9999&published_on__month=12"),
    ("incidents", "report", f"source={FAR_OVER}"),
    ("incidents", "report", "title__regex=["),
    ("incidents", "armedgroup", f"countries={FAR_OVER}"),
    ("incidents", "armedgroup", f"id__in={FAR_OVER}"),
    ("incidents", "armedgroup", "name__regex=("),
    ("incidents", "person", "name__regex=("),
    ("incidents", "casualtyclaim", f"incident={FAR_OVER}"),
    ("incidents", "source", f"id__in={FAR_OVER}"),
    ("incidents", "source", "name__regex=("),
    ("geo", "place", f"country={FAR_OVER}"),
    ("geo", "place", f"admin_area={FAR_OVER}"),
    ("geo", "place", "name__regex=("),
    ("geo", "adminarea", f"country={FAR_OVER}"),
    ("geo", "country", f"id__in={FAR_OVER}"),
    ("geo", "country", "name_en__regex=("),
    ("axes", "accessattempt", "attempt_time__year=9999"),
    ("axes", "accesslog", "attempt_time__year=9999&attempt_time__month=12"),
    ("axes", "accesslog", f"attempt_time__year={FAR_OVER}"),
    ("axes", "accessfailurelog", "attempt_time__year=9999&attempt_time__month=12&attempt_time__day=31"),
    ("axes", "accessfailurelog", f"id__in={FAR_OVER}"),
    ("auth", "user", f"groups={FAR_OVER}"),
    ("auth", "user", "username__regex=("),
]


@pytest.mark.parametrize(("app", "model", "query"), BAD_LOOKUPS, ids=lambda v: v if "=" in v else None)
def test_a_lookup_that_cannot_run_sends_back_to_the_list(staff_client, incident, app, model, query):
    url = reverse(f"admin:{app}_{model}_changelist")
    response = staff_client.get(f"{url}?{query}")
    if response.status_code == 200:
        # The database compared the number as it is (PostgreSQL): nothing matches it.
        assert response.context["cl"].result_count == 0
    else:
        assert response.status_code == 302
        assert response["Location"] == f"{url}?e=1"
        assert staff_client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("app", "model", "query"),
    [
        ("incidents", "incident", "title__regex=."),
        ("incidents", "incident", "start_date__year=2024&start_date__month=1"),
        ("incidents", "incident", "id__in=1,2"),
        ("incidents", "statement", "said_on__year=9998"),
    ],
)
def test_lookups_that_can_run_still_list(staff_client, incident, app, model, query):
    response = staff_client.get(reverse(f"admin:{app}_{model}_changelist") + f"?{query}")
    assert response.status_code == 200


# Actions on a bad selection --------------------------------------------------------------------


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("selected", [["abc"], [FAR_OVER], [OVER], ["1", "abc"]])
@pytest.mark.parametrize(
    "data",
    [
        {"action": "retract", "index": "0"},
        {"action": "retract", "reason": "The source withdrew its report."},
        {"action": "merge", "index": "0"},
        {"action": "merge", "keep": "1"},
        {"action": "publish", "index": "0"},
        {"action": "delete_selected", "index": "0"},
    ],
    ids=lambda d: "-".join(d) if isinstance(d, dict) else None,
)
def test_an_action_on_ids_that_cannot_exist_changes_nothing_with_a_message(staff_client, incident, data, selected):
    url = reverse("admin:incidents_incident_changelist")
    response = staff_client.post(url, {**data, "_selected_action": [incident.pk if s == "1" else s for s in selected]})
    assert response.status_code == 302
    assert response["Location"] == url
    assert any("No items have been changed" in message for message in _messages(response))
    incident.refresh_from_db()
    assert incident.status == Status.DRAFT
    assert Incident.objects.filter(pk=incident.pk).exists()


@pytest.mark.parametrize("app,model", [("geo", "place"), ("auth", "user"), ("axes", "accesslog")])
def test_deleting_ids_that_cannot_exist_elsewhere_changes_nothing_with_a_message(staff_client, app, model):
    url = reverse(f"admin:{app}_{model}_changelist")
    response = staff_client.post(url, {"action": "delete_selected", "index": "0", "_selected_action": [FAR_OVER]})
    assert response.status_code == 302
    assert any("No items have been changed" in message for message in _messages(response))
