"""What the tests of imports by COPY and of bulk loads share: CSV files read and written, and the database's
indexes and foreign keys to compare before and after."""

import csv
from pathlib import Path

from django.db import connection

LAYOUT_2020 = Path(__file__).resolve().parents[1] / "data" / "datasets" / "acled-2020.csv"


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames), list(reader)


def _write(path: Path, header: list[str], rows: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def index_definitions() -> list[str]:
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname")
        return [row[0] for row in cursor.fetchall()]


def foreign_key_definitions() -> list[tuple[str, str, str]]:
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE contype = 'f' AND connamespace = current_schema()::regnamespace ORDER BY 1, 2"
        )
        return cursor.fetchall()
