"""Name helpers for the geodata build: ASCII folding, script detection, and picking the Arabic name
that matches a place's romanised one; part of the build run by build_geodata.py.
"""

from __future__ import annotations

import difflib
import unicodedata

# ---------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------

_PUNCT_TO_ASCII = {"‘": "'", "’": "'", "ʿ": "'", "ʾ": "'", "ʼ": "'", "`": "'", "ı": "i", "ə": "e"}


def ascii_fold(text: str) -> str:
    """Latin text without diacritics, e.g. 'Şalāḩ ad Dīn' -> 'Salah ad Din'."""
    text = "".join(_PUNCT_TO_ASCII.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in stripped if ord(ch) < 128).strip()


def is_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(ch, "") for ch in letters)


# Letters of the Arabic alphabet proper (no Persian/Kurdish/Urdu additions) and harakat.
_ARABIC_HARAKAT = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670"}
_ARABIC_CORE = {chr(c) for c in range(0x0621, 0x064B)} | _ARABIC_HARAKAT


def is_arabic_script(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all("ARABIC" in unicodedata.name(ch, "") for ch in letters)


# Rough Arabic-script -> Latin transliteration, only to compare an Arabic candidate with
# the Latin name. Capitals stand for the emphatic consonants and "3" for 'ayn, which
# BGN/PCGN romanisations (the GeoNames main names) mark with diacritics.
_AR_TO_LATIN = {
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "H",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "S",
    "ض": "D",
    "ط": "T",
    "ظ": "Z",
    "ع": "3",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ة": "h",
    "ک": "k",
    "ڪ": "k",
    "گ": "g",
    "چ": "ch",
    "پ": "p",
    "ژ": "zh",
    "ڤ": "v",
    "ڕ": "r",
    "ڵ": "l",
    "ھ": "h",
    "ا": "A",
    "آ": "A",
    "ى": "A",
    "ي": "I",
    "و": "U",
}
_LATIN_MARKED = {
    "ţ": "T",
    "ṭ": "T",
    "ş": "S",
    "ṣ": "S",
    "ḑ": "D",
    "ḍ": "D",
    "ḩ": "H",
    "ḥ": "H",
    "ẓ": "Z",
    "z̧": "Z",
    "‘": "3",
    "ʿ": "3",
    "`": "3",
    "ā": "A",
    "á": "A",
    "ī": "I",
    "ū": "U",
}
_ADMIN_WORDS = {"ناحية", "مركز", "قضاء", "مجمع", "قرية", "مدينة", "محافظة", "بلدة", "حي", "مخيم"}
_LATIN_ARTICLES = {
    "al",
    "el",
    "ad",
    "adh",
    "an",
    "ar",
    "as",
    "ash",
    "at",
    "ath",
    "az",
    "ed",
    "en",
    "er",
    "es",
    "et",
    "ez",
}


def _marked(latin: str) -> bool:
    """Whether a Latin name carries BGN/PCGN marks (emphatics, 'ayn, long vowels)."""
    low = unicodedata.normalize("NFC", latin.lower())
    return any(mark in low for mark in _LATIN_MARKED)


def _latin_skeleton(text: str, marked: bool) -> str:
    """A Latin name without the article, reduced to consonants (plus long vowels, emphatics
    and 'ayn when marked): "Ţarţūs" -> "TrTUs", "Mosul" -> "msl"."""
    words = [w for w in text.replace("-", " ").split() if ascii_fold(w).lower().strip("'") not in _LATIN_ARTICLES]
    out = []
    for w in words:
        w = unicodedata.normalize("NFC", w.lower())
        if marked:
            for mark, repl in _LATIN_MARKED.items():
                w = w.replace(mark, repl)
            w = w.replace("y", "I").replace("w", "U")
            out.append("".join(ch for ch in ascii_fold(w) if (ch.isalpha() or ch == "3") and ch not in "aeiou"))
        else:
            out.append("".join(ch for ch in ascii_fold(w) if ch.isalpha() and ch not in "aeiouwy"))
    return "".join(out)


def _arabic_skeleton(text: str, marked: bool) -> str:
    """The same for an Arabic-script name: "طرطوس" -> "TrTUs" (marked) / "trts" (plain)."""
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in text.split()]
    latin = "".join(_AR_TO_LATIN.get(ch, "") for w in words for ch in w)
    if marked:
        return latin
    return "".join(ch for ch in latin.lower() if ch not in "aeiouwy3")


def pick_arabic(names: list[str], latin_name: str = "") -> str:
    """The GeoNames alternate that is most likely the Arabic name of the place.

    Ranked by: Arabic letters only (not a Kurdish/Persian spelling), no administrative
    word ("ناحية", "مركز", ...), how well its consonants match the Latin name, no harakat,
    no stray one-letter words, with the article; ties broken by the text itself.
    """
    candidates = sorted({" ".join(n.split()) for n in names if is_arabic_script(n)})
    if not candidates:
        return ""
    marked = _marked(latin_name)
    target = _latin_skeleton(latin_name, marked)

    def rank(name: str):
        words = name.split()
        core = all(ch in _ARABIC_CORE or not ch.isalpha() for ch in name) and not any("ة" in w[:-1] for w in words)
        harakat = any(ch in _ARABIC_HARAKAT for ch in name)
        similarity = difflib.SequenceMatcher(None, _arabic_skeleton(name, marked), target).ratio() if target else 0.0
        # On a tie the form with the article wins (الموصل over موصل).
        return (
            not core,
            bool(_ADMIN_WORDS & set(words)),
            -round(similarity, 3),
            harakat,
            any(len(w) == 1 and w != "و" for w in words),
            not name.startswith("ال"),
            name,
        )

    return sorted(candidates, key=rank)[0]


def dedupe(names, exclude=()) -> list[str]:
    seen = {n.casefold() for n in exclude}
    out = []
    for name in names:
        name = " ".join(name.split())
        key = name.casefold()
        if name and key not in seen:
            seen.add(key)
            out.append(name)
    return out
