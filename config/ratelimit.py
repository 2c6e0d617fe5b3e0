"""Per-client rate limits for the expensive public endpoints (exports, the API).

Counts live in Django's cache (local memory by default, Redis when REDIS_URL is set, so several
app servers share them). A client is its address as the proxy in front reports it.
"""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from rest_framework.throttling import SimpleRateThrottle


def client_address(request) -> str:
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def parse_rate(rate: str) -> tuple[int, int]:
    """ "30/min" -> (30, 60). Settings are checked at start-up, so this only sees valid rates."""
    count, period = rate.split("/")
    return int(count), {"s": 1, "sec": 1, "min": 60, "m": 60, "hour": 3600, "h": 3600, "day": 86400}[period]


def rate_limited(setting_name: str):
    """Answer 429 once a client has made more requests than settings.<setting_name> allows."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            rate = getattr(settings, setting_name)
            if not rate or (request.user.is_authenticated and request.user.is_staff):
                return view(request, *args, **kwargs)
            limit, period = parse_rate(rate)
            window = int(time.time() // period)
            key = f"ratelimit:{view.__name__}:{client_address(request)}:{window}"
            cache.add(key, 0, timeout=period)
            try:
                count = cache.incr(key)
            except ValueError:
                count = 1
            if count > limit:
                response = HttpResponse(
                    f"Too many requests: at most {rate} per client. Try again in a minute.",
                    status=429,
                    content_type="text/plain; charset=utf-8",
                )
                response["Retry-After"] = str(period - int(time.time()) % period)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class ApiRateThrottle(SimpleRateThrottle):
    """DRF's throttle with its rate read from settings at request time (so tests can change it)."""

    scope = "api"

    def get_rate(self):
        return settings.API_RATE_LIMIT or None

    def allow_request(self, request, view):
        if request.user and request.user.is_authenticated and request.user.is_staff:
            return True
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return f"throttle:api:{client_address(request)}"
