"""Name normalisation shared by search, alias matching and importers."""

import re
import unicodedata
from functools import lru_cache

_ARTICLE = re.compile(r"\b(?:al|an|ar|as|ash|at|ad|adh|az|el)[\s\-]+", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def _without_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# Pure functions of short, much repeated strings (importers fold each row's actors, event types and
# places): each distinct value is worked out once.
@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower-case and strip diacritics: "Şalāḩ ad Dīn" -> "salah ad din". Arabic short vowels,
    shadda and hamza seats are marks too: "أَ" -> "ا"."""
    return _without_marks(text)


# Arabic letters that spellings use interchangeably: taa marbuta as haa, alif maqsura and the
# Persian yaa as yaa, the Persian kaf as kaf, alif wasla as alif; tatweel (a stretching stroke) goes.
_ARABIC_LETTERS = str.maketrans({"ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك", "ٱ": "ا", "ـ": None})


def fold_arabic(text: str) -> str:
    return text.translate(_ARABIC_LETTERS)


@lru_cache(maxsize=16384)
def normalise_name(text: str) -> str:
    """A matching key: folded, Arabic articles and punctuation dropped.

    "Harakat al-Nujaba", "Harakat an Nujaba" and "Harakat Al Nujaba" all give "harakat nujaba".
    """
    folded = fold(text).replace("'", "").replace("\u2019", "").replace("\u02bf", "").replace("\u02be", "")
    folded = _NON_WORD.sub(" ", folded)
    folded = _ARTICLE.sub("", folded + " ")
    return _SPACES.sub(" ", folded).strip()


# --- The search key -------------------------------------------------------------------------------
# One key for what is stored and what is asked, so that every spelling of a name meets the same
# key. `incidents/migrations/0025_incident_search_text.py` keeps a frozen copy of these rules to
# fill the column; tests/incidents/test_search_key.py checks the two agree.

# Apostrophes and the letters transliterations write ʿayn and hamza with join the word: Sa'ad, Saʿad.
_JOINING = str.maketrans(dict.fromkeys("'\u2018\u2019\u02bc\u02be\u02bf`\u00b4", None))
# Hyphens, other punctuation and the underscore separate words.
_SEPARATORS = re.compile(r"[^\w\s]|_")
# The Arabic article as transliterations write it, alone or with a hyphen: al-, el-, an-, ash-, ez-...
_ARTICLES = frozenset(
    "al el il ul an ar as ash at ath ad adh az ed en er es esh et ez".split()  # noqa: SIM905 - reads as a list
)
_LATIN_PAIRS = (("ou", "u"), ("oo", "u"), ("ee", "i"))
_DOUBLED = re.compile(r"([^\W\d_])\1+")
_FINAL_H = re.compile(r"(?<=\w\w)[ae]h$")


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    """One word's key; "" for a transliterated article."""
    if word in _ARTICLES:
        return ""
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    for pair, single in _LATIN_PAIRS:
        word = word.replace(pair, single)
    word = _DOUBLED.sub(r"\1", word)
    return _FINAL_H.sub("a", word)


def search_key(text: str) -> str:
    """What the search compares: lower-case words without diacritics, Arabic letter variants or
    tashkeel, apostrophes, punctuation or articles, with common transliteration pairs made one.

    "Al Fallūjah", "al-Fallujah", "Falluja" and "Falloujah" give "faluja"; "الفلوجة" gives "فلوجه";
    "Sa'ad" and "Saʿad" give "sad". An article alone is kept as a word: "al" gives "al".
    """
    words = _SEPARATORS.sub(" ", fold_arabic(_without_marks(text)).translate(_JOINING)).split()
    keys = [key for key in map(_word_key, words) if key]
    return " ".join(keys if keys else words)


# --- The spelling skeleton ------------------------------------------------------------------------
# Spellings the key keeps apart still share their consonants: "Telafar" and "Tal Afar", "Baghdat" and
# "Bagdat", "Kataeb Hizballah" and "Kataib Hezbollah". The search falls back on this skeleton for the
# names of places, areas, countries, groups and people when a query's key matches none of them.

# Letters transliterations write for one Arabic letter, made one; vowels, w, y and spaces go.
_CONSONANT_PAIRS = (
    ("sch", "s"),
    ("gh", "g"),
    ("kh", "k"),
    ("sh", "s"),
    ("ch", "s"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("dj", "j"),
    ("q", "k"),
    ("z", "d"),
    ("v", "f"),
)
_NOT_CONSONANTS = re.compile(r"[^b-df-hj-np-tv-xz]")


@lru_cache(maxsize=65536)
def spelling_skeleton(key: str) -> str:
    """The consonants of a search key, transliteration variants made one, doubled letters single:
    "tal afar" and "telafar" give "tlfr", "baghdat" and "bagdat" give "bgdt". Arabic script gives ""."""
    key = key.replace(" ", "")
    for pair, single in _CONSONANT_PAIRS:
        key = key.replace(pair, single)
    return _NOT_CONSONANTS.sub("", _DOUBLED.sub(r"\1", key)).replace("w", "").replace("y", "")


# The incident's text the search reads, keyed into Incident.search_text on every write.
SEARCHED_FIELDS = ("title", "summary", "place_name", "district")


def fill_search_text(incidents) -> None:
    """Set each incident's search key from its text: a line per field, so no search matches across two."""
    for incident in incidents:
        incident.search_text = "\n".join(search_key(getattr(incident, f) or "") for f in SEARCHED_FIELDS)
