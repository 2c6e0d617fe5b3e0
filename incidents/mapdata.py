"""What the map draws for a filtered queryset of incidents: points, grid clusters, a weekly histogram.

Every function here runs a fixed number of queries whatever the number of matching incidents, and
returns a bounded amount of data: at most POINT_LIMIT points or MAX_CELLS clusters.
"""

import math

from django.db.models import Avg, Count, F, Max, Min, Q, Sum
from django.db.models.functions import Floor, TruncWeek

from incidents.models import Incident, Participation
from incidents.models.choices import DatePrecision, ParticipationRole

# Up to this many incidents in view are drawn one by one, with their popup data.
POINT_LIMIT = 1000
# A grid of at most 50 x 50 cells, however large the view and however deep the zoom.
MAX_CELLS = 2500
# A cluster cell is about 64 pixels wide on screen: 360° / 2**zoom spans one 256-pixel tile.
CELL_ZOOM_OFFSET = 2
MAX_ZOOM = 20

WORLD = (-180.0, -90.0, 180.0, 90.0)


def cell_size(zoom: int | None, bbox: tuple[float, float, float, float] | None) -> float:
    """The side of a grid cell in degrees: 360 / 2**k, so cells stay put as the map pans.

    Fine enough to split clusters as the map zooms in, coarse enough that the view holds at most
    MAX_CELLS cells: a span of `w` degrees touches at most floor(w / size) + 2 cells per side.
    """
    min_lon, min_lat, max_lon, max_lat = bbox or WORLD
    per_side = math.isqrt(MAX_CELLS) - 2
    span = max(max_lon - min_lon, max_lat - min_lat, 1e-9)
    k = math.floor(math.log2(360 * per_side / span))
    if zoom is not None:
        k = min(k, zoom + CELL_ZOOM_OFFSET)
    return 360 / 2 ** max(0, min(k, 40))


def _single_rows(incidents):
    """A queryset with one row per incident, which GROUP BY and aggregates need.

    Some filters join to-many relations and deduplicate with DISTINCT, which would apply after the
    grouping; those are turned into a primary-key subquery.
    """
    if incidents.query.distinct:
        return Incident.objects.filter(pk__in=incidents.order_by().values("pk"))
    return incidents.order_by()


def grid(incidents, bbox, size: float) -> tuple[list[dict], int]:
    """(clusters in the view, number without coordinates), in one query that groups by grid cell.

    Per cell: the exact count, the killed sum, the mean position and the bounds of its incidents.
    The incidents without coordinates fall in a cell of their own (NULL), counted and not drawn.
    There is no ORDER BY, so PostgreSQL can aggregate in a hash table instead of sorting every row.
    """
    rows = (
        _single_rows(incidents)
        .filter(Q(latitude__isnull=True) | bbox_q(bbox))
        .annotate(cell_y=Floor(F("latitude") / size), cell_x=Floor(F("longitude") / size))
        .values("cell_y", "cell_x")
        .annotate(
            count=Count("pk"),
            killed=Sum("killed_best"),
            lat=Avg("latitude"),
            lng=Avg("longitude"),
            south=Min("latitude"),
            west=Min("longitude"),
            north=Max("latitude"),
            east=Max("longitude"),
        )
    )
    cells, unlocated = [], 0
    for row in rows:
        if row["cell_y"] is None:
            unlocated = row["count"]
            continue
        cells.append(
            {
                "count": row["count"],
                "killed": row["killed"] or 0,
                "lat": row["lat"],
                "lng": row["lng"],
                "bounds": [row["south"], row["west"], row["north"], row["east"]],
            }
        )
    cells.sort(key=lambda cell: (cell["bounds"][0], cell["bounds"][1]))
    return cells, unlocated


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


def points(located, detail_url) -> list[dict]:
    """Each incident with what its popup shows, in two queries: the incidents, then their groups.

    `detail_url(public_id)` gives the incident page's address.
    """
    rows = list(_single_rows(located).order_by("start_date", "id").values(*POINT_FIELDS)[:POINT_LIMIT])
    sides = actors([row["id"] for row in rows])
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


def actors(incident_ids: list[int]) -> dict[int, str]:
    """ "Perpetrators → targets" per incident, worded as Incident.actors_display, in one query."""
    if not incident_ids:
        return {}
    perpetrators, targets = {}, {}
    sides = {ParticipationRole.PERPETRATOR: perpetrators, ParticipationRole.TARGET: targets}
    rows = (
        Participation.objects.filter(incident_id__in=incident_ids, role__in=list(sides))
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


def map_features(incidents, bbox, zoom: int | None, detail_url) -> dict:
    """What the map draws for the filtered incidents inside the view.

    `incidents` is filtered by everything but the view. The grid query counts them all, so it also
    decides the mode: up to POINT_LIMIT in view come one by one with their popup data (two more
    queries), more come as the grid's clusters (no more queries).
    """
    size = cell_size(zoom, bbox)
    cells, unlocated = grid(incidents, bbox, size)
    total = sum(cell["count"] for cell in cells)
    if total <= POINT_LIMIT:
        features = points(located_in(incidents, bbox), detail_url)
        return {"total": total, "unlocated": unlocated, "mode": "points", "features": features}
    return {"total": total, "unlocated": unlocated, "mode": "clusters", "cell_size": size, "features": cells}


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


def weekly_counts(incidents) -> dict:
    """Incidents per ISO week of their start date, in one query.

    An incident dated only to the month or the year counts in the week its period starts; those are
    also counted apart as `imprecise`, so a chart can show them differently.
    """
    rows = (
        _single_rows(incidents)
        .annotate(week=WeekStart("start_date"))
        .values("week")
        .annotate(count=Count("pk"), imprecise=Count("pk", filter=Q(date_precision__in=IMPRECISE)))
        .order_by("week")
    )
    weeks, imprecise = [], {}
    for row in rows:
        week = row["week"].isoformat()
        weeks.append([week, row["count"]])
        if row["imprecise"]:
            imprecise[week] = row["imprecise"]
    return {"weeks": weeks, "imprecise": imprecise}
