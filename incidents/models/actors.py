from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from incidents.locking import Versioned
from incidents.models.choices import Dataset, GroupKind, RoleKind
from incidents.text import normalise_name


class Reviewed(models.Model):
    """A record the public sees once an editor approved it or once something published cites it
    (incidents.visibility). Ingest and contributors propose records unapproved; an editor's save
    approves them."""

    approved = models.BooleanField(
        default=True,
        help_text="Shown to the public even when nothing published cites it. Records proposed while "
        "ingesting a report or added by a contributor wait for an editor.",
    )
    staff_note = models.TextField(blank=True, help_text="For staff only; never shown to the public.")

    class Meta:
        abstract = True


class ArmedGroup(Reviewed, Versioned):
    """Any armed actor, state militaries included."""

    name = models.CharField(max_length=200, unique=True)
    name_ar = models.CharField("Arabic name", max_length=200, blank=True)
    abbreviation = models.CharField(max_length=30, blank=True)
    kind = models.CharField(max_length=30, choices=GroupKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        help_text="The umbrella or parent: Harakat al-Nujaba within the Islamic Resistance in Iraq.",
    )
    backers = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="backed_groups")
    alignment = models.CharField(max_length=200, blank=True, help_text='As sources put it, e.g. "Iran-aligned".')
    countries = models.ManyToManyField("geo.Country", blank=True, related_name="armed_groups")
    active_from = models.PositiveSmallIntegerField("active from (year)", null=True, blank=True)
    active_to = models.PositiveSmallIntegerField("active to (year)", null=True, blank=True)
    description = models.TextField(blank=True)
    source_url = models.URLField(
        "source",
        max_length=500,
        blank=True,
        help_text="A public reference page the group's facts come from.",
    )
    catalogue_key = models.SlugField(
        max_length=60,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="The group's key in the actor catalogue (incidents/catalogue/actors.toml), if it is there.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind"], name="inc_group_kind_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True) | Q(active_from__isnull=True) | Q(active_to__gte=F("active_from")),
                name="inc_group_active_years_ordered",
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("id")), name="inc_group_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name

    def descendant_ids(self, rows=None) -> set[int]:
        """This group and every group under it, however deep (an umbrella includes its members):
        among the current groups, or among `rows`, the groups as they stood at a moment
        (`releases.asof.rows_at`)."""
        rows = ArmedGroup.objects.all() if rows is None else rows
        found = {self.pk}
        frontier = {self.pk}
        while frontier:
            frontier = set(rows.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
            found |= frontier
        return found


class GroupAlias(models.Model):
    """Another name for a group: a transliteration, a short form, a name in another script."""

    group = models.ForeignKey(ArmedGroup, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    # Lower-case, accents and punctuation folded: "an-Nujaba" and "al Nujaba" meet here.
    normalised = models.CharField(max_length=200, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "group aliases"
        indexes = [models.Index(fields=["normalised"], name="inc_groupalias_norm_idx")]
        constraints = [models.UniqueConstraint(fields=["group", "name"], name="inc_groupalias_unique")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalised = normalise_name(self.name)
        super().save(*args, **kwargs)


class ExternalName(models.Model):
    """How a dataset names the group: an ACLED actor string, a UCDP actor id."""

    group = models.ForeignKey(ArmedGroup, on_delete=models.CASCADE, related_name="external_names")
    dataset = models.CharField(max_length=20, choices=Dataset.choices)
    value = models.CharField(max_length=300, help_text="The actor string or id exactly as the dataset has it.")

    class Meta:
        ordering = ["dataset", "value"]
        constraints = [models.UniqueConstraint(fields=["dataset", "value"], name="inc_externalname_unique")]

    def __str__(self):
        return f"{self.get_dataset_display()}: {self.value}"


class Person(Reviewed, Versioned):
    """A named person: a spokesperson, a commander, a target or a victim."""

    name = models.CharField(max_length=200)
    name_ar = models.CharField("Arabic name", max_length=200, blank=True)
    aliases = models.TextField(blank=True, help_text="Other names and spellings, one per line.")
    description = models.TextField(blank=True)
    source_url = models.URLField(
        "source", max_length=500, blank=True, help_text="A public reference page the person's facts come from."
    )
    catalogue_key = models.SlugField(
        max_length=60,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="The person's key in the people catalogue (incidents/catalogue/people.toml), if they are there.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["name"], name="inc_person_name_idx")]

    def __str__(self):
        return self.name


class Affiliation(models.Model):
    """A person's role for a group or a body over a period."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    group = models.ForeignKey(ArmedGroup, on_delete=models.CASCADE, null=True, blank=True, related_name="affiliations")
    body = models.CharField(
        max_length=200,
        blank=True,
        help_text="A body that is not an armed group: the Pentagon, the Prime Minister's office.",
    )
    role = models.CharField(max_length=20, choices=RoleKind.choices)
    title = models.CharField(max_length=200, blank=True, help_text='As sources give it: "Pentagon spokesperson".')
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person__name", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="inc_affiliation_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(group__isnull=False) | ~Q(body=""), name="inc_affiliation_has_group_or_body"
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.title or self.get_role_display()} ({self.group or self.body})"
