"""Reads go to read replicas when DATABASE_REPLICA_URLS is set; writes stay on the primary.

Run in a fresh interpreter with two database aliases (the primary and one replica) over the same
SQLite file, as a replica that has caught up would be.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import django
django.setup()
from django.core.management import call_command
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from config.routers import ReplicaRouter
from incidents.models import Source

call_command("migrate", verbosity=0)
router = ReplicaRouter()
assert router.db_for_write(Source) == "default"
assert router.db_for_read(Source) == "replica_1"
primary, replica = CaptureQueriesContext(connections["default"]), CaptureQueriesContext(connections["replica_1"])
with primary, replica:
    Source.objects.create(name="Reuters", kind="news_agency")
    names = list(Source.objects.values_list("name", flat=True))
assert names == ["Reuters"], names
assert any("INSERT" in q["sql"] for q in primary.captured_queries)
assert any("SELECT" in q["sql"] for q in replica.captured_queries)
assert not any("SELECT" in q["sql"] for q in primary.captured_queries)
with transaction.atomic():
    Source.objects.create(name="AFP", kind="news_agency")
    assert router.db_for_read(Source) == "default"
    assert Source.objects.filter(name="AFP").exists()
print("ok")
"""


def test_reads_go_to_the_replica_and_writes_to_the_primary(tmp_path):
    db = tmp_path / "primary.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{db}",
        DATABASE_REPLICA_URLS=f"sqlite:///{db}",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("ok")


def test_a_malformed_replica_url_names_the_variable():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env["DATABASE_REPLICA_URLS"] = "mysql://nope"
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "DATABASE_REPLICA_URLS" in result.stderr


@pytest.mark.parametrize("url", ["", " "])
def test_no_replica_means_no_router(url):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env["DATABASE_REPLICA_URLS"] = url
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.DATABASE_ROUTERS, s.DATABASE_REPLICAS)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "[] []"
