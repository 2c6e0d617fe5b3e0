"""The contract between the export's two writers, Python's (`records`, every database) and
PostgreSQL's (`postgres`, the database writes each batch's text): the same bytes for the same
rows, for awkward values, across batch boundaries, with every filter and sort the export takes.

Each test runs for every writer the test database has (on SQLite, the Python writer only) and
checks the text itself as well as comparing it with the Python writer's with the default batch
size.
"""

import csv
import datetime
import io
import json
import time

import pytest
from django.db import connection
from django.http import QueryDict
from django.urls import reverse

from geo.models import AdminArea
from incidents.exports import layout, postgres, records
from incidents.filters import IncidentFilter
from incidents.models import ArmedGroup, Incident, Participation
from incidents.models.choices import DatePrecision, Means, ParticipationRole, Status
from tests import factories

pytestmark = pytest.mark.django_db

PATHS = ["python", *(["postgres"] if connection.vendor == "postgresql" else [])]
SITE = "https://example.org"


def _absolute(path: str) -> str:
    return SITE + path


def _chunks(path: str, kind: str, queryset, batch_size: int = layout.BATCH_SIZE):
    if path == "postgres":
        return (postgres.csv_chunks if kind == "csv" else postgres.geojson_chunks)(queryset, _absolute, batch_size)
    found = records.iter_records(queryset, layout.detail_url_maker(_absolute), batch_size)
    return (records.csv_chunks if kind == "csv" else records.geojson_chunks)(found)


def _write(path: str, kind: str, queryset, batch_size: int = layout.BATCH_SIZE) -> str:
    return "".join(_chunks(path, kind, queryset, batch_size))


def _reference(kind: str, queryset) -> str:
    return _write("python", kind, queryset)


def _csv_rows(text: str) -> list[dict]:
    assert text.startswith(layout.BOM)
    reader = csv.DictReader(io.StringIO(text.removeprefix(layout.BOM), newline=""))
    assert reader.fieldnames == layout.COLUMNS
    return list(reader)


def _features(text: str) -> list[dict]:
    return json.loads(text)["features"]


# Awkward values ---------------------------------------------------------------------------------

FORMULAS = ["=1+2", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"]
TEXTS = [
    "Plain words",
    'He said "no civilians", then left',
    "Line one\nline two, with a comma",
    "Carriage\r\nreturn",
    "غارة بطائرة مسيّرة على مقر حركة النجباء",
    "Éclair ⟨raid⟩ 🚀",
    "back\\slash and \x01 control",
    "",
    *FORMULAS,
]
COORDINATES = [
    (None, None),
    (33.0, 44.0),
    (33.3128, 44.3615),
    (36.0, 43.125),
    (0.00001, 0.0001),
    (-33.5, -0.0),
    (89.99999999999999, 179.99999999999997),
    (0.1 + 0.2, 1 / 3),
    (-90.0, 180.0),
]
TIMES = [None, datetime.time(9, 0), datetime.time(9, 0, 0, 500000), datetime.time(23, 59, 59, 1)]
GROUP_NAMES = ["beta front", "Alpha Brigade", "alpha", "ßeta", 'Zulu, "the" group', "حركة النجباء", "=cmd", "-x"]


@pytest.fixture
def awkward():
    """Incidents with nulls and empty text everywhere, several groups per role, several sources,
    text a spreadsheet would run or a CSV reader would split, and coordinates of every form; and
    some with none of that (PostgreSQL writes those lines a quicker way)."""
    areas = list(AdminArea.objects.filter(iso_code__in=["IQ-BG", "SY-DI"]).order_by("iso_code"))
    groups = [factories.group(name=name) for name in GROUP_NAMES]
    sources = [factories.source(name=name) for name in ("Reuters", "=Agency", "وكالة الأنباء")]
    reports = [
        factories.report(source=sources[0], title="Strike, said the ministry", url="https://x.example/1"),
        factories.report(source=sources[1], title='A "quoted" title', url="", published_on=datetime.date(2023, 1, 2)),
        factories.report(source=sources[2], title="تقرير", url="https://x.example/2?a=1&b=2"),
        factories.report(source=sources[0], title="Strike, said the ministry", url="https://x.example/1"),
    ]
    roles = list(ParticipationRole.values)
    precisions = list(DatePrecision.values)
    means = [[], [Means.DRONE, Means.ROCKET], [Means.AIR_STRIKE]]
    made = []
    for i in range(30):
        latitude, longitude = COORDINATES[i % len(COORDINATES)]
        text = TEXTS[i % len(TEXTS)]
        area = areas[i % 2] if i % 3 else None
        incident = factories.incident(
            public_id=f"INC-Ä {i}/x" if i == 5 else f"INC-T{i:04d}",
            title=text or "untitled",
            place_name=TEXTS[(i + 3) % len(TEXTS)],
            district=text,
            start_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i % 4),
            end_date=datetime.date(2024, 2, 1) if i % 5 == 0 else None,
            date_precision=precisions[i % len(precisions)],
            time_utc=TIMES[i % len(TIMES)],
            means=means[i % len(means)],
            admin_area=area,
            country=area.country if area else None,
            latitude=latitude,
            longitude=longitude,
            status=Status.PUBLISHED,
            acled_event_id=f"ACL{i}" if i % 2 else None,
            ucdp_id="" if i == 1 else f"=U{i}" if i % 4 == 3 else None,
        )
        for j, group in enumerate(groups):
            if (i + j) % 2 == 0:
                role = roles[(i + j // 4) % len(roles)]
                Participation.objects.create(incident=incident, group=group, role=role)
        if i % 2:
            for report in reports[: 1 + i % 4]:
                factories.claim(incident, report=report, killed_min=i % 3, killed_max=i % 5 + 2)
        if i % 3 == 1:
            factories.statement(report=reports[2]).incidents.add(incident)
        Incident.objects.filter(pk=incident.pk).update(
            killed_low=None if i % 4 == 0 else i % 3,
            killed_best=None if i % 4 == 0 else i % 3,
            killed_high=None if i % 4 == 0 else i % 3 + 2,
            contested=bool(i % 2),
        )
        made.append(incident)
    for k in range(2):
        plain = factories.incident(
            public_id=f"INC-P{k}", title="Plain words", place_name="Baghdad", status=Status.PUBLISHED
        )
        Participation.objects.create(incident=plain, group=groups[1], role=ParticipationRole.TARGET)
        if k:
            factories.claim(plain, report=reports[0], killed_min=1, killed_max=1)
        made.append(plain)
    return made


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("batch_size", [1, 4, layout.BATCH_SIZE])
def test_awkward_values_give_the_same_csv_on_every_path(awkward, path, batch_size):
    queryset = IncidentFilter(QueryDict(), queryset=Incident.objects.published()).qs
    text = _write(path, "csv", queryset, batch_size)
    assert text == _reference("csv", queryset)
    rows = {row["public_id"]: row for row in _csv_rows(text)}
    assert len(rows) == len(awkward)

    assert rows["INC-Ä 5/x"]["url"] == SITE + reverse("incidents:detail", args=["INC-PLACEHOLDER"]).replace(
        "INC-PLACEHOLDER", "INC-%C3%84%205%2Fx"
    )
    assert rows["INC-T0001"]["url"] == SITE + reverse("incidents:detail", args=["INC-T0001"])
    by_title = {row["title"]: row for row in rows.values()}
    for formula in FORMULAS:
        assert by_title["'" + formula]["district"] == "'" + formula
    assert by_title['He said "no civilians", then left']["title"] == 'He said "no civilians", then left'
    assert by_title["Carriage\r\nreturn"]["district"] == "Carriage\r\nreturn"
    assert by_title["untitled"]["district"] == ""
    for incident in awkward:
        incident.refresh_from_db()
        row = rows[incident.public_id]
        assert row["latitude"] == ("" if incident.latitude is None else repr(incident.latitude))
        assert row["longitude"] == ("" if incident.longitude is None else repr(incident.longitude))
    coordinates = {(row["latitude"], row["longitude"]) for row in rows.values()}
    assert {("33.0", "44.0"), ("", ""), ("1e-05", "0.0001"), ("-90.0", "180.0")} <= coordinates
    assert ("0.30000000000000004", "0.3333333333333333") in coordinates
    assert {row["time_utc"] for row in rows.values()} == {"", "09:00:00", "09:00:00.500000", "23:59:59.000001"}
    assert rows["INC-T0001"]["ucdp_id"] == rows["INC-T0002"]["ucdp_id"] == ""
    assert rows["INC-T0003"]["ucdp_id"] == "'=U3"
    assert (rows["INC-P0"]["sources"], rows["INC-P0"]["targets"]) == ("", "Alpha Brigade")
    assert rows["INC-P1"]["sources"] == "Reuters, 2024-01-05, Strike, said the ministry <https://x.example/1>"
    assert {row["contested"] for row in rows.values()} == {"true", "false"}
    assert {row["killed_best"] for row in rows.values()} == {"", "0", "1", "2"}
    assert "drone; rocket" in {row["means"] for row in rows.values()}
    listed = [row["perpetrators"] for row in rows.values() if row["perpetrators"].count(";") >= 1]
    assert listed, "some incident has several perpetrators"
    for cell in listed:
        names = cell.removeprefix("'").split("; ")
        assert names == sorted(names, key=lambda name: (name.casefold(), name))
    sources = [row["sources"] for row in rows.values() if row["sources"].count(" | ") >= 2]
    assert sources
    assert all("Reuters, 2024-01-05, Strike, said the ministry <https://x.example/1>" in s for s in sources)
    assert any(s.startswith('\'=Agency, 2023-01-02, A "quoted" title | ') for s in sources)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("batch_size", [1, 4, layout.BATCH_SIZE])
def test_awkward_values_give_the_same_geojson_on_every_path(awkward, path, batch_size):
    queryset = IncidentFilter(QueryDict(), queryset=Incident.objects.published()).qs
    text = _write(path, "geojson", queryset, batch_size)
    assert text == _reference("geojson", queryset)
    features = {feature["id"]: feature for feature in _features(text)}
    assert len(features) == len(awkward)
    for incident in awkward:
        incident.refresh_from_db()
        feature = features[incident.public_id]
        properties = feature["properties"]
        assert list(properties) == layout.COLUMNS
        assert properties["title"] == incident.title
        assert properties["district"] == incident.district
        assert properties["ucdp_id"] == incident.ucdp_id
        assert properties["latitude"] == incident.latitude
        assert properties["time_utc"] == (incident.time_utc.isoformat() if incident.time_utc else None)
        if incident.latitude is None:
            assert feature["geometry"] is None
        else:
            assert feature["geometry"]["coordinates"] == [incident.longitude, incident.latitude]
        assert properties["means"] == incident.means
        assert properties["killed_best"] == incident.killed_best
    assert '"latitude":33.0,"longitude":44.0' in text
    assert '"latitude":1e-05,"longitude":0.0001' in text
    assert "\\u0001" in text and '\\"no civilians\\"' in text and "\\r\\n" in text


# Filters and sorts, across batches ------------------------------------------------------------------

SORTS = ["", "date", "-date", "killed", "-killed", "place", "-place", "governorate", "-governorate", "title", "-title"]


def _filter_cases(groups) -> list[dict]:
    return [
        {},
        {"group": groups["alpha"].pk},
        {"group": groups["beta"].pk, "role": "target"},
        {"group": groups["alpha"].pk, "role": "perpetrator"},
        {"contested": "true"},
        {"civilian_harm": "false"},
        {"country": "IQ"},
        {"governorate": ["IQ-BG", "SY-DI"]},
        {"event_type": "remote_violence"},
        {"q": "strike"},
        {"q": "'; DROP TABLE incidents_incident; --"},
        {"q": '100% \\ %s %(x)s "quoted" ’'},
        {"date_from": "2024-01-02", "date_to": "2024-01-03"},
        {"means": ["drone", "rocket"]},
        {"killed_min": "1"},
        {"bbox": "40,30,50,40"},
        {"status": ["published", "draft"]},
    ]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("sort", SORTS)
def test_every_filter_and_sort_gives_the_same_text_across_batches(awkward, path, sort):
    groups = {"alpha": ArmedGroup.objects.get(name="alpha"), "beta": ArmedGroup.objects.get(name="beta front")}
    Incident.objects.filter(pk__in=[awkward[3].pk, awkward[4].pk]).update(status=Status.DRAFT)
    Incident.objects.filter(pk=awkward[7].pk).update(title="A strike")
    for case in _filter_cases(groups):
        params = QueryDict(mutable=True)
        for name, value in {**case, **({"sort": sort} if sort else {})}.items():
            params.setlist(name, value if isinstance(value, list) else [value])
        filterset = IncidentFilter(params, queryset=Incident.objects.all())
        assert filterset.is_valid(), filterset.errors
        expected_ids = list(filterset.qs.values_list("public_id", flat=True))
        for kind in ("csv", "geojson"):
            text = _write(path, kind, filterset.qs, batch_size=3)
            assert text == _reference(kind, filterset.qs), (case, kind)
            found = _csv_rows(text) if kind == "csv" else _features(text)
            assert [row.get("public_id") or row.get("id") for row in found] == expected_ids, (case, kind)


# Groups and queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS)
def test_a_group_made_during_an_export_is_sorted_like_the_others(path):
    first = factories.incident(title="First", status=Status.PUBLISHED, start_date=datetime.date(2024, 1, 2))
    second = factories.incident(title="Second", status=Status.PUBLISHED, start_date=datetime.date(2024, 1, 1))
    # The first row is longer than a chunk, so the Python path too hands it over before reading on.
    ArmedGroup.objects.bulk_create(ArmedGroup(name=f"g{n:03d}" + "x" * 195) for n in range(340))
    Participation.objects.bulk_create(
        Participation(incident=first, group=group, role=ParticipationRole.TARGET)
        for group in ArmedGroup.objects.filter(name__startswith="g")
    )
    for name in ("Group", "Zulu"):
        Participation.objects.create(incident=second, group=factories.group(name=name), role=ParticipationRole.TARGET)
    queryset = Incident.objects.published().order_by("-start_date", "-id")
    chunks = iter(_chunks(path, "csv", queryset, batch_size=1))
    text = next(chunks) + next(chunks)
    assert "Second" not in text
    # After the first batch, and so after the groups were ranked: a name that sorts first.
    Participation.objects.create(incident=second, group=factories.group(name="aardvark"), role=ParticipationRole.TARGET)
    text += "".join(chunks)
    rows = _csv_rows(text)
    assert rows[1]["targets"] == "aardvark; Group; Zulu"
    assert text == _reference("csv", queryset)


@pytest.mark.parametrize("path", PATHS)
def test_queries_grow_with_batches_not_rows(path, django_assert_num_queries):
    report = factories.report()
    for i in range(30):
        incident = factories.incident(status=Status.PUBLISHED, title=f"Incident {i:02d}")
        Participation.objects.create(incident=incident, group=factories.group(), role=ParticipationRole.TARGET)
        factories.claim(incident, report=report, killed_min=1, killed_max=2)
    queryset = Incident.objects.order_by("title", "-id")
    # Python: three queries a batch (rows, groups, sources). PostgreSQL: the groups' ranking once,
    # then three a batch (its ids, its settings, its text). Six full batches and the query that
    # finds no more rows.
    expected = 7 * 3 - 2 if path == "python" else 1 + 6 * 3 + 1
    with django_assert_num_queries(expected):
        text = _write(path, "csv", queryset, batch_size=5)
    assert len(_csv_rows(text)) == 30


if connection.vendor == "postgresql":

    def _connections_to_this_database(wanted: int | None = None) -> int:
        """Client connections to the test database (not autovacuum's); with `wanted`, the count once
        it is that, or after 10 s: a server process leaves the list a moment after its client."""
        deadline = time.monotonic() + 10
        while True:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND backend_type = 'client backend'"
                )
                count = cursor.fetchone()[0]
            if wanted is None or count == wanted or time.monotonic() > deadline:
                return count
            time.sleep(0.05)

    @pytest.mark.django_db(transaction=True)
    def test_batches_written_in_parallel_outside_a_transaction_give_the_same_text(monkeypatch):
        """Outside a transaction (as a streamed response is read) PostgreSQL's batches are written
        over PARALLEL connections at once; in order, and their connections closed at the end, even
        when the reader stops early."""
        report = factories.report()
        for i in range(23):
            incident = factories.incident(status=Status.PUBLISHED, title=f"Incident {i:02d}", killed_best=i % 4)
            Participation.objects.create(incident=incident, group=factories.group(), role=ParticipationRole.TARGET)
            factories.claim(incident, report=report, killed_min=1, killed_max=2)
        submitted = []
        real_submit = postgres._Workers.submit
        monkeypatch.setattr(postgres._Workers, "submit", lambda self, *a: submitted.append(a) or real_submit(self, *a))
        assert not connection.in_atomic_block
        before = _connections_to_this_database()
        for sort in (["title", "-id"], ["-killed_best", "id"]):
            queryset = Incident.objects.order_by(*sort)
            for kind in ("csv", "geojson"):
                assert _write("postgres", kind, queryset, batch_size=4) == _reference(kind, queryset)
        assert len(submitted) == 4 * 6  # six batches of at most four rows, each written by a worker
        # A reader that stops after the first batch: the workers stop and close their connections.
        chunks = _chunks("postgres", "csv", Incident.objects.order_by("title"), batch_size=2)
        next(chunks), next(chunks)
        chunks.close()
        assert _connections_to_this_database(wanted=before) == before

    def test_a_batch_whose_rows_were_deleted_meanwhile_writes_nothing(monkeypatch):
        for i in range(3):
            factories.incident(status=Status.PUBLISHED, title=f"Incident {i}")
        queryset = Incident.objects.order_by("title")
        expected = _reference("csv", queryset)
        found = postgres._batch_ids

        def deleted_in_between(*args):
            # A batch whose incidents were deleted after their ids were read, then the real ones.
            yield [10**9, 10**9 + 1]
            yield from found(*args)

        monkeypatch.setattr(postgres, "_batch_ids", deleted_in_between)
        assert _write("postgres", "csv", queryset) == expected


# As of a moment ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("batch_size", [1, layout.BATCH_SIZE])
def test_an_export_as_of_a_moment_gives_the_text_written_then(path, batch_size):
    from django.utils import timezone

    from releases.asof import incident_rows

    groups = [factories.group(name=name) for name in ("Alpha Brigade", "beta front")]
    made = []
    for i in range(5):
        incident = factories.incident(
            title=f"Strike {i}", status=Status.PUBLISHED, start_date=datetime.date(2024, 1, 1 + i % 3)
        )
        Participation.objects.create(incident=incident, group=groups[i % 2], role=ParticipationRole.PERPETRATOR)
        factories.claim(incident, killed_min=i, killed_max=i + 1)
        factories.statement().incidents.add(incident)
        made.append(incident)
    then = {kind: _write(path, kind, Incident.objects.published()) for kind in ("csv", "geojson")}
    moment = timezone.now()
    time.sleep(0.001)

    made[0].title = "Retitled later"
    made[0].save()
    made[1].status = Status.RETRACTED
    made[1].save()
    made[2].participations.all().delete()
    claim = made[3].claims.get()
    claim.killed_min = claim.killed_max = 40
    claim.save()
    made[4].status = Status.DRAFT
    made[4].save()
    factories.incident(title="Published later", status=Status.PUBLISHED)

    rows = IncidentFilter(QueryDict(), queryset=incident_rows(moment)).qs
    for kind in ("csv", "geojson"):
        if path == "postgres":
            writer = postgres.csv_chunks if kind == "csv" else postgres.geojson_chunks
            text = "".join(writer(rows, _absolute, batch_size, moment))
        else:
            found = records.iter_records(rows, layout.detail_url_maker(_absolute), batch_size, moment)
            text = "".join((records.csv_chunks if kind == "csv" else records.geojson_chunks)(found))
        assert text == then[kind], kind
