"""Incidents as a dataset's CSV file, by the layout's name: what the export views and commands stream."""

from collections.abc import Iterator

from django.db.models import QuerySet

from datasets import acled, ucdp
from datasets.layouts import ACLED_LAYOUT_CURRENT, UCDP_HDX_HASHTAGS, UCDP_LAYOUT_HDX, UCDP_LAYOUT_STANDARD
from datasets.writing import csv_chunks

# Layout name -> its columns, the function giving its rows, and rows written under its header.
EXPORTS = {
    "acled": (ACLED_LAYOUT_CURRENT.columns, acled.acled_rows, ()),
    "ucdp": (UCDP_LAYOUT_STANDARD.columns, ucdp.ucdp_rows, ()),
    "ucdp-hdx": (UCDP_LAYOUT_HDX.columns, ucdp.ucdp_rows, (UCDP_HDX_HASHTAGS,)),
}


def export_chunks(layout: str, queryset: QuerySet, *, notes: bool = False) -> Iterator[str]:
    """The queryset's incidents in a layout of EXPORTS; with `notes`, a last column, tracker_note,
    says where a row is not the source's as imported (datasets.keeping.note)."""
    columns, rows, preamble = EXPORTS[layout]
    return csv_chunks(columns, rows(queryset, columns), notes=notes, preamble=preamble)
