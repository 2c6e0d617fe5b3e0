"""Incidents written out in a dataset's own layout (datasets.acled, datasets.ucdp write the rows):
what every layout's rows need, and the CSV text they stream as.

An incident imported from the dataset goes back as the row it came from (datasets.keeping);
any other incident's row is derived from what it holds (see each dataset's module): its event id
is its own (`own_acled_event_id`, `own_ucdp_id`), columns it has nothing for are left empty, and
civilians as the target (no target group in an event of violence against civilians) are written
as the dataset names them.

Rows stream in batches of a few queries each, so an export of any size runs in constant memory.
"""

import csv
import datetime
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db.models import QuerySet

from datasets.models import DatasetRow
from incidents.exports.layout import computes_as_formula
from incidents.models import CasualtyClaim, ExternalName, Participation, Report
from incidents.models.choices import EventType, ParticipationRole
from releases.asof import current_rows

BATCH_SIZE = 1000
# A name a dataset gives a force for a span of years only, as ACLED's "(2017-2021)" or "(2021-)".
_PERIOD = re.compile(r"\((\d{4})-(\d{4})?\)$")
_CHUNK_CHARS = 64 * 1024

_VALUES = (
    "id",
    "acled_event_id",
    "ucdp_id",
    "summary",
    "start_date",
    "end_date",
    "date_precision",
    "event_type",
    "sub_event_type",
    "place_name",
    "district",
    "latitude",
    "longitude",
    "location_precision",
    "killed_low",
    "killed_best",
    "killed_high",
    "changed_at",
    "country_id",
    "admin_area_id",
    "country__iso2",
    "country__iso3",
    "country__name_en",
    "admin_area__name_en",
)


# An incident that did not come from the dataset still needs the dataset's event id, the key its
# rows are told apart and imported by: ACLED's letters and digits ("IRQT45": its country's ISO code,
# "T" for this tracker, its number here), UCDP's number (900,000,045). Neither dataset uses these.
OWN_UCDP_IDS_FROM = 900_000_000


def own_acled_event_id(row: dict) -> str:
    return f"{row['country__iso3'] or 'XXX'}T{row['id']}"


def own_ucdp_id(row: dict) -> int:
    return OWN_UCDP_IDS_FROM + row["id"]


def incident_batches(queryset: QuerySet) -> Iterator[list[dict]]:
    rows = queryset.values(*_VALUES).iterator(chunk_size=BATCH_SIZE)
    while batch := list(islice(rows, BATCH_SIZE)):
        yield batch


class IncidentBatch:
    """What the rows of one batch need besides their own columns: four queries per batch."""

    def __init__(self, rows: list[dict], dataset: str, source_name: str, rows_of=current_rows):
        """`rows_of(model)` gives the participations and claims to read: the current ones, or
        those of a past moment (releases.asof) for incidents as they stood then."""
        ids = [row["id"] for row in rows]
        self.parts = defaultdict(list)
        group_ids = set()
        for part in (
            rows_of(Participation)
            .filter(incident_id__in=ids)
            .order_by("id")
            .values("incident_id", "role", "group_id", "group__name", "group__kind")
        ):
            self.parts[part["incident_id"]].append(part)
            group_ids.add(part["group_id"])
        self.names = defaultdict(list)
        for group_id, value in (
            ExternalName.objects.filter(dataset=dataset, group_id__in=group_ids)
            .order_by("id")
            .values_list("group_id", "value")
        ):
            self.names[group_id].append(value)
        self.claims = defaultdict(list)
        self.sources = defaultdict(set)
        self.reports = defaultdict(set)
        own_reports = {}
        claims = list(
            rows_of(CasualtyClaim)
            .filter(incident_id__in=ids)
            .values("incident_id", "report_id", "report__source__name", "category", "group_id", "killed_min")
        )
        for claim in claims:
            incident_id = claim["incident_id"]
            self.sources[incident_id].add(claim["report__source__name"])
            self.reports[incident_id].add(claim["report_id"])
            if claim["report__source__name"] == source_name:
                own_reports[incident_id] = min(claim["report_id"], own_reports.get(incident_id, claim["report_id"]))
        for claim in claims:
            if own_reports.get(claim["incident_id"]) == claim["report_id"]:
                self.claims[claim["incident_id"]].append(claim)
        texts = dict(Report.objects.filter(id__in=own_reports.values()).values_list("id", "text"))
        self.own_text = {incident_id: texts[report_id] for incident_id, report_id in own_reports.items()}
        self.kept = {
            kept["incident_id"]: kept
            for kept in DatasetRow.objects.filter(incident_id__in=ids, dataset=dataset).values(
                "incident_id", "layout", "values", "imported"
            )
        }

    def actor_name(self, part: dict, *, ids: bool = False, on: datetime.date | None = None) -> str:
        """The group as the dataset names it (its external name), else our name; with `ids`, the
        dataset's numeric id for it. Of names given for spans of years, the one whose span holds
        the year of `on`: the latest begun, a closed span before an open one (ACLED closed
        "(2021-)" as "(2021-2025)" and uses the closed name since)."""
        names = self.names.get(part["group_id"], [])
        if ids:
            return next((name for name in names if name.isdigit()), "")
        spans = [(_PERIOD.search(name), name) for name in names] if on is not None else []
        held = [
            (int(span[1]), span[2] is not None, name)
            for span, name in spans
            if span and int(span[1]) <= on.year <= int(span[2] or on.year)
        ]
        if held:
            return max(held)[2]
        return next((name for name in names if not name.isdigit()), part["group__name"])

    def sides(self, incident_id: int) -> dict[str, list[dict]]:
        found = defaultdict(list)
        for part in self.parts.get(incident_id, []):
            found[part["role"]].append(part)
        return found


def civilian_target(row: dict, sides: dict) -> bool:
    targets = sides[ParticipationRole.TARGET] + sides[ParticipationRole.ASSOCIATED_TARGET]
    return row["event_type"] == EventType.VIOLENCE_AGAINST_CIVILIANS and not targets


def csv_value(value) -> str | int | float:
    """A cell: None empty, and text a spreadsheet would compute as a formula behind an apostrophe
    (the importers take it off again); other text, "-Sharqiyah TV" or UCDP's "-1", as it is."""
    if value is None:
        return ""
    if isinstance(value, str) and computes_as_formula(value):
        return "'" + value
    return value


class _Buffer:
    def __init__(self):
        self.parts: list[str] = []
        self.size = 0

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts, self.size = [], 0
        return text


def csv_chunks(
    header: Iterable[str], rows: Iterable[tuple[list, str]], *, notes: bool = False, preamble: Iterable[list] = ()
) -> Iterator[str]:
    """The CSV text in chunks (no byte order mark: the datasets' own files have none); the header
    (and the `preamble` rows, such as HDX's hashtag row) come before the first row is asked for.
    Each row comes with its note (datasets.keeping.note), written in a last column, tracker_note,
    when `notes` is asked for."""
    buffer = _Buffer()
    writer = csv.writer(buffer)
    writer.writerow([*header, "tracker_note"] if notes else header)
    for row in preamble:
        writer.writerow([*row, ""] if notes else row)
    yield buffer.take()
    for row, note in rows:
        writer.writerow([csv_value(value) for value in (row + [note] if notes else row)])
        if buffer.size >= _CHUNK_CHARS:
            yield buffer.take()
    if buffer.size:
        yield buffer.take()
