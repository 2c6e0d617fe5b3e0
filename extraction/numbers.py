"""Counts in words or digits, with their bounds: "at least 100", "dozens", "two dozen", "between 5 and 7"."""

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "no": 0, "none": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "both": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Vague quantities: (minimum, maximum); None is "at least".
_VAGUE = {
    "dozens": (24, None), "scores": (40, None), "hundreds": (200, None), "thousands": (2000, None),
    "tens of thousands": (20000, None), "hundreds of thousands": (200000, None),
    "several": (3, None), "a few": (2, None), "a handful": (2, None), "a dozen": (12, 12),
    "a couple": (2, 2), "a couple of": (2, 2),
}  # fmt: skip
# "a fourth was injured": one more person, counted after the others.
ORDINAL = r"an?\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, "hundred", "thousand", "dozen"], key=len, reverse=True))


@dataclass(frozen=True)
class Count:
    min: int | None
    max: int | None
    approximate: bool = False
    additive: bool = False  # "one other", "two more": adds to a figure given before


def _cardinal(words: str) -> int | None:
    """A plain number in digits or words: "1,200", "twenty-five", "a hundred", "two dozen"."""
    words = words.strip().lower()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", words):
        return int(words.replace(",", ""))
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+(?:and[\s-]+)?", words):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


_RANGE = re.compile(r"(?:between\s+)?(.+?)\s*(?:\band\b|\bto\b|\bor\b|-|–)\s*(.+)")


def parse_number(phrase: str) -> Count | None:
    """A count with its bounds: "at least 100" is (100, None), "dozens" (24, None), "no" (0, 0)."""
    text = re.sub(r"\s+", " ", phrase.strip().lower())
    text = re.sub(r"^all (?=\S)", "", text)  # "all three": three
    if re.fullmatch(ORDINAL, text):
        return Count(1, 1, additive=True)
    additive = False
    if re.search(r"\b(?:other|others|another|additional|further)\b|\w\s+more$", text):
        additive = True
        text = re.sub(
            r"\s*\b(?:other|others|more|additional|further)\b\s*$|\s*\b(?:other|others|additional|further)\b\s*",
            " ",
            text,
        ).strip()
        text = re.sub(r"^another\b\s*", "", text).strip() or "one"
    if text in _VAGUE:
        low, high = _VAGUE[text]
        return Count(low, high, approximate=high is None, additive=additive)
    if text.endswith(" or more"):
        value = _cardinal(text.removesuffix(" or more"))
        return None if value is None else Count(value, None, additive=additive)
    for prefix, make in (
        ("at least ", lambda n: Count(n, None)),
        ("as many as ", lambda n: Count(None, n)),
        ("up to ", lambda n: Count(None, n)),
        ("at most ", lambda n: Count(None, n)),
        ("more than ", lambda n: Count(n + 1, None)),
        ("over ", lambda n: Count(n + 1, None)),
        ("fewer than ", lambda n: Count(None, max(n - 1, 0))),
        ("less than ", lambda n: Count(None, max(n - 1, 0))),
        ("about ", lambda n: Count(n, n, approximate=True)),
        ("around ", lambda n: Count(n, n, approximate=True)),
        ("approximately ", lambda n: Count(n, n, approximate=True)),
        ("roughly ", lambda n: Count(n, n, approximate=True)),
        ("some ", lambda n: Count(n, n, approximate=True)),
        ("nearly ", lambda n: Count(n, n, approximate=True)),
        ("almost ", lambda n: Count(n, n, approximate=True)),
    ):
        if text.startswith(prefix):
            inner = parse_number(text.removeprefix(prefix))
            if inner is None or inner.min is None:
                return None
            made = make(inner.min)
            return Count(made.min, made.max, made.approximate, additive)
    value = _cardinal(text)
    if value is not None:
        return Count(value, value, additive=additive)
    if match := _RANGE.fullmatch(text):
        low, high = _cardinal(match.group(1)), _cardinal(match.group(2))
        if low is not None and high is not None and low <= high:
            return Count(low, high, additive=additive)
    return None
