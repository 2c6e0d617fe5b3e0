"""Cached answers for the map, dropped whenever incidents change.

Every cached map answer's key holds the current *data version*; a change to an incident, a claim
or a participant moves the version on (at once, and again when its transaction commits), so older answers are never
read again and expire on their own. Bulk writers that bypass model signals (dataset imports,
synthetic data) call `data_changed()` themselves.
"""

import hashlib
import json
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from incidents.models import CasualtyClaim, Incident, Participation

VERSION_KEY = "incidents:data-version"


def data_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def data_changed() -> None:
    """Invalidate every cached map answer now, and again once the current transaction commits:
    an answer computed from the old rows in between would otherwise outlive the change."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


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
