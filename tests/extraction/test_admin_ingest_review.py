"""Reviewing an ingested report and confirming it: the records created, corrections, errors that save nothing."""

import datetime

import pytest
from django.urls import reverse

from extraction.admin.pending import PENDING_KEPT, SESSION_KEY
from geo.models import Place
from incidents.models import ArmedGroup, Incident, IncidentLink, Person, Report, Statement
from incidents.models.choices import CasualtyCategory, Status
from tests.extraction.ingest_pages import counts, form_index, post_data, review_of

pytestmark = pytest.mark.django_db


def test_correcting_one_claim_and_confirming_creates_the_records(demo, client_c, contributor):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    police = form_index(review, "claims", claimant="Police and militia sources")
    data[f"claims-{police}-killed_max"] = "5"
    before = Incident.objects.count()

    response = client_c.post(location, data)

    assert response.status_code == 302, response.context["review"].error_count()
    incident = Incident.objects.exclude(public_id__startswith="INC-SEED").get()
    assert Incident.objects.count() == before + 1
    assert response["Location"] == reverse("admin:incidents_incident_change", args=[incident.pk])
    assert incident.status == Status.DRAFT and incident.created_by == contributor
    report = Report.objects.get(title__startswith="The U.S. military launched")
    assert report.ingested_by == contributor and report.source.name == "Reuters"
    claims = {(c.claimant, c.category): (c.killed_min, c.killed_max) for c in incident.claims.all()}
    assert claims == {
        ("the Pentagon", CasualtyCategory.COMBATANTS): (2, 2),
        ("the Pentagon", CasualtyCategory.CIVILIANS): (0, 0),
        ("Police and militia sources", CasualtyCategory.ALL): (4, 5),
    }
    assert (incident.killed_low, incident.killed_high, incident.contested) == (2, 5, True)
    assert incident.casualties.get().person.name == "Mushtaq Jawad Kazim al-Jawari"
    assert Statement.objects.filter(incidents=incident, report=report).count() == 3
    assert {p.group.name for p in incident.participations.all()} == {"United States Armed Forces", "Harakat al-Nujaba"}
    assert not client_c.session[SESSION_KEY]

    page = client_c.get(response["Location"])
    assert "Created draft" in page.content.decode() and "Police and militia sources" in page.content.decode()


def test_the_draft_can_follow_up_last_months_strikes(demo, client_c):
    location, response = review_of(client_c)
    review = response.context["review"]
    december = Incident.objects.get(public_id="INC-SEED0002")
    data = post_data(review)
    data[f"links-{form_index(review, 'links', to_incident=december.pk)}-include"] = "on"
    assert client_c.post(location, data).status_code == 302
    link = IncidentLink.objects.get(to_incident=december, report__title__startswith="The U.S. military launched")
    assert link.kind == "follow_up_to" and link.from_incident.status == Status.DRAFT


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("killed_max", "1", "The maximum (1) is below the minimum (4)."),
        ("killed_min", "many", "Enter a whole number."),
        ("killed_min", "-2", "greater than or equal to 0"),
        ("killed_min", "", "Give the minimum too"),
        ("claimant", "", "Say who gives these figures."),
    ],
)
def test_bad_corrections_are_form_errors_and_nothing_is_saved(demo, client_c, field, value, message):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    data[f"claims-{form_index(review, 'claims', claimant='Police and militia sources')}-{field}"] = value
    before = counts()
    response = client_c.post(location, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Nothing was saved" in response.content.decode()
    assert counts() == before


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31"])
def test_a_date_no_incident_can_have_is_a_form_error_even_beside_other_errors(demo, client_c, day):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    data["incident-start_date"] = day
    data[f"claims-{form_index(review, 'claims', claimant='Police and militia sources')}-killed_min"] = "many"
    before = counts()
    response = client_c.post(location, data)
    assert response.status_code == 200
    assert "is outside the dates incidents can have" in response.content.decode()
    assert counts() == before


def test_a_kept_claim_citing_a_discarded_person_is_an_error(demo, client_c):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    ryder = Person.objects.get(name="Patrick Ryder")
    data.pop(f"people-{form_index(review, 'people', person=ryder.pk)}-include")
    response = client_c.post(location, data)
    assert response.status_code == 200
    assert "“Patrick Ryder” is not kept above" in response.content.decode()


def test_a_new_group_named_like_a_held_one_is_refused(demo, client_c):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    index = form_index(review, "groups", group=ArmedGroup.objects.get(name="Harakat al-Nujaba").pk)
    data[f"groups-{index}-group"] = ""
    data[f"groups-{index}-name"] = "harakat al-nujaba"
    response = client_c.post(location, data)
    assert "is held already" in response.content.decode()


def test_the_sub_event_type_must_belong_to_the_event_type(demo, client_c):
    location, response = review_of(client_c)
    data = post_data(response.context["review"])
    data["incident-sub_event_type"] = "armed_clash"
    response = client_c.post(location, data)
    assert response.status_code == 200 and "is not a sub-event type of" in response.content.decode()


def test_choosing_another_place_moves_the_point_and_the_governorate_with_it(demo, client_c):
    location, response = review_of(client_c)
    erbil = Place.objects.filter(name="Erbil", kind="populated_place").get()
    data = post_data(response.context["review"]) | {"incident-place": str(erbil.pk), "incident-place_name": "Erbil"}
    assert client_c.post(location, data).status_code == 302
    incident = Incident.objects.exclude(public_id__startswith="INC-SEED").get()
    assert (incident.latitude, incident.longitude) == (erbil.latitude, erbil.longitude)
    assert incident.admin_area.iso_code == "IQ-AR" and incident.country.iso2 == "IQ"


def test_a_saved_report_can_be_reviewed_and_cited(demo, client_c):
    report = Report.objects.get(source__name="Reuters", published_on=datetime.date(2024, 1, 5))
    page = client_c.get(reverse("admin:incidents_report_change", args=[report.pk])).content.decode()
    start = reverse("admin:incidents_report_ingest_existing", args=[report.pk])
    assert start in page
    response = client_c.get(start)
    assert response.status_code == 302
    review = client_c.get(response["Location"]).context["review"]
    reports_before = Report.objects.count()
    assert client_c.post(response["Location"], post_data(review)).status_code == 302
    assert Report.objects.count() == reports_before
    incident = Incident.objects.exclude(public_id__startswith="INC-SEED").get()
    assert {c.report_id for c in incident.claims.all()} == {report.pk}


def test_only_the_latest_reviews_wait_in_the_session(demo, client_c):
    locations = [review_of(client_c)[0] for _ in range(PENDING_KEPT + 1)]
    assert len(client_c.session[SESSION_KEY]) == PENDING_KEPT
    assert client_c.get(locations[0]).status_code == 404
    assert client_c.get(locations[-1]).status_code == 200
