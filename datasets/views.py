"""The incident list, as filtered, downloaded in a dataset's layout (rate limited per client)."""

from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone

from config.methods import read_only
from config.ratelimit import rate_limited
from datasets.exports import export_chunks
from incidents.views.filtering import BadFilter, filter_incidents


def _export_view(request, dataset: str):
    try:
        _, incidents = filter_incidents(request)
    except BadFilter as error:
        return HttpResponseBadRequest(f"Bad parameter: {error.as_text()}", content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(export_chunks(dataset, incidents), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="incidents-{dataset}-{timezone.now():%Y-%m-%d}.csv"'
    return response


@read_only
@rate_limited("EXPORT_RATE_LIMIT")
def export_acled_view(request):
    """The incident list as filtered, in ACLED's current layout."""
    return _export_view(request, "acled")


@read_only
@rate_limited("EXPORT_RATE_LIMIT")
def export_ucdp_view(request):
    """The incident list as filtered, in UCDP GED's standard layout."""
    return _export_view(request, "ucdp")
