"""The extractor's units: numbers, dates, times, stances; a report's header, publication date and encoding."""

import datetime
import json

import pytest

from extraction.dates import resolve_date
from extraction.document import Document
from extraction.extract import extract
from extraction.header import decode_report
from extraction.ingestion.quoting import Sentences
from extraction.numbers import parse_number
from extraction.proposal import ExtractionError
from extraction.stance import guess_stance
from extraction.times import resolve_time
from incidents.demo import REPORT_FILE
from tests.extraction.hand_lexicon import HAND_LEXICON


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [
        ("four", 4, 4),
        ("4", 4, 4),
        ("1,200", 1200, 1200),
        ("twenty-five", 25, 25),
        ("a hundred", 100, 100),
        ("two dozen", 24, 24),
        ("at least 100", 100, None),
        ("at least two", 2, None),
        ("more than 40", 41, None),
        ("up to 10", None, 10),
        ("dozens", 24, None),
        ("several", 3, None),
        ("a dozen", 12, 12),
        ("between four and six", 4, 6),
        ("4-6", 4, 6),
        ("no", 0, 0),
        ("a", 1, 1),
    ],
)
def test_parse_number(phrase, low, high):
    count = parse_number(phrase)
    assert (count.min, count.max) == (low, high)


def test_parse_number_marks_additions_and_approximations():
    assert parse_number("one other").additive and parse_number("one other").min == 1
    assert parse_number("two more").additive and parse_number("two more").min == 2
    assert parse_number("about 30").approximate and (parse_number("about 30").min, parse_number("about 30").max) == (
        30,
        30,
    )
    assert parse_number("more than 40").additive is False
    assert parse_number("lots") is None and parse_number("") is None


FRIDAY = datetime.date(2024, 1, 5)


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        ("Thursday", "2024-01-04", "2024-01-04", "day"),
        ("on Friday", "2024-01-05", "2024-01-05", "day"),
        ("last Friday", "2023-12-29", "2023-12-29", "day"),
        ("Wednesday night", "2024-01-03", "2024-01-03", "day"),
        ("on Tuesday", "2024-01-02", "2024-01-02", "day"),
        ("Saturday's attack", "2023-12-30", "2023-12-30", "day"),
        ("yesterday", "2024-01-04", "2024-01-04", "day"),
        ("last month", "2023-12-01", "2023-12-31", "month"),
        # A part of a month is the month, the precision it is given with; "this week" and "this month" are whole.
        ("late January", "2024-01-01", "2024-01-31", "month"),
        ("early December", "2023-12-01", "2023-12-31", "month"),
        ("earlier this month", "2024-01-01", "2024-01-31", "month"),
        ("this week", "2024-01-01", "2024-01-07", "week"),
        ("in October", "2023-10-01", "2023-10-31", "month"),
        ("on Jan. 28", "2023-01-28", "2023-01-28", "day"),
        ("on Jan. 3", "2024-01-03", "2024-01-03", "day"),
        ("January 28, 2024", "2024-01-28", "2024-01-28", "day"),
        ("28 December 2023", "2023-12-28", "2023-12-28", "day"),
        ("last week", "2023-12-25", "2023-12-31", "week"),
        ("two days ago", "2024-01-03", "2024-01-03", "day"),
        ("since 2014", "2014-01-01", "2014-12-31", "year"),
        ("Between 2017 and 2020", "2017-01-01", "2020-12-31", "year"),
        ("in the 1980s", "1980-01-01", "1989-12-31", "year"),
        ("since the mid-1980s", "1984-01-01", "1986-12-31", "year"),
        ("in the summer of 2014", "2014-06-01", "2014-08-31", "month"),
        ("Turkey's January 12th-15th airstrike campaign", "2023-01-12", "2023-01-15", "days"),
        ("on 1-7 December 2023", "2023-12-01", "2023-12-07", "week"),
    ],
)
def test_resolve_date(phrase, start, end, precision):
    resolved = resolve_date(phrase, FRIDAY)
    assert (resolved.start.isoformat(), resolved.end.isoformat(), resolved.precision) == (start, end, precision)


def test_resolve_date_keeps_the_part_of_day_and_refuses_nonsense():
    assert resolve_date("Wednesday night", FRIDAY).part == "night"
    assert resolve_date("late on Monday", FRIDAY).part == "late"
    assert resolve_date("February 30, 2024", FRIDAY) is None
    assert resolve_date("no date here", FRIDAY) is None


@pytest.mark.parametrize(
    ("phrase", "utc", "approximate"),
    [
        ("at about 0900 GMT", "09:00", True),
        ("2130 GMT", "21:30", False),
        ("3 p.m. local time", "12:00", False),
        ("around 11 a.m.", "08:00", True),
        ("at 9:30 p.m. local time", "18:30", False),
        ("14:05 UTC", "14:05", False),
        # A 24-hour clock with a needless AM: "00:22 AM" past midnight, "0500 AM".
        ("at 00:22 AM local time", "21:22", False),
        ("at 0500 AM today", "02:00", False),
    ],
)
def test_resolve_time(phrase, utc, approximate):
    resolved = resolve_time(phrase)
    assert (resolved.utc.strftime("%H:%M"), resolved.approximate) == (utc, approximate)


def test_resolve_time_past_midnight_local_is_the_previous_utc_day():
    resolved = resolve_time("shortly after 1 a.m. local time")
    assert resolved.utc == datetime.time(22, 0) and resolved.day_offset == -1 and resolved.approximate
    assert resolve_time("13 p.m.") is None


@pytest.mark.parametrize(
    ("quote", "context", "stance"),
    [
        ("We will retaliate and make the Americans regret carrying out this aggression.", "", "threatens"),
        ("unjustified attack on an Iraqi security entity", "denounced the strike, calling it an", "condemns"),
        ("The strike also killed one other member.", "describing it as a self-defense strike", "confirms"),
        ("This precision self-defense strike protects our people.", "Austin said", "justifies"),
        ("We claim responsibility for targeting the occupation base.", "", "claims"),
        ("The claims are false and none of our fighters were hurt.", "", "denies"),
        ("The situation is calm this morning.", "he said", "describes"),
        # Cues seen in batches 17 and 18: a denied confirmation, a pursuit promised, an act against the law.
        ("We can't confirm that the truck was bombed by U.S. aircraft.", "a military official said", "describes"),
        ("There will be no leniency in pursuing them until they are brought to justice.", "", "threatens"),
        ("contrary to all legal basis", "the governor said the shooting was", "condemns"),
        ("elements causing the conflict", "the ministry accused the", "condemns"),
        ("Our security forces surrounded a group of terrorists hiding in an orchard.", "", "claims"),
        ("The Zionist regime will undoubtedly receive a response to this crime.", "", "threatens"),
        ("investigating to determine whether or not the action resulted in civilian harm", "", "describes"),
        ("the death of at least two Hezbollah members", "", "confirms"),
        # Cues seen in batches 25 to 32: responsibility laid on another, a call to stop attacks, a pursuit.
        ("full responsibility for the incident and for any further developments", "it held the government", "condemns"),
        ("take decisive steps to stop these recurring attacks", "the ministry called on the world to", "condemns"),
        ("continue to relentlessly pursue terrorists who seek to harm Americans", "", "threatens"),
        # A promise to root out, the aim or rule an act served, an attempt to undermine.
        ("We are determined and resolute to eradicate terrorism at its roots.", "", "threatens"),
        ("until there is not a single terrorist left in the region.", "", "threatens"),
        ("in order to preserve the lives of civilians", "the army said it redeployed", "justifies"),
        ("in line with engagement rules,", "the ministry said its forces responded", "justifies"),
        ("These attacks are aimed at undermining security and stability", "", "condemns"),
        ("Such actions are a desperate attempt to harm Iraq's reputation", "", "condemns"),
    ],
)
def test_guess_stance(quote, context, stance):
    assert guess_stance(quote, context)[0] == stance


def test_header_date_may_share_the_body_line_and_title_lines_are_read():
    proposal = extract(
        "Title: A strike\nOutlet: Reuters\nURL: https://example.org/a\ndate 2024-01-05 Rockets hit Erbil on Thursday.",
        HAND_LEXICON,
    )
    assert (proposal.title, proposal.outlet, proposal.url) == ("A strike", "Reuters", "https://example.org/a")
    assert proposal.incident_date.start == "2024-01-04"
    assert proposal.dates[0].spans[0][0] > proposal.body_offset - 1


def test_a_given_publication_date_wins_over_none_in_the_text():
    proposal = extract("Rockets hit Erbil on Thursday.", HAND_LEXICON, publication_date=FRIDAY)
    assert proposal.publication_date == "2024-01-05" and proposal.incident_date.start == "2024-01-04"


@pytest.mark.parametrize("text", ["", "Rockets hit Erbil on Thursday.", "Title: only a title\n\nA body."])
def test_no_publication_date_is_a_clear_error(text):
    with pytest.raises(ExtractionError, match="no publication date"):
        extract(text, HAND_LEXICON)


def test_an_impossible_publication_date_is_a_clear_error():
    with pytest.raises(ExtractionError, match="not a valid date"):
        extract("date 2024-02-30 Rockets.", HAND_LEXICON)


def test_garbage_gives_a_proposal_or_a_clear_error():
    import random

    rng = random.Random(20240105)
    seed_text = REPORT_FILE.read_text(encoding="utf-8")
    samples = ["", "date 2024-01-05", "date 2024-01-05 ", "date 2024-01-05\n\n\n", '"“‘’”"', "\x00\x01\x02"]
    samples += ["date 2024-01-05 " + "".join(chr(rng.randrange(0, 0x3000)) for _ in range(2000)) for _ in range(20)]
    samples += [
        "date 2024-01-05 " + bytes(rng.randrange(256) for _ in range(3000)).decode("latin-1") for _ in range(10)
    ]
    samples += ["date 2024-01-05 " + " ".join(rng.choice(seed_text.split()) for _ in range(800)) for _ in range(20)]
    samples += [
        "date 2024-01-05 " + '"' * 5000,
        "date 2024-01-05 " + "killed four " * 3000,
        "date 2024-01-05 " + "A" * 150_000,
    ]
    samples += [seed_text[:n] for n in range(0, len(seed_text), 97)]
    for text in samples:
        try:
            proposal = extract(text, HAND_LEXICON)
        except ExtractionError as exc:
            assert str(exc)
            continue
        json.dumps(proposal.as_dict())
    with pytest.raises(ExtractionError, match="characters long"):
        extract("date 2024-01-05 " + "x" * 300_000, HAND_LEXICON)
    with pytest.raises(ExtractionError, match="must be text"):
        extract(b"date 2024-01-05", HAND_LEXICON)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("date 2024-01-05 “Hit”".encode(), "date 2024-01-05 “Hit”"),
        (b"\xef\xbb\xbfdate 2024-01-05 x", "date 2024-01-05 x"),
        (b"date 2024-01-05 \x93Hit\x94 caf\xe9", "date 2024-01-05 “Hit” café"),
    ],
)
def test_decode_report_accepts_utf8_bom_and_windows_1252(data, expected):
    assert decode_report(data) == expected


@pytest.mark.parametrize("data", [b"date 2024-01-05 \x81\x8d", b"date 2024-01-05 \x00\x01"])
def test_decode_report_refuses_other_bytes(data):
    with pytest.raises(ExtractionError):
        decode_report(data)


def test_the_quoted_sentences_and_the_finders_end_sentences_alike():
    """The summary a draft gets is the report's first sentence, cut where the finders cut it: not at "Jul."."""
    text = "TEHRAN, Jul. 08 (MNA) – A Turkish drone hit a car. The U.S. said no. Gen. J.D. Smith left."
    sentences = Sentences(text)
    assert sentences.lead() == "TEHRAN, Jul. 08 (MNA) – A Turkish drone hit a car."
    assert sentences.around(60, 62) == "The U.S. said no."
    document = Document(text, 0)
    assert [text[s.start : s.end] for s in document.sentences] == [
        "TEHRAN, Jul. 08 (MNA) – A Turkish drone hit a car.",
        "The U.S. said no.",
        "Gen. J.D. Smith left.",
    ]
