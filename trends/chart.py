"""The trend drawn as SVG on the server: the geometry a template turns into shapes.

Two panels share the periods' x axis: incidents per period stacked by series, with the contested
ones outlined over them; and fatalities, the best estimate as a line inside the band from the
sources' lowest to their highest figures. Each period carries one link over both panels, whose
title the browser shows on hover and which opens the list for that period.
"""

import math
from dataclasses import dataclass

from django.utils.formats import number_format

from trends.series import OTHER, Period, Trend

WIDTH = 960
LEFT, RIGHT = 64, 16
TOP = 16
BARS_HEIGHT = 220
GAP = 44
LINE_HEIGHT = 160
AXIS = 40
HEIGHT = TOP + BARS_HEIGHT + GAP + LINE_HEIGHT + AXIS
MAX_LABELS = 10
LABEL_FORMATS = {"year": "%Y", "month": "%b %Y"}


@dataclass
class Tick:
    y: float
    label: str


def nice_ceiling(value: int) -> tuple[int, int]:
    """A round maximum at or above value, and the step of its ticks (about four of them)."""
    if value <= 0:
        return 1, 1
    raw = value / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    step = max(1, int(step)) if step >= 1 else 1
    return int(math.ceil(value / step) * step), step


def _ticks(top: float, height: float, maximum: int, step: int) -> list[Tick]:
    return [
        Tick(top + height - height * value / maximum, number_format(value, force_grouping=True))
        for value in range(0, maximum + 1, step)
    ]


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


def describe(period: Period, trend: Trend) -> str:
    """The hover text of one period: every figure drawn for it."""
    t = period.total
    lines = [
        f"{period_label(period, trend.interval)}: {_n(t.incidents)} incident{'s' if t.incidents != 1 else ''}"
        f" ({_n(t.contested)} contested)",
        f"Killed: {_n(t.killed_best)} (sources' range {_n(t.killed_low)}–{_n(t.killed_high)})",
    ]
    for key, label in trend.series:
        figures = period.by_series.get(key)
        if figures and figures.incidents:
            lines.append(f"{label}: {_n(figures.incidents)} incidents, {_n(figures.killed_best)} killed")
    return "\n".join(lines)


def colour(trend: Trend, key: str) -> int:
    """The series' colour class (static/css/trends.css): by its place, grey (8) for "other"."""
    return 8 if key == OTHER else [k for k, _ in trend.series].index(key) % 8


def axis_label(period: Period, interval: str) -> str:
    """A period's name under the axis, as short as says which it is."""
    if interval == "week":
        return f"{period.start.day} {period.start.strftime('%b %Y')}"
    return period.start.strftime(LABEL_FORMATS[interval])


def period_label(period: Period, interval: str) -> str:
    if interval == "week":
        return f"Week of {axis_label(period, interval)}"
    return period.start.strftime(LABEL_FORMATS[interval])


def draw(trend: Trend, list_link) -> dict:
    """Shapes for the template; list_link(period) gives the list URL for a period."""
    periods = trend.periods
    count = max(1, len(periods))
    step = (WIDTH - LEFT - RIGHT) / count
    bar = max(1.0, step * 0.8)
    # By group an incident counts for each of its groups: the stack may stand above the total.
    tallest = max((max(p.total.incidents, sum(f.incidents for f in p.by_series.values())) for p in periods), default=0)
    bars_max, bars_step = nice_ceiling(tallest)
    line_max, line_step = nice_ceiling(max((p.total.killed_high for p in periods), default=0))
    line_top = TOP + BARS_HEIGHT + GAP

    def bar_y(value):
        return TOP + BARS_HEIGHT - BARS_HEIGHT * value / bars_max

    def line_y(value):
        return line_top + LINE_HEIGHT - LINE_HEIGHT * value / line_max

    columns, band_low, band_high, best = [], [], [], []
    every = max(1, math.ceil(count / MAX_LABELS))
    for index, period in enumerate(periods):
        x = LEFT + index * step + (step - bar) / 2
        centre = LEFT + index * step + step / 2
        stack, base = [], 0
        for key, _label in trend.series:
            value = period.by_series.get(key)
            if value is None or not value.incidents:
                continue
            top = bar_y(base + value.incidents)
            stack.append({"y": top, "height": bar_y(base) - top, "series": colour(trend, key), "key": key})
            base += value.incidents
        contested = period.total.contested
        columns.append(
            {
                "x": x,
                "hit_x": LEFT + index * step,
                "stack": stack,
                "contested": {"y": bar_y(contested), "height": bar_y(0) - bar_y(contested)} if contested else None,
                "title": describe(period, trend),
                "link": list_link(period),
                "label": axis_label(period, trend.interval) if index % every == 0 else "",
                "name": period_label(period, trend.interval),
                "period": period,
                "centre": centre,
            }
        )
        band_low.append((centre, line_y(period.total.killed_low)))
        band_high.append((centre, line_y(period.total.killed_high)))
        best.append((centre, line_y(period.total.killed_best)))
    band = band_high + band_low[::-1]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bar_width": bar,
        "hit_width": step,
        "hit_height": line_top + LINE_HEIGHT - TOP,
        "columns": columns,
        "bars_top": TOP,
        "bars_bottom": TOP + BARS_HEIGHT,
        "line_top": line_top,
        "line_bottom": line_top + LINE_HEIGHT,
        "label_y": line_top + LINE_HEIGHT + 18,
        "bars_ticks": _ticks(TOP, BARS_HEIGHT, bars_max, bars_step),
        "line_ticks": _ticks(line_top, LINE_HEIGHT, line_max, line_step),
        "band": " ".join(f"{x:.1f},{y:.1f}" for x, y in band),
        "best": " ".join(f"{x:.1f},{y:.1f}" for x, y in best),
        "series": [{"key": key, "label": label, "position": colour(trend, key)} for key, label in trend.series],
    }
