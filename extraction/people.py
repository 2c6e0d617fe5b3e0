"""People named in a report: known ones from the lexicon, and capitalised names a title or the words
around them mark as a person's ("said", "commander"); their titles, roles, the group or body they
act for, and every later mention of their surname.
"""

import bisect
import re
from collections.abc import Iterable

from extraction.groups import GROUP_HEAD, GROUP_SUFFIX
from extraction.matching import PLACE_NOUN_AFTER, Match
from extraction.person_posts import LISTED_AS, PostReader
from extraction.posts import (
    APPOSITIVE,
    PRE_ROLE,
    ROLE_BEFORE_COMMA,
    ROLE_NOUN,
    WHO_ROLE,
    is_title,
)
from extraction.proposal import PersonProposal
from extraction.reading import Reading
from extraction.spans import Spans, Taken
from extraction.words import (
    BUILDING_AFTER,
    GIVEN_NAMES,
    NOT_NAMES,
    ORGANISATION_WORDS,
    SAY_VERB,
    SITE_WORDS,
    clean,
    span_list,
)
from incidents.text import normalise_name

# Latin letters with their accents too: "Nazım Daştan", "Şêx Îsa".
_UPPER, _LOWER = "A-ZÀ-ÖØ-ÞĀ-Ž", "a-zß-öø-ÿā-ž'’"
_WORD = rf"[{_UPPER}][{_LOWER}]+"
_CAP_WORD = rf"(?:{_WORD}(?:-[{_UPPER}]?[{_LOWER}]+)*|(?:al|el|ad|an|ar|as|ash|at|az|Al|El)-{_WORD})"
# "Saeed (Saeid) Abyar": another spelling in brackets inside a name is set aside with the brackets.
_NAME_SEQ = re.compile(
    rf"{_CAP_WORD}(?:\s+\({_CAP_WORD}\))?(?:\s+(?:(?:al|el|bin|ibn|bint|abu|Abu|Umm|de|van|von|Al|Bin)\s+)?{_CAP_WORD})+"
)
_SAYS_AFTER = rf"^\s*(?:,[^,.]{{0,100}})?,?\s*(?:{SAY_VERB})\b"
_PERSON_CONTEXT_AFTER = re.compile(
    _SAYS_AFTER +
    # "Kamran Othman from the US-based Community Peacemaker Teams group ..., confirmed": who speaks for a body.
    rf"|^\s+(?:of|from|with)\s+(?:the\s+)?[^.;“”\"]{{0,120}}?,\s*(?:{SAY_VERB})\b"
    # What befalls a person: "Mohammed Reza Zahedi was among those killed", "... was assassinated".
    r"|^(?:\s+and\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})?\s+(?:was|were|has\s+been|had\s+been)\s+[“\"]?"
    r"(?:among\s+(?:those|the)\s+)?(?:killed|martyred|assassinated|wounded|injured|arrested|detained|kidnapped|"
    r"abducted|dead|toppled|ousted|overthrown|deposed)\b|^\s+(?:died|succumbed)\b"
    # An age set off after the name: "Ali Jamil, 44, succumbed".
    r"|^,\s*\d{1,3},|^\s*\(\d{1,3}(?:\s+years?\s+old)?\)"
    # Whom a state's rule is named after: "Bashar al-Assad regime", "the Sudani government".
    r"|^(?:['’]s)?\s+(?:\w+\s+){0,2}?(?:regime|government|administration)\b"
    # A credit: "X contributed to this report", "[X/Getty]", "X / dpa / TASS".
    r"|^\s+contributed\s+to\s+(?:this|the)\s+report|^\s*/\s*(?:AP|AFP|Reuters|dpa|Getty|Anadolu|AA)\b"
    # A code name or a byname set off after the name: "Ömer Fırat, code-named "Andok Tolhildan"".
    r"|^\s*,\s*(?:code-?named|codenamed|nicknamed|(?:also\s+|better\s+)?known\s+as)\b"
)
# "Talib al-Saedi, also known as Abu Taqwa": the byname is the same person.
_ONE_NAME_TITLE = re.compile(r"^(?:President|Rep\.|Sen\.|Senator|King|Mr\.|Mrs\.|Ms\.)$")
_AT_PLACE = re.compile(r"\b(?:in|to|at|from)\s+$")
_KNOWN_AS = re.compile(r"\b(?:also\s+)?(?:known|referred\s+to)\s+as\s+$|\b(?:nicknamed|aka|a\.k\.a\.)\s+$")
_PERSON_CONTEXT_BEFORE = re.compile(
    rf"\b(?:{SAY_VERB}|according to|targeted|targeting|killed|killing|named|identified as|assassinated|"
    rf"arrested|detained|including|ruler|(?:{ROLE_NOUN})|\d{{1,3}}-year-old|publisher|editor|child|girl|boy"
    rf"|(?:his|her|their)\s+(?:wife|husband|son|daughter|brother|sister|father|mother|cousin|uncle),?"
    # "civilian Hıdır Şahin", "police officers A and B", "specialist sergeant X": a person's noun before the name.
    rf"|civilians?|sergeants?|soldiers?|officers?|comrades?"
    # "told Rudaw's Hardi Mohammed", "said Al Jazeera's Resul Serdar": an outlet's reporter.
    rf"|(?:{SAY_VERB})\s+(?:[\w-]+\s+){{0,2}}[\w-]+['’]s"
    # A credit: "(Reporting by X; Editing by Y and Z)", "(Photo: X/ AP)", "Photo by X / AFP".
    rf"|(?:reporting|writing|editing|photo|photograph)\s+by(?:\s+[^;()\n]{{2,40}}?\s+and)?|\(photo:)\s+$",
    re.IGNORECASE,
)

# Gen. Michael "Erik" Kurilla: a byname of a word or two between given name and surname.
_NICKNAMED = re.compile(
    rf"(?P<first>{_CAP_WORD}(?:\s+{_CAP_WORD}){{1,3}})\s+[“\"](?P<nick>[^”\"\n]{{2,30}})[”\"]\s+"
    rf"(?P<last>(?:al|el|Al|El)-[A-Z][a-z'’]+)"
    rf"|(?P<first2>{_CAP_WORD})\s+[“\"](?P<nick2>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)[”\"]\s+(?P<last2>{_CAP_WORD})\b"
)
_POSSESSIVE_WORD = re.compile(r"[A-Za-z-]+['’]s(?=\s|$)")


def _without_possessor(text: str, start: int, end: int) -> tuple[int, int]:
    """ "Babil's Jurf al-Nasr": a name does not start with another's possessive, nor end with its own."""
    span = text[start:end]
    for word in _POSSESSIVE_WORD.finditer(span):
        if word.end() < len(span):
            start = start + word.end() + 1
            return _without_possessor(text, start, end) if start < end else (start, end)
    trimmed = re.sub(r"['’]s?$", "", span)
    return start, start + len(trimmed)


# "the village of", "the town of" before a surname: the place, not the person.
_PLACE_NOUN_OF = r"\b(?:villages?|towns?|city|area|district|sub-?district|region|province|neighbou?rhood)\s+of\s+"
_PLACE_NOUN_BEFORE = re.compile(rf"{_PLACE_NOUN_OF}[“\"]?$", re.IGNORECASE)
# "in the village of Umm Tina", "near Abu Hamam", "Abu Al-Khaseeb district": a name where a place stands.
_WHERE_BEFORE = re.compile(rf"(?:{_PLACE_NOUN_OF}|\b(?:in|near|from)\s+)$", re.IGNORECASE)
# "the sources told Enab Baladi", "told Al-Araby Al-Jadeed": whom a report's source speaks to is an outlet.
_TOLD_BEFORE = re.compile(r"\btold\s+$")
_RUN = re.compile(r"[^\W_]+")
_ARTICLE_BEFORE = re.compile(r"(?:al|el)[-\s]")


def _matches_in_order(pattern: re.Pattern, text: str, starts: list[int]):
    """The matches pattern.finditer would give, trying only the sorted positions where one may begin."""
    after = 0
    for start in starts:
        if start >= after and (match := pattern.match(text, start)):
            yield match
            after = match.end()


def _given(words: list[str]) -> list[str]:
    """The words a name is told apart by before its surname: "Abu Hussein", not "Abu", in a kunya ("Abu Hussein
    al-Qurashi" is not "Abu Hasan al-Hashimi al-Qurashi")."""
    return words[:2] if words[0] in ("abu", "abou", "umm") else words[:1]


def _surname(name: str) -> str:
    last = name.split()[-1] if name.split() else ""
    return re.sub(r"^(?:al|el|ad|an|ar|as|ash|at|az)[-‑]", "", last, flags=re.IGNORECASE)


def find_people(reading: Reading, matches: list[Match]) -> list[PersonProposal]:
    """The people named, in order of their first mention, each with every mention of them."""
    return _PeopleFinder(reading).find(matches)


def _last_named_before(people: Iterable[PersonProposal], start: int) -> PersonProposal:
    return max(people, key=lambda person: max((s for s, _ in person.spans if s < start), default=-1))


class _PeopleFinder:
    def __init__(self, reading: Reading):
        self.reading = reading
        self.text = reading.text
        self.doc = reading.doc
        self.lexicon = reading.lexicon
        self.posts = PostReader(reading)

    def find(self, matches: list[Match]) -> list[PersonProposal]:
        text = self.text
        self.posts.matches = matches
        people: dict[str, PersonProposal] = {}
        self._person_order: dict[str, int] = {}
        self._matched_keys: list[str] = []
        self._person_spans_seen: dict[str, set[tuple[int, int]]] = {}
        # "Abdel Rahman" after "Rami Abdel Rahman": the last two words of a longer name are that person.
        self._tails: dict[str, str] = {}
        blocked = [(m.start, m.end) for m in matches if any(c.tag in ("group",) for c in m.candidates)]
        blocked += [m.span() for p in (GROUP_HEAD, GROUP_SUFFIX) for m in p.finditer(text, self.doc.start)]
        nicknamed = [m for m in _NICKNAMED.finditer(text, self.doc.start) if (m["nick"] or m["nick2"])[0].isupper()]
        blocked += [m.span() for m in nicknamed]
        blocked = Spans(blocked)
        for m in nicknamed:
            # Wissam Mohammed "Abu Bakr" al-Saadi: the name is Wissam Mohammed al-Saadi, known as Abu Bakr.
            name = f"{clean(m['first'] or m['first2'])} {m['last'] or m['last2']}"
            item = self._add_person(people, name, m.start(), m.end(), None, False)
            item.title = item.title or self._strip_title(m.start(), m.end())[2]
        # Lexicon matches do not overlap and come in order: at most one can hold a name.
        places = [m for m in matches if any(c.tag != "person" for c in m.candidates)]
        place_starts = [m.start for m in places]
        named: list[tuple[int, int, PersonProposal]] = []  # the lexicon's people, where the text names them
        for match in matches:
            person = next((c for c in match.candidates if c.tag == "person"), None)
            if person:
                item = self._add_person(people, person.entry.name, match.start, match.end, person.entry.id, True)
                item.title = item.title or self._strip_title(match.start, match.end)[2]
                named.append((match.start, match.end, item))
        for match in _NAME_SEQ.finditer(text, self.doc.start):
            start, end, title = self._strip_title(*_without_possessor(text, match.start(), match.end()))
            owner = end < match.end()  # "Bashar Assad's forces": the name owns what follows
            if start is None or end - start < 3:
                continue
            j = bisect.bisect_left(place_starts, start)
            at = _AT_PLACE.search(text, max(0, start - 6), start)
            if at and j < len(places) and places[j].start == start and len(text[places[j].end : end].split()) >= 2:
                # "the Iranian Ambassador in Damascus Hossein Akbari": the place is where the post is.
                before = text[max(self.doc.start, at.start() - 40) : at.start()].split()
                if not title and before and is_title(before[-1]):
                    title = f"{before[-1]} {text[at.start() : places[j].end]}"
                start = places[j].end + 1
            name = clean(re.sub(r"\s*\([^)]*\)", "", text[start:end]))
            words = name.split()
            # "President Biden", "Rep. Gaetz": a surname alone after a title of its own.
            alone = len(words) == 1 and bool(_ONE_NAME_TITLE.search(title))
            if (len(words) < 2 and not alone) or words[0].lower().rstrip(".") in NOT_NAMES:
                continue
            if words[-1].lower() in ORGANISATION_WORDS | SITE_WORDS or BUILDING_AFTER.match(text, end):
                continue  # "Shafaq News Agency"; "the Imam Ali bin Abi Talib mosque", "Ali Farou Road"
            if len(words) == 2 and words[0] in ("Al", "El"):
                # "Al Jazeera", "Al Mayadeen": a bare article and one word name an outlet, not a person.
                continue
            if any(w.lower().strip(".,") in NOT_NAMES and w[0].isupper() for w in words[1:]):
                continue
            if blocked.overlaps(start, start + len(words[0]) if owner else end):
                continue  # a group's name holds it, unless that name only begins with the owner's surname
            i = bisect.bisect_right(place_starts, start) - 1
            if i >= 0 and end <= places[i].end:
                continue
            if not (title or self._person_evidence(name, start, end)):
                continue
            if not title and (
                _WHERE_BEFORE.search(text, max(0, start - 30), start)
                or PLACE_NOUN_AFTER.match(text, end)
                or _TOLD_BEFORE.search(text, max(0, start - 8), start)
            ):
                continue
            # "President Abu Mohammad Jolani": an alias the lexicon matched there, Ahmed al-Sharaa.
            existing = next((item for s, e, item in named if s < end and start < e), None)
            existing = existing or self._find_person(people, name)
            if existing is None and people and _KNOWN_AS.search(text, max(self.doc.start, start - 30), start):
                existing = _last_named_before(people.values(), start)
            if existing is None and (known := self._known_by_nickname(name)):
                existing = self._add_person(people, known.name, start, end, known.id, True)
            if existing is not None:
                if not any(s <= start and end <= e for s, e in existing.spans):
                    existing.spans.append(span_list(start, end))
                # "Hezbollah Secretary General Hassan Nasrallah": the fuller title the name's run starts with.
                existing.title = title if title.endswith(existing.title) else existing.title
                continue
            item = self._add_person(people, name, start, end, None, False)
            item.title = title
        self._surnames_alone(people)
        for item in people.values():
            self.posts.person_role(item)
        self.posts.shared_titles(people)
        self._surname_mentions(people)
        return sorted(people.values(), key=lambda p: p.spans[0][0])

    def _surnames_alone(self, people: dict[str, PersonProposal]):
        """ "President Assad" where "Bashar al-Assad" is named too: the surname is his mention, not a second person."""
        for key, item in list(people.items()):
            if len(key.split()) > 1:
                continue
            fuller = next((p for k, p in people.items() if k != key and _surname(k) == _surname(key)), None)
            if fuller is not None:
                fuller.spans.extend(item.spans)
                fuller.spans.sort()
                fuller.title = fuller.title or item.title
                del people[key]

    def _add_person(self, people, name, start, end, person_id, matched) -> PersonProposal:
        key = normalise_name(name)
        item = people.get(key)
        if item is None:
            item = PersonProposal(text=self.text[start:end], spans=[], name=name, matched=matched, id=person_id)
            people[key] = item
            self._person_order[key] = len(self._person_order)
            if len(words := key.split()) >= 3:
                self._tails.setdefault(" ".join(words[-2:]), key)
            if matched:
                self._matched_keys.append(key)
        seen = self._person_spans_seen.setdefault(key, set())
        if (start, end) not in seen:
            seen.add((start, end))
            item.spans.append(span_list(start, end))
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
            if existing_key == key or (key.endswith(known[-1]) and _given(words) == _given(known)):
                return people[existing_key]
        if exact is None and key in self._tails:
            return people[self._tails[key]]
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
        words = list(re.finditer(r"\S+", self.text[start:end]))
        for index, word in enumerate(words):
            # "Sulaimani Governor Haval Abubakir", "Syrian Information Minister Hamza Mostafa": a place or body
            # before a title is part of it, when two words are left for the name.
            qualifies = (
                len(title_words) == index
                and len(words) - index - 2 >= 2
                and is_title(words[index + 1].group())
                and word.group()[:1].isupper()
            )
            if is_title(word.group()) or qualifies:
                title_words.append(word.group())
                continue
            begin = start + word.start()
            lookback = self.text[max(self.doc.start, start - 40) : start]
            extra = re.search(
                r"((?:Maj(?:or)?\.?|Brig(?:adier)?\.?|Lt\.?|Lieutenant|Vice|Rear)?\s*"
                r"(?:Gen\.|General|Col\.|Colonel|Capt\.|Captain|Adm\.|Admiral|Sgt\.|Sergeant|Mr\.|Mrs\.|Ms\.|Dr\.|"
                r"Sheikh|Rep\.|Sen\.))\s+$",
                lookback,
            )
            title = " ".join(title_words)
            if extra and not title_words:
                title = extra.group(1).strip()
                # "Duhok Governor Dr. Ali Tatar": the titles before the one the name's run left out.
                head = lookback[: extra.start(1)]
                while (word_before := re.search(r"([A-Z][\w.'’-]*)\s*$", head)) and is_title(word_before.group(1)):
                    title, head = f"{word_before.group(1)} {title}", head[: word_before.start()]
            return begin, end, title
        return None, end, ""

    def _person_evidence(self, name: str, start: int, end: int) -> bool:
        text = self.text
        after = text[end : end + 140]
        before = text[max(self.doc.start, start - 60) : start]
        first = name.split()[0].lower()
        return bool(
            APPOSITIVE.match(after)
            or _PERSON_CONTEXT_AFTER.match(after)
            or _PERSON_CONTEXT_BEFORE.search(before)
            or PRE_ROLE.search(before)
            or ROLE_BEFORE_COMMA.search(self.posts.role_before(start))
            or LISTED_AS.search(text, max(self.doc.start, start - 200), start)
            or WHO_ROLE.match(after)
            or first in ("abu", "umm", "sheikh")
            or first in GIVEN_NAMES
            or (len(name.split()) >= 3 and re.search(r"\b(?:al|el|bin|ibn)\b|\b(?:al|el)-", name))
        )

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
                # Two people of one surname ("Sheikh Mustaf Tamimi", "Adnan Tamimi"): "Tamimi said" is the one
                # named last before it.
                sharing = [p for p in people.values() if _surname(p.name) == surname]
                for start, end in self._mentions_of(surname, runs, taken):
                    # "Tamimi added": of those, the one who spoke last before, if one did.
                    said = [p for p in sharing if self._spoke_before(p, start)] if self._says(end) else []
                    _last_named_before(said or sharing, start).spans.append(span_list(start, end))
            item.spans.sort()

    def _says(self, end: int) -> bool:
        return bool(re.match(_SAYS_AFTER, self.text[end : end + 140]))

    def _spoke_before(self, person: PersonProposal, start: int) -> bool:
        return any(self._says(e) for s, e in person.spans if s < start)

    def _mentions_of(self, surname: str, runs: dict[str, list[int]], taken: Taken) -> list[tuple[int, int]]:
        """The mentions of a surname not taken yet, as a search of the whole text for it would find them."""
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
        mentions = []
        for match in found:
            if taken.holds(match.start()):
                continue
            if _PLACE_NOUN_BEFORE.search(text, max(0, match.start() - 30), match.start()):
                continue  # "Residents of the village of Sikiri" (Bashir Sikiri's): the place his name comes from
            end = match.end() - (2 if match.group().endswith(("'s", "’s")) else 0)
            mentions.append((match.start(), end))
            taken.add(match.start(), end)
        return mentions
