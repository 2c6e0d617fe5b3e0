"""Incidents and fatalities per period for a filtered set of incidents, split into series.

An incident counts in the period its own period starts in: that of its start date, or for one
known only to the month or the year, that month's or year's first day. An incident that overlaps
the chosen date range but starts outside it (one known only to the year, say) counts in the
range's first or last period.
Its fatalities are the project's derived toll: the best estimate, and the lowest and highest of
its sources' figures (an incident with one figure has the same low, best and high). Contested
incidents, whose sources disagree, are counted apart in each row as well as in the totals.

Series split the incidents by event type, by governorate (the TOP busiest apart, the rest and
those with none as "other") or by group. By group, an incident counts for each of the TOP groups
recorded as its perpetrator or, in fighting where no side is (UCDP's state-based and non-state
events), as a party (so the series may add up to more than the total); "other" holds the
incidents attributed to none of them, unattributed ones included.
"""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connections, transaction
from django.db.models import Count, DateField, Exists, F, IntegerField, Max, Min, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Cast, Coalesce, Greatest, Least, Trunc

from geo.models import AdminArea
from incidents.filters import group_role_codes
from incidents.models import ArmedGroup, Participation
from incidents.models.choices import EventType, ParticipationRole
from maps import summary

Rows = list[tuple[str, dict]]
Series = list[tuple[str, str]]
INTERVALS = ("week", "month", "year")
SPLITS = ("event_type", "governorate", "group")
# The incident's column each split other than by group sums by.
COLUMNS = {"event_type": "event_type", "governorate": "admin_area_id"}
# Series drawn apart when splitting by governorate or group; the rest are drawn as one.
TOP = 8
OTHER = "other"
# The weekly summary's rows by period: each row's week and month are those its incidents' periods
# start in. DATE_TRUNC gives PostgreSQL a timestamp, which GREATEST and LEAST would then compare and
# return: each period is cast back to a date.
SUMMARY_PERIODS = {
    "week": F("week"),
    "month": F("month_first"),
    "year": Cast(Trunc("month_first", "year"), DateField()),
}
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


def _by_period(incidents: QuerySet, interval: str, ends, key: str | None = None, plan=None) -> list[dict]:
    """The sums per period (and per `key` column), counted from the incidents; or, with a plan
    of the weekly summary (maps.summary.week_plan), from its rows and the incidents only the
    days at either end of the date range select. `ends` is (first, last), the starts of the
    chart's first and last periods when the filters bound it, else None: the periods of incidents
    that overlap the range but start outside it are clamped to them."""
    first, last = ends

    def clamped(period):
        if first is not None:
            period = Greatest(period, Value(first, output_field=DateField()))
        if last is not None:
            period = Least(period, Value(last, output_field=DateField()))
        return period

    keys = ("period", *([key] if key else []))
    if plan is None:
        period = clamped(Cast(Trunc("period_start", interval), DateField()))
        return list(incidents.order_by().annotate(period=period).values(*keys).annotate(**_sums()))
    rows = list(
        plan.rows.order_by()
        .annotate(period=clamped(SUMMARY_PERIODS[interval]))
        .values(*keys)
        .annotate(
            n_incidents=Sum("count"),
            n_contested=Sum("contested"),
            sum_low=Sum("killed_low"),
            sum_best=Sum("killed_best"),
            sum_high=Sum("killed_high"),
        )
    )
    if plan.rest is not None:
        rows += _by_period(incidents.filter(plan.rest), interval, ends, key)
    return rows


def _monthly(incidents: QuerySet, key: str | None) -> list[dict]:
    """The sums per month (and per `key` column) with the first and last period start of each
    month's incidents: one pass over the matches gives both the chart's span and, summed up, its
    figures per month or year."""
    keys = ("period", *([key] if key else []))
    month = Cast(Trunc("period_start", "month"), DateField())
    return list(
        incidents.order_by()
        .annotate(period=month)
        .values(*keys)
        .annotate(**_sums(), first=Min("period_start"), last=Max("period_start"))
    )


def _span_of(monthly: list[dict], date_from=None, date_to=None) -> tuple[datetime.date, datetime.date] | None:
    """`span` from the monthly rows: the filter's own bounds, else where the matches' periods start."""
    if not monthly:
        return None
    first = date_from or min(row["first"] for row in monthly)
    last = date_to or max(row["last"] for row in monthly)
    return first, last


def _summed_up(monthly: list[dict], interval: str, ends, key: str | None) -> list[dict]:
    """The monthly rows summed per month or year (and `key`), each period clamped to `ends` as
    `_by_period` clamps it."""
    first, last = ends
    found: dict[tuple, dict] = {}
    for row in monthly:
        period = period_start(row["period"], interval)
        period = max(period, first) if first is not None else period
        period = min(period, last) if last is not None else period
        group = (period, row[key]) if key else (period,)
        into = found.setdefault(group, {"period": period, **({key: row[key]} if key else {})})
        for name in ("n_incidents", "n_contested", "sum_low", "sum_best", "sum_high"):
            into[name] = into.get(name, 0) + (row[name] or 0)
    return list(found.values())


def span(incidents: QuerySet, date_from=None, date_to=None, plan=None) -> tuple[datetime.date, datetime.date] | None:
    """The dates the chart spans: the filter's own bounds, else where the matches' periods start.

    With a plan of the weekly summary, the open ends come from its rows: the later of a row's week
    and month lies in the same week and month as the periods it sums start in.
    """
    if date_from and date_to:
        return date_from, date_to
    found = {}
    if plan is not None:
        rows = (
            plan.rows.filter(count__gt=0)
            .order_by()
            .aggregate(
                first_week=Min("week"),
                first_month=Min("month_first"),
                last_week=Max("week"),
                last_month=Max("month_first"),
            )
        )
        for end in ("first", "last"):
            week, month = rows[f"{end}_week"], rows[f"{end}_month"]
            if week is not None:
                found[end] = max(week, month)
    # Only the ends still open: a minimum under a lower bound walks every earlier row.
    wanted = {"first": Min("period_start")} if not date_from and "first" not in found else {}
    wanted.update({"last": Max("period_start")} if not date_to and "last" not in found else {})
    if wanted:
        found.update(incidents.order_by().aggregate(**wanted))
    first, last = date_from or found.get("first"), date_to or found.get("last")
    return None if first is None or last is None else (first, last)


# By group: those who did it, and the parties to fighting where no side is the perpetrator (UCDP).
ACTING_ROLES = [*group_role_codes("perpetrator"), ParticipationRole.SIDE_A, ParticipationRole.SIDE_B]


def _attributed(participations: QuerySet, group_ids: list[int]) -> Exists:
    return Exists(participations.filter(incident_id=OuterRef("id"), role__in=ACTING_ROLES, group_id__in=group_ids))


def _group_rows(incidents: QuerySet, interval: str, ends, participations: QuerySet) -> tuple[Series, Rows]:
    """The top perpetrator groups' rows, each group's incidents apart, and the rest as "other"."""
    top = (
        participations.filter(role__in=ACTING_ROLES, incident_id__in=incidents.values("id"))
        .order_by()
        .values("group_id")
        .annotate(n=Count("incident_id", distinct=True))
        .order_by("-n", "group_id")[:TOP]
    )
    ids = [row["group_id"] for row in top]
    names = dict(ArmedGroup.objects.filter(pk__in=ids).values_list("pk", "name"))
    rows = [
        (str(pk), row)
        for pk in ids
        for row in _by_period(incidents.filter(_attributed(participations, [pk])), interval, ends)
    ]
    rows += [(OTHER, row) for row in _by_period(incidents.exclude(_attributed(participations, ids)), interval, ends)]
    return [(str(pk), names.get(pk, str(pk))) for pk in ids] + [(OTHER, "Other or unattributed")], rows


def _column_rows(found: list[dict], split: str) -> tuple[Series, Rows]:
    """Rows by event type, or by governorate with the TOP busiest apart and the rest as "other",
    from the sums per period and column."""
    column = COLUMNS[split]
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


# What PostgreSQL's planner assumes a random page read costs while it sums a trend (its default is 4,
# a spinning disk's): at the default it reads the whole wide incident table rather than the
# covering index inc_incident_trend_idx (docs/benchmarks.md, "Trends"). Set for the trend's own
# queries only: the same setting for every query slowed the API's armed-group page.
TREND_RANDOM_PAGE_COST = "1.1"


@contextmanager
def _index_scans_priced_as_read(using: str):
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('random_page_cost', %s, true)", [TREND_RANDOM_PAGE_COST])
        yield


def trend(incidents: QuerySet, filters: dict, user, *, split: str, interval: str | None, moment=None) -> Trend:
    """`_trend`, with PostgreSQL pricing index reads as the benchmarks measured them."""
    with _index_scans_priced_as_read(incidents.db):
        return _trend(incidents, filters, user, split=split, interval=interval, moment=moment)


def _trend(incidents: QuerySet, filters: dict, user, *, split: str, interval: str | None, moment=None) -> Trend:
    """The figures per period and series of `incidents`, the result of the IncidentFilter whose
    cleaned data is `filters`; the interval coarsened past MAX_PERIODS. Split by event type or
    governorate, it reads the weekly summary when that has a dimension for every filter. With a
    `moment` (releases.moments.Moment), `incidents` are history rows and everything is counted from
    them and the participations of that moment (the summary holds only the present)."""
    participations = Participation.objects.all() if moment is None else moment.rows_of(Participation)
    plan = summary.week_plan(filters, user, None) if split != "group" and moment is None else None
    column = COLUMNS.get(split)
    date_from, date_to = filters.get("date_from"), filters.get("date_to")
    monthly = None
    if plan is None and not (date_from and date_to):
        # Counted from the incidents with an open end: one pass gives the span and the sums.
        monthly = _monthly(incidents, column)
        bounds = _span_of(monthly, date_from, date_to)
    else:
        bounds = span(incidents, date_from, date_to, plan)
    if bounds is None:
        return Trend(interval or "month", split, [], [])
    chosen = choose_interval(*bounds, interval)
    periods = {
        start: Period(start, next_period(start, chosen) - datetime.timedelta(days=1))
        for start in periods_between(*bounds, chosen)
    }
    ends = tuple(
        period_start(filters[name], chosen) if filters.get(name) else None for name in ("date_from", "date_to")
    )
    if monthly is not None and chosen != "week":
        found = _summed_up(monthly, chosen, ends, column)
    else:
        found = _by_period(incidents, chosen, ends, column, plan)
    if split == "group":
        series, rows = _group_rows(incidents, chosen, ends, participations)
        totals = found
    else:
        series, rows = _column_rows(found, split)
        totals = [row for _, row in rows]
    for key, row in rows:
        if row["period"] in periods:
            periods[row["period"]].by_series.setdefault(key, Figures()).add(_figures(row))
    for row in totals:
        if row["period"] in periods:
            periods[row["period"]].total.add(_figures(row))
    coarsened = interval if interval and interval != chosen else None
    return Trend(chosen, split, series, list(periods.values()), coarsened)
