"""The client's address, derived once (config/clientip.py) for the rate limits, axes and the logs."""

import pytest
from django.test import RequestFactory

from config.clientip import UNKNOWN, client_ip


@pytest.mark.parametrize(
    ("proxies", "peer", "forwarded", "client"),
    [
        # No proxy: the peer, whatever the client wrote.
        (0, "203.0.113.5", "198.51.100.1", "203.0.113.5"),
        (0, "203.0.113.5", None, "203.0.113.5"),
        # One proxy: the entry it appended, never what the client wrote before it.
        (1, "10.0.0.2", "203.0.113.5", "203.0.113.5"),
        (1, "10.0.0.2", "198.51.100.1, 203.0.113.5", "203.0.113.5"),
        (1, "10.0.0.2", "198.51.100.1,203.0.113.5 ", "203.0.113.5"),
        # Two proxies: the outer one appended the client, the inner one the outer proxy.
        (2, "10.0.0.3", "198.51.100.1, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        # Fewer entries than proxies, or none: the request bypassed them; the peer is all we know.
        (2, "10.0.0.3", "203.0.113.5", "10.0.0.3"),
        (1, "10.0.0.2", None, "10.0.0.2"),
        (1, "10.0.0.2", "", "10.0.0.2"),
        # Not an address where one is expected: the peer.
        (1, "10.0.0.2", "unknown", "10.0.0.2"),
        (1, "10.0.0.2", "203.0.113.5:4711", "10.0.0.2"),
        # IPv6, written canonically.
        (1, "::1", "2001:DB8:0:0::7", "2001:db8::7"),
        # No address at all (a Unix socket).
        (0, "", None, UNKNOWN),
    ],
)
def test_the_client_address(settings, proxies, peer, forwarded, client):
    settings.TRUSTED_PROXY_COUNT = proxies
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    request = RequestFactory().get("/", REMOTE_ADDR=peer, **headers)
    assert client_ip(request) == client
