"""The sentence shapes a casualty figure comes in ("two soldiers were killed", "killing three",
"the death toll rose to 40", "no casualties"), and those that make a figure none of this incident's (a running
total, "among the dead", "a number of"), for extraction.casualties, which reads each match."""

import re

from extraction.numbers import NUMBER_WORD, ORDINAL

_NUM = (
    # "killed all three people": "all" before the figure.
    rf"(?:all\s+(?=(?:\d|{NUMBER_WORD})))?"
    rf"(?:(?:at\s+least|at\s+most|more\s+than|over|up\s+to|about|around|approximately|roughly|nearly|almost|some"
    rf"|as\s+many\s+as|fewer\s+than|less\s+than|another|an\s+additional|between)\s+)?"
    rf"(?:\d{{1,3}}(?:,\d{{3}}){{1,5}}|\d+|(?:{NUMBER_WORD})(?:[\s-]+(?:{NUMBER_WORD})){{0,5}}|(?:hundreds|tens)\s+of\s+thousands|thousands"
    rf"|dozens|scores|hundreds|several"
    rf"|a\s+dozen|a\s+hundred|a\s+few|a\s+handful|{ORDINAL}(?!\s+of\b)|a|an|both|another)"
    rf"(?:\s+(?:and|to|or)\s+(?:\d+|(?:{NUMBER_WORD})))?(?:\s+(?:other|others|more|additional))?(?:\s+or\s+more)?"
    # A figure ends at a word's end: "five American soldiers" is five, not "five a(merican)".
    r"\b"
)
_PEOPLE = (
    r"people|persons?|individuals|civilians?|children|child|women|woman|men|man|residents?|villagers?|shepherds?|"
    r"farmers?|workers?|(?:truffle\s+)?(?:hunters?|foragers?|gatherers?|pickers?)|herders?|"
    r"soldiers?|troops|service[\s-]*members?|servicem[ae]n|servicemembers|personnel|policemen|"
    r"police(?:\s+officers)?|policem[ae]n|officers?|members?|fighters?|militants?|militiamen|insurgents?|jihadists?|commanders?|"
    r"leaders?|guards?|recruits?|Peshmerga|others|aides?|bodyguards?|contractors?|gunmen|attackers?|passengers?|"
    r"pilgrims?|students?|journalists?|employees?|staff|relatives|boys?|girls?|Americans|Iraqis|Syrians|Kurds|"
    r"teachers?|protesters?|demonstrators?|doctors?|medics|paramedics|nurses?|drivers?|"
    r"paramilitaries|operatives|bystanders|terrorists?|victims|advis[eo]rs?|citizens?|nationals?|foreigners?|"
    r"companions?|comrades|combatants?|agents?|martyrs|interpreters?|translators?|"
    # "two of its forces stationed in Syria": a body's people.
    r"(?<=of its )forces|(?<=of our )forces|(?<=of their )forces"
)
# A noun in a name's possessive is not the figure's: "three Kurdistan Workers' Party militants".
# "Kurdistan Workers Party (PKK) militants": a noun followed by a name's noun is part of that name.
# "Israeli fighter jets": aircraft, not fighters.
_PEOPLE = (
    rf"(?:{_PEOPLE})(?!['’]\s*[A-Z]|\s+(?:Party|Union|Front|Movement|Council|Committee|Brigades?|Units)\b"
    r"|\s+(?:jets?|planes?|aircraft|bombers?)\b"
    # "kill a terrorist detachment of three": a group the noun describes, not a person.
    r"|\s+(?:detachments?|cells?|squads?|networks?|gangs?|hideouts?|groups?)\b)"
)
# "Casualties" as some outlets spell it throughout ("without resulting in any causalities").
_CASUALTIES = r"casualties|casualities|causalities"
_OUTCOME_PASSIVE = (
    r"(?:killed|dead|died|martyred|murdered|assassinated|executed|massacred|beheaded|slaughtered|shot\s+dead|gunned\s+down|"
    r"eliminated|neutrali[sz]ed|"
    r"wounded|injured|hurt|harmed|hospitali[sz]ed|fell\s+victims?\s+to|slain|suffered\s+(?:\w+\s+){0,2}(?:injuries|wounds)"
    # "Twelve civilians were reportedly kidnapped": the missing.
    r"|kidnapped|abducted"
    # "four people had been taken to the hospital with injuries": the wounded.
    r"|(?:taken|rushed|admitted)\s+to\s+(?:a\s+|the\s+)?(?:nearby\s+|nearest\s+)?hospitals?"
    r"|sustained\s+(?:\w+\s+){0,2}(?:injuries|wounds)|in\s+critical\s+condition|lost\s+(?:their\s+lives|his\s+life|her\s+life))"
)
_MODS = (
    # "two of its fighters", "three of our members": a part of a group's people.
    # 'four of its "military advisers"': the people's words may be quoted.
    r"(?:of\s+(?:its|our|their|his|her)\s+[“\"]?)?"
    rf"(?:(?!(?:and|or|but|in|at|on|after|when|while|were|was|said|says|told|that|who|which|including|{NUMBER_WORD})\b|\d)"
    rf"[\w.'’()-]+\s+){{0,5}}?"
)
# One item of a list of figures: "five civilians", "two members of the Lebanese Hezbollah".
LIST_ITEM = re.compile(rf"(?P<num>{_NUM})\s+(?P<mods>{_MODS})(?P<noun>{_PEOPLE})\b", re.IGNORECASE)
CLAIM_PATTERNS = [
    (
        # "the victims included 46 civilians and seven soldiers", "the dead included four members of the National
        # Defense Forces": each figure of the list is a claim of its own, its outcome the set's.
        "included",
        re.compile(
            rf"\b(?P<set>victims|dead|killed|fatalities|wounded|injured)\s+(?:\w+\s+)?includ(?:ed|e|es)\s+"
            rf"(?P<items>{_NUM}\s+{_MODS}{_PEOPLE}\b(?:(?:,\s*(?:and\s+)?|\s+and\s+){_NUM}\s+{_MODS}{_PEOPLE}\b)*)",
            re.IGNORECASE,
        ),
    ),
    (
        # "five civilians, four regime soldiers, two members of Hezbollah and three unidentified persons were
        # killed": three figures or more before one verb are one figure, their sum.
        "list",
        re.compile(
            rf"\b(?P<items>(?P<num>{_NUM})\s+(?P<mods>{_MODS})(?P<noun>{_PEOPLE})\b"
            rf"(?:[^,;.“”\"]{{0,60}}?(?:,\s+(?:and\s+)?|\s+and\s+){_NUM}\s+{_MODS}{_PEOPLE}\b){{2,}}[^,;.“”\"]{{0,60}}?)"
            rf"[\"”]?\s+(?:were|had\s+been|have\s+been)\s+(?:\w+ly\s+)?(?P<outcome>{_OUTCOME_PASSIVE})",
            re.IGNORECASE,
        ),
    ),
    (
        # "two Syrian citizens and two foreigners were killed": one figure, the sum ("killing two ...
        # and two ..." in the active pattern too).
        "pair",
        re.compile(
            rf"\b(?P<num>{_NUM})\s+(?P<mods>{_MODS})(?P<noun>{_PEOPLE})\s+and\s+(?P<num2>{_NUM})\s+"
            rf"(?P<mods2>{_MODS})(?P<noun2>{_PEOPLE})[\"”]?\s+(?:(?:were|had\s+been|have\s+been)\s+(?:\w+ly\s+|also\s+)?)?"
            rf"(?P<outcome>{_OUTCOME_PASSIVE})",
            re.IGNORECASE,
        ),
    ),
    (
        "passive",
        re.compile(
            # 'Six “pro-Iran fighters” were killed': the people's words quoted.
            rf"\b(?P<num>{_NUM})\s+[“\"]?(?P<mods>{_MODS})(?P<noun>{_PEOPLE})\b[”\"]?"
            # "At least 14 fighters and civilians were killed": people of two kinds in one figure.
            rf"(?:\s+and\s+(?P<noun_and>{_PEOPLE})\b)?"
            # ", including a commander," and, its comma left out, ', including a “member of the forces” were killed'.
            # "three individuals, suspected to be members of the PKK, were injured": who they are said to be.
            # "eight civilians, who came to the aid of the passengers, were also targeted ... and wounded".
            rf"(?:\s*,\s*(?:(?:including|mostly|mainly|many\s+of\s+them|most\s+of\s+them|who)\b[^,;]{{0,60}}?|(?P<aside>(?:(?:suspected|believed|said|thought|alleged)\s+(?:to\s+(?:be|have\s+been)|of\s+being)|allegedly)\b"
            rf"[^,;]{{0,80}}?))(?:,|(?=\s+(?:were|was|have\s+been|had\s+been)\b)))?"
            # "three members of the security forces in the Kurdistan region were killed", "three fighters
            # affiliated with the Shingal Resistance Units (YBS) were killed": whose they are.
            rf"(?:\s+(?P<of>(?:of|from|(?:affiliated|associated|linked)\s+(?:with|to)|belonging\s+to|loyal\s+to)\s+"
            # "... of the PMF, an umbrella organization of militias, have reportedly been killed".
            rf"(?:(?:[\w'’()/-]+\s+){{0,8}}?[\w'’()/-]+\s*,\s*(?:an?|the|including)\s[^,;“”\"]{{0,100}},\s*"
            # Not past "and" and a verb of its own: "one member of the PMF and left another injured".
            rf"|(?:(?!and\s+(?:left|leaving|wounded|wounding|injured|injuring|killed|killing)\b)[\w'’()/-]+\s+){{1,9}}?))"
            # Not past another figure: "A doctor said four people had been wounded" is four.
            rf"|\s+(?:(?!(?:and|or|but|{NUMBER_WORD})\b|\d)[\w'’-]+\s+){{0,3}}?)?\s*"
            rf"(?P<aux>were|was|had\s+been|have\s+been|has\s+been|(?:have|has|had)\s+\w+ly\s+been|are|is|being|also)?\s*"
            rf"(?:also\s+)?(?:\w+ly\s+)?"
            # "were targeted by the drone and wounded": the outcome after what was done to them.
            rf"(?:(?:targeted|attacked|struck|hit|shot|ambushed)\s+(?:by\s+[^,;.“”\"]{{0,40}}?\s+)?and\s+)?"
            rf"(?P<outcome>{_OUTCOME_PASSIVE})"
            # Without "were", a verb with its object is no figure of the dead: "a gunmen killed a senior figure".
            rf"(?(aux)|(?:(?<=to)|(?!\s+(?:an?|the|his|her|their|its|\d+|{NUMBER_WORD}|several|dozens)\s)))",
            re.IGNORECASE,
        ),
    ),
    (
        "active",
        re.compile(
            rf"\b(?P<verb>kill(?:ed|ing|s)?|murder(?:ed|ing|s)?|assassinat(?:ed|ing|es)|execut(?:ed|ing|es)|massacr(?:ed|ing|es)|"
            rf"(?:shot|shooting)\s+dead|gun(?:ned|ning)\s+down|wound(?:ed|ing|s)?|injur(?:ed|ing|es)|hurt(?:ing)?|neutrali[sz](?:ed|"
            rf"ing)|eliminat(?:ed|ing|es)|kidnap(?:ped|ping|s)|abduct(?:ed|ing|s)|left|leaving|lost|losing)[\"”]?\s+"
            # "killed on Sunday three senior militants": the day between the verb and its figure.
            r"(?:(?:on\s+|late\s+|early\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:\s+(?:night|morning|evening))?,?\s+)?"
            rf"[\"“]?(?P<num>{_NUM})(?:\s+(?P<mods>{_MODS})(?P<noun>{_PEOPLE})\b"
            rf"(?:\s+and\s+(?P<num2>{_NUM})\s+(?P<mods2>{_MODS})(?P<noun2>{_PEOPLE})\b|\s+and\s+(?P<noun_and>{_PEOPLE})\b)?)?"
            # "killed eight members of the same family": whose they are, up to a preposition.
            rf"(?:\s+(?P<of>(?:of|from)(?:\s+(?!(?:in|at|near|on|by|with|after|during|when|while|and)\b)[\w'’-]+){{1,4}}))?"
            rf"(?P<left>\s+(?:dead|wounded|injured|in\s+critical\s+condition))?",
            re.IGNORECASE,
        ),
    ),
    (
        "toll",
        re.compile(
            # "put the number killed Sunday at seven": "of" may be left out.
            rf"\b(?:death\s+toll|toll|number\s+(?:of\s+)?(?:(?:people|persons)\s*,?\s+)?(?P<which>dead|killed|injured|wounded|casualties|victims))\s+"
            rf"(?:(?:\w+\s+){{0,6}}?(?:to|at|of)"
            # "The number of victims in the attack that targeted the church ... has risen to 20 dead".
            rf"|[^.;“”\"]{{0,160}}?\b(?:risen|rose|climbed|increased|reached|jumped)\s+to)\s+(?P<num>{_NUM})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "nominal",
        re.compile(
            # "resulting in injuries to several security personnel": to whom.
            rf"\b(?P<outcome>martyrdom|deaths?|killing|elimination|injur(?:y|ies)|wounding|lives|bodies)\s+"
            rf"(?:of|(?<=ies\s)to)\s+[\"“]?(?!(?<=bodies of )an?\s)(?P<num>{_NUM})"
            rf"(?:\s+(?P<mods>{_MODS})(?P<noun>{_PEOPLE})\b)?",
            re.IGNORECASE,
        ),
    ),
    (
        "without",
        # "without casualties", "without causing any damage or casualties", "which did not cause any casualties",
        # "did not result in any reported casualties", "the airstrike had not any casualty": none. Whose, when said:
        # "did not result in civilian casualties", "without resulting in any casualties among the Peshmerga".
        re.compile(
            r"\b(?:without(?:\s+(?:causing|inflicting|leaving|resulting\s+in))?\s+|(?:did|does|do|had|has|have)\s+not\s+"
            r"(?:(?:cause|result\s+in|lead\s+to|leave|inflict)\s+|(?=any\b)))(?:any\s+)?"
            r"(?:reported\s+)?(?:(?:material\s+)?damage\s+(?:or|and)\s+)?(?:(?P<adj>civilian)\s+)?"
            rf"(?P<noun>losses|{_CASUALTIES}|casualty|injuries|deaths)\b"
            rf"(?:\s+among\s+(?:the\s+)?(?P<mods>{_MODS})(?P<among>{_PEOPLE})\b)?",
            re.IGNORECASE,
        ),
    ),
    (
        "subset",
        re.compile(
            rf"\b(?P<num>{_NUM})\s+of\s+(?:the|those)\s+(?:{_NUM}\s+)?(?P<set>victims|dead|killed|wounded|injured)\s+(?:was|were|is|are)\s+(?:an?\s+)?"
            rf"(?P<mods>{_MODS})(?P<noun>{_PEOPLE})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "bare",
        re.compile(
            # "A family of three were killed": civilians.
            rf"\b(?:(?P<noun>famil(?:y|ies))\s+of\s+)?(?P<num>{_NUM})\s+(?:others?\s+)?(?:were|was|had\s+been|have\s+been|has\s+been)\s+(?:\w+ly\s+)?(?P<outcome>killed|"
            rf"wounded|injured|hurt)\b",
            re.IGNORECASE,
        ),
    ),
    (
        # "resulted in five dead and five wounded", "left three dead", "resulting in one fatality and two
        # injuries": a figure with no noun for the people.
        "bare",
        re.compile(
            # "The province's Telegram channel reported 34 injured": the people left out after the verb too.
            rf"\b(?:in|left|leaving|caused|causing|with|led\s+to|leading\s+to|reporting|reported|recorded|registered)\s+"
            rf"[\"“]?(?P<num>{_NUM})\s+"
            # "resulted in six civilian injuries": whose, before the outcome.
            r"(?:(?P<adj>civilian)\s+)?(?P<outcome>dead|deaths?|fatalit(?:y|ies)|injur(?:y|ies)|injured|wounded)\b"
            # "resulting in several injuries among security personnel": whose.
            rf"(?:\s+(?:among|to)\s+(?:the\s+)?(?P<mods>{_MODS})(?P<noun>{_PEOPLE})\b)?",
            re.IGNORECASE,
        ),
    ),
    (
        # "Four casualties were reported", "several enemy casualties": killed and wounded alike.
        "bare",
        re.compile(
            rf"\b(?P<num>{_NUM})\s+(?:(?P<adj>civilian|enemy)\s+)?(?P<outcome>casualties)\b(?!\s+(?:of|from|since)\b)",
            re.IGNORECASE,
        ),
    ),
    (
        # "the Observatory said 20 died and 50 were injured", "Three of them died in the city": a figure that died.
        "bare",
        re.compile(rf"\b(?P<num>{_NUM})\s+(?:of\s+(?:them|whom)\s+)?(?:\w+ly\s+)?(?P<outcome>died)\b", re.IGNORECASE),
    ),
    (
        # "found four bodies of IS militants", "two charred bodies were removed": the dead, counted by their bodies
        # ("the bodies of a man, his mother and aunt" are not one).
        "bare",
        re.compile(
            rf"\b(?!an?\s)(?P<num>{_NUM})\s+(?:(?:charred|burnt|burned|mutilated|unidentified)\s+)?(?P<outcome>bodies)\b"
            rf"(?:\s+of\s+(?:the\s+)?(?P<mods>{_MODS})(?P<noun>{_PEOPLE})\b)?",
            re.IGNORECASE,
        ),
    ),
    (
        # "the tragic loss of nine soldiers' lives", "At least six civilian lives have been claimed": the dead.
        "bare",
        re.compile(
            # (The people's noun is read whole: _PEOPLE refuses a possessive, which it takes for a name's.)
            rf"\bloss\s+of\s+(?P<num>{_NUM})\s+(?P<mods>{_MODS})(?P<noun>[\w-]+?)['’]s?\s+(?P<outcome>lives)\b",
            re.IGNORECASE,
        ),
    ),
    (
        # "resulting in one fighter's death and injuries to two others": the dead, counted by whose death it was.
        "bare",
        re.compile(
            rf"\b(?!an?\s)(?P<num>{_NUM})\s+(?P<mods>{_MODS})(?P<noun>[\w-]+?)['’]s?\s+(?P<outcome>deaths?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "bare",
        re.compile(
            rf"\b(?P<num>{_NUM})\s+(?:(?P<adj>civilian)\s+)?(?P<outcome>lives)\s+(?:(?:have|had)\s+been\s+|were\s+)?"
            r"(?:claimed|lost)\b",
            re.IGNORECASE,
        ),
    ),
    (
        # "One of the wounded later succumbed to his injuries": one more dead, of the people before.
        "bare",
        re.compile(
            rf"\b(?P<num>{_NUM})\s+of\s+the\s+(?:wounded|injured)\s+(?:\w+\s+){{0,2}}?(?P<outcome>died|succumbed)\b",
            re.IGNORECASE,
        ),
    ),
    (
        # "Five people were killed and 12 wounded": the verb left out, the people those of the figure before.
        "elliptic",
        re.compile(
            # "killed and one seriously wounded": an adverb before the outcome.
            rf"\b(?:and|while|with(?:\s+another)?)\s+(?P<num>{_NUM})\s+(?:others\s+)?(?:\w+ly\s+)?(?P<outcome>killed|dead|"
            r"wounded|injured|"
            r"injur(?:y|ies)|"
            r"deaths?|fatalit(?:y|ies))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "none",
        re.compile(
            r"\b(?:no\s+(?:(?:immediate\s+)?(?:indications?|reports?|signs?)\s+of\s+(?:[\w-]+\s+){0,4}?)?"
            # "no material damage or casualties"; "no immediate report of casualties"
            r"(?:(?:material\s+)?(?:damage|losses)\s+(?:or|and)\s+)?(?:human\s+)?(?P<noun>civilians|one|"
            rf"{_CASUALTIES}|"
            rf"civilian\s+{_CASUALTIES}|injuries|deaths|fatalities|personnel|(?P<state>U\.S\.|coalition|American|Israeli|Turkish)"
            rf"\s+(?:personnel|troops|forces|service\s*members|{_CASUALTIES}))|nobody|none)\b"
            r"(?:\s+(?:[\w'’]+\s+){0,3}?"
            r"(?:were|was|had\s+been|have\s+been)?\s*(?P<outcome>killed|wounded|injured|hurt|harmed|reported))?",
            re.IGNORECASE,
        ),
    ),
]
# Words each claim pattern cannot match without: a sentence lacking them is not searched (the patterns
# try every number word in a sentence, which is slow on text full of "a" and "one").
CLAIM_NEEDS = {
    kind: re.compile(words, re.IGNORECASE)
    for kind, words in (
        ("included", r"includ"),
        ("list", r","),
        ("pair", r"\band\b"),
        (
            "passive",
            r"kill|dead|died|martyr|victim|murder|assassinat|execut|massacr|behead|slaughter|gunned|wound|injur|hurt|harm|slain|hospital|kidnap|abduct|"
            r"suffer|sustain|critical|lost|eliminat|neutrali",
        ),
        ("nominal", r"martyrdom|death|killing|elimination|injur|wounding|lives|bodies"),
        ("without", r"without|\bnot\s+(?:cause|result|lead|leave|inflict|any)"),
        (
            "active",
            r"kill|murder|assassinat|execut|massacr|shot\s+dead|shooting\s+dead|gun(?:ned|ning)\s+down|wound|injur|hurt|neutrali|eliminat|"
            r"kidnap|abduct|left|leaving|lost|losing",
        ),
        ("elliptic", r"\b(?:and|while|with)\b"),
        ("toll", r"toll|number\s+(?:of|dead|killed|injured|wounded|casualties|victims)"),
        ("subset", r"of\s+(?:the|those)\s+(?:\w+\s+)?(?:victims|dead|killed|wounded|injured)"),
        (
            "bare",
            r"(?:were|was|been)\s+(?:\w+ly\s+)?(?:killed|wounded|injured|hurt)|\bdead\b|\bdeaths?\b|fatalit|injur|died|succumb|bodies"
            r"|\blives\b|casualties",
        ),
        ("none", r"\bno\s|nobody|none"),
    )
}

# "the death of two people, who later turned out to be security personnel": what the people counted were.
WHO_WERE = re.compile(
    rf",?\s*who\s+(?:\w+\s+)?(?:were|was|turned\s+out\s+to\s+be|proved\s+to\s+be)\s+(?:all\s+)?"
    rf"(?P<mods>(?:[\w-]+\s+){{0,2}}?)(?P<noun>{_PEOPLE})\b",
    re.IGNORECASE,
)
# "attacks which have killed at least 11", "the war has killed", "the assault, which has resulted in the death of",
# "has been responsible for the deaths of", "its 40-year campaign", "since October 17": a running total, not
# this incident's toll ("Gunmen have killed 15" is).
# "killed during the war", "since the conflict began", "over the past year": a tally of a war.
# A figure this large is a tally, not one incident's toll.
TALLY_SIZE = 1000
RUNNING_TOTAL = re.compile(
    r"\b(?:which|that|war|conflict|offensive|campaign|attacks|strikes|raids|bombardment|violence|fighting|clashes|"
    r"insurgency|assault)\s+(?:\w+\s+){0,2}?(?:have|has)\s+(?:\w+ly\s+)?(?:killed|wounded|injured|resulted\s+in|caused)\b"
    # "The Israeli military campaign against the Gaza Strip, has resulted in over 35,700 deaths".
    r"|\b(?:war|conflict|offensive|campaign|insurgency)\b[^.;“”\"]{0,60}?\b(?:have|has)\s+(?:\w+ly\s+)?"
    r"(?:killed|wounded|injured|resulted\s+in|caused)\b"
    r"|\b(?:has|have)\s+been\s+responsible\s+for\s+(?:the\s+)?deaths?\b|\b\d+-year(?:-long)?\s+(?:[\w-]+\s+){0,2}"
    r"(?:campaign|war|insurgency|conflict)\b"
    # "since October 17", but not a superlative's "Syria's deadliest since Assad was toppled".
    r"|(?<!est\s)(?<!worst\s)(?<!first\s)\bsince\s+(?:the\s+(?:early\s+|mid-|late\s+)?(?=\d{4}['’]?s\b))?[A-Z0-9]"
    r"|\b(?:during|throughout|since|over)\s+the\s+(?:\w+\s+){0,2}(?:war|conflict|fighting|years|months|campaign)\b"
    r"|\bso\s+far\s+this\s+year\b"
    # "since the start of 2023": a period's tally (not "since the start of the Israel-Hamas war", the context).
    r"|\bsince\s+the\s+(?:start|beginning)\s+of\s+(?:(?:19|20)\d\d|this\s+year|the\s+year)\b"
    # "the week of bloodshed — which killed 1,400 people": a tally of a period of fighting.
    r"|\b(?:weeks?|days|months?|years?)\s+of\s+(?:fighting|violence|bloodshed|clashes|unrest|war)\b"
    # "Between 2019 and 2021, Basra witnessed 280 armed disputes, resulting in 35 deaths": a span of years.
    r"|\b(?:[Bb]etween|[Ff]rom)\s+(?:19|20)\d\d\s+(?:and|to)\s+(?:19|20)\d\d\b"
)
# "Three students and a woman were among the dead": part of a figure given, not one of its own.
AMONG_THE_DEAD = re.compile(r"\bamong\s+(?:the|those)\s+(?:dead|killed|victims|wounded|injured)\b", re.IGNORECASE)
# "a number of", "an unknown number of": no figure.
VAGUE_AMOUNT = (
    r"(?:(?:unknown|unidentified|unspecified|undisclosed|undetermined|large|small|great)\s+)?"
    r"(?:number|lot|series|group|couple)\s+of"
)
