"""The map's summary table: the same clusters as counting the incidents, kept right by every write.

On PostgreSQL the map reads its grid from `incidents_mapcell`, which triggers keep in step with the
incidents; elsewhere it counts the incidents. Either way the answer must be the one counting the
incidents gives, which these tests compute beside it.
"""

import datetime
import math
import random
from collections import defaultdict
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection, transaction
from django.http import QueryDict
from django.urls import reverse

from geo.models import AdminArea
from incidents.filters import IncidentFilter
from incidents.models import Incident
from incidents.models.choices import DatePrecision, EventType, Status
from maps import counting, summary
from maps.models import MapCell, MapWeek
from tests import factories

pytestmark = pytest.mark.django_db

DATA_URL = reverse("maps:map-data")
HISTOGRAM_URL = reverse("maps:histogram")
ON_POSTGRES = connection.vendor == "postgresql"
D = datetime.date


def varied_incidents(count: int, seed: int = 7) -> list[Incident]:
    """Published, draft, retracted and merged incidents at every precision, some without coordinates."""
    rng = random.Random(seed)
    precisions = [DatePrecision.DAY, DatePrecision.DAYS, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR]
    statuses = [Status.PUBLISHED] * 6 + [Status.DRAFT, Status.REVIEW, Status.RETRACTED]
    areas = list(AdminArea.objects.filter(iso_code__in=["IQ-BG", "IQ-NI", "IQ-AN", "SY-HL", "SY-DI"]))
    rows = []
    for i in range(count):
        start = D(2022, 1, 1) + datetime.timedelta(days=rng.randrange(900))
        precision = rng.choice(precisions)
        located = rng.random() > 0.1
        rows.append(
            Incident(
                title=f"Incident {i}",
                start_date=start,
                end_date=start + datetime.timedelta(days=rng.randrange(1, 60)) if precision == "days" else None,
                date_precision=precision,
                event_type=rng.choice(EventType.values),
                status=rng.choice(statuses),
                latitude=round(rng.uniform(30.0, 37.0), 5) if located else None,
                longitude=round(rng.uniform(38.0, 47.0), 5) if located else None,
                killed_best=rng.choice([None, 0, 1, 3, 12]),
            )
        )
        if rng.random() > 0.2:
            # Not where the point is: the map takes the governorate as recorded, as its filter does.
            rows[-1].admin_area = rng.choice(areas)
            rows[-1].country_id = rows[-1].admin_area.country_id
    return Incident.objects.bulk_create(rows)


def live_answer(query: str, bbox, zoom):
    """The map's answer counted from the incidents, for a researcher."""
    filterset = IncidentFilter(QueryDict(query), queryset=Incident.objects.published())
    assert filterset.is_valid(), filterset.errors
    return counting.map_features(filterset.qs, bbox, zoom, lambda public_id: f"/incidents/{public_id}/")


def summary_used(query: str, zoom: int, bbox) -> bool:
    filterset = IncidentFilter(QueryDict(query), queryset=Incident.objects.published())
    assert filterset.is_valid(), filterset.errors
    level = counting.cell_level(zoom, bbox)
    return summary.plan(filterset.form.cleaned_data, AnonymousUser(), level) is not None


def comparable(answer: dict) -> dict:
    """The answer with means rounded: a sum divided by a count and an average differ in the last bits."""
    features = []
    for feature in answer["features"]:
        feature = dict(feature)
        if answer["mode"] == "clusters":
            feature["lat"], feature["lng"] = round(feature["lat"], 9), round(feature["lng"], 9)
        features.append(feature)
    key = (lambda f: (f["bounds"], f["count"])) if answer["mode"] == "clusters" else (lambda f: f["id"])
    return {**answer, "features": sorted(features, key=key)}


VIEWS = [
    ("35,29,49,38", 6),  # Iraq and Syria
    ("-180,-90,180,90", 2),  # the world
    ("43.9,32.9,44.9,33.7", 9),  # around Baghdad
    ("40,30,47,37", 7),
]
# Each query, and whether the summary can answer it (on PostgreSQL, at a level it keeps).
QUERIES = [
    ("", True),
    ("event_type=battles&event_type=protests", True),
    ("date_from=2023-01-01&date_to=2023-06-30", True),
    ("date_from=2023-03-01", True),
    ("date_to=2022-08-31", True),
    ("country=IQ", True),
    ("governorate=IQ-BG&governorate=IQ-NI", True),
    ("country=SY&event_type=remote_violence&date_from=2022-05-01&date_to=2024-02-29", True),
    # Whole months from the summary, the days at either end from the incidents.
    ("date_from=2023-01-15&date_to=2023-05-20", True),
    ("date_from=2022-12-31&date_to=2023-02-01", True),
    ("date_from=2023-01-15", True),
    ("date_to=2023-03-10&governorate=IQ-AN", True),
    # The calendar's ends: whole months up to December 9999 or from January of year 1.
    ("date_to=9999-12-31", True),
    ("date_from=0001-01-01", True),
    ("date_from=0001-01-02&date_to=9999-12-30", True),
    # Counted from the incidents alone.
    ("date_from=9999-12-15", False),
    ("date_to=0001-01-15", False),
    ("date_from=2023-02-03&date_to=2023-02-20", False),
    ("date_from=2023-02-03&date_to=2023-03-20", False),
    ("killed_min=3", False),
    ("q=Incident 1", False),
]


@pytest.mark.parametrize(("query", "summarisable"), QUERIES)
def test_the_map_gives_the_answer_counting_the_incidents_gives(client, query, summarisable, settings):
    settings.MAP_CACHE_SECONDS = 0
    varied_incidents(1500)
    for bbox_param, zoom in VIEWS:
        bbox = tuple(float(v) for v in bbox_param.split(","))
        response = client.get(f"{DATA_URL}?{QueryDict(query).urlencode()}&bbox={bbox_param}&zoom={zoom}")
        assert response.status_code == 200, response.content
        assert comparable(response.json()) == comparable(live_answer(query, bbox, zoom)), (query, bbox_param)
        level = counting.cell_level(zoom, bbox)
        kept = level in summary.MONTHLY_LEVELS if "date_" in query else level in summary.LEVELS
        assert summary_used(query, zoom, bbox) == (ON_POSTGRES and summarisable and kept)


@pytest.mark.parametrize(("query", "summarisable"), QUERIES)
def test_the_timeline_gives_the_answer_counting_the_incidents_gives(client, query, summarisable, settings):
    settings.MAP_CACHE_SECONDS = 0
    varied_incidents(800)
    # No view; a view holding every incident; a view holding some.
    for bbox_param in (None, "30,25,55,45", "43.9,32.9,44.9,33.7"):
        params = QueryDict(query, mutable=True)
        if bbox_param:
            params["bbox"] = bbox_param
        response = client.get(f"{HISTOGRAM_URL}?{params.urlencode()}")
        assert response.status_code == 200, response.content
        filterset = IncidentFilter(QueryDict(query), queryset=Incident.objects.published())
        assert filterset.is_valid()
        incidents = filterset.qs
        bbox = None
        if bbox_param:
            bbox = tuple(float(v) for v in bbox_param.split(","))
            incidents = counting.located_in(incidents, bbox)
        assert response.json() == counting.weekly_counts(incidents), (query, bbox_param)
        plan = summary.week_plan(filterset.form.cleaned_data, AnonymousUser(), bbox)
        assert (plan is not None) == (ON_POSTGRES and summarisable and bbox_param != "43.9,32.9,44.9,33.7")


def test_clusters_count_whole_cells_and_say_which_area(client, settings, monkeypatch):
    settings.MAP_CACHE_SECONDS = 0
    # Two incidents in one level-8 cell (1.40625 degrees), one inside the view and one west of it.
    for longitude in (44.0, 43.7):
        factories.incident(latitude=33.5, longitude=longitude, status=Status.PUBLISHED)
    with monkeypatch.context() as patched:
        patched.setattr(counting, "POINT_LIMIT", 1)
        data = client.get(DATA_URL, {"bbox": "43.8,33,46,35", "zoom": 6}).json()
    assert (data["mode"], data["total"]) == ("clusters", 2)
    size = 360 / 2**8
    assert data["area"] == [31 * size, 23 * size, 33 * size, 25 * size]
    # As points, only those inside the view itself are drawn and counted.
    points = client.get(DATA_URL, {"bbox": "43.8,33,46,35", "zoom": 6}).json()
    assert (points["mode"], points["total"]) == ("points", 1)


def test_staff_maps_with_drafts_are_counted_from_the_incidents(staff_client):
    factories.incident(latitude=33.5, longitude=44.0, status=Status.DRAFT)
    factories.incident(latitude=33.5, longitude=44.1, status=Status.PUBLISHED)
    data = staff_client.get(DATA_URL, {"bbox": "35,29,49,38", "zoom": 6}).json()
    assert data["total"] == 2


if ON_POSTGRES:
    # The summary table and its triggers exist only on PostgreSQL.

    def summary_state() -> list[tuple]:
        """The summaries' sums per key, without the rows that have dropped to nothing."""
        weeks = MapWeek.objects.exclude(count=0).order_by(
            "week", "located", "month_first", "month_last", "event_type", "country", "admin_area"
        )
        week_rows = [
            (w.week, w.located, w.month_first, w.month_last, w.event_type, w.country_id, w.admin_area_id, w.count)
            for w in weeks
        ]
        rows = MapCell.objects.exclude(count=0, killed=0).order_by(
            "level", "cell_y", "cell_x", "month_first", "month_last", "event_type", "country", "admin_area"
        )
        return [
            (
                row.level,
                row.cell_y,
                row.cell_x,
                row.month_first,
                row.month_last,
                row.event_type,
                row.country_id,
                row.admin_area_id,
                row.count,
                row.killed,
                round(row.lat_sum, 6),
                round(row.lng_sum, 6),
            )
            for row in rows
        ] + week_rows

    def rebuilt_state() -> list[tuple]:
        call_command("rebuild_map_summary", verbosity=0)
        return summary_state()

    def test_every_write_path_keeps_the_summary_equal_to_a_fresh_count():
        incidents = varied_incidents(400)
        first, second, third, fourth = (Incident.objects.get(pk=i.pk) for i in incidents[:4])

        # A save that moves an incident and changes its dates, type and toll.
        first.status = Status.PUBLISHED
        first.latitude, first.longitude = 36.2, 37.1
        first.date_precision, first.start_date = DatePrecision.YEAR, D(2021, 5, 5)
        first.event_type, first.killed_best = EventType.RIOTS, 40
        first.save()
        # Queryset updates: a retraction, a merge, a batch of publications.
        Incident.objects.filter(pk=second.pk).update(status=Status.RETRACTED)
        Incident.objects.filter(pk=third.pk).update(merged_into=fourth, status=Status.PUBLISHED)
        Incident.objects.filter(status=Status.DRAFT).update(status=Status.PUBLISHED)
        # A claim that changes a toll (the derived columns are written by an update).
        factories.claim(fourth, killed_min=7, killed_max=9)
        # Deletions.
        Incident.objects.filter(pk__in=[i.pk for i in incidents[10:30]]).delete()

        after_triggers = summary_state()
        assert after_triggers == rebuilt_state()
        cells = [row for row in after_triggers if len(row) == 12]
        assert sum(row[8] for row in cells if row[0] == 0 and row[3] is None) == (Incident.objects.published().count())

    def test_every_level_holds_the_sums_of_its_cells_incidents():
        """Against sums made here, cell by cell: the summary sums the finest cells first and
        the coarser levels from them, which must give what flooring each level's side gives."""
        varied_incidents(300)
        # Cells on both sides of zero: the coarser cell numbers of negative ones must floor too.
        for lat, lng in ((-0.01, -0.01), (-33.9, 18.4), (0.0, -179.99), (89.9, 179.9), (-0.087890625, 0.087890625)):
            factories.incident(latitude=lat, longitude=lng, status=Status.PUBLISHED, killed_best=2)
        expected = defaultdict(lambda: [0, 0, 0.0, 0.0])
        rows = Incident.objects.filter(status=Status.PUBLISHED, merged_into__isnull=True).values(
            "latitude",
            "longitude",
            "killed_best",
            "event_type",
            "country_id",
            "admin_area_id",
            "period_start",
            "period_end",
        )
        for row in rows:
            months = (row["period_start"].replace(day=1), row["period_end"].replace(day=1))
            kinds = [(k, (None, None)) for k in summary.LEVELS]
            kinds += [(k, months) for k in summary.MONTHLY_LEVELS]
            for level, (first, last) in kinds:
                side = 360 / 2**level
                lat, lng = row["latitude"], row["longitude"]
                cell = (None, None) if lat is None else (math.floor(lat / side), math.floor(lng / side))
                key = (level, *cell, first, last, row["event_type"], row["country_id"], row["admin_area_id"])
                sums = expected[key]
                sums[0] += 1
                sums[1] += row["killed_best"] or 0
                sums[2] += lat or 0.0
                sums[3] += lng or 0.0
        stored = {row[:8]: row[8:] for row in summary_state() if len(row) == 12}
        assert stored == {
            key: (n, killed, round(lat_sum, 6), round(lng_sum, 6))
            for key, (n, killed, lat_sum, lng_sum) in expected.items()
        }

    def test_a_rolled_back_change_leaves_the_summary_as_it_was():
        varied_incidents(100)
        before = summary_state()
        with pytest.raises(RuntimeError), transaction.atomic():
            Incident.objects.update(status=Status.PUBLISHED, latitude=35.0, longitude=40.0)
            raise RuntimeError("abandon")
        assert summary_state() == before

    def test_cell_extents_only_grow_until_rebuilt():
        baghdad = AdminArea.objects.get(iso_code="IQ-BG")
        place = {"admin_area": baghdad, "country_id": baghdad.country_id, "status": Status.PUBLISHED}
        factories.incident(latitude=33.4, longitude=44.1, **place)
        far = factories.incident(latitude=33.7, longitude=44.9, **place)
        cell = MapCell.objects.get(level=6, month_first__isnull=True, cell_y__isnull=False)
        assert (cell.south, cell.west, cell.north, cell.east) == (33.4, 44.1, 33.7, 44.9)
        far.delete()
        cell.refresh_from_db()
        assert (cell.count, cell.north, cell.east) == (1, 33.7, 44.9)
        rebuilt_state()
        cell = MapCell.objects.get(level=6, month_first__isnull=True, cell_y__isnull=False)
        assert (cell.count, cell.south, cell.west, cell.north, cell.east) == (1, 33.4, 44.1, 33.4, 44.1)


def test_rebuilding_the_summary_says_what_it_did():
    out = StringIO()
    call_command("rebuild_map_summary", stdout=out)
    expected = (
        "Rebuilt the map's summaries."
        if ON_POSTGRES
        else "Nothing to do: the map's summaries exist only on PostgreSQL."
    )
    assert out.getvalue().strip() == expected
