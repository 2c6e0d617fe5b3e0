"""Rules on what kind of people a casualty figure counts (civilians, combatants, security forces, all), each fitting a
class of sentences seen in real reports."""

from extraction.extract import extract
from extraction.lexicon import GroupEntry, Lexicon
from tests.extraction.rules.lexicons import _claims, figures, run


def test_the_noun_of_a_figure_decides_its_category_before_a_group_name():
    claims = run("Turkish drones killed three Kurdistan Workers' Party militants near Duhok.").casualty_claims
    assert [(c.category, c.min) for c in claims] == [("combatants", 3)]
    claims = run("Two Kurdistan Workers' Party members were killed near Duhok.").casualty_claims
    assert [c.category for c in claims] == ["combatants"]
    claims = run("Three army officers were killed.").casualty_claims
    assert [c.category for c in claims] == ["security_forces"]
    claims = run("Two civilian workers were killed in the strike.").casualty_claims
    assert [c.category for c in claims] == ["civilians"]


def test_advisers_are_security_forces_and_one_adviser_is_a_person():
    assert figures("An Israeli strike killed four Iranian military advisers in Damascus.") == [
        ("killed", "security_forces", 4, 4)
    ]
    assert figures("The strike killed a senior adviser.") == []


def test_members_of_a_security_body_that_reports_them_are_security_forces():
    found = _claims("The city's police directorate said that four of its members were killed in the ambush.")
    assert found == [("killed", "security_forces", 4, 4, False, "The city's police directorate")]
    # A group's own members stay combatants.
    assert _claims("The militia said that four of its members were killed.")[0][1] == "combatants"


def test_members_of_a_named_armed_group_are_combatants_whatever_its_name_says():
    lexicon = Lexicon(groups=[GroupEntry(1, "Syrian National Army", (), "", "SNA", "non_state")])
    claims = extract(
        "date 2023-10-16\nAt least three members of the Syrian National Army (SNA) were killed in a rocket attack.",
        lexicon,
    ).casualty_claims
    assert [(c.category, c.min, c.group) for c in claims] == [("combatants", 3, "Syrian National Army")]


def test_a_bodys_own_forces_are_counted_as_what_the_body_is():
    claims = run("The Revolutionary Guards said two of its forces stationed in Syria were killed.").casualty_claims
    assert [(c.min, c.category) for c in claims] == [(2, "security_forces")]
    claims = run("The SDF said two of its forces were killed in the drone strike.").casualty_claims
    assert [(c.min, c.category) for c in claims] == [(2, "combatants")]


def test_contractors_are_civilians_and_agents_security_forces():
    assert figures("A U.S. contractor was killed at the base on Thursday.") == [("killed", "civilians", 1, 1)]
    assert figures("Three law enforcement agents were killed.") == [("killed", "security_forces", 3, 3)]
    assert figures("Three soldiers and two contractors were wounded.") == [("injured", "all", 5, 5)]


def test_members_of_a_family_are_civilians_whoever_counts_them():
    claims = run(
        "A bomb attack in Diyala killed eight members of the same family on Tuesday. Two other members of the "
        "family were injured. It killed two members of the security forces and wounded three members of Kataib "
        "Hezbollah."
    ).casualty_claims
    assert [(c.min, c.category) for c in claims] == [
        (8, "civilians"),
        (2, "civilians"),
        (2, "security_forces"),
        (3, "combatants"),
    ]


def test_people_of_two_kinds_counted_together_are_all_whoever_some_serve():
    claims = run("Five U.S. service members and one other contractor were wounded, the Pentagon said.").casualty_claims
    assert [(c.min, c.category) for c in claims] == [(6, "all")]


def test_people_said_to_be_a_groups_members_are_its_combatants():
    claims = run(
        "Three individuals, suspected to be members of the Kurdistan Workers' Party (PKK), were injured in an "
        "airstrike."
    ).casualty_claims
    assert [(c.outcome, c.category, c.min, c.group) for c in claims] == [
        ("injured", "combatants", 3, "Kurdistan Workers' Party")
    ]


def test_a_who_clause_after_the_figure_says_what_the_people_were():
    assert figures(
        "SOHR reported an exchange of gunfire, resulting in the death of two people, who later turned out to be "
        "security personnel."
    ) == [("killed", "security_forces", 2, 2)]


def test_others_in_a_sentence_about_the_same_attack_are_of_the_kind_counted_before():
    assert figures(
        "A roadside bomb killed three soldiers on Sunday. The attack near the town critically wounded two others."
    ) == [("killed", "security_forces", 3, 3), ("injured", "security_forces", 2, 2)]
    # Others in a sentence about something else need not be.
    assert figures("A roadside bomb killed three soldiers. A monitor said several others were wounded.")[1][1] == "all"


def test_people_of_two_kinds_joined_without_a_second_figure_are_one_figure():
    assert figures("At least 14 fighters and civilians were killed in overnight airstrikes, the monitor said.") == [
        ("killed", "all", 14, None)
    ]
    assert figures("The strike killed 12 fighters and civilians.") == [("killed", "all", 12, 12)]


def test_others_including_civilians_are_people_of_every_kind_not_those_of_the_figure_before():
    assert figures("An Israeli attack killed one soldier, wounded 7 others including two civilians.") == [
        ("killed", "security_forces", 1, 1),
        ("injured", "all", 7, 7),
    ]
    assert figures("Four fighters were killed and six others including civilians were wounded, the monitor said.") == [
        ("killed", "combatants", 4, 4),
        ("injured", "all", 6, 6),
    ]
    # Without such a clause the others are of the figure before.
    assert figures("An Israeli attack killed one soldier and wounded 7 others.") == [
        ("killed", "security_forces", 1, 1),
        ("injured", "security_forces", 7, 7),
    ]


def test_a_figure_with_no_noun_before_and_another_with_one_are_the_same_people():
    assert figures("The army responded, killing one and wounding four terrorists, the source said.") == [
        ("killed", "combatants", 1, 1),
        ("injured", "combatants", 4, 4),
    ]
    # People named with the first figure keep their kind.
    assert figures("The strike killed one person and wounded four soldiers.") == [
        ("killed", "all", 1, 1),
        ("injured", "security_forces", 4, 4),
    ]


def test_a_vague_second_figure_adds_nothing_and_whose_death_it_was_counts():
    text = "An airstrike hit the crossing, injuring eight people and an unknown number of civilians, media said."
    assert figures(text) == [("injured", "all", 8, 8)]
    text = (
        "The blast occurred during an inspection in the desert, resulting in one fighter's death and injuries to "
        "two others."
    )
    assert figures(text) == [("killed", "combatants", 1, 1), ("injured", "combatants", 2, 2)]


def test_a_bare_figure_after_reported_or_with_injured_or_wounded():
    text = "The province's official Telegram channel reported 34 injured, including three in critical condition."
    assert figures(text) == [("injured", "all", 34, 34)]
    assert figures("The Observatory reported 12 dead and 30 wounded.") == [
        ("killed", "all", 12, 12),
        ("injured", "all", 30, 30),
    ]


def test_bare_members_are_the_attacked_state_forces():
    lexicon = Lexicon(groups=[GroupEntry(1, "Iraqi Army", ("Iraqi army",), kind="state_force")])
    text = "date 2025-09-07\nGunmen attacked an Iraqi army patrol in Baghdad, leading to the injury of five members."
    assert [(c.category, c.min) for c in extract(text, lexicon).casualty_claims] == [("security_forces", 5)]
