"""Cached answers for the map, dropped whenever incidents change.

Every cached map answer's key holds the current *data version*; a change to an incident, a claim
or a participant moves the version on when its transaction commits, so older answers are never
read again and expire on their own. The version is a counter every worker shares and the answers
sit in the shared cache (settings.CACHES), so a change shows in the next answer from any worker.
Bulk writers that bypass model signals (dataset imports, synthetic data) call `data_changed()`
themselves.
"""

import hashlib
import json
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from incidents.models import CasualtyClaim, Incident, Participation

VERSION_KEY = "incidents:data-version"


def data_version() -> int:
    counters = caches["counters"]
    version = counters.get(VERSION_KEY)
    if version is None:
        _start()
        version = counters.get(VERSION_KEY)
    return version


def _start() -> None:
    """Start the version (where none is: a new site, a flushed or restored database, an evicted key)
    at the time in microseconds, past every version counted before, whose answers the cache may hold."""
    caches["counters"].add(VERSION_KEY, time.time_ns() // 1000, timeout=None)


def data_changed() -> None:
    """Invalidate every cached map answer once the current transaction commits (at once outside
    one), when other workers can see the change. Not also inside the transaction: that would hold
    the shared counter's row lock until the commit, queueing every other writer behind it."""
    transaction.on_commit(_bump)


def _bump() -> None:
    _start()
    caches["counters"].incr(VERSION_KEY)


@receiver(post_save, sender=Incident)
@receiver(post_delete, sender=Incident)
@receiver(post_save, sender=CasualtyClaim)
@receiver(post_delete, sender=CasualtyClaim)
@receiver(post_save, sender=Participation)
@receiver(post_delete, sender=Participation)
def _on_change(sender, **kwargs):
    data_changed()


def cached(request, kind: str, compute: Callable[[], dict], extra: str = "") -> dict:
    """`compute()`'s answer for this request's parameters and audience, from the cache when held.

    `extra` is whatever else the answer depends on that the parameters do not fix (which records a
    page holds, when other records can change it)."""
    if not settings.MAP_CACHE_SECONDS:
        return compute()
    audience = "staff" if request.user.is_authenticated and request.user.is_staff else "public"
    # JSON keeps each name and value whole: `q=a&zoom=5` and `q=a%26zoom%3D5` are different keys;
    # repeated values keep their order (a single-valued filter reads the last one).
    params = json.dumps([[k, values] for k, values in sorted(request.GET.lists())] + [extra])
    digest = hashlib.sha256(params.encode()).hexdigest()[:32]
    key = f"map:{kind}:{data_version()}:{audience}:{digest}"
    answer = cache.get(key)
    if answer is None:
        answer = compute()
        cache.set(key, answer, timeout=settings.MAP_CACHE_SECONDS)
    return answer
