"""Exports streamed: the first bytes before any row query, and queries that grow with batches, not with rows."""

import datetime

import pytest
from django.db import connection
from django.http import StreamingHttpResponse

from incidents.exports import records
from incidents.models import ArmedGroup, CasualtyClaim, Incident, Participation, Statement
from incidents.models.choices import EventType, ParticipationRole, Status
from tests import factories
from tests.incidents.export_responses import CSV_URL, GEOJSON_URL, _csv_rows, _features

pytestmark = pytest.mark.django_db


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
