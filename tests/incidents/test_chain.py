"""The escalation chain: what an incident answers and what answers it, attacks before the answers."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from incidents.chain import escalation_chain
from incidents.demo import DECEMBER_DRONE_ATTACK_ID, DECEMBER_STRIKES_ID, STRIKE_ID
from incidents.models import Incident, IncidentLink
from incidents.models.choices import DatePrecision, LinkKind, Status
from tests import factories

pytestmark = pytest.mark.django_db


def titles(chain):
    return [entry.incident.title for entry in chain]


def link(later, earlier, kind=LinkKind.RETALIATION_FOR):
    IncidentLink.objects.create(from_incident=later, to_incident=earlier, kind=kind)


def published(title, day, **fields):
    return factories.incident(title=title, start_date=day, status=Status.PUBLISHED, **fields)


def chain_of(incident):
    return escalation_chain(incident, Incident.objects.filter(status=Status.PUBLISHED))


def test_the_demo_chain_runs_attack_retaliation_follow_up_on_the_page(client):
    """The drone attack and the strikes that answered it are both dated only to December 2023;
    the attack comes first, as the report tells it."""
    call_command("load_demo")
    html = client.get(reverse("incidents:detail", args=[STRIKE_ID])).content.decode()
    timeline = html[html.index('<ol class="timeline">') :]
    positions = [timeline.index(public_id) for public_id in (DECEMBER_DRONE_ATTACK_ID, DECEMBER_STRIKES_ID)]
    assert positions == sorted(positions)
    assert timeline.index("(this incident)") > positions[-1]
    assert [e.incident.public_id for e in chain_of(Incident.objects.get(public_id=STRIKE_ID))] == [
        DECEMBER_DRONE_ATTACK_ID,
        DECEMBER_STRIKES_ID,
        STRIKE_ID,
    ]


def test_an_answer_recorded_first_on_the_same_day_still_follows_the_attack():
    day = datetime.date(2024, 2, 2)
    answer = published("Strikes in reply", day)
    attack = published("Attack on a base", day)
    link(answer, attack)
    assert titles(chain_of(attack)) == ["Attack on a base", "Strikes in reply"]


def test_a_retaliation_dated_to_its_month_follows_the_attack_dated_to_its_day():
    attack = published("Attack on the 10th", datetime.date(2023, 12, 10))
    answer = published(
        "Retaliation that month",
        datetime.date(2023, 12, 1),
        end_date=datetime.date(2023, 12, 31),
        date_precision=DatePrecision.MONTH,
    )
    follow_up = published("Follow-up in January", datetime.date(2024, 1, 4))
    link(answer, attack)
    link(follow_up, answer, LinkKind.FOLLOW_UP_TO)
    assert titles(chain_of(follow_up)) == ["Attack on the 10th", "Retaliation that month", "Follow-up in January"]


def test_links_that_say_nothing_of_cause_keep_the_dates_order():
    later = published("Second raid", datetime.date(2024, 3, 2))
    earlier = published("First raid", datetime.date(2024, 3, 1))
    link(earlier, later, LinkKind.SAME_OPERATION)
    assert titles(chain_of(later)) == ["First raid", "Second raid"]


def test_incidents_in_a_circle_of_answers_all_appear_after_the_rest():
    first = published("Opening attack", datetime.date(2024, 1, 1))
    a = published("Raid A", datetime.date(2024, 1, 5))
    b = published("Raid B", datetime.date(2024, 1, 3))
    link(a, first)
    link(a, b)
    link(b, a)
    assert titles(chain_of(first)) == ["Opening attack", "Raid B", "Raid A"]
