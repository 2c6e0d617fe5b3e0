from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from incidents.locking import Versioned
from incidents.models.actors import Reviewed
from incidents.models.choices import SourceKind


class Source(Versioned):
    """Who publishes: an agency, a ministry, a militia's channel, a dataset."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=SourceKind.choices)
    url = models.URLField(blank=True)
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
    url = models.URLField(max_length=1000, blank=True)
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
