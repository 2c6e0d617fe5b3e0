"""manage.py import_ucdp: the real UCDP GED Iraq sample (HDX layout), the standard layout, the
mapping, upserts and bad files."""

import csv
import datetime
import io
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from datasets import ucdp
from datasets.layouts import UCDP_LAYOUT_STANDARD
from datasets.ucdp import import_ucdp, load_ucdp_demo
from incidents.models import ArmedGroup, CasualtyClaim, ExternalName, Incident, Participation, Report, Source
from incidents.models.choices import (
    CasualtyCategory,
    Dataset,
    DatePrecision,
    EventType,
    GroupKind,
    LocationPrecision,
    ParticipationRole,
    SubEventType,
)
from tests import factories

pytestmark = pytest.mark.django_db

SAMPLE = ucdp.DEMO_FILE
ACLED_FILE = Path(__file__).resolve().parents[1] / "data" / "datasets" / "acled-current.csv"
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


def sample() -> tuple[list[str], list[str], list[dict]]:
    """The real sample's header, HXL hashtag row and event rows."""
    with open(SAMPLE, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header, hashtags = next(reader), next(reader)
        return header, hashtags, [dict(zip(header, row, strict=True)) for row in reader]


def pick(rows: list[dict]) -> list[dict]:
    """A few events covering the cases the mapping distinguishes."""
    by_id = {row["id"]: row for row in rows}
    wanted = [by_id["114064"], by_id["62366"], by_id["145155"]]
    conditions = [
        lambda r: r["where_prec"] == "6",
        lambda r: r["where_prec"] == "4",
        lambda r: r["where_prec"] == "7",
        lambda r: r["adm_1"] == "" and r["where_prec"] == "1",
        lambda r: r["date_prec"] == "5",
        lambda r: r["adm_1"] == "At-Ta'mim province",
        lambda r: r["type_of_violence"] == "2",
        lambda r: "\n" in r["source_article"],
    ]
    for condition in conditions:
        wanted.append(next(row for row in rows if condition(row) and row not in wanted))
    return wanted


def write_hdx(path: Path, rows: list[dict]) -> Path:
    header, hashtags, _ = sample()
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerow(hashtags)
        writer.writerows([[row[name] for name in header] for row in rows])
    return path


def write_standard(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, UCDP_LAYOUT_STANDARD.columns, restval="", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(
            [dict(row, relid=f"IRQ-{row['year']}-{row['type_of_violence']}-X-{row['id']}") for row in rows]
        )
    return path


@pytest.fixture
def picked(tmp_path) -> tuple[Path, list[dict]]:
    rows = pick(sample()[2])
    return write_hdx(tmp_path / "picked.csv", rows), rows


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_ucdp", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_real_sample_imports_whole_and_a_second_run_changes_nothing():
    _, _, rows = sample()

    first = load_ucdp_demo()

    assert (first.rows, first.new, first.rejected, first.layout) == (7473, 7473, 0, "HDX layout")
    assert first.warning_count == 69  # GED's own low/best/high out of order; see test_out_of_order_estimates
    assert Incident.objects.filter(ucdp_id__isnull=False).count() == 7473
    by_type = dict(Incident.objects.values_list("event_type").annotate(n=Count("id")).order_by())
    assert by_type == {EventType.BATTLES: 5775 + 145, EventType.VIOLENCE_AGAINST_CIVILIANS: 1553}
    best = {row["id"]: int(row["best"]) for row in rows}
    stored = Incident.objects.values_list("ucdp_id", "killed_best", "killed_best_pinned")
    assert {ucdp_id: (killed, pinned) for ucdp_id, killed, pinned in stored} == {k: (v, True) for k, v in best.items()}
    assert not ArmedGroup.objects.filter(name="Civilians").exists()
    assert Report.objects.filter(source__name="UCDP GED").count() == 7473

    before = counts()
    with no_writes():
        out = run(SAMPLE)

    assert "7,473 rows: 0 new, 0 updated, 7,473 unchanged, 0 rejected" in out
    assert counts() == before


def test_a_state_based_event(picked):
    path, _ = picked
    import_ucdp(path)

    event = Incident.objects.get(ucdp_id="114064")
    assert event.title == "State-based violence: Government of Iraq vs IS, Al Fallūjah town"
    assert (event.event_type, event.sub_event_type) == (EventType.BATTLES, SubEventType.ARMED_CLASH)
    assert (event.start_date, event.end_date, event.date_precision) == (
        datetime.date(2014, 1, 24),
        datetime.date(2014, 1, 25),
        DatePrecision.DAYS,
    )
    assert (event.place_name, event.district, event.location_precision) == (
        "Al Fallūjah town",
        "Qaḑā’ al Fallūjah",
        LocationPrecision.EXACT,
    )
    assert (event.latitude, event.longitude) == (33.355813, 43.786124)
    assert (event.country.iso2, event.admin_area.iso_code) == ("IQ", "IQ-AN")
    assert (event.killed_low, event.killed_best, event.killed_high) == (8, 8, 8)
    assert (event.civilians_killed_low, event.civilians_killed_high) == (1, 1)

    claims = sorted((c.category, c.group_id, c.killed_min, c.killed_max, c.claimant) for c in event.claims.all())
    assert claims == [
        (CasualtyCategory.ALL, None, 8, 8, "UCDP GED"),
        (CasualtyCategory.CIVILIANS, None, 1, 1, "UCDP GED"),
        (CasualtyCategory.UNKNOWN, None, 7, 7, "UCDP GED"),
    ]
    report = event.claims.first().report
    assert report.title == "Iraq violence kills 14 as January toll tops 800"
    assert report.published_on == datetime.date(2014, 1, 25)
    assert report.text.startswith('"Agence France Presse,2014-01-25,Iraq violence kills 14 as January toll tops 800"')
    assert "\nSource office: Agence France Presse\nSource date: 2014-01-25\n" in report.text
    assert "\nSource original: Doctor\nNumber of sources: 1" in report.text

    sides = {(p.role, p.group.name, p.group.kind) for p in event.participations.select_related("group")}
    assert sides == {
        (ParticipationRole.SIDE_A, "Government of Iraq", GroupKind.STATE_FORCE),
        (ParticipationRole.SIDE_B, "IS", GroupKind.NON_STATE),
    }
    names = set(ExternalName.objects.filter(dataset=Dataset.UCDP).values_list("value", "group__name"))
    assert {("116", "Government of Iraq"), ("Government of Iraq", "Government of Iraq"), ("234", "IS")} <= names


def test_a_one_sided_event_has_civilians_and_no_target_group(picked):
    path, _ = picked
    import_ucdp(path)

    event = Incident.objects.get(ucdp_id="62366")
    assert event.title == "One-sided violence: IS → Civilians, Sāmarrā’ town"
    assert (event.event_type, event.sub_event_type) == (EventType.VIOLENCE_AGAINST_CIVILIANS, SubEventType.ATTACK)
    assert [p.role for p in event.participations.all()] == [ParticipationRole.PERPETRATOR]
    assert event.actors_display == "IS → civilians"
    # UCDP's sides of fighting are parties: nobody is the target of a state-based or non-state event.
    assert Incident.objects.get(ucdp_id="114064").actors_display == "Government of Iraq vs IS"
    assert not Participation.objects.filter(role=ParticipationRole.TARGET).exists()
    # No source date: the report is dated by the event.
    assert event.claims.first().report.published_on == datetime.date(2013, 7, 5)
    assert event.claims.first().report.title == "UCDP GED event 62366"


def test_precision_codes_and_governorates(picked):
    path, rows = picked
    result = import_ucdp(path)

    stored = {i.ucdp_id: i for i in Incident.objects.select_related("admin_area")}
    for row in rows:
        incident = stored[row["id"]]
        assert incident.location_precision == ucdp.WHERE_PRECISIONS[int(row["where_prec"])]
        assert incident.date_precision == ucdp.DATE_PRECISIONS[int(row["date_prec"])]
    country_level = next(r for r in rows if r["where_prec"] == "6")
    assert stored[country_level["id"]].admin_area is None
    assert stored[country_level["id"]].location_precision == LocationPrecision.COUNTRY
    kirkuk = next(r for r in rows if r["adm_1"] == "At-Ta'mim province")
    assert stored[kirkuk["id"]].admin_area.iso_code == "IQ-KI"
    # A precise point without adm_1 gets its governorate from the boundaries.
    unnamed = next(r for r in rows if r["adm_1"] == "" and r["where_prec"] == "1")
    assert stored[unnamed["id"]].admin_area is not None
    year = next(r for r in rows if r["date_prec"] == "5")
    assert stored[year["id"]].date_precision == DatePrecision.YEAR
    assert result.rejected == 0


def test_out_of_order_estimates_keep_best_and_span_all_three(picked):
    path, _ = picked
    result = import_ucdp(path)

    event = Incident.objects.get(ucdp_id="145155")  # GED gives low 22, best 22, high 21
    total = event.claims.get(category=CasualtyCategory.ALL)
    assert (total.killed_min, total.killed_max) == (21, 22)
    assert (event.killed_low, event.killed_best, event.killed_high) == (21, 22, 22)
    assert any(
        w.column == "best" and w.reason == "low 22, best 22, high 21 are out of order: the claim spans all three"
        for w in result.warnings
    )


def test_matches_an_existing_group_by_abbreviation(picked):
    path, _ = picked
    islamic_state = factories.group(name="Islamic State", abbreviation="IS", kind=GroupKind.DESIGNATED_TERRORIST)

    import_ucdp(path)

    assert Participation.objects.get(incident__ucdp_id="114064", role=ParticipationRole.SIDE_B).group == islamic_state
    assert set(islamic_state.external_names.values_list("value", flat=True)) == {"IS", "234"}
    assert not ArmedGroup.objects.filter(name="IS").exists()


def test_the_id_of_a_renamed_actor_still_finds_its_group(picked, tmp_path):
    path, rows = picked
    import_ucdp(path)
    renamed = [dict(row, side_b="Islamic State (ISIL)") if row["id"] == "114064" else row for row in rows]

    result = import_ucdp(write_hdx(tmp_path / "renamed.csv", renamed))

    # Only the row kept with the incident changed (its side_b), not who took part.
    assert [change.fields for change in result.changes] == [["dataset row"]] and result.new_groups == []
    assert ExternalName.objects.get(dataset=Dataset.UCDP, value="Islamic State (ISIL)").group.name == "IS"


def test_the_standard_layout_imports_the_same_values(picked, tmp_path):
    path, rows = picked
    import_ucdp(path)

    result = import_ucdp(write_standard(tmp_path / "standard.csv", rows))

    # The incidents are as they were; the rows kept with them are now the standard layout's.
    assert (result.layout, result.new, result.updated) == ("standard layout", 0, len(rows))
    assert {tuple(change.fields) for change in result.changes} == {("dataset row",)}
    assert import_ucdp(tmp_path / "standard.csv").unchanged == len(rows)


def test_a_newer_file_updates_changed_rows(picked, tmp_path):
    path, rows = picked
    import_ucdp(path)
    changed = []
    for row in rows:
        if row["id"] == "114064":
            row = dict(row, best="9", high="9", deaths_unknown="8")
        if row["id"] == "62366":
            row = dict(row, where_coordinates="Samarra city")
        changed.append(row)

    out = run(write_hdx(tmp_path / "newer.csv", changed))

    assert f"{len(rows)} rows: 0 new, 2 updated, {len(rows) - 2} unchanged, 0 rejected" in out
    assert "114064 (" in out and "killed_best, casualty claims" in out
    assert "62366 (" in out and "place_name, title" in out
    event = Incident.objects.get(ucdp_id="114064")
    assert (event.killed_low, event.killed_best, event.killed_high) == (8, 9, 9)
    assert event.claims.get(category=CasualtyCategory.UNKNOWN).killed_max == 8


@pytest.mark.parametrize(
    ("change", "column", "reason"),
    [
        ({"date_end": "2014-01-20"}, "date_end", "2014-01-20 is before date_start 2014-01-24"),
        ({"type_of_violence": "4"}, "type_of_violence", "4 is not one of 1, 2, 3"),
        ({"where_prec": ""}, "where_prec", "is empty"),
        ({"latitude": "north"}, "latitude", "“north” is not a number"),
        (
            {"country": "Atlantis", "country_id": "", "iso3": ""},
            "country",
            "“Atlantis” is not a country the tracker holds",
        ),
        ({"year": "2015"}, "year", "2015 is not the year of date_start 2014-01-24"),
        ({"best": "several"}, "best", "“several” is not a whole number"),
        (
            {"date_end": "2204-01-25"},
            "date_end",
            "2204-01-25 is outside the dates incidents can have (1900 to a year from today).",
        ),
        (
            {"date_start": "0214-01-24", "year": ""},
            "date_start",
            "0214-01-24 is outside the dates incidents can have (1900 to a year from today).",
        ),
    ],
)
def test_bad_values_are_rejected_with_line_column_and_reason(picked, tmp_path, change, column, reason):
    _, rows = picked
    path = write_hdx(tmp_path / "bad.csv", [dict(rows[0], **change), *rows[1:]])

    result = import_ucdp(path)

    assert (result.rejected, result.written) == (1, False)
    assert [(p.line, p.column, p.reason) for p in result.rejects] == [(3, column, reason)]
    assert Incident.objects.count() == 0


def test_a_one_sided_event_with_side_b_deaths_is_rejected(picked, tmp_path):
    _, rows = picked
    one_sided = next(row for row in rows if row["type_of_violence"] == "3")
    path = write_hdx(tmp_path / "bad.csv", [dict(one_sided, deaths_b="2")])

    result = import_ucdp(path, dry_run=True)

    assert [(p.column, p.reason) for p in result.rejects] == [
        ("deaths_b", "is not 0 in a one-sided event, whose side B is civilians")
    ]


def _acled_file(path: Path) -> None:
    shutil.copy(ACLED_FILE, path)


def _standard_row_in_hdx_file(path: Path) -> None:
    _, _, rows = sample()
    write_hdx(path, rows[:3])
    write_standard(path.with_name("standard.csv"), rows[3:4])
    row = path.with_name("standard.csv").read_text(encoding="utf-8").splitlines()[1]
    with open(path, "a", encoding="utf-8", newline="") as fh:
        fh.write(row + "\r\n")


def _pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")


def _missing_columns(path: Path) -> None:
    header, _, rows = sample()
    keep = [name for name in header if name not in ("best", "date_prec")]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, keep, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows[:3])


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_acled_file, "This file holds ACLED events, not UCDP GED events: import it with import_acled"),
        (
            _standard_row_in_hdx_file,
            "Line 6 is in the UCDP GED standard layout but the header is in the UCDP GED HDX layout",
        ),
        (_pdf, "This is not a CSV file: it looks like a PDF document."),
        (_missing_columns, "Missing required columns: date_prec, best."),
    ],
)
def test_bad_files_are_refused_with_a_message_and_nothing_written(picked, tmp_path, make, message):
    import_ucdp(picked[0])
    before = counts()
    path = tmp_path / "bad.csv"
    make(path)

    with pytest.raises(CommandError) as raised:
        run(path)

    assert message in str(raised.value)
    assert counts() == before


def test_pages_show_ucdp_sides_as_parties(picked, client):
    path, _ = picked
    import_ucdp(path)

    clash = client.get(reverse("incidents:detail", args=[Incident.objects.get(ucdp_id="114064").public_id]))
    attack = client.get(reverse("incidents:detail", args=[Incident.objects.get(ucdp_id="62366").public_id]))
    group = client.get(reverse("incidents:group-detail", args=[ArmedGroup.objects.get(name="IS").pk]))

    assert "<dt>Parties</dt>" in clash.text and "party (side b)" in clash.text and "<dt>Target" not in clash.text
    assert "<dt>Targets</dt>" in attack.text and "Civilians" in attack.text.split("<dt>Targets</dt>")[1][:300]
    assert "as target: <a" in group.text and "as a party (a side of fighting, no direction given)" in group.text
