"""CappedPaginator's pages on PostgreSQL: a walk of the sort's index for at most WALK_MILLISECONDS,
else the matches sorted apart. Either way a page holds exactly the rows the plain query gives."""

import datetime
import random

import pytest
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.http import QueryDict

from incidents import paging
from incidents.filters import IncidentFilter
from incidents.models import Incident
from incidents.models.choices import EventType, Status
from incidents.paging import CappedPaginator

pytestmark = pytest.mark.django_db

SORTS = ["-date", "date", "-killed", "killed", "place", "-place", "governorate", "-governorate", "title"]


@pytest.fixture
def incidents():
    rng = random.Random(3)
    rows = [
        Incident(
            title=f"Incident {i:03}",
            start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randrange(900)),
            event_type=rng.choice(EventType.values),
            status=Status.PUBLISHED,
            # Repeated values and NULLs, so ties and the NULLS LAST rule decide parts of the order.
            killed_best=rng.choice([None, 0, 1, 1, 5, 40]),
            place_name=rng.choice(["", "Mosul", "Basra", "Erbil", "Hit"]),
            admin_area_name=rng.choice(["", "Baghdad", "Nineveh", "Anbar"]),
        )
        for i in range(230)
    ]
    Incident.objects.bulk_create(rows)


def filtered(query: str):
    filterset = IncidentFilter(QueryDict(query), queryset=Incident.objects.published())
    assert filterset.is_valid(), filterset.errors
    return filterset.qs


def page_ids(queryset, number: int, per_page: int = 25) -> list[int]:
    return [row.pk for row in CappedPaginator(queryset, per_page).page(number).object_list]


@pytest.mark.parametrize("capped", [False, True])
def test_every_sort_pages_as_the_plain_query_does(incidents, monkeypatch, capped):
    # Capped: more match than the horizon, so the page walks the index; else they are sorted apart.
    monkeypatch.setattr(CappedPaginator, "cap", 20 if capped else 10_000)
    for sort in SORTS:
        for query in (f"sort={sort}", f"sort={sort}&event_type=battles&event_type=riots&event_type=protests"):
            queryset = filtered(query)
            expected = list(queryset.values_list("pk", flat=True))
            for number in (1, 2, 3):
                assert page_ids(queryset, number) == expected[(number - 1) * 25 : number * 25], (query, number)


def test_the_matches_sorted_apart_come_in_the_query_order(incidents):
    for sort in SORTS:
        queryset = filtered(f"sort={sort}")
        expected = list(queryset.values_list("pk", flat=True))
        if connection.vendor == "postgresql":
            assert paging._sorted_apart(queryset, 30, 60) == expected[30:60], sort


def test_a_query_that_can_match_nothing_pages_as_empty(incidents):
    # An empty IN list, as a search naming no group gives: Django refuses to write its SQL.
    queryset = Incident.objects.published().filter(pk__in=[]).order_by("-start_date", "-id")
    assert page_ids(queryset, 1) == []
    assert paging._sorted_apart(queryset, 0, 25) == []


if connection.vendor == "postgresql":

    def test_a_walk_that_runs_out_of_time_gives_way_to_sorting_the_matches(incidents, monkeypatch):
        monkeypatch.setattr(CappedPaginator, "cap", 20)
        monkeypatch.setattr(paging, "WALK_MILLISECONDS", 5)
        monkeypatch.setattr(paging, "WALK_MILLISECONDS_PER_ROW", 0)
        # A condition that takes 50 ms to evaluate: the walk cannot finish within 5 ms.
        slow = RawSQL("(SELECT pg_sleep(0.05)) IS NOT NULL", [], output_field=BooleanField())
        queryset = filtered("sort=place").filter(slow)
        expected = list(filtered("sort=place").values_list("pk", flat=True))
        assert page_ids(queryset, 3) == expected[50:75]
        # The time limit was the walk's alone.
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "0"


def test_an_ordering_by_an_expression_pages_as_the_plain_query_does(incidents):
    from django.db.models.functions import Lower

    queryset = Incident.objects.published().order_by(Lower("title").desc(), "id")
    expected = list(queryset.values_list("pk", flat=True))
    assert page_ids(queryset, 2) == expected[25:50]


if connection.vendor == "postgresql":
    # Planner statistics are PostgreSQL's.

    def test_the_planner_knows_how_many_incidents_a_means_filter_matches():
        """Without statistics on the means filter's expression (migration 0014) PostgreSQL guesses a
        handful of matches and sorts every one rather than walking the sort's index."""
        Incident.objects.bulk_create(
            Incident(
                title=f"Incident {i}",
                start_date=datetime.date(2024, 1, 1),
                event_type=EventType.REMOTE_VIOLENCE,
                status=Status.PUBLISHED,
                means=["drone"] if i % 5 < 2 else ["airstrike"],
            )
            for i in range(2000)
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE incidents_incident")
        matches = IncidentFilter(QueryDict("means=drone"), queryset=Incident.objects.all()).qs
        sql, params = matches.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            estimate = cursor.fetchone()[0][0]["Plan"]["Plan Rows"]
        assert matches.count() == 800
        assert 400 <= estimate <= 1600
