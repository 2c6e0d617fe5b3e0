"""Writing many incidents at once without summing the map's summaries once per statement.

The summary triggers (maps.summary, maps.facets) upsert the cells a statement's
rows fall in, in the statement's own transaction. An import or the synthetic generator writes in
batches, and each batch then updates the same cells again: every update of a row leaves a
version the next one steps over, and summing 24 grid levels per incident is most of what an
incident insert costs.

Inside `deferred()`, on PostgreSQL, the triggers only set aside what each statement adds or
removes (its rows with a sign, in two temporary tables of the transaction), and the summaries take
it all in one statement each when the block ends, still inside the transaction. The sums are
additive, so the result is the one the triggers would have written; readers see no difference,
since nothing of the transaction is visible before it commits. A block that fails is rolled back
with its temporary tables; one that marks the transaction for rollback sums nothing. Elsewhere
(SQLite has no summaries) it does nothing.
"""

from contextlib import contextmanager

from django.db import connection, transaction

from maps import facets, summary
from maps.facets import FACET_DELTA
from maps.summary import CELL_DELTA, DEFER_SETTING, DEFERRING


def deferring() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce({DEFERRING}, false)")
        return cursor.fetchone()[0]


@contextmanager
def deferred():
    """Summaries summed once at the end of the block (see the module's docstring); a block inside
    another is part of the outer one."""
    if connection.vendor != "postgresql" or deferring():
        yield
        return
    marked = False
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMP TABLE {CELL_DELTA.removeprefix('pg_temp.')} ON COMMIT DROP AS "
                f"SELECT 1 AS sign, {summary.SOURCE_COLUMNS} FROM incidents_incident WITH NO DATA"
            )
            cursor.execute(
                f"CREATE TEMP TABLE {FACET_DELTA.removeprefix('pg_temp.')} ON COMMIT DROP AS "
                "SELECT 1 AS sign, latitude, longitude, killed_best, event_type, ''::text AS facet "
                "FROM incidents_incident WITH NO DATA"
            )
            cursor.execute(f"SELECT set_config('{DEFER_SETTING}', 'on', true)")
        yield
        # A block that marked the transaction for rollback sums nothing: all goes with the rollback.
        marked = transaction.get_rollback()
        if not marked:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT set_config('{DEFER_SETTING}', 'off', true)")
                cursor.execute(f"SELECT EXISTS (SELECT FROM {CELL_DELTA}), EXISTS (SELECT FROM {FACET_DELTA})")
                cells_changed, facets_changed = cursor.fetchone()
                # A block that changed nothing the summaries count writes nothing.
                if cells_changed:
                    cursor.execute(summary.add_cells(f"SELECT * FROM {CELL_DELTA}"))
                    cursor.execute(summary.add_weeks(f"SELECT * FROM {CELL_DELTA}"))
                if facets_changed:
                    cursor.execute(facets.add_facets(f"SELECT * FROM {FACET_DELTA}"))
                cursor.execute(f"DROP TABLE {CELL_DELTA}, {FACET_DELTA}")
    if marked and connection.in_atomic_block:
        # Rolling back to this block's savepoint cleared the mark; the transaction around keeps it.
        transaction.set_rollback(True)
