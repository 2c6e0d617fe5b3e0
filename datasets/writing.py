"""Incidents written out in a dataset's own layout (datasets.acled, datasets.ucdp write the rows):
what every layout's rows need, and the CSV text they stream as.

What an incident holds goes back into the columns it came from: an ACLED or UCDP incident
imported and exported again gives the same values in every column we keep (see each dataset's
module for what that is). Columns we do not keep are left empty. Civilians as the target (no
target group in an event of violence against civilians) are written as the dataset names them.

Rows stream in batches of a few queries each, so an export of any size runs in constant memory.
"""

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db.models import QuerySet

from datasets.csvtable import FORMULA_TRIGGERS
from incidents.models import CasualtyClaim, ExternalName, Participation, Report
from incidents.models.choices import EventType, ParticipationRole

BATCH_SIZE = 1000
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
    "country__iso2",
    "country__iso3",
    "country__name_en",
    "admin_area__name_en",
)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def incident_batches(queryset: QuerySet) -> Iterator[list[dict]]:
    rows = queryset.values(*_VALUES).iterator(chunk_size=BATCH_SIZE)
    while batch := list(islice(rows, BATCH_SIZE)):
        yield batch


class IncidentBatch:
    """What the rows of one batch need besides their own columns: four queries per batch."""

    def __init__(self, rows: list[dict], dataset: str, source_name: str):
        ids = [row["id"] for row in rows]
        self.parts = defaultdict(list)
        group_ids = set()
        for part in (
            Participation.objects.filter(incident_id__in=ids)
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
            CasualtyClaim.objects.filter(incident_id__in=ids).values(
                "incident_id", "report_id", "report__source__name", "category", "group_id", "killed_min"
            )
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

    def actor_name(self, part: dict, *, ids: bool = False) -> str:
        """The group as the dataset names it (its external name), else our name; with `ids`, the
        dataset's numeric id for it."""
        names = self.names.get(part["group_id"], [])
        if ids:
            return next((name for name in names if name.isdigit()), "")
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
    """A cell: None empty, and text a spreadsheet would run as a formula behind an apostrophe
    (the importers take it off again); a plain number such as UCDP's "-1" is no formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not _NUMBER.fullmatch(value):
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


def csv_chunks(header: Iterable[str], rows: Iterable[list]) -> Iterator[str]:
    """The CSV text in chunks (no byte order mark: the datasets' own files have none); the header
    comes before the first row is asked for."""
    buffer = _Buffer()
    writer = csv.writer(buffer)
    writer.writerow(header)
    yield buffer.take()
    for row in rows:
        writer.writerow([csv_value(value) for value in row])
        if buffer.size >= _CHUNK_CHARS:
            yield buffer.take()
    if buffer.size:
        yield buffer.take()
