"""Importing a dataset file (ACLED, UCDP GED): read, checked row by row, written in batches, all in
one transaction (`run_import`).

The rows are read and made into records (datasets.acled, datasets.ucdp), planned and written by
datasets.writer; what happened comes back as an ImportResult (datasets.records). Two measures
kept for what they gain (docs/benchmarks.md, "Imports"): a first large import on PostgreSQL is a
bulk load (BULK_LOAD_ROWS), and Python's garbage collector is paused while an import runs
(`collector_paused`).
"""

import gc
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack, contextmanager
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from datasets import pgcopy, saving
from datasets.cells import cell
from datasets.csvtable import BadFile, CsvTable, ImportErrors, Problem, RejectReasons, RejectsWriter
from datasets.keeping import kept_values
from datasets.layouts import confused_with
from datasets.places import GeoLookups
from datasets.records import KEEP, DatasetSpec, EventRecord, ImportResult
from datasets.writer import BATCH_SIZE, Writer
from incidents.cache import data_changed
from incidents.models import Incident
from incidents.models.choices import Status
from maps import deferral
from maps.models import MapCell, MapFacet, MapWeek

# Rows per batch on the COPY path: each batch's statements fire the summary triggers once (which,
# the summaries being deferred, only set their rows aside) and the group-key refresh once.
COPY_BATCH_SIZE = 10_000
# An import that wrote this many new incidents refreshes the planner's statistics of the tables
# it wrote (as autovacuum would, later), so the queries that follow plan for their new size.
ANALYZE_AFTER = 5_000
# A first import of a dataset (on the COPY path) expected to bring at least this many rows, and
# at least as many as the incident table holds, is a bulk load: the secondary indexes of the
# tables it fills are dropped for it and built once at its end (pgcopy.indexes_set_aside), and
# their foreign keys checked once at its end by adding them again (pgcopy.foreign_keys_set_aside),
# which costs less than keeping them up row by row; meanwhile those tables, and those their keys
# refer to (but the users), are locked against readers.
BULK_LOAD_ROWS = 20_000


def default_rejects_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.rejects.csv")


def run_import(
    spec: DatasetSpec,
    path: str | Path,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    complete: bool = False,
    status: str = Status.PUBLISHED,
    rejects_path: str | Path | None = None,
    user=None,
    progress: Callable[[int, int, int], None] | None = None,
    file_name: str = "",
    batch_size: int | None = None,
    give_up_after: int = 0,
) -> ImportResult:
    """Import a dataset file in one transaction. Raises BadFile when the file cannot be read as
    the dataset at all; otherwise returns what happened. With a rejected row and no
    `skip_invalid`, or with `dry_run`, everything is rolled back. With `give_up_after`, reading
    stops once that many rows have been read and every one was rejected (`result.gave_up`)."""
    started = time.monotonic()
    path = Path(path)
    table = CsvTable(path, spec.columns, confused_with(spec.columns))
    result = ImportResult(
        dataset=spec.columns.label,
        file_name=file_name or path.name,
        layout=table.layout.name,
        encoding=table.encoding,
        dry_run=dry_run,
        complete=complete,
        ignored_columns=table.ignored_columns,
    )
    if skip_invalid and rejects_path is None:
        rejects_path = default_rejects_path(path)
    rejects = RejectsWriter(Path(rejects_path) if rejects_path else None, table.header)
    seen: dict[str, int] = {}
    countries: set[int] = set()
    reasons = RejectReasons()
    try:
        with transaction.atomic():
            # The map summaries take the whole file at the end, not each batch (maps.deferral).
            with deferral.deferred(), collector_paused(), ExitStack() as bulk_load:
                writer = Writer(spec, result, status=status, user=user, writing=not dry_run)
                batch_size = batch_size or (COPY_BATCH_SIZE if writer.copy else BATCH_SIZE)
                batch: list[EventRecord] = []
                first_batch = True
                reported = None
                for row, errors, record in _parse(spec, table, writer.geo, seen):
                    result.rows += 1
                    _keep(result, errors.warnings)
                    if record is None:
                        result.rejected += 1
                        result.rejects += errors.problems[: max(0, KEEP - len(result.rejects))]
                        rejects.write(row, errors.problems)
                        writer.writing = writer.writing and skip_invalid
                        if result.rows <= max(give_up_after, KEEP):
                            reasons.add(errors.problems)
                        if result.rows == result.rejected == give_up_after:
                            result.gave_up = True
                            break
                        continue
                    countries.add(record.fields["country_id"])
                    batch.append(record)
                    if len(batch) >= batch_size:
                        if first_batch and _bulk_load(writer, table.total_bytes / max(row.offset, 1) * result.rows):
                            bulk_load.enter_context(
                                pgcopy.foreign_keys_set_aside(
                                    pgcopy.tables_and_histories(saving.COPIED), [get_user_model()._meta.db_table]
                                )
                            )
                            bulk_load.enter_context(pgcopy.indexes_set_aside(_bulk_load_tables()))
                            result.bulk_load = True
                        first_batch = False
                        writer.process(batch)
                        batch = []
                        collect_batch()
                    if progress and result.rows % batch_size == 0:
                        # How far the file had been read at this row.
                        progress(result.rows, row.offset, table.total_bytes)
                        reported = (result.rows, row.offset)
                writer.process(batch)
                if progress and reported != (result.rows, table.total_bytes):
                    progress(result.rows, table.total_bytes, table.total_bytes)
                if result.rows == 0:
                    raise BadFile("The file has a header row but no data rows.")
                if complete:
                    result.missing = writer.missing_upstream(seen, countries)
                result.new_groups = [group.name for group in writer.actors.new_groups]
                result.written = not dry_run and (skip_invalid or not result.rejected)
                if not result.written:
                    # Marked now, so that what the block set aside (indexes, keys) or put off (the
                    # summaries) is not built for nothing on its way out. The block's last
                    # statement: Django runs no query in a transaction marked for rollback.
                    transaction.set_rollback(True)
            if result.written:
                # Bulk writes send no model signals: say so for the cached map answers.
                data_changed()
                if writer.copy and result.new >= ANALYZE_AFTER:
                    pgcopy.analyze([*saving.COPIED, MapCell, MapWeek, MapFacet])
            else:
                transaction.set_rollback(True)
    except BadFile:
        rejects.discard()
        raise
    finally:
        rejects.close()
    if rejects.count:
        result.rejects_path = str(rejects.path)
    result.reasons = reasons.most_common()
    result.seconds = time.monotonic() - started
    return result


class _Collector:
    lock = threading.Lock()
    pauses = 0
    was_enabled = True
    freezes = True


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector held off while an import plans and writes: an import
    makes half a million model instances per 100,000 rows, and each collection the allocations set
    off walks every object the process holds (Django's, the governorates' shapes, the batch's),
    which took a sixth of a large import's time. What was there before is frozen (left out of
    collections) and the caller collects after each batch (`collect_batch`), so cycles made by a
    batch are still freed. For the whole process while any import runs; the last to end restores it."""
    with _Collector.lock:
        _Collector.pauses += 1
        if _Collector.pauses == 1:
            _Collector.was_enabled = gc.isenabled()
            # Objects frozen by someone else (a server freezing what it preloaded) stay frozen:
            # then nothing is frozen or unfrozen here.
            _Collector.freezes = gc.get_freeze_count() == 0
            gc.disable()
            if _Collector.freezes:
                gc.freeze()
    try:
        yield
    finally:
        with _Collector.lock:
            _Collector.pauses -= 1
            if _Collector.pauses == 0:
                if _Collector.freezes:
                    gc.unfreeze()
                if _Collector.was_enabled:
                    gc.enable()


def collect_batch() -> None:
    """The cycles among the objects made since the collector was paused, freed: those made since
    the last batch (the youngest generation) and those that outlived an earlier batch (the middle
    one: records read ahead, the writer's caches), never what was frozen."""
    gc.collect(1)


def _bulk_load_tables() -> list[str]:
    """The tables whose indexes a bulk load sets aside: those it fills and their histories. The
    participations' unique index (incident, group, role) stays, like every unique one, and finds
    each batch's groups for the map's group keys (maps.facets)."""
    return pgcopy.tables_and_histories(saving.COPIED)


def _bulk_load(writer: Writer, expected_rows: float) -> bool:
    """Whether an import expected to bring `expected_rows` rows is a bulk load (BULK_LOAD_ROWS)."""
    if not (writer.copy and writer.writing and writer.first_import):
        return False
    return expected_rows >= BULK_LOAD_ROWS and expected_rows >= Incident.objects.count()


def _parse(spec: DatasetSpec, table: CsvTable, geo: GeoLookups, seen: dict[str, int]):
    """Each row with its problems and its record (None when rejected)."""
    for row in table.rows():
        errors = ImportErrors(row.line)
        errors.problems += row.problems
        external_id = cell(row.values, spec.id_column)
        if external_id in seen:
            errors.add(spec.id_column, f"repeats event {external_id} of line {seen[external_id]}")
        elif external_id:
            seen[external_id] = row.line
        record = None if errors else spec.build(row, geo, errors)
        if errors or record is None:
            table.check_layout(row)
            record = None
        else:
            record.kept = kept_values(row.values)
        yield row, errors, record


def _keep(result: ImportResult, warnings: list[Problem]) -> None:
    result.warning_count += len(warnings)
    result.warnings += warnings[: max(0, KEEP - len(result.warnings))]
