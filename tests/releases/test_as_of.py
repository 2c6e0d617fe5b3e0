"""`as_of` and `release`: every incident view, export and API answer shows the records as they were
published at the moment asked for, read from the history tables."""

import csv
import datetime
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from incidents.models import Incident, Participation
from incidents.models.choices import ParticipationRole, Status
from releases.models import Release
from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("incidents:list")
CSV = reverse("incidents:export-csv")
GEOJSON = reverse("incidents:export-geojson")
API = "/api/v1/incidents/"
STATEMENTS = reverse("incidents:statement-list")


def _published(**fields) -> Incident:
    return factories.incident(status=Status.PUBLISHED, **fields)


def _api_ids(client, query: str) -> list[str]:
    response = client.get(f"{API}?{query}")
    assert response.status_code == 200, response.content
    return [row["public_id"] for row in response.json()["results"]]


def _csv(client, query: str) -> list[dict]:
    response = client.get(f"{CSV}?{query}")
    assert response.status_code == 200, response.content
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _geojson_ids(client, query: str) -> list[str]:
    response = client.get(f"{GEOJSON}?{query}")
    assert response.status_code == 200
    features = json.loads(b"".join(response.streaming_content))["features"]
    return [feature["properties"]["public_id"] for feature in features]


def _at(moment) -> str:
    return f"as_of={moment.isoformat().replace('+00:00', 'Z')}"


def test_an_incident_published_later_is_absent(client):
    early = _published(title="Early strike")
    moment = timezone.now()
    late = _published(title="Late strike")

    assert _api_ids(client, _at(moment)) == [early.public_id]
    assert sorted(_api_ids(client, "")) == sorted([early.public_id, late.public_id])
    assert [row["public_id"] for row in _csv(client, _at(moment))] == [early.public_id]
    assert _geojson_ids(client, _at(moment)) == [early.public_id]
    page = client.get(f"{LIST}?{_at(moment)}").content.decode()
    assert "Early strike" in page and "Late strike" not in page
    assert "As published at" in page
    assert client.get(reverse("incidents:detail", args=[late.public_id]) + f"?{_at(moment)}").status_code == 404


def test_an_incident_retracted_later_is_present_as_it_then_stood(client):
    incident = _published(title="Strike later retracted")
    moment = timezone.now()
    incident.status = Status.RETRACTED
    incident.status_note = "A duplicate of another report."
    incident.save()

    assert _api_ids(client, "") == []
    assert _api_ids(client, _at(moment)) == [incident.public_id]
    detail = reverse("incidents:detail", args=[incident.public_id])
    then = client.get(f"{detail}?{_at(moment)}").content.decode()
    now = client.get(detail).content.decode()
    assert "has been retracted" in now
    assert "has been retracted" not in then and "As published at" in then


def test_an_edited_toll_shows_its_old_figures(client):
    incident = _published()
    claim = factories.claim(incident, killed_min=2, killed_max=2)
    moment = timezone.now()
    claim.killed_min = claim.killed_max = 5
    claim.save()

    def figures(query):
        row = client.get(f"{API}{incident.public_id}/?{query}").json()
        return row["killed_best"], [c["killed_min"] for c in row["claims"]]

    assert figures("") == (5, [5])
    assert figures(_at(moment)) == (2, [2])
    assert _csv(client, _at(moment))[0]["killed_best"] == "2"
    # The filters read the toll of the moment too.
    assert _api_ids(client, f"killed_min=3&{_at(moment)}") == []
    assert _api_ids(client, "killed_min=3") == [incident.public_id]


def test_a_deleted_incident_is_present_before_its_deletion(client):
    incident = _published(title="Deleted later")
    moment = timezone.now()
    public_id = incident.public_id
    incident.delete()
    assert _api_ids(client, _at(moment)) == [public_id]
    assert _api_ids(client, "") == []


def test_a_group_filter_reads_the_participations_of_the_moment(client):
    incident = _published()
    group = factories.group(name="Kata'ib Hezbollah", approved=True)
    moment = timezone.now()
    Participation.objects.create(incident=incident, group=group, role=ParticipationRole.PERPETRATOR)

    assert _api_ids(client, f"group={group.pk}") == [incident.public_id]
    assert _api_ids(client, f"group={group.pk}&{_at(moment)}") == []
    row = client.get(f"{API}{incident.public_id}/?{_at(moment)}").json()
    assert row["participants"] == []


def test_a_release_answers_as_its_moment(client):
    incident = _published()
    factories.claim(incident, killed_min=1, killed_max=3)
    release = Release.objects.create(name="2024.1", moment=timezone.now())
    _published()
    by_release = client.get(f"{API}?release=2024.1")
    by_moment = client.get(f"{API}?as_of={release.moment.isoformat()}")
    assert by_release.json() == by_moment.json()
    assert [row["public_id"] for row in by_release.json()["results"]] == [incident.public_id]
    assert by_release["Data-As-Of"].endswith("; release=2024.1")


def test_exports_and_citations_name_the_moment(client):
    incident = _published(title="A strike")
    Release.objects.create(name="2024.1", moment=timezone.now())

    response = client.get(f"{CSV}?release=2024.1")
    assert response["Data-As-Of"].endswith("Z; release=2024.1")
    assert 'filename="incidents-release-2024.1.csv"' in response["Content-Disposition"]
    response = client.get(f"{CSV}?as_of=2030-01-01")
    assert response["Data-As-Of"].endswith("Z")  # a moment still to come is now
    page = client.get(reverse("incidents:detail", args=[incident.public_id]) + "?release=2024.1").content.decode()
    assert "as published at release 2024.1" in page
    assert f"/incidents/{incident.public_id}/?release=2024.1" in page


def test_a_date_stands_for_the_end_of_that_day(client):
    incident = _published()
    today = timezone.now().date().isoformat()
    yesterday = (timezone.now() - timezone.timedelta(days=1)).date().isoformat()
    assert _api_ids(client, f"as_of={today}") == [incident.public_id]
    assert _api_ids(client, f"as_of={yesterday}") == []


@pytest.mark.parametrize(
    "query",
    ["as_of=yesterday", "as_of=2024-13-45", "as_of=2024-01-01&release=x", "release=nothing-by-this-name", "as_of=%00"],
)
def test_a_bad_moment_is_a_400_naming_the_parameter(client, query):
    for url in (
        LIST,
        CSV,
        GEOJSON,
        API,
        reverse("incidents:detail", args=["INC-00000000"]),
        STATEMENTS,
        "/api/v1/statements/",
    ):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400, url
        body = response.content.decode()
        assert "as_of" in body or "release" in body


def test_the_list_keeps_the_moment_through_its_filters_and_leaves_it_for_the_map(client):
    _published(title="A strike")
    page = client.get(f"{LIST}?as_of=2030-01-01").content.decode()
    assert '<input type="hidden" name="as_of" value="2030-01-01">' in page
    assert 'href="/?as_of' not in page and "/trends/?as_of" not in page  # the map and the trends show the present


def test_staff_see_drafts_of_the_moment_and_the_public_does_not(staff_client):
    draft = factories.incident(title="A draft")
    moment = timezone.now()
    assert _api_ids(Client(), _at(moment)) == []
    assert _api_ids(staff_client, f"status=draft&{_at(moment)}") == [draft.public_id]


def test_trends_count_the_incidents_and_tolls_of_the_moment(client):
    group = factories.group(name="Islamic State", approved=True)
    first = _published(start_date=datetime.date(2024, 1, 3))
    Participation.objects.create(incident=first, group=group, role=ParticipationRole.PERPETRATOR)
    claim = factories.claim(first, killed_min=2, killed_max=4)
    moment = timezone.now()
    _published(start_date=datetime.date(2024, 1, 4))
    claim.killed_min = claim.killed_max = 10
    claim.save()

    def sums(query):
        response = client.get(f"{reverse('trends:csv')}?interval=month&{query}")
        assert response.status_code == 200
        rows = [row for row in csv.DictReader(io.StringIO(response.content.decode())) if row["series"] == "all"]
        return [(row["incidents"], row["killed_low"], row["killed_high"]) for row in rows]

    assert sums("") == [("2", "10", "10")]
    assert sums(_at(moment)) == [("1", "2", "4")]
    by_group = client.get(f"{reverse('trends:csv')}?interval=month&by=group&{_at(moment)}")
    assert f"{group.pk},Islamic State,1," in by_group.content.decode()
    page = client.get(f"{reverse('trends:trends')}?{_at(moment)}").content.decode()
    assert "As published at" in page


def test_the_map_counts_the_incidents_of_the_moment(client):
    group = factories.group(name="Kata'ib Hezbollah", approved=True)
    first = _published(title="Early strike", latitude=33.3, longitude=44.4)
    moment = timezone.now()
    Participation.objects.create(incident=first, group=group, role=ParticipationRole.PERPETRATOR)
    _published(title="Late strike", latitude=33.31, longitude=44.41)
    view = "bbox=40,30,50,40&zoom=6"

    now = client.get(f"{reverse('maps:map-data')}?{view}").json()
    then = client.get(f"{reverse('maps:map-data')}?{view}&{_at(moment)}").json()
    assert now["total"] == 2 and then["total"] == 1
    # The popup names the groups of the moment: none yet.
    assert "Hezbollah" not in json.dumps(then) and "Hezbollah" in json.dumps(now)
    spot = client.get(f"{reverse('maps:spot')}?bbox=44.3,33.2,44.5,33.4&{_at(moment)}").json()
    assert spot["total"] == 1
    weeks = client.get(f"{reverse('maps:histogram')}?{_at(moment)}")
    assert weeks.status_code == 200
    page = client.get(f"{reverse('maps:map')}?{_at(moment)}").content.decode()
    assert "As published at" in page and 'type="hidden" name="as_of"' in page


@pytest.mark.parametrize("name", ["incidents:export-acled", "incidents:export-ucdp"])
def test_the_dataset_layouts_hold_the_incidents_of_the_moment(client, name):
    early = _published(title="Early strike")
    factories.claim(early, killed_min=2, killed_max=2)
    moment = timezone.now()
    _published(title="Late strike")

    now = client.get(reverse(name))
    then = client.get(f"{reverse(name)}?{_at(moment)}")
    assert then.status_code == 200 and then["Data-As-Of"]
    rows_now = list(csv.DictReader(io.StringIO(b"".join(now.streaming_content).decode())))
    rows_then = list(csv.DictReader(io.StringIO(b"".join(then.streaming_content).decode())))
    assert len(rows_now) == 2 and len(rows_then) == 1


def test_a_merge_moves_the_claims_in_the_history_too(client):
    from incidents import workflow
    from tests.factories import staff_user

    keep, duplicate = _published(title="Kept"), _published(title="Duplicate")
    factories.claim(duplicate, killed_min=7, killed_max=7)
    workflow.merge(staff_user("ed3", "Editors"), keep, duplicate)
    after = timezone.now()

    row = client.get(f"{API}{keep.public_id}/?{_at(after)}").json()
    assert [claim["killed_min"] for claim in row["claims"]] == [7]
    assert row["killed_best"] == 7
    assert _api_ids(client, _at(after)) == [keep.public_id]
