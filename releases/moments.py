"""`as_of` and `release`: the moment a request asks to see the data at.

`as_of` is a date (the end of that day, UTC: what was published on it is in) or a date and time
(ISO 8601; without an offset it is UTC). `release` names a release, which stands for its moment.
One or the other, not both; anything else is a 400 naming the parameter. A moment after now is now.
"""

import datetime
import re
from dataclasses import dataclass
from functools import wraps

from django.http import HttpResponseBadRequest, QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from releases import asof
from releases.models import Release

AS_OF, RELEASE = "as_of", "release"
# The response header naming the moment an export or an API answer holds the data at.
DATA_AS_OF = "Data-As-Of"
PARAMETERS = (AS_OF, RELEASE)
OFFSET_AS_SPACE = re.compile(r"(?<=\d) (\d\d(?::?\d\d)?)$")


class BadMoment(ValueError):
    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message

    def messages(self) -> dict[str, list[str]]:
        return {self.parameter: [self.message]}

    def response(self) -> HttpResponseBadRequest:
        """A page's plain-text 400 naming the parameter (views with a FilterSet say it in theirs)."""
        text = f"Bad parameter: {self.parameter}: {self.message}"
        return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")


@dataclass(frozen=True)
class Moment:
    when: datetime.datetime
    release: Release | None = None
    asked: str = ""  # the as_of value as given, for links that keep it

    def rows_of(self, model):
        """The rows of `model` as they stood at this moment (`releases.asof.rows_as_of`)."""
        return asof.rows_as_of(model, self.when)

    @property
    def slug(self) -> str:
        """For file names: "release-2024.1", "as-of-2024-06-30T2359Z"."""
        if self.release:
            return f"release-{self.release.name}"
        return f"as-of-{self.when.astimezone(datetime.UTC):%Y-%m-%dT%H%MZ}"

    @property
    def label(self) -> str:
        """How a citation names it: "release 2024.1 (2024-06-30 00:00 UTC)", "2024-06-30 23:59 UTC"."""
        stamp = f"{self.when.astimezone(datetime.UTC):%Y-%m-%d %H:%M} UTC"
        return f"release {self.release.name} ({stamp})" if self.release else stamp

    @property
    def query(self) -> str:
        """The parameter that asks for this moment again."""
        params = QueryDict(mutable=True)
        if self.release:
            params[RELEASE] = self.release.name
        else:
            params[AS_OF] = self.asked or self.when.isoformat()
        return params.urlencode()

    @property
    def header(self) -> str:
        """The value of the `Data-As-Of` header of an export or API answer."""
        stamp = self.when.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
        return f"{stamp}; release={self.release.name}" if self.release else stamp


def when_of(moment: "Moment | None") -> datetime.datetime | None:
    """The time of `moment`; None for the present."""
    return moment.when if moment else None


def rows_of(moment: "Moment | None"):
    """What a FilterSet reads its records' rows with at `moment` (`FilterSet(rows_of=...)`); None for the present."""
    return moment.rows_of if moment else None


def parse_as_of(text: str) -> datetime.datetime:
    """The moment an `as_of` value stands for; ValueError when it is neither a date nor a date and time."""
    # A "+" left unencoded in a URL (as_of=2024-06-30T12:00+03:00, as typed) arrives as a space.
    text = OFFSET_AS_SPACE.sub(r"+\1", text.strip())
    try:
        day = parse_date(text)
        when = None if day else parse_datetime(text)
    except ValueError:
        day = when = None
    if day is not None:
        when = datetime.datetime.combine(day, datetime.time.max, tzinfo=datetime.UTC)
    elif when is None:
        raise ValueError("Give a date (2024-06-30) or a date and time (2024-06-30T12:00:00Z).")
    elif timezone.is_naive(when):
        when = when.replace(tzinfo=datetime.UTC)
    try:
        when.astimezone(datetime.UTC)
    except OverflowError:
        raise ValueError("That moment is out of range.") from None
    return when


def from_params(data) -> Moment | None:
    """The moment `data` (a request's GET) asks for, None for the present; BadMoment otherwise."""
    as_of, release = (data.get(name, "").strip() for name in PARAMETERS)
    if as_of and release:
        raise BadMoment(AS_OF, "Give as_of or release, not both.")
    if release:
        found = Release.objects.filter(name=release).first()
        if found is None:
            raise BadMoment(RELEASE, f"No release is named {release[:40]!r}; the releases are listed at /releases/.")
        return Moment(min(found.moment, timezone.now()), found)
    if as_of:
        try:
            when = parse_as_of(as_of[:40])
        except ValueError as error:
            raise BadMoment(AS_OF, str(error)) from None
        return Moment(min(when, timezone.now()), asked=as_of)
    return None


def asks_for_moment(data) -> bool:
    return any(data.get(name, "").strip() for name in PARAMETERS)


def asked(view):
    """A page view that takes the moment its request asks for as `moment` (None for the present);
    a bad as_of or release is a 400 naming the parameter."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            moment = from_params(request.GET)
        except BadMoment as error:
            return error.response()
        return view(request, *args, moment=moment, **kwargs)

    return wrapped
