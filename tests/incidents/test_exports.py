"""CSV and GeoJSON exports of the filtered incident list: same rows and order as the list's
FilterSet, streamed in a bounded number of queries, safe to open in a spreadsheet."""

import csv
import datetime
import io
import json
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.db.models import F
from django.http import QueryDict, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from geo.models import AdminArea
from incidents.demo import DECEMBER_DRONE_ATTACK_ID, DECEMBER_STRIKES_ID, STRIKE_ID, load_demo
from incidents.exports import layout, records
from incidents.filters import IncidentFilter
from incidents.models import ArmedGroup, CasualtyClaim, Incident, Participation, Statement
from incidents.models.choices import EventType, Means, ParticipationRole, Status
from tests import factories

pytestmark = pytest.mark.django_db

CSV_URL = reverse("incidents:export-csv")
GEOJSON_URL = reverse("incidents:export-geojson")


def _body(response) -> bytes:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


def _csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = _body(response)
    assert raw.startswith(b"\xef\xbb\xbf")
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    assert reader.fieldnames == layout.COLUMNS
    return list(reader)


def _features(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(_body(response).decode("utf-8"))
    assert collection["type"] == "FeatureCollection"
    return collection["features"]


def _params(**params) -> QueryDict:
    return QueryDict(urlencode(params, doseq=True))


def _filterset_ids(params: QueryDict, queryset) -> list[str]:
    filterset = IncidentFilter(params, queryset=queryset)
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs.values_list("public_id", flat=True))


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


# Same rows, same order as the list ----------------------------------------------------------------


@pytest.fixture
def varied():
    """Incidents with ties and gaps in every sort key: equal dates, titles differing only in case,
    blank places, no governorate, no toll; and drafts the public must not see."""
    areas = [None, *AdminArea.objects.filter(iso_code__in=["IQ-BG", "IQ-BA", "SY-DI", "IQ-AN"]).order_by("iso_code")]
    umbrella = factories.group(name="Islamic Resistance umbrella")
    alpha = factories.group(name="Alpha Brigade", parent=umbrella)
    beta = factories.group(name="beta front")
    person = factories.person(name="Named Claimant")
    dates = [datetime.date(2024, 1, 4), datetime.date(2023, 12, 1), datetime.date(2024, 1, 20)]
    titles = ["Strike", "strike", "Attack on convoy", "هجوم بطائرة مسيرة", "Éclair raid", "Strike", "ambush"]
    places = ["", "Baghdad", "eastern Baghdad", "", "Al Asad", "Baghdad"]
    means = [[Means.DRONE], [Means.ROCKET, Means.DRONE], [], [Means.AIR_STRIKE]]
    killed = [None, 0, 2, 2, 5]
    statuses = [Status.PUBLISHED] * 5 + [Status.DRAFT, Status.RETRACTED]
    for i in range(30):
        area = areas[i % len(areas)]
        best = killed[i % len(killed)]
        incident = factories.incident(
            title=titles[i % len(titles)],
            start_date=dates[i % len(dates)],
            place_name=places[i % len(places)],
            admin_area=area,
            country=area.country if area else None,
            latitude=(area.min_lat + area.max_lat) / 2 if area else None,
            longitude=(area.min_lon + area.max_lon) / 2 if area else None,
            means=means[i % len(means)],
            killed_low=best,
            killed_best=best,
            killed_high=best,
            status=statuses[i % len(statuses)],
        )
        if i % 3 == 0:
            Participation.objects.create(incident=incident, group=alpha, role=ParticipationRole.TARGET)
        if i % 4 == 1:
            Participation.objects.create(incident=incident, group=beta, role=ParticipationRole.PERPETRATOR)
        if i % 5 == 2:
            Incident.objects.filter(pk=incident.pk).update(contested=True)
        if i % 6 == 0:
            # Two claims by the same person: the person filter joins claims and must not repeat rows.
            for killed_min in (1, 3):
                factories.claim(incident, claimant_person=person, killed_min=killed_min, killed_max=killed_min)
    return {"umbrella": umbrella, "alpha": alpha, "person": person}


SORTS = [
    "",
    "date",
    "-date",
    "killed",
    "-killed",
    "place",
    "-place",
    "governorate",
    "-governorate",
    "title",
    "-title",
    "killed,-governorate",
    "governorate,place",
]


def _filter_cases(varied) -> list[dict]:
    return [
        {},
        {"group": varied["umbrella"].pk},
        {"group": varied["alpha"].pk, "role": "target"},
        {"contested": "true"},
        {"country": "IQ"},
        {"q": "strike"},
        {"date_from": "2024-01-01", "date_to": "2024-01-10"},
        {"means": ["drone", "rocket"]},
        {"killed_min": "1"},
        {"person": varied["person"].pk},
    ]


@pytest.mark.parametrize("sort", SORTS)
def test_export_rows_and_order_match_the_list_filterset(client, varied, sort):
    published = Incident.objects.published()
    for case in _filter_cases(varied):
        params = _params(**case, **({"sort": sort} if sort else {}))
        expected = _filterset_ids(params, published)
        rows = _csv_rows(client.get(CSV_URL, params))
        assert [row["public_id"] for row in rows] == expected, case
        features = _features(client.get(GEOJSON_URL, params))
        assert [feature["id"] for feature in features] == expected, case


@pytest.mark.parametrize("sort", SORTS)
def test_batches_follow_the_order_across_ties_and_nulls(varied, sort):
    # Batches of 4 cut through every run of equal keys and of NULLs.
    everything = Incident.objects.all()
    for case in _filter_cases(varied):
        params = _params(**case, **({"sort": sort} if sort else {}))
        filterset = IncidentFilter(params, queryset=everything)
        assert filterset.is_valid()
        found = records.iter_records(filterset.qs, str, batch_size=4)
        assert [r["public_id"] for r in found] == _filterset_ids(params, everything), case


@pytest.mark.parametrize(
    "ordering",
    [
        ("killed_best", "-id"),
        ("-killed_best", "id"),
        (F("killed_best").asc(nulls_first=True), "-id"),
        (F("admin_area__name_en").desc(nulls_first=True), "place_name", "id"),
        ("-admin_area__name_en", "-title", "id"),
    ],
)
def test_batches_follow_orderings_that_leave_nulls_to_the_database(varied, ordering):
    queryset = Incident.objects.order_by(*ordering)
    found = records.iter_records(queryset, str, batch_size=4)
    assert [r["public_id"] for r in found] == list(queryset.values_list("public_id", flat=True))


def test_staff_export_matches_the_filterset_over_every_status(staff_client, staff_user, varied):
    params = _params(sort="-killed")
    expected = _filterset_ids(params, Incident.objects.visible_to(staff_user))
    assert Incident.objects.exclude(status=Status.PUBLISHED).filter(public_id__in=expected).exists()
    assert [row["public_id"] for row in _csv_rows(staff_client.get(CSV_URL, params))] == expected


# Visibility -------------------------------------------------------------------------------------


@pytest.fixture
def every_status():
    return {status: factories.incident(title=f"A {status} incident", status=status) for status in Status.values}


def test_anonymous_exports_hold_published_incidents_only(client, every_status):
    published = every_status[Status.PUBLISHED].public_id
    assert [row["public_id"] for row in _csv_rows(client.get(CSV_URL))] == [published]
    assert [f["id"] for f in _features(client.get(GEOJSON_URL))] == [published]
    assert _csv_rows(client.get(CSV_URL, {"status": "draft"})) == []


def test_staff_exports_hold_what_staff_see_drafts_included(staff_client, staff_user, every_status):
    staff_sees = Incident.objects.visible_to(staff_user)
    expected = _filterset_ids(QueryDict(), staff_sees)
    assert every_status[Status.DRAFT].public_id in expected
    assert [row["public_id"] for row in _csv_rows(staff_client.get(CSV_URL))] == expected
    assert [f["id"] for f in _features(staff_client.get(GEOJSON_URL))] == expected
    for status in Status.values:
        rows = _csv_rows(staff_client.get(CSV_URL, {"status": status}))
        assert [row["public_id"] for row in rows] == [every_status[status].public_id]
        assert rows[0]["status"] == status


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


# Bad parameters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("group", "abc"),
        ("group", "999999999"),
        ("person", "1.5"),
        ("date_from", "2024-13-01"),
        ("sort", "bogus"),
        ("killed_min", "-1"),
        ("killed_min", "1e30"),
        ("bbox", "1,2,3"),
        ("means", "laser"),
        ("country", "XX"),
        ("governorate", "IQ-ZZ"),
        ("event_type", "picnic"),
        ("q", "nul\x00byte"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(client, name, value):
    response = client.get(CSV_URL, {name: value})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert name in response.content.decode()

    response = client.get(GEOJSON_URL, {name: value})
    assert response.status_code == 400
    assert name in response.json()["errors"]


# Streaming and query bounds -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "opening"), [(CSV_URL, b"\xef\xbb\xbfpublic_id,url,title,"), (GEOJSON_URL, b'{"type"')]
)
def test_first_bytes_come_before_any_row_query(client, django_assert_num_queries, url, opening):
    factories.incident(status=Status.PUBLISHED)
    response = client.get(url)
    assert isinstance(response, StreamingHttpResponse)
    chunks = iter(response.streaming_content)
    with django_assert_num_queries(0):
        first = next(chunks)
    assert first.startswith(opening)
    assert b"".join(chunks)


def _bulk_incidents(count: int) -> ArmedGroup:
    perpetrator = factories.group(name="Perpetrator group")
    target = factories.group(name="Target group")
    report = factories.report()
    incidents = Incident.objects.bulk_create(
        Incident(
            title=f"Incident {i}",
            start_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i % 90),
            event_type=EventType.REMOTE_VIOLENCE,
            status=Status.PUBLISHED,
            latitude=33.3,
            longitude=44.4,
        )
        for i in range(count)
    )
    Participation.objects.bulk_create(
        Participation(incident=incident, group=group, role=role)
        for incident in incidents
        for group, role in ((perpetrator, ParticipationRole.PERPETRATOR), (target, ParticipationRole.TARGET))
    )
    CasualtyClaim.objects.bulk_create(
        CasualtyClaim(incident=incident, report=report, claimant="a source", killed_min=1, killed_max=2)
        for incident in incidents
    )
    statement = factories.statement(report=report)
    Statement.incidents.through.objects.bulk_create(
        Statement.incidents.through(statement=statement, incident=incident) for incident in incidents
    )
    return target


# Group choice, its member groups, then one batch: its rows, groups and sources; on PostgreSQL the
# groups' ranking, the batch's ids, its settings and its text.
EXPORT_QUERIES = 6 if connection.vendor == "postgresql" else 5


@pytest.mark.parametrize("url", [CSV_URL, GEOJSON_URL])
@pytest.mark.parametrize("count", [10, 300])
def test_export_queries_do_not_grow_with_rows(client, django_assert_max_num_queries, url, count):
    target = _bulk_incidents(count)
    with django_assert_max_num_queries(EXPORT_QUERIES):
        response = client.get(url, {"group": target.pk, "role": "target", "sort": "-date"})
        rows = _csv_rows(response) if url == CSV_URL else _features(response)
    assert len(rows) == count


def test_queries_grow_with_batches_not_rows(django_assert_num_queries):
    _bulk_incidents(300)
    queryset = Incident.objects.order_by("title", "-id")
    # Six full batches of 50, three queries each, and the query that finds no more rows.
    with django_assert_num_queries(6 * 3 + 1):
        found = list(records.iter_records(queryset, str, batch_size=50))
    assert len(found) == 300
    assert all(r["perpetrators"] == ["Perpetrator group"] and len(r["sources"]) == 1 for r in found)
