"""The trends page (/trends/) and its series as CSV, for the same filters as the list and the map."""

import csv
import io

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from config.methods import read_only
from incidents.exports.records import text_cell
from incidents.filters import IncidentFilter
from incidents.views.filtering import BadFilter, filter_incidents
from releases import moments
from trends import chart, series

CSV_COLUMNS = [
    "period_start",
    "period_end",
    "interval",
    "series",
    "series_label",
    "incidents",
    "contested",
    "killed_low",
    "killed_best",
    "killed_high",
]
# The trend's own parameters; everything else is the incidents' filters.
OWN = ("interval", "by")


class TrendOptions(forms.Form):
    interval = forms.ChoiceField(
        choices=[("", "Automatic"), ("week", "Week"), ("month", "Month"), ("year", "Year")], required=False
    )
    by = forms.ChoiceField(
        label="Split by",
        choices=[("event_type", "Event type"), ("governorate", "Governorate"), ("group", "Perpetrator or party")],
        required=False,
    )


def _query(request, *without: str, **extra) -> str:
    params = request.GET.copy()
    for name in (*without, "page"):
        params.pop(name, None)
    for name, value in extra.items():
        params[name] = value
    return params.urlencode()


def _trend(request):
    """(options form, filterset, trend), or raise BadFilter naming every bad parameter."""
    options = TrendOptions(request.GET)
    try:
        filterset, incidents = filter_incidents(request)
    except BadFilter as error:
        if not options.is_valid():
            error.errors.update(options.errors)
        raise
    if not options.is_valid():
        raise BadFilter(options.errors)
    trend = series.trend(
        incidents,
        filterset.form.cleaned_data,
        request.user,
        split=options.cleaned_data["by"] or "event_type",
        interval=options.cleaned_data["interval"] or None,
        moment=filterset.moment,
    )
    return options, filterset, trend


@read_only
def trends_page(request):
    try:
        options, filterset, trend = _trend(request)
    except BadFilter as error:
        ctx = {
            "filter": IncidentFilter(request.GET, request=request),
            "options": TrendOptions(request.GET),
            "errors": error.messages(),
        }
        return render(request, "trends/trends.html", ctx, status=400)
    data = filterset.form.cleaned_data
    list_url = reverse("incidents:list")

    def list_link(period):
        start = max(period.start, data["date_from"]) if data.get("date_from") else period.start
        end = min(period.end, data["date_to"]) if data.get("date_to") else period.end
        query = _query(request, *OWN, "date_from", "date_to", date_from=start.isoformat(), date_to=end.isoformat())
        return f"{list_url}?{query}"

    query = _query(request)
    ctx = {
        "filter": filterset,
        "options": options,
        "trend": trend,
        "chart": chart.draw(trend, list_link) if trend.periods else None,
        "totals": totals(trend),
        "csv_url": f"{reverse('trends:csv')}?{query}",
        "incidents_url": f"{list_url}?{_query(request, *OWN)}",
        "on_map_url": f"{reverse('maps:map')}?{_query(request, *OWN)}",
        "moment": filterset.moment,
        "present_url": f"{reverse('trends:trends')}?{_query(request, *moments.PARAMETERS)}",
        "keep": (*OWN, *moments.PARAMETERS) if filterset.moment else OWN,
        "is_staff": request.user.is_staff,
    }
    return render(request, "trends/trends.html", ctx)


def totals(trend) -> series.Figures:
    total = series.Figures()
    for period in trend.periods:
        total.add(period.total)
    return total


@read_only
def trends_csv(request):
    """One row per period and series, and one per period for all of them (series "all")."""
    try:
        _options, filterset, trend = _trend(request)
    except BadFilter as error:
        return HttpResponse(f"Bad parameters: {error.as_text()}\n", status=400, content_type="text/plain")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    labels = dict(trend.series)
    for period in trend.periods:
        head = [period.start.isoformat(), period.end.isoformat(), trend.interval]
        writer.writerow([*head, "all", "All incidents", *_figures(period.total)])
        for key, _label in trend.series:
            figures = period.by_series.get(key) or series.Figures()
            writer.writerow([*head, text_cell(key), text_cell(labels[key]), *_figures(figures)])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    moment = filterset.moment
    response["Content-Disposition"] = f'attachment; filename="trends{"-" + moment.slug if moment else ""}.csv"'
    if moment is not None:
        response[moments.DATA_AS_OF] = moment.header
    return response


def _figures(figures: series.Figures) -> list[int]:
    return [figures.incidents, figures.contested, figures.killed_low, figures.killed_best, figures.killed_high]
