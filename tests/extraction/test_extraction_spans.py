"""extraction/spans.py answers as the loops over every span it replaced did."""

import random
from dataclasses import dataclass, field

import pytest

from extraction.spans import LastBefore, Owners, Spans, Taken


@dataclass
class Owner:
    spans: list = field(default_factory=list)


def random_spans(rnd, count, size=60):
    spans = []
    for _ in range(count):
        start = rnd.randrange(size)
        spans.append((start, min(size, start + rnd.randrange(1, 12))))
    return spans


@pytest.mark.parametrize("seed", range(40))
def test_span_questions_match_a_walk_over_every_span(seed):
    rnd = random.Random(seed)
    spans = random_spans(rnd, rnd.randrange(0, 15))
    index = Spans(spans)
    for start in range(62):
        for end in range(start, 64):
            assert index.overlaps(start, end) == any(s < end and start < e for s, e in spans)
            assert index.contains(start, end) == any(s <= start and end <= e for s, e in spans)
            assert index.within(start, end) == any(start <= s and e <= end for s, e in spans)
        expected = next(((s, e) for s, e in sorted(spans) if s < start < e - 1), None)
        assert index.first_around(start) == expected


@pytest.mark.parametrize("seed", range(40))
def test_owner_questions_match_a_walk_over_every_owner(seed):
    rnd = random.Random(seed)
    owners = [Owner([list(s) for s in random_spans(rnd, rnd.randrange(1, 4))]) for _ in range(rnd.randrange(0, 6))]
    first, last = Owners(70, owners), LastBefore(owners)
    for start in range(62):
        for end in range(start + 1, 64):
            # The owner of the first character in [start, end) that has one; of two owners there, the first listed.
            covering = ([o for o in owners if any(s <= p < e for s, e in o.spans)] for p in range(start, end))
            expected = next((over[0] for over in covering if over), None)
            assert first.at(start, end) is expected
        best, best_pos = None, -1
        for owner in owners:
            for s, _ in owner.spans:
                if best_pos < s < start:
                    best, best_pos = owner, s
        assert last.before(start) is best


def test_taken_characters():
    taken = Taken(20, [(2, 5)])
    taken.add(9, 12)
    assert taken.overlaps(4, 9) and not taken.overlaps(5, 9) and taken.overlaps(11, 30)
    assert taken.holds(2) and not taken.holds(5)
