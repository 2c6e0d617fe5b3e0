"""Adding an ingested report to an incident already held, rather than to a new draft: who may, what is refused."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from incidents.demo import STRIKE_ID
from incidents.models import Incident
from incidents.models.choices import Status
from tests import factories
from tests.extraction.ingest_pages import counts, post_data, review_of

pytestmark = pytest.mark.django_db


def test_attach_to_a_possible_duplicate_in_one_click(demo, client_e, editor):
    location, response = review_of(client_e)
    strike = Incident.objects.get(public_id=STRIKE_ID)
    claims_before = strike.claims.count()
    data = post_data(response.context["review"]) | {"attach_to": f"{strike.pk}:{strike.version}"}
    incidents_before = Incident.objects.count()

    response = client_e.post(location, data)

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:incidents_incident_change", args=[strike.pk])
    strike.refresh_from_db()
    assert Incident.objects.count() == incidents_before
    assert strike.claims.count() == claims_before + 3
    assert strike.changed_by == editor and strike.status == Status.PUBLISHED


def test_attaching_to_a_changed_incident_is_refused_with_a_message(demo, client_e):
    location, response = review_of(client_e)
    strike = Incident.objects.get(public_id=STRIKE_ID)
    seen = strike.version
    Incident.objects.filter(pk=strike.pk).update(version=seen + 1)
    before = counts()

    response = client_e.post(location, post_data(response.context["review"]) | {"attach_to": f"{strike.pk}:{seen}"})

    assert response.status_code == 200
    assert "was changed by someone else" in response.content.decode()
    assert counts() == before
    # Confirming again, now against the version the message reported, goes through.
    assert response.context["review"].target["version"].value() == seen + 1
    response = client_e.post(location, post_data(response.context["review"]))
    assert response.status_code == 302 and Incident.objects.get(pk=strike.pk).version == seen + 2


def test_attach_to_an_incident_picked_by_hand(demo, client_e):
    location, response = review_of(client_e)
    december = Incident.objects.get(public_id="INC-SEED0003")
    data = post_data(response.context["review"]) | {"target-choice": "existing", "target-incident": str(december.pk)}
    assert client_e.post(location, data).status_code == 302
    assert december.claims.filter(claimant="Police and militia sources").exists()


def test_contributors_cannot_add_to_a_published_incident(demo, client_c):
    location, response = review_of(client_c)
    strike = Incident.objects.get(public_id=STRIKE_ID)
    before = counts()
    response = client_c.post(
        location, post_data(response.context["review"]) | {"attach_to": f"{strike.pk}:{strike.version}"}
    )
    assert response.status_code == 200
    assert "Only editors add to a published or retracted incident" in response.content.decode()
    assert counts() == before


def test_choosing_to_attach_without_an_incident_is_an_error(demo, client_c):
    location, response = review_of(client_c)
    data = post_data(response.context["review"]) | {"target-choice": "existing"}
    response = client_c.post(location, data)
    assert "Choose the incident to add the report" in response.content.decode()


def test_staff_who_may_not_change_incidents_cannot_attach(demo, django_user_model):
    user = factories.staff_user("adder")
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["add_report", "add_incident", "view_incident", "view_report"])
    )
    client = factories.logged_in(user)
    location, response = review_of(client)
    strike = Incident.objects.get(public_id=STRIKE_ID)
    before = counts()
    response = client.post(
        location, post_data(response.context["review"]) | {"attach_to": f"{strike.pk}:{strike.version}"}
    )
    assert response.status_code == 200
    assert "You may not change incidents held" in response.content.decode()
    assert counts() == before
