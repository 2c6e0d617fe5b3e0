"""Rules on reports that no one was harmed ("without casualties", "no injuries were reported"): a figure of none,
of the people the sentence says, each fitting a class of sentences seen in real reports."""

from tests.extraction.rules.lexicons import _claims, figures


def test_a_strike_that_did_not_cause_casualties_harmed_no_one():
    assert _claims("The rockets did not cause any casualties, the army said.") == [
        ("harmed", "all", 0, 0, False, "the army")
    ]


def test_no_damage_or_casualties_harmed_no_one_and_the_source_follows_the_aside():
    assert _claims("A blast hit the airport, which caused no material damage or casualties, the unit said.") == [
        ("harmed", "all", 0, 0, False, "the unit")
    ]


def test_not_any_casualty_and_no_reported_casualties_harmed_no_one():
    for sentence in (
        "According to initial data, the airstrike had not any casualty.",
        "These strikes, which did not result in any reported casualties, hit the base.",
    ):
        assert figures(sentence) == [("harmed", "all", 0, 0)], sentence


def test_no_immediate_report_of_casualties_and_no_damage_or_casualties_harm_no_one():
    assert figures("Drones hit the base on Tuesday. There was no immediate report of casualties.") == [
        ("harmed", "all", 0, 0)
    ]
    assert figures("Two drones attacked the base on Tuesday without causing any damage or casualties.") == [
        ("harmed", "all", 0, 0)
    ]


def test_no_casualties_however_spelled_and_whose_when_said():
    assert figures("The attack did not cause casualties or damage.") == [("harmed", "all", 0, 0)]
    assert figures("The attack did not result in any casualities.") == [("harmed", "all", 0, 0)]
    assert figures("The drone attack did not result in civilian casualties.") == [("harmed", "civilians", 0, 0)]
    assert figures("They returned fire without resulting in any causalities among the Peshmerga.") == [
        ("harmed", "security_forces", 0, 0)
    ]
    assert figures("No Israeli casualties were reported.") == [("harmed", "security_forces", 0, 0)]
