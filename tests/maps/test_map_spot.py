"""The list of one spot's incidents, which the map opens from a cluster that cannot split."""

import datetime

import pytest
from django.urls import reverse

from incidents.models.choices import EventType, Status
from maps import counting
from tests import factories

pytestmark = pytest.mark.django_db

SPOT_URL = reverse("maps:spot")
BAGHDAD = "44.4009,33.3406,44.4009,33.3406"


def at_baghdad(count: int, **fields) -> list:
    return [
        factories.incident(
            title=f"Strike {i}",
            start_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i),
            latitude=33.3406,
            longitude=44.4009,
            status=Status.PUBLISHED,
            **fields,
        )
        for i in range(count)
    ]


def test_a_spot_lists_its_incidents_newest_first_with_what_the_list_shows(client):
    at_baghdad(3, event_type=EventType.REMOTE_VIOLENCE)
    factories.incident(title="Elsewhere", latitude=36.34, longitude=43.13, status=Status.PUBLISHED)

    data = client.get(SPOT_URL, {"bbox": BAGHDAD}).json()

    assert data["total"] == 3
    assert [p["title"] for p in data["features"]] == ["Strike 2", "Strike 1", "Strike 0"]
    first = data["features"][0]
    assert first["url"] == f"/incidents/{first['public_id']}/"
    assert (first["start_date"], first["event_type"]) == ("2024-01-03", EventType.REMOTE_VIOLENCE)


def test_a_crowded_spot_gives_the_newest_few_and_how_many_there_are(client, monkeypatch):
    monkeypatch.setattr(counting, "SPOT_LIMIT", 4)
    at_baghdad(9)

    data = client.get(SPOT_URL, {"bbox": BAGHDAD}).json()

    assert data["total"] == 9
    assert [p["title"] for p in data["features"]] == ["Strike 8", "Strike 7", "Strike 6", "Strike 5"]


def test_the_filters_apply_and_drafts_stay_hidden_from_the_public(client):
    at_baghdad(2, event_type=EventType.BATTLES)
    factories.incident(
        title="Protest", latitude=33.3406, longitude=44.4009, event_type=EventType.PROTESTS, status=Status.PUBLISHED
    )
    factories.incident(title="Draft", latitude=33.3406, longitude=44.4009, status=Status.DRAFT)

    everything = client.get(SPOT_URL, {"bbox": BAGHDAD}).json()
    protests = client.get(SPOT_URL, {"bbox": BAGHDAD, "event_type": "protests"}).json()

    assert everything["total"] == 3 and "Draft" not in [p["title"] for p in everything["features"]]
    assert [p["title"] for p in protests["features"]] == ["Protest"]


def test_a_spot_needs_its_bbox(client):
    response = client.get(SPOT_URL, {"event_type": "battles"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["bbox"]


@pytest.mark.parametrize(
    "params",
    [{"bbox": "x"}, {"bbox": BAGHDAD, "date_from": "soon"}, {"bbox": BAGHDAD, "zoom": "deep"}, {"bbox": "1,2,3,4,5"}],
)
def test_garbage_is_a_400_not_a_500(client, params):
    response = client.get(SPOT_URL, params)

    assert response.status_code == 400
    assert response.json()["errors"]
