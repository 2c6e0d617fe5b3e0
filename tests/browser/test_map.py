"""The researchers' map in a real Chromium: demo data, no tile server, nothing fetched from outside."""

import datetime
import re
from urllib.parse import parse_qs, quote, urlparse

import pytest
from playwright.sync_api import expect

from incidents.demo import STRIKE_ID, load_demo
from incidents.models import ArmedGroup, Incident, Participation
from incidents.models.choices import EventType, ParticipationRole, Status
from tests import factories
from tests.browser.conftest import screenshot, wait_until

pytestmark = pytest.mark.browser

MARKERS = "#map .incident-marker.leaflet-marker-icon"
# The demo strike and the three incidents of more_incidents(), all day-precision with coordinates.
LOCATED_DATES = [
    datetime.date(2023, 10, 5),
    datetime.date(2023, 11, 15),
    datetime.date(2024, 1, 4),
    datetime.date(2024, 3, 14),
]


def more_incidents():
    """Three more located incidents beside the demo's one, on other dates and with other groups."""
    nujaba = ArmedGroup.objects.get(name="Harakat al-Nujaba")
    islamic_state = ArmedGroup.objects.get(name="Islamic State")
    army = factories.group(name="Iraqi Army")
    for title, day, latitude, longitude, perpetrator, target in [
        ("Rocket attack on Ain al-Asad air base", datetime.date(2023, 10, 5), 33.80, 42.44, nujaba, None),
        ("Ambush on an army patrol near Tarmiyah", datetime.date(2023, 11, 15), 33.67, 44.39, islamic_state, army),
        ("Clash in the Hamrin mountains", datetime.date(2024, 3, 14), 34.45, 44.55, army, islamic_state),
    ]:
        incident = factories.incident(
            title=title,
            start_date=day,
            latitude=latitude,
            longitude=longitude,
            event_type=EventType.BATTLES,
            status=Status.PUBLISHED,
        )
        Participation.objects.create(incident=incident, group=perpetrator, role=ParticipationRole.PERPETRATOR)
        if target:
            Participation.objects.create(incident=incident, group=target, role=ParticipationRole.TARGET)
    return nujaba


def view_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def wait_for_borders(page):
    wait_until(page, "() => document.querySelectorAll('#map .leaflet-overlay-pane path').length >= 32")


def test_the_map_draws_our_borders_and_the_demo_incidents(page, offline_site):
    load_demo()

    page.goto(offline_site.url + "/")

    wait_for_borders(page)
    expect(page.locator(MARKERS)).to_have_count(1)
    count = page.locator("#map-count")
    expect(count).to_contain_text("1 incident matches in this view")
    expect(count).to_contain_text("2 more have no coordinates")
    expect(page.locator("#histogram svg rect.hist-bar")).to_have_count(1)
    expect(page.locator(".map-legend")).to_contain_text("Explosions/Remote violence")
    assert {"lat", "lng", "z"} <= set(view_of(page.url))
    expect(page.locator(".site-footer")).to_be_visible()
    screenshot(page, "map")
    assert page.watch.errors == [] and page.watch.external == []


def test_a_filter_updates_the_markers_the_count_and_the_address_which_reopens_the_same_map(page, offline_site):
    load_demo()
    nujaba = more_incidents()
    page.goto(offline_site.url + "/")
    count = page.locator("#map-count")
    expect(count).to_contain_text("4 incidents match in this view")
    expect(page.locator(MARKERS)).to_have_count(4)

    page.select_option("#id_group", label="Harakat al-Nujaba")
    expect(count).to_contain_text("2 incidents match in this view")
    page.select_option("#id_role", "target")
    expect(count).to_contain_text("1 incident matches in this view")
    expect(page.locator(MARKERS)).to_have_count(1)
    view = view_of(page.url)
    assert view["group"] == [str(nujaba.pk)] and view["role"] == ["target"]

    zoom = int(view["z"][0])
    page.click(".leaflet-control-zoom-in")
    wait_until(page, f"() => new URLSearchParams(location.search).get('z') === '{zoom + 1}'")
    screenshot(page, "map-filtered")
    address = page.url

    page.goto(address)

    expect(page.locator("#id_group")).to_have_value(str(nujaba.pk))
    expect(page.locator("#id_role")).to_have_value("target")
    expect(count).to_contain_text("1 incident matches in this view")
    restored = view_of(page.url)
    assert {k: restored[k] for k in ("lat", "lng", "z")} == {k: view_of(address)[k] for k in ("lat", "lng", "z")}
    assert restored["z"] == [str(zoom + 1)]
    assert page.watch.errors == [] and page.watch.external == []


def test_a_marker_opens_a_popup_that_links_to_the_incident_page(page, offline_site):
    load_demo()
    page.goto(offline_site.url + "/")
    marker = page.locator(MARKERS)
    expect(marker).to_have_count(1)

    # Keyboard first: markers are focusable and Enter opens the popup.
    marker.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup")
    expect(popup).to_be_visible()
    expect(popup).to_contain_text("2024-01-04 (precision: day)")
    expect(popup).to_contain_text("Harakat al-Nujaba headquarters, eastern Baghdad")
    expect(popup).to_contain_text("United States Armed Forces → Harakat al-Nujaba")
    expect(popup).to_contain_text("2–4 (best estimate 2)")
    expect(popup.locator(".badge-contested")).to_have_text("contested")
    link = popup.locator("a", has_text="U.S. strike on Harakat al-Nujaba")
    expect(link).to_have_attribute("href", f"/incidents/{STRIKE_ID}/")

    # The list of incidents in view reaches the same popup.
    page.click(".leaflet-popup-close-button")
    expect(popup).to_have_count(0)
    page.click("#incident-list-box summary")
    expect(page.locator("#incident-list a")).to_have_attribute("href", f"/incidents/{STRIKE_ID}/")
    page.click("#incident-list button")
    expect(popup).to_be_visible()
    expect(link).to_be_focused()
    assert page.watch.errors == [] and page.watch.external == []

    link.click()
    page.wait_for_url(f"{offline_site.url}/incidents/{STRIKE_ID}/")


def test_dragging_across_the_histogram_narrows_the_dates(page, offline_site):
    load_demo()
    more_incidents()
    page.goto(offline_site.url + "/")
    count = page.locator("#map-count")
    expect(count).to_contain_text("4 incidents match in this view")
    chart = page.locator("#histogram svg")
    expect(chart.locator("rect.hist-bar")).to_have_count(4)

    box = chart.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.30, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, y, steps=8)
    page.mouse.up()

    wait_until(page, "() => new URLSearchParams(location.search).has('date_from')")
    view = view_of(page.url)
    date_from = datetime.date.fromisoformat(view["date_from"][0])
    date_to = datetime.date.fromisoformat(view["date_to"][0])
    assert date_from.weekday() == 0 and date_to.weekday() == 6 and date_from < date_to
    expect(page.locator("#id_date_from")).to_have_value(date_from.isoformat())
    expect(page.locator("#id_date_to")).to_have_value(date_to.isoformat())
    # Counted from the dates the test wrote rather than the database, which the live server is using.
    inside = sum(date_from <= day <= date_to for day in LOCATED_DATES)
    assert 0 < inside < 4
    noun = "incident matches" if inside == 1 else "incidents match"
    expect(count).to_contain_text(f"{inside} {noun} in this view")
    expect(page.locator(MARKERS)).to_have_count(inside)
    # The chart now spans the chosen weeks, and counts only the incidents in them.
    expect(chart).to_have_attribute("data-from", date_from.isoformat())
    expect(chart).to_have_attribute("data-to", date_to.isoformat())
    expect(chart.locator("rect.hist-bar")).to_have_count(inside)

    page.click("#clear-dates")
    expect(count).to_contain_text("4 incidents match in this view")
    assert "date_from" not in view_of(page.url)
    assert page.watch.errors == [] and page.watch.external == []


def test_dense_places_come_as_clusters_that_zoom_in_when_selected(page, offline_site):
    Incident.objects.bulk_create(
        Incident(
            title=f"Clash {i}",
            start_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i % 90),
            event_type=EventType.BATTLES,
            latitude=33.0 + (i // 40) * 0.02,
            longitude=44.0 + (i % 40) * 0.02,
            status=Status.PUBLISHED,
        )
        for i in range(1200)
    )
    answers = []
    page.on("response", lambda r: "/map/data/" in r.url and answers.append(r.json()))
    page.goto(offline_site.url + "/")
    clusters = page.locator("#map .cluster-marker.leaflet-marker-icon")
    expect(page.locator("#map-count")).to_contain_text("1,200 incidents match in and around this view")
    expect(clusters).not_to_have_count(0)
    screenshot(page, "map-clusters")
    # The list link holds the area the clusters count (whole grid cells), as the answer gave it.
    area = answers[-1]["area"]
    expect(page.locator("#list-link")).to_have_attribute(
        "href",
        re.compile(
            "bbox=" + re.escape(quote(",".join(str(int(v)) if float(v).is_integer() else str(v) for v in area)))
        ),
    )
    counts = [int(text.replace(",", "")) for text in clusters.all_inner_texts()]
    assert sum(counts) == 1200
    zoom = int(view_of(page.url)["z"][0])

    # By keyboard: a cluster is a focusable button; Enter zooms in on it.
    clusters.first.focus()
    page.keyboard.press("Enter")

    wait_until(page, f"() => Number(new URLSearchParams(location.search).get('z')) > {zoom}")
    # Closer in, the same incidents split into more, smaller clusters.
    wait_until(
        page, f"() => document.querySelectorAll('#map .cluster-marker.leaflet-marker-icon').length > {len(counts)}"
    )
    assert page.watch.errors == [] and page.watch.external == []


def test_the_map_fits_a_phone(page, offline_site):
    load_demo()
    page.set_viewport_size({"width": 375, "height": 812})

    page.goto(offline_site.url + "/")

    wait_for_borders(page)
    expect(page.locator(MARKERS)).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    filters = page.locator("#map-filters")
    expect(filters).to_be_hidden()
    map_box = page.locator("#map").bounding_box()
    assert map_box["width"] >= 370 and map_box["height"] >= 300
    screenshot(page, "map-phone")
    page.click("#filters-box summary")
    expect(filters).to_be_visible()
    assert page.watch.errors == [] and page.watch.external == []
