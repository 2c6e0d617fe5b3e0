"""Rules that fit a class of sentences seen in real reports, each with a sentence of its own."""

from extraction.extract import extract
from extraction.lexicon import GroupEntry, Lexicon, PlaceEntry, matching_key, skeleton

LEXICON = Lexicon(
    groups=[
        GroupEntry(1, "Islamic Revolutionary Guard Corps", ("Revolutionary Guards",), "", "IRGC", kind="state_force"),
        GroupEntry(2, "Iran-aligned militias (unidentified)", ("Iran-aligned militants",), kind="unidentified"),
        GroupEntry(3, "Kurdistan Workers' Party", ("Kurdistan Workers Party",), "", "PKK"),
        GroupEntry(4, "Kataib Hezbollah", ("Kata'ib Hezbollah",), "", "KH"),
        GroupEntry(5, "Islamic Resistance in Iraq"),
        GroupEntry(6, "Syrian Democratic Forces", (), "", "SDF"),
        GroupEntry(7, "United States Armed Forces", ("U.S. forces", "U.S. military")),
    ]
)


def run(text: str, published: str = "2024-01-05"):
    return extract(f"date {published}\n{text}", LEXICON)


def names(proposal) -> list[str]:
    return [group.name for group in proposal.groups]


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


def test_the_noun_of_a_figure_decides_its_category_before_a_group_name():
    claims = run("Turkish drones killed three Kurdistan Workers' Party militants near Duhok.").casualty_claims
    assert [(c.category, c.min) for c in claims] == [("combatants", 3)]
    claims = run("Two Kurdistan Workers' Party members were killed near Duhok.").casualty_claims
    assert [c.category for c in claims] == ["combatants"]
    claims = run("Three army officers were killed.").casualty_claims
    assert [c.category for c in claims] == ["security_forces"]
    claims = run("Two civilian workers were killed in the strike.").casualty_claims
    assert [c.category for c in claims] == ["civilians"]


def test_a_war_tally_is_an_earlier_event():
    claims = run("Scores of its members have been killed during the war, and 40 more in the past year.").casualty_claims
    assert claims and all(c.earlier_event for c in claims)
    claims = run("Hundreds of people were killed over the past two years of fighting.").casualty_claims
    assert claims and all(c.earlier_event for c in claims)
    claims = run("The strike killed four people on Tuesday.").casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(4, False)]


def test_a_background_sentence_on_a_war_or_a_groups_record_is_a_tally():
    for sentence in (
        "Militants were reacting to the assault on the city, which has resulted in the deaths of 900 people.",
        "In its 30-year armed campaign, the group has been responsible for the deaths of more than 5,000 people.",
    ):
        claims = run(f"A drone killed two fighters near Duhok on Tuesday. {sentence}").casualty_claims
        assert [(c.min, c.earlier_event) for c in claims][0] == (2, False), sentence
        assert claims[1:] and all(c.earlier_event for c in claims[1:]), sentence


def figures(text: str) -> list[tuple]:
    return [(c.outcome, c.category, c.min, c.max) for c in run(text).casualty_claims]


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


def test_advisers_are_security_forces_and_one_adviser_is_a_person():
    assert figures("An Israeli strike killed four Iranian military advisers in Damascus.") == [
        ("killed", "security_forces", 4, 4)
    ]
    assert figures("The strike killed a senior adviser.") == []


def people(text: str) -> list[str]:
    return [person.name for person in run(text).people]


def test_every_name_of_a_list_after_identified_as_is_a_person():
    assert people("Iranian media identified the dead as Saeed Abyar, Panah Taghizadeh and Mohammad Amin Samadi.") == [
        "Saeed Abyar",
        "Panah Taghizadeh",
        "Mohammad Amin Samadi",
    ]
    assert people("The group named the two members as Hussein Jawad and Karrar Abdul Amir.") == [
        "Hussein Jawad",
        "Karrar Abdul Amir",
    ]
    # The list ends where a lower-case word comes: later names need evidence of their own.
    assert people("Police identified him as Ahmed Saleh, but Omar Khalid Hassan was not there.") == ["Ahmed Saleh"]


def test_a_bare_article_and_one_word_is_an_outlet_not_a_person():
    assert people("Al Jazeera reported that five people were killed.") == []
    assert people("Al Mayadeen said the strike hit a car.") == []


def test_a_vague_amount_joined_to_a_figure_leaves_the_figure():
    assert figures("The attack wounded an unspecified number of U.S. personnel and one Iraqi service member.") == [
        ("injured", "security_forces", 1, 1)
    ]
    assert figures("The shelling killed an unknown number of fighters.") == []


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


def test_a_raised_total_after_the_figure_is_the_tally_not_the_figure():
    claims = run("Officials said three fighters had been killed, raising the toll since January to 40.").casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(3, False), (40, True)]


def test_a_source_named_after_its_verb():
    claims = run("The drone strike killed four people, said Ali Hassan, the head of the local council.").casualty_claims
    # The head of a body speaks for it: the body is the source, the person who spoke is kept beside it.
    assert [(c.min, c.claimant, c.claimant_person) for c in claims] == [(4, "local council", "Ali Hassan")]
    claims = run("The strike killed two people, said the ministry.").casualty_claims
    assert [(c.min, c.claimant) for c in claims] == [(2, "the ministry")]


def roles(text: str) -> dict[str, list[str]]:
    return {group.name: [role.role for role in group.roles] for group in run(text).groups}


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
    # Whose a town is says nothing of a strike.
    assert roles("The town, controlled by Kataib Hezbollah since 2014, was quiet.") == {"Kataib Hezbollah": []}


def test_a_group_saying_it_or_its_fighters_attacked_claims_it():
    for text in (
        "The Islamic Resistance in Iraq said in a statement that it had targeted the base with drones.",
        "The Islamic Resistance in Iraq said its fighters attacked the base with drones.",
    ):
        assert roles(text) == {"Islamic Resistance in Iraq": ["perpetrator"]}, text


def test_joined_nationalities_before_a_military_noun_name_both_forces():
    assert roles("There was a drone attack against U.S. and Coalition forces at the base.") == {
        "United States Armed Forces": ["target"]
    }


GAZETTEER = Lexicon(
    places=[
        PlaceEntry(1, "Al Qāmishlī", "populated_place", "SY", "Syria", "SY-HA", "Al Hasakah", 37.05, 41.23, 184_000),
        PlaceEntry(2, "Qadsayyā", "populated_place", "SY", "Syria", "SY-RD", "Rif Dimashq", 33.53, 36.23, 33_000),
        PlaceEntry(3, "Maḩmūdīyah", "populated_place", "IQ", "Iraq", "IQ-BG", "Baghdad", 33.06, 44.36, 5_000),
        PlaceEntry(4, "Ali Air Base", "military_base", "IQ", "Iraq", "IQ-DQ", "Dhi Qar", 30.94, 46.09),
        PlaceEntry(5, "Al Ḩawl", "populated_place", "SY", "Syria", "SY-HA", "Al Hasakah", 36.39, 41.15, 0, ("El Hol",)),
        PlaceEntry(6, "Tall Rif‘at", "populated_place", "SY", "Syria", "SY-HL", "Aleppo", 36.47, 37.09, 25_658),
        PlaceEntry(7, "Mexmur", "populated_place", "IQ", "Iraq", "IQ-AR", "Erbil", 35.78, 43.58, 0, ("Makhmur",)),
        PlaceEntry(8, "Ankara", "populated_place", "TR", "Turkey", "", "", 39.92, 32.85, 3_517_182),
        PlaceEntry(9, "Gaza", "populated_place", "PS", "Palestine", "", "", 31.5, 34.47, 410_000),
    ]
)


def places(text: str) -> list[tuple[str, bool]]:
    return [(place.name, place.matched) for place in extract(f"date 2024-01-05\n{text}", GAZETTEER).places]


def test_a_place_spelled_otherwise_is_found_by_its_consonants():
    assert skeleton("Qamishlo") == skeleton("Al Qāmishlī") == "qmshl"
    assert skeleton("Sulaimani") == skeleton("Sulaymaniyah") == "slmn"
    assert places("A Turkish drone struck a car in Qamishlo on Friday.") == [("Al Qāmishlī", True)]
    assert places("Strikes hit buildings in Mazzeh and Qudsaya area.") == [("Qadsayyā", True)]


def test_a_consonant_match_needs_a_place_word_and_stands_alone():
    # No "in", "near"... before it nor "area" after it: a name, not a place.
    assert places("Qamishlo residents said the strike hit a car.") == []
    # Followed by another capitalised word: part of a person's name.
    assert places("The strike killed the son of Mahmudiya Hassan.") == []
    assert places("A car was struck in Mahmudiya, south of the capital.") == [("Maḩmūdīyah", True)]


def test_a_sites_bare_name_inside_a_longer_name_is_not_the_site():
    assert places("Fighters of Haidar Ali Mohsen attacked the post.") == []
    assert places("The strike hit the Imam Ali shrine.") == []
    assert ("Ali Air Base", True) not in places("A bomb exploded near the Ali Baba market.")
    assert places("Rockets landed near Ali on Tuesday.") == [("Ali Air Base", True)]


def test_a_short_name_keeps_its_case_but_not_its_article():
    assert matching_key("A`zaz") == matching_key("Azaz") and matching_key("Tall Rif‘at") == "tall rifat"
    assert places("Families were held in the al-Hol camp.") == [("Al Ḩawl", True)]
    assert places("A rocket did not hit hol or anything.") == []


def test_a_consonant_match_after_another_place_or_before_a_camp():
    assert places("The drone struck the road between Qamishlo and Tel Rifaat.") == [
        ("Al Qāmishlī", True),
        ("Tall Rif‘at", True),
    ]
    assert places("Two fighters were killed in the Makhmour refugee camp.") == [("Mexmur", True)]


def test_a_city_abroad_is_a_place_only_where_a_country_would_be():
    assert places("Israel began its operation in Gaza in October.") == [("Gaza", True)]
    assert places("The group claimed the Ankara bombing.") == [("Ankara", True)]
    assert places("Officials suspect Ankara was behind the attack.") == []
    assert places("Strikes intensified since the Gaza war erupted.") == []


def test_one_person_another_and_lives_are_figures():
    assert figures("One person was killed and two were wounded.") == [("killed", "all", 1, 1), ("injured", "all", 2, 2)]
    assert figures("Two soldiers were killed and another was wounded.") == [
        ("killed", "security_forces", 2, 2),
        ("injured", "security_forces", 1, 1),
    ]
    claims = run("The bombing claimed the lives of six people.").casualty_claims
    assert [(c.outcome, c.min, c.claimant) for c in claims] == [("killed", 6, "")]


def test_what_befalls_a_name_marks_a_person():
    assert people("Mohammed Reza Zahedi was among those killed.") == ["Mohammed Reza Zahedi"]
    assert people("Hussein Jawad Kadhim was assassinated outside his home.") == ["Hussein Jawad Kadhim"]
    assert people("Camp Victory was attacked.") == []


def test_a_role_with_a_possessive_before_a_name_marks_a_person():
    proposal = run("The strike killed Brig. Gen. Mohammad Reza Zahedi and his deputy Mohammad Hadi Haji Rahimi.")
    assert [(p.name, p.role) for p in proposal.people] == [
        ("Mohammad Reza Zahedi", "Brig. Gen."),
        ("Mohammad Hadi Haji Rahimi", "his deputy"),
    ]


def test_a_byname_after_known_as_is_the_same_person():
    proposal = run("The drone targeted Talib al-Saedi, also known as Abu Taqwa, near Baghdad.")
    assert [p.name for p in proposal.people] == ["Talib al-Saedi"]
    assert len(proposal.people[0].spans) == 2


def test_a_person_joined_to_a_figure_counts_in_it():
    assert figures("The strike killed a commander and two of his companions.") == [("killed", "combatants", 3, 3)]
    assert figures("The strike killed a senior commander.") == []


def test_a_figure_may_open_a_quotation_after_its_verb():
    text = 'The monitor said militants attacked a bus, killing "23 soldiers and wounding more than 10 others".'
    assert figures(text) == [("killed", "security_forces", 23, 23), ("injured", "security_forces", 11, None)]


def test_a_place_noun_with_of_makes_a_place_whatever_comes_before():
    assert places("Kirkuk is claimed by the autonomous northern region of Kurdistan.") == [("Kurdistan", False)]
    assert places("The strikes hit the outskirts of the town of Tel Abyad.") == [("Tel Abyad", False)]
    assert places("The region of The Levant was named.") == []


def _claims(text: str) -> list[tuple]:
    return [(c.outcome, c.category, c.min, c.max, c.earlier_event, c.claimant) for c in run(text).casualty_claims]


def test_an_ordinal_after_a_figure_is_one_more_person():
    assert [c[:5] for c in _claims('"Two policemen were killed and a third was wounded," the official said.')] == [
        ("killed", "security_forces", 2, 2, False),
        ("injured", "security_forces", 1, 1, False),
    ]


def test_a_strike_that_did_not_cause_casualties_harmed_no_one():
    assert _claims("The rockets did not cause any casualties, the army said.") == [
        ("harmed", "all", 0, 0, False, "the army")
    ]


def test_a_figure_in_a_sentence_dated_before_the_incident_is_an_earlier_event():
    found = _claims("A drone killed three fighters on Thursday. On December 12, another fighter was killed nearby.")
    assert [(outcome, low, earlier) for outcome, _, low, _, earlier, _ in found] == [
        ("killed", 3, False),
        ("killed", 1, True),
    ]


def test_members_of_a_security_body_that_reports_them_are_security_forces():
    found = _claims("The city's police directorate said that four of its members were killed in the ambush.")
    assert found == [("killed", "security_forces", 4, 4, False, "The city's police directorate")]
    # A group's own members stay combatants.
    assert _claims("The militia said that four of its members were killed.")[0][1] == "combatants"


def test_a_dateline_or_a_statement_is_not_part_of_the_claimants_name():
    found = _claims("MOSUL, Nineveh - The provincial council said two farmers were killed by a mine.")
    assert found[0][5] == "The provincial council"
    found = _claims("Five shepherds were wounded, according to a statement from the local council.")
    assert found[0][5] == "the local council"


def test_a_source_named_then_described_is_named_by_its_name():
    proposal = run(
        "Nahr Oil, the Norwegian company, said the blast hit a storage tank.\n\n"
        '"Operations at the affected facility have been suspended," it said.'
    )
    assert [s.speaker for s in proposal.statements] == ["Nahr Oil"]
    # A post with no article, and an adverb before the verb: the name still speaks; "later" is no source.
    claims = run(
        "Brig Gen Karim Saleh, spokesman for the command, later said three soldiers were killed."
    ).casualty_claims
    assert [(c.min, c.claimant_person) for c in claims] == [(3, "Karim Saleh")]
    assert claims[0].claimant != "later"


def test_a_source_named_in_quotation_marks_is_who_they_are():
    proposal = run(
        'The "Islamic Resistance in Iraq" announced on Thursday an attack on a U.S. base.\n\n'
        'In a statement, they said the drone "directly hit its target" near the runway.'
    )
    assert [(s.speaker, s.body) for s in proposal.statements] == [
        ("Islamic Resistance in Iraq", "Islamic Resistance in Iraq")
    ]


def test_a_forces_abbreviation_before_a_civil_noun_names_the_country_not_its_forces():
    lexicon = Lexicon(groups=[GroupEntry(7, "United States Armed Forces", ("U.S. forces",), "", "US")])
    text = "date 2024-01-05\nA drone forced a US company to halt work near a US base."
    found = extract(text, lexicon)
    assert [(g.name, [s[0] for s in g.spans]) for g in found.groups] == [
        ("United States Armed Forces", [text.index("US base")])
    ]


STATES = Lexicon(
    groups=[
        GroupEntry(7, "United States Armed Forces", ("U.S. forces", "US forces", "US military"), "", "US"),
        GroupEntry(8, "Syrian Arab Army", ("Syrian army", "Syrian forces")),
        GroupEntry(5, "Islamic Resistance in Iraq"),
    ]
)


def state_roles(text: str) -> list[tuple[str, str]]:
    found = extract(f"date 2024-01-05\n{text}", STATES)
    return [(group.name, role.role) for group in found.groups for role in group.roles]


def test_a_states_regime_or_government_soldiers_are_its_forces():
    assert state_roles("Nine Syrian regime soldiers were killed in the ambush.") == [("Syrian Arab Army", "target")]
    assert state_roles("Syrian government forces shelled the village.") == [("Syrian Arab Army", "perpetrator")]


def test_a_group_that_asserts_responsibility_claims_the_attack():
    assert state_roles(
        "The Islamic Resistance in Iraq, an alliance of armed factions, asserted responsibility for the drone attack."
    ) == [("Islamic Resistance in Iraq", "perpetrator")]


def test_the_forces_of_a_base_that_came_under_attack_or_that_an_attack_hit_are_its_target():
    assert state_roles("A US base in eastern Syria came under a rocket attack on Sunday.") == [
        ("United States Armed Forces", "target")
    ]
    assert state_roles("A drone struck the Green Village base near the river, where US forces are deployed.") == [
        ("United States Armed Forces", "target")
    ]
    # A base named without an attack is no target.
    assert state_roles("The base, where US forces are deployed, lies in the desert.") == []


def dated(text: str, published: str = "2024-06-24") -> list[tuple[str, str]]:
    return [(d.start, d.role) for d in run(text, published).dates]


def test_a_day_given_with_its_source_is_when_the_source_spoke():
    assert dated(
        "A base came under a drone attack, according to local sources on Sunday. It was hit late Saturday."
    ) == [
        ("2024-06-23", "statement"),
        ("2024-06-22", "incident"),
    ]
    assert dated("The service on Monday announced that two guards were killed on Sunday.") == [
        ("2024-06-24", "statement"),
        ("2024-06-23", "incident"),
    ]


def test_a_day_and_month_looked_ahead_to_is_the_next_one():
    assert dated("Ahead of the elections on May 14, the army is expected to step up its raids.", "2023-05-05") == [
        ("2023-05-14", "other")
    ]
    assert dated("The strike on May 14 killed two.", "2023-05-20") == [("2023-05-14", "incident")]


def test_a_day_of_last_year_and_an_abbreviated_month_without_a_space():
    assert dated(
        "A strike hit Damascus on Wednesday. Strikes have gone on since the war began on October 7 last year.",
        "2024-11-14",
    ) == [("2024-11-13", "incident"), ("2023-10-07", "earlier")]
    assert dated("A strike hit Damascus on Saturday. The war, which erupted on Oct.7, could spread.", "2023-12-03") == [
        ("2023-12-02", "incident"),
        ("2023-10-07", "earlier"),
    ]


def test_a_time_in_us_eastern_time_is_converted_with_daylight_saving():
    summer = run("On August 9 at about 5 p.m. ET, a drone attacked the base.", "2024-08-10").dates[0]
    winter = run("On January 9 at about 5 p.m. ET, a drone attacked the base.", "2024-01-10").dates[0]
    assert (summer.time_utc, winter.time_utc) == ("21:00", "22:00")
    late = run("On August 9 at 9 p.m. EDT, a drone attacked the base.", "2024-08-10").dates[0]
    assert late.time_utc == "01:00" and "the day after" in late.time_note


def test_a_place_before_a_title_is_part_of_the_title():
    people = run("Basra Governor Asaad al-Eidani also condemned the attack.").people
    assert [(p.name, p.title) for p in people] == [("Asaad al-Eidani", "Basra Governor")]


def test_the_ruler_a_regime_is_named_after_is_a_person():
    people = run("The town is held by the Bashar al-Assad regime and its allies.").people
    assert [p.name for p in people] == ["Bashar al-Assad"]


TOWNS = Lexicon(
    places=[
        PlaceEntry(
            11, "Bayjī", "populated_place", "IQ", "Iraq", "IQ-SD", "Salah ad Din", 34.93, 43.49, 200_000, ("Baiji",)
        ),
        PlaceEntry(12, "Tikrit", "populated_place", "IQ", "Iraq", "IQ-SD", "Salah ad Din", 34.6, 43.68, 160_000),
    ]
)


def place_names(text: str) -> list[str]:
    return [p.name for p in extract(f"date 2024-01-05\n{text}", TOWNS).places]


def test_a_road_between_two_towns_names_both():
    assert place_names("Gunmen ambushed a patrol on the Baiji-Tikrit road at night.") == ["Bayjī", "Tikrit"]


def test_a_sites_name_keeps_its_noun_and_a_quarters_does_not():
    assert place_names("A drone hit the Khurmala oil field and the Arbat airport.") == [
        "Khurmala oil field",
        "Arbat airport",
    ]
    assert place_names("Rockets fell on the Gaza Strip and the Zayouna neighborhood.") == ["Gaza Strip", "Zayouna"]


def test_a_statement_read_from_a_title_is_the_person_who_holds_it():
    proposal = run(
        "Deputy Prime Minister Kamal Aziz also denounced the attack.\n\n"
        '"Nothing can excuse such attacks on our forces," read a statement from the deputy PM.'
    )
    assert [(s.speaker, s.speaker_is_person) for s in proposal.statements] == [("Kamal Aziz", True)]


def test_a_quotation_inside_the_reports_own_sentence_is_a_statement_of_its_own():
    proposal = run(
        'The Islamic Resistance in Iraq said it was "resisting the occupation forces in the region." '
        'It tied the attack to the "massacres against our people in Gaza" and vowed more.'
    )
    assert [(s.quote, s.speaker) for s in proposal.statements] == [
        ("resisting the occupation forces in the region.", "Islamic Resistance in Iraq"),
        ("massacres against our people in Gaza", "Islamic Resistance in Iraq"),
    ]


def test_the_group_that_speaks_is_no_states_forces():
    lexicon = Lexicon(
        groups=[
            GroupEntry(5, "Islamic Resistance in Iraq", kind="coalition"),
            GroupEntry(7, "United States Armed Forces", ("US forces",), kind="state_force"),
        ]
    )
    text = (
        "date 2024-01-05\nThe Islamic Resistance in Iraq claimed a drone attack on the base, where US forces are "
        'deployed. The group released a statement vowing to keep "resisting the occupation forces in the region."'
    )
    assert [s.speaker for s in extract(text, lexicon).statements] == ["Islamic Resistance in Iraq"]


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


def test_no_damage_or_casualties_harmed_no_one_and_the_source_follows_the_aside():
    assert _claims("A blast hit the airport, which caused no material damage or casualties, the unit said.") == [
        ("harmed", "all", 0, 0, False, "the unit")
    ]


def test_people_among_the_dead_are_part_of_a_figure_not_one_of_their_own():
    found = _claims("Ten people were killed in the strike, the monitor said. Three students were among the dead.")
    assert [c[:4] for c in found] == [("killed", "all", 10, 10)]


def test_a_group_in_an_including_clause_is_not_the_figures_group():
    found = run("Ten people, including two Kataib Hezbollah fighters, were killed in the strike.").casualty_claims
    assert [(c.category, c.group) for c in found] == [("all", "")]


def test_a_forces_shelling_and_its_soldiers_killed_give_their_roles():
    assert state_roles("Syrian government forces’ shelling of the village killed nine people.") == [
        ("Syrian Arab Army", "perpetrator")
    ]
    assert state_roles("A Syrian army officer and four soldiers were killed in the ambush.") == [
        ("Syrian Arab Army", "target")
    ]
    # What the forces said is not what befell them.
    assert state_roles("The Syrian army said four soldiers were killed near the border.") == []


def test_the_source_after_a_participle_clause_is_who_speaks():
    proposal = run('Police "came under fire near the gate", resulting in several injuries, the ministry added.')
    assert [s.speaker for s in proposal.statements] == ["the ministry"]


def test_the_rules_above_leave_their_look_alikes_alone():
    # Not a date looked ahead to, nor a source's date.
    assert dated("A drone struck a house next to the mosque on June 3, killing two.", "2024-06-10") == [
        ("2024-06-03", "incident")
    ]
    assert dated("According to local sources the strike took place on June 3 near Qaim.", "2024-06-10") == [
        ("2024-06-03", "incident")
    ]
    # Not a target, nor a perpetrator.
    assert state_roles("Syrian government forces launched shells and a house was hit in the town.") == [
        ("Syrian Arab Army", "perpetrator")
    ]
    assert state_roles("Syrian government forces under heavy shelling withdrew from the town.") == []
    # A share is no one person.
    assert _claims("A third of those killed were children, the ministry said.") == []


def test_a_role_set_off_before_a_name_is_the_persons_and_its_last_two_words_name_them_again():
    text = (
        "The director of the Euphrates Observatory for Human Rights, Salim Abdel Karim, told reporters that the "
        "strike hit a farm. Abdel Karim added that the farm was empty."
    )
    people = run(text).people
    assert [(p.name, p.role, p.role_kind, p.body) for p in people] == [
        (
            "Salim Abdel Karim",
            "director of the Euphrates Observatory for Human Rights",
            "other",
            "Euphrates Observatory for Human Rights",
        )
    ]
    assert len(people[0].spans) == 2


def test_the_head_of_a_media_office_is_a_spokesperson():
    people = run("Siamand Ali, head of the YPG media office, denied the reports on Tuesday.").people
    assert [(p.name, p.role_kind) for p in people] == [("Siamand Ali", "spokesperson")]
    people = run("Kawa Rasul, head of the Duhok health directorate, said the strike killed two.").people
    assert [(p.name, p.role_kind) for p in people] == [("Kawa Rasul", "leader")]


def test_the_ruler_a_regime_is_named_after_holds_an_office():
    people = run("Part of the province is under the control of the Bashar al-Assad regime.").people
    assert [(p.name, p.role_kind) for p in people] == [("Bashar al-Assad", "official")]


def test_a_sentence_dated_before_the_incident_gives_no_roles():
    proposal = run(
        "A drone killed two SDF fighters near Qamishli on Tuesday. Last month, Kataib Hezbollah fighters attacked "
        "a base in the area."
    )
    roles = {g.name: [r.role for r in g.roles] for g in proposal.groups}
    assert roles == {"Syrian Democratic Forces": ["target"], "Kataib Hezbollah": []}


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


def test_what_hit_them_after_the_injury_is_this_event():
    proposal = run("Five soldiers were wounded at a base near Kirkuk after two rockets hit the base on Monday.")
    event = proposal.event_type
    assert (event.event_type, event.sub_event_type) == ("remote_violence", "shelling_missile")
    assert [m.means for m in proposal.means] == ["rocket"]
    # An earlier attack after which something happened stays background.
    proposal = run("The base was put on alert after a rocket attack last week.")
    assert proposal.event_type is None


def test_a_body_before_a_title_is_part_of_it_and_a_person_with_no_post_is_other():
    people = run("Syrian Health Minister Musab al-Ali said the hospital was full.").people
    assert [(p.name, p.title, p.role_kind) for p in people] == [("Musab al-Ali", "Syrian Health Minister", "official")]
    people = run("Ahmed Saleh, who lives near the base, told Reuters he heard two blasts.").people
    assert [(p.name, p.role_kind) for p in people] == [("Ahmed Saleh", "other")]
    people = run("Karim Aziz, a member of the powerful Barzani family, was arrested on Tuesday.").people
    assert [(p.name, p.role_kind) for p in people] == [("Karim Aziz", "other")]
    people = run("Duhok court spokesman, judge Salim Aziz, told reporters the warrant was issued.").people
    assert [(p.name, p.role_kind) for p in people] == [("Salim Aziz", "spokesperson")]


def group_roles(text: str) -> dict[str, list[tuple[str, str]]]:
    return {g.name: [(r.role, r.attribution) for r in g.roles] for g in run(text).groups}


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


def test_whose_members_were_killed_and_a_number_of_victims_risen_to_a_figure():
    assert figures("Three members of the security forces in the Kurdistan region were killed and 19 wounded.") == [
        ("killed", "security_forces", 3, 3),
        ("injured", "security_forces", 19, 19),
    ]
    assert figures('"The number of victims in the attack has risen to 20 dead and 52 wounded," the ministry said.') == [
        ("killed", "all", 20, 20),
        ("injured", "all", 52, 52),
    ]


def test_a_speaker_after_a_place_phrase_or_a_time_of_day():
    proposal = run('Two soldiers were "wounded due to an attack" in the Claw-Lock zone, the ministry said.')
    assert [s.speaker for s in proposal.statements] == ["the ministry"]
    statements = run('Late on Monday, officials said that "several U.S. personnel were injured."').statements
    assert [s.speaker for s in statements] == ["officials"]


def test_a_month_of_last_year_and_the_end_year_of_a_span():
    dates = {(d.start, d.end, d.precision) for d in run("The operation began last year in April.").dates}
    assert dates == {("2023-04-01", "2023-04-30", "month")}
    dates = {(d.start, d.precision) for d in run("It held the area in April last year.").dates}
    assert dates == {("2023-04-01", "month")}
    dates = {(d.start, d.precision) for d in run("The group held the town from 2014 to 2017.").dates}
    assert dates == {("2014-01-01", "year"), ("2017-01-01", "year")}


def test_a_suicide_bomber_is_an_explosive_not_an_aircraft_and_old_means_are_not_this_events():
    proposal = run("A suicide bomber blew himself up inside the church on Sunday.")
    assert [m.means for m in proposal.means] == ["ied"]
    proposal = run("A drone struck a car near Qamishli on Thursday. In March 2023, rockets hit the same road.")
    assert [m.means for m in proposal.means] == ["drone"]


def test_the_ministry_that_said_it_is_the_ministry_named_before():
    statements = run(
        'The Turkish National Defence Ministry gave no details. Two soldiers were "wounded in an attack" in the '
        "border zone, the ministry said."
    ).statements
    assert [s.speaker for s in statements] == ["Turkish National Defence Ministry"]


def test_a_source_after_a_clause_and_a_head_named_after_their_body():
    proposal = run('"Two officers were killed" when their car hit a mine, a U.S. military source said on Tuesday.')
    assert [s.speaker for s in proposal.statements] == ["U.S. military source"]
    proposal = run('"Ten people were killed," the head of the Euphrates Observatory, Salim Abdel Karim, told AFP.')
    assert [(s.speaker, s.speaker_is_person) for s in proposal.statements] == [("Salim Abdel Karim", True)]
    proposal = run('"We will respond," a spokesman for Prime Minister Mohammed Shia al-Sudani said.')
    assert [s.speaker_is_person for s in proposal.statements] == [False]


def test_a_groups_fighters_in_an_including_clause_make_it_a_target():
    roles = group_roles("Ten people, including two Kataib Hezbollah fighters, were killed in the strike on Monday.")
    assert roles == {"Kataib Hezbollah": [("target", "confirmed")]}


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


def test_the_source_after_a_day_and_the_leads_officials_give_way_to_the_named_source():
    claims = run("Later on Sunday Kataib Hezbollah confirmed the deaths of five of its members.").casualty_claims
    assert [(c.min, c.claimant) for c in claims] == [(5, "Kataib Hezbollah")]
    claims = run(
        "Two soldiers were killed on Tuesday, officials said. Two soldiers were killed when their vehicle hit a "
        "mine, the army's spokesman told reporters."
    ).casualty_claims
    assert [(c.min, c.claimant) for c in claims] == [(2, "the army's spokesman")]


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


def people_of(text: str) -> list[tuple[str, str]]:
    return [(p.name, p.role_kind) for p in run(text).people]


def test_titles_with_of_rulers_toppled_and_people_killed_by_their_kind():
    assert people_of("Sudani spoke with US Secretary of State Antony Blinken on Monday.") == [
        ("Antony Blinken", "official")
    ]
    assert people_of("It was the deadliest attack since Bashar al-Assad was toppled from power.") == [
        ("Bashar al-Assad", "official")
    ]
    assert people_of("The town was held by Bashar al-Assad's former Syrian regime.") == [
        ("Bashar al-Assad", "official")
    ]
    assert people_of("The SDF said its member Ahmed Hamo died in the strike.") == [("Ahmed Hamo", "member")]
    assert people_of("Wealthy Kurdish businessman Karwan Aziz was among the dead.") == [("Karwan Aziz", "other")]
    assert people_of("Soran Ali, the district chief of Chamchamal, said three were killed.") == [
        ("Soran Ali", "official")
    ]
    assert people_of("Dara Aziz, a member of the US-based Peacemaker Teams, said three were killed.") == [
        ("Dara Aziz", "other")
    ]


def test_a_list_named_by_its_noun_and_a_role_set_off_before_a_name_in_quotes():
    assert people_of("The report identified the two members as Reza Karimi and Panah Hosseini on Sunday.") == [
        ("Reza Karimi", "member"),
        ("Panah Hosseini", "member"),
    ]
    assert people_of('Media said a Revolutionary Guards "adviser", Saeed (Saeid) Abyar was killed near Aleppo.') == [
        ("Saeed Abyar", "member")
    ]


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


def test_a_source_after_an_adverb_and_a_district_chief_who_speaks_as_a_person():
    claims = run(
        '"Three workers were killed," earlier said Soran Ali, district chief of Chamchamal where the field lies.'
    ).casualty_claims
    assert [(c.min, c.claimant, c.claimant_person) for c in claims] == [(3, "Soran Ali", "Soran Ali")]


def speakers(text: str) -> list[str]:
    return [s.speaker for s in run(text).statements]


def test_a_source_after_the_quotations_clause_or_before_it_with_according_to():
    assert speakers('"One policeman was killed" and others were wounded, said one official.') == ["one official"]
    assert speakers(
        '"A drone struck the radar" at Taji, said security spokesman Saad Maan, adding that another drone '
        '"fell near a generator", without further details.'
    ) == ["Saad Maan", "Saad Maan"]
    assert speakers('According to a reporter at the scene, the strike "obliterated the first three floors".') == [
        "reporter at the scene"
    ]
    assert speakers('"Terrorists opened fire" at the troops, "who returned fire", the military said.') == [
        "military",
        "military",
    ]
    assert people_of("Jisr al Shughur City was hit, the monitor said.") == []


def test_a_year_is_the_calendar_year_and_never_the_incidents_date():
    dates = [(d.start, d.end, d.precision, d.role) for d in run("It was the second such attack this year.").dates]
    assert dates == [("2024-01-01", "2024-12-31", "year", "earlier")]
    dates = [(d.start, d.role) for d in run("A drone killed two fighters on Thursday, the deadliest in 2024.").dates]
    assert dates == [("2024-01-04", "incident"), ("2024-01-01", "earlier")]


def claimants(text: str) -> list[tuple[int, str]]:
    return [(c.min, c.claimant) for c in run(text).casualty_claims]


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


def test_a_group_that_the_people_hit_are_tied_to_is_no_party_but_the_owner_of_what_was_hit_is():
    assert group_roles("A drone killed two fighters affiliated with the PKK near Sinjar on Monday.") == {
        "Kurdistan Workers' Party": []
    }
    assert group_roles("The strikes also hit other targets linked to Kataib Hezbollah on Monday.") == {
        "Kataib Hezbollah": [("target", "confirmed")]
    }
    assert group_roles("The dead were wearing uniforms, the SDF said on Monday.") == {"Syrian Democratic Forces": []}


def test_a_quotation_opening_the_sentence_is_not_its_source():
    assert claimants(
        "“The suspects planned attacks on civilians,” Israel's military said. It said three of its soldiers were "
        "seriously injured."
    ) == [(3, "Israel's military")]


def test_a_present_perfect_toll_is_a_tally_only_for_a_war_or_a_run_of_attacks():
    claims = run("Gunmen have killed at least 15 security personnel in ambushes, a source said.").casualty_claims
    assert [(c.min, c.earlier_event, c.claimant) for c in claims] == [(15, False, "a source")]
    claims = run("The strikes, which have killed at least 11, drew condemnation.").casualty_claims
    assert [(c.min, c.earlier_event) for c in claims] == [(11, True)]


ARMIES = Lexicon(
    places=[PlaceEntry(1, "Hama", "populated_place", "SY", "Syria", "SY-HM", "Hama", 35.13, 36.76, 460_000)],
    groups=[
        GroupEntry(1, "Syrian Arab Army", ("Syrian army", "Syrian military"), "", "SAA", "state_force", 2024),
        GroupEntry(2, "Islamic State", (), "", "IS", "non_state"),
        GroupEntry(3, "Israel Defense Forces", ("Israeli military", "Israeli army"), "", "IDF", "state_force"),
    ],
)


def army_roles(text: str, published: str = "2024-05-03") -> dict[str, list[str]]:
    proposal = extract(f"date {published}\n{text}", ARMIES)
    return {group.name: [role.role for role in group.roles] for group in proposal.groups}


def test_forces_named_by_their_allegiance_are_the_army_of_the_reports_country():
    text = "Seventeen pro-government soldiers were killed in an attack in the desert east of Hama."
    assert army_roles(text) == {"Syrian Arab Army": ["target"]}
    # The army had ceased to be when the report was published: no army is guessed.
    assert army_roles(text, "2025-03-01") == {}
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
    assert [g.name for g in found.groups] == ["Iraqi Security Forces"]


def test_attackers_tied_to_a_group_make_it_the_perpetrator_and_a_states_military_is_its_forces():
    assert army_roles("Soldiers were killed in Hama in an assault by cells affiliated with the Islamic State.") == {
        "Islamic State": ["perpetrator"]
    }
    assert army_roles("Israel's military fired missiles at an airport near Hama.") == {
        "Israel Defense Forces": ["perpetrator"]
    }


def posts(text: str) -> list[tuple[str, str]]:
    return [(person.name, person.role_kind) for person in run(text).people]


def test_a_name_owning_a_groups_name_is_still_a_person():
    assert posts("Fighters were sent to support Syrian President Bashar Assad's forces.") == [
        ("Bashar Assad", "official")
    ]


def test_lowercase_posts_ages_and_fates_mark_a_name_as_a_persons():
    assert posts("Rebels overthrew longtime president Bashar al-Assad in December.") == [
        ("Bashar al-Assad", "official")
    ]
    assert posts("Ali Jamil, 44, succumbed to his injuries.") == [("Ali Jamil", "other")]
    assert posts("A 23-year-old Matin Sadiq was treated in hospital.") == [("Matin Sadiq", "other")]
    assert posts('"We had warning," said the mayor, Turki Khalaf.') == [("Turki Khalaf", "official")]


def test_a_plural_title_before_a_pair_of_names_is_both_of_theirs():
    assert posts("Soldiers Necdet Calis and Emrah Gunduz were martyred in the attack.") == [
        ("Necdet Calis", "member"),
        ("Emrah Gunduz", "member"),
    ]


def test_a_seat_in_a_council_or_parliament_is_an_office():
    assert posts("Iraqi Parliament Speaker Mahmoud al-Mashhadani mourned the death.") == [
        ("Mahmoud al-Mashhadani", "official")
    ]
    assert posts("Safaa al-Mashhadani, a member of the Baghdad Provincial Council, was killed.") == [
        ("Safaa al-Mashhadani", "official")
    ]


def test_a_person_hit_makes_the_group_of_their_post_the_target():
    lexicon = Lexicon(groups=[GroupEntry(1, "Harakat al-Nujaba", ("Harakat-al-Nujaba",))])
    proposal = extract(
        "date 2024-01-04\nThe strike killed Abu Taqwa, the leader of U.S. designated Harakat-al-Nujaba.", lexicon
    )
    assert [(p.name, p.role_kind, p.group) for p in proposal.people] == [("Abu Taqwa", "leader", "Harakat al-Nujaba")]
    assert [[r.role for r in g.roles] for g in proposal.groups] == [["target"]]
    assert posts("The strike recalled Gen. Qassem Soleimani.") == [("Qassem Soleimani", "commander")]


def test_a_toll_around_a_quotation_does_not_make_it_confirm():
    from extraction.stance import guess_stance

    assert guess_stance("in a bloody IS attack on a military bus", "At least 14 soldiers were killed")[0] == "describes"
    assert guess_stance("Two soldiers were killed in the attack", "the army said")[0] == "confirms"


def test_he_after_a_described_person_and_a_clause_before_the_source():
    statements = run(
        "The Governor of Sweida called on all parties to exercise restraint. He warned that the state "
        "“will not tolerate any threat to citizens.”"
    ).statements
    assert [s.speaker for s in statements] == ["Governor of Sweida"]
    statements = run('"Two rockets fell on the airport," slightly wounding two guards, the official said.').statements
    assert [s.speaker for s in statements] == ["official"]


AREAS = Lexicon(
    places=[
        PlaceEntry(1, "Ḩamāh", "populated_place", "SY", "Syria", "SY-HM", "Hama", 35.13, 36.76, 460_000, ("Hama",)),
        PlaceEntry(2, "Homs", "populated_place", "SY", "Syria", "SY-HI", "Homs", 34.73, 36.71, 775_000),
        PlaceEntry(
            3, "As-Suwayda", "populated_place", "SY", "Syria", "SY-SU", "As-Suwayda", 32.7, 36.57, 0, ("Sweida",)
        ),
    ],
    governorates=[
        PlaceEntry(11, "Hama", "governorate", "SY", "Syria", "SY-HM", "Hama"),
        PlaceEntry(12, "Homs", "governorate", "SY", "Syria", "SY-HI", "Homs"),
    ],
    countries=[PlaceEntry(21, "Syria", "country", "SY", "Syria"), PlaceEntry(22, "Iraq", "country", "IQ", "Iraq")],
)


def areas(text: str) -> list[tuple[str, str]]:
    return [(p.name, p.kind) for p in extract(f"date 2024-01-05\n{text}", AREAS).places]


def test_names_listed_with_a_plural_province_noun_are_governorates():
    assert areas("Reinforcements came from several governorates, including Hama and Homs.") == [
        ("Hama", "governorate"),
        ("Homs", "governorate"),
    ]
    assert areas("Parts of the neighbouring Hama and Homs provinces were shelled.") == [
        ("Hama", "governorate"),
        ("Homs", "governorate"),
    ]
    assert areas("A shell hit a house in Homs.") == [("Homs", "populated_place")]


def test_a_country_owning_a_place_or_heading_a_site_is_a_place():
    assert ("Syria", "country") in areas("At least 18 were killed in clashes in Syria's Sweida.")
    assert areas("A drone hit a major Iraq gas field.") == [("Iraq", "country")]
    assert areas("Syria: a blast hit a market.") == [("Syria", "country")]
    assert areas("Syria's government said the blast was an attack.") == []


def test_a_quoted_verb_lost_lives_and_no_human_casualties_are_figures():
    assert figures('The ministry said its jets "neutralized" two members of the PKK.') == [
        ("killed", "combatants", 2, 2)
    ]
    assert figures("An off-duty fighter lost his life in the strike.") == [("killed", "combatants", 1, 1)]
    assert figures("The rockets caused damage, but no human casualties have been reported.") == [
        ("harmed", "all", 0, 0)
    ]


def test_members_of_a_named_armed_group_are_combatants_whatever_its_name_says():
    lexicon = Lexicon(groups=[GroupEntry(1, "Syrian National Army", (), "", "SNA", "non_state")])
    claims = extract(
        "date 2023-10-16\nAt least three members of the Syrian National Army (SNA) were killed in a rocket attack.",
        lexicon,
    ).casualty_claims
    assert [(c.category, c.min, c.group) for c in claims] == [("combatants", 3, "Syrian National Army")]


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


def test_the_day_a_source_condemned_is_a_statements_day():
    dates = run(
        "Iraqi officials on Saturday condemned the strikes. Sixteen fighters were killed in the strikes late Friday.",
        "2024-02-03",
    ).dates
    assert [(d.start, d.role) for d in dates] == [("2024-02-03", "statement"), ("2024-02-02", "incident")]


def test_a_name_after_a_comma_and_an_article_is_in_an_aside_only_if_the_aside_closes():
    lexicon = Lexicon(groups=[GroupEntry(1, "Turkish Armed Forces", ("Turkish forces",))])
    proposal = extract(
        "date 2023-12-06\nOn Tuesday, a shepherd was injured in a Turkish drone attack near Duhok.", lexicon
    )
    assert [[r.role for r in g.roles] for g in proposal.groups] == [["perpetrator"]]


def test_a_fighter_who_lost_his_life_and_a_group_neutralised_are_targets():
    assert roles("An off-duty SDF fighter lost his life in the strike.") == {"Syrian Democratic Forces": ["target"]}
    assert roles('Its jets "neutralized" two members of the PKK in Duhok.') == {"Kurdistan Workers' Party": ["target"]}


def test_read_the_statement_is_the_source_that_issued_it():
    statements = run(
        "The Joint Operations Command said in a statement that jets hit a hideout. "
        "“F-16 fighter jets launched two airstrikes late Monday night,” read the statement."
    ).statements
    assert [s.speaker for s in statements] == ["Joint Operations Command"]


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


def test_a_countrys_leader_is_an_official_and_a_forces_commander_a_commander():
    assert posts("Gunmen loyal to deposed Syrian leader Bashar al-Assad attacked.") == [("Bashar al-Assad", "official")]
    assert posts("Rebels toppled longtime ruler Bashar al-Assad in December.") == [("Bashar al-Assad", "official")]
    assert posts("Fighters loyal to Assad-era special forces commander Suhail al-Hassan clashed.") == [
        ("Suhail al-Hassan", "commander")
    ]
    assert posts("Soldiers Necdet Calis and Emrah Gunduz were “martyred”, the ministry said.") == [
        ("Necdet Calis", "member"),
        ("Emrah Gunduz", "member"),
    ]


def test_the_night_before_the_publication_day_is_the_incident_when_named():
    dates = run(
        "Four militants were killed near Kirkuk, security forces reported on Tuesday. Troops inspected the area on "
        "Tuesday morning. Jets launched two airstrikes late Monday night.",
        "2024-10-15",
    ).dates
    assert [(d.start, d.role) for d in dates] == [("2024-10-15", "statement"), ("2024-10-14", "incident")]


def test_three_figures_or_more_before_one_verb_are_their_sum():
    assert figures(
        'The monitor said "five civilians, four regime soldiers, two members of Hezbollah, and three unidentified '
        'persons" were killed.'
    ) == [("killed", "all", 14, 14)]
    assert figures("Two soldiers, three civilians and a child were killed.") == [("killed", "all", 6, 6)]


def test_the_officials_who_named_the_dead_give_the_figure():
    assert claimants("Militia officials named 16 fighters they said were killed in the strikes.") == [
        (16, "Militia officials")
    ]
    assert claimants("A man named Ali Hassan and two others were killed in the strike.") == [(2, "")]


def test_a_toll_that_has_risen_after_a_long_subject():
    assert figures(
        "The number of victims in the attack that targeted the church in the Dwelaa area of Damascus has risen to "
        "20 dead and 52 wounded."
    ) == [("killed", "all", 20, 20), ("injured", "all", 52, 52)]


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


def test_members_counted_after_an_active_verb_are_their_groups_and_a_states_serve_it():
    claims = run("An Israeli strike killed two members of Iran's Revolutionary Guards in Damascus.").casualty_claims
    assert [(c.min, c.group, c.category) for c in claims] == [
        (2, "Islamic Revolutionary Guard Corps", "security_forces")
    ]
    claims = run("A US strike killed three members of Kataib Hezbollah.").casualty_claims
    assert [(c.min, c.group, c.category) for c in claims] == [(3, "Kataib Hezbollah", "combatants")]


def test_a_bodys_own_forces_are_counted_as_what_the_body_is():
    claims = run("The Revolutionary Guards said two of its forces stationed in Syria were killed.").casualty_claims
    assert [(c.min, c.category) for c in claims] == [(2, "security_forces")]
    claims = run("The SDF said two of its forces were killed in the drone strike.").casualty_claims
    assert [(c.min, c.category) for c in claims] == [(2, "combatants")]


def test_he_and_the_source_refer_to_who_spoke_before_not_to_a_name_inside_a_quotation():
    assert speakers(
        "Reporting from Damascus, correspondent Sami Haddad said tensions were high.\n\n"
        "“Since the fall of the Assad regime, this is the biggest challenge the government faces,” he said.\n\n"
        "The army sent “dozens and dozens of military vehicles” to the city from several provinces, including "
        "Hama and Homs, he said."
    ) == ["Sami Haddad", "Sami Haddad"]
    assert speakers(
        "A senior security official said two rockets hit the airport.\n\n"
        '"A third rocket struck a house in the old town," causing damage, the source added.'
    ) == ["senior security official"]
    # One source is not "Some sources" named before.
    assert speakers(
        "Some sources said the targets were linked to Iran.\n\n"
        'The strikes "led to a number of fatalities and some material damage", the source said.'
    ) == ["source"]


def test_a_passive_before_a_quotation_or_a_clause_after_it_is_not_the_speaker():
    assert speakers(
        'Soon after the attack, a video was released saying that a group called the "coastal defence '
        'brigade of the west" had been formed against the new government, said Serdar.'
    ) == ["Serdar"]


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


def test_a_group_declaring_that_a_base_was_targeted_claims_it():
    text = 'The "Islamic Resistance in Iraq" declared on Friday that the Harir base was targeted with two drones.'
    assert roles(text) == {"Islamic Resistance in Iraq": ["perpetrator"]}
    # Its own base, or one struck by another, is no claim.
    assert roles("The SDF announced that its checkpoint was attacked by gunmen.") == {"Syrian Democratic Forces": []}
    # A background mention of the same day does not make the statement's day an earlier event.
    assert dated(
        "The group declared on Friday that the base was targeted. Earlier today, the ministry announced 58 attacks.",
        "2023-11-17",
    ) == [("2023-11-17", "statement")]


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
    assert roles("The SDF staged a raid targeting suspected cells in the desert.") == {
        "Syrian Democratic Forces": ["perpetrator"]
    }


def test_sites_belonging_to_a_group_named_after_a_description_make_it_a_target():
    assert roles("The strike targeted “sites belonging to Turkish-backed militias, the SDF,” the monitor said.")[
        "Syrian Democratic Forces"
    ] == ["target"]


def test_a_nations_officials_are_not_its_forces_and_a_denied_report_names_no_perpetrator():
    assert state_roles("US officials said a drone hit the base, according to Syrian officials.") == []
    assert [g.name for g in extract("date 2024-01-05\nUS officials said a drone hit the base.", STATES).groups] == []
    assert (
        state_roles("CENTCOM was quick to deny earlier reports that US forces were behind the blast at the base.") == []
    )
    assert state_roles("Officials said US forces were behind the blast at the base.") == [
        ("United States Armed Forces", "perpetrator")
    ]


def post_kinds(text: str) -> dict[str, str]:
    return {p.name: p.role_kind for p in run(text).people}


def test_posts_of_officials_monitors_and_rulers_and_names_that_are_no_people():
    assert post_kinds("Iran’s ambassador to Damascus, Hossein Akbar, told Syrian TV that five people were killed.") == {
        "Hossein Akbar": "official"
    }
    assert post_kinds("Three civilians were killed, according to Daraa health director Dr. Ziad Mahami.") == {
        "Ziad Mahami": "official"
    }
    assert post_kinds("Syrian Regime Health Minister Hassan al Ghabash said 26 people were wounded.") == {
        "Hassan al Ghabash": "official"
    }
    assert post_kinds("Rami Abdel Rahman, head of the watchdog, said the strike was the deadliest.") == {
        "Rami Abdel Rahman": "other"
    }
    assert post_kinds("The weapons came from caches of toppled Iraqi dictator Saddam Hussein.") == {
        "Saddam Hussein": "official"
    }
    assert post_kinds("The blast went off in the Imam Ali bin Abi Talib mosque, police said.") == {}
    assert post_kinds("The drones were made by Turkish Aerospace Industries, the ministry said.") == {}


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


def test_speakers_that_allege_deny_in_haste_or_are_cited_at_the_sentences_end():
    assert speakers('The command alleged the militants were armed with "numerous weapons and suicide belts".') == [
        "command"
    ]
    assert speakers(
        "CENTCOM was quick to deny reports that US forces were behind the blast, saying “Those reports are not true.”"
    ) == ["CENTCOM"]
    assert speakers(
        "Targeting “sites belonging to Iranian militias,” the strike destroyed a building, according to the Syrian "
        "Observatory for Human Rights."
    ) == ["Syrian Observatory for Human Rights"]


def test_a_datelines_day_is_no_event_and_a_year_naming_an_event_is_earlier():
    assert dated(
        "Beirut, Aug. 30, (dpa/GNA) – At least nine people were killed in clashes on Tuesday, a monitor said.",
        "2023-08-30",
    ) == [("2023-08-29", "incident")]
    assert dated(
        "Jets struck a hideout on Thursday. The valley has sheltered IS remnants since the group’s 2017 defeat.",
        "2025-10-09",
    ) == [("2025-10-09", "incident"), ("2017-01-01", "earlier")]


def test_a_drone_strike_called_an_airstrike_is_no_aircrafts():
    found = run("A Turkish drone struck a car near Sinjar. The airstrike killed two YBS fighters.")
    assert [m.means for m in found.means] == ["drone"]
    found = run("A drone struck a car near Sinjar, and warplanes later bombed the hills.")
    assert [m.means for m in found.means] == ["drone", "air_strike"]


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


def test_bombs_named_by_their_carrier_or_as_an_explosion_are_remote_explosives():
    for sentence in (
        "Two officers were killed in a bomb attack on Wednesday in Kirkuk.",
        "A candidate was killed when a sticky bomb attached to his vehicle detonated.",
        "A motorcycle planted with explosives detonated near the shrine, killing six.",
        "Seven people were killed in a car explosion at a busy market.",
        "A large explosion rocked a military base south of Baghdad.",
    ):
        found = run(sentence)
        assert found.event_type.sub_event_type == "remote_explosive", sentence
    assert [m.means for m in run("A sticky bomb attached to his car detonated.").means] == ["ied"]


def test_a_states_forces_reporting_their_own_losses_are_the_target():
    forces = Lexicon(
        groups=[
            GroupEntry(7, "United States Armed Forces", ("US forces", "US military"), kind="state_force"),
            GroupEntry(8, "Syrian Arab Army", ("Syrian army",), kind="state_force"),
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


def test_a_group_and_a_state_that_staged_a_raid_together():
    assert roles("The SDF and Iraq have staged a joint raid targeting suspected cells in the desert.") == {
        "Syrian Democratic Forces": ["perpetrator"]
    }


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


def test_a_country_that_owns_or_is_tied_to_what_was_hit_is_no_place():
    assert areas("The strike hit positions belonging to Syria and other militias near Homs.") == [
        ("Homs", "populated_place")
    ]
    assert areas("The strike hit the Republic of Iraq's consulate building in Homs.") == [("Homs", "populated_place")]
    assert areas("The strike hit a base in Syria's north.") == [("Syria", "country")]


def test_a_kurdish_region_named_by_its_country_or_rojava_is_a_place_without_a_point():
    found = run("Drones hit three oil fields in Iraqi Kurdistan on Wednesday, and a strike hit a car in Rojava.")
    assert [(p.name, p.matched) for p in found.places] == [("Iraqi Kurdistan", False), ("Rojava", False)]
    assert [p.name for p in run("Iraqi Kurdistan's government condemned the strike.").places] == []


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


def test_a_body_that_emphasized_or_reiterated_speaks():
    assert speakers(
        'The command emphasized that it regards this "cowardly terrorist act" as an "unprecedented criminal act".'
    ) == ["command", "command"]


def test_a_figure_without_a_source_takes_the_one_named_in_the_next_sentence():
    assert claimants(
        "A drone hit a car in Amedi. Three PKK fighters were killed in the strike. One of the deceased was a senior "
        "member, according to the CTD statement."
    ) == [(3, "the CTD statement")]
    # A next sentence with figures of its own names their source only.
    assert claimants("At least 32 people were wounded. According to a hospital director, the toll rose to 16 dead.")[
        0
    ] == (32, "")


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


def test_one_person_named_alongside_the_figure_adds_to_it():
    claims = run("Four soldiers were killed alongside Col Wassak and five others wounded.").casualty_claims
    assert [(c.outcome, c.min) for c in claims] == [("killed", 5), ("injured", 5)]
    claims = run("The strike killed two fighters along with a senior commander.").casualty_claims
    assert [(c.outcome, c.min) for c in claims] == [("killed", 3)]
    claims = run("Four soldiers were killed, including Col Wassak.").casualty_claims
    assert [(c.outcome, c.min) for c in claims] == [("killed", 4)]


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


def test_a_capital_suspected_of_being_behind_the_attack_stands_for_its_forces():
    lexicon = Lexicon(groups=[GroupEntry(1, "Turkish Armed Forces", ("Turkish forces", "Turkish military"))])
    found = extract("date 2023-04-08\nWestern officials said they suspect Ankara was behind the attack.", lexicon)
    assert [(g.name, [r.role for r in g.roles]) for g in found.groups] == [("Turkish Armed Forces", ["perpetrator"])]


def test_a_group_one_of_the_wounded_served_in_is_a_target():
    assert roles("One fighter was killed, and one of the wounded was a member of the SDF.") == {
        "Syrian Democratic Forces": ["target"]
    }


def test_a_states_commander_in_chief_holds_an_office():
    assert post_kinds("The raid was ordered by the country’s Commander-in-Chief Mohammed Shia al-Sudani.") == {
        "Mohammed Shia al-Sudani": "official"
    }
    assert post_kinds(
        "Prime Minister Mohammed Shia al-Sudani, also commander-in-chief of the Iraqi forces, ordered a probe."
    ) == {"Mohammed Shia al-Sudani": "official"}


def test_after_midnight_is_a_part_of_the_day_not_a_time():
    dates = run("The bomb went off after midnight on Wednesday, killing a candidate.", "2025-10-15").dates
    assert [(d.start, d.role, d.time_utc) for d in dates] == [("2025-10-15", "incident", None)]
    dates = run("The bomb went off around midnight on Wednesday, killing a candidate.", "2025-10-15").dates
    assert dates[0].time_utc == "21:00" and dates[0].time_approximate


def test_a_name_before_a_known_group_in_brackets_is_that_group():
    proposal = run("The People's Defence Forces (PKK) announced that two of its fighters were killed.")
    assert names(proposal) == ["Kurdistan Workers' Party"]
    assert len(proposal.groups[0].spans) == 2
    # An unknown name in brackets leaves the name before it a new group.
    assert "Internal Security Forces" in names(run("The Internal Security Forces (ISF) said two were killed."))


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


def test_a_day_after_the_incident_named_once_as_when_a_source_spoke_is_the_statements():
    text = (
        "Four militants were killed in an airstrike on Monday night. The army inspected the site on Tuesday "
        "morning. The army said on Tuesday that the strike hit a hideout."
    )
    dates = run(text, "2024-10-15").dates
    assert [(d.start, d.role) for d in dates] == [("2024-10-14", "incident"), ("2024-10-15", "statement")]
    # A day named only for what happened after the event is another day, not a statement's.
    dates = run(text.replace(" The army said on Tuesday that", " The army said"), "2024-10-15").dates
    assert [(d.start, d.role) for d in dates] == [("2024-10-14", "incident"), ("2024-10-15", "other")]


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


def test_a_state_carrying_out_strikes_is_its_forces_as_perpetrator():
    proposal = run("The United States carried out airstrikes on militia facilities in Iraq, officials said.")
    assert [(g.name, [r.role for r in g.roles]) for g in proposal.groups] == [
        ("United States Armed Forces", ["perpetrator"])
    ]
    # A campaign launched long before is background, not this attack.
    assert names(run("The United States launched Operation Inherent Resolve in 2014.")) == []


def test_contractors_are_civilians_and_agents_security_forces():
    assert figures("A U.S. contractor was killed at the base on Thursday.") == [("killed", "civilians", 1, 1)]
    assert figures("Three law enforcement agents were killed.") == [("killed", "security_forces", 3, 3)]
    assert figures("Three soldiers and two contractors were wounded.") == [("injured", "all", 5, 5)]


def test_straight_single_quotation_marks_quote_but_apostrophes_do_not():
    proposal = run(
        "The mayor told Rudaw that 'a dispute erupted between several relatives at a guesthouse.' "
        "The relatives' anger and the town's fear grew, Jubouri said."
    )
    assert [s.quote for s in proposal.statements] == ["a dispute erupted between several relatives at a guesthouse."]


def test_a_post_in_a_place_before_a_name_is_a_title_not_part_of_the_name():
    lexicon = Lexicon(places=[PlaceEntry(1, "Damascus", "populated_place", "SY", "Syria", population=2_000_000)])
    proposal = extract(
        "date 2023-12-25\nThe Iranian Ambassador in Damascus Hossein Akbari told the Mehr news agency that the "
        "house was hit by three missiles.",
        lexicon,
    )
    assert [(p.name, p.title, p.role_kind) for p in proposal.people] == [
        ("Hossein Akbari", "Ambassador in Damascus", "official")
    ]


def test_a_tashkil_is_a_group_and_a_french_agency_is_no_person():
    proposal = run(
        "Tashkil al-Waritheen, an Iranian-backed militia group, claimed responsibility for the attack, "
        "Agence France-Presse reported."
    )
    assert [(g.name, g.new, [r.role for r in g.roles]) for g in proposal.groups] == [
        ("Tashkil al-Waritheen", True, ["perpetrator"])
    ]
    assert proposal.people == []


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


def test_as_confirmed_by_names_the_source():
    claims = run(
        "Two fighters of the group were killed in the strike, as confirmed by the US military."
    ).casualty_claims
    assert [(c.min, c.claimant) for c in claims] == [(2, "the US military")]


def test_the_ministry_is_the_ministry_named_before_not_a_group():
    proposal = run(
        'Gunmen of Kataib Hezbollah stormed an office, the interior ministry said.\n\nPolice "came under fire" '
        "at the scene, the ministry added."
    )
    assert [(s.speaker, s.body) for s in proposal.statements] == [("interior ministry", "interior ministry")]


def test_an_opening_mark_typed_for_the_closing_one_closes_the_quotation():
    proposal = run("“Any problem or dispute must be resolved through legal channels,“ he said. Nothing more was said.")
    assert [s.quote for s in proposal.statements] == ["Any problem or dispute must be resolved through legal channels"]


def test_a_straight_mark_closed_by_a_curly_one_is_a_quotation():
    proposal = run('"A drone struck a key gas storage facility at the field,” a worker told Reuters.\n\nNo more.')
    assert [(s.quote, s.speaker) for s in proposal.statements] == [
        ("A drone struck a key gas storage facility at the field", "worker")
    ]


def test_the_dead_a_group_identifies_are_its_members():
    proposal = run(
        "The Islamic Revolutionary Guard Corps said an air strike killed four of its advisers. It later identified "
        "the people killed as Hojjatollah Omidvar, Ali Aghazadeh and Hossein Mohammadi."
    )
    assert {(p.name, p.role_kind, p.group) for p in proposal.people} == {
        (name, "member", "Islamic Revolutionary Guard Corps")
        for name in ("Hojjatollah Omidvar", "Ali Aghazadeh", "Hossein Mohammadi")
    }
