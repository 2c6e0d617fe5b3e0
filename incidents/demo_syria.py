"""The demo's incident in Syria: the drone attack of 4–5 February 2024 on the al-Omar oil field base
in Deir ez-Zor, as Reuters reported it on 5 February 2024.

The facts (the place, the night, the six SDF commandos killed by the SDF's count, the Islamic
Resistance in Iraq's claim) are the report's; the report itself is cited by its address, not
copied, and its text here is our summary. Keyed on natural keys like the rest of the demo, so
running it again changes nothing.
"""

import datetime

from django.db import transaction

from geo.models import AdminArea, Place
from incidents.actor_catalogue import ensure_catalogue
from incidents.demo import ensure_geodata, put_claim, put_incident, put_statement
from incidents.models import ArmedGroup, Incident, Participation, Person, Report, Source
from incidents.models.choices import (
    Attribution,
    CasualtyCategory,
    DatePrecision,
    EventType,
    LocationPrecision,
    Means,
    ParticipationRole,
    RoleKind,
    SourceKind,
    Stance,
    Status,
    SubEventType,
)

AL_OMAR_ID = "INC-SEED0004"
REPORT_URL = "https://www.middleeastmonitor.com/20240205-6-us-backed-kurdish-fighters-killed-in-drone-attack-on-us-base-in-syria/"


@transaction.atomic
def load_syria_demo() -> Incident:
    """Record the al-Omar attack with its claim, statements and groups; the incident."""
    ensure_geodata()
    ensure_catalogue()
    report = _report()
    groups = {
        key: ArmedGroup.objects.get(catalogue_key=key) for key in ("islamic-resistance-in-iraq", "sdf", "us-forces")
    }
    incident = _al_omar_attack()
    for key, role, attribution in [
        ("islamic-resistance-in-iraq", ParticipationRole.PERPETRATOR, Attribution.CLAIMED),
        ("sdf", ParticipationRole.TARGET, Attribution.CONFIRMED),
        ("us-forces", ParticipationRole.ASSOCIATED_TARGET, Attribution.ATTRIBUTED),
    ]:
        Participation.objects.update_or_create(
            incident=incident, group=groups[key], role=role, defaults={"attribution": attribution, "report": report}
        )
    shami = _shami(groups["sdf"])
    put_claim(
        incident,
        report,
        "the Syrian Democratic Forces",
        CasualtyCategory.COMBATANTS,
        claimant_person=shami,
        group=groups["sdf"],
        killed_min=6,
        killed_max=6,
        quote=(
            "the drone struck an SDF commando academy … resulting “in the martyrdom of six of our Commando fighters.”"
        ),
    )
    put_statement(
        report,
        "in the martyrdom of six of our Commando fighters",
        [incident],
        speaker=shami,
        speaker_title="SDF spokesperson",
        body_group=groups["sdf"],
        said_on=report.published_on,
        stance=Stance.CONFIRMS,
    )
    put_statement(
        report,
        "The Islamic Resistance in Iraq said it launched the drone attack on the al-Omar field on 4 February.",
        [incident],
        speaker=None,
        body_group=groups["islamic-resistance-in-iraq"],
        said_on=report.published_on,
        stance=Stance.CLAIMS,
        is_paraphrase=True,
    )
    return incident


def _report() -> Report:
    source, _ = Source.objects.update_or_create(
        name="Middle East Monitor",
        defaults={"kind": SourceKind.NEWS_OUTLET, "url": "https://www.middleeastmonitor.com/"},
    )
    report, _ = Report.objects.update_or_create(
        source=source,
        published_on=datetime.date(2024, 2, 5),
        title="6 US-backed Kurdish fighters killed in drone attack on US base in Syria (reporting by Reuters)",
        defaults={
            "url": REPORT_URL,
            "language": "en",
            "text": (
                "Our summary; the report is at its address. The Syrian Democratic Forces said an explosive drone "
                "launched by Iran-backed groups from government-held Deir ez-Zor struck the SDF commando academy "
                "at the U.S. base in the al-Omar oil field, killing six SDF commandos; SDF spokesperson Farhad "
                "Shami said so on X. The Islamic Resistance in Iraq claimed the attack, saying it was launched "
                "on 4 February."
            ),
        },
    )
    return report


def _shami(sdf: ArmedGroup) -> Person:
    shami, _ = Person.objects.update_or_create(name="Farhad Shami", defaults={"aliases": "Farhad al-Shami"})
    shami.affiliations.update_or_create(
        group=sdf, body="", role=RoleKind.SPOKESPERSON, defaults={"title": "SDF spokesperson"}
    )
    return shami


def _al_omar_attack() -> Incident:
    site = Place.objects.get(name="Al-Omar oil field", country__iso2="SY")
    return put_incident(
        AL_OMAR_ID,
        title="Drone attack on the al-Omar oil field base kills six SDF commandos",
        summary=(
            "An explosive drone struck the SDF's commando academy at the U.S.-led coalition's base in the al-Omar "
            "oil field, Deir ez-Zor, around midnight on 4–5 February 2024. The SDF said six of its commandos were "
            "killed and that the drone came from government-held areas of Deir ez-Zor. The Islamic Resistance in "
            "Iraq claimed the attack, saying it was launched on 4 February."
        ),
        start_date=datetime.date(2024, 2, 4),
        end_date=datetime.date(2024, 2, 5),
        date_precision=DatePrecision.DAYS,
        event_type=EventType.REMOTE_VIOLENCE,
        sub_event_type=SubEventType.AIR_DRONE_STRIKE,
        means=[Means.DRONE],
        place_name="Al-Omar oil field base, Deir ez-Zor",
        place=site,
        country=site.country,
        admin_area=AdminArea.objects.get(iso_code="SY-DY"),
        latitude=site.latitude,
        longitude=site.longitude,
        location_precision=LocationPrecision.EXACT,
        status=Status.PUBLISHED,
    )
