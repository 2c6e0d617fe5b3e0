"""HEAD answers carry GET's headers and no body, whatever server runs the site: Django leaves
removing the body to the server, and gunicorn does not (config/head.py). The test client removes
it itself, so these call the WSGI application as a server does."""

import io

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def serve(method: str, path: str) -> tuple[str, dict, bytes]:
    """What a WSGI server gets from the application: status, headers and every body byte."""
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=dict(headers))

    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
    }
    result = WSGIHandler()(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        result.close()
    return answer["status"], answer["headers"], body


@pytest.mark.parametrize(
    "name", ["incidents:list", "incidents:about", "incidents:export-csv", "incidents:export-geojson", "geo:boundaries"]
)
def test_head_gives_the_headers_get_gives_and_no_body(settings, name):
    settings.ALLOWED_HOSTS = ["testserver"]
    factories.incident(status="published")
    path = reverse(name)
    status, headers, body = serve("GET", path)
    assert status.startswith("200") and body
    head_status, head_headers, head_body = serve("HEAD", path)
    assert head_status == status
    assert head_body == b""
    assert head_headers["Content-Type"] == headers["Content-Type"]
    if "Content-Length" in headers:  # a page's length is the body's it would have had
        assert head_headers["Content-Length"] == headers["Content-Length"]
