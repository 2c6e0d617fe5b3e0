"""manage.py export_acled / export_ucdp and the two export views: the datasets' layouts, filters,
and incidents that were not imported from the layout's dataset (test_round_trips.py: those that were)."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from datasets.acled import EXPORT_COLUMNS as ACLED_COLUMNS
from datasets.acled import import_acled
from datasets.cells import cell
from datasets.layouts import UCDP_LAYOUT_HDX
from datasets.places import GeoLookups
from datasets.ucdp import EXPORT_COLUMNS as UCDP_COLUMNS
from datasets.ucdp import priogrid_gid
from datasets.views import export_acled_view, export_ucdp_view
from datasets.writing import csv_value
from geo.models import Country
from incidents.models import Incident
from incidents.models.choices import EventType, GroupKind, ParticipationRole, Status
from tests import factories

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data" / "datasets"
ACLED_CURRENT = DATA / "acled-current.csv"
ACLED_2020 = DATA / "acled-2020.csv"

# Columns an ACLED file keeps through an import and an export, compared as text, whole numbers or decimals.
ACLED_TEXT = [
    "event_id_cnty",
    "event_date",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "civilian_targeting",
    "region",
    "country",
    "admin2",
    "location",
    "source",
    "source_scale",
    "notes",
    "tags",
]
ACLED_NUMBERS = ["year", "time_precision", "iso", "geo_precision", "fatalities"]
ACLED_DECIMALS = ["latitude", "longitude"]
# Columns the incident holds nothing of, given back from the row kept at the import.
ACLED_KEPT_ONLY = ["inter1", "inter2", "interaction", "admin3", "timestamp"]


def read(path_or_text) -> tuple[list[str], list[dict]]:
    if isinstance(path_or_text, Path):
        path_or_text = path_or_text.read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(path_or_text, newline=""))
    return list(reader.fieldnames), list(reader)


def export(command: str, *args) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def number(text: str):
    return None if text.strip() == "" else int(float(text))


def same_governorate(geo: GeoLookups, country: str, original: str, exported: str) -> bool:
    country_id = geo.country(country)
    return geo.area(country_id, original) == geo.area(country_id, exported)


def compare(original: dict, exported: dict, text: list[str], numbers: list[str], decimals: list[str]) -> list[str]:
    """The kept columns whose values differ."""
    # Cells are read back as the importers read them: stripped, a formula-escaping apostrophe taken off.
    differ = [c for c in text if original.get(c, "").strip() != cell(exported, c)]
    differ += [c for c in numbers if c in original and number(original[c]) != number(exported[c])]
    differ += [c for c in decimals if float(original[c]) != float(exported[c])]
    return differ


def test_acled_current_layout_round_trip():
    import_acled(ACLED_CURRENT)
    geo = GeoLookups()

    header, rows = read(export("export_acled"))

    assert header == list(ACLED_COLUMNS)
    originals = {row["event_id_cnty"]: row for row in read(ACLED_CURRENT)[1]}
    assert sorted(row["event_id_cnty"] for row in rows) == sorted(originals)
    for row in rows:
        original = originals[row["event_id_cnty"]]
        assert compare(original, row, ACLED_TEXT, ACLED_NUMBERS, ACLED_DECIMALS) == [], row["event_id_cnty"]
        assert same_governorate(geo, original["country"], original["admin1"], row["admin1"])
        # Kept with the incident (datasets.models.DatasetRow), as test_round_trips.py checks in full.
        assert all(row[column] == original[column] for column in ACLED_KEPT_ONLY)


def test_acled_2020_layout_round_trip():
    import_acled(ACLED_2020)
    geo = GeoLookups()

    _, rows = read(export("export_acled"))

    originals = {row["event_id_cnty"]: row for row in read(ACLED_2020)[1]}
    for row in rows:
        original = dict(originals[row["event_id_cnty"]])
        original["event_date"] = datetime.datetime.strptime(original["event_date"], "%d-%b-%y").date().isoformat()
        kept = [c for c in ACLED_TEXT if c in original]
        assert compare(original, row, kept, ACLED_NUMBERS, ACLED_DECIMALS) == [], row["event_id_cnty"]
        assert same_governorate(geo, original["country"], original["admin1"], row["admin1"])
    assert {row["event_id_cnty"]: row["actor2"] for row in rows}["IRQ80002"] == "Civilians (Iraq)"


def test_priogrid_cells():
    assert priogrid_gid(33.355813, 43.786124) == 177568
    assert priogrid_gid(-90, -180) == 1
    assert priogrid_gid(90, 180) == 259200


def test_filters_select_the_rows(tmp_path):
    import_acled(ACLED_CURRENT)

    _, rows = read(export("export_acled", "--filter", "country=SY"))
    assert [row["event_id_cnty"] for row in rows] == ["SYR90005"]

    _, rows = read(export("export_acled", "--filter", "date_from=2024-02-01&date_to=2024-03-31"))
    assert [row["event_id_cnty"] for row in rows] == ["IRQ90004", "IRQ90003"]


def test_a_bad_filter_names_the_parameter():
    with pytest.raises(CommandError, match="Bad filter: date_from: Enter a valid date."):
        export("export_ucdp", "--filter", "date_from=yesterday")


def test_public_exports_leave_drafts_out():
    import_acled(ACLED_CURRENT)
    Incident.objects.filter(acled_event_id="IRQ90001").update(status=Status.DRAFT)

    _, staff_rows = read(export("export_acled"))
    _, public_rows = read(export("export_acled", "--public"))

    assert len(staff_rows) == 6
    assert "IRQ90001" not in {row["event_id_cnty"] for row in public_rows} and len(public_rows) == 5


def test_formula_like_text_is_escaped_and_comes_back(tmp_path):
    header, rows = read(ACLED_CURRENT)
    rows[0]["notes"] = "=HYPERLINK(invented)"
    source = tmp_path / "formula.csv"
    with open(source, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header)
        writer.writeheader()
        writer.writerows(rows)
    import_acled(source)
    exported = tmp_path / "exported.csv"

    call_command("export_acled", "-o", str(exported))

    assert {row["event_id_cnty"]: row["notes"] for row in read(exported)[1]}["IRQ90001"] == "'=HYPERLINK(invented)"
    assert import_acled(exported).unchanged == 6


def test_an_incident_recorded_by_hand_in_both_layouts():
    strike = factories.incident(
        title="Strike in Baghdad",
        summary="A drone strike killed two or four.",
        country=Country.objects.get(iso2="IQ"),
        latitude=33.3152,
        longitude=44.3661,
        status=Status.PUBLISHED,
    )
    us = factories.group(name="United States Armed Forces", kind=GroupKind.STATE_FORCE)
    militia = factories.group(name="Harakat al-Nujaba")
    strike.participations.create(group=us, role=ParticipationRole.PERPETRATOR)
    strike.participations.create(group=militia, role=ParticipationRole.TARGET)
    factories.claim(
        strike, report=factories.report(source=factories.source(name="Pentagon")), killed_min=2, killed_max=2
    )
    factories.claim(
        strike, report=factories.report(source=factories.source(name="Iraqi police")), killed_min=4, killed_max=4
    )

    _, (acled_row,) = read(export("export_acled"))
    _, (ucdp_row,) = read(export("export_ucdp"))

    # Its own ids, which neither dataset uses (datasets.writing.own_acled_event_id, own_ucdp_id).
    assert (acled_row["event_id_cnty"], acled_row["actor1"], acled_row["actor2"]) == (
        f"IRQT{strike.pk}",
        "United States Armed Forces",
        "Harakat al-Nujaba",
    )
    assert (acled_row["fatalities"], acled_row["source"], acled_row["notes"]) == (
        "2",
        "Iraqi police; Pentagon",
        "A drone strike killed two or four.",
    )
    assert (acled_row["admin1"], acled_row["iso"], acled_row["event_type"]) == (
        "Baghdad",
        "368",
        "Explosions/Remote violence",
    )
    assert (ucdp_row["id"], ucdp_row["type_of_violence"], ucdp_row["dyad_name"]) == (
        str(900_000_000 + strike.pk),
        "1",
        "United States Armed Forces - Harakat al-Nujaba",
    )
    assert (ucdp_row["low"], ucdp_row["best"], ucdp_row["high"], ucdp_row["deaths_a"]) == ("2", "2", "4", "")
    assert (ucdp_row["source_office"], ucdp_row["number_of_sources"]) == ("Iraqi police; Pentagon", "2")


def test_ucdp_events_in_acled_layout_and_back():
    import_acled(ACLED_CURRENT)

    _, rows = read(export("export_ucdp", "--filter", "country=IQ"))

    attack = next(row for row in rows if row["where_coordinates"] == "Mosul")
    assert (attack["type_of_violence"], attack["side_b"], attack["side_b_new_id"]) == ("3", "Civilians", "1")
    clash = next(row for row in rows if row["where_coordinates"] == "Tuz Khurmatu")
    assert (clash["type_of_violence"], clash["deaths_a"], clash["best"]) == ("1", "", "5")
    assert clash["side_a"] == "Military Forces of Iraq (2022-)"


def _body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def test_the_views_stream_the_filtered_list(rf, staff_user):
    import_acled(ACLED_CURRENT)
    Incident.objects.filter(acled_event_id="IRQ90004").update(status=Status.DRAFT)

    request = rf.get("/incidents/export-acled.csv", {"country": "IQ"})
    request.user = AnonymousUser()
    response = export_acled_view(request)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="incidents-acled-')
    ids = [row["event_id_cnty"] for row in read(_body(response))[1]]
    assert ids == ["IRQ90006", "IRQ90003", "IRQ90001", "IRQ90002"]

    request = rf.get("/incidents/export-ucdp.csv", {"event_type": EventType.VIOLENCE_AGAINST_CIVILIANS})
    request.user = staff_user
    header, rows = read(_body(export_ucdp_view(request)))
    assert header == list(UCDP_COLUMNS)
    assert [row["where_coordinates"] for row in rows] == ["Mosul"]


def test_the_views_answer_a_bad_parameter_with_400(rf):
    request = rf.get("/incidents/export-ucdp.csv", {"killed_min": "-3"})
    request.user = AnonymousUser()

    response = export_ucdp_view(request)

    assert response.status_code == 400
    assert "killed_min" in response.content.decode()


@pytest.mark.parametrize("view", [export_acled_view, export_ucdp_view])
def test_export_queries_do_not_grow_with_the_rows(rf, staff_user, view):
    def queries() -> int:
        request = rf.get("/export.csv")
        request.user = staff_user
        with CaptureQueriesContext(connection) as captured:
            _body(view(request))
        return len(captured.captured_queries)

    import_acled(ACLED_2020)
    few = queries()
    import_acled(ACLED_CURRENT)

    assert queries() == few


@pytest.mark.parametrize(
    ("value", "guarded"),
    [
        ("-Sharqiyah TV, Dubai, in Arabic 0000 gmt", False),
        ("-1", False),
        ("-2.5", False),
        ("Test; =Wire", False),
        ("=HYPERLINK(invented)", True),
        ("+964 770", True),
        ("@SUM(A1)", True),
        ("-2+3", True),
        ("-A1", True),
        ("-HYPERLINK(invented)", True),
        ("- (1)", True),
        ("\tTab", True),
    ],
)
def test_the_formula_guard_marks_only_what_a_spreadsheet_computes(value, guarded):
    assert (csv_value(value) == "'" + value) is guarded
    assert csv_value(value) in (value, "'" + value)


def test_the_ucdp_view_writes_the_hdx_layout_and_notes(rf, staff_user):
    import_acled(ACLED_CURRENT)
    request = rf.get("/incidents/export-ucdp.csv", {"layout": "hdx", "notes": "1"})
    request.user = staff_user

    header, rows = read(_body(export_ucdp_view(request)))

    assert header == [*UCDP_LAYOUT_HDX.columns, "tracker_note"]
    assert rows[0]["year"] == "#date+year" and len(rows) == 7
    assert {row["iso3"] for row in rows[1:]} == {"IRQ", "SYR"}


@pytest.mark.parametrize("query", [{"layout": "wide"}, {"notes": "yes"}])
def test_the_views_refuse_an_unknown_layout_or_notes(rf, query):
    request = rf.get("/incidents/export-ucdp.csv", query)
    request.user = AnonymousUser()

    response = export_ucdp_view(request)

    assert response.status_code == 400
    assert next(iter(query)) in response.content.decode()


def test_a_force_named_for_spans_of_years_is_written_with_the_name_for_the_incidents_year():
    us = factories.group(name="United States Armed Forces", kind=GroupKind.STATE_FORCE)
    for value in [
        "Military Forces of the United States (2017-2021)",
        "Military Forces of the United States (2021-)",
        "Military Forces of the United States (2021-2025)",
        "Military Forces of the United States (2025-)",
    ]:
        us.external_names.create(dataset="acled", value=value)
    for day in (datetime.date(2019, 6, 1), datetime.date(2024, 1, 4), datetime.date(2025, 3, 1)):
        strike = factories.incident(title=f"Strike {day}", start_date=day, status=Status.PUBLISHED)
        strike.participations.create(group=us, role=ParticipationRole.PERPETRATOR)
    factories.incident(title="Strike 2010", start_date=datetime.date(2010, 5, 1), status=Status.PUBLISHED)
    Incident.objects.get(title="Strike 2010").participations.create(group=us, role=ParticipationRole.PERPETRATOR)

    _, acled_rows = read(export("export_acled"))

    named = {row["event_date"]: row["actor1"] for row in acled_rows}
    assert named == {
        "2010-05-01": "Military Forces of the United States (2017-2021)",  # no span holds it: the first name
        "2019-06-01": "Military Forces of the United States (2017-2021)",
        "2024-01-04": "Military Forces of the United States (2021-2025)",
        "2025-03-01": "Military Forces of the United States (2025-)",
    }
