"""Per-client limits on the API and the exports, and login throttling for the admin."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


def test_the_api_answers_429_past_its_rate(client, settings):
    settings.API_RATE_LIMIT = "3/min"
    codes = [client.get("/api/v1/incidents/").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]


def test_the_api_limit_is_per_client(settings):
    settings.API_RATE_LIMIT = "2/min"
    first, second = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    assert [first.get("/api/v1/groups/").status_code for _ in range(3)] == [200, 200, 429]
    assert second.get("/api/v1/groups/").status_code == 200


def test_exports_answer_429_past_their_rate_with_retry_after(client, settings):
    settings.EXPORT_RATE_LIMIT = "2/min"
    responses = [client.get(reverse("incidents:export-csv")) for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert int(responses[-1]["Retry-After"]) <= 60
    assert client.get(reverse("incidents:export-geojson")).status_code == 200


def test_forwarded_addresses_count_only_behind_a_trusted_proxy(settings):
    settings.EXPORT_RATE_LIMIT = "1/min"
    client = Client(REMOTE_ADDR="10.0.0.9")
    assert client.get(reverse("incidents:export-csv"), HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 200
    # Untrusted: the spoofed header is ignored and the proxy's address has used its one export.
    assert client.get(reverse("incidents:export-csv"), HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 429
    settings.TRUST_X_FORWARDED_FOR = True
    assert client.get(reverse("incidents:export-csv"), HTTP_X_FORWARDED_FOR="3.3.3.3").status_code == 200


def test_staff_are_not_rate_limited(staff_client, settings):
    settings.API_RATE_LIMIT = "1/min"
    assert [staff_client.get("/api/v1/incidents/").status_code for _ in range(3)] == [200, 200, 200]


def test_the_admin_login_locks_out_after_repeated_failures(django_user_model, settings):
    settings.AXES_FAILURE_LIMIT = 3
    django_user_model.objects.create_superuser("alice", "alice@example.org", "the-right-password-123")
    client = Client()
    url = reverse("admin:login")
    for _ in range(3):
        response = client.post(url, {"username": "alice", "password": "wrong"})
        assert response.status_code in (200, 429)
    locked = client.post(url, {"username": "alice", "password": "the-right-password-123"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
