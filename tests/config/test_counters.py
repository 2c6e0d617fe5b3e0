"""The counters every worker shares (config/counters.py): rate counts and the map's data version."""

import pytest
from django.core.cache import caches

from config.models import Counter
from incidents.cache import VERSION_KEY, data_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def counters():
    return caches["counters"]


def test_add_only_where_no_live_count_is(counters):
    assert counters.add("k", 1, timeout=60) is True
    assert counters.add("k", 5, timeout=60) is False
    assert counters.get("k") == 1
    assert counters.incr("k") == 2
    assert counters.incr("k", 3) == 5


def test_an_expired_count_is_gone(counters):
    counters.add("k", 7, timeout=60)
    Counter.objects.update(expires=1.0)
    assert counters.get("k") is None
    with pytest.raises(ValueError):
        counters.incr("k")
    # add() starts it afresh.
    assert counters.add("k", 1, timeout=60) is True
    assert counters.get("k") == 1


def test_a_count_without_timeout_never_expires(counters):
    counters.add("k", 1, timeout=None)
    assert Counter.objects.get().expires is None
    assert counters.incr("k") == 2


def test_delete_and_clear(counters):
    counters.add("a", 1)
    counters.add("b", 1)
    assert counters.delete("a") is True
    assert counters.delete("a") is False
    counters.clear()
    assert not Counter.objects.exists()


def test_a_lost_data_version_restarts_past_every_earlier_one(counters):
    """After a flush, a restore or an evicted key, answers cached under old versions must not be
    read again: the version starts over at the time in microseconds, not at 1 (writes move it on
    far less often than once a microsecond)."""
    first = data_version()
    for _ in range(3):
        counters.incr(VERSION_KEY)
    counters.delete(VERSION_KEY)
    assert data_version() > first + 3
