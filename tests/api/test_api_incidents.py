"""The API's incidents: a record with everything its page shows, its links, every filter, the order."""

import datetime

import pytest

from geo.models import AdminArea
from incidents.demo import DECEMBER_DRONE_ATTACK_ID, DECEMBER_STRIKES_ID, STRIKE_ID
from incidents.models import ArmedGroup, Report
from incidents.models.choices import GroupKind, Status
from tests import factories
from tests.api.conftest import API, get, public_ids

pytestmark = pytest.mark.django_db


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
