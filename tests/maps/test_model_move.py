"""A database filled before the map's models moved from incidents to maps migrates with nothing lost.

The code of main before the move (OLD_MAIN) makes and fills a database of its own on the test's
PostgreSQL server: its migrations, the gazetteer, the demo and a small synthetic load, whose writes
the summary triggers sum into the map's tables. Today's migrations then run on it. Every table keeps
its rows (the same tables: PostgreSQL's own ids for them are unchanged; the cell and week
summaries, which a later migration sums afresh, keep their sums), the map's sums are unchanged,
the moved models read them, and the map's endpoints answer from them what counting the incidents
gives.
"""

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent.parent
# main just before the restructuring of issue 15, the map's models still in incidents.
OLD_MAIN = "8933ed0"
SYNTHETIC_COUNT = "150"
# The tables of the moved models, with the columns that hold their sums.
SUMMARY_SUMS = {
    "incidents_mapcell": ("count", "killed", "lat_sum", "lng_sum"),
    "incidents_mapweek": ("count", "imprecise"),
    "incidents_mapfacet": ("count", "killed", "lat_sum", "lng_sum"),
    "incidents_incidentgroupkeys": ("cardinality(keys)",),
}
# Today's code answers the map from the moved models, and compares with counting the incidents.
CHECK = """
import json

from django.contrib.auth.models import AnonymousUser
from django.db.models import Sum
from django.http import QueryDict
from django.test import Client, RequestFactory

from incidents.filters import IncidentFilter
from incidents.views.filtering import visible_incidents
from maps import counting, summary
from maps.models import SUMMARY_MODELS, MapCell

request = RequestFactory().get("/")
request.user = AnonymousUser()
incidents = visible_incidents(request)
filterset = IncidentFilter(QueryDict(), queryset=incidents, request=request)
assert filterset.form.is_valid(), filterset.form.errors
client = Client()
drawn = client.get("/map/data/", {"zoom": 3}).json()
counted = counting.map_features(incidents, None, 3, lambda public_id: public_id)
print(json.dumps({
    "rows": {model._meta.db_table: model.objects.count() for model in SUMMARY_MODELS},
    "cell count sum": MapCell.objects.aggregate(total=Sum("count"))["total"],
    "answered from the summary": summary.plan(
        filterset.form.cleaned_data, request.user, counting.cell_level(3, None)
    ) is not None,
    "drawn": [drawn["total"], drawn["unlocated"], drawn["mode"]],
    "counted": [counted["total"], counted["unlocated"], counted["mode"]],
    "weeks": client.get("/map/histogram/").json() == counting.weekly_counts(incidents),
}))
"""


def _server() -> dict:
    db = settings.DATABASES["default"]
    return {
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
    }


def _url(name: str) -> str:
    server = _server()
    password = f":{quote(server['password'], safe='')}" if server["password"] else ""
    return f"postgres://{quote(server['user'], safe='')}{password}@{server['host']}:{server['port']}/{name}"


def _manage(code: Path, name: str, *args: str) -> str:
    """`manage.py <args>` of the code in `code`, on database `name`; its output."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=_url(name),
        DJANGO_ALLOWED_HOSTS="testserver",
        MAP_CACHE_SECONDS="0",
    )
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=code, env=environ, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _state(name: str) -> dict:
    """Every table's identity (its oid) and row count, and the map summaries' sums."""
    with psycopg.connect(dbname=name, **_server()) as conn:
        tables = conn.execute(
            "SELECT c.relname, c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname"
        ).fetchall()
        rows = {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table, _ in tables}
        sums = {
            table: conn.execute(f"SELECT {', '.join(f'sum({c})' for c in columns)} FROM {table}").fetchone()
            for table, columns in SUMMARY_SUMS.items()
        }
    return {"oids": dict(tables), "rows": rows, "sums": sums}


def _rounded(sums: dict) -> dict:
    return {
        table: [round(value, 6) if isinstance(value, float) else value for value in row] for table, row in sums.items()
    }


@pytest.fixture
def database():
    """A database of its own on the test's server, dropped at the end."""
    name = f"{settings.DATABASES['default']['NAME']}_move_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **_server()) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **_server()) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def old_main(tmp_path) -> Path:
    archive = subprocess.run(["git", "archive", "--format=tar", OLD_MAIN], cwd=ROOT, capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(tmp_path, filter="data")
    return tmp_path


@pytest.mark.postgresql
def test_a_database_filled_before_the_map_models_moved_migrates_with_nothing_lost(database, old_main):
    for command in (["migrate"], ["load_geodata"], ["load_demo"], ["generate_synthetic", "--count", SYNTHETIC_COUNT]):
        _manage(old_main, database, *command, "--verbosity", "0")
    before = _state(database)
    for table in SUMMARY_SUMS:
        assert before["rows"][table] > 0, f"the old code left {table} empty: nothing to carry over"

    _manage(ROOT, database, "migrate", "--verbosity", "0")
    after = _state(database)

    # The same tables, not new ones of the same names (later migrations add tables of their own).
    assert {table: after["oids"].get(table) for table in before["oids"]} == before["oids"]
    # Every table keeps its rows, but those that gain the later migrations and models (their
    # records, content types and permissions), and the cell and week summaries, which maps 0002
    # sums afresh (leaving out rows whose sums had come to zero)...
    # The roles gain the releases' permissions; incidents whose history lacked their toll gain
    # a history row holding it (incidents 0027).
    grown = {
        "django_migrations",
        "django_content_type",
        "auth_permission",
        "auth_group_permissions",
        "incidents_historicalincident",
    }
    # maps 0003 sums the facets afresh by event type too.
    resummed = {"incidents_mapcell", "incidents_mapweek", "incidents_mapfacet"}
    assert {t: after["rows"][t] for t in before["rows"] if t not in grown | resummed} == {
        t: n for t, n in before["rows"].items() if t not in grown | resummed
    }
    assert all(after["rows"][table] >= before["rows"][table] for table in grown)
    assert after["rows"]["django_migrations"] > before["rows"]["django_migrations"]
    # ...and the map's summaries their sums (coordinates summed in another order may differ in the
    # last bits).
    assert _rounded(after["sums"]) == _rounded(before["sums"])

    checked = json.loads(_manage(ROOT, database, "shell", "--no-imports", "--verbosity", "0", "--command", CHECK))
    assert checked["rows"] == {table: after["rows"][table] for table in SUMMARY_SUMS}
    assert checked["cell count sum"] == before["sums"]["incidents_mapcell"][0]
    assert checked["answered from the summary"]
    assert checked["drawn"] == checked["counted"] and checked["drawn"][0] > 0
    assert checked["weeks"]
