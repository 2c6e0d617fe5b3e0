"""Ingesting a news report in a real browser: a contributor pastes the founding report, reviews the
proposal beside its highlighted text, corrects one figure and confirms, landing on the new draft."""

import re
import time

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from incidents.demo import REPORT_FILE, load_demo
from incidents.models import CasualtyClaim, Incident, Report
from incidents.models.choices import Status
from incidents.roles import CONTRIBUTORS, create_roles
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"


def contributor(name="carol"):
    if not Group.objects.filter(name=CONTRIBUTORS).exists():
        # A transactional test empties the tables the roles migration filled.
        create_roles(django_apps)
    user = get_user_model().objects.create_user(name, f"{name}@example.org", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=CONTRIBUTORS))
    return user


def test_a_contributor_turns_the_seed_report_into_a_reviewed_draft(page, offline_site):
    load_demo()
    user = contributor()
    base = offline_site.url
    page.goto(base + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(base + "/admin/")

    started = time.monotonic()
    page.goto(base + "/admin/incidents/report/")
    page.click("text=Ingest a news report")
    page.wait_for_load_state()
    page.fill("#id_text", REPORT_FILE.read_text(encoding="utf-8"))
    # The header's date fills the date field as the text is pasted.
    assert page.input_value("#id_published_on") == "2024-01-05"
    page.select_option("#id_source", label="Reuters")
    page.click("input[name=extract]")

    page.wait_for_selector("#report-text mark")
    marks = page.locator("#report-text mark")
    assert marks.count() > 30
    assert page.locator("#report-text mark.hl-group", has_text="Harakat al Nujaba").count() >= 2
    assert page.locator("#report-text mark.hl-time").inner_text() == "about 0900 GMT"
    # Autocomplete widgets are live (the admin's select2), so staff can pick other groups and people.
    assert page.locator("#ingest-groups .select2-container").count() >= 2

    police = page.locator(".ingest-item", has=page.locator("input[value='Police and militia sources']"))
    police.locator("a.ingest-find").click()
    active = page.locator("#report-text mark.is-active")
    assert active.count() >= 2
    assert "killed four people" in page.locator("#report-text mark.is-current").inner_text()
    assert "mention 1 of 2" in page.inner_text("#ingest-status")
    police.locator("input[name$='-killed_max']").fill("5")
    # From the top, so the full-page picture has the sticky text pane beside the start of the form.
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "ingest-review")

    page.click("input[name=confirm]")
    page.wait_for_url(re.compile(r".*/admin/incidents/incident/\d+/change/$"))
    elapsed = time.monotonic() - started

    incident = Incident.objects.exclude(public_id__startswith="INC-SEED").get()
    assert page.url.endswith(f"/admin/incidents/incident/{incident.pk}/change/")
    assert incident.status == Status.DRAFT and incident.created_by == user
    body = page.inner_text("#content")
    assert "Police and militia sources" in body and "the Pentagon" in body
    assert f"Created draft {incident.public_id}" in page.inner_text(".messagelist")
    police_claim = CasualtyClaim.objects.get(incident=incident, claimant="Police and militia sources")
    assert (police_claim.killed_min, police_claim.killed_max) == (4, 5)
    assert (incident.killed_low, incident.killed_high) == (2, 5)
    screenshot(page, "ingest-done")

    assert page.watch.errors == [] and page.watch.external == []
    print(f"\ningest flow (report list → confirmed draft), machine time: {elapsed:.1f} s")


def test_staff_add_a_claim_remove_a_statement_and_name_a_person_killed(page, offline_site):
    load_demo()
    user = contributor("dana")
    base = offline_site.url
    page.goto(base + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(base + "/admin/")
    report = Report.objects.get(title__startswith="U.S. strike in Baghdad")
    page.goto(f"{base}/admin/incidents/report/{report.pk}/ingest/")
    page.wait_for_selector("#report-text mark")

    claims = page.locator("#ingest-claims-rows > .ingest-item")
    shown = claims.count()
    page.click("button.ingest-add[data-formset=claims]")
    assert claims.count() == shown + 1
    new_claim = claims.last
    assert new_claim.locator(".ingest-added-label").inner_text() == "New claim 2"
    assert page.input_value("input[name=claims-TOTAL_FORMS]") == str(shown + 1)
    new_claim.locator("input[name$='-claimant']").fill("Iraqi security sources")
    new_claim.locator("select[name$='-category']").select_option("security_forces")
    new_claim.locator("input[name$='-killed_min']").fill("1")
    new_claim.locator("input[name$='-killed_max']").fill("1")

    # An added group row gets the admin's autocomplete like the others.
    page.click("button.ingest-add[data-formset=groups]")
    assert page.locator("#ingest-groups-rows > .ingest-item").last.locator(".select2-container").count() == 1

    iraqi = page.locator("#ingest-statements-rows > .ingest-item", has_text="unjustified attack")
    iraqi.locator("input[name$='-include']").uncheck()
    assert "is-discarded" in iraqi.get_attribute("class")

    person = page.locator("#ingest-people-rows > .ingest-item.ingest-added").first
    person.locator("input[name$='-name']").fill("Hussein Ali")
    person.locator("select[name$='-casualty']").select_option("killed")
    # The claim added a moment ago is offered in the person's list of claims.
    person.locator("select[name$='-casualty_claim_key']").select_option(label="new claim 2")
    page.locator("#ingest-claims").scroll_into_view_if_needed()
    screenshot(page, "ingest-review-added-rows")

    page.click("input[name=confirm]")
    page.wait_for_url(re.compile(r".*/admin/incidents/incident/\d+/change/$"))

    incident = Incident.objects.exclude(public_id__startswith="INC-SEED").get()
    added = CasualtyClaim.objects.get(incident=incident, claimant="Iraqi security sources")
    assert (added.category, added.killed_min, added.killed_max) == ("security_forces", 1, 1)
    casualty = incident.casualties.get(person__name="Hussein Ali")
    assert (casualty.outcome, casualty.claim) == ("killed", added)
    assert incident.statements.count() == 2
    assert not incident.statements.filter(quote__contains="unjustified attack").exists()
    body = page.inner_text("#content")
    assert "Iraqi security sources" in body and "Hussein Ali" in body
    assert "unjustified attack" not in body
    screenshot(page, "ingest-added-rows-saved")

    # The incident's own page (a draft: staff see it) shows the records as kept and added.
    page.goto(f"{base}/incidents/{incident.public_id}/")
    body = page.inner_text("main")
    assert "Iraqi security sources" in body and "Hussein Ali" in body
    assert "unjustified attack" not in body and "We will retaliate" in body
    screenshot(page, "ingest-added-rows-incident")
    assert page.watch.errors == [] and page.watch.external == []


def test_a_row_in_error_outlines_only_the_field_at_fault(page, offline_site):
    load_demo()
    user = contributor("erin")
    base = offline_site.url
    page.goto(base + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(base + "/admin/")
    report = Report.objects.get(title__startswith="U.S. strike in Baghdad")
    page.goto(f"{base}/admin/incidents/report/{report.pk}/ingest/")
    page.wait_for_selector("#report-text mark")
    # Dropping the claim a named casualty rests on is refused on that casualty's row.
    page.locator("input[name=claims-0-include]").uncheck()
    page.click("input[name=confirm][type=submit]")
    row = page.locator("#ingest-people-rows > .ingest-item.errors")
    row.wait_for()

    def outlined(selector):
        color = row.locator(selector).evaluate("e => getComputedStyle(e).borderTopColor")
        return color == "rgb(186, 33, 33)"

    assert outlined("select[name$='-casualty_claim_key']")
    assert not outlined("input[name$='-title']")
    assert not outlined("select[name$='-role_kind']")
    assert not outlined(".field-person .select2-selection")
    row.scroll_into_view_if_needed()
    screenshot(page, "ingest-row-in-error")
