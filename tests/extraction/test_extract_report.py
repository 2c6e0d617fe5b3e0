"""manage.py extract_report: its summary and its JSON, the encodings it reads, the files it refuses."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from incidents.demo import REPORT_FILE, load_demo


@pytest.fixture
def report_file(tmp_path):
    def write(data: bytes, name: str = "report.txt") -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("extract_report", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_command_prints_json_with_the_documented_keys():
    load_demo()
    data = json.loads(run(str(REPORT_FILE), "--json"))
    for key in (
        "publication_date",
        "title",
        "dates",
        "places",
        "groups",
        "people",
        "casualty_claims",
        "statements",
        "event_type",
        "means",
    ):
        assert key in data
    assert data["publication_date"] == "2024-01-05"
    for field in ("dates", "places", "groups", "people", "casualty_claims", "statements", "means"):
        assert all("text" in item and "spans" in item for item in data[field])


@pytest.mark.django_db
def test_command_prints_a_summary_by_default():
    load_demo()
    out = run(str(REPORT_FILE))
    assert "2024-01-04 (day precision, incident)" in out and "about 09:00 UTC" in out
    assert "Baghdad [populated_place] in Baghdad (IQ-BG), Iraq" in out
    assert "killed 4 (all) per Police and militia sources" in out
    assert "threatens: Abu Aqeel al-Moussawi" in out


@pytest.mark.django_db
def test_command_reads_windows_1252_and_bom(report_file):
    assert "Erbil" in run(str(report_file(b"date 2024-01-05 \x93Rockets\x94 hit Erbil on Thursday.")))
    assert "2024-01-04" in run(str(report_file(b"\xef\xbb\xbfdate 2024-01-05 Rockets hit Erbil on Thursday.")))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Rockets hit Erbil on Thursday.", "no publication date"),
        (b"date 2024-01-05 \x81\x8d", "neither UTF-8 nor Windows-1252"),
        (b"date 2024-01-05 \x00binary", "binary"),
    ],
)
def test_command_refuses_with_a_clear_message(report_file, data, message):
    with pytest.raises(CommandError, match=message):
        run(str(report_file(data)))


@pytest.mark.django_db
def test_command_refuses_unreadable_paths(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        run(str(tmp_path / "missing.txt"))
    with pytest.raises(CommandError, match="cannot read"):
        run(str(tmp_path))
