"""Each role against each admin action and each API method."""

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from incidents.models.choices import Status
from incidents.roles import ADMINISTRATORS, CONTRIBUTORS, EDITORS, create_roles
from tests import factories

pytestmark = pytest.mark.django_db

ACTIONS = {
    # action: roles that are offered it
    "send_to_review": {CONTRIBUTORS, EDITORS, ADMINISTRATORS},
    "publish": {EDITORS, ADMINISTRATORS},
    "retract": {EDITORS, ADMINISTRATORS},
    "merge": {EDITORS, ADMINISTRATORS},
}
API_RESOURCES = ["incidents", "groups", "people", "statements", "reports", "places"]


def client_for(django_user_model, role):
    client = Client()
    if role is None:
        return client
    if not Group.objects.filter(name=role).exists():
        create_roles(django_apps)
    user = django_user_model.objects.create_user(f"user-{role}", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", [CONTRIBUTORS, EDITORS, ADMINISTRATORS])
def test_each_role_is_offered_exactly_its_actions(django_user_model, role):
    factories.incident()
    page = client_for(django_user_model, role).get(reverse("admin:incidents_incident_changelist"))
    offered = {value for value, _ in page.context["action_form"].fields["action"].choices if value}
    assert {a for a in ACTIONS if role in ACTIONS[a]} == offered & set(ACTIONS)


@pytest.mark.parametrize("role", [CONTRIBUTORS, EDITORS, ADMINISTRATORS])
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_each_action_works_only_for_the_roles_it_is_for(django_user_model, role, action):
    starting = Status.DRAFT if action in ("send_to_review", "publish") else Status.PUBLISHED
    incidents = [factories.incident(status=starting) for _ in range(2)]
    data = {"action": action, "_selected_action": [i.pk for i in incidents], "reason": "wrong", "keep": incidents[0].pk}
    client_for(django_user_model, role).post(reverse("admin:incidents_incident_changelist"), data)
    for incident in incidents:
        incident.refresh_from_db()
    changed = {
        "send_to_review": all(i.status == Status.REVIEW for i in incidents),
        "publish": all(i.status == Status.PUBLISHED for i in incidents),
        "retract": all(i.status == Status.RETRACTED for i in incidents),
        "merge": incidents[1].merged_into_id == incidents[0].pk,
    }[action]
    assert changed == (role in ACTIONS[action])


@pytest.mark.parametrize("role", [None, CONTRIBUTORS, EDITORS, ADMINISTRATORS])
@pytest.mark.parametrize("resource", API_RESOURCES)
def test_the_api_reads_for_everyone_and_writes_for_no_one(django_user_model, role, resource):
    client = client_for(django_user_model, role)
    assert client.get(f"/api/v1/{resource}/").status_code == 200
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(f"/api/v1/{resource}/", {}, content_type="application/json")
        assert response.status_code in (403, 405), (method, response.status_code)
