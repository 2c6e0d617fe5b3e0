"""The benchmark code paths at small scale, so `make bench` cannot rot between runs: every case
answers on a database of a few thousand synthetic incidents with a bounded number of queries, the
baselines are working implementations giving the same rows, the import and export measurements
run, and the report renders. No timings are asserted."""

import csv
import io
import json
import mmap
import os
import shutil

import pytest
from django.db import connection
from django.test import Client

from benchmarks import baselines, browser, cases, data, floor, inprocess, load, measure, run
from incidents import synthetic
from incidents.demo import load_demo
from incidents.models import CasualtyClaim, Incident, Participation

SMALL = 2000

# Queries per request: fixed whatever the number of matching incidents.
MAX_QUERIES = {"map": 6, "list": 10, "incident": 25, "group": 16, "api": 12, "trends": 20}
# At a moment a page reads each part from its history table and attaches it (releases.asof): a fixed
# number of queries more, whatever the number of rows.
AS_OF_QUERIES = {"group": 30}


def _max_queries(case) -> int:
    return AS_OF_QUERIES[case.group] if "as_of=" in case.url else MAX_QUERIES[case.group]


def _small_database():
    # The founding report alone: with the actor catalogue's fifty groups the synthetic incidents
    # would spread too thin for the "armed group, page 2" case to have a second page.
    load_demo()
    synthetic.generate(SMALL, seed=5)


@pytest.fixture
def small_db(db, settings):
    settings.ROOT_URLCONF = "benchmarks.urls"
    _small_database()
    return inprocess.context()


def _page_cases(ctx):
    return [case for make in cases.PAGE_GROUPS.values() for case in make(ctx)]


def test_context_fits_the_data(small_db):
    assert Participation.objects.filter(group_id=small_db.group_id).exists()
    assert Incident.objects.published().filter(public_id=small_db.synthetic_incident).exists()
    # Fewer incidents than an export case asks for: the export takes them all.
    assert small_db.export_from is None


@pytest.mark.parametrize("group", sorted(cases.PAGE_GROUPS))
def test_every_case_answers_with_bounded_queries(small_db, group, settings, django_assert_max_num_queries):
    settings.MAP_CACHE_SECONDS = 0  # the views' own queries; the shared cache adds a constant few
    client = Client()
    for case in cases.PAGE_GROUPS[group](small_db):
        with django_assert_max_num_queries(_max_queries(case)):
            response = client.get(case.url)
        assert response.status_code == 200, case.url
        if case.baseline:
            assert client.get(case.baseline).status_code == 200, case.baseline


def test_map_cases_stay_bounded_and_the_baseline_returns_every_match(small_db):
    client = Client()
    for case in cases.map_cases(small_db):
        if not case.baseline:
            continue
        ours = client.get(case.url).json()
        assert len(ours["features"]) <= 2500
        everything = client.get(case.baseline).json()
        # The baseline sends each incident in view; ours counts the same ones.
        assert len(everything) == ours["total"], case.name
        if ours["mode"] == "points":
            assert sorted(f["public_id"] for f in ours["features"]) == sorted(i["public_id"] for i in everything)


def test_list_and_api_baselines_show_the_same_incidents(small_db):
    client = Client()
    for sort in cases.LIST_SORTS:
        ours = client.get(f"/incidents/?sort={sort}&page=3")
        naive = client.get(f"/bench/incidents/?sort={sort}&page=3")
        assert [i.public_id for i in ours.context["page"]] == [i.public_id for i in naive.context["page"]]
    for case in cases.api_cases(small_db):
        ours, naive = client.get(case.url).json(), client.get(case.baseline).json()
        assert ours["count"] == naive["count"]
        assert ours["results"] == naive["results"]


def test_baseline_pages_render_what_the_pages_render(small_db):
    client = Client()
    for case in cases.page_cases(small_db):
        if not case.baseline:
            continue
        ours, naive = client.get(case.url), client.get(case.baseline)
        if case.group == "group":
            for key in ("perpetrator_count", "target_count", "involved_count"):
                assert ours.context[key] == naive.context[key]
            assert [(m["month"], m["n"]) for m in ours.context["monthly"]] == [
                (m["month"], m["n"]) for m in naive.context["monthly"]
            ]
        else:
            assert ours.context["accounts"] == naive.context["accounts"]


def test_the_trends_baseline_draws_the_same_figures(small_db):
    client = Client()
    for case in cases.trends_cases(small_db):
        if case.baseline is None:
            continue
        ours, naive = client.get(case.url), client.get(case.baseline)
        assert ours.status_code == naive.status_code == 200, case.url
        if "trend" not in ours.context or not ours.context["trend"].periods:
            continue
        assert [(p.start, p.total) for p in ours.context["trend"].periods] == [
            (p.start, p.total) for p in naive.context["trend"].periods
        ], case.url


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_baseline_exports_hold_the_same_rows(small_db):
    client = Client()
    ours = client.get("/incidents/export.csv")
    naive = client.get("/bench/incidents/export.csv")
    assert ours.streaming and not naive.streaming
    ours_rows, naive_rows = _csv_rows(b"".join(ours.streaming_content)), _csv_rows(naive.content)
    assert len(ours_rows) == Incident.objects.published().count() + 1
    assert sorted(ours_rows) == sorted(naive_rows)
    geojson = json.loads(b"".join(client.get("/incidents/export.geojson").streaming_content))
    naive_geojson = client.get("/bench/incidents/export.geojson").json()
    assert len(geojson["features"]) == len(naive_geojson["features"]) == len(ours_rows) - 1


def test_export_queries_grow_with_batches_not_rows(small_db, django_assert_max_num_queries):
    client = Client()
    for kind in ("csv", "geojson"):
        # Filters, then per batch of 2,000: the incidents, their groups, their sources.
        with django_assert_max_num_queries(12):
            response = client.get(f"/incidents/export.{kind}")
            b"".join(response.streaming_content)


def test_run_case_measures_both_sides_and_counts_queries(small_db):
    (case,) = [c for c in cases.map_cases(small_db) if c.name.startswith("Baghdad")]
    result = inprocess.run_case(Client(), case, warmup=1, repeat=2, budget=60, log=lambda _: None)
    for side in ("ours", "baseline"):
        assert result[side]["runs"] == 2 and not result[side]["error"]
        assert result[side]["extra"]["queries"] >= 1
    assert result["ours"]["extra"]["mode"] == "points"


def test_run_export_reports_rows_first_byte_and_memory(small_db):
    result = inprocess.run_export(Client(), "csv", "ours", log=lambda _: None, warmup=0, repeat=1)
    extra = result["ours"]["extra"]
    assert extra["rows"] == Incident.objects.published().count()
    assert extra["first_byte"] <= extra["first_data"]
    assert extra["rss_peak"] >= extra["rss_before"] > 0
    naive = inprocess.run_export(Client(), "geojson", "baseline", log=lambda _: None, warmup=0, repeat=1)
    assert naive["baseline"]["extra"]["first_byte"] == naive["baseline"]["extra"]["first_data"]


def test_synthetic_acled_file_imports_whole_then_unchanged(db, tmp_path):
    path = data.write_acled_csv(tmp_path / "acled.csv", 300)
    result = inprocess.run_import("acled", path, "ours", cap=60, log=lambda _: None)
    assert result["new"]["new"] == 300
    assert result["again"]["unchanged"] == 300
    assert Incident.objects.filter(acled_event_id__isnull=False).count() == 300


def test_the_floor_of_an_import_is_measured_beside_it(db, tmp_path):
    path = data.write_acled_csv(tmp_path / "acled.csv", 300)
    result = inprocess.run_import("acled", path, "ours", cap=60, log=lambda _: None)
    if connection.vendor != "postgresql":
        assert "floor" not in result  # COPY and index builds are PostgreSQL's
        return
    least = result["floor"]
    assert least["rows"] == 300
    assert set(least["tables"]) == set(floor.tables())
    assert least["seconds"] == pytest.approx(least["copy"] + least["indexes"])
    assert least["rows_per_second"] == pytest.approx(300 / least["seconds"])
    with connection.cursor() as cursor:
        for table, part in least["tables"].items():
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - the tables' own names
            assert part["rows"] == cursor.fetchone()[0] > 0
            assert part["bytes"] > 0
            # Every index of the table was built on its copy, primary key included.
            cursor.execute("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = %s::regclass", [table])
            assert set(part["indexes"]) == {name for (name,) in cursor.fetchall()}
        # The copies went with the rollback.
        cursor.execute("SELECT count(*) FROM pg_class WHERE relname LIKE 'floor\\_%%'")
        assert cursor.fetchone()[0] == 0
    assert Incident.objects.filter(acled_event_id__isnull=False).count() == 300


@pytest.mark.parametrize(
    ("definition", "expected"),
    [
        (
            "CREATE UNIQUE INDEX t_pkey ON public.incidents_report USING btree (id)",
            "CREATE UNIQUE INDEX floor_1_0 ON floor_1 USING btree (id)",
        ),
        (
            "CREATE INDEX inc_trgm ON public.incidents_report USING gin (upper(summary) gin_trgm_ops)",
            "CREATE INDEX floor_1_0 ON floor_1 USING gin (upper(summary) gin_trgm_ops)",
        ),
        (
            "CREATE INDEX s ON ONLY incidents_report USING btree (title DESC NULLS LAST, id DESC) WHERE (x IS NULL)",
            "CREATE INDEX floor_1_0 ON ONLY floor_1 USING btree (title DESC NULLS LAST, id DESC) WHERE (x IS NULL)",
        ),
    ],
)
def test_an_index_definition_is_rewritten_for_the_copy(definition, expected):
    assert floor.on_copy(definition, "incidents_report", "floor_1", "floor_1_0") == expected


def test_an_index_of_another_table_is_refused():
    with pytest.raises(ValueError, match="unexpected index definition"):
        floor.on_copy("CREATE INDEX i ON public.incidents_reporter USING btree (id)", "incidents_report", "c", "n")


def _imported():
    return sorted(
        Incident.objects.filter(acled_event_id__isnull=False).values_list(
            "acled_event_id", "title", "start_date", "killed_best", "admin_area_id"
        )
    )


def test_row_by_row_baseline_imports_the_same_incidents(db, tmp_path):
    path = data.write_acled_csv(tmp_path / "acled.csv", 200)
    done = baselines.import_acled(path)
    assert done.finished and done.rows == 200
    naive = _imported()
    assert CasualtyClaim.objects.filter(incident__acled_event_id__isnull=False).count() == 200
    Incident.objects.filter(acled_event_id__isnull=False).delete()
    inprocess.run_import("acled", path, "ours", cap=60, log=lambda _: None)
    assert _imported() == naive


def test_row_by_row_baseline_stops_at_its_deadline(db, tmp_path):
    lines = run.UCDP_SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "ucdp.csv"
    path.write_text("".join(lines[:102]), encoding="utf-8")
    stopped = baselines.import_ucdp(path, deadline=0)
    assert stopped.rows == 0 and not stopped.finished
    done = baselines.import_ucdp(path)
    assert done.finished and done.rows == 100
    assert Incident.objects.filter(ucdp_id__isnull=False).count() == 100


def test_measure_takes_median_and_p95_of_timed_runs():
    calls = []
    stats = measure.measure(lambda: calls.append(1) or {"n": len(calls)}, warmup=2, repeat=5, budget=60)
    assert len(calls) == 7 and stats.runs == 5
    assert stats.minimum <= stats.median <= stats.p95
    assert stats.extra == {"n": 7}
    assert measure.percentile([5, 1, 4, 2, 3], 95) == 5
    assert measure.percentile([5, 1, 4, 2, 3], 50) == 3


def test_measure_stops_a_run_at_the_cap_and_reports_failures():
    import time

    capped = measure.measure(lambda: time.sleep(5), warmup=0, repeat=3, cap=0.05)
    assert capped.capped and capped.runs == 0
    failed = measure.measure(lambda: 1 / 0, warmup=0, repeat=3)
    assert failed.error.startswith("ZeroDivisionError")


def test_peak_rss_sees_memory_taken_inside_the_block():
    # Fresh anonymous pages: a bytearray may be carved from heap memory an earlier test freed
    # and the allocator kept resident, which touching does not add to the resident set.
    with mmap.mmap(-1, 64 * 2**20) as block, measure.PeakRss(interval=0.001) as rss:
        for offset in range(0, len(block), 4096):
            block[offset] = 1
    assert rss.peak - rss.before >= 32 * 2**20


def test_worker_memory_reads_child_processes():
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        memory = load.worker_memory(os.getpid())
        assert memory.get(child.pid, 0) > 0
    finally:
        child.kill()
        child.wait()


def test_wrk_scripts_are_present_for_each_scenario():
    for script in load.SCENARIOS.values():
        text = (load.WRK_DIR / script).read_text()
        assert "function request()" in text and "common.done" in text
    assert shutil.which("gunicorn") or (data.ROOT / ".venv" / "bin" / "gunicorn").exists()


def _stats(median, p95=None, **extra):
    return {"runs": 5, "median": median, "p95": p95 or median, "capped": False, "cap": 60, "error": "", "extra": extra}


def test_report_judges_each_target_against_its_baseline():
    capped = {"runs": 0, "median": None, "p95": None, "capped": True, "cap": 60, "error": "", "extra": {}}
    results = {
        "machine": {
            "cores": 2,
            "cpu": "test",
            "memory_gib": 24,
            "python": "3.11",
            "postgresql": "15",
            "postgresql_settings": {"work_mem": "4MB"},
            "commit": "abc",
            "started": "now",
            "loadavg_start": [1.0, 1.0, 1.0],
        },
        "loadavg_end": [1.0, 1.0, 1.0],
        "pages": [
            {"size": "1m", "group": "map", "name": "fast", "target": "map", "ours": _stats(0.05, queries=3),
             "baseline": _stats(1.0)},
            {"size": "1m", "group": "map", "name": "not 10x", "target": "map", "ours": _stats(0.1),
             "baseline": _stats(0.5)},
            {"size": "1m", "group": "map", "name": "baseline stopped", "target": "map", "ours": _stats(0.1),
             "baseline": capped},
            {"size": "1m", "group": "list", "name": "slow", "target": "list", "ours": _stats(0.3),
             "baseline": _stats(0.4)},
        ],
        "exports": [
            {"size": "1m", "group": "export-csv", "name": "CSV export",
             "ours": _stats(3.0, rows=100_000, first_byte=0.01, first_data=0.2, rss_before=80e6, rss_peak=120e6),
             "baseline": _stats(9.0, first_byte=9.0, first_data=9.0, rss_before=80e6, rss_peak=900e6)},
        ],
        "imports": [
            {"dataset": "acled", "file": "a.csv",
             "ours": {"new": {"rows": 100_000, "seconds": 4.0}, "again": {"rows": 100_000, "seconds": 2.0},
                      "floor": {"seconds": 8.0, "copy": 2.0, "indexes": 6.0, "rows": 100_000,
                                "rows_per_second": 12_500,
                                "tables": {"t": {"copy": 2.0, "indexes": {"t_trgm": 4.0, "t_pkey": 1.5,
                                                                          "t_date": 0.5}}}}},
             "baseline": {"rows": 6000, "seconds": 60.0, "finished": False}},
            {"dataset": "ucdp", "file": "u.csv",
             "ours": {"new": {"rows": 1_000, "seconds": 1.0}, "again": {"rows": 1_000, "seconds": 1.0}},
             "baseline": {"rows": 100, "seconds": 10.0, "finished": True}},
        ],
    }  # fmt: skip
    text = run.report(results)
    lines = {line.split("|")[3].strip(): line for line in text.splitlines() if line.startswith("| 1m | map")}
    assert lines["fast"].endswith("| 20.0x | met |")
    assert "MISSED: < 10x baseline" in lines["not 10x"]
    assert "> 600.0x | met" in lines["baseline stopped"]
    assert "MISSED: median > 150 ms" in text
    assert "| 25,000 | 50,000 | 100, stopped after 6,000 rows | 250.0x | 12,500 rows/s at most | met |" in text
    assert "| 10 | 100.0x | — | MISSED: < 20,000 rows/s |" in text
    assert "- acled: 8.00 s (2.00 s of COPY into 1 bare tables, 6.00 s building their indexes); costliest: " in text
    assert "costliest: t_trgm 4.00 s, COPY t 2.00 s, t_pkey 1.50 s." in text
    assert "| CSV export | 100,000 | 3.00 s |" in text


@pytest.mark.browser
def test_browser_visit_measures_markers_and_a_filter_change(live_server, transactional_db, settings, request):
    # Playwright's sync API keeps an event loop in this thread for the rest of the session; the
    # ORM refuses to run beside one unless told this test process is safe (as tests/browser does).
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.MAP_TILE_URL = ""
    _small_database()
    features = []
    # The session's Chromium (tests/conftest.py): a second Playwright driver in this thread fails.
    chromium = request.getfixturevalue("browser")
    outcome = browser.visit(chromium, live_server.url, browser.FILTER_CHANGES[0], features)
    assert outcome["first_markers"] <= outcome["loaded_idle"]
    assert outcome["markers_after_change"] > 0
    assert features and max(features) <= browser.FEATURE_BOUND
