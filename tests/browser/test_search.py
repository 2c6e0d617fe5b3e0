"""The incident list's search box in a real browser: an Arabic spelling and one with diacritics
find the same incidents as the plain spelling, and one outside the key's rules the name spelled
like it, which the page names (incidents.search)."""

import re

import pytest

from incidents.models.choices import Status
from tests import factories
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def _search(page, base_url, text) -> list[str]:
    page.goto(f"{base_url}/incidents/")
    page.fill("input[name=q]", text)
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r".*[?&]q="))
    links = page.locator("a[href*='/incidents/INC-']")
    return sorted(re.search(r"INC-[0-9A-Z]+", links.nth(i).get_attribute("href")).group() for i in range(links.count()))


def test_arabic_and_diacritic_spellings_find_the_same_incidents(page, offline_site):
    found = [
        factories.incident(title="Drone strike in Baghdād", status=Status.PUBLISHED),
        factories.incident(title="Rocket attack on Baghdad airport", status=Status.PUBLISHED),
        factories.incident(title="Clashes near Al Fallūjah", place_name="al-Fallujah", status=Status.PUBLISHED),
    ]
    factories.incident(title="Airstrike in Raqqa", status=Status.PUBLISHED)
    baghdad = sorted(incident.public_id for incident in found[:2])

    assert _search(page, offline_site.url, "Baghdad") == baghdad
    assert _search(page, offline_site.url, "Baghdād") == baghdad
    assert _search(page, offline_site.url, "بغداد") == baghdad
    assert page.input_value("input[name=q]") == "بغداد"
    # Typed in Arabic, the query reads right to left.
    assert page.evaluate("getComputedStyle(document.querySelector('input[name=q]')).direction") == "rtl"
    screenshot(page, "search-arabic")
    assert _search(page, offline_site.url, "الفلوجة") == [found[2].public_id]
    assert _search(page, offline_site.url, "Falluja") == [found[2].public_id]
    assert page.watch.errors == [] and page.watch.external == []


def test_a_spelling_outside_the_rules_is_read_as_the_name_like_it_and_the_page_says_so(page, offline_site):
    tal_afar = factories.incident(title="Shelling of Tall ʿAfar", status=Status.PUBLISHED)
    factories.incident(title="Airstrike in Raqqa", status=Status.PUBLISHED)
    assert _search(page, offline_site.url, "Telafar") == [tal_afar.public_id]
    note = page.locator(".spelled-like")
    assert note.is_visible() and "Tall ‘Afar" in note.inner_text()
    screenshot(page, "search-spelled-like")
    assert _search(page, offline_site.url, "Tal Afar") == [tal_afar.public_id]
    assert page.locator(".spelled-like").count() == 0
    assert page.watch.errors == [] and page.watch.external == []
