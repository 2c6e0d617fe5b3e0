"""Who may ingest a news report in the admin, and whose review each one may open."""

import pytest
from django.urls import reverse

from incidents.models import Report
from incidents.roles import CONTRIBUTORS, EDITORS
from tests import factories
from tests.extraction.ingest_pages import SEED_TEXT, START, review_of

pytestmark = pytest.mark.django_db


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(reverse(START))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    response = client.post(reverse(START), {"text": SEED_TEXT})
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    assert Report.objects.count() == 0


def test_non_staff_users_are_refused(django_user_model):
    user = factories.staff_user("mallory", CONTRIBUTORS, is_staff=False)
    response = factories.logged_in(user).get(reverse(START))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_staff_without_the_add_permissions_are_refused(django_user_model):
    response = factories.logged_in(factories.staff_user("viewer")).get(reverse(START))
    assert response.status_code == 403


@pytest.mark.parametrize("role", [CONTRIBUTORS, EDITORS])
def test_contributors_and_editors_may_ingest(django_user_model, role):
    client = factories.logged_in(factories.staff_user("someone", role))
    assert client.get(reverse(START)).status_code == 200
    changelist = client.get(reverse("admin:incidents_report_changelist")).content.decode()
    assert reverse(START) in changelist


def test_someone_elses_review_is_not_found(demo, client_c, django_user_model):
    location, _ = review_of(client_c)
    other = factories.logged_in(factories.staff_user("dave", CONTRIBUTORS))
    assert other.get(location).status_code == 404
