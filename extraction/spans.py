"""Span look-ups for the report extractor, so that reading a report costs time in proportion to its
length: each question ("does anything recorded overlap these characters?", "which group is named
here?") is answered by bisection or by reading the characters asked about, never by walking every
span recorded so far. Spans are half-open [start, end) character offsets into the report.
"""

from array import array
from bisect import bisect_left, bisect_right
from itertools import accumulate

_NOBODY = 2**31 - 1


class Spans:
    """A fixed set of spans, sorted by start."""

    def __init__(self, spans):
        self.items = sorted((s, e) for s, e in spans)
        self.starts = [s for s, _ in self.items]
        # reach[i]: the furthest end among the first i + 1 spans.
        self.reach = list(accumulate((e for _, e in self.items), max))
        self._least_end = None

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span shares a character with [start, end): some s < end and start < e."""
        i = bisect_left(self.starts, end)
        return i > 0 and self.reach[i - 1] > start

    def contains(self, start: int, end: int) -> bool:
        """Whether a span holds all of [start, end): some s <= start and end <= e."""
        i = bisect_right(self.starts, start)
        return i > 0 and self.reach[i - 1] >= end

    def within(self, start: int, end: int) -> bool:
        """Whether a span lies inside [start, end]: some start <= s and e <= end."""
        if self._least_end is None:
            self._least_end = list(accumulate(reversed([e for _, e in self.items]), min))[::-1]
        i = bisect_left(self.starts, start)
        return i < len(self.items) and self._least_end[i] <= end

    def first_around(self, pos: int) -> tuple[int, int] | None:
        """The first span (in start order) with s < pos < e - 1: pos inside it, not on its last character."""
        i = bisect_right(self.reach, pos + 1)
        if i < len(self.items) and self.starts[i] < pos:
            return self.items[i]
        return None


class Taken:
    """Characters claimed so far, one flag each: claims may come in any order."""

    def __init__(self, size: int, spans=()):
        self.flags = bytearray(size + 1)
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int):
        if end > start:
            self.flags[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return self.flags.find(1, start, end) >= 0

    def holds(self, pos: int) -> bool:
        return bool(self.flags[pos])


class Owners:
    """For each character, the first owner (in list order) with a span over it."""

    def __init__(self, size: int, owners):
        self.owners = list(owners)
        self.first = array("i", [_NOBODY]) * (size + 1)
        for index in reversed(range(len(self.owners))):
            for start, end in self.owners[index].spans:
                if end > start:
                    self.first[start:end] = array("i", [index]) * (end - start)

    def at(self, start: int, end: int):
        """The owner of the first character of [start, end) that has one ("Netanyahu and Katz said": Netanyahu),
        or None."""
        index = next((i for i in self.first[start:end] if i != _NOBODY), _NOBODY) if end > start else _NOBODY
        return None if index == _NOBODY else self.owners[index]


class LastBefore:
    """The owner with the latest span start before a position (among the starts `keep` keeps); among equal
    starts, the first owner."""

    def __init__(self, owners, keep=lambda start: True):
        self.owners = list(owners)
        self.keys = sorted(
            (start, index) for index, owner in enumerate(self.owners) for start, _ in owner.spans if keep(start)
        )

    def before(self, pos: int):
        i = bisect_left(self.keys, (pos, -1)) - 1
        if i < 0:
            return None
        start = self.keys[i][0]
        return self.owners[self.keys[bisect_left(self.keys, (start, -1))][1]]
