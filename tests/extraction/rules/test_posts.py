"""Rules on the post a report gives a person in a sentence of its own ("X was a senior officer in ...")."""

import datetime

from extraction.extract import extract
from extraction.lexicon import KnownPost, Lexicon, PersonEntry
from tests.extraction.rules.lexicons import people_of


def test_a_sentence_that_opens_with_a_name_and_was_gives_the_post():
    text = (
        "A car exploded in Dohuk on Monday, a security source said.\n\n"
        "Mohammed Mirza Sindi was previously a senior officer in the Parastin intelligence agency, an organization "
        "founded by the Kurdistan Democratic Party."
    )
    assert people_of(text) == [("Mohammed Mirza Sindi", "commander")]
    text = "American forces killed a man in Syria.\n\nOmar Abdul Qader was an ISIS member actively seeking attacks."
    assert people_of(text) == [("Omar Abdul Qader", "member")]


def test_a_known_persons_post_outweighs_a_description_that_is_no_post():
    sadr = PersonEntry(
        1,
        "Muqtada al-Sadr",
        ("Moqtada al-Sadr",),
        posts=(KnownPost("leader", "Saraya al-Salam", datetime.date(2014, 6, 13)),),
    )
    found = extract(
        "date 2023-07-22\nSupporters of Iraqi Shiite cleric Moqtada al-Sadr stormed the embassy.",
        Lexicon(people=[sadr]),
    )
    assert [(p.name, p.role_kind) for p in found.people] == [("Muqtada al-Sadr", "leader")]


def test_a_head_of_state_called_a_leader_holds_an_office():
    sharaa = PersonEntry(
        2,
        "Ahmed al-Sharaa",
        posts=(
            KnownPost("leader", "Hay'at Tahrir al-Sham", datetime.date(2017, 1, 28), datetime.date(2025, 1, 29)),
            KnownPost("official", "", datetime.date(2025, 1, 29)),
        ),
    )
    text = "Syrian interim leader Ahmed al-Sharaa vowed to hold the attackers to account."
    for published, kind in (("2025-06-04", "official"), ("2024-12-20", "leader")):
        found = extract(f"date {published}\n{text}", Lexicon(people=[sharaa]))
        assert [(p.name, p.role_kind) for p in found.people] == [("Ahmed al-Sharaa", kind)], published


def test_a_rank_below_an_officers_makes_a_member():
    assert people_of("As a result of the attack, Infantry Sergeant Habip Murat Alp was martyred.") == [
        ("Habip Murat Alp", "member")
    ]


def test_titles_before_a_doctors_title_are_the_persons_too():
    assert people_of("Duhok Governor Dr. Ali Tatar told reporters that the presence of armed forces is a problem.") == [
        ("Ali Tatar", "official")
    ]
