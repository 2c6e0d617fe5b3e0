"""The researchers' map (the home page) and the JSON it draws from."""

from urllib.parse import quote

from django import forms
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse

from config.methods import read_only
from incidents import cache
from incidents.filters import IncidentFilter
from incidents.models import Participation
from incidents.models.choices import DatePrecision, EventType
from incidents.models.incident import sees_unpublished
from incidents.views.filtering import BadFilter, filter_incidents, visible_incidents
from maps import counting, facets, summary
from releases import moments

# The letter drawn inside each marker, so the event type is never carried by colour alone.
# The colours are in static/css/map.css (.event-<code>).
EVENT_LETTERS = {
    EventType.BATTLES: "B",
    EventType.REMOTE_VIOLENCE: "E",
    EventType.VIOLENCE_AGAINST_CIVILIANS: "V",
    EventType.PROTESTS: "P",
    EventType.RIOTS: "R",
    EventType.STRATEGIC_DEVELOPMENTS: "S",
}

# Iraq and Syria, for a first visit with no view in the URL: [[south, west], [north, east]].
HOME_BOUNDS = [[29.0, 35.6], [37.4, 48.6]]

# Filters the map does not show but keeps when a link brings them (a person's page, a sub-event type).
CARRIED_FILTERS = {"sub_event_type": forms.MultipleHiddenInput, "person": forms.HiddenInput}
NOT_ON_MAP = ("bbox", "sort")
CHECKBOX_FILTERS = ("country", "event_type", "means")


def _map_form(filterset, user):
    """The FilterSet's own form, laid out for the map's side panel."""
    form = filterset.form
    for name in NOT_ON_MAP:
        form.fields.pop(name, None)
    if not sees_unpublished(user):
        form.fields.pop("status", None)
    for name, widget in CARRIED_FILTERS.items():
        form.fields[name].widget = widget()
    for name in CHECKBOX_FILTERS:
        field = form.fields[name]
        field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
    form.fields["killed_min"].widget.attrs.update(min=0, step=1, inputmode="numeric")
    form.fields["q"].widget.attrs.update(type="search", placeholder="Title, place, group, id")
    return form


@read_only
def map_page(request):
    try:
        moment = moments.from_params(request.GET)
    except moments.BadMoment as error:
        return error.response()
    filterset = IncidentFilter(request.GET, queryset=visible_incidents(request), request=request)
    # Laid out before validation: bound fields, labels included, are fixed when first read.
    form = _map_form(filterset, request.user)
    valid = form.is_valid()
    ctx = {
        "form": form,
        "moment": moment,
        "keep": moments.PARAMETERS if moment else (),
        "present_url": f"{reverse('maps:map')}?{_without(request.GET, moments.PARAMETERS)}",
        "event_types": [(code, label, EVENT_LETTERS[code]) for code, label in EventType.choices],
        "map_config": {
            "dataUrl": reverse("maps:map-data"),
            "histogramUrl": reverse("maps:histogram"),
            "spotUrl": reverse("maps:spot"),
            "labelsUrl": reverse("geo:labels"),
            "boundariesUrl": reverse("geo:boundaries"),
            "listUrl": reverse("incidents:list"),
            "csvUrl": reverse("incidents:export-csv"),
            "geojsonUrl": reverse("incidents:export-geojson"),
            "tileUrl": settings.MAP_TILE_URL,
            "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
            "homeBounds": HOME_BOUNDS,
            "eventTypes": {code: {"label": label, "letter": EVENT_LETTERS[code]} for code, label in EventType.choices},
            "precisions": dict(DatePrecision.choices),
        },
    }
    return render(request, "maps/map.html", ctx, status=200 if valid else 400)


def _without(params, names) -> str:
    kept = params.copy()
    for name in names:
        kept.pop(name, None)
    return kept.urlencode()


def _view_of(params):
    """Split the map's view (bbox, zoom) from the filters; validate it like a filter.

    The filters are applied without the bbox so that the incidents with no coordinates, which no
    view holds, can still be counted.
    """
    filters = params.copy()
    errors = {}
    bbox = zoom = None
    try:
        bbox = IncidentFilter.base_filters["bbox"].field.clean(filters.pop("bbox", [""])[-1])
    except forms.ValidationError as error:
        errors["bbox"] = error.messages
    zoom_field = forms.IntegerField(min_value=0, max_value=counting.MAX_ZOOM, required=False)
    try:
        zoom = zoom_field.clean(filters.pop("zoom", [""])[-1])
    except forms.ValidationError as error:
        errors["zoom"] = error.messages
    return filters, bbox, zoom, errors


def _filtered(request):
    """(incidents filtered by everything but the view, the filters' values, bbox, zoom), or a 400
    naming every bad parameter."""
    filters, bbox, zoom, errors = _view_of(request.GET)
    try:
        filterset, incidents = filter_incidents(request, filters)
    except BadFilter as bad:
        errors = {**bad.messages(), **errors}
    if errors:
        return None, JsonResponse({"errors": errors}, status=400)
    return (incidents, filterset.form.cleaned_data, bbox, zoom, filterset.moment), None


def _participations(moment):
    """The participations the popups name groups from: those of the moment asked for, if any."""
    return None if moment is None else moment.rows_of(Participation)


def _detail_url():
    placeholder = "PUBLIC-ID"
    pattern = reverse("incidents:detail", args=[placeholder])
    return lambda public_id: pattern.replace(placeholder, quote(public_id))


@read_only
def map_data(request):
    """What the map draws for the filters and the view: `?<filters>&bbox=w,s,e,n&zoom=Z`."""
    found, error = _filtered(request)
    if error:
        return error
    incidents, values, bbox, zoom, moment = found

    def summary_for(level):
        # The summaries hold the present only: the map at a moment is counted from its incidents.
        if moment is not None:
            return None
        return summary.plan(values, request.user, level) or facets.plan(values, request.user, level)

    # The kind names the answer's shape (clusters with their event types): answers of an older
    # shape that a shared cache still holds are not served after an upgrade.
    return JsonResponse(
        cache.cached(
            request,
            "data-typed",
            lambda: counting.map_features(incidents, bbox, zoom, _detail_url(), summary_for, _participations(moment)),
        )
    )


@read_only
def spot(request):
    """The incidents of one spot the map cannot split, newest first: `?<filters>&bbox=w,s,e,n`."""
    found, error = _filtered(request)
    if error:
        return error
    incidents, _, bbox, _, moment = found
    if bbox is None:
        return JsonResponse({"errors": {"bbox": ["The spot's bounding box is required."]}}, status=400)
    located = counting.located_in(incidents, bbox)
    answer = lambda: counting.spot(located, _detail_url(), _participations(moment))  # noqa: E731
    return JsonResponse(cache.cached(request, "spot", answer))


@read_only
def histogram(request):
    """Incidents per ISO week for the filters (and the view's bbox when given)."""
    found, error = _filtered(request)
    if error:
        return error
    incidents, values, bbox, _, moment = found
    if bbox is not None:
        incidents = counting.located_in(incidents, bbox)

    def compute():
        plan = summary.week_plan(values, request.user, bbox) if moment is None else None
        if plan is None:
            return counting.weekly_counts(incidents)
        return counting.weekly_summary(incidents, plan)

    return JsonResponse(cache.cached(request, "histogram", compute))
