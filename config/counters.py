"""A cache backend for integer counters kept in a database table, each increment one statement.

django-ratelimit counts through a cache's add() and incr(), and refuses Django's DatabaseCache for
them: its incr() reads the value and writes it back, so two workers counting at once lose one of
their counts. Here add() and incr() are single INSERT ... ON CONFLICT and UPDATE ... RETURNING
statements, which PostgreSQL and SQLite each apply one at a time, so no count is lost. With
REDIS_URL set the counters live in Redis instead (settings.CACHES["counters"]).
"""

import random
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.db import connections, router

from config.models import Counter

# Expired counts (one per client and rate window) are deleted by about one new count in this many.
CULL_ONE_IN = 200


class CounterCache(BaseCache):
    def __init__(self, location, params):
        # The table is config.models.Counter's; LOCATION means nothing here.
        super().__init__(params)

    def _run(self, sql: str, params: list):
        using = router.db_for_write(Counter)
        connection = connections[using]
        table = connection.ops.quote_name(Counter._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(sql.format(table=table), params)
            return cursor.fetchone() if cursor.description else cursor.rowcount

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        # An expired count is replaced as if it were absent.
        added = self._run(
            "INSERT INTO {table} (name, value, expires) VALUES (%s, %s, %s) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value, expires = excluded.expires "
            "WHERE {table}.expires IS NOT NULL AND {table}.expires <= %s RETURNING value",
            [key, int(value), self.get_backend_timeout(timeout), time.time()],
        )
        if added and random.randrange(CULL_ONE_IN) == 0:
            self._run("DELETE FROM {table} WHERE expires <= %s", [time.time()])
        return added is not None

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        row = self._run(
            "SELECT value FROM {table} WHERE name = %s AND (expires IS NULL OR expires > %s)",
            [key, time.time()],
        )
        return default if row is None else row[0]

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        row = self._run(
            "UPDATE {table} SET value = value + %s WHERE name = %s AND (expires IS NULL OR expires > %s) "
            "RETURNING value",
            [int(delta), key, time.time()],
        )
        if row is None:
            raise ValueError(f"Key '{key}' not found.")
        return row[0]

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._run("DELETE FROM {table} WHERE name = %s", [key]) > 0

    def clear(self):
        self._run("DELETE FROM {table}", [])
