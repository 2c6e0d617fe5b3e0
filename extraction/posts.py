"""How a report names a person's post: the titles before a name ("Major General"), the roles set off
around it (", a senior commander of X,"), the kind of post (a `RoleKind` value) their words name, and
the body a post speaks for ("spokesman for the Interior Ministry")."""

import re

from extraction.lexicon import matching_key
from extraction.reading import Reading
from extraction.words import DOTTED, SAY_VERB, clean, word_set

TITLE_WORDS = word_set(
    "major general maj gen brigadier brig lieutenant lt colonel col captain capt admiral adm rear vice "
    "sergeant sgt staff sheikh sheik sayyed sayyid president prime minister defence defense foreign "
    "interior secretary governor mayor ambassador spokesman spokeswoman spokesperson commander chief state war staff "
    "deputy senior mr mrs ms dr pentagon press army military first private specialist spc pvt cpl "
    "corporal marine navy air force ayatollah imam cleric lawmaker mp judge director leader head emir "
    "speaker parliament soldier soldiers commander-in-chief rep sen senator congressman congresswoman affairs "
    "secretary-general manager town representative commissioner district administrator "
)

# A minister's portfolio is part of the title before a name ("Health Minister Hassan al-Ghabash"), and of
# the body a post is in ("Health Ministry official").
PORTFOLIOS = word_set("health education oil finance justice information")
TITLE_WORDS = TITLE_WORDS | PORTFOLIOS

NATIONALITIES = word_set(
    "iraqi syrian turkish kurdish american iranian israeli jordanian lebanese russian british french u.s "
    "us palestinian saudi qatari emirati "
)

ROLE_NOUN = (
    r"spokes(?:man|woman|person)|representative|commander|leader|official|minister|chief|head|member|founder|officer|adviser|"
    r"advisor|governor|mayor|manager|commissioner|president|general|director|emir|cleric|lawmaker|deputy|secretary-general|secretary|"
    r"fighter|militant|"
    r"analyst|resident|witness|doctor|journalist|ambassador|envoy|aide|businessman|businesswoman|activist|engineer|"
    r"reporter|correspondent|photographer|teacher|shepherd|farmer|driver|ruler|dictator|candidate"
)

# A role's words run to a comma, a full stop or a quotation; "U.S." does not end them.
_ROLE_CHAR = rf"(?:{DOTTED}|[^,.;“”\"])"
APPOSITIVE = re.compile(
    rf"\s*,\s*(?!\s*(?:{SAY_VERB}|and|but|who|which|along|together|accompanied)\b)(?P<role>(?:(?:a|an|the)\s+)?{_ROLE_CHAR}{{0,90}}?\b(?i:{ROLE_NOUN})s?\b{_ROLE_CHAR}{{0,100}}?)\s*(?=,|"
    rf"\.|;|$|\s+said\b|\s+told\b|\s+who\b)",
)

PRONOUN_ROLE = re.compile(
    rf"\b(?:he|she)\s+(?:was|is|had been|has been)\s+(?P<role>(?:a|an|the)\s+[^,.;“”\"]{{0,60}}?\b(?:{ROLE_NOUN})s?\b"
    rf"(?:\s+(?:of|in|for|with)\s+[^,.;“”\"]{{1,60}}?)?)(?=\s+who\b|\s+that\b|,|\.|;|$)",
)

WHO_ROLE = re.compile(
    rf"^\s*,?\s*who\s+(?:was|is|had been|has been)\s+(?P<role>(?:a|an|the)\s+[^,.;“”\"]{{0,60}}?\b(?:{ROLE_NOUN})s?\b"
    rf"(?:\s+(?:of|in|for|with)\s+[^,.;“”\"]{{1,60}}?)?)(?=\s+who\b|\s+that\b|,|\.|;|$)"
)

# "Hamza al-Homsi was the ISIS leader", "X was previously a senior officer in the Parastin agency, an ...": the
# post a sentence gives the name it opens with.
NAME_ROLE = re.compile(
    rf"^\s+(?:was|is)\s+(?:(?:reportedly|previously|also|allegedly|once)\s+)?(?P<role>(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,4}}?"
    rf"(?:{ROLE_NOUN})s?\b(?:\s+(?:of|in|for|with)\s+[^,.;“”\"]{{1,60}}?(?=,|\.|;|$))?)"
)

PRE_ROLE = re.compile(
    rf"(?P<role>(?:(?:[A-Z][\w.'’-]*|local|militia|military|senior|top|security|army|police|group|media|press|deputy"
    rf"|official|regional|provincial|ministry|foreign|defen[cs]e|interior|health|government|coalition|operations|command"
    rf"|movement|party|his|her|their|its|it['’]s|longtime|long-time|former|late|ousted|deposed|toppled|special|the"
    # "SDF media center head Farhad Shami": the office headed.
    rf"|cent(?:er|re)|office|bureau"
    rf"|rebel|militant|tribal|jihadist|insurgent|opposition|resistance|faction"
    rf"|forces?)\s+){{0,4}}"
    rf"(?i:{ROLE_NOUN})"
    # "the Asaib Ahl al-Haq movement led by Qais al-Khazali": who leads it.
    rf"|\b(?:led|headed|founded(?:\s+in\s+\d{{4}})?)\s+by)\s*,?\s+$"
)

# "US Secretary of State Antony Blinken", "Secretary of War Pete Hegseth": a title with its "of"; "Chief of Staff
# of the Iraqi Army, Abdul Amir Yarallah": with a second "of" and set off by a comma.
_OF_WHAT = r"\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
OF_TITLE = re.compile(
    rf"(?P<role>(?:[A-Z][\w.'’-]*\s+){{0,2}}(?:Secretary|Minister|Chief|Head|Director|Commander){_OF_WHAT}(?:{_OF_WHAT})?)"
    r",?\s+$"
)

# "Jumaa Al-Jughaifi of the 57th Brigade", "Hassan Ali of Kataib Hezbollah", "Dr. X of the Raparin health
# directorate": the unit, group or body a name is given as being "of".
OF_UNIT = re.compile(
    r"\s*,?\s+of\s+(?:the\s+)?(?P<role>[^,.;:“”\"()]{1,60}?)"
    r"(?=\s*[,.;:()]|\s+(?:as|who|was|were|and|in|on|at|said|says|told|provided|gave|confirmed|added)\b)"
)

# "the head of the Syrian Observatory for Human Rights, Rami Abdel Rahman, told AFP": the role set off before.
ROLE_BEFORE_COMMA = re.compile(
    rf"(?:\b(?i:the|a|an|its|his|her|their)\s+(?P<role>[^,.;]{{0,80}}?\b(?:{ROLE_NOUN})\b[“”\"]?[^,.;“”\"]{{0,80}}?)"
    # At the sentence's start, a role of a few words: "Sulaimaniyah court spokesman, judge Salah Hassan, told",
    # "Iran's ambassador to Damascus, Hossein Akbar, told".
    rf"|^(?P<bare>(?:[\w'’-]+\s+){{0,4}}(?:{ROLE_NOUN})s?(?:\s+(?:to|in|for)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?)),\s*$"
)


# A ruler named by the fall of his rule ("the toppling of former leader Bashar al-Assad") or his regime's name
# ("the Bashar al-Assad regime"): a state's ruler, an official.
TOPPLED_BEFORE = re.compile(
    r"\b(?:toppling|ouster|overthrow|fall|downfall|departure|removal|regime|government|rule)\s+of\s+(?:the\s+)?(?:(?:former|ousted|deposed|"
    r"longtime|long-time|toppled)\s+)*(?:(?:leader|president|ruler|dictator)\s+)?$",
    re.IGNORECASE,
)
RULER_OF = re.compile(
    r"(?:['’]s)?\s+(?:\w+\s+){0,2}?(?:regime|government|administration)\b|\s+was\s+(?:toppled|ousted|overthrown|deposed)\b"
)

_NATIONALITY = "|".join(sorted(n for n in NATIONALITIES if "." not in n))
_STATE_LEADER = (
    rf"\b(?:{_NATIONALITY})\s+(?:(?:regime|government)\s+)?(?:leader|ruler)\b"
    # "Syria’s interim leader".
    r"|\b(?:syria|iraq|iran|turkey|türkiye|israel|jordan|lebanon)['’]s\s+(?:\w+\s+)?(?:leader|ruler)\b"
    r"|\bregime\s+leader\b|\bruler\b|\bdictator\b"
)


def is_title(word: str) -> bool:
    """A title's word, or titles joined by a hyphen: "Lieutenant-Colonel", "Major-General"."""
    bare = word.lower().rstrip(".,")
    return (
        bare in TITLE_WORDS or bare in NATIONALITIES or ("-" in bare and all(p in TITLE_WORDS for p in bare.split("-")))
    )


def role_kind(role: str) -> str:
    """The kind of post a role names: "Pentagon spokesperson" a spokesperson, "head of the SDF's media
    centre" a spokesperson too, "district chief of Chamchamal" an official; "other" for any other role, "" for none."""
    lowered = role.lower()
    for pattern, kind in (
        # The head of a media office speaks for the group; the head of a monitor or an aid body is no official.
        (r"spokes|\b(?:media|press|communications?)\b|\brepresentative\b", "spokesperson"),
        (
            r"observatory|monitor|watchdog|rights|\bsohr\b|(?:uk|u\.k\.|britain|london)-based|red crescent|"
            r"civil defen[cs]e|white helmets|hospital|charity|"
            # The press: "editor-in-chief of Al-Raased" heads a newspaper, not a group.
            r"\beditor|journalist|reporter|correspondent|photographer|"
            r"(?<!terrorist )organi[sz]ation",
            "other",
        ),
        # A district's or a province's chief is an official, not a group's leader; its head of security or police
        # commands ("head of internal security in Latakia Governorate"), unless a council's committee is what he heads.
        (
            r"^(?!.*\b(?:security|police|military|army|intelligence)\b(?!.*\b(?:council|committee)\b))"
            r"(?:.*\b(?:district|sub-?district|province|governorate|municipality|county|council|town)\b.*"
            r"\b(?:chief|head|manager|commissioner|administrator)\b"
            r"|.*\b(?:chief|head|manager|commissioner|administrator)\b.*\b(?:district|sub-?district|province|governorate|municipality|county"
            r"|council|town)\b)",
            "official",
        ),
        # A state's commander-in-chief is its head of government or state.
        (r"commander-in-chief", "official"),
        # An armed group's secretary-general heads it; the UN's or NATO's holds an office.
        (r"secretary[\s-]general\b.*\b(?:un|united nations|nato|arab league)\b|\b(?:un|nato)\s+secretary", "official"),
        (r"secretary[\s-]general", "leader"),
        (
            r"commander|general\b|colonel|officer|brigadier|lieutenant|captain|major\b|\b(?:gen|col|brig|maj|capt)\."
            # "Chief of Staff of the Iraqi Army": an army's chief of staff commands it, as a police chief does.
            r"|chief of (?:the )?(?:general )?staff\b.*\b(?:army|armed forces|military)\b"
            r"|\b(?:police|military|army|security|intelligence)\b.*\b(?:chief|head)\b"
            r"|\b(?:chief|head)\b.*\b(?:police|military|army|security|intelligence)\b",
            "commander",
        ),
        # A country's leader or ruler heads a state: an official ("deposed Syrian leader").
        (_STATE_LEADER, "official"),
        # The head of an office or an agency holds a post: "head of Erbil's Mine Affairs Office".
        (
            r"\b(?:head|chief|director)\b.*\b(?:office|agency|authority|authorities|administration|department"
            r"|directorate|commission)\b",
            "official",
        ),
        # A tribe's or a clan's chief heads no armed group: "Hussein Aloush, chief of the Bayati tribe".
        (r"\b(?:tribe|tribal|clan)\b", "other"),
        (r"leader|\bhead\b|chief|founder|emir|\b(?:led|headed|founded)\b.*\bby\b", "leader"),
        (r"\b(?:family|tribe|clan|teams?|peace\w*|ngo|volunteers?)\b", "other"),
        # A seat in a council or a parliament is an office: "member of the Baghdad Provincial Council".
        (r"\bmember\b.*\b(?:council|parliament|assembly)\b|\bspeaker\b|\bparliament", "official"),
        # A soldier's rank below an officer's: "Infantry Sergeant X", "Corporal X".
        (
            r"member|fighter|militant|soldier|\b(?:brigade|regiment|battalion|division)\b"
            r"|\b(?:sergeant|sgt|corporal|cpl|private|pvt)\b",
            "member",
        ),
        (
            r"minister|president|official|governor|mayor|secretary|ambassador|envoy|lawmaker|director|aide|adviser"
            r"|senator|congress|\brep\b|\bsen\b",
            "official",
        ),
    ):
        if re.search(pattern, lowered):
            return kind
    return "other" if role else ""


# Peoples and communities: "a Yazidi official" names no body.
PEOPLES = word_set("yazidi arab sunni shiite shia christian druze turkmen assyrian alawite local tribal ")
SPEAKS_FOR = re.compile(
    r"\b(?:spokes(?:man|woman|person)|aide|adviser|advisor|office|official|representative|head|director|chief)s?"
    r"\s+(?:for|of|to)\s+"
    r"(?:the\s+)?(?P<body>.+)$",
    re.IGNORECASE,
)
_BODY_BEFORE_ROLE = re.compile(
    rf"(?:^|\b(?:a|an|the)\s+)(?P<body>(?:[A-Z][\w.'’-]*\s+){{1,4}})(?:{ROLE_NOUN})\b",
)


_ORGANISATION_BODY = re.compile(
    r"\b(?:observatory|ministry|office|council|directorate|agency|organi[sz]ation|committee|cent(?:re|er)|department"
    r"|service|command|hospital|network|monitor)\b",
    re.IGNORECASE,
)


def body_of(reading: Reading, role: str) -> str:
    """The body a role is for when it is not an armed group: "spokesman for the Interior Ministry",
    "a Pentagon spokesperson"; a person named after "for" is cut off."""
    if match := SPEAKS_FOR.search(role):
        body = match.group("body")
        if re.match(r"head|director|chief", match.group(), re.IGNORECASE) and not _ORGANISATION_BODY.search(body):
            return ""  # "district chief of Chamchamal" heads a place, and speaks as a person
        for mention in mentions_in(reading, body):
            cut = body.find(mention)
            if cut > 0:
                body = body[:cut]
        return clean(body)
    if match := _BODY_BEFORE_ROLE.search(role):
        # "a Yazidi official", "an Iraqi official": a people is not a body.
        words = [
            w
            for w in match.group("body").split()
            if w.lower().rstrip(".") not in (TITLE_WORDS - PORTFOLIOS - {"pentagon"}) | NATIONALITIES | PEOPLES
        ]
        # "Iran's ambassador": a state owns the post, it is no body that speaks.
        owner = re.fullmatch(r"(.+)['’]s", words[0]) if len(words) == 1 else None
        if owner and any(c.tag == "country" for c in reading.lexicon.lookup(matching_key(owner.group(1)))):
            return ""
        return clean(" ".join(words))
    if role.lower().startswith("pentagon"):
        return "Pentagon"
    return ""


def mentions_in(reading: Reading, phrase: str) -> list[str]:
    """The words of people's mentions that occur in a (short) phrase, in the order of the people and their spans."""
    if reading.people is None:
        return []
    if reading.mention_index is None:
        order: dict[str, int] = {}
        for person in reading.people:
            for start, end in person.spans:
                order.setdefault(reading.text[start:end], len(order))
        # By their first three characters, so a phrase is compared only with mentions that could start there.
        reading.mention_index = {}
        for mention, rank in order.items():
            reading.mention_index.setdefault(mention[:3], []).append((rank, mention))
    found = set()
    for i in range(len(phrase)):
        for rank, mention in reading.mention_index.get(phrase[i : i + 3], ()):
            if phrase.startswith(mention, i):
                found.add((rank, mention))
    for key in ("", *(phrase[i : i + 2] for i in range(len(phrase))), *phrase):
        found.update((rank, m) for rank, m in reading.mention_index.get(key, ()) if len(m) < 3 and m in phrase)
    return [mention for _, mention in sorted(found)]
