"""Who gives a casualty figure ("the Syrian Observatory said", "according to a security source", a
quotation's speaker), in the text's words, for extraction.casualties."""

import re

from extraction.document import Sentence
from extraction.proposal import ClaimProposal
from extraction.reading import Reading
from extraction.sources import (
    CLAIMANT_PATTERNS,
    ITS_REPORTS,
    SAID_BEFORE,
    STATEMENT_FROM,
    WHO_TRIM,
    not_a_source,
    source_words,
)
from extraction.words import SAY_VERB, span_list

# Not the source's name: a dateline, "and", "a statement from", "The strikes came after" (a Syria war monitor said).
_CLAIMANT_LEAD = re.compile(
    rf"(?:.{{0,60}}\s[-–—]\s)?(?:[^,;]{{0,60}}?\b(?:came|comes|happened|followed|follows)\s+(?:\w+\s+)?"
    # "..., in what their colleagues told The National was": the colleagues.
    rf"(?:after|as|when)\s+)?(?:(?:and|but|while|as|in\s+what)\s+)?(?:{STATEMENT_FROM})?",
    re.IGNORECASE,
)
# A count of two or more: a sentence holding one gives figures of its own.
_COUNT = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|dozens?|scores|hundreds)\b",
    re.IGNORECASE,
)
_CONTRAST = re.compile(r"\s*(?:while|but|whereas)\b", re.IGNORECASE)
_IT_SAID = re.compile(rf"\s*(?:It|They)\s+(?:\w+ly\s+)?(?:{SAY_VERB})\b")
_THE_STATEMENT = re.compile(r"(?:the|this|that)\s+statement", re.IGNORECASE)
_THE_GROUP = re.compile(r"the\s+(?:group|organi[sz]ation)(?:\s+(?:also|later|then|earlier))?", re.IGNORECASE)
_MONITOR_WORD = re.compile(r"\b(?:observatory|monitor)\b", re.IGNORECASE)
_ANAPHORIC_BODY = re.compile(r"\b(?:the|its|their)\s+(?:group|militia|movement|organi[sz]ation|faction)\b", re.I)


class Claimants:
    """Who gives each figure of a report: the speaker of the statement it is in, the source the sentence
    names before or after it, or the source the paragraph named last."""

    def __init__(self, reading: Reading):
        self.reading = reading

    def attribute(self, claim: ClaimProposal, sentence: Sentence, pos: int):
        statement = self.reading.statement_at(pos)
        if statement is not None and statement.speaker:
            # A person speaks for their body. A description is the source as the text names it ("an Iraqi
            # military source"), unless it names its body only as "the group": then that group.
            described = not statement.speaker_is_person and not _ANAPHORIC_BODY.search(statement.speaker)
            claim.claimant = statement.speaker if described else statement.body or statement.speaker
            claim.claimant_person = statement.speaker if statement.speaker_is_person else ""
            claim.claimant_spans = [list(s) for s in statement.speaker_spans]
            return
        s_text, base = self.reading.sources.unquoted(sentence)
        # "..., while Israel's army said six soldiers were wounded": the source just before the figure.
        if said := SAID_BEFORE.search(s_text, 0, max(0, pos - base)):
            lead = _CLAIMANT_LEAD.match(said.group("who"))
            who = WHO_TRIM.sub("", said.group("who")[lead.end() :])  # "A Syrian war monitor on Tuesday said"
            if who and who.lower() not in ("it", "they", "he", "she") and not not_a_source(who):
                self._set(claim, who, base + said.start("who") + lead.end(), pos)
                return
        for pattern in CLAIMANT_PATTERNS:
            for match in pattern.finditer(s_text):
                if base + match.start("who") > pos and _CONTRAST.match(match.group("who")):
                    continue  # "X killed five, while Israel's military said it struck back": another account
                # After a blanked-out aside (", which caused no damage,") only the words that follow it.
                who = source_words(match)
                who = re.sub(r"\s+\w+ly$", "", who)  # "It initially said": "It"
                # Not the source's name: "and", a dateline ("ERBIL, Kurdistan Region - "), "a statement from".
                lead = _CLAIMANT_LEAD.match(who)
                who = who[lead.end() :] if lead else who
                if not who or len(who.split()) > 12 or who.lower() in ("it", "they") or not_a_source(who):
                    continue
                if ITS_REPORTS.fullmatch(who):  # "According to its previous reports": the source named before
                    if source := self.reading.sources.previous_source(pos, paragraphs=1):
                        self._set(claim, *source, pos)
                        return
                    continue
                start = base + match.start("who") + match.group("who").index(who)
                self._set(claim, who, start, pos)
                return
        # Wire copy names its source once and lets the next sentences of the paragraph lean on it; "It said"
        # opening a paragraph leans on the paragraph before.
        paragraphs = 1 if _IT_SAID.match(s_text) else 0
        if source := self.reading.sources.previous_source(pos, paragraphs=paragraphs):
            self._set(claim, *source, pos)
        elif source := self.reading.sources.next_source(pos, unless=_COUNT):
            # The source named in the sentence after the figure, if that one gives no figure of its own.
            self._set(claim, *source, pos)

    def _set(self, claim: ClaimProposal, who: str, start: int, pos: int):
        end = start + len(who)
        claim.claimant_spans = [span_list(start, end)]
        lowered = who.lower()
        if lowered in ("he", "she"):
            person = self.reading.last_person_before(pos)
            if person:
                claim.claimant = person.body or person.group or person.name
                claim.claimant_person = person.name
                return
        person = self.reading.person_at(start, end)
        if person:
            claim.claimant, claim.claimant_person = person.body or person.group or person.name, person.name
            return
        monitor = self.reading.sources.previous_source(start) if _THE_GROUP.fullmatch(who) else None
        if monitor and _MONITOR_WORD.search(monitor[0]):
            who = monitor[0]  # "The Observatory said ... The group also said": a monitor is a group too
        elif _ANAPHORIC_BODY.fullmatch(who) and (group := self.reading.last_group_before(start, armed_group=True)):
            who = group.name  # "the group said": the armed group named last
        elif _THE_STATEMENT.fullmatch(who) and (issuer := self.reading.sources.issuer_before(start)):
            who = issuer[0]  # "the statement said": whoever issued it
        claim.claimant = who
