"""What the API tests share: the demo data, a Syrian clash and a draft as fixtures; requests to /api/v1/."""

import datetime

import pytest

from incidents.demo import load_demo
from incidents.models import ArmedGroup, Person
from incidents.models.choices import CasualtyCategory, EventType, Means, Status
from tests import factories

API = "/api/v1"


@pytest.fixture
def demo():
    load_demo()
    return {
        "nujaba": ArmedGroup.objects.get(name="Harakat al-Nujaba"),
        "us": ArmedGroup.objects.get(name="United States Armed Forces"),
        "iran_aligned": ArmedGroup.objects.get(name="Iran-aligned militias (unidentified)"),
        "al_jawari": Person.objects.get(name="Mushtaq Jawad Kazim al-Jawari"),
        "ryder": Person.objects.get(name="Patrick Ryder"),
    }


@pytest.fixture
def syria_clash():
    """A published Syrian battle with civilian deaths, away from Baghdad."""
    incident = factories.incident(
        title="Clashes in Deir ez-Zor countryside",
        start_date=datetime.date(2024, 2, 10),
        event_type=EventType.BATTLES,
        means=[Means.SMALL_ARMS],
        latitude=35.33,
        longitude=40.14,
        status=Status.PUBLISHED,
    )
    factories.claim(incident, category=CasualtyCategory.CIVILIANS, killed_min=3, killed_max=3)
    incident.refresh_from_db()
    return incident


@pytest.fixture
def draft():
    return factories.incident(title="Unverified strike near Al Qaim", status=Status.DRAFT)


def get(client, path, **params):
    return client.get(f"{API}{path}", params)


def public_ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["public_id"] for row in response.json()["results"]]
