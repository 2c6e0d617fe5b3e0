"""Dataset imports on PostgreSQL write new rows by COPY (datasets.pgcopy, behind datasets.saving):
the database must end up exactly as the portable ORM path (SQLite's) leaves it.

Each scenario runs twice in one test, once per path, each inside a transaction rolled back after a
snapshot of everything an import writes, keyed by natural keys (database ids, public ids and
timestamps differ between runs by nature): incidents, reports, claims, participations, groups and
their dataset names, every historical row, the tolls and the map summaries. On SQLite both runs
take the ORM path, so the comparison holds trivially there; the PostgreSQL run is the one that
proves the COPY path (and checks that it was taken).
"""

import csv
import datetime
import gc
import io
import threading
import weakref
from pathlib import Path

import psycopg
import pytest
from django.db import IntegrityError, OperationalError, connection, transaction
from django.test.utils import CaptureQueriesContext

from benchmarks.data import write_acled_csv
from datasets import acled, cells, csvtable, importing, pgcopy, saving
from datasets.acled import import_acled
from datasets.csvtable import BadFile
from datasets.ucdp import import_ucdp
from incidents.models import ArmedGroup, CasualtyClaim, ExternalName, Incident, Participation, Report, Source
from maps import deferral
from maps.models import IncidentGroupKeys, MapCell, MapFacet, MapWeek
from tests import factories

pytestmark = pytest.mark.django_db

LAYOUT_2020 = Path(__file__).resolve().parents[1] / "data" / "datasets" / "acled-2020.csv"
UCDP_SAMPLE = Path(__file__).resolve().parents[2] / "incidents" / "demo_data" / "ucdp-ged-iraq.csv"
SKIPPED = {"id", "public_id", "created_at", "changed_at", "retrieved_at", "history_id", "history_date"}


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


SUMMED = {"lat_sum", "lng_sum"}


def _values(model, rows, keys: dict) -> list[tuple]:
    """Rows as sorted tuples of (column, value), foreign keys to imported rows by natural key."""
    out = []
    for row in rows:
        items = []
        for name, value in sorted(row.items()):
            if name in SKIPPED:
                continue
            if name in keys:
                value = keys[name].get(value, value)
            if name in SUMMED:
                # Sums of coordinates added in another order differ in the last bits.
                value = round(value, 6)
            items.append((name, value))
        out.append(tuple(items))
    return sorted(out, key=repr)


def _group_named(facet: str, groups: dict) -> str:
    """A group facet ("group:<id>:<side>") with the group's name for its id, which differs between runs."""
    kind, _, rest = facet.partition(":")
    if kind != "group":
        return facet
    group_id, _, side = rest.partition(":")
    return f"group:{groups[int(group_id)]}:{side}"


def _named_groups(rows, field: str, groups: dict) -> list[dict]:
    return [{**row, field: _group_named(row[field], groups)} for row in rows]


def snapshot(id_field: str) -> dict:
    incidents = dict(Incident.objects.values_list("id", id_field))
    reports = dict(Report.objects.values_list("id", "title"))
    groups = dict(ArmedGroup.objects.values_list("id", "name"))
    sources = dict(Source.objects.values_list("id", "name"))
    keys = {"incident_id": incidents, "report_id": reports, "group_id": groups, "source_id": sources}
    state = {
        "incident": _values(Incident, Incident.objects.values(), keys),
        "report": _values(Report, Report.objects.values(), keys),
        "claim": _values(CasualtyClaim, CasualtyClaim.objects.values(), keys),
        "participation": _values(Participation, Participation.objects.values(), keys),
        "group": sorted(ArmedGroup.objects.values_list("name", "kind")),
        "external name": sorted(ExternalName.objects.values_list("dataset", "value", "group__name")),
    }
    if connection.vendor == "postgresql":  # the summaries' tables and triggers are PostgreSQL's
        state["map cells"] = _values(MapCell, MapCell.objects.values(), {})
        state["map weeks"] = _values(MapWeek, MapWeek.objects.values(), {})
        state["map facets"] = _values(MapFacet, _named_groups(MapFacet.objects.values(), "facet", groups), {})
        state["group keys"] = sorted(
            (incidents[row.incident_id], sorted(_group_named(key, groups) for key in row.keys))
            for row in IncidentGroupKeys.objects.all()
        )
    for model in (Incident, Report, CasualtyClaim, Participation):
        history = model.history.model.objects.values()
        state[f"history of {model.__name__}"] = _values(model, history, keys)
        assert all(row["history_date"] is not None for row in model.history.model.objects.values("history_date"))
    # The public ids are new ones, unique, in the usual form.
    public_ids = list(Incident.objects.values_list("public_id", flat=True))
    assert len(set(public_ids)) == len(public_ids) and all(p.startswith("INC-") for p in public_ids)
    return state


def runs_alike(monkeypatch, scenario, id_field: str, module, setting: str, values: tuple) -> None:
    """The scenario run with `<module>.<setting>` at each value, each in a transaction rolled back:
    the same results and the same database after each."""
    states = []
    for value in values:
        monkeypatch.setattr(module, setting, value)
        with transaction.atomic():
            results = scenario()
            states.append((snapshot(id_field), results))
            transaction.set_rollback(True)
    (first_state, first_results), *others = states
    for state, results in others:
        assert results == first_results
        for key in first_state:
            assert state[key] == first_state[key], key
    assert first_state["incident"] and first_state["history of Incident"]


def both_paths(monkeypatch, scenario, id_field: str) -> None:
    copies = []
    real_create = pgcopy.create
    monkeypatch.setattr(pgcopy, "create", lambda *a, **k: copies.append(a[0]) or real_create(*a, **k))
    runs_alike(monkeypatch, scenario, id_field, saving, "copies", (saving.copies, lambda: False))
    assert bool(copies) == (connection.vendor == "postgresql")


def _counts(result) -> tuple:
    return (result.rows, result.new, result.updated, result.unchanged, result.rejected, result.written)


def test_acled_copy_writes_what_the_orm_writes(tmp_path, monkeypatch, staff_user):
    header, rows = _read(write_acled_csv(tmp_path / "generated.csv", 1_300))
    first = [dict(row) for row in rows[:1_200]]
    first[7]["event_date"] = "not a date"  # a reject
    first_path = _write(tmp_path / "first.csv", header, first)
    second = [dict(row) for row in rows]  # 100 new rows at the end
    for n in range(0, 1_200, 50):
        second[n]["fatalities"] = str(int(second[n]["fatalities"]) + 3)  # claims and toll change
    for n in range(10, 1_200, 97):
        second[n]["notes"] += " Corrected."  # summary and report change
    for n in range(20, 1_200, 101):
        second[n]["actor2"] = "Islamic State (Iraq)"  # participants and title change
    second[30]["location"] = "Somewhere else"
    second_path = _write(tmp_path / "second.csv", header, second)
    dry = [dict(row, fatalities="99") for row in rows[:40]]
    dry_path = _write(tmp_path / "dry.csv", header, dry)

    def scenario():
        results = [_counts(import_acled(first_path, skip_invalid=True, user=staff_user, batch_size=500))]
        # Staff work the import must keep and count in the toll.
        strike = Incident.objects.get(acled_event_id=rows[50]["event_id_cnty"])
        police = factories.report(source=factories.source(name="Police"), title="Police statement")
        factories.claim(strike, report=police, claimant="Iraqi police", killed_min=40, killed_max=40)
        results.append(_counts(import_acled(second_path, skip_invalid=True, user=staff_user, batch_size=500)))
        results.append(_counts(import_acled(second_path, user=staff_user)))
        results.append(_counts(import_acled(dry_path, dry_run=True, user=staff_user)))
        return results

    both_paths(monkeypatch, scenario, "acled_event_id")


def test_ucdp_copy_writes_what_the_orm_writes(tmp_path, monkeypatch):
    header, rows = _read(UCDP_SAMPLE)
    rows = [row for row in rows if not any((value or "").startswith("#") for value in row.values())][:400]
    first_path = _write(tmp_path / "first.csv", header, rows[:350])
    second = [dict(row) for row in rows]
    for n in range(0, 350, 40):
        for column in ("best", "high"):
            second[n][column] = str(int(second[n][column] or 0) + 2)
    for n in range(5, 350, 60):
        second[n]["side_b"] = "Islamic State"
    second_path = _write(tmp_path / "second.csv", header, second)
    assert datetime.date.fromisoformat(rows[0]["date_start"][:10])  # the layout this test edits

    def scenario():
        results = [_counts(import_ucdp(first_path, batch_size=150))]
        results.append(_counts(import_ucdp(second_path)))
        results.append(_counts(import_ucdp(second_path)))
        return results

    both_paths(monkeypatch, scenario, "ucdp_id")


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


def test_a_bulk_load_writes_what_keeping_the_indexes_up_writes(tmp_path, monkeypatch, staff_user):
    header, rows = _read(write_acled_csv(tmp_path / "generated.csv", 1_300))
    first = [dict(row) for row in rows[:1_200]]
    first[900]["event_date"] = "not a date"  # a reject after the bulk load began
    first_path = _write(tmp_path / "first.csv", header, first)
    second = [dict(row) for row in rows]
    for n in range(0, 1_200, 50):
        second[n]["fatalities"] = str(int(second[n]["fatalities"]) + 3)
    second_path = _write(tmp_path / "second.csv", header, second)
    indexes, keys = index_definitions(), foreign_key_definitions()
    loads = []

    def scenario():
        results = []
        for path in (first_path, second_path):
            result = import_acled(path, skip_invalid=True, user=staff_user, batch_size=500)
            # Every index and foreign key is back, as it was, in the same transaction.
            assert index_definitions() == indexes
            assert foreign_key_definitions() == keys
            loads.append(result.bulk_load)
            results.append(_counts(result))
        return results

    runs_alike(monkeypatch, scenario, "acled_event_id", importing, "BULK_LOAD_ROWS", (1_000, 10**9))
    # Only the first import is a bulk load (the second reads what the first stored), and only
    # where it was allowed to be, on the COPY path.
    assert loads == [connection.vendor == "postgresql", False, False, False]


def test_a_bulk_load_that_fails_leaves_every_index_and_no_row(tmp_path, monkeypatch):
    header, rows = _read(write_acled_csv(tmp_path / "generated.csv", 1_200))
    path = _write(tmp_path / "many.csv", header, rows)
    with open(path, "a", encoding="utf-8", newline="") as fh:
        fh.write(LAYOUT_2020.read_text(encoding="utf-8").splitlines()[1] + "\n")  # a row in another layout
    monkeypatch.setattr(importing, "BULK_LOAD_ROWS", 1_000)
    set_aside = []
    real = pgcopy.indexes_set_aside
    monkeypatch.setattr(pgcopy, "indexes_set_aside", lambda tables: set_aside.append(tables) or real(tables))
    indexes, keys = index_definitions(), foreign_key_definitions()

    with pytest.raises(BadFile, match="layout"):
        import_acled(path, batch_size=500)

    assert index_definitions() == indexes
    assert foreign_key_definitions() == keys
    assert Incident.objects.count() == 0
    assert len(set_aside) == (connection.vendor == "postgresql")
    if set_aside:  # every table the load fills, the participations too (their unique index stays)
        assert set(set_aside[0]) == set(pgcopy.tables_and_histories(list(saving.COPIED)))


def test_a_bulk_load_with_a_rejected_row_builds_nothing_before_its_rollback(tmp_path, monkeypatch):
    header, rows = _read(write_acled_csv(tmp_path / "generated.csv", 1_200))
    rows[1_100]["event_date"] = "not a date"  # after the bulk load began; no --skip-invalid
    path = _write(tmp_path / "rejected.csv", header, rows)
    monkeypatch.setattr(importing, "BULK_LOAD_ROWS", 1_000)
    indexes, keys = index_definitions(), foreign_key_definitions()

    with CaptureQueriesContext(connection) as queries:
        result = import_acled(path, batch_size=500)

    assert (result.rejected, result.written, result.new) == (1, False, 1_199)
    assert result.bulk_load == (connection.vendor == "postgresql")
    statements = [query["sql"] for query in queries.captured_queries]
    if result.bulk_load:
        assert any(sql.startswith("DROP INDEX") for sql in statements)
        assert any("DROP CONSTRAINT" in sql for sql in statements)
    # Nothing set aside is built again, and no summary summed, only to be rolled back.
    assert not [sql for sql in statements if sql.startswith("CREATE INDEX") or "ADD CONSTRAINT" in sql]
    assert not [sql for sql in statements if "INSERT INTO incidents_map" in sql]
    assert index_definitions() == indexes
    assert foreign_key_definitions() == keys
    assert Incident.objects.count() == 0
    if connection.vendor == "postgresql":  # the summaries' tables are PostgreSQL's
        assert not MapCell.objects.exists() and not MapWeek.objects.exists() and not MapFacet.objects.exists()


if connection.vendor == "postgresql":

    @pytest.mark.parametrize("chosen", ["a run of ids", "ids apart", "a run with a repeat"])
    def test_history_rows_are_copied_from_the_stored_rows_of_the_ids_given(chosen, staff_user):
        incidents = [factories.incident(title=f"Held {n}") for n in range(6)]
        ids = sorted(incident.pk for incident in incidents)
        picked = {"a run of ids": ids[1:5], "ids apart": [ids[0], ids[2], ids[5]], "a run with a repeat": ids[1:3] * 2}
        wanted = sorted(set(picked[chosen]))
        Incident.history.all().delete()
        Incident.objects.filter(pk__in=wanted).update(title="Stored")

        with CaptureQueriesContext(connection) as queries:
            pgcopy.write_history(Incident, picked[chosen], "+", user=staff_user, reason="import")

        (insert,) = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT")]
        assert ("BETWEEN" in insert) == (chosen == "a run of ids")

        rows = list(Incident.history.order_by("id").values_list("id", "title", "history_type", "history_user"))
        assert rows == [(pk, "Stored", "+", staff_user.pk) for pk in wanted]

    def test_checks_made_for_a_block_leave_each_constraint_to_its_own_timing_after_it():
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE checked (id int PRIMARY KEY,"
                " up int REFERENCES checked (id) DEFERRABLE INITIALLY IMMEDIATE,"
                " later int REFERENCES checked (id) DEFERRABLE INITIALLY DEFERRED)"
            )
            with pgcopy._checks_made():
                pass
            # Still checked at once: ALL DEFERRED would have put this one off to the commit.
            with pytest.raises(IntegrityError), transaction.atomic():
                cursor.execute("INSERT INTO checked VALUES (1, 99, NULL)")
            # Still checked at the end: this one passes now and fails when the checks are made.
            cursor.execute("INSERT INTO checked VALUES (2, NULL, 98)")
            with pytest.raises(IntegrityError), transaction.atomic():
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("DELETE FROM checked")
            # And Django's own keys are deferred again.
            incident = factories.incident()
            cursor.execute("UPDATE incidents_incident SET country_id = -1 WHERE id = %s", [incident.pk])
            with pytest.raises(IntegrityError), transaction.atomic():
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                "UPDATE incidents_incident SET country_id = %s WHERE id = %s", [incident.country_id, incident.pk]
            )

    def test_checks_made_give_back_deferred_constraints_of_every_schema():
        with connection.cursor() as cursor:
            cursor.execute('CREATE SCHEMA "Elsewhere"')  # not on the search path, and not lower case
            cursor.execute(
                'CREATE TABLE "Elsewhere".held (id int PRIMARY KEY,'
                ' later int REFERENCES "Elsewhere".held (id) DEFERRABLE INITIALLY DEFERRED)'
            )
            with pgcopy._checks_made():
                pass
            cursor.execute('INSERT INTO "Elsewhere".held VALUES (1, 97)')  # put off to the commit again
            cursor.execute('DELETE FROM "Elsewhere".held')

    def test_indexes_are_not_set_aside_outside_a_transaction(transactional_db):
        before = index_definitions()
        with pytest.raises(transaction.TransactionManagementError), pgcopy.indexes_set_aside(["incidents_report"]):
            pass
        assert index_definitions() == before

    def test_a_deferred_block_marked_for_rollback_leaves_the_mark_on_the_transaction_around():
        with transaction.atomic():
            with deferral.deferred():
                factories.incident()
                transaction.set_rollback(True)
            # Rolling back to the block's own savepoint cleared its mark; this one keeps it.
            assert transaction.get_rollback()
        assert not Incident.objects.exists()
        assert not MapCell.objects.exists()

    def test_foreign_keys_set_aside_come_back_and_check_every_row_then(monkeypatch):
        incident = factories.incident()
        group = factories.group()
        participations = Participation._meta.db_table
        keys = foreign_key_definitions()
        kept = [key for key in keys if key[0] == participations and "incidents_incident" in key[2]]
        assert len(kept) == 1

        def participation(incident_id, group_id):
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {participations} (incident_id, group_id, role, attribution, note)"  # noqa: S608
                    " VALUES (%s, %s, 'perpetrator', 'attributed', '')",
                    [incident_id, group_id],
                )

        with transaction.atomic():
            with pgcopy.foreign_keys_set_aside([participations], ["incidents_incident"]):
                # Only the key to the table kept referenced is left while the block runs.
                assert [key for key in foreign_key_definitions() if key[0] == participations] == kept
                participation(incident.pk, group.pk)
            assert foreign_key_definitions() == keys
        assert Participation.objects.filter(incident=incident, group=group).exists()

        # A row whose key refers to nothing fails the adding of the key, and the block's work is undone.
        with (
            pytest.raises(IntegrityError, match="group_id"),
            transaction.atomic(),
            pgcopy.foreign_keys_set_aside([participations], ["incidents_incident"]),
        ):
            participation(incident.pk, group.pk + 1000)
        assert foreign_key_definitions() == keys
        assert Participation.objects.filter(incident=incident).count() == 1

    def test_ids_are_reserved_as_one_range_while_no_one_else_can_write_the_table():
        incidents = Incident._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT confrelid::regclass::text FROM pg_constraint WHERE conrelid = %s::regclass",
                [incidents],
            )
            referred = [row[0] for row in cursor.fetchall()]
        before = pgcopy.reserve_ids(Incident, 2)
        # Every key kept: the table is held by the lock alone.
        with transaction.atomic(), pgcopy.foreign_keys_set_aside([incidents], referred):
            # Another connection cannot write the table meanwhile: it waits for the transaction.
            with psycopg.connect(**connection.get_connection_params()) as other:
                other.execute("SET lock_timeout = '200ms'")
                with pytest.raises(psycopg.errors.LockNotAvailable):
                    other.execute(f"INSERT INTO {incidents} (title) VALUES ('x')")  # noqa: S608
            with CaptureQueriesContext(connection) as queries:
                held = pgcopy.reserve_ids(Incident, 1_000)
            # Another thread's import (its own connection, not holding the table) waits for the
            # table before it draws ids one by one: none can fall inside the range.
            elsewhere = []

            def draw():
                from django.db import connection as its_connection

                try:
                    with transaction.atomic(), its_connection.cursor() as cursor:
                        cursor.execute("SET LOCAL lock_timeout = '200ms'")
                        with CaptureQueriesContext(its_connection) as its_queries:
                            try:
                                pgcopy.reserve_ids(Incident, 3)
                            except OperationalError:
                                elsewhere.append("waited")
                        elsewhere.extend(q["sql"].split(" IN ")[0] for q in its_queries.captured_queries)
                finally:
                    its_connection.close()

            thread = threading.Thread(target=draw)
            thread.start()
            thread.join()
            assert elsewhere == ["waited", 'LOCK TABLE "incidents_incident"']
        assert [q["sql"].split("(")[0] for q in queries.captured_queries] == ["SELECT setval"]
        after = pgcopy.reserve_ids(Incident, 2)
        assert held == list(range(before[-1] + 1, before[-1] + 1_001))
        assert after[0] == held[-1] + 1


def test_an_import_smaller_than_the_table_keeps_its_indexes_up(tmp_path, monkeypatch):
    header, rows = _read(write_acled_csv(tmp_path / "generated.csv", 1_200))
    path = _write(tmp_path / "first.csv", header, rows)
    monkeypatch.setattr(importing, "BULK_LOAD_ROWS", 1_000)
    Incident.objects.bulk_create(
        Incident(title=f"Held {n}", start_date=datetime.date(2020, 1, 1)) for n in range(1_300)
    )

    result = import_acled(path, batch_size=500)

    assert (result.new, result.bulk_load) == (1_200, False)


def test_the_command_says_when_an_import_was_a_bulk_load(tmp_path, monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    header, rows = _read(write_acled_csv(tmp_path / "generated.csv", 600))
    path = _write(tmp_path / "first.csv", header, rows)
    # The rows to come are reckoned from the bytes the first batch took.
    monkeypatch.setattr(importing, "BULK_LOAD_ROWS", 300)
    monkeypatch.setattr(importing, "COPY_BATCH_SIZE", 100)
    out = StringIO()
    call_command("import_acled", str(path), stdout=out)
    assert ("A bulk load" in out.getvalue()) == (connection.vendor == "postgresql")
    assert Incident.objects.count() == 600


def test_planned_rows_are_the_instances_the_models_make(staff_user):
    from django.db.models.signals import post_init, pre_init

    assert not pre_init.receivers and not post_init.receivers  # pgcopy.new sends neither
    source = factories.source(name="ACLED")
    group = factories.group(name="Islamic State")
    incident = pgcopy.new(Incident, title="t", start_date=datetime.date(2024, 1, 2), created_by=staff_user)
    report = Report(source=source, title="r", published_on=datetime.date(2024, 1, 3), ingested_by=None)
    cases = [
        (Incident, {"title": "t", "start_date": datetime.date(2024, 1, 2), "created_by": staff_user, "country_id": 1}),
        (Report, {"source": source, "title": "r", "published_on": datetime.date(2024, 1, 3), "ingested_by": None}),
        (CasualtyClaim, {"incident": incident, "report": report, "group": group, "category": "all", "killed_min": 2}),
        (CasualtyClaim, {"incident_id": 5, "report_id": 7, "group": None, "claimant": "ACLED"}),
        (Participation, {"incident": incident, "group": group, "role": "target", "report": report}),
    ]
    for model, fields in cases:
        fast, made = pgcopy.new(model, **fields), model(**fields)
        fast_values, made_values = dict(fast.__dict__), dict(made.__dict__)
        for values in (fast_values, made_values):
            values.pop("_state")
            if model is Incident:
                assert values.pop("public_id").startswith("INC-")
        assert fast_values == made_values
        assert fast._state.adding and fast._state.db is None
        assert fast._state.fields_cache == made._state.fields_cache
    assert pgcopy.new(Incident).means == [] and pgcopy.new(Incident).means is not pgcopy.new(Incident).means


def test_a_value_given_for_a_field_with_a_callable_default_is_taken_without_calling_it(monkeypatch):
    field = Incident._meta.get_field("public_id")
    calls = []
    default = lambda: calls.append(1) or "INC-DEFAULT0"  # noqa: E731
    monkeypatch.setattr(field, "default", default)
    # Model.__init__ reads a cached copy of the default (Field._get_default), which the patch
    # must neither miss nor leave behind for later tests.
    monkeypatch.setitem(field.__dict__, "_get_default", default)
    monkeypatch.setattr(pgcopy, "_BLUEPRINTS", {})
    assert pgcopy.new(Incident, public_id="INC-GIVEN000").public_id == "INC-GIVEN000"
    calls.clear()  # the blueprint's own sample instance called it once
    assert pgcopy.new(Incident, public_id="INC-GIVEN001").public_id == "INC-GIVEN001"
    assert calls == []
    assert pgcopy.new(Incident).public_id == "INC-DEFAULT0"
    assert calls == [1]


def test_the_collector_is_paused_for_an_import_and_cycles_are_still_freed_each_batch():
    class Node:
        pass

    assert gc.isenabled()
    with importing.collector_paused():
        with importing.collector_paused():  # a second import at once
            assert not gc.isenabled()
            assert gc.get_freeze_count() > 0
            node = Node()
            node.itself = node  # a cycle: only the collector frees it
            gone = weakref.ref(node)
            del node
            assert gone() is not None
            importing.collect_batch()
            assert gone() is None
        assert not gc.isenabled()  # the first import still runs
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0

    gc.disable()
    try:
        with importing.collector_paused():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()

    # What someone else froze stays frozen.
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with importing.collector_paused():
            assert not gc.isenabled()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_an_import_collects_after_every_batch_and_restores_the_collector_even_when_it_fails(tmp_path, monkeypatch):
    header, rows = _read(write_acled_csv(tmp_path / "generated.csv", 1_200))
    path = _write(tmp_path / "many.csv", header, rows)
    collected = []
    real = importing.collect_batch
    monkeypatch.setattr(importing, "collect_batch", lambda: collected.append(gc.isenabled()) or real())

    result = import_acled(path, batch_size=500)

    assert result.new == 1_200
    assert collected == [False, False]  # after each full batch, with the collector paused
    assert gc.isenabled() and gc.get_freeze_count() == 0
    with open(path, "a", encoding="utf-8", newline="") as fh:
        fh.write(LAYOUT_2020.read_text(encoding="utf-8").splitlines()[1] + "\n")  # a row in another layout
    with pytest.raises(BadFile):
        import_acled(path, batch_size=500)
    assert gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.parametrize(
    "model, read_by",
    [
        (Incident, set()),
        (Report, set()),
        (CasualtyClaim, {("incident_id",)}),  # an incident's timeline lists its claims' changes
        (Participation, {("incident_id",)}),
    ],
)
def test_history_tables_index_only_what_history_is_read_by(model, read_by):
    """Every history row an import writes keeps up each index of its table: those are the ones
    history is read by (a record's versions by id and date, the user who made them)."""
    table = model.history.model._meta.db_table
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    indexed = {tuple(c["columns"]) for c in constraints.values() if c["index"] and not c["primary_key"]}
    assert indexed == {("id",), ("history_date",), ("history_user_id",)} | read_by


def test_rows_come_with_the_bytes_read_up_to_them(tmp_path):
    path = write_acled_csv(tmp_path / "generated.csv", 1_000)
    table = csvtable.CsvTable(path, acled.SPEC.columns)
    rows = list(table.rows())
    assert len(rows) == 1_000
    offsets = [row.offset for row in rows]
    size = path.stat().st_size
    # Counted as the file is read, in the buffer's steps (8 KiB): a few dozen rows each.
    assert offsets == sorted(offsets) and offsets[0] > 0 and offsets[-1] == table.bytes_read == size
    assert len(set(offsets)) >= size // io.DEFAULT_BUFFER_SIZE
    # Row 500's offset is past its start, and at most the two buffers (bytes, then text) ahead.
    start = path.read_bytes().index(("\n" + rows[500].raw[0] + ",").encode())
    assert start < offsets[500] <= start + 3 * io.DEFAULT_BUFFER_SIZE


def test_progress_counts_rows_and_ends_at_the_whole_file(tmp_path):
    path = write_acled_csv(tmp_path / "generated.csv", 1_000)
    calls = []
    outcome = import_acled(path, batch_size=100, progress=lambda *call: calls.append(call))
    assert outcome.new == 1_000
    # The last batch's count, then the end, unless the last batch ended the file.
    assert [rows for rows, _, _ in calls] in ([*range(100, 1_001, 100)], [*range(100, 1_001, 100), 1_000])
    assert calls[-1][1:] == (path.stat().st_size,) * 2
    assert len(set(calls)) == len(calls)
    size = path.stat().st_size
    assert {total for _, _, total in calls} == {size}
    done = [read for _, read, _ in calls]
    assert done == sorted(done) and done[0] > 0 and done[-1] == size
    # Each count is how far the file was read at that row: a few buffers past it, no more, however
    # far ahead the reader thread is by then.
    text = path.read_bytes()
    _, rows = _read(path)
    for (count, read, _), row in zip(calls, rows[99::100], strict=False):
        start = text.index(("\n" + row["event_id_cnty"] + ",").encode())
        assert start < read <= start + 3 * io.DEFAULT_BUFFER_SIZE, count


def _strptime_date(text: str, fmt: str):
    try:
        return datetime.datetime.strptime(text, fmt).date()
    except ValueError:
        return None


@pytest.mark.parametrize(
    "text",
    [
        "2020-05-31",
        "1900-01-01",
        "2024-02-29",
        "2023-02-29",  # no such day
        "2020-13-01",
        "0000-01-01",
        "2020-5-31",  # strptime takes one digit
        "2020-05-3",
        "20200531",  # fromisoformat alone would take these three
        "2020-W22-1",
        "2020-05-31T10:00",
        " 2020-05-31",
        "2020-05-31 ",
        "٢٠٢٠-٠٥-٣١",  # other digits: strptime's to judge
        "",
    ],
)
def test_iso_dates_are_read_as_strptime_reads_them(text):
    assert cells.read_date(text, ("%Y-%m-%d",)) == _strptime_date(text, "%Y-%m-%d")
    # and a format after it is still tried when it does not match
    assert cells.read_date(text, ("%Y-%m-%d", "%Y%m%d")) == (
        _strptime_date(text, "%Y-%m-%d") or _strptime_date(text, "%Y%m%d")
    )
