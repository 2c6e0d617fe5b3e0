"""Rules on who speaks a quotation when the words around it are more than a name and a verb: a statement's
issuer, a fronted topic, a long description, an opening phrase of time."""

from tests.extraction.rules.lexicons import speakers


def test_a_statement_posted_by_someone_is_theirs():
    text = (
        '"At 11pm an explosion was heard inside Baghdad International Airport," according to a statement posted on '
        "social X by the spokesman for the Joint Operations Command, Major General Tahseen Al Khafaji."
    )
    assert speakers(text) == ["Tahseen Al Khafaji"]
    # A report "from" a day names when it was written, not who wrote it.
    assert speakers('"The group showed no improvement," said the report from October 29.') == ["report from October 29"]


def test_a_topic_before_the_pronoun_is_not_the_speaker():
    text = (
        "The Oil Ministry said the refinery was operating. The refinery, it says, "
        "“did not sustain any incident as a result of the fall of foreign objects.”"
    )
    assert speakers(text) == ["Oil Ministry"]


def test_a_speaker_described_at_length_is_named_by_the_name():
    text = (
        "“The situation in Amedi is very bad,” Kamaran Osman, a member of CPT, a human rights organisation that "
        "monitors Turkey’s incursions in the Kurdistan region, said to The New Arab."
    )
    assert speakers(text) == ["Kamaran Osman"]


def test_an_opening_phrase_of_time_is_no_part_of_the_speaker():
    text = "Since the beginning of 2025, SOHR says it has “documented 126 ISIS operations” in the region."
    assert speakers(text) == ["SOHR"]


def test_an_article_alone_is_no_speaker():
    text = 'The jets struck a hideout after "three days of surveillance," according to a statement from the'
    assert speakers(text) == [""]


def test_words_quoted_with_no_verb_of_speech_are_the_sources_named():
    # The source named before, in the paragraph or the last.
    text = (
        "Rockets were fired from Syria at the Golan Heights, the Israeli Defence Force (IDF) said. "
        "In the second barrage, two rockets “crossed into Israeli territory” and one was intercepted."
    )
    assert speakers(text) == ["Israeli Defence Force (IDF)"]
    # The source the sentence itself names comes first.
    text = (
        "Two officials in Sinjar gave a toll of five dead.\n\nIn a statement, the Kurdistan region's counter-terrorism "
        "service gave a lower toll of “three fighters killed” in Sinjar."
    )
    assert speakers(text) == ["Kurdistan region's counter-terrorism service"]


def test_a_source_named_after_the_verb_may_open_with_an_article():
    text = (
        '"At least 16 civilians were killed" when "warplanes targeted civilian vehicles" at a roundabout in the city, '
        "said the Syrian Observatory for Human Rights, raising the overall toll in the fighting to 300."
    )
    assert speakers(text) == ["Syrian Observatory for Human Rights"] * 2


def test_an_aside_or_an_adverb_is_no_part_of_a_source():
    text = (
        "The Directorate of Counter Terrorism, affiliated with the KDP, has announced two deaths. "
        "The Observatory meanwhile said a fighter had been killed. "
        "This marks the first operation claimed by the factions since the truce. "
        "The drone struck “the US occupation base at Erbil Airport” on Sunday."
    )
    assert speakers(text) == ["Observatory"]
    text = (
        "The Directorate of Counter Terrorism is part of the Security Council, affiliated with the KDP, has announced "
        "two deaths.\n\nThe drone struck “the US occupation base at Erbil Airport” on Sunday."
    )
    assert speakers(text) == [""]


def test_of_two_people_who_speak_together_the_first_named_is_the_speaker():
    text = (
        "Defense Minister Yoav Gallant visited the northern border on Monday.\n\n"
        "Prime Minister Benjamin Netanyahu and Defense Minister Yoav Gallant said in a joint statement, "
        '"Israel will not allow the regime in Syria to harm the Druze community."'
    )
    assert speakers(text) == ["Benjamin Netanyahu"]


def test_what_someone_said_a_thing_was_and_a_bodys_report_are_theirs():
    text = (
        "The US military launched strikes in response to what defense officials said was a “clear and imminent "
        "threat” posed by those weapons, the Pentagon said this week."
    )
    assert speakers(text) == ["defense officials"]
    text = (
        "The Syrian Observatory for Human Rights (SOHR) reported the attack. According to the SOHR report, "
        '"an SDF member was killed, and four others were injured after their car was attacked."'
    )
    assert speakers(text) == ["Syrian Observatory for Human Rights"]


def test_the_group_or_it_after_a_source_named_since_the_last_armed_group_is_that_source():
    text = (
        "Two journalists were killed covering fighting between Kataib Hezbollah and U.S. forces, AFP reported.\n\n"
        "They were killed near the dam, the Dicle Fırat Journalists’ Association said.\n\n"
        "“We condemn this attack on our colleagues and demand accountability,” the group said."
    )
    assert speakers(text) == ["Dicle Fırat Journalists’ Association"]
    text = (
        "Two grenades exploded at a company's showroom in Baghdad, the Iraq Security Media Cell said. "
        "“Such actions are a desperate attempt to harm Iraq,” the statement added.\n\n"
        "It vowed that security forces will “pursue and reach anyone who disrupts security”."
    )
    assert speakers(text) == ["Iraq Security Media Cell"] * 2


def test_a_quoted_name_in_the_frame_a_clause_after_the_quotation_and_a_subject_that_did_not_say():
    text = (
        'US President Donald Trump, in a post on his platform "Truth Social" last Monday, urged Israel to maintain '
        'a "strong and real dialogue" with Damascus.'
    )
    assert speakers(text) == ["Donald Trump"]
    text = (
        "The Syrian military accused insurgents “backed by known international forces” of carrying out the attack "
        "and said “it will respond with full force”."
    )
    assert speakers(text)[0] == "Syrian military"
    text = (
        "SANA did not say what sites were targeted, but the Observatory said pro-Iran forces and a "
        '"scientific research centre" were present in the areas.'
    )
    assert speakers(text) != ["SANA did not"]


def test_the_statement_named_paragraphs_after_its_issuer_is_the_issuers():
    text = (
        "Militants attacked U.S. forces' suppliers in Baghdad on Thursday, the government said.\n\n"
        "Two grenades exploded at a showroom, the Iraq Security Media Cell said.\n\n"
        "Both explosions caused only material damage, it added.\n\n"
        "“Such actions are a desperate attempt to harm Iraq,” the statement added."
    )
    assert speakers(text) == ["Iraq Security Media Cell"]


def test_the_statement_cited_after_another_mention_of_it_is_its_issuers():
    text = (
        '"The enemy struck the airport," the Syrian Defense Ministry said in a statement. It added that the damage '
        'closed the runway. "It will no longer be possible to land," the statement continued, adding that U.S. forces '
        'had hit the tarmac. "Aid shipments have been diverted to Latakia," the statement added.'
    )
    assert speakers(text) == ["Syrian Defense Ministry"] * 3
    text = (
        "The Popular Mobilization Forces announced on Sunday that a unit thwarted an attack near Sinjar. According to "
        "the statement, the force intercepted a PKK cell. It was noted that the force compelled "
        '"the remnants to flee towards the orchards."'
    )
    assert speakers(text) == ["Popular Mobilization Forces"]


def test_how_a_group_spoke_after_its_description_is_no_source():
    text = (
        "The Islamic Resistance in Iraq, an umbrella group of armed factions, in a statement published on its Telegram "
        'channel claimed the attack on the base. It said the projectiles "directly hit their targets."'
    )
    assert speakers(text) == ["Islamic Resistance in Iraq"]


def test_a_ministry_statement_is_the_ministry_named_before():
    text = (
        "A Turkish soldier was killed in northern Iraq, the National Defense Ministry said on Tuesday. "
        '"Our comrade-in-arms was martyred in the attack," a ministry statement said.'
    )
    assert speakers(text) == ["National Defense Ministry"]


def test_the_rights_group_is_the_monitor_the_report_names():
    text = (
        "The Syrian Observatory for Human Rights (SOHR) counted the dead. "
        '"IS cells executed 54 members of regime forces near Kaziya," the rights group said in a statement.'
    )
    assert speakers(text) == ["Syrian Observatory for Human Rights"]


def test_it_said_after_a_source_named_after_a_quotation_inside_its_sentence():
    text = (
        "The IS group “attacked about 75 people on Saturday while they were collecting truffles,” the Britain-based "
        "Syrian Observatory for Human Rights said.\n\nThe attack killed “10 civilians, including a woman,” it said."
    )
    assert speakers(text) == ["Britain-based Syrian Observatory for Human Rights"] * 2


def test_a_man_accused_of_the_quoted_words_and_a_clause_told_before_its_source_are_no_speakers():
    text = (
        "According to the ministry, police in the town also arrested another man accused of “shooting at our "
        "forces yesterday while they were executing the warrant.”"
    )
    assert speakers(text) == ["the ministry"]
    text = (
        "The fighters were targeted in the border zone, the ministry said, adding: “We are determined to eradicate "
        "terrorism at its roots.”"
    )
    assert speakers(text) == ["the ministry"]


def test_what_a_body_is_made_of_and_an_outlet_before_a_slash_are_no_part_of_the_speaker():
    text = (
        'The "Islamic Resistance in Iraq," comprising armed Shiite factions, announced on Friday that it launched a '
        'drone attack. A statement mentioned that the base "was targeted by drones."'
    )
    assert speakers(text) == ["Islamic Resistance in Iraq"]
    text = 'The Islamic Resistance in Iraq, comprising armed Shiite factions, said "it launched a drone attack."'
    assert speakers(text) == ["Islamic Resistance in Iraq"]
    text = 'Shafaq News / A security source said on Monday that the drone "hit a house in the village."'
    assert speakers(text) == ["security source"]


def test_a_body_that_indicated_the_toll_speaks_on_in_the_next_quotation():
    text = (
        "The rescue group indicated a child was killed as a result of the Kataib Hezbollah shelling of the town. "
        "“Four civilians were wounded in the shelling of the market,” it added."
    )
    assert speakers(text) == ["rescue group"]


def test_a_subject_characterising_something_as_a_quotation_speaks_it():
    text = "The Asayish characterized the attacks as “a futile attempt to undermine stability and spread chaos.”"
    assert speakers(text) == ["Asayish"]
    assert speakers("The ministry termed the strike “a flagrant violation of sovereignty.”") == ["The ministry"]
