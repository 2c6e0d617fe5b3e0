"""Rules on people, their titles, posts and kinds of role, each fitting a class of sentences seen in real reports."""

import datetime

from extraction.extract import extract
from extraction.lexicon import KnownPost, Lexicon, PersonEntry, PlaceEntry
from tests.extraction.rules.lexicons import people, people_of, post_kinds, posts, run


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
    # The list ends where a lower-case word comes: later names need evidence of their own (a common given name
    # opening them is such evidence).
    assert people("Police identified him as Ahmed Saleh, but Karrar Dawood Amir was not there.") == ["Ahmed Saleh"]


def test_a_bare_article_and_one_word_is_an_outlet_not_a_person():
    assert people("Al Jazeera reported that five people were killed.") == []
    assert people("Al Mayadeen said the strike hit a car.") == []


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


def test_a_place_before_a_title_is_part_of_the_title():
    people = run("Basra Governor Asaad al-Eidani also condemned the attack.").people
    assert [(p.name, p.title) for p in people] == [("Asaad al-Eidani", "Basra Governor")]


def test_the_ruler_a_regime_is_named_after_is_a_person():
    people = run("The town is held by the Bashar al-Assad regime and its allies.").people
    assert [p.name for p in people] == ["Bashar al-Assad"]


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


def test_the_head_of_a_media_office_is_a_spokesperson_and_of_a_directorate_an_official():
    people = run("Siamand Ali, head of the YPG media office, denied the reports on Tuesday.").people
    assert [(p.name, p.role_kind) for p in people] == [("Siamand Ali", "spokesperson")]
    people = run("Kawa Rasul, head of the Duhok health directorate, said the strike killed two.").people
    assert [(p.name, p.role_kind) for p in people] == [("Kawa Rasul", "official")]
    # The office's words before the title: "SDF media center head Farhad Shami".
    people = run("The Turkish occupation is escalating, SDF media center head Farhad Shami tweeted.").people
    assert [(p.name, p.role_kind) for p in people] == [("Farhad Shami", "spokesperson")]


def test_the_ruler_a_regime_is_named_after_holds_an_office():
    people = run("Part of the province is under the control of the Bashar al-Assad regime.").people
    assert [(p.name, p.role_kind) for p in people] == [("Bashar al-Assad", "official")]


def test_a_body_before_a_title_is_part_of_it_and_a_person_with_no_post_is_other():
    people = run("Syrian Health Minister Musab al-Ali said the hospital was full.").people
    assert [(p.name, p.title, p.role_kind) for p in people] == [("Musab al-Ali", "Syrian Health Minister", "official")]
    people = run("Ahmed Saleh, who lives near the base, told Reuters he heard two blasts.").people
    assert [(p.name, p.role_kind) for p in people] == [("Ahmed Saleh", "other")]
    people = run("Karim Aziz, a member of the powerful Barzani family, was arrested on Tuesday.").people
    assert [(p.name, p.role_kind) for p in people] == [("Karim Aziz", "other")]
    people = run("Duhok court spokesman, judge Salim Aziz, told reporters the warrant was issued.").people
    assert [(p.name, p.role_kind) for p in people] == [("Salim Aziz", "spokesperson")]


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
    # A governorate's head of security commands its forces; a council committee's head holds an office.
    assert people_of("Nizar Khalil, head of internal security in Latakia Governorate, said three were killed.") == [
        ("Nizar Khalil", "commander")
    ]
    assert people_of(
        "Karim Saleh, head of the security committee at the Salahaddin Provincial Council, said three were killed."
    ) == [("Karim Saleh", "official")]
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


def test_a_name_owning_a_groups_name_is_still_a_person():
    assert posts("Fighters were sent to support Syrian President Bashar Assad's forces.") == [
        ("Bashar Assad", "official")
    ]


def test_lowercase_posts_ages_and_fates_mark_a_name_as_a_persons():
    assert posts("Rebels overthrew longtime president Bashar al-Assad in December.") == [
        ("Bashar al-Assad", "official")
    ]
    assert posts("Ali Jamil, 44, succumbed to his injuries.") == [("Ali Jamil", "other")]
    # An age in brackets, after a name that opens with a town's ("Khabat" is a town near Erbil).
    assert posts("Three civilians, Khabat Adham (28) among them, were injured.") == [("Khabat Adham", "other")]
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


def test_a_states_commander_in_chief_holds_an_office():
    assert post_kinds("The raid was ordered by the country’s Commander-in-Chief Mohammed Shia al-Sudani.") == {
        "Mohammed Shia al-Sudani": "official"
    }
    assert post_kinds(
        "Prime Minister Mohammed Shia al-Sudani, also commander-in-chief of the Iraqi forces, ordered a probe."
    ) == {"Mohammed Shia al-Sudani": "official"}


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


def test_the_dead_a_group_identifies_are_its_members():
    proposal = run(
        "The Islamic Revolutionary Guard Corps said an air strike killed four of its advisers. It later identified "
        "the people killed as Hojjatollah Omidvar, Ali Aghazadeh and Hossein Mohammadi."
    )
    assert {(p.name, p.role_kind, p.group) for p in proposal.people} == {
        (name, "member", "Islamic Revolutionary Guard Corps")
        for name in ("Hojjatollah Omidvar", "Ali Aghazadeh", "Hossein Mohammadi")
    }


def test_a_post_with_its_article_before_a_name_and_a_speaker_from_a_body():
    people = run(
        "In a post on X, the spokesperson Jaafar al-Husseini called for calm. Kamran Othman from the US-based "
        "Community Peacemaker Teams group monitoring Turkish operations in the region, confirmed the attack."
    ).people
    assert [(p.name, p.role_kind) for p in people] == [
        ("Jaafar al-Husseini", "spokesperson"),
        ("Kamran Othman", "other"),
    ]


def test_a_surname_after_a_title_of_its_own_is_a_person_and_a_resolution_is_not():
    people = run(
        "Rep. Matt Gaetz (R-FL) introduced a War Powers Resolution that would have ordered President Biden to "
        "withdraw. President Assad fled to Moscow. Bashar al-Assad was toppled in December. Biden said so."
    ).people
    assert [(p.name, p.role_kind, len(p.spans)) for p in people] == [
        ("Matt Gaetz", "official", 1),
        ("Biden", "official", 2),
        ("Bashar al-Assad", "official", 2),
    ]


def test_the_leader_of_a_terrorist_organisation_leads_it():
    people = run("The strike killed Abu Khadija, the leader of the terrorist organisation in Iraq.").people
    assert [(p.name, p.role_kind) for p in people] == [("Abu Khadija", "leader")]


def test_the_dead_listed_by_name_are_people():
    assert people(
        "Three of the dead were women, Warda Mustaf Tamimi and Hayat Jassim Tamimi. The other dead were Maysam "
        "Ismail Mahmoud and Ali Mohammed."
    ) == ["Warda Mustaf Tamimi", "Hayat Jassim Tamimi", "Maysam Ismail Mahmoud", "Ali Mohammed"]
    assert people("A security source confirmed that the victim was Akbar Haji Rostam, a well-known figure.") == [
        "Akbar Haji Rostam"
    ]


def test_a_surname_two_people_share_is_the_one_named_last_before_it():
    proposal = run(
        "The attack hit the relatives of Sheikh Mustaf Tamimi.\n\nAdnan Tamimi, a figure of the tribe, told "
        'KirkukNow that a bomb exploded.\n\n"The sheikh\'s daughter and brother were among the victims," Tamimi said.'
        '\n\nThe dead were Warda Tamimi and Ali Mohammed.\n\n"We are waiting for the investigation," Tamimi added.'
    )
    # Who spoke before speaks again, not the last of the dead to be named.
    assert [s.speaker for s in proposal.statements] == ["Adnan Tamimi", "Adnan Tamimi"]
    assert [len(p.spans) for p in proposal.people] == [1, 3, 1, 1]


def test_a_ruler_whose_fall_is_named_holds_an_office_and_an_operation_is_no_person():
    assert post_kinds(
        "Aleppo has been under the new authorities since the toppling of former leader Bashar al-Assad. The "
        "escalation follows the departure of Bashar al Assad, who fled to Russia."
    ) == {"Bashar al-Assad": "official"}
    assert post_kinds("Protesters waved the flag of the uprising against the regime of Bashar al-Assad.") == {
        "Bashar al-Assad": "official"
    }
    assert people("CENTCOM said the operation, dubbed Operation Hawkeye Strike, involved fighter jets.") == []


def test_names_with_accented_letters_and_a_speaker_of_an_outlet_without_an_article():
    assert people(
        "Nazım Daştan and Cihan Bilgin were killed on Thursday near the Tishrin dam. Rayan Maarouf of Suwayda24, "
        "an outlet run by citizen journalists, said the men were smugglers."
    ) == ["Nazım Daştan", "Cihan Bilgin", "Rayan Maarouf"]


def test_a_byname_in_quotation_marks_inside_a_name_and_an_officer_heading_a_force():
    proposal = run(
        "“ISIS continues to represent a threat to the region and beyond,” CENTCOM head Gen. Michael “Erik” Kurilla "
        "said in the statement."
    )
    assert [(p.name, p.role_kind) for p in proposal.people] == [("Michael Kurilla", "commander")]
    assert [s.speaker for s in proposal.statements] == ["Michael Kurilla"]


def test_a_name_opening_with_a_common_given_name_is_a_persons_but_not_a_roads():
    assert people(
        "The wounded man, Khaled Jalaout, was taken to hospital. The convoy passed along Ali Farou Road."
    ) == ["Khaled Jalaout"]


def test_a_governorate_or_heights_named_like_a_person_is_a_place():
    assert people("Clashes broke out in Latakia Governorate on Sunday.") == []
    assert people(
        "The strike hit a car close to the Israeli-annexed Golan Heights, the Observatory head Rami Abdel Rahman said."
    ) == ["Rami Abdel Rahman"]


def test_the_members_a_group_identified_as_martyrs_are_its_members():
    assert post_kinds(
        "Hezbollah's military media identified the Hezbollah members killed in Syria as martyr Hussein Ali Al-Dirani, "
        "born in 1986."
    ) == {"Hussein Ali Al-Dirani": "member"}
    # "The soldier, identified as Ali Demir": the noun of the subject identified.
    assert post_kinds("The soldier, identified as Ali Demir, was wounded by hostile fire on Thursday.") == {
        "Ali Demir": "member"
    }
    assert post_kinds("A Turkish soldier was killed on Thursday. The soldier was identified as Vedat Zorba.") == {
        "Vedat Zorba": "member"
    }


def test_an_armed_groups_secretary_general_leads_it_and_a_countrys_interim_leader_holds_office():
    assert post_kinds(
        "Qais al-Khazali, secretary general of Asa'ib Ahl al-Haq group, condemned the killing. Ahmed al-Sharaa, "
        "Syria's interim leader, said the army would respond."
    ) == {"Qais al-Khazali": "leader", "Ahmed al-Sharaa": "official"}


def test_a_capitalised_post_after_a_name_a_chief_of_staff_and_a_rebel_leader():
    assert post_kinds("Nebil Issa, Deputy Commander of Kirkuk Operations, said they received intelligence.") == {
        "Nebil Issa": "commander"
    }
    assert post_kinds("The Chief of Staff of the Iraqi Army, Abdul Amir Yarallah, visited the area.") == {
        "Abdul Amir Yarallah": "commander"
    }
    assert post_kinds("The Eighth Brigade, a group headed by former rebel leader Ahmad Al-Awda, was dissolved.") == {
        "Ahmad Al-Awda": "leader"
    }
    assert [(p.name, p.role) for p in run("Minister of Foreign Affairs Fuad Hussein condemned the attack.").people] == [
        ("Fuad Hussein", "Minister of Foreign Affairs")
    ]


def test_a_name_given_as_of_a_unit_a_group_or_a_state_body():
    assert post_kinds(
        "The blast killed Jumaa Ahmed Al-Jughaifi of the 57th Brigade as he was on duty. Hassan Ali of Kataib "
        "Hezbollah was wounded. Dr. Diyar Ibrahim of the Raparin health directorate gave other figures. Ahmed "
        "Saleh of Mosul said he saw it."
    ) == {
        "Jumaa Ahmed Al-Jughaifi": "member",
        "Hassan Ali": "member",
        "Diyar Ibrahim": "official",
        "Ahmed Saleh": "other",
    }


def test_a_town_manager_a_secretary_general_a_representative_and_a_police_chief():
    assert post_kinds(
        "Sidekan Town Manager Ihsan Celebi said the man was 34. The movement denied that Secretary-General Ziyad "
        "al-Nakhalah was targeted. Ismail al-Sandaoui, a representative of the movement in Syria, denied it. The "
        "officer is in good condition, Kirkuk's Police Chief Kawa Ghareeb told Rudaw."
    ) == {
        "Ihsan Celebi": "official",
        "Ziyad al-Nakhalah": "leader",
        "Ismail al-Sandaoui": "spokesperson",
        "Kawa Ghareeb": "commander",
    }


def test_a_tribes_chief_heads_no_armed_group():
    assert post_kinds("A drone killed Hussein Aloush, chief of the Bayati tribe, in front of his home.") == {
        "Hussein Aloush": "other"
    }


def test_who_leads_a_movement_and_a_lower_case_post_alone_before_a_name():
    assert post_kinds(
        "The bloc represents the Asaib Ahl al-Haq movement led by Qais al-Khazali. Assailants set fire to the "
        "office of lawmaker Mahma Khalil Ali Agha."
    ) == {"Qais al-Khazali": "leader", "Mahma Khalil Ali Agha": "official"}


def test_a_relative_a_child_or_a_publisher_before_a_name_and_an_age_in_brackets_mark_a_person():
    assert people(
        "Al-Mada publisher Fakhri Karim survived the attack. Karim and his wife, Ghada Al-Amily, were uninjured. "
        "Gunmen kidnapped the child Hiba Yahya Hammam (13 years old) on March 4."
    ) == ["Fakhri Karim", "Ghada Al-Amily", "Hiba Yahya Hammam"]


def test_who_founded_a_group_leads_it():
    assert post_kinds("The PKK, founded in 1978 by Abdullah Ocalan, seeks autonomy.") == {"Abdullah Ocalan": "leader"}
    # The post shown to staff is a post, not the words that gave it.
    assert [p.role for p in run("The PKK, founded in 1978 by Abdullah Ocalan, seeks autonomy.").people] == ["leader"]


def test_one_of_a_groups_leaders_commands_and_the_head_of_an_office_holds_a_post():
    assert post_kinds(
        "US forces killed Abd-al-Hadi Mahmud al-Haji Ali, a senior ISIS leader in Syria. IS announced the "
        "death of its leader Abu al-Hussein al-Husseini al-Qurashi."
    ) == {"Abd-al-Hadi Mahmud al-Haji Ali": "commander", "Abu al-Hussein al-Husseini al-Qurashi": "leader"}
    assert post_kinds(
        "Rabar Anwar, head of Erbil's Mine Affairs Office, told 964media the blast killed a shepherd. Murhaf Abu "
        "Qasra, chief of the Syrian defence authorities, declared a ceasefire."
    ) == {"Rabar Anwar": "official", "Murhaf Abu Qasra": "official"}


def test_a_district_administrator_or_commissioner_before_a_name_holds_an_office():
    assert post_kinds(
        "Penjwen District Administrator Zana Rahman confirmed the shelling. Baiji District Commissioner Adil Ahmed "
        "told 964media the drones appeared."
    ) == {"Zana Rahman": "official", "Adil Ahmed": "official"}


def test_a_candidate_before_a_name_marks_a_person():
    assert post_kinds("The arson followed the assassination of Sovereignty Alliance candidate Safa al-Mashhadani.") == {
        "Safa al-Mashhadani": "other"
    }


def test_a_name_after_an_outlets_possessive_and_a_verb_of_speech_is_its_reporter():
    assert post_kinds(
        "The officer is in good condition, the police chief told Rudaw’s Hardi Mohammed. It is a war of "
        "intelligence, said Al Jazeera's Resul Serdar, reporting from Tehran."
    ) == {"Hardi Mohammed": "other", "Resul Serdar": "other"}


def test_the_head_of_a_monitor_named_by_its_initials_or_as_its_owner_is_no_official():
    assert posts("The observatory's director, Rami Abdul Rahman, told AFP that the airports were closed.") == [
        ("Rami Abdul Rahman", "other")
    ]
    assert posts("Rami Abdulrahman, head of the UK-based SOHR, stated that all the victims were civilians.") == [
        ("Rami Abdulrahman", "other")
    ]
    # The owner before a post is part of it: the army's commander commands.
    assert posts("The army's commander, Ahmed Salim, said the operation went on.") == [("Ahmed Salim", "commander")]


KNOWN = Lexicon(
    people=[
        PersonEntry(
            1,
            "Abu Hasan al-Hashimi al-Qurashi",
            posts=(KnownPost("leader", "Islamic State", datetime.date(2022, 3, 10), datetime.date(2022, 10, 15)),),
        ),
        PersonEntry(
            2,
            "Hassan Nasrallah",
            posts=(KnownPost("leader", "Hezbollah", datetime.date(1992, 2, 16), datetime.date(2024, 9, 27)),),
        ),
        PersonEntry(
            3,
            "Ahmed al-Sharaa",
            ("Abu Mohammad Jolani",),
            posts=(
                KnownPost("leader", "Hay'at Tahrir al-Sham", datetime.date(2017, 1, 28), datetime.date(2025, 1, 29)),
                KnownPost("official", "", datetime.date(2025, 1, 29)),
            ),
        ),  # fmt: skip
    ]
)


def known_posts(text: str, published: str = "2025-03-01") -> list[tuple[str, str, str]]:
    return [(p.name, p.title, p.role_kind) for p in extract(f"date {published}\n{text}", KNOWN).people]


def test_a_known_persons_post_is_the_one_held_when_the_report_was_published():
    assert known_posts("Abu Mohammad Jolani spoke in Damascus.", "2024-12-01") == [("Ahmed al-Sharaa", "", "leader")]
    assert known_posts("Abu Mohammad Jolani spoke in Damascus.") == [("Ahmed al-Sharaa", "", "official")]
    # A title before an alias is the known person's, not a second person's.
    assert known_posts("President Abu Mohammad Jolani spoke in Damascus.") == [
        ("Ahmed al-Sharaa", "President", "official")
    ]
    # The fuller title of the name's run: "Secretary General", not "General".
    assert known_posts("Hezbollah Secretary General Hassan Nasrallah was killed in Beirut.", "2024-11-01") == [
        ("Hassan Nasrallah", "Hezbollah Secretary General", "leader")
    ]


def test_a_kunya_is_told_apart_by_its_second_word():
    assert known_posts(
        "Abu Hussein al-Qurashi led ISIS after the death of its previous leader, Abu Hasan al-Hashimi al-Qurashi.",
        "2023-05-01",
    ) == [("Abu Hussein al-Qurashi", "", "other"), ("Abu Hasan al-Hashimi al-Qurashi", "", "leader")]


def test_hyphenated_titles_a_communications_head_and_a_commissions_head():
    assert posts(
        "Lieutenant-Colonel Nawzad Ali, along with his driver, was killed at a checkpoint in Kirkuk on Tuesday."
    ) == [("Nawzad Ali", "commander")]
    assert posts("Mazen Hududi, communication head for the Mosul Police Command, said the blast killed four.") == [
        ("Mazen Hududi", "spokesperson")
    ]
    assert posts("Atta Mohammed, head of a reconstruction commission formed for Chamchamal, said aid went on.") == [
        ("Atta Mohammed", "official")
    ]


def test_people_credited_with_the_report_or_its_photo_are_people():
    assert people_of(
        "A drone hit the base on Monday. (Reporting by Amina Ismail; Editing by Nick Macfie and Jo Ross)"
    ) == [
        ("Amina Ismail", "other"),
        ("Nick Macfie", "other"),
        ("Jo Ross", "other"),
    ]
    assert people_of("A drone hit the base on Monday. Nzar Jaza contributed to this report.") == [
        ("Nzar Jaza", "other")
    ]
    assert people_of("A drone hit the base on Monday. (Photo: Baderkhan Ahmad/ AP)") == [("Baderkhan Ahmad", "other")]


def test_a_kunya_shaped_name_where_a_place_stands_is_no_person():
    for sentence in (
        "Five women and two children were killed in the village of Umm Tina in bombardment.",
        "Two men were injured by SDF strikes on the banks of the river near Abu Hamam.",
        "Children were playing near the shrine in the Abu Al-Khaseeb district, a source said.",
    ):
        assert people_of(sentence) == [], sentence
    # With a title it is a person still.
    assert people_of("Sheikh Abu Hamam said the village was shelled.") != []


def test_a_name_a_source_told_is_an_outlet():
    assert people_of("Suleiman Fakhri, editor-in-chief of Al-Raased, told Enab Baladi that the convoy left.") == [
        ("Suleiman Fakhri", "other")
    ]


def test_a_code_name_or_a_persons_noun_marks_a_person():
    assert [name for name, _ in people_of("Ömer Fırat, code-named Andok, was killed with two others.")] == [
        "Ömer Fırat"
    ]
    assert [
        name for name, _ in people_of("The attack killed specialist sergeant Alper Öcay and civilian Hıdır Şahin.")
    ] == [
        "Alper Öcay",
        "Hıdır Şahin",
    ]
    # From a place: "a citizen from Kafr Naya, nicknamed Abu Zakour" names where he is from.
    assert "Kafr Naya" not in [
        name for name, _ in people_of("They targeted the car of a citizen from Kafr Naya, nicknamed Abu Zakour.")
    ]
