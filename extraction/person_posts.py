"""The post of each person a report names: the role the words around the name give ("X, a senior ISIS
leader", "spokesman for the Interior Ministry", "identified the dead as A and B"), its kind (posts.role_kind),
and the group or body it is for."""

import re

from extraction.matching import Match, scan_range
from extraction.posts import (
    APPOSITIVE,
    NAME_ROLE,
    OF_TITLE,
    OF_UNIT,
    PRE_ROLE,
    PRONOUN_ROLE,
    ROLE_BEFORE_COMMA,
    ROLE_NOUN,
    RULER_OF,
    TITLE_WORDS,
    TOPPLED_BEFORE,
    WHO_ROLE,
    body_of,
    is_title,
    role_kind,
)
from extraction.proposal import PersonProposal
from extraction.reading import Reading
from extraction.words import clean

# "identified the dead as Saeed Abyar, Panah Taghizadeh and Mohammad Amin Samadi": every name of the list.
# "The other dead were A, B and C", "Three of the dead were women, A, B and C": the victims by name.
LISTED_AS = re.compile(
    r"(?:\b(?:identified|named)\b[^.;:“”\"]{0,60}?\bas\s+(?:(?:the\s+)?martyrs?\s+)?"
    r"|\b(?:dead|victims?|wounded|injured)\s+(?:were|are|was|is|included)\s+"
    r"(?:(?:women|men|children|civilians)\s*,\s*)?)(?:(?:[A-Z][\w'’]*|al|el|bin|ibn)(?:-|,\s+|\s+and\s+|\s+))*$"
)

_SUBJECT_NOUN = re.compile(r"\b(?:soldier|fighter|member|officer|militant)s?(?=,?\s+(?:was\s+|were\s+)?$)", re.I)


class PostReader:
    """Reads the posts of the people found in one report."""

    def __init__(self, reading: Reading):
        self.reading = reading
        self.text = reading.text
        self.doc = reading.doc
        self.lexicon = reading.lexicon
        self.matches: list[Match] = []

    def person_role(self, item: PersonProposal):
        """The role, its kind, and the group or body of a person, from the first mention that gives one."""
        text = self.text
        for start, end in item.spans:
            role = ""
            sentence_end = self.reading.sentence_bounds(start)[1]
            after = text[end:sentence_end]
            before = self._before_titles(start)
            if (
                (match := APPOSITIVE.match(after))
                or (match := WHO_ROLE.match(after))
                or (match := NAME_ROLE.match(after))
                or (match := PRONOUN_ROLE.search(after[:160]))
            ):
                role, role_start = match.group("role"), end + match.start("role")
            elif match := OF_TITLE.search(self.text, max(self.doc.start, start - 80), start):
                role, role_start = match.group("role"), match.start("role")
            elif match := PRE_ROLE.search(before):
                role = match.group("role")
                role_start = self.text.rfind(role, max(self.doc.start, start - 80), start)
            elif match := ROLE_BEFORE_COMMA.search(self.role_before(start)):
                role = match.group("role") or match.group("bare")
                role_start = self.text.rfind(role, max(self.doc.start, start - 180), start)
            if not role:
                continue
            # "The observatory's director, X": the owner named before the role is part of it.
            if owner := re.search(r"\b[A-Za-z][\w-]*['’]s\s+$", text[max(0, role_start - 40) : role_start]):
                role, role_start = owner.group() + role, owner.start() + max(0, role_start - 40)
            one_of_them = re.match(r"(?:an?\s+(?:\w+\s+)?(?:senior|top|prominent|field|local)|one\s+of)\s", role, re.I)
            role = re.sub(r"^(?:a|an|the)\s+", "", clean(role), flags=re.IGNORECASE)
            role = re.sub(r"^(?:led|headed|founded)\b.*\bby$", "leader", role)  # "the movement led by X": its leader
            item.role = role
            item.role_kind = role_kind(role)
            # "CENTCOM head Gen. X": an officer heading a force commands it; "a senior ISIS leader", "one of its
            # leaders": one of those who command a group, not the one at its head.
            if item.role_kind == "leader" and (one_of_them or role_kind(item.title) == "commander"):
                item.role_kind = "commander"
            group = self._group_in(role_start, role_start + len(role) + 4)
            if group:
                item.group = group
                if re.search(r"advis[eo]r|aide", role, re.IGNORECASE):
                    item.role_kind = "member"  # an IRGC "adviser" is one of its officers, not a state's official
            else:
                item.body = body_of(self.reading, role)
            break
        if not item.role and (unit := OF_UNIT.match(text, item.spans[0][1])):
            group = self._group_in(unit.start("role"), unit.end("role"))
            if group or role_kind(unit.group("role")) not in ("", "other"):
                item.role, item.group = unit.group("role"), group
                item.role_kind = "member" if group else role_kind(item.role)
        first = item.spans[0][0]
        # "identified the two members as A and B": each takes the noun the list was named by.
        listed = None if item.role else LISTED_AS.search(text, max(self.doc.start, first - 200), first)
        # "The soldier, identified as Ali Demir", "The soldier was identified as X": the subject's noun counts too.
        before = text[max(0, listed.start() - 25) : listed.start()] if listed else ""
        noun = listed and (re.search(rf"\b(?:{ROLE_NOUN})s?\b", listed.group(), re.I) or _SUBJECT_NOUN.search(before))
        if noun:
            item.role = noun.group().rstrip("s")
            item.role_kind = role_kind(item.role)
        elif listed and (group := self._group_that_identified(listed.start())):
            item.group, item.role_kind = group.entry.name, "member"  # "The IRGC identified the dead as A, B"
        if not item.role and item.title:
            item.role = item.title
            item.role_kind = role_kind(item.title)
            item.body = body_of(self.reading, item.title)
        if not item.role_kind and any(RULER_OF.match(text, end) for _, end in item.spans):
            item.role_kind = "official"  # "the Bashar al-Assad regime": who heads a state
        toppled = TOPPLED_BEFORE.search(text, max(0, first - 80), first)
        if toppled and item.role_kind in ("", "leader") and not item.group:
            item.role_kind = "official"  # "the toppling of former leader Bashar al-Assad": a state's ruler
        known = self.lexicon.posts_known.get(item.id) if item.matched else None
        # "Bashar al-Assad": an official; "Shiite cleric Moqtada al-Sadr" leads the Sadrist movement, whatever else;
        # "Syria's leader Ahmed al-Sharaa", a head of state, holds an office.
        post = known.post_on(self.reading.published) if known else None
        if post and (item.role_kind in ("", "other") or item.role_kind == "leader" and post.role_kind == "official"):
            item.role_kind, item.group = post.role_kind, item.group or post.group
        # A witness, a relative, a resident: someone the report names and gives no post.
        item.role_kind = item.role_kind or "other"

    def _group_that_identified(self, pos: int):
        """The armed group or state force that names the dead at `pos`: the subject before it, or the source
        "it" stands for ("It later identified the people killed as")."""
        head = self.text[self.reading.sentence_bounds(pos)[0] : pos]
        subject = re.search(r"(?:^|[,;]\s*)(?P<who>[^,;]{1,80}?)\s+(?:\w+ly\s+|later\s+|also\s+)?$", head)
        if subject is None:
            return None
        who, at = subject.group("who"), pos - len(head) + subject.start("who")
        if who.lower() in ("it", "they") and (source := self.reading.sources.previous_source(pos)):
            who, at = source
        return next(
            (
                c
                for m in self.matches
                if at <= m.start and m.end <= at + len(who)
                for c in m.candidates
                if c.tag == "group"
            ),
            None,
        )

    def shared_titles(self, people: dict[str, PersonProposal]):
        """ "Soldiers Necdet Calis and Emrah Gunduz": the second name takes the plural title of the first."""
        ends = {e: p for p in people.values() for _, e in p.spans}
        for item in people.values():
            joined = re.search(r"\s+and\s+$", self.text[max(0, item.spans[0][0] - 6) : item.spans[0][0]])
            first = ends.get(item.spans[0][0] - len(joined.group())) if joined and item.role_kind == "other" else None
            if first is not None and first.title.endswith("s") and not item.role:
                item.title, item.role, item.role_kind = first.title, first.role, first.role_kind

    def _before_titles(self, start: int, size: int = 60) -> str:
        """The `size` characters before a name, less the titles just before it ("Colonel", "Brigadier General")."""
        before = self.text[max(self.doc.start, start - size - 20) : start]
        while match := re.search(r"([A-Z][a-z]*\.?)\s+$", before):
            if match.group(1).lower().rstrip(".") not in TITLE_WORDS or match.group(1).lower() in ("pentagon",):
                break
            before = before[: match.start()]
        return before[-size:]

    def role_before(self, start: int) -> str:
        """The sentence's words before a name, less its titles: "Court spokesman, judge" gives "Court spokesman, "."""
        sentence_start = max(self.reading.sentence_bounds(start)[0], start - 180)
        before = self._before_titles(start, 180)
        before = before[max(0, len(before) - (start - sentence_start)) :]
        while (word := re.search(r",\s*(?:\S+\s+)*?([^\s,]+)\s+$", before)) and is_title(word.group(1)):
            before = before[: word.start(1)]
        return before

    def _group_in(self, start: int, end: int) -> str:
        """The last group the role names: "leader of U.S.-designated Harakat al-Nujaba" is Nujaba's."""
        groups = [
            next(c.entry.name for c in m.candidates if c.tag == "group")
            for m in scan_range(self.doc, self.lexicon, start, end)
            if any(c.tag == "group" for c in m.candidates)
        ]
        return groups[-1] if groups else ""
