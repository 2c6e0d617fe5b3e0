"""What the map draws for a filtered queryset of incidents: points, grid clusters, a weekly histogram.

Every function here runs a fixed number of queries whatever the number of matching incidents, and
returns a bounded amount of data: at most POINT_LIMIT points or MAX_CELLS clusters.
"""

import math

from django.db.models import Count, F, Max, Min, Q, Sum
from django.db.models.functions import Coalesce, Floor, TruncWeek

from incidents.models import Incident, Participation
from incidents.models.choices import DatePrecision, ParticipationRole
from maps import summary

# Up to this many incidents in view are drawn one by one, with their popup data.
POINT_LIMIT = 1000
# A grid of at most 50 x 50 cells, however large the view and however deep the zoom.
MAX_CELLS = 2500
# A cluster cell is about 64 pixels wide on screen: 360° / 2**zoom spans one 256-pixel tile.
CELL_ZOOM_OFFSET = 2
MAX_ZOOM = 20

WORLD = (-180.0, -90.0, 180.0, 90.0)


def cell_level(zoom: int | None, bbox: tuple[float, float, float, float] | None) -> int:
    """The grid level k whose cells, 360 / 2**k degrees wide, stay put as the map pans.

    Fine enough to split clusters as the map zooms in, coarse enough that the view holds at most
    MAX_CELLS cells: a span of `w` degrees touches at most floor(w / size) + 2 cells per side.
    """
    min_lon, min_lat, max_lon, max_lat = bbox or WORLD
    per_side = math.isqrt(MAX_CELLS) - 2
    span = max(max_lon - min_lon, max_lat - min_lat, 1e-9)
    k = math.floor(math.log2(360 * per_side / span))
    if zoom is not None:
        k = min(k, zoom + CELL_ZOOM_OFFSET)
    return max(0, min(k, 40))


def cell_size(zoom: int | None, bbox: tuple[float, float, float, float] | None) -> float:
    """The side of a grid cell in degrees at the view's level (cell_level)."""
    return 360 / 2 ** cell_level(zoom, bbox)


def cell_range(bbox: tuple[float, float, float, float] | None, size: float) -> tuple[int, int, int, int]:
    """(first y, first x, last y, last x): the cells of side `size` the view touches, inclusive."""
    min_lon, min_lat, max_lon, max_lat = bbox or WORLD
    return (
        math.floor(min_lat / size),
        math.floor(min_lon / size),
        math.floor(max_lat / size),
        math.floor(max_lon / size),
    )


def cells_q(cells: tuple[int, int, int, int], size: float) -> Q:
    """Incidents with coordinates inside the cells: each cell holds its south and west edges."""
    y0, x0, y1, x1 = cells
    return Q(
        latitude__gte=y0 * size,
        latitude__lt=(y1 + 1) * size,
        longitude__gte=x0 * size,
        longitude__lt=(x1 + 1) * size,
    )


def _single_rows(incidents):
    """A queryset with one row per incident, which GROUP BY and aggregates need.

    Some filters join to-many relations and deduplicate with DISTINCT, which would apply after the
    grouping; those are turned into a primary-key subquery.
    """
    if incidents.query.distinct:
        return Incident.objects.filter(pk__in=incidents.order_by().values("pk"))
    return incidents.order_by()


# Per cell: count, killed, latitude sum, longitude sum, south, west, north, east.
CELL_SUMS = ("count", "killed", "lat_sum", "lng_sum", "south", "west", "north", "east")


def cell_sums(incidents, cells: tuple[int, int, int, int], size: float) -> dict:
    """{(cell y, cell x, event type): row of CELL_SUMS} for the incidents in the cells, in one query.

    `cells` is the range of cells the view touches (cell_range); each counts whole. The incidents
    without coordinates fall in a cell of their own, (None, None). There is no ORDER BY, so
    PostgreSQL can aggregate in a hash table instead of sorting every row.
    """
    rows = (
        _single_rows(incidents)
        .filter(Q(latitude__isnull=True) | cells_q(cells, size))
        .annotate(cell_y=Floor(F("latitude") / size), cell_x=Floor(F("longitude") / size))
        .values("cell_y", "cell_x", "event_type")
        .annotate(
            count=Count("pk"),
            killed=Coalesce(Sum("killed_best"), 0),
            lat_sum=Coalesce(Sum("latitude"), 0.0),
            lng_sum=Coalesce(Sum("longitude"), 0.0),
            south=Min("latitude"),
            west=Min("longitude"),
            north=Max("latitude"),
            east=Max("longitude"),
        )
        .values_list("cell_y", "cell_x", "event_type", *CELL_SUMS)
    )
    return {(_int(row[0]), _int(row[1]), row[2]): row[3:] for row in rows}


def _int(value):
    return None if value is None else int(value)


def clusters(*sums: dict) -> tuple[list[dict], int]:
    """(clusters, number without coordinates) from one or more cell_sums-shaped answers, added up.

    Per cell: the exact count, the killed sum, the mean position, the bounds of its incidents, and
    how many are of each event type (`types`; rows whose event type is None add to no type).
    """
    added, types = {}, {}
    for part in sums:
        for (y, x, event_type), (count, killed, lat_sum, lng_sum, south, west, north, east) in part.items():
            key = (y, x)
            if event_type is not None and count:
                mix = types.setdefault(key, {})
                mix[event_type] = mix.get(event_type, 0) + count
            if key not in added:
                added[key] = [count, killed, lat_sum, lng_sum, south, west, north, east]
                continue
            held = added[key]
            held[0:4] = [held[0] + count, held[1] + killed, held[2] + lat_sum, held[3] + lng_sum]
            held[4:8] = [_edge(min, held[4], south), _edge(min, held[5], west)] + [
                _edge(max, held[6], north),
                _edge(max, held[7], east),
            ]
    unlocated = added.pop((None, None), [0])[0]
    found = [
        {
            "count": count,
            "killed": killed,
            "lat": lat_sum / count,
            "lng": lng_sum / count,
            "bounds": [south, west, north, east],
            "types": {code: n for code, n in sorted(types.get(key, {}).items()) if n > 0},
        }
        for key, (count, killed, lat_sum, lng_sum, south, west, north, east) in added.items()
        if count > 0
    ]
    found.sort(key=lambda cell: (cell["bounds"][0], cell["bounds"][1]))
    return found, unlocated


def _edge(pick, held, other):
    """The further of two edges; the cell of incidents without coordinates has none."""
    return held if other is None else other if held is None else pick(held, other)


def grid(incidents, cells: tuple[int, int, int, int], size: float) -> tuple[list[dict], int]:
    """(clusters in the cells, number without coordinates) counted from the incidents."""
    return clusters(cell_sums(incidents, cells, size))


POINT_FIELDS = (
    "id",
    "public_id",
    "title",
    "latitude",
    "longitude",
    "start_date",
    "end_date",
    "date_precision",
    "event_type",
    "killed_low",
    "killed_best",
    "killed_high",
    "contested",
    "place_name",
    "admin_area__name_en",
)


def _point_rows(located) -> list[dict]:
    """The located incidents' POINT_FIELDS, by date, when the caller knows there are at most
    POINT_LIMIT of them (they lie in grid cells counted at no more).

    Sorted here, not in SQL: ORDER BY start_date with a LIMIT the rows never reach lets PostgreSQL
    walk the date index through every incident. Asked for in the coordinate index's order
    instead, PostgreSQL reads that index over the view, never the whole table, even where it
    cannot tell that a filter leaves few of a dense view's rows (Syria's incidents in a view of
    Baghdad).
    """
    rows = list(_single_rows(located).order_by("latitude", "longitude").values(*POINT_FIELDS)[: POINT_LIMIT + 1])
    rows.sort(key=lambda row: (row["start_date"], row["id"]))
    return rows[:POINT_LIMIT]


def points(located, detail_url, participations=None) -> list[dict]:
    """Each incident with what its popup shows, in two queries: the incidents, then their groups.

    `detail_url(public_id)` gives the incident page's address; at most POINT_LIMIT are wanted.
    `participations` are those to name the groups from (the current ones unless given).
    """
    return _features(_point_rows(located), detail_url, participations)


# A spot's list (spot()) gives this many of its incidents, the newest first.
SPOT_LIMIT = 50


def spot(located, detail_url, participations=None) -> dict:
    """The incidents of one spot (a view too small to split), newest first: how many there are and
    the first SPOT_LIMIT with what their popups show, in three queries."""
    single = _single_rows(located)
    rows = list(single.order_by("-start_date", "-id").values(*POINT_FIELDS)[:SPOT_LIMIT])
    total = len(rows) if len(rows) < SPOT_LIMIT else single.count()
    return {"total": total, "features": _features(rows, detail_url, participations)}


def _features(rows: list[dict], detail_url, participations=None) -> list[dict]:
    sides = actors([row["id"] for row in rows], participations)
    features = []
    for row in rows:
        dated = Incident(start_date=row["start_date"], end_date=row["end_date"], date_precision=row["date_precision"])
        features.append(
            {
                "id": row["id"],
                "public_id": row["public_id"],
                "url": detail_url(row["public_id"]),
                "lat": row["latitude"],
                "lng": row["longitude"],
                "start_date": row["start_date"].isoformat(),
                "date": dated.date_display,
                "precision": row["date_precision"],
                "event_type": row["event_type"],
                "killed_low": row["killed_low"],
                "killed_best": row["killed_best"],
                "killed_high": row["killed_high"],
                "contested": row["contested"],
                "title": row["title"],
                "place": row["place_name"],
                "governorate": row["admin_area__name_en"] or "",
                "actors": sides.get(row["id"], "unknown → unknown"),
            }
        )
    return features


def actors(incident_ids: list[int], participations=None) -> dict[int, str]:
    """ "Perpetrators → targets" per incident, worded as Incident.actors_display, in one query;
    from `participations` when given (those of a past moment), else the current ones."""
    if not incident_ids:
        return {}
    perpetrators, targets = {}, {}
    sides = {ParticipationRole.PERPETRATOR: perpetrators, ParticipationRole.TARGET: targets}
    rows = (
        (Participation.objects.all() if participations is None else participations)
        .filter(incident_id__in=incident_ids, role__in=list(sides))
        .order_by("incident_id", "role", "group__name")
        .values_list("incident_id", "role", "group__name")
    )
    for incident_id, role, name in rows:
        sides[role].setdefault(incident_id, []).append(name)
    return {
        incident_id: f"{', '.join(perpetrators.get(incident_id, [])) or 'unknown'} → "
        f"{', '.join(targets.get(incident_id, [])) or 'unknown'}"
        for incident_id in perpetrators.keys() | targets.keys()
    }


def bbox_q(bbox: tuple[float, float, float, float] | None) -> Q:
    """Incidents with coordinates inside the box, edges included (the whole world without one)."""
    min_lon, min_lat, max_lon, max_lat = bbox or WORLD
    return Q(latitude__gte=min_lat, latitude__lte=max_lat, longitude__gte=min_lon, longitude__lte=max_lon)


def located_in(incidents, bbox: tuple[float, float, float, float] | None):
    return incidents.filter(bbox_q(bbox))


def map_features(incidents, bbox, zoom: int | None, detail_url, summary_for=None, participations=None) -> dict:
    """What the map draws for the filtered incidents in and around the view.

    `incidents` is filtered by everything but the view. The grid counts every incident of the grid
    cells the view touches, whole: from a summary table when `summary_for(level)` gives a plan for
    it (maps.summary, maps.facets), from the incidents otherwise. Up to
    POINT_LIMIT come one by one, those inside the view itself with their popup data (two more
    queries); more come as the grid's clusters, and `area` says which part of the map they count
    ([west, south, east, north]).
    """
    level = cell_level(zoom, bbox)
    size = 360 / 2**level
    cells = cell_range(bbox, size)
    plan = summary_for(level) if summary_for is not None else None
    if plan is None:
        found, unlocated = grid(incidents, cells, size)
    else:
        # The summary's whole months, and the incidents only the days at either end select.
        rest = cell_sums(incidents.filter(plan.rest), cells, size) if plan.rest is not None else {}
        found, unlocated = clusters(plan.sums(plan.rows, cells), rest)
    total = sum(cell["count"] for cell in found)
    if total <= POINT_LIMIT:
        # The cells hold the view: when they hold nothing, neither does the view.
        features = points(located_in(incidents, bbox), detail_url, participations) if total else []
        return {"total": len(features), "unlocated": unlocated, "mode": "points", "features": features}
    y0, x0, y1, x1 = cells
    area = [x0 * size, y0 * size, (x1 + 1) * size, (y1 + 1) * size]
    return {
        "total": total,
        "unlocated": unlocated,
        "mode": "clusters",
        "cell_size": size,
        "area": area,
        "features": found,
    }


IMPRECISE = [DatePrecision.MONTH, DatePrecision.YEAR]


class WeekStart(TruncWeek):
    """The Monday of a date's ISO week: TruncWeek, computed by SQLite itself.

    Django's SQLite TruncWeek calls back into Python for every row, which is slow over many rows
    and, when test threads share one in-memory connection, can deadlock against a concurrent query.
    SQLite's own date() does it: back six days, then forward to the next Monday (or stay on one).
    """

    def as_sqlite(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        return f"date({sql}, '-6 days', 'weekday 1')", params


def week_sums(incidents) -> dict:
    """{Monday of the ISO week: (incidents starting that week, of which imprecise)}, in one query."""
    rows = (
        _single_rows(incidents)
        .annotate(week=WeekStart("period_start"))
        .values("week")
        .annotate(count=Count("pk"), imprecise=Count("pk", filter=Q(date_precision__in=IMPRECISE)))
        .values_list("week", "count", "imprecise")
    )
    return {week: (count, imprecise) for week, count, imprecise in rows}


def timeline(*sums: dict) -> dict:
    """Incidents per ISO week from one or more week_sums-shaped answers, added up.

    An incident dated only to the month or the year counts in the week its period starts; those are
    also counted apart as `imprecise`, so a chart can show them differently.
    """
    added = {}
    for part in sums:
        for week, (count, imprecise) in part.items():
            held = added.get(week, (0, 0))
            added[week] = (held[0] + count, held[1] + imprecise)
    weeks, imprecise = [], {}
    for week in sorted(added):
        count, vague = added[week]
        weeks.append([week.isoformat(), count])
        if vague:
            imprecise[week.isoformat()] = vague
    return {"weeks": weeks, "imprecise": imprecise}


def weekly_counts(incidents) -> dict:
    """Incidents per ISO week their periods start in, counted from the incidents in one query."""
    return timeline(week_sums(incidents))


def weekly_summary(incidents, plan) -> dict:
    """Incidents per ISO week from the weekly summary's rows, and the incidents only the days at
    either end of the date range select (summary.week_plan)."""
    rest = week_sums(incidents.filter(plan.rest)) if plan.rest is not None else {}
    return timeline(summary.week_counts(plan.rows), rest)
