"""Statements as they stood at a moment, on the statements page and through the API: said later,
absent; edited later, as they then read; about an incident published later, hidden from the public."""

import pytest
from django.urls import reverse
from django.utils import timezone

from incidents.models import Participation, Statement
from incidents.models.choices import ParticipationRole, Stance, Status
from releases.models import Release
from tests import factories

pytestmark = pytest.mark.django_db

PAGE = reverse("incidents:statement-list")
API = "/api/v1/statements/"


def _at(moment) -> str:
    return f"as_of={moment.isoformat().replace('+00:00', 'Z')}"


def _said(incident, quote: str, **fields) -> Statement:
    statement = factories.statement(quote=quote, **fields)
    statement.incidents.add(incident)
    return statement


def _api(client, query: str) -> list[dict]:
    response = client.get(f"{API}?{query}")
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def before_and_after():
    """A statement said before the moment and edited after it, one said after it, and one about an
    incident published only after it."""
    strike = factories.incident(title="Strike on the depot", status=Status.PUBLISHED)
    edited = _said(strike, "We condemn this attack on our forces.")
    pending = factories.incident(title="Raid still in review")
    early_about_pending = _said(pending, "Nothing happened here.", stance=Stance.DENIES)
    moment = timezone.now()
    edited.quote = "We condemn this cowardly attack on our forces."
    edited.save()
    later = _said(strike, "We will answer this in time.", stance=Stance.THREATENS)
    pending.status = Status.PUBLISHED
    pending.save()
    return {
        "moment": moment,
        "strike": strike,
        "edited": edited,
        "later": later,
        "about_pending": early_about_pending,
    }


def test_the_api_lists_the_statements_as_they_then_read(client, before_and_after):
    moment = before_and_after["moment"]
    then = _api(client, _at(moment))
    assert [row["quote"] for row in then] == ["We condemn this attack on our forces."]
    assert then[0]["id"] == before_and_after["edited"].pk
    assert then[0]["incidents"] == [before_and_after["strike"].public_id]
    now = {row["quote"] for row in _api(client, "")}
    assert now == {
        "We condemn this cowardly attack on our forces.",
        "We will answer this in time.",
        "Nothing happened here.",
    }
    response = client.get(f"{API}?{_at(moment)}")
    assert response["Data-As-Of"].startswith(moment.strftime("%Y-%m-%dT%H:%M"))


def test_the_api_gives_one_statement_as_it_then_read_and_none_said_later(client, before_and_after):
    moment = before_and_after["moment"]
    edited = client.get(f"{API}{before_and_after['edited'].pk}/?{_at(moment)}")
    assert edited.status_code == 200 and edited.json()["quote"] == "We condemn this attack on our forces."
    assert client.get(f"{API}{before_and_after['later'].pk}/?{_at(moment)}").status_code == 404
    # About an incident published only later: not public then.
    assert client.get(f"{API}{before_and_after['about_pending'].pk}/?{_at(moment)}").status_code == 404
    assert client.get(f"{API}not-a-number/?{_at(moment)}").status_code == 404


def test_the_page_shows_the_statements_of_the_moment_and_keeps_it(client, before_and_after):
    moment = before_and_after["moment"]
    page = client.get(f"{PAGE}?{_at(moment)}").content.decode()
    assert "We condemn this attack on our forces." in page
    assert "cowardly" not in page and "answer this in time" not in page and "Nothing happened" not in page
    assert "As published at" in page
    assert f'name="as_of" value="{moment.isoformat().replace("+00:00", "Z")}"' in page
    strike = before_and_after["strike"].public_id
    assert f'href="/incidents/{strike}/?as_of=' in page


def test_staff_see_the_statements_about_drafts_of_the_moment(staff_client, before_and_after):
    moment = before_and_after["moment"]
    quotes = {row["quote"] for row in _api(staff_client, _at(moment))}
    assert quotes == {"We condemn this attack on our forces.", "Nothing happened here."}


def test_a_release_and_the_filters_read_the_moment(client, before_and_after):
    moment = before_and_after["moment"]
    Release.objects.create(name="2024.1", moment=moment)
    assert [row["quote"] for row in _api(client, "release=2024.1")] == ["We condemn this attack on our forces."]
    strike = before_and_after["strike"]
    assert len(_api(client, f"incident={strike.public_id}&{_at(moment)}")) == 1
    assert _api(client, f"stance=threatens&{_at(moment)}") == []
    # The group filter reads the participations of the moment: one added later does not count.
    group = factories.group(name="Brigade of the later claim")
    Participation.objects.create(incident=strike, group=group, role=ParticipationRole.PERPETRATOR)
    assert len(_api(client, f"group={group.pk}")) == 2
    assert _api(client, f"group={group.pk}&{_at(moment)}") == []


@pytest.mark.parametrize("query", ["as_of=yesterday", "release=nothing-by-this-name"])
def test_a_bad_moment_is_a_400_on_the_page_and_the_api(client, query):
    for url in (PAGE, API):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400
        assert "as_of" in response.content.decode() or "release" in response.content.decode()
