"""The map's grid clusters from a summary table, on PostgreSQL: a million incidents answer in milliseconds.

`incidents_mapcell` (models.MapCell) sums the published incidents per grid level, cell, event type,
country and governorate, per pair of months and for all time. Statement-level triggers on the
incident table add what each INSERT, UPDATE, DELETE or COPY changes, whatever wrote it (the admin,
an import, a queryset update, the synthetic generator), in the same transaction; a rolled-back
change leaves no trace. Grouping a view's cells of one level then reads a few thousand summary rows
instead of every incident.

The summary answers the public map when the only filters are whole months, event types, countries
and governorates, at the coarser levels (LEVELS); anything else (text, groups, tolls, staff views
with drafts, the finest zooms, SQLite) is counted from the incidents themselves, the same way.
"""

import calendar
import datetime
from collections.abc import Callable
from typing import NamedTuple

from django.db import connection
from django.db.models import Max, Min, Q, QuerySet, Sum

from incidents.models.incident import sees_unpublished
from maps.models import MapCell, MapWeek

# Grid levels kept for all time, and the coarser ones kept per month: at a deeper zoom the view
# is small enough for the incident table's coordinate index.
LEVELS = range(0, 13)
MONTHLY_LEVELS = range(0, 11)
# The filters the summary has a dimension for.
SUMMARISED = {"date_from", "date_to", "event_type", "country", "governorate"}

_KEY = "level, cell_y, cell_x, month_first, month_last, event_type, country_id, admin_area_id"


FINEST = LEVELS[-1]


def _levels_sql() -> str:
    """(level, shift, monthly) for every kind of row kept. A level-k cell is the level-FINEST cells
    whose numbers shifted right by FINEST - k are its own: the side 360 / 2**k is exact, so
    floor(lat / side_k) = floor(floor(lat / side_FINEST) / 2**(FINEST - k))."""
    kinds = [(k, False) for k in LEVELS] + [(k, True) for k in MONTHLY_LEVELS]
    rows = [f"({k}, {FINEST - k}, {'true' if monthly else 'false'})" for k, monthly in kinds]
    return "(VALUES " + ", ".join(rows) + ") AS l(level, shift, monthly)"


# The sums a cell row keeps, of source rows `c` with their `sign` (+1 added, -1 removed); a group
# whose sums all cancel writes nothing; and the upsert's update, adding to the row `alias`. The
# extent only grows: a removal cannot tell whether it held the edge.
# (column, its sum over source rows `c`, how partial sums of it add up)
_SUM_PARTS = (
    ("count", "sum(c.sign)", "sum"),
    ("killed", "sum(c.sign * coalesce(c.killed_best, 0))", "sum"),
    ("lat_sum", "coalesce(sum(c.sign * c.latitude), 0)", "sum"),
    ("lng_sum", "coalesce(sum(c.sign * c.longitude), 0)", "sum"),
    ("south", "min(c.latitude) FILTER (WHERE c.sign > 0)", "min"),
    ("west", "min(c.longitude) FILTER (WHERE c.sign > 0)", "min"),
    ("north", "max(c.latitude) FILTER (WHERE c.sign > 0)", "max"),
    ("east", "max(c.longitude) FILTER (WHERE c.sign > 0)", "max"),
)
SUMS = ", ".join(term for _, term, _ in _SUM_PARTS)
SUMS_CHANGED = """HAVING sum(c.sign) <> 0 OR sum(c.sign * coalesce(c.killed_best, 0)) <> 0
        OR sum(c.sign * c.latitude) <> 0 OR sum(c.sign * c.longitude) <> 0"""
SUM_COLUMNS = ", ".join(column for column, _, _ in _SUM_PARTS)
_NAMED_SUMS = ", ".join(f"{term} AS {column}" for column, term, _ in _SUM_PARTS)
_SUMS_OF_SUMS = ", ".join(f"{rollup}(f.{column})" for column, _, rollup in _SUM_PARTS)


def sums_update(alias: str) -> str:
    added = ", ".join(f"{column} = {alias}.{column} + EXCLUDED.{column}" for column in SUM_COLUMNS.split(", ")[:4])
    edges = ", ".join(
        f"{column} = {pick}({alias}.{column}, EXCLUDED.{column})"
        for column, pick in (("south", "LEAST"), ("west", "LEAST"), ("north", "GREATEST"), ("east", "GREATEST"))
    )
    return f"{added}, {edges}"


def add_cells(source: str) -> str:
    """The INSERT that adds `source`'s rows (incident columns and `sign`, +1 or -1) to the summary.

    The rows are summed first into the finest cells (with their months), and every level's rows
    from those: far fewer than the rows times the 24 kinds of summary row, since incidents
    crowd into the same places. Each summary row is written once, in key order (concurrent writers
    lock rows in the same order). The extent only grows: a removal cannot tell whether it held the
    edge.
    """
    side = f"{360 / 2**FINEST!r}::float8"
    month = "CASE WHEN l.monthly THEN f.{0} END"
    return f"""
    WITH f AS (
        SELECT floor(c.latitude / {side})::int AS y, floor(c.longitude / {side})::int AS x,
               date_trunc('month', c.period_start)::date AS month_first,
               date_trunc('month', c.period_end)::date AS month_last,
               c.event_type, c.country_id, c.admin_area_id,
               {_NAMED_SUMS}
        FROM ({source}) AS c
        WHERE c.status = 'published' AND c.merged_into_id IS NULL
        GROUP BY 1, 2, 3, 4, 5, 6, 7
    )
    INSERT INTO incidents_mapcell AS cell ({_KEY}, {SUM_COLUMNS})
    SELECT l.level, f.y >> l.shift, f.x >> l.shift,
           {month.format("month_first")}, {month.format("month_last")}, f.event_type, f.country_id, f.admin_area_id,
           {_SUMS_OF_SUMS}
    FROM f CROSS JOIN {_levels_sql()}
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    HAVING sum(f.count) <> 0 OR sum(f.killed) <> 0 OR sum(f.lat_sum) <> 0 OR sum(f.lng_sum) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ON CONSTRAINT inc_mapcell_key DO UPDATE SET
        {sums_update("cell")}
    """


# The weekly sums besides the count: the trends page's fatalities (the derived toll's low, best
# and high, a missing low or high taken as the best) and contested incidents.
_WEEK_SUMS = (
    ("killed_low", "coalesce(c.killed_low, c.killed_best, 0)"),
    ("killed_best", "coalesce(c.killed_best, 0)"),
    ("killed_high", "coalesce(c.killed_high, c.killed_best, 0)"),
    ("contested", "CASE WHEN c.contested THEN 1 ELSE 0 END"),
)


def add_weeks(source: str) -> str:
    """The INSERT that adds `source`'s rows to the weekly summary, as add_cells does to the cells."""
    columns = ", ".join(column for column, _ in _WEEK_SUMS)
    sums = ", ".join(f"coalesce(sum(c.sign * {term}), 0)" for _, term in _WEEK_SUMS)
    changed = " OR ".join(f"sum(c.sign * {term}) <> 0" for _, term in _WEEK_SUMS)
    added = ", ".join(f"{column} = w.{column} + EXCLUDED.{column}" for column, _ in _WEEK_SUMS)
    return f"""
    INSERT INTO incidents_mapweek AS w (week, located, month_first, month_last, event_type, country_id,
                                        admin_area_id, count, imprecise, {columns})
    SELECT date_trunc('week', c.period_start::timestamp)::date, c.latitude IS NOT NULL,
           date_trunc('month', c.period_start)::date, date_trunc('month', c.period_end)::date,
           c.event_type, c.country_id, c.admin_area_id,
           sum(c.sign), coalesce(sum(c.sign) FILTER (WHERE c.date_precision IN ('month', 'year')), 0),
           {sums}
    FROM ({source}) AS c
    WHERE c.status = 'published' AND c.merged_into_id IS NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(c.sign) <> 0 OR {changed}
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ON CONSTRAINT inc_mapweek_key DO UPDATE SET
        count = w.count + EXCLUDED.count,
        imprecise = w.imprecise + EXCLUDED.imprecise,
        {added}
    """


SOURCE_COLUMNS = (
    "latitude, longitude, killed_best, event_type, country_id, admin_area_id, status, merged_into_id, "
    "period_start, period_end, start_date, date_precision, killed_low, killed_high, contested"
)
_SOURCES = {
    "insert": f"SELECT 1 AS sign, {SOURCE_COLUMNS} FROM new_rows",
    "delete": f"SELECT -1 AS sign, {SOURCE_COLUMNS} FROM old_rows",
    "update": f"SELECT 1 AS sign, {SOURCE_COLUMNS} FROM new_rows UNION ALL SELECT -1, {SOURCE_COLUMNS} FROM old_rows",
}
_TRANSITIONS = {
    "insert": "REFERENCING NEW TABLE AS new_rows",
    "delete": "REFERENCING OLD TABLE AS old_rows",
    "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
}


# Inside maps.deferral.deferred(), the triggers add their signed rows to this temporary table
# of the transaction instead, and the summaries take them when the block ends.
DEFER_SETTING = "incidents.defer_summaries"
DEFERRING = f"current_setting('{DEFER_SETTING}', true) = 'on'"
CELL_DELTA = "pg_temp.incidents_cell_delta"


def deferrable(deferred: str, body: str) -> str:
    """A trigger function's statements: `deferred` while the transaction defers the summaries,
    `body` otherwise."""
    return f"IF {DEFERRING} THEN {deferred}; ELSE {body}; END IF"


def install_sql() -> list[str]:
    """The trigger functions and triggers; each statement can be run again (CREATE OR REPLACE)."""
    statements = []
    for op, source in _SOURCES.items():
        function = f"incidents_mapcell_on_{op}"
        body = deferrable(f"INSERT INTO {CELL_DELTA} {source}", f"{add_cells(source)}; {add_weeks(source)}")
        statements += [
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {body}; RETURN NULL; END $$",
            f"DROP TRIGGER IF EXISTS {function} ON incidents_incident",
            f"CREATE TRIGGER {function} AFTER {op.upper()} ON incidents_incident {_TRANSITIONS[op]} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        ]
    return statements


def uninstall_sql() -> list[str]:
    statements = []
    for op in _SOURCES:
        function = f"incidents_mapcell_on_{op}"
        statements += [
            f"DROP TRIGGER IF EXISTS {function} ON incidents_incident",
            f"DROP FUNCTION IF EXISTS {function}()",
        ]
    return statements


def rebuild(cursor) -> None:
    """Sum every incident afresh: after the triggers are installed, and to tighten cell extents
    that removals left wide (`manage.py rebuild_map_summary`)."""
    cursor.execute("LOCK TABLE incidents_incident IN SHARE MODE")
    cursor.execute("DELETE FROM incidents_mapcell")
    cursor.execute("DELETE FROM incidents_mapweek")
    cursor.execute(add_cells(f"SELECT 1 AS sign, {SOURCE_COLUMNS} FROM incidents_incident"))
    cursor.execute(add_weeks(f"SELECT 1 AS sign, {SOURCE_COLUMNS} FROM incidents_incident"))


# Reading ---------------------------------------------------------------------------------------


class Plan(NamedTuple):
    """How to count a view from a summary: its `rows` for the whole months the date range covers,
    and `rest`, a condition on the incidents for those only the days at either end select (None
    when the range starts and ends on month boundaries). `sums(rows, cells)` adds up the rows of
    the cells a view touches (cell_sums here, maps.facets.cell_sums for the facets, whose
    `rows` say which facets at which level); a weekly plan has none."""

    rows: QuerySet | tuple
    rest: Q | None
    sums: Callable | None = None


def _whole_months(date_from, date_to) -> tuple[datetime.date | None, datetime.date | None] | None:
    """(first day of the first whole month in the range, first day of the last), each None when
    the range is open on that side; None when the range holds no whole month (as when it starts
    within December 9999 or ends within January of year 1, whose neighbours no date can name)."""
    first = last = None
    try:
        if date_from is not None:
            first = date_from if date_from.day == 1 else _next_month(date_from)
        if date_to is not None:
            last = date_to.replace(day=1)
            if date_to.day != calendar.monthrange(date_to.year, date_to.month)[1]:
                last = (last - datetime.timedelta(days=1)).replace(day=1)
    except OverflowError:
        return None
    if first is not None and last is not None and first > last:
        return None
    return first, last


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def given(value) -> bool:
    """Whether a filter's cleaned value selects anything: an empty choice of records is a
    QuerySet that never asks the database (none())."""
    if isinstance(value, QuerySet):
        return not value.query.is_empty()
    return value is not None and value != "" and value != []


def _answerable(data: dict, user) -> bool:
    """Whether the summary has a dimension for every filter given, for this audience."""
    if connection.vendor != "postgresql":
        return False
    if sees_unpublished(user):
        return False  # staff maps include drafts and incidents in review
    return not any(given(value) for name, value in data.items() if name not in SUMMARISED | {"bbox", "sort"})


def _filtered(rows, data: dict) -> Plan | None:
    """`rows` (of a summary with month, type, country and governorate columns) narrowed to the
    filters, and the condition for the incidents only the days at either end of the range select."""
    date_from, date_to = data.get("date_from"), data.get("date_to")
    rest = None
    if date_from is not None or date_to is not None:
        months = _whole_months(date_from, date_to)
        if months is None:
            return None
        first, last = months
        if first is not None:
            rows = rows.filter(month_last__gte=first)
            if first != date_from:
                rest = Q(period_end__lt=first)
        if last is not None:
            rows = rows.filter(month_first__lte=last)
            last_day = last.replace(day=calendar.monthrange(last.year, last.month)[1])
            if last_day != date_to:
                rest = Q(period_start__gt=last_day) if rest is None else rest | Q(period_start__gt=last_day)
    if data.get("event_type"):
        rows = rows.filter(event_type__in=data["event_type"])
    if data.get("country"):
        rows = rows.filter(country__in=data["country"])
    if data.get("governorate"):
        rows = rows.filter(admin_area__in=data["governorate"])
    return Plan(rows, rest)


def plan(data: dict, user, level: int) -> Plan | None:
    """How the summary answers the filters' view at `level`, or None when it cannot (see the
    module's docstring)."""
    if level not in LEVELS or not _answerable(data, user):
        return None
    dated = data.get("date_from") is not None or data.get("date_to") is not None
    if dated and level not in MONTHLY_LEVELS:
        return None
    found = _filtered(MapCell.objects.filter(level=level, month_first__isnull=not dated), data)
    return found._replace(sums=cell_sums) if found is not None else None


def week_plan(data: dict, user, bbox) -> Plan | None:
    """How the weekly summary answers the timeline of the filters and the view, or None.

    It has no place but "has coordinates", so it answers a view only when the view holds every
    located incident: when it contains the extent of the summary's cells, which never shrinks
    before a rebuild and so always holds them all.
    """
    if not _answerable(data, user):
        return None
    rows = MapWeek.objects.all()
    if bbox is not None:
        extent = MapCell.objects.filter(level=0, month_first__isnull=True).aggregate(
            south=Min("south"), west=Min("west"), north=Max("north"), east=Max("east")
        )
        min_lon, min_lat, max_lon, max_lat = bbox
        if extent["south"] is not None and not (
            min_lat <= extent["south"]
            and min_lon <= extent["west"]
            and max_lat >= extent["north"]
            and max_lon >= extent["east"]
        ):
            return None
        rows = rows.filter(located=True)
    return _filtered(rows, data)


def week_counts(rows) -> dict:
    """{week: (count, imprecise)} from weekly summary rows."""
    grouped = (
        rows.values("week")
        .annotate(total=Sum("count"), vague=Sum("imprecise"))
        .filter(total__gt=0)
        .order_by()
        .values_list("week", "total", "vague")
    )
    return {week: (total, vague) for week, total, vague in grouped}


def cell_sums(rows, cells: tuple[int, int, int, int]) -> dict:
    """{(cell y, cell x, event type): row of counting.CELL_SUMS} from summary rows, the shape
    counting.cell_sums gives.

    `cells` is (first y, first x, last y, last x), inclusive: the cells the view touches.
    """
    y0, x0, y1, x1 = cells
    grouped = (
        rows.filter(Q(cell_y__isnull=True) | Q(cell_y__gte=y0, cell_y__lte=y1, cell_x__gte=x0, cell_x__lte=x1))
        .values("cell_y", "cell_x", "event_type")
        .annotate(
            total=Sum("count"),
            killed_sum=Sum("killed"),
            lat=Sum("lat_sum"),
            lng=Sum("lng_sum"),
            south_=Min("south"),
            west_=Min("west"),
            north_=Max("north"),
            east_=Max("east"),
        )
        .order_by()
        .values_list(
            "cell_y", "cell_x", "event_type", "total", "killed_sum", "lat", "lng", "south_", "west_", "north_", "east_"
        )
    )
    # A type whose rows sum to nothing stays in: its rows still widen the cell's extent, as they did
    # before the types were told apart; counting.clusters drops the cells that hold nothing.
    # PostgreSQL sums a bigint column as numeric: back to a whole number for JSON.
    return {(row[0], row[1], row[2]): (row[3], int(row[4]), *row[5:]) for row in grouped}
