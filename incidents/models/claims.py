from django.db import models
from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from incidents.models.choices import CasualtyCategory, CasualtyOutcome
from incidents.models.incident import Incident


def _min_le_max(prefix: str) -> Q:
    low, high = f"{prefix}_min", f"{prefix}_max"
    return Q(**{f"{high}__isnull": True}) | Q(**{f"{low}__isnull": False, f"{low}__lte": F(high)})


def figure_range(low: int | None, high: int | None) -> str:
    """A figure as a source gives it: "4", "3–5", "at least 3", "at most 35"; "" for none."""
    if low is None:
        return f"at most {high:,}" if high is not None else ""
    if high is None:
        return f"at least {low:,}"
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


class CasualtyClaim(models.Model):
    """What one source says about the toll of one incident, for one category of people.

    "No civilians were harmed" is a claim too: civilians, killed 0-0, injured 0-0.
    A blank figure means the source did not speak to it; an empty maximum means "at least".
    """

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="claims")
    report = models.ForeignKey("incidents.Report", on_delete=models.PROTECT, related_name="claims")
    claimant_person = models.ForeignKey(
        "incidents.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name="claimant (person)",
    )
    claimant = models.CharField(
        "who said it", max_length=300, blank=True, help_text='As the report puts it: "police and militia sources".'
    )
    claimed_on = models.DateField(null=True, blank=True, help_text="When it was said, if not the report's date.")
    category = models.CharField(max_length=20, choices=CasualtyCategory.choices, default=CasualtyCategory.ALL)
    group = models.ForeignKey(
        "incidents.ArmedGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="casualty_claims",
        help_text="Whose members they were, for combatants and security forces.",
    )
    killed_min = models.PositiveIntegerField(null=True, blank=True)
    killed_max = models.PositiveIntegerField(null=True, blank=True)
    injured_min = models.PositiveIntegerField(null=True, blank=True)
    injured_max = models.PositiveIntegerField(null=True, blank=True)
    quote = models.TextField(blank=True, help_text="The source's words.")
    note = models.CharField(max_length=500, blank=True)
    # Read by record, date and incident (an incident's timeline) only.
    history = HistoricalRecords(no_db_index=["claimant_person", "group", "report"])

    class Meta:
        ordering = ["incident", "report__published_on", "id"]
        constraints = [
            models.CheckConstraint(condition=_min_le_max("killed"), name="inc_claim_killed_min_le_max"),
            models.CheckConstraint(condition=_min_le_max("injured"), name="inc_claim_injured_min_le_max"),
            models.CheckConstraint(
                condition=Q(claimant_person__isnull=False) | ~Q(claimant=""), name="inc_claim_has_claimant"
            ),
        ]

    def __str__(self):
        return f"{self.claimant_display}: {self.figures_display}"

    def save(self, *args, **kwargs):
        if self.pk:
            # A claim moved to another incident leaves the old one's toll to recompute too.
            previous = CasualtyClaim.objects.filter(pk=self.pk).values_list("incident_id", flat=True).first()
            self._previous_incident_id = previous
        super().save(*args, **kwargs)

    @property
    def claimant_display(self) -> str:
        if self.claimant_person_id and self.claimant:
            return f"{self.claimant} ({self.claimant_person})"
        return self.claimant or str(self.claimant_person)

    @property
    def killed_display(self) -> str:
        return figure_range(self.killed_min, self.killed_max)

    @property
    def injured_display(self) -> str:
        return figure_range(self.injured_min, self.injured_max)

    @property
    def figures_display(self) -> str:
        parts = []
        if self.killed_display:
            parts.append(f"{self.killed_display} killed")
        if self.injured_display:
            parts.append(f"{self.injured_display} injured")
        who = self.get_category_display().lower()
        return f"{', '.join(parts) or 'no figures'} ({who})"


@receiver(post_save, sender=CasualtyClaim)
@receiver(post_delete, sender=CasualtyClaim)
def _refresh_incident_toll(sender, instance, **kwargs):
    if kwargs.get("raw"):
        # Loading a fixture or a backup restores the toll as it was saved, claims in any order.
        return
    incident_ids = {instance.incident_id, getattr(instance, "_previous_incident_id", None)} - {None}
    for incident in Incident.objects.filter(pk__in=incident_ids):
        incident.refresh_toll()


class Casualty(models.Model):
    """A named person killed, injured or missing in an incident."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="casualties")
    person = models.ForeignKey("incidents.Person", on_delete=models.PROTECT, related_name="casualties")
    outcome = models.CharField(max_length=10, choices=CasualtyOutcome.choices, default=CasualtyOutcome.KILLED)
    claim = models.ForeignKey(
        CasualtyClaim,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="named_casualties",
        help_text="The claim that names this person.",
    )
    report = models.ForeignKey("incidents.Report", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    note = models.CharField(max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["incident", "person__name"]
        verbose_name_plural = "casualties"
        constraints = [models.UniqueConstraint(fields=["incident", "person"], name="inc_casualty_unique")]

    def __str__(self):
        return f"{self.person} ({self.get_outcome_display().lower()})"
