"""UCDP Georeferenced Event Dataset (GED) events, mapped onto incidents.

Reads the standard GED CSV layout and the layout HDX distributes (which adds an HXL hashtag row
under the header, drops some id columns and orders the death estimates differently): columns are
found by header name, never by position.

- `id` is the incident's `ucdp_id`; rows are upserted on it.
- UCDP has no event types. `type_of_violence` 1 (state-based) and 2 (non-state) become
  Battles / Armed clash; 3 (one-sided) becomes Violence against civilians / Attack.
- `date_prec` 1–5 gives day, span of days, week, month, year, with `date_start`/`date_end` kept.
- `where_prec` 1–7 gives exact, near a named place, district, governorate, larger region, country,
  water or airspace.
- `side_a` and `side_b` of state-based and non-state fighting are parties, "Party (side A)" and
  "Party (side B)", neither the perpetrator nor the target: UCDP gives no direction. In one-sided
  violence (`type_of_violence` 3) `side_a` is the perpetrator and `side_b` civilians, the target,
  who get no armed group. All "attributed by a source". Groups are matched on the UCDP actor id,
  the actor name, or a group's name, abbreviation or alias; both id and name are kept as the
  group's UCDP external names.
- Casualty claims, all by "UCDP GED": `deaths_a` (members of side A's group), `deaths_b` (side B's),
  `deaths_civilians`, `deaths_unknown`, and the total, killed `low`–`high`; the incident's best
  estimate is UCDP's `best`, pinned so the derived toll keeps it. A few GED rows give `best`
  outside `low`–`high` (or `low` above `high`): the total claim then spans all three figures, and
  a warning says so.
"""

from collections.abc import Iterator
from pathlib import Path

from django.db.models import QuerySet

from datasets.cells import cell, parse_code, parse_float, parse_int, read_date
from datasets.csvtable import ImportErrors, SourceRow
from datasets.importing import run_import
from datasets.keeping import PARTICIPANTS, layout_row, note, number, toll_note
from datasets.layouts import UCDP_COLUMNS, UCDP_LAYOUT_STANDARD
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
from datasets.writing import IncidentBatch, civilian_target, incident_batches, own_ucdp_id
from incidents.models.choices import (
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

DEMO_FILE = Path(__file__).resolve().parent.parent / "incidents" / "demo_data" / "ucdp-ged-iraq.csv"
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S")
REPORT_LABELS = ("Source office", "Source date", "Source headline", "Source original", "Number of sources")
STATE_BASED, NON_STATE, ONE_SIDED = 1, 2, 3
VIOLENCE = {
    STATE_BASED: ("State-based violence", EventType.BATTLES, SubEventType.ARMED_CLASH),
    NON_STATE: ("Non-state violence", EventType.BATTLES, SubEventType.ARMED_CLASH),
    ONE_SIDED: ("One-sided violence", EventType.VIOLENCE_AGAINST_CIVILIANS, SubEventType.ATTACK),
}
DATE_PRECISIONS = {
    1: DatePrecision.DAY,
    2: DatePrecision.DAYS,
    3: DatePrecision.WEEK,
    4: DatePrecision.MONTH,
    5: DatePrecision.YEAR,
}
WHERE_PRECISIONS = {
    1: LocationPrecision.EXACT,
    2: LocationPrecision.NEAR,
    3: LocationPrecision.DISTRICT,
    4: LocationPrecision.GOVERNORATE,
    5: LocationPrecision.REGION,
    6: LocationPrecision.COUNTRY,
    7: LocationPrecision.WATER,
}
# UCDP's actor id for civilians, the side B of every one-sided event.
CIVILIANS_ID = "1"


def guess_kind(actor: str) -> str:
    return GroupKind.STATE_FORCE if fold(actor).startswith("government of") else GroupKind.NON_STATE


def report_date(source_date: str, start, end):
    """The first of the source dates (";"-separated) that is a real date on or after the event
    began; else the event's last day. GED holds placeholders such as 1753-01-01."""
    for part in source_date.split(";"):
        found = read_date(part.strip(), DATE_FORMATS)
        if found is not None and found >= start:
            return found
    return end


def _actor(values: dict[str, str], column: str, errors: ImportErrors) -> str:
    actor = cell(values, column)
    if not actor:
        errors.add(column, "is empty")
    elif len(actor) > 200:
        errors.add(column, "is longer than 200 characters")
    return actor


def _actor_id(values: dict[str, str], column: str, errors: ImportErrors) -> str:
    text = cell(values, column)
    number = parse_int(values, column, errors, required=False)
    return str(number) if number is not None and text else ""


def build(row: SourceRow, geo: GeoLookups, errors: ImportErrors) -> EventRecord | None:
    values = row.values
    event_id = cell(values, "id")
    if not event_id.isdigit() or len(event_id) > 30:
        errors.add("id", f"“{event_id[:40]}” is not a UCDP GED event id (a number)")
    violence = parse_code(values, "type_of_violence", errors, {code: code for code in VIOLENCE})
    side_a = _actor(values, "side_a", errors)
    side_b = _actor(values, "side_b", errors)
    side_a_id = _actor_id(values, "side_a_new_id", errors)
    side_b_id = _actor_id(values, "side_b_new_id", errors)
    start = parse_incident_date(values, "date_start", errors, DATE_FORMATS)
    end = parse_incident_date(values, "date_end", errors, DATE_FORMATS)
    if start and end and end < start:
        errors.add("date_end", f"{end:%Y-%m-%d} is before date_start {start:%Y-%m-%d}")
    year = parse_int(values, "year", errors, required=False)
    if start and year is not None and year != start.year:
        errors.add("year", f"{year} is not the year of date_start {start:%Y-%m-%d}")
    date_precision = parse_code(values, "date_prec", errors, DATE_PRECISIONS)
    location_precision = parse_code(values, "where_prec", errors, WHERE_PRECISIONS)
    latitude = parse_float(values, "latitude", errors, limit=90)
    longitude = parse_float(values, "longitude", errors, limit=180)
    country_name = cell(values, "country")
    gw_code = cell(values, "country_id")
    country_id = geo.country(country_name, cell(values, "iso3"), f"gw{gw_code}" if gw_code else "")
    if country_id is None:
        errors.add("country", f"“{country_name[:40]}” is not a country the tracker holds")
    low = parse_int(values, "low", errors)
    best = parse_int(values, "best", errors)
    high = parse_int(values, "high", errors)
    deaths = {
        column: parse_int(values, column, errors, required=column in values)
        for column in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
    }
    one_sided = violence == ONE_SIDED or fold(side_b) == "civilians"
    if one_sided and deaths["deaths_b"]:
        errors.add("deaths_b", "is not 0 in a one-sided event, whose side B is civilians")
    place = cell(values, "where_coordinates")
    district = cell(values, "adm_2")
    for column, text in (("where_coordinates", place), ("adm_2", district)):
        if len(text) > 200:
            errors.add(column, "is longer than 200 characters")
    if errors:
        return None

    admin_area_id = geo.place(
        errors,
        country_id=country_id,
        area_column="adm_1",
        area_name=cell(values, "adm_1"),
        lat=latitude,
        lon=longitude,
        precision=location_precision,
    )
    if one_sided:
        actors = [ActorRef(side_a, ParticipationRole.PERPETRATOR, side_a_id, guess_kind(side_a))]
    else:
        actors = [
            ActorRef(side_a, ParticipationRole.SIDE_A, side_a_id, guess_kind(side_a)),
            ActorRef(side_b, ParticipationRole.SIDE_B, side_b_id, guess_kind(side_b)),
        ]

    claims = [
        ClaimSpec(category, deaths[column], deaths[column], actor=actor)
        for column, category, actor in (
            ("deaths_a", CasualtyCategory.COMBATANTS, side_a),
            ("deaths_b", CasualtyCategory.COMBATANTS, side_b),
            ("deaths_civilians", CasualtyCategory.CIVILIANS, ""),
            ("deaths_unknown", CasualtyCategory.UNKNOWN, ""),
        )
        # A zero is UCDP's breakdown saying nothing of that group, not a separate account.
        if deaths[column]
    ]
    if not low <= best <= high:
        errors.warn("best", f"low {low}, best {best}, high {high} are out of order: the claim spans all three")
    claims.append(ClaimSpec(CasualtyCategory.ALL, min(low, best, high), max(low, best, high)))

    headline = cell(values, "source_headline")
    source_date = cell(values, "source_date")
    report_text = compose_text(
        cell(values, "source_article"),
        [
            ("Source office", cell(values, "source_office")),
            ("Source date", source_date),
            ("Source headline", headline),
            ("Source original", cell(values, "source_original")),
            ("Number of sources", cell(values, "number_of_sources")),
        ],
    )
    what, event_type, sub_event_type = VIOLENCE[violence]
    return EventRecord(
        external_id=event_id,
        fields={
            "ucdp_id": event_id,
            "start_date": start,
            "end_date": end if end != start else None,
            "date_precision": date_precision,
            "event_type": event_type,
            "sub_event_type": sub_event_type,
            "place_name": place,
            "country_id": country_id,
            "admin_area_id": admin_area_id,
            "district": district,
            "latitude": latitude,
            "longitude": longitude,
            "location_precision": location_precision,
        },
        actors=actors,
        claims=claims,
        report={
            "title": (headline if len(headline) <= 500 else headline[:499] + "…") or f"UCDP GED event {event_id}",
            "text": report_text,
            "published_on": report_date(source_date, start, end),
        },
        what=what,
        place=place or cell(values, "adm_1"),
        civilian_target=one_sided,
        pinned_best=best,
    )


SPEC = DatasetSpec(
    dataset=Dataset.UCDP,
    columns=UCDP_COLUMNS,
    id_column="id",
    id_field="ucdp_id",
    source_name="UCDP GED",
    source_url="https://ucdp.uu.se/",
    source_notes=(
        "UCDP Georeferenced Event Dataset (GED), CC BY 4.0. Sundberg, Ralph and Erik Melander (2013), "
        "“Introducing the UCDP Georeferenced Event Dataset”, Journal of Peace Research 50(4)."
    ),
    managed=("ucdp_id", *EVENT_FIELDS),
    build=build,
)


def import_ucdp(path, **options):
    """Import a UCDP GED CSV file; see `datasets.importing.run_import` for the options."""
    options.setdefault("status", Status.PUBLISHED)
    return run_import(SPEC, path, **options)


def load_ucdp_demo():
    """The UCDP GED events for Iraq shipped with the demo (incidents/demo_data/ucdp-ged-iraq.csv),
    published; a second run finds every row unchanged and writes nothing."""
    return import_ucdp(DEMO_FILE)


# Writing -------------------------------------------------------------------------------------

EXPORT_COLUMNS = UCDP_LAYOUT_STANDARD.columns
_WHERE_PREC = {value: code for code, value in WHERE_PRECISIONS.items()} | {LocationPrecision.TOWN: 1}
_DATE_PREC = {value: code for code, value in DATE_PRECISIONS.items()}


def priogrid_gid(latitude: float, longitude: float) -> int:
    """The PRIO-GRID cell (half a degree, numbered from the south-west corner) holding the point."""
    row = min(int((latitude + 90) // 0.5), 359)
    column = min(int((longitude + 180) // 0.5), 719)
    return row * 720 + column + 1


_DATES = ("year", "start_year", "end_year", "date_prec", "date_start", "date_end")
_POINT = ("latitude", "longitude", "geom_wkt", "priogrid_gid")
# The columns each incident field (and the participants) gives, which carry an editor's value.
OVERLAYS = {
    "start_date": _DATES,
    "end_date": _DATES,
    "date_precision": _DATES,
    "event_type": ("type_of_violence",),
    "sub_event_type": ("type_of_violence",),
    "place_name": ("where_coordinates",),
    "country_id": ("country", "country_id", "iso3", "region"),
    "admin_area_id": ("adm_1",),
    "district": ("adm_2",),
    "latitude": _POINT,
    "longitude": _POINT,
    "location_precision": ("where_prec",),
    PARTICIPANTS: ("type_of_violence", "dyad_name", "side_a_new_id", "side_a", "side_b_new_id", "side_b"),
}


def ucdp_rows(
    queryset: QuerySet, columns: tuple[str, ...] = EXPORT_COLUMNS, rows_of=current_rows
) -> Iterator[tuple[list, str]]:
    """One row per incident in a UCDP GED layout's `columns`, in the queryset's order, with its
    note (datasets.keeping): the row it was imported from, else one derived from it."""
    for rows in incident_batches(queryset):
        batch = IncidentBatch(rows, Dataset.UCDP, SPEC.source_name, rows_of)
        for row in rows:
            kept = batch.kept.get(row["id"])
            values, edited = layout_row(columns, _ucdp_row(row, batch), kept, OVERLAYS, batch.parts.get(row["id"], []))
            if kept is None:
                yield values, ""
                continue
            figures = (number(kept["values"].get(column)) for column in ("low", "best", "high"))
            yield values, note(edited, toll_note(row, *figures))


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


def _ucdp_row(row: dict, batch: IncidentBatch) -> dict:
    sides = batch.sides(row["id"])
    side_a = (
        sides[ParticipationRole.SIDE_A]
        or sides[ParticipationRole.PERPETRATOR]
        or sides[ParticipationRole.ASSOCIATED_PERPETRATOR]
    )
    side_b = (
        sides[ParticipationRole.SIDE_B] or sides[ParticipationRole.TARGET] or sides[ParticipationRole.ASSOCIATED_TARGET]
    )
    civilians = civilian_target(row, sides)
    side_a_name = ", ".join(batch.actor_name(part) for part in side_a)
    side_b_name = "Civilians" if civilians else ", ".join(batch.actor_name(part) for part in side_b)
    if civilians:
        violence = ONE_SIDED
    elif any(part["group__kind"] == GroupKind.STATE_FORCE for part in side_a + side_b):
        violence = STATE_BASED
    else:
        violence = NON_STATE
    own_text = batch.own_text.get(row["id"])
    if own_text is not None:
        article, fields = parse_text(own_text, REPORT_LABELS)
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
    return {
        "id": row["ucdp_id"] or own_ucdp_id(row),
        "year": row["start_date"].year,
        "type_of_violence": violence,
        "dyad_name": f"{side_a_name} - {side_b_name}" if side_a_name and side_b_name else "",
        "side_a_new_id": batch.actor_name(side_a[0], ids=True) if len(side_a) == 1 else "",
        "side_a": side_a_name,
        "side_b_new_id": CIVILIANS_ID
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
        "start_year": row["start_date"].year,
        "end_year": (row["end_date"] or row["start_date"]).year,
        "iso3": row["country__iso3"],
        "_row": row,
    }
