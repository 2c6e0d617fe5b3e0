"""The incident list's downloads, CSV and GeoJSON, built as streams: any number of rows is served in
constant memory, and the header leaves before any query. The views (`views`) take the list page's
filters, so an export holds the rows the researcher was looking at, in the same order.

Rows are read in keyset batches that follow the queryset's own ordering, a fixed number of queries
per batch. Two writers give the same bytes (`layout` holds what they share): on PostgreSQL the
database writes each batch's text (`postgres`), which the 100,000-row target needs
(docs/benchmarks.md); elsewhere Python builds a record per row and formats it (`records`).
`csv_stream` and `geojson_stream` choose, for the views or any caller with an incident queryset.
"""

from collections.abc import Callable, Iterator

from django.db import connections
from django.db.models import QuerySet

from incidents.exports import postgres, records
from incidents.exports.layout import BATCH_SIZE, detail_url_maker


def _written_by_database(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def csv_stream(
    queryset: QuerySet, absolute: Callable[[str], str], batch_size: int = BATCH_SIZE, moment=None
) -> Iterator[str]:
    """The CSV export of the queryset, in its order; `absolute` turns a path into a full URL.
    With a `moment`, the queryset holds incidents' history rows (`releases.asof.incident_rows`)
    and everything written is as it stood then."""
    if _written_by_database(queryset):
        return postgres.csv_chunks(queryset, absolute, batch_size, moment)
    return records.csv_chunks(records.iter_records(queryset, detail_url_maker(absolute), batch_size, moment))


def geojson_stream(
    queryset: QuerySet, absolute: Callable[[str], str], batch_size: int = BATCH_SIZE, moment=None
) -> Iterator[str]:
    """The GeoJSON export of the queryset, in its order."""
    if _written_by_database(queryset):
        return postgres.geojson_chunks(queryset, absolute, batch_size, moment)
    return records.geojson_chunks(records.iter_records(queryset, detail_url_maker(absolute), batch_size, moment))
