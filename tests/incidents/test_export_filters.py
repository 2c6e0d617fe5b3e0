"""Exports filtered as the incident list is: its FilterSet's rows and order, batch by batch; bad parameters refused."""

import datetime
from urllib.parse import urlencode

import pytest
from django.db.models import F
from django.http import QueryDict

from geo.models import AdminArea
from incidents.exports import records
from incidents.filters import IncidentFilter
from incidents.models import Incident, Participation
from incidents.models.choices import Means, ParticipationRole, Status
from tests import factories
from tests.incidents.export_responses import CSV_URL, GEOJSON_URL, _csv_rows, _features

pytestmark = pytest.mark.django_db


def _params(**params) -> QueryDict:
    return QueryDict(urlencode(params, doseq=True))


def _filterset_ids(params: QueryDict, queryset) -> list[str]:
    filterset = IncidentFilter(params, queryset=queryset)
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs.values_list("public_id", flat=True))


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
