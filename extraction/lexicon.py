"""The names the report extractor matches: gazetteer places, governorates, armed groups, known people.

`build_lexicon()` reads them from the database once into plain objects; `Lexicon` indexes them by
matching key. Tests may build a `Lexicon` by hand: nothing in it touches the database.
"""

import copy
import dataclasses
import datetime
import itertools
import re
from dataclasses import dataclass, field

from incidents.text import fold_arabic, normalise_name

_ARABIC_ARTICLE = re.compile(r"^ال(?=\S{2,})")
# Site names whose last words say what kind of site it is: "Harir Air Base" is also called "Harir base".
_SITE_SUFFIX = re.compile(
    r"\s+(air\s*base|airbase|air\s*field|airfield|army\s+air\s+field|base|garrison|airport|international\s+airport)$",
    re.IGNORECASE,
)
# The last word of a group's name when it is a noun with a number: Guard(s), militia(s), unit(s), force(s).
_PLURAL_HEAD = re.compile(r"\b(?:[Gg]uards?|militias?|[Uu]nits?|[Ff]orces?|[Bb]rigades?|[Gg]roups?|factions?)$")
# A description used as an unidentified actor's alias ("Iran-aligned militants"): its other wordings
# name it too ("Iranian-backed militias", "Iran-linked factions").
_BACKED = re.compile(
    r"^(?P<who>[A-Z][a-z]+)-(?:aligned|backed|linked|allied)\s+(?:militias?|militants|militia\s+groups|factions|groups)$"
)
# The words between such a patron and the noun, and the nouns: "Iran-backed Shiite paramilitary groups".
_QUALIFIERS = ("", "Shiite ", "Shia ", "Iraqi ", "Syrian ", "armed ", "Shiite armed ", "Iraqi armed ", "Iraqi Shiite ")
_MILITIA_NOUNS = (
    "militia",
    "militias",
    "militants",
    "militia groups",
    "militant groups",
    "factions",
    "armed factions",
    "groups",
    "armed groups",
    "paramilitary groups",
    "paramilitaries",
    "proxies",
    "proxy groups",
    "forces",
    "fighters",
    "gunmen",
)
_ADJECTIVES = {"Iran": "Iranian", "Turkey": "Turkish", "Russia": "Russian", "Syria": "Syrian", "Iraq": "Iraqi"}
_SITE_SUFFIXES = ("air base", "airbase", "base", "airfield", "airport")
# Transliterations that are also common English words or given names: matched only after "in", "near"...
HOMOGRAPHS = frozenset(
    [
        "ana",
        "bab",
        "sam",
        "tal",
        "tall",
        "tell",
        "hit",
        "khan",
        "sadr",
        "hero",
        "chine",
        "gama",
        "kara",
        "dali",
        "diana",
        "fava",
        "nava",
        "sina",
        "shin",
        "mork",
        "herow",
        "hamra",
        "basir",
        "qasim",
        "jasim",
        "jasem",
        "jacem",
        "safir",
        "samad",
        "mari",
        "hila",
        "nawa",
        "neva",
        # Given names ("as Ali ventured into the area") and a company's ("Dana Gas").
        "ali",
        "dana",
    ]
)


SKELETON_MIN = 3
# The rank of a place found only by its consonants: after every name the gazetteer spells.
SKELETON_RANK = 6


def skeleton(text: str) -> str:
    """A place name's consonants: transliterations differ in their vowels, in y for i and in doubled
    or final h letters, so "Qamishlo" and "Al Qamishli", "Sulaimani" and "Sulaymaniyah", "Qudsaya" and
    "Qadsayya" meet. Each word is kept apart: "Said Sadiq" is "sd sdq"."""
    words = []
    for word in matching_key(text).split():
        word = re.sub(r"(?<=[aeiouy])h$", "", word)
        word = re.sub(r"[aeiouy]", "", word)
        words.append(re.sub(r"(.)\1+", r"\1", word))
    return " ".join(w for w in words if w)


def matching_key(text: str) -> str:
    """The key names are indexed and looked up by: normalise_name plus Arabic letter folding; the
    left quotation mark and the backtick that some romanisations write ʿayn with join the word ("Tall
    Rif‘at", "A`zaz")."""
    key = fold_arabic(normalise_name(text.replace("\u2018", "").replace("`", "")))
    return " ".join(_ARABIC_ARTICLE.sub("", word) for word in key.split())


@dataclass(frozen=True)
class PlaceEntry:
    """A gazetteer place or a governorate, with what the proposal reports about it."""

    id: int | None
    name: str
    kind: str  # a geo.PlaceKind value, or "governorate"
    country_code: str
    country: str
    governorate_code: str = ""
    governorate: str = ""
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    alternate_names: tuple[str, ...] = ()
    name_ar: str = ""


@dataclass(frozen=True)
class GroupEntry:
    id: int | None
    name: str
    aliases: tuple[str, ...] = ()
    name_ar: str = ""
    abbreviation: str = ""
    kind: str = ""
    active_to: int | None = None  # the last year it was active, for names that outlive it
    active_from: int | None = None  # the first: "Syrian army" names another army from 2025


@dataclass(frozen=True)
class KnownPost:
    """A post a known person held: its kind (a RoleKind value), the group's name (or ""), and its dates."""

    role_kind: str
    group: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None


@dataclass(frozen=True)
class PersonEntry:
    id: int | None
    name: str
    aliases: tuple[str, ...] = ()
    name_ar: str = ""
    posts: tuple[KnownPost, ...] = ()

    def post_on(self, day: datetime.date) -> KnownPost | None:
        """The post held on `day`, or the last one held before it ("former President Bashar al-Assad" is still an
        official); None when every post began after it, or none is known."""
        began = [p for p in self.posts if p.start is None or p.start <= day]
        held = [p for p in began if p.end is None or p.end >= day]
        return max(held or began, key=lambda p: p.start or datetime.date.min, default=None)


@dataclass(frozen=True)
class Candidate:
    """One way an entry can be named. Lower rank wins: the main name before an alternate spelling."""

    tag: str  # "place", "governorate", "country", "group" or "person"
    entry: PlaceEntry | GroupEntry | PersonEntry
    rank: int
    surface: str  # the name as the lexicon spells it
    exact_case: bool  # abbreviations and short names must appear exactly so ("IS", not "is")


@dataclass
class Lexicon:
    places: list[PlaceEntry] = field(default_factory=list)
    governorates: list[PlaceEntry] = field(default_factory=list)
    groups: list[GroupEntry] = field(default_factory=list)
    people: list[PersonEntry] = field(default_factory=list)
    countries: list[PlaceEntry] = field(default_factory=list)

    def __post_init__(self):
        self.index: dict[str, list[Candidate]] = {}
        for place in self.places:
            self._add("place", place, 0, place.name)
            self._add("place", place, 1, place.name_ar)
            for name in place.alternate_names:
                self._add("place", place, 2, name)
            if place.kind != "populated_place":
                self._add_site_variants(place)
        for area in self.governorates:
            self._add("governorate", area, 0, area.name)
            self._add("governorate", area, 1, area.name_ar)
            for name in area.alternate_names:
                self._add("governorate", area, 2, name)
        for country in self.countries:
            self._add("country", country, 0, country.name)
            self._add("country", country, 1, country.name_ar)
            for name in country.alternate_names:
                self._add("country", country, 2, name)
        # What each group is (GroupKind): "the group" of a report is no state's forces.
        self.group_kinds = {group.id: group.kind for group in self.groups if group.id is not None}
        for group in self.groups:
            self._add("group", group, 0, group.name)
            self._add("group", group, 1, group.name_ar)
            self._add("group", group, 1, group.abbreviation, exact_case=True)
            for name in group.aliases:
                self._add("group", group, 2, name)
            self._add_number_variants(group)
        # The people whose posts the lexicon knows, for a report whose words give none.
        self.posts_known = {person.id: person for person in self.people if person.posts and person.id is not None}
        for person in self.people:
            self._add("person", person, 0, person.name)
            self._add("person", person, 1, person.name_ar)
            for name in person.aliases:
                self._add("person", person, 2, name)
        # Place names by their consonants, for spellings the gazetteer lacks (see skeleton()).
        self.skeletons: dict[str, list[Candidate]] = {}
        for tag, entries in (("place", self.places), ("governorate", self.governorates)):
            for entry in entries:
                for name in (entry.name, *entry.alternate_names):
                    bone = skeleton(name)
                    if len(bone.replace(" ", "")) >= SKELETON_MIN:
                        bucket = self.skeletons.setdefault(bone, [])
                        if not any(c.entry is entry for c in bucket):
                            bucket.append(Candidate(tag, entry, SKELETON_RANK, name, False))
        for candidates in (*self.index.values(), *self.skeletons.values()):
            candidates.sort(key=lambda c: (c.rank, -getattr(c.entry, "population", 0) or 0, c.entry.name))
        # Every run of words that starts some key, so a scan stops extending as soon as nothing can match.
        self.prefixes = {" ".join(key.split()[:n]) for key in self.index for n in range(1, len(key.split()) + 1)}
        self.max_words = max((len(key.split()) for key in self.index), default=0)
        # Known people by the last word of their name, for "Pat Ryder" read as "Patrick Ryder".
        self.people_by_surname: dict[str, list[tuple[str, PersonEntry]]] = {}
        for person in self.people:
            words = normalise_name(person.name).split()
            if len(words) >= 2:
                self.people_by_surname.setdefault(words[-1], []).append((words[0], person))

    def _add(self, tag, entry, rank, name, exact_case=False):
        name = (name or "").strip()
        key = matching_key(name)
        if not key:
            return
        short = len(key.replace(" ", "")) <= 3
        candidate = Candidate(tag, entry, rank, name, exact_case or short or (name.isupper() and len(name) <= 6))
        bucket = self.index.setdefault(key, [])
        if not any(c.entry is entry and c.surface == name for c in bucket):
            bucket.append(candidate)

    def _add_site_variants(self, place: PlaceEntry):
        for name in (place.name, *place.alternate_names):
            stem = _SITE_SUFFIX.sub("", name)
            if stem == name or not matching_key(stem):
                continue
            for suffix in _SITE_SUFFIXES:
                self._add("place", place, 3, f"{stem} {suffix}")
            # The bare stem ("Harir") is the site only when no town of that name is indexed: rank 4 loses.
            self._add("place", place, 4, stem)

    def _add_number_variants(self, group: GroupEntry):
        """A group's names of two words or more with the last noun in the other number: "Revolutionary
        Guard" for "Revolutionary Guards", "Iran-backed militia" for "Iran-backed militias". Rank 5: a
        name the lexicon spells wins."""
        for name in (group.name, *group.aliases):
            match = _PLURAL_HEAD.search(name)
            if not match or len(name.split()) < 2 or not name[-1].islower():
                continue
            head = match.group(0)
            other = (
                head[:-3] + "y"
                if head.endswith("ies")
                else head[:-1]
                if head.endswith("s")
                else (head[:-1] + "ies" if head.endswith("y") else head + "s")
            )
            self._add("group", group, 5, name[: match.start()] + other)
        for name in group.aliases:
            described = _BACKED.match(name)
            if not described:
                continue
            patrons = {described["who"], _ADJECTIVES.get(described["who"], described["who"])}
            patrons |= {country for country, adjective in _ADJECTIVES.items() if adjective in patrons}
            for patron in patrons:
                # "Iran-backed groups", "pro-Iranian militants", "Iran-backed Shiite paramilitary groups": the
                # same description.
                links = ("aligned", "backed", "linked", "allied", "affiliated", "supported", "sponsored")
                wordings = [f"{patron}-{link}" for link in links] + [f"pro-{patron}"]
                for wording, qualifier, noun in itertools.product(wordings, _QUALIFIERS, _MILITIA_NOUNS):
                    self._add("group", group, 5, f"{wording} {qualifier}{noun}")
            # "the Iranian militias": the patron's adjective alone says as much of a militia.
            for adjective in patrons & set(_ADJECTIVES.values()):
                for noun in ("militia", "militias"):
                    self._add("group", group, 5, f"{adjective} {noun}")

    year: int | None = field(default=None, init=False)  # the year of the report being read (as_of)

    def lookup(self, key: str) -> list[Candidate]:
        candidates = self.index.get(key, [])
        if self.year is None or not any(c.tag == "group" for c in candidates):
            return candidates
        # No group is named before it was formed; a name two groups bore in turn is the one active that year.
        formed = [c for c in candidates if c.tag != "group" or (c.entry.active_from or 0) <= self.year]
        active = [c for c in formed if c.tag != "group" or c.entry.active_to is None or self.year <= c.entry.active_to]
        return active if any(c.tag == "group" for c in active) else formed

    def as_of(self, year: int) -> "Lexicon":
        """The same lexicon, reading names as they stood in that year (it shares every index)."""
        view = copy.copy(self)
        view.year = year
        return view


def build_lexicon() -> Lexicon:
    """Read the gazetteer, governorates, countries, armed groups and people from the database (seven queries)."""
    from geo.models import AdminArea, Country, Place
    from incidents.models import Affiliation, ArmedGroup, GroupAlias, Person

    areas = {}
    for area in AdminArea.objects.select_related("country").defer("geometry", "country__geometry"):
        areas[area.pk] = PlaceEntry(
            id=area.pk,
            name=area.name_en,
            kind="governorate",
            country_code=area.country.iso2,
            country=area.country.name_en,
            governorate_code=area.iso_code,
            governorate=area.name_en,
            alternate_names=tuple(area.alt_names or ()),
            name_ar=area.name_ar,
        )
    places = []
    for place in Place.objects.select_related("country").defer("country__geometry").order_by("pk"):
        area = areas.get(place.admin_area_id)
        places.append(
            PlaceEntry(
                id=place.pk,
                name=place.name,
                kind=place.kind,
                country_code=place.country.iso2,
                country=place.country.name_en,
                governorate_code=area.governorate_code if area else "",
                governorate=area.name if area else "",
                latitude=place.latitude,
                longitude=place.longitude,
                population=place.population or 0,
                alternate_names=tuple(
                    n.strip() for n in [place.ascii_name, *place.alternate_names.splitlines()] if n.strip()
                ),
                name_ar=place.name_ar,
            )
        )
    places = _seats_with_their_governorates_names(places, list(areas.values()))
    aliases: dict[int, list[str]] = {}
    for group_id, name in GroupAlias.objects.values_list("group_id", "name"):
        aliases.setdefault(group_id, []).append(name)
    groups = [
        GroupEntry(
            id=group.pk,
            name=group.name,
            aliases=tuple(aliases.get(group.pk, ())),
            name_ar=group.name_ar,
            abbreviation=group.abbreviation,
            kind=group.kind,
            active_to=group.active_to,
            active_from=group.active_from,
        )
        for group in ArmedGroup.objects.order_by("pk")
    ]
    posts: dict[int, list[KnownPost]] = {}
    for person_id, role, group, start, end in Affiliation.objects.values_list(
        "person_id", "role", "group__name", "start_date", "end_date"
    ):
        posts.setdefault(person_id, []).append(KnownPost(role, group or "", start, end))
    people = [
        PersonEntry(
            id=person.pk,
            name=person.name,
            aliases=tuple(n.strip() for n in person.aliases.splitlines() if n.strip()),
            name_ar=person.name_ar,
            posts=tuple(posts.get(person.pk, ())),
        )
        for person in Person.objects.order_by("pk")
    ]
    countries = [
        PlaceEntry(
            id=c.pk,
            name=c.name_en,
            kind="country",
            country_code=c.iso2,
            country=c.name_en,
            name_ar=c.name_ar,
            alternate_names=_COUNTRY_NAMES.get(c.iso2, ()),
        )
        for c in Country.objects.defer("geometry").order_by("pk")
    ]
    return Lexicon(places=places, governorates=list(areas.values()), groups=groups, people=people, countries=countries)


# Names a country goes by that Natural Earth's English name is not: Turkey's own since 2022.
_COUNTRY_NAMES = {"TR": ("Türkiye",)}


def _seats_with_their_governorates_names(places: list[PlaceEntry], governorates: list[PlaceEntry]) -> list[PlaceEntry]:
    """A governorate's seat, the town of its name, bears its other names too: "Sweida" and "Deir Ezzor" name the
    towns As-Suwayda and Deir ez-Zor as well as their provinces."""
    wanted = {(area.governorate_code, matching_key(area.name)): area for area in governorates}
    seats: dict[int, PlaceEntry] = {}  # by place index, the governorate it is the seat of
    for i, place in enumerate(places):
        if place.kind != "populated_place":
            continue
        for name in (place.name, *place.alternate_names):
            area = wanted.get((place.governorate_code, matching_key(name)))
            if area is not None:
                seats[i] = area
                break
    best: dict[str, int] = {}  # the most populous town of the governorate's name
    for i, area in seats.items():
        if area.governorate_code not in best or places[i].population > places[best[area.governorate_code]].population:
            best[area.governorate_code] = i
    found = list(places)
    for i in best.values():
        names = places[i].alternate_names
        extra = tuple(n for n in seats[i].alternate_names if n not in names)
        found[i] = dataclasses.replace(places[i], alternate_names=names + extra)
    return found
