"""No page breaks the Content Security Policy, which allows no inline styles (style-src 'self'):
a style="" attribute or a <style> element would be refused and reported. Each page is opened in
Chromium with a listener for securitypolicyviolation events installed before any of its code runs;
the console is watched too (Chromium logs each refusal there)."""

import pytest
from playwright.sync_api import expect

from incidents.demo import STRIKE_ID, load_demo
from incidents.models import ArmedGroup, Incident, Report
from tests.browser.conftest import log_in, screenshot, wait_until

pytestmark = pytest.mark.browser

LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " + event.sample);
});
"""


def visit(page, url: str):
    page.goto(url)
    page.wait_for_load_state("networkidle")


def violations(page) -> list[str]:
    reported = page.evaluate("window.__violations")
    logged = [e for e in page.watch.errors if "Content Security Policy" in e]
    return reported + logged


def test_public_pages_keep_to_the_policy(page, offline_site):
    load_demo()
    page.add_init_script(LISTEN)
    group = ArmedGroup.objects.filter(participations__isnull=False).first()
    base = offline_site.url

    visit(page, base + "/")
    wait_until(page, "document.querySelectorAll('.incident-marker').length > 0")
    page.locator(".incident-marker").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup")).to_be_visible()
    assert violations(page) == [], "map"

    visit(page, f"{base}/incidents/{STRIKE_ID}/")
    wait_until(page, "document.querySelectorAll('#incident-map path.leaflet-interactive').length > 1")
    assert violations(page) == [], "incident page"

    visit(page, base + "/incidents/")
    assert violations(page) == [], "list"

    visit(page, f"{base}/groups/{group.pk}/")
    # The monthly chart: SVG bars, each as high as its month's count allows.
    bars = page.locator(".monthly svg rect.bar")
    expect(bars.first).to_be_visible()
    assert bars.first.bounding_box()["height"] >= 2
    assert violations(page) == [], "group page"
    assert page.watch.external == []


def test_admin_pages_keep_to_the_policy(page, offline_site):
    load_demo()
    page.add_init_script(LISTEN)
    base = offline_site.url
    log_in(page, base)
    incident = Incident.objects.get(public_id=STRIKE_ID)
    report = Report.objects.first()

    for url in [
        "/admin/",
        "/admin/incidents/incident/",
        f"/admin/incidents/incident/{incident.pk}/change/",
        "/admin/incidents/incident/add/",
        f"/admin/incidents/report/{report.pk}/change/",
        f"/admin/incidents/armedgroup/{ArmedGroup.objects.first().pk}/change/",
        "/admin/incidents/report/ingest/",
        "/admin/incidents/incident/import/",
    ]:
        visit(page, base + url)
        assert violations(page) == [], url
    # The point picker's map on the change page is drawn.
    visit(page, f"{base}/admin/incidents/incident/{incident.pk}/change/")
    wait_until(page, "document.querySelectorAll('.point-picker .leaflet-marker-icon').length > 0")
    screenshot(page, "admin-incident-change")
    assert violations(page) == []


def test_the_ingest_review_keeps_to_the_policy(page, offline_site):
    load_demo()
    page.add_init_script(LISTEN)
    base = offline_site.url
    log_in(page, base)
    visit(page, f"{base}/admin/incidents/report/{Report.objects.first().pk}/ingest/")
    expect(page.locator("mark").first).to_be_visible()
    # Rows added in the page are copied from templates, autocomplete and all, under the same policy.
    for kind in ("groups", "people", "claims", "statements", "links"):
        page.click(f"button.ingest-add[data-formset={kind}]")
    expect(page.locator("#ingest-groups-rows > .ingest-item").last.locator(".select2-container")).to_have_count(1)
    assert violations(page) == []
