"""Incident exports (CSV and GeoJSON) built as streams, so any number of rows is served in constant
memory, and the header leaves before any query.

Rows are read in keyset batches that follow the queryset's own ordering, a fixed number of queries
per batch. On PostgreSQL the database writes each batch's text (`postgres`); elsewhere Python builds
a record per row and formats it (`records`). Both give the same bytes.

Used by the export views; usable from management commands with any incident queryset.
"""

from collections.abc import Callable, Iterator

from django.db import connections
from django.db.models import QuerySet

from incidents.exports import postgres, records
from incidents.exports.records import (
    BATCH_SIZE,
    BOM,
    COLUMNS,
    FORMULA_TRIGGERS,
    LIST_SEPARATOR,
    SOURCE_SEPARATOR,
    csv_chunks,
    csv_row,
    detail_url_maker,
    geojson_chunks,
    geojson_feature,
    iter_records,
)

__all__ = [
    "BATCH_SIZE",
    "BOM",
    "COLUMNS",
    "FORMULA_TRIGGERS",
    "LIST_SEPARATOR",
    "SOURCE_SEPARATOR",
    "csv_chunks",
    "csv_row",
    "csv_stream",
    "detail_url_maker",
    "geojson_chunks",
    "geojson_feature",
    "geojson_stream",
    "iter_records",
]


def _written_by_database(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def csv_stream(queryset: QuerySet, absolute: Callable[[str], str], batch_size: int = BATCH_SIZE) -> Iterator[str]:
    """The CSV export of the queryset, in its order; `absolute` turns a path into a full URL."""
    if _written_by_database(queryset):
        return postgres.csv_chunks(queryset, absolute, batch_size)
    return records.csv_chunks(records.iter_records(queryset, detail_url_maker(absolute), batch_size))


def geojson_stream(queryset: QuerySet, absolute: Callable[[str], str], batch_size: int = BATCH_SIZE) -> Iterator[str]:
    """The GeoJSON export of the queryset, in its order."""
    if _written_by_database(queryset):
        return postgres.geojson_chunks(queryset, absolute, batch_size)
    return records.geojson_chunks(records.iter_records(queryset, detail_url_maker(absolute), batch_size))
