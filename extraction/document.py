"""The body of a report as the finders read it: paragraphs, quotations, sentences, background clauses
(what happened before the event reported) and words."""

import bisect
import re
from dataclasses import dataclass

from extraction.spans import Spans, Taken
from extraction.words import word_set

# A run this long without sentence punctuation is not a sentence (news sentences stay under a few
# hundred characters): it is cut at a space, so the work done per sentence stays bounded.
MAX_SENTENCE_CHARS = 1_000

_ABBREVIATIONS = word_set(
    "mr mrs ms dr gen maj lt col capt sgt adm brig rep sen st no jan feb mar apr jun jul aug sep sept oct "
    "nov dec a.m p.m u.s u.n u.k etc vs jr sr co corp inc ltd gov pres spc pvt cpl approx fig e.g i.e "
)
_SENTENCE_BREAK = re.compile(r"(?<![.!?])[.!?]+[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9\u0600-\u06ff])")
_WORD_BEFORE = re.compile(r"([\w.]+)\.?$")
_QUOTE_MARK = re.compile(r"[“”\"]")
# A single quotation runs from an opening ‘ (not inside a word) to the first ’ that ends no word
# ("the group’s ‘red line’"), on the same line.
_SINGLE_OPEN = re.compile(r"(?<![\w’'])‘")
_SINGLE_CLOSE = re.compile(r"’(?!\w)")
# Straight single marks: an opening before a word, a closing after a word or its punctuation; an apostrophe
# inside a word ("Iran's") is neither.
_STRAIGHT_OPEN = re.compile(r"(?<![\w’'])'(?=[^\W_])")
_STRAIGHT_CLOSE = re.compile(r"(?<=[^\W_.,!?\]])'(?![^\W_])|(?<=[.,!?\]])'(?!\w)")
_NEWLINE = re.compile(r"\n")
WORD = re.compile(r"[^\W_]+(?:['’`\-][^\W_]+)*")

_BACKGROUND_SENTENCE = re.compile(
    # "Also on Friday, American troops killed...", "Separately, ...": another event.
    r"^(?:since|last (?:month|week|year)|earlier this (?:month|week|year)|previously|in recent (?:weeks|months)"
    r"|also on\b|separately|elsewhere|(?:in )?(?:a|another) separate|in another (?:incident|attack|development)"
    r"|the (?:first|second|third|other|previous|earlier) (?:attack|strike|bombing)"
    # "A similar strike on Monday killed three", "Similar attacks on Wednesday forced": another of its kind.
    r"|(?:a |an )?similar (?:drone |air |rocket )?(?:attacks?|strikes?|bombings?|airstrikes?)"
    r"|(?:just |only )?(?:a|one|two|three|four|five|six|several|a few|\d+) (?:days?|weeks?|months?) "
    r"(?:earlier|before|ago)\b"
    r"|over the past|in the past|before that)\b"
    r"|\b(?:ha(?:s|ve) come under (?:\w+ )?attack|ha(?:s|ve) been (?:attacked|targeted) (?:\w+ ){0,3}times"
    r"|at least [\w,]+ times|\d+ times|usually|typically|routinely|part of a (?:wave|series)"
    # "amid a spate of attacks ... largely attributed to ISIS", "The attacks have mostly targeted Kurdish-led forces".
    r"|amid a (?:spate|wave|string|surge) of|ha(?:s|ve) (?:mostly|largely|mainly) (?:targeted|hit|struck)"
    # Habits and records: "sporadically launch attacks", "a frequent target", "several times in recent years",
    # "a long-running campaign".
    r"|in recent years|over the (?:last|past) (?:few |several |two |three |\w+ )?(?:years|decades)"
    r"|several times|repeatedly|sporadically|frequent(?:ly)? (?:target|attack)\w*"
    # "Israel continues to carry out ground incursions and air raids that have killed civilians": a habit.
    r"|continues? to (?:carry out|launch|conduct|stage) (?:\w+ ){0,3}?(?:attacks|strikes|raids|incursions|operations)"
    # A long-running campaign, not "a long-running dispute between two families turned deadly on Monday".
    r"|long-running\s+(?:[\w-]+\s+)?(?:campaign|conflict|insurgency|war|operations?|offensive|fight)"
    r"|(?:decades?|years?)-long|frequently|periodic(?:ally)?|occasional(?:ly)?"
    # "a series of attacks" is a record; "carried out a series of airstrikes" is this event's.
    r"|(?<!carried out )(?<!carrying out )(?<!conducted )(?<!launched )a series of (?:similar )?"
    r"|ha(?:s|ve) (?:about |some |around )?[\d,]+ (?:troops|soldiers|personnel)|many of the"
    # "ISIS has claimed two attacks in the past two weeks", "an escalating number of attacks": a record.
    # Not an aircraft's model: "the AC-130 strikes", "F-16 strikes".
    r"|(?<![\w-])(?:[\d,]+|two|three|four|five|six|seven|eight|nine|ten|dozens of|scores of|hundreds of)"
    r" (?:attacks|strikes)"
    r"|(?:growing|escalating|increasing|rising) number of (?:attacks|strikes))\b",
    re.IGNORECASE,
)
# "were injured after a pair of rockets hit the base": what hit them, this event and not an earlier one.
_STRUCK_BY = (
    r"(?:a|an|the|two|three|\d+)\s+(?:(?:pair|volley|barrage|salvo)\s+of\s+)?(?:[\w-]+\s+){0,2}?(?:rockets?|drones?|"
    r"missiles?|mortars?|bombs?|shells?|IEDs?|mines?|landmines?|explosive\s+devices?)\s+(?:hit|struck|exploded|"
    r"targeted|slammed|landed|detonated|went\s+off)\b"
)
# "calm following a night of tension and clashes", "after a day of fighting": the span the event filled, just past.
_NIGHT_OF = r"(?:a|an)\s+(?:[\w-]+\s+)?(?:night|day|evening|morning|weekend)\s+of\b"
_BACKGROUND_CLAUSE = re.compile(
    r"\b(?:since (?:the|last|early|late|mid|\w+ber\b|january|february|march|april|may|june|july|august|war|fighting"
    r"|hostilities)"
    r"|last (?:month|week|year)|earlier this (?:month|week|year)|in retaliation for|retaliat\w+ for|(?:a |in )?response to"  # noqa: E501
    r"|blam\w+ (?:[\w'’-]+ ){0,3}?for (?:an?|the)\b"
    r"|the latest in|(?:days|hours|weeks|a day|a week|shortly) after\b|on the heels of|in the wake of"
    # "months after deadly clashes in the area"; not "For years after dislodging the militants, ... Thursday's raid".
    r"|(?<!for )(?:months|years|a month|a year) after\b"
    r"|after (?!" + _STRUCK_BY + r"|" + _NIGHT_OF + r")(?:a|an|the|last|recent|repeated|several|dozens|\d+|\w+['’]s)\b"
    # ", raising the overall toll in heavy fighting since Wednesday to 327": a tally, not this event.
    r"|(?<=,\s)(?:raising|bringing|taking|pushing)\s+(?:the|its|their)\s+(?:\w+\s+)?(?:toll|total|number)"
    # Not the incident itself: "Tensions are running high following an incident in which Israeli forces opened fire".
    r"|following (?!" + _NIGHT_OF + r")(?:a|an|last|recent|repeated)\b(?!\s+incident\s+(?:in\s+which|where)\b)"
    r"|follows (?:a|an|the|last|recent)\b|\bpreviously\b"
    # "The Observatory said those strikes killed 27 people": strikes told of before, not this one.
    r"|\bthose\s+(?:[\w-]+\s+)?(?:strikes|attacks|raids|airstrikes|bombings|clashes)\b"
    # "cracked down on affiliates connected to the deadly attack on the church, which killed 25": that attack.
    r"|(?:connected|linked|related)\s+to\s+(?:the|a|an|last)\s+(?:[\w-]+\s+){0,3}?(?:attack|bombing|strike|massacre)"
    # "Previous airstrikes in Sinjar have been attributed to Turkey", "continuing Turkish airstrikes against the PKK".
    r"|(?:recent|previous|earlier|prior|past|continuing|ongoing|continued) (?:[\w-]+ ){0,2}?"
    r"(?:attacks|strikes|airstrikes|raids|bombings|assaults)\b)",
    re.IGNORECASE,
)


# A photo's caption, ending with its credit: it shows the event reported ("People gathering after an explosion").
_CAPTION = re.compile(r"(?:\((?:Photo|Image|Picture)[^()\n]*\)|\bPhoto:\s*[A-Z][\w .]*)\s*$")
# "..., before one of the armed men inside the car opened fire": a clause of what came next.
# "after the bus reached the Kaheel area it was intercepted by armed men": the main clause, back after its subject.
# The words a fronted clause may open with ("A mere hours after", "Just days after") and where it ends.
_FRONTED = re.compile(r"(?:(?:a|an|just|only|mere|barely|some|few)\s+){0,3}", re.IGNORECASE)
_FRONTED_END = re.compile(r",\s+(?!(?:which|who|whom|where|when|a|an|and|or|including|as|while)\b)")
_THEN = re.compile(
    r",?\s+before\s+(?=(?:one|some|two|three|a|an|the|they|he|she|it)\s+(?:[\w-]+\s+){0,6}?\w+ed\b)"
    # (Not the clause's own subject: "a decade after it was formed".)
    r"|(?<!\bafter)(?<!\bbefore)(?<!\bwhen)(?<!\bsince)(?<!\bas)(?<!\bthat),?\s+(?=(?:it|they)\s+(?:was|were)\s+(?:\w+ly\s+)?\w+ed\b)"
)


def closes_abbreviation(text: str, pos: int, start: int = 0) -> bool:
    """Whether the full stop at `pos` closes an abbreviation ("Gen.", "Jul.", "U.S.", an initial), not a sentence."""
    if text[pos] != ".":
        return False
    before = _WORD_BEFORE.search(text, max(start, pos - 12), pos + 1)
    word = before.group(1).rstrip(".") if before else ""
    if word == "no":
        return False  # "said no." ends a sentence; "No. 5" does not
    # An abbreviation the list holds, or initials: "J.", "J.D.".
    return word.lower() in _ABBREVIATIONS or bool(re.fullmatch(r"(?:[a-z]\.)*[a-z]", word.lower()))


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int


class Document:
    def __init__(self, text: str, start: int):
        self.text = text
        self.start = start
        self.paragraphs = self._paragraphs()
        self.quotes: list[tuple[int, int]] = []
        for ps, pe in self.paragraphs:
            self.quotes.extend(self._quotes(ps, pe))
        self._quote_spans = Spans(self.quotes)
        self.sentences = [s for i, (ps, pe) in enumerate(self.paragraphs) for s in self._sentences(i, ps, pe)]
        self._sentence_starts = [s.start for s in self.sentences]
        self.background = self._background()
        self._background_starts = [s for s, _ in self.background]
        self.words = [(m.start(), m.end()) for m in WORD.finditer(text, start)]
        self.word_starts = [s for s, _ in self.words]
        self.word_ends = [e for _, e in self.words]
        self._quoted: bytearray | None = None

    def _paragraphs(self):
        body = self.text[self.start :]
        breaker = r"\n[ \t\r]*\n" if re.search(r"\n[ \t\r]*\n", body) else r"\n"
        spans, pos = [], self.start
        for match in re.finditer(breaker, self.text[self.start :]):
            spans.append((pos, self.start + match.start()))
            pos = self.start + match.end()
        spans.append((pos, len(self.text)))
        return [(s, e) for s, e in (self._strip(s, e) for s, e in spans) if e > s]

    def _strip(self, start, end):
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def _quotes(self, start, end):
        found, curly, straight = [], None, None
        for match in _QUOTE_MARK.finditer(self.text, start, end):
            mark = match.group()
            if mark == "“" and curly is not None and self._closes(match, end):
                # '“Any dispute must be resolved,“ he said': an opening mark typed for the closing one.
                found.append((curly, match.end()))
                curly = None
            elif mark == "“":
                curly = match.start() if curly is None else curly
            elif mark == "”":
                if curly is not None:
                    found.append((curly, match.end()))
                    curly = None
                elif straight is not None:
                    # '"A drone struck the field,” a worker said': a straight mark closed by a curly one.
                    found.append((straight, match.end()))
                    straight = None
            elif curly is not None and straight is None and self._closes(match, end):
                # '“Three of them are women," he added': a curly mark closed by a straight one.
                found.append((curly, match.end()))
                curly = None
            elif straight is None:
                straight = match.start()
            else:
                found.append((straight, match.end()))
                straight = None
        # A quotation left open runs to the end of its paragraph (wire style for multi-paragraph quotes).
        found.extend((s, end) for s in (curly, straight) if s is not None)
        double = Spans(found)
        for opening, closing in ((_SINGLE_OPEN, _SINGLE_CLOSE), (_STRAIGHT_OPEN, _STRAIGHT_CLOSE)):
            single = self._single_quotes(start, end, opening, closing)
            found.extend(q for q in single if not double.contains(q[0], q[0] + 1))
        return sorted(found)

    def _closes(self, mark: re.Match, end: int) -> bool:
        """A mark after the quotation's last punctuation and before a space closes it, whichever way it is typed."""
        return self.text[mark.start() - 1] in ",.!?’" and (mark.end() == end or self.text[mark.end()].isspace())

    def _single_quotes(self, start, end, opening_mark: re.Pattern, closing_mark: re.Pattern):
        closings = [m.start() for m in closing_mark.finditer(self.text, start, end)]
        newlines = [m.start() for m in _NEWLINE.finditer(self.text, start, end)]
        pos = start
        for opening in opening_mark.finditer(self.text, start, end):
            if opening.start() < pos:
                continue
            i = bisect.bisect_right(closings, opening.start())
            if i == len(closings):
                break
            line_end = newlines[j] if (j := bisect.bisect_right(newlines, opening.start())) < len(newlines) else end
            if closings[i] < line_end:
                pos = closings[i] + 1
                yield opening.start(), pos

    def in_quote(self, pos: int) -> tuple[int, int] | None:
        return self._quote_spans.first_around(pos)

    def quoted(self) -> bytearray:
        """One flag per character: inside a quotation."""
        if self._quoted is None:
            self._quoted = Taken(len(self.text), self.quotes).flags
        return self._quoted

    def _sentences(self, index, start, end):
        spans, pos = [], start
        for match in _SENTENCE_BREAK.finditer(self.text, start, end):
            cut = match.end()
            if self.in_quote(cut - 1) and self.in_quote(cut):
                continue
            if closes_abbreviation(self.text, match.start(), start):
                continue
            spans.extend(self._bounded(pos, cut, index))
            pos = cut
        spans.extend(self._bounded(pos, end, index))
        return [s for s in spans if s.end > s.start]

    def _bounded(self, start, end, index):
        """The sentence [start, end), cut at spaces into pieces of at most MAX_SENTENCE_CHARS."""
        start, end = self._strip(start, end)
        while end - start > MAX_SENTENCE_CHARS:
            cut = self.text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
            cut = cut if cut > start else start + MAX_SENTENCE_CHARS
            yield Sentence(*self._strip(start, cut), index)
            start, end = self._strip(cut, end)
        yield Sentence(start, end, index)

    def _background(self):
        ranges = []
        previous = None
        captions = {i for i, (start, end) in enumerate(self.paragraphs) if _CAPTION.search(self.text, start, end)}
        for sentence in self.sentences:
            text = self.text[sentence.start : sentence.end]
            # "Since the beginning of this year, the Observatory has counted 40 attacks ... These resulted in the
            # death of 131 people": what the tally before counted.
            after_tally = previous is not None and ranges[-1:] == [(previous.start, previous.end)]
            previous = sentence
            if _BACKGROUND_SENTENCE.search(text) or (after_tally and text.startswith("These ")):
                ranges.append((sentence.start, sentence.end))
            elif sentence.paragraph in captions:
                continue  # "The scene following a Turkish airstrike in Sarrin, Jan. 28. (Photo: ...)": this event's
            elif match := _BACKGROUND_CLAUSE.search(text):
                # "erupted after a patrol approached the car, before one of the men opened fire, killing two": what
                # came before it is the clause, not what came after.
                then = _THEN.search(text, match.end())
                if match.start() <= _FRONTED.match(text).end() and re.search(r"\b(?:after|following)\b", match.group()):
                    # "A mere hours after the cabinet approved a deal, Israel conducted airstrikes": a clause opening
                    # the sentence ends at its comma.
                    then = _FRONTED_END.search(text, match.end()) or then
                ranges.append((sentence.start + match.start(), sentence.start + then.start() if then else sentence.end))
        return ranges

    def is_background(self, pos: int) -> bool:
        return self.background_start(pos) is not None

    def background_start(self, pos: int) -> int | None:
        """Where the background clause or sentence holding `pos` starts, if one does."""
        # The ranges lie in distinct sentences, in order: only the last one starting at or before pos can hold it.
        i = bisect.bisect_right(self._background_starts, pos) - 1
        return self.background[i][0] if i >= 0 and pos < self.background[i][1] else None

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        return self.sentences[i] if i >= 0 and pos < self.sentences[i].end else None

    def sentence_index(self, sentence: Sentence) -> int:
        return bisect.bisect_left(self._sentence_starts, sentence.start)

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]
