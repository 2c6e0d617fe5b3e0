"""Report extraction stays linear in the report's length (extraction/extract.py and its finders, extraction/spans.py).

Work is counted, not timed: every Python function call, generator step and C call the extractor
makes (sys.setprofile). Text four times as long must cost about four times as many steps; a loop
over everything found so far, per thing found, makes it up to sixteen (before the change that made
extraction linear: 5.8x for the "names" text, 5.4x for "junk", 9.5x for joined quotations).
"""

import sys

import pytest

from benchmarks import extraction
from extraction.document import MAX_SENTENCE_CHARS, Document
from extraction.extract import extract
from extraction.header import parse_header
from extraction.lexicon import build_lexicon
from incidents.demo import load_demo

SMALL = 10_000
# Steps for four times the text, at most: a little over four (sentences cut at different places).
GROWTH = 4.5


@pytest.fixture
def lexicon(db):
    load_demo()
    return build_lexicon()


def steps(report: str, lexicon) -> int:
    count = 0

    def tally(frame, event, arg):
        nonlocal count
        count += 1

    sys.setprofile(tally)
    try:
        extract(report, lexicon)
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("kind", extraction.KINDS)
def test_four_times_the_text_is_about_four_times_the_work(lexicon, kind):
    small = steps(extraction.text(kind, SMALL), lexicon)
    large = steps(extraction.text(kind, 4 * SMALL), lexicon)
    assert large <= GROWTH * small, f"{kind}: {small:,} steps at {SMALL:,} characters, {large:,} at {4 * SMALL:,}"


def test_quotations_joined_one_after_another_stay_linear(lexicon):
    # Unattributed quotations in one paragraph are joined into one statement, each scored once.
    quote = '"We will continue to target them wherever they are." '

    def report(n):
        return "date 2024-01-05\n\nThe militia said in a statement: " + quote * n

    assert steps(report(400), lexicon) <= GROWTH * steps(report(100), lexicon)


def test_text_without_sentence_punctuation_is_cut_into_bounded_sentences():
    junk = extraction.text("junk", 20_000)
    doc = Document(junk, parse_header(junk).body_offset)
    assert len(doc.sentences) >= 20_000 // MAX_SENTENCE_CHARS
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in doc.sentences)
    # Every word is still in some sentence.
    covered = sum(s.end - s.start for s in doc.sentences)
    assert covered >= len(junk) - doc.start - len(doc.sentences)


def test_news_sentences_are_left_whole():
    news = extraction.text("news", 20_000)
    doc = Document(news, parse_header(news).body_offset)
    assert max(s.end - s.start for s in doc.sentences) < MAX_SENTENCE_CHARS


def test_benchmark_table(lexicon):
    results = extraction.run(lexicon, runs=1, sizes=(2_000,), log=lambda message: None)
    assert [r["kind"] for r in results] == list(extraction.KINDS)
    lines = extraction.table(results)
    assert len(lines) == 2 + len(results) and all(r["seconds"] > 0 and r["floor"] > 0 for r in results)


def test_make_bench_prints_the_extraction_table():
    from benchmarks import run

    machine = {
        "cores": 2,
        "cpu": "test",
        "memory_gib": 24,
        "python": "3.11",
        "postgresql": "15",
        "postgresql_settings": {},
        "commit": "abc",
        "started": "now",
        "loadavg_start": [1.0, 1.0, 1.0],
    }
    rows = [
        {"group": "extract", "kind": "news", "chars": 10_000, "seconds": 0.1, "floor": 0.01},
        {"group": "extract", "kind": "news", "chars": 200_000, "seconds": 2.4, "floor": 0.2},
    ]
    text = run.report({"machine": machine, "extraction": rows})
    assert "### Report extraction" in text
    assert "| news | 10,000 | 0.10 s | 10.0 | 1.00x | 10 ms | 10x |" in text
    assert "| news | 200,000 | 2.40 s | 12.0 | 1.20x | 200 ms | 12x |" in text
