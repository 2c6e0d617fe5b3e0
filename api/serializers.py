"""Read-only representations for the public API.

Nested relations are read from prefetched rows (see the viewsets' querysets), so a list costs the
same number of queries whatever its length. Codes are given as stored; the schema lists each
code list with its labels.
"""

from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from geo.models import Place
from incidents.models import (
    Affiliation,
    ArmedGroup,
    Casualty,
    CasualtyClaim,
    ExternalName,
    Incident,
    IncidentLink,
    Participation,
    Person,
    Report,
    Source,
    Statement,
)
from incidents.models.sources import as_uri


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The absolute URL of a record's page on the site (not of its API resource)."""

    def __init__(self, view_name: str, lookup_field: str = "pk", **kwargs):
        self.view_name, self.lookup_field = view_name, lookup_field
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, instance):
        path = reverse(self.view_name, args=[getattr(instance, self.lookup_field)])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


@extend_schema_field(
    {"type": "string", "pattern": r"^\d{2}:\d{2}:\d{2}(\.\d{1,6})?$", "example": "09:00:00", "nullable": True}
)
class UtcTimeField(serializers.TimeField):
    """A time of day in UTC as `HH:MM:SS`. OpenAPI's `format: time` is RFC 3339's full time, which
    demands an offset ("09:00:00Z"), so validators refused the times the API has always given."""


class GroupRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = ArmedGroup
        fields = ["id", "name"]


class PersonRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "name"]


class IncidentRefSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:incident-detail", lookup_field="public_id")

    class Meta:
        model = Incident
        fields = ["public_id", "title", "start_date", "date_precision", "api_url"]


class ParticipantSerializer(serializers.ModelSerializer):
    group = GroupRefSerializer()

    class Meta:
        model = Participation
        fields = ["group", "role", "attribution", "report", "note"]


class ClaimSerializer(serializers.ModelSerializer):
    claimant_person = PersonRefSerializer(allow_null=True)
    group = GroupRefSerializer(
        allow_null=True, help_text="Whose members they were, for combatants and security forces."
    )

    class Meta:
        model = CasualtyClaim
        fields = [
            "id",
            "report",
            "claimant",
            "claimant_person",
            "claimed_on",
            "category",
            "group",
            "killed_min",
            "killed_max",
            "injured_min",
            "injured_max",
            "quote",
            "note",
        ]
        extra_kwargs = {
            "killed_max": {"help_text": "Empty with a minimum means “at least”."},
            "injured_max": {"help_text": "Empty with a minimum means “at least”."},
        }


class NamedCasualtySerializer(serializers.ModelSerializer):
    person = PersonRefSerializer()

    class Meta:
        model = Casualty
        fields = ["person", "outcome", "claim", "report", "note"]


class IncidentStatementSerializer(serializers.ModelSerializer):
    speaker = PersonRefSerializer(allow_null=True)
    body_group = GroupRefSerializer(allow_null=True)

    class Meta:
        model = Statement
        fields = [
            "id",
            "speaker",
            "speaker_title",
            "body",
            "body_group",
            "stance",
            "said_on",
            "quote",
            "is_paraphrase",
            "language",
            "report",
        ]


class LinkOutSerializer(serializers.ModelSerializer):
    incident = IncidentRefSerializer(source="to_incident")

    class Meta:
        model = IncidentLink
        fields = ["kind", "incident", "report", "note"]


class LinkInSerializer(serializers.ModelSerializer):
    incident = IncidentRefSerializer(source="from_incident")

    class Meta:
        model = IncidentLink
        fields = ["kind", "incident", "report", "note"]


def listed(relation: str, queryset) -> Prefetch:
    """The relation's rows prefetched into a list on each row, which PrefetchedList reads."""
    return Prefetch(relation, queryset=queryset, to_attr=f"listed_{relation}")


class PrefetchedList(serializers.ListSerializer):
    """A row's related rows, from the list `listed` prefetched them into, else from the relation.
    A related manager and a queryset made for each relation of each incident were a fifth of a
    hundred-incident API page's time."""

    def get_attribute(self, instance):
        rows = getattr(instance, f"listed_{self.source}", None)
        return rows if rows is not None else super().get_attribute(instance)


class IncidentSerializer(serializers.ModelSerializer):
    url = PageUrlField("incidents:detail", lookup_field="public_id", help_text="The incident's page on the site.")
    api_url = serializers.HyperlinkedIdentityField(view_name="api:incident-detail", lookup_field="public_id")
    date_display = serializers.CharField(read_only=True, help_text="The date as precisely as it is known.")
    time_utc = UtcTimeField(allow_null=True, read_only=True, help_text="Time of day in UTC, when known.")
    means = serializers.ListField(child=serializers.CharField(), read_only=True)
    country_code = serializers.CharField(source="country.iso2", default=None, allow_null=True)
    country_name = serializers.CharField(source="country.name_en", default=None, allow_null=True)
    governorate_code = serializers.CharField(
        source="admin_area.iso_code", default=None, allow_null=True, help_text="ISO 3166-2."
    )
    governorate_name = serializers.CharField(source="admin_area.name_en", default=None, allow_null=True)
    governorate_name_ar = serializers.CharField(source="admin_area.name_ar", default=None, allow_null=True)
    participants = PrefetchedList(child=ParticipantSerializer(), source="participations")
    claims = PrefetchedList(
        child=ClaimSerializer(), help_text="Each source's figures, side by side; they may disagree."
    )
    named_casualties = PrefetchedList(child=NamedCasualtySerializer(), source="casualties")
    statements = PrefetchedList(child=IncidentStatementSerializer())
    links_out = PrefetchedList(child=LinkOutSerializer(), help_text="This incident is a <kind> the linked one.")
    links_in = PrefetchedList(child=LinkInSerializer(), help_text="The linked incident is a <kind> this one.")

    class Meta:
        model = Incident
        fields = [
            "public_id",
            "url",
            "api_url",
            "title",
            "summary",
            "status",
            "start_date",
            "end_date",
            "date_precision",
            "date_display",
            "time_utc",
            "time_approximate",
            "event_type",
            "sub_event_type",
            "means",
            "place_name",
            "place",
            "district",
            "country_code",
            "country_name",
            "governorate_code",
            "governorate_name",
            "governorate_name_ar",
            "latitude",
            "longitude",
            "location_precision",
            "killed_low",
            "killed_best",
            "killed_high",
            "injured_low",
            "injured_best",
            "injured_high",
            "civilians_killed_low",
            "civilians_killed_high",
            "contested",
            "acled_event_id",
            "ucdp_id",
            "participants",
            "claims",
            "named_casualties",
            "statements",
            "links_out",
            "links_in",
            "changed_at",
        ]


class ExternalNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExternalName
        fields = ["dataset", "value"]


class ArmedGroupSerializer(serializers.ModelSerializer):
    url = PageUrlField("incidents:group-detail", help_text="The group's page on the site.")
    api_url = serializers.HyperlinkedIdentityField(view_name="api:group-detail")
    aliases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    parent = GroupRefSerializer(allow_null=True, help_text="The umbrella the group belongs to.")
    members = GroupRefSerializer(many=True, help_text="Groups under this umbrella.")
    backers = GroupRefSerializer(many=True)
    countries = serializers.SlugRelatedField(slug_field="iso2", many=True, read_only=True)
    external_names = ExternalNameSerializer(many=True, help_text="How datasets name the group.")

    class Meta:
        model = ArmedGroup
        fields = [
            "id",
            "url",
            "api_url",
            "name",
            "name_ar",
            "abbreviation",
            "kind",
            "aliases",
            "parent",
            "members",
            "backers",
            "alignment",
            "countries",
            "active_from",
            "active_to",
            "description",
            "external_names",
        ]


class AffiliationSerializer(serializers.ModelSerializer):
    group = GroupRefSerializer(allow_null=True)

    class Meta:
        model = Affiliation
        fields = ["group", "body", "role", "title", "start_date", "end_date"]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class PersonSerializer(serializers.ModelSerializer):
    url = PageUrlField("incidents:person-detail", help_text="The person's page on the site.")
    api_url = serializers.HyperlinkedIdentityField(view_name="api:person-detail")
    aliases = serializers.SerializerMethodField(help_text="Other names and spellings.")
    affiliations = AffiliationSerializer(many=True)

    class Meta:
        model = Person
        fields = ["id", "url", "api_url", "name", "name_ar", "aliases", "description", "affiliations"]

    def get_aliases(self, person) -> list[str]:
        return _lines(person.aliases)


class StatementSerializer(IncidentStatementSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:statement-detail")
    speaker_display = serializers.CharField(read_only=True)
    incidents = serializers.SlugRelatedField(
        slug_field="public_id", many=True, read_only=True, help_text="The incidents the statement concerns."
    )

    class Meta(IncidentStatementSerializer.Meta):
        fields = [
            "id",
            "api_url",
            "speaker",
            "speaker_title",
            "body",
            "body_group",
            "speaker_display",
            "stance",
            "said_on",
            "quote",
            "is_paraphrase",
            "language",
            "report",
            "incidents",
        ]


# Declared rather than read off the models, whose check refuses the characters a URL may not hold
# (a pattern the schema would otherwise give as one the value must match).
def _url_field(help_text: str):
    return serializers.URLField(read_only=True, allow_blank=True, help_text=help_text)


class SourceSerializer(serializers.ModelSerializer):
    url = _url_field("The outlet's site.")

    class Meta:
        model = Source
        fields = ["id", "name", "kind", "url"]

    def to_representation(self, instance):
        # Rows saved before URLs were checked may hold a quote or a space: sent encoded, as `format: uri` says.
        data = super().to_representation(instance)
        data["url"] = as_uri(data["url"])
        return data


class ReportSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:report-detail")
    source = SourceSerializer()
    url = _url_field("Where the report was published.")

    class Meta:
        model = Report
        fields = ["id", "api_url", "source", "title", "url", "published_on", "language", "retrieved_at"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["url"] = as_uri(data["url"])
        return data


class ReportDetailSerializer(ReportSerializer):
    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "text"]


class PlaceSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:place-detail")
    alternate_names = serializers.SerializerMethodField()
    country_code = serializers.CharField(source="country.iso2")
    governorate_code = serializers.CharField(source="admin_area.iso_code", default=None, allow_null=True)
    governorate_name = serializers.CharField(source="admin_area.name_en", default=None, allow_null=True)

    class Meta:
        model = Place
        fields = [
            "id",
            "api_url",
            "name",
            "ascii_name",
            "name_ar",
            "alternate_names",
            "kind",
            "country_code",
            "governorate_code",
            "governorate_name",
            "latitude",
            "longitude",
            "population",
            "geonameid",
            "source",
        ]

    def get_alternate_names(self, place) -> list[str]:
        return _lines(place.alternate_names)
