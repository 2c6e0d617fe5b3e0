"""Where the text names something in the lexicon: the longest known names, left to right."""

import bisect
import re
from dataclasses import dataclass

from extraction.document import WORD, Document
from extraction.lexicon import HOMOGRAPHS, Candidate, Lexicon, matching_key, skeleton
from extraction.words import NOT_NAMES, PLACE_PREFIX

# English words that are also Arabic articles: a name does not start with "at Ain al-Asad".
_ENGLISH_ARTICLES = frozenset({"at", "as", "an", "ad"})
_ARTICLE_ONLY = frozenset({"al", "el", "an", "ar", "as", "ash", "at", "ad", "adh", "az", "the"})
_LOCATIVE = re.compile(r"\b(?:in|near|at|of|from|outside|around|to|into|between|town of|city of)\s+$", re.IGNORECASE)
# After a place in a list: "between Qamishlo and Hasakah", "Aleppo, Tel Rifaat".
_LIST_LINK = re.compile(r",?\s+(?:and|or)\s+|,\s+")
# A place's noun after a name: "the Dibis district", "Abu Ghitar hill", "the Makhmour refugee camp".
PLACE_NOUN_AFTER = re.compile(
    r"\s+(?:area|town|village|city|district|sub-?district|neighbou?rhood|countryside|province|hill"
    r"|(?:refugee\s+|displacement\s+)?camp)\b"
)


@dataclass
class Match:
    start: int
    end: int
    candidates: list[Candidate]


def word_keys(doc: Document) -> list[str]:
    return [matching_key(_POSSESSIVE.sub("", doc.text[s:e])) for s, e in doc.words]


_POSSESSIVE = re.compile(r"['’]s$")


def _without_possessive(text: str, end: int) -> int:
    """A name ends before its possessive: "Erbil's airport" names Erbil."""
    return end - 2 if _POSSESSIVE.search(text[max(0, end - 2) : end]) else end


def _capitalised(word: str) -> bool:
    core = re.sub(r"^(?:al|el|ad|an|ar|as|ash|at|az)[-‑]", "", word)
    return bool(core) and (core[0].isupper() or core[0].isdigit() or not core[0].isascii())


def scan(text: str, words: list[tuple[int, int]], lexicon: Lexicon, keys: list[str]) -> list[Match]:
    """Longest lexicon names left to right among the words (their spans and keys), not overlapping."""
    found, i = [], 0
    while i < len(words):
        best = None
        first = text[words[i][0] : words[i][1]]
        if first.lower() in _ENGLISH_ARTICLES and first.islower():
            i += 1
            continue
        parts: list[str] = []
        for j in range(i, min(len(words), i + lexicon.max_words + 3)):
            if j > i and not re.fullmatch(r"[\s.\-‑'’]*", text[words[j - 1][1] : words[j][0]]):
                break  # names do not run across commas or other punctuation
            if keys[j]:
                parts.append(keys[j])
            key = " ".join(parts)
            if not key or key not in lexicon.prefixes:
                if key:
                    break
                continue
            last = text[words[j][0] : words[j][1]].lower()
            if key in lexicon.index and last not in _ARTICLE_ONLY:
                usable = _usable(text, lexicon.lookup(key), words[i][0], words[j][1])
                if usable:
                    best = Match(words[i][0], _without_possessive(text, words[j][1]), usable)
                    best_j = j
        listed = bool(found) and found[-1].candidates[0].tag in ("place", "governorate")
        listed = listed and bool(_LIST_LINK.fullmatch(text, found[-1].end, words[i][0]))
        if best is not None and best_j == i and _PREFIX_OF_A_NAME.match(text, words[i][0]):
            best = None  # "Tal Tamr", "Tal Shaeer": not the town "At Tall" and a word
        if best is None and (near := _by_skeleton(text, words, i, lexicon, listed)):
            best, best_j = near
        if best:
            found.append(best)
            i = best_j + 1
        else:
            i += 1
    return found


# A place name's first word before another capitalised word is that name's, no place of its own.
_PREFIX_OF_A_NAME = re.compile(rf"{PLACE_PREFIX}[ -](?:(?:al|el)-)?[A-Z]")
# One capitalised word of five letters or more, or several of three or more ("Tel Rifaat").
_SKELETON_SPAN = re.compile(
    r"(?:(?:[Aa]l|[Ee]l)-)?[A-Z](?:[a-z'’]{4,}|[a-z'’]{2,}(?:[ -](?:(?:al|el)-)?[A-Z][a-z'’]{2,})+)"
)


def _by_skeleton(text: str, words: list[tuple[int, int]], i: int, lexicon: Lexicon, listed: bool = False):
    """A place the gazetteer spells otherwise ("Qamishlo" for Al Qamishli): capitalised words
    (_SKELETON_SPAN), after "in", "near", "of"... or another place in a list, or before "area",
    "town"..., with the consonants of a place's name."""
    start = words[i][0]
    locative = listed or bool(_LOCATIVE.search(text[max(0, start - 12) : start]))
    for j in range(min(len(words), i + 3) - 1, i - 1, -1):
        if not (locative or PLACE_NOUN_AFTER.match(text, words[j][1])):
            continue
        span = text[start : words[j][1]]
        if not _SKELETON_SPAN.fullmatch(span):
            continue
        if span.split()[0].lower() in NOT_NAMES:
            return None
        candidates = lexicon.skeletons.get(skeleton(span))
        if candidates and not re.match(r"[ -]?[A-Z]", text[words[j][1] : words[j][1] + 2]):
            return Match(start, words[j][1], candidates), j
    return None


_LEADING_ARTICLE = re.compile(r"^(?:al|el)[-\s‑]", re.IGNORECASE)


def _case_core(name: str) -> str:
    """A short name as its case must match: dots and a leading article aside ("al-Hol" is "El Hol")."""
    return _LEADING_ARTICLE.sub("", name.replace(".", ""))


def _usable(text: str, candidates: list[Candidate], start: int, end: int) -> list[Candidate]:
    surface = re.sub(r"\s+", " ", text[start:end])
    is_arabic = not surface[0].isascii()
    usable = []
    for candidate in candidates:
        if candidate.exact_case:
            if _case_core(surface) != _case_core(candidate.surface):
                continue
        elif not (is_arabic or _capitalised(surface.split()[0]) or candidate.surface[:1].islower()):
            continue
        key = matching_key(candidate.surface)
        if key in HOMOGRAPHS and not _LOCATIVE.search(text[max(0, start - 12) : start]):
            continue
        usable.append(candidate)
    return usable


def scan_between(text: str, lexicon: Lexicon, start: int, end: int) -> list[Match]:
    """The lexicon names among the words of text[start:end], outside the body: the header's title."""
    words = [(m.start(), m.end()) for m in WORD.finditer(text, start, end)]
    return scan(text, words, lexicon, [matching_key(_POSSESSIVE.sub("", text[s:e])) for s, e in words])


def scan_range(doc: Document, lexicon: Lexicon, start: int, end: int) -> list[Match]:
    """The lexicon names among the words lying wholly within [start, end)."""
    # Words neither overlap nor nest: their starts and ends both rise.
    first = bisect.bisect_left(doc.word_starts, start)
    last = bisect.bisect_right(doc.word_ends, end)
    if last <= first:
        return []
    words = doc.words[first:last]
    return scan(doc.text, words, lexicon, [matching_key(_POSSESSIVE.sub("", doc.text[s:e])) for s, e in words])
