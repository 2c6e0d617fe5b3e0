"""Clock times in a report: what "about 0900 GMT", "8:23 pm local time" or "5 p.m. ET" is in UTC, and the time of
the incident's day, for extraction.dates."""

import datetime
import re
from dataclasses import dataclass

from extraction.proposal import DateProposal
from extraction.reading import Reading
from extraction.words import clean, span_list

# Iraq, Syria, Jordan and Turkey all keep UTC+3 the year round (Syria since October 2022).
LOCAL_UTC_OFFSET = 3

_TIME = re.compile(
    r"(?P<approx>\b(?:about|around|approximately|roughly|shortly (?:after|before)|just (?:after|before)|some time around|"  # noqa: E501
    r"near)\s+)?"
    r"(?:\bat\s+)?"
    r"(?:(?P<h1>\d{1,2})[:.](?P<m1>\d{2})\s*(?P<ap1>[ap])\.?\s?m\b\.?|(?P<h2>\d{1,2})\s*(?P<ap2>[ap])\.?\s?m\b\.?"
    r"|(?P<hm>\d{4})\s*(?:(?P<z1>GMT|UTC)\b|(?P<ap3>[ap])\.?\s?m\b\.?)|(?P<h3>\d{1,2}):(?P<m3>\d{2})\s*(?P<z2>GMT|UTC)\b|\b(?P<word>midnight|noon)\b"
    # "At exactly 17:22 this afternoon": a 24-hour clock after "at".
    r"|(?:(?<=\bat\s)|(?<=\bexactly\s))(?P<h4>[01]?\d|2[0-3]):(?P<m4>[0-5]\d)(?![\d:])(?!\s*[ap]\.?\s?m\b))"
    r"(?P<zone>\s*(?:\(?\s*local time\s*\)?|GMT|UTC|Baghdad time|Damascus time"
    r"|E[DS]?T\b|Eastern Time|Washington time))?",
    re.IGNORECASE,
)


_VAGUE_HOUR = re.compile(r"\b(?:after|before|past|until|by)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class ResolvedTime:
    utc: datetime.time
    approximate: bool
    day_offset: int  # -1 when the local time falls on the previous UTC day, 1 on the next
    note: str


def resolve_time(phrase: str, on: datetime.date | None = None) -> ResolvedTime | None:
    """ "about 0900 GMT" is 09:00 UTC, approximate; "3 p.m. local time" in Iraq or Syria is 12:00 UTC;
    "5 p.m. ET" is 21:00 UTC in summer (`on` the day it was, for US daylight saving time)."""
    match = _TIME.search(phrase)
    return _time_from(match, on) if match else None


def _us_eastern_offset(zone: str, on: datetime.date | None) -> int:
    """UTC-4 in US daylight saving time (second Sunday of March to first Sunday of November), else UTC-5."""
    if zone in ("EDT", "EST") or on is None:
        return -4 if zone == "EDT" else -5
    march = datetime.date(on.year, 3, 8)
    november = datetime.date(on.year, 11, 1)
    starts = march + datetime.timedelta(days=(6 - march.weekday()) % 7)
    ends = november + datetime.timedelta(days=(6 - november.weekday()) % 7)
    return -4 if starts <= on < ends else -5


def _time_from(m: re.Match, on: datetime.date | None = None) -> ResolvedTime | None:
    g = m.groupdict()
    zone = ((g["z1"] or g["z2"] or g["zone"] or "").strip(" ()")).upper()
    if g["hm"]:
        hour, minute = int(g["hm"][:2]), int(g["hm"][2:])
        hour += 12 if (g["ap3"] or "").lower() == "p" and hour < 12 else 0  # "0500 AM", "0830 PM"
    elif g["h3"]:
        hour, minute = int(g["h3"]), int(g["m3"])
    elif g["h4"]:
        hour, minute = int(g["h4"]), int(g["m4"])
    elif g["word"]:
        hour, minute = (0, 0) if g["word"].lower() == "midnight" else (12, 0)
    else:
        hour, minute = int(g["h1"] or g["h2"]), int(g["m1"] or 0)
        meridiem = (g["ap1"] or g["ap2"]).lower()
        if 13 <= hour <= 23 and meridiem == "p" and g["h1"]:
            pass  # "20:58 pm", "15:20 p.m.": a 24-hour clock with a needless p.m.
        elif hour == 0 and meridiem == "a":
            pass  # "00:22 AM": past midnight on a 24-hour clock
        elif not 1 <= hour <= 12:
            return None
        else:
            hour = hour % 12 + (12 if meridiem == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    approximate = bool(g["approx"])
    if zone in ("GMT", "UTC"):
        return ResolvedTime(datetime.time(hour, minute), approximate, 0, "")
    if zone in ("ET", "EDT", "EST", "EASTERN TIME", "WASHINGTON TIME"):
        offset = _us_eastern_offset(zone, on)
        note = f"US Eastern time (UTC{offset}) converted"
    else:
        offset = LOCAL_UTC_OFFSET
        note = "local time (UTC+3) converted" if zone else "no zone given: taken as local time (UTC+3)"
    utc = hour * 60 + minute - offset * 60
    return ResolvedTime(datetime.time((utc % 1440) // 60, utc % 60), approximate, utc // 1440, note)


_GMT_AFTER = re.compile(r"\s*(?:on\s+\w+day\s*)?\(?\s*", re.IGNORECASE)


def attach_time(reading: Reading, incident: DateProposal | None):
    """The clock time the report gives, set on the incident's day (in UTC), or a warning when it has none."""
    times = []
    on = datetime.date.fromisoformat(incident.start) if incident else reading.published
    for match in _TIME.finditer(reading.text, reading.doc.start):
        resolved = _time_from(match, on)
        if resolved is None or reading.doc.is_background(match.start()):
            continue
        if match.group("word") and (
            re.search(r"\b(?:after|before)\s+$", match.group("approx") or "", re.IGNORECASE)
            or not match.group("approx")
            and _VAGUE_HOUR.search(reading.text, max(0, match.start() - 10), match.start())
        ):
            continue  # "after midnight", "(shortly) before noon": a part of the day, no time
        start = match.start("approx") if match.group("approx") else match.start()
        times.append((match, resolved, start))
    if not times:
        return
    # A time stated in GMT beats the same moment given in local time ("9 a.m. (0600 GMT)").
    match, resolved, start = next((t for t in times if not t[1].note), times[0])
    # "around 1:45 a.m. on Wednesday (2245 GMT on Tuesday)": the local time's hedge holds for the GMT in brackets.
    text = reading.text
    local = next((t for t in times if t[1].note and _GMT_AFTER.fullmatch(text, t[0].end(), match.start())), None)
    if local is not None and local[1].approximate:
        resolved = ResolvedTime(resolved.utc, True, resolved.day_offset, resolved.note)
        start = local[2]
    if incident is None:
        reading.warnings.append(f"a time ({clean(match.group())}) but no incident date")
        return
    incident.time_utc = resolved.utc.strftime("%H:%M")
    incident.time_approximate = resolved.approximate
    incident.time_text = clean(reading.text[start : match.end()])
    incident.time_spans = [span_list(start, start + len(reading.text[start : match.end()].rstrip()))]
    incident.time_note = resolved.note
    if resolved.day_offset:
        incident.time_note += f"; in UTC it is the day {'before' if resolved.day_offset < 0 else 'after'}"
