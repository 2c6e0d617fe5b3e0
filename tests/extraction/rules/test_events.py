"""Rules on the event's type and the means it used, each fitting a class of sentences seen in real reports."""

from extraction.extract import extract
from extraction.lexicon import GroupEntry, Lexicon
from tests.extraction.rules.lexicons import run


def test_what_hit_them_after_the_injury_is_this_event():
    proposal = run("Five soldiers were wounded at a base near Kirkuk after two rockets hit the base on Monday.")
    event = proposal.event_type
    assert (event.event_type, event.sub_event_type) == ("remote_violence", "shelling_missile")
    assert [m.means for m in proposal.means] == ["rocket"]
    # An earlier attack after which something happened stays background.
    proposal = run("The base was put on alert after a rocket attack last week.")
    assert proposal.event_type is None


def test_a_suicide_bomber_is_an_explosive_not_an_aircraft_and_old_means_are_not_this_events():
    proposal = run("A suicide bomber blew himself up inside the church on Sunday.")
    assert [m.means for m in proposal.means] == ["ied"]
    proposal = run("A drone struck a car near Qamishli on Thursday. In March 2023, rockets hit the same road.")
    assert [m.means for m in proposal.means] == ["drone"]


def test_a_drone_strike_called_an_airstrike_is_no_aircrafts():
    found = run("A Turkish drone struck a car near Sinjar. The airstrike killed two YBS fighters.")
    assert [m.means for m in found.means] == ["drone"]
    found = run("A drone struck a car near Sinjar, and warplanes later bombed the hills.")
    assert [m.means for m in found.means] == ["drone", "air_strike"]


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


def test_an_air_or_aerial_attack_is_an_air_strike():
    proposal = run("Four Syrian soldiers were killed in an Israeli overnight aerial attack near Damascus.")
    assert (proposal.event_type.event_type, proposal.event_type.sub_event_type) == (
        "remote_violence",
        "air_drone_strike",
    )
    assert [m.means for m in proposal.means] == ["air_strike"]
    assert [m.means for m in run("A drone air attack hit the base.").means] == ["drone"]


def test_the_perpetrator_is_the_one_the_earliest_words_name():
    found = run(
        "Three U.S. soldiers were killed when a drone hit their base on Sunday. The Islamic Resistance in Iraq claimed "
        "the attack. U.S. forces struck back at Kataib Hezbollah sites on Monday."
    ).event_type
    assert (found.perpetrator, found.target) == ("Islamic Resistance in Iraq", "United States Armed Forces")


def test_bullets_and_a_shooting_are_small_arms_but_not_shooting_down_a_drone():
    assert [m.means for m in run("Three people were wounded by bullets sprayed at protesters.").means] == ["small_arms"]
    assert [m.means for m in run("Four civilians were killed in a shooting at a cafe.").means] == ["small_arms"]
    assert "small_arms" not in [m.means for m in run("Air defences succeeded in shooting down the drone.").means]


def test_shots_firearms_and_an_exchange_of_fire_are_small_arms_and_so_is_a_clash_with_nothing_else_named():
    for sentence in (
        "Two men were shot near the market on Monday.",
        "The two tribes exchanged fire with light and medium weapons on Monday.",
        "Clashes broke out between the two tribes on Monday, killing one man.",
    ):
        assert [m.means for m in run(sentence).means] == ["small_arms"], sentence
    assert [m.means for m in run("A drone was shot down near the base on Monday.").means] == ["drone"]
    assert [m.means for m in run("Clashes followed a drone strike on the town on Monday.").means] == ["drone"]


def test_anti_aircraft_weapons_and_aircraft_carriers_are_no_air_strike():
    for sentence in (
        "Forces responded with anti-aircraft weapons and engaged the drone on Monday.",
        "The US sent two aircraft carriers to the region as rockets hit the base on Monday.",
    ):
        assert "air_strike" not in [m.means for m in run(sentence).means], sentence


def test_a_shooting_is_an_attack_but_shots_in_a_clash_are_the_clashs():
    for sentence in (
        "Unidentified gunmen shot and killed a delivery driver in Muqdadiya on Thursday.",
        "An Iraqi candidate survived an assassination attempt in Basra on Wednesday.",
        "Gunfire hit the campaign office of a candidate in Baghdad on Wednesday.",
    ):
        event = run(sentence).event_type
        assert (event.event_type, event.sub_event_type) == ("violence_against_civilians", "attack"), sentence
    event = run("Clashes broke out in the village on Monday, with heavy gunfire heard for hours.").event_type
    assert (event.event_type, event.sub_event_type) == ("battles", "armed_clash")
    # A drone shot down is no shooting.
    event = run("A drone was shot down over the base on Monday.").event_type
    assert event.event_type == "remote_violence"


def test_missiles_from_aircraft_and_a_strike_with_no_drone_are_an_air_strike():
    proposal = run("Israeli jets fired missiles at the airport on Monday. The missiles hit the runway.")
    event = proposal.event_type
    assert (event.event_type, event.sub_event_type) == ("remote_violence", "air_drone_strike")
    # Rockets named beside the missiles: fired from the ground.
    event = run("Missiles and rockets hit the base on Monday.").event_type
    assert event.sub_event_type == "shelling_missile"
    proposal = run("An Israeli strike on a building in Damascus killed two people on Monday.")
    assert [m.means for m in proposal.means] == ["air_strike"]
    proposal = run("An Israeli drone strike on a car in Damascus killed two people on Monday.")
    assert [m.means for m in proposal.means] == ["drone"]


def test_weapons_worn_or_seized_are_no_means_unless_the_belt_went_off():
    proposal = run("An airstrike killed three militants, one of whom was wearing an explosive belt, on Monday.")
    assert [m.means for m in proposal.means] == ["air_strike"]
    proposal = run("Troops raided the hideout on Monday and seized four rifles and ammunition.")
    assert [m.means for m in proposal.means] == []
    proposal = run("An airstrike hit the hideout; troops later found four rifles and two explosive belts there.")
    assert [m.means for m in proposal.means] == ["air_strike"]
    # What the dead bore is what was used; firefighters fought no gunfight.
    proposal = run("His body was found with a bullet wound, while firefighters put out the blaze.")
    assert [m.means for m in proposal.means] == ["small_arms"]
    proposal = run(
        "Troops raided a hideout on Monday; one of the militants was wearing an explosive belt, which he detonated."
    )
    assert [m.means for m in proposal.means] == ["ied"]


def test_skyrocketing_needs_and_aircraft_said_not_to_be_there_are_no_means():
    proposal = run("Protesters were shot on Monday as prices skyrocketed across the province.")
    assert "rocket" not in [m.means for m in proposal.means]
    proposal = run("A blast hit the base on Friday. The military said no drones or aircraft were detected over it.")
    assert [m.means for m in proposal.means] == []


def test_an_attack_on_a_party_figure_a_family_home_or_an_embassy_is_on_civilians():
    for sentence in (
        "On Monday, gunmen killed a senior Kurdistan Democratic Party figure in an attack in Kifri.",
        "Armed guards attacked the family home of a Peshmerga member in Dibis on Saturday.",
    ):
        event = run(sentence).event_type
        assert (event.event_type, event.sub_event_type) == ("violence_against_civilians", "attack"), sentence
    # An attack by fighters on fighters, a local official speaking, stays a clash.
    event = run("Fourteen fighters were killed in an attack by a Kurdish group, a local official said.").event_type
    assert (event.event_type, event.sub_event_type) == ("battles", "armed_clash")


def test_a_clash_named_with_arrests_is_the_event():
    event = run(
        "Protesters gathered on Friday demanding the release of activists arrested over earlier demonstrations, "
        "with clashes breaking out between protesters and security forces."
    ).event_type
    assert (event.event_type, event.sub_event_type) == ("battles", "armed_clash")
    event = run("Security forces arrested five suspects in Kirkuk on Friday.").event_type
    assert (event.event_type, event.sub_event_type) == ("strategic_developments", "arrests")


def test_a_bare_attack_whose_named_means_are_all_from_afar_is_a_strike():
    event = run("A gas field was attacked on Thursday. A storage tank was struck by a suspected drone.").event_type
    assert (event.event_type, event.sub_event_type) == ("remote_violence", "air_drone_strike")
    event = run("The army attacked the town on Monday. Mortar rounds hit several houses.").event_type
    assert (event.event_type, event.sub_event_type) == ("remote_violence", "shelling_missile")
    # Means of both kinds, or none, leave the attack on the ground.
    event = run("Fighters attacked the town on Monday. They came with rifles and a drone.").event_type
    assert (event.event_type, event.sub_event_type) == ("battles", "armed_clash")


def test_an_ambush_on_people_who_bear_no_arms_is_an_attack_on_civilians():
    event = run("Fifty-three people were killed on Friday in an ambush in central Syria blamed on the Islamic State.")
    assert (event.event_type.event_type, event.event_type.sub_event_type) == ("violence_against_civilians", "attack")
    event = run("Militants killed eight people, including two civilians, in an ambush on pro-government militiamen.")
    assert (event.event_type.event_type, event.event_type.sub_event_type) == ("battles", "armed_clash")
    # Storming a village is attacking its people; storming a post, fighting those who hold it.
    event = run("At least 20 unidentified gunmen stormed a village in Kirkuk province early Thursday.")
    assert (event.event_type.event_type, event.event_type.sub_event_type) == ("violence_against_civilians", "attack")
    event = run("Militants stormed an army post in Kirkuk province early Thursday.")
    assert (event.event_type.event_type, event.event_type.sub_event_type) == ("battles", "armed_clash")


def test_firing_at_protesters_is_an_attack_on_civilians_by_whoever_fired_past_a_which_clause():
    proposal = run("The SDF, which recently set up a base in the town, reportedly fired at the protesters on Friday.")
    event = proposal.event_type
    assert (event.event_type, event.sub_event_type, event.perpetrator) == (
        "violence_against_civilians",
        "attack",
        "Syrian Democratic Forces",
    )


def test_a_group_named_by_what_it_is_gives_way_to_the_armed_group_named_as_the_attacker():
    lexicon = Lexicon(
        groups=[
            GroupEntry(1, "Iran-aligned militias (unidentified)", ("pro-Iran militia",), kind="unidentified"),
            GroupEntry(2, "Kataib Hezbollah", ("Kata'ib Hezbollah",), "", "KH", "non_state"),
            GroupEntry(3, "Islamic Revolutionary Guard Corps", (), "", "IRGC", "state_force"),
        ]
    )
    text = "A pro-Iran militia claimed a drone attack on the base on Monday. Kataib Hezbollah also claimed the attack."
    assert extract(f"date 2024-01-05\n{text}", lexicon).event_type.perpetrator == "Kataib Hezbollah"
    # Not a state's forces blamed after it: the militia may be theirs, not them.
    text = "A pro-Iran militia claimed a drone attack on the base on Monday. Washington blamed the IRGC for the attack."
    assert extract(f"date 2024-01-05\n{text}", lexicon).event_type.perpetrator == "Iran-aligned militias (unidentified)"


def test_a_grenade_clubs_and_tear_gas_are_other_means():
    assert [m.means for m in run("A hand grenade exploded inside a home in Kirkuk on Thursday.").means] == ["other"]
    proposal = run("Security forces beat protesters with batons and used tear gas on Sunday.")
    assert [m.means for m in proposal.means] == ["other"]
    # A raid's haul of grenades is no means used.
    assert [m.means for m in run("Troops seized rifles and six hand grenades in a raid.").means] == []


def test_a_grenade_that_exploded_is_a_grenade_attack():
    event = run("A child was killed on Saturday by the explosion of a hand grenade thrown into a yard.").event_type
    assert (event.event_type, event.sub_event_type) == ("remote_violence", "grenade")


def test_battles_between_two_sides_are_a_clash_whatever_supports_them():
    event = run("Battles between Turkish-backed groups, supported by airstrikes, and Kurdish-led forces killed 37.")
    assert (event.event_type.event_type, event.event_type.sub_event_type) == ("battles", "armed_clash")


def test_a_night_of_clashes_just_past_is_the_event_not_background():
    found = run("The city is calm following a night of tension and clashes between factions and security forces.")
    assert (found.event_type.event_type, found.event_type.sub_event_type) == ("battles", "armed_clash")
    found = run("Calm returned after a day of heavy clashes in the town, residents said.")
    assert (found.event_type.event_type, found.event_type.sub_event_type) == ("battles", "armed_clash")
    # An earlier attack the event followed stays background.
    assert run("Security was tightened following an attack on a checkpoint.").event_type is None


def test_missiles_shot_down_a_warning_shot_and_shots_into_the_air_are_no_small_arms():
    for sentence in (
        "Air defences intercepted some of the missiles and shot them down, the army said.",
        "The drones fired a warning shot and then struck a convoy of trucks.",
        "Soldiers shot into the air to calm the situation.",
    ):
        assert "small_arms" not in [m.means for m in run(sentence).means], sentence
    assert [m.means for m in run("A policeman was shot at a checkpoint.").means] == ["small_arms"]


def test_a_drone_that_crashed_unarmed_is_a_development_not_a_strike():
    event = run(
        "An unidentified drone crashed near a Peshmerga base in Qushtapa on Sunday, causing no damage."
    ).event_type
    assert (event.event_type, event.sub_event_type) == ("strategic_developments", "other")
    event = run("An explosive-laden drone crashed near the town of Khabat on Monday.").event_type
    assert (event.event_type, event.sub_event_type) == ("remote_violence", "air_drone_strike")


def test_what_a_state_continues_to_carry_out_is_a_habit_not_the_events_means():
    text = (
        "Israeli artillery fired four shells at the outskirts of Koya town on Thursday.\n\n"
        "Israel continues to carry out ground incursions and air raids that have killed civilians."
    )
    assert [m.means for m in run(text).means] == ["artillery"]
