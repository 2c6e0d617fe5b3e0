"""The site served as `make serve` serves it: gunicorn, several worker processes, on the test database.

Whatever a worker keeps to itself is wrong here: cached map answers, rate counts and the data version
must be shared, so that every worker answers alike. Requests go over loopback to gunicorn; the test
writes to the database itself, as another worker or an import would.
"""

import concurrent.futures
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from incidents.models.choices import Status
from tests import factories

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 3
MAP = reverse("maps:map-data") + "?bbox=30,25,55,40&zoom=6"
EXPORT = reverse("incidents:export-csv")
API = "/api/v1/incidents/"
# Per day, not per minute: a run that crossed a minute's boundary would be allowed twice the count.
EXPORT_LIMIT, API_LIMIT = 30, 20

pytestmark = pytest.mark.django_db(transaction=True)


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def gunicorn(logs: Path, **env):
    """gunicorn on a free loopback port with the test's settings; its logs in `logs`."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "GUNICORN_"))}
    environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database_url(),
        DATABASE_CONN_MAX_AGE="600",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=str(WORKERS),
        GUNICORN_ACCESS_LOG=str(logs / "access.log"),
        API_RATE_LIMIT=f"{API_LIMIT}/day",
        EXPORT_RATE_LIMIT=f"{EXPORT_LIMIT}/day",
        MAP_TILE_URL="",
        **env,
    )
    errors = logs / "errors.log"
    with errors.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=environ,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while get(base, "/about/")[0] != 200:
            assert process.poll() is None and time.monotonic() < deadline, errors.read_text()
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(30)
    assert "Traceback" not in errors.read_text(), errors.read_text()


def get(base: str, path: str, **headers) -> tuple[int, bytes]:
    request = urllib.request.Request(base + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


@pytest.fixture(scope="module")
def site(django_db_setup, tmp_path_factory):
    """One server for the module; behind one trusted proxy, whose entry in X-Forwarded-For is the
    client's address (a request without that header counts as the peer, 127.0.0.1)."""
    logs = tmp_path_factory.mktemp("gunicorn")
    with gunicorn(logs, TRUSTED_PROXY_COUNT="1") as base:
        yield base, logs / "access.log"


def map_ids(base: str, rounds: int = 30) -> list[set[str]]:
    """The incidents each of `rounds` consecutive map answers holds."""
    answers = []
    for _ in range(rounds):
        status, body = get(base, MAP)
        assert status == 200
        answers.append({feature["public_id"] for feature in json.loads(body)["features"]})
    return answers


def test_a_publish_edit_or_retraction_shows_in_every_workers_next_answer(site):
    base, _ = site
    incident = factories.incident(status=Status.DRAFT, latitude=33.3, longitude=44.4)
    assert all(incident.public_id not in ids for ids in map_ids(base))  # every worker has cached it

    incident.status = Status.PUBLISHED
    incident.save()
    assert all(incident.public_id in ids for ids in map_ids(base))

    # Moved out of the map's view: an edit every cached answer must forget.
    incident.latitude, incident.longitude = 10.0, 10.0
    incident.save()
    assert all(incident.public_id not in ids for ids in map_ids(base))

    incident.latitude, incident.longitude = 33.3, 44.4
    incident.save()
    assert all(incident.public_id in ids for ids in map_ids(base))
    incident.status = Status.RETRACTED
    incident.save()
    assert all(incident.public_id not in ids for ids in map_ids(base))
    for path in (EXPORT, API, reverse("incidents:list")):
        answers = [get(base, path, **{"X-Forwarded-For": f"198.51.100.{n}"}) for n in range(6)]
        assert all(status == 200 and incident.public_id.encode() not in body for status, body in answers), path


def count_allowed(base: str, path: str, headers_for) -> list[int]:
    """200 requests, 8 at a time (so that workers count at the same moment); their status codes."""
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        return list(pool.map(lambda n: get(base, path, **headers_for(n))[0], range(200)))


def test_the_export_limit_holds_across_workers(site):
    base, _ = site
    codes = count_allowed(base, EXPORT, lambda n: {})
    assert (codes.count(200), codes.count(429)) == (EXPORT_LIMIT, 200 - EXPORT_LIMIT)


def test_the_api_limit_holds_across_workers(site):
    base, _ = site
    codes = count_allowed(base, API, lambda n: {})
    assert (codes.count(200), codes.count(429)) == (API_LIMIT, 200 - API_LIMIT)


def test_a_forged_forwarded_address_does_not_multiply_the_allowance(site):
    """The client writes anything left of the proxy's entry; the proxy's entry is its address."""
    base, log = site
    codes = count_allowed(base, EXPORT, lambda n: {"X-Forwarded-For": f"10.{n}.0.1, 203.0.113.5"})
    assert codes.count(200) == EXPORT_LIMIT
    # Another client behind the same proxy has its own allowance.
    assert get(base, EXPORT, **{"X-Forwarded-For": "203.0.113.6"})[0] == 200
    time.sleep(0.5)  # the access log is written after the answer
    lines = [line for line in log.read_text().splitlines() if "export.csv" in line]
    assert sum(line.startswith("203.0.113.5 ") for line in lines) == 200
    assert not any(line.startswith("10.") for line in lines)


@pytest.mark.postgresql
def test_a_dropped_database_connection_costs_no_request(site):
    """Every connection the workers hold is ended by the database (as a restart or failover
    would); the next requests must reconnect instead of failing."""
    base, _ = site
    factories.incident(status=Status.PUBLISHED, latitude=33.3, longitude=44.4)
    warm = [get(base, API, **{"X-Forwarded-For": f"198.51.100.{n}"})[0] for n in range(API_LIMIT)]
    assert set(warm) == {200}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert cursor.fetchone()[0] >= 1
    after = [get(base, API, **{"X-Forwarded-For": f"192.0.2.{n}"})[0] for n in range(API_LIMIT)]
    assert after == [200] * API_LIMIT
