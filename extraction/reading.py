"""One report being read: its text, document and lexicon, what the finders have found so far, and the
look-ups a later finder asks of what an earlier one found ("which person is named here?", "the last
group named before this").
"""

import datetime
import re

from extraction.document import Document
from extraction.header import Header
from extraction.lexicon import Lexicon
from extraction.proposal import GroupProposal, PersonProposal, StatementProposal
from extraction.sources import Sources
from extraction.spans import LastBefore, Owners, Spans

_THE_ATTACK = re.compile(r"(?:The|That)\s+(?:attack|bombing|blast|explosion|assault|ambush)\b")
_SAME_DAY = re.compile(r"\b(?:on\s+)?(?:the\s+same\s+day|that\s+(?:same\s+)?day)\b", re.IGNORECASE)


class Reading:
    def __init__(self, text: str, lexicon: Lexicon, published: datetime.date, header: Header):
        self.text = text
        self.lexicon = lexicon.as_of(published.year)  # names as they stood when the report was published
        self.published = published
        self.header = header
        self.doc = Document(text, header.body_offset)
        self.sources = Sources(self.doc)
        self.warnings: list[str] = []
        self.outlet = header.outlet
        self.dateline: re.Match | None = None
        # None until the people are found: the roles read while finding them name no one's mention.
        self.people: list[PersonProposal] | None = None
        # People's mentions by their first three characters (extraction.posts.mentions_in), made once.
        self.mention_index: dict[str, list[tuple[int, str]]] | None = None

    def set_people(self, people: list[PersonProposal]):
        self.people = people
        self._person_index = Owners(len(self.text), people)
        # "he" outside a quotation is never someone only named inside one ("the fall of the Assad regime").
        quoted = self.doc.quoted()
        self._person_starts = LastBefore(people, keep=lambda start: not quoted[start])

    def set_groups(self, groups: list[GroupProposal]):
        self.groups = groups
        self._group_index = Owners(len(self.text), groups)
        self._group_starts = LastBefore(groups)
        self._group_spans = Spans(tuple(s) for g in groups for s in g.spans)

    def set_dates(self, dates: list) -> None:
        """Where the dates were found: a sentence dated before the incident tells of an earlier event."""
        # Dates in a background clause ("raising the toll since January") date the clause, not the sentence; a
        # date that opens the clause itself ("wounded in a raid last month") dates the sentence.
        earlier = [tuple(s) for d in dates if d.role == "earlier" for s in d.spans]
        self._any_earlier_dates = Spans(earlier)
        self._earlier_dates = Spans(s for s in earlier if self.doc.background_start(s[0]) in (None, s[0]))
        self._incident_dates = Spans(tuple(s) for d in dates if d.role == "incident" for s in d.spans)
        self._last_date = LastBefore(dates)

    def dated_earlier(self, pos: int) -> bool:
        """Whether the sentence at `pos` gives an earlier date and not the incident's ("On April 25,
        another fighter was killed"), takes one from the sentence before ("on the same day", "The attack")."""
        sentence = self.doc.sentence_at(pos)
        if sentence is None:
            return False
        if self._incident_dates.within(sentence.start, sentence.end):
            return False
        if self._earlier_dates.within(sentence.start, sentence.end):
            return True
        # "Sepah News reported on the same day that two members had died": the day of the last date named.
        if _SAME_DAY.search(self.text, sentence.start, sentence.end):
            last = self._last_date.before(sentence.start)
            return last is not None and last.role == "earlier"
        # "... on the heels of a suicide attack on October 1. The attack targeted the capital": that attack still.
        index = self.doc.sentence_index(sentence)
        if _THE_ATTACK.match(self.text, sentence.start) and index > 0:
            previous = self.doc.sentences[index - 1]
            return self._any_earlier_dates.within(previous.start, previous.end) and not self._incident_dates.within(
                previous.start, previous.end
            )
        return False

    def set_statements(self, statements: list[StatementProposal]):
        self.statements = statements
        self._statement_index = Owners(len(self.text), statements)

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        sentence = self.doc.sentence_at(pos)
        return (sentence.start, sentence.end) if sentence else (pos, pos)

    def group_kind(self, group: GroupProposal) -> str:
        """The group's kind (a GroupKind value): the lexicon's for a known group, the proposal's for a new one."""
        return self.lexicon.group_kinds.get(group.id, "") if group.id is not None else group.kind

    def group_at(self, start: int, end: int) -> GroupProposal | None:
        return self._group_index.at(start, end)

    def person_at(self, start: int, end: int) -> PersonProposal | None:
        return self._person_index.at(start, end)

    def statement_at(self, pos: int) -> StatementProposal | None:
        return self._statement_index.at(pos, pos + 1)

    def last_person_before(self, pos: int) -> PersonProposal | None:
        return self._person_starts.before(pos)

    def last_group_before(self, pos: int, armed_group: bool = False) -> GroupProposal | None:
        """The group named last before `pos`; with `armed_group`, the last that is not a state's forces
        (what "the group", "the militia" refer to)."""
        if not armed_group:
            return self._group_starts.before(pos)
        mentions = [
            (start, group)
            for group in self.groups
            if self.group_kind(group) != "state_force"
            for start, _ in group.spans
            if start < pos
        ]
        return max(mentions, key=lambda mention: mention[0])[1] if mentions else None

    def group_named_within(self, start: int, end: int) -> bool:
        return self._group_spans.within(start, end)
