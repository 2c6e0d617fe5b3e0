"""The files import_acled reads (byte order mark, Windows-1252, semicolons) and those it refuses, writing nothing."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError

from datasets.acled import import_acled
from incidents.models import Incident
from tests.datasets.acled_files import CURRENT, LAYOUT_2020, UCDP_SAMPLE, counts, read_rows, run, write_rows

pytestmark = pytest.mark.django_db


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
