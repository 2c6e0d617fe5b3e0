"""The API's armed groups, people, reports and places as they stood at a moment: each record's own
fields as they then read, absent if added later, public if the public could see it then."""

import pytest
from django.test import Client
from django.utils import timezone

from geo.models import Country, Place
from incidents.models import Affiliation, Participation
from incidents.models.choices import ParticipationRole, Status
from releases.models import Release
from tests import factories

pytestmark = pytest.mark.django_db


def _at(moment) -> str:
    return f"as_of={moment.isoformat().replace('+00:00', 'Z')}"


def _names(client, resource: str, query: str, key: str = "name") -> list[str]:
    response = client.get(f"/api/v1/{resource}/?{query}")
    assert response.status_code == 200, response.content
    if query and "as_of" in query:
        assert response["Data-As-Of"]
    return [row[key] for row in response.json()["results"]]


def test_a_group_reads_as_it_then_did_and_one_added_later_is_absent(client):
    group = factories.group(name="Saraya Awliya al-Dam")
    group.countries.add(Country.objects.get(iso2="IQ"))
    moment = timezone.now()
    group.name = "Saraya Awliya al-Dam (renamed)"
    group.save()
    later = factories.group(name="A group founded later")

    assert _names(client, "groups", _at(moment)) == ["Saraya Awliya al-Dam"]
    assert set(_names(client, "groups", "")) == {"Saraya Awliya al-Dam (renamed)", later.name}
    detail = client.get(f"/api/v1/groups/{group.pk}/?{_at(moment)}")
    assert detail.status_code == 200 and detail.json()["name"] == "Saraya Awliya al-Dam"
    assert detail.json()["countries"] == ["IQ"]  # its relations, as they are
    assert client.get(f"/api/v1/groups/{later.pk}/?{_at(moment)}").status_code == 404
    # The filters read the same rows: the search by today's names, the country by today's links.
    assert _names(client, "groups", f"q=Awliya&{_at(moment)}") == ["Saraya Awliya al-Dam"]
    assert _names(client, "groups", f"country=IQ&{_at(moment)}") == ["Saraya Awliya al-Dam"]
    Release.objects.create(name="2024.1", moment=moment)
    assert _names(client, "groups", "release=2024.1") == ["Saraya Awliya al-Dam"]


def test_a_group_is_public_at_a_moment_if_approved_or_cited_then(staff_client):
    public = Client()
    proposed = factories.group(name="Proposed while ingesting", approved=False)
    cited_later = factories.group(name="Cited only later", approved=False)
    strike = factories.incident(title="Strike", status=Status.PUBLISHED)
    Participation.objects.create(incident=strike, group=proposed, role=ParticipationRole.PERPETRATOR)
    moment = timezone.now()
    Participation.objects.create(incident=strike, group=cited_later, role=ParticipationRole.TARGET)
    approved_later = factories.group(name="Approved later", approved=False)
    approved_later.approved = True
    approved_later.save()

    assert _names(public, "groups", _at(moment)) == ["Proposed while ingesting"]
    assert set(_names(public, "groups", "")) == {"Proposed while ingesting", "Cited only later", "Approved later"}
    assert set(_names(staff_client, "groups", _at(moment))) == {"Proposed while ingesting", "Cited only later"}


def test_a_person_reads_as_then_and_the_group_filter_reads_the_affiliations(client):
    person = factories.person(name="Abu Fadak al-Muhammadawi")
    group = factories.group(name="Popular Mobilization Forces")
    Affiliation.objects.create(person=person, group=group, title="chief of staff")
    moment = timezone.now()
    person.name = "Abdulaziz al-Muhammadawi"
    person.save()
    factories.person(name="Someone added later")

    assert _names(client, "people", _at(moment)) == ["Abu Fadak al-Muhammadawi"]
    assert _names(client, "people", f"group={group.pk}&{_at(moment)}") == ["Abu Fadak al-Muhammadawi"]
    assert _names(client, "people", f"q=Fadak&{_at(moment)}") == ["Abu Fadak al-Muhammadawi"]
    detail = client.get(f"/api/v1/people/{person.pk}/?{_at(moment)}").json()
    assert detail["name"] == "Abu Fadak al-Muhammadawi"
    assert [a["title"] for a in detail["affiliations"]] == ["chief of staff"]


def test_a_report_reads_as_then_and_one_cited_only_by_a_later_incident_is_hidden(client):
    shown = factories.report(title="First wire report")
    unapproved = factories.report(title="Proposed with a draft", approved=False)
    draft = factories.incident(title="Draft strike")
    factories.claim(draft, report=unapproved, killed_min=1, killed_max=1)
    moment = timezone.now()
    shown.title = "First wire report, corrected"
    shown.save()
    draft.status = Status.PUBLISHED
    draft.save()

    assert _names(client, "reports", _at(moment), key="title") == ["First wire report"]
    assert set(_names(client, "reports", "", key="title")) == {"First wire report, corrected", unapproved.title}
    detail = client.get(f"/api/v1/reports/{shown.pk}/?{_at(moment)}")
    assert detail.status_code == 200 and detail.json()["title"] == "First wire report"
    assert client.get(f"/api/v1/reports/{unapproved.pk}/?{_at(moment)}").status_code == 404


def test_a_place_reads_as_then_and_one_added_later_is_absent(client):
    iraq = Country.objects.get(iso2="IQ")
    site = Place.objects.create(name="Camp Example", country=iraq, latitude=33.1, longitude=44.1, source="test")
    moment = timezone.now()
    site.name = "Camp Example (renamed)"
    site.save()
    later = Place.objects.create(name="Camp Later", country=iraq, latitude=33.2, longitude=44.2, source="test")

    then = _names(client, "places", f"q=Camp Example&{_at(moment)}")
    assert then == ["Camp Example"]
    assert _names(client, "places", f"q=Camp Later&{_at(moment)}") == []
    assert _names(client, "places", "q=Camp Later") == [later.name]
    detail = client.get(f"/api/v1/places/{site.pk}/?{_at(moment)}").json()
    assert (detail["name"], detail["country_code"]) == ("Camp Example", "IQ")


@pytest.mark.parametrize("resource", ["groups", "people", "reports", "places"])
def test_a_bad_moment_is_a_400_and_a_moment_is_no_error_for_anyone(resource):
    assert Client().get(f"/api/v1/{resource}/?as_of=yesterday").status_code == 400
    assert Client().get(f"/api/v1/{resource}/1/?as_of=yesterday").status_code == 400
    assert Client().get(f"/api/v1/{resource}/?as_of=2020-01-01").status_code == 200
    assert Client().get(f"/api/v1/{resource}/123456/?as_of=2020-01-01").status_code == 404
