"""Browser tests: Playwright driving the system Chromium against the live test server.

They do not skip: a machine without /usr/bin/chromium fails them (CI installs it).
"""

import os
import time
from pathlib import Path

import pytest

from geo.loader import load_all

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run beside one
# unless told that this is a test process in which that is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def offline_site(live_server, settings, transactional_db):
    """The live server with its reference data, drawing no remote tiles."""
    settings.MAP_TILE_URL = ""
    load_all()
    return live_server


class PageWatch:
    """Collects console errors and any request that leaves the live server."""

    def __init__(self, page, base_url):
        self.errors, self.external = [], []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on(
            "request",
            lambda r: None if r.url.startswith((base_url, "data:", "blob:")) else self.external.append(r.url),
        )


@pytest.fixture
def page(browser, offline_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watch = PageWatch(page, offline_site.url)
    yield page
    context.close()


def screenshot(page, name: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def log_in(page, base_url, username="staff", password="a-long-test-password"):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser(username, f"{username}@example.org", password)
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(base_url + "/admin/")


def wait_until(page, expression: str, timeout: float = 15.0):
    """Poll a JavaScript expression until it is truthy.

    Playwright's wait_for_function evaluates its predicate with eval inside the page, which our
    Content Security Policy (no 'unsafe-eval') rightly refuses; page.evaluate goes through the
    DevTools protocol instead, which the policy does not govern.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out waiting for: {expression}")
        page.wait_for_timeout(100)
