"""The API's pagination: page sizes, a stable order across pages, a count capped at a horizon, the last page."""

import datetime

import pytest

from incidents.demo import DECEMBER_STRIKES_ID
from incidents.models import ArmedGroup, Incident
from incidents.models.choices import GroupKind
from incidents.paging import CappedPaginator
from tests import factories
from tests.api.conftest import get, public_ids

pytestmark = pytest.mark.django_db


def test_page_size_pages_through_in_a_stable_order(client, demo, syria_clash):
    everything = public_ids(get(client, "/incidents/"))
    first = get(client, "/incidents/", page_size=2).json()
    second = client.get(first["next"]).json()

    assert first["count"] == 4
    assert [r["public_id"] for r in first["results"] + second["results"]] == everything
    assert second["next"] is None
    assert "page_size=2" in first["next"]


def test_last_page_by_name(client, demo):
    response = get(client, "/incidents/", page_size=2, page="last")
    assert public_ids(response) == [DECEMBER_STRIKES_ID]


def _published(n: int) -> list[str]:
    created = Incident.objects.bulk_create(
        Incident(
            title=f"Incident {i}",
            start_date=datetime.date(2024, 1, 1 + i % 28),
            event_type="battles",
            status="published",
        )
        for i in range(n)
    )
    return [i.public_id for i in sorted(created, key=lambda i: (i.start_date, i.pk), reverse=True)]


def test_count_stops_at_the_horizon_and_says_so(client, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 5)
    everything = _published(12)

    first = get(client, "/incidents/", page_size=2).json()
    # Counted to the horizon plus one: at least 6 match, and more pages follow.
    assert (first["count"], first["count_is_capped"]) == (6, True)
    assert [r["public_id"] for r in first["results"]] == everything[:2]
    assert "page=2" in first["next"] and first["previous"] is None

    third = get(client, "/incidents/", page_size=2, page=3).json()
    assert (third["count"], third["count_is_capped"]) == (7, True)
    assert [r["public_id"] for r in third["results"]] == everything[4:6]

    # Counting to the end of a page near the end finds the exact total.
    sixth = get(client, "/incidents/", page_size=2, page=6).json()
    assert (sixth["count"], sixth["count_is_capped"], sixth["next"]) == (12, False, None)
    assert [r["public_id"] for r in sixth["results"]] == everything[10:]
    assert get(client, "/incidents/", page_size=2, page=7).status_code == 404

    # The last page by name is the real last page: it counts every match.
    last = get(client, "/incidents/", page_size=2, page="last").json()
    assert (last["count"], last["count_is_capped"]) == (12, False)
    assert [r["public_id"] for r in last["results"]] == everything[10:]

    # Below the cap the count is exact, on every resource.
    narrow = get(client, "/incidents/", page_size=2, date_from="2024-01-01", date_to="2024-01-03").json()
    assert (narrow["count"], narrow["count_is_capped"]) == (3, False)
    assert get(client, "/groups/").json()["count_is_capped"] is False


def test_page_size_above_the_maximum_is_capped(client):
    for _ in range(3):
        factories.group()
    response = get(client, "/groups/", page_size=5000)
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3


def test_default_page_size_comes_from_settings(client, settings):
    assert settings.REST_FRAMEWORK["PAGE_SIZE"] == 100
    ArmedGroup.objects.bulk_create(ArmedGroup(name=f"Group {n:03}", kind=GroupKind.NON_STATE) for n in range(101))
    body = get(client, "/groups/").json()
    assert (body["count"], len(body["results"])) == (101, 100)
    assert body["results"][0]["name"] == "Group 000"
