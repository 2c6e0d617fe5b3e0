"""Lossless round trips: a file imported from ACLED or UCDP GED and exported again in its own
layout gives every row back as it came in, column by column, but for what the tracker's editors
changed since (with ACLED's timestamp then the tracker's), which the tracker_note column names."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from datasets import ucdp
from datasets.acled import import_acled
from datasets.layouts import ACLED_LAYOUT_CURRENT, UCDP_HDX_HASHTAGS, UCDP_LAYOUT_HDX, UCDP_LAYOUT_STANDARD
from datasets.models import DatasetRow
from datasets.ucdp import import_ucdp
from geo.models import AdminArea
from incidents.models import Incident
from incidents.models.choices import ParticipationRole
from tests import factories

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data" / "datasets"
# Invented events in ACLED's current layout (not ACLED data: see tests/data/datasets/README.md).
ACLED_ROWS = DATA / "acled-round-trip.csv"
ACLED_2020 = DATA / "acled-2020.csv"
SAMPLE = ucdp.DEMO_FILE


def export(command: str, *args) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def table(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def by_id(rows: list[list[str]], header: list[str], id_column: str) -> dict[str, dict[str, str]]:
    position = header.index(id_column)
    return {row[position]: dict(zip(header, row, strict=True)) for row in rows}


def differing(original: dict, exported: dict, columns, aside=()) -> dict[str, tuple[str, str]]:
    return {c: (original[c], exported[c]) for c in columns if c not in aside and original[c] != exported[c]}


def test_acled_rows_come_back_as_they_went_in(tmp_path):
    assert import_acled(ACLED_ROWS).new == 7

    header, *rows = table(export("export_acled"))

    assert header == list(ACLED_LAYOUT_CURRENT.columns)
    source_header, *source_rows = table(ACLED_ROWS.read_text(encoding="utf-8"))
    originals = by_id(source_rows, source_header, "event_id_cnty")
    exported = by_id(rows, header, "event_id_cnty")
    assert exported.keys() == originals.keys()
    for event_id, original in originals.items():
        assert differing(original, exported[event_id], header) == {}, event_id
    # What the tester saw emptied or rewritten comes back, and the source's own "-" is no formula.
    basra = exported["IRQ97001"]
    assert (basra["admin1"], basra["admin3"], basra["inter1"], basra["civilian_targeting"]) == (
        "Al Basrah",
        "Al Basrah Markaz",
        "Political militia",
        "Civilian targeting",
    )
    assert basra["source"] == "-Sharqiyah TV; Local sources"
    assert exported["IRQ97004"]["source"] == "Test Agency; =Test Wire"  # not at a cell's start
    # The export imports again as it is.
    again = tmp_path / "again.csv"
    again.write_text(export("export_acled"), encoding="utf-8")
    result = import_acled(again)
    assert (result.unchanged, result.updated) == (7, 0)


def test_acled_edits_since_the_import_are_written_and_noted():
    import_acled(ACLED_ROWS)
    incident = Incident.objects.get(acled_event_id="IRQ97002")
    incident.summary = "Edited by staff."
    incident.admin_area = AdminArea.objects.get(country__iso2="IQ", name_en="Kirkuk")
    incident.save()
    factories.claim(incident, report=factories.report(source=factories.source(name="Test Agency")), killed_min=5)

    header, *rows = table(export("export_acled", "--notes"))

    assert header == [*ACLED_LAYOUT_CURRENT.columns, "tracker_note"]
    exported = by_id(rows, header, "event_id_cnty")
    edited = exported["IRQ97002"]
    assert (edited["notes"], edited["admin1"], edited["fatalities"], edited["admin3"]) == (
        "Edited by staff.",
        "Kirkuk",
        "3",  # the source's own figure
        "Al Qahtaniya",
    )
    incident.refresh_from_db()
    assert (incident.killed_low, incident.killed_high) == (3, 5)
    assert edited["tracker_note"] == (
        "edited in the tracker since the import: admin1, notes; "
        f"the tracker's toll (from every report it cites) is killed 3–5, best {incident.killed_best}"
    )
    assert edited["timestamp"] == str(int(Incident.objects.get(pk=incident.pk).changed_at.timestamp()))
    assert (exported["IRQ97003"]["tracker_note"], exported["IRQ97003"]["timestamp"]) == ("", "1711000003")


def test_a_2020_layout_row_goes_out_in_the_current_layout():
    import_acled(ACLED_2020)

    header, *rows = table(export("export_acled"))

    row = by_id(rows, header, "event_id_cnty")["IRQ80002"]
    assert (row["event_date"], row["inter1"], row["inter2"], row["interaction"]) == (
        "2020-05-15",
        "Political militia",
        "Civilians",
        "Political militia-Civilians",
    )
    assert (row["admin1"], row["actor2"], row["admin3"]) == ("Basrah", "Civilians (Iraq)", "")


def test_the_ucdp_sample_comes_back_in_the_hdx_layout(tmp_path):
    import_ucdp(SAMPLE)
    target = tmp_path / "hdx.csv"

    call_command("export_ucdp", "--layout", "hdx", "-o", str(target))

    header, hashtags, *rows = table(target.read_text(encoding="utf-8"))
    source_header, source_hashtags, *source_rows = table(SAMPLE.read_text(encoding="utf-8"))
    assert header == source_header == list(UCDP_LAYOUT_HDX.columns)
    assert hashtags == source_hashtags == UCDP_HDX_HASHTAGS
    assert len(rows) == len(source_rows) == 7473
    # Row by row, each record's text exactly as in the file (quoting, the newlines in cells and the
    # CRLF that ends each record included).
    records = SAMPLE.read_bytes().decode("utf-8").split("\r\n")[2:]
    source_records = dict(zip((row[0] for row in source_rows), records, strict=False))
    exported = target.read_bytes().decode("utf-8").split("\r\n")[2:]
    assert len(exported) == len(rows) + 1 and exported[-1] == ""
    assert [record for row, record in zip(rows, exported, strict=False) if record != source_records[row[0]]] == []


def standard_layout_file(path: Path) -> Path:
    """The sample written in UCDP GED's standard layout: its columns by name, and the standard
    layout's own columns (ids, code status, place description) made up for the test."""
    _, _, *rows = table(SAMPLE.read_text(encoding="utf-8"))
    header = UCDP_LAYOUT_HDX.columns
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, UCDP_LAYOUT_STANDARD.columns, extrasaction="ignore")
        writer.writeheader()
        for values in rows:
            row = dict(zip(header, values, strict=True))
            writer.writerow(
                row
                | {
                    "relid": f"IRQ-{row['year']}-{row['type_of_violence']}-{row['id']}",
                    "code_status": "Clear",
                    "conflict_dset_id": row["conflict_new_id"],
                    "dyad_dset_id": row["dyad_new_id"],
                    "side_a_dset_id": row["side_a_new_id"],
                    "side_b_dset_id": row["side_b_new_id"],
                    "where_description": f"test description of {row['where_coordinates']}",
                }
            )
    return path


def test_the_ucdp_sample_comes_back_in_the_standard_layout(tmp_path):
    source = standard_layout_file(tmp_path / "standard.csv")
    assert import_ucdp(source).layout == "standard layout"

    header, *rows = table(export("export_ucdp"))

    source_header, *source_rows = table(source.read_text(encoding="utf-8"))
    assert header == source_header == list(UCDP_LAYOUT_STANDARD.columns)
    originals = by_id(source_rows, header, "id")
    exported = by_id(rows, header, "id")
    assert exported.keys() == originals.keys() and len(exported) == 7473
    assert {i: d for i, row in originals.items() if (d := differing(row, exported[i], header))} == {}


def test_ucdp_hdx_rows_in_the_standard_layout_keep_what_both_share():
    import_ucdp(SAMPLE)

    header, *rows = table(export("export_ucdp", "--notes"))

    exported = by_id(rows, header, "id")
    row = exported["114064"]
    assert (row["adm_1"], row["conflict_name"], row["gwnoa"], row["event_clarity"], row["relid"]) == (
        "Al Anbār province",
        "Iraq: Government",
        "645.0",
        "1",
        "",  # not in the HDX layout
    )
    notes = [row["tracker_note"] for row in exported.values()]
    # Where GED's best lies outside low–high, the tracker's toll spans all three, and says so.
    assert sum(note.startswith("the tracker's toll") for note in notes) == 69
    assert DatasetRow.objects.count() == 7473


def test_acled_participants_edited_since_the_import_rewrite_the_actor_columns():
    import_acled(ACLED_ROWS)
    incident = Incident.objects.get(acled_event_id="IRQ97003")
    incident.participations.create(group=factories.group(name="Invented Police Unit"), role=ParticipationRole.TARGET)

    header, *rows = table(export("export_acled", "--notes"))

    row = by_id(rows, header, "event_id_cnty")["IRQ97003"]
    assert (row["actor1"], row["assoc_actor_1"], row["actor2"], row["inter1"]) == (
        "Protesters (Iraq)",
        "Teachers (Iraq)",
        "Invented Police Unit",
        "",  # the tracker holds no actor types
    )
    assert row["tracker_note"] == (
        "edited in the tracker since the import: actor1, actor2, assoc_actor_1, assoc_actor_2, "
        "civilian_targeting, inter1, inter2, interaction"
    )
    assert row["tags"] == "crowd size=around 200"
