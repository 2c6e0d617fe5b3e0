"""The incident page in a real browser: both accounts side by side, the mini-map, nothing remote."""

import pytest

from incidents.demo import STRIKE_ID, load_demo
from tests.browser.conftest import screenshot, wait_until

pytestmark = pytest.mark.browser


def test_incident_page_shows_both_conflicting_claims_and_its_map(page, offline_site):
    load_demo()
    page.goto(f"{offline_site.url}/incidents/{STRIKE_ID}/")
    cards = page.locator(".claim-card")
    assert cards.count() == 2
    assert "2 killed" in cards.nth(0).inner_text() and "the Pentagon" in cards.nth(0).inner_text()
    assert "4 killed" in cards.nth(1).inner_text() and "police and militia" in cards.nth(1).inner_text()
    # Side by side on a desktop screen: the two cards share a row.
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"]
    assert page.locator(".disagreement").inner_text().startswith("contested Sources disagree")

    # The marker is drawn at once; the borders arrive by a fetch, so wait for both.
    wait_until(page, "document.querySelectorAll('#incident-map path.leaflet-interactive').length > 1")
    screenshot(page, "incident")
    assert page.watch.errors == [] and page.watch.external == []


def test_incident_page_stacks_the_accounts_on_a_phone(browser, offline_site):
    load_demo()
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{offline_site.url}/incidents/{STRIKE_ID}/")
    cards = page.locator(".claim-card")
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert second["y"] > first["y"] + first["height"] - 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "incident-phone")
    context.close()
