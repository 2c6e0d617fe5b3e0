"""A release in a real browser: its page, and the list, an incident, the statements and an armed
group's pages as they stood at its moment."""

import pytest
from django.utils import timezone

from incidents.demo import STRIKE_ID, load_demo
from incidents.models import Incident
from incidents.models.choices import Status
from releases.models import Release
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_a_release_shows_the_data_as_it_stood(page, offline_site):
    load_demo()
    Release.objects.create(name="2024.1", moment=timezone.now(), note="The demo as first published.")
    strike = Incident.objects.get(public_id=STRIKE_ID)
    claim = strike.claims.order_by("id").first()
    claim.killed_min, claim.killed_max = 9, 9
    claim.save()
    retracted = Incident.objects.published().exclude(pk=strike.pk).order_by("id").first()
    retracted.status, retracted.status_note = Status.RETRACTED, "Reported twice."
    retracted.save()
    Release.objects.create(name="2024.2", moment=timezone.now(), note="A toll corrected, a duplicate retracted.")

    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{offline_site.url}/releases/2024.2/")
    assert page.locator("h2", has_text="Changed").count() == 1
    assert page.locator("#changed li", has_text=strike.title).count() == 1
    assert page.locator("#retracted li", has_text=retracted.title).count() == 1
    screenshot(page, "release-page")

    page.locator("a", has_text="Browse the incidents of this release").click()
    page.wait_for_url("**/incidents/?release=2024.2")
    assert page.locator(".moment-banner").count() == 1
    assert page.locator(f"a[href*='{retracted.public_id}']").count() == 0

    page.goto(f"{offline_site.url}/incidents/?release=2024.1")
    assert page.locator(f"a[href*='{retracted.public_id}']").count() >= 1
    # The filters keep the release: applying one stays at its moment.
    page.locator("button", has_text="Apply filters").click()
    page.wait_for_load_state()
    assert "release=2024.1" in page.url
    screenshot(page, "release-list")

    page.goto(f"{offline_site.url}/incidents/{STRIKE_ID}/")
    assert "9" in page.locator(".toll-summary").inner_text()
    page.goto(f"{offline_site.url}/incidents/{STRIKE_ID}/?release=2024.1")
    assert page.locator(".moment-banner", has_text="release 2024.1").count() == 1
    assert "9" not in page.locator(".toll-summary").inner_text()
    assert "release=2024.1" in page.locator("body").inner_text()  # the citation names it
    screenshot(page, "release-incident")

    # The statements of the release: a quote edited since reads as it then did.
    said = strike.statements.order_by("id").first()
    first_words = said.quote
    said.quote = "Corrected: " + said.quote
    said.save()
    page.goto(f"{offline_site.url}/statements/?release=2024.1")
    assert page.locator(".moment-banner", has_text="release 2024.1").count() == 1
    assert page.locator("blockquote", has_text=first_words).count() >= 1
    assert page.locator("blockquote", has_text="Corrected:").count() == 0
    screenshot(page, "release-statements")
    page.locator("a", has_text=strike.title).first.click()
    page.wait_for_load_state()
    assert "release=2024.1" in page.url

    # The group the incident names, renamed since: its page at the release reads as it then did.
    group = strike.participations.order_by("id").first().group
    named_then = group.name
    group.name = f"{named_then} (renamed)"
    group.save()
    page.locator(f"a[href^='/groups/{group.pk}/']").first.click()
    page.wait_for_load_state()
    assert "release=2024.1" in page.url
    assert page.locator(".moment-banner", has_text="release 2024.1").count() == 1
    assert page.locator("h1").inner_text().startswith(named_then)
    assert "(renamed)" not in page.locator("main").inner_text()
    screenshot(page, "release-group")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "release-group-phone")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.locator("a", has_text="As it stands now").click()
    page.wait_for_load_state()
    assert "release" not in page.url and "(renamed)" in page.locator("h1").inner_text()
    page.goto(f"{offline_site.url}/groups/?release=2024.1")
    assert page.locator("table", has_text=named_then).count() == 1
    assert "(renamed)" not in page.locator("table").inner_text()
    screenshot(page, "release-groups")
    assert page.watch.errors == [] and page.watch.external == []
