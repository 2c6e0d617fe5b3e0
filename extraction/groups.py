"""Armed groups named in a report: known ones from the lexicon ("U.S. forces" as the armed forces of
the United States), group-shaped names proposed as new ("Kataib Sayyid al-Shuhada", "... Brigades")
with their abbreviation's later mentions. The part each plays is found in roles.py.
"""

import bisect
import datetime
import re

from extraction.lexicon import GroupEntry, matching_key
from extraction.matching import Match
from extraction.proposal import GroupProposal
from extraction.reading import Reading
from extraction.spans import Taken
from extraction.words import AIRCRAFT, NOT_NAMES, WARS_SIDES, span_list, word_set
from incidents.text import normalise_name

# An air strike, which an air force flies where the lexicon holds one.
_AIR_STRIKE = r"air\s*strikes?|(?:air|aerial)\s+(?:attacks?|raids?|assaults?)"
_MILITARY_NOUN = re.compile(
    # "Syrian regime soldiers", "Iraqi government forces": the state's forces still.
    r"[”\"]?\s+(?:(?:regime|government|pro-government|occupation)\s+)?(?:fighter\s+|armed\s+)?(?:military|forces|security\s+forces|troops|army|soldiers?|service\s*members?|servicemen|personnel|drones?|"
    rf"strikes?|attacks?|{_AIR_STRIKE}|{AIRCRAFT}|"
    r"artillery|shelling|bombardment|raids?|air\s+force|navy|"
    # "the Syrian air defense intercepted most of the missiles": the state's forces that fire them.
    r"air\s+defen[cs]es?|"
    r"commandos|special\s+forces|snipers?|enemy|missiles?|projectiles|shells|"
    # "rockets were fired at a Turkish base": the forces it houses.
    r"(?:military\s+)?bases?|positions|outposts?|convoys?|patrols?)\b",
    re.IGNORECASE,
)
_ADJECTIVE = re.compile(
    r"\b(?:U\.S\.|US|United States|American|Iraqi|Syrian|Turkish|Israeli|Iranian|Jordanian|Russian|British|French|"
    r"Kurdish|coalition)"
    # 'the “Israeli” forces': a side's media sets the state's name in quotation marks.
    r"(?=[”\"]?\s)"
)
# A state named as the one blamed for an attack stands for its forces, found as "Turkish forces" would be.
_STATE_ADJECTIVES = {
    "Turkey": "Turkish",
    "Türkiye": "Turkish",
    "Israel": "Israeli",
    "Iran": "Iranian",
    "Russia": "Russian",
    "the United States": "U.S.",
    "The United States": "U.S.",
    "Iraq": "Iraqi",
    "Syria": "Syrian",
    "Jordan": "Jordanian",
    # A capital named for its government: "officials said they suspect Ankara was behind the attack".
    "Ankara": "Turkish",
    "Tehran": "Iranian",
    "Moscow": "Russian",
    "Washington": "U.S.",
    # What a side's media call the state: "the Israeli regime carried out", "the Turkish occupation bombed".
    "the Israeli regime": "Israeli",
    "The Israeli regime": "Israeli",
    "the Zionist regime": "Israeli",
    "The Zionist regime": "Israeli",
    "the Turkish occupation": "Turkish",
    "The Turkish occupation": "Turkish",
}
_STATES = "|".join(_STATE_ADJECTIVES)
_STRIKES = r"(?:strikes?|attacks?|raids?|shelling|bombardment)"
_STATE_BLAMED = re.compile(
    rf"(?:\b(?:blam(?:ed|es|ing)|accus(?:ed|es|ing))\s+(?=(?:{_STATES})\b)"
    # "The air attack has been attributed to Israel", "blamed on Turkey".
    rf"|\b(?:attributed|blamed|pinned)\s+(?:on|to)\s+(?=(?:{_STATES})\b)"
    # "they attribute the strike to Turkey".
    rf"|\battribut(?:e|es|ed|ing)\s+(?:the|this|that)\s+(?:[\w-]+\s+){{0,2}}?to\s+(?=(?:{_STATES})\b)"
    rf"|(?<=\s)(?=(?:{_STATES})\s+(?:has\s+been|have\s+been|was|were|is)\s+(?:widely\s+)?(?:blamed|accused|suspected))"
    rf"|(?<=\s)(?=(?:{_STATES})\s+(?:was|were|is)\s+(?:likely\s+|probably\s+)?behind\b)"
    # "a drone strike carried out by neighbouring Turkey".
    # "Nasrallah, who was killed by Israel in Beirut".
    rf"|\b(?:killed|assassinated|struck|targeted|bombed|shelled)\s+by\s+(?=(?:{_STATES})\b)"
    rf"|\b{_STRIKES}[”\"]?(?:,?\s+\w+ly)?\s+(?:carried\s+out\s+|launched\s+|conducted\s+)?by\s+"
    rf"(?:neighbou?ring\s+|[A-Z][\w-]*\s+ally\s+)?(?=(?:{_STATES})\b)"
    # 'Air strikes in eastern Syria "likely" launched by Israel': where they struck, a hedge, then who.
    rf"|\b{_STRIKES}\s+(?:in|on|near)\s+(?:[\w-]+\s+){{1,3}}?[“\"]?(?:\w+ly)?[”\"]?\s*"
    rf"(?:carried\s+out|launched|conducted)\s+by\s+(?=(?:{_STATES})\b))"
    # "blamed on Iran-backed forces": the state's proxies, not its forces.
    rf"(?P<state>{_STATES})\b(?![-‑](?:backed|aligned|linked|affiliated|allied|supported|sponsored)\b)",
)
# "The United States carried out airstrikes", "Israel struck": the state acting with its forces.
_STATE_ACTING = re.compile(
    # "Israel on Wednesday struck": a day between the state and its verb.
    # Not the end of a name: "the Islamic Resistance in Iraq said it had launched".
    rf"(?<![\w-])(?<!\bin\s)(?<!\bof\s)(?P<state>{_STATES})\s+(?:(?:late\s+|early\s+)?on\s+\w+day\s+|overnight\s+|again\s+)?"
    # "The United States said it carried out": the state speaking of what its forces did.
    rf"(?:said\s+(?:on\s+\w+day\s+)?(?:that\s+)?it\s+)?"
    rf"(?:army\s+|state\s+)?(?:has\s+|have\s+|had\s+)?(?:also\s+|repeatedly\s+|frequently\s+)?(?:carried\s+out|launched|conducted|struck|bombed|"
    # "Turkey has continued its attacks on alleged PKK positions".
    rf"continued\s+its\s+(?:attacks|strikes|shelling|bombardment)|"
    # Not a campaign: "Türkiye launched Operation Claw-Lock last year", "Israel has conducted operations".
    # Not a passive: "a car bomb attack in northern Syria carried out by the PKK".
    r"shelled)\b(?!\s+by\b)(?!\s+(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:Operation\s+[A-Z]|(?i:operations|campaign|offensive)\b))"
)
# Forces named by their allegiance, not their country ("regime forces", "pro-government soldiers"): the
# forces of the country the report is about (_HOME_FORCES).
_ALLEGIANCE_FORCES = re.compile(r"\b(?:regime|government|pro-government)\s+(?:forces|troops|soldiers)\b", re.IGNORECASE)
# Syria's army named by its ruler, while he ruled: "Assad's militia", "Assad regime forces".
_ASSAD_FORCES = re.compile(
    r"\b(?:Assad['’]s|(?:pro-)?Assad(?:\s+regime)?)\s+(?:forces|troops|soldiers|army|militias?)\b"
)
# Syria's security forces named by their country, after Assad fell (8 December 2024): the interior ministry's
# General Security ("Syrian security forces carried out an operation", "Syria's internal security forces").
_SYRIAN_SECURITY = re.compile(
    r"\b(?:Syrian|Syria['’]s)\s+(?:(?:government|interior|internal|general|public)\s+)?security\s+(?:forces|personnel)\b"
)
# In a report about Syria after Assad fell, its interior ministry's forces named by what they are: "domestic security
# forces", "interior ministry personnel", "Internal Security Forces" (unless the report is of the Kurdish northeast,
# where that is the Asayish's name).
_SYRIA_INTERIOR = re.compile(
    r"\b(?:domestic|internal)\s+security\s+(?:forces|personnel)\b|\binterior\s+ministry\s+(?:personnel|forces)\b", re.I
)
_KURDISH_SECURITY = re.compile(r"Asayish|Kurdish|Autonomous Administration|\bSDF\b")
_ASSAD_FELL = datetime.date(2024, 12, 8)
# The forces a country's "government forces" are: Iraq's army, police and others together; Syria's army.
_HOME_FORCES = {"SY": "Syrian army", "IQ": "Iraqi security forces"}
# A country's police or soldiers named by what they are ("a police officer", "policemen", "killed one soldier"): its
# home forces, where those hold them (Iraq's security forces its police, Syria's army its soldiers). Not in a report
# that names another state's soldiers or bases ("U.S. troops", "a Turkish base"): its "soldiers" may be those.
_HOME_PERSONNEL = {
    "IQ": re.compile(
        r"\bpolice(?:m[ae]n|\s+(?:officers?|patrols?|stations?|checkpoints?|personnel|colonel|major|lieutenant|captain))\b",
        re.IGNORECASE,
    ),
    "SY": re.compile(r"\bsoldiers?\b"),
}
_HOME_ADJECTIVE = {"IQ": "Iraqi", "SY": "Syrian"}
_STATE_PERSONNEL = re.compile(
    rf"(?P<state>{_ADJECTIVE.pattern})\s+"
    r"(?:soldiers?|troops|service\s*members?|servicemen|(?:military\s+)?bases?|posts?|outposts?)\b"
)
# "Israel's military fired missiles", "Turkey's drones": the state's forces, as "Israeli military" names them.
_STATE_FORCES = re.compile(
    rf"\b(?P<state>{_STATES})['’]s\s+(?:military|army|armed\s+forces|forces|troops|air\s+force|warplanes|jets|drones?)\b"
)
# A patron's militias named in a list or by a tie: "Iranian and Lebanese militias", "Iran and other Shiite militias",
# "groups closely associated with Iran".
_PATRONS_MILITIAS = re.compile(
    r"\b(?P<patron>Iran|Iranian|Turkey|Turkish)\s+and\s+(?:other\s+)?[A-Z]?\w+\s+(?:militias|factions)\b"
    r"|\b(?:groups|factions|militias)\s+(?:closely\s+)?(?:associated|aligned|affiliated|linked|allied)\s+with\s+"
    r"(?P<patron2>Iran|Turkey)\b"
)
_PATRON_STATE = {"Iranian": "Iran", "Turkish": "Turkey"}
_JOINED_ADJECTIVE = re.compile(
    rf"\s+and\s+(?:{_ADJECTIVE.pattern}|Coalition|(?:other\s+)?(?:allied|international|partner))(?=\s)"
)
_AIRCRAFT_MODEL = re.compile(r"\s+(?:[A-Z]+-\d+[A-Z]?|MQ-\d+\w*)(?=\s)")
_MILITARY_KEYS = ("military", "forces", "armed forces", "army", "troops", "security forces")
GROUP_HEAD = re.compile(
    r"\b(?:Kata['’]?i['’]?b|Saraya|Liwa|Jaish|Jaysh|Harakat|Asa['’]?ib|Ansar|Hay['’]at|Hayat(?=\s+Tahrir)|Jabhat|Quwat|Firqat|Tanzim|"
    r"Tashkil|Hurras|Hizb)"
    r"(?:\s+(?:(?:al|el|ad|an|as|ash|at|az|wa|ahl|Ahl|bin)\s+)?(?:(?:al|el|ad|an|as|ash|at|az)-)?[A-Z][\w'’-]*){1,4}"
)
GROUP_SUFFIX = re.compile(
    # A name stays on its line: "ANKARA\n\nThe National Intelligence Organization" is a dateline, then the name.
    r"\b(?:[A-Z][\w'’.-]*[^\S\n]+){1,5}(?:Brigades?|Battalions?|Front|Army|Forces|Movement|Party|Resistance|Corps|Units|"
    r"Guards?|Organi[sz]ation|Militia|Group|Mobili[sz]ation|Committees?|Military\s+Council)"
    r"(?:[^\S\n]+(?:in|of|for)[^\S\n]+(?:the[^\S\n]+)?[A-Z][\w'’-]*(?:[^\S\n]+[A-Z][\w'’-]*){0,2})?"
)
# Group-shaped names of bodies that watch, study, rescue or trade, not fight: "SITE Intelligence Group", "Hengaw
# Human Rights Organization", "ISWNews Analysis Group", "the Syrian Civil Defense Organization".
_NOT_ARMED = re.compile(
    r"\b(?:Intelligence\s+Group|Analysis|News|Human\s+Rights|Civil\s+Defen[cs]e|Institute|Studies|Research|"
    r"Consulting|Company|Holding)\b"
)
_ABBREVIATION_AFTER = re.compile(r"^\s*\((?P<abbr>[A-Z][A-Za-z]{1,6})\)")
# A name, then a description of it: "Tashkil al-Waritheen, an ".
_APPOSITIVE_BEFORE = re.compile(r"[A-Z][\w'’-]*,\s+(?:an?|the)\s+$")
_NAME_AFTER = re.compile(r"\s*\((?P<name>[^()]{2,60})\)")
_GENERIC_GROUP_WORDS = word_set(
    "the a an u.s us american iraqi syrian turkish israeli iranian jordanian russian kurdish security "
    "special government military armed national state coalition police army forces militia group iraq "
    "syria federal regional local and of in for said "
)
# A group named as what a coalition or mission is against is part of that one's name, not a party.
_PART_OF_A_NAME = re.compile(
    r"\b(?:coalition|mission|campaign)\s+(?:against|to\s+(?:defeat|fight|counter))\s+(?:the\s+)?$", re.IGNORECASE
)


# A state's forces by their country's abbreviation ("US") are not meant where it names the country's
# companies, diplomats, money or backing, or beside the EU: "a US company", "the US embassy", "with US backing".
_CIVIL_NOUN = re.compile(
    r"\s+(?:company|companies|firm|firms|corporation|embassy|embassies|consulate|citizens?|nationals?|dollars?|"
    r"envoy|ambassador|president|administration|government|Treasury|State\s+Department|sanctions|elections?|"
    r"officials?|diplomats?|lawmakers?|backing|fast-food|chains?|brands?)\b"
    # "designated a terrorist group by Türkiye, the US and the EU": the state, named with the EU, designates.
    r"|,?\s+(?:and\s+)?(?:the\s+)?(?:EU|European\s+Union)\b",
    re.IGNORECASE,
)


def find_groups(reading: Reading, matches: list[Match]) -> list[GroupProposal]:
    """The groups named, in order of their first mention; their roles come later (find_roles)."""
    return _GroupFinder(reading).find(matches)


class _GroupFinder:
    def __init__(self, reading: Reading):
        self.reading = reading
        self.text = reading.text
        self.doc = reading.doc
        self.lexicon = reading.lexicon
        self._runs: dict[str, list[int]] | None = None

    def _word_runs(self) -> dict[str, list[int]]:
        """Where each run of word characters starts: "KH" as a whole word is such a run."""
        if self._runs is None:
            self._runs = {}
            for run in re.finditer(r"\w+", self.text, self.doc.start):
                self._runs.setdefault(run.group(), []).append(run.start())
        return self._runs

    def find(self, matches: list[Match]) -> list[GroupProposal]:
        text = self.text
        found: dict[str, GroupProposal] = {}
        self._group_spans_seen: dict[int, set[tuple[int, int]]] = {}
        self._groups_unsorted: set[int] = set()
        abbreviations_added: set[tuple[int, str]] = set()
        skipped_end = -10
        for match in matches:
            candidate = next((c for c in match.candidates if c.tag == "group"), None)
            if candidate is None:
                continue
            if text[match.start : match.end] == candidate.entry.abbreviation and _CIVIL_NOUN.match(text, match.end):
                continue
            before = text[max(0, match.start - 40) : match.start]
            if _PART_OF_A_NAME.search(before) or (skipped_end >= match.start - 2 and before.endswith(("[", "("))):
                skipped_end = match.end  # "the coalition against the Islamic State [ISIS]": the coalition's name
                continue
            if candidate.entry.kind == "unidentified" and _APPOSITIVE_BEFORE.search(before):
                continue  # "Tashkil al-Waritheen, an Iranian-backed militia group, claimed": a description of it
            self._add_group(found, candidate.entry.name, match.start, match.end, candidate.entry.id, True)
        self.reading.set_groups(list(found.values()))
        for match in _ADJECTIVE.finditer(text, self.doc.start):
            noun_at = match.end()
            if model := _AIRCRAFT_MODEL.match(text, noun_at):
                noun_at = model.end()
            if joined := _JOINED_ADJECTIVE.match(text, noun_at):
                noun_at = joined.end()  # "U.S. and Coalition forces": the U.S. forces too
            noun_match = _MILITARY_NOUN.match(text, noun_at)
            if not noun_match or self.reading.group_at(match.start(), match.end() + 1):
                continue
            if match.group() == "Syrian" and "security" in noun_match.group().split():
                continue  # Syria's "security forces" are no army (after Assad fell, _SYRIAN_SECURITY's)
            # The noun as written first ("Iraqi special forces" are Iraqi forces), then the usual ones.
            written = matching_key(noun_match.group())
            # An aircraft or an air strike is the air force's, where the lexicon has one.
            by_air = re.fullmatch(AIRCRAFT, written.split()[-1]) or re.fullmatch(_AIR_STRIKE, written)
            aircraft = ("air force",) if by_air else ()
            if entry := self._forces_of(match.group(), written, *aircraft, written.split()[-1]):
                self._add_group(found, entry.name, match.start(), match.end(), entry.id, True)
        acting = (m for m in _STATE_ACTING.finditer(text, self.doc.start) if not self.doc.is_background(m.start()))
        for match in (
            *_STATE_BLAMED.finditer(text, self.doc.start),
            *_STATE_FORCES.finditer(text, self.doc.start),
            *acting,
        ):
            # "Turkey has been blamed for all three": the state's forces, as "Turkish forces" would name them.
            if entry := self._forces_of(_STATE_ADJECTIVES[match.group("state")]):
                self._add_group(found, entry.name, *match.span("state"), entry.id, True)
        for match in _PATRONS_MILITIAS.finditer(text, self.doc.start):
            # "Iranian and Lebanese militias", "groups closely associated with Iran": the patron's militias.
            patron = match.group("patron") or match.group("patron2")
            entry = self._group_named(f"{_PATRON_STATE.get(patron, patron)}-backed militias")
            if entry and not self.reading.group_at(*match.span()):
                self._add_group(found, entry.name, *match.span(), entry.id, True)
        country, forces = self._home_forces(matches)
        if forces:
            for match in _ALLEGIANCE_FORCES.finditer(text, self.doc.start):
                named = re.search(rf"{_ADJECTIVE.pattern}\s+$", text[max(0, match.start() - 30) : match.start()])
                if named or self.reading.group_at(*match.span()):
                    continue  # "Syrian regime forces", "Kurdish government forces": named by the adjective
                self._add_group(found, forces.name, match.start(), match.end(), forces.id, True)
            personnel = _HOME_PERSONNEL.get(country)
            others = {m["state"] for m in _STATE_PERSONNEL.finditer(text, self.doc.start)} - {_HOME_ADJECTIVE[country]}
            for match in personnel.finditer(text, self.doc.start) if personnel and not others else ():
                if not self.reading.group_at(*match.span()):
                    self._add_group(found, forces.name, match.start(), match.end(), forces.id, True)
        security = self._group_named("General Security Service") if self.reading.published >= _ASSAD_FELL else None
        interior = []
        if security and country == "SY":
            # "the Internal Security Forces (Asayish)": in the Kurdish northeast, the Asayish's name.
            kurdish = bool(_KURDISH_SECURITY.search(text, self.doc.start))
            interior = [
                m
                for m in _SYRIA_INTERIOR.finditer(text, self.doc.start)
                if not (kurdish and m.group().lower().startswith("internal"))
            ]
        for match in (*_SYRIAN_SECURITY.finditer(text, self.doc.start), *interior) if security else ():
            if not self.reading.group_at(*match.span()):
                self._add_group(found, security.name, match.start(), match.end(), security.id, True)
        army = self._group_named("Syrian army") if self.reading.published.year <= 2024 else None
        for match in _ASSAD_FORCES.finditer(text, self.doc.start) if army else ():
            if not self.reading.group_at(*match.span()):
                self._add_group(found, army.name, match.start(), match.end(), army.id, True)
        for match in WARS_SIDES.finditer(text, self.doc.start):
            # "the Israel-Hamas war": each side a group the lexicon knows, though the pair is written as one word.
            for side in ("a", "b"):
                entry = self._group_named(match.group(side))
                if entry and not self.reading.group_at(*match.span(side)):
                    self._add_group(found, entry.name, *match.span(side), entry.id, True)
        self.reading.set_groups(list(found.values()))
        taken = Taken(len(text), (s for g in found.values() for s in g.spans))
        for pattern in (GROUP_HEAD, GROUP_SUFFIX):
            for match in pattern.finditer(text, self.doc.start):
                start, end = match.span()
                name = match.group()
                lead = re.match(r"(?:The|the|A|An)\s+", name)
                if lead:
                    start, name = start + lead.end(), name[lead.end() :]
                if taken.overlaps(start, end) or self.reading.person_at(start, end) or _NOT_ARMED.search(name):
                    continue
                words = [w.lower().strip(".,'’") for w in name.split()]
                if all(w in _GENERIC_GROUP_WORDS for w in words) or words[0] in NOT_NAMES - {
                    "islamic",
                    "popular",
                    "national",
                    "syrian",
                    "kurdistan",
                }:
                    continue
                known = _NAME_AFTER.match(text, end)
                if known and (group := self.reading.group_at(*known.span("name"))) and group.matched:
                    # "The Internal Security Forces (Asayish)": another name of the known group.
                    self._add_group(found, group.name, start, end, group.id, True)
                    taken.add(start, end)
                    continue
                abbreviation = ""
                if abbr := _ABBREVIATION_AFTER.match(text, end):
                    abbreviation = abbr.group("abbr")
                item = self._add_group(found, name, start, end, None, False)
                item.new, item.abbreviation = True, abbreviation
                taken.add(start, end)
                if abbreviation and (id(item), abbreviation) not in abbreviations_added:
                    # Declared again further on, it would only list the same later mentions twice.
                    abbreviations_added.add((id(item), abbreviation))
                    later = self._word_runs().get(abbreviation, [])
                    for at in later[bisect.bisect_left(later, end) :]:
                        item.spans.append(span_list(at, at + len(abbreviation)))
                        self._group_spans_seen[id(item)].add((at, at + len(abbreviation)))
                        self._groups_unsorted.add(id(item))
        return sorted(found.values(), key=lambda g: g.spans[0][0])

    def _forces_of(self, adjective: str, *nouns: str):
        """A state's forces as the lexicon names them with its adjective: "Iraqi" with the nouns given,
        then "Iraqi military", "Iraqi forces"..."""
        for noun in (*nouns, *_MILITARY_KEYS):
            if entry := self._group_named(f"{adjective} {noun}"):
                return entry
        return None

    def _group_named(self, name: str):
        """The lexicon's group of that name or alias, if any."""
        return next((c.entry for c in self.lexicon.lookup(matching_key(name)) if c.tag == "group"), None)

    def _home_forces(self, matches: list[Match]) -> tuple[str, GroupEntry | None]:
        """The country the report is about (its first place in Iraq or Syria) and its forces (_HOME_FORCES), if
        they still stood when the report was published. Not the dateline's place: where the reporter writes from
        ("ERBIL (Kurdistan 24) –" over a report of Deir ez-Zor)."""
        dateline_end = self.reading.dateline.end() if self.reading.dateline else 0
        for match in matches:
            if match.start < dateline_end:
                continue
            place = next((c.entry for c in match.candidates if c.tag in ("place", "governorate", "country")), None)
            if place is None or place.country_code not in _HOME_FORCES:
                continue
            forces = self._group_named(_HOME_FORCES[place.country_code])
            if forces is None or (forces.active_to is not None and forces.active_to < self.reading.published.year):
                return place.country_code, None
            if forces.active_to == _ASSAD_FELL.year and self.reading.published >= _ASSAD_FELL:
                # "government forces" in late December 2024 are the new government's, not Assad's army
                return place.country_code, None
            return place.country_code, forces
        return "", None

    def _add_group(self, found, name, start, end, group_id, matched) -> GroupProposal:
        key = normalise_name(name)
        item = found.get(key)
        if item is None:
            item = found[key] = GroupProposal(
                text=self.text[start:end], spans=[], name=name, matched=matched, id=group_id
            )
        seen = self._group_spans_seen.setdefault(id(item), set())
        if (start, end) not in seen:
            seen.add((start, end))
            if id(item) in self._groups_unsorted:
                item.spans.append(span_list(start, end))
                item.spans.sort()
                self._groups_unsorted.discard(id(item))
            else:
                bisect.insort(item.spans, span_list(start, end))
        return item
