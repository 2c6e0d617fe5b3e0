"""Per-client rate limits for the expensive public endpoints (exports, the API).

One mechanism for both: django-ratelimit's counts in the "counters" cache, which every worker and
server shares (a database table, or Redis when REDIS_URL is set). A client is its address as
config.clientip derives it; staff are not limited.
"""

from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django_ratelimit.core import get_usage
from rest_framework.throttling import BaseThrottle


def usage(request, group: str, setting_name: str) -> dict | None:
    """Count this request against settings.<setting_name> for `group`; None when not limited."""
    rate = getattr(settings, setting_name)
    if not rate or (request.user and request.user.is_authenticated and request.user.is_staff):
        return None
    return get_usage(request, group=group, key="ip", rate=rate, increment=True)


def rate_limited(setting_name: str):
    """Answer 429 once a client has made more requests to the view than settings.<setting_name> allows."""

    def decorator(view):
        group = f"{view.__module__}.{view.__qualname__}"

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            counted = usage(request, group, setting_name)
            if counted and counted["should_limit"]:
                response = HttpResponse(
                    f"Too many requests: at most {getattr(settings, setting_name)} per client. Try again later.",
                    status=429,
                    content_type="text/plain; charset=utf-8",
                )
                response["Retry-After"] = str(max(counted["time_left"], 1))
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class ApiRateThrottle(BaseThrottle):
    """The API's limit (settings.API_RATE_LIMIT), counted across all its endpoints together."""

    def allow_request(self, request, view):
        self.counted = usage(request, "api", "API_RATE_LIMIT")
        return not (self.counted and self.counted["should_limit"])

    def wait(self):
        return max(self.counted["time_left"], 1)
