"""Places named in a report: gazetteer places and governorates from the lexicon (with "eastern",
"near", "10 km west of" before them, and whether the dateline names them), and unknown names a
phrase such as "in the village of" marks as a place.
"""

import re
from difflib import SequenceMatcher

from extraction.lexicon import SKELETON_RANK, PlaceEntry, matching_key
from extraction.matching import Match
from extraction.posts import NATIONALITIES, PEOPLES
from extraction.proposal import PlaceProposal
from extraction.reading import Reading
from extraction.spans import Taken
from extraction.words import NOT_NAMES, ORGANISATION_WORDS, PLACE_PREFIX, clean, span_list, word_set
from geo.geometry import haversine_km
from incidents.text import normalise_name

_QUALIFIER = re.compile(
    r"(?P<q>\b(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|"
    r"south-?eastern|south-?western|northeast|northwest|southeast|southwest)(?:\s+of)?|near|outside|outskirts of|"
    r"(?:\w+\s+)?(?:km|kilometres|kilometers|miles)\s+(?:\w+\s+)?(?:of|from)|close to|downtown|rural|the outskirts of))\s+$",  # noqa: E501
    re.IGNORECASE,
)
_PROVINCE_AFTER = re.compile(r"^\s+(?:provinces?|governorates?|region|countryside)\b", re.IGNORECASE)
_PROVINCE_BEFORE = re.compile(r"\b(?:province|governorate|countryside|rural\s+areas?)\s+of\s+$", re.IGNORECASE)
# Names listed with a plural "provinces": "Aleppo, Hama and Latakia provinces", "four provinces: Damascus,
# Homs, Hama, and Tartus", "several governorates, including Hama, Homs and Idlib", "the southern provinces of
# Basra, Maysan and Dhi Qar" are all governorates.
_LISTED_NAME = r"[A-Z][\w'’‘-]*(?:[\s-][A-Z][\w'’‘-]*){0,2}"
_LIST_LINK = r"(?:,\s*(?:and\s+)?|\s+and\s+)"
_AREAS_AFTER = re.compile(rf"^(?:{_LIST_LINK}{_LISTED_NAME})+\s+(?i:provinces|governorates)\b")
_AREAS_BEFORE = re.compile(
    rf"\b(?:provinces|governorates)\b[^.;]{{0,30}}?(?::|including|such as|namely|of)\s+"
    rf"(?:{_LISTED_NAME}{_LIST_LINK})*$",
    re.IGNORECASE,
)
# A capitalised name of up to three words that no entry holds: "Banawyan", "Shekha Lamarin", "Tal al-Samn".
_UNKNOWN_NAME = (
    rf"(?:{PLACE_PREFIX}\s+|al-|Al-)?[A-Z][a-z'’]{{2,}}(?:[\s-](?:al-|el-|as-|ash-|ad-|ar-)?[A-Z][a-z'’]{{2,}}){{0,2}}"
)
_UNKNOWN_PLACE = re.compile(
    r"\b(?P<lead>(?:in|near|at|outside|towards?|around|close to)\s+(?:the\s+)?"
    # "in the mountainous area of Saroka", "in the villages of Banawyan, Shekha Lamarin and Saliawa".
    r"(?:(?P<of>(?:[a-z]+\s+)?(?:town|village|city|district|area|region|neighbou?rhood|camp|hamlet|suburb)(?P<many>s)?)"
    r" of\s+[“\"]?)?)"
    rf"(?P<name>{_UNKNOWN_NAME})"
    r"(?![\w-])"
)
# Names listed before a plural place noun or after one and "including": "Al-Thiban, Abu Hardoub and Al-Shakikah
# villages", "several areas, including Warte, Raparin, the Qandil mountain range".
_PLACES_LISTED = re.compile(
    rf"(?P<items>{_UNKNOWN_NAME}(?:{_LIST_LINK}{_UNKNOWN_NAME})+)\s+(?:villages|towns|neighbou?rhoods|areas)\b"
    # "captured several towns from the SDF in the eastern countryside, including Abu Hamam, Granij and al-Tayyana".
    rf"|\b(?:areas|locations|villages|towns|places|sites|neighbou?rhoods)\b[^.;“”\"]{{0,60}}?,?\s+(?:including|such\s+as)\s+"
    rf"(?P<items2>{_UNKNOWN_NAME}(?:{_LIST_LINK}{_UNKNOWN_NAME})*)"
)
_MORE_NAMES = re.compile(rf"(?:,\s*(?:and\s+)?|\s+and\s+)(?P<name>{_UNKNOWN_NAME})(?![\w-])")
# Names after "near" that are not places in the gazetteer's sense.
_NOT_PLACES = word_set(
    "iraq syria jordan turkey iran israel lebanon gaza kuwait egypt yemen washington tehran beirut ankara "
    "amman london moscow kurdistan region border "
)


# A country is a place where the text puts something in it ("in Syria", "northern Iraq", "Iraq's
# Anbar province", "the border with Jordan"), not where it acts ("Turkey blamed") or owns ("Iran's
# foreign ministry"). "Iraq and Syria" after "in" are both places.
# "north", "northern", "north-eastern", "central": a part of a country.
_DIRECTION = r"(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?|central"
_COUNTRY_BEFORE = re.compile(
    r"(?:\b(?:in|into|inside|across|near|from|to|throughout|within|through|via|of|with|neighbou?ring|"
    r"bordering(?:\s+both)?|"
    rf"{_DIRECTION})\s+(?:the\s+)?|(?P<and>(?:,|\band|\bor)\s+(?:neighbou?ring\s+)?))$",
    re.IGNORECASE,
)
_COUNTRY_AFTER = re.compile(
    r"^(?:['’]s\s+(?:[\w-]+\s+){0,2}?(?:province|governorate|capital|north|south|east|west|north-?east|"
    r"north-?west|south-?east|south-?west|border|territory|territories|city|cities|desert|countryside|region|airports?|"
    r"coast|coastal|ports?|provinces|mountains|villages|towns)\b"
    r"|[-–][A-Z]\w+\s+border"
    # A headline's "Syria: ..." and a country before a site's noun: "a major Iraq gas field".
    r"|:\s|\s+(?:(?:gas|oil)\s+fields?|border|frontier)\b)",
    re.IGNORECASE,
)
_TIED_TO = re.compile(r"\b(?:belonging|linked|tied|loyal|allied|affiliated|close)\s+(?:to|with)\s+$", re.IGNORECASE)
_OWNER = re.compile(rf"['’]s\s+(?:(?:{_DIRECTION})\s+)?")
# A seat of government named for the government: "Baghdad is now in talks with", "Damascus denied".
_SEATS = frozenset({"baghdad", "damascus", "erbil", "arbil"})
# The countries whose places the gazetteer holds in full; a city elsewhere ("Tehran", "Ankara") is
# mostly named for its government.
_HOME = frozenset({"IQ", "SY"})
# How alike (difflib's ratio of the matching keys) a town's spelling must be to a gazetteer name that shares its
# consonants: anywhere, or within _FAR_KM of a place the report spells as the gazetteer does.
_ALIKE_ANYWHERE, _ALIKE_NEARBY, _FAR_KM = 0.85, 0.6, 150
# "the Damascus government", "Damascus ally Moscow", "urged Baghdad", "Baghdad Today" (an outlet): the seat stands for
# its government, or names something else.
_GOVERNMENT_AFTER = re.compile(
    r"\s+(?:government|regime|authorities|ally|allies|Today|Al-Youm)\b|['’]s\s+(?:ally|allies)\b"
)
# 'maintain a "strong and real dialogue" with Damascus', "talks with Baghdad": the government one deals with.
_GOVERNMENT_BEFORE = re.compile(
    r"\b(?:urged|supports|backed\s+by|allied\s+with|ally\s+of"
    r"|(?:dialogue|talks|relations|ties|negotiations|contacts|agreements?|deal)[”\"]?\s+with)\s+$"
)
# Two seats joined by "and" ("Erbil and Baghdad reached an agreement", "disputed between Erbil and Baghdad") are the two
# governments, unless a preposition puts the pair on a map ("in Baghdad and Erbil").
_SEAT_PAIR = re.compile(rf"\b(?:{'|'.join(sorted(_SEATS))})\s+and\s+(?:{'|'.join(sorted(_SEATS))})\b", re.IGNORECASE)
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|on|near|to|from|over)\s+$", re.IGNORECASE)
_ACTS = re.compile(
    r"\s+(?:(?:has|have|had|is|was)\s+(?:now\s+|also\s+)?(?:in\s+talks|insisted|said|demanded|rejected|denied|"
    r"accused|called)|said|says|rejected|rejects|denied|denies|condemned|condemns|accused|accuses|blamed|blames|"
    r"warned|insists?|wants?|demanded|refused|responded|announced)\b"
)
_ROAD_BETWEEN = re.compile(
    r"\b(?P<a>[A-Z][\w'’]+)-(?P<b>[A-Z][\w'’]+)\s+(?:road|highway|motorway|Road|Highway)\b"
    # "the road between Hazima and Raqqa": the two places it joins, known or not.
    rf"|\b(?:road|highway)\s+(?:between|linking|connecting)\s+(?P<c>{_UNKNOWN_NAME})\s+and\s+(?P<d>{_UNKNOWN_NAME})(?![\w-])"
)
# "Sham FM radio", "Al Mayadeen reporter", "the Wall Street Journal": an outlet's name, not the place it is named after.
_OUTLET_AFTER = re.compile(
    r"\s+(?:FM|TV|[Rr]adio|channel|[Nn]ewspaper|reporter|correspondent|Journal|Times|Post|Gazette|Herald)\b"
)
# After a site's bare name ("Mezze" of Mezze Airport), these words name a quarter, not the site.
_QUARTER_AFTER = re.compile(r"^\s+(?:neighbou?rhood|district|sub-district|quarter|area)\b", re.IGNORECASE)
# "the Mashtal neighborhood", "Shay Valley", "Palestine Street", "the Gaza Strip": names the noun after
# them makes places.
_NAMED_PLACE = re.compile(
    r"(?<![\w'’-])(?P<name>(?:al-|Al-)?[A-Z][a-z'’]{2,}(?:[\s-](?:al[\s-]|el[\s-])?[A-Z][a-z'’]{2,}){0,2})\s+"
    r"(?P<noun>neighbou?rhood|sub-?district|district|area|town|valley|Valley|Street|[Rr]oad|highway|village|camp|Camp|[Rr]egion|Strip"
    r"|River|base"
    r"|(?:oil|gas)\s+field|airport|refinery|dam|Dam|[Dd]esert|[Mm]ountains?|[Hh]ills?)\b"
)
# The Kurdistan Region's mountain areas where Turkey's Claw operations are fought ("the Metina, Zap and Avasin-Basyan
# regions"), which have no published point: named as the text names them, with no point on the map.
_REGION = re.compile(
    r"\b(?:Iraqi|Syrian|Turkish|Iranian)\s+Kurdistan\b(?!\s+(?:Region|region))|\bRojava\b"
    r"|\b(?:Metina|Zap|Avash?in[- ]Basyan|Hakurk|Khakurk|Khwakurk|Haftanin)\b"
)
# Nouns that a site's name keeps: "Arbat airport", "the Sarsang oil field", "Gaza Strip", "Shay Valley";
# a neighbourhood, district or village is named without its noun ("the Mashtal neighborhood").
_NAME_KEEPS_NOUN = re.compile(r"(?:oil|gas)\s+field|airport|refinery|dam|base|desert|[Mm]ountains?|[Hh]ills?")
_PLACE_NOUN_OF = re.compile(
    r"\b(?:region|province|governorate|city|town|village|district|sub-district|neighbou?rhood|suburb)(?P<many>s)? of\s+"
    r"(?P<name>(?:al-|Al-)?[A-Z][a-z'’]{2,}(?:[\s-](?:al-|el-|as-|ash-|ad-|ar-)?[A-Z][a-z'’]{2,}){0,2})(?![\w-])"
)


def _in_a_longer_name(text: str, match: Match) -> bool:
    """A site's bare name ("Ali" of Ali Air Base) next to another capitalised name is part of that
    name: "Hussein Ali Jawad", "Imam Ali Street"; not after a possessive ("Erbil's Harir") or a
    capitalised common word ("In Harir")."""
    if re.match(r"[ -][A-Z]", text[match.end : match.end + 2]):
        return True
    before = re.search(r"(?<![\w'’-])([A-Z][\w'’-]*)[ -]$", text[max(0, match.start - 30) : match.start])
    return bool(before and not re.search(r"['’]s$", before.group(1)) and before.group(1).lower() not in NOT_NAMES)


def _for_its_government(text: str, match: Match) -> bool:
    """A seat of government named for the government: "Baghdad is now in talks", "the Damascus government",
    "urged Baghdad", "Erbil and Baghdad reached an agreement" (no preposition puts them on a map)."""
    return bool(
        _ACTS.match(text, match.end)
        or _GOVERNMENT_AFTER.match(text, match.end)
        or _GOVERNMENT_BEFORE.search(text, max(0, match.start - 30), match.start)
        or any(
            pair.start() <= match.start
            and match.end <= pair.end()
            and not _LOCATIVE_BEFORE.search(text, max(0, pair.start() - 8), pair.start())
            for pair in _SEAT_PAIR.finditer(text, max(0, match.start - 20), match.end + 20)
        )
    )


def _country_here(
    reading: Reading, match: Match, previous_accepted: int, place_starts=frozenset(), place_ends=frozenset()
) -> bool:
    """`place_starts`: where known places begin, for "Syria's Sweida" (a place of the country's); `place_ends`: where
    they end, for "western Rural Damascus, Syria," (the country of the place before)."""
    text = reading.text
    if (owner := _OWNER.match(text, match.end)) and owner.end() in place_starts:
        return True
    if reading.dateline and reading.dateline.start() <= match.start < reading.dateline.end():
        return True
    after = text[match.end : match.end + 40]
    if _OWNER.match(after) and not _COUNTRY_AFTER.match(after):
        return False  # "the Islamic Republic of Iran's consulate": it owns
    if _TIED_TO.search(text, max(0, match.start - 30), match.start):
        return False  # "positions belonging to Iran": whose they are, not where
    before = _COUNTRY_BEFORE.search(text[max(0, match.start - 30) : match.start])
    if before and (not before.group("and") or previous_accepted >= match.start - 30):
        return True
    if before and before.group("and").startswith(",") and match.start - len(before.group()) in place_ends:
        return True
    return bool(_COUNTRY_AFTER.match(text[match.end : match.end + 40]))


# A city abroad is a place where a country would be, after "on", "at", "over", "towards", and before
# an attack's noun ("the Ankara bombing").
_ABROAD_BEFORE = re.compile(r"\b(?:on|at|over|towards?|outside)\s+$", re.IGNORECASE)
_ABROAD_AFTER = re.compile(r"\s+(?:bombings?|attacks?|blasts?|explosions?|strikes?|shooting)\b")


def _abroad_here(reading: Reading, match: Match) -> bool:
    """Whether a city outside Iraq and Syria is named as a location, not for its government."""
    before = reading.text[max(0, match.start - 12) : match.start]
    return (
        _country_here(reading, match, -100)
        or bool(_ABROAD_BEFORE.search(before))
        or bool(_ABROAD_AFTER.match(reading.text, match.end))
    )


def _known(entry: PlaceEntry, text: str, dateline: bool) -> PlaceProposal:
    return PlaceProposal(
        text=text,
        spans=[],
        name=entry.name,
        matched=True,
        kind=entry.kind,
        id=entry.id,
        latitude=entry.latitude,
        longitude=entry.longitude,
        governorate=entry.governorate,
        governorate_code=entry.governorate_code,
        country=entry.country,
        country_code=entry.country_code,
        dateline=dateline,
    )


def find_places(reading: Reading, matches: list[Match]) -> list[PlaceProposal]:
    text = reading.text
    found: dict[tuple, PlaceProposal] = {}
    last_country = -100
    place_starts = {m.start for m in matches if any(c.tag in ("place", "governorate") for c in m.candidates)}
    place_ends = {m.end for m in matches if any(c.tag in ("place", "governorate") for c in m.candidates)}
    listed_areas = _listed_with_a_governorate(text, matches)
    around = _Around(reading, matches)
    doubtful: list[tuple[int, int]] = []  # names spelt like a far-away place: no point for them
    for match in matches:
        if any(c.tag in ("group", "person") for c in match.candidates):
            continue
        if match.start < reading.doc.start and not all(c.tag == "country" for c in match.candidates):
            continue  # a title's town or province is the body's to place ("Kirkuk" there is the province as often)
        candidates = [c for c in match.candidates if c.tag in ("place", "governorate")]
        if not candidates:
            candidates = [c for c in match.candidates if c.tag == "country"]
            if not candidates or not _country_here(reading, match, last_country, place_starts, place_ends):
                continue
            last_country = match.end
        elif candidates[0].rank == 4 and (
            _QUARTER_AFTER.match(text[match.end : match.end + 20]) or _in_a_longer_name(text, match)
        ):
            continue
        elif normalise_name(text[match.start : match.end]) in _SEATS and _for_its_government(text, match):
            continue  # "Baghdad is now in talks", "Erbil rejected", "the Damascus government": not the city
        elif _OUTLET_AFTER.match(text, match.end):
            continue
        elif all(c.entry.country_code not in _HOME for c in candidates) and not _abroad_here(reading, match):
            continue  # "in Gaza", "the Ankara bombing"; not "Ankara was behind", "the Gaza war"
        after, before = text[match.end : match.end + 20], text[max(0, match.start - 20) : match.start]
        wants_area = bool(
            _PROVINCE_AFTER.match(after)
            or _PROVINCE_BEFORE.search(before)
            or _AREAS_AFTER.match(text[match.end : match.end + 120])
            or _AREAS_BEFORE.search(text[max(0, match.start - 120) : match.start])
            or match.start in listed_areas
        )
        wanted = "governorate" if wants_area else "place"
        candidates.sort(key=lambda c: (c.tag != wanted, c.rank))
        if candidates[0].rank == SKELETON_RANK and candidates[0].tag == "place":
            spelt = matching_key(text[match.start : match.end])
            alike = {id(c): _alike(spelt, c.surface) for c in candidates if c.rank == SKELETON_RANK}
            candidates = [c for c in candidates if id(c) not in alike or _likely(alike[id(c)], c.entry, around)]
            candidates.sort(key=lambda c: (c.tag != wanted, -alike.get(id(c), 1.0)))  # the most alike spelling
            if not candidates:
                doubtful.append((match.start, match.end))
                continue
        entry: PlaceEntry = candidates[0].entry
        start, end = match.start, match.end
        if wants_area and (province := _PROVINCE_AFTER.match(after)):
            end = match.end + province.end()
        qualifier = ""
        if q := _QUALIFIER.search(text[max(reading.doc.start, start - 40) : start]):
            qualifier = clean(q.group("q")).lower()
            start = start - len(text[max(reading.doc.start, start - 40) : start]) + q.start("q")
        key = (entry.kind == "governorate", entry.id, entry.name)
        is_dateline = bool(
            reading.dateline and reading.dateline.start("place") <= match.start < reading.dateline.end("place")
        )
        item = found.get(key)
        if item is None:
            item = found[key] = _known(entry, text[start:end], is_dateline)
        elif not is_dateline:
            item.dateline = False
        item.spans.append(span_list(start, end))
        if qualifier and not item.qualifier:
            item.qualifier, item.text = qualifier, text[start:end]
    road_ends: list[tuple[int, int]] = []
    for match in _ROAD_BETWEEN.finditer(text, reading.doc.start):
        # "the Baiji-Haditha road": the two towns it joins.
        for part in ("a", "b") if match.group("a") else ("c", "d"):
            places = [c for c in reading.lexicon.lookup(matching_key(match.group(part))) if c.tag == "place"]
            if not places and part in ("c", "d"):
                road_ends.append(match.span(part))
            elif places:
                entry = places[0].entry  # the lexicon puts the best first
                item = found.setdefault((False, entry.id, entry.name), _known(entry, match.group(part), False))
                item.spans.append(span_list(*match.span(part)))
    taken = Taken(len(text), (s for p in found.values() for s in p.spans))
    for start, end in road_ends + doubtful:
        if not (taken.overlaps(start, end) or reading.group_at(start, end) or reading.person_at(start, end)):
            _add_unknown(found, taken, text[start:end], start, end)
    if reading.dateline and _unknown_dateline_place(reading, taken):
        # "WASHINGTON (AP) —": where the report was written, a place the gazetteer need not hold.
        start, end = reading.dateline.span("place")
        name = text[start:end]
        _add_unknown(found, taken, name.title() if name.isupper() else name, start, end, name)
        found[(False, None, normalise_name(name))].dateline = True
    for match in _UNKNOWN_PLACE.finditer(text, reading.doc.start):
        start, end = match.span("name")
        name = match.group("name")
        words = [w.lower() for w in re.split(r"[\s-]+", name)]
        plain_lead = match.group("lead").split()[0].lower() in ("in", "at")
        if plain_lead and not match.group("of") and not re.match(PLACE_PREFIX + r"\s", name):
            continue
        if words[0] in NOT_NAMES or words[0] in _NOT_PLACES or any(w in _NOT_PLACES for w in words):
            continue
        if words[0] in NATIONALITIES:
            continue  # "near the Lebanese border": a nationality names no place of its own
        if taken.overlaps(start, end) or reading.group_at(start, end) or reading.person_at(start, end):
            continue
        if re.match(r"\s+[A-Z]", text[end : end + 2]):
            continue
        _add_unknown(found, taken, name, start, end)
        while match.group("many") and (more := _MORE_NAMES.match(text, end)):
            start, end = more.span("name")
            if not taken.overlaps(start, end) and more.group("name").split()[0].lower() not in NOT_NAMES:
                _add_unknown(found, taken, more.group("name"), start, end)
    for match in _PLACE_NOUN_OF.finditer(text, reading.doc.start):
        # "the autonomous northern region of Kurdistan": the noun makes it a place, whatever comes before; "shelling
        # the villages of Haj Hussein and Sheikh Mahshi": each name of the list.
        names = [match]
        while match.group("many") and (more := _MORE_NAMES.match(text, names[-1].end("name"))):
            names.append(more)
        for named in names:
            start, end = named.span("name")
            if taken.overlaps(start, end) or reading.group_at(start, end) or reading.person_at(start, end):
                continue
            if named.group("name").split()[0].lower() in NOT_NAMES - _NOT_PLACES or re.match(
                r"\s+[A-Z]", text[end : end + 2]
            ):
                continue
            _add_unknown(found, taken, named.group("name"), start, end)
    for match in _PLACES_LISTED.finditer(text, reading.doc.start):
        part = "items" if match.group("items") else "items2"
        for name in re.finditer(_UNKNOWN_NAME, match.group(part)):
            start, end = match.start(part) + name.start(), match.start(part) + name.end()
            words = name.group().lower().split()
            if taken.overlaps(start, end) or reading.group_at(start, end) or reading.person_at(start, end):
                continue
            if words[0] in NOT_NAMES or words[0] in _NOT_PLACES or words[0] in NATIONALITIES:
                continue
            _add_unknown(found, taken, name.group(), start, end)
    for match in _REGION.finditer(text, reading.doc.start):
        # "Iraqi Kurdistan", "Rojava": regions with no point of their own, named as the text names them.
        if not taken.overlaps(*match.span()) and not re.match(r"['’]s\b", text[match.end() : match.end() + 3]):
            _add_unknown(found, taken, match.group(), *match.span())
    for match in _NAMED_PLACE.finditer(text, reading.doc.start):
        start, end = match.span("name")
        name = match.group("name")
        if owner := re.search(r"['’]s\s+", name):
            start, name = start + owner.end(), name[owner.end() :]  # "Baghdad’s Rusafa district": Rusafa
        if (article := re.match(r"(?:The|A|An)\s+(?=\S)", name)) and match.group("noun")[0].isupper():
            start, name = start + article.end(), name[article.end() :]  # "The Kurdistan Region": as "Kurdistan Region"
        words = [w.lower() for w in re.split(r"[\s-]+", name)]
        # "Kurdistan Region", "Gaza Strip": a name whole; "Iraq's Kurdistan region" is the Kurdistan Region.
        # "Iraq's Kurdistan region" is the Kurdistan Region too; "The region" is none.
        proper_noun = match.group("noun")[0].isupper() or (
            match.group("noun") == "region" and words[0] not in ("the", "this", "that", "a", "an")
        )
        if (words[0] in NOT_NAMES and not proper_noun) or taken.overlaps(start, end) or reading.group_at(start, end):
            continue
        people = words[0] in NATIONALITIES | PEOPLES and not match.group("noun")[0].isupper()
        if reading.person_at(start, end) or re.search(r"['’]s$", name) or people:
            continue  # "Iraq's town of Zummar", "an Alawite town": an owner or a people ("the Syrian Desert" is a name)
        after = text[match.end() : match.end() + 40]
        if re.match(r"['’]s\b", after) and not _COUNTRY_AFTER.match(after):
            continue  # "the Kurdistan Region's counter-terrorism service": an owner, not a place
        if proper_noun or _NAME_KEEPS_NOUN.fullmatch(match.group("noun")):
            start, end, name = start, match.end(), text[start : match.end()]
        # "confirmed to The New Region": "The" capitalised inside a sentence begins a title, an outlet's.
        if article and re.search(r"[a-z,]\s+$", text[max(0, match.start() - 3) : match.start()]):
            continue
        if _OUTLET_AFTER.match(text, match.end()):
            continue
        _add_unknown(found, taken, re.sub(r"region$", "Region", name), start, end, text[start:end])
    return sorted(found.values(), key=lambda p: p.spans[0][0])


class _Around:
    """Where the places the body spells as the gazetteer does lie: their points and governorates (not the dateline's:
    it says where the report was written)."""

    def __init__(self, reading: Reading, matches: list[Match]):
        self.points: list[tuple[float, float]] = []
        self.governorates: set[str] = set()
        for match in matches:
            places = [c for c in match.candidates if c.tag in ("place", "governorate")]
            dateline = reading.dateline and reading.dateline.start() <= match.start < reading.dateline.end()
            if not places or places[0].rank == SKELETON_RANK or match.start < reading.doc.start or dateline:
                continue
            entry = places[0].entry
            self.governorates.add(entry.governorate_code)
            if entry.latitude is not None and entry.longitude is not None:
                self.points.append((entry.latitude, entry.longitude))

    def near(self, entry: PlaceEntry) -> bool:
        """In a governorate the report names, or within _FAR_KM of one of its places (or the report names none)."""
        if not self.points or entry.latitude is None or entry.longitude is None:
            return True
        if entry.governorate_code and entry.governorate_code in self.governorates:
            return True
        return any(haversine_km(entry.latitude, entry.longitude, lat, lon) <= _FAR_KM for lat, lon in self.points)


def _alike(spelt: str, surface: str) -> float:
    return SequenceMatcher(None, spelt, matching_key(surface)).ratio()


def _likely(alike: float, entry: PlaceEntry, around: _Around) -> bool:
    """Whether a town met only by its consonants is the one the text means: spelt much as the gazetteer spells it
    (`alike`, the ratio of the keys), and the more alike the farther it lies from the places the report spells as the
    gazetteer does ("Makhmour" is Makhmur anywhere; "Al-Rawadi" in a report from Quneitra is not Arwad off Tartus,
    nor "Mohammed" Al Mahmudiyah)."""
    return alike >= _ALIKE_ANYWHERE or alike >= _ALIKE_NEARBY and around.near(entry)


def _unknown_dateline_place(reading: Reading, taken: Taken) -> bool:
    """Whether the dateline's place is one no entry holds, and not the outlet's or a desk's name ("ALBAWABA -",
    "NEWS CENTER -") or a group's."""
    start, end = reading.dateline.span("place")
    words = reading.text[start:end].lower().split()
    outlet = re.sub(r"\W", "", reading.outlet.lower())
    return not (
        taken.overlaps(start, end)
        or any(word in ORGANISATION_WORDS for word in words)
        or (outlet and re.sub(r"\W", "", "".join(words)) in outlet)
        or reading.group_at(start, end)
    )


def _listed_with_a_governorate(text: str, matches: list[Match]) -> set[int]:
    """Where names are listed with one that only a governorate bears ("Kirkuk, Nineveh, Diyala and Jalawla"):
    the starts of the list's names, each a governorate where one bears it. A list ends in "and": "Manbij, Aleppo"
    is a town and its governorate."""
    listed: set[int] = set()
    run: list[Match] = []
    for match in [*matches, None]:
        if match is not None and not any(c.tag in ("place", "governorate") for c in match.candidates):
            continue
        if match is not None and run and re.fullmatch(r",\s*(?:and\s+)?|\s+and\s+", text[run[-1].end : match.start]):
            run.append(match)
            continue
        joined = len(run) > 1 and re.search(r"\band\s+$", text[run[-2].end : run[-1].start])
        if joined and any(all(c.tag != "place" for c in m.candidates) for m in run):
            listed.update(m.start for m in run)
        run = [match] if match is not None else []
    return listed


def _add_unknown(found: dict, taken: Taken, name: str, start: int, end: int, text: str = ""):
    key = (False, None, normalise_name(name))
    item = found.setdefault(key, PlaceProposal(text=text or name, spans=[], name=name, matched=False))
    item.spans.append(span_list(start, end))
    taken.add(start, end)
