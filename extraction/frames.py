"""The words around a quotation that name who said it: a verb of speech before or after the name ('"...," said
X', 'X said: "..."'), "according to", "quoted X as saying", a statement read out, and the bodies and posts a speaker
may be named by.
"""

import re

from extraction.posts import ROLE_NOUN
from extraction.sources import ACCORDING_TO, STATEMENT_FROM
from extraction.words import DOTTED, SAY_VERB, WEEKDAY

# After a quotation, a verb of speech or of feeling: '"...," expressed Jamil Kalash', '"...," she lamented'.
_SAID = rf"(?:{SAY_VERB}|expressed|lamented)"
AFTER_VERB_FIRST = re.compile(
    rf"^\s*,?\s*(?:(?:earlier|later|also|then)\s+)?{_SAID}\s+(?P<who>[^“”\"]{{2,200}})", re.IGNORECASE
)
# A byname in quotation marks inside the name: 'CENTCOM head Gen. Michael “Erik” Kurilla said'.
BYNAME = r"[“\"][A-Z][a-z]+[”\"](?=\s+[A-Z])"
_NAME_PART = rf"(?:[^“”\"]|{BYNAME})"
AFTER_WHO_FIRST = re.compile(
    rf"^\s*,?\s*(?P<who>{_NAME_PART}{{2,160}}?)\s+(?:also\s+|later\s+|then\s+)?{_SAID}\b", re.IGNORECASE
)
# '"...," the official news agency SANA quoted the source as saying': whom it quotes.
# A name after the verb ("said Rami Abdel Rahman"), not a day or a phrase ("said Sunday", "said in the report").
NAMED_AFTER_VERB = re.compile(rf"(?!(?:{WEEKDAY}|On|In|At|That|This|It)\b)(?:(?:the|a|an)\s+)?[A-Z]")
AFTER_QUOTED = re.compile(r"^\s*,?\s*[^“”\".;]{2,100}?\s+quoted\s+(?P<who>[^“”\".;]{2,100}?)\s+as\s+saying\b", re.I)
# 'SANA quoted the Latakia health directorate reporting "three deaths"', "quoted X as saying the blast ...": X.
BEFORE_QUOTED = re.compile(
    r"\bquoted\s+(?P<who>[^“”\".;]{2,100}?)\s+(?:as\s+)?(?:saying|reporting|stating)\b[^“”\"]*$", re.IGNORECASE
)
AFTER_ACCORDING = re.compile(rf"^\s*,?\s*according to\s+(?P<who>(?:{DOTTED}|[^“”\".;]){{2,120}})", re.IGNORECASE)
# "..., read a statement from the deputy PM."; '"...," read the statement' or '"...," the statement read': the
# statement named before, its issuer the source before it.
AFTER_READ = re.compile(
    r"^\s*,?\s*(?:reads?\s+(?:(?:a|the)\s+statement\s+(?:from|by|of)\s+(?P<who>[^“”\".;]{2,120})|(?P<it>the\s+statement)\b)"
    r"|(?P<it_first>the\s+statement)\s+reads?\b)",
    re.I,
)
_FRAME_VERB = (
    rf"{SAY_VERB}|released|issued|mourned|praised|pledged|denounced|condemned|called|calling|described|describing|"
    r"characteri[sz]ed|termed|labell?ed|accused(?!\s+of\b)|urged|threatened|blamed|"
    r"alleged|deny|denies|emphasi[sz]ed|affirmed|reiterated|underlined|calls|ruled\s+out|specified|"
    # "The informed source told Rudaw": an adjective after an article or a hyphen, not the verb.
    r"criticised|criticized|welcomed|hailed|(?<![Tt]he )(?<![Aa]n )(?<![Aa] )(?<!-)informed|expressed"
)
BEFORE_SUBJECT = re.compile(
    rf"^(?:(?:in|on|late|early|later|earlier|meanwhile|however|but|and|separately|asked|since|after|following|during"
    # "Furthermore, he said", "Subsequently, the source added": a linking word before the speaker.
    rf"|furthermore|moreover|subsequently|additionally|also"
    # "A few hours later, the security source told AFP", "The month prior, on August 23, CENTCOM reported".
    rf"|(?:an?\s+)?(?:few\s+|\w+\s+)?(?:minutes|hours|days|weeks)\s+(?:later|earlier|after)"
    rf"|(?:the\s+)?(?:day|week|month|year|night)\s+(?:before|prior|earlier|after))\b[^,]{{0,60}},\s*){{0,2}}"
    # "US Central Command was quick to deny earlier reports ..., saying “...”": the subject.
    rf"(?P<who>[^“”\"]{{2,160}}?)\s+(?:\w+ly\s+|later\s+|earlier\s+|then\s+|further\s+)?(?:had\s+|has\s+|also\s+|(?:was|were)\s+quick\s+to\s+|"
    rf"(?:moved|rushed)\s+to\s+)?(?P<verb>{_FRAME_VERB})\b",
    re.IGNORECASE,
)
NAME_WORD = r"(?:(?:[A-Z]\.)+|[\w'’-]+)"
NAME_BEFORE_QUOTE = re.compile(r"\s*(?P<who>(?:[A-Z][\w.'’()-]*\s+){1,5}?)\s*")
BEFORE_ACCORDING = re.compile(rf"{ACCORDING_TO},[^“”\"]*$", re.IGNORECASE)
LATER_VERB_FIRST = re.compile(
    rf",\s*(?:{SAY_VERB})\s+(?P<who>[^,;“”\"]{{2,80}}?)\s*(?:,\s*(?:adding|saying|without|who|while)\b.*|[,.])?\s*$",
    re.IGNORECASE,
)
# '... said spokesman Saad Maan, adding that another drone "fell near a generator"': the same speaker.
BEFORE_ADDING = re.compile(
    rf"(?:(?:{SAY_VERB})\s+(?P<who>[^,;“”\"]{{2,80}}?)|(?P<who2>[^,;“”\"]{{2,80}}?)\s+(?:{SAY_VERB})),\s*"
    rf"(?:adding|saying)\b[^“”\"]*$",
    re.IGNORECASE,
)
# '“...,” the strike destroyed a building, according to the UK-based Syrian Observatory': the source at the end.
LATER_ACCORDING = re.compile(r",\s*according\s+to\s+(?P<who>[^,;“”\"]{2,100}?)\s*[.]?\s*$", re.IGNORECASE)
LATER_WHO_FIRST = re.compile(
    rf",\s*(?P<who>[^,;“”\"]{{2,80}}?)\s+(?:also\s+|later\s+)?(?:{SAY_VERB})\b[^“”\"]*$", re.IGNORECASE
)
# A sentence whose subject is a person by their post: "The Governor of Sweida called on", "A member of
# Kataeb Hezbollah said".
DESCRIBED_SUBJECT = re.compile(
    rf"(?P<who>(?:The|A|An)\s+(?:[\w'’-]+\s+){{0,3}}?(?i:{ROLE_NOUN})(?:\s+(?:of|for|in|from)\s+[^,;.“”\"]{{1,60}}?)?)"
    rf"\s+(?:\w+ly\s+)?(?:{_FRAME_VERB})\b"
)
# 'It said: "..."' opening a paragraph: the speaker of the paragraph before speaks on.
PRONOUN_SAID = re.compile(rf"\s*(?:It|They|He|She)\s+(?:also\s+|later\s+|then\s+)?(?:{SAY_VERB})\s*[:,]?\s*")
MINISTRY = re.compile(
    r"\b(?:[A-Z][\w'’-]*\s+|(?:interior|defen[cs]e|health|foreign)\s+){1,3}[Mm]inistry\b(?:\s+of\s+[A-Z][\w'’-]*)?"
    r"|\b[Mm]inistry\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?"
)
# A body described, not named: "the service", "the military command", "the Britain-based Observatory", "the
# U.K.-based war monitoring organization" (no capitalised word but a place "-based"). A ministry, an office, a
# department or a council is told from another by its words ("the interior ministry"): only bare is it the one
# named before.
DESCRIBED_BODY = re.compile(
    r"(?i:the|this)\s+(?:(?i:ministry|directorate|office|department|council)"
    r"|(?:(?:[a-z][\w'’-]*|[\w.]+-based)\s+){0,3}?"
    r"(?i:service|monitor|observatory|command|agency|organi[sz]ation|ngo|watchdog|(?<=monitoring )group))"
)
STATEMENT_LEAD = re.compile(STATEMENT_FROM, re.IGNORECASE)
# Words after a quotation that open as a phrase of the quoted clause ("at Taji", "of carrying out the attack").
PHRASE_OPENING = r"(?:at|in|on|near|during|from|inside|into|to|of|for|by|with|about)\b"
# 'in response to what defense officials said was "a clear and imminent threat"': who called it so.
WHAT_THEY_SAID = re.compile(
    r"\bwhat\s+(?P<who>[^,;“”\"]{2,60}?)\s+(?:said|described|called|termed)\s+(?:was|were|as)\s+(?:an?\s+|the\s+)?[“\"]?$"
)
# "the SOHR report", "the Observatory's statement": the body that issued it.
ITS_REPORT = re.compile(
    r"(?P<name>(?:[A-Z][\w.&-]*\s+){0,5}[A-Z][\w.&-]*?)(?:['’]s?)?\s+(?:report|statement|figures|account|toll)$"
)
# A name, then what the person is: "Kamaran Osman, a member of CPT, a human rights organisation that ...".
NAME_THEN_DESCRIPTION = re.compile(r"(?P<name>(?:[A-Z][\w'’.-]*\s+){1,4}[A-Z][\w'’-]*),\s+(?:an?|the)\s")
