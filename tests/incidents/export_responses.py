"""The export URLs, and an export's streamed response read back as CSV rows or GeoJSON features."""

import csv
import io
import json

from django.http import StreamingHttpResponse
from django.urls import reverse

from incidents.exports import layout

CSV_URL = reverse("incidents:export-csv")
GEOJSON_URL = reverse("incidents:export-geojson")


def _body(response) -> bytes:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


def _csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = _body(response)
    assert raw.startswith(b"\xef\xbb\xbf")
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    assert reader.fieldnames == layout.COLUMNS
    return list(reader)


def _features(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(_body(response).decode("utf-8"))
    assert collection["type"] == "FeatureCollection"
    return collection["features"]
