"""Who sees what through the API, and who may write: drafts hidden from the public, every write refused."""

import pytest
from django.test import Client

from incidents.demo import DECEMBER_STRIKES_ID, STRIKE_ID
from incidents.models import Incident, IncidentLink
from incidents.models.choices import LinkKind
from tests import factories
from tests.api.conftest import API, get, public_ids

pytestmark = pytest.mark.django_db


# Visibility


def test_drafts_are_hidden_from_the_public(client, demo, draft):
    assert draft.public_id not in public_ids(get(client, "/incidents/"))
    assert public_ids(get(client, "/incidents/", status="draft")) == []
    assert get(client, f"/incidents/{draft.public_id}/").status_code == 404


def test_staff_see_drafts(staff_client, demo, draft):
    assert draft.public_id in public_ids(get(staff_client, "/incidents/"))
    assert public_ids(get(staff_client, "/incidents/", status="draft")) == [draft.public_id]
    response = get(staff_client, f"/incidents/{draft.public_id}/")
    assert response.status_code == 200
    assert response.json()["status"] == "draft"


def test_links_and_statements_do_not_reveal_drafts(staff_client, demo, draft):
    # staff_client logs in the `client` fixture itself, so the public needs a client of its own.
    client = Client()
    strike = Incident.objects.get(public_id=STRIKE_ID)
    IncidentLink.objects.create(from_incident=draft, to_incident=strike, kind=LinkKind.RETALIATION_FOR)
    IncidentLink.objects.create(from_incident=strike, to_incident=draft, kind=LinkKind.SAME_OPERATION)
    statement = factories.statement()
    statement.incidents.set([strike, draft])

    public = get(client, f"/incidents/{STRIKE_ID}/").json()
    assert [link["incident"]["public_id"] for link in public["links_in"]] == []
    assert [link["incident"]["public_id"] for link in public["links_out"]] == [DECEMBER_STRIKES_ID]
    assert get(client, f"/statements/{statement.pk}/").json()["incidents"] == [STRIKE_ID]

    staff = get(staff_client, f"/incidents/{STRIKE_ID}/").json()
    assert [link["incident"]["public_id"] for link in staff["links_in"]] == [draft.public_id]
    assert sorted(link["incident"]["public_id"] for link in staff["links_out"]) == sorted(
        [DECEMBER_STRIKES_ID, draft.public_id]
    )
    assert sorted(get(staff_client, f"/statements/{statement.pk}/").json()["incidents"]) == sorted(
        [STRIKE_ID, draft.public_id]
    )


# Read-only


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("as_staff", [False, True])
def test_writes_are_refused(client, staff_user, demo, method, as_staff):
    if as_staff:
        client.force_login(staff_user)
    paths = [f"{API}/incidents/", f"{API}/incidents/{STRIKE_ID}/", f"{API}/groups/", f"{API}/groups/1/"]
    for path in paths:
        response = getattr(client, method)(path, {"title": "changed"}, content_type="application/json")
        assert response.status_code == 405, (method, path)
    assert Incident.objects.get(public_id=STRIKE_ID).title.startswith("U.S. strike")
    assert Incident.objects.count() == 3
