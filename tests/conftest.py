import os

import pytest
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import sync_playwright

from geo.loader import load_all


def pytest_collection_modifyitems(config, items):
    """Tests of what only PostgreSQL has (its backends, which a test ends) are left out of a run on
    SQLite; CI's PostgreSQL run has them."""
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return
    deselected = [item for item in items if item.get_closest_marker("postgresql")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the committed boundaries and gazetteer loaded."""
    with django_db_blocker.unblock():
        load_all()


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser("alice", "alice@example.org", "a-long-test-password")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    """Tests make many requests from one address; tests/config/test_rate_limits.py turns the limits on."""
    settings.API_RATE_LIMIT = ""
    settings.EXPORT_RATE_LIMIT = ""


@pytest.fixture(autouse=True)
def empty_cache(request):
    """Each test that uses the database starts with no cached map answers from another test's data.
    The cache is a table there (settings.CACHES) that a transactional test's flush leaves alone; the
    counters (rate counts, the data version) are a model's table, rolled back or flushed with it."""
    if "_django_db_helper" in request.fixturenames:
        request.getfixturevalue("_django_db_helper")  # database access starts before the clearing
        cache.clear()


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session: Playwright's sync API allows one driver per thread."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
