"""Statements in a report: its quotations (a quotation continued in the next sentence or paragraph
joins the one before), who said each and for which group or body, and the stance it takes.
"""

import bisect
import re

from extraction import frames
from extraction.posts import SPEAKS_FOR, body_of
from extraction.proposal import PersonProposal, StatementProposal
from extraction.reading import Reading
from extraction.sources import (
    DATELINE_LEAD,
    ITS_REPORTS,
    STATEMENT_FROM,
    WHO_TRIM,
    describes_a_monitor,
    named_monitor,
)
from extraction.stance import STANCE_ORDER, best_stance, guess_stance, score_stances
from extraction.words import ORGANISATION_WORDS, clean, is_a_name, quote_text, span_list

_SOURCE_PRONOUNS = ("it", "they", "this", "which", "the statement", "the source")
_PRONOUNS = frozenset({"he", "she", "they", "it", "the group", "the militia", "the ministry", "the statement"})


def find_statements(reading: Reading) -> list[StatementProposal]:
    """The quotations of three words or more, with their speakers; the people and groups are found."""
    return _StatementFinder(reading).find()


def _unquoted_name(match: re.Match) -> str:
    """A name in quotation marks, its marks dropped and a comma inside kept ('"Truth Social"', '"The Islamic
    Resistance in Iraq,"'); other quoted words as they are."""
    inner = match.group(1)
    return f" {inner} " if is_a_name(inner) or re.fullmatch(r"[\w'’-]+,?", inner) else match.group()


class _StatementFinder:
    def __init__(self, reading: Reading):
        self.reading = reading
        self.text = reading.text
        self.doc = reading.doc
        self._fuller_names: dict[str, tuple[list[int], list[re.Match]]] = {}

    def find(self) -> list[StatementProposal]:
        text = self.text
        statements: list[StatementProposal] = []
        last_by_paragraph: dict[int, StatementProposal] = {}
        # Quotations joined to the one before: their parts, and the stance scores of the parts so far.
        joined: dict[int, tuple[list[str], dict[str, int], set[str]]] = {}
        for q_start, q_end in self.doc.quotes:
            inner_start, inner_end = q_start + 1, q_end - 1 if text[q_end - 1] in "”“\"’'" else q_end
            quote = quote_text(text[inner_start:inner_end]).rstrip(",")
            if len(quote.split()) < 3 or is_a_name(quote):
                continue  # too short to say anything, or a name in quotation marks ("Islamic Resistance in Iraq")
            sentence = self.doc.sentence_at(q_start)
            if sentence is None:
                continue
            s_start, s_end = sentence.start, sentence.end
            if s_end < q_end:
                s_end = self.reading.sentence_bounds(q_end - 1)[1]
            after = text[q_end:s_end]
            before = text[s_start:q_start]
            who, who_start = self._attribution(after, q_end, before, s_start)
            previous = last_by_paragraph.get(sentence.paragraph) or (
                last_by_paragraph.get(sentence.paragraph - 1)
                if not before.strip() or frames.PRONOUN_SAID.fullmatch(before)
                else None
            )
            # A quotation inside a sentence of the report's own words ("It tied the attack to the
            # "massacres" in Gaza") is a statement of its own, not the last one continued.
            embedded = len(before.split()) >= 3
            if not who and previous is not None and not embedded:
                if id(previous) not in joined:
                    scores, cues = {}, set()
                    score_stances(previous.quote, 2, scores, cues)
                    joined[id(previous)] = ([previous.quote], scores, cues)
                parts, scores, cues = joined[id(previous)]
                if parts[-1][-1:] not in ".!?":
                    parts[-1] = parts[-1].rstrip(",;:") + "."
                parts.append(quote)
                # Each part is scored once: scoring the whole quotation again at each join grows as its square.
                score_stances(quote, 2, scores, cues)
                previous.spans.append(span_list(q_start, q_end))
                previous.stance, previous.stance_cues = self._merge_stance(previous, *best_stance(scores, cues))
                last_by_paragraph[sentence.paragraph] = previous
                continue
            frame = clean(before + " " + after)
            stance, cues = guess_stance(quote, frame)
            item = StatementProposal(
                text=text[q_start:q_end],
                spans=[span_list(q_start, q_end)],
                quote=quote,
                speaker="",
                stance=stance,
                stance_cues=cues,
            )
            # "It connected the attack to ...", or a quotation just after another and '"...," it added': the speaker
            # of the statement before.
            pronoun = re.match(r"(?:it|they|he|she)\b", (who or before).strip(), re.IGNORECASE)
            continued = previous is not None and (
                not who or bool(previous.speaker) and self._next_sentence(previous, sentence)
            )
            if pronoun and continued:
                item.speaker, item.speaker_title, item.body = previous.speaker, previous.speaker_title, previous.body
                item.speaker_is_person = previous.speaker_is_person
            elif who:
                self._resolve_speaker(item, who, who_start, q_start)
            elif not before.strip() and (subject := self._subject_of_sentence_before(sentence)):
                # 'The IRGC threatened to avenge the officer. "The Zionist regime will receive a response."'
                self._resolve_speaker(item, *subject, q_start)
            elif source := self.reading.sources.source_near(q_start):
                # 'The attacks came in two barrages, the IDF said. In the second, two rockets "crossed into Israeli
                # territory"': words quoted with no verb of speech are the source's the sentence names, or else the
                # one named before.
                self._resolve_speaker(item, *source, q_start)
            statements.append(item)
            last_by_paragraph[sentence.paragraph] = item
        for item in statements:
            if id(item) in joined:
                item.quote = " ".join(joined[id(item)][0])
        return statements

    def _subject_of_sentence_before(self, sentence, across_paragraphs=False) -> tuple[str, int] | None:
        """Who the sentence before, in the same paragraph unless asked, has speaking ("The IRGC threatened ..."), if
        anyone."""
        index = self.doc.sentence_index(sentence)
        before = self.doc.sentences[index - 1] if index else None
        if before is None or before.paragraph != sentence.paragraph and not across_paragraphs:
            return None
        match = frames.BEFORE_SUBJECT.match(self.text[before.start : before.end])
        return (WHO_TRIM.sub("", match.group("who")), before.start + match.start("who")) if match else None

    def _next_sentence(self, previous: StatementProposal, sentence) -> bool:
        """The sentence comes right after the one the statement before ends in."""
        last = self.doc.sentence_at(previous.spans[-1][1] - 1)
        return last is not None and self.doc.sentence_index(sentence) == self.doc.sentence_index(last) + 1

    def _merge_stance(self, statement, stance, cues):
        merged_cues = sorted(set(statement.stance_cues) | set(cues))
        frame_stance = statement.stance
        if STANCE_ORDER.index(stance) < STANCE_ORDER.index(frame_stance) and stance not in ("confirms", "describes"):
            return stance, merged_cues
        return frame_stance, merged_cues

    def _attribution(self, after: str, after_start: int, before: str, before_start: int) -> tuple[str, int]:
        if match := frames.WHAT_THEY_SAID.search(before):
            return match.group("who"), before_start + match.start("who")  # 'what defense officials said was "..."'
        for pattern in (
            frames.AFTER_QUOTED,
            frames.AFTER_VERB_FIRST,
            frames.AFTER_ACCORDING,
            frames.AFTER_READ,
            frames.AFTER_WHO_FIRST,
        ):
            if match := pattern.match(after):
                # (Its words begin in lower case: the end of the quoted clause, not a source's name.)
                who_first = pattern is frames.AFTER_WHO_FIRST and match.group("who")[:1].islower()
                cut = match.end("who") if who_first and match.group("who").endswith(",") else 0
                # "told AFP" names whom it was told.
                later = (
                    frames.AFTER_VERB_FIRST.match(after[cut:])
                    if cut and not re.match(r"\s*(?:told|tells)\b", after[cut:])
                    else None
                )
                if later and frames.NAMED_AFTER_VERB.match(later.group("who")):
                    # '"...," the largest coalition base in Syria, said Rami Abdel Rahman': the end of the quoted
                    # clause, then the speaker after the verb.
                    match, after, after_start = later, after[cut:], after_start + cut
                if pattern is frames.AFTER_READ and (
                    it := "it" if match.group("it") else "it_first" if match.group("it_first") else ""
                ):
                    return match.group(it), after_start + match.start(it)  # '..., read the statement'
                who, who_start = WHO_TRIM.sub("", match.group("who")), after_start + match.start("who")
                if re.match(r"(?:and|but|or|then|while)\b", who, re.IGNORECASE):
                    continue
                if lead := frames.STATEMENT_LEAD.match(who):
                    # '"...," according to a statement posted on X by the spokesman': the spokesman.
                    who, who_start = who[lead.end() :], who_start + lead.end()
                if len(who.split()) > 16 and (named := frames.NAME_THEN_DESCRIPTION.match(who)):
                    who = named.group("name")  # '"...," X, a member of CPT, a rights group that ..., said': X
                if re.fullmatch(r"(?:his|her|their)\s+(?:\w+\s+)?(?:statement|remarks|comments|words|post)", who, re.I):
                    continue  # 'X expressed "...", according to his statement': X, named before
                if re.match(frames.PHRASE_OPENING, who) and ", " not in who:
                    continue  # '" at Taji, said spokesman X': a place phrase, the source after the verb
                if re.match(r"(?:had|has|have|was|were|is|are|would|will|could)\b", who):
                    continue  # '"..." had been formed against the government, said Serdar': a clause, not a source
                if re.match(
                    r"(?:\w+ly\s+)?(?:\w+ing|which|who|in|at|on|near|during|from|inside|into|to|for|with|against|"
                    r"across|over|when|as|after|while|despite|amid|before|following|because)\b",
                    who,
                ) and (", " in who):
                    # '"came under fire", resulting in several injuries, the ministry added': the ministry;
                    # '" in the Claw-Lock zone, the ministry said': the ministry too; '" to the city from several
                    # governorates, he said': he.
                    who = who.rsplit(", ", 1)[1]
                if who and len(who.split()) <= 16 and not re.search(r"[“”\"]", re.sub(frames.BYNAME, "", who)):
                    return who, who_start
        if match := frames.BEFORE_QUOTED.search(before):
            return match.group("who"), before_start + match.start("who")
        # 'Trump, in a post on his platform "Truth Social", urged': a name in quotation marks is part of the frame.
        # '"The Islamic Resistance in Iraq," comprising ...': a quoted name, its comma kept.
        before = re.sub(r"[“\"]([A-Z][^“”\"]{0,80}?)[”\"]", _unquoted_name, before)
        if match := frames.BEFORE_SUBJECT.match(before):
            who, who_start = match.group("who"), before_start + match.start("who")
            # "... in what Kataib Sayyid al-Shuhada described as": the speaker follows the last "what".
            # "X, which has a network of sources in Syria, said": an aside; the speaker is before it.
            # "X, a loose alliance of pro-Iran fighters opposed to US support for Israel, claimed": a description.
            # "X, comprising armed Shiite factions, announced": a participle's description too.
            if aside := re.search(
                r",\s+(?:which|who)\s|,\s+(?:an?|the|comprising|consisting\s+of|made\s+up\s+of)\s[^,]{0,160},\s*$", who
            ):
                who = who[: aside.start()]
            elif relative := list(re.finditer(r"\b(?:what|which|whom)\s+", who)):
                who_start += relative[-1].end()
                who = who[relative[-1].end() :]
            # "The terrorists were targeted in the zone, the ministry said": a clause told, then its source.
            if told := re.match(r"[^,]*\b(?:was|were|is|are|been)\s+\w+ed\b[^,]*(?:,[^,]*)*,\s+(?=[^,]+$)", who):
                who, who_start = who[told.end() :], who_start + told.end()
            if lead := DATELINE_LEAD.match(who):
                who, who_start = who[lead.end() :], who_start + lead.end()  # "Shafaq News / A security source"
            who = WHO_TRIM.sub("", who)
            if topic := re.match(r"[^,]{2,60},\s+(?=(?:it|he|she|they)$)", who, re.IGNORECASE):
                who, who_start = who[topic.end() :], who_start + topic.end()  # "The refinery, it says, “...”": it
            # "a video was released by X": a passive's subject is not who speaks.
            # "SANA did not say what ...": no subject that speaks.
            if (
                who
                and len(who.split()) <= 16
                and not re.search(r"\b(?:was|were|been|being|is|are|did\s+not|does\s+not|do\s+not)$", who)
            ):
                return who, who_start
        # "According to an AP reporter at the scene, the strike "obliterated ..."".
        if match := frames.BEFORE_ACCORDING.search(before):
            return WHO_TRIM.sub("", match.group("who")), before_start + match.start("who")
        if match := frames.BEFORE_ADDING.search(before):
            group = "who" if match.group("who") else "who2"
            return match.group(group), before_start + match.start(group)
        # '"One policeman was killed" and others were wounded, said one official': the quotation's clause
        # runs on before its source, which ends the sentence.
        for pattern in (frames.LATER_VERB_FIRST, frames.LATER_WHO_FIRST, frames.LATER_ACCORDING):
            if match := pattern.search(after):
                who = WHO_TRIM.sub("", match.group("who"))
                if who and len(who.split()) <= 12 and not re.match(r"(?:and|but|or|which|who|to)\b", who, re.I):
                    return who, after_start + match.start("who")
        # 'CENTCOM "conducted a precision airstrike"': a name whose verb the quotation opens.
        # '"At 17:05 the enemy launched a strike" in Mazzeh, "killing two," the ministry said': the speaker of the
        # sentence's last quotation.
        if (last := max(after.rfind("”"), after.rfind('"'))) > 0 and not re.search(r"[“\"]", before):
            who, who_start = self._attribution(after[last + 1 :], after_start + last + 1, "", 0)
            if who:
                return who, who_start
        opens_lower = self.text[before_start + len(before) + 1 :][:1].islower()
        if opens_lower and (match := frames.NAME_BEFORE_QUOTE.fullmatch(before)):
            return match.group("who"), before_start + match.start("who")
        return "", -1

    def _resolve_speaker(self, item: StatementProposal, who: str, who_start: int, quote_start: int):
        who_end = who_start + len(who)
        item.speaker_spans = [span_list(who_start, who_end)]
        lowered = who.lower().strip()
        # "it", "the source", "the same source": the source named before.
        refers_back = lowered in _SOURCE_PRONOUNS or ITS_REPORTS.fullmatch(lowered)
        source = self.reading.sources.previous_source(quote_start) if refers_back else None
        if lowered == "the statement":
            # Its issuer, named paragraphs before ("According to the statement, ... It was noted that ...").
            sources = self.reading.sources
            source = sources.behind_statement(source) if source else sources.issuer_before(quote_start)
        # "the source" is one source: not "Some sources" named before.
        if source and not (lowered == "the source" and re.search(r"\b(?:sources|officials)$", source[0], re.I)):
            who, who_start = source
            who_end = who_start + len(who)
            lowered = who.lower()
        if antecedent := self._antecedent(who.strip(), who_start):
            who, who_start = antecedent
            who_end = who_start + len(who)
            item.speaker_spans.append(span_list(who_start, who_end))
            lowered = who.lower()
        if lowered in ("he", "she") and (described := self._described_person_before(quote_start)):
            who, who_start = described
            who_end, lowered = who_start + len(who), who.lower()
            item.speaker_spans.append(span_list(who_start, who_end))
        ministry = re.fullmatch(r"(?:the|a)\s+ministry(?:['’]s)?(?:\s+statement)?", lowered)
        if ministry and (ministries := list(frames.MINISTRY.finditer(self.text, self.doc.start, who_start))):
            # "..., the ministry added", "a ministry statement said": the ministry named before ("the interior
            # ministry said"), not a group.
            item.speaker = item.body = clean(ministries[-1].group())
            item.speaker_spans.append(span_list(*ministries[-1].span()))
            return
        if lowered in _PRONOUNS:
            if lowered in ("he", "she"):
                person = self.reading.last_person_before(quote_start)
                if person:
                    self._speaker_from_person(item, person)
                    return
                # "he added" after "a police source in Nineveh reported": that source; a group is no "he".
                if self._speaker_from_source(item, quote_start):
                    return
            armed_group = lowered not in ("it", "they", "the ministry", "the statement")
            group = self.reading.last_group_before(quote_start, armed_group)
            source = self.reading.sources.previous_source(quote_start)
            # "The Dicle Fırat Journalists' Association said ... '"...," the group said'": a source named since
            # the last armed group is the one meant.
            if group and not (source and source[1] > max(s for s, _ in group.spans if s < quote_start)):
                item.speaker, item.body = group.name, group.name
                return
            # '"...," the group said' after "the Dicle Fırat Journalists' Association said": the source named before.
            if self._speaker_from_source(item, quote_start):
                return
            # "APIKUR condemned the attacks. It added that ... “...”": the subject of the sentence before.
            sentence = self.doc.sentence_at(who_start)
            subject = sentence and lowered in ("it", "they") and self._subject_of_sentence_before(sentence, True)
            if subject and subject[0].lower() not in _PRONOUNS:
                self._resolve_speaker(item, *subject, quote_start)
            else:
                item.speaker = who
            return
        person = self.reading.person_at(who_start, who_end) or self._titled(lowered, who_start)
        speaks_for = SPEAKS_FOR.search(who)
        # "a spokesman for Prime Minister X" is not X; "the head of the Observatory, X," is.
        body_start = who_start + speaks_for.start("body") if speaks_for else who_end
        if person and not any(
            body_start <= s and "," not in self.text[body_start:s] for s, _ in person.spans if who_start <= s < who_end
        ):
            self._speaker_from_person(item, person)
            return
        # "a statement from U.S. Central Command": the command.
        who = re.sub(rf"^{STATEMENT_FROM}", "", clean(who), flags=re.IGNORECASE)
        if its_report := frames.ITS_REPORT.fullmatch(re.sub(r"^(?:the|a|an)\s+", "", who, flags=re.IGNORECASE)):
            who = its_report.group("name")  # "According to the SOHR report": SOHR
        # ("according to a statement from the" where a page is cut short: an article alone names no one.)
        item.speaker = self._spelled_out(re.sub(r"^(?:the|a|an)(?:\s+|$)", "", who, flags=re.IGNORECASE))
        if describes_a_monitor(item.speaker.lower()) and (monitor := named_monitor(self.text)):
            # "the Britain-based Observatory said": the monitor the report names, in full (a speaker takes the
            # fullest name whatever the case of its words; a claimant's "The Observatory" stays as written).
            item.speaker = re.sub(r"^(?:the|a|an)\s+", "", monitor, flags=re.IGNORECASE)
        item.speaker_title = item.speaker
        group = self.reading.group_at(who_start, who_end)
        item.body = group.name if group else body_of(self.reading, item.speaker)
        if re.fullmatch(r"(?:the\s+)?(?:group|militia|faction|movement)", item.body, re.IGNORECASE):
            group = self.reading.last_group_before(who_start, armed_group=True)
            item.body = group.name if group else item.body

    def _speaker_from_source(self, item: StatementProposal, quote_start: int) -> bool:
        """The source the text named last before the quotation as its speaker, if there is one."""
        source = self.reading.sources.previous_source(quote_start)
        if source:
            source = self.reading.sources.behind_statement(source) or source  # "the statement added": its issuer
        if source:
            item.speaker = re.sub(r"^(?:the|a|an)\s+", "", clean(source[0]), flags=re.IGNORECASE)
            item.body = body_of(self.reading, item.speaker)
        return source is not None

    def _spelled_out(self, name: str) -> str:
        """ "KDPI": the name the text spells out before these initials ("the Kurdistan Democratic Party of Iran
        (KDPI)"), as the speaker's fullest name."""
        if not re.fullmatch(r"[A-Z]{2,6}", name):
            return name
        spelled = re.search(rf"((?:[A-Z][\w'’-]*\s+(?:(?:of|for|and|the|in)\s+)*){{2,8}})\(\s*{name}\s*\)", self.text)
        return re.sub(r"^(?:the|a|an)\s+", "", clean(spelled.group(1)), flags=re.IGNORECASE) if spelled else name

    def _described_person_before(self, pos: int) -> tuple[str, int] | None:
        """Whom "he" stands for when the paragraph's last subject is a person described, not named ("The
        Governor of Sweida called on ... He warned that"): that description, if no name comes after it."""
        current = self.doc.sentence_at(pos)
        if current is None:
            return None
        index = self.doc.sentence_index(current)
        for sentence in reversed(self.doc.sentences[max(0, index - 2) : index]):
            if sentence.paragraph < current.paragraph - 1:
                break
            match = frames.DESCRIBED_SUBJECT.match(self.text, sentence.start, sentence.end)
            if match:
                person = self.reading.last_person_before(pos)
                if person is None or max(s for s, _ in person.spans if s < pos) < match.start("who"):
                    return match.group("who"), match.start("who")
                return None
        return None

    def _titled(self, phrase: str, pos: int) -> PersonProposal | None:
        """ "the deputy PM": the last person named before with that title ("Deputy Prime Minister X"); "the mayor",
        "the chieftain": the last one whose post names it ("Serwan Sarhad, the district mayor")."""
        title = re.sub(r"^(?:the|a|an)\s+", "", phrase)
        title = re.sub(r"\bpm\b", "prime minister", title)
        if not title or len(title.split()) > 4 or title.split()[-1] in ORGANISATION_WORDS:
            return None  # "the observatory" is a body, whoever heads it
        named = [p for p in self.reading.people if (p.title or p.role) and p.spans[0][0] < pos]
        return next(
            (p for p in reversed(named) if re.search(rf"\b{re.escape(title)}\b", (p.title or p.role).lower())), None
        )

    def _antecedent(self, phrase: str, pos: int) -> tuple[str, int] | None:
        """ "the service said", "the military command said": the last fuller name ending in "service" ("command")
        before it; "the U.K.-based war monitoring organization", "the NGO": the last monitor named before."""
        match = frames.DESCRIBED_BODY.fullmatch(phrase)
        if not match:
            return None
        noun = phrase.split()[-1].lower()
        monitors = ("monitor", "organization", "organisation", "ngo", "watchdog", "group")
        # A monitor's name is capitalised ("Syrian Observatory"): "a Britain-based war monitor" is a description.
        noun = "(?-i:Observatory|Monitor|Network)" if noun in monitors or noun == "observatory" else noun
        if noun not in self._fuller_names:
            # Found once in the whole text; each question then takes the last one ending before it.
            pattern = re.compile(
                rf"(?!(?:The|This|A|An|According|In|On|At|After|For)\s)"
                # Words of one line and one sentence: "U.S." but no word ending a sentence.
                rf"(?=[A-Z])(?:{frames.NAME_WORD}[ \t]+|[\w.-]*['’]s[ \t]+)"
                rf"(?:{frames.NAME_WORD}[ \t]+){{0,3}}?(?i:{noun})\b"
                r"(?:[ \t]+for[ \t]+Human[ \t]+Rights)?"
            )
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
