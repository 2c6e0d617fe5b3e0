"""manage.py load_demo records the founding report faithfully and idempotently."""

import datetime

import pytest
from django.core.management import call_command

from incidents.demo import DECEMBER_DRONE_ATTACK_ID, DECEMBER_STRIKES_ID, STRIKE_ID
from incidents.demo_syria import AL_OMAR_ID
from incidents.models import (
    Affiliation,
    ArmedGroup,
    Casualty,
    CasualtyClaim,
    GroupAlias,
    Incident,
    IncidentLink,
    Participation,
    Person,
    Report,
    Source,
    Statement,
)

pytestmark = pytest.mark.django_db

DEMO_MODELS = [
    Source,
    Report,
    ArmedGroup,
    GroupAlias,
    Person,
    Affiliation,
    Incident,
    Participation,
    CasualtyClaim,
    Casualty,
    Statement,
    IncidentLink,
]


def snapshot():
    rows = {}
    for model in DEMO_MODELS:
        fields = [f.attname for f in model._meta.concrete_fields]
        rows[model.__name__] = list(model.objects.order_by("pk").values_list(*fields))
    rows["statement_incidents"] = list(Statement.incidents.through.objects.order_by("pk").values_list())
    return rows


def test_running_it_twice_gives_the_same_rows():
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first


def test_the_strike_is_recorded_as_reported():
    call_command("load_demo")
    strike = Incident.objects.get(public_id=STRIKE_ID)
    assert strike.start_date == datetime.date(2024, 1, 4)
    assert strike.time_utc == datetime.time(9, 0) and strike.time_approximate
    assert strike.admin_area.iso_code == "IQ-BG" and strike.country.iso2 == "IQ"
    assert "eastern Baghdad" in strike.place_name
    assert set(strike.means) == {"drone", "rocket"}
    assert strike.get_sub_event_type_display() == "Air/drone strike"
    roles = {(p.group.name, p.role) for p in strike.participations.select_related("group")}
    assert roles == {("United States Armed Forces", "perpetrator"), ("Harakat al-Nujaba", "target")}


def test_the_two_accounts_make_a_contested_toll_of_two_to_four():
    call_command("load_demo")
    strike = Incident.objects.get(public_id=STRIKE_ID)
    assert (strike.killed_low, strike.killed_best, strike.killed_high) == (2, 2, 4)
    assert strike.contested is True
    assert (strike.civilians_killed_low, strike.civilians_killed_high) == (0, 0)
    claimants = {c.claimant for c in strike.claims.all()}
    assert claimants == {"the Pentagon", "Iraqi police and militia sources (toll confirmed by health sources)"}


def test_the_named_target_is_a_casualty_cited_to_the_pentagon_claim():
    call_command("load_demo")
    casualty = Casualty.objects.get(incident__public_id=STRIKE_ID)
    assert casualty.person.name == "Mushtaq Jawad Kazim al-Jawari"
    assert casualty.outcome == "killed"
    assert casualty.claim.claimant == "the Pentagon"
    assert casualty.person.affiliations.get().group.name == "Harakat al-Nujaba"


def test_four_statements_with_speakers_and_stances():
    call_command("load_demo")
    statements = Statement.objects.filter(incidents__public_id=STRIKE_ID)
    assert statements.count() == 4
    stances = sorted((s.speaker.name if s.speaker else s.speaker_title, s.stance) for s in statements)
    assert stances == [
        ("Abu Aqeel al-Moussawi", "threatens"),
        ("Patrick Ryder", "confirms"),
        ("Patrick Ryder", "justifies"),
        ("military spokesperson for Iraqi Prime Minister Mohammed Shia al-Sudani", "condemns"),
    ]
    assert all(s.report.source.name == "Reuters" for s in statements)


def test_the_escalation_chain_is_linked():
    call_command("load_demo")
    links = {
        (link.from_incident.public_id, link.kind, link.to_incident.public_id) for link in IncidentLink.objects.all()
    }
    assert links == {
        (STRIKE_ID, "follow_up_to", DECEMBER_STRIKES_ID),
        (DECEMBER_STRIKES_ID, "retaliation_for", DECEMBER_DRONE_ATTACK_ID),
    }
    attack = Incident.objects.get(public_id=DECEMBER_DRONE_ATTACK_ID)
    assert attack.date_precision == "month" and attack.date_display == "December 2023"
    assert (attack.injured_low, attack.injured_high) == (3, 3)


def test_every_claim_and_statement_cites_the_report():
    call_command("load_demo")
    report = Report.objects.get(published_on=datetime.date(2024, 1, 5))
    assert "Mushtaq Jawad Kazim al Jawari" in report.text
    # The demo's incident in Syria cites its own report (tests/incidents/test_demo_syria.py).
    assert not CasualtyClaim.objects.exclude(report=report).exclude(incident__public_id=AL_OMAR_ID).exists()
    assert not Statement.objects.exclude(report=report).exclude(incidents__public_id=AL_OMAR_ID).exists()


def test_groups_named_in_the_report_are_present_with_aliases():
    call_command("load_demo")
    nujaba = ArmedGroup.objects.get(name="Harakat al-Nujaba")
    assert {"Harakat al Nujaba", "Nujaba militia"} <= set(nujaba.aliases.values_list("name", flat=True))
    assert nujaba.name_ar == "حركة النجباء"
    assert ArmedGroup.objects.filter(name="Islamic State").exists()
    assert (
        ArmedGroup.objects.filter(
            name__in=["Harakat al-Nujaba", "Iran-aligned militias (unidentified)"], alignment="Iran-aligned"
        ).count()
        == 2
    )
    assert ArmedGroup.objects.get(name="Harakat al-Nujaba").catalogue_key == "nujaba"  # the catalogue's group


def test_demo_models_all_have_rows():
    call_command("load_demo")
    for model in DEMO_MODELS:
        assert model.objects.exists(), model.__name__
