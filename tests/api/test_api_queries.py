"""The API's bounded queries: a list costs the same queries whatever its length, filtered or not."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from geo.models import Country, Place
from incidents.models import (
    Affiliation,
    Casualty,
    ExternalName,
    GroupAlias,
    Incident,
    IncidentLink,
    Participation,
    Report,
    Statement,
)
from incidents.models.choices import Dataset, LinkKind, Means, ParticipationRole, RoleKind, Stance, Status
from tests import factories
from tests.api.conftest import API, get, public_ids

pytestmark = pytest.mark.django_db


def _full_incident(n: int, report: Report) -> Incident:
    """An incident with every kind of nested row the API shows."""
    incident = factories.incident(
        status=Status.PUBLISHED,
        latitude=33.3 + n / 1000,
        longitude=44.4,
        means=[Means.DRONE],
        country=Country.objects.get(iso2="IQ"),
    )
    perpetrator, target = factories.group(), factories.group()
    GroupAlias.objects.create(group=target, name=f"alias {n}")
    ExternalName.objects.create(group=target, dataset=Dataset.UCDP, value=f"ucdp-{n}")
    target.parent = perpetrator
    target.backers.add(perpetrator)
    target.save()
    Participation.objects.create(incident=incident, group=perpetrator, role=ParticipationRole.PERPETRATOR)
    Participation.objects.create(incident=incident, group=target, role=ParticipationRole.TARGET)
    speaker = factories.person(aliases="one\ntwo")
    Affiliation.objects.create(person=speaker, group=target, role=RoleKind.SPOKESPERSON)
    claim = factories.claim(incident, report=report, claimant_person=speaker, group=target, killed_min=1)
    factories.claim(incident, report=report, claimant="locals", killed_min=3, killed_max=5)
    Casualty.objects.create(incident=incident, person=factories.person(), claim=claim)
    statement = factories.statement(report=report, speaker=speaker, body_group=target, stance=Stance.DENIES)
    statement.incidents.add(incident)
    previous = Incident.objects.exclude(pk=incident.pk).order_by("-id").first()
    if previous is not None:
        IncidentLink.objects.create(from_incident=incident, to_incident=previous, kind=LinkKind.FOLLOW_UP_TO)
    return incident


def _queries_for(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{API}{path}", {"page_size": 1000})
    assert response.status_code == 200
    return len(captured)


LIST_PATHS = ["/incidents/", "/groups/", "/people/", "/statements/", "/reports/", "/places/"]


@pytest.mark.parametrize("as_staff", [False, True])
def test_lists_cost_the_same_queries_for_3_and_30_rows(client, staff_user, django_assert_max_num_queries, as_staff):
    if as_staff:
        client.force_login(staff_user)
    report = factories.report(text="long text " * 1000)
    for n in range(3):
        _full_incident(n, report)
    few = {path: _queries_for(client, path) for path in LIST_PATHS}

    for n in range(3, 30):
        _full_incident(n, report)
        factories.report(source=report.source)
    for path in LIST_PATHS:
        with django_assert_max_num_queries(few[path]):
            response = client.get(f"{API}{path}", {"page_size": 1000})
        assert response.status_code == 200
    assert len(response.json()["results"]) == Place.objects.count()
    assert get(client, "/incidents/", page_size=1000).json()["count"] == 30
    assert few["/incidents/"] <= 12


def test_filtered_incident_list_queries_stay_bounded(client, django_assert_max_num_queries):
    report = factories.report()
    incidents = [_full_incident(n, report) for n in range(10)]
    group = incidents[0].participations.get(role=ParticipationRole.PERPETRATOR).group
    person = Statement.objects.filter(incidents=incidents[0]).get().speaker
    with django_assert_max_num_queries(16):
        response = get(
            client,
            "/incidents/",
            group=group.pk,
            role="perpetrator",
            person=person.pk,
            country="IQ",
            q="Incident",
            date_from="2024-01-01",
            bbox="44,33,45,34",
            means="drone",
            killed_min=0,
            page_size=5,
        )
    assert public_ids(response) == [incidents[0].public_id]
