"""What an incident export holds and how its text is laid out, shared by the two writers: Python's
(`records`, every database) and PostgreSQL's (`postgres`), which give the same bytes.
"""

import csv
import io
import re
from collections.abc import Callable
from urllib.parse import quote

from django.urls import reverse

from incidents.models.choices import EventType, SubEventType

BATCH_SIZE = 2000

COLUMNS = [
    "public_id",
    "url",
    "title",
    "start_date",
    "end_date",
    "date_precision",
    "time_utc",
    "event_type",
    "sub_event_type",
    "means",
    "place_name",
    "district",
    "governorate",
    "governorate_code",
    "country",
    "country_code",
    "latitude",
    "longitude",
    "location_precision",
    "perpetrators",
    "associated_perpetrators",
    "targets",
    "associated_targets",
    "side_a",
    "side_b",
    "killed_low",
    "killed_best",
    "killed_high",
    "injured_low",
    "injured_best",
    "injured_high",
    "civilians_killed_low",
    "civilians_killed_high",
    "contested",
    "status",
    "sources",
    "acled_event_id",
    "ucdp_id",
    "changed_at",
]

# What each batch reads from the incident table (and its country and governorate).
FIELDS = [
    "id",
    "public_id",
    "title",
    "start_date",
    "end_date",
    "date_precision",
    "time_utc",
    "event_type",
    "sub_event_type",
    "means",
    "place_name",
    "district",
    "admin_area__name_en",
    "admin_area__iso_code",
    "country__name_en",
    "country__iso2",
    "latitude",
    "longitude",
    "location_precision",
    "killed_low",
    "killed_best",
    "killed_high",
    "injured_low",
    "injured_best",
    "injured_high",
    "civilians_killed_low",
    "civilians_killed_high",
    "contested",
    "status",
    "acled_event_id",
    "ucdp_id",
    "changed_at",
]
EVENT_TYPES = dict(EventType.choices)
SUB_EVENT_TYPES = dict(SubEventType.choices)

# Excel and LibreOffice run a cell starting with one of these as a formula (OWASP, "CSV injection"):
# the site's CSV puts an apostrophe before any such cell, and the importers take it off again.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# After a "-", what a spreadsheet computes: a number or bracket, an operator, a cell reference
# (-A1) or a function call (-HYPERLINK(...)); not words such as "-Sharqiyah TV".
_COMPUTED_AFTER_MINUS = re.compile(r"-\s*(?:[\d.(=+\-@$]|[A-Za-z]{1,3}\$?\d+\b|[\w.]+\s*\()")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def computes_as_formula(value: str) -> bool:
    """Whether a spreadsheet would compute the text as a formula, a plain number such as "-1"
    aside: what the exports in a dataset's own layout guard, so that the source's own text
    ("-Sharqiyah TV") goes out as it came."""
    if not value.startswith(FORMULA_TRIGGERS) or _PLAIN_NUMBER.fullmatch(value):
        return False
    return not value.startswith("-") or bool(_COMPUTED_AFTER_MINUS.match(value))


LIST_SEPARATOR = "; "
SOURCE_SEPARATOR = " | "
# Excel opens a UTF-8 file as the local code page unless it starts with a byte order mark.
BOM = "\ufeff"

_PLACEHOLDER = "INC-PLACEHOLDER"

GEOJSON_OPENING = '{"type":"FeatureCollection","features":['
# Features are one a line: the first after a newline, each next one after a comma and a newline.
GEOJSON_CLOSING = "\n]}\n"


def detail_url_parts(absolute: Callable[[str], str]) -> tuple[str, str]:
    """What comes before and after the (percent-encoded) public id in an incident's page URL;
    `absolute` turns a path into a full URL (`request.build_absolute_uri`, or a site prefix in a
    command)."""
    head, tail = absolute(reverse("incidents:detail", args=[_PLACEHOLDER])).split(_PLACEHOLDER)
    return head, tail


def detail_url_maker(absolute: Callable[[str], str]) -> Callable[[str], str]:
    """A function giving each incident's page URL.

    reverse() runs once: per row it costs tens of microseconds, seconds over a large export.
    """
    head, tail = detail_url_parts(absolute)
    return lambda public_id: f"{head}{quote(public_id, safe='')}{tail}"


def csv_opening() -> str:
    """The UTF-8 byte order mark and the header line."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(COLUMNS)
    return BOM + buffer.getvalue()
