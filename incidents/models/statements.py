from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from incidents.locking import Versioned
from incidents.models.choices import Stance


class Statement(Versioned):
    """Words said on the record about one or more incidents."""

    speaker = models.ForeignKey(
        "incidents.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="statements"
    )
    speaker_title = models.CharField(
        max_length=300,
        blank=True,
        help_text='The speaker as described: "military spokesperson for the Prime Minister".',
    )
    body_group = models.ForeignKey(
        "incidents.ArmedGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name="armed group spoken for",
    )
    body = models.CharField(
        "body spoken for", max_length=300, blank=True, help_text="A government office or other body, as free text."
    )
    said_on = models.DateField()
    quote = models.TextField()
    is_paraphrase = models.BooleanField(default=False, help_text="The report gives the words in indirect speech.")
    language = models.CharField(max_length=10, default="en")
    stance = models.CharField(max_length=12, choices=Stance.choices)
    report = models.ForeignKey("incidents.Report", on_delete=models.PROTECT, related_name="statements")
    incidents = models.ManyToManyField("incidents.Incident", related_name="statements", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-said_on", "id"]
        indexes = [
            models.Index(fields=["said_on"], name="inc_statement_said_on_idx"),
            models.Index(fields=["stance", "said_on"], name="inc_statement_stance_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(speaker__isnull=False) | Q(body_group__isnull=False) | ~Q(speaker_title="") | ~Q(body=""),
                name="inc_statement_has_speaker",
            ),
        ]

    def __str__(self):
        quote = self.quote if len(self.quote) <= 60 else self.quote[:57] + "…"
        return f"{self.speaker_display}: “{quote}”"

    @property
    def speaker_display(self) -> str:
        who = str(self.speaker) if self.speaker_id else self.speaker_title
        spoken_for = str(self.body_group) if self.body_group_id else self.body
        if who and spoken_for and spoken_for not in who:
            return f"{who} ({spoken_for})"
        return who or spoken_for


def _statement_about_incident(row) -> str:
    return str(row.statement)


# Django makes the model of the statements' incidents itself, naming each row "Statement_incidents
# object (5)" in the incident admin's statements and in its change messages; they read as the
# statement. (A model of our own in its place would cost the statement admin its incidents field.)
Statement.incidents.through.__str__ = _statement_about_incident
Statement.incidents.through._meta.verbose_name = "statement about an incident"
Statement.incidents.through._meta.verbose_name_plural = "statements about incidents"
