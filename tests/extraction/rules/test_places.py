"""Rules on places, gazetteer spellings, sites and regions, each fitting a class of sentences seen in real reports."""

import pytest

from extraction.extract import extract
from extraction.lexicon import Lexicon, PlaceEntry, build_lexicon, matching_key, skeleton
from incidents.demo import ensure_geodata
from tests.extraction.rules.lexicons import AREAS, areas, place_names, places, run


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
    # A given name alone is a person's, not the base's.
    assert places("The attack occurred as Ali ventured into the area.") == []


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


def test_a_place_noun_with_of_makes_a_place_whatever_comes_before():
    assert places("Kirkuk is claimed by the autonomous northern region of Kurdistan.") == [("Kurdistan", False)]
    assert places("The strikes hit the outskirts of the town of Tel Abyad.") == [("Tel Abyad", False)]
    assert places("The region of The Levant was named.") == []


def test_a_road_between_two_towns_names_both():
    assert place_names("Gunmen ambushed a patrol on the Baiji-Tikrit road at night.") == ["Bayjī", "Tikrit"]


def test_a_sites_name_keeps_its_noun_and_a_quarters_does_not():
    assert place_names("A drone hit the Khurmala oil field and the Arbat airport.") == [
        "Khurmala oil field",
        "Arbat airport",
    ]
    assert place_names("Rockets fell on the Gaza Strip and the Zayouna neighborhood.") == ["Gaza Strip", "Zayouna"]


def test_names_listed_with_a_plural_province_noun_are_governorates():
    assert areas("Reinforcements came from several governorates, including Hama and Homs.") == [
        ("Hama", "governorate"),
        ("Homs", "governorate"),
    ]
    assert areas("Parts of the neighbouring Hama and Homs provinces were shelled.") == [
        ("Hama", "governorate"),
        ("Homs", "governorate"),
    ]
    assert areas("Such clashes are frequent in the central provinces of Hama and Homs.") == [
        ("Hama", "governorate"),
        ("Homs", "governorate"),
    ]
    # The plural noun capitalised as a title: "the Hama and Homs Governorates".
    assert areas("The hideout lies on the border between the Hama and Homs Governorates.") == [
        ("Hama", "governorate"),
        ("Homs", "governorate"),
    ]
    assert areas("A shell hit a house in Homs.") == [("Homs", "populated_place")]


def test_names_listed_with_one_only_a_governorate_bears_are_governorates():
    assert areas("The group attacks areas of Homs, Hama and Rif Dimashq.") == [
        ("Homs", "governorate"),
        ("Hama", "governorate"),
        ("Rif Dimashq", "governorate"),
    ]
    # Not a town and its governorate after a comma, nor a list of towns alone.
    assert areas("A car bomb went off in Homs, Rif Dimashq, on Monday.") == [
        ("Homs", "populated_place"),
        ("Rif Dimashq", "governorate"),
    ]
    assert areas("Shells hit Homs and Hama.") == [("Homs", "populated_place"), ("Ḩamāh", "populated_place")]


def test_a_name_after_a_rural_area_of_is_the_governorate():
    assert areas("Artillery hit a village in the western rural area of Homs.") == [("Homs", "governorate")]


def test_a_country_owning_a_place_or_heading_a_site_is_a_place():
    assert ("Syria", "country") in areas("At least 18 were killed in clashes in Syria's Sweida.")
    assert areas("A drone hit a major Iraq gas field.") == [("Iraq", "country")]
    assert areas("Syria: a blast hit a market.") == [("Syria", "country")]
    assert areas("Syria's government said the blast was an attack.") == []
    # The country after a place and a comma is the place's: "western Homs, Syria, between ...".
    assert areas("On Thursday, clashes erupted in western Homs, Syria, between two groups.") == [
        ("Homs", "populated_place"),
        ("Syria", "country"),
    ]
    # A country's airports, coast, ports and mountains are in it.
    assert areas("Missiles struck Syria's international airport in the north.") == [("Syria", "country")]
    assert areas("Warplanes flew along Syria's coast on Monday.") == [("Syria", "country")]


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
    # The mountain areas of Turkey's Claw operations, with no point to put them at.
    found = run(
        "The soldier was wounded in the Claw-Lock zone, which covers the Metina, Zap and Avasin-Basyan regions."
    )
    assert [(p.name, p.matched, p.latitude) for p in found.places] == [
        ("Metina", False, None),
        ("Zap", False, None),
        ("Avasin-Basyan", False, None),
    ]


def test_a_named_desert_is_a_place_with_its_noun():
    assert places("Truffle hunters were killed in the Badia desert east of Palmyra.") == [("Badia desert", False)]
    assert places("The desert around the town is vast.") == []


def test_a_quarter_after_a_citys_possessive_a_quoted_village_and_mountains():
    assert places("The clash broke out in Baghdad's Rusafa district on Sunday.") == [("Rusafa", False)]
    assert places('The drone struck a car in the village of "Kani Kand" on Tuesday.') == [("Kani Kand", False)]
    assert places("The raid in the Hamrin Mountains killed nine.") == [("Hamrin Mountains", False)]
    assert places("Two explosions on the Nafus hill killed a girl.") == [("Nafus hill", False)]


def test_a_town_named_before_its_road_is_a_place_and_no_person():
    found = run("Gunmen shot dead four members of the security forces on the Maaret al Numan road on Sunday.")
    assert [(p.name, p.matched) for p in found.places] == [("Maaret al Numan", False)]
    assert found.people == []


def test_a_named_region_with_its_article_is_the_same_place():
    found = run("The Kurdistan Region said a drone hit a car. A drone hit a village in the Kurdistan Region.").places
    assert [(p.name, len(p.spans)) for p in found] == [("Kurdistan Region", 2)]


def test_a_nationality_after_near_names_no_place():
    assert areas("An Israeli strike hit a truck near the Lebanese border on Monday.") == []
    assert areas("The blast site is near the Iranian embassy in the capital.") == []


def test_a_ministrys_portfolio_is_no_place_spelled_otherwise():
    # "Interior" has the consonants of a spelling of Daraa ("Ntaraa"); a portfolio is no place.
    daraa = PlaceEntry(1, "Dar‘ā", "populated_place", "SY", "Syria", "SY-DR", "Dar‘ā", 32.62, 36.1, 97_969, ("Ntaraa",))
    found = extract("date 2025-12-19\nThe Ministry of Interior said the attack was criminal.", Lexicon(places=[daraa]))
    assert found.places == []


def test_a_seat_of_government_named_for_its_government_is_no_place():
    seats = Lexicon(
        places=[
            PlaceEntry(1, "Baghdad", "populated_place", "IQ", "Iraq", "IQ-BG", "Baghdad", 33.34, 44.4, 5_672_513),
            PlaceEntry(2, "Erbil", "populated_place", "IQ", "Iraq", "IQ-AR", "Erbil", 36.19, 44.01, 932_800),
            PlaceEntry(3, "Damascus", "populated_place", "SY", "Syria", "SY-DI", "Dimashq", 33.51, 36.29, 1_569_394),
        ]
    )

    def named(text):
        return [p.name for p in extract(f"date 2024-01-05\n{text}", seats).places]

    for text in (
        "Armed groups linked to the Damascus government attacked the village.",
        "The strike was likely carried out by Damascus ally Russia.",
        "The area is disputed between Erbil and Baghdad.",
        "Erbil and Baghdad reached an agreement in 2020.",
        "Kurdish officials urged Baghdad to respond.",
        "Major General Ali Fadel told the outlet Baghdad Today that the attack took place on Monday.",
        'Trump urged Israel to maintain a "strong and real dialogue" with Damascus.',
        "Kurdish officials held talks with Baghdad on the salaries.",
    ):
        assert named(text) == [], text
    # Put on a map by a preposition, they are the cities.
    assert named("Drones struck bases in Baghdad and Erbil on Monday.") == ["Baghdad", "Erbil"]


def test_every_name_after_a_plural_place_noun_and_one_after_a_described_area_are_places():
    assert places("Drones struck sites in the villages of Banawyan, Shekha Lamarin, Kani Miran, and Saliawa.") == [
        ("Banawyan", False),
        ("Shekha Lamarin", False),
        ("Kani Miran", False),
        ("Saliawa", False),
    ]
    assert places("A landmine exploded in the mountainous area of Saroka on Saturday.") == [("Saroka", False)]
    # One village: the name after it only.
    assert places("Shells hit the village of Banawyan, Kurdish media said.") == [("Banawyan", False)]


def test_every_name_of_a_plural_place_noun_with_of_is_a_place_whatever_comes_before():
    assert places("Turkish forces are shelling the villages of Haj Hussein and Sheikh Mahshi.") == [
        ("Haj Hussein", False),
        ("Sheikh Mahshi", False),
    ]


def test_names_listed_before_a_plural_place_noun_or_after_one_and_including_are_places():
    assert places("Turkish warplanes have bombed the Bokriskan and Zargali areas.") == [
        ("Bokriskan", False),
        ("Zargali", False),
    ]
    assert places("Jets bombed several areas, including Warte, Raparin, and Mawat, on Sunday.") == [
        ("Warte", False),
        ("Raparin", False),
        ("Mawat", False),
    ]


def test_a_name_before_area_or_town_is_a_place_but_not_an_owner_or_a_people():
    assert places("A security source in the Raparin area said two were killed.") == [("Raparin", False)]
    assert places("Clashes broke out in the Al-Zarka area of the city.") == [("Al-Zarka", False)]
    assert places("The clash erupted in Thubyan town on Friday.") == [("Thubyan", False)]
    assert places("Rockets were fired from the country’s town of Zummar on Sunday.") == [("Zummar", False)]
    assert places("Gunmen shot two men in an Alawite town on Friday.") == []
    # A name with its noun capitalised is a name whole, a people's word in it or not.
    assert places("Truffle hunters went out into the vast Syrian Desert.") == [("Syrian Desert", False)]


def test_a_place_names_first_word_before_another_name_is_no_place_of_its_own():
    lexicon = Lexicon(
        places=[
            PlaceEntry(
                1, "At Tall", "populated_place", "SY", "Syria", "SY-RD", "Rif Dimashq", 33.61, 36.31, 50_000, ("Tal",)
            ),
            PlaceEntry(2, "Tall Tamr", "populated_place", "SY", "Syria", "SY-HA", "Al Hasakah", 36.66, 40.37, 0),
        ]
    )

    def named(text):
        return [p.name for p in extract(f"date 2024-01-05\n{text}", lexicon).places]

    # "Tal" alone would be At Tall, near Damascus; "Tal Tamr" is Tall Tamr, in Hasakah.
    assert named("A bomb hit a vehicle near Tal Tamr on Monday.") == ["Tall Tamr"]
    assert named("The villagers fled from Tal Shihab to the west.") == []
    assert named("Clashes broke out in Tal on Monday.") == ["At Tall"]


def test_a_country_the_title_names_is_a_place_though_the_body_names_only_its_towns():
    proposal = extract(
        "date 2024-01-05\nTitle: Landmine kills three children in Syria\n\nA mine went off in Homs.", AREAS
    )
    assert [(p.name, p.kind) for p in proposal.places] == [("Syria", "country"), ("Homs", "populated_place")]
    # A country that owns a place the title names: "ISIS ambush in Syria's Homs".
    proposal = extract("date 2024-01-05\nTitle: ISIS ambush in Syria's Homs\n\nA mine went off in Homs.", AREAS)
    assert [(p.name, p.kind) for p in proposal.places] == [("Syria", "country"), ("Homs", "populated_place")]
    # Only its countries: the title's town or province is the body's to place.
    proposal = extract("date 2024-01-05\nTitle: Blast in Homs\n\nA mine went off in the Homs countryside.", AREAS)
    assert [(p.name, p.kind) for p in proposal.places] == [("Homs", "governorate")]


def test_the_places_a_road_between_joins_and_towns_listed_after_including():
    assert places("The bomb went off on the road between Hazima and Qamishli on Friday.") == [
        ("Hazima", False),
        ("Al Qāmishlī", True),
    ]
    text = (
        "Tribal fighters captured several towns from the SDF in the eastern countryside, including Abu Hamam, "
        "Granij and al-Tayyana."
    )
    # ("Abu Hamam" is read as a person's kunya first.)
    assert places(text) == [("Granij", False), ("al-Tayyana", False)]


def test_an_outlet_named_after_a_place_is_no_place():
    assert places("Reports from Qamishli FM radio said Israeli forces shelled the hills.") == []
    assert places("Israeli forces shelled the hills near Qamishli, the radio said.") == [("Al Qāmishlī", True)]


def test_a_village_that_shares_a_persons_name_is_a_place():
    text = (
        "Bashir Sikiri, one of the village residents, told reporters the shelling went on all night. "
        "Residents of the village of Sikiri expressed their concern."
    )
    assert places(text) == [("Sikiri", False)]
    assert [p.name for p in run(text).people] == ["Bashir Sikiri"]


FAR_NAMESAKES = Lexicon(
    places=[
        PlaceEntry(
            1, "Al Qunayţirah", "populated_place", "SY", "Syria", "SY-QU", "Quneitra", 33.13, 35.82, 0, ("Quneitra",)
        ),
        PlaceEntry(2, "Ar Rawḑah", "populated_place", "SY", "Syria", "SY-TA", "Tartus", 35.03, 35.95),
        PlaceEntry(3, "Mexmur", "populated_place", "IQ", "Iraq", "IQ-AR", "Erbil", 35.78, 43.58, 0, ("Makhmur",)),
    ]
)


def far_places(text: str) -> list[tuple[str, bool]]:
    return [(p.name, p.matched) for p in extract(f"date 2025-12-05\n{text}", FAR_NAMESAKES).places]


def test_a_town_met_by_its_consonants_far_from_the_reports_places_is_another():
    # Ar Rawdah lies 210 km north of Quneitra: the village the report names has no point in the gazetteer.
    text = "An Israeli patrol set up a checkpoint on the road to the village of Al-Rawadi in Quneitra."
    assert far_places(text) == [("Al-Rawadi", False), ("Al Qunayţirah", True)]
    # With nothing to measure from, the spelling alone decides.
    assert far_places("An Israeli patrol set up a checkpoint at the village of Al-Rawadi.") == [("Ar Rawḑah", True)]
    # A spelling as close as "Makhmour" to "Makhmur" is taken wherever the report's other places are.
    assert far_places("A drone struck the camp near Makhmour. Another hit a car in Quneitra.") == [
        ("Mexmur", True),
        ("Al Qunayţirah", True),
    ]


@pytest.mark.django_db
def test_a_country_is_found_by_the_name_it_now_goes_by():
    ensure_geodata()
    found = extract(
        "date 2023-05-22\nHe took part in attacks in Türkiye's southeastern Sirnak province.", build_lexicon()
    )
    assert [(p.name, p.kind) for p in found.places if p.kind == "country"] == [("Turkey", "country")]


def test_a_name_with_a_place_noun_that_titles_an_outlet_is_no_place():
    assert places("Duhok police spokesperson Hemn Suleiman told The New Region that the attack was planned.") == []
    assert places("Unnamed US officials told the Wall Street Journal that Abdi was in the convoy.") == []
    # At a sentence's start, "The" is an article: "The Kurdistan Region" is the region.
    assert places("The Kurdistan Region was calm.") == [("Kurdistan Region", False)]
