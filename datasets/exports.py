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


def export_chunks(layout: str, queryset: QuerySet, *, notes: bool = False, moment=None) -> Iterator[str]:
    """The queryset's incidents in a layout of EXPORTS; with `notes`, a last column, tracker_note,
    says where a row is not the source's as imported (datasets.keeping.note). With a `moment`
    (releases.moments.Moment), the queryset holds incidents' history rows, and their groups and
    claims are read as they stood then; the rows kept from the import are the ones kept now."""
    columns, rows, preamble = EXPORTS[layout]
    found = rows(queryset, columns) if moment is None else rows(queryset, columns, moment.rows_of)
    return csv_chunks(columns, found, notes=notes, preamble=preamble)
