"""Counts and tolls on the public pages and the admin carry thousands separators: 5,565, not 5565."""

import datetime

import pytest
from django.urls import reverse

from incidents.models import Incident, Participation, Statement
from incidents.models.choices import EventType, ParticipationRole, Status
from tests import factories

pytestmark = pytest.mark.django_db

MANY = 1001


@pytest.fixture
def big_group():
    """A group that took part in 1,001 incidents in one month as perpetrator."""
    group = factories.group(name="Big group")
    incidents = Incident.objects.bulk_create(
        Incident(
            title=f"Attack {i}",
            start_date=datetime.date(2016, 5, 1) + datetime.timedelta(days=i % 28),
            event_type=EventType.BATTLES,
            status=Status.PUBLISHED,
        )
        for i in range(MANY)
    )
    Participation.objects.bulk_create(
        Participation(incident=i, group=group, role=ParticipationRole.PERPETRATOR) for i in incidents
    )
    return group


@pytest.fixture
def big_toll():
    incident = factories.incident(title="Siege", status=Status.PUBLISHED)
    factories.claim(incident, claimant="a ministry", killed_min=5565, killed_max=5565, injured_min=12000)
    factories.claim(incident, claimant="local officials", killed_min=9505, killed_max=9505)
    return Incident.objects.get(pk=incident.pk)


def test_the_group_list_and_page_separate_thousands(client, big_group):
    html = client.get(reverse("incidents:group-list")).content.decode()
    assert '<td class="num" data-label="As perpetrator">1,001</td>' in html and "1001" not in html

    html = client.get(reverse("incidents:group-detail", args=[big_group.pk])).content.decode()
    assert "<strong>1,001</strong>" in html
    assert "May 2016: 1,001</title>" in html and "<td>1,001</td>" in html
    assert "1001" not in html


def test_the_list_and_the_incident_page_separate_thousands_in_tolls(client, big_toll):
    html = client.get(reverse("incidents:list")).content.decode()
    assert "5,565–9,505" in html

    html = client.get(reverse("incidents:detail", args=[big_toll.public_id])).content.decode()
    assert "<strong>Killed:</strong> 5,565–9,505" in html
    assert f"best estimate {big_toll.killed_best:,}" in html
    assert "<strong>Injured:</strong> 12,000" in html
    assert "5,565 killed according to a ministry; 9,505 killed according to local officials" in html
    for bare in ("5565", "9505", "12000"):
        assert bare not in html


def test_the_people_list_separates_thousands(client):
    """The public sees statements about published incidents only."""
    speaker = factories.person(name="Prolific spokesperson")
    report = factories.report()
    incident = factories.incident(status=Status.PUBLISHED)
    said = Statement.objects.bulk_create(
        Statement(
            speaker=speaker, report=report, said_on=datetime.date(2024, 1, 5), quote=f"Words {i}", stance="describes"
        )
        for i in range(MANY)
    )
    Statement.incidents.through.objects.bulk_create(
        Statement.incidents.through(statement=s, incident=incident) for s in said
    )
    html = client.get(reverse("incidents:person-list")).content.decode()
    assert '<td class="num" data-label="Statements">1,001</td>' in html


def test_the_admin_changelists_separate_thousands_in_their_counts(staff_client, big_group):
    url = reverse("admin:incidents_incident_changelist")
    html = staff_client.get(url).content.decode()
    assert "1,001 incidents" in html and "Select all 1,001 incidents" in html and "All 1,001 selected" in html
    html = staff_client.get(url, {"q": "Attack 5"}).content.decode()  # 5, 50-59, 500-599
    assert "111 results" in html and "1,001 total" in html
    assert "1001" not in html.replace('value="1001"', "")  # ids are not counts
    # A count of one still reads as one: the count stays a number to the templates.
    html = staff_client.get(reverse("admin:incidents_armedgroup_changelist")).content.decode()
    assert "1 armed group" in html
