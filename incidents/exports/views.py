"""Exports of the incident list as filtered: the same parameters as the list page, so an export
holds the rows the researcher was looking at, in the same order."""

from django.http import HttpResponseBadRequest, JsonResponse, StreamingHttpResponse
from django.utils import timezone

from config.methods import read_only
from config.ratelimit import rate_limited
from incidents.exports import csv_stream, geojson_stream
from incidents.views.filtering import BadFilter, filter_incidents


def _filename(extension: str) -> str:
    return f"incidents-{timezone.now():%Y-%m-%d}.{extension}"


def _stream(chunks, content_type: str, extension: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_filename(extension)}"'
    return response


@read_only
@rate_limited("EXPORT_RATE_LIMIT")
def export_csv(request):
    try:
        _, incidents = filter_incidents(request)
    except BadFilter as error:
        return HttpResponseBadRequest(f"Bad parameter: {error.as_text()}", content_type="text/plain; charset=utf-8")
    return _stream(csv_stream(incidents, request.build_absolute_uri), "text/csv; charset=utf-8", "csv")


@read_only
@rate_limited("EXPORT_RATE_LIMIT")
def export_geojson(request):
    try:
        _, incidents = filter_incidents(request)
    except BadFilter as error:
        return JsonResponse({"errors": error.messages()}, status=400)
    return _stream(geojson_stream(incidents, request.build_absolute_uri), "application/geo+json", "geojson")
