"""Refuses a request whose address holds a NUL character, before any view runs.

PostgreSQL's text cannot hold NUL: psycopg refuses a query with one in a parameter ("PostgreSQL
text fields cannot contain NUL (0x00) bytes"), so wherever such a value reaches a query (an id in
the path, a search term, the admin's autocomplete) the answer would be a server error. Django's
form fields refuse NUL one by one; path converters and the admin's searches do not. No id or
search of this site can hold one, so it is refused here, once: a path with a control character
is not found (404); a query parameter with NUL to the API or the admin is a bad request (400),
naming it (the public pages' forms refuse it themselves). Under the API both answers are JSON, as
its other errors are. Other control characters in a query are text to
search for like any other.
"""

import re

from django.conf import settings
from django.http import Http404, HttpResponseBadRequest, JsonResponse

API_PREFIX = "/api/"
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
NUL_REFUSED = "Null characters are not allowed."


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin = "/" + settings.ADMIN_URL

    def __call__(self, request):
        api = request.path_info.startswith(API_PREFIX)
        if CONTROL.search(request.path_info):
            if api:
                return JsonResponse({"detail": "Not found."}, status=404)
            raise Http404("No address of this site holds a control character.")
        # The public pages read their parameters through forms, which refuse NUL in their own
        # words and formats; the API's search and the admin's do not.
        bad = _holding_nul(request.GET) if api or request.path_info.startswith(self.admin) else None
        if bad is not None:
            if api:
                return JsonResponse({bad: [NUL_REFUSED]}, status=400)
            return HttpResponseBadRequest(
                f"Bad parameter: {bad}: {NUL_REFUSED}", content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)


def _holding_nul(params) -> str | None:
    """The name (made printable) of the first parameter whose name or a value holds NUL."""
    for name, values in params.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return name.replace("\x00", "\\0")
    return None
