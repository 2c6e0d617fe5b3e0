"""Bulk loads: the indexes and foreign keys an import sets aside and builds again, or keeps up; a failure leaves all."""

import datetime
import threading

import psycopg
import pytest
from django.db import IntegrityError, OperationalError, connection, transaction
from django.test.utils import CaptureQueriesContext

from benchmarks.data import write_acled_csv
from datasets import importing, pgcopy, saving
from datasets.acled import import_acled
from datasets.csvtable import BadFile
from incidents.models import CasualtyClaim, Incident, Participation, Report
from maps import deferral
from maps.models import MapCell, MapFacet, MapWeek
from tests import factories
from tests.datasets.copy_checks import LAYOUT_2020, _read, _write, foreign_key_definitions, index_definitions

pytestmark = pytest.mark.django_db


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
