"""A map researchers can read offline: a spot that cannot split lists its incidents; names from
the gazetteer, land and sea, a scale bar, clusters showing their event types, a histogram that
zooms to the chosen dates; and no tile requested when no tile server is configured."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from incidents.demo import load_demo
from incidents.models import Incident
from incidents.models.choices import EventType, Status
from tests.browser.conftest import screenshot, wait_until
from tests.browser.test_map import view_of

pytestmark = pytest.mark.browser

WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
CLUSTERS = "#map .cluster-marker.leaflet-marker-icon"
# Where the UCDP data puts Baghdad's 1,166 incidents: one point.
BAGHDAD = (33.3406, 44.4009)
TYPES = [EventType.BATTLES, EventType.REMOTE_VIOLENCE, EventType.VIOLENCE_AGAINST_CIVILIANS]


def incidents_at_one_spot(count: int):
    Incident.objects.bulk_create(
        Incident(
            title=f"Strike {i:04d} in Baghdad",
            start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=i),
            event_type=TYPES[i % len(TYPES)],
            latitude=BAGHDAD[0],
            longitude=BAGHDAD[1],
            status=Status.PUBLISHED,
        )
        for i in range(count)
    )


def no_tiles_and_nothing_from_outside(page):
    assert page.locator(".leaflet-tile, .leaflet-tile-pane img").count() == 0
    assert page.watch.errors == [] and page.watch.external == []


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_a_spot_too_crowded_to_split_opens_a_list_of_its_incidents(page, offline_site, viewport):
    # More than the map draws one by one, all at one point: at the deepest zoom they stay a cluster.
    incidents_at_one_spot(1001)
    page.set_viewport_size(viewport)
    page.goto(f"{offline_site.url}/?lat={BAGHDAD[0]}&lng={BAGHDAD[1]}&z=18")
    cluster = page.locator(CLUSTERS)
    expect(cluster).to_have_count(1)
    expect(cluster).to_have_attribute("aria-label", re.compile(r"^1,001 incidents here .*select to list them$"))

    cluster.click()

    popup = page.locator(".leaflet-popup .spot-list")
    expect(popup.locator(".spot-title")).to_have_text("1,001 incidents at this spot")
    items = popup.locator(".spot-incidents li")
    expect(items).to_have_count(50)
    newest = Incident.objects.get(title="Strike 1000 in Baghdad")
    expect(items.first.locator("a")).to_have_attribute("href", f"/incidents/{newest.public_id}/")
    expect(items.first).to_contain_text(f"{newest.start_date.isoformat()} · {newest.get_event_type_display()}")
    rest = popup.locator(".popup-more a")
    expect(rest).to_have_text("List all 1,001")
    link = rest.get_attribute("href")
    assert view_of(link)["bbox"] == [f"{BAGHDAD[1]},{BAGHDAD[0]},{BAGHDAD[1]},{BAGHDAD[0]}"]
    screenshot(page, f"map-spot-list-{viewport['width']}")
    # Followed by its address: a click can land while the popup is still panning the map into view.
    page.goto(offline_site.url + link if link.startswith("/") else link)
    expect(page.locator("body")).to_contain_text("1,001")
    no_tiles_and_nothing_from_outside(page)


def test_a_cluster_all_at_one_spot_lists_its_incidents_at_any_zoom(page, offline_site):
    incidents_at_one_spot(1001)
    page.set_viewport_size(WIDE)
    page.goto(f"{offline_site.url}/?lat={BAGHDAD[0]}&lng={BAGHDAD[1]}&z=9")
    cluster = page.locator(CLUSTERS)
    expect(cluster).to_have_count(1)
    zoom = view_of(page.url)["z"]

    # By keyboard, as a mouse would.
    cluster.focus()
    page.keyboard.press("Enter")

    expect(page.locator(".leaflet-popup .spot-incidents li")).to_have_count(50)
    assert view_of(page.url)["z"] == zoom
    no_tiles_and_nothing_from_outside(page)


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_names_land_sea_and_a_scale_are_drawn_without_any_tile(page, offline_site, viewport):
    load_demo()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.set_viewport_size(viewport)
    page.goto(offline_site.url + "/")

    wait_until(page, "() => Number(document.querySelector('#map').dataset.labels) > 0")
    # The borders come in their own request, beside the labels'.
    wait_until(page, "() => document.querySelector('#map').dataset.borders === 'drawn'")
    countries = page.locator("#map .map-label-country")
    expect(countries.filter(has_text="Iraq")).to_have_count(1)
    expect(countries.filter(has_text="Syria")).to_have_count(1)
    # Every name shown for an area is whole within the map's frame (none runs off a side).
    spill = page.evaluate(
        "(() => { const frame = document.querySelector('#map').getBoundingClientRect();"
        " const names = '#map .map-label-country span, #map .map-label-governorate span';"
        " return Array.from(document.querySelectorAll(names)).filter(e => {"
        " const r = e.getBoundingClientRect(); return r.left < frame.left - 1 || r.right > frame.right + 1;"
        " }).map(e => e.textContent); })()"
    )
    assert spill == []
    if viewport is WIDE:
        # The phone's first view is a zoom further out, where cities wait.
        expect(page.locator("#map .map-label-city").filter(has_text="Baghdad")).to_have_count(1)
    expect(page.locator("#map .map-label-governorate")).to_have_count(0)
    expect(page.locator("#map .map-label-place")).to_have_count(0)
    scale = page.locator("#map .leaflet-control-scale-line")
    expect(scale).to_be_visible()
    expect(scale).to_have_text(re.compile(r"^\d+ k?m$"))
    # The sea is the map's background; the countries are filled as land.
    sea = page.evaluate("getComputedStyle(document.querySelector('#map')).backgroundColor")
    land = page.evaluate(
        "Array.from(document.querySelectorAll('#map .leaflet-overlay-pane path'))"
        ".map(p => [p.getAttribute('fill'), p.getAttribute('fill-opacity')]).filter(([f, o]) => f && o === '1')"
    )
    assert sea == "rgb(184, 210, 230)" and land and all(fill.lower() != "#b8d2e6" for fill, _ in land)
    screenshot(page, f"map-names-{viewport['width']}")

    # Closer in: the governorates are named, within the map's frame; then the smaller places.
    page.goto(f"{offline_site.url}/?lat={BAGHDAD[0]}&lng={BAGHDAD[1]}&z=8")
    for kind in ("governorate",):
        expect(page.locator(f"#map .map-label-{kind} span").first).to_be_visible()
        assert page.evaluate(
            """kind => {
                const frame = document.querySelector('#map').getBoundingClientRect();
                return Array.from(document.querySelectorAll('#map .map-label-' + kind + ' span')).some(label => {
                    const box = label.getBoundingClientRect();
                    return box.left >= frame.left && box.right <= frame.right
                        && box.top >= frame.top && box.bottom <= frame.bottom;
                });
            }""",
            kind,
        ), kind
    screenshot(page, f"map-names-closer-{viewport['width']}")
    # At a city's scale the smaller places are named and the country names give way.
    page.goto(f"{offline_site.url}/?lat={BAGHDAD[0]}&lng={BAGHDAD[1]}&z=10")
    expect(page.locator("#map .map-label-place span, #map .map-label-site span").first).to_be_visible()
    expect(page.locator("#map .map-label-country")).to_have_count(0)
    screenshot(page, f"map-names-city-{viewport['width']}")
    assert not [url for url in requests if "tile" in url]
    no_tiles_and_nothing_from_outside(page)


MARKERS = "#map .leaflet-marker-pane > *"
NAMES_UNDER_MARKERS = """() => {
    const boxes = (selector) => Array.from(document.querySelectorAll(selector))
        .map(e => [e, e.getBoundingClientRect()]);
    const markers = boxes('#map .leaflet-marker-pane > *');
    const over = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return boxes('#map .map-label span').filter(([, r]) => markers.some(([, m]) => over(r, m)))
        .map(([e]) => e.textContent);
}"""


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_markers_never_cover_a_name_and_a_place_marked_keeps_its_name_beside_it(page, offline_site, viewport):
    load_demo()
    incidents_at_one_spot(40)
    page.set_viewport_size(viewport)
    page.goto(f"{offline_site.url}/?lat={BAGHDAD[0]}&lng={BAGHDAD[1] - 0.05}&z=10")
    expect(page.locator(MARKERS).first).to_be_visible()
    wait_until(page, "() => Number(document.querySelector('#map').dataset.labels) > 0")
    assert page.evaluate(NAMES_UNDER_MARKERS) == []
    # The cluster stands on Baghdad's point: the name moves beside it, without its dot.
    baghdad = page.locator("#map .map-label-city.map-label-moved").filter(has_text="Baghdad")
    expect(baghdad).to_have_count(1)
    # One marker holds them all, and the demo's strike in Baghdad.
    cluster = page.locator(MARKERS).filter(has_text="41").bounding_box()
    name = baghdad.locator("span").bounding_box()
    assert abs((name["y"] + name["height"] / 2) - (cluster["y"] + cluster["height"] / 2)) < cluster["height"]
    assert min(abs(name["x"] - cluster["x"] - cluster["width"]), abs(cluster["x"] - name["x"] - name["width"])) < 20
    screenshot(page, f"map-names-beside-markers-{viewport['width']}")
    # Zoomed in, the names make way for the markers drawn anew, once the zoom has ended and the
    # new view's answer is drawn.
    draws = int(page.get_attribute("#map", "data-draws"))
    page.locator(".leaflet-control-zoom-in").click()
    wait_until(page, f"() => Number(document.querySelector('#map').dataset.draws) > {draws}")
    wait_until(page, "() => !document.querySelector('#map .leaflet-zoom-anim')")
    assert page.evaluate(NAMES_UNDER_MARKERS) == []
    no_tiles_and_nothing_from_outside(page)


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_cluster_icons_show_the_mix_of_event_types(page, offline_site, viewport):
    Incident.objects.bulk_create(
        Incident(
            title=f"Event {i}",
            start_date=datetime.date(2024, 1, 1),
            event_type=TYPES[(i // 200) % len(TYPES)] if i < 1000 else EventType.PROTESTS,
            latitude=33.0 + (i // 40) * 0.05,
            longitude=42.0 + (i % 40) * 0.05,
            status=Status.PUBLISHED,
        )
        for i in range(1200)
    )
    page.set_viewport_size(viewport)
    page.goto(offline_site.url + "/")
    clusters = page.locator(CLUSTERS)
    expect(clusters.first).to_be_visible()

    mixes = page.evaluate(
        "Array.from(document.querySelectorAll('#map .cluster-marker.leaflet-marker-icon')).map(m => m.dataset.types)"
    )
    counts = [
        {pair.split(":")[0]: int(pair.split(":")[1]) for pair in mix.split(",")} for mix in mixes if mix is not None
    ]
    assert sum(sum(mix.values()) for mix in counts) == 1200
    assert {code for mix in counts for code in mix} == {*TYPES, EventType.PROTESTS}
    assert any(len(mix) > 1 for mix in counts)
    # Each type present is an arc of its colour, labelled in words too.
    mixed = clusters.filter(has=page.locator("circle.event-protests")).filter(has=page.locator("circle.event-battles"))
    expect(mixed.first).to_have_attribute("aria-label", re.compile(r"Protests.*Battles|Battles.*Protests"))
    stroke = page.evaluate("getComputedStyle(document.querySelector('#map circle.event-protests')).stroke")
    assert stroke == "rgb(27, 122, 80)"
    expect(page.locator("#legend-cluster svg circle.cluster-slice")).to_have_count(3)
    screenshot(page, f"map-cluster-types-{viewport['width']}")
    no_tiles_and_nothing_from_outside(page)


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_the_histogram_spans_the_chosen_dates(page, offline_site, viewport):
    load_demo()
    Incident.objects.bulk_create(
        Incident(
            title=f"Event {i}",
            start_date=datetime.date(1990, 1, 1) + datetime.timedelta(days=97 * i),
            event_type=EventType.BATTLES,
            latitude=33.3,
            longitude=44.4 + i * 0.01,
            status=Status.PUBLISHED,
        )
        for i in range(130)
    )
    page.set_viewport_size(viewport)
    page.goto(offline_site.url + "/")
    chart = page.locator("#histogram svg")
    expect(chart).to_have_attribute("data-from", "1990-01-01")

    page.goto(offline_site.url + "/?date_from=2024-01-01&date_to=2024-01-31")

    # From the Monday of the first day's week to the Sunday of the last's: five weeks, not 35 years.
    expect(chart).to_have_attribute("data-from", "2024-01-01")
    expect(chart).to_have_attribute("data-to", "2024-02-04")
    expect(chart.locator("rect.hist-bar")).to_have_count(1)
    ticks = page.evaluate("Array.from(document.querySelectorAll('#histogram text.hist-tick')).map(t => t.textContent)")
    assert ticks[0] == "1 Jan 2024" and len(ticks) >= 3
    expect(page.locator("#clear-dates")).to_be_visible()
    screenshot(page, f"map-histogram-range-{viewport['width']}")

    page.click("#clear-dates")
    expect(chart).to_have_attribute("data-from", "1990-01-01")
    no_tiles_and_nothing_from_outside(page)
