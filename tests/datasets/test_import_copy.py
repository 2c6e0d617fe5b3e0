"""Dataset imports on PostgreSQL write new rows by COPY (datasets.pgcopy, behind datasets.saving):
the database must end up exactly as the portable ORM path (SQLite's) leaves it.

Each scenario runs twice in one test, once per path, each inside a transaction rolled back after a
snapshot of everything an import writes, keyed by natural keys (database ids, public ids and
timestamps differ between runs by nature): incidents, reports, claims, participations, groups and
their dataset names, every historical row, the tolls and the map summaries. On SQLite both runs
take the ORM path, so the comparison holds trivially there; the PostgreSQL run is the one that
proves the COPY path (and checks that it was taken).
"""

import datetime
from pathlib import Path

import pytest
from django.db import connection, transaction

from benchmarks.data import write_acled_csv
from datasets import importing, pgcopy, saving
from datasets.acled import import_acled
from datasets.ucdp import import_ucdp
from incidents.models import ArmedGroup, CasualtyClaim, ExternalName, Incident, Participation, Report, Source
from maps.models import IncidentGroupKeys, MapCell, MapFacet, MapWeek
from tests import factories
from tests.datasets.copy_checks import _read, _write, foreign_key_definitions, index_definitions

pytestmark = pytest.mark.django_db


UCDP_SAMPLE = Path(__file__).resolve().parents[2] / "incidents" / "demo_data" / "ucdp-ged-iraq.csv"
SKIPPED = {"id", "public_id", "created_at", "changed_at", "retrieved_at", "history_id", "history_date"}


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
