"""One visibility rule per model: nothing that only a draft uses reaches the public, nor any staff note."""

import datetime

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from incidents import deletion, visibility
from incidents.demo import STRIKE_ID, load_demo
from incidents.models import (
    ArmedGroup,
    Incident,
    Participation,
    Person,
    Report,
    Source,
    Statement,
)
from incidents.models.choices import ParticipationRole, Stance, Status
from releases.models import Release
from tests import factories

pytestmark = pytest.mark.django_db

# Words that appear only in the draft's companions and in staff notes.
MARKERS = ["Draftonly", "STAFFNOTE"]


@pytest.fixture
def drafted(db):
    """The demo, and a draft incident recorded as ingest leaves it: its report, outlet, group,
    person and statement exist only for it, and nothing published cites them."""
    load_demo()
    draft = factories.incident(title="A draft strike", status=Status.DRAFT)
    source = Source.objects.create(name="Draftonly Outlet", kind="news_agency")
    report = Report.objects.create(
        source=source,
        title="Draftonly headline",
        published_on=datetime.date(2024, 2, 1),
        text="Draftonly full text",
        approved=False,
    )
    group = ArmedGroup.objects.create(
        name="Draftonly Brigade", kind="non_state", approved=False, staff_note="STAFFNOTE check the name"
    )
    person = Person.objects.create(name="Draftonly Speaker", approved=False, staff_note="STAFFNOTE check")
    Participation.objects.create(incident=draft, group=group, role=ParticipationRole.PERPETRATOR, report=report)
    statement = Statement.objects.create(
        speaker=person, body_group=group, said_on=datetime.date(2024, 2, 1), quote="Draftonly words",
        stance=Stance.CLAIMS, report=report,
    )  # fmt: skip
    statement.incidents.add(draft)
    # A public group's note to staff stays with staff too.
    ArmedGroup.objects.filter(pk=Participation.objects.filter(incident__public_id=STRIKE_ID).first().group_id).update(
        staff_note="STAFFNOTE about a public group"
    )
    return {"incident": draft, "report": report, "group": group, "person": person, "statement": statement}


def _routes():
    """The name of every public route."""
    found = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                if pattern.namespace != "admin":
                    walk(pattern.url_patterns, pattern.namespace or namespace)
            elif pattern.name and namespace:
                found.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return found


LISTS = {
    "maps:map": [""],
    "maps:map-data": ["", "?zoom=12", "?q=Brigade"],
    "maps:histogram": [""],
    "incidents:list": ["", "?q=Brigade", "?as_of=2099-01-01", "?as_of=2099-01-01&q=Brigade"],
    "releases:list": [""],
    "incidents:export-csv": ["", "?as_of=2099-01-01"],
    "incidents:export-geojson": [""],
    "incidents:export-acled": [""],
    "incidents:export-ucdp": [""],
    "incidents:export-csv-package": [""],
    "incidents:export-acled-package": [""],
    "incidents:export-ucdp-package": [""],
    "incidents:group-list": ["", "?q=Brigade"],
    "incidents:person-list": ["", "?q=Speaker"],
    "incidents:statement-list": ["", "?q=words", "?as_of=2099-01-01"],
    "incidents:about": [""],
    "geo:boundaries": [""],
    "geo:labels": [""],
    "maps:spot": ["?bbox=-180,-90,180,90"],
    "trends:trends": ["", "?by=group", "?by=governorate", "?q=Brigade"],
    "trends:csv": ["", "?by=group"],
    "api:schema": [""],
    "api:docs": [""],
    "api:api-root": [""],
    "api:incident-list": ["", "?q=Brigade", "?as_of=2099-01-01"],
    "api:group-list": ["", "?q=Brigade", "?as_of=2099-01-01"],
    "api:person-list": ["", "?q=Speaker", "?as_of=2099-01-01"],
    "api:statement-list": ["", "?q=words", "?as_of=2099-01-01"],
    "api:report-list": ["", "?q=headline", "?as_of=2099-01-01"],
    "api:place-list": ["?q=Baghdad", "?q=Baghdad&as_of=2099-01-01"],
}
# Detail routes: the draft companions' own pages are not found.
DETAILS = {
    "incidents:detail": "incident",
    "incidents:group-detail": "group",
    "incidents:person-detail": "person",
    "api:incident-detail": "incident",
    "api:group-detail": "group",
    "api:person-detail": "person",
    "api:statement-detail": "statement",
    "api:report-detail": "report",
}
PUBLIC_ONLY = {"api:place-detail"}  # the gazetteer: nothing in it belongs to an incident
# A release's pages: the walk names one made while the draft exists.
RELEASE_ROUTES = {"releases:detail", "releases:changes-csv"}


def test_the_walk_covers_every_public_route():
    assert _routes() == {*LISTS, *DETAILS, *PUBLIC_ONLY, *RELEASE_ROUTES}


def _arg(name, record):
    return record.public_id if name.endswith(":detail") or name == "api:incident-detail" else record.pk


def test_no_public_page_or_api_answer_shows_a_drafts_companions_or_a_staff_note(drafted):
    client = Client()
    Release.objects.create(name="r1", moment=timezone.now())
    for name in RELEASE_ROUTES:
        response = client.get(reverse(name, args=["r1"]))
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 200 and b"A draft strike" not in body, name
        assert not any(marker.encode() in body for marker in MARKERS), name
    for name, queries in LISTS.items():
        for query in queries:
            response = client.get(reverse(name) + query)
            assert response.status_code == 200, (name, query, response.status_code)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            for marker in MARKERS:
                assert marker.encode() not in body, (name, query, marker)
    for name, kind in DETAILS.items():
        record = drafted[kind]
        response = client.get(reverse(name, args=[_arg(name, record)]))
        assert response.status_code == 404, (name, response.status_code)
        if name.startswith("api:"):
            # As of now, by the history tables: not found either.
            response = client.get(reverse(name, args=[_arg(name, record)]) + "?as_of=2099-01-01")
            assert response.status_code == 404, (name, "as_of", response.status_code)
    # Public details show no staff note either.
    strike = Incident.objects.get(public_id=STRIKE_ID)
    for group in ArmedGroup.objects.filter(participations__incident=strike):
        for name in ("incidents:group-detail", "api:group-detail"):
            assert b"STAFFNOTE" not in client.get(reverse(name, args=[group.pk])).content


def test_a_drafts_companions_are_no_filter_choice(drafted):
    client = Client()
    for name, parameter, record in [
        ("incidents:list", "group", drafted["group"]),
        ("incidents:list", "person", drafted["person"]),
        ("incidents:statement-list", "speaker", drafted["person"]),
        ("api:report-list", "source", drafted["report"].source),
    ]:
        response = client.get(reverse(name), {parameter: record.pk})
        assert response.status_code == 400, (name, parameter)


def test_staff_see_the_drafts_companions(drafted, staff_client):
    assert staff_client.get(reverse("incidents:group-detail", args=[drafted["group"].pk])).status_code == 200
    assert b"Draftonly words" in staff_client.get(reverse("incidents:statement-list")).content


def test_publishing_the_draft_makes_its_companions_public_and_retracting_hides_them_again(drafted):
    draft = drafted["incident"]
    draft.status = Status.PUBLISHED
    draft.save()
    for kind in ("report", "group", "person", "statement"):
        assert visibility.is_public(drafted[kind]), kind
    assert Client().get(reverse("incidents:group-detail", args=[drafted["group"].pk])).status_code == 200
    assert b"Draftonly words" in Client().get(reverse("incidents:statement-list")).content
    draft.status = Status.RETRACTED
    draft.save()
    assert Client().get(reverse("incidents:group-detail", args=[drafted["group"].pk])).status_code == 404


def test_an_approved_record_is_public_without_anything_published_citing_it(drafted):
    ArmedGroup.objects.filter(pk=drafted["group"].pk).update(approved=True)
    assert Client().get(reverse("incidents:group-detail", args=[drafted["group"].pk])).status_code == 200


def test_deleting_a_draft_removes_what_only_it_used(drafted):
    gone = deletion.delete_incident(drafted["incident"])
    assert gone == {"statements": 1, "people": 1, "armed groups": 1, "reports": 1}
    for kind in ("report", "group", "person", "statement"):
        assert not type(drafted[kind]).objects.filter(pk=drafted[kind].pk).exists(), kind


def test_deleting_a_draft_keeps_what_others_use_or_an_editor_approved(drafted):
    other = factories.incident(status=Status.DRAFT)
    drafted["statement"].incidents.add(other)
    Person.objects.filter(pk=drafted["person"].pk).update(approved=True)
    gone = deletion.delete_incident(drafted["incident"])
    # The statement concerns the other draft too; it holds its speaker (approved anyway), group and report.
    assert gone == {}
    for kind in ("report", "group", "person", "statement"):
        assert type(drafted[kind]).objects.filter(pk=drafted[kind].pk).exists(), kind


def test_deleting_a_draft_in_the_admin_says_what_else_went(drafted, staff_client):
    url = reverse("admin:incidents_incident_delete", args=[drafted["incident"].pk])
    response = staff_client.post(url, {"post": "yes"}, follow=True)
    assert "Also deleted what only" in response.content.decode()
    assert not Report.objects.filter(pk=drafted["report"].pk).exists()
