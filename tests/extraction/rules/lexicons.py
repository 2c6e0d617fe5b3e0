"""The small lexicons and helpers the rule tests share: each helper runs the extractor on a sentence
and returns the part of its proposal one kind of rule is about (figures, roles, places, dates...).
"""

from extraction.extract import extract
from extraction.lexicon import GroupEntry, Lexicon, PlaceEntry

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


def figures(text: str) -> list[tuple]:
    return [(c.outcome, c.category, c.min, c.max) for c in run(text).casualty_claims]


def people(text: str) -> list[str]:
    return [person.name for person in run(text).people]


def roles(text: str) -> dict[str, list[str]]:
    return {group.name: [role.role for role in group.roles] for group in run(text).groups}


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


def _claims(text: str) -> list[tuple]:
    return [(c.outcome, c.category, c.min, c.max, c.earlier_event, c.claimant) for c in run(text).casualty_claims]


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


def dated(text: str, published: str = "2024-06-24") -> list[tuple[str, str]]:
    return [(d.start, d.role) for d in run(text, published).dates]


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


def group_roles(text: str) -> dict[str, list[tuple[str, str]]]:
    return {g.name: [(r.role, r.attribution) for r in g.roles] for g in run(text).groups}


def people_of(text: str) -> list[tuple[str, str]]:
    return [(p.name, p.role_kind) for p in run(text).people]


def speakers(text: str) -> list[str]:
    return [s.speaker for s in run(text).statements]


def claimants(text: str) -> list[tuple[int, str]]:
    return [(c.min, c.claimant) for c in run(text).casualty_claims]


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


def posts(text: str) -> list[tuple[str, str]]:
    return [(person.name, person.role_kind) for person in run(text).people]


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
        PlaceEntry(13, "Rif Dimashq", "governorate", "SY", "Syria", "SY-RD", "Rif Dimashq"),
    ],
    countries=[PlaceEntry(21, "Syria", "country", "SY", "Syria"), PlaceEntry(22, "Iraq", "country", "IQ", "Iraq")],
)


def areas(text: str) -> list[tuple[str, str]]:
    return [(p.name, p.kind) for p in extract(f"date 2024-01-05\n{text}", AREAS).places]


def post_kinds(text: str) -> dict[str, str]:
    return {p.name: p.role_kind for p in run(text).people}
