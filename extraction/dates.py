"""Dates and times in a report: what each date phrase means given the publication date ("Thursday",
"last month", "late January"), which one is the incident's and which are earlier events or when
something was said; the time of day is extraction.times's.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from extraction.numbers import parse_number
from extraction.proposal import DateProposal
from extraction.reading import Reading
from extraction.spans import Taken
from extraction.times import attach_time
from extraction.words import MONTH, SAY_VERB, WEEKDAY, span_list

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_DAY_PART = r"(?:morning|afternoon|evening|night)"
_DATE_PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    # "January 12th-15th", "12-15 January 2024": a span of days.
    ("span", re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*[-–]\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?")),  # noqa: E501
    ("span", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*[-–]\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{MONTH})\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?")),  # noqa: E501
    ("mdy", re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b")),
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>(?:19|20)\d\d)\b")),  # noqa: E501
    # "between 2017 and 2020", "the 1980s", "the mid-1980s", "the summer of 2014": spans of years or months.
    ("years", re.compile(r"\b(?i:between|from)\s+(?P<y>(?:19|20)\d\d)\s+(?i:and|to|until|till)\s+(?P<y2>(?:19|20)\d\d)\b")),  # noqa: E501
    ("decade", re.compile(r"\b(?:(?P<part>early|mid|late)[\s-]+)?(?P<dec>(?:19|20)\d)0['’]?s\b", re.IGNORECASE)),
    ("season", re.compile(r"\b(?P<season>spring|summer|autumn|fall)\s+of\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE)),
    ("part", re.compile(rf"\b(?P<part>early|mid|late|the end of|end of|the beginning of|the start of|the middle of)[\s-]+(?P<mon>{MONTH})(?:,?\s+(?P<y>(?:19|20)\d\d))?\b", re.IGNORECASE)),  # noqa: E501
    ("my", re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<y>(?:19|20)\d\d)\b")),
    # "on October 7 last year", "last year's October 7 attack": that day of the year before publication.
    ("last_year_day", re.compile(rf"\b(?i:last\s+year['’]s)\s+(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b")),
    ("last_year_day", re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?i:last\s+year)\b")),
    ("last_year_day", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?i:last\s+year)\b")),  # noqa: E501
    ("md", re.compile(rf"\b(?P<mon>{MONTH})(?:\s+|(?<=\.))(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:GMT|UTC|a\.?m|p\.?m|percent|%))")),  # noqa: E501
    ("dm", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MONTH})\b")),
    # "in April last year", "last year in April": that month of the year before publication.
    ("last_year", re.compile(rf"\b(?P<mon>{MONTH})\s+(?:of\s+)?(?i:last\s+year)\b")),
    ("last_year", re.compile(rf"\b(?i:last\s+year)\s+(?i:in)\s+(?P<mon>{MONTH})\b")),
    ("month", re.compile(rf"(?:\b(?i:in|since|during|until|by|from|through|last|this|of|early|late|mid)\s+)(?P<mon>{MONTH})\b(?!\s+\d)")),  # noqa: E501
    # "in 2017 and 2019": a year listed too.
    ("year", re.compile(r"\b(?i:in|since|during|until|by|from|of|to|through|and)\s+(?:(?i:early|late|mid)[\s-]+)?(?P<y>(?:19|20)\d\d)\b(?![-–/]\d)")),  # noqa: E501
    # "Olive Branch (2018)": a year set in brackets.
    ("year", re.compile(r"(?<=\()(?P<y>(?:19|20)\d\d)(?=\))")),
    # "the group's 2017 defeat", "the 2003 invasion": a year naming an event.
    # "the 2003 U.S.-led invasion", "the 1979 Islamic Revolution", "a 2020 coalition strike".
    ("year", re.compile(r"(?:['’]s|\b(?i:the|its|their|his|her|a))\s+(?P<y>(?:19|20)\d\d)\s+(?:[\w.-]+\s+){0,2}?(?i:defeat|war|invasion|offensive|uprising|revolution|elections?|ouster|fall|collapse|earthquake|ceasefire|truce|referendum|agreement|strike|attack|bombing)\b")),  # noqa: E501
    ("weekday", re.compile(rf"\b(?:(?P<part1>early|late|overnight)\s+(?:on\s+)?)?(?:(?P<last>last|this past|past)\s+)?(?P<wd>{WEEKDAY})(?:['’]s)?(?:\s+(?P<part2>{_DAY_PART}))?\b")),  # noqa: E501
    ("relative", re.compile(r"\b(?P<rel>the day before yesterday|yesterday|today|tonight|this (?:morning|afternoon|evening)|last night|overnight|last (?:week|month|year)|earlier this (?:week|month|year)|this (?:week|month|year)|(?P<n>\w+) (?P<unit>days?|weeks?|months?) ago)\b", re.IGNORECASE)),  # noqa: E501
]  # fmt: skip
_STATEMENT_DATE = re.compile(
    # Not a passive: "airstrikes were reported on Saturday" date the strikes.
    rf"(?<!\bwere )(?<!\bwas )(?<!\bbeen )\b(?:{SAY_VERB}|statement|announced|news conference|briefing|interview"
    r"|condemned|denounced)"
    rf"\s+(?:\w+\s+){{0,2}}(?:on\s+|late\s+|early\s+)?$"
    # "according to local sources on Sunday": when the source spoke.
    # Only words naming the source between: not "according to sources the strike took place on".
    r"|\baccording\s+to\s+(?:(?!(?:took|place|was|were|is|are|happened|occurred|came|struck|hit|killed)\b)"
    r"[\w'’()-]+\s+){1,8}?on\s+$",
    re.IGNORECASE,
)
# "The directorate on Monday announced that...": the day it spoke.
# '..., in a post last Monday, urged Israel': the day it spoke, the aside's comma before the verb.
_SAID_AFTER = re.compile(
    rf"\s*(?:{SAY_VERB}|condemned|denounced|blamed|accused|mourned|urged)\b|,\s*(?:urged|called\s+on)\b", re.IGNORECASE
)
# A day and month looking ahead: "ahead of the elections on May 14", "scheduled for June 3".
# The cue governs the date: at most four words come between ("ahead of the Turkish elections on").
_AHEAD = re.compile(
    r"\b(?:ahead\s+of|upcoming|scheduled\s+(?:for|on)|planned\s+(?:for|on)|due\s+(?:on|to)|next(?!\s+to\b)"
    r"|plans?\s+to|(?:to|will)\s+be\s+held)"
    r"(?:\s+[\w'’-]+){0,4}?\s+(?:on\s+)?$",
    re.IGNORECASE,
)


def _next_year(resolved: "ResolvedDate") -> "ResolvedDate":
    try:
        start = resolved.start.replace(year=resolved.start.year + 1)
    except ValueError:  # 29 February
        return resolved
    return ResolvedDate(start, start, resolved.precision, resolved.part)


_ATTACK_BEFORE = re.compile(
    r"\b(?:air\s?strikes?|strikes?|attacks?|bombings?|explosions?|blasts?|clashes|ambush|raids?|shelling)\s+"
    r"(?:(?:late|early)\s+)?on\s+$",
    re.IGNORECASE,
)


# The parts of a month a text names, by the name _part_end knows them by.
_MONTH_PARTS = {
    "early": "early",
    "the beginning of": "early",
    "the start of": "early",
    "mid": "mid",
    "the middle of": "mid",
    "late": "late",
    "the end of": "late",
    "end of": "late",
}


def _part_end(resolved: "ResolvedDate") -> datetime.date:
    """The last day of the part of a month named ("early April" ends on the 10th, "mid-April" on the 20th): a part
    over by publication tells of an earlier event, though its date is the whole month."""
    return {"early": resolved.start.replace(day=10), "mid": resolved.start.replace(day=20)}.get(
        resolved.part, resolved.end
    )


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _year_for(month: int, published: datetime.date, day: int = 1) -> int:
    """The most recent year in which month (and day) is not after the publication date."""
    try:
        candidate = datetime.date(published.year, month, min(day, calendar.monthrange(published.year, month)[1]))
    except ValueError:
        return published.year
    return published.year - 1 if candidate > published + datetime.timedelta(days=2) else published.year


@dataclass(frozen=True)
class ResolvedDate:
    start: datetime.date
    end: datetime.date
    precision: str
    part: str = ""


def resolve_date(phrase: str, published: datetime.date) -> ResolvedDate | None:
    """What a date phrase means in a report published on `published`.

    "Thursday" in a report of Friday 2024-01-05 is 2024-01-04; "last month" is the previous month
    with month precision; "late January" is January, with month precision.
    """
    for kind, pattern in _DATE_PATTERNS:
        match = pattern.search(phrase)
        if match:
            return _resolve(kind, match, published)
    return None


def _resolve(kind: str, m: re.Match, published: datetime.date) -> ResolvedDate | None:
    g = m.groupdict()
    month = _MONTHS.get((g.get("mon") or "").lower().rstrip("."))
    try:
        if kind == "iso":
            day = datetime.date(int(g["y"]), int(g["m"]), int(g["d"]))
            return ResolvedDate(day, day, "day")
        if kind == "span":
            year = int(g["y"]) if g.get("y") else _year_for(month, published, int(g["d2"]))
            first, last = datetime.date(year, month, int(g["d"])), datetime.date(year, month, int(g["d2"]))
            days = (last - first).days + 1
            if days < 2:
                return None
            return ResolvedDate(first, last, "days" if days <= 6 else "week" if days == 7 else "month")
        if kind in ("mdy", "dmy"):
            day = datetime.date(int(g["y"]), month, int(g["d"]))
            return ResolvedDate(day, day, "day")
        if kind in ("md", "dm"):
            year = _year_for(month, published, int(g["d"]))
            day = datetime.date(year, month, int(g["d"]))
            return ResolvedDate(day, day, "day")
        if kind == "years" and int(g["y2"]) > int(g["y"]):
            return ResolvedDate(datetime.date(int(g["y"]), 1, 1), datetime.date(int(g["y2"]), 12, 31), "year")
        if kind == "decade":
            first = int(g["dec"]) * 10 + {"early": 0, "mid": 4, "late": 7}.get((g["part"] or "").lower(), 0)
            last = int(g["dec"]) * 10 + {"early": 3, "mid": 6}.get((g["part"] or "").lower(), 9)
            return ResolvedDate(datetime.date(first, 1, 1), datetime.date(last, 12, 31), "year")
        if kind == "season":
            begin = {"spring": 3, "summer": 6}.get(g["season"].lower(), 9)
            year = int(g["y"])
            return ResolvedDate(datetime.date(year, begin, 1), _month_end(year, begin + 2), "month")
        if kind == "last_year_day":
            day = datetime.date(published.year - 1, month, int(g["d"]))
            return ResolvedDate(day, day, "day")
        if kind == "last_year":
            year = published.year - 1
            return ResolvedDate(datetime.date(year, month, 1), _month_end(year, month), "month")
        if kind in ("my", "month", "part"):
            year = int(g["y"]) if g.get("y") else _year_for(month, published)
            first, last = datetime.date(year, month, 1), _month_end(year, month)
            return ResolvedDate(first, last, "month", _MONTH_PARTS.get((g.get("part") or "").lower(), ""))
    except ValueError:
        return None
    if kind == "year":
        year = int(g["y"])
        return ResolvedDate(datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year")
    if kind == "weekday":
        offset = (published.weekday() - _WEEKDAYS[g["wd"].lower()]) % 7
        if g.get("last") and offset == 0:
            offset = 7
        day = published - datetime.timedelta(days=offset)
        part = " ".join(p.lower() for p in (g.get("part1"), g.get("part2")) if p)
        return ResolvedDate(day, day, "day", part)
    rel = g["rel"].lower()
    if rel in ("today", "tonight") or rel.startswith("this ") and rel.split()[1] in ("morning", "afternoon", "evening"):
        return ResolvedDate(published, published, "day", rel.split()[-1] if rel != "today" else "")
    if rel in ("yesterday", "last night", "overnight"):
        day = published - datetime.timedelta(days=1)
        return ResolvedDate(day, day, "day", "night" if rel != "yesterday" else "")
    if rel == "the day before yesterday":
        day = published - datetime.timedelta(days=2)
        return ResolvedDate(day, day, "day")
    if rel.endswith("week"):
        monday = published - datetime.timedelta(days=published.weekday())
        if rel.startswith("last"):
            monday -= datetime.timedelta(days=7)
            return ResolvedDate(monday, monday + datetime.timedelta(days=6), "week")
        return ResolvedDate(monday, monday + datetime.timedelta(days=6), "week")
    if rel.endswith("month"):
        first = _shift_month(published, -1 if rel.startswith("last") else 0)
        return ResolvedDate(first, _month_end(first.year, first.month), "month")
    if rel.endswith("year"):
        # "this year" is the calendar year, as "in 2024" is: a year's precision says no more than that.
        year = published.year - (1 if rel.startswith("last") else 0)
        return ResolvedDate(datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year")
    if g.get("unit"):
        count = parse_number(g["n"])
        if count is None or count.min is None or count.min > 400:
            return None
        unit = g["unit"].lower().rstrip("s")
        if unit == "day":
            day = published - datetime.timedelta(days=count.min)
            return ResolvedDate(day, day, "day")
        if unit == "week":
            day = published - datetime.timedelta(days=7 * count.min)
            monday = day - datetime.timedelta(days=day.weekday())
            return ResolvedDate(monday, monday + datetime.timedelta(days=6), "week")
        first = _shift_month(published, -count.min)
        return ResolvedDate(first, _month_end(first.year, first.month), "month")
    return None


def find_dates(reading: Reading) -> list[DateProposal]:
    text, published = reading.text, reading.published
    mentions: list[tuple[int, int, ResolvedDate]] = []
    taken = Taken(len(text))
    if reading.dateline:
        taken.add(*reading.dateline.span())
        if reading.dateline.group("date"):
            resolved = resolve_date(reading.dateline.group("date"), published)
            if resolved and resolved.start != published:
                reading.warnings.append(
                    f"the dateline says {reading.dateline.group('date')} but the publication date is {published.isoformat()}"  # noqa: E501
                )
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text, reading.doc.start):
            start, end = match.span()
            if kind == "month":
                start = match.start("mon")
            elif kind == "year":
                start = match.start("y")
            if taken.overlaps(start, end):
                continue
            resolved = _resolve(kind, match, published)
            if resolved is None:
                continue
            if kind == "md" and resolved.start < published and _AHEAD.search(text, max(0, start - 60), start):
                # "ahead of the elections on May 14": the next May 14, not the last.
                ahead = _next_year(resolved)
                resolved = ahead if ahead.start <= published + datetime.timedelta(days=366) else resolved
            if resolved.start > published + datetime.timedelta(days=2):
                reading.warnings.append(f"{match.group()!r} resolves to {resolved.start}, after the publication date")
            mentions.append((start, end, resolved))
            taken.add(start, end)
    mentions.sort()
    items: dict[tuple, DateProposal] = {}
    stated: set[int] = set()  # the items named at least once as a statement's day
    previous_end, role = -1, "other"
    for start, end, resolved in mentions:
        if re.fullmatch(r"\s*(?:\(|,)\s*", text[previous_end:start]):
            pass  # "on Friday (March 14)", "Friday, March 14": the same day restated keeps its role
        elif _spoken_on(reading, start, end):
            role = "statement"
        elif (
            reading.doc.is_background(start)
            # A whole year is a tally's span ("this year", "in 2024"), no event's day; a year ahead is no earlier.
            or resolved.precision == "year"
            and resolved.start <= published
            or resolved.precision == "month"
            and _part_end(resolved) < published
        ):
            role = "earlier"
        else:
            role = "other"
        key = (resolved.start, resolved.end, resolved.precision)
        item = items.get(key)
        if item is None:
            item = items[key] = DateProposal(
                text=text[start:end],
                spans=[],
                start=resolved.start.isoformat(),
                end=resolved.end.isoformat(),
                precision=resolved.precision,
                role=role,
                part=resolved.part,
            )
        elif item.role in ("statement", "earlier") and role == "other":
            # A day named for an event as well as for a statement or background is the event's; a background
            # mention ("Earlier today, the ministry announced") does not make a statement's day an earlier event.
            item.role = role
        item.spans.append(span_list(start, end))
        item.part = item.part or resolved.part
        if role == "statement":
            stated.add(id(item))
        previous_end = end
    dates = sorted(items.values(), key=lambda d: d.spans[0][0])
    # The incident happened by the time it was reported; a day ahead of that is not it.
    latest = (published + datetime.timedelta(days=2)).isoformat()
    # News reports a recent event: a day named more than a month before publication is an earlier one.
    month_ago = (published - datetime.timedelta(days=31)).isoformat()
    for old in (d for d in dates if d.role == "other" and d.end < month_ago):
        old.role = "earlier"
    candidates = [d for d in dates if d.role == "other" and d.start <= latest]
    # "An Iraqi airstrike on Friday targeted": a day named for the attack itself comes first.
    attack_days = [
        d
        for d in candidates
        if d.precision == "day" and any(_ATTACK_BEFORE.search(reading.text, max(0, s - 40), s) for s, _ in d.spans)
    ]
    incident = next(iter(attack_days), None) or next(
        (d for d in candidates if d.precision in ("day", "days", "week")), None
    )
    incident = incident or next(iter(candidates), None)
    if incident and incident.start == published.isoformat() and (night := _night_before(candidates, incident)):
        incident = night  # "late Monday night" in a Tuesday report: Tuesday's mentions are what followed
    if incident:
        incident.role = "incident"
        for other in dates:
            if other.role == "other" and other.end < incident.start:
                other.role = "earlier"
            elif other.role == "other" and id(other) in stated and other.start > incident.start:
                other.role = "statement"  # "... on Tuesday. The army said on Tuesday": after the event, when it spoke
    dates = _with_dateline_day(reading, dates, incident)
    attach_time(reading, next((d for d in dates if d.role == "incident"), None))
    return dates


def _spoken_on(reading: Reading, start: int, end: int) -> bool:
    """Whether the date mention at [start, end) is the day someone spoke ("said on Monday", "on Monday urged"); not a
    day that names an event ("the PKK claimed Wednesday's attack")."""
    if reading.text[end - 2 : end] in ("'s", "’s"):
        return False
    before = reading.text[max(reading.doc.start, start - 90) : start]
    return bool(_STATEMENT_DATE.search(before) or _SAID_AFTER.match(reading.text, end))


def date_statements(reading: Reading, dates: list[DateProposal]) -> None:
    """Give each statement the day its sentence names as when it was said ("the ministry said on Monday: "...""), or
    else the day of the same speaker's statement before it, or else the last day an earlier sentence says the speaker
    spoke ("..., the ministry said on Monday. ... "...," the ministry added"); a statement whose text names no day
    keeps none."""
    spoken = sorted(
        (start, date.start)
        for date in dates
        if date.precision == "day"
        for start, end in date.spans
        if _spoken_on(reading, start, end)
    )
    last_day: dict[str, str] = {}
    for statement in reading.statements:
        lo, hi = reading.sentence_bounds((statement.speaker_spans or statement.spans)[0][0])
        day = next((day for start, day in spoken if lo <= start < hi), "") or last_day.get(statement.speaker, "")
        statement.said_on = day or _day_the_speaker_spoke(reading, statement, spoken, lo)
        if statement.said_on and statement.speaker:
            last_day[statement.speaker] = statement.said_on


def _day_the_speaker_spoke(reading: Reading, statement, spoken: list[tuple[int, str]], before: int) -> str:
    """The last day named before `before` in a sentence that names the statement's speaker as it was named."""
    names = {statement.speaker, *(reading.text[s:e] for s, e in statement.speaker_spans)}
    names = {re.sub(r"^(?:the|a|an)\s+", "", n.strip(), flags=re.IGNORECASE).lower() for n in names}
    names = {n for n in names if len(n) > 3 and n not in ("they", "this", "which")}
    for start, day in reversed(spoken):
        if start < before and names:
            lo, hi = reading.sentence_bounds(start)
            sentence = reading.text[lo:hi].lower()
            if any(re.search(rf"\b{re.escape(name)}\b", sentence) for name in names):
                return day
    return ""


def _with_dateline_day(reading: Reading, dates: list[DateProposal], incident: DateProposal | None):
    """The day a dateline names ("TEHRAN, Jan. 10 (MNA) –") is when the report spoke: a statement's day, unless the
    text names that day already; or the incident's, when the text gives none for it since two days before ("BEIRUT,
    January 14. /TASS/. Syrian security forces freed ..." reports that day's news; its December is background)."""
    line = reading.dateline
    resolved = resolve_date(line.group("date"), reading.published) if line and line.group("date") else None
    if resolved is None or any(d.start == resolved.start.isoformat() and d.precision == "day" for d in dates):
        return dates
    today = incident is None or incident.end < (resolved.start - datetime.timedelta(days=2)).isoformat()
    if today and incident is not None:
        incident.role = "earlier"
    start, end = line.span("date")
    day = DateProposal(
        text=reading.text[start:end],
        spans=[span_list(start, end)],
        start=resolved.start.isoformat(),
        end=resolved.end.isoformat(),
        precision=resolved.precision,
        role="incident" if today else "statement",
    )
    return sorted([*dates, day], key=lambda d: d.spans[0][0])


def _night_before(candidates: list[DateProposal], day: DateProposal) -> DateProposal | None:
    """The day before `day` named with its night or its late hours, among the candidates."""
    before = (datetime.date.fromisoformat(day.start) - datetime.timedelta(days=1)).isoformat()
    late = (
        d for d in candidates if d.start == before and d.precision == "day" and re.search(r"night|late|evening", d.part)
    )
    return next(late, None)
