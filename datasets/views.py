"""The incident list, as filtered, downloaded in a dataset's layout (rate limited per client).

Besides the list's filters: `notes=1` adds a last column, tracker_note (datasets.keeping.note);
the UCDP download takes `layout=hdx` for the layout HDX distributes.
"""

from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone

from config.methods import read_only
from config.ratelimit import rate_limited
from datasets.exports import export_chunks
from incidents.views.filtering import BadFilter, filter_incidents
from releases.moments import DATA_AS_OF

_UCDP_LAYOUTS = {"": "ucdp", "standard": "ucdp", "hdx": "ucdp-hdx"}


def _bad(text: str):
    return HttpResponseBadRequest(f"Bad parameter: {text}", content_type="text/plain; charset=utf-8")


def _export_view(request, layout: str):
    try:
        filterset, incidents = filter_incidents(request, reads_history=True)
    except BadFilter as error:
        return _bad(error.as_text())
    notes = request.GET.get("notes", "")
    if notes not in ("", "0", "1"):
        return _bad("notes: 1 adds the tracker_note column, 0 or nothing leaves it out.")
    moment = filterset.moment
    chunks = export_chunks(layout, incidents, notes=notes == "1", moment=moment)
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    stamp = moment.slug if moment else f"{timezone.now():%Y-%m-%d}"
    response["Content-Disposition"] = f'attachment; filename="incidents-{layout}-{stamp}.csv"'
    if moment is not None:
        response[DATA_AS_OF] = moment.header
    return response


@read_only
@rate_limited("EXPORT_RATE_LIMIT")
def export_acled_view(request):
    """The incident list as filtered, in ACLED's current layout."""
    return _export_view(request, "acled")


@read_only
@rate_limited("EXPORT_RATE_LIMIT")
def export_ucdp_view(request):
    """The incident list as filtered, in UCDP GED's standard layout (or, with layout=hdx, HDX's)."""
    layout = _UCDP_LAYOUTS.get(request.GET.get("layout", ""))
    if layout is None:
        return _bad("layout: standard or hdx.")
    return _export_view(request, layout)
