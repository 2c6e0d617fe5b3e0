"""The extractor with a lexicon built by hand, without the database: places, groups, people, datelines, tolls."""

from extraction.extract import extract
from tests.extraction.hand_lexicon import HAND_LEXICON
from tests.extraction.scoring import by_name


def hand(text: str, published: str = "2024-01-05"):
    return extract(f"date {published}\n{text}", HAND_LEXICON)


def test_hand_built_lexicon_matches_transliterations_and_arabic():
    text = "date 2024-01-05\nRockets hit Ayn al-Asad airbase and a drone fell in Irbil province. وقع الهجوم في أربيل"
    proposal = extract(text, HAND_LEXICON)
    names = [(p.name, p.kind) for p in proposal.places]
    assert names == [("Al Asad Air Base", "military_base"), ("Erbil", "governorate"), ("Erbil", "populated_place")]
    assert [text[s:e] for s, e in proposal.places[2].spans] == ["أربيل"]
    assert proposal.places[1].governorate_code == "IQ-AR" and proposal.places[1].latitude is None


def test_site_names_match_with_other_suffixes():
    proposal = hand("A drone attack targeted the Ain al-Asad air base on Tuesday.")
    assert [p.name for p in proposal.places] == ["Al Asad Air Base"]


def test_an_english_word_is_not_a_place():
    proposal = hand("The rockets hit a vehicle. Two were killed in Hit on Monday.")
    hit = [p for p in proposal.places if p.name == "Hīt"]
    assert len(hit) == 1 and len(hit[0].spans) == 1


def test_abbreviations_match_only_in_capitals():
    proposal = hand("This is what IS fighters did, Kata'ib Hizballah said.")
    assert {g.name for g in proposal.groups} == {"Islamic State", "Kataib Hezbollah"}
    assert len(by_name(proposal.groups, "Islamic State").spans) == 1


def test_unknown_group_like_names_are_proposed_as_new():
    proposal = hand("A group calling itself Saraya Awliya al-Dam claimed the drone attack on Erbil on Monday.")
    new = by_name(proposal.groups, "Saraya Awliya al-Dam")
    assert new.new and not new.matched and [r.role for r in new.roles] == ["perpetrator"]
    assert new.roles[0].attribution == "claimed"


def test_group_blamed_is_an_attributed_perpetrator():
    proposal = hand("U.S. officials blamed the attack on Kataib Hezbollah.")
    assert [(r.role, r.attribution) for r in by_name(proposal.groups, "Kataib Hezbollah").roles] == [
        ("perpetrator", "attributed")
    ]


def test_known_person_by_alias_and_surname():
    proposal = hand(
        '"We will respond," Abu Ali al Askari, a Kataib Hezbollah security official, said. Askari added more.'
    )
    person = by_name(proposal.people, "Abu Ali al-Askari")
    assert person.matched and person.id == 7 and person.group == "Kataib Hezbollah" and len(person.spans) == 2
    assert proposal.statements[0].speaker == "Abu Ali al-Askari" and proposal.statements[0].stance == "threatens"


def test_unknown_person_with_title():
    proposal = hand("Iraqi military spokesman Yehia Rasool condemned the strike on Monday.")
    person = by_name(proposal.people, "Yehia Rasool")
    assert not person.matched and person.role_kind == "spokesperson"


def test_dateline_place_and_outlet():
    proposal = hand("ERBIL, Iraq, Jan 5 (Reuters) - A drone was shot down near Erbil airport on Thursday.")
    assert proposal.outlet == "Reuters"
    assert by_name(proposal.places, "Erbil").dateline is False  # mentioned again in the body
    assert proposal.incident_date.start == "2024-01-04"
    assert proposal.warnings == []


def test_datelines_without_an_outlet_or_in_mixed_case_with_one():
    proposal = hand("ERBIL, IRAQ — A drone was shot down near the airport on Thursday.")
    assert by_name(proposal.places, "Erbil").dateline is True and proposal.outlet == ""
    proposal = hand("Erbil, Jan. 5, (dpa/GNA) – A drone was shot down on Thursday.")
    assert proposal.outlet == "dpa/GNA" and by_name(proposal.places, "Erbil").dateline is True
    # The dateline's day is when the report spoke, not the incident's.
    assert [(d.start, d.role) for d in proposal.dates] == [("2024-01-05", "statement"), ("2024-01-04", "incident")]
    # A sentence that opens with a name in mixed case and a dash is no dateline.
    assert hand("Erbil - the city - was calm on Thursday.").outlet == ""
    # The agency and the report's own date in brackets: that date is not the incident's.
    proposal = hand("Erbil, (APP - UrduPoint / Pakistan Point News - 5th Jan, 2024) A drone fell on Thursday.")
    assert proposal.outlet == "APP" and by_name(proposal.places, "Erbil").dateline is True
    assert [(d.start, d.role) for d in proposal.dates] == [("2024-01-04", "incident")]
    # An outlet's name may hold a figure.
    proposal = hand("ERBIL (Kurdistan 24) – A drone was shot down on Thursday.")
    assert proposal.outlet == "Kurdistan 24" and by_name(proposal.places, "Erbil").dateline is True
    # Agencies' other ways: ".-" after the bracket, the outlet between slashes, a colon after the day.
    for line, outlet in (
        ("Erbil, Jan 5 (EFE).- A drone was shot down on Thursday.", "EFE"),
        ("ERBIL, January 5. /TASS/. A drone was shot down on Thursday.", "TASS"),
        ("ERBIL, Jan 5: A drone was shot down on Thursday.", ""),
    ):
        proposal = hand(line)
        assert proposal.outlet == outlet and by_name(proposal.places, "Erbil").dateline is True, line


def test_a_dateline_place_no_entry_holds_is_a_place_and_its_day_the_incidents_when_the_text_gives_none():
    proposal = hand("WASHINGTON (AP) — A drone was shot down near Erbil on Thursday.")
    washington = by_name(proposal.places, "Washington")
    assert (washington.matched, washington.dateline) == (False, True)
    # Not a desk's name.
    assert [p.name for p in hand("NEWS CENTER - A drone was shot down near Erbil.").places] == ["Erbil"]
    # A report of that day's news: the dateline's day is the incident's, and a day a month before background.
    proposal = hand("ERBIL, January 5. /TASS/. A drone was shot down near the airport, as one was on December 1.")
    assert [(d.start, d.role) for d in proposal.dates] == [("2024-01-05", "incident"), ("2023-12-01", "earlier")]


def test_dateline_that_disagrees_with_the_publication_date_is_a_warning():
    proposal = hand("ERBIL, Jan 3 (Reuters) - Rockets hit a base on Thursday.")
    assert any("dateline" in warning for warning in proposal.warnings)


def test_claims_conflicting_tolls_stay_apart():
    proposal = hand(
        "Security sources said four soldiers were killed. A local official gave a higher toll of five soldiers killed."
    )
    assert [(c.min, c.category, c.claimant) for c in proposal.casualty_claims] == [
        (4, "security_forces", "Security sources"),
        (5, "security_forces", "A local official"),
    ]


def test_counts_that_are_not_casualties_are_ignored():
    proposal = hand("U.S. forces were attacked at least 100 times. The United States has 2,500 troops in Iraq.")
    assert proposal.casualty_claims == []
