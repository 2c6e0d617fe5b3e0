"""The trends page in a real browser: the chart, its hover text, a period's link, a phone."""

import pytest

from incidents.demo import load_demo
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_trends_chart_reads_on_a_desktop_and_a_period_opens_its_list(page, offline_site):
    load_demo()
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{offline_site.url}/trends/?interval=week&date_from=2024-01-01&date_to=2024-03-31")

    bars = page.locator("svg.trend-svg rect.bar")
    assert bars.count() > 0
    assert bars.first.bounding_box()["height"] >= 1
    assert page.locator("svg.trend-svg polygon.band").count() == 1
    assert page.locator(".legend li").count() >= 4
    # The hover text of the busiest week names its incidents and the sources' range.
    busiest = page.locator("a.period", has=page.locator("title", has_text="incident")).filter(
        has_not_text=": 0 incidents"
    )
    title = busiest.first.locator("title").text_content()
    assert "Killed:" in title and "range" in title
    busiest.first.hover()
    screenshot(page, "trends-desktop")

    busiest.first.locator("rect.hit").click()
    page.wait_for_url("**/incidents/?*")
    assert "date_from=2024-" in page.url and "date_to=2024-" in page.url
    assert page.locator("table.incidents tbody tr, .incident-card").count() >= 1
    assert page.watch.errors == [] and page.watch.external == []


def test_trends_page_fits_a_phone(browser, offline_site):
    load_demo()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{offline_site.url}/trends/?by=group")

    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The filters are folded away; the chart scrolls sideways within its frame.
    assert not page.locator("#filters-box").evaluate("e => e.open")
    assert page.locator("svg.trend-svg").bounding_box()["width"] >= 600
    assert (
        page.locator("a", has_text="Download the series (CSV)").get_attribute("href").startswith("/trends/series.csv")
    )
    screenshot(page, "trends-phone")
    context.close()
