"""The demo's incident in Syria (incidents/demo_syria.py), loaded by manage.py load_demo: the
al-Omar oil field attack of 4-5 February 2024 as its cited report gives it, on the map."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from incidents.demo_syria import AL_OMAR_ID, REPORT_URL
from incidents.models import Incident
from incidents.models.choices import Attribution, ParticipationRole, Stance, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def attack():
    call_command("load_demo")
    return Incident.objects.get(public_id=AL_OMAR_ID)


def test_the_attack_is_published_in_deir_ez_zor_at_the_al_omar_base(attack):
    assert attack.status == Status.PUBLISHED
    assert (attack.country.iso2, attack.admin_area.iso_code) == ("SY", "SY-DY")
    assert attack.place.name == "Al-Omar oil field"
    assert (attack.start_date, attack.end_date) == (datetime.date(2024, 2, 4), datetime.date(2024, 2, 5))


def test_the_groups_are_the_catalogues_with_how_each_role_is_known(attack):
    roles = {(p.group.catalogue_key, p.role, p.attribution) for p in attack.participations.select_related("group")}
    assert roles == {
        ("islamic-resistance-in-iraq", ParticipationRole.PERPETRATOR, Attribution.CLAIMED),
        ("sdf", ParticipationRole.TARGET, Attribution.CONFIRMED),
        ("us-forces", ParticipationRole.ASSOCIATED_TARGET, Attribution.ATTRIBUTED),
    }


def test_the_claim_and_statements_cite_the_report(attack):
    claim = attack.claims.get()
    assert (claim.killed_min, claim.killed_max, claim.group.name) == (6, 6, "Syrian Democratic Forces")
    assert claim.report.url == REPORT_URL and claim.claimant_person.name == "Farhad Shami"
    assert attack.killed_best == 6
    stances = set(attack.statements.values_list("stance", "report__url"))
    assert stances == {(Stance.CONFIRMS, REPORT_URL), (Stance.CLAIMS, REPORT_URL)}


def test_the_map_of_iraq_and_syria_shows_it_in_syria(client, attack):
    data = client.get(reverse("maps:map-data"), {"bbox": "35,32,43,38", "zoom": 10}).json()
    point = next(f for f in data["features"] if f.get("public_id") == AL_OMAR_ID)
    assert (point["lat"], point["lng"]) == (attack.latitude, attack.longitude)
    assert 35.0 <= point["lat"] <= 35.3 and 40.4 <= point["lng"] <= 40.7


def test_its_page_says_how_precisely_it_is_dated(client, attack):
    html = client.get(reverse("incidents:detail", args=[AL_OMAR_ID])).content.decode()
    assert "2024-02-04 to 2024-02-05" in html and "(precision: span of 2-6 days)" in html
    assert "days precision" not in html


def test_the_claiming_groups_page_marks_its_paraphrased_statement(client, attack):
    claim = attack.statements.get(stance=Stance.CLAIMS)
    assert claim.is_paraphrase and claim.body_group.name == "Islamic Resistance in Iraq"

    html = client.get(reverse("incidents:group-detail", args=[claim.body_group.pk])).content.decode()

    assert f'<span class="muted small">(paraphrased)</span> {claim.quote}' in html
    # The group has no people recorded: said as a sentence, not as a list of one.
    assert "<p>No people recorded.</p>" in html
