"""Casualty claims in a report: how many were killed, injured or harmed, of which category and group,
and whether it adds to a figure given before ("two more") or is about an earlier event. Who gives each
figure is extraction.claimants'.
"""

import itertools
import re
from dataclasses import dataclass
from functools import cached_property

from extraction.categories import CIVILIANS, RESCUE_BODY, SECURITY_BODY, category_of
from extraction.claim_patterns import (
    AMONG_THE_DEAD,
    CLAIM_NEEDS,
    CLAIM_PATTERNS,
    LIST_ITEM,
    RUNNING_TOTAL,
    TALLY_SIZE,
    VAGUE_AMOUNT,
    WHO_WERE,
)
from extraction.claimants import Claimants
from extraction.document import Sentence
from extraction.numbers import Count, parse_number
from extraction.proposal import ClaimProposal
from extraction.reading import Reading
from extraction.sources import (
    describes_a_monitor,
    named_monitor,
    same_source_name,
)
from extraction.words import clean, span_list

_OF_THE_WOUNDED = re.compile(r"\w+\s+of\s+the\s+(?:wounded|injured)\b", re.IGNORECASE)
_INJURY_WORD = re.compile(r"\b(?:injur|wound)", re.IGNORECASE)
_CRITICAL = re.compile(r"critical\s+condition", re.IGNORECASE)
# A sentence that opens on the event itself: "The attack near the town critically wounded two others".
_THE_EVENT = re.compile(r"(?:The|This)\s+(?:attack|clash|clashes|blast|explosion|strike|bombing|ambush|fighting)\b")
# Nouns that after "a" name one person by their post: the person is a casualty, the sentence no toll.
_ONE_PERSON = re.compile(r"commanders?|leaders?|officers?|officials?|aides?|chiefs?|heads?|advis[eo]rs?", re.IGNORECASE)
# "killed two soldiers", "killed “three people": the figure an active verb governs.
_AFTER_ACTIVE_VERB = re.compile(r"\b(?:kill|wound|injur|hurt|murder)(?:ed|ing|s|es)?[\s\"“”]+$", re.IGNORECASE)
_RAISING = re.compile(r",\s*(?:raising|bringing|taking|pushing)\s+(?:the|its|their)\b", re.IGNORECASE)
_AND_BEFORE = re.compile(r"\b(?:and|while)\s+$", re.IGNORECASE)
_OF_GROUP = re.compile(r"\s+(?:of|from)\s+([^,;.“”\"]{2,60})")
# "wounded 7 others including two civilians": people of more than one kind, not those of the figure before.
_INCLUDING_CIVILIANS = re.compile(
    r"[\s,]+including\s+(?:at\s+least\s+)?(?:\w+\s+)?(?:civilians|children|women)\b", re.IGNORECASE
)
# One more person named after the figure: "alongside Col Wassak", "along with a commander".
_ALONGSIDE_ONE = re.compile(
    r"\s+(?:alongside|along\s+with|together\s+with)\s+(?:(?:an?|their|his)\s+(?:[\w-]+\s+)?(?:commander|officer|leader)\b"
    r"|(?:Col|Colonel|Maj|Major|Gen|General|Brig|Capt|Captain|Lt|Lieutenant|Sheikh)\.?\s+[A-Z]\w+)"
)
_CONFIRMED_TOLL = re.compile(
    r"^(?P<who>[^,;“”\"]{2,80}?)\s+(?:also\s+)?(?:confirmed|corroborated|verified)\s+(?:the\s+)?(?:death\s+)?(?:toll|"
    r"figure|deaths)",
    re.IGNORECASE,
)


def _vague(num: str, mods: str) -> bool:
    """ "an unknown number of", "a number of": no figure."""
    return num.lower().strip() in ("a", "an") and bool(re.match(VAGUE_AMOUNT, mods, re.IGNORECASE))


def _overlaps(used: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    """Whether a figure's words overlap those of a figure already read in the sentence."""
    return any(start < span[1] and span[0] < end for start, end in used)


def find_claims(reading: Reading) -> list[ClaimProposal]:
    """The casualty figures, sentence by sentence; the statements are found (a figure in one is its speaker's)."""
    return _ClaimFinder(reading).find()


def _others_after(claim: ClaimProposal, last: ClaimProposal, s_text: str) -> bool:
    """ "The clash also left seven others injured" after "three soldiers were killed": others than those, of their
    kind, in a sentence about the same event."""
    return (
        claim.category == "all"
        and bool(_THE_EVENT.match(s_text))
        and bool(re.search(r"\bothers\b", claim.text))
        and last.outcome != claim.outcome
        and not last.earlier_event
        and not claim.earlier_event
    )


@dataclass
class _AdditiveClaim:
    claim: ClaimProposal
    additive: bool
    inherits: bool = False
    # "the number of injured had risen to 40", "one of the wounded later died": whose figure's people these are.
    people_of: str = ""


class _ClaimFinder:
    def __init__(self, reading: Reading):
        self.reading = reading
        self.text = reading.text
        self.doc = reading.doc
        self.one_person: set[int] = set()
        self.claimants = Claimants(reading)

    def find(self) -> list[ClaimProposal]:
        claims: list[ClaimProposal] = []
        for sentence in self.doc.sentences:
            s_text = self.doc.sentence_text(sentence)
            used: list[tuple[int, int]] = []
            found: list[_AdditiveClaim] = []
            for kind, pattern in CLAIM_PATTERNS:
                if not CLAIM_NEEDS[kind].search(s_text):
                    continue
                position = 0
                while match := pattern.search(s_text, position):
                    position = match.end()
                    if kind == "included":
                        parts = []
                        for item in LIST_ITEM.finditer(s_text, match.start("items"), match.end("items")):
                            taken = _overlaps(used, (item.start(), item.end("num")))
                            if not taken and (claim := self._claim_from(kind, item, sentence, s_text, match["set"])):
                                used.append(item.span("num"))
                                parts.append(claim)
                        found.extend(self._breakdown(parts, claims))
                        continue
                    num_span = match.span("num") if kind not in ("none", "without") else match.span()
                    if "num2" in pattern.groupindex and match.group("num2"):
                        num_span = (num_span[0], match.end("num2"))
                    if kind == "list":
                        num_span = match.span("items")
                    if _overlaps(used, num_span):
                        continue
                    if self._in_including_clause(s_text, num_span[0], used):
                        continue
                    if kind in ("pair", "passive") and _AFTER_ACTIVE_VERB.search(s_text, 0, num_span[0]):
                        # "killed two soldiers and wounded four others": the object of "killed", not
                        # the subject of "wounded"; "killed three people from the same family and six
                        # people were injured": the next figure may still be a subject.
                        position = match.end("num")
                        continue
                    claim = self._claim_from(kind, match, sentence, s_text)
                    if claim is None:
                        continue
                    used.append(num_span)
                    found.append(claim)
            found.sort(key=lambda c: c.claim.spans[0][0])
            for first, then in itertools.pairwise(found):
                # "killing one and wounding four terrorists": the first figure's people are named after the second.
                gap = self.text[first.claim.spans[0][1] : then.claim.spans[0][0]]
                if first.claim.category == "all" and parse_number(first.claim.text.split()[-1]) and gap == " and ":
                    first.claim.category, first.claim.group = then.claim.category, then.claim.group
            for index, wrapped in enumerate(found):
                if wrapped.additive and any(f.claim.outcome != wrapped.claim.outcome for f in found[:index]):
                    # "three were killed, and four other soldiers were wounded": others than the killed.
                    wrapped.additive = False
                if wrapped.inherits and index and wrapped.claim.category == "all":
                    # "Three soldiers were killed and at least 34 were injured": the second figure counts
                    # the same people as the first.
                    wrapped.claim.category = found[index - 1].claim.category
                    wrapped.claim.group = found[index - 1].claim.group
                elif wrapped.inherits and claims and _others_after(wrapped.claim, claims[-1], s_text):
                    # "Three Iraqi soldiers lost their lives ... The clash also left seven others injured".
                    wrapped.claim.category = claims[-1].category
                elif wrapped.people_of and wrapped.claim.category == "all":
                    # The people of the last such figure.
                    same = next((c for c in reversed(claims) if c.outcome == wrapped.people_of), None)
                    if same is not None:
                        wrapped.claim.category, wrapped.claim.group = same.category, same.group
                self._add_claim(claims, wrapped)
            if (match := _CONFIRMED_TOLL.match(s_text)) and claims:
                claims[-1].confirmed_by.append(clean(match.group("who")))
                claims[-1].spans.append(span_list(sentence.start, sentence.end))
        return [c for c in claims if id(c) not in self.one_person]

    def _breakdown(self, parts: list[_AdditiveClaim], claims: list[ClaimProposal]) -> list[_AdditiveClaim]:
        """ "The victims included 46 civilians and seven soldiers": after a total of 53 given before, a figure
        for each kind of people; with no such total, one figure, their sum, as "two civilians and two
        soldiers were killed" is."""
        if len(parts) < 2 or any(p.claim.min is None for p in parts):
            return parts
        total = sum(p.claim.min for p in parts)
        if any(c.outcome == parts[0].claim.outcome and c.min == total for c in claims):
            return parts
        first = parts[0].claim
        first.min = first.max = total
        first.spans = [span_list(first.spans[0][0], parts[-1].claim.spans[-1][1])]
        first.text = self.text[first.spans[0][0] : first.spans[0][1]]
        if any(p.claim.category != first.category for p in parts):
            first.category, first.group = "all", ""
        return parts[:1]

    def _in_including_clause(self, s_text: str, pos: int, used) -> bool:
        """ "killed four people, including a commander": the commander is one of the four, not a new figure."""
        cut = s_text.rfind("including", 0, pos)
        if cut < 0 or not any(e <= cut for _, e in used):
            return False
        return not re.search(
            r"\b(?:kill|wound|injur|hurt|dead|died)\w*|[;:]|,\s*with\b", s_text[cut:pos], re.IGNORECASE
        )

    def _claim_from(
        self, kind: str, m: re.Match, sentence: Sentence, s_text: str, set_word: str = ""
    ) -> "_AdditiveClaim | None":
        base = sentence.start
        groups = m.groupdict()
        noun = groups.get("noun") or ""
        mods = groups.get("mods") or ""
        span = (base + m.start(), base + len(m.group().rstrip()) + m.start())
        one_person = False
        mixed = False  # people of two categories counted together: "all", whoever's forces some serve
        if kind == "without":
            outcome = {"injuries": "injured", "deaths": "killed"}.get(noun.lower(), "harmed")
            whose = groups.get("among") or groups.get("adj")
            category, count = category_of(whose, mods) if whose else "all", Count(0, 0)
        elif kind == "none":
            noun_l = re.sub(r"\s+", " ", noun.lower())
            outcome_word = (groups.get("outcome") or "").lower()
            if not (noun_l.endswith(("casualties", "injuries", "deaths", "fatalities")) or outcome_word):
                return None
            outcome = {"injuries": "injured", "deaths": "killed", "fatalities": "killed"}.get(noun_l.split(" ")[-1])
            outcome = outcome or {"killed": "killed", "wounded": "injured", "injured": "injured"}.get(
                outcome_word, "harmed"
            )
            category = category_of(noun, m.group()) if noun_l != "casualties" else "all"
            if groups.get("state"):
                category = "security_forces"  # "no Israeli casualties", "no U.S. personnel": a state's forces
            count = Count(0, 0)
        else:
            count = parse_number(groups["num"])
            if count is None or self._is_not_casualty(s_text, m) or AMONG_THE_DEAD.search(m.group()):
                return None
            vague = _vague(groups["num"], mods)
            if groups.get("num2"):
                second = parse_number(groups["num2"])
                # "a senior commander and two other members": the others add to the one named first.
                if second is None or count.additive:
                    return None
                if _vague(groups["num2"], groups["mods2"]):
                    # "eight people and an unknown number of civilians": the eight.
                    groups = {**groups, "num2": None}
                if vague:
                    # "an unspecified number of U.S. personnel and one Iraqi service member": the one.
                    count, noun, mods, vague = second, groups["noun2"], groups["mods2"], None
                    groups = {**groups, "num": groups["num2"], "num2": None}
            if groups.get("num2"):
                both = None if count.max is None or second.max is None else count.max + second.max
                count = Count((count.min or 0) + (second.min or 0), both, count.approximate or second.approximate)
            if kind in ("passive", "active") and count.min and _ALONGSIDE_ONE.match(s_text, m.end()):
                # "four soldiers were killed alongside Col Wassak": the officer is a fifth.
                count = Count(count.min + 1, None if count.max is None else count.max + 1, count.approximate)
            if _CRITICAL.search(m.group()) and _INJURY_WORD.search(s_text, 0, m.start()):
                return None  # "three injuries to U.S. personnel, leaving one in critical condition": one of the three
            if kind == "toll":
                outcome = self._outcome(groups.get("which") or "killed")
            elif kind in ("list", "pair", "passive", "bare", "elliptic", "nominal"):
                outcome = self._outcome(groups["outcome"])
            elif kind in ("subset", "included"):
                outcome = self._outcome(set_word or groups["set"])
            elif groups["verb"].lower() in ("left", "leaving"):
                if not groups.get("left"):
                    return None
                outcome = self._outcome(groups["left"])
            else:
                outcome = self._outcome(groups["verb"])
            # "another was wounded" is one person; "killed another" says nothing of whom.
            # "a Kurdish security member was killed and another wounded": one more, as "another was wounded" is.
            # "... and left another injured", "killed two border guards and injured another": one more, of the people
            # before ("killed another" alone says nothing of whom).
            left_another = (
                kind == "active" and groups["verb"].lower() in ("left", "leaving") and bool(groups.get("left"))
            )
            and_another = kind == "active" and bool(_AND_BEFORE.search(s_text, 0, m.start()))
            another = groups["num"].lower().strip() == "another"
            elliptic_another = another and (kind == "elliptic" or left_another or and_another)
            if (
                not noun
                and kind != "bare"
                and not elliptic_another
                and groups["num"].lower().strip() in ("a", "an", "both", "another", "no")
            ):
                return None
            if not noun and re.match(r"los|execut|massacr", groups.get("verb") or "", re.IGNORECASE):
                return None  # "lost two vehicles", "executed 60 drone strikes": only people lost are a toll
            # "a senior commander" alone is a person; "a commander and two of his companions" a figure, 3.
            one_person = (
                groups["num"].lower().strip() in ("a", "an")
                and bool(_ONE_PERSON.fullmatch(noun))
                and not groups.get("num2")
            )
            if vague:
                return None
            # "members of the security forces": whose people they are decides too.
            whose = f"{mods} {groups.get('of') or ''} {groups.get('aside') or ''}"
            # "six civilian injuries": with no noun for the people, the adjective says whose.
            kind_word = noun or groups.get("adj") or ""
            category = category_of(kind_word, whose) if kind_word else "all"
            if category == "all" and (who := WHO_WERE.match(s_text, m.end())):
                category = category_of(who.group("noun"), who.group("mods"))  # "two people, who were soldiers"
            if kind == "list":
                items = list(LIST_ITEM.finditer(groups["items"]))
                counts = [parse_number(item["num"]) for item in items]
                if any(c is None or c.additive for c in counts):
                    return None
                high = None if any(c.max is None for c in counts) else sum(c.max for c in counts)
                count = Count(sum(c.min or 0 for c in counts), high, any(c.approximate for c in counts))
                if any(category_of(item["noun"], item["mods"]) != category for item in items):
                    category, mixed = "all", True
            if groups.get("num2") and category_of(groups["noun2"], groups["mods2"]) != category:
                category, mixed = "all", True
            if groups.get("noun_and") and category_of(groups["noun_and"], "") != category:
                category, mixed = "all", True  # "14 fighters and civilians were killed"
        if re.match(r"\s+(?:or|nor|and/or)\s+(?:killed|wounded|injured|hurt|dead)\b", s_text[m.end() :], re.IGNORECASE):
            outcome = "harmed"  # "no troops were killed or wounded": killed and injured alike
        if outcome == "injured" and re.match(r"hurt", groups.get("outcome") or "", re.IGNORECASE) and count.max == 0:
            outcome = "harmed"
        claim = ClaimProposal(
            text=self.text[span[0] : span[1]],
            spans=[span_list(*span)],
            outcome=outcome,
            category=category,
            min=count.min,
            max=count.max,
            approximate=count.approximate,
        )
        claim.earlier_event = (
            self.doc.is_background(span[0])
            or self._running_total(s_text, m.end())
            or self.reading.dated_earlier(span[0])
            # No strike, attack or clash these reports tell of killed or wounded a thousand: a figure that large
            # tallies a war, a campaign or a year ("claimed the lives of at least 500,000 people").
            or (count.min or 0) >= TALLY_SIZE
        )
        # The group of the people counted, not of those an "including" clause lists among them.
        noun_end = m.end("noun") if groups.get("noun") else m.end()
        group = self.reading.group_at(base + m.start(), base + noun_end) if noun or mods else None
        whose_part = "of" if groups.get("of") else "aside" if groups.get("aside") else None
        if group is None and whose_part:
            # "members of the Syrian National Army (SNA)", "individuals, suspected to be members of the PKK,": whose
            # members, a group that is no state's forces.
            group = self.reading.group_at(base + m.start(whose_part), base + m.end(whose_part))
            if group is not None and self.reading.group_kind(group) != "state_force":
                claim.category = "combatants"
        elif group is None and noun and (of := _OF_GROUP.match(s_text, m.end())):
            # "killed two members of Iran's Revolutionary Guards": whose members, after an active verb's figure.
            group = self.reading.group_at(base + of.start(1), base + of.end(1))
        if group and not CIVILIANS.search(noun) and not mixed:
            claim.group = group.name
            # A state's forces' members serve it ("two members of Iran's Revolutionary Guards"); another group's
            # are combatants.
            if self.reading.group_kind(group) == "state_force":
                claim.category = "security_forces" if category in ("all", "combatants") else category
            elif category == "all":
                claim.category = "combatants"
        self.claimants.attribute(claim, sentence, span[0])
        # "three of its members", its being a counter-terrorism service or a state's forces: security forces;
        # "two of its forces", its being an armed group: combatants.
        # "its martyrs" too: a group that announces martyrs mourns its own.
        its_own = re.match(r"of\s+(?:its|our|their)\s", mods, re.IGNORECASE) or noun.lower() == "martyrs"
        if its_own and RESCUE_BODY.search(claim.claimant):
            claim.category = "civilians"  # "the civil defense said three of its personnel were injured"
        elif claim.category in ("combatants", "all") and its_own:
            body = self.reading.group_at(*claim.claimant_spans[0]) if claim.claimant_spans else None
            if SECURITY_BODY.search(claim.claimant) or (
                body is not None and self.reading.group_kind(body) == "state_force"
            ):
                claim.category = "security_forces"
            elif body is not None:
                claim.category = "combatants"
        others = noun.lower() == "others"
        if kind not in ("none", "without") and one_person:
            # "killing a senior commander": a person, not a figure (docs/extraction.md). Kept only as
            # what "one other member" adds to.
            self.one_person.add(id(claim))
        return _AdditiveClaim(
            claim,
            count.additive or others,
            # "killed four soldiers and wounded nine": the nine are soldiers too; "18 other people" need not be.
            (
                kind in ("bare", "elliptic")
                or others
                or (count.additive and not re.fullmatch(r"people|persons", noun, re.IGNORECASE))
                or (kind == "active" and not noun)
            )
            and not (claim.category == "all" and _INCLUDING_CIVILIANS.match(s_text, noun_end)),
            people_of=outcome if kind == "toll" else "injured" if _OF_THE_WOUNDED.match(m.group()) else "",
        )

    def _running_total(self, s_text: str, end: int) -> bool:
        """A tally cue in the sentence, unless it is in a ", raising the toll since January to 40" clause
        after the figure: that clause's total is the tally, the figure before it this event's."""
        raising = _RAISING.search(s_text, end)
        return bool(RUNNING_TOTAL.search(s_text[: raising.start()] if raising else s_text))

    def _is_not_casualty(self, s_text: str, m: re.Match) -> bool:
        # "at least 100 times", "2,500 troops in Iraq": counts that are not a toll.
        return bool(re.match(r"\s*times\b", s_text[m.end() :]))

    def _outcome(self, word: str) -> str:
        word = word.lower()
        if re.match(r"fell\s+victim", word):
            return "harmed"  # "fell victim to an explosive device": killed or wounded
        if "neutrali" in word:
            return "harmed"  # "neutralized": killed, wounded, captured or surrendered, as Turkey's ministry uses it
        if re.search(
            r"kill|dead|death|died|martyr|slain|murder|assassinat|execut|massacr|behead|slaughter|gun(?:ned|ning)\s+down|lost|losing|victims|"
            r"lives|eliminat|fatal|succumb|bodies",
            word,
        ):
            return "killed"
        if "harm" in word or "casualt" in word:
            return "harmed"
        if re.match(r"kidnap|abduct", word):
            return "missing"
        return "injured"

    @cached_property
    def _monitor(self) -> str | None:
        return named_monitor(self.text)

    def _described(self, who: str) -> bool:
        """A monitor described where the report names the one it means."""
        return self._monitor is not None and describes_a_monitor(who)

    def _same_source(self, a: str, b: str) -> bool:
        """One source, however named: "the Britain-based monitor" is the Syrian Observatory the report names."""
        return same_source_name(self._monitor if self._described(a) else a, self._monitor if self._described(b) else b)

    def _same_paragraph(self, one: ClaimProposal, other: ClaimProposal) -> bool:
        """ "Three others" count more of the people a figure of their paragraph counted (or of a person killed
        before, "killed a militia leader ... also killed one other member"), not of a figure paragraphs before."""
        first, second = (self.doc.sentence_at(c.spans[-1][0]) for c in (one, other))
        return first is None or second is None or first.paragraph == second.paragraph

    def _add_claim(self, claims: list[ClaimProposal], wrapped):
        claim, additive = wrapped.claim, wrapped.additive
        if additive:
            previous = next(
                (
                    c
                    for c in reversed(claims)
                    if c.outcome == claim.outcome
                    and c.earlier_event == claim.earlier_event
                    and (self._same_paragraph(c, claim) or id(c) in self.one_person)
                    and (not claim.claimant or not c.claimant or self._same_source(c.claimant, claim.claimant))
                ),
                None,
            )
            if previous is not None:
                self.one_person.discard(id(previous))
                previous.min = None if previous.min is None or claim.min is None else previous.min + claim.min
                previous.max = None if previous.max is None or claim.max is None else previous.max + claim.max
                previous.spans.extend(claim.spans)
                previous.group = previous.group or claim.group
                if previous.category == "all" or previous.category == "combatants" and claim.category == "combatants":
                    previous.category = claim.category if claim.category != "all" else previous.category
                previous.claimant = previous.claimant or claim.claimant
                previous.claimant_person = previous.claimant_person or claim.claimant_person
                previous.claimant_spans.extend(s for s in claim.claimant_spans if s not in previous.claimant_spans)
                return
        key = (claim.outcome, claim.min, claim.max, claim.earlier_event)
        for other in claims:
            # "killed three truffle hunters ... killing three": the same figure, its people named the first time.
            if (other.outcome, other.min, other.max, other.earlier_event) != key or claim.category not in (
                other.category,
                "all",
            ):
                continue
            if not (other.claimant or claim.claimant):
                other.spans.extend(claim.spans)  # the report's own account, said again (the title, then the body)
                return
            if not (other.claimant and claim.claimant):
                continue
            # The same figure from the same source, said again (the lead, then the quotation): one claim, under
            # the source's name rather than a description. Another source's figure is a claim of its own.
            if self._same_source(other.claimant, claim.claimant):
                other.spans.extend(claim.spans)
                if self._described(other.claimant) and not self._described(claim.claimant):
                    other.claimant, other.claimant_person = claim.claimant, claim.claimant_person
                    other.claimant_spans = claim.claimant_spans
                return
        claims.append(claim)
