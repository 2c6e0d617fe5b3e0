"""The researchers' lists in a real Chromium: on a phone one card per row, its title first, the
filters folded; on a desktop the same markup as a table beside open filters."""

import pytest
from playwright.sync_api import expect

from incidents.demo import STRIKE_ID, load_demo
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def first_screen_holds(page, selector):
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_the_incident_list_on_a_phone_starts_with_a_card_titled_by_its_incident(page, offline_site):
    load_demo()
    page.set_viewport_size(PHONE)
    page.goto(offline_site.url + "/incidents/")

    title = page.locator("table.incidents tbody tr").first.locator("td.card-title a")
    expect(title).to_have_text("U.S. strike on Harakat al-Nujaba headquarters in eastern Baghdad kills its leader")
    assert first_screen_holds(page, "table.incidents tbody tr >> nth=0")
    # Title first, then the date and the toll below it.
    card = page.locator("table.incidents tbody tr").first
    title_box = title.bounding_box()
    assert card.locator("td.cell-date").bounding_box()["y"] > title_box["y"]
    assert card.locator("td.cell-killed").bounding_box()["y"] > title_box["y"]
    expect(card.locator("td.cell-killed")).to_contain_text("2–4")
    assert no_sideways_scroll(page)
    filters = page.locator("#filters-box form.filters")
    expect(filters).to_be_hidden()
    screenshot(page, "list-phone")

    page.click("#filters-box summary")
    expect(filters).to_be_visible()
    assert no_sideways_scroll(page)
    screenshot(page, "list-phone-filters-open")
    title.click()
    page.wait_for_url(f"**/incidents/{STRIKE_ID}/")
    assert page.watch.errors == [] and page.watch.external == []


def test_filters_in_use_are_counted_and_bad_ones_stay_open_on_a_phone(page, offline_site):
    load_demo()
    page.set_viewport_size(PHONE)
    page.goto(offline_site.url + "/incidents/?country=IQ&event_type=remote_violence&sort=date")
    expect(page.locator("#filters-box summary")).to_have_text("Filters (2 in use)")
    expect(page.locator("#filters-box form.filters")).to_be_hidden()

    page.goto(offline_site.url + "/incidents/?date_from=yesterday")
    expect(page.locator("#filters-box .error-box")).to_be_visible()


@pytest.mark.parametrize(("path", "first"), [("/groups/", "Harakat al-Nujaba"), ("/people/", "Abu Aqeel al-Moussawi")])
def test_the_groups_and_people_lists_are_cards_on_a_phone(page, offline_site, path, first):
    load_demo()
    page.set_viewport_size(PHONE)
    page.goto(offline_site.url + path)

    expect(page.locator("table.cards tbody tr").first.locator("td.card-title a")).to_have_text(first)
    assert first_screen_holds(page, "table.cards tbody tr >> nth=0")
    assert no_sideways_scroll(page)
    expect(page.locator("#filters-box form.filters")).to_be_hidden()
    screenshot(page, "list-phone" + path.replace("/", "-").rstrip("-"))
    assert page.watch.errors == [] and page.watch.external == []


def test_the_incident_list_on_a_desktop_keeps_its_table_and_open_filters(page, offline_site):
    load_demo()
    page.goto(offline_site.url + "/incidents/")

    expect(page.locator("#filters-box form.filters")).to_be_visible()
    headers = page.locator("table.incidents thead th")
    expect(headers).to_have_text(["Date", "Place", "Governorate", "Type", "Perpetrator → target", "Killed", "Incident"])
    row = page.locator("table.incidents tbody tr").first
    boxes = [cell.bounding_box() for cell in row.locator("td").all()]
    # One line of cells, left to right in the headers' order, the title last.
    assert len({round(box["y"]) for box in boxes}) == 1
    assert [box["x"] for box in boxes] == sorted(box["x"] for box in boxes)
    assert no_sideways_scroll(page)
    screenshot(page, "list-desktop")
    assert page.watch.errors == [] and page.watch.external == []
