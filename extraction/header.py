"""Reading a report file: its encoding, and the header lines before the body (date, title, outlet, URL)."""

import datetime
import re
from dataclasses import dataclass

from extraction.proposal import ExtractionError
from extraction.words import MONTH


def decode_report(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252; anything else is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ExtractionError(
                f"the file is neither UTF-8 nor Windows-1252 text (undecodable byte at offset {exc.start})"
            ) from None
    if "\x00" in text:
        raise ExtractionError("the file holds NUL bytes: it is binary, not a text report")
    return text


_HEADER_DATE = re.compile(r"[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
_HEADER_FIELD = re.compile(r"[ \t]*(title|outlet|url|date)[ \t]*:[ \t]*(.*?)[ \t]*(?:\r?\n|$)", re.IGNORECASE)
_BLANK_LINE = re.compile(r"[ \t]*\r?\n")


@dataclass
class Header:
    published: datetime.date | None = None
    title: str = ""
    outlet: str = ""
    url: str = ""
    body_offset: int = 0
    title_offset: int = -1  # where the title's words begin in the text, when a Title line gives them


def _parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ExtractionError(f"the publication date {value!r} is not a valid date (YYYY-MM-DD)") from None


def parse_header(text: str) -> Header:
    """The leading `date YYYY-MM-DD` token (it may share its line with the body) and Title/Outlet/URL lines."""
    header = Header()
    pos = 1 if text.startswith("\ufeff") else 0
    while pos < len(text):
        if blank := _BLANK_LINE.match(text, pos):
            pos = blank.end()
            continue
        if match := _HEADER_FIELD.match(text, pos):
            name, value = match.group(1).lower(), match.group(2)
            if name == "date":
                header.published = _parse_date(value.strip())
            else:
                setattr(header, name, value)
                if name == "title" and value:
                    header.title_offset = match.start(2)
            pos = match.end()
            continue
        if match := _HEADER_DATE.match(text, pos):
            header.published = _parse_date(match.group(1))
            pos = match.end()
            if not _BLANK_LINE.match(text, pos) and pos < len(text):
                break  # the body starts on the date's own line
            continue
        break
    header.body_offset = pos
    return header


# "BAGHDAD, Jan 5 (Reuters) -", "Beirut, Aug. 30, (dpa/GNA) –", "BEIRUT, LEBANON —": where the body opens with the
# place, the date and the outlet. A place not in capitals needs the outlet after it (find_dateline).
_DATELINE = re.compile(
    rf"\s*(?P<place>[A-Z][A-Za-z .'’-]+?)(?:,\s*[A-Z][A-Za-z .]+?)?\s*(?:,\s*(?P<date>{MONTH}\s*\d{{1,2}}))?"
    # "Beirut, Aug 1 (EFE).- ", "BEIRUT, October 12. /TASS/. ", "WASHINGTON, Oct 27: ".
    r"(?:,\s*\d{4})?,?\.?\s*(?:[(/](?P<outlet>[A-Za-z0-9 ./]{2,30}?)[)/]\s*)?(?:[-–—]+|\.-|(?<=/)\.|(?<=\d):)\s+"
)


# "Damascus, (APP - UrduPoint / Pakistan Point News - 27th Jun, 2024) Two people were killed": the agency and
# the report's own date in brackets.
_BRACKETED_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Za-z .'’-]+?),\s*\((?P<outlet>[A-Za-z ./]{2,30}?)\s+[-–—]\s+[^()\n]{0,80}?\d{4}\)\s+"
    r"(?P<date>)"
)


# "Shafaq News – Nineveh": the outlet, a dash and the place, on a line of their own.
_OUTLET_FIRST_DATELINE = re.compile(
    r"\s*(?P<outlet>[A-Z][A-Za-z0-9 ]{2,30}?)\s*[-–—]\s*(?P<place>[A-Z][A-Za-z .'’-]{2,30}?)[ \t\r]*\n\s*(?P<date>)"
)


def find_dateline(text: str, pos: int) -> re.Match | None:
    """The dateline opening the body at `pos`, if there is one."""
    match = _DATELINE.match(text, pos)
    if match and (match.group("outlet") or match.group("place").isupper()):
        return match
    return _BRACKETED_DATELINE.match(text, pos) or _OUTLET_FIRST_DATELINE.match(text, pos)
