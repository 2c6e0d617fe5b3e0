"""The admin's Leaflet point picker, in a real Chromium with no tile server."""

import time

import pytest

from incidents.models import Incident
from tests.browser.conftest import log_in, screenshot, wait_until

pytestmark = pytest.mark.browser


def test_clicking_the_map_sets_the_point_and_saving_finds_the_governorate(page, offline_site):
    log_in(page, offline_site.url)
    page.goto(offline_site.url + "/admin/incidents/incident/add/")
    picker = page.locator(".point-picker")
    # The governorate borders come from our own endpoint and are drawn as SVG paths.
    wait_until(page, "document.querySelectorAll('.point-picker path.leaflet-interactive').length >= 32")

    box = picker.bounding_box()
    picker.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    latitude = float(page.input_value("#id_latitude"))
    longitude = float(page.input_value("#id_longitude"))
    assert 30 < latitude < 39 and 36 < longitude < 49
    assert page.locator(".point-picker .leaflet-marker-icon").count() == 1

    page.fill("#id_title", "Strike placed on the map")
    page.fill("#id_start_date", "2024-02-07")
    page.select_option("#id_event_type", "remote_violence")
    page.click("input[name=_save]")
    page.wait_for_url(offline_site.url + "/admin/incidents/incident/")

    incident = Incident.objects.get(title="Strike placed on the map")
    assert (round(incident.latitude, 5), round(incident.longitude, 5)) == (round(latitude, 5), round(longitude, 5))
    assert incident.admin_area is not None
    assert page.watch.errors == [] and page.watch.external == []


def test_dragging_the_marker_moves_the_point(page, offline_site):
    log_in(page, offline_site.url)
    page.goto(offline_site.url + "/admin/incidents/incident/add/")
    page.fill("#id_latitude", "33.3152")
    page.fill("#id_longitude", "44.3661")
    page.dispatch_event("#id_longitude", "input")
    marker = page.locator(".point-picker .leaflet-marker-icon")
    marker.wait_for()
    # Placing the point zooms the map to it with an animation; on a slow machine the marker is
    # still moving when it is grabbed, and the drag starts beside it. Grab it once it stands still.
    box = steady_box(page, marker)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 120, box["y"] + 80, steps=10)
    page.mouse.up()
    wait_until(page, "document.getElementById('id_longitude').value !== '44.3661'")
    assert float(page.input_value("#id_longitude")) > 44.3661
    assert float(page.input_value("#id_latitude")) < 33.3152
    screenshot(page, "admin-point-picker")
    assert page.watch.errors == [] and page.watch.external == []


def steady_box(page, locator, timeout: float = 15.0):
    """The locator's bounding box once the map has stopped zooming and the box keeps still."""
    deadline = time.monotonic() + timeout
    previous = None
    while True:
        animating = page.locator(".point-picker .leaflet-zoom-anim").count() > 0
        box = locator.bounding_box()
        if not animating and box is not None and box == previous:
            return box
        if time.monotonic() > deadline:
            raise AssertionError(f"The marker kept moving: {previous} then {box}")
        previous = box
        page.wait_for_timeout(150)
