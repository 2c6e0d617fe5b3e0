"""Rules on quotations, their speakers and stances, each fitting a class of sentences seen in real reports."""

from extraction.extract import extract
from extraction.lexicon import GroupEntry, Lexicon
from extraction.stance import guess_stance
from tests.extraction.rules.lexicons import people_of, run, speakers


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


def test_the_source_after_a_participle_clause_is_who_speaks():
    proposal = run('Police "came under fire near the gate", resulting in several injuries, the ministry added.')
    assert [s.speaker for s in proposal.statements] == ["the ministry"]


def test_a_speaker_after_a_place_phrase_or_a_time_of_day():
    proposal = run('Two soldiers were "wounded due to an attack" in the Claw-Lock zone, the ministry said.')
    assert [s.speaker for s in proposal.statements] == ["the ministry"]
    statements = run('Late on Monday, officials said that "several U.S. personnel were injured."').statements
    assert [s.speaker for s in statements] == ["officials"]


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


def test_a_toll_around_a_quotation_does_not_make_it_confirm():
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


def test_read_the_statement_is_the_source_that_issued_it():
    statements = run(
        "The Joint Operations Command said in a statement that jets hit a hideout. "
        "“F-16 fighter jets launched two airstrikes late Monday night,” read the statement."
    ).statements
    assert [s.speaker for s in statements] == ["Joint Operations Command"]
    statements = run(
        "The SDF released a statement on the raid.\n\n"
        "“An explosion on target resulted in four service members wounded,” the statement read."
    ).statements
    assert [s.speaker for s in statements] == ["Syrian Democratic Forces"]


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


def test_a_body_that_emphasized_or_reiterated_speaks():
    assert speakers(
        'The command emphasized that it regards this "cowardly terrorist act" as an "unprecedented criminal act".'
    ) == ["command", "command"]


def test_straight_single_quotation_marks_quote_but_apostrophes_do_not():
    proposal = run(
        "The mayor told Rudaw that 'a dispute erupted between several relatives at a guesthouse.' "
        "The relatives' anger and the town's fear grew, Jubouri said."
    )
    assert [s.quote for s in proposal.statements] == ["a dispute erupted between several relatives at a guesthouse."]


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


def test_a_curly_mark_closed_by_a_straight_one_is_a_quotation():
    proposal = run('“Three of them are women. Two others were injured," he added. The "village" is near Sharaban.')
    assert [s.quote for s in proposal.statements] == ["Three of them are women. Two others were injured"]


def test_whom_a_source_quotes_speaks_and_it_after_the_next_quotation_is_the_same_speaker():
    proposal = run(
        "Israeli air strikes killed two soldiers, state media said, quoting a military source.\n\n"
        "“The Israeli enemy carried out strikes on our air defense sites,” the official news agency SANA quoted "
        "the source as saying.\n\n“The aggression led to the death of two soldiers,” it added."
    )
    assert [s.speaker for s in proposal.statements] == ["military source", "military source"]


def test_he_after_a_source_described_is_that_source_and_informed_frames_a_quotation():
    statements = run(
        "On Monday, a police source in Nineveh reported that three people were injured by a Kataib Hezbollah "
        'drone.\n\nThe source informed Shafaq News Agency, stating, "The airstrike targeted a civilian car on the '
        'road."\n\n"The injured were transferred to a nearby hospital for treatment," he added.'
    ).statements
    assert [s.speaker for s in statements] == ["police source in Nineveh", "police source in Nineveh"]


def test_a_person_who_expressed_a_quotation_according_to_his_statement_said_it():
    statements = run(
        "Haval Abubaker, the governor, spoke on Monday. Abubaker expressed “hope that these attacks will stop, to "
        "preserve the security of the region”, according to his statement."
    ).statements
    assert [s.speaker for s in statements] == ["Haval Abubaker"]


def test_an_aside_after_the_speaker_and_before_the_verb_is_no_speaker():
    assert speakers(
        'The Syrian Observatory for Human Rights, which has a network of sources in Syria, said "a Syrian officer" '
        "was among the dead."
    ) == ["Syrian Observatory for Human Rights"]
    assert speakers('The region will be "cleared up from terrorists" despite attacks, the official added.') == [
        "official"
    ]
    # "The informed source told": an adjective, not the verb "informed".
    assert speakers('The informed source told Rudaw that the child "was gunned down by an assailant".') == [
        "informed source"
    ]


def test_a_source_that_revealed_or_detailed_speaks():
    assert speakers('The patrol approached a house. "However, the fighters refused," the source revealed.') == [
        "source"
    ]
    assert speakers(
        'A local police officer, speaking on condition of anonymity, detailed the toll: "One soldier and three '
        'policemen were killed in the clashes."'
    ) == ["local police officer"]


def test_the_end_of_a_quoted_clause_before_said_and_a_name_is_no_speaker():
    assert speakers(
        '"Five members were killed by a drone attack on Al-Omar oil field," the largest US-led coalition base in '
        "Syria, said Rami Abdel Rahman, the head of the Observatory."
    ) == ["Rami Abdel Rahman"]
    # A name first keeps its place; "told AFP" names whom it was told, and "said in the report" no one.
    assert speakers('"Ten people were killed," the head of the Observatory, Rami Abdel Rahman, told AFP.') != ["AFP"]
    assert speakers('"An explosion occurred," Khalil al-Ayoub, director of the city, said in the report.') == [
        "Khalil al-Ayoub"
    ]


def test_the_mayor_further_noted_is_the_mayor_named_before():
    assert speakers(
        'Serwan Sarhad, the district mayor, told reporters, "The drone killed all three people." The mayor further '
        'noted, "The vehicle was completely destroyed by the flames."'
    ) == ["Serwan Sarhad", "Serwan Sarhad"]


def test_a_body_described_not_named_is_the_one_named_before():
    assert speakers(
        'The Syrian Observatory for Human Rights counted the dead. "The strikes hit a sawmill and a workshop," '
        "the U.K.-based war monitoring organization said."
    ) == ["Syrian Observatory for Human Rights"]
    assert speakers(
        'U.S. Central Command announced the strike on Sunday. "We will continue to hunt them down," the military '
        "command said."
    ) == ["U.S. Central Command"]
    # A ministry described by its portfolio is not another ministry named before.
    assert speakers(
        'The Health Ministry gave a toll. "A suicide attacker blew himself up inside the church," the interior '
        "ministry said."
    ) == ["interior ministry"]


def test_a_subject_set_off_by_a_long_description_and_verbs_that_frame_a_quotation():
    assert speakers(
        "The Islamic Resistance in Iraq, a loose alliance of pro-Iran fighters opposed to US support for Israel in "
        'Gaza, claimed a drone attack on Sunday "against the US occupation base in the oil field".'
    ) == ["Islamic Resistance in Iraq"]
    assert speakers('Defence Minister Thabet al-Abbasi ruled out "joint military operations" with Ankara.') == [
        "Thabet al-Abbasi"
    ]
    assert speakers('A few hours later, the security source told AFP "a drone targeted the radar system".') == [
        "security source"
    ]


def test_a_name_whose_verb_the_quotation_opens_and_two_openers_before_the_subject():
    assert speakers(
        'Central Command announced the strike. CENTCOM "conducted a precision airstrike in Northwest Syria".'
    ) == ["CENTCOM"]
    assert speakers(
        'The month prior, on August 23, the Observatory reported that a "senior leader was killed in the raid".'
    ) == ["Observatory"]


def test_the_ministry_is_no_sentence_opening_and_initials_are_spelled_out():
    assert speakers(
        "Media reported the strike, citing the Syrian Defense Ministry. According to the ministry, Israel struck the "
        'airport. "The attack damaged the runway," the ministry added.'
    ) == ["Syrian Defense Ministry"]
    assert speakers(
        'The Kurdistan Democratic Party of Iran (KDPI) mourned the two. "An Iranian regime hitman killed them," the '
        "KDPI said."
    ) == ["Kurdistan Democratic Party of Iran"]


def test_the_fuller_name_a_body_refers_to_lies_within_one_sentence():
    assert speakers(
        "Services inspect the wreckage of a car in the Capital Damascus. AFP\n\nSyria's defence ministry said two "
        'civilians were killed. "The enemy launched an air strike," the ministry said.'
    ) == ["Syria's defence ministry"]


def test_a_quotation_followed_by_another_in_its_sentence_takes_the_last_ones_speaker():
    assert speakers(
        '"At 17:05 the enemy launched an air strike targeting a car" in Mazzeh, "killing two civilians and injuring '
        'three," the ministry said in a statement.'
    ) == ["the ministry", "the ministry"]


def test_the_same_source_and_the_monitor_are_the_monitor_named_before():
    assert (
        speakers(
            "The Britain-based Syrian Observatory for Human Rights reported the attack. According to the same source, "
            '"14 members of the faction were killed." "Regime forces committed a massacre," said the monitor.'
        )
        == ["Britain-based Syrian Observatory for Human Rights"] * 2
    )


def test_a_monitor_described_after_its_name_is_no_fuller_name():
    assert speakers(
        "The Syrian Observatory for Human Rights, a Britain-based war monitor, reported the fighting. "
        '"The clashes went on until dawn," said the monitor.'
    ) == ["Syrian Observatory for Human Rights"]


def test_a_war_monitoring_group_is_the_monitor_named_before():
    assert speakers(
        'The Syrian Observatory for Human Rights counted the dead. "The attackers ambushed the convoy," the UK-based '
        "war-monitoring group said."
    ) == ["Syrian Observatory for Human Rights"]


def test_it_said_opening_a_paragraph_is_the_speaker_of_the_paragraph_before():
    proposal = run(
        "U.S. forces said on Wednesday they had conducted an airstrike that killed a Kataib Hezbollah official.\n\n"
        '"His death will disrupt Kataib Hezbollah\'s ability to conduct attacks," it said in a statement.\n\n'
        'It said: "There is no indication any civilians were harmed in this strike."'
    )
    assert [s.speaker for s in proposal.statements] == ["U.S. forces", "U.S. forces"]


def test_disrupting_a_groups_ability_justifies_and_spreading_chaos_condemns():
    assert guess_stance("His death will disrupt ISIS's ability to resource and conduct terror attacks", "")[0] == (
        "justifies"
    )
    assert guess_stance("one of the most dangerous terrorists in Iraq and the world.", "")[0] == "justifies"
    assert guess_stance("the operation was an attempt to spread chaos", "")[0] == "condemns"
    assert guess_stance("Attacks of this kind place Coalition Forces and the civilian populace at risk", "")[0] == (
        "condemns"
    )


def test_damage_describes_what_happened_and_confirms_no_toll():
    assert guess_stance("The aggression caused material damage to the runway and the hangar", "")[0] == "condemns"
    assert guess_stance("The blast caused damage to several houses in the village", "")[0] == "describes"
    # Not wanting to escalate condemns nothing.
    assert guess_stance("Washington does not want to escalate the situation in the region", "")[0] == "describes"


def test_mourning_and_a_toll_confirm_and_arrests_to_come_threaten():
    assert guess_stance("the directorate mourns the three students, who passed away due to a tragic incident", "")[
        0
    ] == ("confirms")
    assert guess_stance("reporting three deaths and 60 injuries", "")[0] == "confirms"
    assert guess_stance("The perpetrators will be arrested and handed over to the judiciary", "")[0] == "threatens"
    assert guess_stance("continuing to pursue the remaining members of the gang", "")[0] == "threatens"
    assert guess_stance("a deliberate escalation that threatens regional stability", "")[0] == "condemns"


def test_a_fight_until_the_last_threatens_concern_condemns_and_resisting_justifies():
    assert guess_stance("Our fight will continue wherever they may be, until the last terrorist is neutralized!", "")[
        0
    ] == ("threatens")
    assert guess_stance("are deeply concerned about the recent Turkish attacks in Syria", "")[0] == "condemns"
    assert guess_stance("This is not acceptable, they should do their job", "")[0] == "condemns"
    assert guess_stance("resisting the American occupation forces in Iraq and the region", "")[0] == "justifies"


def test_the_group_said_with_no_armed_group_before_is_the_source_named_before():
    proposal = run(
        "Two journalists were killed near the dam when their car was hit, the Dicle Firat Journalists' Association "
        'said.\n\n"They were two valuable journalists reporting on the violence," the group said.'
    )
    assert [s.speaker for s in proposal.statements] == ["Dicle Firat Journalists' Association"]


def test_a_quotation_standing_alone_after_a_sentence_with_a_speaker_is_that_speakers():
    statements = run(
        "The SDF threatened to avenge the fighters in its announcement on Monday. "
        "“The occupiers will undoubtedly receive a response to this crime.”"
    ).statements
    assert [(s.speaker, s.body) for s in statements] == [("SDF", "Syrian Democratic Forces")]
    # Not one of another paragraph.
    statements = run(
        "The SDF threatened to avenge the fighters on Monday.\n\n“The occupiers will receive a response to this.”"
    ).statements
    assert [s.speaker for s in statements] == [""]


def test_it_after_a_paragraph_whose_subject_acted_is_that_subject():
    text = (
        "The Association of the Petroleum Industry of Kurdistan condemned the attacks on Wednesday.\n\n"
        "It added that its members have suspended production “totalling over 200,000 barrels per day.”"
    )
    assert speakers(text) == ["Association of the Petroleum Industry of Kurdistan"]


def test_a_name_with_an_article_or_a_bracketed_short_name_in_quotation_marks_is_no_statement():
    text = (
        'The party split into the "Komala of the Toilers of Kurdistan (Zahmatkeshan)" and another wing. '
        'The strike killed "Abu Maria al-Qahtani" in Sarmada.'
    )
    assert speakers(text) == []


def test_a_crime_named_as_the_attack_condemns_but_the_polices_criminals_describe():
    assert guess_stance("This heinous crime will not go unpunished by history", "")[0] == "condemns"
    assert guess_stance("What crimes have these young children committed?", "")[0] == "condemns"
    # A reason given as a pretext is one the speaker rejects.
    assert guess_stance("on the pretext of fighting drug trafficking", "")[0] == "condemns"
    for quote in (
        "The criminal elements were tracked down near Qardaha with the help of a drone",
        "The campaign contributed to a decrease in the crime rate",
    ):
        assert guess_stance(quote, "")[0] == "describes", quote


def test_a_linking_word_before_the_speaker_is_no_part_of_it():
    text = (
        "Interior Minister Abdul Amir al-Shammari visited Nasiriyah on Saturday. Furthermore, he said that "
        '"intelligence reports have identified numerous fraudulent entities instigating violence."'
    )
    assert speakers(text) == ["Abdul Amir al-Shammari"]


def test_whom_an_agency_quoted_and_a_verb_of_feeling_give_the_speaker():
    text = 'SANA quoted the Latakia health directorate reporting "three deaths and 60 injuries" in the attacks.'
    assert speakers(text) == ["Latakia health directorate"]
    assert speakers('"My daughter is wounded, in front of my eyes," lamented Layla Suleiman on Tuesday.') == [
        "Layla Suleiman"
    ]


def test_a_monitor_described_as_the_speaker_is_the_monitor_the_report_names():
    said = speakers(
        "The Syrian Observatory for Human Rights said extremists attacked an army post. At least 11 soldiers were "
        'killed, the Britain-based Observatory said.\n\nThe war monitor said "two extremists took their own lives".'
    )
    assert said == ["Syrian Observatory for Human Rights"]
