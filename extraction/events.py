"""What kind of event a report tells of (event type and sub-event type, from its first sentence that
says) and the means used (drones, rockets, small arms...)."""

import re

from extraction.proposal import EventTypeProposal, MeansProposal
from extraction.reading import Reading
from extraction.words import span_list

# "shot dead", "survives assassination attempt", "gunfire near a candidate's office": a shooting, not a clash.
# "shot them down", "a warning shot", "shot into the air": no one shot.
_SHOT = r"(?<!warning\s)\bshot\b(?!\s+(?:\w+\s+)?down|\s+into\s+the\s+air)"
_SHOOTING = _SHOT + r"|shooting(?!\s+down)|gunned down|opened fire|gunfire|assassinat\w+|bullets?\b"
_EVENT_CUES = [
    ("violence_against_civilians", "attack", r"(?:opened fire|fired(?: live (?:ammunition|rounds|bullets))?) (?:on|at|upon) (?:the |a )?(?:\w+ )?(?:residents|civilians|worshippers|mourners|villagers|crowds?|people|protesters|demonstrators|passengers)|massacre|\bexecut\w+"),  # noqa: E501
    ("remote_violence", "suicide_bomb", r"suicide (?:bomb\w*|attack\w*|car bomb|vest)"),
    ("remote_violence", "grenade", r"\bgrenade\b"),
    ("remote_violence", "remote_explosive", r"roadside bomb|improvised explosive|\bIEDs?\b|landmine|explosive device|car bomb|bomb exploded|bomb blast|bomb (?:attack|explosion)|car explosion|(?:sticky|magnetic|motorcycle) bombs?|(?:planted|rigged|packed) with explosives|booby-trapped|\bexplosion\b"),  # noqa: E501
    # "Battles between Turkish-backed groups, supported by airstrikes, and Kurdish-led forces".
    ("battles", "armed_clash", r"\bambush\w*|\bclash\w*|gunfight|firefight|exchange of fire|fought|gun battle|stormed"
     r"|\bbattles\s+between"),
    ("violence_against_civilians", "abduction", r"\bkidnap\w*|abduct\w*"),
    ("violence_against_civilians", "attack", _SHOOTING),
    ("strategic_developments", "arrests", r"\barrest\w*|\bdetained\b"),
    ("remote_violence", "air_drone_strike", r"air ?strikes?|airstrikes?|drone strikes?|drone attacks?|drones?\b|war\s*planes?|fighter\s+planes|airplanes|fighter jets|\bjets\b|(?<!anti-)\baircraft\b(?!\s+carriers?)|bombed|air raids?|(?:air|aerial) (?:attacks?|assaults?)|\bstrikes?\b|one-way attack drones?"),  # noqa: E501
    ("remote_violence", "shelling_missile", r"\brockets?\b|mortars?|shelling|artillery|missiles?|Katyusha"),
]  # fmt: skip
_EVENT_REGEXES = [(t, s, re.compile(p, re.IGNORECASE)) for t, s, p in _EVENT_CUES]
# A sentence naming an attack and no means: an attack on the ground, an armed clash in ACLED's terms.
_GROUND_ATTACK = re.compile(r"\battack(?:ed|s)?\b", re.IGNORECASE)
# ...unless the people it killed or the place it hit are civilians': violence against civilians.
_ON_CIVILIANS = re.compile(
    r"\b(?:civilians?|villagers?|residents|people|village|worshippers|shepherds|farmers?|famil(?:y|ies)|house|home"
    # "killed a senior party figure", "an attack on a candidate's office": a person of no armed force.
    r"|figure|politician|candidates?|journalists?|activists?|embassy)\b",
    re.I,
)
# People who bear arms: an ambush on them is a clash.
_ARMED = re.compile(
    r"\b(?:soldiers?|troops|forces|militiam[ae]n|militias?|fighters?|militants?|personnel|police\w*|guards?|patrols?)\b",
    re.I,
)
_MEANS_CUES = [
    ("ballistic_missile", r"ballistic missiles?"),
    ("cruise_missile", r"cruise missiles?"),
    ("drone", r"(?:one-way attack |attack |suicide |kamikaze |armed )?drones?|\bUAVs?\b|unmanned aerial vehicles?"),
    ("air_strike", r"air ?strikes?|airstrikes?|war\s*planes?|fighter\s+planes|airplanes|fighter jets|\bjets\b|(?<!anti-)\baircraft\b(?!\s+carriers?)|air raids?|(?:air|aerial) (?:attacks?|assaults?)|(?<!suicide )bombers?|F-(?:15|16|35)s?"),  # noqa: E501
    ("rocket", r"\brockets?\b|Katyushas?"),  # not "skyrocketed"
    ("artillery", r"mortars?|artillery|shelling|howitzers?"),
    ("ied", r"roadside bombs?|improvised explosive devices?|\bIEDs?\b|landmines?|explosive devices?|car bomb(?:s|ing)?|suicide (?:bomb(?:er|ing)?s?|vests?|belts?)|explosive (?:vests?|belts?)|(?:sticky|magnetic|motorcycle) bombs?|(?:planted|rigged|packed) with explosives|booby-trapped|bomb (?:attack|explosion)"),  # noqa: E501
    ("small_arms", r"gunfire|small arms|gunmen|machine[ -]?guns?|rifles?|shot dead|opened fire|sniper|automatic weapons|bullets?|gunshots?|shooting(?!\s+down)|shootout|firefights?\b"  # noqa: E501
     # "were shot", "firearms", "an exchange of fire", "came under fire", "light and medium weapons".
     r"|" + _SHOT + r"|firearms?|\bguns?\b|exchange(?:d)?\s+(?:of\s+)?fire|under\s+fire|round\s+of\s+fire"
     r"|(?:light|medium)(?:\s+and\s+(?:light|medium))?\s+weapons"),
    # A grenade thrown, blades, clubs and tear gas: none of the kinds above ("six hand grenades" are a raid's haul).
    ("other", r"\bgrenade\b|\bknives\b|\bknife\b|stabb(?:ed|ing)|\bbatons?\b|\bclubs\b|iron\s+(?:pipes?|bars?)"
     r"|tear\s+gas"),
]  # fmt: skip
_MEANS_REGEXES = [(means, re.compile(p, re.IGNORECASE)) for means, p in _MEANS_CUES]
_NOT_USED = re.compile(
    # "found four rifles", not "His body was found with a bullet wound".
    r"\b(?:wearing|wore|worn|carrying|seiz(?:ed|ing)|confiscat(?:ed|ing)|found|recovered|discovered)\b"
    r"(?:\s+(?!with\b)[\w,-]+){0,4}\s+$",
    re.IGNORECASE,
)
# "no drones or aircraft were detected over the area": neither the event's kind nor its means.
_NONE_BEFORE = re.compile(r"\bno\s+(?:[\w-]+\s+(?:or|and)\s+)?$", re.IGNORECASE)
_WENT_OFF = re.compile(r"\b(?:detonat\w*|blew\s+(?:himself|herself|themselves)\s+up)\b", re.IGNORECASE)
_FROM_THE_AIR = {"air_strike", "drone"}
_FROM_THE_GROUND = {"rocket", "artillery", "ballistic_missile"}
# A drone that came down of itself, and words that make it a weapon or an attack.
_DRONE_DOWN = re.compile(
    r"\b(?:drones?|UAVs?)\b[^.;]{0,80}?\b(?:crash(?:ed|es)?|went\s+down|goes\s+down|fell)\b", re.IGNORECASE
)
_DRONE_ARMED = re.compile(
    r"explosive|bomb|armed|attack|strike|target|suicide|laden|kamikaze|shot|intercept|missile", re.I
)
_DRONE_STRIKE = re.compile(r"drone\s+(?:strike|attack)", re.IGNORECASE)
_STRIKE_WORD = re.compile(r"air ?strikes?|airstrikes?|air raids?|(?:air|aerial) (?:attacks?|assaults?)", re.IGNORECASE)


def find_event_type(reading: Reading, means: list[MeansProposal] = ()) -> EventTypeProposal | None:
    """The kind of event the first sentence that names one tells of; "missiles" from aircraft (the report names
    jets, an air strike or drones, and no rockets, artillery or ballistic missiles) are an air strike."""
    used = {m.means for m in means}
    for sentence in reading.doc.sentences:
        s_text = reading.doc.sentence_text(sentence)
        hits = []
        for event_type, sub_event_type, pattern in _EVENT_REGEXES:
            for match in pattern.finditer(s_text):
                absolute = sentence.start + match.start()
                if reading.doc.is_background(absolute) or _in_speech(reading, absolute):
                    continue
                if _NONE_BEFORE.search(s_text, max(0, match.start() - 30), match.start()):
                    continue
                hits.append((match.start(), event_type, sub_event_type, match))
                break
        if not hits:
            ground = _GROUND_ATTACK.search(s_text)
            if not ground or reading.doc.is_background(sentence.start + ground.start()):
                continue
            if _in_speech(reading, sentence.start + ground.start()):
                continue
            on_civilians = _ON_CIVILIANS.search(s_text)
            kind = ("violence_against_civilians", "attack") if on_civilians else ("battles", "armed_clash")
            # An attack whose means, as the report names them, are all aircraft or all guns from afar: a strike.
            if used and used <= _FROM_THE_AIR:
                kind = ("remote_violence", "air_drone_strike")
            elif used and used <= _FROM_THE_GROUND:
                kind = ("remote_violence", "shelling_missile")
            hits.append((ground.start(), *kind, ground))
        if any(h[1] == "battles" for h in hits):
            # "clashes ... heavy gunfire": the shots are the clash's.
            hits = [h for h in hits if h[3].re.pattern != _SHOOTING]
        if any(h[1] != "strategic_developments" for h in hits):
            # "demanding the release of activists arrested ..., with clashes breaking out": the violence is the event.
            hits = [h for h in hits if h[1] != "strategic_developments"]
        _, event_type, sub_event_type, match = min(hits, key=lambda h: h[0])
        if sub_event_type == "remote_explosive" and (grenade := next((h for h in hits if h[2] == "grenade"), None)):
            _, event_type, sub_event_type, match = grenade  # "the explosion of a hand grenade": what exploded
        on_civilians = _ON_CIVILIANS.search(s_text) and not _ARMED.search(s_text)
        if re.match(r"ambush|stormed", match.group(), re.I) and on_civilians:
            # "53 people were killed in an ambush blamed on IS", "gunmen stormed a village": an attack on civilians,
            # not on "militiamen".
            event_type, sub_event_type = "violence_against_civilians", "attack"
        if sub_event_type == "air_drone_strike" and not re.search(
            r"air|drone|jet|aircraft|warplane|bomb", match.group(), re.IGNORECASE
        ):
            rockets = next((h for h in hits if h[2] == "shelling_missile"), None)
            if rockets and not re.search(r"drone|air ?strike|airstrike|warplane|jet", s_text, re.IGNORECASE):
                _, event_type, sub_event_type, match = rockets
        if sub_event_type == "air_drone_strike" and _DRONE_DOWN.search(s_text) and not _DRONE_ARMED.search(s_text):
            # "An unidentified drone crashed near a Peshmerga base": no strike, a development the readers code so.
            event_type, sub_event_type = "strategic_developments", "other"
        from_the_air = used & _FROM_THE_AIR and not used & _FROM_THE_GROUND
        if from_the_air and re.fullmatch(r"missiles?", match.group(), re.IGNORECASE):
            event_type, sub_event_type = "remote_violence", "air_drone_strike"
        start = sentence.start + match.start()
        perpetrator = _first_in(reading, "perpetrator")
        target = _first_in(reading, "target", but=perpetrator)
        return EventTypeProposal(
            event_type=event_type,
            sub_event_type=sub_event_type,
            text=match.group(),
            spans=[span_list(start, start + len(match.group()))],
            perpetrator=perpetrator,
            target=target,
        )
    return None


def with_the_events_means(means: list[MeansProposal], event: EventTypeProposal | None) -> list[MeansProposal]:
    """The means, and an air strike for an air strike whose means the report does not name ("Israeli strikes on
    Damascus", "missile attacks" from the air): the readers record a strike with no drone named as one."""
    used = {m.means for m in means}
    if event is None or event.sub_event_type != "air_drone_strike" or used & (_FROM_THE_AIR | _FROM_THE_GROUND):
        return means
    strike = MeansProposal(means="air_strike", text=event.text, spans=[list(span) for span in event.spans])
    return sorted([*means, strike], key=lambda m: m.spans[0][0])


def _in_speech(reading: Reading, pos: int) -> bool:
    """Inside a quotation someone said: not a word or two the report sets in quotation marks ("a "unilateral
    strike" by U.S. troops")."""
    quote = reading.doc.in_quote(pos)
    return quote is not None and len(reading.text[quote[0] : quote[1]].split()) > 2


def find_means(reading: Reading) -> list[MeansProposal]:
    found: dict[str, MeansProposal] = {}
    for means, pattern in _MEANS_REGEXES:
        for match in pattern.finditer(reading.text, reading.doc.start):
            if reading.doc.is_background(match.start()) or reading.dated_earlier(match.start()):
                continue
            if means == "air_strike" and _DRONE_STRIKE.search(reading.text[max(0, match.start() - 8) : match.end()]):
                continue
            if _NONE_BEFORE.search(reading.text, max(0, match.start() - 30), match.start()):
                continue
            if _NOT_USED.search(reading.text, max(0, match.start() - 50), match.start()) and not (
                means == "ied" and _WENT_OFF.search(reading.text, reading.doc.start)
            ):
                continue  # "one of whom was wearing an explosive belt" (unless it went off), "seized four rifles"
            item = found.setdefault(means, MeansProposal(means=means, text=match.group(), spans=[]))
            item.spans.append(span_list(*match.span()))
    air = found.get("air_strike")
    if air and "drone" in found and all(_STRIKE_WORD.fullmatch(reading.text[s:e]) for s, e in air.spans):
        del found["air_strike"]  # a drone's strike called an "airstrike": no aircraft is named
    if not found and (clash := next(_clashes(reading), None)):
        # "clashes broke out", "a clash with two militants": fought with small arms, when nothing else is named.
        found["small_arms"] = MeansProposal(means="small_arms", text=clash.group(), spans=[span_list(*clash.span())])
    return sorted(found.values(), key=lambda m: m.spans[0][0])


_CLASH = re.compile(r"\b(?:clash(?:es|ed)?|gun ?battles?|skirmish(?:es)?)\b", re.IGNORECASE)


def _clashes(reading: Reading):
    return (
        m
        for m in _CLASH.finditer(reading.text, reading.doc.start)
        if not (reading.doc.is_background(m.start()) or reading.dated_earlier(m.start()))
    )


def _first_in(reading: Reading, role: str, but: str = "") -> str:
    """The group whose words give it `role` earliest in the report: the lead's account before background. A group
    named only by what it is ("a pro-Iran militia", "gunmen") gives way to an armed group the report names in the
    same part ("the Islamic Resistance in Iraq"), which is who it was."""
    cues = sorted(
        (r.spans[0][0] if r.spans else 0, g.name, reading.group_kind(g))
        for g in reading.groups
        for r in g.roles
        if r.role == role and g.name != but
    )
    if not cues:
        return ""
    named = next((name for _, name, kind in cues if kind in _NAMED_ARMED_GROUPS), None)
    return named if cues[0][2] == "unidentified" and named else cues[0][1]


_NAMED_ARMED_GROUPS = ("non_state", "designated_terrorist", "state_aligned_militia", "coalition")
