"""Rules on who carried an attack out (the perpetrator), each fitting a class of sentences seen in real reports."""

from extraction.extract import extract
from extraction.lexicon import GroupEntry, Lexicon
from tests.extraction.rules.lexicons import army_roles, dated, group_roles, roles, run, state_roles


def test_a_group_saying_it_or_its_fighters_attacked_claims_it():
    for text in (
        "The Islamic Resistance in Iraq said in a statement that it had targeted the base with drones.",
        "The Islamic Resistance in Iraq said its fighters attacked the base with drones.",
    ):
        assert roles(text) == {"Islamic Resistance in Iraq": ["perpetrator"]}, text


def test_a_group_that_asserts_responsibility_claims_the_attack():
    assert state_roles(
        "The Islamic Resistance in Iraq, an alliance of armed factions, asserted responsibility for the drone attack."
    ) == [("Islamic Resistance in Iraq", "perpetrator")]


def test_who_laid_the_mine_or_was_behind_the_attack_is_its_perpetrator():
    assert group_roles("The ministry said a member of Kataib Hezbollah was behind the attack.") == {
        "Kataib Hezbollah": [("perpetrator", "attributed")]
    }
    assert group_roles("Two shepherds were killed by a mine planted by the PKK near Duhok.") == {
        "Kurdistan Workers' Party": [("perpetrator", "attributed")]
    }
    assert group_roles("Two shepherds were killed in PKK attacks near Duhok on Tuesday.") == {
        "Kurdistan Workers' Party": [("perpetrator", "confirmed")]
    }


def test_attackers_tied_to_a_group_make_it_the_perpetrator_and_a_states_military_is_its_forces():
    assert army_roles("Soldiers were killed in Hama in an assault by cells affiliated with the Islamic State.") == {
        "Islamic State": ["perpetrator"]
    }
    assert army_roles("Israel's military fired missiles at an airport near Hama.") == {
        "Israel Defense Forces": ["perpetrator"]
    }


def test_a_group_declaring_that_a_base_was_targeted_claims_it():
    text = 'The "Islamic Resistance in Iraq" declared on Friday that the Harir base was targeted with two drones.'
    assert roles(text) == {"Islamic Resistance in Iraq": ["perpetrator"]}
    # Its own base, or one struck by another, is no claim.
    assert roles("The SDF announced that its checkpoint was attacked by gunmen.") == {
        "Syrian Democratic Forces": [],
        "gunmen": ["perpetrator"],
    }
    # A background mention of the same day does not make the statement's day an earlier event.
    assert dated(
        "The group declared on Friday that the base was targeted. Earlier today, the ministry announced 58 attacks.",
        "2023-11-17",
    ) == [("2023-11-17", "statement")]


def test_a_group_and_a_state_that_staged_a_raid_together():
    assert roles("The SDF and Iraq have staged a joint raid targeting suspected cells in the desert.") == {
        "Syrian Democratic Forces": ["perpetrator"]
    }


def test_an_attack_on_a_place_by_a_groups_members_is_its_and_an_operations_setting_is_not():
    assert roles(
        "Six U.S. soldiers were killed during an attack on their base in northern Iraq by members of the outlawed "
        "Kurdistan Workers' Party.\n\nThe assault took place during a military operation conducted by the SDF."
    ) == {
        "United States Armed Forces": ["target"],
        "Kurdistan Workers' Party": ["perpetrator"],
        "Syrian Democratic Forces": [],
    }


def test_a_state_that_strikes_on_a_day_or_carries_out_a_strike_stands_for_its_forces():
    assert state_roles("The United States on Wednesday struck a house in the town, killing two people.") == [
        ("United States Armed Forces", "perpetrator")
    ]
    assert state_roles("Officials said the blast was a drone strike carried out by the United States.") == [
        ("United States Armed Forces", "perpetrator")
    ]
    # The state speaking of its own operation; a named campaign is no strike of this event.
    assert state_roles("The United States said it carried out a large-scale military operation in the desert.") == [
        ("United States Armed Forces", "perpetrator")
    ]
    assert state_roles("Turkey launched Operation Claw-Lock in April 2022 in the mountains.") == []
    # A state that ends a group's name is not the state acting.
    found = state_roles("A group calling itself the Popular Resistance in Syria said it had launched drones.")
    assert ("Syrian Arab Army", "perpetrator") not in found


def test_a_strike_in_quotation_marks_by_a_force_is_its_and_is_the_event():
    found = run("A “unilateral strike” by U.S. forces killed a leader planning attacks in Europe.")
    assert [(g.name, [r.role for r in g.roles]) for g in found.groups] == [
        ("United States Armed Forces", ["perpetrator"])
    ]
    assert found.event_type.sub_event_type == "air_drone_strike"


def test_attackers_named_only_by_what_they_were_are_the_perpetrator():
    found = run("Gunmen shot dead four members of Syria's security forces on Sunday.").groups
    assert [(g.name, g.matched, g.kind, [r.role for r in g.roles]) for g in found if not g.matched] == [
        ("Gunmen", False, "unidentified", ["perpetrator"])
    ]
    found = run('A woman was wounded in the blast, caused by an attack by "unknown assailants".').groups
    assert [(g.name, [r.role for r in g.roles]) for g in found] == [("unknown assailants", ["perpetrator"])]
    # Men, with what they were: "armed, masked men"; not men alone.
    found = run("Two young men were shot dead by armed, masked men in the village.").groups
    assert [(g.name, [r.role for r in g.roles]) for g in found] == [("armed, masked men", ["perpetrator"])]
    assert run("Two people were shot dead by men in the village.").groups == []
    # A named perpetrator leaves them as they are, and one gunman is a person.
    assert not any(g.name == "gunmen" for g in run("Kataib Hezbollah claimed the attack; gunmen opened fire.").groups)
    assert run("An unidentified gunman opened fire on the patrol.").groups == []


def test_a_state_the_strike_is_attributed_to_is_its_perpetrator():
    lexicon = Lexicon(groups=[GroupEntry(1, "Turkish Armed Forces", ("Turkish forces",))])
    found = extract(
        "date 2024-01-05\nOfficials say an airstrike hit Sinjar and they attribute the strike to Turkey.", lexicon
    )
    assert [(g.name, [(r.role, r.attribution) for r in g.roles]) for g in found.groups] == [
        ("Turkish Armed Forces", [("perpetrator", "attributed")])
    ]


def test_a_raid_that_was_conducted_by_two_forces_names_both_perpetrators():
    lexicon = Lexicon(
        groups=[
            GroupEntry(1, "United States Armed Forces", ("US forces", "U.S. forces"), "", "", "state_force"),
            GroupEntry(2, "Iraqi Security Forces", ("Iraqi forces",), "", "", "state_force"),
        ]
    )
    found = extract(
        "date 2024-10-22\nA leader was killed in the joint raid that was conducted by US and Iraqi forces.", lexicon
    )
    assert [(g.name, [r.role for r in g.roles]) for g in found.groups] == [
        ("United States Armed Forces", ["perpetrator"]),
        ("Iraqi Security Forces", ["perpetrator"]),
    ]


def test_a_group_and_its_affiliates_under_an_umbrella_claim_the_attack():
    assert roles(
        "Kataib Hezbollah and affiliated groups, under an umbrella of Iranian-backed militants, claimed credit for "
        "the attack, according to the NSC."
    ) == {"Kataib Hezbollah": ["perpetrator"], "Iran-aligned militias (unidentified)": ["perpetrator"]}


def test_a_group_that_has_killed_is_the_perpetrator():
    assert roles("The PKK terrorist group has killed two Iraqi border guards in Duhok, the ministry said.") == {
        "Kurdistan Workers' Party": ["perpetrator"]
    }


def test_targetted_surrounded_and_suspected_gunmen():
    assert roles("Kataib Hezbollah drones on Tuesday targetted convoys near the base.") == {
        "Kataib Hezbollah": ["perpetrator"]
    }
    assert roles("The SDF surrounded two militants wearing explosive belts in a neighbourhood.") == {
        "Syrian Democratic Forces": ["perpetrator"]
    }
    assert [
        (g.name, [r.role for r in g.roles]) for g in run("A family of three were killed by suspected gunmen.").groups
    ] == [("suspected gunmen", ["perpetrator"])]


def test_perpetrators_named_by_abbreviation_suspicion_fighters_from_and_striking():
    assert roles("A Peshmerga unit thwarted a suspected Kataib Hezbollah (KH) attack on three shepherds.") == {
        "Kataib Hezbollah": ["perpetrator"]
    }
    assert roles("Around 20 gunmen, suspected by security forces to be Kataib Hezbollah members, stormed a house.") == {
        "Kataib Hezbollah": ["perpetrator"]
    }
    assert roles("The attack was purportedly carried out by fighters from the Kataib Hezbollah.") == {
        "Kataib Hezbollah": ["perpetrator"]
    }
    assert roles("Footage showed the SDF striking a suspected position in the desert.") == {
        "Syrian Democratic Forces": ["perpetrator"]
    }


FOREIGN = Lexicon(
    groups=[
        GroupEntry(1, "Turkish Armed Forces", ("Turkish forces", "Turkish military")),
        GroupEntry(2, "Russian Armed Forces", ("Russian forces", "Russian military")),
        GroupEntry(3, "Israel Defense Forces", ("Israeli forces", "Israeli military")),
        GroupEntry(4, "Syrian Arab Army", ("Syrian army", "Syrian forces")),
    ]
)


def foreign_roles(text: str) -> list[tuple[str, str]]:
    found = extract(f"date 2024-06-30\n{text}", FOREIGN)
    return [(group.name, role.role) for group in found.groups for role in group.roles]


def test_a_state_named_as_its_foes_name_it_or_as_an_ally_and_an_attack_in_a_place_by_a_force():
    assert foreign_roles("The Turkish occupation bombed a village in the Amadiye district.") == [
        ("Turkish Armed Forces", "perpetrator")
    ]
    assert foreign_roles("The Israeli regime carried out a missile strike on Aleppo International Airport.") == [
        ("Israel Defense Forces", "perpetrator")
    ]
    assert foreign_roles("Six civilians died when an air strike, likely carried out by Damascus ally Russia, hit.") == [
        ("Russian Armed Forces", "perpetrator")
    ]
    assert foreign_roles("Five people were killed in an artillery attack in rural Idlib by the Syrian army.") == [
        ("Syrian Arab Army", "perpetrator")
    ]


def test_strikes_elsewhere_are_no_perpetrators_cue_here():
    found = foreign_roles(
        "Rockets hit the base on Monday. The group said its attacks would stop only when the Israeli strikes on Gaza "
        "end."
    )
    assert ("Israel Defense Forces", "perpetrator") not in found
    # "Iran-linked targets" is no place elsewhere.
    assert foreign_roles("Officials condemned Israeli airstrikes on Iran-linked targets in Syria on Monday.") == [
        ("Israel Defense Forces", "perpetrator")
    ]


def test_the_agent_of_a_passive_attack_and_a_groups_record_of_attacks():
    found = roles(
        "Three members of the SDF were killed today. They said they were targeted by a Kataib Hezbollah cell during "
        "a patrol."
    )
    assert found["Kataib Hezbollah"] == ["perpetrator"]
    found = roles(
        "A drone killed three SDF fighters today. Kataib Hezbollah has claimed two attacks in the past two weeks."
    )
    assert found["Kataib Hezbollah"] == []


def test_bombardments_by_a_force_a_mine_planted_by_cells_and_a_search_launched_after():
    assert foreign_roles("Eight civilians were killed on Sunday during bombardments by the Syrian army.") == [
        ("Syrian Arab Army", "perpetrator")
    ]
    found = roles(
        "Two SDF fighters were killed on Monday when a landmine exploded. The SDF said the landmine had been planted "
        "by cells affiliated with Kataib Hezbollah, adding that SDF units had launched a sweeping operation."
    )
    assert found == {"Syrian Democratic Forces": ["target"], "Kataib Hezbollah": ["perpetrator"]}


def test_who_kidnapped_someone_is_the_perpetrator():
    assert roles("Her classmates told us that Kataib Hezbollah had kidnapped her on Monday.") == {
        "Kataib Hezbollah": ["perpetrator"]
    }
    assert roles("The researcher was abducted by Kataib Hezbollah in Baghdad on Monday.") == {
        "Kataib Hezbollah": ["perpetrator"]
    }


def test_forces_that_destroyed_targets_or_continued_their_attacks():
    assert foreign_roles("Turkish forces destroyed 22 targets in northern Iraq on Wednesday, the ministry said.") == [
        ("Turkish Armed Forces", "perpetrator")
    ]
    assert ("Turkish Armed Forces", "perpetrator") in foreign_roles(
        "Turkey has continued its attacks on positions in Amedi on Saturday, a monitor said."
    )


def test_forces_that_neutralized_fighters_or_are_carrying_out_a_bombardment():
    # A state's "security forces" named by its adjective are its forces.
    assert foreign_roles("Turkish security forces neutralized 11 fighters in northern Iraq, the ministry said.") == [
        ("Turkish Armed Forces", "perpetrator")
    ]
    assert foreign_roles("Turkish forces are carrying out aerial bombardment of the area, a news outlet reported.") == [
        ("Turkish Armed Forces", "perpetrator")
    ]


def test_a_claim_in_a_statement_past_an_aside_endorsing_or_claiming_first_and_drones_from_a_group():
    for text in (
        "The Islamic Resistance in Iraq, an umbrella of militias, in a statement published on its Telegram channel "
        "claimed responsibility for the attack on the base.",
        'A group called the "Islamic Resistance in Iraq" has endorsed Tuesday\'s attack on the base.',
        "Claiming responsibility for the attack, a group named the Islamic Resistance in Iraq stated that the drone "
        "struck the base.",
        "The airport was again attacked on Thursday evening by drones from the Islamic Resistance in Iraq.",
        "The base was subjected to a missile attack on Saturday by the Islamic Resistance in Iraq.",
    ):
        assert roles(text).get("Islamic Resistance in Iraq") == ["perpetrator"], text


def test_gunmen_named_before_a_group_that_acted_later_are_the_perpetrators():
    proposal = run("Gunmen shot dead two soldiers near the town. Kataib Hezbollah later raided a house there.")
    assert proposal.event_type.perpetrator == "Gunmen"
    # Named after the group that carried it out, they add nothing.
    proposal = run("Kataib Hezbollah fighters attacked the checkpoint, and gunmen killed two soldiers.")
    assert [g.name for g in proposal.groups] == ["Kataib Hezbollah"]


def test_a_force_announcing_that_it_killed_claims_the_attack():
    text = "The U.S. military announced late Wednesday that it had killed two Islamic State suspects."
    assert roles(text) == {"United States Armed Forces": ["perpetrator"]}
    text = "The U.S. military on Wednesday confirmed that it conducted air strikes on camps in the desert."
    assert roles(text) == {"United States Armed Forces": ["perpetrator"]}


def test_a_state_force_reporting_an_armed_groups_dead_killed_them_when_no_one_else_is_named():
    text = "A total of 22 Islamic State militants were killed in an operation near Hama, the Syrian army said."
    assert army_roles(text) == {"Islamic State": ["target"], "Syrian Arab Army": ["perpetrator"]}
    # Where the attackers are named, the force that counts their dead is what they attacked.
    text = "Islamic State gunmen attacked a post near Hama. Three militants were killed, the Syrian army said."
    assert army_roles(text) == {"Islamic State": ["perpetrator"], "Syrian Arab Army": ["target"]}


def test_the_agent_after_a_killing_and_its_time_or_place_is_the_perpetrator():
    for text in (
        "A man was shot dead on Monday by a Syrian regime sniper near Hama.",
        "A man was shot dead near Hama, by a Syrian regime sniper.",
    ):
        assert army_roles(text) == {"Syrian Arab Army": ["perpetrator"]}, text


def test_whose_fire_a_post_came_under_or_was_fired_on_by_is_the_perpetrator():
    for text in (
        "A Syrian army post near Hama came under heavy fire from the Islamic State on Saturday.",
        "A Syrian army checkpoint near Hama was fired on by the Islamic State early Saturday.",
    ):
        assert army_roles(text)["Islamic State"] == ["perpetrator"], text


def test_a_group_that_released_a_video_and_claimed_responsibility_claims_the_attack():
    text = (
        "The Islamic Resistance in Iraq released a video depicting an attack on the Harir base and claimed "
        "responsibility for a drone strike on the airport."
    )
    assert roles(text) == {"Islamic Resistance in Iraq": ["perpetrator"]}


def test_an_attack_involving_a_groups_fighters_is_the_groups_and_its_partners():
    text = "The attack involving extremists from the SDF group and the Kataib Hezbollah took place in Idlib."
    assert roles(text) == {"Syrian Democratic Forces": ["perpetrator"], "Kataib Hezbollah": ["perpetrator"]}


def test_forces_that_pounded_a_place_and_a_states_armed_drone_are_perpetrators():
    lexicon = Lexicon(
        groups=[
            GroupEntry(1, "Turkish Armed Forces", ("Turkish forces", "Turkish military"), "", "TAF", "state_force"),
            GroupEntry(2, "Kurdistan Workers' Party", ("PKK",), "", "PKK", "non_state"),
        ]
    )
    for text in (
        "Turkish artillery pounded suspected PKK positions near Duhok on Sunday.",
        "A Turkish armed drone targeted a house in the village on Monday.",
    ):
        found = extract(f"date 2024-12-09\n{text}", lexicon)
        assert [(g.name, [r.role for r in g.roles]) for g in found.groups][0] == (
            "Turkish Armed Forces",
            ["perpetrator"],
        ), text


def test_fighters_of_a_group_described_by_a_which_clause_who_infiltrated_a_post_attacked_it():
    text = (
        "Fighters of the Kataib Hezbollah (KH) group, which dominates the area, infiltrated an army position on Friday."
    )
    assert roles(text) == {"Kataib Hezbollah": ["perpetrator"]}


def test_a_group_that_says_it_dismantled_a_cell_or_launched_a_security_operation_carried_it_out():
    assert roles("The SDF said it dismantled a Kataib Hezbollah cell near Dhiban, killing three members.") == {
        "Syrian Democratic Forces": ["perpetrator"],
        "Kataib Hezbollah": ["target"],
    }
    # A security or military operation is an attack; a search operation or an investigation is not.
    assert roles("U.S. forces launched a security operation near Qaim, killing two gunmen.") == {
        "United States Armed Forces": ["perpetrator"]
    }
    assert roles("U.S. forces launched a search operation near Qaim after the blast.") == {
        "United States Armed Forces": []
    }


def test_a_bomb_a_group_planted_and_an_attack_it_orchestrated_are_its():
    assert roles("Two SDF members were killed by a bomb that Kataib Hezbollah militants had planted in their car.") == {
        "Syrian Democratic Forces": ["target"],
        "Kataib Hezbollah": ["perpetrator"],
    }
    text = (
        "A member of the SDF was killed and another wounded in an attack orchestrated by Kataib Hezbollah militants, "
        "marking an escalation of violence in the region."
    )
    assert roles(text) == {"Syrian Democratic Forces": ["target"], "Kataib Hezbollah": ["perpetrator"]}


def test_a_group_described_by_a_participle_or_named_in_quotation_marks_claims_its_attack():
    text = (
        'Shafaq News / "The Islamic Resistance in Iraq," comprising armed Shiite factions, announced on Friday that it '
        "launched a new drone attack targeting the Ain al-Assad airbase."
    )
    assert roles(text) == {"Islamic Resistance in Iraq": ["perpetrator"]}


def test_a_time_clause_opening_the_sentence_ends_at_its_comma():
    text = "A mere hours after the cabinet approved a truce, the United States conducted airstrikes on Al-Qaim."
    assert state_roles(text) == [("United States Armed Forces", "perpetrator")]
    # A reply to earlier attacks is not a time clause: its sentence stays background.
    assert state_roles("In response to these attacks, the United States has conducted several strikes in Iraq.") == []


def test_a_state_said_on_a_day_that_it_struck_or_strikes_launched_by_it_somewhere():
    text = "The US military said Saturday it had killed a senior member of Hurras al-Din in an airstrike."
    assert ("United States Armed Forces", "perpetrator") in state_roles(text)
    text = 'Air strikes in eastern Syria "likely" launched by the United States on Saturday killed 19 fighters.'
    assert state_roles(text) == [("United States Armed Forces", "perpetrator")]


def test_an_attack_by_a_group_described_before_its_name_is_its_own():
    assert roles("Six soldiers were killed in attacks by the jihadist group Kataib Hezbollah on Sunday.") == {
        "Kataib Hezbollah": ["perpetrator"]
    }
