"""Incidents written out in the datasets' own layouts: ACLED's current layout and UCDP GED's
standard layout, so tools built for those files read ours.

What an incident holds goes back into the columns it came from: an ACLED or UCDP incident
imported and exported again gives the same values in every column we keep (see the importers
for what that is). Columns we do not keep are left empty (ACLED `inter1`/`inter2`/`interaction`
except for civilians, `admin3`; UCDP `relid`, conflict and dyad ids, `gwnoa`/`gwnob`,
`event_clarity`, `where_description`, `active_year`, `code_status`). Some are derived:

- ACLED `event_date` is the middle of the period (the 15th for a month, ACLED's convention);
  `disorder_type` follows from the event and sub-event type; `fatalities` is the lowest killed
  figure (ACLED's conservative rule); `timestamp` is when the incident last changed.
- UCDP `type_of_violence` is 3 for violence against civilians, else 1 when a state force takes
  part, else 2; `geom_wkt` and `priogrid_gid` follow from the coordinates; `low`/`best`/`high` are
  the incident's derived toll, `deaths_*` the UCDP claims.
- Civilians as the target (no target group in an event of violence against civilians) are
  written as ACLED's "Civilians (<country>)" and UCDP's "Civilians".

Rows stream in batches of a few queries each, so an export of any size runs in constant memory.
"""

import csv
import datetime
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from types import SimpleNamespace

from django.core.management.base import BaseCommand, CommandError
from django.db.models import QuerySet
from django.http import HttpResponseBadRequest, QueryDict, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from config.ratelimit import rate_limited
from incidents.filters import IncidentFilter
from incidents.importers import acled, ucdp
from incidents.importers.csvfiles import FORMULA_TRIGGERS
from incidents.importers.upsert import COUNTRY_CODES, parse_text
from incidents.models import CasualtyClaim, ExternalName, Incident, Participation, Report
from incidents.models.choices import (
    CasualtyCategory,
    Dataset,
    DatePrecision,
    EventType,
    GroupKind,
    LocationPrecision,
    ParticipationRole,
    SubEventType,
)
from incidents.views.filtering import BadFilter, apply_filters, filter_incidents

BATCH_SIZE = 1000
_CHUNK_CHARS = 64 * 1024
ACLED_COLUMNS = acled.LAYOUT_CURRENT.columns
UCDP_COLUMNS = ucdp.LAYOUT_STANDARD.columns

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
_TIME_PRECISION = {
    DatePrecision.DAY: 1,
    DatePrecision.DAYS: 2,
    DatePrecision.WEEK: 2,
    DatePrecision.MONTH: 3,
    DatePrecision.YEAR: 3,
}
_GEO_PRECISION = {
    LocationPrecision.EXACT: 1,
    LocationPrecision.TOWN: 1,
    LocationPrecision.NEAR: 2,
    LocationPrecision.DISTRICT: 2,
    LocationPrecision.GOVERNORATE: 3,
    LocationPrecision.REGION: 3,
    LocationPrecision.COUNTRY: 3,
    LocationPrecision.WATER: 3,
}
_WHERE_PREC = {value: code for code, value in ucdp.WHERE_PRECISIONS.items()} | {LocationPrecision.TOWN: 1}
_DATE_PREC = {value: code for code, value in ucdp.DATE_PRECISIONS.items()}
_EVENT_LABELS = dict(EventType.choices)
_SUB_EVENT_LABELS = dict(SubEventType.choices)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type for an event type (its 2023 grouping)."""
    if sub_event_type == SubEventType.EXCESSIVE_FORCE:
        return "Political violence; Demonstrations"
    if event_type == EventType.PROTESTS or sub_event_type == SubEventType.VIOLENT_DEMONSTRATION:
        return "Demonstrations"
    if event_type == EventType.STRATEGIC_DEVELOPMENTS:
        return "Strategic developments"
    return "Political violence" if event_type else ""


def coded_date(start: datetime.date, end: datetime.date | None, precision: str) -> datetime.date:
    """The one date ACLED codes for a period: its middle, the 15th for a month."""
    if precision == DatePrecision.MONTH:
        return start.replace(day=15)
    if end is None:
        return start
    return start + (end - start) // 2


def priogrid_gid(latitude: float, longitude: float) -> int:
    """The PRIO-GRID cell (half a degree, numbered from the south-west corner) holding the point."""
    row = min(int((latitude + 90) // 0.5), 359)
    column = min(int((longitude + 180) // 0.5), 719)
    return row * 720 + column + 1


def _batches(queryset: QuerySet) -> Iterator[list[dict]]:
    rows = queryset.values(*_VALUES).iterator(chunk_size=BATCH_SIZE)
    while batch := list(islice(rows, BATCH_SIZE)):
        yield batch


class _Batch:
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


def _civilian_target(row: dict, sides: dict) -> bool:
    targets = sides[ParticipationRole.TARGET] + sides[ParticipationRole.ASSOCIATED_TARGET]
    return row["event_type"] == EventType.VIOLENCE_AGAINST_CIVILIANS and not targets


def acled_rows(queryset: QuerySet) -> Iterator[list]:
    """One row per incident in ACLED's current layout, in the queryset's order."""
    for rows in _batches(queryset):
        batch = _Batch(rows, Dataset.ACLED, acled.SPEC.source_name)
        for row in rows:
            yield _acled_row(row, batch)


def _acled_row(row: dict, batch: _Batch) -> list:
    sides = batch.sides(row["id"])
    perpetrators = sides[ParticipationRole.PERPETRATOR] + sides[ParticipationRole.ASSOCIATED_PERPETRATOR]
    targets = sides[ParticipationRole.TARGET] + sides[ParticipationRole.ASSOCIATED_TARGET]
    civilians = _civilian_target(row, sides)
    country = row["country__name_en"] or ""
    if civilians:
        targets = [{"group_id": None, "group__name": f"Civilians ({country})" if country else "Civilians"}]
    names = [batch.actor_name(part) for part in perpetrators], [batch.actor_name(part) for part in targets]
    own_text = batch.own_text.get(row["id"])
    if own_text is not None:
        notes, fields = parse_text(own_text, acled.REPORT_LABELS)
    else:
        notes = row["summary"]
        fields = {"Source": "; ".join(sorted(batch.sources.get(row["id"], ())))}
    date = coded_date(row["start_date"], row["end_date"], row["date_precision"])
    iso_numeric, _, _ = COUNTRY_CODES.get(row["country__iso2"], (None, None, None))
    values = {
        "event_id_cnty": row["acled_event_id"],
        "event_date": date.isoformat(),
        "year": date.year,
        "time_precision": _TIME_PRECISION.get(row["date_precision"]),
        "disorder_type": disorder_type(row["event_type"], row["sub_event_type"]),
        "event_type": _EVENT_LABELS.get(row["event_type"], ""),
        "sub_event_type": _SUB_EVENT_LABELS.get(row["sub_event_type"], ""),
        "actor1": names[0][0] if names[0] else "",
        "assoc_actor_1": "; ".join(names[0][1:]),
        "actor2": names[1][0] if names[1] else "",
        "assoc_actor_2": "; ".join(names[1][1:]),
        "inter2": acled.INTER_CODES[acled.CIVILIANS] if civilians else "",
        "civilian_targeting": "Civilian targeting" if civilians else "",
        "iso": iso_numeric,
        "region": "Middle East" if iso_numeric else "",
        "country": country,
        "admin1": row["admin_area__name_en"],
        "admin2": row["district"],
        "location": row["place_name"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "geo_precision": _GEO_PRECISION.get(row["location_precision"]),
        "source": fields.get("Source", ""),
        "source_scale": fields.get("Source scale", ""),
        "notes": notes,
        "fatalities": row["killed_low"],
        "tags": fields.get("Tags", ""),
        "timestamp": int(row["changed_at"].timestamp()) if row["changed_at"] else None,
    }
    return [values.get(column) for column in ACLED_COLUMNS]


def ucdp_rows(queryset: QuerySet) -> Iterator[list]:
    """One row per incident in UCDP GED's standard layout, in the queryset's order."""
    for rows in _batches(queryset):
        batch = _Batch(rows, Dataset.UCDP, ucdp.SPEC.source_name)
        for row in rows:
            yield _ucdp_row(row, batch)


def _ucdp_deaths(claims: list[dict], side_a_groups: set) -> dict[str, int | None]:
    deaths = dict.fromkeys(("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"))
    for claim in claims:
        column = {
            CasualtyCategory.CIVILIANS: "deaths_civilians",
            CasualtyCategory.UNKNOWN: "deaths_unknown",
            CasualtyCategory.COMBATANTS: "deaths_a" if claim["group_id"] in side_a_groups else "deaths_b",
        }.get(claim["category"])
        if column:
            deaths[column] = claim["killed_min"]
    if claims:
        # UCDP writes 0 for a side it counted no deaths of.
        deaths = {column: value or 0 for column, value in deaths.items()}
    return deaths


def _ucdp_row(row: dict, batch: _Batch) -> list:
    sides = batch.sides(row["id"])
    side_a = sides[ParticipationRole.PERPETRATOR] or sides[ParticipationRole.ASSOCIATED_PERPETRATOR]
    side_b = sides[ParticipationRole.TARGET] or sides[ParticipationRole.ASSOCIATED_TARGET]
    civilians = _civilian_target(row, sides)
    side_a_name = ", ".join(batch.actor_name(part) for part in side_a)
    side_b_name = "Civilians" if civilians else ", ".join(batch.actor_name(part) for part in side_b)
    if civilians:
        violence = ucdp.ONE_SIDED
    elif any(part["group__kind"] == GroupKind.STATE_FORCE for part in side_a + side_b):
        violence = ucdp.STATE_BASED
    else:
        violence = ucdp.NON_STATE
    own_text = batch.own_text.get(row["id"])
    if own_text is not None:
        article, fields = parse_text(own_text, ucdp.REPORT_LABELS)
    else:
        article = ""
        reports = batch.reports.get(row["id"], ())
        fields = {
            "Source office": "; ".join(sorted(batch.sources.get(row["id"], ()))),
            "Number of sources": len(reports) if reports else "",
        }
    lat, lon = row["latitude"], row["longitude"]
    located = lat is not None and lon is not None
    _, gw_code, region = COUNTRY_CODES.get(row["country__iso2"], (None, None, ""))
    values = {
        "id": row["ucdp_id"],
        "year": row["start_date"].year,
        "type_of_violence": violence,
        "dyad_name": f"{side_a_name} - {side_b_name}" if side_a_name and side_b_name else "",
        "side_a_new_id": batch.actor_name(side_a[0], ids=True) if len(side_a) == 1 else "",
        "side_a": side_a_name,
        "side_b_new_id": ucdp.CIVILIANS_ID
        if civilians
        else (batch.actor_name(side_b[0], ids=True) if len(side_b) == 1 else ""),
        "side_b": side_b_name,
        "number_of_sources": fields.get("Number of sources", ""),
        "source_article": article,
        "source_office": fields.get("Source office", ""),
        "source_date": fields.get("Source date", ""),
        "source_headline": fields.get("Source headline", ""),
        "source_original": fields.get("Source original", ""),
        "where_prec": _WHERE_PREC.get(row["location_precision"]),
        "where_coordinates": row["place_name"],
        "adm_1": row["admin_area__name_en"],
        "adm_2": row["district"],
        "latitude": lat,
        "longitude": lon,
        "geom_wkt": f"POINT ({lon:.6f} {lat:.6f})" if located else "",
        "priogrid_gid": priogrid_gid(lat, lon) if located else None,
        "country": row["country__name_en"],
        "country_id": gw_code,
        "region": region,
        "date_prec": _DATE_PREC.get(row["date_precision"]),
        "date_start": row["start_date"].isoformat(),
        "date_end": (row["end_date"] or row["start_date"]).isoformat(),
        **_ucdp_deaths(batch.claims.get(row["id"], []), {part["group_id"] for part in side_a}),
        "best": row["killed_best"],
        "high": row["killed_high"],
        "low": row["killed_low"],
    }
    return [values.get(column) for column in UCDP_COLUMNS]


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


EXPORTS = {
    "acled": (ACLED_COLUMNS, acled_rows),
    "ucdp": (UCDP_COLUMNS, ucdp_rows),
}


def export_chunks(dataset: str, queryset: QuerySet) -> Iterator[str]:
    columns, rows = EXPORTS[dataset]
    return csv_chunks(columns, rows(queryset))


def _export_view(request, dataset: str):
    try:
        _, incidents = filter_incidents(request)
    except BadFilter as error:
        return HttpResponseBadRequest(f"Bad parameter: {error.as_text()}", content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(export_chunks(dataset, incidents), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="incidents-{dataset}-{timezone.now():%Y-%m-%d}.csv"'
    return response


@require_safe
@rate_limited("EXPORT_RATE_LIMIT")
def export_acled_view(request):
    """The incident list as filtered, in ACLED's current layout."""
    return _export_view(request, "acled")


@require_safe
@rate_limited("EXPORT_RATE_LIMIT")
def export_ucdp_view(request):
    """The incident list as filtered, in UCDP GED's standard layout."""
    return _export_view(request, "ucdp")


class ExportCommand(BaseCommand):
    """`manage.py export_acled` / `export_ucdp`: the incidents a filter selects, in the dataset's layout."""

    dataset = ""

    def add_arguments(self, parser):
        parser.add_argument(
            "--filter",
            default="",
            help='The list page\'s parameters, e.g. "country=IQ&date_from=2014-01-01" (default: every incident).',
        )
        parser.add_argument(
            "--public", action="store_true", help="Only what researchers see (published); default: what staff see."
        )
        parser.add_argument("-o", "--output", metavar="FILE", help="Write to FILE instead of standard output.")

    def handle(self, *args, **options):
        viewer = None if options["public"] else _STAFF
        try:
            _, incidents = apply_filters(
                IncidentFilter, QueryDict(options["filter"]), Incident.objects.visible_to(viewer)
            )
        except BadFilter as error:
            raise CommandError(f"Bad filter: {error.as_text()}") from None
        chunks = export_chunks(self.dataset, incidents)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as fh:
                fh.writelines(chunks)
        else:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")


# A command runs with staff's view of the incidents (drafts included), like the staff list page.
_STAFF = SimpleNamespace(is_active=True, is_staff=True)
