"""The import_acled tests' files, edited copies of them, running the command and counting what it wrote.

The ACLED rows are invented by the team (tests/data/datasets/README.md), never ACLED's data.
"""

import csv
import io
from contextlib import contextmanager
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.models import ArmedGroup, CasualtyClaim, ExternalName, Incident, Participation, Report, Source

DATA = Path(__file__).resolve().parents[1] / "data" / "datasets"
CURRENT = DATA / "acled-current.csv"
LAYOUT_2020 = DATA / "acled-2020.csv"
UCDP_SAMPLE = Path(__file__).resolve().parents[2] / "incidents" / "demo_data" / "ucdp-ged-iraq.csv"
MODELS = (Incident, Report, CasualtyClaim, Participation, ArmedGroup, ExternalName, Source)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@contextmanager
def no_writes():
    with CaptureQueriesContext(connection) as captured:
        yield
    writes = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].split(None, 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}
    ]
    assert writes == []


def read_rows(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict], **options) -> Path:
    with open(path, "w", encoding=options.pop("encoding", "utf-8"), newline="") as fh:
        writer = csv.DictWriter(fh, header, restval="", **options)
        writer.writeheader()
        writer.writerows(rows)
    return path


def edited(tmp_path: Path, name: str = "edited.csv", *, drop=(), **changes) -> Path:
    """The current-layout file with some cells changed: changes maps event id -> {column: value}."""
    header, rows = read_rows(CURRENT)
    for row in rows:
        row.update(changes.get(row["event_id_cnty"], {}))
    return write_rows(tmp_path / name, header, [row for row in rows if row["event_id_cnty"] not in drop])


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_acled", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()
