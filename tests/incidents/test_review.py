"""Review means review: a contributor's change to anything the public sees waits for an editor."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse

from incidents.demo import STRIKE_ID, load_demo
from incidents.models import (
    ArmedGroup,
    Casualty,
    CasualtyClaim,
    Incident,
    IncidentLink,
    PendingChange,
    Person,
    Report,
    Source,
    Statement,
)
from incidents.models.choices import Status
from incidents.models.incident import TOLL_DERIVED
from incidents.roles import CONTRIBUTORS, EDITORS
from tests import factories
from tests.admin_forms import admin_post_data, inline_prefix

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    load_demo()


@pytest.fixture
def carol(django_user_model):
    return factories.logged_in(factories.staff_user("carol", CONTRIBUTORS))


@pytest.fixture
def erin(django_user_model):
    return factories.logged_in(factories.staff_user("erin", EDITORS))


def change_url(record):
    return reverse(f"admin:incidents_{record._meta.model_name}_change", args=[record.pk])


def edit(client, record, **changes):
    data = admin_post_data(client.get(change_url(record)))
    data.update(changes)
    return client.post(change_url(record), data)


def approve(client, *changes):
    return client.post(
        reverse("admin:incidents_pendingchange_changelist"),
        {"action": "approve", "index": "0", ACTION_CHECKBOX_NAME: [str(change.pk) for change in changes]},
        follow=True,
    )


def public_page(client_or_none=None):
    return Client().get(reverse("incidents:detail", args=[STRIKE_ID])).content.decode()


def test_a_contributors_edit_of_a_published_incident_waits_and_the_public_sees_the_published_version(demo, carol):
    strike = Incident.objects.get(public_id=STRIKE_ID)
    title, claims, latitude = strike.title, strike.claims.count(), strike.latitude
    page = carol.get(change_url(strike))
    data = admin_post_data(page)
    prefix = inline_prefix(page, CasualtyClaim)
    data.update({"title": "A contributor's new title", f"{prefix}-0-DELETE": "on", "latitude": "33.5"})

    response = carol.post(change_url(strike), data)

    change = PendingChange.objects.get()
    assert response.status_code == 302 and response["Location"] == change_url(change)
    strike.refresh_from_db()
    assert (strike.title, strike.claims.count(), strike.latitude) == (title, claims, latitude)
    assert title in public_page() and "A contributor's new title" not in public_page()
    lines = " | ".join(change.changes)
    assert "Incident, title: “" + title in lines and "A contributor's new title" in lines
    assert "Casualty claim removed" in lines and "latitude" in lines
    assert change.state == PendingChange.State.PENDING and change.object_id == strike.pk
    # The contributor sees their change waiting; the record's page says a change waits.
    assert "A contributor&#x27;s new title" in carol.get(change_url(change)).content.decode()
    assert "wait for review" in carol.get(change_url(strike)).content.decode()


def test_an_editor_approves_and_the_change_is_made_as_proposed(demo, carol, erin):
    strike = Incident.objects.get(public_id=STRIKE_ID)
    claims = strike.claims.count()
    page = carol.get(change_url(strike))
    data = admin_post_data(page)
    data.update({"title": "Approved title", f"{inline_prefix(page, CasualtyClaim)}-0-DELETE": "on"})
    carol.post(change_url(strike), data)
    change = PendingChange.objects.get()

    response = approve(erin, change)

    assert "Applied" in response.content.decode()
    strike.refresh_from_db()
    assert strike.title == "Approved title" and strike.claims.count() == claims - 1
    assert strike.status == Status.PUBLISHED
    assert "Approved title" in public_page()
    change.refresh_from_db()
    assert change.state == PendingChange.State.APPROVED and change.reviewed_by.username == "erin"
    # The row the approval wrote; the toll its claims then gave has a row of its own after it.
    reason = strike.history.exclude(history_change_reason=TOLL_DERIVED).latest().history_change_reason
    assert "Proposed by carol" in reason and "approved by erin" in reason


def test_a_change_to_a_record_changed_since_is_not_applied(demo, carol, erin):
    strike = Incident.objects.get(public_id=STRIKE_ID)
    edit(carol, strike, title="Proposed title")
    change = PendingChange.objects.get()
    assert edit(erin, strike, title="The editor's title").status_code == 302

    response = approve(erin, change)

    assert "Not applied" in response.content.decode() and "changed by someone else" in response.content.decode()
    strike.refresh_from_db()
    assert strike.title == "The editor's title"
    change.refresh_from_db()
    assert change.state == PendingChange.State.PENDING


def test_a_rejected_change_leaves_the_record_as_it_was(demo, carol, erin):
    strike = Incident.objects.get(public_id=STRIKE_ID)
    title = strike.title
    edit(carol, strike, title="Rejected title")
    change = PendingChange.objects.get()
    erin.post(
        reverse("admin:incidents_pendingchange_changelist"),
        {"action": "reject", "index": "0", ACTION_CHECKBOX_NAME: [str(change.pk)]},
    )
    strike.refresh_from_db()
    change.refresh_from_db()
    assert strike.title == title and change.state == PendingChange.State.REJECTED


def test_contributors_cannot_approve_their_own_changes(demo, carol):
    edit(carol, Incident.objects.get(public_id=STRIKE_ID), title="Self-approved")
    change = PendingChange.objects.get()
    approve(carol, change)
    change.refresh_from_db()
    assert change.state == PendingChange.State.PENDING
    assert Incident.objects.get(public_id=STRIKE_ID).title != "Self-approved"


def test_a_contributors_edit_of_a_draft_is_saved_at_once(demo, carol):
    draft = factories.incident(status=Status.DRAFT)
    assert edit(carol, draft, title="Draft title").status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Draft title" and not PendingChange.objects.exists()


def test_a_retracted_incident_is_held_too(demo, carol):
    strike = Incident.objects.get(public_id=STRIKE_ID)
    Incident.objects.filter(pk=strike.pk).update(status=Status.RETRACTED, status_note="Wrong place.")
    edit(carol, strike, title="Edited after retraction")
    assert PendingChange.objects.count() == 1
    assert Incident.objects.get(pk=strike.pk).title != "Edited after retraction"


def _strike_records():
    strike = Incident.objects.get(public_id=STRIKE_ID)
    statement = Statement.objects.filter(incidents=strike).exclude(speaker=None).first()
    claim = strike.claims.first()
    return {
        "statement": (statement, "quote", "A quote nobody said."),
        "group": (strike.participations.first().group, "description", "An invented description."),
        "person": (statement.speaker, "description", "An invented biography."),
        "report": (claim.report, "title", "An invented headline"),
        "source": (claim.report.source, "name", "An invented outlet"),
        "claim": (claim, "quote", "An invented quote."),
        "casualty": (Casualty.objects.filter(incident=strike).first(), "note", "An invented note."),
        "link": (IncidentLink.objects.filter(from_incident=strike).first(), "note", "An invented link note."),
    }


@pytest.mark.parametrize("kind", ["statement", "group", "person", "report", "source", "claim", "casualty", "link"])
def test_every_record_the_incident_page_shows_is_held_for_review(demo, carol, kind):
    record, field, value = _strike_records()[kind]
    assert record is not None, f"the demo's strike has no {kind}"
    before = getattr(record, field)

    response = edit(carol, record, **{field: value})

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    record.refresh_from_db()
    assert getattr(record, field) == before
    change = PendingChange.objects.get()
    assert value in " ".join(change.changes)
    assert value not in public_page()


def test_a_contributor_cannot_delete_a_public_claim_but_can_delete_a_drafts(demo, carol):
    strike = Incident.objects.get(public_id=STRIKE_ID)
    public_claim = strike.claims.first()
    url = reverse("admin:incidents_casualtyclaim_delete", args=[public_claim.pk])
    assert carol.post(url, {"post": "yes"}).status_code == 403
    assert CasualtyClaim.objects.filter(pk=public_claim.pk).exists()
    draft_claim = factories.claim(factories.incident(status=Status.DRAFT), killed_min=1, killed_max=1)
    url = reverse("admin:incidents_casualtyclaim_delete", args=[draft_claim.pk])
    assert carol.post(url, {"post": "yes"}).status_code == 302
    assert not CasualtyClaim.objects.filter(pk=draft_claim.pk).exists()


def test_a_contributors_new_claim_on_a_published_incident_waits(demo, carol, erin):
    strike = Incident.objects.get(public_id=STRIKE_ID)
    claims = strike.claims.count()
    add = reverse("admin:incidents_casualtyclaim_add")
    data = admin_post_data(carol.get(add))
    data.update(
        incident=str(strike.pk),
        report=str(strike.claims.first().report_id),
        claimant="A new source",
        category="all",
        killed_min="9",
        killed_max="9",
    )
    carol.post(add, data)
    assert strike.claims.count() == claims
    change = PendingChange.objects.get()
    assert change.object_id is None and "A new source" in " ".join(change.changes)

    approve(erin, change)

    assert strike.claims.filter(claimant="A new source", killed_min=9).exists()


def test_editors_save_at_once(demo, erin):
    strike = Incident.objects.get(public_id=STRIKE_ID)
    assert edit(erin, strike, title="Editor's title").status_code == 302
    assert Incident.objects.get(pk=strike.pk).title == "Editor's title"
    assert not PendingChange.objects.exists()


def test_records_contributors_add_wait_for_approval_and_editors_approve_them(demo, carol, erin):
    add = reverse("admin:incidents_armedgroup_add")
    data = admin_post_data(carol.get(add))
    data.update(name="A contributor's group", kind="non_state")
    data.pop("backers"), data.pop("countries")  # none chosen: a browser sends nothing for them
    assert carol.post(add, data).status_code == 302
    group = ArmedGroup.objects.get(name="A contributor's group")
    assert not group.approved  # nothing public cites it: saved, and kept from the public
    assert Client().get(reverse("incidents:group-detail", args=[group.pk])).status_code == 404
    erin.post(
        reverse("admin:incidents_armedgroup_changelist"),
        {"action": "approve", "index": "0", ACTION_CHECKBOX_NAME: [str(group.pk)]},
    )
    group.refresh_from_db()
    assert group.approved
    assert Client().get(reverse("incidents:group-detail", args=[group.pk])).status_code == 200
    for model in (Person, Report, Source):
        assert model.objects.exists()


def test_a_contributors_change_to_the_gazetteer_waits(demo, carol):
    from geo.models import Country, Place

    country, _ = Country.objects.get_or_create(iso2="IQ", defaults={"iso3": "IRQ", "name_en": "Iraq", "geometry": {}})
    place = Place.objects.create(country=country, name="Al Asad", latitude=33.8, longitude=42.4, source="test")
    url = reverse("admin:geo_place_change", args=[place.pk])
    data = admin_post_data(carol.get(url))
    data["name"] = "A moved base"
    assert carol.post(url, data).status_code == 302
    place.refresh_from_db()
    assert place.name == "Al Asad" and "A moved base" in " ".join(PendingChange.objects.get().changes)
