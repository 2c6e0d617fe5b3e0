"""The map's data endpoints: points or exact grid clusters for the view, and incidents per week."""

import datetime
import math
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incidents.filters import IncidentFilter
from incidents.models import Incident, Participation
from incidents.models.choices import CasualtyCategory, DatePrecision, EventType, ParticipationRole, Status
from maps import counting
from tests import factories

pytestmark = pytest.mark.django_db

DATA_URL = reverse("maps:map-data")
HISTOGRAM_URL = reverse("maps:histogram")
SPOT_URL = reverse("maps:spot")
IRAQ_AND_SYRIA = "35,29,49,38"


def grid_of_incidents(count: int, *, south=30.0, west=40.0, step=0.1, columns=60, **fields) -> list[Incident]:
    """`count` published incidents on a regular grid, row by row, inserted in one statement per batch."""
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("event_type", EventType.BATTLES)
    fields.setdefault("start_date", datetime.date(2024, 1, 4))
    rows = [
        Incident(
            title=f"Clash {i}",
            latitude=round(south + (i // columns) * step, 6),
            longitude=round(west + (i % columns) * step, 6),
            killed_low=0,
            killed_best=i % 3,
            killed_high=2,
            **fields,
        )
        for i in range(count)
    ]
    return Incident.objects.bulk_create(rows, batch_size=500)


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_a_few_incidents_come_as_points_with_what_their_popups_show(client):
    us, nujaba = factories.group(name="United States Armed Forces"), factories.group(name="Harakat al-Nujaba")
    strike = factories.incident(
        title="Strike in eastern Baghdad",
        place_name="eastern Baghdad",
        latitude=33.34,
        longitude=44.40,
        status=Status.PUBLISHED,
    )
    Participation.objects.create(incident=strike, group=us, role=ParticipationRole.PERPETRATOR)
    Participation.objects.create(incident=strike, group=nujaba, role=ParticipationRole.TARGET)
    report = factories.report()
    factories.claim(strike, report=report, claimant="the Pentagon", killed_min=2, killed_max=2)
    factories.claim(strike, report=report, claimant="police sources", killed_min=4, killed_max=4)
    month = factories.incident(
        title="Strikes somewhere near Mosul",
        start_date=datetime.date(2023, 12, 1),
        end_date=datetime.date(2023, 12, 31),
        date_precision=DatePrecision.MONTH,
        latitude=36.34,
        longitude=43.13,
        status=Status.PUBLISHED,
    )

    data = get_json(client, DATA_URL, bbox=IRAQ_AND_SYRIA, zoom=6)

    assert (data["mode"], data["total"], data["unlocated"]) == ("points", 2, 0)
    by_id = {f["public_id"]: f for f in data["features"]}
    point = by_id[strike.public_id]
    assert point["url"] == f"/incidents/{strike.public_id}/"
    assert (point["lat"], point["lng"]) == (33.34, 44.40)
    assert (point["date"], point["precision"], point["start_date"]) == ("2024-01-04", "day", "2024-01-04")
    assert (point["killed_low"], point["killed_best"], point["killed_high"], point["contested"]) == (2, 2, 4, True)
    assert point["actors"] == "United States Armed Forces → Harakat al-Nujaba"
    assert (point["title"], point["place"], point["event_type"]) == (
        "Strike in eastern Baghdad",
        "eastern Baghdad",
        "remote_violence",
    )
    assert point["governorate"] == "Baghdad"
    assert by_id[month.public_id]["date"] == "December 2023"
    assert by_id[month.public_id]["actors"] == "unknown → unknown"


def test_many_incidents_come_as_clusters_whose_counts_are_exact(client):
    incidents = grid_of_incidents(3000)

    data = get_json(client, DATA_URL, bbox=IRAQ_AND_SYRIA, zoom=6)

    assert (data["mode"], data["total"]) == ("clusters", 3000)
    clusters = data["features"]
    assert sum(c["count"] for c in clusters) == 3000
    size = data["cell_size"]
    cells = Counter((math.floor(i.latitude / size), math.floor(i.longitude / size)) for i in incidents)
    assert sorted(c["count"] for c in clusters) == sorted(cells.values())
    for cluster in clusters:
        south, west, north, east = cluster["bounds"]
        assert south <= cluster["lat"] <= north and west <= cluster["lng"] <= east
        assert math.floor(south / size) == math.floor(north / size)
    assert sum(c["killed"] for c in clusters) == sum(i.killed_best for i in incidents)


def test_each_cluster_counts_its_incidents_per_event_type(client):
    types = [EventType.BATTLES, EventType.REMOTE_VIOLENCE, EventType.REMOTE_VIOLENCE, EventType.PROTESTS]
    incidents = grid_of_incidents(1200)
    for incident in incidents:
        incident.event_type = types[incident.pk % len(types)]
    Incident.objects.bulk_update(incidents, ["event_type"])

    data = get_json(client, DATA_URL, bbox=IRAQ_AND_SYRIA, zoom=6)

    assert data["mode"] == "clusters"
    size = data["cell_size"]
    expected = {}
    for i in incidents:
        cell = expected.setdefault((math.floor(i.latitude / size), math.floor(i.longitude / size)), Counter())
        cell[i.event_type] += 1
    by_bounds = {
        (math.floor(c["bounds"][0] / size), math.floor(c["bounds"][1] / size)): c["types"] for c in data["features"]
    }
    assert by_bounds == {cell: dict(counts) for cell, counts in expected.items()}
    assert all(sum(c["types"].values()) == c["count"] for c in data["features"])


def test_zooming_into_a_smaller_view_switches_back_to_points(client):
    grid_of_incidents(3000)

    data = get_json(client, DATA_URL, bbox="40,30,41,31", zoom=10)

    # 10 rows by 10 columns of the grid lie in that degree square, edges included.
    assert (data["mode"], data["total"]) == ("points", 121)
    assert all(30 <= f["lat"] <= 31 and 40 <= f["lng"] <= 41 for f in data["features"])


def test_bbox_keeps_the_incidents_inside_and_counts_the_unlocated_apart(client):
    inside = factories.incident(latitude=33.3, longitude=44.4, status=Status.PUBLISHED)
    factories.incident(latitude=36.2, longitude=37.1, status=Status.PUBLISHED)
    factories.incident(status=Status.PUBLISHED)

    data = get_json(client, DATA_URL, bbox="44,33,45,34", zoom=8)

    assert [f["public_id"] for f in data["features"]] == [inside.public_id]
    assert (data["total"], data["unlocated"]) == (1, 1)
    world = get_json(client, DATA_URL)
    assert (world["total"], world["unlocated"]) == (2, 1)


def test_filters_apply_to_points_clusters_and_the_unlocated_count(client):
    grid_of_incidents(1200, event_type=EventType.PROTESTS)
    grid_of_incidents(5, event_type=EventType.BATTLES)
    factories.incident(event_type=EventType.BATTLES, status=Status.PUBLISHED)

    battles = get_json(client, DATA_URL, bbox=IRAQ_AND_SYRIA, zoom=6, event_type="battles")
    protests = get_json(client, DATA_URL, bbox=IRAQ_AND_SYRIA, zoom=6, event_type="protests")

    assert (battles["mode"], battles["total"], battles["unlocated"]) == ("points", 5, 1)
    assert {f["event_type"] for f in battles["features"]} == {"battles"}
    assert (protests["mode"], protests["total"], protests["unlocated"]) == ("clusters", 1200, 0)


def test_drafts_are_hidden_from_the_public_and_shown_to_staff(staff_client):
    client = Client()
    factories.incident(latitude=33.3, longitude=44.4, status=Status.PUBLISHED)
    factories.incident(latitude=33.4, longitude=44.5, status=Status.DRAFT)
    factories.incident(latitude=33.5, longitude=44.6, status=Status.RETRACTED)
    factories.incident(status=Status.DRAFT)

    public = get_json(client, DATA_URL, bbox=IRAQ_AND_SYRIA, zoom=6)
    staff = get_json(staff_client, DATA_URL, bbox=IRAQ_AND_SYRIA, zoom=6)
    staff_drafts = get_json(staff_client, DATA_URL, bbox=IRAQ_AND_SYRIA, zoom=6, status="draft")
    staff_retracted = get_json(staff_client, DATA_URL, bbox=IRAQ_AND_SYRIA, zoom=6, status="retracted")

    assert (public["total"], public["unlocated"]) == (1, 0)
    # Retractions leave the map unless asked for by status (the shared IncidentFilter's rule).
    assert (staff["total"], staff["unlocated"]) == (2, 1)
    assert (staff_drafts["total"], staff_drafts["unlocated"]) == (1, 1)
    assert (staff_retracted["total"], staff_retracted["unlocated"]) == (1, 0)
    assert get_json(client, HISTOGRAM_URL)["weeks"] == [["2024-01-01", 1]]
    assert get_json(staff_client, HISTOGRAM_URL)["weeks"] == [["2024-01-01", 3]]
    assert get_json(client, HISTOGRAM_URL, status="draft")["weeks"] == []


BAD_PARAMETERS = [
    ("date_from", "2024-13-01"),
    ("date_to", "tomorrow"),
    ("country", "ZZ"),
    ("governorate", "IQ-XX"),
    ("event_type", "picnic"),
    ("sub_event_type", "picnic"),
    ("means", "catapult"),
    ("group", "999999"),
    ("group", "nujaba"),
    ("role", "bystander"),
    ("person", "someone"),
    ("killed_min", "-1"),
    ("killed_min", "many"),
    ("killed_min", "100000000"),
    ("q", "x" * 201),
    ("status", "lost"),
    ("sort", "colour"),
    ("bbox", "1,2,3"),
    ("bbox", "a,b,c,d"),
    ("bbox", "44,34,45,33"),
    ("bbox", "nan,33,45,34"),
    ("bbox", "46,33,45,34"),
]


@pytest.mark.parametrize(("name", "value"), BAD_PARAMETERS)
@pytest.mark.parametrize("url", [DATA_URL, HISTOGRAM_URL, SPOT_URL])
def test_a_bad_parameter_is_a_400_naming_it(client, url, name, value):
    response = client.get(url, {name: value})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [name]


@pytest.mark.parametrize("zoom", ["21", "-1", "1.5", "six", "1e3"])
def test_zoom_must_be_a_whole_number_from_0_to_20(client, zoom):
    response = client.get(DATA_URL, {"zoom": zoom, "bbox": IRAQ_AND_SYRIA})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["zoom"]


def test_every_bad_parameter_is_named_at_once(client):
    response = client.get(DATA_URL, {"zoom": "99", "bbox": "x", "date_from": "soon"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"zoom", "bbox", "date_from"}


def test_zoom_and_bbox_may_be_left_out(client):
    factories.incident(latitude=33.3, longitude=44.4, status=Status.PUBLISHED)

    assert get_json(client, DATA_URL)["total"] == 1


def test_the_map_data_takes_a_fixed_number_of_queries_whatever_the_rows(client, django_assert_num_queries, settings):
    # The rows are added in bulk, unseen by the cache's invalidation: measure the queries themselves.
    settings.MAP_CACHE_SECONDS = 0

    def points_queries(extra: int) -> int:
        grid_of_incidents(extra, south=33.0, west=44.0, step=0.001)
        for incident in Incident.objects.filter(participations__isnull=True)[:50]:
            Participation.objects.create(incident=incident, group=factories.group(), role=ParticipationRole.TARGET)
        with CaptureQueriesContext(connection) as queries:
            assert get_json(client, DATA_URL, bbox=IRAQ_AND_SYRIA, zoom=8)["mode"] == "points"
        return len(queries)

    few, many = points_queries(5), points_queries(900)
    # The grid, which counts them; the points; their groups.
    assert few == many == 3

    grid_of_incidents(2000)
    with django_assert_num_queries(1):
        assert get_json(client, DATA_URL, bbox=IRAQ_AND_SYRIA, zoom=6)["mode"] == "clusters"
    grid_of_incidents(2000, south=31.0)
    with django_assert_num_queries(1):
        assert get_json(client, DATA_URL, bbox=IRAQ_AND_SYRIA, zoom=6)["mode"] == "clusters"


def test_a_group_filter_adds_only_its_own_lookups(client, settings, django_assert_num_queries):
    settings.MAP_CACHE_SECONDS = 0  # the view's own queries, not the shared cache's
    nujaba = factories.group(name="Harakat al-Nujaba")
    Participation.objects.bulk_create(
        Participation(incident=incident, group=nujaba, role=ParticipationRole.TARGET)
        for incident in grid_of_incidents(2400)[::2]
    )

    # The group itself and its member groups, then the grid.
    with django_assert_num_queries(3):
        data = get_json(client, DATA_URL, bbox=IRAQ_AND_SYRIA, zoom=6, group=nujaba.pk, role="target")

    assert (data["mode"], data["total"]) == ("clusters", 1200)
    assert sum(c["count"] for c in data["features"]) == 1200


def test_a_filter_through_many_rows_still_counts_each_incident_once():
    speaker = factories.person(name="A spokesperson")
    incident = factories.incident(latitude=33.3, longitude=44.4, status=Status.PUBLISHED)
    for category in (CasualtyCategory.ALL, CasualtyCategory.CIVILIANS):
        factories.claim(incident, claimant_person=speaker, category=category, killed_min=1, killed_max=1)

    filtered = IncidentFilter({"person": speaker.pk}, queryset=Incident.objects.all()).qs

    size = counting.cell_size(6, None)
    clusters, unlocated = counting.grid(filtered, counting.cell_range(None, size), size)
    assert ([c["count"] for c in clusters], unlocated) == ([1], 0)
    assert counting.weekly_counts(filtered)["weeks"] == [["2024-01-01", 1]]


def test_cells_halve_with_each_zoom_level_and_stay_fixed_as_the_map_pans():
    view = (40.0, 30.0, 50.0, 38.0)
    assert counting.cell_size(7, view) == counting.cell_size(6, view) / 2
    assert counting.cell_size(6, view) == counting.cell_size(6, (41.0, 31.0, 51.0, 39.0)) == 360 / 2**8


def test_the_grid_never_has_more_than_max_cells_however_large_the_view():
    for zoom in (0, 6, 12, 20, None):
        for view in [(-180.0, -90.0, 180.0, 90.0), (35.0, 29.0, 49.0, 38.0), (44.0, 33.0, 44.001, 33.001)]:
            size = counting.cell_size(zoom, view)
            columns = math.floor(view[2] / size) - math.floor(view[0] / size) + 1
            rows = math.floor(view[3] / size) - math.floor(view[1] / size) + 1
            assert columns * rows <= counting.MAX_CELLS


def test_a_deep_zoom_over_the_whole_world_still_returns_bounded_clusters(client):
    grid_of_incidents(1500, step=0.0001)

    data = get_json(client, DATA_URL, bbox="-180,-90,180,90", zoom=20)

    assert data["mode"] == "clusters"
    assert len(data["features"]) <= counting.MAX_CELLS
    assert sum(c["count"] for c in data["features"]) == 1500


def test_weeks_count_day_precision_incidents_in_their_iso_week(client):
    for day in (4, 7, 8):  # a Thursday and a Sunday in the week of Monday 1 January, then the Monday after
        factories.incident(start_date=datetime.date(2024, 1, day), status=Status.PUBLISHED)

    data = get_json(client, HISTOGRAM_URL)

    assert data == {"weeks": [["2024-01-01", 2], ["2024-01-08", 1]], "imprecise": {}}


def test_a_month_precision_incident_counts_in_the_week_its_month_starts(client):
    factories.incident(
        start_date=datetime.date(2023, 12, 1),
        end_date=datetime.date(2023, 12, 31),
        date_precision=DatePrecision.MONTH,
        status=Status.PUBLISHED,
    )
    factories.incident(start_date=datetime.date(2023, 11, 30), status=Status.PUBLISHED)
    factories.incident(start_date=datetime.date(2023, 12, 4), status=Status.PUBLISHED)

    data = get_json(client, HISTOGRAM_URL)

    # Friday 1 December 2023 lies in the ISO week starting Monday 27 November.
    assert data == {"weeks": [["2023-11-27", 2], ["2023-12-04", 1]], "imprecise": {"2023-11-27": 1}}


def test_the_histogram_follows_the_filters_and_the_view(client):
    factories.incident(start_date=datetime.date(2024, 1, 4), latitude=33.3, longitude=44.4, status=Status.PUBLISHED)
    factories.incident(start_date=datetime.date(2024, 2, 1), latitude=36.2, longitude=37.1, status=Status.PUBLISHED)
    factories.incident(
        start_date=datetime.date(2024, 3, 1),
        event_type=EventType.PROTESTS,
        latitude=33.3,
        longitude=44.4,
        status=Status.PUBLISHED,
    )

    assert len(get_json(client, HISTOGRAM_URL)["weeks"]) == 3
    assert get_json(client, HISTOGRAM_URL, event_type="protests")["weeks"] == [["2024-02-26", 1]]
    assert get_json(client, HISTOGRAM_URL, bbox="44,33,45,34")["weeks"] == [["2024-01-01", 1], ["2024-02-26", 1]]
    assert get_json(client, HISTOGRAM_URL, date_from="2024-01-15")["weeks"] == [["2024-01-29", 1], ["2024-02-26", 1]]


def test_the_histogram_is_one_query_whatever_the_rows(client, settings, django_assert_num_queries):
    settings.MAP_CACHE_SECONDS = 0  # the view's own queries, not the shared cache's
    grid_of_incidents(10)
    with django_assert_num_queries(1):
        get_json(client, HISTOGRAM_URL)
    grid_of_incidents(2000, start_date=datetime.date(2023, 5, 5))
    # On PostgreSQL a view first reads the extent of the summary (maps.summary.week_plan).
    with django_assert_num_queries(2 if connection.vendor == "postgresql" else 1):
        data = get_json(client, HISTOGRAM_URL, bbox=IRAQ_AND_SYRIA)
    assert data["weeks"] == [["2023-05-01", 2000], ["2024-01-01", 10]]


def test_the_endpoints_answer_only_get_and_head(client):
    assert client.post(SPOT_URL).status_code == 405
    assert client.post(DATA_URL).status_code == 405
    assert client.post(HISTOGRAM_URL).status_code == 405
    assert client.head(DATA_URL).status_code == 200
