"""The client's address: the one place it is derived, for the rate limits, django-axes and the logs.

Behind TRUSTED_PROXY_COUNT proxies, each appends to X-Forwarded-For the address it was connected
from, so the entry the outermost proxy appended (the Nth from the right) is the client's. Entries to
its left were written by the client and prove nothing; with no proxy, the peer (REMOTE_ADDR) is the
client. The site must then be reachable only through those proxies.
"""

import ipaddress
from collections.abc import Mapping

from django.conf import settings

# Where no address can be read (a Unix socket without a proxy's header): all such requests share it.
UNKNOWN = "0.0.0.0"


def client_ip_from_meta(meta: Mapping) -> str:
    """The client's address from a WSGI environ or request.META, as a canonical IP address."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        entries = meta.get("HTTP_X_FORWARDED_FOR", "").split(",")
        # Fewer entries than proxies: the request did not come through all of them; the peer is
        # then the only address nobody could have written.
        if len(entries) >= count and (address := _address(entries[-count])):
            return address
    return _address(meta.get("REMOTE_ADDR", "")) or UNKNOWN


def client_ip(request) -> str:
    """The address of the client behind `request` (AXES_CLIENT_IP_CALLABLE, RATELIMIT_IP_META_KEY)."""
    if not hasattr(request, "client_ip"):
        request.client_ip = client_ip_from_meta(request.META)
    return request.client_ip


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None
