"""Name normalisation shared by search, alias matching and importers."""

import re
import unicodedata
from functools import lru_cache

_ARTICLE = re.compile(r"\b(?:al|an|ar|as|ash|at|ad|adh|az|el)[\s\-]+", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


# Pure functions of short, much repeated strings (importers fold each row's actors, event types and
# places): each distinct value is worked out once.
@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower-case and strip diacritics: "Şalāḩ ad Dīn" -> "salah ad din"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=16384)
def normalise_name(text: str) -> str:
    """A matching key: folded, Arabic articles and punctuation dropped.

    "Harakat al-Nujaba", "Harakat an Nujaba" and "Harakat Al Nujaba" all give "harakat nujaba".
    """
    folded = fold(text).replace("'", "").replace("\u2019", "").replace("\u02bf", "").replace("\u02be", "")
    folded = _NON_WORD.sub(" ", folded)
    folded = _ARTICLE.sub("", folded + " ")
    return _SPACES.sub(" ", folded).strip()
