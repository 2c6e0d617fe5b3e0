"""The map's words about counts: one incident is "1 incident", thousands carry separators."""

import datetime

import pytest
from playwright.sync_api import expect

from incidents.models import Incident
from incidents.models.choices import EventType, Status
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

CLUSTERS = "#map .cluster-marker.leaflet-marker-icon"


def test_a_cluster_of_one_says_incident_and_big_counts_are_grouped(page, offline_site):
    dense = [
        Incident(
            title=f"Clash {i}",
            start_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i % 90),
            event_type=EventType.BATTLES,
            latitude=33.0 + (i // 40) * 0.02,
            longitude=44.0 + (i % 40) * 0.02,
            status=Status.PUBLISHED,
        )
        for i in range(1200)
    ]
    lone = Incident(
        title="Lone clash in the desert",
        start_date=datetime.date(2024, 1, 1),
        event_type=EventType.BATTLES,
        latitude=31.0,
        longitude=40.5,
        status=Status.PUBLISHED,
    )
    Incident.objects.bulk_create([*dense, lone])

    page.goto(offline_site.url + "/")

    expect(page.locator("#map-count")).to_contain_text("1,201 incidents match in and around this view")
    expect(page.locator(CLUSTERS).first).to_be_visible()
    labels = [page.locator(CLUSTERS).nth(i).get_attribute("aria-label") for i in range(page.locator(CLUSTERS).count())]
    assert "1 incident here, 0 killed (best estimates): zoom in" in labels
    assert not [label for label in labels if label.startswith("1 incidents")]
    screenshot(page, "map-cluster-of-one")
    assert page.watch.errors == [] and page.watch.external == []
