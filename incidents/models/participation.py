"""Which armed groups took part in an incident, in which role, and how that is known."""

from django.db import models
from simple_history.models import HistoricalRecords

from incidents.models.choices import Attribution, ParticipationRole
from incidents.models.incident import Incident


class Participation(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="participations")
    group = models.ForeignKey("incidents.ArmedGroup", on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=30, choices=ParticipationRole.choices)
    attribution = models.CharField(
        "how it is known", max_length=20, choices=Attribution.choices, default=Attribution.ATTRIBUTED
    )
    report = models.ForeignKey(
        "incidents.Report",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        help_text="The report that names the group in this role.",
    )
    note = models.CharField(max_length=500, blank=True)
    history = HistoricalRecords(no_db_index=["group", "report"])  # read by record and date only

    class Meta:
        ordering = ["incident", "role", "group__name"]
        indexes = [
            # With the incident, a group's incidents come from the index alone (the group filter,
            # the group page's figures), without reading each participation's row.
            models.Index(fields=["group", "role", "incident"], name="inc_participation_group_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["incident", "group", "role"], name="inc_participation_unique"),
        ]

    def __str__(self):
        return f"{self.group} ({self.get_role_display()}, {self.get_attribution_display().lower()})"
