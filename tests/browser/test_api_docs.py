"""The API documentation page: Swagger UI from our own static files, reading our own schema."""

import pytest

from incidents.demo import STRIKE_ID, load_demo
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_docs_list_every_resource_and_try_it_out_calls_the_api(page, offline_site):
    load_demo()
    page.goto(offline_site.url + "/api/v1/docs/")

    # Swagger UI renders one section per resource once it has read the schema.
    page.wait_for_selector("#operations-incidents-incidents_list")
    tags = page.locator(".opblock-tag-section h3").all_inner_texts()
    assert [tag.split()[0] for tag in tags] == ["groups", "incidents", "people", "places", "reports", "statements"]
    assert page.locator(".opblock-get").count() == 12
    assert page.locator(".opblock-post, .opblock-put, .opblock-patch, .opblock-delete").count() == 0

    operation = page.locator("#operations-incidents-incidents_list")
    operation.locator(".opblock-summary").click()
    operation.locator("tr[data-param-name='bbox']").wait_for()
    operation.locator("button.try-out__btn").click()
    operation.locator("tr[data-param-name='q'] input").fill("an-Nujaba")
    operation.locator("button.execute").click()
    response = operation.locator(".live-responses-table tr.response")
    response.wait_for()
    assert response.locator(".response-col_status").inner_text().strip() == "200"
    assert STRIKE_ID in response.locator(".response-col_description").inner_text()

    screenshot(page, "api-docs")
    assert page.watch.errors == []
    assert page.watch.external == []


def test_docs_show_no_padlocks_and_no_authorize_button(page, offline_site):
    """The public API needs no credentials, so nothing on the page suggests it does."""
    page.goto(offline_site.url + "/api/v1/docs/")
    page.wait_for_selector("#operations-incidents-incidents_list")
    assert page.locator(".opblock-get").count() == 12

    assert page.locator(".btn.authorize, .authorization__btn, .auth-wrapper button").count() == 0
    screenshot(page, "api-docs-no-padlocks")
    assert page.watch.errors == []
