"""Whole sentences around the words a proposal matched, quoted in the records written from it."""

import bisect
import re

from extraction.document import closes_abbreviation
from extraction.header import find_dateline


class Sentences:
    """Sentence bounds in a report's body, to quote whole sentences around the words matched."""

    _END = re.compile(r"[.!?][\"”’)\]]*(?=\s)|\n")

    def __init__(self, text: str, body_offset: int = 0):
        self.text = text
        self.start = body_offset
        self.breaks = [body_offset]
        for match in self._END.finditer(text, body_offset):
            # "U.S.", "Maj." and "Jul." end with a full stop but not a sentence.
            if not closes_abbreviation(text, match.start(), body_offset):
                self.breaks.append(match.end())
        self.breaks.append(len(text))

    def around(self, start: int, end: int) -> str:
        left = self.breaks[max(bisect.bisect_right(self.breaks, start) - 1, 0)]
        right = self.breaks[min(bisect.bisect_left(self.breaks, max(end, start + 1)), len(self.breaks) - 1)]
        return _balanced(squash(self.text[left:right]))

    def quote(self, spans) -> str:
        """The sentences holding the spans, in order, each once."""
        found = []
        for start, end in sorted(spans):
            sentence = self.around(start, end)
            if sentence and sentence not in found:
                found.append(sentence)
        return " … ".join(found)

    def lead(self) -> str:
        """The report's first sentence."""
        return self.around(self.start, self.start)

    def lead_after_dateline(self) -> str:
        """The report's first sentence from after its dateline ("KIFRI — ", "SINJAR, Iraq (AP) — "): a summary."""
        dateline = find_dateline(self.text, self.start)
        start = dateline.end() if dateline else self.start
        end = self.breaks[min(bisect.bisect_right(self.breaks, start), len(self.breaks) - 1)]
        return _balanced(squash(self.text[start:end]))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _balanced(sentence: str) -> str:
    """Drop a quotation mark the sentence opens or closes without its pair (a quote running across sentences)."""
    if sentence.count('"') % 2:
        sentence = sentence.strip('"')
    if sentence.startswith("“") and "”" not in sentence:
        sentence = sentence[1:]
    if sentence.endswith("”") and "“" not in sentence:
        sentence = sentence[:-1]
    return sentence.strip()
