import re

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from incidents.locking import Versioned
from incidents.models.actors import Reviewed
from incidents.models.choices import SourceKind

# What a URI may hold (RFC 3986): letters and digits, - . _ ~ and the delimiters, with anything else
# percent-encoded. Django's URLField takes any path without a space, so a quote, < or > got through
# and broke the API's `format: uri`. Brackets (IPv6 hosts) are refused as well: a news URL has none.
URI_CHARACTERS = r"A-Za-z0-9\-._~:/?#@!$&'()*+,;=%"
NOT_IN_A_URI = rf"[^{URI_CHARACTERS}]|%(?![0-9A-Fa-f]{{2}})"
validate_uri_characters = RegexValidator(
    NOT_IN_A_URI,
    inverse_match=True,
    message=(
        "This URL holds a character a URL may not: a quote, a space, < >, { }, [ ], |, \\, ^, `, a letter outside "
        "A–Z or a %% not followed by two hex digits. Copy the address from the browser's address bar, or "
        'percent-encode the character (" is %%22, a space %%20).'
    ),
    code="invalid_uri",
)


def as_uri(url: str) -> str:
    """The URL with every character a URI may not hold percent-encoded (UTF-8), for rows saved
    before the validator: the same address, in a form `format: uri` accepts."""
    return re.sub(NOT_IN_A_URI, lambda m: "".join(f"%{byte:02X}" for byte in m.group().encode("utf-8")), url)


class Source(Versioned):
    """Who publishes: an agency, a ministry, a militia's channel, a dataset."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=SourceKind.choices)
    url = models.URLField(blank=True, validators=[validate_uri_characters])
    notes = models.TextField(blank=True)
    history = HistoricalRecords(no_db_index=["name"])  # read by record and date only

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Report(Reviewed, Versioned):
    """One document from a source. Every claim and statement cites one."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="reports")
    title = models.CharField(max_length=500)
    url = models.URLField(max_length=1000, blank=True, validators=[validate_uri_characters])
    published_on = models.DateField()
    language = models.CharField(max_length=10, default="en", help_text="ISO 639-1 code, e.g. en, ar.")
    text = models.TextField(blank=True, help_text="The full text as published.")
    retrieved_at = models.DateTimeField(null=True, blank=True)
    ingested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(no_db_index=["source", "ingested_by"])  # read by record and date only

    class Meta:
        ordering = ["-published_on", "title"]
        indexes = [models.Index(fields=["published_on"], name="inc_report_published_idx")]

    def __str__(self):
        return f"{self.source}, {self.published_on:%Y-%m-%d}: {self.title}"
