"""A lexicon built by hand, for the extraction tests that run without the database."""

from extraction.lexicon import GroupEntry, Lexicon, PersonEntry, PlaceEntry

HAND_LEXICON = Lexicon(
    places=[
        PlaceEntry(
            1,
            "Erbil",
            "populated_place",
            "IQ",
            "Iraq",
            "IQ-AR",
            "Erbil",
            36.19,
            44.01,
            1_600_000,
            ("Arbil", "Irbil"),
            "أربيل",
        ),
        PlaceEntry(
            2,
            "Al Asad Air Base",
            "military_base",
            "IQ",
            "Iraq",
            "IQ-AN",
            "Al Anbar",
            33.79,
            42.44,
            0,
            ("Ain al-Asad", "Ayn al-Asad"),
            "قاعدة عين الأسد الجوية",
        ),
        PlaceEntry(
            3, "Hīt", "populated_place", "IQ", "Iraq", "IQ-AN", "Al Anbar", 33.64, 42.83, 31_901, ("Hit",), "هيت"
        ),
    ],
    governorates=[
        PlaceEntry(10, "Erbil", "governorate", "IQ", "Iraq", "IQ-AR", "Erbil", alternate_names=("Arbil", "Irbil"))
    ],
    groups=[
        GroupEntry(5, "Kataib Hezbollah", ("Kata'ib Hizballah",), "كتائب حزب الله", "KH"),
        GroupEntry(6, "Islamic State", ("ISIS", "Daesh"), "", "IS"),
    ],
    people=[PersonEntry(7, "Abu Ali al-Askari", ("Abu Ali al Askari",))],
)
