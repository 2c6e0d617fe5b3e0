"""Incidents as a dataset's CSV file, by the dataset's name: what the export views and commands stream."""

from collections.abc import Iterator

from django.db.models import QuerySet

from datasets import acled, ucdp
from datasets.writing import csv_chunks

EXPORTS = {
    "acled": (acled.EXPORT_COLUMNS, acled.acled_rows),
    "ucdp": (ucdp.EXPORT_COLUMNS, ucdp.ucdp_rows),
}


def export_chunks(dataset: str, queryset: QuerySet) -> Iterator[str]:
    columns, rows = EXPORTS[dataset]
    return csv_chunks(columns, rows(queryset))
