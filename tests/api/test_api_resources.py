"""The API's other resources: groups, people, statements, reports and places; the root; the browsable API."""

import pytest

from geo.models import Country, Place
from incidents.demo import STRIKE_ID
from incidents.models import ExternalName
from incidents.models.choices import Dataset, GroupKind
from tests import factories
from tests.api.conftest import API, get

pytestmark = pytest.mark.django_db


def test_groups_with_aliases_parent_members_and_external_names(client, demo):
    umbrella = factories.group(name="Islamic Resistance in Iraq", kind=GroupKind.COALITION)
    nujaba = demo["nujaba"]
    nujaba.parent = umbrella
    nujaba.save()
    ExternalName.objects.create(group=nujaba, dataset=Dataset.ACLED, value="Harakat al-Nujaba")
    nujaba.countries.set(Country.objects.filter(iso2__in=["IQ", "SY"]))

    row = get(client, f"/groups/{nujaba.pk}/").json()
    assert row["url"] == f"http://testserver/groups/{nujaba.pk}/"
    assert row["name_ar"] == "حركة النجباء"
    assert "an-Nujaba" in row["aliases"]
    assert row["parent"] == {"id": umbrella.pk, "name": "Islamic Resistance in Iraq"}
    assert row["external_names"] == [{"dataset": "acled", "value": "Harakat al-Nujaba"}]
    assert sorted(row["countries"]) == ["IQ", "SY"]
    assert row["kind"] == "state_aligned_militia"
    assert get(client, f"/groups/{umbrella.pk}/").json()["members"] == [{"id": nujaba.pk, "name": nujaba.name}]

    assert [g["name"] for g in get(client, "/groups/", parent=umbrella.pk).json()["results"]] == [nujaba.name]
    assert [g["name"] for g in get(client, "/groups/", q="Nujaba militia").json()["results"]] == [nujaba.name]
    assert [g["name"] for g in get(client, "/groups/", country="SY").json()["results"]] == [nujaba.name]
    names = [g["name"] for g in get(client, "/groups/").json()["results"]]
    assert names == sorted(names)


def test_people_with_affiliations(client, demo):
    body = get(client, "/people/", group=demo["nujaba"].pk).json()

    assert [p["name"] for p in body["results"]] == ["Mushtaq Jawad Kazim al-Jawari"]
    person = body["results"][0]
    assert person["url"] == f"http://testserver/people/{demo['al_jawari'].pk}/"
    assert person["aliases"] == ["Mushtaq Jawad Kazim al Jawari"]
    assert person["affiliations"] == [
        {
            "group": {"id": demo["nujaba"].pk, "name": "Harakat al-Nujaba"},
            "body": "",
            "role": "leader",
            "title": "leader of Harakat al Nujaba (per the Pentagon)",
            "start_date": None,
            "end_date": None,
        }
    ]
    ryder = get(client, f"/people/{demo['ryder'].pk}/").json()
    assert ryder["aliases"] == ["Major General Patrick Ryder", "Maj. Gen. Patrick Ryder"]
    assert ryder["affiliations"][0]["body"] == "U.S. Department of Defense (Pentagon)"
    assert [p["name"] for p in get(client, "/people/", q="Ryder").json()["results"]] == ["Patrick Ryder"]


def test_statements_with_their_incidents(client, demo):
    body = get(client, "/statements/", stance="threatens").json()

    assert body["count"] == 1
    threat = body["results"][0]
    assert threat["speaker"]["name"] == "Abu Aqeel al-Moussawi"
    assert threat["speaker_display"] == "Abu Aqeel al-Moussawi"
    assert threat["incidents"] == [STRIKE_ID]
    assert threat["quote"].startswith("We will retaliate")
    assert get(client, "/statements/", incident=STRIKE_ID).json()["count"] == 4
    assert get(client, "/statements/", speaker=demo["ryder"].pk).json()["count"] == 2
    assert get(client, "/statements/", q="unjustified").json()["count"] == 1


def test_reports_give_their_text_on_the_detail_only(client, demo):
    listed = get(client, "/reports/").json()["results"]
    assert len(listed) == 1
    assert "text" not in listed[0]
    assert listed[0]["source"]["name"] == "Reuters"
    assert listed[0]["published_on"] == "2024-01-05"

    detail = get(client, f"/reports/{listed[0]['id']}/").json()
    assert "Nujaba" in detail["text"]
    assert detail["title"] == listed[0]["title"]
    assert get(client, "/reports/", date_from="2024-01-06").json()["count"] == 0


def test_places_filter_by_country_governorate_text_and_bbox(client):
    baghdad = get(client, "/places/", q="Baghdad", governorate="IQ-BG").json()["results"]
    assert baghdad, "the gazetteer has Baghdad"
    row = next(p for p in baghdad if p["name"] == "Baghdad")
    assert (row["country_code"], row["governorate_code"], row["governorate_name"]) == ("IQ", "IQ-BG", "Baghdad")
    assert isinstance(row["alternate_names"], list)

    in_box = get(client, "/places/", bbox="44.0,33.0,45.0,34.0", page_size=1000).json()["results"]
    assert in_box and all(44.0 <= p["longitude"] <= 45.0 and 33.0 <= p["latitude"] <= 34.0 for p in in_box)
    syrian = get(client, "/places/", country="SY", page_size=1000).json()
    assert syrian["count"] == Place.objects.filter(country__iso2="SY").count()
    names = [p["name"] for p in syrian["results"]]
    assert names == sorted(names)


def test_api_root_lists_the_resources(client):
    root = client.get(f"{API}/").json()
    assert set(root) == {"incidents", "groups", "people", "statements", "reports", "places"}


def test_browsable_api_renders_for_a_browser(client, demo):
    response = client.get(f"{API}/incidents/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert STRIKE_ID in response.content.decode()
