"""Turn a news report's text into a proposal for staff to review.

The proposal lists dates, places, armed groups, people, casualty claims, statements, the event
type and the means, each with the character spans [start, end) of the text it came from (offsets
into the text as given, header included). It is built from patterns and a `Lexicon` of known names
only: no NLP package and no database access here, so a hand-built lexicon works as well as one read
from the database. `Proposal.as_dict()` is the JSON shape documented in docs/extraction.md.
"""

import bisect
import calendar
import datetime
import re
from dataclasses import asdict, dataclass, field

from incidents.importers.lexicon import HOMOGRAPHS, Candidate, Lexicon, PlaceEntry, matching_key
from incidents.importers.spans import LastBefore, Owners, Spans, Taken
from incidents.text import normalise_name

# News reports run to a few thousand characters; anything this long is not one.
MAX_CHARS = 200_000
# A run this long without sentence punctuation is not a sentence (news sentences stay under a few
# hundred characters): it is cut at a space, so the work done per sentence stays bounded.
MAX_SENTENCE_CHARS = 1_000
# Iraq, Syria, Jordan and Turkey all keep UTC+3 the year round (Syria since October 2022).
LOCAL_UTC_OFFSET = 3


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


class ExtractionError(ValueError):
    """The text cannot give a proposal; the message says why in words a user can act on."""


# ---------------------------------------------------------------------------------------------
# The proposal
# ---------------------------------------------------------------------------------------------


@dataclass
class DateProposal:
    text: str
    spans: list[list[int]]
    start: str  # ISO date
    end: str
    precision: str  # incidents.models.choices.DatePrecision value
    role: str  # "incident", "earlier" (an earlier event), "statement" (when something was said), "other"
    part: str = ""  # "early", "late", "night"...: what the text says about the part of the day or month
    time_utc: str | None = None  # "09:00"
    time_approximate: bool = False
    time_text: str = ""
    time_spans: list[list[int]] = field(default_factory=list)
    time_note: str = ""


@dataclass
class PlaceProposal:
    text: str
    spans: list[list[int]]
    name: str
    matched: bool
    kind: str = ""  # geo.PlaceKind value or "governorate"; empty when unmatched
    qualifier: str = ""  # "eastern", "near", "west of"...
    id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    governorate: str = ""
    governorate_code: str = ""
    country: str = ""
    country_code: str = ""
    dateline: bool = False


@dataclass
class GroupRole:
    role: str  # incidents.models.choices.ParticipationRole value
    attribution: str  # incidents.models.choices.Attribution value
    cue: str  # the words that say it
    spans: list[list[int]]


@dataclass
class GroupProposal:
    text: str
    spans: list[list[int]]
    name: str
    matched: bool
    id: int | None = None
    new: bool = False  # group-like name not in the lexicon: proposed as a new group
    abbreviation: str = ""
    roles: list[GroupRole] = field(default_factory=list)


@dataclass
class PersonProposal:
    text: str
    spans: list[list[int]]
    name: str
    matched: bool
    id: int | None = None
    title: str = ""  # "Major General", "Iraqi Prime Minister"
    role: str = ""  # "Pentagon spokesperson", "leader of Harakat al Nujaba"
    role_kind: str = ""  # incidents.models.choices.RoleKind value
    group: str = ""  # the armed group the role is for
    body: str = ""  # a body that is not an armed group: "Pentagon"


@dataclass
class ClaimProposal:
    text: str
    spans: list[list[int]]
    outcome: str  # "killed", "injured", or "harmed" (killed and injured alike: "no civilians were harmed")
    category: str  # incidents.models.choices.CasualtyCategory value
    min: int | None
    max: int | None  # None: "at least"
    approximate: bool = False
    group: str = ""
    claimant: str = ""  # who states it; empty: the report's own account
    claimant_person: str = ""
    claimant_spans: list[list[int]] = field(default_factory=list)
    confirmed_by: list[str] = field(default_factory=list)
    earlier_event: bool = False  # stated about an earlier event the report mentions


@dataclass
class StatementProposal:
    text: str
    spans: list[list[int]]
    quote: str
    speaker: str  # a person's name, or the description the text gives ("a Pentagon spokesperson")
    speaker_title: str = ""
    speaker_is_person: bool = False
    speaker_spans: list[list[int]] = field(default_factory=list)
    body: str = ""  # the group or body spoken for
    stance: str = "describes"  # incidents.models.choices.Stance value
    stance_cues: list[str] = field(default_factory=list)


@dataclass
class EventTypeProposal:
    event_type: str  # incidents.models.choices.EventType value
    sub_event_type: str  # incidents.models.choices.SubEventType value
    text: str
    spans: list[list[int]]
    perpetrator: str = ""
    target: str = ""


@dataclass
class MeansProposal:
    means: str  # incidents.models.choices.Means value
    text: str
    spans: list[list[int]]


@dataclass
class Proposal:
    publication_date: str
    title: str
    outlet: str
    url: str
    body_offset: int  # where the body starts: spans minus this index the body alone
    dates: list[DateProposal]
    places: list[PlaceProposal]
    groups: list[GroupProposal]
    people: list[PersonProposal]
    casualty_claims: list[ClaimProposal]
    statements: list[StatementProposal]
    event_type: EventTypeProposal | None
    means: list[MeansProposal]
    warnings: list[str]

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def incident_date(self) -> DateProposal | None:
        return next((d for d in self.dates if d.role == "incident"), None)


# ---------------------------------------------------------------------------------------------
# Reading the file: encodings and the header
# ---------------------------------------------------------------------------------------------


def decode_report(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252; anything else is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ExtractionError(
                f"the file is neither UTF-8 nor Windows-1252 text (undecodable byte at offset {exc.start})"
            ) from None
    if "\x00" in text:
        raise ExtractionError("the file holds NUL bytes: it is binary, not a text report")
    return text


_HEADER_DATE = re.compile(r"[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
_HEADER_FIELD = re.compile(r"[ \t]*(title|outlet|url|date)[ \t]*:[ \t]*(.*?)[ \t]*(?:\r?\n|$)", re.IGNORECASE)
_BLANK_LINE = re.compile(r"[ \t]*\r?\n")


@dataclass
class _Header:
    published: datetime.date | None = None
    title: str = ""
    outlet: str = ""
    url: str = ""
    body_offset: int = 0


def _parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ExtractionError(f"the publication date {value!r} is not a valid date (YYYY-MM-DD)") from None


def parse_header(text: str) -> _Header:
    """The leading `date YYYY-MM-DD` token (it may share its line with the body) and Title/Outlet/URL lines."""
    header = _Header()
    pos = 1 if text.startswith("\ufeff") else 0
    while pos < len(text):
        if blank := _BLANK_LINE.match(text, pos):
            pos = blank.end()
            continue
        if match := _HEADER_FIELD.match(text, pos):
            name, value = match.group(1).lower(), match.group(2)
            if name == "date":
                header.published = _parse_date(value.strip())
            else:
                setattr(header, name, value)
            pos = match.end()
            continue
        if match := _HEADER_DATE.match(text, pos):
            header.published = _parse_date(match.group(1))
            pos = match.end()
            if not _BLANK_LINE.match(text, pos) and pos < len(text):
                break  # the body starts on the date's own line
            continue
        break
    header.body_offset = pos
    return header


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------

_UNITS = {
    "zero": 0, "no": 0, "none": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "both": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Vague quantities: (minimum, maximum); None is "at least".
_VAGUE = {
    "dozens": (24, None), "scores": (40, None), "hundreds": (200, None), "thousands": (2000, None),
    "several": (3, None), "a few": (2, None), "a handful": (2, None), "a dozen": (12, 12),
    "a couple": (2, 2), "a couple of": (2, 2),
}  # fmt: skip
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, "hundred", "thousand", "dozen"], key=len, reverse=True))


@dataclass(frozen=True)
class Count:
    min: int | None
    max: int | None
    approximate: bool = False
    additive: bool = False  # "one other", "two more": adds to a figure given before


def _cardinal(words: str) -> int | None:
    """A plain number in digits or words: "1,200", "twenty-five", "a hundred", "two dozen"."""
    words = words.strip().lower()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", words):
        return int(words.replace(",", ""))
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+(?:and[\s-]+)?", words):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


_RANGE = re.compile(r"(?:between\s+)?(.+?)\s*(?:\band\b|\bto\b|\bor\b|-|–)\s*(.+)")


def parse_number(phrase: str) -> Count | None:
    """A count with its bounds: "at least 100" is (100, None), "dozens" (24, None), "no" (0, 0)."""
    text = re.sub(r"\s+", " ", phrase.strip().lower())
    additive = False
    if re.search(r"\b(?:other|others|another|additional|further)\b|\w\s+more$", text):
        additive = True
        text = re.sub(
            r"\s*\b(?:other|others|more|additional|further)\b\s*$|\s*\b(?:other|others|additional|further)\b\s*",
            " ",
            text,
        ).strip()
        text = re.sub(r"^another\b\s*", "", text).strip() or "one"
    if text in _VAGUE:
        low, high = _VAGUE[text]
        return Count(low, high, approximate=high is None, additive=additive)
    if text.endswith(" or more"):
        value = _cardinal(text.removesuffix(" or more"))
        return None if value is None else Count(value, None, additive=additive)
    for prefix, make in (
        ("at least ", lambda n: Count(n, None)),
        ("as many as ", lambda n: Count(None, n)),
        ("up to ", lambda n: Count(None, n)),
        ("at most ", lambda n: Count(None, n)),
        ("more than ", lambda n: Count(n + 1, None)),
        ("over ", lambda n: Count(n + 1, None)),
        ("fewer than ", lambda n: Count(None, max(n - 1, 0))),
        ("less than ", lambda n: Count(None, max(n - 1, 0))),
        ("about ", lambda n: Count(n, n, approximate=True)),
        ("around ", lambda n: Count(n, n, approximate=True)),
        ("approximately ", lambda n: Count(n, n, approximate=True)),
        ("roughly ", lambda n: Count(n, n, approximate=True)),
        ("some ", lambda n: Count(n, n, approximate=True)),
        ("nearly ", lambda n: Count(n, n, approximate=True)),
        ("almost ", lambda n: Count(n, n, approximate=True)),
    ):
        if text.startswith(prefix):
            inner = parse_number(text.removeprefix(prefix))
            if inner is None or inner.min is None:
                return None
            made = make(inner.min)
            return Count(made.min, made.max, made.approximate, additive)
    value = _cardinal(text)
    if value is not None:
        return Count(value, value, additive=additive)
    if match := _RANGE.fullmatch(text):
        low, high = _cardinal(match.group(1)), _cardinal(match.group(2))
        if low is not None and high is not None and low <= high:
            return Count(low, high, additive=additive)
    return None


# ---------------------------------------------------------------------------------------------
# The document: paragraphs, quotations, sentences, background clauses
# ---------------------------------------------------------------------------------------------

_ABBREVIATIONS = _words(
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
_NEWLINE = re.compile(r"\n")
_WORD = re.compile(r"[^\W_]+(?:['’`\-][^\W_]+)*")

_BACKGROUND_SENTENCE = re.compile(
    r"^(?:since|last (?:month|week|year)|earlier this (?:month|week|year)|previously|in recent (?:weeks|months)"
    r"|over the past|in the past|before that)\b"
    r"|\b(?:ha(?:s|ve) come under (?:\w+ )?attack|ha(?:s|ve) been (?:attacked|targeted) (?:\w+ ){0,3}times"
    r"|at least [\w,]+ times|\d+ times|usually|typically|routinely|part of a (?:wave|series)"
    r"|ha(?:s|ve) (?:about |some |around )?[\d,]+ (?:troops|soldiers|personnel)|[\d,]+ (?:attacks|strikes)|many of the)\b",  # noqa: E501
    re.IGNORECASE,
)
_BACKGROUND_CLAUSE = re.compile(
    r"\b(?:since (?:the|last|early|late|mid|\w+ber\b|january|february|march|april|may|june|july|august)"
    r"|last (?:month|week|year)|earlier this (?:month|week|year)|in retaliation for|retaliat\w+ for|(?:a |in )?response to"  # noqa: E501
    r"|the latest in|(?:days|hours|weeks|a day|a week|shortly) after\b"
    r"|after (?:a|an|the|last|recent|repeated|several|dozens|\d+|\w+['’]s)\b"
    r"|following (?:a|an|the|last|recent|repeated)\b|recent attacks|previous attacks|earlier attacks)",
    re.IGNORECASE,
)


@dataclass
class _Sentence:
    start: int
    end: int
    paragraph: int


class _Doc:
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
        self.words = [(m.start(), m.end()) for m in _WORD.finditer(text, start)]
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
            if mark == "“":
                curly = match.start() if curly is None else curly
            elif mark == "”":
                if curly is not None:
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
        found.extend(q for q in self._single_quotes(start, end) if not double.contains(q[0], q[0] + 1))
        return sorted(found)

    def _single_quotes(self, start, end):
        closings = [m.start() for m in _SINGLE_CLOSE.finditer(self.text, start, end)]
        newlines = [m.start() for m in _NEWLINE.finditer(self.text, start, end)]
        pos = start
        for opening in _SINGLE_OPEN.finditer(self.text, start, end):
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
            before = _WORD_BEFORE.search(self.text, max(start, match.start() - 12), match.start() + 1)
            word = before.group(1).lower().rstrip(".") if before else ""
            if self.text[match.start()] == "." and (word in _ABBREVIATIONS or re.fullmatch(r"[a-z]", word)):
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
            yield _Sentence(*self._strip(start, cut), index)
            start, end = self._strip(cut, end)
        yield _Sentence(start, end, index)

    def _background(self):
        ranges = []
        for sentence in self.sentences:
            text = self.text[sentence.start : sentence.end]
            if _BACKGROUND_SENTENCE.search(text):
                ranges.append((sentence.start, sentence.end))
            elif match := _BACKGROUND_CLAUSE.search(text):
                ranges.append((sentence.start + match.start(), sentence.end))
        return ranges

    def is_background(self, pos: int) -> bool:
        # The ranges lie in distinct sentences, in order: only the last one starting at or before pos can hold it.
        i = bisect.bisect_right(self._background_starts, pos) - 1
        return i >= 0 and pos < self.background[i][1]

    def sentence_at(self, pos: int) -> _Sentence | None:
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        return self.sentences[i] if i >= 0 and pos < self.sentences[i].end else None

    def sentence_index(self, sentence: _Sentence) -> int:
        return bisect.bisect_left(self._sentence_starts, sentence.start)

    def sentence_text(self, sentence: _Sentence) -> str:
        return self.text[sentence.start : sentence.end]


# ---------------------------------------------------------------------------------------------
# Lexicon matches
# ---------------------------------------------------------------------------------------------

# English words that are also Arabic articles: a name does not start with "at Ain al-Asad".
_ENGLISH_ARTICLES = frozenset({"at", "as", "an", "ad"})
_ARTICLE_ONLY = frozenset({"al", "el", "an", "ar", "as", "ash", "at", "ad", "adh", "az", "the"})
_LOCATIVE = re.compile(r"\b(?:in|near|at|of|from|outside|around|to|into|town of|city of)\s+$", re.IGNORECASE)


@dataclass
class _Match:
    start: int
    end: int
    candidates: list[Candidate]


def _word_keys(doc: _Doc) -> list[str]:
    return [matching_key(doc.text[s:e]) for s, e in doc.words]


def _capitalised(word: str) -> bool:
    core = re.sub(r"^(?:al|el|ad|an|ar|as|ash|at|az)[-‑]", "", word)
    return bool(core) and (core[0].isupper() or core[0].isdigit() or not core[0].isascii())


def _scan(doc: _Doc, lexicon: Lexicon, keys: list[str]) -> list[_Match]:
    """Longest lexicon names left to right, not overlapping."""
    text, words, found, i = doc.text, doc.words, [], 0
    while i < len(words):
        best = None
        first = text[words[i][0] : words[i][1]]
        if first.lower() in _ENGLISH_ARTICLES and first.islower():
            i += 1
            continue
        parts: list[str] = []
        for j in range(i, min(len(words), i + lexicon.max_words + 3)):
            if j > i and not re.fullmatch(r"[\s.\-‑'’]*", text[words[j - 1][1] : words[j][0]]):
                break  # names do not run across commas or other punctuation
            if keys[j]:
                parts.append(keys[j])
            key = " ".join(parts)
            if not key or key not in lexicon.prefixes:
                if key:
                    break
                continue
            last = text[words[j][0] : words[j][1]].lower()
            if key in lexicon.index and last not in _ARTICLE_ONLY:
                usable = _usable(doc, lexicon.index[key], words[i][0], words[j][1])
                if usable:
                    best = _Match(words[i][0], words[j][1], usable)
                    best_j = j
        if best:
            found.append(best)
            i = best_j + 1
        else:
            i += 1
    return found


def _usable(doc: _Doc, candidates: list[Candidate], start: int, end: int) -> list[Candidate]:
    surface = re.sub(r"\s+", " ", doc.text[start:end])
    is_arabic = not surface[0].isascii()
    usable = []
    for candidate in candidates:
        if candidate.exact_case:
            if surface != candidate.surface and surface.replace(".", "") != candidate.surface.replace(".", ""):
                continue
        elif not (is_arabic or _capitalised(surface.split()[0]) or candidate.surface[:1].islower()):
            continue
        key = matching_key(candidate.surface)
        if key in HOMOGRAPHS and not _LOCATIVE.search(doc.text[max(0, start - 12) : start]):
            continue
        usable.append(candidate)
    return usable


# ---------------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------------

_CAP_WORD = r"(?:[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*|(?:al|el|ad|an|ar|as|ash|at|az|Al|El)-[A-Z][a-z'’]+)"
_NAME_SEQ = re.compile(rf"{_CAP_WORD}(?:\s+(?:(?:al|el|bin|ibn|bint|abu|Abu|Umm|de|van|von|Al|Bin)\s+)?{_CAP_WORD})+")
_TITLE_WORDS = _words(
    "major general maj gen brigadier brig lieutenant lt colonel col captain capt admiral adm rear vice "
    "sergeant sgt staff sheikh sheik sayyed sayyid president prime minister defence defense foreign "
    "interior secretary governor mayor ambassador spokesman spokeswoman spokesperson commander chief "
    "deputy senior mr mrs ms dr pentagon press army military first private specialist spc pvt cpl "
    "corporal marine navy air force ayatollah imam cleric lawmaker mp judge director leader head emir "
)
_NATIONALITIES = _words(
    "iraqi syrian turkish kurdish american iranian israeli jordanian lebanese russian british french u.s "
    "us palestinian saudi qatari emirati "
)
_NOT_NAMES = _words(
    "the a an in on at since last this that these those when while after before asked it its he she they "
    "we iraq syria iran israel jordan turkey gaza lebanon islamic state united states pentagon reuters "
    "police health video monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december hamas ministry forces army resistance "
    "republic kurdistan regional government council command central joint operations security media cell "
    "observatory human rights white house department international airport base air but and or if as so "
    "also local officials sources witnesses residents earlier later meanwhile however two three four one "
    "national front party movement brigades battalion guard guards corps units popular mobilization "
    "mobilisation democratic syrian iraqi turkish american u.s arabs kurds kurdish tower camp victory "
    "green zone there here what who why how where our their his her "
)
_ROLE_NOUN = (
    r"spokes(?:man|woman|person)|commander|leader|official|minister|chief|head|member|founder|officer|adviser|"
    r"advisor|governor|mayor|president|general|director|emir|cleric|lawmaker|deputy|secretary|fighter|militant|"
    r"analyst|resident|witness|doctor|journalist|ambassador|envoy|aide"
)
_SAY_VERB = (
    r"said|says|say|told|tells|added|adds|wrote|writes|stated|declared|warned|vowed|insisted|noted|explained|"
    r"continued|asserted|stressed|announced|claimed|posted|confirmed|denied|reported"
)
_APPOSITIVE = re.compile(
    rf"\s*,\s*(?!(?:{_SAY_VERB}|and|but|who|which)\b)(?P<role>(?:(?:a|an|the)\s+)?[^,.;“”\"]{{0,90}}?\b(?:{_ROLE_NOUN})s?\b[^,.;“”\"]{{0,60}}?)\s*(?=,|"
    rf"\.|;|$|\s+said\b|\s+told\b|\s+who\b)",
)
_PRONOUN_ROLE = re.compile(
    rf"\b(?:he|she)\s+(?:was|is|had been|has been)\s+(?P<role>(?:a|an|the)\s+[^,.;“”\"]{{0,60}}?\b(?:{_ROLE_NOUN})s?\b"
    rf"(?:\s+(?:of|in|for|with)\s+[^,.;“”\"]{{1,60}}?)?)(?=\s+who\b|\s+that\b|,|\.|;|$)",
)
_WHO_ROLE = re.compile(
    rf"^\s*,?\s*who\s+(?:was|is|had been|has been)\s+(?P<role>(?:a|an|the)\s+[^,.;“”\"]{{0,60}}?\b(?:{_ROLE_NOUN})s?\b"
    rf"(?:\s+(?:of|in|for|with)\s+[^,.;“”\"]{{1,60}}?)?)(?=\s+who\b|\s+that\b|,|\.|;|$)"
)
_PRE_ROLE = re.compile(
    rf"(?P<role>(?:(?:[A-Z][\w.'’-]*|local|militia|military|senior|top|security|army|police|group|media|press|deputy"
    rf"|official|regional|provincial|ministry|foreign|defen[cs]e|interior|government|coalition|operations|command"
    rf"|movement|party)\s+){{1,4}}(?i:{_ROLE_NOUN}))\s*,?\s+$"
)
_PERSON_CONTEXT_AFTER = re.compile(rf"^\s*(?:,[^,.]{{0,100}})?,?\s*(?:{_SAY_VERB})\b")
_PERSON_CONTEXT_BEFORE = re.compile(
    rf"\b(?:{_SAY_VERB}|according to|targeted|targeting|killed|killing|named|identified as|assassinated|"
    r"arrested|detained|including|spokes(?:man|woman|person)|commander|leader|official|minister)\s+$",
    re.IGNORECASE,
)


def _role_kind(role: str) -> str:
    lowered = role.lower()
    for pattern, kind in (
        (r"spokes", "spokesperson"),
        (r"commander|general\b|colonel|officer", "commander"),
        (r"leader|\bhead\b|chief|founder|emir", "leader"),
        (r"member|fighter|militant", "member"),
        (
            r"minister|president|official|governor|mayor|secretary|ambassador|envoy|lawmaker|director|aide|adviser",
            "official",
        ),
    ):
        if re.search(pattern, lowered):
            return kind
    return "other" if role else ""


_RUN = re.compile(r"[^\W_]+")
_ARTICLE_BEFORE = re.compile(r"(?:al|el)[-\s]")


def _matches_in_order(pattern: re.Pattern, text: str, starts: list[int]):
    """The matches pattern.finditer would give, trying only the sorted positions where one may begin."""
    after = 0
    for start in starts:
        if start >= after and (match := pattern.match(text, start)):
            yield match
            after = match.end()


def _surname(name: str) -> str:
    last = name.split()[-1] if name.split() else ""
    return re.sub(r"^(?:al|el|ad|an|ar|as|ash|at|az)[-‑]", "", last, flags=re.IGNORECASE)


# ---------------------------------------------------------------------------------------------
# Dates and times
# ---------------------------------------------------------------------------------------------

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"  # noqa: E501
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY_PART = r"(?:morning|afternoon|evening|night)"
_DATE_PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("mdy", re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b")),
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<y>(?:19|20)\d\d)\b")),  # noqa: E501
    ("part", re.compile(rf"\b(?P<part>early|mid|late|the end of|end of|the beginning of|the start of|the middle of)[\s-]+(?P<mon>{_MONTH})(?:,?\s+(?P<y>(?:19|20)\d\d))?\b", re.IGNORECASE)),  # noqa: E501
    ("my", re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<y>(?:19|20)\d\d)\b")),
    ("md", re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:GMT|UTC|a\.?m|p\.?m|percent|%))")),  # noqa: E501
    ("dm", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH})\b")),
    ("month", re.compile(rf"(?:\b(?:in|since|during|until|by|from|through|last|this|of|early|late|mid)\s+)(?P<mon>{_MONTH})\b(?!\s+\d)")),  # noqa: E501
    ("year", re.compile(r"\b(?:in|since|during|until|by|from|of)\s+(?P<y>(?:19|20)\d\d)\b(?![-–/]\d)")),
    ("weekday", re.compile(rf"\b(?:(?P<part1>early|late)\s+(?:on\s+)?)?(?:(?P<last>last|this past|past)\s+)?(?P<wd>{_WEEKDAY})(?:['’]s)?(?:\s+(?P<part2>{_DAY_PART}))?\b")),  # noqa: E501
    ("relative", re.compile(r"\b(?P<rel>the day before yesterday|yesterday|today|tonight|this (?:morning|afternoon|evening)|last night|overnight|last (?:week|month|year)|earlier this (?:week|month|year)|this (?:week|month|year)|(?P<n>\w+) (?P<unit>days?|weeks?|months?) ago)\b", re.IGNORECASE)),  # noqa: E501
]  # fmt: skip
_STATEMENT_DATE = re.compile(
    rf"\b(?:{_SAY_VERB}|statement|announced|news conference|briefing|interview)\s+(?:\w+\s+){{0,2}}(?:on\s+|late\s+|"
    rf"early\s+)?$",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"(?P<approx>\b(?:about|around|approximately|roughly|shortly (?:after|before)|just (?:after|before)|some time around|"  # noqa: E501
    r"near)\s+)?"
    r"(?:\bat\s+)?"
    r"(?:(?P<h1>\d{1,2})[:.](?P<m1>\d{2})\s*(?P<ap1>[ap])\.?\s?m\b\.?|(?P<h2>\d{1,2})\s*(?P<ap2>[ap])\.?\s?m\b\.?"
    r"|(?P<hm>\d{4})\s*(?P<z1>GMT|UTC)\b|(?P<h3>\d{1,2}):(?P<m3>\d{2})\s*(?P<z2>GMT|UTC)\b|\b(?P<word>midnight|noon)\b)"
    r"(?P<zone>\s*(?:\(?\s*local time\s*\)?|GMT|UTC|Baghdad time|Damascus time))?",
    re.IGNORECASE,
)


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _year_for(month: int, published: datetime.date, day: int = 1) -> int:
    """The most recent year in which month (and day) is not after the publication date."""
    try:
        candidate = datetime.date(published.year, month, min(day, calendar.monthrange(published.year, month)[1]))
    except ValueError:
        return published.year
    return published.year - 1 if candidate > published + datetime.timedelta(days=2) else published.year


@dataclass(frozen=True)
class ResolvedDate:
    start: datetime.date
    end: datetime.date
    precision: str
    part: str = ""


def resolve_date(phrase: str, published: datetime.date) -> ResolvedDate | None:
    """What a date phrase means in a report published on `published`.

    "Thursday" in a report of Friday 2024-01-05 is 2024-01-04; "last month" is the previous month
    with month precision; "late January" is 21-31 January with month precision.
    """
    for kind, pattern in _DATE_PATTERNS:
        match = pattern.search(phrase)
        if match:
            return _resolve(kind, match, published)
    return None


def _resolve(kind: str, m: re.Match, published: datetime.date) -> ResolvedDate | None:
    g = m.groupdict()
    month = _MONTHS.get((g.get("mon") or "").lower().rstrip("."))
    try:
        if kind == "iso":
            day = datetime.date(int(g["y"]), int(g["m"]), int(g["d"]))
            return ResolvedDate(day, day, "day")
        if kind in ("mdy", "dmy"):
            day = datetime.date(int(g["y"]), month, int(g["d"]))
            return ResolvedDate(day, day, "day")
        if kind in ("md", "dm"):
            year = _year_for(month, published, int(g["d"]))
            day = datetime.date(year, month, int(g["d"]))
            return ResolvedDate(day, day, "day")
        if kind in ("my", "month", "part"):
            year = int(g["y"]) if g.get("y") else _year_for(month, published)
            first, last = datetime.date(year, month, 1), _month_end(year, month)
            part = (g.get("part") or "").lower()
            if part in ("early", "the beginning of", "the start of"):
                return ResolvedDate(first, first.replace(day=10), "month", "early")
            if part in ("mid", "the middle of"):
                return ResolvedDate(first.replace(day=11), first.replace(day=20), "month", "mid")
            if part in ("late", "the end of", "end of"):
                return ResolvedDate(first.replace(day=21), last, "month", "late")
            return ResolvedDate(first, last, "month")
    except ValueError:
        return None
    if kind == "year":
        year = int(g["y"])
        return ResolvedDate(datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year")
    if kind == "weekday":
        offset = (published.weekday() - _WEEKDAYS[g["wd"].lower()]) % 7
        if g.get("last") and offset == 0:
            offset = 7
        day = published - datetime.timedelta(days=offset)
        part = " ".join(p.lower() for p in (g.get("part1"), g.get("part2")) if p)
        return ResolvedDate(day, day, "day", part)
    rel = g["rel"].lower()
    if rel in ("today", "tonight") or rel.startswith("this ") and rel.split()[1] in ("morning", "afternoon", "evening"):
        return ResolvedDate(published, published, "day", rel.split()[-1] if rel != "today" else "")
    if rel in ("yesterday", "last night", "overnight"):
        day = published - datetime.timedelta(days=1)
        return ResolvedDate(day, day, "day", "night" if rel != "yesterday" else "")
    if rel == "the day before yesterday":
        day = published - datetime.timedelta(days=2)
        return ResolvedDate(day, day, "day")
    if rel.endswith("week"):
        monday = published - datetime.timedelta(days=published.weekday())
        if rel.startswith("last"):
            monday -= datetime.timedelta(days=7)
            return ResolvedDate(monday, monday + datetime.timedelta(days=6), "week")
        return ResolvedDate(monday, published, "week")
    if rel.endswith("month"):
        first = _shift_month(published, -1 if rel.startswith("last") else 0)
        end = _month_end(first.year, first.month) if rel.startswith("last") else published
        return ResolvedDate(first, end, "month")
    if rel.endswith("year"):
        year = published.year - (1 if rel.startswith("last") else 0)
        end = datetime.date(year, 12, 31) if rel.startswith("last") else published
        return ResolvedDate(datetime.date(year, 1, 1), end, "year")
    if g.get("unit"):
        count = parse_number(g["n"])
        if count is None or count.min is None or count.min > 400:
            return None
        unit = g["unit"].lower().rstrip("s")
        if unit == "day":
            day = published - datetime.timedelta(days=count.min)
            return ResolvedDate(day, day, "day")
        if unit == "week":
            day = published - datetime.timedelta(days=7 * count.min)
            monday = day - datetime.timedelta(days=day.weekday())
            return ResolvedDate(monday, monday + datetime.timedelta(days=6), "week")
        first = _shift_month(published, -count.min)
        return ResolvedDate(first, _month_end(first.year, first.month), "month")
    return None


@dataclass(frozen=True)
class ResolvedTime:
    utc: datetime.time
    approximate: bool
    day_offset: int  # -1 when the local time falls on the previous UTC day
    note: str


def resolve_time(phrase: str) -> ResolvedTime | None:
    """ "about 0900 GMT" is 09:00 UTC, approximate; "3 p.m. local time" in Iraq or Syria is 12:00 UTC."""
    match = _TIME.search(phrase)
    return _time_from(match) if match else None


def _time_from(m: re.Match) -> ResolvedTime | None:
    g = m.groupdict()
    zone = ((g["z1"] or g["z2"] or g["zone"] or "").strip(" ()")).upper()
    if g["hm"]:
        hour, minute = int(g["hm"][:2]), int(g["hm"][2:])
    elif g["h3"]:
        hour, minute = int(g["h3"]), int(g["m3"])
    elif g["word"]:
        hour, minute = (0, 0) if g["word"].lower() == "midnight" else (12, 0)
    else:
        hour, minute = int(g["h1"] or g["h2"]), int(g["m1"] or 0)
        meridiem = (g["ap1"] or g["ap2"]).lower()
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    approximate = bool(g["approx"])
    if zone in ("GMT", "UTC"):
        return ResolvedTime(datetime.time(hour, minute), approximate, 0, "")
    local = hour * 60 + minute - LOCAL_UTC_OFFSET * 60
    note = "local time (UTC+3) converted" if zone else "no zone given: taken as local time (UTC+3)"
    return ResolvedTime(datetime.time((local % 1440) // 60, local % 60), approximate, -1 if local < 0 else 0, note)


# ---------------------------------------------------------------------------------------------
# Statements
# ---------------------------------------------------------------------------------------------

_STANCE_CUES = {
    "claims": r"claim(?:ed|s|ing)? responsibility|took responsibility|we (?:targeted|attacked|struck|launched|hit|shot)"
    r"|our (?:fighters|mujahideen|forces|drones) (?:targeted|attacked|struck|hit)|claimed (?:the|an|a) (?:attack|"
    r"strike)"
    r"|said (?:it|they) (?:had )?(?:targeted|attacked|launched|carried out)|neutrali[sz]ed",
    "denies": r"\bden(?:y|ies|ied|ying)\b|not (?:involved|responsible|behind)|no (?:role|involvement|link|connection)"
    r"|nothing to do with|baseless|fabricat|false (?:claims?|reports?|allegations?)|did not (?:carry out|target|launch)"
    r"|rejects? (?:the )?(?:accusation|allegation|claim)|\bfalse\b|untrue|\blies\b",
    "threatens": r"retaliat|revenge|avenge|will respond|will not go unanswered|will pay|pay (?:a|the) (?:heavy |high )?price"  # noqa: E501
    r"|regret|\bvow|will continue|will target|will strike|will hit|reserve[sd]? the right|consequences|all options"
    r"|\bwe will\b|will be met|warn(?:ed|s|ing)?\b",
    "condemns": r"condemn|denounc|unjustified|violation|violates|flagrant|blatant|criminal|crime|outrage|unacceptable"
    r"|aggression|heinous|cowardly|terrorist act|infringement|breach|sovereignty|deplor|reckless|escalat"
    r"|threaten\w* (?:the )?(?:security|stability)|destabili[sz]|offen[cs]e to|insult",
    "justifies": r"self[- ]defen[cs]e|\bresponse to|responsible for (?:\w+ ){0,3}attacks|to protect|to defend"
    r"|legitimate target|right to defend|necessary|proportionate|deter|threat to|lawful|in defen[cs]e of",
    "confirms": r"confirm|\bkilled\b|were killed|was killed|\bstruck\b|destroyed|\bhit\b|death toll|casualties"
    r"|were harmed|were injured|were wounded|\bdead\b|damage",
}
_STANCE_PATTERNS = {stance: re.compile(cues, re.IGNORECASE) for stance, cues in _STANCE_CUES.items()}
_STANCE_ORDER = ["claims", "denies", "threatens", "justifies", "condemns", "confirms", "describes"]


def guess_stance(quote: str, context: str = "") -> tuple[str, list[str]]:
    """The stance a quotation most likely takes, and the cue words behind the guess.

    Cues in the quotation weigh twice those in its frame (the reporting words around it:
    "denounced the strike, calling it..."). Ties go to the more specific stance.
    """
    scores: dict[str, int] = {}
    cues: set[str] = set()
    _score_stances(quote, 2, scores, cues)
    _score_stances(context, 1, scores, cues)
    return _best_stance(scores, cues)


def _score_stances(text: str, weight: int, scores: dict[str, int], cues: set[str]):
    for stance, pattern in _STANCE_PATTERNS.items():
        for match in pattern.finditer(text):
            scores[stance] = scores.get(stance, 0) + weight
            cues.add(match.group().lower())


def _best_stance(scores: dict[str, int], cues: set[str]) -> tuple[str, list[str]]:
    if not scores:
        return "describes", []
    best = max(scores.values())
    return next(s for s in _STANCE_ORDER if scores.get(s) == best), sorted(cues)


_AFTER_VERB_FIRST = re.compile(rf"^\s*,?\s*(?:{_SAY_VERB})\s+(?P<who>[^“”\"]{{2,200}})", re.IGNORECASE)
_AFTER_WHO_FIRST = re.compile(
    rf"^\s*,?\s*(?P<who>[^“”\"]{{2,160}}?)\s+(?:also\s+|later\s+|then\s+)?(?:{_SAY_VERB})\b", re.IGNORECASE
)
_AFTER_ACCORDING = re.compile(r"^\s*,?\s*according to\s+(?P<who>[^“”\".;]{2,120})", re.IGNORECASE)
_FRAME_VERB = (
    rf"{_SAY_VERB}|denounced|condemned|called|calling|described|describing|accused|urged|threatened|blamed|"
    r"criticised|criticized|welcomed|hailed"
)
_BEFORE_SUBJECT = re.compile(
    rf"^(?:(?:in|on|later|earlier|meanwhile|however|but|and|separately|asked)\b[^,]{{0,60}},\s*)?"
    rf"(?P<who>[^“”\"]{{2,160}}?)\s+(?:\w+ly\s+)?(?:had\s+|has\s+|also\s+)?(?P<verb>{_FRAME_VERB})\b",
    re.IGNORECASE,
)
_WHO_TRIM = re.compile(
    r"\s*(?:,\s*(?:describing|adding|saying|calling|referring|who|which|in a statement|according|as|when|while|"
    r"after)\b.*"
    r"|\s+(?:in|on)\s+(?:a|an|the)\s+(?:statement|interview|briefing|post|video|televised|news conference).*"
    r"|\s+(?:on|late on|early on)\s+\w+day\b.*|,?\s*$)",
    re.IGNORECASE | re.DOTALL,
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "the group", "the militia", "the ministry", "the statement"})
_SPEAKS_FOR = re.compile(
    r"\b(?:spokes(?:man|woman|person)|aide|adviser|advisor|office|official|representative)s?\s+(?:for|of|to)\s+"
    r"(?:the\s+)?(?P<body>.+)$",
    re.IGNORECASE,
)
_BODY_BEFORE_ROLE = re.compile(
    rf"(?:^|\b(?:a|an|the)\s+)(?P<body>(?:[A-Z][\w.'’-]*\s+){{1,4}})(?:{_ROLE_NOUN})\b",
)


# ---------------------------------------------------------------------------------------------
# Casualties
# ---------------------------------------------------------------------------------------------

_NUM = (
    rf"(?:(?:at\s+least|at\s+most|more\s+than|over|up\s+to|about|around|approximately|roughly|nearly|almost|some"
    rf"|as\s+many\s+as|fewer\s+than|less\s+than|another|an\s+additional|between)\s+)?"
    rf"(?:\d{{1,3}}(?:,\d{{3}}){{1,5}}|\d+|(?:{_NUMBER_WORD})(?:[\s-]+(?:{_NUMBER_WORD})){{0,5}}|dozens|scores|hundreds|several"
    rf"|a\s+dozen|a\s+hundred|a\s+few|a\s+handful|a|an|both)"
    rf"(?:\s+(?:and|to|or)\s+(?:\d+|(?:{_NUMBER_WORD})))?(?:\s+(?:other|others|more|additional))?(?:\s+or\s+more)?"
)
_PEOPLE = (
    r"people|persons|individuals|civilians?|children|child|women|woman|men|man|residents?|villagers?|shepherds?|"
    r"farmers?|workers?|soldiers?|troops|service\s*members?|servicemen|servicemembers|personnel|policemen|"
    r"police(?:\s+officers)?|officers?|members?|fighters?|militants?|militiamen|insurgents?|jihadists?|commanders?|"
    r"leaders?|guards?|recruits?|Peshmerga|others|aides?|bodyguards?|contractors?|gunmen|attackers?|passengers?|"
    r"pilgrims?|students?|journalists?|employees?|staff|relatives|boys?|girls?|Americans|Iraqis|Syrians|Kurds|"
    r"paramilitaries|operatives|bystanders|terrorists?|victims"
)
_OUTCOME_PASSIVE = (
    r"(?:killed|dead|died|wounded|injured|hurt|harmed|slain|suffered\s+(?:\w+\s+){0,2}(?:injuries|wounds)"
    r"|sustained\s+(?:\w+\s+){0,2}(?:injuries|wounds)|in\s+critical\s+condition|lost\s+their\s+lives)"
)
_MODS = (
    rf"(?:(?!(?:and|or|but|in|at|on|after|when|while|were|was|said|says|told|that|who|which|{_NUMBER_WORD})\b|\d)"
    rf"[\w.'’-]+\s+){{0,5}}?"
)
_CLAIM_PATTERNS = [
    (
        "passive",
        re.compile(
            rf"\b(?P<num>{_NUM})\s+(?P<mods>{_MODS})(?P<noun>{_PEOPLE})\b(?:\s*,\s*including[^,;]{{0,60}},)?"
            rf"(?:\s+(?:[\w'’-]+\s+){{0,3}}?)?\s*"
            rf"(?:were|was|had\s+been|have\s+been|has\s+been|are|is|being|also)?\s*(?:\w+ly\s+)?(?P<outcome>{_OUTCOME_PASSIVE})",
            re.IGNORECASE,
        ),
    ),
    (
        "active",
        re.compile(
            rf"\b(?P<verb>kill(?:ed|ing|s)?|wound(?:ed|ing|s)?|injur(?:ed|ing|es)|hurt(?:ing)?|neutrali[sz](?:ed|"
            rf"ing)|left)\s+"
            rf"(?P<num>{_NUM})(?:\s+(?P<mods>{_MODS})(?P<noun>{_PEOPLE})\b)?"
            rf"(?P<left>\s+(?:dead|wounded|injured|in\s+critical\s+condition))?",
            re.IGNORECASE,
        ),
    ),
    (
        "toll",
        re.compile(
            rf"\b(?:death\s+toll|toll|number\s+of\s+(?P<which>dead|killed|injured|wounded|casualties))\s+"
            rf"(?:\w+\s+){{0,3}}?(?:to|at|of)\s+(?P<num>{_NUM})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "subset",
        re.compile(
            rf"\b(?P<num>{_NUM})\s+of\s+(?:the|those)\s+(?P<set>victims|dead|killed|wounded|injured)\s+(?:was|were)\s+(?:an?\s+)?"
            rf"(?P<mods>{_MODS})(?P<noun>{_PEOPLE})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "bare",
        re.compile(
            rf"\b(?P<num>{_NUM})\s+(?:others\s+)?(?:were|had\s+been|have\s+been)\s+(?:\w+ly\s+)?(?P<outcome>killed|"
            rf"wounded|injured|hurt)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "none",
        re.compile(
            r"\b(?:no\s+(?:(?:indications?|reports?|signs?)\s+of\s+(?:[\w-]+\s+){0,4}?)?(?P<noun>civilians|one|"
            r"casualties|"
            r"civilian\s+casualties|injuries|deaths|fatalities|personnel|(?:U\.S\.|coalition|American)"
            r"\s+(?:personnel|troops|forces|service\s*members))|nobody|none)\b(?:\s+(?:[\w'’]+\s+){0,3}?"
            r"(?:were|was|had\s+been|have\s+been)?\s*(?P<outcome>killed|wounded|injured|hurt|harmed|reported))?",
            re.IGNORECASE,
        ),
    ),
]
# Words each claim pattern cannot match without: a sentence lacking them is not searched (the patterns
# try every number word in a sentence, which is slow on text full of "a" and "one").
_CLAIM_NEEDS = {
    kind: re.compile(words, re.IGNORECASE)
    for kind, words in (
        ("passive", r"kill|dead|died|wound|injur|hurt|harm|slain|suffer|sustain|critical|lost"),
        ("active", r"kill|wound|injur|hurt|neutrali|left"),
        ("toll", r"toll|number\s+of"),
        ("subset", r"of\s+(?:the|those)\s+(?:victims|dead|killed|wounded|injured)"),
        ("bare", r"(?:were|been)\s+(?:\w+ly\s+)?(?:killed|wounded|injured|hurt)"),
        ("none", r"\bno\s|nobody|none"),
    )
}
_CIVILIANS = re.compile(
    r"civilian|child|women|woman|residents?|villagers?|shepherds?|farmers?|workers?|pilgrims?|students?|journalists?|"
    r"passengers?|bystanders|boys?|girls?|relatives|employees?",
    re.IGNORECASE,
)
_SECURITY = re.compile(
    r"soldiers?|troops|service\s*members?|servicemen|servicemembers|personnel|police|officers?|guards?|recruits?|"
    r"Peshmerga|contractors?",
    re.IGNORECASE,
)
_COMBATANTS = re.compile(
    r"members?|fighters?|militants?|militiamen|insurgents?|jihadists?|commanders?|leaders?|aides?|bodyguards?|gunmen|"
    r"attackers?|paramilitaries|operatives|terrorists?",
    re.IGNORECASE,
)
_CLAIM_VERB = rf"{_SAY_VERB}|gave|put|estimated|counted|documented|recorded"
_CLAIMANT_PATTERNS = [
    re.compile(
        rf",\s*(?P<who>(?:[^,;“”\"]|,\s*(?:a|an|the)\s)[^,;“”\"]{{1,90}}?),?\s+(?:had\s+|have\s+|has\s+)?(?:earlier\s+|"
        rf"also\s+|later\s+)?(?:{_CLAIM_VERB})\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^(?:(?:in|on|later|earlier|meanwhile|however|but|separately)\b[^,]{{0,40}},\s*)?(?P<who>[^,;“”\"]{{2,100}}?)\s+"
        rf"(?:had\s+|have\s+|has\s+)?(?:earlier\s+|also\s+|later\s+)?(?:{_CLAIM_VERB})\b",
        re.IGNORECASE,
    ),
    re.compile(r"\baccording to\s+(?P<who>[^,;.“”\"]{2,100})", re.IGNORECASE),
]
_ASIDE = re.compile(rf",\s*(?:who|which|speaking|requesting|asking|an?)\s(?:(?!\b(?:{_SAY_VERB})\b)[^,;]){{0,80}},")
_CONFIRMED_TOLL = re.compile(
    r"^(?P<who>[^,;“”\"]{2,80}?)\s+(?:also\s+)?(?:confirmed|corroborated|verified)\s+(?:the\s+)?(?:death\s+)?(?:toll|"
    r"figure|deaths)",
    re.IGNORECASE,
)

# ---------------------------------------------------------------------------------------------
# Groups, event type, means
# ---------------------------------------------------------------------------------------------

_MILITARY_NOUN = re.compile(
    r"\s+(?:fighter\s+)?(?:military|forces|troops|army|soldiers?|service\s*members?|servicemen|personnel|drones?|"
    r"strikes?|air\s*strikes?|"
    r"airstrikes?|warplanes|jets|aircraft|artillery|shelling|bombardment|raids?|air\s+force|navy|officials?|"
    r"commandos|special\s+forces)\b",
    re.IGNORECASE,
)
_ADJECTIVE = re.compile(
    r"\b(?:U\.S\.|US|United States|American|Iraqi|Syrian|Turkish|Israeli|Iranian|Jordanian|Russian|British|French|"
    r"Kurdish|coalition)"
    r"(?=\s)"
)
_AIRCRAFT_MODEL = re.compile(r"\s+(?:[A-Z]+-\d+[A-Z]?|MQ-\d+\w*)(?=\s)")
_MILITARY_KEYS = ("military", "forces", "armed forces", "army", "troops", "security forces")
_GROUP_HEAD = re.compile(
    r"\b(?:Kata['’]?i['’]?b|Saraya|Liwa|Jaish|Jaysh|Harakat|Asa['’]?ib|Ansar|Hay['’]?at|Jabhat|Quwat|Firqat|Tanzim|"
    r"Hurras|Hizb)"
    r"(?:\s+(?:(?:al|el|ad|an|as|ash|at|az|wa|ahl|Ahl|bin)\s+)?(?:(?:al|el|ad|an|as|ash|at|az)-)?[A-Z][\w'’-]*){1,4}"
)
_GROUP_SUFFIX = re.compile(
    r"\b(?:[A-Z][\w'’.-]*\s+){1,5}(?:Brigades?|Battalions?|Front|Army|Forces|Movement|Party|Resistance|Corps|Units|"
    r"Guards?|Organi[sz]ation|Militia|Group|Mobili[sz]ation|Committees?)"
    r"(?:\s+(?:in|of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})?"
)
_ABBREVIATION_AFTER = re.compile(r"^\s*\((?P<abbr>[A-Z][A-Za-z]{1,6})\)")
_GENERIC_GROUP_WORDS = _words(
    "the a an u.s us american iraqi syrian turkish israeli iranian jordanian russian kurdish security "
    "special government military armed national state coalition police army forces militia group iraq "
    "syria federal regional local and of in for said "
)
_ROLE_PATTERNS = [
    # (role, attribution, where, pattern): "before" runs on the words before the mention, "after" on those after.
    ("perpetrator", "claimed", "after", r"^\W*(?:\w+\s+){0,3}?(?:claimed|claims|claiming)\b"),
    ("perpetrator", "claimed", "before", r"\bclaimed\s+(?:responsibility\s+)?by\s+(?:the\s+)?$"),
    ("perpetrator", "claimed", "after", r"^[^.;]{0,25}\bsaid (?:it|they) (?:had )?(?:carried out|launched|targeted|attacked|struck|fired)"),  # noqa: E501
    ("perpetrator", "attributed", "before", r"\b(?:blam(?:ed|es|ing)|accus(?:ed|es|ing)|held)\s+[\"“]?(?:the\s+)?(?:[\w-]+\s+){0,2}$"),  # noqa: E501
    ("perpetrator", "attributed", "before", r"\b(?:blam(?:ed|es|ing)|attribut(?:ed|es)|pinned)\b(?:\s+(?!for\b)[\w'’]+){0,4}\s+(?:on|to)\s+(?:the\s+)?$"),  # noqa: E501
    ("perpetrator", "attributed", "after", r"^\W*(?:was|were|is|are|has been|have been)\s+(?:widely\s+)?(?:blamed|suspected|accused)"),  # noqa: E501
    ("target", "confirmed", "after", r"^\W*(?:\w+\s+){0,3}?(?:was|were|has been|have been|had been|came|come|comes)\s+(?:\w+\s+)?(?:killed|struck|hit|targeted|attacked|wounded|bombed|under attack)"),  # noqa: E501
    ("perpetrator", "confirmed", "after", r"^\W*(?:['’]s\s+)?(?:[\w-]+\s+){0,2}?(?:launched|carried out|conducted|struck|strikes|hit|attacked|fired|bombed|shelled|targeted|killed|ambushed|raided|stormed|drone strike|air ?strikes?|strike|drones?|warplanes|jets|aircraft)\b"),  # noqa: E501
    ("perpetrator", "confirmed", "before", r"\b(?:strikes?|attacks?|shelling|raids?|ambush|bombardment|fire|operation)\s+(?:carried out\s+|launched\s+|conducted\s+)?by\s+(?:the\s+)?$"),  # noqa: E501
    ("target", "confirmed", "before", r"\b(?:dead|killed|victims|casualties)\s+(?:were|was|included)\s+(?:\w+\s+){0,2}?(?:of\s+)?(?:the\s+)?$"),  # noqa: E501
    ("target", "confirmed", "before", r"\b(?:struck|strikes? (?:on|against)|attacks? (?:on|against)|targeted|targeting|hit|hitting|killed|killing|bombed|shelled|raided|ambushed|fired (?:[\w,]+ ){0,5}?at|against)\b(?:(?!\b(?:by|said|and)\b)[^.;“”\"]){0,90}$"),  # noqa: E501
]  # fmt: skip
_ROLE_REGEXES = [
    (role, attribution, where, re.compile(p, re.IGNORECASE)) for role, attribution, where, p in _ROLE_PATTERNS
]
_DEFENSIVE = re.compile(r"^\W*(?:\w+\s+){0,2}?(?:shot down|intercepted|engaged|repelled|thwarted)\b", re.IGNORECASE)
_NOT_OUR_ATTACK = re.compile(
    r"\b(?:responsible for|involved in|blames? for|behind|recent|previous|earlier|past|repeated|prior|suspend\w*|"
    r"halt\w*"
    r"|stop\w*|resum\w*)\b[^.;]{0,90}$",
    re.IGNORECASE,
)

_EVENT_CUES = [
    ("violence_against_civilians", "attack", r"opened fire on (?:\w+ )?(?:residents|civilians|worshippers|mourners|villagers|a crowd|people)|massacre|\bexecut\w+"),  # noqa: E501
    ("remote_violence", "suicide_bomb", r"suicide (?:bomb\w*|attack\w*|car bomb|vest)"),
    ("remote_violence", "remote_explosive", r"roadside bomb|improvised explosive|\bIEDs?\b|landmine|explosive device|car bomb|bomb exploded|bomb blast"),  # noqa: E501
    ("battles", "armed_clash", r"\bambush\w*|\bclash\w*|gunfight|firefight|exchange of fire|fought|gun battle|stormed"),
    ("violence_against_civilians", "abduction", r"\bkidnap\w*|abduct\w*"),
    ("strategic_developments", "arrests", r"\barrest\w*|\bdetained\b"),
    ("remote_violence", "air_drone_strike", r"air ?strikes?|airstrikes?|drone strikes?|drone attacks?|drones?\b|warplanes|fighter jets|\bjets\b|aircraft|bombed|air raids?|\bstrikes?\b|one-way attack drones?"),  # noqa: E501
    ("remote_violence", "shelling_missile", r"rockets?|mortars?|shelling|artillery|missiles?|Katyusha"),
]  # fmt: skip
_EVENT_REGEXES = [(t, s, re.compile(p, re.IGNORECASE)) for t, s, p in _EVENT_CUES]
_MEANS_CUES = [
    ("ballistic_missile", r"ballistic missiles?"),
    ("cruise_missile", r"cruise missiles?"),
    ("drone", r"(?:one-way attack |attack |suicide |kamikaze |armed )?drones?|\bUAVs?\b|unmanned aerial vehicles?"),
    ("air_strike", r"air ?strikes?|airstrikes?|warplanes|fighter jets|\bjets\b|\baircraft\b|air raids?|bombers?|F-(?:15|16|35)s?"),  # noqa: E501
    ("rocket", r"rockets?|Katyushas?"),
    ("artillery", r"mortars?|artillery|shelling|howitzers?"),
    ("ied", r"roadside bombs?|improvised explosive devices?|\bIEDs?\b|landmines?|explosive devices?|car bombs?"),
    ("small_arms", r"gunfire|small arms|gunmen|machine ?guns?|rifles?|shot dead|opened fire|sniper"),
]  # fmt: skip
_MEANS_REGEXES = [(means, re.compile(p, re.IGNORECASE)) for means, p in _MEANS_CUES]
_DRONE_STRIKE = re.compile(r"drone\s+(?:strike|attack)", re.IGNORECASE)

_QUALIFIER = re.compile(
    r"(?P<q>\b(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|"
    r"south-?eastern|south-?western|northeast|northwest|southeast|southwest)(?:\s+of)?|near|outside|outskirts of|"
    r"(?:\w+\s+)?(?:km|kilometres|kilometers|miles)\s+(?:\w+\s+)?(?:of|from)|close to|downtown|rural|the outskirts of))\s+$",  # noqa: E501
    re.IGNORECASE,
)
_PROVINCE_AFTER = re.compile(r"^\s+(?:province|governorate|region)\b", re.IGNORECASE)
_PROVINCE_BEFORE = re.compile(r"\b(?:province|governorate)\s+of\s+$", re.IGNORECASE)
_DATELINE = re.compile(
    rf"\s*(?P<place>[A-Z][A-Z .'’-]+?)(?:,\s*[A-Z][A-Za-z .]+?)?\s*(?:,\s*(?P<date>{_MONTH}\s+\d{{1,2}}))?\s*"
    r"\((?P<outlet>[A-Za-z .]{2,30})\)\s*[-–—]+\s*"
)
_PLACE_PREFIX = r"(?:Tel|Tal|Tell|Wadi|Jabal|Jebel|Ain|Ayn|Deir|Dayr|Khirbet|Khirbat|Bir|Qaryat|Hay|Hayy|Sheikh)"
_UNKNOWN_PLACE = re.compile(
    r"\b(?P<lead>(?:in|near|at|outside|towards?|around|close to)\s+(?:the\s+)?"
    r"(?:(?P<of>town|village|city|district|area|region|neighbou?rhood|camp|hamlet|suburb) of\s+)?)"
    rf"(?P<name>(?:{_PLACE_PREFIX}\s+|al-|Al-)?[A-Z][a-z'’]{{2,}}(?:[\s-](?:al-|el-|as-|ash-|ad-|ar-)?[A-Z][a-z'’]{{2,}}){{0,2}})"
    r"(?![\w-])"
)
# Names after "near" that are not places in the gazetteer's sense.
_NOT_PLACES = _words(
    "iraq syria jordan turkey iran israel lebanon gaza kuwait egypt yemen washington tehran beirut ankara "
    "amman london moscow kurdistan region border "
)


# ---------------------------------------------------------------------------------------------
# The extraction
# ---------------------------------------------------------------------------------------------


def extract(text: str, lexicon: Lexicon, publication_date: datetime.date | None = None) -> Proposal:
    """The proposal for one report. Raises ExtractionError (a ValueError) and nothing else.

    The publication date comes from the header (`date YYYY-MM-DD`) unless given: a caller that
    already knows it (a Report being reviewed) passes it and it wins.
    """
    if not isinstance(text, str):
        raise ExtractionError("the report must be text (str)")
    if len(text) > MAX_CHARS:
        raise ExtractionError(f"the report is {len(text):,} characters long; at most {MAX_CHARS:,} are accepted")
    header = parse_header(text)
    published = publication_date or header.published
    if published is None:
        raise ExtractionError(
            "no publication date: start the report with a line such as 'date 2024-01-05' "
            "(relative dates like 'Thursday' cannot be resolved without it)"
        )
    try:
        return _Extraction(text, lexicon, published, header).run()
    except (RecursionError, MemoryError, OverflowError) as exc:
        raise ExtractionError(f"the report could not be read: {exc.__class__.__name__}") from None


def _span(start: int, end: int) -> list[int]:
    return [start, end]


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,;:")


def _quote_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Extraction:
    def __init__(self, text: str, lexicon: Lexicon, published: datetime.date, header: _Header):
        self.text = text
        self.lexicon = lexicon
        self.published = published
        self.header = header
        self.doc = _Doc(text, header.body_offset)
        self.warnings: list[str] = []
        self.outlet = header.outlet
        self.dateline: re.Match | None = None
        self._runs: dict[str, list[int]] | None = None
        self._nearest_sources: list[int | None] = []
        self._blanked: dict[int, str] = {}
        self._mention_index: dict[str, list[tuple[int, str]]] | None = None
        self._fuller_names: dict[str, tuple[list[int], list[re.Match]]] = {}

    def run(self) -> Proposal:
        self.dateline = _DATELINE.match(self.text, self.doc.start)
        if self.dateline and not self.outlet:
            self.outlet = self.dateline.group("outlet").strip()
        keys = _word_keys(self.doc)
        matches = _scan(self.doc, self.lexicon, keys)
        self._set_people(self._people(matches))
        person_spans = Spans(tuple(s) for p in self.people for s in p.spans)
        matches = [m for m in matches if not self._inside_person(m, person_spans)]
        self._set_groups(self._groups(matches))
        self.places = self._places(matches)
        self.statements = self._statements()
        self._statement_index = Owners(len(self.text), self.statements)
        dates = self._dates()
        claims = self._claims()
        self._roles()
        event_type = self._event_type()
        means = self._means()
        return Proposal(
            publication_date=self.published.isoformat(),
            title=self.header.title,
            outlet=self.outlet,
            url=self.header.url,
            body_offset=self.doc.start,
            dates=dates,
            places=self.places,
            groups=self.groups,
            people=self.people,
            casualty_claims=claims,
            statements=self.statements,
            event_type=event_type,
            means=means,
            warnings=self.warnings,
        )

    # -- helpers ---------------------------------------------------------------------------------

    def _word_runs(self) -> dict[str, list[int]]:
        """Where each run of word characters starts: "KH" as a whole word is such a run."""
        if self._runs is None:
            self._runs = {}
            for run in re.finditer(r"\w+", self.text, self.doc.start):
                self._runs.setdefault(run.group(), []).append(run.start())
        return self._runs

    def _set_people(self, people: list[PersonProposal]):
        self.people = people
        self._person_index = Owners(len(self.text), people)
        self._person_starts = LastBefore(people)

    def _set_groups(self, groups: list[GroupProposal]):
        self.groups = groups
        self._group_index = Owners(len(self.text), groups)
        self._group_starts = LastBefore(groups)
        self._group_spans = Spans(tuple(s) for g in groups for s in g.spans)

    def _inside_person(self, match: _Match, person_spans: Spans) -> bool:
        if any(c.tag == "person" for c in match.candidates):
            return False
        return person_spans.contains(match.start, match.end) and not any(c.tag == "group" for c in match.candidates)

    def _sentence_bounds(self, pos: int) -> tuple[int, int]:
        sentence = self.doc.sentence_at(pos)
        return (sentence.start, sentence.end) if sentence else (pos, pos)

    def _group_at(self, start: int, end: int) -> GroupProposal | None:
        return self._group_index.at(start, end)

    def _person_at(self, start: int, end: int) -> PersonProposal | None:
        return self._person_index.at(start, end)

    # -- people ----------------------------------------------------------------------------------

    def _people(self, matches: list[_Match]) -> list[PersonProposal]:
        text = self.text
        people: dict[str, PersonProposal] = {}
        self._person_order: dict[str, int] = {}
        self._matched_keys: list[str] = []
        self._person_spans_seen: dict[str, set[tuple[int, int]]] = {}
        blocked = [(m.start, m.end) for m in matches if any(c.tag in ("group",) for c in m.candidates)]
        blocked += [m.span() for p in (_GROUP_HEAD, _GROUP_SUFFIX) for m in p.finditer(text, self.doc.start)]
        blocked = Spans(blocked)
        # Lexicon matches do not overlap and come in order: at most one can hold a name.
        places = [m for m in matches if any(c.tag != "person" for c in m.candidates)]
        place_starts = [m.start for m in places]
        for match in matches:
            person = next((c for c in match.candidates if c.tag == "person"), None)
            if person:
                item = self._add_person(people, person.entry.name, match.start, match.end, person.entry.id, True)
                item.title = item.title or self._strip_title(match.start, match.end)[2]
        for match in _NAME_SEQ.finditer(text, self.doc.start):
            start, end, title = self._strip_title(match.start(), match.end())
            if start is None:
                continue
            name = _clean(text[start:end])
            words = name.split()
            if len(words) < 2 or words[0].lower().rstrip(".") in _NOT_NAMES:
                continue
            if any(w.lower().strip(".,") in _NOT_NAMES and w[0].isupper() for w in words[1:]):
                continue
            if blocked.overlaps(start, end):
                continue
            i = bisect.bisect_right(place_starts, start) - 1
            if i >= 0 and end <= places[i].end:
                continue
            if not (title or self._person_evidence(name, start, end)):
                continue
            existing = self._find_person(people, name)
            if existing is None and (known := self._known_by_nickname(name)):
                existing = self._add_person(people, known.name, start, end, known.id, True)
            if existing is not None:
                if not any(s <= start and end <= e for s, e in existing.spans):
                    existing.spans.append(_span(start, end))
                existing.title = existing.title or title
                continue
            item = self._add_person(people, name, start, end, None, False)
            item.title = title
        for item in people.values():
            self._person_role(item)
        self._surname_mentions(people)
        return sorted(people.values(), key=lambda p: p.spans[0][0])

    def _add_person(self, people, name, start, end, person_id, matched) -> PersonProposal:
        key = normalise_name(name)
        item = people.get(key)
        if item is None:
            item = PersonProposal(text=self.text[start:end], spans=[], name=name, matched=matched, id=person_id)
            people[key] = item
            self._person_order[key] = len(self._person_order)
            if matched:
                self._matched_keys.append(key)
        seen = self._person_spans_seen.setdefault(key, set())
        if (start, end) not in seen:
            seen.add((start, end))
            item.spans.append(_span(start, end))
        return item

    def _find_person(self, people, name) -> PersonProposal | None:
        """The first person recorded under this name, or a known person with its first and last words."""
        key = normalise_name(name)
        words = key.split()
        exact = self._person_order.get(key)
        # People found in the lexicon are few whatever the text's length: only they are compared word by word.
        for existing_key in self._matched_keys:
            if exact is not None and self._person_order[existing_key] > exact:
                break
            known = existing_key.split()
            if existing_key == key or (key.endswith(known[-1]) and words[0] == known[0]):
                return people[existing_key]
        return people[key] if exact is not None else None

    def _known_by_nickname(self, name: str):
        """ "Pat Ryder" is the lexicon's "Patrick Ryder": same surname, first name a short form."""
        words = normalise_name(name).split()
        for first, person in self.lexicon.people_by_surname.get(words[-1], ()):
            if first != words[0] and first.startswith(words[0]):
                return person
        return None

    def _strip_title(self, start: int, end: int) -> tuple[int | None, int, str]:
        """Move the start past leading titles and nationality words; return them as the title."""
        title_words = []
        for word in re.finditer(r"\S+", self.text[start:end]):
            bare = word.group().lower().rstrip(".,")
            if bare in _TITLE_WORDS or bare in _NATIONALITIES:
                title_words.append(word.group())
                continue
            begin = start + word.start()
            lookback = self.text[max(self.doc.start, start - 40) : start]
            extra = re.search(
                r"((?:Maj(?:or)?\.?|Brig(?:adier)?\.?|Lt\.?|Lieutenant|Vice|Rear)?\s*"
                r"(?:Gen\.|General|Col\.|Colonel|Capt\.|Captain|Adm\.|Admiral|Sgt\.|Sergeant|Mr\.|Mrs\.|Ms\.|Dr\.|"
                r"Sheikh))\s+$",
                lookback,
            )
            title = " ".join(title_words)
            if extra and not title_words:
                title = extra.group(1).strip()
            return begin, end, title
        return None, end, ""

    def _person_evidence(self, name: str, start: int, end: int) -> bool:
        text = self.text
        after = text[end : end + 140]
        before = text[max(self.doc.start, start - 60) : start]
        first = name.split()[0].lower()
        return bool(
            _APPOSITIVE.match(after)
            or _PERSON_CONTEXT_AFTER.match(after)
            or _PERSON_CONTEXT_BEFORE.search(before)
            or _PRE_ROLE.search(before)
            or _WHO_ROLE.match(after)
            or first in ("abu", "umm", "sheikh")
            or (len(name.split()) >= 3 and re.search(r"\b(?:al|el|bin|ibn)\b|\b(?:al|el)-", name))
        )

    def _person_role(self, item: PersonProposal):
        text = self.text
        for start, end in item.spans:
            role = ""
            sentence_end = self._sentence_bounds(start)[1]
            after = text[end:sentence_end]
            before = self._before_titles(start)
            if (
                (match := _APPOSITIVE.match(after))
                or (match := _WHO_ROLE.match(after))
                or (match := _PRONOUN_ROLE.search(after[:160]))
            ):
                role, role_start = match.group("role"), end + match.start("role")
            elif match := _PRE_ROLE.search(before):
                role = match.group("role")
                role_start = self.text.rfind(role, max(self.doc.start, start - 80), start)
            if not role:
                continue
            role = re.sub(r"^(?:a|an|the)\s+", "", _clean(role), flags=re.IGNORECASE)
            item.role = role
            item.role_kind = _role_kind(role)
            group = self._group_in(role_start, role_start + len(role) + 4)
            if group:
                item.group = group
            else:
                item.body = self._body_of(role)
            break
        if not item.role and item.title:
            item.role = item.title
            item.role_kind = _role_kind(item.title)
            item.body = self._body_of(item.title)

    def _before_titles(self, start: int) -> str:
        """The 60 characters before a name, less the titles just before it ("Colonel", "Brigadier General")."""
        before = self.text[max(self.doc.start, start - 80) : start]
        while match := re.search(r"([A-Z][a-z]*\.?)\s+$", before):
            if match.group(1).lower().rstrip(".") not in _TITLE_WORDS or match.group(1).lower() in ("pentagon",):
                break
            before = before[: match.start()]
        return before[-60:]

    def _group_in(self, start: int, end: int) -> str:
        for match in _scan_range(self, start, end):
            group = next((c for c in match.candidates if c.tag == "group"), None)
            if group:
                return group.entry.name
        return ""

    def _body_of(self, role: str) -> str:
        if match := _SPEAKS_FOR.search(role):
            body = match.group("body")
            for mention in self._mentions_in(body):
                cut = body.find(mention)
                if cut > 0:
                    body = body[:cut]
            return _clean(body)
        if match := _BODY_BEFORE_ROLE.search(role):
            words = [w for w in match.group("body").split() if w.lower().rstrip(".") not in _TITLE_WORDS - {"pentagon"}]
            return _clean(" ".join(words))
        if role.lower().startswith("pentagon"):
            return "Pentagon"
        return ""

    def _mentions_in(self, phrase: str) -> list[str]:
        """The words of people's mentions that occur in a (short) phrase, in the order of the people and their spans."""
        if not hasattr(self, "people"):
            return []
        if self._mention_index is None:
            order: dict[str, int] = {}
            for person in self.people:
                for start, end in person.spans:
                    order.setdefault(self.text[start:end], len(order))
            # By their first three characters, so a phrase is compared only with mentions that could start there.
            self._mention_index = {}
            for mention, rank in order.items():
                self._mention_index.setdefault(mention[:3], []).append((rank, mention))
        found = set()
        for i in range(len(phrase)):
            for rank, mention in self._mention_index.get(phrase[i : i + 3], ()):
                if phrase.startswith(mention, i):
                    found.add((rank, mention))
        for key in ("", *(phrase[i : i + 2] for i in range(len(phrase))), *phrase):
            found.update((rank, m) for rank, m in self._mention_index.get(key, ()) if len(m) < 3 and m in phrase)
        return [mention for _, mention in sorted(found)]

    def _surname_mentions(self, people: dict[str, PersonProposal]):
        taken = Taken(len(self.text), (s for p in people.values() for s in p.spans))
        searched: set[str] = set()
        runs: dict[str, list[int]] | None = None
        for item in people.values():
            surname = _surname(item.name)
            if len(surname) < 3:
                continue
            # A surname searched for already left every mention of it taken.
            if surname not in searched:
                searched.add(surname)
                if runs is None:
                    runs = {}
                    for run in _RUN.finditer(self.text, self.doc.start):
                        runs.setdefault(run.group(), []).append(run.start())
                self._mentions_of(item, surname, runs, taken)
            item.spans.sort()

    def _mentions_of(self, item: PersonProposal, surname: str, runs: dict[str, list[int]], taken: Taken):
        """Add the mentions of a surname not taken yet, as a search of the whole text for it would find them."""
        text = self.text
        pattern = re.compile(rf"(?<![\w-])(?:(?:al|el)[-\s])?{re.escape(surname)}(?:['’]s)?\b")
        first_run = _RUN.match(surname)
        if first_run is None:
            found = pattern.finditer(text, self.doc.start)
        else:
            # The surname can only begin where the text has a run of letters equal to its first one.
            starts = []
            for at in runs.get(first_run.group(), ()):
                if text.startswith(surname, at):
                    if at - 3 >= self.doc.start and _ARTICLE_BEFORE.match(text, at - 3):
                        starts.append(at - 3)
                    starts.append(at)
            found = _matches_in_order(pattern, text, sorted(starts))
        for match in found:
            if taken.holds(match.start()):
                continue
            end = match.end() - (2 if match.group().endswith(("'s", "’s")) else 0)
            item.spans.append(_span(match.start(), end))
            taken.add(match.start(), end)

    # -- places ----------------------------------------------------------------------------------

    def _places(self, matches: list[_Match]) -> list[PlaceProposal]:
        text = self.text
        found: dict[tuple, PlaceProposal] = {}
        for match in matches:
            candidates = [c for c in match.candidates if c.tag in ("place", "governorate")]
            if not candidates or any(c.tag in ("group", "person") for c in match.candidates):
                continue
            after, before = text[match.end : match.end + 20], text[max(0, match.start - 20) : match.start]
            wants_area = bool(_PROVINCE_AFTER.match(after) or _PROVINCE_BEFORE.search(before))
            candidates.sort(key=lambda c: (c.tag != ("governorate" if wants_area else "place"), c.rank))
            entry: PlaceEntry = candidates[0].entry
            start, end = match.start, match.end
            if wants_area and (province := _PROVINCE_AFTER.match(after)):
                end = match.end + province.end()
            qualifier = ""
            if q := _QUALIFIER.search(text[max(self.doc.start, start - 40) : start]):
                qualifier = _clean(q.group("q")).lower()
                start = start - len(text[max(self.doc.start, start - 40) : start]) + q.start("q")
            key = (entry.kind == "governorate", entry.id, entry.name)
            is_dateline = bool(
                self.dateline and self.dateline.start("place") <= match.start < self.dateline.end("place")
            )
            item = found.get(key)
            if item is None:
                item = found[key] = PlaceProposal(
                    text=text[start:end],
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
                    dateline=is_dateline,
                )
            elif not is_dateline:
                item.dateline = False
            item.spans.append(_span(start, end))
            if qualifier and not item.qualifier:
                item.qualifier, item.text = qualifier, text[start:end]
        taken = Taken(len(text), (s for p in found.values() for s in p.spans))
        for match in _UNKNOWN_PLACE.finditer(text, self.doc.start):
            start, end = match.span("name")
            name = match.group("name")
            words = [w.lower() for w in re.split(r"[\s-]+", name)]
            plain_lead = match.group("lead").split()[0].lower() in ("in", "at")
            if plain_lead and not match.group("of") and not re.match(_PLACE_PREFIX + r"\s", name):
                continue
            if words[0] in _NOT_NAMES or words[0] in _NOT_PLACES or any(w in _NOT_PLACES for w in words):
                continue
            if taken.overlaps(start, end) or self._group_at(start, end) or self._person_at(start, end):
                continue
            if re.match(r"\s+[A-Z]", text[end : end + 2]):
                continue
            key = (False, None, normalise_name(name))
            item = found.setdefault(key, PlaceProposal(text=name, spans=[], name=name, matched=False))
            item.spans.append(_span(start, end))
            taken.add(start, end)
        return sorted(found.values(), key=lambda p: p.spans[0][0])

    # -- groups ----------------------------------------------------------------------------------

    def _groups(self, matches: list[_Match]) -> list[GroupProposal]:
        text = self.text
        found: dict[str, GroupProposal] = {}
        self._group_spans_seen: dict[int, set[tuple[int, int]]] = {}
        self._groups_unsorted: set[int] = set()
        abbreviations_added: set[tuple[int, str]] = set()
        for match in matches:
            candidate = next((c for c in match.candidates if c.tag == "group"), None)
            if candidate is None:
                continue
            self._add_group(found, candidate.entry.name, match.start, match.end, candidate.entry.id, True)
        self._set_groups(list(found.values()))
        for match in _ADJECTIVE.finditer(text, self.doc.start):
            noun_at = match.end()
            if model := _AIRCRAFT_MODEL.match(text, noun_at):
                noun_at = model.end()
            if not _MILITARY_NOUN.match(text, noun_at) or self._group_at(match.start(), match.end() + 1):
                continue
            adjective = matching_key(match.group())
            for noun in _MILITARY_KEYS:
                candidates = [c for c in self.lexicon.lookup(f"{adjective} {noun}") if c.tag == "group"]
                if candidates:
                    entry = candidates[0].entry
                    self._add_group(found, entry.name, match.start(), match.end(), entry.id, True)
                    break
        self._set_groups(list(found.values()))
        taken = Taken(len(text), (s for g in found.values() for s in g.spans))
        for pattern in (_GROUP_HEAD, _GROUP_SUFFIX):
            for match in pattern.finditer(text, self.doc.start):
                start, end = match.span()
                name = match.group()
                lead = re.match(r"(?:The|the|A|An)\s+", name)
                if lead:
                    start, name = start + lead.end(), name[lead.end() :]
                if taken.overlaps(start, end) or self._person_at(start, end):
                    continue
                words = [w.lower().strip(".,'’") for w in name.split()]
                if all(w in _GENERIC_GROUP_WORDS for w in words) or words[0] in _NOT_NAMES - {
                    "islamic",
                    "popular",
                    "national",
                    "syrian",
                    "kurdistan",
                }:
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
                        item.spans.append(_span(at, at + len(abbreviation)))
                        self._group_spans_seen[id(item)].add((at, at + len(abbreviation)))
                        self._groups_unsorted.add(id(item))
        return sorted(found.values(), key=lambda g: g.spans[0][0])

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
                item.spans.append(_span(start, end))
                item.spans.sort()
                self._groups_unsorted.discard(id(item))
            else:
                bisect.insort(item.spans, _span(start, end))
        return item

    # -- statements ------------------------------------------------------------------------------

    def _statements(self) -> list[StatementProposal]:
        text = self.text
        statements: list[StatementProposal] = []
        last_by_paragraph: dict[int, StatementProposal] = {}
        # Quotations joined to the one before: their parts, and the stance scores of the parts so far.
        joined: dict[int, tuple[list[str], dict[str, int], set[str]]] = {}
        for q_start, q_end in self.doc.quotes:
            inner_start, inner_end = q_start + 1, q_end - 1 if text[q_end - 1] in '”"’' else q_end
            quote = _quote_text(text[inner_start:inner_end]).rstrip(",")
            if len(quote.split()) < 3:
                continue
            sentence = self.doc.sentence_at(q_start)
            if sentence is None:
                continue
            s_start, s_end = sentence.start, sentence.end
            if s_end < q_end:
                s_end = self._sentence_bounds(q_end - 1)[1]
            after = text[q_end:s_end]
            before = text[s_start:q_start]
            who, who_start = self._attribution(after, q_end, before, s_start)
            previous = last_by_paragraph.get(sentence.paragraph) or (
                last_by_paragraph.get(sentence.paragraph - 1) if not before.strip() else None
            )
            if not who and previous is not None:
                if id(previous) not in joined:
                    scores, cues = {}, set()
                    _score_stances(previous.quote, 2, scores, cues)
                    joined[id(previous)] = ([previous.quote], scores, cues)
                parts, scores, cues = joined[id(previous)]
                if parts[-1][-1:] not in ".!?":
                    parts[-1] = parts[-1].rstrip(",;:") + "."
                parts.append(quote)
                # Each part is scored once: scoring the whole quotation again at each join grows as its square.
                _score_stances(quote, 2, scores, cues)
                previous.spans.append(_span(q_start, q_end))
                previous.stance, previous.stance_cues = self._merge_stance(previous, *_best_stance(scores, cues))
                last_by_paragraph[sentence.paragraph] = previous
                continue
            frame = _clean(before + " " + after)
            stance, cues = guess_stance(quote, frame)
            item = StatementProposal(
                text=text[q_start:q_end],
                spans=[_span(q_start, q_end)],
                quote=quote,
                speaker="",
                stance=stance,
                stance_cues=cues,
            )
            if who:
                self._resolve_speaker(item, who, who_start, q_start)
            statements.append(item)
            last_by_paragraph[sentence.paragraph] = item
        for item in statements:
            if id(item) in joined:
                item.quote = " ".join(joined[id(item)][0])
        return statements

    def _merge_stance(self, statement, stance, cues):
        merged_cues = sorted(set(statement.stance_cues) | set(cues))
        frame_stance = statement.stance
        if _STANCE_ORDER.index(stance) < _STANCE_ORDER.index(frame_stance) and stance not in ("confirms", "describes"):
            return stance, merged_cues
        return frame_stance, merged_cues

    def _attribution(self, after: str, after_start: int, before: str, before_start: int) -> tuple[str, int]:
        for pattern in (_AFTER_VERB_FIRST, _AFTER_ACCORDING, _AFTER_WHO_FIRST):
            if match := pattern.match(after):
                who = _WHO_TRIM.sub("", match.group("who"))
                if re.match(r"(?:and|but|or|then|while)\b", who, re.IGNORECASE):
                    continue
                if who and len(who.split()) <= 16 and not re.search(r"[“”\"]", who):
                    return who, after_start + match.start("who")
        if match := _BEFORE_SUBJECT.match(before):
            who, who_start = match.group("who"), before_start + match.start("who")
            # "... in what Kataib Sayyid al-Shuhada described as": the speaker follows the last "what".
            if relative := list(re.finditer(r"\b(?:what|which|whom)\s+", who)):
                who_start += relative[-1].end()
                who = who[relative[-1].end() :]
            who = _WHO_TRIM.sub("", who)
            if who and len(who.split()) <= 16:
                return who, who_start
        return "", -1

    def _resolve_speaker(self, item: StatementProposal, who: str, who_start: int, quote_start: int):
        who_end = who_start + len(who)
        item.speaker_spans = [_span(who_start, who_end)]
        lowered = who.lower().strip()
        if lowered in ("it", "they") and (source := self._previous_source(quote_start)):
            who, who_start = source
            who_end = who_start + len(who)
            lowered = who.lower()
        if antecedent := self._antecedent(lowered, who_start):
            who, who_start = antecedent
            who_end = who_start + len(who)
            item.speaker_spans.append(_span(who_start, who_end))
            lowered = who.lower()
        if lowered in _PRONOUNS:
            if lowered in ("he", "she"):
                person = self._last_person_before(quote_start)
                if person:
                    self._speaker_from_person(item, person)
                    return
            group = self._last_group_before(quote_start)
            if group:
                item.speaker, item.body = group.name, group.name
                return
            item.speaker = who
            return
        person = self._person_at(who_start, who_end)
        speaks_for = _SPEAKS_FOR.search(who)
        if person and not (
            speaks_for
            and any(s >= who_start + speaks_for.start("body") for s, _ in person.spans if who_start <= s < who_end)
        ):
            self._speaker_from_person(item, person)
            return
        item.speaker = re.sub(r"^(?:the|a|an)\s+", "", _clean(who), flags=re.IGNORECASE)
        item.speaker_title = item.speaker
        group = self._group_at(who_start, who_end)
        item.body = group.name if group else self._body_of(item.speaker)
        if re.fullmatch(r"(?:the\s+)?(?:group|militia|faction|movement)", item.body, re.IGNORECASE):
            group = self._last_group_before(who_start)
            item.body = group.name if group else item.body

    def _previous_source(self, pos: int, paragraphs: int = 1) -> tuple[str, int] | None:
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

    def _nearest_source(self, index: int) -> int | None:
        """The last sentence before sentence `index` that names a source; each sentence is read once."""
        nearest = self._nearest_sources
        while len(nearest) < index:
            i = len(nearest)
            nearest.append(i if self._source_in(i) else (nearest[i - 1] if i else None))
        return nearest[index - 1] if index else None

    def _source_in(self, index: int) -> tuple[str, int] | None:
        sentence = self.doc.sentences[index]
        s_text = self._outside_quotes(sentence)
        for pattern in (_CLAIMANT_PATTERNS[1], _CLAIMANT_PATTERNS[0], _CLAIMANT_PATTERNS[2]):
            for match in pattern.finditer(s_text):
                who = _WHO_TRIM.sub("", match.group("who")).strip()
                if re.search(r"\b(?:it|they|he|she)$", who, re.IGNORECASE):
                    continue
                if who and len(who.split()) <= 12:
                    return who, sentence.start + match.start("who") + match.group("who").index(who[0])
        return None

    def _antecedent(self, phrase: str, pos: int) -> tuple[str, int] | None:
        """ "the service said": the last fuller name ending in "service" before it."""
        match = re.fullmatch(
            r"(?:the|this)\s+(service|ministry|directorate|monitor|observatory|command|agency|office|department|"
            r"council)",
            phrase,
        )
        if not match:
            return None
        noun = match.group(1)
        if noun not in self._fuller_names:
            # Found once in the whole text; each question then takes the last one ending before it.
            pattern = re.compile(rf"(?:[A-Z][\w'’.-]*\s+|[A-Z][\w.-]*['’]s\s+)(?:[\w'’.-]+\s+){{0,3}}?{noun}\b")
            names = [
                candidate
                for candidate in pattern.finditer(self.text, self.doc.start)
                if not re.match(r"(?:the|this|a|an)\s", candidate.group(), re.IGNORECASE)
            ]
            self._fuller_names[noun] = ([name.end() for name in names], names)
        ends, names = self._fuller_names[noun]
        i = bisect.bisect_right(ends, pos)
        return (names[i - 1].group(), names[i - 1].start()) if i else None

    def _speaker_from_person(self, item: StatementProposal, person: PersonProposal):
        item.speaker, item.speaker_is_person = person.name, True
        item.speaker_title = person.role or person.title
        item.body = person.group or person.body

    def _last_person_before(self, pos: int) -> PersonProposal | None:
        return self._person_starts.before(pos)

    def _last_group_before(self, pos: int) -> GroupProposal | None:
        return self._group_starts.before(pos)

    def _statement_at(self, pos: int) -> StatementProposal | None:
        return self._statement_index.at(pos, pos + 1)

    # -- dates -----------------------------------------------------------------------------------

    def _dates(self) -> list[DateProposal]:
        text, published = self.text, self.published
        mentions: list[tuple[int, int, ResolvedDate]] = []
        taken = Taken(len(text))
        if self.dateline:
            taken.add(*self.dateline.span())
            if self.dateline.group("date"):
                resolved = resolve_date(self.dateline.group("date"), published)
                if resolved and resolved.start != published:
                    self.warnings.append(
                        f"the dateline says {self.dateline.group('date')} but the publication date is {published.isoformat()}"  # noqa: E501
                    )
        for kind, pattern in _DATE_PATTERNS:
            for match in pattern.finditer(text, self.doc.start):
                start, end = match.span()
                if kind == "month":
                    start = match.start("mon")
                elif kind == "year":
                    start = match.start("y")
                if taken.overlaps(start, end):
                    continue
                resolved = _resolve(kind, match, published)
                if resolved is None:
                    continue
                if resolved.start > published + datetime.timedelta(days=2):
                    self.warnings.append(f"{match.group()!r} resolves to {resolved.start}, after the publication date")
                mentions.append((start, end, resolved))
                taken.add(start, end)
        mentions.sort()
        items: dict[tuple, DateProposal] = {}
        for start, end, resolved in mentions:
            before = text[max(self.doc.start, start - 40) : start]
            if _STATEMENT_DATE.search(before):
                role = "statement"
            elif self.doc.is_background(start) or resolved.precision in ("month", "year") and resolved.end < published:
                role = "earlier"
            else:
                role = "other"
            key = (resolved.start, resolved.end, resolved.precision)
            item = items.get(key)
            if item is None:
                item = items[key] = DateProposal(
                    text=text[start:end],
                    spans=[],
                    start=resolved.start.isoformat(),
                    end=resolved.end.isoformat(),
                    precision=resolved.precision,
                    role=role,
                    part=resolved.part,
                )
            elif item.role == "statement" and role != "statement" or item.role == "earlier" and role == "other":
                item.role = role
            item.spans.append(_span(start, end))
            item.part = item.part or resolved.part
        dates = sorted(items.values(), key=lambda d: d.spans[0][0])
        incident = next((d for d in dates if d.role == "other" and d.precision in ("day", "days", "week")), None)
        incident = incident or next((d for d in dates if d.role == "other"), None)
        if incident:
            incident.role = "incident"
            for other in dates:
                if other.role == "other" and other.end < incident.start:
                    other.role = "earlier"
        self._attach_time(incident)
        return dates

    def _attach_time(self, incident: DateProposal | None):
        times = []
        for match in _TIME.finditer(self.text, self.doc.start):
            resolved = _time_from(match)
            if resolved is None or self.doc.is_background(match.start()):
                continue
            start = match.start("approx") if match.group("approx") else match.start()
            times.append((match, resolved, start))
        if not times:
            return
        # A time stated in GMT beats the same moment given in local time ("9 a.m. (0600 GMT)").
        match, resolved, start = next((t for t in times if not t[1].note), times[0])
        local = next((t for t in times if t[1].note and 0 <= match.start() - t[0].end() <= 3), None)
        if local is not None and local[1].approximate:
            resolved = ResolvedTime(resolved.utc, True, resolved.day_offset, resolved.note)
            start = local[2]
        if incident is None:
            self.warnings.append(f"a time ({_clean(match.group())}) but no incident date")
            return
        incident.time_utc = resolved.utc.strftime("%H:%M")
        incident.time_approximate = resolved.approximate
        incident.time_text = _clean(self.text[start : match.end()])
        incident.time_spans = [_span(start, start + len(self.text[start : match.end()].rstrip()))]
        incident.time_note = resolved.note
        if resolved.day_offset:
            incident.time_note += "; in UTC it is the day before"

    # -- casualties ------------------------------------------------------------------------------

    def _claims(self) -> list[ClaimProposal]:
        claims: list[ClaimProposal] = []
        for sentence in self.doc.sentences:
            s_text = self.doc.sentence_text(sentence)
            used: list[tuple[int, int]] = []
            found: list[_AdditiveClaim] = []
            for kind, pattern in _CLAIM_PATTERNS:
                if not _CLAIM_NEEDS[kind].search(s_text):
                    continue
                for match in pattern.finditer(s_text):
                    num_span = match.span("num") if kind != "none" else match.span()
                    if any(s < num_span[1] and num_span[0] < e for s, e in used):
                        continue
                    if self._in_including_clause(s_text, num_span[0], used):
                        continue
                    claim = self._claim_from(kind, match, sentence, s_text)
                    if claim is None:
                        continue
                    used.append(num_span)
                    found.append(claim)
            found.sort(key=lambda c: c.claim.spans[0][0])
            for index, wrapped in enumerate(found):
                if wrapped.inherits and index and wrapped.claim.category == "all":
                    # "Three soldiers were killed and at least 34 were injured": the second figure counts
                    # the same people as the first.
                    wrapped.claim.category = found[index - 1].claim.category
                    wrapped.claim.group = found[index - 1].claim.group
                self._add_claim(claims, wrapped)
            if (match := _CONFIRMED_TOLL.match(s_text)) and claims:
                claims[-1].confirmed_by.append(_clean(match.group("who")))
                claims[-1].spans.append(_span(sentence.start, sentence.end))
        return claims

    def _in_including_clause(self, s_text: str, pos: int, used) -> bool:
        """ "killed four people, including a commander": the commander is one of the four, not a new figure."""
        cut = s_text.rfind("including", 0, pos)
        if cut < 0 or not any(e <= cut for _, e in used):
            return False
        return not re.search(r"\b(?:kill|wound|injur|hurt|dead|died)\w*|[;:]", s_text[cut:pos], re.IGNORECASE)

    def _claim_from(self, kind: str, m: re.Match, sentence: _Sentence, s_text: str) -> "_AdditiveClaim | None":
        base = sentence.start
        groups = m.groupdict()
        noun = groups.get("noun") or ""
        mods = groups.get("mods") or ""
        span = (base + m.start(), base + len(m.group().rstrip()) + m.start())
        if kind == "none":
            noun_l = re.sub(r"\s+", " ", noun.lower())
            outcome_word = (groups.get("outcome") or "").lower()
            if not (noun_l.endswith(("casualties", "injuries", "deaths", "fatalities")) or outcome_word):
                return None
            outcome = {"injuries": "injured", "deaths": "killed", "fatalities": "killed"}.get(noun_l.split(" ")[-1])
            outcome = outcome or {"killed": "killed", "wounded": "injured", "injured": "injured"}.get(
                outcome_word, "harmed"
            )
            category = self._category(noun, m.group()) if noun_l != "casualties" else "all"
            count = Count(0, 0)
        else:
            count = parse_number(groups["num"])
            if count is None or self._is_not_casualty(s_text, m):
                return None
            if kind == "toll":
                outcome = self._outcome(groups.get("which") or "killed")
            elif kind in ("passive", "bare"):
                outcome = self._outcome(groups["outcome"])
            elif kind == "subset":
                outcome = self._outcome(groups["set"])
            elif groups["verb"].lower() == "left":
                if not groups.get("left"):
                    return None
                outcome = self._outcome(groups["left"])
            else:
                outcome = "injured" if re.match(r"wound|injur|hurt", groups["verb"], re.IGNORECASE) else "killed"
            if not noun and groups["num"].lower().strip() in ("a", "an", "both", "another", "no"):
                return None
            if groups["num"].lower().strip() in ("a", "an") and re.match(
                r"(?:number|lot|series|group|couple) of", mods
            ):
                return None
            category = self._category(noun, mods) if noun else "all"
        if outcome == "injured" and re.match(r"hurt", groups.get("outcome") or "", re.IGNORECASE) and count.max == 0:
            outcome = "harmed"
        claim = ClaimProposal(
            text=self.text[span[0] : span[1]],
            spans=[_span(*span)],
            outcome=outcome,
            category=category,
            min=count.min,
            max=count.max,
            approximate=count.approximate,
        )
        claim.earlier_event = self.doc.is_background(span[0])
        group = self._group_at(base + m.start(), span[1]) if noun or mods else None
        if group and not _CIVILIANS.search(noun):
            claim.group = group.name
            if category == "all":
                claim.category = "combatants"
        self._claimant(claim, sentence, span[0])
        others = noun.lower() == "others"
        return _AdditiveClaim(claim, count.additive or others, kind == "bare" or others or count.additive)

    def _is_not_casualty(self, s_text: str, m: re.Match) -> bool:
        # "at least 100 times", "2,500 troops in Iraq": counts that are not a toll.
        return bool(re.match(r"\s*times\b", s_text[m.end() :]))

    def _outcome(self, word: str) -> str:
        word = word.lower()
        if re.search(r"kill|dead|died|slain|lost|victims", word):
            return "killed"
        if "harm" in word:
            return "harmed"
        return "injured"

    def _category(self, noun: str, mods: str) -> str:
        phrase = f"{mods} {noun}"
        if _CIVILIANS.search(phrase):
            return "civilians"
        if _SECURITY.search(noun) or re.search(r"\b(?:soldiers?|troops|security)\b", mods, re.IGNORECASE):
            return "security_forces"
        if _COMBATANTS.search(noun) or re.search(r"militia|militant", mods, re.IGNORECASE):
            return "combatants"
        return "all"

    def _claimant(self, claim: ClaimProposal, sentence: _Sentence, pos: int):
        statement = self._statement_at(pos)
        if statement is not None and statement.speaker:
            claim.claimant = statement.body or statement.speaker
            claim.claimant_person = statement.speaker if statement.speaker_is_person else ""
            claim.claimant_spans = [list(s) for s in statement.speaker_spans]
            return
        s_text = self._outside_quotes(sentence)
        for pattern in _CLAIMANT_PATTERNS:
            for match in pattern.finditer(s_text):
                who = _WHO_TRIM.sub("", match.group("who"))
                who = re.sub(r"^(?:and|but|while)\s+", "", who.strip(), flags=re.IGNORECASE)
                if not who or len(who.split()) > 12 or who.lower() in ("it", "they"):
                    continue
                start = (
                    sentence.start + match.start("who") + (len(match.group("who")) - len(match.group("who").lstrip()))
                )
                self._set_claimant(claim, who, start, pos)
                return
        # Wire copy names its source once and lets the next sentences of the paragraph lean on it.
        if source := self._previous_source(pos, paragraphs=0):
            self._set_claimant(claim, *source, pos)

    def _set_claimant(self, claim: ClaimProposal, who: str, start: int, pos: int):
        end = start + len(who)
        claim.claimant_spans = [_span(start, end)]
        lowered = who.lower()
        if lowered in ("he", "she"):
            person = self._last_person_before(pos)
            if person:
                claim.claimant = person.body or person.group or person.name
                claim.claimant_person = person.name
                return
        person = self._person_at(start, end)
        if person:
            claim.claimant, claim.claimant_person = person.body or person.group or person.name, person.name
            return
        claim.claimant = who

    def _outside_quotes(self, sentence: _Sentence) -> str:
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
        blanked = _ASIDE.sub(lambda m: " " * len(m.group()), "".join(chars))
        self._blanked[sentence.start] = blanked
        return blanked

    def _add_claim(self, claims: list[ClaimProposal], wrapped):
        claim, additive = wrapped.claim, wrapped.additive
        if additive:
            previous = next(
                (
                    c
                    for c in reversed(claims)
                    if c.outcome == claim.outcome
                    and (not claim.claimant or not c.claimant or _same_claimant(c.claimant, claim.claimant))
                ),
                None,
            )
            if previous is not None:
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
        claims.append(claim)

    # -- roles, event type, means --------------------------------------------------------------------

    def _roles(self):
        text = self.text
        for group in self.groups:
            for start, end in group.spans:
                if self.doc.is_background(start):
                    continue
                s_start, s_end = self._sentence_bounds(start)
                # "the facility used by X" names the target, not the perpetrator of the strike.
                before = re.sub(r"\b(used|run|operated|controlled|held) by\b", r"\1 of", text[s_start:start])
                after_start = end
                if aside := re.match(r"\s*,\s*(?:an?|the)\s[^,;]{0,80},", text[end:s_end]):
                    after_start = end + aside.end()
                after = text[after_start:s_end]
                for role, attribution, where, pattern in _ROLE_REGEXES:
                    segment = before if where == "before" else after
                    match = pattern.search(segment)
                    if not match:
                        continue
                    if (
                        role == "target"
                        and where == "before"
                        and _NOT_OUR_ATTACK.search(segment[max(0, match.start() - 80) :])
                    ):
                        continue
                    if where == "before" and self._other_group_between(s_start + match.start(), start):
                        continue
                    if role == "perpetrator" and where == "after" and _DEFENSIVE.match(after):
                        break
                    origin = s_start if where == "before" else after_start
                    cue = _clean(text[origin + match.start() : origin + match.end()].strip(" '’"))
                    if not any(r.role == role and r.attribution == attribution for r in group.roles):
                        group.roles.append(
                            GroupRole(role, attribution, cue, [_span(origin + match.start(), origin + match.end())])
                        )
                    break

    def _other_group_between(self, start: int, end: int) -> bool:
        return self._group_spans.within(start, end)

    def _event_type(self) -> EventTypeProposal | None:
        for sentence in self.doc.sentences:
            s_text = self.doc.sentence_text(sentence)
            hits = []
            for event_type, sub_event_type, pattern in _EVENT_REGEXES:
                for match in pattern.finditer(s_text):
                    absolute = sentence.start + match.start()
                    if self.doc.is_background(absolute) or self.doc.in_quote(absolute):
                        continue
                    hits.append((match.start(), event_type, sub_event_type, match))
                    break
            if not hits:
                continue
            _, event_type, sub_event_type, match = min(hits, key=lambda h: h[0])
            if sub_event_type == "air_drone_strike" and not re.search(
                r"air|drone|jet|aircraft|warplane|bomb", match.group(), re.IGNORECASE
            ):
                rockets = next((h for h in hits if h[2] == "shelling_missile"), None)
                if rockets and not re.search(r"drone|air ?strike|airstrike|warplane|jet", s_text, re.IGNORECASE):
                    _, event_type, sub_event_type, match = rockets
            start = sentence.start + match.start()
            perpetrator = next((g.name for g in self.groups for r in g.roles if r.role == "perpetrator"), "")
            target = next(
                (g.name for g in self.groups for r in g.roles if r.role == "target" and g.name != perpetrator), ""
            )
            return EventTypeProposal(
                event_type=event_type,
                sub_event_type=sub_event_type,
                text=match.group(),
                spans=[_span(start, start + len(match.group()))],
                perpetrator=perpetrator,
                target=target,
            )
        return None

    def _means(self) -> list[MeansProposal]:
        found: dict[str, MeansProposal] = {}
        for means, pattern in _MEANS_REGEXES:
            for match in pattern.finditer(self.text, self.doc.start):
                if self.doc.is_background(match.start()):
                    continue
                if means == "air_strike" and _DRONE_STRIKE.search(self.text[max(0, match.start() - 8) : match.end()]):
                    continue
                item = found.setdefault(means, MeansProposal(means=means, text=match.group(), spans=[]))
                item.spans.append(_span(*match.span()))
        return sorted(found.values(), key=lambda m: m.spans[0][0])


@dataclass
class _AdditiveClaim:
    claim: ClaimProposal
    additive: bool
    inherits: bool = False


def _same_claimant(a: str, b: str) -> bool:
    a_key, b_key = (
        normalise_name(re.sub(r"^the\s+", "", a, flags=re.I)),
        normalise_name(re.sub(r"^the\s+", "", b, flags=re.I)),
    )
    return a_key == b_key or a_key in b_key or b_key in a_key


def _scan_range(extraction: _Extraction, start: int, end: int) -> list[_Match]:
    doc = extraction.doc
    # Words neither overlap nor nest: their starts and ends both rise.
    first = bisect.bisect_left(doc.word_starts, start)
    last = bisect.bisect_right(doc.word_ends, end)
    if last <= first:
        return []
    sub = _Doc.__new__(_Doc)
    sub.text, sub.start = doc.text, doc.start
    sub.words = doc.words[first:last]
    return _scan(sub, extraction.lexicon, [matching_key(doc.text[s:e]) for s, e in sub.words])
