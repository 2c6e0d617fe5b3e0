"""Whether a value from a URL, a form or a query string can be a record's primary key."""

from django.core.exceptions import ValidationError
from django.db import models

# The largest id a 64-bit integer column holds (SQLite's INTEGER, PostgreSQL's bigint).
MAX_ID = 2**63 - 1


def is_id(model, value) -> bool:
    """Whether `value` (as a URL or a form gives it) can be one of `model`'s primary keys.

    Integer keys are ASCII digits no larger than a 64-bit column holds: anything else makes the
    database driver raise (ValueError, or OverflowError on SQLite) instead of finding nothing.
    """
    field = model._meta.pk
    while field.is_relation:
        field = field.target_field
    value = str(value)
    if isinstance(field, models.IntegerField):
        return is_whole_number(value, MAX_ID)
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


def is_whole_number(value: str, maximum: int) -> bool:
    """Whether `value` is ASCII digits for a number no larger than `maximum`. The digits are
    counted before int() reads them: it refuses over 4,300 with an error, and reads other scripts'
    digits ("١٢" is 12)."""
    return value.isascii() and value.isdigit() and len(value) <= len(str(maximum)) and int(value) <= maximum
