"""Rules on groups' roles, and background that gives none, each fitting a class of sentences seen in real reports."""

from extraction.extract import extract
from extraction.lexicon import GroupEntry, Lexicon
from tests.extraction.rules.lexicons import group_roles, posts, roles, run, state_roles


def test_a_group_that_mourns_its_own_is_the_target():
    assert roles("The SDF announced the martyrdom of four fighters in a Turkish drone strike.") == {
        "Syrian Democratic Forces": ["target"]
    }
    assert roles("Kataib Hezbollah said it lost two members in the strike.") == {"Kataib Hezbollah": ["target"]}
    assert roles("The strike led to the deaths of three Kataib Hezbollah fighters.") == {"Kataib Hezbollah": ["target"]}


def test_what_was_struck_is_named_by_whose_it_was():
    assert roles("The car was carrying members of Kataib Hezbollah, security sources said.") == {
        "Kataib Hezbollah": ["target"]
    }
    assert roles("The strike hit a building frequented by Kataib Hezbollah commanders.") == {
        "Kataib Hezbollah": ["target"]
    }
    # An editor's bracketed word in the owner's description: "frequented by senior [Iranian] Revolutionary Guards".
    assert roles("Israel targeted a building frequented by senior [Iranian] Revolutionary Guards on Monday.") == {
        "Islamic Revolutionary Guard Corps": ["target"]
    }
    # "On the pretext that the building housed members of X": whom the attacker says it struck.
    assert roles("Ankara claimed that the building housed members of Kataib Hezbollah.") == {
        "Kataib Hezbollah": ["target"]
    }
    # Whose a town is says nothing of a strike.
    assert roles("The town, controlled by Kataib Hezbollah since 2014, was quiet.") == {"Kataib Hezbollah": []}


def test_the_forces_of_a_base_that_came_under_attack_or_that_an_attack_hit_are_its_target():
    assert state_roles("A US base in eastern Syria came under a rocket attack on Sunday.") == [
        ("United States Armed Forces", "target")
    ]
    assert state_roles("A drone struck the Green Village base near the river, where US forces are deployed.") == [
        ("United States Armed Forces", "target")
    ]
    # A base named without an attack is no target.
    assert state_roles("The base, where US forces are deployed, lies in the desert.") == []


def test_a_forces_shelling_and_its_soldiers_killed_give_their_roles():
    assert state_roles("Syrian government forces’ shelling of the village killed nine people.") == [
        ("Syrian Arab Army", "perpetrator")
    ]
    assert state_roles("A Syrian army officer and four soldiers were killed in the ambush.") == [
        ("Syrian Arab Army", "target")
    ]
    # What the forces said is not what befell them.
    assert state_roles("The Syrian army said four soldiers were killed near the border.") == []


def test_a_sentence_dated_before_the_incident_gives_no_roles():
    proposal = run(
        "A drone killed two SDF fighters near Qamishli on Tuesday. Last month, Kataib Hezbollah fighters attacked "
        "a base in the area."
    )
    roles = {g.name: [r.role for r in g.roles] for g in proposal.groups}
    assert roles == {"Syrian Democratic Forces": ["target"], "Kataib Hezbollah": []}


def test_a_groups_fighters_in_an_including_clause_make_it_a_target():
    roles = group_roles("Ten people, including two Kataib Hezbollah fighters, were killed in the strike on Monday.")
    assert roles == {"Kataib Hezbollah": [("target", "confirmed")]}


def test_a_group_whose_members_a_figure_counts_is_the_target():
    assert group_roles("At least five members of Kataib Hezbollah, an Iran-aligned militia, have been killed.") == {
        "Kataib Hezbollah": [("target", "confirmed")],
    }
    assert group_roles('The IRGC says four of its "military advisers" have been killed in Damascus.') == {
        "Islamic Revolutionary Guard Corps": [("target", "confirmed")]
    }
    assert group_roles(
        "The monitor gave a death toll of eight, including six members of the SDF and two shepherds."
    ) == {"Syrian Democratic Forces": [("target", "confirmed")]}


def test_two_groups_joined_by_and_share_their_part():
    roles = group_roles("A drone attack was launched against U.S. forces and the SDF near Hasakah on Friday.")
    assert roles == {
        "United States Armed Forces": [("target", "confirmed")],
        "Syrian Democratic Forces": [("target", "confirmed")],
    }
    # "X and other Y forces": the other forces share it too.
    roles = group_roles("Rockets targeted the base, which hosts the SDF and other U.S. forces, on Sunday.")
    assert roles == {
        "Syrian Democratic Forces": [("target", "confirmed")],
        "United States Armed Forces": [("target", "confirmed")],
    }
    # A slash joins a pair as "and" does: "PKK/SDF".
    roles = group_roles("The PKK/SDF terror group has launched an attack on a village south of Azaz.")
    assert roles == {
        "Kurdistan Workers' Party": [("perpetrator", "confirmed")],
        "Syrian Democratic Forces": [("perpetrator", "confirmed")],
    }


def test_a_group_one_of_the_groups_that_take_a_part_shares_it():
    assert group_roles(
        "The strike hit a centre of a foundation linked to Iran-aligned militants including the PKK."
    ) == {
        "Iran-aligned militias (unidentified)": [("target", "confirmed")],
        "Kurdistan Workers' Party": [("target", "confirmed")],
    }


def test_a_group_that_the_people_hit_are_tied_to_is_no_party_but_the_owner_of_what_was_hit_is():
    assert group_roles("A drone killed two fighters affiliated with the PKK near Sinjar on Monday.") == {
        "Kurdistan Workers' Party": []
    }
    assert group_roles("The strikes also hit other targets linked to Kataib Hezbollah on Monday.") == {
        "Kataib Hezbollah": [("target", "confirmed")]
    }
    assert group_roles("The dead were wearing uniforms, the SDF said on Monday.") == {"Syrian Democratic Forces": []}


def test_a_person_hit_makes_the_group_of_their_post_the_target():
    lexicon = Lexicon(groups=[GroupEntry(1, "Harakat al-Nujaba", ("Harakat-al-Nujaba",))])
    proposal = extract(
        "date 2024-01-04\nThe strike killed Abu Taqwa, the leader of U.S. designated Harakat-al-Nujaba.", lexicon
    )
    assert [(p.name, p.role_kind, p.group) for p in proposal.people] == [("Abu Taqwa", "leader", "Harakat al-Nujaba")]
    assert [[r.role for r in g.roles] for g in proposal.groups] == [["target"]]
    assert posts("The strike recalled Gen. Qassem Soleimani.") == [("Qassem Soleimani", "commander")]


def test_a_name_after_a_comma_and_an_article_is_in_an_aside_only_if_the_aside_closes():
    lexicon = Lexicon(groups=[GroupEntry(1, "Turkish Armed Forces", ("Turkish forces",))])
    proposal = extract(
        "date 2023-12-06\nOn Tuesday, a shepherd was injured in a Turkish drone attack near Duhok.", lexicon
    )
    assert [[r.role for r in g.roles] for g in proposal.groups] == [["perpetrator"]]
    # A name right after the comma and its article is the subject after a fronted phrase, not inside a description.
    assert roles(
        "A drone hit the base. Later that day, in a statement, the Islamic Resistance in Iraq claimed responsibility "
        'for the attack, saying that "the base was attacked with a drone."'
    ) == {"Islamic Resistance in Iraq": ["perpetrator"]}


def test_a_fighter_who_lost_his_life_and_a_group_neutralised_are_targets():
    assert roles("An off-duty SDF fighter lost his life in the strike.") == {"Syrian Democratic Forces": ["target"]}
    assert roles('Its jets "neutralized" two members of the PKK in Duhok.') == {"Kurdistan Workers' Party": ["target"]}


def test_a_states_enemy_or_missiles_and_a_group_whose_headquarters_were_bombed():
    lexicon = Lexicon(
        groups=[
            GroupEntry(1, "Israel Defense Forces", ("Israeli military",)),
            GroupEntry(2, "Popular Mobilization Forces", (), "", "PMF"),
            GroupEntry(3, "United States Armed Forces", ("U.S. forces", "U.S. military")),
        ]
    )
    proposal = extract("date 2024-09-09\nThe Israeli enemy carried out an air strike on the airport.", lexicon)
    assert [(g.name, [r.role for r in g.roles]) for g in proposal.groups] == [
        ("Israel Defense Forces", ["perpetrator"])
    ]
    proposal = extract(
        "date 2024-02-03\nThe PMF said seven fighters were killed when the U.S. bombed its operations headquarters.",
        lexicon,
    )
    assert ("Popular Mobilization Forces", ["target"]) in [(g.name, [r.role for r in g.roles]) for g in proposal.groups]


def test_a_group_that_says_what_struck_or_reports_the_dead_is_not_a_party_by_those_words():
    # The strike the group speaks of is another's; the advisers it lost make it the target.
    assert roles("In a statement, the Revolutionary Guards said an air strike by Israeli jets killed four advisers.")[
        "Islamic Revolutionary Guard Corps"
    ] == ["target"]
    # The source named after the figure is who reports it.
    assert roles("Four militants were killed in an airstrike near Kirkuk, the SDF reported on Tuesday.") == {
        "Syrian Democratic Forces": []
    }
    assert roles("A drone strike killed three fighters of the SDF on Tuesday.") == {
        "Syrian Democratic Forces": ["target"]
    }


def test_a_bomb_near_a_groups_patrol_and_one_planted_by_a_group():
    assert roles("A roadside bomb exploded near an SDF patrol east of Deir ez-Zor, killing two fighters.") == {
        "Syrian Democratic Forces": ["target"]
    }
    assert roles("Police believed that the bomb was planted by the PKK.") == {
        "Kurdistan Workers' Party": ["perpetrator"]
    }


def test_sites_belonging_to_a_group_named_after_a_description_make_it_a_target():
    assert roles("The strike targeted “sites belonging to Turkish-backed militias, the SDF,” the monitor said.")[
        "Syrian Democratic Forces"
    ] == ["target"]


def test_habits_and_records_are_background():
    found = run(
        "A drone hit the Harir base on Tuesday. The Islamic Resistance in Iraq has claimed a series of similar "
        "drone and rocket attacks since war broke out. Iran-backed groups sporadically launch attacks with "
        "rockets on US bases; the base was a frequent target of mortar attacks."
    )
    assert [m.means for m in found.means] == ["drone"]
    assert roles("The Islamic Resistance in Iraq has claimed a series of similar drone attacks.") == {
        "Islamic Resistance in Iraq": []
    }
    assert roles("There has been a long-running Turkish campaign against militants of the PKK.") == {
        "Kurdistan Workers' Party": []
    }
    assert roles("The area is frequently subjected to ground attacks by the SDF.") == {"Syrian Democratic Forces": []}
    assert roles("Diyala has seen periodic attacks by PKK cells.") == {"Kurdistan Workers' Party": []}


def test_a_states_forces_reporting_their_own_losses_are_the_target():
    forces = Lexicon(
        groups=[
            GroupEntry(7, "United States Armed Forces", ("US forces", "US military"), kind="state_force"),
            GroupEntry(8, "Syrian Arab Army", ("Syrian army",), kind="state_force"),
            GroupEntry(9, "United States Central Command", (), "", "CENTCOM", kind="state_force"),
        ]
    )

    def state_roles(text):
        found = extract(f"date 2024-01-05\n{text}", forces)
        return [(group.name, role.role) for group in found.groups for role in group.roles]

    assert state_roles(
        "Missiles hit the airport early Monday, killing two soldiers and wounding two others, the Syrian army said."
    ) == [("Syrian Arab Army", "target")]
    # An attacker that reports its own wounded stays the attacker.
    assert state_roles("US forces raided the village, and the US military said two soldiers were wounded.") == [
        ("United States Armed Forces", "perpetrator")
    ]
    # A command speaks for the forces hit; it is not itself the target.
    assert state_roles("Drones hit the garrison, and CENTCOM said twenty American personnel were injured.") == []


def test_the_one_other_group_of_the_lead_is_the_target_of_an_attack_that_names_none():
    assert roles("U.S. forces struck a car near Qamishli on Tuesday, killing two people, the SDF reported.") == {
        "United States Armed Forces": ["perpetrator"],
        "Syrian Democratic Forces": ["target"],
    }
    # Two groups in the lead: no guess.
    assert roles("U.S. forces struck a car near Qamishli on Tuesday. The SDF and the PKK hold posts nearby.") == {
        "United States Armed Forces": ["perpetrator"],
        "Syrian Democratic Forces": [],
        "Kurdistan Workers' Party": [],
    }


def test_a_group_a_fight_or_campaign_is_against_is_no_target_of_this_event():
    assert (
        roles(
            "A drone killed two SDF fighters near Qamishli. One was a commander who played a role in the fight against "
            "the PKK."
        )["Kurdistan Workers' Party"]
        == []
    )
    assert roles("Turkish drones carried out strikes against the PKK near Duhok.")["Kurdistan Workers' Party"] == [
        "target"
    ]


def test_a_group_one_of_the_wounded_served_in_is_a_target():
    assert roles("One fighter was killed, and one of the wounded was a member of the SDF.") == {
        "Syrian Democratic Forces": ["target"]
    }


FORCES = Lexicon(
    groups=[
        GroupEntry(1, "Iraqi Army", ("Iraqi army",)),
        GroupEntry(2, "United States Central Command", ("US Central Command",), "", "CENTCOM", kind="state_force"),
    ]
)


def force_roles(text: str) -> list[tuple[str, str]]:
    found = extract(f"date 2025-03-15\n{text}", FORCES)
    return [(group.name, role.role) for group in found.groups for role in group.roles]


def test_the_verb_after_a_set_off_partner_is_the_groups_and_the_object_of_targeting_was_hit():
    assert force_roles(
        "US Central Command (CENTCOM) forces, in collaboration with Iraqi intelligence, carried out a precision "
        "airstrike in Anbar."
    ) == [("United States Central Command", "perpetrator")]
    assert force_roles("A roadside bomb targeting an Iraqi army vehicle killed three soldiers.") == [
        ("Iraqi Army", "target")
    ]


def test_a_date_opening_a_clause_dates_the_sentence_and_what_lands_near_a_force_targets_it():
    assert roles(
        "Two rockets landed near U.S. forces in Syria on Monday. Two fighters were wounded in a raid against "
        "Kataib Hezbollah last month, prompting a debate."
    ) == {"United States Armed Forces": ["target"], "Kataib Hezbollah": []}


def test_a_group_that_confirms_a_strike_is_not_its_maker_and_a_centre_tied_to_a_group_was_its():
    assert roles("Kataib Hezbollah confirmed the strike in Baghdad.") == {"Kataib Hezbollah": []}
    assert roles("The strike targeted the service centre of a foundation affiliated with Iran-aligned militants.") == {
        "Iran-aligned militias (unidentified)": ["target"]
    }


def test_a_group_that_announces_its_dead_after_a_dashed_description_is_the_target():
    assert roles(
        "Late Sunday, the Islamic Resistance in Iraq - a loose formation of armed groups affiliated with Kataib "
        'Hezbollah - announced in a statement the deaths of "five martyrs".'
    ) == {"Islamic Resistance in Iraq": ["target"], "Kataib Hezbollah": []}


def test_a_hyphenated_word_inside_a_dashed_description_does_not_end_it():
    assert roles(
        "Kataib Hezbollah - an Iran-backed faction of the Islamic Resistance in Iraq - claimed the attack on U.S. "
        "forces."
    ) == {
        "Kataib Hezbollah": ["perpetrator"],
        "Islamic Resistance in Iraq": [],
        "United States Armed Forces": ["target"],
    }


def test_a_force_whose_men_an_attack_wounds_is_its_target_but_not_the_source_named_after_them():
    assert roles("An IED detonated in Nineveh on Wednesday, injuring three fighters of Kataib Hezbollah.") == {
        "Kataib Hezbollah": ["target"]
    }
    assert roles(
        "At least one fighter was killed and two were wounded, claimed the statement from the Islamic Resistance "
        "in Iraq."
    ) == {"Islamic Resistance in Iraq": []}


def test_what_comes_on_the_heels_of_an_attack_is_that_attacks():
    assert roles(
        "The latest attack comes on the heels of a suicide attack on October 1, for which the PKK claimed "
        "responsibility."
    ) == {"Kurdistan Workers' Party": []}


def test_a_states_base_is_its_forces_and_a_sentence_opening_also_on_is_another_event():
    assert state_roles("At least eight rockets were fired at a U.S. base in northern Iraq on Wednesday.") == [
        ("United States Armed Forces", "target")
    ]
    assert roles(
        "Fifty people were killed in an ambush blamed on the Kurdistan Workers' Party. Also on Friday, U.S. forces "
        "killed a senior Kataib Hezbollah leader."
    ) == {"Kurdistan Workers' Party": ["perpetrator"], "United States Armed Forces": [], "Kataib Hezbollah": []}


def test_the_targets_words_may_open_a_quotation():
    assert state_roles(
        'The IRGC said an air strike by Israeli fighter jets killed "a number of Syrian forces and four advisers".'
    ) == [("Syrian Arab Army", "target")]


def test_each_side_of_a_clash_is_perpetrator_and_target():
    assert roles("Clashes between the SDF and Kataib Hezbollah killed five people on Monday.") == {
        "Syrian Democratic Forces": ["perpetrator", "target"],
        "Kataib Hezbollah": ["perpetrator", "target"],
    }
    # A clash the place once saw, or recent clashes, are not this event's.
    assert roles("A bomb exploded on Monday in areas that once saw heavy fighting with the SDF.") == {
        "Syrian Democratic Forces": []
    }
    assert roles(
        "A drone struck a car on Monday, weeks after recent clashes between Kataib Hezbollah and the SDF."
    ) == {
        "Kataib Hezbollah": [],
        "Syrian Democratic Forces": [],
    }


def test_the_group_the_dead_belonged_to_is_the_target():
    assert roles("The Observatory said the dead included four members of the pro-government Kataib Hezbollah.") == {
        "Kataib Hezbollah": ["target"]
    }
    assert roles("According to the NGO, most of the dead belonged to the Kataib Hezbollah militia.") == {
        "Kataib Hezbollah": ["target"]
    }
    assert roles("Intense clashes occurred yesterday (Monday) between the SDF and Kataib Hezbollah.") == {
        "Syrian Democratic Forces": ["perpetrator", "target"],
        "Kataib Hezbollah": ["perpetrator", "target"],
    }


def test_a_drone_downed_near_a_base_and_a_so_called_cell_name_the_target():
    assert roles("An explosive drone was shot down near a Kataib Hezbollah base on Friday.") == {
        "Kataib Hezbollah": ["target"]
    }
    assert roles(
        'The forces carried out an operation targeting a group from the so-called "Kataib Hezbollah" cell.'
    ) == {"Kataib Hezbollah": ["target"]}


def test_whose_positions_were_targeted_who_was_assassinated_and_a_quoted_post():
    assert state_roles(
        "The positions of the US forces stationed at the Erbil International Airport in the north were targeted."
    ) == [("United States Armed Forces", "target")]
    assert state_roles("Gunmen assassinated an officer in the ranks of the Syrian army near Jabab.") == [
        ("Syrian Arab Army", "target")
    ]
    assert roles('A drone killed a "senior finance and logistics official" for Kataib Hezbollah on Sunday.') == {
        "Kataib Hezbollah": ["target"]
    }


def test_continuing_and_ongoing_strikes_are_background():
    for sentence in (
        "Residents fear returning because of continuing Turkish airstrikes against the PKK in the town.",
        "The town has emptied under ongoing drone strikes against the PKK.",
    ):
        found = roles(f"A drone killed three fighters of the SDF near Qamishli on Tuesday. {sentence}")
        assert found.get("Kurdistan Workers' Party") == [], sentence


def test_the_sides_of_a_clash_far_from_between_and_a_clash_previously_fought():
    assert roles(
        "Fierce clashes broke out on Wednesday night in the southern province of Sweida between the SDF, supported "
        "by allied forces, and the “Kataib Hezbollah” faction."
    ) == {"Syrian Democratic Forces": ["perpetrator", "target"], "Kataib Hezbollah": ["perpetrator", "target"]}
    # The cue shown to the editor, and marked in the text, ends before the quoted name's opening mark.
    text = "Clashes broke out on Monday between the SDF and the “Kataib Hezbollah” faction."
    (kataib,) = [g for g in run(text).groups if g.name == "Kataib Hezbollah"]
    marked = {f"date 2024-01-05\n{text}"[s:e] for r in kataib.roles for s, e in r.spans}
    assert {r.cue for r in kataib.roles} == marked == {"Clashes broke out on Monday between the SDF and the"}
    assert roles("A drone struck a car on Monday. The SDF has clashed previously with Kataib Hezbollah.") == {
        "Syrian Democratic Forces": [],
        "Kataib Hezbollah": [],
    }


def test_a_side_named_before_clashed_with_is_both_perpetrator_and_target():
    assert roles("The SDF have clashed with security forces loyal to the new authorities on Monday.") == {
        "Syrian Democratic Forces": ["perpetrator", "target"]
    }


def test_who_fended_an_attack_off_was_attacked():
    assert roles("U.S. forces shot down two drones while the third struck the compound.") == {
        "United States Armed Forces": ["target"]
    }
    assert roles("An armed drone was intercepted and shot down by U.S. forces near the base.") == {
        "United States Armed Forces": ["target"]
    }
    assert roles("The SDF repelled the attack, killing two of the assailants.") == {
        "Syrian Democratic Forces": ["target"]
    }


def test_a_strike_that_thwarted_an_attack_is_an_attack():
    assert state_roles("A US airstrike thwarted a rocket attack on the Syrian army near Raqqa on Monday.") == [
        ("United States Armed Forces", "perpetrator"),
        ("Syrian Arab Army", "target"),
    ]


def test_a_pair_takes_only_the_part_said_of_it_not_that_of_another_mention():
    # "US" acts in the strike; the US named with Syria's forces in the pair was hit, and so were they.
    roles = state_roles("A US airstrike thwarted an attack on the base, which hosts US and Syrian forces, on Monday.")
    assert ("Syrian Arab Army", "target") in roles and ("Syrian Arab Army", "perpetrator") not in roles


def test_whom_attackers_attacked_and_a_bus_carrying_a_groups_members_are_targets():
    assert roles("Islamic State militants attacked a Kataib Hezbollah outpost south of Samarra.") == {
        "Kataib Hezbollah": ["target"]
    }
    assert roles("Gunmen attacked a bus carrying members of Kataib Hezbollah near Palmyra.") == {
        "Kataib Hezbollah": ["target"],
        "Gunmen": ["perpetrator"],
    }


def test_the_sides_of_a_clash_past_a_day_set_off_by_commas():
    found = roles("Armed clashes broke out, on Monday, between Kataib Hezbollah and the SDF near the river.")
    assert found == {
        "Kataib Hezbollah": ["perpetrator", "target"],
        "Syrian Democratic Forces": ["perpetrator", "target"],
    }


def test_a_group_whose_fighters_repelled_an_assault_and_a_car_belonging_to_a_countrys_group_are_targets():
    assert roles("The SDF announced that its fighters repelled an assault on their positions.") == {
        "Syrian Democratic Forces": ["target"]
    }
    assert roles("A drone struck a vehicle belonging to Iraq's Kataib Hezbollah near the border.") == {
        "Kataib Hezbollah": ["target"]
    }


def test_a_base_affiliated_with_a_group_that_was_attacked_and_a_drone_heading_for_its_base_target_it():
    text = "The Ain al-Assad base, affiliated with the SDF, located in the west, was attacked by two drones."
    assert roles(text)["Syrian Democratic Forces"] == ["target"]
    text = "The security service said a suicide drone heading towards the SDF base in Hasakah was shot down."
    assert roles(text)["Syrian Democratic Forces"] == ["target"]


def test_the_group_of_a_figure_joined_by_and_to_another_is_a_target_too():
    assert roles("An Israeli drone strike killed three Palestinian fighters and one Kataib Hezbollah member.") == {
        "Kataib Hezbollah": ["target"]
    }


def test_a_clash_side_named_by_what_it_is_fights_and_is_fought():
    found = run("Clashes broke out on Tuesday between the Syrian Democratic Forces and armed Druze in Sahnaya.")
    assert [(g.name, g.matched, sorted(r.role for r in g.roles)) for g in found.groups] == [
        ("Syrian Democratic Forces", True, ["perpetrator", "target"]),
        ("armed Druze", False, ["perpetrator", "target"]),
    ]
    found = run("Yesterday's clashes between the Harki tribe and Iraqi Kurdistan security forces left two dead.")
    assert [(g.name, sorted(r.role for r in g.roles)) for g in found.groups] == [
        ("Harki tribe", ["perpetrator", "target"]),
        ("Iraqi Kurdistan security forces", ["perpetrator", "target"]),
    ]
    assert (found.event_type.perpetrator, found.event_type.target) == (
        "Harki tribe",
        "Iraqi Kurdistan security forces",
    )
    # Not a count of people ("dozens of armed men"), nor a clash told of as background.
    assert run("Clashes broke out between dozens of armed men and the police in the market.").groups == []
    assert run("The village saw clashes between Druze militias and tribal fighters last month.").groups == []


def test_forces_a_struck_base_houses_are_the_target():
    assert roles("Rockets were launched at the airbase housing U.S. forces late on Thursday.") == {
        "United States Armed Forces": ["target"]
    }
    assert roles("Three drones were shot down over Erbil airport, where U.S. forces are stationed.") == {
        "United States Armed Forces": ["target"]
    }
    assert roles("A drone was shot down over Erbil airport, where U.S. and other international forces are based.") == {
        "United States Armed Forces": ["target"]
    }
    assert roles("The drone crashed into the second floor of the barracks housing U.S. forces.") == {
        "United States Armed Forces": ["target"]
    }


def test_a_groups_record_over_the_last_years_gives_no_part_in_this_event():
    assert roles(
        "A motorcycle bomb wounded two people in Hasakah on Tuesday. The area, held by the SDF, was also the "
        "target of several waves of U.S. military strikes over the last few years."
    ) == {"Syrian Democratic Forces": [], "United States Armed Forces": []}


def test_an_attack_named_by_a_nationality_and_a_quoted_name_before_its_aside():
    lexicon = Lexicon(groups=[GroupEntry(1, "Israel Defense Forces", ("Israeli military",))])
    proposal = extract(
        "date 2024-11-25\nState media reported damage to several bridges in the Qusayr countryside, attributing it "
        "to an Israeli attack on Monday.",
        lexicon,
    )
    assert [(g.name, [r.role for r in g.roles]) for g in proposal.groups] == [
        ("Israel Defense Forces", ["perpetrator"])
    ]
    assert roles(
        'The "Islamic Resistance in Iraq", consisting of armed Shiite factions, announced early Sunday that it had '
        "launched an attack using a drone."
    ) == {"Islamic Resistance in Iraq": ["perpetrator"]}


def test_a_verb_in_quotation_marks_is_the_groups_and_a_quoted_passive_is_not():
    assert roles("PKK fighters “neutralised” two Kataib Hezbollah members near the border on Monday.") == {
        "Kurdistan Workers' Party": ["perpetrator"],
        "Kataib Hezbollah": ["target"],
    }
    assert roles("Three SDF soldiers were “killed” in the blast near the border on Monday.") == {
        "Syrian Democratic Forces": ["target"]
    }
    assert roles("Troops seized members of Kataib Hezbollah in a “targeted” operation near the border.") == {
        "Kataib Hezbollah": []
    }


def test_forces_at_a_named_site_that_were_targeted_are_the_target():
    assert roles("U.S. forces at Mission Support Site Euphrates in Syria were targeted by a rocket on Wednesday.") == {
        "United States Armed Forces": ["target"]
    }
    # Not past a comma into the next clause: "In an attack by X gunmen, three soldiers were killed".
    assert roles("In an attack by SDF gunmen near the old border post, three soldiers were killed.") == {
        "Syrian Democratic Forces": ["perpetrator"]
    }


def test_a_verb_after_the_names_bracketed_abbreviation_is_the_groups():
    assert roles("The Islamic Resistance in Iraq (IRI) attacked a Kataib Hezbollah post near the river on Monday.") == {
        "Islamic Resistance in Iraq": ["perpetrator"],
        "Kataib Hezbollah": ["target"],
    }


def test_a_groups_own_branch_shares_its_part_and_a_country_before_a_passive_is_no_actor():
    assert roles("A car bomb attack in Manbij was carried out by the Kataib Hezbollah group's Syrian branch PKK.") == {
        "Kataib Hezbollah": ["perpetrator"],
        "Kurdistan Workers' Party": ["perpetrator"],
    }
    lexicon = Lexicon(groups=[GroupEntry(1, "Syrian Arab Army", ("Syrian army",)), GroupEntry(2, "Hamas")])
    proposal = extract(
        "date 2024-12-24\nTwo were killed in a car bomb attack in northern Syria carried out by Hamas.", lexicon
    )
    assert [(g.name, [r.role for r in g.roles]) for g in proposal.groups] == [("Hamas", ["perpetrator"])]


def test_a_spate_of_attacks_and_whom_they_have_mostly_targeted_are_a_record():
    assert roles(
        "A grenade hit a shop in Hasaka on Sunday. The attack comes amid a spate of attacks largely attributed to "
        "Kataib Hezbollah. The attacks have mostly targeted SDF forces."
    ) == {"Kataib Hezbollah": [], "Syrian Democratic Forces": []}


def test_a_command_that_says_its_forces_struck_is_the_perpetrator():
    lexicon = Lexicon(groups=[GroupEntry(1, "United States Central Command", ("CENTCOM", "U.S. Central Command"))])
    text = "date 2024-10-30\nU.S. Central Command said its forces “conducted a series of strikes against ISIS camps.”"
    assert [(g.name, [r.role for r in g.roles]) for g in extract(text, lexicon).groups] == [
        ("United States Central Command", ["perpetrator"])
    ]
    # A command that only speaks is a source, not a party.
    assert extract("date 2024-10-30\nCENTCOM said U.S. forces conducted the strike.", lexicon).groups == []


def test_the_attacks_a_strike_answers_or_warns_of_give_no_target():
    for sentence in (
        "US jets struck posts in Deir al-Zour in retaliation to the militias' drone attacks on US positions.",
        "The strike aimed to degrade their ability to launch future attacks on US forces in the region.",
    ):
        assert ("United States Armed Forces", "target") not in state_roles(sentence), sentence


def test_forces_whose_positions_were_pounded_are_the_target():
    assert ("Kurdistan Workers' Party", "target") in state_roles(
        "Turkish artillery pounded suspected Kurdistan Workers' Party (PKK) positions north of Duhok."
    )


def test_a_war_waged_against_a_foe_makes_it_no_target_of_this_attack():
    lexicon = Lexicon(groups=[GroupEntry(1, "Islamic State", ("ISIS", "Islamic State group"))])
    for sentence in (
        "Peshmerga forces regularly conduct joint operations with Iraqi forces against ISIS in the disputed areas.",
        "US troops are training forces against the Islamic State group at the base.",
    ):
        found = extract(f"date 2024-03-08\n{sentence}", lexicon)
        assert [(g.name, [r.role for r in g.roles]) for g in found.groups] == [("Islamic State", [])], sentence
