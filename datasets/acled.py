"""ACLED events: both published layouts, mapped onto incidents.

Columns are read by header name, so the 2020 layout (numeric `inter` codes, dates re-saved by
spreadsheets as `9-May-20`) and the current one (text `inter` codes, ISO dates) share one mapping.

- `event_id_cnty` is the incident's `acled_event_id`; rows are upserted on it.
- `time_precision` 1/2/3 gives a day, the week around the coded date (ACLED codes the middle of
  the week: start and end are three days either side), or the calendar month.
- `geo_precision` 1/2/3 gives "town", "near a named place", "governorate".
- `actor1` is the perpetrator and `actor2` the target, `assoc_actor_1`/`_2` (split on ";") the
  associated ones, all "attributed by a source". Civilians (inter code 7, or an actor named
  "Civilians (...)") are victims, not an armed group: no group is made for them.
- `fatalities` is one claim about all people, killed min = max, by the source "ACLED".
- `notes` is the incident's summary and, with `source`, `source_scale` and `tags`, its report's text.
"""

import datetime
import re
from collections.abc import Iterator

from django.db.models import QuerySet

from datasets.cells import cell, parse_code, parse_float, parse_int
from datasets.csvtable import ImportErrors, SourceRow
from datasets.importing import run_import
from datasets.keeping import PARTICIPANTS, layout_row, note, number, toll_note
from datasets.layouts import (
    ACLED_COLUMNS,
    ACLED_DATE_FORMATS,
    ACLED_EVENT_TYPES,
    ACLED_ID,
    ACLED_LAYOUT_CURRENT,
)
from datasets.places import COUNTRY_CODES, GeoLookups
from datasets.records import (
    EVENT_FIELDS,
    ActorRef,
    ClaimSpec,
    DatasetSpec,
    EventRecord,
    compose_text,
    parse_incident_date,
    parse_text,
)
from datasets.writing import IncidentBatch, civilian_target, incident_batches, own_acled_event_id
from incidents.models.choices import (
    SUB_EVENT_TYPES,
    CasualtyCategory,
    Dataset,
    DatePrecision,
    EventType,
    GroupKind,
    LocationPrecision,
    ParticipationRole,
    Status,
    SubEventType,
)
from incidents.text import fold
from releases.asof import current_rows

REPORT_LABELS = ("Source", "Source scale", "Tags")
CIVILIANS = 7
INTER_CODES = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
_INTER_BY_TEXT = {fold(text).rstrip("s"): code for code, text in INTER_CODES.items()}
_KIND_BY_INTER = {
    1: GroupKind.STATE_FORCE,
    2: GroupKind.NON_STATE,
    3: GroupKind.NON_STATE,
    4: GroupKind.NON_STATE,
    5: GroupKind.OTHER,
    6: GroupKind.OTHER,
    8: GroupKind.STATE_FORCE,
}
TIME_PRECISIONS = {1: DatePrecision.DAY, 2: DatePrecision.WEEK, 3: DatePrecision.MONTH}
GEO_PRECISIONS = {1: LocationPrecision.TOWN, 2: LocationPrecision.NEAR, 3: LocationPrecision.GOVERNORATE}
_SUB_EVENT_TYPES = {fold(label): code for code, label in SubEventType.choices}
_CIVILIANS = re.compile(r"civilians\b")


def parse_inter(values: dict[str, str], column: str, errors: ImportErrors) -> int | None:
    """An actor type: numeric (2020 layout) or text (current layout)."""
    text = cell(values, column)
    if not text:
        return None
    if text.isdigit():
        code = int(text)
        if code in INTER_CODES or code == 0:
            return code or None
    elif (code := _INTER_BY_TEXT.get(fold(text).rstrip("s"))) is not None:
        return code
    errors.add(column, f"“{text[:40]}” is not an ACLED actor type")
    return None


def is_civilians(actor: str, inter: int | None = None) -> bool:
    return inter == CIVILIANS or bool(_CIVILIANS.match(fold(actor)))


def guess_kind(actor: str, inter: int | None) -> str:
    folded = fold(actor)
    if folded.startswith("unidentified"):
        return GroupKind.UNIDENTIFIED
    if inter in _KIND_BY_INTER:
        return _KIND_BY_INTER[inter]
    if folded.startswith(("military forces of", "police forces of", "government of")):
        return GroupKind.STATE_FORCE
    return GroupKind.OTHER


def period(coded: datetime.date, precision: str) -> tuple[datetime.date, datetime.date | None]:
    """Start and end dates covering what ACLED's coded date stands for."""
    if precision == DatePrecision.WEEK:
        return coded - datetime.timedelta(days=3), coded + datetime.timedelta(days=3)
    if precision == DatePrecision.MONTH:
        first = coded.replace(day=1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        return first, following - datetime.timedelta(days=1)
    return coded, None


def _actor(values: dict[str, str], column: str, errors: ImportErrors, *, required: bool = False) -> str:
    actor = cell(values, column)
    if required and not actor:
        errors.add(column, "is empty")
    if len(actor) > 200:
        errors.add(column, "is longer than 200 characters")
    return actor


def _text(values: dict[str, str], column: str, errors: ImportErrors, limit: int = 200) -> str:
    text = cell(values, column)
    if len(text) > limit:
        errors.add(column, f"is longer than {limit} characters")
    return text


def build(row: SourceRow, geo: GeoLookups, errors: ImportErrors) -> EventRecord | None:
    values = row.values
    event_id = cell(values, "event_id_cnty")
    if not event_id:
        errors.add("event_id_cnty", "is empty")
    elif not ACLED_ID.fullmatch(event_id) or len(event_id) > 30:
        errors.add("event_id_cnty", f"“{event_id[:40]}” is not an ACLED event id (like IRQ12345)")
    coded = parse_incident_date(values, "event_date", errors, ACLED_DATE_FORMATS)
    year = parse_int(values, "year", errors, required=False)
    if coded and year is not None and year != coded.year:
        errors.add("year", f"{year} is not the year of event_date {coded:%Y-%m-%d}")
    precision = parse_code(values, "time_precision", errors, TIME_PRECISIONS)

    event_type = ACLED_EVENT_TYPES.get(fold(cell(values, "event_type")))
    if event_type is None:
        errors.add("event_type", f"“{cell(values, 'event_type')[:40]}” is not an ACLED event type")
    sub_event_type = _SUB_EVENT_TYPES.get(fold(cell(values, "sub_event_type")))
    if sub_event_type is None:
        errors.add("sub_event_type", f"“{cell(values, 'sub_event_type')[:40]}” is not an ACLED sub-event type")
    elif event_type is not None and sub_event_type not in SUB_EVENT_TYPES[event_type]:
        errors.add(
            "sub_event_type",
            f"“{SubEventType(sub_event_type).label}” is not a sub-event type of “{EventType(event_type).label}”",
        )

    actor1 = _actor(values, "actor1", errors, required=True)
    actor2 = _actor(values, "actor2", errors)
    inter1 = parse_inter(values, "inter1", errors)
    inter2 = parse_inter(values, "inter2", errors)
    associated = {
        column: [name.strip() for name in cell(values, column).split(";") if name.strip()]
        for column in ("assoc_actor_1", "assoc_actor_2")
    }
    for column, names in associated.items():
        if any(len(name) > 200 for name in names):
            errors.add(column, "names an actor longer than 200 characters")

    country_name = cell(values, "country")
    country_id = geo.country(country_name, cell(values, "iso"), cell(values, "iso3"))
    if country_id is None:
        errors.add("country", f"“{country_name[:40]}” is not a country the tracker holds")
    latitude = parse_float(values, "latitude", errors, limit=90)
    longitude = parse_float(values, "longitude", errors, limit=180)
    location_precision = parse_code(values, "geo_precision", errors, GEO_PRECISIONS)
    fatalities = parse_int(values, "fatalities", errors)
    location = _text(values, "location", errors)
    district = _text(values, "admin2", errors)
    if errors:
        return None

    start, end = period(coded, precision)
    admin_area_id = geo.place(
        errors,
        country_id=country_id,
        area_column="admin1",
        area_name=cell(values, "admin1"),
        lat=latitude,
        lon=longitude,
        precision=location_precision,
    )
    actors = []
    civilian_target = False
    sides = [
        ([actor1], inter1, ParticipationRole.PERPETRATOR),
        (associated["assoc_actor_1"], None, ParticipationRole.ASSOCIATED_PERPETRATOR),
        ([actor2] if actor2 else [], inter2, ParticipationRole.TARGET),
        (associated["assoc_actor_2"], None, ParticipationRole.ASSOCIATED_TARGET),
    ]
    for names, inter, role in sides:
        for name in names:
            if is_civilians(name, inter):
                civilian_target = civilian_target or role == ParticipationRole.TARGET
                continue
            actors.append(ActorRef(name, role, kind=guess_kind(name, inter)))

    notes = cell(values, "notes")
    report_text = compose_text(
        notes,
        [
            ("Source", cell(values, "source")),
            ("Source scale", cell(values, "source_scale")),
            ("Tags", cell(values, "tags")),
        ],
    )
    return EventRecord(
        external_id=event_id,
        fields={
            "acled_event_id": event_id,
            "summary": notes,
            "start_date": start,
            "end_date": end,
            "date_precision": precision,
            "event_type": event_type,
            "sub_event_type": sub_event_type,
            "place_name": location,
            "country_id": country_id,
            "admin_area_id": admin_area_id,
            "district": district,
            "latitude": latitude,
            "longitude": longitude,
            "location_precision": location_precision,
        },
        actors=actors,
        claims=[ClaimSpec(CasualtyCategory.ALL, fatalities, fatalities)],
        report={
            "title": notes[:200] or f"ACLED event {event_id}",
            "text": report_text,
            "published_on": coded,
        },
        what=SubEventType(sub_event_type).label,
        place=location or cell(values, "admin1"),
        civilian_target=civilian_target,
    )


SPEC = DatasetSpec(
    dataset=Dataset.ACLED,
    columns=ACLED_COLUMNS,
    id_column="event_id_cnty",
    id_field="acled_event_id",
    source_name="ACLED",
    source_url="https://acleddata.com/",
    source_notes="Armed Conflict Location & Event Data (ACLED). Its terms forbid redistributing its raw data.",
    managed=("acled_event_id", "summary", *EVENT_FIELDS),
    build=build,
)


def import_acled(path, **options):
    """Import an ACLED CSV file; see `datasets.importing.run_import` for the options."""
    options.setdefault("status", Status.PUBLISHED)
    return run_import(SPEC, path, **options)


# Writing -------------------------------------------------------------------------------------

EXPORT_COLUMNS = ACLED_LAYOUT_CURRENT.columns
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
_EVENT_LABELS = dict(EventType.choices)
_SUB_EVENT_LABELS = dict(SubEventType.choices)


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


# The columns each incident field (and the participants) gives, which carry an editor's value.
_DATES = ("event_date", "year", "time_precision")
_TYPES = ("disorder_type", "event_type", "sub_event_type")
_ACTORS = ("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction")
OVERLAYS = {
    "summary": ("notes",),
    "start_date": _DATES,
    "end_date": _DATES,
    "date_precision": _DATES,
    "event_type": _TYPES,
    "sub_event_type": _TYPES,
    "place_name": ("location",),
    "country_id": ("iso", "region", "country"),
    "admin_area_id": ("admin1",),
    "district": ("admin2",),
    "latitude": ("latitude",),
    "longitude": ("longitude",),
    "location_precision": ("geo_precision",),
    PARTICIPANTS: (*_ACTORS, "civilian_targeting"),
}


def acled_rows(
    queryset: QuerySet, columns: tuple[str, ...] = EXPORT_COLUMNS, rows_of=current_rows
) -> Iterator[tuple[list, str]]:
    """One row per incident in ACLED's current layout, in the queryset's order, with its note
    (datasets.keeping): the row it was imported from, else one derived from it."""
    for rows in incident_batches(queryset):
        batch = IncidentBatch(rows, Dataset.ACLED, SPEC.source_name, rows_of)
        for row in rows:
            kept = batch.kept.get(row["id"])
            if kept is not None and kept["layout"] != ACLED_LAYOUT_CURRENT.name:
                kept = {**kept, "values": current_layout_values(kept["values"])}
            parts = batch.parts.get(row["id"], [])
            # The timestamp says when the row last changed: ACLED's, or the tracker's once edited.
            values, edited = layout_row(columns, _acled_row(row, batch), kept, OVERLAYS, parts, ("timestamp",))
            fatalities = number(kept["values"].get("fatalities")) if kept else row["killed_low"]
            yield values, note(edited, toll_note(row, fatalities, fatalities, fatalities))


def current_layout_values(values: dict[str, str]) -> dict[str, str]:
    """A row kept from a 2020-layout file, in the current layout's terms: actor types as text,
    the date left to the incident's (a spreadsheet's "9-May-20" is written 2020-05-09)."""
    current = {column: value for column, value in values.items() if column != "event_date"}
    for column in ("inter1", "inter2"):
        code = values.get(column, "").strip()
        if code.isdigit():
            current[column] = INTER_CODES.get(int(code), "")
    code = values.get("interaction", "").strip()
    if code.isdigit() and len(code) == 2:
        first, second = INTER_CODES.get(int(code[0]), ""), INTER_CODES.get(int(code[1]))
        current["interaction"] = f"{first}-{second}" if second else f"{first} only"
    return current


def _acled_row(row: dict, batch: IncidentBatch) -> dict:
    sides = batch.sides(row["id"])
    # ACLED's actor1 and actor2 carry no direction: UCDP's sides A and B go there too.
    perpetrators = (
        sides[ParticipationRole.PERPETRATOR]
        + sides[ParticipationRole.SIDE_A]
        + sides[ParticipationRole.ASSOCIATED_PERPETRATOR]
    )
    targets = (
        sides[ParticipationRole.TARGET] + sides[ParticipationRole.SIDE_B] + sides[ParticipationRole.ASSOCIATED_TARGET]
    )
    civilians = civilian_target(row, sides)
    country = row["country__name_en"] or ""
    if civilians:
        targets = [{"group_id": None, "group__name": f"Civilians ({country})" if country else "Civilians"}]
    day = row["start_date"]
    names = [batch.actor_name(p, on=day) for p in perpetrators], [batch.actor_name(p, on=day) for p in targets]
    own_text = batch.own_text.get(row["id"])
    if own_text is not None:
        _, fields = parse_text(own_text, REPORT_LABELS)
    else:
        fields = {"Source": "; ".join(sorted(batch.sources.get(row["id"], ())))}
    date = coded_date(row["start_date"], row["end_date"], row["date_precision"])
    iso_numeric, _, _ = COUNTRY_CODES.get(row["country__iso2"], (None, None, None))
    return {
        "event_id_cnty": row["acled_event_id"] or own_acled_event_id(row),
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
        "inter2": INTER_CODES[CIVILIANS] if civilians else "",
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
        "notes": row["summary"],
        "fatalities": row["killed_low"],
        "tags": fields.get("Tags", ""),
        "timestamp": int(row["changed_at"].timestamp()) if row["changed_at"] else None,
        "_row": row,
    }
