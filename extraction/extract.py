"""Turn a news report's text into a proposal for staff to review.

The proposal lists dates, places, armed groups, people, casualty claims, statements, the event
type and the means, each with the character spans [start, end) of the text it came from (offsets
into the text as given, header included). It is built from patterns and a `Lexicon` of known names
only: no NLP package and no database access here, so a hand-built lexicon works as well as one read
from the database. `Proposal.as_dict()` is the JSON shape documented in docs/extraction.md.

Each finder has its module; they run in this order, as the later ones ask what the earlier found:
people, groups (not inside a person's name), places, statements (their speakers among the people
and groups), dates, casualty claims (their claimants among the statements' speakers), the groups'
roles, the event type (its perpetrator and target among the roles) and the means.
"""

import datetime

from extraction.casualties import find_claims
from extraction.categories import members_of_the_force_attacked
from extraction.dates import date_statements, find_dates
from extraction.events import find_event_type, find_means, with_the_events_means
from extraction.groups import find_groups
from extraction.header import find_dateline, parse_header
from extraction.lexicon import Lexicon
from extraction.matching import Match, scan, scan_between, word_keys
from extraction.people import find_people
from extraction.places import find_places
from extraction.proposal import ExtractionError, Proposal
from extraction.reading import Reading
from extraction.roles import find_roles
from extraction.spans import Spans
from extraction.statements import find_statements

# News reports run to a few thousand characters; anything this long is not one.
MAX_CHARS = 200_000


def extract(text: str, lexicon: Lexicon, publication_date: datetime.date | None = None) -> Proposal:
    """The proposal for one report. Raises ExtractionError (a ValueError) and nothing else.

    The publication date comes from the header (`date YYYY-MM-DD`) unless given: a caller that
    already knows it (a Report being reviewed) passes it and it wins.
    """
    if not isinstance(text, str):
        raise ExtractionError("the report must be text (str)")
    if len(text) > MAX_CHARS:
        raise ExtractionError(f"the report is {len(text):,} characters long; at most {MAX_CHARS:,} are accepted")
    header = parse_header(text)
    published = publication_date or header.published
    if published is None:
        raise ExtractionError(
            "no publication date: start the report with a line such as 'date 2024-01-05' "
            "(relative dates like 'Thursday' cannot be resolved without it)"
        )
    try:
        return _read(Reading(text, lexicon, published, header))
    except (RecursionError, MemoryError, OverflowError) as exc:
        raise ExtractionError(f"the report could not be read: {exc.__class__.__name__}") from None


def _read(reading: Reading) -> Proposal:
    text, doc = reading.text, reading.doc
    reading.dateline = find_dateline(text, doc.start)
    if reading.dateline and reading.dateline.group("outlet") and not reading.outlet:
        reading.outlet = reading.dateline.group("outlet").strip()
    matches = scan(text, doc.words, reading.lexicon, word_keys(doc))
    reading.set_people(find_people(reading, matches))
    person_spans = Spans(tuple(s) for p in reading.people for s in p.spans)
    matches = [m for m in matches if not _inside_person(m, person_spans)]
    reading.set_groups(find_groups(reading, matches))
    places = find_places(reading, [*_title_matches(reading), *matches])
    reading.set_statements(find_statements(reading))
    dates = find_dates(reading)
    reading.set_dates(dates)
    date_statements(reading, dates)
    claims = find_claims(reading)
    find_roles(reading, claims)
    means = find_means(reading)
    event_type = find_event_type(reading, means)
    members_of_the_force_attacked(reading, claims, event_type)
    means = with_the_events_means(means, event_type)
    return Proposal(
        publication_date=reading.published.isoformat(),
        title=reading.header.title,
        outlet=reading.outlet,
        url=reading.header.url,
        body_offset=doc.start,
        dates=dates,
        places=places,
        groups=reading.groups,
        people=reading.people,
        casualty_claims=claims,
        statements=reading.statements,
        event_type=event_type,
        means=means,
        warnings=reading.warnings,
    )


def _title_matches(reading: Reading) -> list[Match]:
    """The names in the header's title ("Landmine kills three children in northern Syria", "ISIS ambush in Syria's
    Raqqa"), whose countries find_places takes as the body's."""
    at = reading.header.title_offset
    return scan_between(reading.text, reading.lexicon, at, at + len(reading.header.title)) if at >= 0 else []


def _inside_person(match: Match, person_spans: Spans) -> bool:
    """A lexicon match inside a person's name is part of that name, unless it is a person's or a group's."""
    if any(c.tag == "person" for c in match.candidates):
        return False
    return person_spans.contains(match.start, match.end) and not any(c.tag == "group" for c in match.candidates)
