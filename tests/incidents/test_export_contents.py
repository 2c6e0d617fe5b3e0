"""What the CSV and GeoJSON exports hold: the demo data's rows, text safe in a spreadsheet and read back as written."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from incidents.demo import DECEMBER_DRONE_ATTACK_ID, DECEMBER_STRIKES_ID, STRIKE_ID, load_demo
from incidents.exports import layout
from incidents.models import ArmedGroup, Incident, Participation
from incidents.models.choices import ParticipationRole, Status
from tests import factories
from tests.incidents.export_responses import CSV_URL, GEOJSON_URL, _csv_rows, _features

pytestmark = pytest.mark.django_db


# The demo data ---------------------------------------------------------------------------------


def test_csv_of_the_demo_data(client):
    load_demo()
    response = client.get(CSV_URL)
    assert response["Content-Disposition"] == f'attachment; filename="incidents-{timezone.now():%Y-%m-%d}.csv"'
    rows = _csv_rows(response)
    assert [row["public_id"] for row in rows] == [STRIKE_ID, DECEMBER_DRONE_ATTACK_ID, DECEMBER_STRIKES_ID]
    strike = rows[0]
    incident = Incident.objects.get(public_id=STRIKE_ID)
    assert strike["url"] == "http://testserver" + reverse("incidents:detail", args=[STRIKE_ID])
    assert strike["title"] == incident.title
    assert strike["start_date"] == "2024-01-04"
    assert strike["end_date"] == ""
    assert strike["date_precision"] == "day"
    assert strike["time_utc"] == "09:00:00"
    assert strike["event_type"] == "Explosions/Remote violence"
    assert strike["sub_event_type"] == "Air/drone strike"
    assert strike["means"] == "drone; rocket"
    assert strike["place_name"] == "Harakat al-Nujaba headquarters, eastern Baghdad"
    assert (strike["governorate"], strike["governorate_code"]) == ("Baghdad", "IQ-BG")
    assert (strike["country"], strike["country_code"]) == ("Iraq", "IQ")
    assert (float(strike["latitude"]), float(strike["longitude"])) == (incident.latitude, incident.longitude)
    assert strike["location_precision"] == "town"
    assert strike["perpetrators"] == "United States Armed Forces"
    assert strike["targets"] == "Harakat al-Nujaba"
    assert strike["associated_perpetrators"] == strike["associated_targets"] == ""
    assert [strike[f"killed_{k}"] for k in ("low", "best", "high")] == ["2", "2", "4"]
    assert [strike["civilians_killed_low"], strike["civilians_killed_high"]] == ["0", "0"]
    assert strike["contested"] == "true"
    assert strike["status"] == "published"
    assert strike["sources"] == "Reuters, 2024-01-05, U.S. strike in Baghdad kills militia leader, Pentagon says"
    assert strike["acled_event_id"] == strike["ucdp_id"] == ""
    assert datetime.datetime.fromisoformat(strike["changed_at"]) == incident.changed_at.replace(microsecond=0)
    december = rows[2]
    assert december["date_precision"] == "month"
    assert december["sources"] == ""
    assert december["contested"] == "false"
    assert december["latitude"] == december["governorate"] == ""


def test_geojson_of_the_demo_data(client):
    load_demo()
    response = client.get(GEOJSON_URL)
    assert response["Content-Disposition"] == f'attachment; filename="incidents-{timezone.now():%Y-%m-%d}.geojson"'
    features = _features(response)
    assert [f["id"] for f in features] == [STRIKE_ID, DECEMBER_DRONE_ATTACK_ID, DECEMBER_STRIKES_ID]
    strike, drone_attack, december = features
    incident = Incident.objects.get(public_id=STRIKE_ID)
    assert strike["type"] == "Feature"
    assert strike["geometry"] == {"type": "Point", "coordinates": [incident.longitude, incident.latitude]}
    assert drone_attack["geometry"] is None
    assert december["geometry"] is None
    properties = strike["properties"]
    assert list(properties) == layout.COLUMNS
    assert properties["killed_low"] == 2
    assert properties["killed_best"] == 2
    assert properties["killed_high"] == 4
    assert properties["contested"] is True
    assert properties["means"] == ["drone", "rocket"]
    assert properties["perpetrators"] == ["United States Armed Forces"]
    assert properties["targets"] == ["Harakat al-Nujaba"]
    assert properties["associated_targets"] == []
    assert properties["latitude"] == incident.latitude
    assert properties["end_date"] is None
    assert properties["sources"] == ["Reuters, 2024-01-05, U.S. strike in Baghdad kills militia leader, Pentagon says"]
    assert drone_attack["properties"]["injured_best"] == 3
    assert drone_attack["properties"]["killed_best"] is None
    assert december["properties"]["contested"] is False
    assert december["properties"]["sources"] == []


def test_export_of_nujaba_as_target_holds_only_the_baghdad_strike(client):
    load_demo()
    nujaba = ArmedGroup.objects.get(name="Harakat al-Nujaba")
    params = {"group": nujaba.pk, "role": "target"}

    rows = _csv_rows(client.get(CSV_URL, params))
    assert [row["public_id"] for row in rows] == [STRIKE_ID]
    assert [rows[0][f"killed_{k}"] for k in ("low", "best", "high")] == ["2", "2", "4"]
    assert rows[0]["contested"] == "true"

    features = _features(client.get(GEOJSON_URL, params))
    assert [f["id"] for f in features] == [STRIKE_ID]
    properties = features[0]["properties"]
    assert [properties[f"killed_{k}"] for k in ("low", "best", "high")] == [2, 2, 4]
    assert properties["contested"] is True


# Spreadsheet safety and text fidelity -------------------------------------------------------------


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example/","click")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_text_is_neutralised_in_csv_only(client, text):
    incident = factories.incident(
        title=text, place_name=text, status=Status.PUBLISHED, killed_low=2, killed_best=2, killed_high=4
    )
    cmd = factories.group(name="+cmd")
    Participation.objects.create(incident=incident, group=cmd, role=ParticipationRole.PERPETRATOR)
    Participation.objects.create(incident=incident, group=factories.group(name="Zeta"), role=ParticipationRole.TARGET)

    (row,) = _csv_rows(client.get(CSV_URL))
    assert row["title"] == row["place_name"] == "'" + text
    assert row["perpetrators"] == "'+cmd"
    assert row["targets"] == "Zeta"
    assert row["killed_low"] == "2"

    (feature,) = _features(client.get(GEOJSON_URL))
    assert feature["properties"]["title"] == text
    assert feature["properties"]["perpetrators"] == ["+cmd"]


def test_group_lists_are_neutralised_by_their_first_name(client):
    incident = factories.incident(status=Status.PUBLISHED)
    for name in ("+cmd", "Alpha"):
        Participation.objects.create(
            incident=incident, group=factories.group(name=name), role=ParticipationRole.ASSOCIATED_TARGET
        )
    (row,) = _csv_rows(client.get(CSV_URL))
    assert row["associated_targets"] == "'+cmd; Alpha"


def test_csv_parses_back_quotes_commas_newlines_and_arabic(client):
    titles = [
        'He said "no civilians", then left',
        "Line one\nline two, with a comma",
        "Carriage\r\nreturn",
        "غارة بطائرة مسيّرة على مقر حركة النجباء في بغداد",
    ]
    for title in titles:
        incident = factories.incident(title=title, place_name="شرق بغداد", status=Status.PUBLISHED)
        Participation.objects.create(
            incident=incident, group=factories.group(name=f"حركة النجباء {title[:5]}"), role=ParticipationRole.TARGET
        )
    rows = _csv_rows(client.get(CSV_URL, {"sort": "title"}))
    assert sorted(row["title"] for row in rows) == sorted(titles)
    assert {row["place_name"] for row in rows} == {"شرق بغداد"}
    assert all(row["targets"].startswith("حركة النجباء") for row in rows)

    features = _features(client.get(GEOJSON_URL, {"sort": "title"}))
    assert sorted(f["properties"]["title"] for f in features) == sorted(titles)


def test_sources_are_distinct_and_cited_by_claims_and_statements(client):
    incident = factories.incident(status=Status.PUBLISHED)
    older = factories.report(
        source=factories.source(name="Iraqi News Agency"),
        title="Strike, said the ministry",
        url="https://ina.example/1",
        published_on=datetime.date(2024, 1, 4),
    )
    newer = factories.report(source=factories.source(name="Reuters"), title="Follow-up")
    factories.claim(incident, report=newer, killed_min=1, killed_max=1)
    factories.claim(incident, report=newer, claimant="another source", killed_min=2, killed_max=2)
    factories.statement(report=older).incidents.add(incident)
    factories.statement(report=newer).incidents.add(incident)
    factories.claim(factories.incident(status=Status.PUBLISHED), report=factories.report(title="Unrelated"))

    rows = {row["public_id"]: row for row in _csv_rows(client.get(CSV_URL))}
    assert rows[incident.public_id]["sources"] == (
        "Iraqi News Agency, 2024-01-04, Strike, said the ministry <https://ina.example/1>"
        " | Reuters, 2024-01-05, Follow-up"
    )
