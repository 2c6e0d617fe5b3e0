"""manage.py import_acled: both layouts, each row mapped onto incidents, reports, claims, groups; --dry-run, --status.

The ACLED rows are invented by the team (tests/data/datasets/README.md), never ACLED's data.
"""

import datetime

import pytest

from datasets.acled import import_acled
from incidents.models import ArmedGroup, ExternalName, GroupAlias, Incident
from incidents.models.choices import (
    CasualtyCategory,
    Dataset,
    DatePrecision,
    EventType,
    GroupKind,
    LocationPrecision,
    ParticipationRole,
    SourceKind,
    Status,
    SubEventType,
)
from tests import factories
from tests.datasets.acled_files import CURRENT, LAYOUT_2020, counts, edited, no_writes, run

pytestmark = pytest.mark.django_db


def test_imports_the_current_layout():
    nujaba = factories.group(name="Nujaba Movement", kind=GroupKind.STATE_ALIGNED_MILITIA)
    GroupAlias.objects.create(group=nujaba, name="Harakat an-Nujaba")

    out, err = run(CURRENT)

    assert "6 rows: 6 new, 0 updated, 0 unchanged, 0 rejected" in out
    assert "rows read (100%)" in err
    strike = Incident.objects.get(acled_event_id="IRQ90001")
    assert strike.title == (
        "Air/drone strike: Military Forces of the United States (2021-) → Nujaba Movement, Baghdad - Palestine Street"
    )
    assert strike.status == Status.PUBLISHED
    assert (strike.start_date, strike.end_date, strike.date_precision) == (
        datetime.date(2024, 1, 4),
        None,
        DatePrecision.DAY,
    )
    assert (strike.event_type, strike.sub_event_type) == (EventType.REMOTE_VIOLENCE, SubEventType.AIR_DRONE_STRIKE)
    assert (strike.place_name, strike.district, strike.latitude, strike.longitude) == (
        "Baghdad - Palestine Street",
        "Al Resafa",
        33.3406,
        44.4009,
    )
    assert strike.location_precision == LocationPrecision.TOWN
    assert (strike.country.iso2, strike.admin_area.iso_code) == ("IQ", "IQ-BG")
    assert strike.summary.startswith("On 4 January 2024, a drone strike")
    assert (strike.killed_low, strike.killed_best, strike.killed_high, strike.contested) == (2, 2, 2, False)

    (claim,) = strike.claims.all()
    assert (claim.category, claim.killed_min, claim.killed_max, claim.claimant) == (CasualtyCategory.ALL, 2, 2, "ACLED")
    report = claim.report
    assert (report.source.name, report.source.kind) == ("ACLED", SourceKind.DATASET)
    assert report.title == strike.summary[:200]
    assert report.published_on == datetime.date(2024, 1, 4)
    assert report.url == ""
    assert report.text.startswith(strike.summary)
    assert "\n\nSource: Team test notes; Local sources\nSource scale: Other-National\nTags: " in report.text

    roles = {(p.role, p.group.name, p.attribution, p.report_id) for p in strike.participations.select_related("group")}
    assert roles == {
        (ParticipationRole.PERPETRATOR, "Military Forces of the United States (2021-)", "attributed", report.pk),
        (ParticipationRole.TARGET, "Nujaba Movement", "attributed", report.pk),
    }
    us = ArmedGroup.objects.get(name="Military Forces of the United States (2021-)")
    assert us.kind == GroupKind.STATE_FORCE
    # The matched group keeps the ACLED actor string, so the next import finds it directly.
    assert ExternalName.objects.get(dataset=Dataset.ACLED, value="Harakat al-Nujaba").group == nujaba


def test_week_and_month_precision_cover_the_period():
    import_acled(CURRENT)

    month = Incident.objects.get(acled_event_id="IRQ90002")
    assert (month.start_date, month.end_date, month.date_precision) == (
        datetime.date(2023, 12, 1),
        datetime.date(2023, 12, 31),
        DatePrecision.MONTH,
    )
    # ACLED codes a week to its middle day: three days either side.
    week = Incident.objects.get(acled_event_id="IRQ90003")
    assert (week.start_date, week.end_date, week.date_precision) == (
        datetime.date(2024, 2, 11),
        datetime.date(2024, 2, 17),
        DatePrecision.WEEK,
    )
    assert month.location_precision == LocationPrecision.NEAR


def test_associated_actors_and_civilians():
    import_acled(CURRENT)

    clash = Incident.objects.get(acled_event_id="IRQ90003")
    roles = sorted((p.role, p.group.name) for p in clash.participations.select_related("group"))
    assert roles == [
        (ParticipationRole.ASSOCIATED_PERPETRATOR, "Popular Mobilization Forces"),
        (ParticipationRole.ASSOCIATED_PERPETRATOR, "Tribal Militia (Iraq)"),
        (ParticipationRole.PERPETRATOR, "Military Forces of Iraq (2022-)"),
        (ParticipationRole.TARGET, "Islamic State (Iraq)"),
    ]
    assert "\nFive were killed" in clash.summary

    attack = Incident.objects.get(acled_event_id="IRQ90004")
    assert attack.title == "Attack: Unidentified Armed Group (Iraq) → Civilians, Mosul"
    assert [p.role for p in attack.participations.all()] == [ParticipationRole.PERPETRATOR]
    assert not ArmedGroup.objects.filter(name__startswith="Civilians").exists()
    assert ArmedGroup.objects.get(name="Unidentified Armed Group (Iraq)").kind == GroupKind.UNIDENTIFIED
    assert ArmedGroup.objects.get(name="Protesters (Iraq)").kind == GroupKind.OTHER


def test_acled_governorate_spellings_match():
    import_acled(CURRENT)

    areas = dict(Incident.objects.values_list("acled_event_id", "admin_area__iso_code"))
    assert areas == {
        "IRQ90001": "IQ-BG",
        "IRQ90002": "IQ-AN",
        "IRQ90003": "IQ-SD",
        "IRQ90004": "IQ-NI",
        "SYR90005": "SY-DY",
        "IRQ90006": "IQ-DQ",
    }
    assert Incident.objects.get(acled_event_id="SYR90005").country.iso2 == "SY"


def test_unknown_governorate_is_located_by_coordinates_with_a_warning(tmp_path):
    path = edited(tmp_path, IRQ90001={"admin1": "Baghdad Province of Nowhere"})

    out, _ = run(path)

    assert Incident.objects.get(acled_event_id="IRQ90001").admin_area.iso_code == "IQ-BG"
    assert (
        "line 2, admin1: “Baghdad Province of Nowhere” matches no governorate; located by coordinates: Baghdad" in out
    )


def test_imports_the_2020_layout():
    out, _ = run(LAYOUT_2020)

    assert "ACLED (2020 layout), 3 rows: 3 new" in out
    ied = Incident.objects.get(acled_event_id="IRQ80001")
    assert ied.start_date == datetime.date(2020, 5, 9)
    assert ied.admin_area.iso_code == "IQ-DI"
    kinds = dict(ArmedGroup.objects.values_list("name", "kind"))
    assert kinds["Military Forces of Iraq (2018-)"] == GroupKind.STATE_FORCE
    assert kinds["Hayat Tahrir al-Sham"] == GroupKind.NON_STATE
    assert kinds["Unidentified Armed Group (Iraq)"] == GroupKind.UNIDENTIFIED
    abduction = Incident.objects.get(acled_event_id="IRQ80002")
    assert (abduction.start_date, abduction.end_date) == (datetime.date(2020, 5, 1), datetime.date(2020, 5, 31))
    assert not abduction.participations.filter(role=ParticipationRole.TARGET).exists()
    assert abduction.claims.get().killed_max == 0
    clash = Incident.objects.get(acled_event_id="SYR80003")
    assert (clash.start_date, clash.end_date, clash.country.iso2) == (
        datetime.date(2020, 5, 18),
        datetime.date(2020, 5, 24),
        "SY",
    )


def test_dry_run_writes_nothing():
    before = counts()

    with no_writes():
        out, _ = run(CURRENT, "--dry-run")

    assert "6 rows: 6 new, 0 updated, 0 unchanged, 0 rejected; 11 new armed groups (dry run: nothing written" in out
    assert counts() == before


def test_status_draft(tmp_path):
    run(CURRENT, "--status", "draft")

    assert set(Incident.objects.values_list("status", flat=True)) == {Status.DRAFT}
