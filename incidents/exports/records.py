"""The export written in Python, on every database: a record per incident (`iter_records`), then
its CSV line or GeoJSON feature.

Rows are read in keyset batches that follow the queryset's own ordering (`incidents.keyset`), and
each batch loads its groups and sources with one query each: the number of queries grows with rows /
batch size, never with rows. No database cursor stays open between batches, so a slow download
holds no lock and no server-side cursor.
"""

import csv
import datetime
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from incidents.exports.layout import (
    BATCH_SIZE,
    COLUMNS,
    EVENT_TYPES,
    FIELDS,
    FORMULA_TRIGGERS,
    GEOJSON_CLOSING,
    GEOJSON_OPENING,
    LIST_SEPARATOR,
    SOURCE_SEPARATOR,
    SUB_EVENT_TYPES,
    csv_opening,
)
from incidents.keyset import batches, id_set, sort_keys
from incidents.models import CasualtyClaim, Participation, Statement
from incidents.models.choices import ParticipationRole
from releases import asof

# Chunks handed to the server: large enough to keep write calls few, small enough to start at once.
_CHUNK_CHARS = 64 * 1024


def iter_records(
    queryset: QuerySet, detail_url: Callable[[str], str], batch_size: int = BATCH_SIZE, moment=None
) -> Iterator[dict]:
    """One record per incident of the queryset, in its order, with Python values (lists, numbers,
    booleans, None, ISO 8601 strings for dates and times). Lazy: nothing is queried before the
    first record is asked for. With a `moment`, the queryset holds incidents' history rows
    (`releases.asof.incident_rows`) and their groups and sources are read as they stood then."""
    rows_of = asof.current_rows if moment is None else partial(asof.rows_as_of, moment=moment)
    keys = sort_keys(queryset)
    rows = queryset.values(*FIELDS, *[key.path for key in keys if key.path not in FIELDS])
    for batch in batches(rows, keys, batch_size):
        ids = id_set([row["id"] for row in batch], queryset.db)
        groups = _groups(ids, rows_of)
        sources = _sources(ids, rows_of)
        for row in batch:
            yield _record(row, groups[row["id"]], sources[row["id"]], detail_url)


def _groups(ids: RawSQL, rows_of=asof.current_rows) -> dict[int, dict[str, list[str]]]:
    """The names of each incident's groups by role, sorted the same way on every database."""
    found = defaultdict(lambda: defaultdict(list))
    rows = rows_of(Participation).filter(incident_id__in=ids).values_list("incident_id", "role", "group__name")
    for incident_id, role, name in rows.order_by():
        found[incident_id][role].append(name)
    for roles in found.values():
        for names in roles.values():
            names.sort(key=lambda name: (name.casefold(), name))
    return found


def _sources(ids: RawSQL, rows_of=asof.current_rows) -> dict[int, list[str]]:
    """The reports cited by each incident's claims and statements, oldest first, one line each."""
    report_fields = ["published_on", "source__name", "title", "url"]
    cited_by_claims = (
        rows_of(CasualtyClaim)
        .filter(incident_id__in=ids)
        .values_list("incident_id", *[f"report__{field}" for field in report_fields])
    )
    statements = Statement.incidents.through.objects.filter(incident_id__in=ids)
    if rows_of is not asof.current_rows:
        statements = statements.filter(statement_id__in=rows_of(Statement).values("id"))
    cited_by_statements = statements.values_list(
        "incident_id", *[f"statement__report__{field}" for field in report_fields]
    )
    reports = defaultdict(set)
    for incident_id, *report in cited_by_claims.order_by().union(cited_by_statements.order_by()):
        reports[incident_id].add(tuple(report))
    found = defaultdict(list)
    for incident_id, cited in reports.items():
        for published_on, source, title, url in sorted(cited):
            line = f"{source}, {_iso(published_on)}, {title}"
            found[incident_id].append(f"{line} <{url}>" if url else line)
    return found


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return value.isoformat()


def _record(row: dict, groups: dict[str, list[str]], sources: list[str], detail_url: Callable[[str], str]) -> dict:
    """An incident's export record; its keys are COLUMNS, in order."""
    return {
        "public_id": row["public_id"],
        "url": detail_url(row["public_id"]),
        "title": row["title"],
        "start_date": row["start_date"].isoformat(),
        "end_date": _iso(row["end_date"]),
        "date_precision": row["date_precision"],
        "time_utc": _iso(row["time_utc"]),
        "event_type": EVENT_TYPES.get(row["event_type"], row["event_type"]),
        "sub_event_type": SUB_EVENT_TYPES.get(row["sub_event_type"], row["sub_event_type"]),
        "means": [str(code) for code in row["means"] or []],
        "place_name": row["place_name"],
        "district": row["district"],
        "governorate": row["admin_area__name_en"],
        "governorate_code": row["admin_area__iso_code"],
        "country": row["country__name_en"],
        "country_code": row["country__iso2"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "location_precision": row["location_precision"],
        "perpetrators": groups.get(ParticipationRole.PERPETRATOR, []),
        "associated_perpetrators": groups.get(ParticipationRole.ASSOCIATED_PERPETRATOR, []),
        "targets": groups.get(ParticipationRole.TARGET, []),
        "associated_targets": groups.get(ParticipationRole.ASSOCIATED_TARGET, []),
        "side_a": groups.get(ParticipationRole.SIDE_A, []),
        "side_b": groups.get(ParticipationRole.SIDE_B, []),
        "killed_low": row["killed_low"],
        "killed_best": row["killed_best"],
        "killed_high": row["killed_high"],
        "injured_low": row["injured_low"],
        "injured_best": row["injured_best"],
        "injured_high": row["injured_high"],
        "civilians_killed_low": row["civilians_killed_low"],
        "civilians_killed_high": row["civilians_killed_high"],
        "contested": row["contested"],
        "status": row["status"],
        "sources": sources,
        "acled_event_id": row["acled_event_id"],
        "ucdp_id": row["ucdp_id"],
        "changed_at": _iso(row["changed_at"]),
    }


def text_cell(value: str | None) -> str:
    if value is None:
        return ""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def _number_cell(value: float | None) -> float | str:
    return "" if value is None else value


def _flag_cell(value: bool | None) -> str:
    return "" if value is None else "true" if value else "false"


def _list_cell(values: list[str]) -> str:
    return text_cell(LIST_SEPARATOR.join(values))


def _sources_cell(values: list[str]) -> str:
    return text_cell(SOURCE_SEPARATOR.join(values))


_NUMBER_COLUMNS = [
    "latitude",
    "longitude",
    "killed_low",
    "killed_best",
    "killed_high",
    "injured_low",
    "injured_best",
    "injured_high",
    "civilians_killed_low",
    "civilians_killed_high",
]
_LIST_COLUMNS = [
    "means",
    "perpetrators",
    "associated_perpetrators",
    "targets",
    "associated_targets",
    "side_a",
    "side_b",
]
# How each record value becomes a CSV cell: None empty, booleans true/false, lists joined, and text
# a spreadsheet would run as a formula prefixed with an apostrophe. Numbers are not text: they stay.
_CELLS = (
    dict.fromkeys(COLUMNS, text_cell)
    | dict.fromkeys(_NUMBER_COLUMNS, _number_cell)
    | dict.fromkeys(_LIST_COLUMNS, _list_cell)
    | {"sources": _sources_cell, "contested": _flag_cell}
)
_CSV_CELLS = [_CELLS[column] for column in COLUMNS]


def csv_row(record: dict) -> list:
    return [cell(record[column]) for cell, column in zip(_CSV_CELLS, COLUMNS, strict=True)]


class _Buffer:
    """A file-like sink for csv.writer that hands its text over in chunks."""

    def __init__(self):
        self.parts = []
        self.size = 0

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts, self.size = [], 0
        return text


def csv_chunks(records: Iterable[dict]) -> Iterator[str]:
    """The CSV text (UTF-8 byte order mark, header, one row per record) in chunks; the header
    comes before the first record is asked for."""
    yield csv_opening()
    buffer = _Buffer()
    writer = csv.writer(buffer)
    for record in records:
        writer.writerow(csv_row(record))
        if buffer.size >= _CHUNK_CHARS:
            yield buffer.take()
    if buffer.size:
        yield buffer.take()


def geojson_feature(record: dict) -> dict:
    geometry = None
    if record["latitude"] is not None and record["longitude"] is not None:
        geometry = {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]}
    return {"type": "Feature", "id": record["public_id"], "geometry": geometry, "properties": record}


def geojson_chunks(records: Iterable[dict]) -> Iterator[str]:
    """A GeoJSON FeatureCollection, one feature per line, in chunks; the opening comes before the
    first record is asked for."""
    yield GEOJSON_OPENING
    parts, size, separator = [], 0, "\n"
    for record in records:
        text = separator + json.dumps(
            geojson_feature(record), ensure_ascii=False, allow_nan=False, separators=(",", ":")
        )
        separator = ",\n"
        parts.append(text)
        size += len(text)
        if size >= _CHUNK_CHARS:
            yield "".join(parts)
            parts, size = [], 0
    parts.append(GEOJSON_CLOSING)
    yield "".join(parts)
