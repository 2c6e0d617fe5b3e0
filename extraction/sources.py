"""Who a sentence names as its source ("..., the ministry said", "according to the monitor"), read with
its quotations and asides blanked out. The statement finder asks whom "it said" refers to; the casualty
finder, who gives a figure.
"""

import re

from extraction.document import Document, Sentence
from extraction.words import DASHED_ASIDE, DOTTED, MONTH, SAY_VERB, is_a_name
from incidents.text import normalise_name

# "According to its previous reports", "according to the same source": the source named before, not one of its own.
ITS_REPORTS = re.compile(
    r"(?:its|their|his|her)\s+(?:\w+\s+)?(?:reports?|statements?|account|figures?)|(?:the\s+)?same\s+(?:source|monitor)",
    re.I,
)

# What follows the source's name and is not part of it: ", adding ...", " in a statement on ...".
WHO_TRIM = re.compile(
    r"\s*(?:,\s*(?:describing|adding|saying|calling|referring|who|which|in a statement|according|as|when|while|"
    r"after)\b.*"
    # "Iraq's government condemned on Tuesday ...": a finite verb ends the name; so does "on condition of anonymity".
    r"|\s+(?:condemned|denounced|accused|blamed|warned|urged)\b.*|\s+(?:speaking\s+)?on\s+condition\s+of\s+anonymity.*"
    # "X, an umbrella group, in a statement published on its Telegram channel claimed": no source after the aside.
    r"|(?:^|\s+)(?:in|on)\s+(?:a|an|the)\s+(?:statement|interview|briefing|post|video|televised|news conference).*"
    r"|\s+(?:on|late on|early on)\s+\w+day\b.*|,?\s*$|(?<=\w\w)\.\s*$"
    # "the Syrian Observatory ..., raising the overall toll": a toll's clause after the name; "X meanwhile said": an
    # adverb.
    r"|,\s*(?:raising|bringing|putting|pushing|updating)\b.*|\s+(?-i:meanwhile|initially|[a-z]+ly)\s*$)",
    re.IGNORECASE | re.DOTALL,
)
# "Officials named 16 fighters": the dead named by number, not "a man named Ali".
# "The militia disputed that account, saying none of its fighters were killed": the figure is the militia's.
_CLAIM_VERB = (
    rf"{SAY_VERB}|gave|put|estimated|counted|documented|recorded|named(?=\s+(?-i:\d|[a-z]))"
    r"|(?:disputed|denied|rejected)(?=[^.;“”\"]{0,40}\bsaying\b)"
)
# "according to a statement from U.S. Central Command": an abbreviation's full stops do not end the name.
ACCORDING_TO = rf"\baccording to\s+(?P<who>(?:{DOTTED}|[^,;.“”\"]){{2,100}})"
CLAIMANT_PATTERNS = [
    # "HKN Energy, the US company, said", "Maj Gen Tahseen Al Khafaji, spokesman for the command, later said":
    # the name, not its description.
    re.compile(
        rf"^(?P<who>[A-Z][\w'’.&-]*(?:\s+(?:(?:for|of|and|the)\s+)*[A-Z][\w'’.&-]*){{0,5}}),\s+"
        rf"(?:(?:a|an|the)\s+|(?=[a-z]))[^,;“”\"]{{2,160}},\s+(?:later\s+|also\s+|earlier\s+|\w+ly\s+)?(?:{_CLAIM_VERB})\b"
    ),
    # ", Iraqi Kurdistan's counterterrorism service said", also after a blanked-out aside (three spaces or more) or
    # quotation ('The IS group “attacked ...,” the Britain-based Syrian Observatory said').
    re.compile(
        rf"(?:,|\s{{3}}|\x01(?=\s))\s*(?P<who>(?:[^,;“”\"\s]|,\s*(?:a|an|the)\s)[^,;“”\"]{{1,90}}?)"
        # "the Kurdish security forces, known as Asaiysh, said": the name before its byname.
        rf"(?:,\s*(?:also\s+)?known\s+as\s+[^,;“”\"]{{1,40}})?,?\s+(?:had\s+|have\s+|has\s+)?(?:earlier\s+|"
        rf"also\s+|later\s+)?(?:{_CLAIM_VERB})\b(?!\s+the\s+lives|\s+by\b)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^(?:(?:in|on|late|early|later|earlier|meanwhile|however|but|separately)\b[^,]{{0,40}},\s*"
        rf"|(?:(?:later|earlier|late|early)\s+)?on\s+\w+day\s+)?(?P<who>[^,;“”\"]{{2,100}}?)\s+"
        rf"(?:had\s+|have\s+|has\s+)?(?:earlier\s+|also\s+|later\s+)?(?:{_CLAIM_VERB})\b(?!\s+the\s+lives|\s+by\b)",
        re.IGNORECASE,
    ),
    re.compile(ACCORDING_TO, re.IGNORECASE),
    # "..., as confirmed by the US military": who confirmed it.
    re.compile(r"\bas\s+(?:confirmed|reported|announced|stated)\s+by\s+(?P<who>[^,;.“”\"]{2,80})", re.IGNORECASE),
    # "The rescue service identified the dead as ..., and said another 15 were wounded": the subject of both.
    re.compile(
        rf"^(?P<who>[^,;“”\"]{{2,80}}?)\s+(?:identified|confirmed|reported|announced|counted)\b[^;“”\"]*,\s*and\s+"
        rf"(?:also\s+)?(?:{SAY_VERB})\b"
    ),
    # "..., said Ali Hassan, the head of the local council": the verb before its subject.
    re.compile(
        rf",\s*(?:{SAY_VERB})\s+(?P<who>(?:(?:the|a|an|two|three|several|some)\s+\w|[A-Z])"
        rf"(?![^,;.“”\"]*\b(?:that|were|was)\b)[^,;.“”\"]{{1,80}})(?=[,.;]|$)"
    ),
    # "Reuters later cited Iraqi officials saying", "AFP quoted a security source as saying": whom it cites.
    re.compile(r"\b(?:cited|quoted)\s+(?P<who>[^,;“”\"]{2,80}?)\s+(?:as\s+)?saying\b", re.IGNORECASE),
]
_QUOTING = re.compile(r",\s*(?:quoting|citing)\s+(?P<who>[^,;“”\"]{2,80}?)\s*(?:[,.;]|$)", re.IGNORECASE)
# "..., while Israel's army said six soldiers were wounded": the source named just before a figure.
SAID_BEFORE = re.compile(
    r"(?:^|[,;]\s*|\b(?:while|but|as)\s+)(?P<who>[^,;“”\"\x01]{2,60}?)\s+(?:has\s+|had\s+)?(?:said|says|reported|"
    r"announced|confirmed)\s+(?:that\s+)?(?:at\s+least\s+)?$",
    re.IGNORECASE,
)
# "No casualties were reported", "killed in a reported airstrike", "and said", "quote marks", ", later said",
# ", however, denied": words before a passive verb, blanked, or an adverb alone, are no source's name.
_NOT_A_SOURCE = re.compile(
    r"\b(?:were|was|been|being|is|are|a|an|the|they|he|she)$|^(?:no|were|was|is|are|and|but|while|including)\b|\x01"
    # "SANA did not say what was targeted": a subject that did not speak.
    r"|\b(?:did|does|do)\s+not$"
    r"|^(?:later|also|earlier|then|separately|meanwhile|as|however|though|too|instead|\w+ly)$"
    r"|^(?:along|with|including|which|who|whom|that)\b"
    # "X, affiliated with the KDP, has announced": the aside's words, not the source.
    r"|^(?:affiliated|associated|linked|aligned|close)\s+(?:with|to)\b"
    # "the Kurdish security forces, known as Asaiysh, said": the name's other name, the subject before it.
    r"|^(?:known|also\s+known|called|dubbed)\s+as\b"
    # "On Wednesday, the SDF, a U.S.-backed force, said": a day, not the source.
    r"|^(?:on|late|early)\s+(?:\w+\s+)?\w+day$"
    # "a suicide attack ..., for which the PKK claimed responsibility": a claim of the attack, not of a figure.
    r"|^(?:for|to|of|by|from|in|on|after)\s+(?:which|whom)\b"
    # "..., left one dead and 18 wounded, announced the ministry": the toll, not its source.
    r"|^(?:left|leaving|killing|killed|wounding|wounded|injuring|injured)\b"
    # Words a quotation or a toll left behind: "... on the same road and", "at least three" (civilians were
    # killed), "Several civilians have been injured and one killed".
    r"|\b(?:and|or)$|^(?:at\s+least|more\s+than)\s|\b(?:have|has|had)\s+been\s+(?:killed|injured|wounded)\b",
    re.IGNORECASE,
)


# "The Britain-based monitor", "a Syrian war monitor" (not "the Observatory", a name cut short): a monitor the
# report names in full.
_MONITOR_DESCRIPTION = re.compile(
    r"(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,3}?(?-i:monitor|observatory|watchdog)"
    r"|(?:the|a|an)\s+(?:Britain|UK|U\.K\.|London)-based\s+(?:group|organi[sz]ation)"
    # "the rights group said in a statement".
    r"|(?:(?:the|a)\s+)?(?:human\s+)?rights\s+(?:group|organi[sz]ation)",
    re.IGNORECASE,
)
_NAMED_MONITOR = re.compile(r"\b(?:[A-Z][\w'’-]*\s+){1,3}(?:Observatory|Network)\s+for\s+Human\s+Rights\b")


def describes_a_monitor(who: str) -> bool:
    """ "the Britain-based monitor", "a Syrian war monitor": a monitor described, not named."""
    return bool(_MONITOR_DESCRIPTION.fullmatch(who))


def named_monitor(text: str) -> str | None:
    """The one monitor a report names in full ("Syrian Observatory for Human Rights"), if it names one."""
    names = {m.group() for m in _NAMED_MONITOR.finditer(text)}
    return names.pop() if len(names) == 1 else None


# "a statement from U.S. Central Command", "the report by": the words before the name of who issued it ("the
# report from October 29" names when, not who).
STATEMENT_FROM = (
    r"(?:a|the)\s+(?:statement|report|post)\s+(?:(?:posted|published|issued|released)\s+(?:on\s+[^,;.“”\"]{1,30}?\s+)?)?"
    rf"(?:on\s+\w+\s+)?(?:from|by|of)\s+(?!{MONTH}|\d)"
)


# "a statement on Saturday from the Security Media Cell": who issued it.
_STATEMENT_FROM = re.compile(
    r"\bstatement\s+(?:on\s+\w+\s+)?(?:from|by|of)\s+(?P<who>(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*){0,6})"
)
A_STATEMENT = re.compile(r"(?:a|an|the|this|that|its|their)\s+(?:\w+\s+)?statement\b", re.IGNORECASE)


def not_a_source(who: str) -> bool:
    return bool(_NOT_A_SOURCE.search(who.strip()))


# A dateline opening the words before a verb: "SINJAR, Iraq (AP) — ".
DATELINE_LEAD = re.compile(r"^[^“”\"]{0,60}\s[–—/-]+\s+(?=\S)")


# What may follow a blanked-out aside and still not be the source: an adverb, or the end of a description with a
# comma in it ("the SDF, a U.S.-backed, Kurdish-led alliance, announced").
_AFTER_AN_ASIDE = re.compile(
    r"\w+ly|later|also|earlier|then"
    r"|(?:[\w.-]+-(?:led|backed|based|run)\s+)+(?:alliance|coalition|group|force|forces|militia|organi[sz]ation)",
    re.IGNORECASE,
)


def source_words(match: re.Match) -> str:
    """The source's words in a CLAIMANT_PATTERNS match: its trailing words trimmed, and only what follows a
    blanked-out aside or quotation ("“...,” Israel's military said")."""
    parts = [part.strip() for part in re.split(r"\s{3,}|\x01", WHO_TRIM.sub("", match.group("who")).strip())]
    if len(parts) > 1 and parts[-2] and _AFTER_AN_ASIDE.fullmatch(parts[-1]):
        parts.pop()  # "X, a Britain-based war monitor, initially reported": X, before the aside
    who = DATELINE_LEAD.sub("", parts[-1])  # "SINJAR, Iraq (AP) — Local officials say": the officials
    return re.sub(r"^[^()]*\)\s*", "", who)  # "Beirut, (APP - ... 12th Sep, 2024) Syrian state media said"


# A quotation (blanked out) that opens a sentence, with the punctuation closing it.
_OPENING_QUOTATION = re.compile(r"(?:\x01[\x01\s,.”’\"]*)?")
_ASIDE = re.compile(
    # "the anti-terrorist service of Iraq's Kurdistan region, adjacent to Nineveh, gave": where it is.
    # "X, comprising armed Shiite factions, announced": what it is made of.
    rf",\s*(?:who|which|speaking|requesting|asking|an?|adjacent|located|situated|based|bordering|comprising"
    rf"|consisting\s+of|made\s+up\s+of)\s"
    rf"(?:(?!\b(?:{SAY_VERB})\b)[^,;]){{0,80}},"
    rf"|{DASHED_ASIDE}"
)


class Sources:
    """The sources named in one report's sentences, each sentence read once."""

    def __init__(self, doc: Document):
        self.text = doc.text
        self.doc = doc
        self._nearest_sources: list[int | None] = []
        self._blanked: dict[int, str] = {}

    def previous_source(self, pos: int, paragraphs: int = 1) -> tuple[str, int] | None:
        """Who "it said" refers to: the last source named in a sentence before, in this paragraph or the last."""
        current = self.doc.sentence_at(pos)
        if current is None:
            return None
        # Sentences come in paragraph order: the nearest earlier one naming a source is the answer, if it is
        # in a paragraph allowed.
        nearest = self._nearest_source(self.doc.sentence_index(current))
        if nearest is None or self.doc.sentences[nearest].paragraph < current.paragraph - paragraphs:
            return None
        return self._source_in(nearest)

    def source_near(self, pos: int) -> tuple[str, int] | None:
        """The source the sentence at `pos` names, or else the one named last before it (previous_source)."""
        current = self.doc.sentence_at(pos)
        here = self._source_in(self.doc.sentence_index(current)) if current is not None else None
        return here or self.previous_source(pos)

    def behind_statement(self, source: tuple[str, int]) -> tuple[str, int] | None:
        """A source that is a mention of the statement ("According to the statement,") stands for its issuer named
        before that mention (None if none is); any other source for itself."""
        return self.issuer_before(source[1]) if A_STATEMENT.fullmatch(source[0]) else source

    def issuer_before(self, pos: int) -> tuple[str, int] | None:
        """Who issued "the statement" a sentence cites: the body a statement was "from" or the last source
        named that is not itself a statement, in the sentences before (at most five)."""
        current = self.doc.sentence_at(pos)
        if current is None:
            return None
        index = self.doc.sentence_index(current)
        for i in range(index, max(-1, index - 6), -1):
            sentence = self.doc.sentences[i]
            s_text, base = self.unquoted(sentence)
            limit = pos - base if i == index else len(s_text)
            if issuer := _STATEMENT_FROM.search(s_text, 0, max(0, limit)):
                return issuer.group("who"), base + issuer.start("who")
            if i < index and (source := self._source_in(i)) and not A_STATEMENT.match(source[0]):
                return source
        return None

    def next_source(self, pos: int, unless: re.Pattern) -> tuple[str, int] | None:
        """The source the next sentence of the paragraph names ("Three fighters were killed. One was a senior
        member, according to the CTD statement."), unless that sentence holds `unless` (figures of its own)."""
        current = self.doc.sentence_at(pos)
        if current is None:
            return None
        index = self.doc.sentence_index(current) + 1
        if index >= len(self.doc.sentences) or self.doc.sentences[index].paragraph != current.paragraph:
            return None
        if unless.search(self.doc.sentence_text(self.doc.sentences[index])):
            return None
        return self._source_in(index)

    def _nearest_source(self, index: int) -> int | None:
        """The last sentence before sentence `index` that names a source; each sentence is read once."""
        nearest = self._nearest_sources
        while len(nearest) < index:
            i = len(nearest)
            nearest.append(i if self._source_in(i) else (nearest[i - 1] if i else None))
        return nearest[index - 1] if index else None

    def _source_in(self, index: int) -> tuple[str, int] | None:
        s_text, base = self.unquoted(self.doc.sentences[index])
        # "State media said, quoting a military source": the words are the one quoted's.
        for pattern in (
            _QUOTING,
            CLAIMANT_PATTERNS[0],
            CLAIMANT_PATTERNS[2],
            CLAIMANT_PATTERNS[1],
            CLAIMANT_PATTERNS[3],
        ):
            for match in pattern.finditer(s_text):
                who = source_words(match)
                if re.search(r"\b(?:it|they|he|she)$", who, re.IGNORECASE) or not_a_source(who):
                    continue
                if who and len(who.split()) <= 12:
                    return who, base + match.start("who") + match.group("who").index(who[0])
        return None

    def unquoted(self, sentence: Sentence) -> tuple[str, int]:
        """outside_quotes() from the first word after a quotation that opens the sentence ("“...,”
        Israel's military said": "Israel's military said"), and where that text starts in the report."""
        s_text = self.outside_quotes(sentence)
        cut = _OPENING_QUOTATION.match(s_text).end()
        return s_text[cut:], sentence.start + cut

    def outside_quotes(self, sentence: Sentence) -> str:
        """The sentence with quotations and ", who spoke on condition of anonymity," asides blanked out.

        Blanking keeps every offset where it was, so spans found in it point into the text.
        """
        if (blanked := self._blanked.get(sentence.start)) is not None:
            return blanked
        chars = list(self.text[sentence.start : sentence.end])
        quoted = self.doc.quoted()
        if quoted.find(1, sentence.start, sentence.end) >= 0:
            for i in range(sentence.start, sentence.end):
                if quoted[i]:
                    chars[i - sentence.start] = "\x01" if not chars[i - sentence.start].isspace() else " "
            # A name in quotation marks is a name: 'The "Islamic Resistance in Iraq" announced' names its source.
            for start, end in self.doc.quotes:
                inner_end = end - 1 if self.text[end - 1] in "”“\"’'" else end
                if sentence.start <= start and end <= sentence.end and is_a_name(self.text[start + 1 : inner_end]):
                    chars[start - sentence.start : end - sentence.start] = self.text[start:end]
                    chars[start - sentence.start] = " "
                    chars[inner_end - sentence.start : end - sentence.start] = " " * (end - inner_end)
        blanked = _ASIDE.sub(lambda m: " " * len(m.group()), "".join(chars))
        self._blanked[sentence.start] = blanked
        return blanked


def same_source_name(a: str, b: str) -> bool:
    """Two names of one source: equal but for "the", one inside the other, or one the other's initials."""
    a_key, b_key = (
        normalise_name(re.sub(r"^the\s+", "", a, flags=re.I)),
        normalise_name(re.sub(r"^the\s+", "", b, flags=re.I)),
    )
    return a_key == b_key or a_key in b_key or b_key in a_key or _initials_of(a, b) or _initials_of(b, a)


def _initials_of(short: str, name: str) -> bool:
    """ "NSC" and "a National Security Council statement": an abbreviation and the capitalised words it shortens."""
    initials = "".join(word[0] for word in re.findall(r"\b[A-Z][\w'’-]*", name))
    return bool(re.fullmatch(r"[A-Z]{2,6}", short.strip())) and short.strip() == initials
