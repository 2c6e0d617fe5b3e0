"""One FilterSet per resource, shared by the pages, the map data, the exports and the API, so a
view and everything exported from it always agree.

Every parameter is validated by the FilterSet's form; a bad value is a 400 that names the
parameter (see `incidents.views.filtering.apply_filters`), never a 500.
"""

import datetime

import django_filters as df
from django import forms
from django.db.models import Exists, F, OuterRef, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from geo.models import AdminArea, Country, Place, PlaceKind
from incidents import search, visibility
from incidents.models import (
    Affiliation,
    ArmedGroup,
    Casualty,
    CasualtyClaim,
    Incident,
    Participation,
    Person,
    Report,
    Source,
    Statement,
)
from incidents.models.choices import (
    EventType,
    GroupKind,
    Means,
    ParticipationRole,
    Stance,
    Status,
    SubEventType,
)
from releases import asof

# Large enough for any real toll, small enough for every database's integer column.
MAX_COUNT = 10_000_000


class SearchInput(forms.TextInput):
    """Free text, shown right to left when it is typed in Arabic."""

    def __init__(self, attrs=None):
        super().__init__({"dir": "auto", **(attrs or {})})


class BBoxField(forms.CharField):
    """`min_lon,min_lat,max_lon,max_lat` in degrees, as Leaflet's getBounds().toBBoxString() gives it."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        parts = value.split(",")
        if len(parts) != 4:
            raise forms.ValidationError("Give four numbers: min_lon,min_lat,max_lon,max_lat.")
        try:
            min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
        except ValueError:
            raise forms.ValidationError("Give four numbers: min_lon,min_lat,max_lon,max_lat.") from None
        if not all(map(_finite, (min_lon, min_lat, max_lon, max_lat))):
            raise forms.ValidationError("Coordinates must be finite numbers.")
        if min_lat > max_lat:
            raise forms.ValidationError("min_lat is greater than max_lat.")
        # Leaflet reports longitudes past ±180 when the world wraps; clamp rather than refuse.
        min_lon, max_lon = max(min_lon, -180.0), min(max_lon, 180.0)
        min_lat, max_lat = max(min_lat, -90.0), min(max_lat, 90.0)
        if min_lon > max_lon:
            raise forms.ValidationError("min_lon is greater than max_lon.")
        return (min_lon, min_lat, max_lon, max_lat)


class NullsLastOrderingFilter(df.OrderingFilter):
    """Sorts rows without a value last either way, as both databases then agree on the order."""

    def get_ordering_value(self, param):
        value = super().get_ordering_value(param)
        field = F(value.removeprefix("-"))
        return field.desc(nulls_last=True) if value.startswith("-") else field.asc(nulls_last=True)


class DateInput(forms.DateInput):
    input_type = "date"


class YesNoAnyWidget(forms.Select):
    """true / false / any, in words a researcher reads; passes the raw text on to be checked."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=(("", "Any"), ("true", "Yes"), ("false", "No")))

    def format_value(self, value):
        return {True: ["true"], False: ["false"]}.get(value, super().format_value(value))


class YesNoField(forms.NullBooleanField):
    widget = YesNoAnyWidget

    def to_python(self, value):
        word = str(value).strip().lower() if value is not None else ""
        if word in ("", "none"):
            return None
        if word in ("true", "1", "yes"):
            return True
        if word in ("false", "0", "no"):
            return False
        raise forms.ValidationError("Use true or false.")

    def validate(self, value):
        pass


class YesNoFilter(df.BooleanFilter):
    field_class = YesNoField


def _finite(x: float) -> bool:
    return x == x and abs(x) != float("inf")


@extend_schema_field(OpenApiTypes.STR)
class BBoxFilter(df.Filter):
    field_class = BBoxField

    def filter(self, qs, value):
        if not value:
            return qs
        min_lon, min_lat, max_lon, max_lat = value
        return qs.filter(latitude__gte=min_lat, latitude__lte=max_lat, longitude__gte=min_lon, longitude__lte=max_lon)


class ContainsAnyFilter(df.CharFilter):
    """Free text found, whatever its case, in any of `lookups` (a list of field paths)."""

    def __init__(self, *args, lookups, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)
        self.lookups = lookups

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        condition = Q()
        for lookup in self.lookups:
            condition |= Q(**{f"{lookup}__icontains": value})
        return qs.filter(condition)


@extend_schema_field(OpenApiTypes.STR)
class CodeMultipleChoiceFilter(df.ModelMultipleChoiceFilter):
    """One or more records named by a code (`to_field_name`): a country's iso2, a governorate's ISO 3166-2.

    Declare `distinct=False` when `field_name` follows a foreign key (each row matches at most once,
    and DISTINCT would turn the query into `id IN (SELECT DISTINCT ...)` on the map); keep the
    default, `distinct=True`, across a to-many relation. Likewise for a MultipleChoiceFilter on the
    model's own column.
    """


def date_overlap(date_from: datetime.date | None, date_to: datetime.date | None) -> Q:
    """Incidents whose period, at their precision, overlaps [date_from, date_to].

    A month-precision incident stands for its whole month, a year-precision one for its year, a
    week-precision one for the seven days from its start (incidents.models.periods): the stored
    period overlaps when it starts by `date_to` and ends on or after `date_from`. The bound on
    start_date adds nothing to the answer (a period starts in the year of its start date);
    it lets the (status, start_date) index serve lists sorted by date.
    """
    condition = Q()
    if date_to is not None:
        condition &= Q(period_start__lte=date_to, start_date__lte=date_to.replace(month=12, day=31))
    if date_from is not None:
        condition &= Q(period_end__gte=date_from)
    return condition


def group_role_codes(role: str | None) -> list[str]:
    """The participation roles a `role` parameter selects; perpetrator includes associated ones."""
    if role == "perpetrator":
        return [ParticipationRole.PERPETRATOR, ParticipationRole.ASSOCIATED_PERPETRATOR]
    if role == "target":
        return [ParticipationRole.TARGET, ParticipationRole.ASSOCIATED_TARGET]
    return list(ParticipationRole.values)


class FilterSet(df.FilterSet):
    """The FilterSet of every list: `rows_of(model)` gives the related rows its filters read, the
    current ones unless given (`releases.asof` gives those of a past moment, when the queryset
    filtered holds the history rows of that moment)."""

    def __init__(self, *args, rows_of=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows_of = rows_of or asof.current_rows


class IncidentFilter(FilterSet):
    q = df.CharFilter(method="filter_text", label="Search", max_length=200, widget=SearchInput)
    date_from = df.DateFilter(method="filter_date_range", label="From", widget=DateInput)
    date_to = df.DateFilter(method="filter_date_range", label="To", widget=DateInput)
    country = CodeMultipleChoiceFilter(
        field_name="country__iso2",
        to_field_name="iso2",
        # Every request checks its codes here: leave the boundaries out of the rows read.
        queryset=Country.objects.filter(covered=True).defer("geometry"),
        label="Country",
        distinct=False,
    )
    governorate = CodeMultipleChoiceFilter(
        field_name="admin_area__iso_code",
        to_field_name="iso_code",
        queryset=AdminArea.objects.select_related("country").defer("geometry", "country__geometry"),
        label="Governorate",
        distinct=False,
    )
    # Columns of the incident itself: no join, so no DISTINCT (which would defeat the map's grouping).
    event_type = df.MultipleChoiceFilter(choices=EventType.choices, distinct=False)
    sub_event_type = df.MultipleChoiceFilter(choices=SubEventType.choices, label="Sub-event type", distinct=False)
    means = df.MultipleChoiceFilter(choices=Means.choices, method="filter_means")
    group = df.ModelChoiceFilter(queryset=visibility.choices(ArmedGroup), method="filter_group", label="Armed group")
    role = df.ChoiceFilter(
        choices=[("any", "Any role"), ("perpetrator", "Perpetrator"), ("target", "Target")],
        method="filter_role",
        label="Group's role",
        empty_label="Any role",
    )
    person = df.ModelChoiceFilter(queryset=visibility.choices(Person), method="filter_person", label="Person")
    killed_min = df.NumberFilter(
        field_name="killed_best", lookup_expr="gte", label="Killed at least", min_value=0, max_value=MAX_COUNT
    )
    civilian_harm = YesNoFilter(method="filter_civilian_harm", label="Civilians killed (per any source)")
    contested = YesNoFilter(label="Sources disagree")
    status = df.MultipleChoiceFilter(choices=Status.choices, distinct=False)
    bbox = BBoxFilter(label="Bounding box")
    sort = NullsLastOrderingFilter(
        fields=[
            ("start_date", "date"),
            ("killed_best", "killed"),
            ("place_name", "place"),
            # The governorate's name as kept on the incident, which an index can serve.
            ("admin_area_name", "governorate"),
            ("title", "title"),
        ],
        label="Sort by",
    )

    class Meta:
        model = Incident
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.text_meaning = search.Meaning()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if data.get("date_from") or data.get("date_to"):
            queryset = queryset.filter(date_overlap(data.get("date_from"), data.get("date_to")))
        if not data.get("status"):
            # Retractions stay reachable by URL but leave lists, the map, exports and the API
            # unless asked for by status.
            queryset = queryset.exclude(status=Status.RETRACTED)
        if not data.get("sort"):
            queryset = queryset.order_by("-start_date", "-id")
        else:
            # A stable order for pagination: ties broken by id.
            queryset = queryset.order_by(*queryset.query.order_by, "-id")
        return queryset

    def filter_date_range(self, queryset, name, value):
        return queryset

    def filter_text(self, queryset, name, value):
        if not value.strip():
            return queryset
        # Kept for the page, which says what a query spelled otherwise was read as.
        self.text_meaning = search.meaning(value)
        return queryset.filter(search.incident_condition(value, self.rows_of(Participation), self.text_meaning))

    def filter_means(self, queryset, name, value):
        if not value:
            return queryset
        condition = Q()
        for code in value:
            # means is a JSON list; its text holds each code in double quotes.
            condition |= Q(means__icontains=f'"{code}"')
        return queryset.filter(condition)

    @extend_schema_field(OpenApiTypes.INT)
    def filter_group(self, queryset, name, group):
        if group is None:
            return queryset
        roles = group_role_codes(self.form.cleaned_data.get("role"))
        return queryset.filter(
            Exists(
                self.rows_of(Participation).filter(
                    incident_id=OuterRef("id"), group_id__in=group.descendant_ids(), role__in=roles
                )
            )
        )

    def filter_role(self, queryset, name, value):
        # Qualifies `group`; on its own it selects nothing more.
        return queryset

    @extend_schema_field(OpenApiTypes.INT)
    def filter_person(self, queryset, name, person):
        if person is None:
            return queryset
        spoken = self.rows_of(Statement).filter(speaker=person).values("id")
        return queryset.filter(
            Exists(self.rows_of(Casualty).filter(incident_id=OuterRef("id"), person=person))
            | Exists(Statement.incidents.through.objects.filter(incident_id=OuterRef("id"), statement_id__in=spoken))
            | Exists(self.rows_of(CasualtyClaim).filter(incident_id=OuterRef("id"), claimant_person=person))
        )

    def filter_civilian_harm(self, queryset, name, value):
        if value is None:
            return queryset
        harmed = Q(civilians_killed_high__gt=0)
        return queryset.filter(harmed) if value else queryset.exclude(harmed)


class ArmedGroupFilter(FilterSet):
    q = df.CharFilter(method="filter_text", label="Search", max_length=200, widget=SearchInput)
    kind = df.MultipleChoiceFilter(choices=GroupKind.choices, distinct=False)
    country = CodeMultipleChoiceFilter(
        method="filter_country", to_field_name="iso2", queryset=Country.objects.all(), label="Country"
    )
    parent = df.ModelChoiceFilter(queryset=visibility.choices(ArmedGroup), label="Umbrella")

    class Meta:
        model = ArmedGroup
        fields = []

    # Groups are matched by `id`, which their history rows (releases.asof) hold too.
    def filter_text(self, queryset, name, value):
        if not value.strip():
            return queryset
        return queryset.filter(id__in=search.group_ids(value))

    def filter_country(self, queryset, name, countries):
        if not countries:
            return queryset
        return queryset.filter(id__in=ArmedGroup.objects.filter(countries__in=countries).values("id"))


class PersonFilter(FilterSet):
    q = df.CharFilter(method="filter_text", label="Search", max_length=200, widget=SearchInput)
    group = df.ModelChoiceFilter(queryset=visibility.choices(ArmedGroup), method="filter_group", label="Armed group")

    class Meta:
        model = Person
        fields = []

    # People are matched by `id`, which their history rows (releases.asof) hold too.
    def filter_text(self, queryset, name, value):
        if not value.strip():
            return queryset
        return queryset.filter(id__in=search.person_ids(value, queryset))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_group(self, queryset, name, group):
        if group is None:
            return queryset
        return queryset.filter(id__in=Affiliation.objects.filter(group=group).values("person_id"))


class StatementFilter(FilterSet):
    q = ContainsAnyFilter(
        lookups=["quote", "speaker__name", "speaker_title", "body", "body_group__name"], label="Search"
    )
    speaker = df.ModelChoiceFilter(queryset=visibility.choices(Person), label="Speaker")
    body = ContainsAnyFilter(lookups=["body", "body_group__name"], label="Body spoken for")
    group = df.ModelChoiceFilter(queryset=visibility.choices(ArmedGroup), method="filter_group", label="Armed group")
    stance = df.MultipleChoiceFilter(choices=Stance.choices, distinct=False)
    date_from = df.DateFilter(field_name="said_on", lookup_expr="gte", label="From", widget=DateInput)
    date_to = df.DateFilter(field_name="said_on", lookup_expr="lte", label="To", widget=DateInput)
    incident = df.CharFilter(method="filter_incident", label="Incident id", max_length=20)

    class Meta:
        model = Statement
        fields = []

    # Statements are matched by `id`, which their history rows hold too.
    def _about(self, incidents) -> Exists:
        return Exists(asof.STATEMENT_INCIDENTS.objects.filter(statement_id=OuterRef("id"), incident_id__in=incidents))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_group(self, queryset, name, group):
        # Statements spoken for the group or its members, or about incidents it took part in.
        if group is None:
            return queryset
        ids = group.descendant_ids()
        taking_part = self.rows_of(Participation).filter(group_id__in=ids).values("incident_id")
        return queryset.filter(Q(body_group_id__in=ids) | self._about(taking_part))

    def filter_incident(self, queryset, name, value):
        return queryset.filter(self._about(Incident.objects.filter(public_id=value.strip()).values("id")))


class ReportFilter(FilterSet):
    q = ContainsAnyFilter(lookups=["title", "source__name"], label="Search")
    source = df.ModelChoiceFilter(queryset=visibility.choices(Source), label="Source")
    date_from = df.DateFilter(field_name="published_on", lookup_expr="gte", label="From", widget=DateInput)
    date_to = df.DateFilter(field_name="published_on", lookup_expr="lte", label="To", widget=DateInput)

    class Meta:
        model = Report
        fields = []


class PlaceFilter(FilterSet):
    q = df.CharFilter(method="filter_text", label="Search", max_length=200, widget=SearchInput)
    kind = df.MultipleChoiceFilter(choices=PlaceKind.choices, distinct=False)
    country = CodeMultipleChoiceFilter(
        field_name="country__iso2", to_field_name="iso2", queryset=Country.objects.all(), distinct=False
    )
    governorate = CodeMultipleChoiceFilter(
        field_name="admin_area__iso_code", to_field_name="iso_code", queryset=AdminArea.objects.all(), distinct=False
    )
    bbox = BBoxFilter(label="Bounding box")

    class Meta:
        model = Place
        fields = []

    def filter_text(self, queryset, name, value):
        if not value.strip():
            return queryset
        # Matched by `id`, which history rows (releases.asof) hold too.
        return queryset.filter(id__in=search.place_ids(value, queryset))
