"""A group's page in a real Chromium: however many months its chart covers, the page ends with
its footer (the chart's figures, hidden for screen readers, once added thousands of pixels)."""

import datetime

import pytest

from incidents.models import Incident, Participation
from incidents.models.choices import EventType, ParticipationRole, Status
from tests import factories
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

MONTHS = 180


def test_a_group_active_for_fifteen_years_has_no_blank_space_below_its_page(page, offline_site):
    group = factories.group(name="Islamic State")
    incidents = Incident.objects.bulk_create(
        Incident(
            title=f"Attack in month {month}",
            start_date=datetime.date(2004 + month // 12, month % 12 + 1, 1),
            event_type=EventType.BATTLES,
            status=Status.PUBLISHED,
        )
        for month in range(MONTHS)
    )
    Participation.objects.bulk_create(
        Participation(incident=i, group=group, role=ParticipationRole.PERPETRATOR) for i in incidents
    )
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{offline_site.url}/groups/{group.pk}/")

    assert page.locator("svg rect.bar").count() == MONTHS
    page_height = page.evaluate("document.documentElement.scrollHeight")
    footer_end = page.evaluate("document.querySelector('.site-footer').getBoundingClientRect().bottom + scrollY")
    assert page_height <= footer_end + 1, (page_height, footer_end)
    assert page_height < 2500
    # The figures are still there for screen readers.
    assert page.locator("table:has(caption:text('Incidents per month')) tr").count() == MONTHS
    screenshot(page, "group-page-long-history")
    assert page.watch.errors == [] and page.watch.external == []
