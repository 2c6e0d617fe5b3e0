"""The demo data: the founding Reuters report of 2024-01-05 recorded in full.

Everything here is stated by the report (incidents/demo_data/report-2024-01-05-baghdad-strike.txt),
apart from reference data about the groups (Arabic names, other spellings). Every write is
keyed on a natural key, so running it again changes nothing.
"""

import datetime
from pathlib import Path
from typing import NamedTuple

from django.db import transaction

from geo.loader import load_all
from geo.models import AdminArea, Country, Place
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
from incidents.models.choices import (
    Attribution,
    CasualtyCategory,
    CasualtyOutcome,
    DatePrecision,
    EventType,
    GroupKind,
    LinkKind,
    LocationPrecision,
    Means,
    ParticipationRole,
    RoleKind,
    SourceKind,
    Stance,
    Status,
    SubEventType,
)

REPORT_FILE = Path(__file__).resolve().parent / "demo_data" / "report-2024-01-05-baghdad-strike.txt"

STRIKE_ID = "INC-SEED0001"
DECEMBER_STRIKES_ID = "INC-SEED0002"
DECEMBER_DRONE_ATTACK_ID = "INC-SEED0003"

GROUPS = [
    {
        "name": "United States Armed Forces",
        "name_ar": "القوات المسلحة الأمريكية",
        "abbreviation": "US",
        "kind": GroupKind.STATE_FORCE,
        "aliases": ["U.S. military", "US military", "American forces", "U.S. forces"],
    },
    {
        "name": "Harakat al-Nujaba",
        "name_ar": "حركة النجباء",
        "abbreviation": "HaN",
        "kind": GroupKind.STATE_ALIGNED_MILITIA,
        "alignment": "Iran-aligned",
        "aliases": ["Harakat al Nujaba", "Harakat an-Nujaba", "al-Nujaba", "an-Nujaba", "Nujaba", "Nujaba militia"],
    },
    {
        "name": "Islamic State",
        "name_ar": "الدولة الإسلامية",
        "abbreviation": "IS",
        "kind": GroupKind.DESIGNATED_TERRORIST,
        "aliases": ["ISIS", "ISIL", "Daesh", "Islamic State militants"],
    },
    {
        "name": "Iran-aligned militias (unidentified)",
        "kind": GroupKind.UNIDENTIFIED,
        "alignment": "Iran-aligned",
        "aliases": ["Iran-aligned militants", "Iran-aligned militia groups", "Iran-backed factions"],
    },
]


def _group(spec: dict) -> ArmedGroup:
    spec = dict(spec)
    aliases = spec.pop("aliases")
    group, _ = ArmedGroup.objects.update_or_create(name=spec.pop("name"), defaults=spec)
    for alias in aliases:
        GroupAlias.objects.get_or_create(group=group, name=alias)
    return group


def _person(name: str, aliases: str = "", **affiliation) -> Person:
    person, _ = Person.objects.update_or_create(name=name, defaults={"aliases": aliases})
    Affiliation.objects.update_or_create(
        person=person,
        group=affiliation.pop("group", None),
        body=affiliation.pop("body", ""),
        role=affiliation.pop("role"),
        defaults=affiliation,
    )
    return person


# put_*: a record created, or updated in place, by its natural key, so that loading again changes
# nothing; incidents.demo_syria uses them too.
def put_incident(public_id: str, **fields) -> Incident:
    incident = Incident.objects.filter(public_id=public_id).first()
    if incident is not None and all(getattr(incident, name) == value for name, value in fields.items()):
        # Unchanged: saving would only move changed_at.
        return incident
    incident = incident or Incident(public_id=public_id)
    for name, value in fields.items():
        setattr(incident, name, value)
    incident.full_clean()
    incident.save()
    return incident


def put_claim(incident: Incident, report: Report, claimant: str, category: str, **fields) -> CasualtyClaim:
    claim, _ = CasualtyClaim.objects.update_or_create(
        incident=incident, report=report, claimant=claimant, category=category, defaults=fields
    )
    return claim


def put_statement(report: Report, quote: str, incidents: list[Incident], **fields) -> Statement:
    statement, _ = Statement.objects.update_or_create(report=report, quote=quote, defaults=fields)
    statement.incidents.set(incidents)
    return statement


class Groups(NamedTuple):
    us_forces: ArmedGroup
    nujaba: ArmedGroup
    islamic_state: ArmedGroup
    iran_aligned: ArmedGroup


class People(NamedTuple):
    al_jawari: Person
    ryder: Person
    al_moussawi: Person


class Incidents(NamedTuple):
    strike: Incident
    december_strikes: Incident
    drone_attack: Incident


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Record the founding report and all it states; the counts of what it holds."""
    ensure_geodata()
    report = _founding_report()
    groups = Groups(*(_group(spec) for spec in GROUPS))
    people = _people(groups)
    incidents = _incidents()
    _participations(incidents, groups, report)
    _claims(incidents, groups, people, report)
    _statements(incidents, people, report)
    _links(incidents, report)
    return {
        "incidents": Incident.objects.filter(
            public_id__in=[STRIKE_ID, DECEMBER_STRIKES_ID, DECEMBER_DRONE_ATTACK_ID]
        ).count(),
        "claims": CasualtyClaim.objects.filter(report=report).count(),
        "statements": Statement.objects.filter(report=report).count(),
    }


def ensure_geodata() -> None:
    """The countries, governorates and places the incidents are placed in, loaded if missing."""
    if not AdminArea.objects.exists():
        load_all()


def _founding_report() -> Report:
    reuters, _ = Source.objects.update_or_create(
        name="Reuters", defaults={"kind": SourceKind.NEWS_AGENCY, "url": "https://www.reuters.com/"}
    )
    text = REPORT_FILE.read_text(encoding="utf-8")
    report, _ = Report.objects.update_or_create(
        source=reuters,
        published_on=datetime.date(2024, 1, 5),
        title="U.S. strike in Baghdad kills militia leader, Pentagon says",
        defaults={"language": "en", "text": text.removeprefix("date 2024-01-05").strip()},
    )
    return report


def _people(groups: Groups) -> People:
    """The people the report names, with their affiliations."""
    al_jawari = _person(
        "Mushtaq Jawad Kazim al-Jawari",
        aliases="Mushtaq Jawad Kazim al Jawari",
        group=groups.nujaba,
        role=RoleKind.LEADER,
        title="leader of Harakat al Nujaba (per the Pentagon)",
    )
    ryder = _person(
        "Patrick Ryder",
        aliases="Major General Patrick Ryder\nMaj. Gen. Patrick Ryder",
        body="U.S. Department of Defense (Pentagon)",
        role=RoleKind.SPOKESPERSON,
        title="Pentagon spokesperson, Major General",
    )
    _person(
        "Mohammed Shia al-Sudani",
        aliases="Sudani\nMohammed Shia al Sudani",
        body="Government of Iraq",
        role=RoleKind.OFFICIAL,
        title="Prime Minister of Iraq",
    )
    al_moussawi = _person(
        "Abu Aqeel al-Moussawi",
        aliases="Abu Aqeel al Moussawi",
        body="a local Iraqi militia (not named in the report)",
        role=RoleKind.COMMANDER,
        title="local Iraqi militia commander",
    )
    return People(al_jawari, ryder, al_moussawi)


def _incidents() -> Incidents:
    """The strike the report is about, and the two December incidents it recalls."""
    iraq = Country.objects.get(iso2="IQ")
    baghdad_place = Place.objects.filter(country=iraq, name="Baghdad", kind="populated_place").first()
    strike = put_incident(
        STRIKE_ID,
        title="U.S. strike on Harakat al-Nujaba headquarters in eastern Baghdad kills its leader",
        summary=(
            "The U.S. military struck the headquarters of the Harakat al-Nujaba militia in eastern Baghdad at "
            "about 09:00 GMT, killing Mushtaq Jawad Kazim al-Jawari, whom the Pentagon called a Nujaba leader "
            "involved in attacks on U.S. personnel. Iraqi police sources and witnesses said a drone fired at least "
            "two rockets, hitting a vehicle in the compound. The Pentagon said two were killed and no civilians "
            "harmed; police and militia sources said four were killed. Iraq's government condemned the strike."
        ),
        start_date=datetime.date(2024, 1, 4),
        end_date=None,
        date_precision=DatePrecision.DAY,
        time_utc=datetime.time(9, 0),
        time_approximate=True,
        event_type=EventType.REMOTE_VIOLENCE,
        sub_event_type=SubEventType.AIR_DRONE_STRIKE,
        means=[Means.DRONE, Means.ROCKET],
        place_name="Harakat al-Nujaba headquarters, eastern Baghdad",
        place=baghdad_place,
        country=iraq,
        admin_area=AdminArea.objects.get(iso_code="IQ-BG"),
        latitude=baghdad_place.latitude if baghdad_place else 33.3406,
        longitude=baghdad_place.longitude if baghdad_place else 44.4009,
        location_precision=LocationPrecision.TOWN,
        status=Status.PUBLISHED,
    )
    december_strikes = put_incident(
        DECEMBER_STRIKES_ID,
        title="U.S. retaliatory air strikes in Iraq after a drone attack on U.S. personnel",
        summary=(
            "The United States carried out retaliatory air strikes in Iraq after a drone attack by Iran-aligned "
            "militants that left one U.S. service member in critical condition and wounded two others. "
            "The report gives the month only."
        ),
        start_date=datetime.date(2023, 12, 1),
        end_date=datetime.date(2023, 12, 31),
        date_precision=DatePrecision.MONTH,
        event_type=EventType.REMOTE_VIOLENCE,
        sub_event_type=SubEventType.AIR_DRONE_STRIKE,
        means=[Means.AIR_STRIKE],
        place_name="Iraq (places not given)",
        country=iraq,
        location_precision=LocationPrecision.COUNTRY,
        status=Status.PUBLISHED,
    )
    drone_attack = put_incident(
        DECEMBER_DRONE_ATTACK_ID,
        title="Drone attack by Iran-aligned militants wounds three U.S. service members",
        summary=(
            "A drone attack by Iran-aligned militants left one U.S. service member in critical condition and "
            "wounded two others. The report gives neither the place nor the day."
        ),
        start_date=datetime.date(2023, 12, 1),
        end_date=datetime.date(2023, 12, 31),
        date_precision=DatePrecision.MONTH,
        event_type=EventType.REMOTE_VIOLENCE,
        sub_event_type=SubEventType.AIR_DRONE_STRIKE,
        means=[Means.DRONE],
        place_name="not given in the report",
        location_precision=LocationPrecision.UNKNOWN,
        status=Status.PUBLISHED,
    )

    return Incidents(strike, december_strikes, drone_attack)


def _participations(incidents: Incidents, groups: Groups, report: Report) -> None:
    strike, december_strikes, drone_attack = incidents
    us_forces, nujaba, iran_aligned = groups.us_forces, groups.nujaba, groups.iran_aligned
    for incident, group, role, attribution in [
        (strike, us_forces, ParticipationRole.PERPETRATOR, Attribution.CONFIRMED),
        (strike, nujaba, ParticipationRole.TARGET, Attribution.CONFIRMED),
        (december_strikes, us_forces, ParticipationRole.PERPETRATOR, Attribution.CONFIRMED),
        (december_strikes, iran_aligned, ParticipationRole.TARGET, Attribution.ATTRIBUTED),
        (drone_attack, iran_aligned, ParticipationRole.PERPETRATOR, Attribution.ATTRIBUTED),
        (drone_attack, us_forces, ParticipationRole.TARGET, Attribution.CONFIRMED),
    ]:
        Participation.objects.update_or_create(
            incident=incident, group=group, role=role, defaults={"attribution": attribution, "report": report}
        )


def _claims(incidents: Incidents, groups: Groups, people: People, report: Report) -> None:
    """The casualty claims (each account's figures), and the named person killed."""
    strike, drone_attack = incidents.strike, incidents.drone_attack
    ryder = people.ryder
    nujaba, us_forces = groups.nujaba, groups.us_forces
    pentagon_claim = put_claim(
        strike,
        report,
        "the Pentagon",
        CasualtyCategory.COMBATANTS,
        claimant_person=ryder,
        group=nujaba,
        killed_min=2,
        killed_max=2,
        quote=(
            "a retaliatory strike in Baghdad on Thursday that killed a militia leader it blames for recent attacks "
            "on U.S. personnel, the Pentagon said … “The strike also killed one other Harakat al Nujaba member,” "
            "said Major General Patrick Ryder"
        ),
    )
    put_claim(
        strike,
        report,
        "the Pentagon",
        CasualtyCategory.CIVILIANS,
        claimant_person=ryder,
        killed_min=0,
        killed_max=0,
        injured_min=0,
        injured_max=0,
        quote="“No civilians were harmed. No infrastructure or facilities were struck.”",
    )
    put_claim(
        strike,
        report,
        "Iraqi police and militia sources (toll confirmed by health sources)",
        CasualtyCategory.ALL,
        killed_min=4,
        killed_max=4,
        quote=(
            "Police and militia sources said the rockets hit a vehicle in the compound and killed four people, "
            "including a militia commander and one of his aides. Health sources confirmed the death toll."
        ),
    )
    put_claim(
        drone_attack,
        report,
        "Reuters (the report's own account)",
        CasualtyCategory.SECURITY_FORCES,
        group=us_forces,
        injured_min=3,
        injured_max=3,
        quote="a drone attack by Iran-aligned militants that left one U.S. service member in critical condition "
        "and wounded two others",
    )
    Casualty.objects.update_or_create(
        incident=strike,
        person=people.al_jawari,
        defaults={"outcome": CasualtyOutcome.KILLED, "claim": pentagon_claim, "report": report},
    )


def _statements(incidents: Incidents, people: People, report: Report) -> None:
    strike = incidents.strike
    ryder, al_moussawi = people.ryder, people.al_moussawi
    said_on = report.published_on
    put_statement(
        report,
        "The strike also killed one other Harakat al Nujaba member. No civilians were harmed. "
        "No infrastructure or facilities were struck.",
        [strike],
        speaker=ryder,
        speaker_title="Pentagon spokesperson",
        body="U.S. Department of Defense (Pentagon)",
        said_on=said_on,
        stance=Stance.CONFIRMS,
    )
    put_statement(
        report,
        "The individual targeted was a leader of an Iranian proxy group responsible for attacks against U.S. "
        "personnel; the strike was a self-defense strike.",
        [strike],
        speaker=ryder,
        speaker_title="Pentagon spokesperson",
        body="U.S. Department of Defense (Pentagon)",
        said_on=said_on,
        stance=Stance.JUSTIFIES,
        is_paraphrase=True,
    )
    put_statement(
        report,
        "unjustified attack on an Iraqi security entity",
        [strike],
        speaker=None,
        speaker_title="military spokesperson for Iraqi Prime Minister Mohammed Shia al-Sudani",
        body="Office of the Prime Minister of Iraq",
        said_on=said_on,
        stance=Stance.CONDEMNS,
    )
    put_statement(
        report,
        "We will retaliate and make the Americans regret carrying out this aggression.",
        [strike],
        speaker=al_moussawi,
        speaker_title="local Iraqi militia commander",
        said_on=said_on,
        stance=Stance.THREATENS,
    )


def _links(incidents: Incidents, report: Report) -> None:
    strike, december_strikes, drone_attack = incidents
    for from_incident, to_incident, kind, note in [
        (
            december_strikes,
            drone_attack,
            LinkKind.RETALIATION_FOR,
            "The report calls the December strikes retaliation for the drone attack.",
        ),
        (
            strike,
            december_strikes,
            LinkKind.FOLLOW_UP_TO,
            "The report places the strike in the escalation after last month's retaliatory strikes.",
        ),
    ]:
        IncidentLink.objects.update_or_create(
            from_incident=from_incident, to_incident=to_incident, kind=kind, defaults={"report": report, "note": note}
        )
