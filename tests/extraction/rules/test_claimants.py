"""Rules on who claims a casualty figure (its source), each fitting a class of sentences seen in real reports."""

from tests.extraction.rules.lexicons import _claims, claimants, run


def test_a_source_named_after_its_verb():
    claims = run("The drone strike killed four people, said Ali Hassan, the head of the local council.").casualty_claims
    # The head of a body speaks for it: the body is the source, the person who spoke is kept beside it.
    assert [(c.min, c.claimant, c.claimant_person) for c in claims] == [(4, "local council", "Ali Hassan")]
    claims = run("The strike killed two people, said the ministry.").casualty_claims
    assert [(c.min, c.claimant) for c in claims] == [(2, "the ministry")]


def test_a_dateline_or_a_statement_is_not_part_of_the_claimants_name():
    found = _claims("MOSUL, Nineveh - The provincial council said two farmers were killed by a mine.")
    assert found[0][5] == "The provincial council"
    found = _claims("Five shepherds were wounded, according to a statement from the local council.")
    assert found[0][5] == "the local council"
    # Nor what the source's words came after: "The strikes came after a war monitor said".
    found = _claims("The strikes came after a Syria war monitor said Turkish drones had killed 27 civilians.")
    assert found[0][5] == "a Syria war monitor"
    # A long description between the name and its verb: the name, not the subject of what it said.
    found = _claims(
        "Kamal, a resident of a nearby village and a relative of three victims who asked to be identified only by his "
        "first name, said the masked gunmen opened fire, killing at least four people."
    )
    assert found[0][5] == "Kamal"
    # Nor where it is, set off by commas: ", adjacent to Nineveh,".
    found = _claims(
        "The counter-terrorism service of the Kurdistan region, adjacent to Nineveh, gave a toll of three killed."
    )
    assert found[0][5] == "The counter-terrorism service of the Kurdistan region"


def test_a_figure_quoted_from_a_described_source_is_that_sources():
    claims = run(
        'Two officers were killed in the blast on Tuesday. "Two officers were killed and four soldiers were '
        'wounded," a U.S. military source said.'
    ).casualty_claims
    assert [(c.outcome, c.min, c.claimant) for c in claims] == [
        ("killed", 2, ""),
        ("killed", 2, "U.S. military source"),
        ("injured", 4, "U.S. military source"),
    ]


def test_the_source_after_a_day_and_the_leads_officials_beside_the_named_source():
    claims = run("Later on Sunday Kataib Hezbollah confirmed the deaths of five of its members.").casualty_claims
    assert [(c.min, c.claimant) for c in claims] == [(5, "Kataib Hezbollah")]
    claims = run(
        "Two soldiers were killed on Tuesday, officials said. Two soldiers were killed when their vehicle hit a "
        "mine, the army's spokesman told reporters."
    ).casualty_claims
    # Each source's figure is its own claim (the readers' brief), the lead's "officials" too.
    assert [(c.min, c.claimant) for c in claims] == [(2, "officials"), (2, "the army's spokesman")]


def test_a_source_after_an_adverb_and_a_district_chief_who_speaks_as_a_person():
    claims = run(
        '"Three workers were killed," earlier said Soran Ali, district chief of Chamchamal where the field lies.'
    ).casualty_claims
    assert [(c.min, c.claimant, c.claimant_person) for c in claims] == [(3, "Soran Ali", "Soran Ali")]


def test_the_source_named_just_before_a_figure_and_no_source_in_a_reported_strike():
    assert claimants(
        "Nine people were killed in the village, state television reported, while the army said six soldiers were "
        "wounded in the operation."
    ) == [(9, "state television"), (6, "the army")]
    assert claimants("Several civilians were killed in a reported airstrike, according to state media.") == [
        (3, "state media")
    ]
    assert claimants("The rescue service identified the dead as two men, and said another 15 women were wounded.") == [
        (15, "The rescue service")
    ]
    assert claimants("The monitor gave no figure. It initially said the attack killed four people.") == [
        (4, "The monitor")
    ]


def test_a_quotation_opening_the_sentence_is_not_its_source():
    assert claimants(
        "“The suspects planned attacks on civilians,” Israel's military said. It said three of its soldiers were "
        "seriously injured."
    ) == [(3, "Israel's military")]


def test_it_said_opening_a_paragraph_and_a_contrasting_source_after_the_figure():
    assert claimants(
        "The monitor also reported on the attack, saying it hit a building.\n\nIt initially said the attack "
        "killed four people."
    ) == [(4, "The monitor")]
    assert claimants(
        "Authorities in the south reported that shelling killed at least five people, while the army said it "
        "fired back."
    ) == [(5, "Authorities in the south")]
    assert claimants("Officials named 16 fighters killed in the strikes, including five medics they said died.")[0][
        1
    ] != ("including five medics they")


def test_the_officials_who_named_the_dead_give_the_figure():
    assert claimants("Militia officials named 16 fighters they said were killed in the strikes.") == [
        (16, "Militia officials")
    ]
    assert claimants("A man named Ali Hassan and two others were killed in the strike.") == [(2, "")]


def test_a_source_cited_as_saying_and_fighters_affiliated_with_a_group():
    claims = run(
        "The agency later cited local officials saying two fighters affiliated with the Kurdistan Workers' Party "
        "(PKK) were killed in the strike."
    ).casualty_claims
    assert [(c.min, c.category, c.group, c.claimant) for c in claims] == [
        (2, "combatants", "Kurdistan Workers' Party", "local officials")
    ]
    claims = run("AFP quoted a security source as saying four soldiers were wounded.").casualty_claims
    assert [(c.outcome, c.min, c.claimant) for c in claims] == [("injured", 4, "a security source")]


def test_sources_after_an_aside_or_their_verb_and_words_that_are_no_source():
    assert claimants(
        "A Turkish drone killed three fighters from the YBS, a militia affiliated with the PKK, Iraqi Kurdistan’s "
        "counterterrorism service said."
    ) == [(3, "Iraqi Kurdistan’s counterterrorism service")]
    assert claimants("One fighter was killed in the strikes, said two security sources on condition of anonymity.") == [
        (1, "two security sources")
    ]
    assert claimants("The strike killed two men, along with their brother, said the Britain-based group.") == [
        (2, "the Britain-based group")
    ]
    assert claimants("Iraq's government condemned on Tuesday the US strikes that it said killed one serviceman.") == [
        (1, "Iraq's government")
    ]
    assert claimants(
        "Two soldiers were wounded in the attack, which the government said was carried out by the PKK."
    ) == [(2, "")]
    assert claimants("An official told The Associated Press that five troops were wounded in the raid.") == [
        (5, "An official")
    ]


def test_the_group_said_is_the_armed_group_named_before_and_eliminated_means_killed():
    assert claimants(
        "A bomb hit an army patrol. The PKK claimed the attack, saying it killed one soldier, the group said."
    ) == [(1, "Kurdistan Workers' Party")]
    claims = run("The counter-terrorism service announced the elimination of three members of the PKK.").casualty_claims
    assert [(c.outcome, c.min, c.category) for c in claims] == [("killed", 3, "combatants")]
    claims = run("A Turkish drone strike eliminated three PKK militants in Duhok.").casualty_claims
    assert [(c.outcome, c.min) for c in claims] == [("killed", 3)]


def test_a_day_after_the_source_named_just_before_the_figure_is_not_its_name():
    assert claimants(
        "DAMASCUS, April 29, 2025 (AFP) - A Syrian war monitor on Tuesday said at least four fighters were killed."
    ) == [(4, "A Syrian war monitor")]


def test_a_figure_without_a_source_takes_the_one_named_in_the_next_sentence():
    assert claimants(
        "A drone hit a car in Amedi. Three PKK fighters were killed in the strike. One of the deceased was a senior "
        "member, according to the CTD statement."
    ) == [(3, "the CTD statement")]
    # A next sentence with figures of its own names their source only.
    assert claimants("At least 32 people were wounded. According to a hospital director, the toll rose to 16 dead.")[
        0
    ] == (32, "")


def test_a_monitor_described_and_named_gives_one_claim_under_its_name():
    text = (
        "A Syrian war monitor said at least five fighters were killed near Raqqa.\n\n"
        "The Syrian Observatory for Human Rights said the fighting began at dawn.\n\n"
        "The Britain-based monitor said at least five fighters were killed."
    )
    claims = run(text).casualty_claims
    assert [(c.min, c.claimant) for c in claims] == [(5, "A Syrian war monitor")]
    named = run(f"{text} The Observatory said at least five fighters were killed.").casualty_claims
    assert [(c.min, c.claimant) for c in named] == [(5, "The Observatory")]
    # Two monitors named: a description could be either, and its figure stays apart.
    two = text.replace("at dawn.", "at dawn, and the Syrian Network for Human Rights agreed.")
    assert len(run(two).casualty_claims) == 2


def test_the_statement_is_whoever_issued_it():
    text = (
        "Warplanes struck hideouts in the mountains, according to a statement on Saturday from the Security "
        "Media Cell. The strikes killed five militants, the statement said."
    )
    assert [c.claimant for c in run(text).casualty_claims] == ["the Security Media Cell"]
    text = (
        "A drone strike killed three people near Duhok, the counter-terrorism service said.\n\n"
        "The statement said the car was hit on a mountain road.\n\nTwo guards were wounded, the statement added."
    )
    claims = run(text).casualty_claims
    assert [(c.outcome, c.min, c.claimant) for c in claims] == [
        ("killed", 3, "the counter-terrorism service"),
        ("injured", 2, "the counter-terrorism service"),
    ]


def test_a_dateline_is_no_part_of_the_source_and_a_dispute_saying_gives_a_figure():
    text = (
        "SINJAR, Iraq (AP) — Local officials say a strike killed three militiamen. The militia, YBS, have "
        "disputed that account saying none of its fighters were killed."
    )
    claims = run(text).casualty_claims
    assert [(c.min, c.claimant) for c in claims] == [(3, "Local officials"), (0, "YBS")]


def test_as_confirmed_by_names_the_source():
    claims = run(
        "Two fighters of the group were killed in the strike, as confirmed by the US military."
    ).casualty_claims
    assert [(c.min, c.claimant) for c in claims] == [(2, "the US military")]


def test_an_abbreviation_and_the_name_it_shortens_are_one_source():
    claims = run(
        "Three U.S. service members were injured, according to a National Security Council statement.\n\n"
        '"The attack wounded three U.S. service members," the NSC said.'
    ).casualty_claims
    assert [(c.min, c.claimant) for c in claims] == [(3, "a National Security Council statement")]


def test_a_source_after_the_toll_and_one_set_off_by_a_long_description():
    claims = run(
        "Israeli strikes on Damascus, which targeted the army headquarters on Wednesday, left one dead and 18 "
        "wounded, announced the Syrian Health Ministry.\n\nAdnan Tamimi, a prominent figure of the Tamim tribe and "
        "former chairman of the Sharaban local council, told KirkukNow that a bomb planted in a vehicle of the "
        "family exploded and then an armed attack killed eight members of one family of their tribe."
    ).casualty_claims
    assert [(c.min, c.claimant) for c in claims] == [
        (1, "the Syrian Health Ministry"),
        (18, "the Syrian Health Ministry"),
        (8, "Adnan Tamimi"),
    ]


def test_the_number_of_people_killed_and_its_previous_reports_are_the_sources():
    claims = run(
        "The number of people, killed by air strikes on the city has risen to six, with ten people wounded, the Sham "
        "FM radio station reported.\n\nAccording to its previous reports, ten were killed and nine wounded."
    ).casualty_claims
    assert [(c.outcome, c.min, c.claimant) for c in claims] == [
        ("killed", 6, "the Sham FM radio station"),
        ("injured", 10, "the Sham FM radio station"),
        ("killed", 10, "the Sham FM radio station"),
        ("injured", 9, "the Sham FM radio station"),
    ]


def test_the_same_source_is_the_source_named_before():
    claims = run(
        "Four people were killed in clashes, the Syrian Observatory for Human Rights said. Three of them died in "
        "Afrin, according to the same source."
    ).casualty_claims
    assert [(c.min, c.claimant) for c in claims] == [
        (4, "the Syrian Observatory for Human Rights"),
        (3, "the Syrian Observatory for Human Rights"),
    ]


def test_the_group_after_the_observatory_is_the_observatory():
    claims = run(
        "The Britain-based Syrian Observatory for Human Rights said the strikes targeted a depot of Iran-backed "
        "groups.\n\nThe group, which has had its credibility questioned, also said four officers were killed."
    ).casualty_claims
    assert [(c.min, c.claimant) for c in claims] == [(4, "The Britain-based Syrian Observatory for Human Rights")]


def test_an_adverb_a_byname_or_a_datelines_bracket_is_no_source():
    assert claimants(
        "The Syrian Observatory for Human Rights, a Britain-based war monitor, initially reported that the raid "
        "resulted in the killing of three people."
    ) == [(3, "The Syrian Observatory for Human Rights")]
    assert claimants(
        "A Kurdish security member was killed in the clash, the Kurdish security forces, known as Asaiysh, said."
    ) == [(1, "the Kurdish security forces")]
    assert claimants(
        "Beirut, (APP - Pakistan Point News - 12th Sep, 2024) Syrian state media said a strike killed two people."
    ) == [(2, "Syrian state media")]


def test_a_day_opening_the_sentence_and_a_description_with_a_comma_are_no_source():
    assert claimants(
        "On Wednesday, the Syrian Democratic Forces (SDF), a U.S.-backed, Kurdish-led alliance, announced that 12 "
        "people were killed in Turkish airstrikes."
    ) == [(12, "the Syrian Democratic Forces (SDF)")]


def test_an_abbreviations_full_stops_do_not_end_the_source():
    claims = run(
        "Four U.S. service members were injured in the raid, according to a statement from U.S. Central Command."
    ).casualty_claims
    assert [c.claimant for c in claims] == ["U.S. Central Command"]
    proposal = run(
        'The attack "resulted in no injuries or damage to the base," according to a statement from '
        "U.S. Central Command."
    )
    assert [s.speaker for s in proposal.statements] == ["U.S. Central Command"]


def test_words_a_quotation_or_a_toll_left_behind_are_no_source():
    text = (
        'The Observatory, a war monitor, said "an Israeli air strike targeted a vehicle" on the same road and '
        "reported two dead."
    )
    assert claimants(text) == [(2, "The Observatory")]
    # A toll is not its own source: with no source named, the figures have none.
    assert claimants(
        "Several civilians have been injured and one killed as clashes continued between the SDF and the tribes."
    ) == [
        (3, ""),
        (1, ""),
    ]
