"""extraction/ingestion/: from a report's proposal to records in one transaction, and possible duplicates."""

import datetime
import math

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from extraction.extract import extract
from extraction.ingestion.duplicates import find_duplicates
from extraction.ingestion.items import GroupItem, Ingestion, PersonItem
from extraction.ingestion.propose import propose
from extraction.ingestion.save import ingest
from extraction.lexicon import build_lexicon
from geo.geometry import EARTH_RADIUS_KM, haversine_km
from incidents.demo import DECEMBER_STRIKES_ID, REPORT_FILE, STRIKE_ID, load_demo
from incidents.locking import StaleEdit
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
    CasualtyCategory,
    CasualtyOutcome,
    EventType,
    GroupKind,
    LinkKind,
    LocationPrecision,
    ParticipationRole,
    SourceKind,
    Stance,
    Status,
    SubEventType,
)
from incidents.models.claims import figure_range
from incidents.roles import CONTRIBUTORS, create_roles
from tests import factories

pytestmark = pytest.mark.django_db

SEED_TEXT = REPORT_FILE.read_text(encoding="utf-8")
CORPUS = REPORT_FILE.parents[2] / "tests" / "data" / "reports"
US, NUJABA = "United States Armed Forces", "Harakat al-Nujaba"
WRITTEN = [
    Source,
    Report,
    Incident,
    Participation,
    CasualtyClaim,
    Casualty,
    Statement,
    IncidentLink,
    ArmedGroup,
    GroupAlias,
    Person,
    Affiliation,
]


@pytest.fixture
def contributor(django_user_model):
    if not Group.objects.filter(name=CONTRIBUTORS).exists():
        create_roles(django_apps)
    user = django_user_model.objects.create_user("carol", "carol@example.org", "a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=CONTRIBUTORS))
    return user


@pytest.fixture
def demo(db):
    load_demo()


def seed_report(**fields) -> Report:
    fields.setdefault("source", Source(name="Reuters", kind=SourceKind.NEWS_AGENCY))
    fields.setdefault("title", "U.S. strike kills militia leader in Baghdad")
    fields.setdefault("published_on", datetime.date(2024, 1, 5))
    fields.setdefault("text", SEED_TEXT)
    return Report(**fields)


def seed_ingestion(**report_fields) -> Ingestion:
    proposal = extract(SEED_TEXT, build_lexicon()).as_dict()
    return propose(proposal, SEED_TEXT, seed_report(**report_fields))


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in WRITTEN} | {
        "history": Incident.history.count() + CasualtyClaim.history.count() + Report.history.count()
    }


# The proposal as staff first see it ------------------------------------------------------------


def test_the_seed_proposal_suggests_the_strike_as_a_reader_would_record_it(demo):
    proposed = seed_ingestion()
    incident = proposed.incident
    assert incident.pk is None and incident.status == Status.DRAFT
    assert incident.start_date == datetime.date(2024, 1, 4)
    assert incident.time_utc == datetime.time(9, 0) and incident.time_approximate
    assert (incident.event_type, incident.sub_event_type) == (EventType.REMOTE_VIOLENCE, SubEventType.AIR_DRONE_STRIKE)
    assert set(incident.means) == {"drone", "rocket"}
    assert incident.place_name == "eastern Baghdad"
    assert incident.location_precision == LocationPrecision.TOWN
    assert incident.title == f"Air/drone strike by {US} on {NUJABA} in eastern Baghdad"
    assert incident.summary.startswith("The U.S. military launched a retaliatory strike in Baghdad on Thursday")


def test_a_place_named_as_near_somewhere_says_where_in_the_title_without_in(demo):
    proposal = extract(SEED_TEXT, build_lexicon()).as_dict()
    for place in proposal["places"]:
        place["text"] = place["text"].replace("eastern Baghdad", "near Baghdad")
    incident = propose(proposal, SEED_TEXT, seed_report()).incident
    assert incident.title == f"Air/drone strike by {US} on {NUJABA} near Baghdad"


def test_a_datelines_capitals_are_not_the_titles_place_and_casualties_are_no_count_of_each(demo):
    text = "BAGHDAD — Gunmen attacked a checkpoint in Baghdad on Monday. Four casualties were reported, police said."
    report = seed_report(text=text, title="", published_on=datetime.date(2025, 8, 4))
    proposal = extract(text, build_lexicon(), publication_date=report.published_on).as_dict()
    proposed = propose(proposal, text, report)
    assert proposed.incident.place_name == "Baghdad"
    assert proposed.incident.summary == "Gunmen attacked a checkpoint in Baghdad on Monday."
    [claim] = [c for c in proposed.claims if c.include]
    # Four killed and wounded together: not four of each, which a toll would add up to eight.
    assert (claim.killed_min, claim.killed_max, claim.injured_min, claim.injured_max) == (0, 4, 0, 4)
    assert "together: 4" in claim.note


def test_an_outlet_and_place_line_opening_the_body_is_a_dateline_not_the_summary(demo):
    text = "Shafaq News – Baghdad\n\nGunmen attacked a checkpoint in Baghdad on Monday, police said."
    report = seed_report(text=text, title="", published_on=datetime.date(2025, 8, 4))
    proposal = extract(text, build_lexicon(), publication_date=report.published_on).as_dict()
    assert proposal["outlet"] == "Shafaq News"
    proposed = propose(proposal, text, report)
    assert proposed.incident.summary == "Gunmen attacked a checkpoint in Baghdad on Monday, police said."
    # As a browser's form sends it, with CR LF line ends.
    text = text.replace("\n", "\r\n")
    proposal = extract(text, build_lexicon(), publication_date=report.published_on).as_dict()
    assert propose(proposal, text, report).incident.summary.startswith("Gunmen attacked a checkpoint")


def test_one_source_named_two_ways_stays_one_account(demo):
    claims = [c for c in seed_ingestion().claims if c.include]
    assert [c.claimant for c in claims] == ["the Pentagon", "the Pentagon", "Police and militia sources"]


def test_a_claim_about_an_earlier_event_is_left_out_until_ticked(demo):
    earlier = [c for c in seed_ingestion().claims if not c.include]
    assert len(earlier) == 1
    assert earlier[0].injured_min == 3 and "earlier event" in earlier[0].note


def test_claims_quote_whole_sentences_across_abbreviations(demo):
    police = next(c for c in seed_ingestion().claims if c.claimant == "Police and militia sources")
    assert police.quote == (
        "Police and militia sources said the rockets hit a vehicle in the compound and killed four people, "
        "including a militia commander and one of his aides. … Health sources confirmed the death toll."
    )
    assert police.note == "Confirmed by Health sources."


def test_the_named_target_is_suggested_as_killed_under_the_claim_counting_his_group(demo):
    proposed = seed_ingestion()
    jawari = next(p for p in proposed.people if p.person_id == Person.objects.get(name__contains="Jawari").pk)
    claim = next(c for c in proposed.claims if c.key == jawari.casualty_claim_key)
    assert jawari.casualty == CasualtyOutcome.KILLED
    assert (claim.claimant, claim.category, claim.killed_min) == ("the Pentagon", CasualtyCategory.COMBATANTS, 2)
    speakers = [p for p in proposed.people if p.key != jawari.key]
    assert all(not p.casualty for p in speakers)


def test_groups_with_no_part_and_no_mention_in_a_record_are_left_out(demo):
    included = {ArmedGroup.objects.get(pk=g.group_id).name: g.role for g in seed_ingestion().groups if g.include}
    assert included == {US: ParticipationRole.PERPETRATOR, NUJABA: ParticipationRole.TARGET}


def test_last_months_strikes_are_offered_as_the_earlier_event(demo):
    links = seed_ingestion().links
    offered = set(Incident.objects.filter(pk__in=[link.to_incident_id for link in links]).values_list("public_id"))
    assert (DECEMBER_STRIKES_ID,) in offered
    assert all(not link.include and link.kind == LinkKind.FOLLOW_UP_TO for link in links)
    assert "Last month" in links[0].note


# Writing it -----------------------------------------------------------------------------------


def test_the_seed_report_becomes_a_draft_incident_with_every_record_citing_it(demo, contributor):
    result = ingest(contributor, seed_ingestion())
    incident, report = result.incident, result.report

    assert not result.attached
    assert incident.public_id != STRIKE_ID
    assert incident.status == Status.DRAFT
    assert incident.created_by == contributor and incident.changed_by == contributor
    assert incident.start_date == datetime.date(2024, 1, 4)
    assert incident.time_utc == datetime.time(9, 0) and incident.time_approximate
    assert incident.admin_area.iso_code == "IQ-BG" and incident.country.iso2 == "IQ"
    assert incident.latitude == pytest.approx(33.34, abs=0.05)

    assert report.pk and report.source.name == "Reuters" and report.ingested_by == contributor
    assert report.text.startswith("The U.S. military launched")

    parts = {(p.group.name, p.role) for p in incident.participations.all()}
    assert parts == {(US, ParticipationRole.PERPETRATOR), (NUJABA, ParticipationRole.TARGET)}
    assert {p.report_id for p in incident.participations.all()} == {report.pk}

    claims = list(incident.claims.order_by("pk"))
    assert [(c.claimant, c.category, c.killed_min, c.killed_max) for c in claims] == [
        ("the Pentagon", CasualtyCategory.COMBATANTS, 2, 2),
        ("the Pentagon", CasualtyCategory.CIVILIANS, 0, 0),
        ("Police and militia sources", CasualtyCategory.ALL, 4, 4),
    ]
    assert claims[0].claimant_person.name == "Patrick Ryder" and claims[0].group.name == NUJABA
    assert {c.report_id for c in claims} == {report.pk}
    assert (incident.killed_low, incident.killed_high, incident.contested) == (2, 4, True)
    assert (incident.civilians_killed_low, incident.civilians_killed_high) == (0, 0)

    statements = list(Statement.objects.filter(incidents=incident))
    assert len(statements) >= 3
    assert {s.stance for s in statements} >= {Stance.CONFIRMS, Stance.CONDEMNS, Stance.THREATENS}
    assert {s.report_id for s in statements} == {report.pk}
    assert {s.said_on for s in statements} == {datetime.date(2024, 1, 5)}
    moussawi = next(s for s in statements if s.stance == Stance.THREATENS)
    assert moussawi.speaker.name == "Abu Aqeel al-Moussawi"

    casualty = incident.casualties.get()
    assert casualty.person.name == "Mushtaq Jawad Kazim al-Jawari"
    assert casualty.outcome == CasualtyOutcome.KILLED
    assert casualty.claim == claims[0] and casualty.report == report
    assert result.counts["new_groups"] == 0 and result.counts["new_people"] == 0
    assert "Created draft" in result.summary() and "3 casualty claims, 1 named casualty" in result.summary()


def test_a_ticked_link_makes_the_strike_a_follow_up_of_last_months(demo, contributor):
    proposed = seed_ingestion()
    december = Incident.objects.get(public_id=DECEMBER_STRIKES_ID)
    link = next(link for link in proposed.links if link.to_incident_id == december.pk)
    link.include = True
    incident = ingest(contributor, proposed).incident
    made = IncidentLink.objects.get(from_incident=incident)
    assert (made.to_incident, made.kind, made.report.title) == (december, LinkKind.FOLLOW_UP_TO, proposed.report.title)


def _proposed_from_outlet(text: str, outlet: str, published: datetime.date):
    """A report from a news outlet not yet held, and what the review page proposes for it."""
    proposal = extract(text, build_lexicon()).as_dict()
    report = Report(
        source=Source(name=outlet, kind=SourceKind.NEWS_OUTLET),
        title=proposal["title"],
        published_on=published,
        text=text,
    )
    return propose(proposal, text, report)


def test_new_groups_and_people_are_created_as_proposed_with_the_reports_words_as_aliases(contributor):
    text = (CORPUS / "r11-harir-drone-yesterday.txt").read_text(encoding="utf-8")
    proposed = _proposed_from_outlet(text, "Kurdistan24", datetime.date(2024, 1, 10))
    (new_group,) = proposed.groups
    assert new_group.group_id is None and new_group.name == "Saraya Awliya al-Dam" and new_group.include
    new_group.name = "Saraya Awliya al-Dam (Guardians of the Blood Brigade)"
    (new_person,) = proposed.people
    assert new_person.person_id is None and new_person.name == "Joe Buccino"

    result = ingest(contributor, proposed)

    group = ArmedGroup.objects.get(name__startswith="Saraya Awliya")
    assert list(group.aliases.values_list("name", flat=True)) == ["Saraya Awliya al-Dam"]
    # The note to staff is kept from the public, and the group waits for an editor.
    assert group.description == "" and not group.approved
    assert "Proposed as new" in group.staff_note and "Drone attack on Harir base" in group.staff_note
    assert result.incident.participations.get().group == group
    person = Person.objects.get(name="Joe Buccino")
    assert person.description == "" and not person.approved and "Proposed as new" in person.staff_note
    assert not result.report.approved
    assert result.incident.statements.get().speaker == person
    assert result.report.source.name == "Kurdistan24" and result.report.source.kind == SourceKind.NEWS_OUTLET
    assert (result.counts["new_groups"], result.counts["new_people"]) == (1, 1)


def test_attackers_named_only_as_gunmen_are_saved_as_an_unidentified_group(contributor):
    text = (
        "date 2025-12-14\nTitle: Four security personnel killed in Idlib\n\nGunmen shot dead four members of "
        "Syria's security forces in an attack on their patrol in Idlib province on Sunday, the interior ministry said."
    )
    proposed = _proposed_from_outlet(text, "Example Wire", datetime.date(2025, 12, 14))
    (gunmen,) = proposed.groups
    assert (gunmen.name, gunmen.kind, gunmen.role) == ("Gunmen", GroupKind.UNIDENTIFIED, ParticipationRole.PERPETRATOR)

    ingest(contributor, proposed)

    group = ArmedGroup.objects.get(name="Gunmen")
    assert group.kind == GroupKind.UNIDENTIFIED and not group.approved


def test_attaching_adds_the_records_to_the_existing_incident_and_moves_its_version(demo, contributor):
    strike = Incident.objects.get(public_id=STRIKE_ID)
    before = {
        "incidents": Incident.objects.count(),
        "claims": strike.claims.count(),
        "statements": strike.statements.count(),
        "participations": strike.participations.count(),
        "casualties": strike.casualties.count(),
    }
    proposed = seed_ingestion(title="A second report of the strike")
    proposed.incident = strike
    proposed.expected_version = strike.version

    result = ingest(contributor, proposed)

    strike.refresh_from_db()
    assert result.attached and result.incident == strike
    assert Incident.objects.count() == before["incidents"]
    assert strike.claims.count() == before["claims"] + 3
    assert strike.statements.count() == before["statements"] + 3
    # The strike already holds these parts and its named casualty: they are not doubled.
    assert strike.participations.count() == before["participations"]
    assert strike.casualties.count() == before["casualties"]
    assert strike.version == proposed.expected_version + 1
    assert strike.changed_by == contributor
    assert strike.status == Status.PUBLISHED
    assert strike.claims.filter(report=result.report).count() == 3
    assert "Added to" in result.summary()


def test_attaching_with_a_stale_version_is_refused_and_writes_nothing(demo, contributor):
    strike = Incident.objects.get(public_id=STRIKE_ID)
    proposed = seed_ingestion()
    proposed.incident = strike
    proposed.expected_version = strike.version - 1 if strike.version > 1 else strike.version + 5
    before = counts()
    with pytest.raises(StaleEdit):
        ingest(contributor, proposed)
    assert counts() == before


def test_a_failure_midway_writes_nothing(demo, contributor):
    proposed = seed_ingestion()
    proposed.groups.append(GroupItem(key="gx", name="Kataib al-Test", role=ParticipationRole.TARGET))
    proposed.people.append(PersonItem(key="px", name="A new person"))
    # Written after the report, incident, groups, people and participations: the database refuses it.
    bad = next(c for c in proposed.claims if c.include and c.claimant.startswith("Police"))
    bad.killed_min, bad.killed_max = 9, 1
    before = counts()
    with pytest.raises(IntegrityError):
        ingest(contributor, proposed)
    assert counts() == before


def test_an_item_referring_to_one_left_out_writes_nothing(demo, contributor):
    proposed = seed_ingestion()
    ryder = next(p for p in proposed.people if p.person_id == Person.objects.get(name="Patrick Ryder").pk)
    ryder.include = False
    before = counts()
    with pytest.raises(ValidationError, match="left out"):
        ingest(contributor, proposed)
    assert counts() == before


# Possible duplicates --------------------------------------------------------------------------

BAGHDAD = (33.3406, 44.4009)
DAY = datetime.date(2024, 1, 4)


def north_of(point, km):
    return point[0] + math.degrees(km / EARTH_RADIUS_KM), point[1]


def east_of(point, km):
    return point[0], point[1] + math.degrees(km / EARTH_RADIUS_KM) / math.cos(math.radians(point[0]))


@pytest.fixture
def held(db):
    """Makes held incidents with a group as their target, on a day near 2024-01-04 and a point near Baghdad."""
    groups = {"us": factories.group(name="U.S. forces"), "militia": factories.group(name="A militia")}

    def make(days=0, point=BAGHDAD, group="militia", end_days=None):
        incident = factories.incident(
            start_date=DAY + datetime.timedelta(days=days),
            end_date=None if end_days is None else DAY + datetime.timedelta(days=end_days),
            latitude=point[0],
            longitude=point[1],
        )
        Participation.objects.create(incident=incident, group=groups[group], role=ParticipationRole.TARGET)
        return incident

    make.groups = groups
    return make


@pytest.mark.parametrize(
    ("days", "point", "group", "listed"),
    [
        (0, BAGHDAD, "militia", True),
        (2, north_of(BAGHDAD, 24), "militia", True),
        (-2, east_of(BAGHDAD, 24), "militia", True),
        (3, BAGHDAD, "militia", False),
        (-3, BAGHDAD, "militia", False),
        (0, north_of(BAGHDAD, 30), "militia", False),
        (0, east_of(BAGHDAD, 30), "militia", False),
        (1, BAGHDAD, "us", False),
    ],
    ids=[
        "same-day-same-place",
        "2-days-24-km",
        "2-days-before-24-km-east",
        "3-days-after",
        "3-days-before",
        "30-km-north",
        "30-km-east",
        "no-shared-group",
    ],
)
def test_possible_duplicates_are_within_two_days_and_25_km_and_share_a_group(held, days, point, group, listed):
    incident = held(days=days, point=point, group=group)
    found = find_duplicates(DAY, None, *BAGHDAD, [held.groups["militia"].pk])
    assert ([d.incident for d in found] == [incident]) is listed


def test_duplicates_come_nearest_first_with_distance_and_shared_groups(held, django_assert_max_num_queries):
    far = held(point=north_of(BAGHDAD, 20))
    near = held(days=1, point=north_of(BAGHDAD, 2))
    held(days=1, point=north_of(BAGHDAD, 5), group="us")
    with django_assert_max_num_queries(2):
        found = find_duplicates(DAY, None, *BAGHDAD, [held.groups["militia"].pk])
    assert [d.incident for d in found] == [near, far]
    assert found[0].distance_km == pytest.approx(2, abs=0.05)
    assert found[1].distance_km == pytest.approx(20, abs=0.05)
    assert found[0].shared_groups == ["A militia"]


def test_an_incident_spanning_the_date_is_a_possible_duplicate(held):
    month = held(days=-20, end_days=10)
    assert [d.incident for d in find_duplicates(DAY, None, *BAGHDAD, [held.groups["militia"].pk])] == [month]


def test_without_a_point_duplicates_are_those_within_the_dates_sharing_a_group(held):
    anywhere = held(point=north_of(BAGHDAD, 300))
    found = find_duplicates(DAY, None, None, None, [held.groups["militia"].pk])
    assert [(d.incident, d.distance_km) for d in found] == [(anywhere, None)]


def test_duplicates_are_looked_for_at_the_calendars_ends_without_failing(held):
    """A proposed date near year 1 or 9999 (a slip the form then refuses) still gets its search."""
    held()
    group = [held.groups["militia"].pk]
    assert find_duplicates(datetime.date.min, None, *BAGHDAD, group) == []
    assert find_duplicates(datetime.date(9999, 12, 31), None, *BAGHDAD, group) == []
    assert find_duplicates(datetime.date(1, 1, 3), datetime.date(9999, 12, 30), *BAGHDAD, group) != []


def test_merged_duplicates_are_not_offered(held):
    kept, merged = held(), held()
    Incident.objects.filter(pk=merged.pk).update(merged_into=kept)
    found = find_duplicates(DAY, None, *BAGHDAD, [held.groups["militia"].pk])
    assert [d.incident for d in found] == [kept]


def test_haversine_baghdad_to_erbil():
    assert haversine_km(33.3406, 44.4009, 36.1911, 44.0092) == pytest.approx(318, abs=3)


def test_people_kidnapped_are_a_figure_noted_not_counted_as_dead(demo):
    text = "Twelve civilians were kidnapped near Baghdad on Sunday, police said."
    report = seed_report(text=text, title="", published_on=datetime.date(2025, 8, 18))
    proposal = extract(text, build_lexicon(), publication_date=report.published_on).as_dict()
    assert [(c["outcome"], c["category"], c["min"]) for c in proposal["casualty_claims"]] == [
        ("missing", "civilians", 12)
    ]
    [claim] = propose(proposal, text, report).claims
    assert not claim.include
    assert (claim.killed_min, claim.killed_max, claim.injured_min, claim.injured_max) == (None, None, None, None)
    assert "Missing or abducted: 12" in claim.note
    # With only an upper bound there is still no figure for staff to set.
    text = "Up to twelve civilians were kidnapped near Baghdad on Sunday, police said."
    proposal = extract(text, build_lexicon(), publication_date=report.published_on).as_dict()
    [claim] = propose(proposal, text, report).claims
    assert claim.note == "Missing or abducted: at most 12; not a count of the dead or wounded."


def test_a_statement_is_proposed_as_said_on_the_day_the_text_gives(demo):
    text = (
        'A drone hit a car in Sinjar on Saturday. The ministry said on Monday: "The strike killed two militants." '
        '"The attack was cowardly," a local official said.'
    )
    report = seed_report(text=text, title="", published_on=datetime.date(2024, 6, 25))
    proposal = extract(text, build_lexicon(), publication_date=report.published_on).as_dict()
    statements = propose(proposal, text, report).statements
    # A statement whose day the text does not give was said, at the latest, on the day it was published.
    assert [s.said_on for s in statements] == [datetime.date(2024, 6, 24), datetime.date(2024, 6, 25)]


def test_people_neutralized_are_proposed_as_killed_or_wounded_with_a_note(demo):
    text = "Turkish forces neutralized six PKK terrorists in northern Iraq on Friday, the defence ministry said."
    report = seed_report(text=text, title="", published_on=datetime.date(2023, 10, 31))
    proposal = extract(text, build_lexicon(), publication_date=report.published_on).as_dict()
    [claim] = propose(proposal, text, report).claims
    assert (claim.killed_min, claim.killed_max, claim.injured_min, claim.injured_max) == (0, 6, 0, 6)
    assert '"Neutralized" also counts those captured or who surrendered.' in claim.note


def test_a_figure_with_only_an_upper_bound_is_written_as_at_most():
    assert [figure_range(*pair) for pair in ((4, 4), (3, 5), (3, None), (None, 35), (None, None))] == [
        "4",
        "3–5",
        "at least 3",
        "at most 35",
        "",
    ]
