"""Bulk writes for dataset imports on PostgreSQL: COPY for new rows, set-based SQL for their history.

`bulk_create_with_history` builds a historical instance per row and has Django prepare and psycopg
quote every value of both (most of an import's time). Here the planned, unsaved instances are
written as they are: ids reserved from the table's sequence in one query, the rows streamed with
`COPY ... FROM STDIN`, and their history rows copied from the table by one `INSERT ... SELECT`,
with the values `bulk_history_create` would give them (history type "+", the importing user, the
import's change reason). The database does the rest as for any insert: generated columns, the
governorate-name trigger and the map summaries' statement triggers.

Updated rows go through the ORM (datasets.saving.update). datasets.saving.create chooses this
path on PostgreSQL; SQLite takes the ORM path, which leaves the same rows.
"""

import json
import threading
from contextlib import contextmanager, suppress
from operator import attrgetter

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models.base import ModelState
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_manager_for_model


def _columns(model) -> list[models.Field]:
    """The fields an insert writes: every concrete one but generated columns."""
    return [f for f in model._meta.concrete_fields if not f.generated]


def _converter(field: models.Field):
    if field.get_internal_type() == "JSONField":
        return lambda value: None if value is None else json.dumps(value)
    return None


class _Blueprint:
    """What `Model.__init__` gives an instance made with no arguments, and which of those values
    come from a callable default (new per instance)."""

    def __init__(self, model):
        sample = model()
        self.values = {k: v for k, v in sample.__dict__.items() if k != "_state"}
        self.calls = [
            (f.attname, f.default)
            for f in model._meta.concrete_fields
            if not f.generated and f.has_default() and callable(f.default)
        ]
        self.relations = {f.name: f.attname for f in model._meta.concrete_fields if f.many_to_one}


_BLUEPRINTS: dict = {}


def new(model, **kwargs):
    """An unsaved instance as `model(**kwargs)` makes it, without the per-field work of
    `Model.__init__` (no model here has pre_init or post_init receivers: tests check that the two
    agree). Takes field names, attnames and, for foreign keys, instances or None."""
    blueprint = _BLUEPRINTS.get(model) or _BLUEPRINTS.setdefault(model, _Blueprint(model))
    values = blueprint.values.copy()
    for attname, default in blueprint.calls:
        if attname not in kwargs:
            values[attname] = default()
    cache = {}
    for name, value in kwargs.items():
        attname = blueprint.relations.get(name)
        if attname is not None:
            values[attname] = None if value is None else value.pk
            cache[name] = value
        elif name in values:
            values[name] = value
        else:
            return model(**kwargs)
    obj = model.__new__(model)
    obj._state = ModelState()
    obj.__dict__.update(values)
    if cache:
        obj._state.fields_cache.update(cache)
    return obj


# Tables this thread's connection holds against every other writer in its transaction (a bulk
# load's, by foreign_keys_set_aside): their ids are reserved as one range. Per thread, as Django's
# connections are: another thread's import must not take ranges from a sequence it does not hold.
_local = threading.local()


def _held() -> set[str]:
    held = getattr(_local, "tables", None)
    if held is None:
        held = _local.tables = set()
    return held


def reserve_ids(model, n: int) -> list[int]:
    """`n` new ids from the table's sequence: one `nextval` each, which other sessions may
    interleave with; or, while the table is held by this transaction alone, one range taken by
    moving the sequence on once (nobody else can insert meanwhile)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if table in _held():
            cursor.execute(
                "SELECT setval(seq, nextval(seq) + %s - 1)"
                " FROM CAST(pg_get_serial_sequence(%s, 'id') AS regclass) AS seq",
                [n, table],
            )
            last = cursor.fetchone()[0]
            return list(range(last - n + 1, last + 1))
        if connection.in_atomic_block:
            # The lock this transaction's writes to the table take anyway, taken first: while
            # another transaction holds the table for a bulk load, no id is drawn inside its range.
            cursor.execute(f"LOCK TABLE {connection.ops.quote_name(table)} IN ROW EXCLUSIVE MODE")
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s) ORDER BY 1",
            [table, n],
        )
        return [row[0] for row in cursor.fetchall()]


def _link_related(objs: list, fields: list[models.Field]) -> None:
    """Foreign keys to instances saved since they were planned take those instances' ids (as
    `Model._prepare_related_fields_for_save` does for bulk_create). Only the relations each row
    was given an instance for are looked at (those `new` caches), in the rows' own dicts."""
    attnames = {field.name: field.attname for field in fields if field.many_to_one}
    for obj in objs:
        values = obj.__dict__
        for name, related in obj._state.fields_cache.items():
            attname = attnames.get(name)
            if related is not None and attname is not None and values[attname] is None:
                values[attname] = related.pk


def _copy(table: str, columns: list[str], rows) -> None:
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def create(model, objs: list, *, user=None, reason: str = "") -> None:
    """Insert unsaved instances (their pks set on them), and their "+" history if the model keeps one."""
    if not objs:
        return
    fields = _columns(model)
    _link_related(objs, fields)
    now = timezone.now()
    for field in fields:
        # What pre_save would set: auto_now(_add) timestamps.
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            for obj in objs:
                setattr(obj, field.attname, now)
    # What saving sets on an instance: its primary key (one attribute, unless the model inherits
    # another's table), not adding, the database.
    pk_attname, alias, inherits = model._meta.pk.attname, connection.alias, bool(model._meta.parents)
    for obj, pk in zip(objs, reserve_ids(model, len(objs)), strict=True):
        if inherits:
            obj.pk = pk
        else:
            obj.__dict__[pk_attname] = pk
        state = obj._state
        state.adding = False
        state.db = alias
    get_values = attrgetter(*[f.attname for f in fields])
    converters = [(i, conv) for i, f in enumerate(fields) if (conv := _converter(f))]
    if converters:

        def rows():
            for obj in objs:
                row = list(get_values(obj))
                for i, conv in converters:
                    row[i] = conv(row[i])
                yield row

    else:
        rows = lambda: map(get_values, objs)  # noqa: E731
    _copy(model._meta.db_table, [f.column for f in fields], rows())
    write_history(model, [obj.pk for obj in objs], "+", user=user, reason=reason, sample=objs[0])


def write_history(model, pks: list[int], history_type: str, *, user=None, reason: str = "", sample=None) -> None:
    """One history row per primary key, copied from the stored row, as bulk_history_create writes
    them: the given type, user (else the model's default history user) and change reason."""
    try:
        manager = get_history_manager_for_model(model)
    except NotHistoricalModelError:
        return
    if not pks or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history = manager.model
    if user is None and sample is not None:
        user = history.get_default_history_user(sample)
    columns = [f.column for f in history.tracked_fields]
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    ordered = sorted(pks)
    if ordered[-1] - ordered[0] + 1 == len(ordered) == len(set(ordered)):
        # One run of ids (a batch's, reserved as a range): one range scan, not a lookup per id.
        rows, ids = "id BETWEEN %s AND %s", [ordered[0], ordered[-1]]
    else:
        rows, ids = "id = ANY(%s)", [ordered]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(history._meta.db_table)} "  # noqa: S608 - our own table and column names
            f"({names}, history_date, history_type, history_user_id, history_change_reason) "
            f"SELECT {names}, %s, %s, %s, %s FROM {quote(model._meta.db_table)} WHERE {rows} ORDER BY id",
            [timezone.now(), history_type, getattr(user, "pk", None), reason, *ids],
        )


def tables_and_histories(models_: list) -> list[str]:
    tables = []
    for model in models_:
        tables.append(model._meta.db_table)
        with suppress(NotHistoricalModelError):
            tables.append(get_history_manager_for_model(model).model._meta.db_table)
    return tables


@contextmanager
def _checks_made():
    """A cursor for a block that alters or indexes tables, which PostgreSQL refuses while checks
    are pending: Django's foreign keys are checked at commit, so the pending ones are made at the
    start, and the rest are left to the commit again at the end."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        yield cursor
        # Back to each constraint's own timing: ALL DEFERRED would also defer those declared
        # DEFERRABLE INITIALLY IMMEDIATE.
        cursor.execute(
            """
            SELECT string_agg(format('%I.%I', n.nspname, c.conname), ', ')
            FROM pg_constraint AS c JOIN pg_namespace AS n ON n.oid = c.connamespace
            WHERE c.condeferrable AND c.condeferred AND NOT pg_is_other_temp_schema(c.connamespace)
            """
        )
        (deferred,) = cursor.fetchone()
        if deferred:
            cursor.execute(f"SET CONSTRAINTS {deferred} DEFERRED")


@contextmanager
def indexes_set_aside(tables: list[str]):
    """The tables' secondary indexes dropped for the block and built again at its end, in the
    transaction around it (which must be one): a bulk load writes its rows with no index to keep
    up, then each index is built once from the table, which costs less when the load is as large as
    what the table held. Primary keys and unique indexes stay (constraints and the load's own
    lookups need them). Dropping an index locks its table against every other reader and writer
    until the transaction ends; a block that fails, or marks the transaction for rollback, leaves the
    indexes to the rollback."""
    if not connection.in_atomic_block:
        # Outside a transaction the drops would be committed at once, and nothing after the block
        # could tell whether to build them again.
        raise transaction.TransactionManagementError("indexes_set_aside needs a transaction around it")
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index AS i
            WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisunique AND NOT i.indisprimary
            ORDER BY 1
            """,
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    if transaction.get_rollback():
        return  # the rollback brings them back
    # PostgreSQL builds no index on a table with checks pending.
    with _checks_made() as cursor:
        for _, definition in indexes:
            cursor.execute(definition)


@contextmanager
def foreign_keys_set_aside(tables: list[str], keep_referencing: list[str]):
    """The tables' foreign keys dropped for the block and added again at its end (but those to
    `keep_referencing`), in the transaction around it (which must be one): instead of a check
    per new row, adding a key checks every row of the table in one join. Dropping a key locks its
    table and the table it refers to against every other reader and writer until the transaction
    ends (the block takes all those locks at once, at its start), so a table every request reads
    (the users) is better left referenced; meanwhile the tables' ids are reserved as ranges
    (reserve_ids). A block that fails, or marks the transaction for rollback, leaves the keys to the
    rollback; a row whose key refers to nothing fails the adding, and so the transaction."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.confrelid::regclass::text
            FROM pg_constraint AS c
            WHERE c.contype = 'f' AND c.conrelid = ANY(%s::regclass[]) AND NOT c.confrelid = ANY(%s::regclass[])
            ORDER BY 1, 2
            """,
            [tables, keep_referencing],
        )
        keys = cursor.fetchall()
        # Every lock the block needs, at once and at its strongest (dropping a key takes ACCESS
        # EXCLUSIVE on both tables): taking a weaker one first, then the stronger, would deadlock
        # with a transaction that read a row and then writes it. Writers wait for the transaction's
        # end, so the ids can be ranges.
        locked = list(dict.fromkeys([*tables, *(referred for *_, referred in keys)]))
        cursor.execute(f"LOCK TABLE {', '.join(locked)} IN ACCESS EXCLUSIVE MODE")
    # Neither a table nor one it refers to can be altered with checks pending (rows the
    # transaction wrote before).
    with _checks_made() as cursor:
        for table, name, _, _ in keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
    held = set(tables) - _held()
    _held().update(held)
    try:
        yield
    finally:
        _held().difference_update(held)
    if transaction.get_rollback():
        return  # the rollback brings them back
    with _checks_made() as cursor:
        for table, name, definition, _ in keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")


def analyze(models_: list) -> None:
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
