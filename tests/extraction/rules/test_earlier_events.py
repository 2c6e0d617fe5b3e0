"""Rules on which figures tell of an earlier event or a tally rather than this incident, each fitting a class of
sentences seen in real reports."""

from tests.extraction.rules.lexicons import _claims, roles, run


def test_a_war_tally_is_an_earlier_event():
    claims = run("Scores of its members have been killed during the war, and 40 more in the past year.").casualty_claims
    assert claims and all(c.earlier_event for c in claims)
    claims = run("Hundreds of people were killed over the past two years of fighting.").casualty_claims
    assert claims and all(c.earlier_event for c in claims)
    claims = run("The strike killed four people on Tuesday.").casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(4, False)]
    # A period of fighting that killed so many: a tally of it.
    claims = run("A ceasefire ended the week of bloodshed, which killed 1,400 people.").casualty_claims
    assert claims and all(c.earlier_event for c in claims)


def test_a_background_sentence_on_a_war_or_a_groups_record_is_a_tally():
    for sentence in (
        "Militants were reacting to the assault on the city, which has resulted in the deaths of 900 people.",
        "In its 30-year armed campaign, the group has been responsible for the deaths of more than 5,000 people.",
    ):
        claims = run(f"A drone killed two fighters near Duhok on Tuesday. {sentence}").casualty_claims
        assert [(c.min, c.earlier_event) for c in claims][0] == (2, False), sentence
        assert claims[1:] and all(c.earlier_event for c in claims[1:]), sentence


def test_a_raised_total_after_the_figure_is_the_tally_not_the_figure():
    claims = run("Officials said three fighters had been killed, raising the toll since January to 40.").casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(3, False), (40, True)]


def test_a_figure_in_a_sentence_dated_before_the_incident_is_an_earlier_event():
    found = _claims("A drone killed three fighters on Thursday. On December 12, another fighter was killed nearby.")
    assert [(outcome, low, earlier) for outcome, _, low, _, earlier, _ in found] == [
        ("killed", 3, False),
        ("killed", 1, True),
    ]


def test_a_present_perfect_toll_is_a_tally_only_for_a_war_or_a_run_of_attacks():
    claims = run("Gunmen have killed at least 15 security personnel in ambushes, a source said.").casualty_claims
    assert [(c.min, c.earlier_event, c.claimant) for c in claims] == [(15, False, "a source")]
    claims = run("The strikes, which have killed at least 11, drew condemnation.").casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(11, True)]


def test_a_campaigns_toll_and_what_happened_days_earlier_are_earlier_events():
    assert _claims(
        "The Israeli military campaign against the Gaza Strip, has resulted in over 35,700 deaths, according to the "
        "Palestinian health ministry."
    ) == [("killed", "all", 35701, None, True, "the Palestinian health ministry")]
    assert _claims("Two days earlier, another car bomb killed two fighters near the village.") == [
        ("killed", "combatants", 2, 2, True, "")
    ]


def test_the_same_day_as_an_earlier_date_is_an_earlier_event():
    claims = _claims(
        "A drone killed three fighters on Friday. On December 2, two officers were killed in an air strike, the "
        "monitor said. Sepah News reported on the same day that two members of the guards had died."
    )
    assert [(c[2], c[4]) for c in claims] == [(3, False), (2, True), (2, True)]


def test_the_attack_after_an_earlier_dated_attack_is_that_one():
    claims = _claims(
        "Six soldiers were killed on Saturday. The latest attack comes on the heels of a suicide attack on October 1, "
        "for which the PKK claimed responsibility. The attack targeted the capital, injuring two police officers."
    )
    # The two officers were hurt in October's attack; its claim of responsibility names no source of a figure.
    assert [(c[2], c[4], c[5]) for c in claims] == [(6, False, ""), (2, True, "")]


def test_the_deadliest_since_compares_the_event_and_is_no_tally():
    claims = run("A car bomb killed 12 people in Azaz on Monday, the deadliest since Assad fell.").casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(12, False)]
    claims = run("Clashes have killed 40 people since January, a monitor said.").casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(40, True)]


def test_a_day_in_a_raised_toll_clause_does_not_date_the_figure_before_it():
    claims = run(
        "Warplanes hit a roundabout in Aleppo on Saturday. At least 16 civilians were killed at the roundabout, said "
        "the Observatory, raising the overall toll in heavy fighting since Wednesday to 327.",
        "2024-11-30",
    ).casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(16, False), (327, True)]


def test_what_came_next_after_an_after_clause_is_this_event():
    claims = run(
        "SANA said the altercation erupted after a patrol approached a suspicious vehicle, before one of the armed "
        "men inside the car opened fire, killing two security personnel."
    ).casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(2, False)]


def test_the_second_attack_and_a_run_of_attacks_are_other_events():
    claims = run(
        "A landmine killed three fighters on Sunday. The group said the first attack was in Suwayda. The second "
        "attack was a week later, killing one and wounding three."
    ).casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(3, False), (1, True), (3, True)]


def test_a_toll_since_a_decade_is_a_tally():
    claims = run(
        "A landmine killed a shepherd on Sunday. Around 2,700 people have been killed by landmines and 10,800 others "
        "wounded since the 1990s, according to the agency."
    ).casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(1, False), (2700, True), (10800, True)]


def test_what_a_tally_counted_in_the_next_sentence_is_part_of_it():
    claims = run(
        "Israeli strikes hit a site near Homs on Monday, killing two people. Since the beginning of this year, the "
        "Observatory has counted 40 Israeli attacks on Syrian territory. These resulted in the death of 131 people."
    ).casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(2, False), (131, True)]


def test_an_attack_this_follows_or_a_crackdown_is_linked_to_is_another_event():
    for sentence in (
        "This incident follows a deadly attack on Thursday in Muqdadiya, where ten civilians lost their lives.",
        "Police arrested men connected to the deadly attack on the church, which killed 25 worshippers.",
    ):
        claims = run(f"A roadside bomb killed two soldiers near Kirkuk on Monday. {sentence}").casualty_claims
        assert [(c.min, c.earlier_event) for c in claims][0] == (2, False), sentence
        assert claims[1:] and all(c.earlier_event for c in claims[1:]), sentence


def test_what_this_came_months_after_is_background_but_not_years_of_fighting():
    event = run(
        "Gunmen killed two people when they opened fire on a coach on Tuesday, months after deadly clashes in the area."
    ).event_type
    assert (event.event_type, event.sub_event_type) == ("violence_against_civilians", "attack")
    dates = run(
        "For years after dislodging the militants, US forces have fought them, though the casualties from "
        "Thursday's raid were higher."
    ).dates
    assert [(d.start, d.role) for d in dates] == [("2024-01-04", "incident")]


def test_a_photo_caption_shows_this_event_whatever_its_after_clause():
    text = (
        "People gathering in front of a hospital after an explosion at a wedding injured dozens in Abidin on "
        "December 12, 2025. Photo: SANA\n\n"
        "An explosion at a wedding in Daraa province injured at least 33 people, state media reported on Friday."
    )
    claims = run(text, "2025-12-12").casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(24, False), (33, False)]


def test_the_main_clause_after_an_after_clause_with_no_comma_is_this_event():
    text = "After the bus reached the Kaheel area it was intercepted by armed men who abducted the passengers."
    assert [(g.name, [r.role for r in g.roles]) for g in run(text).groups] == [("armed men", ["perpetrator"])]
    # The clause's own subject stays in it: "months after it was formed to fight ...".
    text = "The attack came months after it was formed to fight gunmen who attacked the passengers."
    assert run(text).groups == []


def test_the_incident_that_tensions_follow_is_this_event():
    text = (
        "Tensions are running high in Hasakah following an incident in which the SDF reportedly opened fire on "
        "civilians, wounding several."
    )
    assert [(g.name, [r.role for r in g.roles]) for g in run(text).groups] == [
        ("Syrian Democratic Forces", ["perpetrator"])
    ]


def test_a_figure_of_a_thousand_or_more_is_a_tally():
    claims = run(
        "Russian jets struck a base near Idlib on Tuesday, killing three fighters. The civil war has ravaged the "
        "country since 2011. It has claimed the lives of at least 500,000 people. Hundreds of thousands of people "
        "were displaced, and tens of thousands wounded."
    ).casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(3, False), (500000, True), (20000, True)]


def test_a_toll_since_the_start_of_a_year_is_a_tally():
    claims = run(
        "A Turkish drone killed two fighters near Manbij on Monday. At least 62 people have been killed in drone "
        "strikes since the start of 2023, according to the monitor."
    ).casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(2, False), (62, True)]
    # The war's start is the context of this strike, not the period of a tally.
    claims = run(
        "At least two people have been killed after Israel on Wednesday struck Damascus, the latest attack as "
        "hostilities increase since the start of the Israel-Hamas war in Gaza."
    ).casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(2, False)]


def test_what_those_strikes_killed_is_an_earlier_event():
    claims = run(
        "An Israeli drone killed two men near Quneitra on Thursday. Raids blamed on Israel hit Hama days earlier. "
        "The Observatory said those strikes killed 27 people."
    ).casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(2, False), (27, True)]


def test_a_long_running_dispute_that_turned_deadly_is_this_event_and_a_long_running_campaign_a_record():
    claims = run("A long-running dispute between two families turned deadly on Monday, leaving two people dead.")
    assert [(c.min, c.earlier_event) for c in claims.casualty_claims] == [(2, False)]
    claims = run("Turkey's long-running campaign against the PKK has killed 40 people, a monitor said.")
    assert [(c.min, c.earlier_event) for c in claims.casualty_claims] == [(40, True)]


def test_a_series_carried_out_is_this_event_and_a_series_followed_a_record():
    assert roles(
        "On Friday, U.S. forces carried out a series of airstrikes targeting Kataib Hezbollah positions in the Qaim "
        "district, a security source said."
    ) == {"United States Armed Forces": ["perpetrator"], "Kataib Hezbollah": ["target"]}
    claims = run("The strike follows a series of attacks by the PKK that killed 12 soldiers, the ministry said.")
    assert [(c.min, c.earlier_event) for c in claims.casualty_claims] == [(12, True)]
