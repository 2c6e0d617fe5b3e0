"""Rules on casualty figures, their categories and outcomes, each fitting a class of sentences seen in real reports."""

from tests.extraction.rules.lexicons import _claims, figures, run


def test_the_object_of_an_active_verb_is_not_the_subject_of_the_next():
    assert figures("The attack killed two soldiers and wounded four others, the army said.") == [
        ("killed", "security_forces", 2, 2),
        ("injured", "security_forces", 4, 4),
    ]


def test_figures_joined_by_and_are_one_figure_their_sum():
    # "Foreigners" may be soldiers or advisers: with citizens, the figure counts all people.
    assert figures("Two Syrian citizens and two foreigners were killed, the ministry said.") == [
        ("killed", "all", 4, 4)
    ]
    assert figures("The strike killed three soldiers and two civilians.") == [("killed", "all", 5, 5)]
    assert figures("At least three fighters and two others were wounded.") == [("injured", "all", 5, None)]


def test_a_vague_amount_joined_to_a_figure_leaves_the_figure():
    assert figures("The attack wounded an unspecified number of U.S. personnel and one Iraqi service member.") == [
        ("injured", "security_forces", 1, 1)
    ]
    assert figures("The shelling killed an unknown number of fighters.") == []
    assert figures("HTS attacked checkpoints, leaving an unidentified number of soldiers killed and wounded.") == []


def test_a_figure_ends_at_a_word_end():
    assert figures("Our fighters killed five American soldiers in the operation.") == [
        ("killed", "security_forces", 5, 5)
    ]


def test_a_part_of_a_groups_people_and_lost_people_are_figures():
    assert figures("Two of its fighters were killed in the strike.") == [("killed", "combatants", 2, 2)]
    assert figures("The group said it lost three of its members.") == [("killed", "combatants", 3, 3)]
    assert figures("The army lost two vehicles in the ambush.") == []


def test_a_figure_with_its_verb_left_out_counts_the_people_before_it():
    assert figures("Five soldiers were killed and 12 wounded in the attack.") == [
        ("killed", "security_forces", 5, 5),
        ("injured", "security_forces", 12, 12),
    ]
    assert figures("Turkish drones killed four soldiers and wounded nine.") == [
        ("killed", "security_forces", 4, 4),
        ("injured", "security_forces", 9, 9),
    ]


def test_one_person_another_and_lives_are_figures():
    assert figures("One person was killed and two were wounded.") == [("killed", "all", 1, 1), ("injured", "all", 2, 2)]
    assert figures("Two soldiers were killed and another was wounded.") == [
        ("killed", "security_forces", 2, 2),
        ("injured", "security_forces", 1, 1),
    ]
    claims = run("The bombing claimed the lives of six people.").casualty_claims
    assert [(c.outcome, c.min, c.claimant) for c in claims] == [("killed", 6, "")]


def test_a_person_joined_to_a_figure_counts_in_it():
    assert figures("The strike killed a commander and two of his companions.") == [("killed", "combatants", 3, 3)]
    assert figures("The strike killed a senior commander.") == []


def test_a_figure_may_open_a_quotation_after_its_verb():
    text = 'The monitor said militants attacked a bus, killing "23 soldiers and wounding more than 10 others".'
    assert figures(text) == [("killed", "security_forces", 23, 23), ("injured", "security_forces", 11, None)]


def test_an_ordinal_after_a_figure_is_one_more_person():
    assert [c[:5] for c in _claims('"Two policemen were killed and a third was wounded," the official said.')] == [
        ("killed", "security_forces", 2, 2, False),
        ("injured", "security_forces", 1, 1, False),
    ]


def test_a_policeman_or_a_fighter_also_killed_is_a_figure():
    assert [c[:4] for c in _claims("Another source said one policeman and one civilian were killed.")] == [
        ("killed", "all", 2, 2)
    ]
    assert [
        c[:4] for c in _claims("A member said a fighter from the group was also killed and six others wounded.")
    ] == [
        ("killed", "combatants", 1, 1),
        ("injured", "combatants", 6, 6),
    ]


def test_people_among_the_dead_are_part_of_a_figure_not_one_of_their_own():
    found = _claims("Ten people were killed in the strike, the monitor said. Three students were among the dead.")
    assert [c[:4] for c in found] == [("killed", "all", 10, 10)]


def test_a_group_in_an_including_clause_is_not_the_figures_group():
    found = run("Ten people, including two Kataib Hezbollah fighters, were killed in the strike.").casualty_claims
    assert [(c.category, c.group) for c in found] == [("all", "")]


def test_whose_members_were_killed_and_a_number_of_victims_risen_to_a_figure():
    assert figures("Three members of the security forces in the Kurdistan region were killed and 19 wounded.") == [
        ("killed", "security_forces", 3, 3),
        ("injured", "security_forces", 19, 19),
    ]
    assert figures('"The number of victims in the attack has risen to 20 dead and 52 wounded," the ministry said.') == [
        ("killed", "all", 20, 20),
        ("injured", "all", 52, 52),
    ]


def test_figures_the_people_of_a_named_party_and_two_joined_without_a_verb_form():
    found = [
        (c.outcome, c.category, c.min, c.group)
        for c in run(
            "A drone killed four suspected Kurdistan Workers Party (PKK) militants and injured one near Duhok."
        ).casualty_claims
    ]
    assert found == [
        ("killed", "combatants", 4, "Kurdistan Workers' Party"),
        ("injured", "combatants", 1, "Kurdistan Workers' Party"),
    ]
    assert figures("One civilian and one combatant lost their lives near Idlib on Sunday.") == [("killed", "all", 2, 2)]
    assert figures("It said the strike killed two soldiers and wounded five others.") == [
        ("killed", "security_forces", 2, 2),
        ("injured", "security_forces", 5, 5),
    ]
    assert figures("At least 14 members of the regime forces were killed.") == [("killed", "security_forces", 14, None)]


def test_figures_without_a_noun_police_forces_and_aircraft_that_are_no_fighters():
    assert figures('The strike resulted in "five dead and five wounded", the official said.') == [
        ("killed", "all", 5, 5),
        ("injured", "all", 5, 5),
    ]
    assert figures("At least four Asayish members were killed, the monitor said.") == [
        ("killed", "security_forces", 4, None)
    ]
    assert figures("An air strike by Israeli fighter jets killed a number of people.") == []
    claims = run("A fire broke out following the explosion, which did not cause any casualties.").casualty_claims
    assert [(c.outcome, c.min, c.earlier_event) for c in claims] == [("harmed", 0, False)]


def test_a_quoted_verb_lost_lives_and_no_human_casualties_are_figures():
    assert figures('The ministry said its jets "neutralized" two members of the PKK.') == [
        ("harmed", "combatants", 2, 2)
    ]
    assert figures("An off-duty fighter lost his life in the strike.") == [("killed", "combatants", 1, 1)]
    assert figures("The rockets caused damage, but no human casualties have been reported.") == [
        ("harmed", "all", 0, 0)
    ]


def test_three_figures_or_more_before_one_verb_are_their_sum():
    assert figures(
        'The monitor said "five civilians, four regime soldiers, two members of Hezbollah, and three unidentified '
        'persons" were killed.'
    ) == [("killed", "all", 14, 14)]
    assert figures("Two soldiers, three civilians and a child were killed.") == [("killed", "all", 6, 6)]


def test_a_toll_that_has_risen_after_a_long_subject():
    assert figures(
        "The number of victims in the attack that targeted the church in the Dwelaa area of Damascus has risen to "
        "20 dead and 52 wounded."
    ) == [("killed", "all", 20, 20), ("injured", "all", 52, 52)]


def test_members_counted_after_an_active_verb_are_their_groups_and_a_states_serve_it():
    claims = run("An Israeli strike killed two members of Iran's Revolutionary Guards in Damascus.").casualty_claims
    assert [(c.min, c.group, c.category) for c in claims] == [
        (2, "Islamic Revolutionary Guard Corps", "security_forces")
    ]
    claims = run("A US strike killed three members of Kataib Hezbollah.").casualty_claims
    assert [(c.min, c.group, c.category) for c in claims] == [(3, "Kataib Hezbollah", "combatants")]


def test_rescuers_are_civilians_a_serviceman_serves_and_a_blamed_attack_is_background():
    claims = run("The civil defense said three of its personnel were injured while rescuing residents.").casualty_claims
    assert [(c.min, c.category) for c in claims] == [(3, "civilians")]
    claims = run("The government condemned US strikes that it said killed one serviceman.").casualty_claims
    assert [(c.min, c.category) for c in claims] == [(1, "security_forces")]
    claims = run(
        "Turkish strikes killed 12 civilians on Wednesday. Turkey launched the strikes blaming the PKK for an attack "
        "that killed five people near Ankara."
    ).casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(12, False), (5, True)]


def test_one_person_named_alongside_the_figure_adds_to_it():
    claims = run("Four soldiers were killed alongside Col Wassak and five others wounded.").casualty_claims
    assert [(c.outcome, c.min) for c in claims] == [("killed", 5), ("injured", 5)]
    claims = run("The strike killed two fighters along with a senior commander.").casualty_claims
    assert [(c.outcome, c.min) for c in claims] == [("killed", 3)]
    claims = run("Four soldiers were killed, including Col Wassak.").casualty_claims
    assert [(c.outcome, c.min) for c in claims] == [("killed", 4)]


def test_fatalities_deaths_and_injuries_are_figures_with_whose_they_are():
    assert figures("A drone struck the camp, resulting in one fatality and two injuries.") == [
        ("killed", "all", 1, 1),
        ("injured", "all", 2, 2),
    ]
    assert figures("Gunmen opened fire, resulting in several injuries among security personnel.") == [
        ("injured", "security_forces", 3, None)
    ]
    assert figures("A second drone hit an oil field without causing casualties.") == [("harmed", "all", 0, 0)]
    # A span of past years is a tally, not this event.
    claims = run("Between 2019 and 2021, the city saw 280 armed disputes, resulting in 35 deaths.").casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(35, True)]


def test_others_joined_to_one_named_first_add_to_it():
    assert figures("The attack killed a senior PKK commander and two other members.") == [
        ("killed", "combatants", 3, 3)
    ]
    assert figures("The strike killed three fighters and two other people.") == [("killed", "all", 5, 5)]


def test_other_people_need_not_be_of_the_figure_before_and_killed_or_wounded_is_harmed():
    claims = run("US strikes killed one serviceman and wounded 18 other people.").casualty_claims
    assert [(c.outcome, c.min, c.category) for c in claims] == [
        ("killed", 1, "security_forces"),
        ("injured", 18, "all"),
    ]
    claims = run("US Central Command says no troops were killed or wounded.").casualty_claims
    assert [(c.outcome, c.min, c.max) for c in claims] == [("harmed", 0, 0)]


def test_injuries_to_people_and_one_of_them_in_critical_condition_are_one_figure():
    claims = run(
        '"The attack led to three injuries to U.S. personnel, leaving one service member in critical condition," '
        "he said. Another attack wounded two U.S. service-members."
    ).casualty_claims
    assert [(c.outcome, c.min, c.category) for c in claims] == [
        ("injured", 3, "security_forces"),
        ("injured", 2, "security_forces"),
    ]


def test_an_including_clause_left_open_and_a_figure_after_with():
    claims = run(
        "The monitor reported that six people, including a “member of the regime forces” were killed in the attack. "
        "It said that three people were killed, including an elderly woman, with another 11 injured."
    ).casualty_claims
    assert [(c.outcome, c.min) for c in claims] == [("killed", 6), ("killed", 3), ("injured", 11)]


def test_a_groups_martyrs_a_figure_past_an_aside_and_one_of_the_wounded_who_died():
    claims = run(
        "Late Sunday, Kataib Hezbollah - a militia of the Islamic Resistance in Iraq - announced in a statement "
        'the deaths of "five martyrs".\n\nAt least five members of the Popular Mobilization Forces, an umbrella '
        "organization of militias, have reportedly been killed.\n\nThree soldiers were killed and two wounded in "
        "the clash, the ministry said. One of the wounded later succumbed to his injuries, it added."
    ).casualty_claims
    assert [(c.outcome, c.min, c.category) for c in claims] == [
        ("killed", 5, "combatants"),
        ("killed", 5, "combatants"),
        ("killed", 3, "security_forces"),
        ("injured", 2, "security_forces"),
        ("killed", 1, "security_forces"),
    ]
    assert claims[0].claimant == "Kataib Hezbollah"


def test_an_interpreter_is_a_civilian_and_a_speaker_who_later_reported():
    proposal = run(
        'A Pentagon spokesperson later reported: "Today in Palmyra, two United States Army soldiers and one '
        'civilian U.S. interpreter were killed, and three were wounded."'
    )
    assert [(c.outcome, c.min, c.category, c.claimant) for c in proposal.casualty_claims] == [
        ("killed", 3, "all", "Pentagon spokesperson"),
        ("injured", 3, "all", "Pentagon spokesperson"),
    ]
    assert [c.category for c in run("An interpreter was wounded in the attack.").casualty_claims] == ["civilians"]


def test_murdered_and_shot_dead_are_killed_but_executed_strikes_are_no_toll():
    assert figures("Two shepherds were murdered near the village on Monday.") == [("killed", "civilians", 2, 2)]
    assert figures("Gunmen shot dead three policemen at a checkpoint.") == [("killed", "security_forces", 3, 3)]
    assert figures("Turkey has executed 60 drone strikes in the province.") == []


def test_a_figure_after_another_that_an_active_verb_governs_is_read_on_its_own():
    assert figures('The raids killed "four people from the same family and six people were injured," it said.') == [
        ("killed", "civilians", 4, 4),
        ("injured", "all", 6, 6),
    ]


def test_falling_victim_is_harm_and_an_including_clause_may_follow_whose_people():
    assert figures(
        "Three members of Kataib Hezbollah, including an officer, fell victim to an explosive device on Wednesday."
    ) == [("harmed", "combatants", 3, 3)]


def test_the_reports_own_figure_said_again_is_one_claim():
    claims = run(
        "A bomb killed eight members of one family in Diyala on Tuesday.\n\nEight members of a family, including "
        "three women, were killed in the village."
    ).casualty_claims
    assert [(c.outcome, c.min, len(c.spans)) for c in claims] == [("killed", 8, 2)]


def test_a_figure_may_be_described_before_its_verb_as_mostly_some_kind():
    assert figures("The SDF reported that 11 civilians, mostly women and children, were killed in Dahla.") == [
        ("killed", "civilians", 11, 11)
    ]


def test_what_the_dead_included_or_some_of_them_were_gives_figures():
    # After the total, each kind of people has its own figure; with no total before, the list is one figure.
    assert figures(
        "Fifty-three people were killed in the ambush on Friday. The hospital director said the victims included "
        "46 civilians and seven soldiers."
    ) == [("killed", "all", 53, 53), ("killed", "civilians", 46, 46), ("killed", "security_forces", 7, 7)]
    summed = run("An official said the injured included five U.S. service members and two contractors.").casualty_claims
    assert [(c.outcome, c.category, c.min, c.max) for c in summed] == [("injured", "all", 7, 7)]
    assert summed[0].text == "five U.S. service members and two contractors"  # the words its span points at
    assert figures("The Observatory said the dead included four members of the National Defense Forces.") == [
        ("killed", "combatants", 4, 4)
    ]
    assert figures('"One of the victims is a child," the doctor said.') == [("killed", "civilians", 1, 1)]
    assert figures("Two of the dead were soldiers, the ministry said.") == [("killed", "security_forces", 2, 2)]


def test_a_figure_may_be_described_by_a_who_clause_and_struck_before_its_outcome():
    assert figures(
        "At least eight civilians, who came to the aid of the passengers, were also targeted by the Turkish drone and "
        "wounded in the attack, the statement added."
    ) == [("injured", "civilians", 8, None)]
    assert figures("Two soldiers were ambushed and killed near the village.") == [("killed", "security_forces", 2, 2)]


def test_a_number_put_at_a_figure_and_a_figure_that_died():
    assert figures("The Observatory put the number killed Sunday at seven.") == [("killed", "all", 7, 7)]
    assert figures("The Observatory said 20 died and 50 were injured.") == [
        ("killed", "all", 20, 20),
        ("injured", "all", 50, 50),
    ]


def test_assassinated_all_three_and_another_wounded():
    assert figures("A journalist and three Syrian soldiers were assassinated in an attack in Daraa.") == [
        ("killed", "all", 4, 4)
    ]
    assert figures('The mayor said: "The drone killed all three people in the car."') == [("killed", "all", 3, 3)]
    assert figures("One militant was killed, while a Kurdish security member was killed and another wounded.") == [
        ("killed", "combatants", 1, 1),
        ("killed", "security_forces", 1, 1),
        ("injured", "security_forces", 1, 1),
    ]


def test_a_quoted_pair_before_its_verb_and_a_noun_that_describes_a_group():
    assert figures('"Two officers and two soldiers" were also killed when the device was detonated.') == [
        ("killed", "security_forces", 4, 4)
    ]
    assert figures("The brigade managed to kill a terrorist detachment consisting of three terrorists.") == []


def test_a_family_of_three_deaths_reported_and_one_of_the_three_dead():
    assert figures("A family of three were killed on Wednesday by gunmen in Baiji.") == [("killed", "civilians", 3, 3)]
    assert figures('SANA quoted the health directorate reporting "three deaths and 60 injuries" in the city.') == [
        ("killed", "all", 3, 3),
        ("injured", "all", 60, 60),
    ]
    assert figures("A source said that one of the three dead was a soldier.") == [("killed", "security_forces", 1, 1)]


def test_quoted_people_and_eliminated_in_the_passive():
    assert figures('Six "pro-Iran fighters" were killed and four others wounded in US airstrikes.') == [
        ("killed", "combatants", 6, 6),
        ("injured", "combatants", 4, 4),
    ]
    assert figures("Six terrorists were eliminated in contact fire, the ministry said.") == [
        ("killed", "combatants", 6, 6)
    ]


def test_civilian_injuries_are_civilians_and_just_days_earlier_is_another_event():
    claims = run(
        "The attacks resulted in six civilian injuries, including children. Just a few days earlier, a similar "
        "attack injured a child."
    ).casualty_claims
    assert [(c.category, c.min, c.earlier_event) for c in claims] == [("civilians", 6, False), ("civilians", 1, True)]


def test_people_hospitalized_protesters_and_teachers_and_injuries_to_people():
    assert figures("At least five teachers were hospitalized after security forces fired tear gas.") == [
        ("injured", "civilians", 5, None)
    ]
    assert figures("Rioting broke out, resulting in injuries to several security personnel.") == [
        ("injured", "security_forces", 3, None)
    ]


def test_bodies_found_are_a_figure_of_the_dead_but_a_list_of_bodies_is_not_one():
    assert figures("Troops found the bodies of four militants at the site, the statement said.") == [
        ("killed", "combatants", 4, 4)
    ]
    assert figures('"7 bodies of terrorists" were found when forces reached the site.') == [
        ("killed", "combatants", 7, 7)
    ]
    assert figures("A source said two charred bodies were removed from the car.") == [("killed", "all", 2, 2)]
    assert figures("The bodies of a man, his mother and aunt were found at the second house.") == []


def test_a_figure_and_left_another_injured_are_two_figures():
    assert figures("The attack resulted in the death of one soldier and left another injured.") == [
        ("killed", "security_forces", 1, 1),
        ("injured", "security_forces", 1, 1),
    ]
    # Whose the people are does not run on past "and" and a verb of their own.
    assert figures("The blast resulted in the death of one member of the village guard and left another injured.") == [
        ("killed", "combatants", 1, 1),
        ("injured", "combatants", 1, 1),
    ]


def test_and_injured_another_is_one_more_of_the_people_before():
    assert figures("The PKK killed two Iraqi border guards and injured another in Duhok, the ministry said.") == [
        ("killed", "security_forces", 2, 2),
        ("injured", "security_forces", 1, 1),
    ]
    assert figures("The strike hit a motorcycle, killing one person and injuring another.") == [
        ("killed", "all", 1, 1),
        ("injured", "all", 1, 1),
    ]
    # "killed another" alone says nothing of whom.
    assert figures("Days later the gunman killed another.") == []


def test_lives_lost_or_claimed_and_a_groups_people_in_quotation_marks_are_figures():
    assert figures(
        "The ambush resulted in the tragic loss of nine soldiers' lives and left several others wounded."
    ) == [
        ("killed", "security_forces", 9, 9),
        ("injured", "security_forces", 3, None),
    ]
    assert figures("At least six civilian lives have been claimed in the latest attack on the dam.") == [
        ("killed", "civilians", 6, None)
    ]
    assert figures('The militia says four of its "military advisers" have been killed in the strike.') == [
        ("killed", "security_forces", 4, 4)
    ]


def test_a_figure_of_casualties_is_of_the_killed_and_wounded_alike():
    assert figures("Four casualties were reported in fighting near Aleppo on Monday.") == [("harmed", "all", 4, 4)]
    # "Enemy" casualties are the attackers', and an aircraft's model ("AC-130 strikes") counts no earlier strikes.
    assert _claims("CENTCOM said the AC-130 strikes resulted in “several enemy casualties.”") == [
        ("harmed", "combatants", 3, None, False, "CENTCOM")
    ]
    # Not a figure of the people: "casualties of the war".
    assert figures("Two casualties of the war were remembered on Monday.") == []


def test_a_day_between_the_verb_and_its_figure():
    assert figures("Iraqi forces killed on Sunday three senior Islamic State militants near Kirkuk.") == [
        ("killed", "combatants", 3, 3)
    ]


def test_others_in_a_later_paragraph_are_no_more_of_an_earlier_figure():
    assert figures("Ten people were killed in the drone strike on Monday.\n\nAt least 10 more have been injured.") == [
        ("killed", "all", 10, 10),
        ("injured", "all", 10, None),
    ]
    text = "Drones wounded two soldiers at the base on Monday.\n\nThree others were wounded in the clash that followed."
    assert figures(text) == [("injured", "security_forces", 2, 2), ("injured", "all", 3, 3)]
    # A person killed before counts, as the seed report's "killed a militia leader ... one other member" does.
    text = "A US strike killed a militia leader on Thursday.\n\nThe strike also killed one other Nujaba member."
    assert figures(text) == [("killed", "combatants", 2, 2)]
    # In the same paragraph they are: "two ... and three others" are five.
    assert figures("Drones wounded two soldiers on Monday. Three others were wounded later.") == [
        ("injured", "security_forces", 5, 5)
    ]


def test_truffle_hunters_and_foragers_are_civilians():
    assert figures("Militants killed three truffle hunters in the desert on Saturday.") == [
        ("killed", "civilians", 3, 3)
    ]
    assert figures("A landmine killed two foragers near Sukhna on Monday.") == [("killed", "civilians", 2, 2)]


def test_the_same_figure_again_without_its_people_is_the_same_claim():
    text = (
        "Militants on Saturday killed three truffle hunters in the desert, a war monitor said.\n\n"
        '"Armed men targeted truffle hunters, killing three," said the Syrian Observatory for Human Rights.'
    )
    assert [(c.outcome, c.category, c.min, c.claimant) for c in run(text).casualty_claims] == [
        ("killed", "civilians", 3, "Syrian Observatory for Human Rights")
    ]


def test_an_adverb_before_a_left_out_verbs_outcome():
    assert figures("Four police officers were killed and one seriously wounded in an ambush in Daraa.") == [
        ("killed", "security_forces", 4, 4),
        ("injured", "security_forces", 1, 1),
    ]


def test_attackers_who_killed_someone_are_no_figure_of_the_dead():
    assert figures("On Monday, a gunmen killed a senior party figure in an attack in Kifri.") == []
    assert figures("Two gunmen killed three shepherds near Kirkuk on Monday.") == [("killed", "civilians", 3, 3)]
    # A headline's figure keeps its verb without "were", and "fell victim to" its object.
    assert figures("Two civilians killed in drone strike near Qamishli on Monday.") == [("killed", "civilians", 2, 2)]
    assert figures("Three soldiers fell victim to an explosive device in Daraa on Wednesday.") == [
        ("harmed", "security_forces", 3, 3)
    ]


def test_a_military_councils_own_are_combatants():
    assert figures(
        '"Two of our comrades were martyred," the general command of the city\'s military council said.'
    ) == [("killed", "combatants", 2, 2)]
    assert figures('"Two of our comrades were martyred," the military command said.') == [
        ("killed", "security_forces", 2, 2)
    ]


def test_people_taken_to_hospital_are_the_wounded():
    assert figures("A doctor said four people had been taken to the hospital with injuries.") == [
        ("injured", "all", 4, 4)
    ]
    assert figures("At least one person was taken to hospital after the strike.") == [("injured", "all", 1, None)]


def test_people_kidnapped_or_abducted_are_missing():
    assert figures("Twelve civilians were reportedly kidnapped in Deraa province on Sunday.") == [
        ("missing", "civilians", 12, 12)
    ]
    assert figures("Militants killed three truffle hunters and kidnapped at least 26 others.") == [
        ("killed", "civilians", 3, 3),
        ("missing", "civilians", 26, None),
    ]


def test_neutralized_is_harmed_whether_the_verb_is_active_or_passive():
    # Turkey's defence ministry counts as "neutralized" those killed, wounded, captured or who surrendered.
    assert figures("Eleven PKK militants were neutralized in northern Iraq on Monday.") == [
        ("harmed", "combatants", 11, 11)
    ]
    assert figures("The army said it neutralized three militants.") == [("harmed", "combatants", 3, 3)]


def test_leaving_people_wounded_is_a_figure_as_left_is():
    assert figures("Gunmen attacked truffle hunters on Wednesday, leaving at least 24 injured.") == [
        ("injured", "all", 24, None)
    ]
