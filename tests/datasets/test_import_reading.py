"""Reading an import's file: each row's byte offset, progress as the file is read, dates as strptime reads them."""

import datetime
import io

import pytest

from benchmarks.data import write_acled_csv
from datasets import acled, cells, csvtable
from datasets.acled import import_acled
from tests.datasets.copy_checks import _read

pytestmark = pytest.mark.django_db


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
