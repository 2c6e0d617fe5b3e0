"""Answers to HEAD requests without their bodies.

Django leaves removing a HEAD response's body to the server: its development server and its test
client do, gunicorn does not, and would send a whole page, or a whole export, after the headers
(which a client keeping the connection open then reads as the next response). First in
MIDDLEWARE, this runs last: the headers stay as GET gives them (Content-Length included, as
CommonMiddleware set it from the body), the body goes, and a streamed export is closed unread, so
its query never runs.
"""


class HeadWithoutBodyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                # The old iterator stays among the response's closers: the server closes it.
                response.streaming_content = []
            else:
                length = response.get("Content-Length")
                response.content = b""
                if length is not None:
                    response["Content-Length"] = length
        return response
