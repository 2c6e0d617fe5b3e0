"""Exports of the incident list as filtered: the same parameters as the list page, so an export
holds the rows the researcher was looking at, in the same order."""

from django.http import HttpResponseBadRequest, JsonResponse, StreamingHttpResponse
from django.utils import timezone

from config.methods import read_only
from config.ratelimit import rate_limited
from incidents.exports import csv_stream, geojson_stream
from incidents.exports.package import site_package
from incidents.views.filtering import BadFilter, filter_incidents
from releases import moments
from releases.moments import DATA_AS_OF


def package_response(package: dict) -> JsonResponse:
    """A datapackage.json, under the name data tools look for when it is saved beside its file."""
    response = JsonResponse(package, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'inline; filename="datapackage.json"'
    return response


def _filename(extension: str, moment=None) -> str:
    if moment is not None:
        return f"incidents-{moment.slug}.{extension}"
    return f"incidents-{timezone.now():%Y-%m-%d}.{extension}"


def _stream(chunks, content_type: str, extension: str, moment=None) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_filename(extension, moment)}"'
    if moment is not None:
        # Names the moment the rows stood at, for whoever cites the file.
        response[DATA_AS_OF] = moment.header
    return response


@read_only
@rate_limited("EXPORT_RATE_LIMIT")
def export_csv(request):
    try:
        filterset, incidents = filter_incidents(request)
    except BadFilter as error:
        return HttpResponseBadRequest(f"Bad parameter: {error.as_text()}", content_type="text/plain; charset=utf-8")
    chunks = csv_stream(incidents, request.build_absolute_uri, moment=moments.when_of(filterset.moment))
    return _stream(chunks, "text/csv; charset=utf-8", "csv", filterset.moment)


@read_only
@rate_limited("EXPORT_RATE_LIMIT")
def export_geojson(request):
    try:
        filterset, incidents = filter_incidents(request)
    except BadFilter as error:
        return JsonResponse({"errors": error.messages()}, status=400)
    chunks = geojson_stream(incidents, request.build_absolute_uri, moment=moments.when_of(filterset.moment))
    return _stream(chunks, "application/geo+json", "geojson", filterset.moment)


@read_only
def export_csv_package(request):
    """The Data Package descriptor of the CSV export with the same parameters (incidents.exports.package)."""
    try:
        filterset, _ = filter_incidents(request)
    except BadFilter as error:
        return HttpResponseBadRequest(f"Bad parameter: {error.as_text()}", content_type="text/plain; charset=utf-8")
    return package_response(site_package(request, _filename("csv", filterset.moment)))
