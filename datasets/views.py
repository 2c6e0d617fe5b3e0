"""The incident list, as filtered, downloaded in a dataset's layout (rate limited per client).

Besides the list's filters: `notes=1` adds a last column, tracker_note (datasets.keeping.note);
the UCDP download takes `layout=hdx` for the layout HDX distributes.
"""

from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from config.methods import read_only
from config.ratelimit import rate_limited
from datasets.exports import export_chunks
from datasets.packages import layout_package
from incidents.exports.views import package_response
from incidents.views.filtering import BadFilter, filter_incidents
from releases.moments import DATA_AS_OF

_UCDP_LAYOUTS = {"": "ucdp", "standard": "ucdp", "hdx": "ucdp-hdx"}


def _bad(text: str):
    return HttpResponseBadRequest(f"Bad parameter: {text}", content_type="text/plain; charset=utf-8")


def _filename(layout: str, moment) -> str:
    stamp = moment.slug if moment else f"{timezone.now():%Y-%m-%d}"
    return f"incidents-{layout}-{stamp}.csv"


def _filtered(request):
    """(filterset, incidents, notes) for the parameters, or raises BadFilter."""
    filterset, incidents = filter_incidents(request)
    notes = request.GET.get("notes", "")
    if notes not in ("", "0", "1"):
        raise BadFilter({"notes": ["1 adds the tracker_note column, 0 or nothing leaves it out."]})
    return filterset, incidents, notes == "1"


def _export_view(request, layout: str):
    try:
        filterset, incidents, notes = _filtered(request)
    except BadFilter as error:
        return _bad(error.as_text())
    moment = filterset.moment
    chunks = export_chunks(layout, incidents, notes=notes, moment=moment)
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(layout, moment)}"'
    if moment is not None:
        response[DATA_AS_OF] = moment.header
    return response


def _package_view(request, layout: str, url_name: str):
    try:
        filterset, _, notes = _filtered(request)
    except BadFilter as error:
        return _bad(error.as_text())
    source_url = f"{request.build_absolute_uri(reverse(url_name))}?{request.GET.urlencode()}"
    path = _filename(layout, filterset.moment)
    return package_response(layout_package(layout, path=path, notes=notes, source_url=source_url))


@read_only
@rate_limited("EXPORT_RATE_LIMIT")
def export_acled_view(request):
    """The incident list as filtered, in ACLED's current layout."""
    return _export_view(request, "acled")


@read_only
@rate_limited("EXPORT_RATE_LIMIT")
def export_ucdp_view(request):
    """The incident list as filtered, in UCDP GED's standard layout (or, with layout=hdx, HDX's)."""
    layout = _ucdp_layout(request)
    if layout is None:
        return _bad("layout: standard or hdx.")
    return _export_view(request, layout)


def _ucdp_layout(request) -> str | None:
    return _UCDP_LAYOUTS.get(request.GET.get("layout", ""))


@read_only
def export_acled_package(request):
    """The Data Package descriptor of the ACLED-layout export with the same parameters."""
    return _package_view(request, "acled", "incidents:export-acled")


@read_only
def export_ucdp_package(request):
    """The Data Package descriptor of the UCDP-layout export with the same parameters."""
    layout = _ucdp_layout(request)
    if layout is None:
        return _bad("layout: standard or hdx.")
    return _package_view(request, layout, "incidents:export-ucdp")
