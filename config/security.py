"""Security headers Django 5.2 does not set by itself: a Content Security Policy."""

from urllib.parse import urlsplit

from django.conf import settings


def content_security_policy() -> str:
    tile_origin = ""
    if settings.MAP_TILE_URL:
        parts = urlsplit(settings.MAP_TILE_URL.replace("{s}", "a"))
        # Leaflet's {s} subdomains: allow the tile host's siblings too.
        host = parts.netloc.replace("a.", "*.", 1) if "{s}" in settings.MAP_TILE_URL else parts.netloc
        tile_origin = f" {parts.scheme}://{host}"
    directives = {
        "default-src": "'self'",
        # No 'unsafe-inline' for scripts: every page's code is a static file, its data json_script.
        "script-src": "'self'",
        # No 'unsafe-inline' for styles either: no template or script writes a style="" attribute or a
        # <style> element. Leaflet and the admin's scripts set element.style (the CSSOM), which a policy
        # does not restrict.
        "style-src": "'self'",
        "img-src": f"'self' data: blob:{tile_origin}",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = content_security_policy()

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
