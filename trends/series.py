"""Incidents and fatalities per period for a filtered set of incidents, split into series.

An incident counts in the period of its start date (an incident known only to the month or the
year counts at that month's or year's start). Its fatalities are the project's derived toll: the
best estimate, and the lowest and highest of its sources' figures (an incident with one figure
has the same low, best and high). Contested incidents, whose sources disagree, are counted apart
in each row as well as in the totals.

Series split the incidents by event type, by governorate (the TOP busiest apart, the rest and
those with none as "other") or by perpetrator group. By group, an incident counts for each of the
TOP groups it is attributed to as perpetrator (so the series may add up to more than the total),
and "other" holds the incidents attributed to none of them, unattributed ones included.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, DateField, Exists, F, IntegerField, Max, Min, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, Trunc

from geo.models import AdminArea
from incidents.filters import group_role_codes
from incidents.models import ArmedGroup, Participation
from incidents.models.choices import EventType

Rows = list[tuple[str, dict]]
Series = list[tuple[str, str]]
INTERVALS = ("week", "month", "year")
SPLITS = ("event_type", "governorate", "group")
# Series drawn apart when splitting by governorate or group; the rest are drawn as one.
TOP = 8
OTHER = "other"
# Beyond this many periods a chart is unreadable: a longer span is drawn at a coarser interval.
MAX_PERIODS = 400


@dataclass
class Figures:
    incidents: int = 0
    contested: int = 0
    killed_low: int = 0
    killed_best: int = 0
    killed_high: int = 0

    def add(self, other: "Figures") -> None:
        for name in ("incidents", "contested", "killed_low", "killed_best", "killed_high"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Period:
    start: datetime.date
    end: datetime.date
    total: Figures = field(default_factory=Figures)
    by_series: dict[str, Figures] = field(default_factory=dict)


@dataclass
class Trend:
    interval: str
    split: str
    series: list[tuple[str, str]]  # (key, label), in drawing order, "other" last
    periods: list[Period]
    coarsened_from: str | None = None


def period_start(day: datetime.date, interval: str) -> datetime.date:
    if interval == "year":
        return day.replace(month=1, day=1)
    if interval == "month":
        return day.replace(day=1)
    return day - datetime.timedelta(days=day.weekday())


def next_period(start: datetime.date, interval: str) -> datetime.date:
    if interval == "year":
        return start.replace(year=start.year + 1)
    if interval == "month":
        return (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return start + datetime.timedelta(days=7)


def periods_between(first: datetime.date, last: datetime.date, interval: str) -> list[datetime.date]:
    starts, start = [], period_start(first, interval)
    while start <= last:
        starts.append(start)
        start = next_period(start, interval)
    return starts


def choose_interval(first: datetime.date, last: datetime.date, asked: str | None) -> str:
    """The interval asked for if it gives at most MAX_PERIODS periods, else the finest that does;
    with none asked, weeks for up to half a year, months for up to ten years, years beyond."""
    days = (last - first).days
    if asked is None:
        asked = "week" if days <= 183 else "month" if days <= 3653 else "year"
    for interval in INTERVALS[INTERVALS.index(asked) :]:
        if len(periods_between(first, last, interval)) <= MAX_PERIODS:
            return interval
    return "year"


def _sums() -> dict:
    best = Coalesce(F("killed_best"), Value(0))
    return {
        "n_incidents": Count("id"),
        "n_contested": Count("id", filter=Q(contested=True)),
        "sum_low": Sum(Coalesce(F("killed_low"), best), output_field=IntegerField()),
        "sum_best": Sum(best, output_field=IntegerField()),
        "sum_high": Sum(Coalesce(F("killed_high"), best), output_field=IntegerField()),
    }


def _figures(row: dict) -> Figures:
    return Figures(*(row[name] or 0 for name in ("n_incidents", "n_contested", "sum_low", "sum_best", "sum_high")))


def _by_period(incidents: QuerySet, interval: str, key: str | None = None) -> list[dict]:
    period = Trunc("start_date", interval, output_field=DateField())
    rows = incidents.order_by().annotate(period=period)
    return list(rows.values("period", *([key] if key else [])).annotate(**_sums()))


def span(incidents: QuerySet, date_from=None, date_to=None) -> tuple[datetime.date, datetime.date] | None:
    """The dates the chart spans: the filter's own bounds, else the matches' first and last."""
    if date_from and date_to:
        return date_from, date_to
    found = incidents.order_by().aggregate(first=Min("start_date"), last=Max("start_date"))
    if found["first"] is None:
        return (date_from, date_to) if date_from and date_to else None
    return date_from or found["first"], date_to or found["last"]


def _attributed(group_ids: list[int]) -> Exists:
    return Exists(
        Participation.objects.filter(
            incident=OuterRef("pk"), role__in=group_role_codes("perpetrator"), group_id__in=group_ids
        )
    )


def _group_rows(incidents: QuerySet, interval: str) -> tuple[Series, Rows]:
    """The top perpetrator groups' rows, each group's incidents apart, and the rest as "other"."""
    top = (
        Participation.objects.filter(role__in=group_role_codes("perpetrator"), incident__in=incidents.values("pk"))
        .order_by()
        .values("group_id")
        .annotate(n=Count("incident_id", distinct=True))
        .order_by("-n", "group_id")[:TOP]
    )
    ids = [row["group_id"] for row in top]
    names = dict(ArmedGroup.objects.filter(pk__in=ids).values_list("pk", "name"))
    rows = [(str(pk), row) for pk in ids for row in _by_period(incidents.filter(_attributed([pk])), interval)]
    rows += [(OTHER, row) for row in _by_period(incidents.exclude(_attributed(ids)), interval)]
    return [(str(pk), names.get(pk, str(pk))) for pk in ids] + [(OTHER, "Other or unattributed")], rows


def _column_rows(incidents: QuerySet, interval: str, split: str) -> tuple[Series, Rows]:
    """Rows by event type, or by governorate with the TOP busiest apart and the rest as "other"."""
    column = "event_type" if split == "event_type" else "admin_area_id"
    found = _by_period(incidents, interval, column)
    if split == "event_type":
        present = {row[column] for row in found}
        return [(code, label) for code, label in EventType.choices if code in present], [
            (row[column], row) for row in found
        ]
    busy: dict = {}
    for row in found:
        busy[row[column]] = busy.get(row[column], 0) + row["n_incidents"]
    ranked = sorted((pk for pk in busy if pk is not None), key=lambda pk: (-busy[pk], pk))[:TOP]
    names = dict(AdminArea.objects.filter(pk__in=ranked).values_list("pk", "name_en"))
    kept = set(ranked)
    rows = [(str(row[column]) if row[column] in kept else OTHER, row) for row in found]
    series = [(str(pk), names[pk]) for pk in ranked]
    if any(key == OTHER for key, _ in rows):
        series.append((OTHER, "Other or none"))
    return series, rows


def trend(incidents: QuerySet, *, split: str, interval: str | None, date_from=None, date_to=None) -> Trend:
    """The incidents' figures per period and series; the interval coarsened past MAX_PERIODS."""
    bounds = span(incidents, date_from, date_to)
    if bounds is None:
        return Trend(interval or "month", split, [], [])
    chosen = choose_interval(*bounds, interval)
    periods = {
        start: Period(start, next_period(start, chosen) - datetime.timedelta(days=1))
        for start in periods_between(*bounds, chosen)
    }
    if split == "group":
        series, rows = _group_rows(incidents, chosen)
        totals = _by_period(incidents, chosen)
    else:
        series, rows = _column_rows(incidents, chosen, split)
        totals = [row for _, row in rows]
    for key, row in rows:
        if row["period"] in periods:
            periods[row["period"]].by_series.setdefault(key, Figures()).add(_figures(row))
    for row in totals:
        if row["period"] in periods:
            periods[row["period"]].total.add(_figures(row))
    coarsened = interval if interval and interval != chosen else None
    return Trend(chosen, split, series, list(periods.values()), coarsened)
