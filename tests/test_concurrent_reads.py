"""The site keeps answering reads while a dataset import writes.

The real UCDP GED sample (7,473 events, one transaction) is imported in a thread with its own
database connection, as a second process or worker would; meanwhile a client keeps asking for the
incident list, the map data and the API. Every read must answer 200, and reads must keep finishing
while the import is still running: a read that waited for the import's lock would only finish after
it. PostgreSQL serves readers from snapshots; SQLite does in WAL mode (config/settings.py), the
test database being a file so each thread has its own connection.
"""

import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from datasets.ucdp import DEMO_FILE, import_ucdp
from geo.loader import load_all
from incidents.demo import load_demo
from incidents.models import Incident

READS = {
    "list page": reverse("incidents:list"),
    "map data": reverse("maps:map-data") + "?bbox=38,29,49,38&zoom=6",
    "API": "/api/v1/incidents/?page_size=50",
}
# Enough rounds to see the import through on a fast machine; the loop stops when it ends.
MAX_ROUNDS = 400


@pytest.mark.django_db(transaction=True)
def test_reads_keep_answering_while_an_import_writes(settings):
    settings.MAP_CACHE_SECONDS = 0  # every map read goes to the database
    load_all()
    load_demo()
    before = Incident.objects.count()
    outcome = {}

    def run_import():
        try:
            outcome["result"] = import_ucdp(DEMO_FILE)
        except Exception as error:  # reported by the assertion below, with the reads
            outcome["error"] = error
        finally:
            outcome["finished"] = time.monotonic()
            connection.close()

    reader = Client()
    for path in READS.values():
        assert reader.get(path).status_code == 200, path
    writer = threading.Thread(target=run_import)
    writer.start()
    answered = []
    try:
        for _ in range(MAX_ROUNDS):
            if not writer.is_alive():
                break
            for name, path in READS.items():
                response = reader.get(path)
                if response.streaming:
                    b"".join(response.streaming_content)
                answered.append((name, response.status_code, time.monotonic()))
    finally:
        writer.join()

    assert "error" not in outcome, outcome.get("error")
    assert outcome["result"].written and outcome["result"].new == 7473
    assert Incident.objects.count() == before + 7473
    assert {status for _, status, _ in answered} == {200}, answered
    during = [name for name, _, done in answered if done < outcome["finished"]]
    for name in READS:
        assert during.count(name) >= 3, (name, during.count(name), len(answered))
