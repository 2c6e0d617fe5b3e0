"""import_acled's rejected rows: nothing written, each listed with line, column and reason; --skip-invalid."""

import io

import pytest
from django.core.management import CommandError, call_command

from datasets.acled import import_acled
from incidents.models import Incident
from tests.datasets.acled_files import CURRENT, LAYOUT_2020, counts, edited, read_rows, run, write_rows

pytestmark = pytest.mark.django_db


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


def test_same_event_twice_in_a_file_is_rejected(tmp_path):
    header, rows = read_rows(CURRENT)
    path = write_rows(tmp_path / "twice.csv", header, [*rows, rows[0]])

    with pytest.raises(CommandError):
        run(path)

    assert import_acled(path, dry_run=True).rejects[0].reason == "repeats event IRQ90001 of line 2"
