"""Fixtures of the admin ingest tests: a contributor and an editor logged in, and the demo data."""

import pytest

from incidents.demo import load_demo
from incidents.roles import CONTRIBUTORS, EDITORS
from tests import factories


@pytest.fixture
def contributor(django_user_model):
    return factories.staff_user("carol", CONTRIBUTORS)


@pytest.fixture
def client_c(contributor):
    return factories.logged_in(contributor)


@pytest.fixture
def editor(django_user_model):
    return factories.staff_user("erin", EDITORS)


@pytest.fixture
def client_e(editor):
    return factories.logged_in(editor)


@pytest.fixture
def demo(db):
    load_demo()
