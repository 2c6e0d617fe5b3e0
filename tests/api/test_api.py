"""The read-only public API under /api/v1/: resources, filters, visibility, pagination, query bounds."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from geo.models import AdminArea, Country, Place
from incidents.demo import DECEMBER_DRONE_ATTACK_ID, DECEMBER_STRIKES_ID, STRIKE_ID, load_demo
from incidents.models import (
    Affiliation,
    ArmedGroup,
    Casualty,
    ExternalName,
    GroupAlias,
    Incident,
    IncidentLink,
    Participation,
    Person,
    Report,
    Statement,
)
from incidents.models.choices import (
    CasualtyCategory,
    Dataset,
    EventType,
    GroupKind,
    LinkKind,
    Means,
    ParticipationRole,
    RoleKind,
    Stance,
    Status,
)
from incidents.paging import CappedPaginator
from tests import factories

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def demo():
    load_demo()
    return {
        "nujaba": ArmedGroup.objects.get(name="Harakat al-Nujaba"),
        "us": ArmedGroup.objects.get(name="United States Armed Forces"),
        "iran_aligned": ArmedGroup.objects.get(name="Iran-aligned militias (unidentified)"),
        "al_jawari": Person.objects.get(name="Mushtaq Jawad Kazim al-Jawari"),
        "ryder": Person.objects.get(name="Patrick Ryder"),
    }


@pytest.fixture
def syria_clash():
    """A published Syrian battle with civilian deaths, away from Baghdad."""
    incident = factories.incident(
        title="Clashes in Deir ez-Zor countryside",
        start_date=datetime.date(2024, 2, 10),
        event_type=EventType.BATTLES,
        means=[Means.SMALL_ARMS],
        latitude=35.33,
        longitude=40.14,
        status=Status.PUBLISHED,
    )
    factories.claim(incident, category=CasualtyCategory.CIVILIANS, killed_min=3, killed_max=3)
    incident.refresh_from_db()
    return incident


@pytest.fixture
def draft():
    return factories.incident(title="Unverified strike near Al Qaim", status=Status.DRAFT)


def get(client, path, **params):
    return client.get(f"{API}{path}", params)


def public_ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["public_id"] for row in response.json()["results"]]


# The founding example


def test_demo_strike_found_by_its_target_with_both_accounts(client, demo):
    response = get(client, "/incidents/", group=demo["nujaba"].pk, role="target")

    assert public_ids(response) == [STRIKE_ID]
    strike = response.json()["results"][0]
    accounts = {(c["claimant"], c["category"]): (c["killed_min"], c["killed_max"]) for c in strike["claims"]}
    assert accounts[("the Pentagon", "combatants")] == (2, 2)
    assert accounts[("the Pentagon", "civilians")] == (0, 0)
    assert accounts[("Iraqi police and militia sources (toll confirmed by health sources)", "all")] == (4, 4)
    pentagon = next(c for c in strike["claims"] if c["category"] == "combatants")
    assert pentagon["claimant_person"] == {"id": demo["ryder"].pk, "name": "Patrick Ryder"}
    assert pentagon["group"] == {"id": demo["nujaba"].pk, "name": "Harakat al-Nujaba"}
    assert pentagon["report"] == Report.objects.get().pk
    assert "Harakat al Nujaba member" in pentagon["quote"]
    assert (strike["killed_low"], strike["killed_best"], strike["killed_high"]) == (2, 2, 4)
    assert (strike["civilians_killed_low"], strike["civilians_killed_high"]) == (0, 0)
    assert strike["contested"] is True


def test_incident_carries_everything_the_page_shows(client, demo):
    strike = get(client, f"/incidents/{STRIKE_ID}/").json()

    assert strike["url"] == f"http://testserver/incidents/{STRIKE_ID}/"
    assert strike["api_url"] == f"http://testserver{API}/incidents/{STRIKE_ID}/"
    assert strike["status"] == "published"
    assert (strike["start_date"], strike["date_precision"], strike["date_display"]) == (
        "2024-01-04",
        "day",
        "2024-01-04",
    )
    assert (strike["time_utc"], strike["time_approximate"]) == ("09:00:00", True)
    assert (strike["event_type"], strike["sub_event_type"]) == ("remote_violence", "air_drone_strike")
    assert strike["means"] == ["drone", "rocket"]
    assert (strike["country_code"], strike["country_name"]) == ("IQ", "Iraq")
    assert (strike["governorate_code"], strike["governorate_name"]) == ("IQ-BG", "Baghdad")
    assert strike["governorate_name_ar"] == AdminArea.objects.get(iso_code="IQ-BG").name_ar
    assert isinstance(strike["latitude"], float) and isinstance(strike["longitude"], float)
    assert strike["location_precision"] == "town"
    assert {(p["group"]["name"], p["role"], p["attribution"]) for p in strike["participants"]} == {
        ("United States Armed Forces", "perpetrator", "confirmed"),
        ("Harakat al-Nujaba", "target", "confirmed"),
    }
    assert [(c["person"]["name"], c["outcome"]) for c in strike["named_casualties"]] == [
        ("Mushtaq Jawad Kazim al-Jawari", "killed")
    ]
    stances = {s["stance"] for s in strike["statements"]}
    assert stances == {"confirms", "justifies", "condemns", "threatens"}
    condemnation = next(s for s in strike["statements"] if s["stance"] == "condemns")
    assert condemnation["speaker"] is None
    assert condemnation["body"] == "Office of the Prime Minister of Iraq"
    assert condemnation["said_on"] == "2024-01-05"
    assert condemnation["quote"] == "unjustified attack on an Iraqi security entity"
    assert [(link["kind"], link["incident"]["public_id"]) for link in strike["links_out"]] == [
        ("follow_up_to", DECEMBER_STRIKES_ID)
    ]
    assert strike["links_in"] == []


def test_links_in_and_out_name_the_other_incident(client, demo):
    december = get(client, f"/incidents/{DECEMBER_STRIKES_ID}/").json()

    assert [(link["kind"], link["incident"]["public_id"]) for link in december["links_out"]] == [
        ("retaliation_for", DECEMBER_DRONE_ATTACK_ID)
    ]
    assert [(link["kind"], link["incident"]["public_id"]) for link in december["links_in"]] == [
        ("follow_up_to", STRIKE_ID)
    ]
    assert december["links_in"][0]["incident"]["api_url"].endswith(f"/incidents/{STRIKE_ID}/")
    assert december["date_display"] == "December 2023"
    assert december["governorate_code"] is None


# Every incident filter, through the API


def test_filter_date_range_counts_month_precision_incidents_in_their_whole_month(client, demo):
    assert public_ids(get(client, "/incidents/", date_from="2024-01-01", date_to="2024-01-31")) == [STRIKE_ID]
    mid_december = public_ids(get(client, "/incidents/", date_from="2023-12-15", date_to="2023-12-20"))
    assert sorted(mid_december) == [DECEMBER_STRIKES_ID, DECEMBER_DRONE_ATTACK_ID]
    assert STRIKE_ID in public_ids(get(client, "/incidents/", date_from="2024-01-04"))
    assert public_ids(get(client, "/incidents/", date_to="2023-11-30")) == []


def test_filter_country_and_governorate(client, demo, syria_clash):
    assert syria_clash.admin_area.iso_code == "SY-DY"
    assert public_ids(get(client, "/incidents/", country="SY")) == [syria_clash.public_id]
    assert syria_clash.public_id not in public_ids(get(client, "/incidents/", country="IQ"))
    assert public_ids(get(client, "/incidents/", governorate="IQ-BG")) == [STRIKE_ID]
    both = public_ids(client.get(f"{API}/incidents/?governorate=IQ-BG&governorate=SY-DY"))
    assert both == [syria_clash.public_id, STRIKE_ID]


def test_filter_event_type_and_means(client, demo, syria_clash):
    assert public_ids(get(client, "/incidents/", event_type="battles")) == [syria_clash.public_id]
    assert public_ids(get(client, "/incidents/", means="rocket")) == [STRIKE_ID]
    assert public_ids(get(client, "/incidents/", means="air_strike")) == [DECEMBER_STRIKES_ID]
    either = public_ids(client.get(f"{API}/incidents/?means=rocket&means=small_arms"))
    assert either == [syria_clash.public_id, STRIKE_ID]


def test_filter_group_and_role(client, demo):
    us = demo["us"].pk
    assert public_ids(get(client, "/incidents/", group=us, role="perpetrator")) == [STRIKE_ID, DECEMBER_STRIKES_ID]
    assert public_ids(get(client, "/incidents/", group=us, role="target")) == [DECEMBER_DRONE_ATTACK_ID]
    assert len(public_ids(get(client, "/incidents/", group=us))) == 3


def test_filter_group_umbrella_takes_in_its_members(client, demo):
    umbrella = factories.group(name="Islamic Resistance in Iraq", kind=GroupKind.COALITION)
    ArmedGroup.objects.filter(pk=demo["nujaba"].pk).update(parent=umbrella)

    assert public_ids(get(client, "/incidents/", group=umbrella.pk, role="target")) == [STRIKE_ID]
    assert public_ids(get(client, "/incidents/", group=umbrella.pk, role="perpetrator")) == []


def test_filter_person(client, demo):
    # The target named as killed, and the spokesperson who gave the Pentagon's account.
    assert public_ids(get(client, "/incidents/", person=demo["al_jawari"].pk)) == [STRIKE_ID]
    assert public_ids(get(client, "/incidents/", person=demo["ryder"].pk)) == [STRIKE_ID]
    assert public_ids(get(client, "/incidents/", person=factories.person().pk)) == []


def test_filter_killed_min_civilian_harm_and_contested(client, demo, syria_clash):
    assert public_ids(get(client, "/incidents/", killed_min=2)) == [syria_clash.public_id, STRIKE_ID]
    assert public_ids(get(client, "/incidents/", killed_min=3)) == [syria_clash.public_id]
    assert public_ids(get(client, "/incidents/", civilian_harm="true")) == [syria_clash.public_id]
    assert syria_clash.public_id not in public_ids(get(client, "/incidents/", civilian_harm="false"))
    assert public_ids(get(client, "/incidents/", contested="true")) == [STRIKE_ID]
    assert STRIKE_ID not in public_ids(get(client, "/incidents/", contested="false"))


@pytest.mark.parametrize(
    "text",
    [
        "an-Nujaba",  # an alias of the target
        "حركة النجباء",  # its Arabic name
        "HaN",  # its abbreviation
        "eastern Baghdad",  # the place as reported
        STRIKE_ID.lower(),
    ],
)
def test_filter_text_matches_aliases_arabic_names_and_places(client, demo, text):
    assert public_ids(get(client, "/incidents/", q=text)) == [STRIKE_ID]


def test_filter_text_matches_the_perpetrators_arabic_name(client, demo):
    found = public_ids(get(client, "/incidents/", q="القوات المسلحة الأمريكية"))
    assert sorted(found) == sorted([STRIKE_ID, DECEMBER_STRIKES_ID, DECEMBER_DRONE_ATTACK_ID])


def test_filter_bbox(client, demo, syria_clash):
    assert public_ids(get(client, "/incidents/", bbox="44.0,33.0,45.0,34.0")) == [STRIKE_ID]
    assert public_ids(get(client, "/incidents/", bbox="39.5,34.5,41.0,36.0")) == [syria_clash.public_id]


def test_sort_by_toll(client, demo, syria_clash):
    # Where incidents with no toll go depends on the database's NULL ordering; compare the others.
    ids = public_ids(get(client, "/incidents/", sort="-killed"))
    assert ids.index(syria_clash.public_id) < ids.index(STRIKE_ID)
    ids = public_ids(get(client, "/incidents/", sort="killed"))
    assert ids.index(STRIKE_ID) < ids.index(syria_clash.public_id)


def test_default_order_is_newest_first_then_newest_id(client, demo):
    same_day = [factories.incident(status=Status.PUBLISHED, start_date=datetime.date(2024, 1, 4)) for _ in range(3)]
    ids = public_ids(get(client, "/incidents/"))
    assert ids[:4] == [*(i.public_id for i in reversed(same_day)), STRIKE_ID]


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("date_from", "yesterday"),
        ("date_to", "2024-13-45"),
        ("country", "XX"),
        ("governorate", "nowhere"),
        ("event_type", "picnic"),
        ("means", "catapult"),
        ("group", "abc"),
        ("group", "999999"),
        ("role", "bystander"),
        ("person", "abc"),
        ("killed_min", "-1"),
        ("killed_min", "1e99"),
        ("killed_min", "many"),
        ("bbox", "a,b,c"),
        ("bbox", "44,34,45,33"),
        ("sort", "colour"),
        ("status", "lost"),
        ("page", "zero"),
        ("page", "0"),
        ("page", "-2"),
        ("page_size", "lots"),
        ("page_size", "0"),
        ("page", "9" * 4301),  # more digits than int() takes
        ("page_size", "9" * 5000),
        ("page", "0" * 5000),
        ("page", "0" * 5000 + "1"),
    ],
)
def test_bad_incident_parameter_is_a_400_naming_it(client, demo, param, value):
    response = get(client, "/incidents/", **{param: value})

    assert response.status_code == 400
    body = response.json()
    assert list(body) == [param]
    assert body[param] and all(isinstance(message, str) for message in body[param])


@pytest.mark.parametrize(
    ("path", "param", "value"),
    [
        ("/groups/", "kind", "gang"),
        ("/groups/", "parent", "abc"),
        ("/groups/", "country", "XX"),
        ("/people/", "group", "abc"),
        ("/statements/", "stance", "shrugs"),
        ("/statements/", "date_from", "yesterday"),
        ("/statements/", "speaker", "abc"),
        ("/reports/", "source", "abc"),
        ("/reports/", "date_to", "soon"),
        ("/places/", "bbox", "a,b,c"),
        ("/places/", "governorate", "nowhere"),
        ("/places/", "page", "zero"),
        ("/groups/", "page", "9" * 4301),
    ],
)
def test_bad_parameter_on_other_resources_is_a_400_naming_it(client, path, param, value):
    response = get(client, path, **{param: value})

    assert response.status_code == 400
    assert list(response.json()) == [param]


def test_page_past_the_end_is_not_found(client, demo):
    assert get(client, "/incidents/", page=99).status_code == 404


@pytest.mark.parametrize(
    ("resource", "make"),
    [("groups", factories.group), ("people", factories.person), ("reports", factories.report)],
)
def test_records_by_id_take_ascii_digits_only(client, resource, make):
    """As the pages do: "١٢" (Arabic-Indic digits) is no id, though int() would read it as 12."""
    record = make()
    assert get(client, f"/{resource}/{record.pk}/").status_code == 200
    indic = "".join(chr(0x0660 + int(d)) for d in str(record.pk))
    for bad in (indic, "abc", str(2**63), str(2**70)):
        response = get(client, f"/{resource}/{bad}/")
        assert response.status_code == 404, bad
        assert response.json() == {"detail": "No record has that id."}  # the API's JSON, not a page


def test_last_page_by_name(client, demo):
    response = get(client, "/incidents/", page_size=2, page="last")
    assert public_ids(response) == [DECEMBER_STRIKES_ID]


# Visibility


def test_drafts_are_hidden_from_the_public(client, demo, draft):
    assert draft.public_id not in public_ids(get(client, "/incidents/"))
    assert public_ids(get(client, "/incidents/", status="draft")) == []
    assert get(client, f"/incidents/{draft.public_id}/").status_code == 404


def test_staff_see_drafts(staff_client, demo, draft):
    assert draft.public_id in public_ids(get(staff_client, "/incidents/"))
    assert public_ids(get(staff_client, "/incidents/", status="draft")) == [draft.public_id]
    response = get(staff_client, f"/incidents/{draft.public_id}/")
    assert response.status_code == 200
    assert response.json()["status"] == "draft"


def test_links_and_statements_do_not_reveal_drafts(staff_client, demo, draft):
    # staff_client logs in the `client` fixture itself, so the public needs a client of its own.
    client = Client()
    strike = Incident.objects.get(public_id=STRIKE_ID)
    IncidentLink.objects.create(from_incident=draft, to_incident=strike, kind=LinkKind.RETALIATION_FOR)
    IncidentLink.objects.create(from_incident=strike, to_incident=draft, kind=LinkKind.SAME_OPERATION)
    statement = factories.statement()
    statement.incidents.set([strike, draft])

    public = get(client, f"/incidents/{STRIKE_ID}/").json()
    assert [link["incident"]["public_id"] for link in public["links_in"]] == []
    assert [link["incident"]["public_id"] for link in public["links_out"]] == [DECEMBER_STRIKES_ID]
    assert get(client, f"/statements/{statement.pk}/").json()["incidents"] == [STRIKE_ID]

    staff = get(staff_client, f"/incidents/{STRIKE_ID}/").json()
    assert [link["incident"]["public_id"] for link in staff["links_in"]] == [draft.public_id]
    assert sorted(link["incident"]["public_id"] for link in staff["links_out"]) == sorted(
        [DECEMBER_STRIKES_ID, draft.public_id]
    )
    assert sorted(get(staff_client, f"/statements/{statement.pk}/").json()["incidents"]) == sorted(
        [STRIKE_ID, draft.public_id]
    )


# Pagination


def test_page_size_pages_through_in_a_stable_order(client, demo, syria_clash):
    everything = public_ids(get(client, "/incidents/"))
    first = get(client, "/incidents/", page_size=2).json()
    second = client.get(first["next"]).json()

    assert first["count"] == 4
    assert [r["public_id"] for r in first["results"] + second["results"]] == everything
    assert second["next"] is None
    assert "page_size=2" in first["next"]


def _published(n: int) -> list[str]:
    created = Incident.objects.bulk_create(
        Incident(
            title=f"Incident {i}",
            start_date=datetime.date(2024, 1, 1 + i % 28),
            event_type="battles",
            status="published",
        )
        for i in range(n)
    )
    return [i.public_id for i in sorted(created, key=lambda i: (i.start_date, i.pk), reverse=True)]


def test_count_stops_at_the_horizon_and_says_so(client, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 5)
    everything = _published(12)

    first = get(client, "/incidents/", page_size=2).json()
    # Counted to the horizon plus one: at least 6 match, and more pages follow.
    assert (first["count"], first["count_is_capped"]) == (6, True)
    assert [r["public_id"] for r in first["results"]] == everything[:2]
    assert "page=2" in first["next"] and first["previous"] is None

    third = get(client, "/incidents/", page_size=2, page=3).json()
    assert (third["count"], third["count_is_capped"]) == (7, True)
    assert [r["public_id"] for r in third["results"]] == everything[4:6]

    # Counting to the end of a page near the end finds the exact total.
    sixth = get(client, "/incidents/", page_size=2, page=6).json()
    assert (sixth["count"], sixth["count_is_capped"], sixth["next"]) == (12, False, None)
    assert [r["public_id"] for r in sixth["results"]] == everything[10:]
    assert get(client, "/incidents/", page_size=2, page=7).status_code == 404

    # The last page by name is the real last page: it counts every match.
    last = get(client, "/incidents/", page_size=2, page="last").json()
    assert (last["count"], last["count_is_capped"]) == (12, False)
    assert [r["public_id"] for r in last["results"]] == everything[10:]

    # Below the cap the count is exact, on every resource.
    narrow = get(client, "/incidents/", page_size=2, date_from="2024-01-01", date_to="2024-01-03").json()
    assert (narrow["count"], narrow["count_is_capped"]) == (3, False)
    assert get(client, "/groups/").json()["count_is_capped"] is False


def test_page_size_above_the_maximum_is_capped(client):
    for _ in range(3):
        factories.group()
    response = get(client, "/groups/", page_size=5000)
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3


def test_default_page_size_comes_from_settings(client, settings):
    assert settings.REST_FRAMEWORK["PAGE_SIZE"] == 100
    ArmedGroup.objects.bulk_create(ArmedGroup(name=f"Group {n:03}", kind=GroupKind.NON_STATE) for n in range(101))
    body = get(client, "/groups/").json()
    assert (body["count"], len(body["results"])) == (101, 100)
    assert body["results"][0]["name"] == "Group 000"


# Read-only


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("as_staff", [False, True])
def test_writes_are_refused(client, staff_user, demo, method, as_staff):
    if as_staff:
        client.force_login(staff_user)
    paths = [f"{API}/incidents/", f"{API}/incidents/{STRIKE_ID}/", f"{API}/groups/", f"{API}/groups/1/"]
    for path in paths:
        response = getattr(client, method)(path, {"title": "changed"}, content_type="application/json")
        assert response.status_code == 405, (method, path)
    assert Incident.objects.get(public_id=STRIKE_ID).title.startswith("U.S. strike")
    assert Incident.objects.count() == 3


# Other resources


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


# Bounded queries: a list costs the same whatever its length


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
