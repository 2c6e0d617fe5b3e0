"""Rules on groups found by name, description or state, each fitting a class of sentences seen in real reports."""

from extraction.extract import extract
from extraction.lexicon import GroupEntry, Lexicon, PlaceEntry, matching_key
from tests.extraction.rules.lexicons import LEXICON, STATES, army_roles, names, roles, run, state_roles


def test_a_group_name_is_found_with_its_last_noun_in_the_other_number():
    assert names(run("An adviser of Iran's Revolutionary Guard was killed in Damascus.")) == [
        "Islamic Revolutionary Guard Corps"
    ]
    # Only a noun that takes a number: "Corps" is not cut to "Corp".
    assert not LEXICON.lookup(matching_key("Islamic Revolutionary Guard Corp"))


def test_a_described_actor_is_found_by_the_other_wordings_of_its_description():
    for phrase in ("Iran-backed militias", "Iranian-backed militia groups", "Iran-linked factions"):
        assert names(run(f"{phrase} have attacked the base more than 150 times.")) == [
            "Iran-aligned militias (unidentified)"
        ], phrase
    assert names(run("Russian-backed militias shelled the town.")) == []


def test_joined_nationalities_before_a_military_noun_name_both_forces():
    assert roles("There was a drone attack against U.S. and Coalition forces at the base.") == {
        "United States Armed Forces": ["target"]
    }


def test_a_forces_abbreviation_before_a_civil_noun_names_the_country_not_its_forces():
    lexicon = Lexicon(groups=[GroupEntry(7, "United States Armed Forces", ("U.S. forces",), "", "US")])
    text = "date 2024-01-05\nA drone forced a US company to halt work near a US base."
    found = extract(text, lexicon)
    assert [(g.name, [s[0] for s in g.spans]) for g in found.groups] == [
        ("United States Armed Forces", [text.index("US base")])
    ]
    # Named beside the EU as a state that designates a group, or as a backer: the country, not its forces.
    for sentence in (
        "The PKK is listed as a terrorist organisation by Turkey, the US and the EU.",
        "Turkey, the US, and the EU classify the PKK as a terrorist organization.",
        "Kurdish fighters with US backing repelled the Islamic State siege.",
    ):
        assert extract(f"date 2024-01-05\n{sentence}", lexicon).groups == [], sentence


def test_a_states_regime_or_government_soldiers_are_its_forces():
    assert state_roles("Nine Syrian regime soldiers were killed in the ambush.") == [("Syrian Arab Army", "target")]
    assert state_roles("Syrian government forces shelled the village.") == [("Syrian Arab Army", "perpetrator")]


def test_other_wordings_of_a_described_actor_and_a_state_blamed():
    for phrase in ("pro-Iran militants", "pro-Iranian militia groups", "Iran-backed groups", "Iran-backed forces"):
        assert names(run(f"The base was attacked by {phrase} on Friday.")) == [
            "Iran-aligned militias (unidentified)"
        ], phrase
    lexicon = Lexicon(groups=[GroupEntry(1, "Turkish Armed Forces", ("Turkish forces",))])
    proposal = extract("date 2024-01-05\nA drone killed two men near Chwarta. Turkey has been blamed for it.", lexicon)
    assert [(g.name, [(r.role, r.attribution) for r in g.roles]) for g in proposal.groups] == [
        ("Turkish Armed Forces", [("perpetrator", "attributed")])
    ]
    proposal = extract("date 2024-01-05\nTurkey said it would respond to the attack.", lexicon)
    assert proposal.groups == []
    # Blamed on the state's proxies: not on its forces.
    proposal = extract("date 2024-01-05\nThe attack was blamed on Turkey-backed factions.", lexicon)
    assert proposal.groups == []


def test_forces_named_by_their_allegiance_are_the_army_of_the_reports_country():
    text = "Seventeen pro-government soldiers were killed in an attack in the desert east of Hama."
    assert army_roles(text) == {"Syrian Arab Army": ["target"]}
    # The army had ceased to be when the report was published: no army is guessed.
    assert army_roles(text, "2025-03-01") == {}
    # Nor in a report of late December 2024, after Assad fell: the government's forces were then the new rulers'.
    assert army_roles(text, "2024-12-26") == {}
    # A nationality names the forces itself.
    assert "Syrian Arab Army" not in army_roles("Israeli government forces struck a depot near Hama.")
    # Iraq's "government forces" are its security forces as a whole.
    iraq = Lexicon(
        places=[PlaceEntry(1, "Kirkuk", "populated_place", "IQ", "Iraq", "IQ-KI", "Kirkuk", 35.47, 44.39, 600_000)],
        groups=[
            GroupEntry(1, "Iraqi Army", ("Iraqi army",), "", "", "state_force"),
            GroupEntry(2, "Iraqi Security Forces", ("Iraqi security forces",), "", "ISF", "state_force"),
        ],
    )
    found = extract("date 2024-10-02\nGunmen attacked government forces near Kirkuk.", iraq)
    assert [g.name for g in found.groups] == ["Iraqi Security Forces", "Gunmen"]


def test_iraqs_police_named_by_what_they_are_are_its_security_forces():
    iraq = Lexicon(
        places=[PlaceEntry(1, "Kirkuk", "populated_place", "IQ", "Iraq", "IQ-KI", "Kirkuk", 35.47, 44.39, 600_000)],
        groups=[GroupEntry(2, "Iraqi Security Forces", ("Iraqi security forces",), "", "ISF", "state_force")],
    )
    found = extract("date 2025-12-19\nGunmen killed a police officer in Kirkuk on Friday.", iraq)
    assert {g.name: [r.role for r in g.roles] for g in found.groups}["Iraqi Security Forces"] == ["target"]
    # Syria's police are not Iraq's.
    syria = Lexicon(
        places=[PlaceEntry(1, "Homs", "populated_place", "SY", "Syria", "SY-HI", "Homs", 34.73, 36.72, 700_000)],
        groups=iraq.groups,
    )
    found = extract("date 2025-12-19\nGunmen killed a police officer in Homs on Friday.", syria)
    assert "Iraqi Security Forces" not in [g.name for g in found.groups]


def test_syrias_soldiers_named_by_what_they_are_are_its_army_unless_another_states_are_named():
    text = "An Israeli attack near Hama killed one soldier and wounded 7 others, state media reported."
    assert army_roles(text) == {"Israel Defense Forces": ["perpetrator"], "Syrian Arab Army": ["target"]}
    # A report that names U.S. troops or Turkish soldiers may mean those by "soldiers".
    text = "U.S. troops are based near Hama. A drone attack there wounded two soldiers."
    assert "Syrian Arab Army" not in army_roles(text)
    text = "Rockets hit a U.S. base near Hama, wounding three soldiers."
    assert "Syrian Arab Army" not in army_roles(text)


def test_a_nationality_before_a_military_noun_looks_up_that_noun_first():
    lexicon = Lexicon(
        groups=[
            GroupEntry(1, "Iraqi Army", ("Iraqi military", "Iraqi soldiers")),
            GroupEntry(2, "Iraqi Security Forces", ("Iraqi forces",)),
        ]
    )
    proposal = extract("date 2024-02-08\nIraqi special forces were put on high alert.", lexicon)
    assert [g.name for g in proposal.groups] == ["Iraqi Security Forces"]


def test_the_patrons_adjective_alone_describes_a_militia():
    assert names(run("Syrians working with the Iranian militias were killed.")) == [
        "Iran-aligned militias (unidentified)"
    ]
    assert names(run("Clashes broke out between police and pro-Iran gunmen.")) == [
        "Iran-aligned militias (unidentified)"
    ]


def test_a_patrons_description_may_qualify_its_noun():
    for wording in (
        "Iran-backed Shiite paramilitary groups",
        "Iranian-supported Iraqi armed factions",
        "Iran-sponsored proxies",
    ):
        assert names(run(f"A faction of {wording} claimed the attack.")) == ["Iran-aligned militias (unidentified)"]


def test_a_states_jets_are_its_air_force_and_a_staged_raid_is_the_stagers():
    lexicon = Lexicon(
        groups=[
            GroupEntry(1, "Iraqi Army", ("Iraqi army",)),
            GroupEntry(2, "Iraqi Air Force", ("Iraqi air force",)),
            GroupEntry(3, "Islamic State", (), "", "IS"),
        ]
    )
    found = extract("date 2025-10-09\nIraqi fighter jets killed three IS militants in Wadi al-Shay.", lexicon)
    assert {g.name: [r.role for r in g.roles] for g in found.groups} == {
        "Iraqi Air Force": ["perpetrator"],
        "Islamic State": ["target"],
    }
    found = extract("date 2025-10-09\nIraqi aviation bombed the group's hideouts in the desert.", lexicon)
    assert [g.name for g in found.groups] == ["Iraqi Air Force"]
    found = extract("date 2025-10-09\nThree died when Iraqi airplanes attacked a hideout near Hit.", lexicon)
    assert [(g.name, [r.role for r in g.roles]) for g in found.groups] == [("Iraqi Air Force", ["perpetrator"])]
    assert [m.means for m in found.means] == ["air_strike"]
    found = extract("date 2025-10-09\nAn Iraqi airstrike destroyed an IS hideout in the Hamrin mountains.", lexicon)
    assert [g.name for g in found.groups] == ["Iraqi Air Force", "Islamic State"]
    assert roles("The SDF staged a raid targeting suspected cells in the desert.") == {
        "Syrian Democratic Forces": ["perpetrator"]
    }


def test_a_nations_officials_are_not_its_forces_and_a_denied_report_names_no_perpetrator():
    assert state_roles("US officials said a drone hit the base, according to Syrian officials.") == []
    assert [g.name for g in extract("date 2024-01-05\nUS officials said a drone hit the base.", STATES).groups] == []
    assert (
        state_roles("CENTCOM was quick to deny earlier reports that US forces were behind the blast at the base.") == []
    )
    assert state_roles("Officials said US forces were behind the blast at the base.") == [
        ("United States Armed Forces", "perpetrator")
    ]


def test_a_command_that_only_speaks_is_no_party():
    lexicon = Lexicon(
        groups=[
            GroupEntry(1, "United States Central Command", ("CENTCOM", "US Central Command")),
            GroupEntry(2, "Kataib Hezbollah", ("Kata'ib Hezbollah",)),
        ]
    )
    found = extract("date 2024-02-08\nA drone strike killed a Kataib Hezbollah commander, CENTCOM said.", lexicon)
    assert [g.name for g in found.groups] == ["Kataib Hezbollah"]
    found = extract("date 2024-02-08\nCENTCOM forces struck a Kataib Hezbollah base on Tuesday.", lexicon)
    assert [g.name for g in found.groups] == ["United States Central Command", "Kataib Hezbollah"]


def test_a_patrons_militias_named_in_a_list_or_by_their_tie():
    for phrase in (
        "Iranian and Lebanese militias",
        "Iran and other Shiite militias",
        "groups closely associated with Iran",
    ):
        assert names(run(f"The strike hit positions of {phrase} near Damascus.")) == [
            "Iran-aligned militias (unidentified)"
        ], phrase


def test_a_capital_suspected_of_being_behind_the_attack_stands_for_its_forces():
    lexicon = Lexicon(groups=[GroupEntry(1, "Turkish Armed Forces", ("Turkish forces", "Turkish military"))])
    found = extract("date 2023-04-08\nWestern officials said they suspect Ankara was behind the attack.", lexicon)
    assert [(g.name, [r.role for r in g.roles]) for g in found.groups] == [("Turkish Armed Forces", ["perpetrator"])]


def test_a_name_before_a_known_group_in_brackets_is_that_group():
    proposal = run("The People's Defence Forces (PKK) announced that two of its fighters were killed.")
    assert names(proposal) == ["Kurdistan Workers' Party"]
    assert len(proposal.groups[0].spans) == 2
    # An unknown name in brackets leaves the name before it a new group.
    assert "Internal Security Forces" in names(run("The Internal Security Forces (ISF) said two were killed."))


def test_a_state_carrying_out_strikes_is_its_forces_as_perpetrator():
    proposal = run("The United States carried out airstrikes on militia facilities in Iraq, officials said.")
    assert [(g.name, [r.role for r in g.roles]) for g in proposal.groups] == [
        ("United States Armed Forces", ["perpetrator"])
    ]
    # A campaign launched long before is background, not this attack.
    assert names(run("The United States launched Operation Inherent Resolve in 2014.")) == []


def test_a_tashkil_is_a_group_and_a_french_agency_is_no_person():
    proposal = run(
        "Tashkil al-Waritheen, an Iranian-backed militia group, claimed responsibility for the attack, "
        "Agence France-Presse reported."
    )
    assert [(g.name, g.new, [r.role for r in g.roles]) for g in proposal.groups] == [
        ("Tashkil al-Waritheen", True, ["perpetrator"])
    ]
    assert proposal.people == []


TWO_ARMIES = Lexicon(
    groups=[
        GroupEntry(
            1, "Syrian Arab Army", ("Syrian army", "Syrian government forces"), kind="state_force", active_to=2024
        ),
        GroupEntry(
            2,
            "Syrian Army",
            ("Syrian army", "Syrian government forces", "new Syrian army"),
            kind="state_force",
            active_from=2025,
        ),
    ]
)


def test_a_name_two_armies_bore_in_turn_is_the_one_of_the_reports_year():
    def armies(text: str, published: str) -> list[str]:
        return [group.name for group in extract(f"date {published}\n{text}", TWO_ARMIES).groups]

    assert armies("The Syrian army shelled the village.", "2023-05-01") == ["Syrian Arab Army"]
    assert armies("Syrian government forces shelled the village.", "2025-05-01") == ["Syrian Army"]
    # No group is named before it was formed: the old army alone stands for its names, and the new one's own
    # name means nothing yet.
    assert armies("The new Syrian army was not yet formed; the Syrian army held Homs.", "2023-05-01") == [
        "Syrian Arab Army"
    ]
    # Assad's army, named by its ruler, while he ruled.
    assert armies("A bomb hit a vehicle belonging to Assad's militia near Nawa.", "2023-11-15") == ["Syrian Arab Army"]
    assert armies("Assad regime forces once held the town.", "2025-03-01") == []


def test_a_state_an_attack_is_attributed_to_stands_for_its_forces():
    lexicon = Lexicon(groups=[GroupEntry(1, "Israel Defense Forces", ("Israeli forces", "Israeli military"))])
    found = extract("date 2023-12-25\nThe air attack near Damascus has been attributed to Israel.", lexicon)
    assert [(g.name, [r.role for r in g.roles]) for g in found.groups] == [("Israel Defense Forces", ["perpetrator"])]


def test_syrian_security_forces_after_assad_fell_are_the_general_security():
    lexicon = Lexicon(groups=[GroupEntry(1, "General Security Service", ("General Security",), kind="state_force")])

    def found(text, published):
        return [g.name for g in extract(f"date {published}\n{text}", lexicon).groups]

    text = "Syrian security forces carried out an operation against an Islamic State cell near Aleppo."
    assert found(text, "2025-05-18") == ["General Security Service"]
    assert found("Syria's internal security forces were ambushed near Tartus.", "2025-08-19") == [
        "General Security Service"
    ]
    # Before Assad fell the words named his regime's forces, not the General Security.
    assert found(text, "2023-05-18") == []


def test_syrias_interior_forces_named_by_what_they_are_after_assad_fell_are_the_general_security():
    lexicon = Lexicon(
        places=[PlaceEntry(1, "Homs", "populated_place", "SY", "Syria", "SY-HI", "Homs", 34.73, 36.72, 700_000)],
        groups=[GroupEntry(1, "General Security Service", ("General Security",), kind="state_force")],
    )

    def found(text):
        return [g.name for g in extract(f"date 2025-09-04\n{text}", lexicon).groups]

    for text in (
        "A car bomb in Homs targeted a vehicle belonging to a member of the Internal Security Forces.",
        "Fourteen interior ministry personnel were killed in an ambush near Homs.",
        "A domestic security forces member was killed in Homs.",
    ):
        assert found(text) == ["General Security Service"], text
    # In the Kurdish northeast the Internal Security Forces are the Asayish.
    assert "General Security Service" not in found("Kurdish Internal Security Forces manned a checkpoint near Homs.")


def test_a_nationality_in_quotation_marks_still_names_its_forces():
    assert army_roles("At least one civilian was killed after “Israeli” aircraft struck a home near Hama.") == {
        "Israel Defense Forces": ["perpetrator"]
    }


def test_a_states_occupation_forces_are_its_forces():
    assert army_roles("Israeli occupation forces shelled a village near Hama on Monday.") == {
        "Israel Defense Forces": ["perpetrator"]
    }


def test_a_states_air_defense_is_its_forces():
    found = extract("date 2023-02-19\nThe Syrian air defense intercepted most of the missiles over Damascus.", STATES)
    assert [g.name for g in found.groups] == ["Syrian Arab Army"]
    found = extract("date 2023-02-19\nSyrian air defenses confronted the attack.", STATES)
    assert [g.name for g in found.groups] == ["Syrian Arab Army"]


def test_the_country_a_report_is_about_is_not_its_datelines():
    lexicon = Lexicon(
        places=[
            PlaceEntry(1, "Erbil", "populated_place", "IQ", "Iraq", "IQ-AR", "Erbil", 36.19, 44.01, 900_000),
            PlaceEntry(2, "Hama", "populated_place", "SY", "Syria", "SY-HM", "Hama", 35.13, 36.76, 460_000),
        ],
        groups=[
            GroupEntry(1, "Syrian Arab Army", ("Syrian army",), "", "SAA", "state_force", 2024),
            GroupEntry(2, "Iraqi Security Forces", ("Iraqi security forces",), "", "ISF", "state_force"),
        ],
    )
    found = extract(
        "date 2023-10-29\nERBIL (Kurdistan 24) – Gunmen attacked villages near Hama under cover of regime forces.",
        lexicon,
    )
    assert [g.name for g in found.groups if g.matched] == ["Syrian Arab Army"]


WAR_SIDES = Lexicon(
    groups=[
        GroupEntry(1, "Hamas", kind="non_state"),
        GroupEntry(2, "Israel Defense Forces", ("Israeli military",), "", "IDF", "state_force"),
    ]
)


def test_a_side_of_a_war_named_as_one_word_is_a_group_with_no_part():
    found = extract(
        "date 2024-02-21\nThe Israeli military struck a residential area of Damascus on Wednesday, killing two people, "
        "the latest attack as hostilities increase since the start of the Israel-Hamas war in Gaza.",
        WAR_SIDES,
    )
    assert [(g.name, [r.role for r in g.roles]) for g in found.groups] == [
        ("Israel Defense Forces", ["perpetrator"]),
        ("Hamas", []),
    ]
    assert found.event_type.target == ""


def test_a_state_that_also_carried_out_strikes_or_killed_someone_is_its_forces():
    text = "The United States has also carried out hundreds of airstrikes in Syria since 2014."
    assert names(run(text)) == ["United States Armed Forces"]
    text = "A pro-Iran commander was assassinated by the United States in Baghdad last month, officials said."
    assert names(run(text)) == ["United States Armed Forces"]


def test_a_places_military_council_is_a_new_group():
    assert names(run("The forces of the Manbij Military Council thwarted an infiltration attempt.")) == [
        "Manbij Military Council"
    ]


def test_a_group_shaped_name_of_a_body_that_does_not_fight_is_no_group():
    for body in ("SITE Intelligence Group", "Hengaw Human Rights Organization", "ISWNews Analysis Group"):
        assert names(run(f"The attack was reported by the {body} on Monday.")) == [], body


def test_a_group_shaped_name_does_not_reach_across_a_line():
    assert names(run("ANKARA\n\nThe National Intelligence Organization killed two PKK members.")) == [
        "National Intelligence Organization",
        "Kurdistan Workers' Party",
    ]
