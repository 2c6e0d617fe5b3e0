"""Word lists, patterns and small text helpers that more than one finder uses."""

import re


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def span_list(start: int, end: int) -> list[int]:
    return [start, end]


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,;:")


def quote_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# Abbreviations whose full stops end no sentence or name: "a statement from U.S. Central Command".
DOTTED = r"U\.S\.|U\.K\.|U\.N\."


# Capitalised words, with "of", "in", "for", "the" between them: a name quoted, not words said
# ('the "Islamic Resistance in Iraq" said').
# "Islamic Resistance in Iraq", "Abu Maria al-Qahtani", "Komala of the Toilers of Kurdistan (Zahmatkeshan)".
_NAME_WORD = r"(?:al-|el-)?[A-Z][\w'’-]*"
A_NAME = re.compile(
    rf"{_NAME_WORD}(?:\s+(?:(?:of|in|for|the|and|al|el)\s+)*{_NAME_WORD}){{1,7}}(?:\s+\({_NAME_WORD}(?:\s+{_NAME_WORD})*\))?"
)


# The first word of many places' names ("Tel Abyad", "Ain Issa", "Deir Hafer", "Wadi al-Shay").
PLACE_PREFIX = r"(?:Tel|Tal|Tell|Wadi|Jabal|Jebel|Ain|Ayn|Deir|Dayr|Khirbet|Khirbat|Bir|Qaryat|Hay|Hayy|Sheikh)"


def is_a_name(quote: str) -> bool:
    return bool(A_NAME.fullmatch(quote.strip(" .,")))


# Verbs that report what someone said.
SAY_VERB = (
    r"said|says|say|told|tells|added|adds|wrote|writes|stated|declared|warned|vowed|insisted|noted|explained|"
    r"continued|asserted|stressed|announced|claimed|posted|confirmed|denied|reported|revealed|disclosed|detailed|"
    r"recounted|clarified|indicated"
)
# A description set off by spaced dashes: "the Islamic Resistance in Iraq - a loose formation of armed groups
# affiliated with the PMF - announced". Its parts, for a pattern to open or close it: a hyphen inside a word
# ("Iran-backed") is no dash.
DASH_OPEN = r"\s[-–—]\s+(?:an?|the)\s"
DASH_BODY = r"(?:[^,;.“”\"–—-]|\w-\w)"
DASH_CLOSE = r"\s[-–—](?=\s)"
DASHED_ASIDE = rf"{DASH_OPEN}{DASH_BODY}{{0,160}}?{DASH_CLOSE}"
# Capitalised words that do not start (or, capitalised, continue) a person's or a place's name.
NOT_NAMES = word_set(
    "the a an in on at since last this that these those when while after before asked it its he she they "
    "we iraq syria iran israel jordan turkey gaza lebanon islamic state united states pentagon reuters "
    "police health video monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december hamas ministry forces army resistance "
    "republic kurdistan regional government council command central joint operations security media cell "
    "observatory human rights white house department international airport base air but and or if as so "
    "also local officials sources witnesses residents earlier later meanwhile however two three four one "
    "national front party movement brigades battalion guard guards corps units popular mobilization "
    "mobilisation democratic syrian iraqi turkish american u.s arabs kurds kurdish tower camp victory "
    "green zone there here what who why how where our their his her operation interior defence defense foreign "
    "affairs justice finance "
)
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"  # noqa: E501
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# Words that make a capitalised name an organisation's, not a person's: "Shafaq News Agency".
ORGANISATION_WORDS = word_set(
    "agency news network observatory ministry command directorate council committee channel television tv "
    "radio press office department centre center service services company corporation defense defence helmets "
    "crescent team teams union association foundation institute city town village province governorate district camp "
    "industries "
    "resolution act treaty accord agreement "
    "france-presse presse"
)

# Given names common in Iraq and Syria (Arabic, Kurdish): a capitalised name of two words or more that opens
# with one is a person's, with no other word around it ("The wounded individual, Khaled Jalaout, ...").
GIVEN_NAMES = word_set(
    "mohammed muhammad mohamed mohammad ahmed ahmad mahmoud mahmud mustafa mostafa hassan hasan hussein husayn "
    "hussain ali omar umar othman uthman khaled khalid ibrahim ismail youssef yousef yusuf abdullah abdallah "
    "abdul abdel abdulrahman abdulkarim salah saleh salim jamal karim kareem hamid hamza haidar haider abbas "
    "jafar jaafar qassem qasim qassim kadhim kazem kazim adel adil majid fadel fadhil raed riyad saad samir "
    "tariq walid yasser yasir ziad zaid nasser nasir rami bashar maher ammar anwar ayman firas ghassan hisham "
    "imad issa jabbar jawad kamal laith mahdi mehdi muqtada moqtada nabil nizar osama usama qais rashid sabah "
    "shaker suleiman sulaiman taha talal wael wissam yahya younis yunus zuhair falih faleh hadi hamad "
    "noor nour fatima fatma zainab zeinab maryam mariam layla leila aisha huda hoda amal rana ghufran "
    "kamaran karwan shivan sherwan rebaz hemin hiwa dilshad farhad saman aso bakr"
)

# A building's or a street's noun after a name: "the Imam Ali bin Abi Talib mosque" is no person.
BUILDING_AFTER = re.compile(
    r"\s+(?:mosque|shrine|church|school|hospital|university|street|road|highway|square|bridge|stadium|hotel|market)s?\b",
    re.I,
)
# Words that end a site's name: "Ali Farou Road", "Ali Bin Abi Talib Mosque".
SITE_WORDS = word_set(
    "road street highway mosque shrine church school hospital university square bridge stadium hotel market "
    "field dam base airport airbase neighbourhood neighborhood quarter heights"
)

# What flies: "Iraqi fighter jets", "Turkish warplanes" (a state's air force), "Israeli aircraft struck".
AIRCRAFT = r"war\s*planes?|(?:air|fighter\s+)?planes|airplanes|helicopters?|jets|aircraft|aviation"

# A war named by its sides joined as one word: "the Israel-Hamas war", "the Russia-Ukraine conflict".
WARS_SIDES = re.compile(
    r"\b(?P<a>[A-Z][\w'’]+)[-–](?P<b>[A-Z][\w'’]+)\s+(?:war|conflict|fighting|ceasefire|truce|hostilities)\b"
)
