"""manage.py import_acled: both ACLED layouts, the mapping, upserts, rejects and bad files.

The ACLED rows are invented by the team (tests/data/datasets/README.md), never ACLED's data.
"""

import csv
import datetime
import io
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from datasets.acled import import_acled
from incidents.models import (
    ArmedGroup,
    CasualtyClaim,
    ExternalName,
    GroupAlias,
    Incident,
    Participation,
    Report,
    Source,
)
from incidents.models.choices import (
    CasualtyCategory,
    Dataset,
    DatePrecision,
    EventType,
    GroupKind,
    LocationPrecision,
    ParticipationRole,
    SourceKind,
    Status,
    SubEventType,
)
from tests import factories

pytestmark = pytest.mark.django_db

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


def test_imports_the_current_layout():
    nujaba = factories.group(name="Nujaba Movement", kind=GroupKind.STATE_ALIGNED_MILITIA)
    GroupAlias.objects.create(group=nujaba, name="Harakat an-Nujaba")

    out, err = run(CURRENT)

    assert "6 rows: 6 new, 0 updated, 0 unchanged, 0 rejected" in out
    assert "rows read (100%)" in err
    strike = Incident.objects.get(acled_event_id="IRQ90001")
    assert strike.title == (
        "Air/drone strike: Military Forces of the United States (2021-) → Nujaba Movement, Baghdad - Palestine Street"
    )
    assert strike.status == Status.PUBLISHED
    assert (strike.start_date, strike.end_date, strike.date_precision) == (
        datetime.date(2024, 1, 4),
        None,
        DatePrecision.DAY,
    )
    assert (strike.event_type, strike.sub_event_type) == (EventType.REMOTE_VIOLENCE, SubEventType.AIR_DRONE_STRIKE)
    assert (strike.place_name, strike.district, strike.latitude, strike.longitude) == (
        "Baghdad - Palestine Street",
        "Al Resafa",
        33.3406,
        44.4009,
    )
    assert strike.location_precision == LocationPrecision.TOWN
    assert (strike.country.iso2, strike.admin_area.iso_code) == ("IQ", "IQ-BG")
    assert strike.summary.startswith("On 4 January 2024, a drone strike")
    assert (strike.killed_low, strike.killed_best, strike.killed_high, strike.contested) == (2, 2, 2, False)

    (claim,) = strike.claims.all()
    assert (claim.category, claim.killed_min, claim.killed_max, claim.claimant) == (CasualtyCategory.ALL, 2, 2, "ACLED")
    report = claim.report
    assert (report.source.name, report.source.kind) == ("ACLED", SourceKind.DATASET)
    assert report.title == strike.summary[:200]
    assert report.published_on == datetime.date(2024, 1, 4)
    assert report.url == ""
    assert report.text.startswith(strike.summary)
    assert "\n\nSource: Team test notes; Local sources\nSource scale: Other-National\nTags: " in report.text

    roles = {(p.role, p.group.name, p.attribution, p.report_id) for p in strike.participations.select_related("group")}
    assert roles == {
        (ParticipationRole.PERPETRATOR, "Military Forces of the United States (2021-)", "attributed", report.pk),
        (ParticipationRole.TARGET, "Nujaba Movement", "attributed", report.pk),
    }
    us = ArmedGroup.objects.get(name="Military Forces of the United States (2021-)")
    assert us.kind == GroupKind.STATE_FORCE
    # The matched group keeps the ACLED actor string, so the next import finds it directly.
    assert ExternalName.objects.get(dataset=Dataset.ACLED, value="Harakat al-Nujaba").group == nujaba


def test_week_and_month_precision_cover_the_period():
    import_acled(CURRENT)

    month = Incident.objects.get(acled_event_id="IRQ90002")
    assert (month.start_date, month.end_date, month.date_precision) == (
        datetime.date(2023, 12, 1),
        datetime.date(2023, 12, 31),
        DatePrecision.MONTH,
    )
    # ACLED codes a week to its middle day: three days either side.
    week = Incident.objects.get(acled_event_id="IRQ90003")
    assert (week.start_date, week.end_date, week.date_precision) == (
        datetime.date(2024, 2, 11),
        datetime.date(2024, 2, 17),
        DatePrecision.WEEK,
    )
    assert month.location_precision == LocationPrecision.NEAR


def test_associated_actors_and_civilians():
    import_acled(CURRENT)

    clash = Incident.objects.get(acled_event_id="IRQ90003")
    roles = sorted((p.role, p.group.name) for p in clash.participations.select_related("group"))
    assert roles == [
        (ParticipationRole.ASSOCIATED_PERPETRATOR, "Popular Mobilization Forces"),
        (ParticipationRole.ASSOCIATED_PERPETRATOR, "Tribal Militia (Iraq)"),
        (ParticipationRole.PERPETRATOR, "Military Forces of Iraq (2022-)"),
        (ParticipationRole.TARGET, "Islamic State (Iraq)"),
    ]
    assert "\nFive were killed" in clash.summary

    attack = Incident.objects.get(acled_event_id="IRQ90004")
    assert attack.title == "Attack: Unidentified Armed Group (Iraq) → Civilians, Mosul"
    assert [p.role for p in attack.participations.all()] == [ParticipationRole.PERPETRATOR]
    assert not ArmedGroup.objects.filter(name__startswith="Civilians").exists()
    assert ArmedGroup.objects.get(name="Unidentified Armed Group (Iraq)").kind == GroupKind.UNIDENTIFIED
    assert ArmedGroup.objects.get(name="Protesters (Iraq)").kind == GroupKind.OTHER


def test_acled_governorate_spellings_match():
    import_acled(CURRENT)

    areas = dict(Incident.objects.values_list("acled_event_id", "admin_area__iso_code"))
    assert areas == {
        "IRQ90001": "IQ-BG",
        "IRQ90002": "IQ-AN",
        "IRQ90003": "IQ-SD",
        "IRQ90004": "IQ-NI",
        "SYR90005": "SY-DY",
        "IRQ90006": "IQ-DQ",
    }
    assert Incident.objects.get(acled_event_id="SYR90005").country.iso2 == "SY"


def test_unknown_governorate_is_located_by_coordinates_with_a_warning(tmp_path):
    path = edited(tmp_path, IRQ90001={"admin1": "Baghdad Province of Nowhere"})

    out, _ = run(path)

    assert Incident.objects.get(acled_event_id="IRQ90001").admin_area.iso_code == "IQ-BG"
    assert (
        "line 2, admin1: “Baghdad Province of Nowhere” matches no governorate; located by coordinates: Baghdad" in out
    )


def test_imports_the_2020_layout():
    out, _ = run(LAYOUT_2020)

    assert "ACLED (2020 layout), 3 rows: 3 new" in out
    ied = Incident.objects.get(acled_event_id="IRQ80001")
    assert ied.start_date == datetime.date(2020, 5, 9)
    assert ied.admin_area.iso_code == "IQ-DI"
    kinds = dict(ArmedGroup.objects.values_list("name", "kind"))
    assert kinds["Military Forces of Iraq (2018-)"] == GroupKind.STATE_FORCE
    assert kinds["Hayat Tahrir al-Sham"] == GroupKind.NON_STATE
    assert kinds["Unidentified Armed Group (Iraq)"] == GroupKind.UNIDENTIFIED
    abduction = Incident.objects.get(acled_event_id="IRQ80002")
    assert (abduction.start_date, abduction.end_date) == (datetime.date(2020, 5, 1), datetime.date(2020, 5, 31))
    assert not abduction.participations.filter(role=ParticipationRole.TARGET).exists()
    assert abduction.claims.get().killed_max == 0
    clash = Incident.objects.get(acled_event_id="SYR80003")
    assert (clash.start_date, clash.end_date, clash.country.iso2) == (
        datetime.date(2020, 5, 18),
        datetime.date(2020, 5, 24),
        "SY",
    )


def test_reimporting_the_same_file_writes_nothing():
    import_acled(CURRENT)
    before = counts()

    with no_writes():
        out, _ = run(CURRENT)

    assert "6 rows: 0 new, 0 updated, 6 unchanged, 0 rejected" in out
    assert counts() == before


def test_only_an_import_after_the_first_reads_back_what_is_stored():
    def lookups(captured) -> list[str]:
        return [q["sql"] for q in captured.captured_queries if '"acled_event_id" IN (' in q["sql"]]

    with CaptureQueriesContext(connection) as first:
        assert import_acled(CURRENT).new == 6
    with CaptureQueriesContext(connection) as second:
        assert import_acled(CURRENT).unchanged == 6

    assert lookups(first) == []
    assert len(lookups(second)) == 1


def test_a_newer_file_updates_changed_rows_and_says_what_changed(tmp_path):
    import_acled(CURRENT)
    strike = Incident.objects.get(acled_event_id="IRQ90001")
    # Staff work on an imported incident that the next import must keep.
    Incident.objects.filter(pk=strike.pk).update(status=Status.DRAFT)
    police = factories.claim(strike, claimant="Iraqi police", killed_min=6, killed_max=6)
    newer = edited(
        tmp_path,
        IRQ90001={"fatalities": "4"},
        IRQ90004={"notes": "On 2 March 2024, gunmen shot a shop owner in Mosul (corrected). Invented test event."},
        SYR90005={"location": "Thiban town"},
        IRQ90003={"actor2": "Islamic State"},
    )

    out, _ = run(newer)

    assert "6 rows: 0 new, 4 updated, 2 unchanged, 0 rejected" in out
    assert f"IRQ90001 ({strike.public_id}): casualty claims" in out
    assert "IRQ90004 (" in out and "summary, report title, report text" in out
    assert "SYR90005 (" in out and "place_name, title" in out
    assert "IRQ90003 (" in out and "title, participants" in out

    strike.refresh_from_db()
    assert strike.status == Status.DRAFT
    assert CasualtyClaim.objects.filter(pk=police.pk).exists()
    acled_claim = strike.claims.get(claimant="ACLED")
    assert (acled_claim.killed_min, acled_claim.killed_max) == (4, 4)
    assert (strike.killed_low, strike.killed_high, strike.contested) == (4, 6, True)
    assert strike.version > 1

    clash = Incident.objects.get(acled_event_id="IRQ90003")
    targets = list(clash.participations.filter(role=ParticipationRole.TARGET).values_list("group__name", flat=True))
    assert targets == ["Islamic State"]
    assert Incident.objects.get(acled_event_id="SYR90005").place_name == "Thiban town"


def test_a_change_keeps_participations_staff_added(tmp_path):
    import_acled(CURRENT)
    clash = Incident.objects.get(acled_event_id="IRQ90003")
    isf = factories.group(name="Iraqi Security Forces")
    other = factories.report()
    Participation.objects.create(incident=clash, group=isf, role=ParticipationRole.PERPETRATOR, report=other)

    run(edited(tmp_path, IRQ90003={"assoc_actor_1": "Tribal Militia (Iraq)"}))

    names = set(clash.participations.values_list("group__name", "role"))
    assert ("Iraqi Security Forces", ParticipationRole.PERPETRATOR) in names
    assert ("Popular Mobilization Forces", ParticipationRole.ASSOCIATED_PERPETRATOR) not in names
    assert ("Tribal Militia (Iraq)", ParticipationRole.ASSOCIATED_PERPETRATOR) in names


def test_a_rejected_row_means_nothing_is_written(tmp_path):
    import_acled(LAYOUT_2020)
    before = counts()
    bad = edited(
        tmp_path, IRQ90002={"fatalities": "many", "latitude": "95"}, IRQ90004={"sub_event_type": "Armed clash"}
    )

    with pytest.raises(CommandError, match="2 rows rejected: nothing was written"):
        run(bad)

    assert counts() == before


def test_rejects_are_listed_with_line_column_and_reason(tmp_path):
    bad = edited(tmp_path, IRQ90002={"fatalities": "many"}, IRQ90004={"sub_event_type": "Armed clash"})
    out = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_acled", str(bad), stdout=out, stderr=io.StringIO())

    assert "line 3, fatalities: “many” is not a whole number" in out.getvalue()
    # The notes of IRQ90003 span two lines, so IRQ90004 starts on line 6.
    assert "line 6, sub_event_type: “Armed clash” is not a sub-event type of “Violence against civilians”" in (
        out.getvalue()
    )


def test_a_date_no_incident_can_have_is_rejected(tmp_path):
    bad = edited(tmp_path, IRQ90002={"event_date": "9999-12-31", "year": "9999"})
    out = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_acled", str(bad), stdout=out, stderr=io.StringIO())

    assert "line 3, event_date: 9999-12-31 is outside the dates incidents can have" in out.getvalue()
    assert Incident.objects.count() == 0


def test_skip_invalid_imports_the_valid_rows_and_writes_the_rejects(tmp_path):
    bad = edited(tmp_path, IRQ90002={"fatalities": "many"})

    out, _ = run(bad, "--skip-invalid")

    assert "6 rows: 5 new, 0 updated, 0 unchanged, 1 rejected" in out
    assert Incident.objects.count() == 5
    rejects = tmp_path / "edited.rejects.csv"
    assert f"Rejected rows written to {rejects}" in out
    header, rows = read_rows(rejects)
    assert header[-3:] == ["reject_line", "reject_columns", "reject_reasons"]
    assert header[:-3] == read_rows(CURRENT)[0]
    (row,) = rows
    assert (row["event_id_cnty"], row["reject_line"], row["reject_columns"]) == ("IRQ90002", "3", "fatalities")
    assert row["reject_reasons"] == "“many” is not a whole number"


def test_rejects_go_where_asked(tmp_path):
    bad = edited(tmp_path, IRQ90002={"fatalities": "-1"})
    target = tmp_path / "elsewhere.csv"

    run(bad, "--skip-invalid", "--rejects", target)

    assert read_rows(target)[1][0]["reject_reasons"] == "-1 is below 0"


def test_dry_run_writes_nothing():
    before = counts()

    with no_writes():
        out, _ = run(CURRENT, "--dry-run")

    assert "6 rows: 6 new, 0 updated, 0 unchanged, 0 rejected; 11 new armed groups (dry run: nothing written" in out
    assert counts() == before


def test_status_draft(tmp_path):
    run(CURRENT, "--status", "draft")

    assert set(Incident.objects.values_list("status", flat=True)) == {Status.DRAFT}


def test_complete_file_reports_events_held_but_gone_upstream(tmp_path):
    import_acled(CURRENT)
    gone = Incident.objects.get(acled_event_id="IRQ90004")
    # Without SYR90005 the file no longer covers Syria, so that event is not in question.
    smaller = edited(tmp_path, drop=("IRQ90004", "SYR90005"))

    out, _ = run(smaller, "--complete")

    assert "1 held but absent from the file" in out
    assert f"  IRQ90004 ({gone.public_id})" in out
    assert "SYR90005" not in out
    assert Incident.objects.filter(pk=gone.pk).exists()


def test_same_event_twice_in_a_file_is_rejected(tmp_path):
    header, rows = read_rows(CURRENT)
    path = write_rows(tmp_path / "twice.csv", header, [*rows, rows[0]])

    with pytest.raises(CommandError):
        run(path)

    assert import_acled(path, dry_run=True).rejects[0].reason == "repeats event IRQ90001 of line 2"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_utf8_with_byte_order_mark_and_windows_1252_are_read(tmp_path, encoding):
    header, rows = read_rows(CURRENT)
    rows[0]["notes"] = "Café owner killed; invented test event."
    path = write_rows(tmp_path / "encoded.csv", header, rows, encoding=encoding)

    result = import_acled(path)

    assert (result.new, result.encoding) == (6, encoding)
    assert Incident.objects.get(acled_event_id="IRQ90001").summary == "Café owner killed; invented test event."


def test_semicolon_separated_files_are_read(tmp_path):
    header, rows = read_rows(CURRENT)
    path = write_rows(tmp_path / "semicolons.csv", header, rows, delimiter=";")

    assert import_acled(path).new == 6


def _png(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40))


def _json(path: Path) -> None:
    path.write_text('[{"event_id_cnty": "IRQ1", "event_date": "2024-01-01"}]', encoding="utf-8")


def _undecodable(path: Path) -> None:
    # 0x81 is neither UTF-8 nor Windows-1252.
    path.write_bytes(CURRENT.read_bytes().replace(b"Thiban", b"Thib\x81n"))


def _missing_columns(path: Path) -> None:
    header, rows = read_rows(CURRENT)
    keep = [name for name in header if name not in ("fatalities", "latitude")]
    write_rows(path, keep, [{k: row[k] for k in keep} for row in rows])


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _header_only(path: Path) -> None:
    path.write_text(CURRENT.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def _truncated(path: Path) -> None:
    text = CURRENT.read_text(encoding="utf-8")
    path.write_text(text[: text.index("Thiban; three")], encoding="utf-8")


def _ucdp_file(path: Path) -> None:
    shutil.copy(UCDP_SAMPLE, path)


def _rows_switch_layout(path: Path) -> None:
    old_row = LAYOUT_2020.read_text(encoding="utf-8").splitlines()[1]
    path.write_text(CURRENT.read_text(encoding="utf-8") + old_row + "\n", encoding="utf-8")


def _second_header(path: Path) -> None:
    path.write_text(CURRENT.read_text(encoding="utf-8") + LAYOUT_2020.read_text(encoding="utf-8"), encoding="utf-8")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_png, "This is not a CSV file: it looks like a PNG image."),
        (_json, "This is not a CSV file: it looks like JSON."),
        (_undecodable, "The file's encoding is not UTF-8 or Windows-1252: byte 0x81 on line 7"),
        (_missing_columns, "Missing required columns: latitude, fatalities."),
        (_empty, "The file is empty."),
        (_header_only, "The file has a header row but no data rows."),
        (_truncated, "The file is truncated: a quoted field opened on or after line 7 never closes."),
        (_ucdp_file, "This file holds UCDP GED events, not ACLED events: import it with import_ucdp"),
        (_rows_switch_layout, "Line 9 is in the ACLED 2020 layout but the header is in the ACLED current layout"),
        (_second_header, "Line 9 starts another header, in the ACLED 2020 layout: the file mixes layouts."),
    ],
)
def test_bad_files_are_refused_with_a_message_and_nothing_written(tmp_path, make, message):
    import_acled(LAYOUT_2020)
    before = counts()
    path = tmp_path / "bad.csv"
    make(path)

    with pytest.raises(CommandError) as raised:
        run(path)

    assert message in str(raised.value)
    assert str(raised.value).endswith("Nothing was written.")
    assert counts() == before


def test_a_missing_file_is_named():
    with pytest.raises(CommandError, match="No such file: /nowhere/acled.csv"):
        run("/nowhere/acled.csv")


def test_a_failure_after_rows_were_written_rolls_everything_back(tmp_path):
    # 1,200 valid rows (more than a batch, so the first batch is written) and then a row in the
    # other layout: the whole import must still leave no trace.
    header, rows = read_rows(CURRENT)
    many = [dict(rows[0], event_id_cnty=f"IRQ7{n:04d}") for n in range(1200)]
    path = write_rows(tmp_path / "many.csv", header, many)
    with open(path, "a", encoding="utf-8", newline="") as fh:
        fh.write(LAYOUT_2020.read_text(encoding="utf-8").splitlines()[1] + "\n")
    before = counts()

    with pytest.raises(CommandError, match="the rows switch layout"):
        run(path)

    assert counts() == before
