import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_update_with_history

from incidents import toll
from incidents.locking import Versioned
from incidents.models.choices import (
    SUB_EVENT_TYPES,
    DatePrecision,
    EventType,
    LinkKind,
    LocationPrecision,
    Means,
    ParticipationRole,
    Status,
    SubEventType,
)
from incidents.models.indexes import SortIndex, sort_indexes, trend_index  # noqa: F401 - 0010 names SortIndex here
from incidents.models.periods import PeriodEnd, PeriodStart
from incidents.text import SEARCHED_FIELDS, fill_search_text

# Crockford's base32 without I, L, O, U: unambiguous when read aloud or retyped from print.
_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_public_id() -> str:
    """The prefix INC- and 8 characters of _ID_ALPHABET, each 5 bits of one random 40-bit number (as
    uniform as 8 secrets.choice calls, at a ninth of their cost)."""
    return _public_id(secrets.randbits(40))


def _public_id(bits: int) -> str:
    return "INC-" + "".join(_ID_ALPHABET[(bits >> shift) & 31] for shift in range(35, -1, -5))


# The dates an incident can have: none before 1900, none more than a year ahead (a typing slip
# such as 2204 or 0224; dates far out also have no week or month around them to filter by).
EARLIEST_DATE = datetime.date(1900, 1, 1)


def latest_date() -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=366)


def date_out_of_range(value: datetime.date) -> str | None:
    """Why an incident cannot have this date, or None when it can."""
    if value < EARLIEST_DATE or value > latest_date():
        return (
            f"{value.isoformat()} is outside the dates incidents can have ({EARLIEST_DATE.year} to a year from today)."
        )
    return None


def validate_incident_date(value: datetime.date) -> None:
    message = date_out_of_range(value)
    if message:
        raise ValidationError(message, code="date_out_of_range")


def sees_unpublished(user) -> bool:
    """Whether `user` is staff, who see drafts, incidents in review and retractions besides the
    published incidents everyone sees."""
    return user is not None and user.is_active and user.is_staff


def statuses_seen(user) -> list[str]:
    """The statuses of the incidents `user` sees: every one for staff, published for the public."""
    return list(Status.values) if sees_unpublished(user) else [Status.PUBLISHED]


class IncidentQuerySet(models.QuerySet):
    # Every bulk write keys the text it writes (COPY does so in datasets.saving and incidents.synthetic).
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        fill_search_text(objs)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        if set(fields) & set(SEARCHED_FIELDS):
            objs = list(objs)
            fill_search_text(objs)
            fields = [*fields, "search_text"]
        return super().bulk_update(objs, fields, *args, **kwargs)

    def published(self):
        return self.filter(status=Status.PUBLISHED, merged_into__isnull=True)

    def visible_to(self, user):
        """What lists, the map, exports and the API show: researchers see published incidents;
        staff see drafts, incidents in review and retractions too. Merged duplicates are nobody's."""
        if sees_unpublished(user):
            return self.filter(merged_into__isnull=True)
        return self.published()

    def with_places(self):
        """Joined with the country and governorate, leaving out their boundaries: a list needs their
        names, and each boundary is a large GeoJSON document read on every row otherwise. The
        search key, as long as the text it keys, is read by no list either."""
        return self.select_related("country", "admin_area").defer(
            "search_text", "country__geometry", "admin_area__geometry", "admin_area__alt_names"
        )

    def reachable_by_url(self, user):
        """What an incident's own page shows: a retraction stays citable, with its notice."""
        if sees_unpublished(user):
            return self
        return self.filter(status__in=[Status.PUBLISHED, Status.RETRACTED])


# The change reason of the history row written when the claims change the derived toll.
TOLL_DERIVED = "Toll derived from the claims"


def _range_ordered(low: str, best: str | None, high: str) -> Q:
    condition = Q(**{f"{low}__isnull": True}) | Q(**{f"{high}__isnull": True}) | Q(**{f"{low}__lte": F(high)})
    if best is None:
        return condition
    return (
        condition
        & (Q(**{f"{low}__isnull": True}) | Q(**{f"{best}__isnull": True}) | Q(**{f"{low}__lte": F(best)}))
        & (Q(**{f"{best}__isnull": True}) | Q(**{f"{high}__isnull": True}) | Q(**{f"{best}__lte": F(high)}))
    )


class Incident(Versioned):
    public_id = models.CharField(
        max_length=20,
        unique=True,
        default=new_public_id,
        editable=False,
        help_text="Stable id used in URLs and citations.",
    )
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)

    start_date = models.DateField(validators=[validate_incident_date])
    end_date = models.DateField(
        null=True,
        blank=True,
        validators=[validate_incident_date],
        help_text="Only when the incident spans several days.",
    )
    date_precision = models.CharField(max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY)
    # The days the period covers at its precision (incidents.models.periods), kept by the database.
    period_start = models.GeneratedField(expression=PeriodStart(), output_field=models.DateField(), db_persist=True)
    period_end = models.GeneratedField(expression=PeriodEnd(), output_field=models.DateField(), db_persist=True)
    time_utc = models.TimeField("time (UTC)", null=True, blank=True)
    time_approximate = models.BooleanField(default=False, help_text='Ticked for "about 0900 GMT".')

    event_type = models.CharField(max_length=40, choices=EventType.choices)
    sub_event_type = models.CharField(max_length=40, choices=SubEventType.choices, blank=True)
    means = models.JSONField(default=list, blank=True, help_text="Codes from the means list; several allowed.")

    place_name = models.CharField(max_length=200, blank=True, help_text='As reported: "eastern Baghdad".')
    place = models.ForeignKey("geo.Place", on_delete=models.SET_NULL, null=True, blank=True, related_name="incidents")
    country = models.ForeignKey(
        "geo.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="incidents"
    )
    admin_area = models.ForeignKey(
        "geo.AdminArea",
        verbose_name="governorate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
    )
    district = models.CharField(max_length=200, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    location_precision = models.CharField(
        max_length=12, choices=LocationPrecision.choices, default=LocationPrecision.UNKNOWN
    )

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    status_note = models.TextField(
        blank=True, editable=False, help_text="Why the last status change was made; shown with a retraction."
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="merged_duplicates",
        help_text="Set when this incident was merged into another as its duplicate; its page redirects there.",
    )
    # The governorate's English name, for sorting by it through an index. Kept by database
    # triggers (migration 0005) on every write, whatever path it takes; read it from the database.
    admin_area_name = models.CharField(max_length=100, null=True, blank=True, editable=False)
    # The search key of the title, summary, place and district (incidents.text.search_key), kept by
    # every write (save, bulk_create, bulk_update, COPY); the text search reads it (incidents.search).
    search_text = models.TextField(blank=True, default="", editable=False)
    acled_event_id = models.CharField("ACLED event_id_cnty", max_length=30, null=True, blank=True, unique=True)
    ucdp_id = models.CharField("UCDP GED id", max_length=30, null=True, blank=True, unique=True)
    # Generated for load tests and demos (manage.py generate_synthetic); never real events.
    is_synthetic = models.BooleanField(default=False, editable=False)

    # The toll derived from the casualty claims (see incidents.toll); kept as columns so lists
    # and the map can filter and sort on them without touching the claims.
    killed_low = models.PositiveIntegerField(null=True, blank=True, editable=False)
    killed_best = models.PositiveIntegerField(null=True, blank=True)
    killed_high = models.PositiveIntegerField(null=True, blank=True, editable=False)
    killed_best_pinned = models.BooleanField(
        "best estimate set by hand",
        default=False,
        help_text="Keep the best estimate above instead of deriving it from the claims.",
    )
    injured_low = models.PositiveIntegerField(null=True, blank=True, editable=False)
    injured_best = models.PositiveIntegerField(null=True, blank=True, editable=False)
    injured_high = models.PositiveIntegerField(null=True, blank=True, editable=False)
    civilians_killed_low = models.PositiveIntegerField(null=True, blank=True, editable=False)
    civilians_killed_high = models.PositiveIntegerField(null=True, blank=True, editable=False)
    contested = models.BooleanField(default=False, editable=False, help_text="Sources disagree on the toll.")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    linked = models.ManyToManyField(
        "self", through="IncidentLink", symmetrical=False, related_name="linked_from", blank=True
    )

    objects = IncidentQuerySet.as_manager()
    # Derived columns: the periods (generated), the governorate's name (a trigger keeps it, as a
    # sort key) and the search key; history keeps what they are derived from.
    # History is read by record (`id`) and date; an index on any other column of it would only be
    # kept up by every save and import, never read.
    history = HistoricalRecords(
        excluded_fields=["period_start", "period_end", "admin_area_name", "search_text"],
        no_db_index=[
            "public_id",
            "acled_event_id",
            "ucdp_id",
            "country",
            "admin_area",
            "place",
            "created_by",
            "changed_by",
            "merged_into",
        ],
    )

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [
            # Each serves a filter or sort of the list, the map and the API.
            models.Index(fields=["start_date", "id"], name="inc_incident_date_idx"),
            models.Index(fields=["status", "start_date"], name="inc_incident_status_date_idx"),
            models.Index(fields=["status", "period_start"], name="inc_incident_status_start_idx"),
            models.Index(fields=["status", "period_end"], name="inc_incident_status_end_idx"),
            models.Index(fields=["event_type", "sub_event_type"], name="inc_incident_type_idx"),
            models.Index(fields=["country", "start_date"], name="inc_incident_country_idx"),
            models.Index(fields=["admin_area", "start_date"], name="inc_incident_area_date_idx"),
            models.Index(fields=["killed_best"], name="inc_incident_killed_idx"),
            models.Index(fields=["latitude", "longitude"], name="inc_incident_coords_idx"),
            models.Index(fields=["start_date"], condition=Q(contested=True), name="inc_incident_contested_idx"),
            models.Index(fields=["id"], condition=Q(is_synthetic=True), name="inc_incident_synthetic_idx"),
            *sort_indexes(),
            trend_index(),
        ]
        permissions = [
            ("publish_incident", "Can publish and retract incidents"),
            ("merge_incident", "Can merge duplicate incidents"),
            ("import_dataset", "Can import datasets for real (not only as a dry run)"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="inc_incident_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | ~Q(merged_into=F("id")),
                name="inc_incident_not_merged_into_itself",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="inc_incident_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="inc_incident_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="inc_incident_coordinates_paired",
            ),
            models.CheckConstraint(
                condition=_range_ordered("killed_low", "killed_best", "killed_high"), name="inc_incident_killed_ordered"
            ),
            models.CheckConstraint(
                condition=_range_ordered("injured_low", "injured_best", "injured_high"),
                name="inc_incident_injured_ordered",
            ),
            models.CheckConstraint(
                condition=_range_ordered("civilians_killed_low", None, "civilians_killed_high"),
                name="inc_incident_civilians_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.public_id}: {self.title}"

    def save(self, *args, **kwargs):
        self.locate()
        fill_search_text([self])
        fields = kwargs.get("update_fields")
        if fields is not None and set(fields) & set(SEARCHED_FIELDS):
            kwargs["update_fields"] = [*fields, "search_text"]
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.sub_event_type and self.event_type:
            allowed = SUB_EVENT_TYPES.get(self.event_type, [])
            if self.sub_event_type not in allowed:
                sub, main = self.get_sub_event_type_display(), self.get_event_type_display()
                errors["sub_event_type"] = f"“{sub}” is not a sub-event type of “{main}”."
        unknown = [code for code in self.means or [] if code not in Means.values]
        if unknown:
            errors["means"] = f"Unknown means: {', '.join(map(str, unknown))}."
        if errors:
            raise ValidationError(errors)

    def locate(self):
        """Fill coordinates from the gazetteer place, and country and governorate from the
        coordinates, where they are not given.

        A point outside every governorate leaves them empty rather than guessing the nearest.
        """
        from geo.models import AdminArea

        if self.place_id is not None and self.latitude is None and self.longitude is None:
            self.latitude, self.longitude = self.place.latitude, self.place.longitude
            self.place_name = self.place_name or self.place.name
        if self.admin_area_id is None and self.latitude is not None and self.longitude is not None:
            self.admin_area = AdminArea.objects.containing(self.latitude, self.longitude)
        if self.country_id is None and self.admin_area_id is not None:
            self.country_id = self.admin_area.country_id

    @property
    def date_display(self) -> str:
        """The date as precisely as it is known: "2024-01-04", "December 2023", "2023"."""
        match self.date_precision:
            case DatePrecision.YEAR:
                return f"{self.start_date:%Y}"
            case DatePrecision.MONTH:
                return f"{self.start_date:%B %Y}"
            case DatePrecision.WEEK:
                return f"week of {self.start_date:%Y-%m-%d}"
        if self.end_date and self.end_date != self.start_date:
            return f"{self.start_date:%Y-%m-%d} to {self.end_date:%Y-%m-%d}"
        return f"{self.start_date:%Y-%m-%d}"

    @property
    def killed_display(self) -> str:
        if self.killed_low is None:
            return "not reported"
        if self.killed_low == self.killed_high:
            return f"{self.killed_low:,}"
        return f"{self.killed_low:,}–{self.killed_high:,}"

    @property
    def actors_display(self) -> str:
        """Perpetrators → targets (civilians when violence against civilians names none), or side A
        vs side B for parties with no direction (UCDP's), from participations (prefetch them)."""
        roles = ParticipationRole
        sides = {roles.PERPETRATOR: [], roles.TARGET: [], roles.SIDE_A: [], roles.SIDE_B: []}
        for participation in self.participations.all():
            if participation.role in sides:
                sides[participation.role].append(participation.group.name)
        if sides[roles.SIDE_A] or sides[roles.SIDE_B]:
            return " vs ".join(", ".join(sides[side]) or "unknown" for side in (roles.SIDE_A, roles.SIDE_B))
        perpetrators = ", ".join(sides[roles.PERPETRATOR]) or "unknown"
        civilians = "civilians" if self.event_type == EventType.VIOLENCE_AGAINST_CIVILIANS else "unknown"
        targets = ", ".join(sides[roles.TARGET]) or civilians
        return f"{perpetrators} → {targets}"

    def refresh_toll(self):
        """Recompute the derived toll from the claims and store it."""
        # The claims' model through the relation claims.py declares (this module cannot import
        # it: claims.py imports Incident); a query, not a prefetched list, so the figures are current.
        claim_model = self.claims.model
        claims = [
            toll.ClaimFigures(
                account=(c.report_id, c.claimant_person_id, c.claimant.strip().lower()),
                category=c.category,
                killed_min=c.killed_min,
                killed_max=c.killed_max,
                injured_min=c.injured_min,
                injured_max=c.injured_max,
            )
            for c in claim_model.objects.filter(incident_id=self.pk)
        ]
        derived = toll.derive_toll(claims)
        best = derived.killed_best
        if self.killed_best_pinned and self.killed_best is not None:
            best = self.killed_best
            if derived.killed_low is not None:
                best = min(max(best, derived.killed_low), derived.killed_high)
        values = {
            "killed_low": derived.killed_low,
            "killed_best": best,
            "killed_high": derived.killed_high,
            "injured_low": derived.injured_low,
            "injured_best": derived.injured_best,
            "injured_high": derived.injured_high,
            "civilians_killed_low": derived.civilians_killed_low,
            "civilians_killed_high": derived.civilians_killed_high,
            "contested": derived.contested,
        }
        for field, value in values.items():
            setattr(self, field, value)
        # Stored with a history row when it changes, so the incident as of any moment (releases.asof)
        # carries the toll its claims gave then; from the stored row, which `self` may lag behind.
        stored = Incident.objects.filter(pk=self.pk).first()
        if stored is not None and any(getattr(stored, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(stored, field, value)
            bulk_update_with_history([stored], Incident, list(values), default_change_reason=TOLL_DERIVED)


class StatusChange(models.Model):
    """One step of the publishing workflow: who moved an incident from one status to another, and why."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=Status.choices)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["incident", "changed_at", "id"]
        indexes = [models.Index(fields=["incident", "changed_at"], name="inc_statuschange_incident_idx")]

    def __str__(self):
        return f"{self.incident.public_id}: {self.from_status} → {self.to_status}"


class IncidentLink(models.Model):
    """A directed link: from_incident is a <kind> to_incident ("retaliation for")."""

    from_incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="links_out")
    to_incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=20, choices=LinkKind.choices)
    report = models.ForeignKey(
        "incidents.Report", on_delete=models.PROTECT, null=True, blank=True, related_name="incident_links"
    )
    note = models.CharField(max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["from_incident", "kind"]
        constraints = [
            models.CheckConstraint(condition=~Q(from_incident=F("to_incident")), name="inc_link_not_to_itself"),
            models.UniqueConstraint(fields=["from_incident", "to_incident", "kind"], name="inc_link_unique"),
        ]

    def __str__(self):
        return f"{self.from_incident.public_id} {self.get_kind_display().lower()} {self.to_incident.public_id}"

    def clean(self):
        # The admin inline leaves from_incident out of its form, so the database constraint is
        # not checked by form validation; say it here instead of failing on save.
        if self.from_incident_id is not None and self.from_incident_id == self.to_incident_id:
            raise ValidationError({"to_incident": "An incident cannot be linked to itself."})
