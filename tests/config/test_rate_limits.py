"""Per-client limits on the API and the exports, and login throttling for the admin."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

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
    url = reverse("incidents:export-csv")
    client = Client(REMOTE_ADDR="10.0.0.9")
    assert client.get(url, HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 200
    # No trusted proxy: the header is the client's own writing and the peer has used its one export.
    assert client.get(url, HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 429
    settings.TRUSTED_PROXY_COUNT = 1
    assert client.get(url, HTTP_X_FORWARDED_FOR="3.3.3.3").status_code == 200
    # What the client wrote left of the proxy's entry does not make it another client.
    assert client.get(url, HTTP_X_FORWARDED_FOR="4.4.4.4, 3.3.3.3").status_code == 429
    assert client.get(url, HTTP_X_FORWARDED_FOR="3.3.3.3, 5.5.5.5").status_code == 200


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


def _log_in(client, username, password, address):
    """One admin login from `address` as a proxy (TRUSTED_PROXY_COUNT=1) reports it."""
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        HTTP_X_FORWARDED_FOR=f"192.0.2.1, {address}",
    )


def test_guesses_from_many_addresses_lock_the_username(django_user_model, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    django_user_model.objects.create_superuser("alice", "alice@example.org", "the-right-password-123")
    for n in range(5):
        _log_in(Client(), "alice", f"guess-{n}", f"203.0.113.{n}")
    locked = Client()
    assert _log_in(locked, "alice", "the-right-password-123", "198.51.100.7").status_code == 429
    assert "_auth_user_id" not in locked.session
    # After the cooling-off the owner gets in again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    assert _log_in(locked, "alice", "the-right-password-123", "198.51.100.7").status_code == 302


def test_an_address_guessing_many_usernames_is_locked(django_user_model, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    django_user_model.objects.create_superuser("alice", "alice@example.org", "the-right-password-123")
    for n in range(5):
        _log_in(Client(), f"user-{n}", "wrong", "203.0.113.66")
    assert _log_in(Client(), "alice", "the-right-password-123", "203.0.113.66").status_code == 429
    assert _log_in(Client(), "alice", "the-right-password-123", "198.51.100.7").status_code == 302


def test_a_forged_forwarded_address_cannot_lock_out_its_owner(django_user_model, settings):
    """Guesses claiming (left of the proxy's entry) to come from alice's address count against
    the guesser's real address, not hers."""
    settings.TRUSTED_PROXY_COUNT = 1
    django_user_model.objects.create_superuser("alice", "alice@example.org", "the-right-password-123")
    for n in range(5):
        Client().post(
            reverse("admin:login"),
            {"username": f"user-{n}", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.66",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.66"}
    assert _log_in(Client(), "alice", "the-right-password-123", "198.51.100.7").status_code == 302
