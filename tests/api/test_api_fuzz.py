"""Fuzzing the public API from its own OpenAPI schema (schemathesis, in process through WSGI).

Every operation gets a bounded number of generated requests, valid and invalid (schemathesis's
coverage phase adds its edge cases: empty values, unknown parameters, wrong types), against a
database holding the demo incidents, a few synthetic ones, a draft and a retraction. Every answer
must not be a server error, must use a status code and content type the schema documents, and
must match the schema's body for that code. Generation is derandomized so a failure in CI
reproduces exactly; docs/operations.md says how to run a longer, random campaign.

The schema is loaded when the module is imported (the schema view touches no database), because
schemathesis's fixture-based loader does not run under pytest 9.2. For the same reason pytest
names every generated test alike; a failure's message gives the operation and a curl line.
"""

import datetime

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from geo.models import Place
from incidents import synthetic
from incidents.demo import STRIKE_ID, load_demo
from incidents.models import ArmedGroup, Incident, IncidentLink, Person, Report, Statement
from incidents.models.choices import LinkKind, Status
from tests import factories

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
FUZZ = settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

# Unthrottled: the API's rate counts are kept in the database, closed to tests at import.
with override_settings(API_RATE_LIMIT=""):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Called straight through WSGI rather than Django's test client, every request would end by
    closing the database connection and, with it, the test's transaction; the test client
    unhooks the same handler."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def seeded():
    load_demo()
    synthetic.generate(12, seed=7)
    strike = Incident.objects.get(public_id=STRIKE_ID)
    draft = factories.incident(
        title="Unconfirmed drone strike near Al Qaim <b>draft</b>",
        status=Status.DRAFT,
        time_utc=datetime.time(23, 59, 30, 250),
        latitude=34.37,
        longitude=41.1,
    )
    retracted = factories.incident(title="Retracted: rocket attack reported twice", status=Status.RETRACTED)
    IncidentLink.objects.create(from_incident=draft, to_incident=strike, kind=LinkKind.FOLLOW_UP_TO)
    IncidentLink.objects.create(from_incident=strike, to_incident=retracted, kind=LinkKind.SAME_OPERATION)
    factories.statement(quote='\u202eevil\u202c =HYPERLINK("x")', body="A ministry").incidents.add(draft, strike)


@pytest.fixture
def staff_cookies():
    user = get_user_model().objects.create_user("fuzzer", password="a-long-test-password", is_staff=True)
    browser = Client()
    browser.force_login(user)
    return {"sessionid": browser.cookies["sessionid"].value}


@schema.parametrize()
@FUZZ
def test_api_answers_every_generated_request_as_its_schema_says(case):
    case.call_and_validate(checks=CHECKS)


@schema.include(path_regex="^/api/v1/(incidents|statements)/").parametrize()
@FUZZ
def test_api_answers_staff_as_its_schema_says(case, staff_cookies):
    # Staff see drafts and retractions, and may ask for them by status.
    case.call_and_validate(checks=CHECKS, cookies=staff_cookies)


def test_every_record_and_full_page_matches_its_schema(staff_cookies):
    """Generated ids rarely name a real record, so each seeded record is fetched once here."""
    # Retractions leave the API unless asked for by status (incidents.filters.IncidentFilter).
    incidents = Incident.objects.exclude(status=Status.RETRACTED).values_list("public_id", flat=True)
    details = {
        "/api/v1/incidents/{public_id}/": ("public_id", incidents),
        "/api/v1/groups/{id}/": ("id", ArmedGroup.objects.values_list("pk", flat=True)),
        "/api/v1/people/{id}/": ("id", Person.objects.values_list("pk", flat=True)),
        "/api/v1/statements/{id}/": ("id", Statement.objects.values_list("pk", flat=True)),
        "/api/v1/reports/{id}/": ("id", Report.objects.values_list("pk", flat=True)),
        "/api/v1/places/{id}/": ("id", Place.objects.values_list("pk", flat=True)[:50]),
    }
    fetched = 0
    for path, (name, keys) in details.items():
        operation = schema[path]["GET"]
        for key in keys:
            response = operation.Case(path_parameters={name: key}, cookies=staff_cookies).call_and_validate(
                checks=CHECKS
            )
            assert response.status_code == 200, (path, key)
            fetched += 1
        listing = schema[path.rsplit("{", 1)[0]]["GET"]
        response = listing.Case(query={"page_size": 1000}, cookies=staff_cookies).call_and_validate(checks=CHECKS)
        assert response.status_code == 200, path
    assert fetched > 90
