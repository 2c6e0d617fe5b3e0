"""The least time PostgreSQL needs for the rows an import wrote, whatever the importer.

An import of dataset rows ends with rows in the incident, report, claim and participation tables
and their history tables, and with every index of those tables built. `measure()` times only
that, on the database the import filled and in a transaction it rolls back:

- each table's rows (but the generated columns, which PostgreSQL computes) are read into memory,
  then written with one COPY into a bare copy of the table: same columns, defaults and generated
  columns, and no index, key, constraint or trigger;
- then each of the table's indexes, primary key included, is built on that copy.

No importer writing these rows with these indexes can take less on the same machine: the floor
leaves out parsing the file, the triggers, the foreign-key checks, the map's summaries and the
planner's statistics. Its rows per second is therefore the fastest import this schema allows here
(docs/benchmarks.md, "The import floor").
"""

import re
import time

from django.db import connection, transaction
from psycopg import sql

from datasets import pgcopy
from datasets.saving import COPIED


def tables() -> list[str]:
    """The tables an import writes (datasets.saving.COPIED and their histories)."""
    return pgcopy.tables_and_histories(list(COPIED))


def _written_columns(cursor, table: str) -> list[str]:
    cursor.execute(
        """
        SELECT attname FROM pg_attribute
        WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
        ORDER BY attnum
        """,
        [table],
    )
    return [name for (name,) in cursor.fetchall()]


def _indexes(cursor, table: str) -> list[tuple[str, str]]:
    cursor.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index AS i WHERE i.indrelid = %s::regclass ORDER BY 1
        """,
        [table],
    )
    return cursor.fetchall()


def on_copy(definition: str, table: str, copy: str, name: str) -> str:
    """An index definition (pg_get_indexdef) rewritten to build the same index, named `name`, on `copy`."""
    pattern = rf"^(CREATE (?:UNIQUE )?INDEX) \S+ (ON (?:ONLY )?)(?:public\.)?{re.escape(table)} (USING .*)$"
    rewritten, found = re.subn(pattern, lambda m: f"{m[1]} {name} {m[2]}{copy} {m[3]}", definition)
    if not found:
        raise ValueError(f"unexpected index definition: {definition}")
    return rewritten


def _copy_in(cursor, table: str, columns: list[str], payload: bytes) -> None:
    names = sql.SQL(", ").join(map(sql.Identifier, columns))
    with cursor.copy(sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table), names)) as copy:
        step = 1 << 20
        for start in range(0, len(payload), step):
            copy.write(payload[start : start + step])


def _copy_out(cursor, table: str, columns: list[str]) -> bytes:
    names = sql.SQL(", ").join(map(sql.Identifier, columns))
    chunks = []
    with cursor.copy(sql.SQL("COPY {} ({}) TO STDOUT").format(sql.Identifier(table), names)) as copy:
        for chunk in copy:
            chunks.append(bytes(chunk))
    return b"".join(chunks)


def measure(rows: int) -> dict:
    """The floor of writing the import's tables as they now stand: seconds per table (COPY, each
    index), in all, and the rows per second that leaves for an import of `rows` rows."""
    result = {"tables": {}, "copy": 0.0, "indexes": 0.0}
    with transaction.atomic(), connection.cursor() as cursor:
        for number, table in enumerate(tables()):
            columns = _written_columns(cursor, table)
            payload = _copy_out(cursor, table, columns)
            copy = f"floor_{number}"
            cursor.execute(
                sql.SQL("CREATE TABLE {} (LIKE {} INCLUDING DEFAULTS INCLUDING GENERATED)").format(
                    sql.Identifier(copy), sql.Identifier(table)
                )
            )
            started = time.perf_counter()
            _copy_in(cursor, copy, columns, payload)
            copied = time.perf_counter() - started
            cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(copy)))
            (count,) = cursor.fetchone()
            built = {}
            for position, (name, definition) in enumerate(_indexes(cursor, table)):
                started = time.perf_counter()
                cursor.execute(on_copy(definition, table, copy, f"{copy}_{position}"))
                built[name] = time.perf_counter() - started
            result["tables"][table] = {"rows": count, "bytes": len(payload), "copy": copied, "indexes": built}
            result["copy"] += copied
            result["indexes"] += sum(built.values())
        transaction.set_rollback(True)
    result["seconds"] = result["copy"] + result["indexes"]
    result["rows"] = rows
    result["rows_per_second"] = rows / result["seconds"] if result["seconds"] else None
    return result
