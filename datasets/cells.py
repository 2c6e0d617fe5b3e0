"""Cell parsers for dataset rows. Each returns the value or None, adding a problem to `errors`
when the cell is bad."""

import datetime
import re

from datasets.csvtable import RowErrors
from incidents.exports.layout import FORMULA_TRIGGERS


def unescaped(value: str) -> str:
    """The cell without the apostrophe a spreadsheet-safe export puts before a formula character."""
    if value.startswith("'") and value[1:2] and value[1:2] in FORMULA_TRIGGERS:
        return value[1:]
    return value


def cell(values: dict[str, str], column: str) -> str:
    """A text cell, stripped, without a formula-guarding apostrophe (`unescaped`)."""
    return unescaped((values.get(column) or "").strip())


def parse_int(
    values: dict[str, str], column: str, errors: RowErrors, *, required: bool = True, minimum: int | None = 0
) -> int | None:
    text = cell(values, column)
    if not text:
        if required:
            errors.add(column, "is empty")
        return None
    try:
        number = float(text) if re.fullmatch(r"-?\d+\.0*", text) else int(text)
    except ValueError:
        errors.add(column, f"“{text[:40]}” is not a whole number")
        return None
    number = int(number)
    if minimum is not None and number < minimum:
        errors.add(column, f"{number} is below {minimum}")
        return None
    return number


def parse_code(values: dict[str, str], column: str, errors: RowErrors, codes: dict[int, object]):
    number = parse_int(values, column, errors)
    if number is None:
        return None
    if number not in codes:
        errors.add(column, f"{number} is not one of {', '.join(map(str, sorted(codes)))}")
        return None
    return codes[number]


def parse_float(values: dict[str, str], column: str, errors: RowErrors, *, limit: float) -> float | None:
    text = cell(values, column)
    if not text:
        errors.add(column, "is empty")
        return None
    try:
        number = float(text)
    except ValueError:
        errors.add(column, f"“{text[:40]}” is not a number")
        return None
    if not (-limit <= number <= limit):
        errors.add(column, f"{text} is outside −{limit:g}…{limit:g}")
        return None
    return number


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(
    values: dict[str, str], column: str, errors: RowErrors, formats: tuple[str, ...], *, required: bool = True
) -> datetime.date | None:
    text = cell(values, column)
    if not text:
        if required:
            errors.add(column, "is empty")
        return None
    found = read_date(text, formats)
    if found is None:
        errors.add(column, f"“{text[:40]}” is not a date")
    return found


def read_date(text: str, formats: tuple[str, ...]) -> datetime.date | None:
    for fmt in formats:
        try:
            if fmt == "%Y-%m-%d" and _ISO_DATE.fullmatch(text):
                # What strptime reads, fifty times faster (an import reads a date or two per row).
                return datetime.date.fromisoformat(text)
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
