"""The read-only public API: one viewset per resource, filtered by the same FilterSets as the pages."""

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from api import serializers
from api.filtering import FilterBackend
from api.serializers import listed
from config.methods import read_only
from geo.models import AdminArea, Country, Place
from incidents import visibility
from incidents.filters import (
    MAX_COUNT,
    ArmedGroupFilter,
    IncidentFilter,
    PersonFilter,
    PlaceFilter,
    ReportFilter,
    StatementFilter,
)
from incidents.ids import is_id, is_whole_number
from incidents.models import (
    Affiliation,
    ArmedGroup,
    Casualty,
    CasualtyClaim,
    IncidentLink,
    Participation,
    Person,
    Report,
    Statement,
)
from incidents.models.incident import statuses_seen
from incidents.paging import CappedPaginator
from incidents.views.common import records_seen
from incidents.views.filtering import incidents_seen, visible_incidents
from releases import asof, moments

MAX_PAGE_SIZE = 1000


class Pagination(PageNumberPagination):
    """Page numbers, with a client-chosen page size up to MAX_PAGE_SIZE.

    A page or page size that is not a positive whole number is a 400 naming the parameter, like
    any other bad parameter; a page past the last one stays DRF's 404.

    Matches are counted up to a horizon (see incidents.paging): 10,000 rows, or the end of the
    page asked for if further. Past it `count` is the number counted (the horizon plus one) and
    `count_is_capped` is true; `page=last` counts them all.
    """

    django_paginator_class = CappedPaginator
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_size_query_description = f"Results per page (at most {MAX_PAGE_SIZE}; larger values are capped)."

    def get_page_size(self, request):
        _positive_int_param(request, self.page_size_query_param)
        return super().get_page_size(request)

    def get_page_number(self, request, paginator):
        if request.query_params.get(self.page_query_param) not in self.last_page_strings:
            _positive_int_param(request, self.page_query_param)
        else:
            # The real last page: only a full count knows where it is.
            paginator.count_all()
        return super().get_page_number(request, paginator)

    def get_paginated_response(self, data):
        paginator = self.page.paginator
        return Response(
            {
                "count": paginator.count,
                "count_is_capped": paginator.is_capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["required"] = [*response["required"], "count_is_capped"]
        response["properties"]["count"]["description"] = (
            f"How many records match, counted up to {CappedPaginator.cap:,} (or to the end of the page asked "
            "for, if further) plus one. Exact when `count_is_capped` is false; otherwise at least this many match."
        )
        response["properties"]["count_is_capped"] = {
            "type": "boolean",
            "description": "True when more records match than were counted: `count` is then a lower bound. "
            "Ask for `page=last` to count them all.",
        }
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"].update(minimum=1, maximum=MAX_COUNT)
        return parameters


def _positive_int_param(request, name: str):
    value = request.query_params.get(name)
    if value is None or value == "":
        return
    # Bounded so the database never sees an offset beyond its integer range (leading zeros count
    # towards the digits allowed: the paginator reads the value as given).
    if not is_whole_number(value, MAX_COUNT) or int(value) < 1:
        raise ValidationError({name: [f"Enter a whole number from 1 to {MAX_COUNT}."]})


_DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
BAD_PARAMETERS = OpenApiResponse(
    {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    description="A parameter's value is not accepted: each bad parameter with its messages.",
)
NO_RECORD = OpenApiResponse(_DETAIL, description="No such record, or not one visible to you.")
NO_PAGE = OpenApiResponse(_DETAIL, description="A page past the last one.")
THROTTLED = OpenApiResponse(_DETAIL, description="Too many requests from this client; see Retry-After.")


class ApiSchema(AutoSchema):
    """Documents the errors every read can answer besides its 200, so clients and the schema-driven
    fuzz tests (tests/api/test_api_fuzz.py) know every status code and body the API gives."""

    def get_response_serializers(self):
        if self.view.action == "list":
            return {200: super().get_response_serializers(), 400: BAD_PARAMETERS, 404: NO_PAGE, 429: THROTTLED}
        # 400: a bad as_of or release.
        return {200: super().get_response_serializers(), 400: BAD_PARAMETERS, 404: NO_RECORD, 429: THROTTLED}

    def get_override_parameters(self):
        # Every collection and record answers as it stood at a moment.
        return [*super().get_override_parameters(), *MOMENT_PARAMETERS]

    def get_auth(self):
        # Anyone may read, without credentials: no security scheme, so Swagger UI shows no padlocks
        # and no Authorize button. Staff's session (which shows them drafts) is no public contract.
        return []


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A collection of records, each by its id, filtered by the pages' FilterSet.

    Asked for a moment (as_of, release), a viewset reads the records' history rows of that moment
    (`rows_at`: those the reader could see then, ordered) and gives the page, or the record asked
    for, as the records then stood (`as_they_stood`)."""

    pagination_class = Pagination
    filter_backends = [FilterBackend]
    schema = ApiSchema()
    # The moment asked for: None for the present.
    moment = None
    # The records' model and order; `related()`, what each record's answer reads beside it.
    model = None
    ordering: tuple[str, ...] = ()

    def related(self) -> list:
        return []

    def get_queryset(self):
        if self.moment is not None:
            return self.rows_at(self.moment.when)
        return records_seen(self.model, self.request).prefetch_related(*self.related()).order_by(*self.ordering)

    def rows_at(self, when):
        return records_seen(self.model, self.request, when).order_by(*self.ordering)

    def as_they_stood(self, rows) -> list:
        # A record's own fields as they stood; what it reads beside them (an alias, a member), as it is.
        records = asof.instances(rows)
        prefetch_related_objects(records, *self.related())
        return records

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not moments.asks_for_moment(request.query_params):
            return
        try:
            self.moment = moments.from_params(request.query_params)
        except moments.BadMoment as error:
            raise ValidationError(error.messages()) from None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.moment is not None:
            response[moments.DATA_AS_OF] = self.moment.header
        return response

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if self.moment is None or page is None:
            return page
        return self.as_they_stood(page)

    def get_object(self):
        # Records by database id: ASCII digits a 64-bit column can hold (int() would also read
        # "١٢" as 12, and SQLite refuses larger numbers with an error), else a 404 like any other.
        if self.lookup_field == "pk":
            value = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")
            if not is_id(self.get_queryset().model, value):
                raise NotFound("No record has that id.")
            if self.moment is not None:
                # A history row's pk is its own; the record's is its `id`.
                self.lookup_field, self.lookup_url_kwarg = "id", "pk"
        found = super().get_object()
        return found if self.moment is None else self.as_they_stood([found])[0]


BBOX_PARAMETER = OpenApiParameter(
    "bbox",
    OpenApiTypes.STR,
    description="Bounding box `min_lon,min_lat,max_lon,max_lat` in degrees, e.g. `44.2,33.1,44.6,33.5`.",
    pattern=r"^[^,]+,[^,]+,[^,]+,[^,]+$",
)


# The data as it stood at a moment (releases.moments): the answer's Data-As-Of header names it.
MOMENT_PARAMETERS = [
    OpenApiParameter(
        "as_of",
        OpenApiTypes.STR,
        description="The records as they were published at this moment: a date (the end of that day, UTC) "
        "or a date and time (ISO 8601, UTC unless an offset is given), e.g. `2024-06-30` or "
        "`2024-06-30T12:00:00Z`. A moment still to come is now.",
    ),
    OpenApiParameter(
        "release",
        OpenApiTypes.STR,
        description="The records as they were published at a named release's moment (`/releases/`). Not with `as_of`.",
    ),
]


@extend_schema_view(
    list=extend_schema(
        summary="List incidents",
        description="Incidents, newest first unless `sort` says otherwise, with their participants, casualty "
        "claims (every source's figures side by side), named casualties, statements and links. "
        "The public sees published incidents only; staff see drafts and retractions too.",
        parameters=[BBOX_PARAMETER],
    ),
    retrieve=extend_schema(summary="One incident", description="An incident by its public id (`INC-XXXXXXXX`)."),
)
class IncidentViewSet(ReadOnlyViewSet):
    serializer_class = serializers.IncidentSerializer
    filterset_class = IncidentFilter
    lookup_field = "public_id"

    def rows_at(self, when):
        return incidents_seen(self.request, when).order_by("-start_date", "-id")

    def as_they_stood(self, rows) -> list:
        return asof.incidents_with_parts(rows, self.moment.when)

    def get_queryset(self):
        if self.moment is not None:
            return self.rows_at(self.moment.when)
        visible = visible_incidents(self.request).values("pk")
        links = IncidentLink.objects.all()
        return (
            visible_incidents(self.request)
            .with_places()
            .prefetch_related(
                listed("participations", Participation.objects.select_related("group")),
                listed("claims", CasualtyClaim.objects.select_related("claimant_person", "group")),
                listed("casualties", Casualty.objects.select_related("person")),
                listed("statements", Statement.objects.select_related("speaker", "body_group")),
                # A link never reveals an incident the reader may not see.
                listed("links_out", links.filter(to_incident__in=visible).select_related("to_incident")),
                listed("links_in", links.filter(from_incident__in=visible).select_related("from_incident")),
            )
            .order_by("-start_date", "-id")
        )


@extend_schema_view(
    list=extend_schema(summary="List armed groups", description="Armed groups, state forces included, by name."),
    retrieve=extend_schema(summary="One armed group"),
)
class ArmedGroupViewSet(ReadOnlyViewSet):
    serializer_class = serializers.ArmedGroupSerializer
    filterset_class = ArmedGroupFilter
    model = ArmedGroup
    ordering = ("name", "id")

    def related(self) -> list:
        groups = visibility.for_request(ArmedGroup.objects.all(), self.request)
        return [
            # An umbrella the reader may not see is given as none.
            Prefetch("parent", queryset=groups),
            "aliases",
            "external_names",
            "countries",
            Prefetch("members", queryset=groups.order_by("name", "id")),
            Prefetch("backers", queryset=groups.order_by("name", "id")),
        ]


@extend_schema_view(
    list=extend_schema(summary="List people", description="Named people: speakers, commanders, targets, victims."),
    retrieve=extend_schema(summary="One person"),
)
class PersonViewSet(ReadOnlyViewSet):
    serializer_class = serializers.PersonSerializer
    filterset_class = PersonFilter
    model = Person
    ordering = ("name", "id")

    def related(self) -> list:
        groups = visibility.for_request(ArmedGroup.objects.all(), self.request)
        roles = Affiliation.objects.filter(Q(group__isnull=True) | Q(group__in=groups)).select_related("group")
        return [Prefetch("affiliations", queryset=roles)]


@extend_schema_view(
    list=extend_schema(summary="List statements", description="Statements on the record, newest first."),
    retrieve=extend_schema(summary="One statement"),
)
class StatementViewSet(ReadOnlyViewSet):
    serializer_class = serializers.StatementSerializer
    filterset_class = StatementFilter

    def rows_at(self, when):
        return records_seen(Statement, self.request, when).order_by("-said_on", "id")

    def as_they_stood(self, rows) -> list:
        return asof.statements_with_incidents(rows, self.moment.when, statuses_seen(self.request.user))

    def get_queryset(self):
        if self.moment is not None:
            return self.rows_at(self.moment.when)
        return (
            visibility.for_request(Statement.objects.all(), self.request)
            .select_related("speaker", "body_group")
            .prefetch_related(
                Prefetch("incidents", queryset=visible_incidents(self.request).only("pk", "public_id")),
            )
            .order_by("-said_on", "id")
        )


@extend_schema_view(
    list=extend_schema(summary="List reports", description="Reports, newest first; the full text is on each report."),
    retrieve=extend_schema(summary="One report, with its full text"),
)
class ReportViewSet(ReadOnlyViewSet):
    filterset_class = ReportFilter
    model = Report
    ordering = ("-published_on", "id")

    def related(self) -> list:
        return ["source"]

    def get_queryset(self):
        queryset = super().get_queryset()
        # The full text is large and only the detail shows it (read whole at a moment, where each
        # history row becomes a report).
        return queryset if self.action == "retrieve" or self.moment else queryset.defer("text")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ReportDetailSerializer
        return serializers.ReportSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List places",
        description="The gazetteer: populated places (GeoNames), airfields and military sites.",
        parameters=[BBOX_PARAMETER],
    ),
    retrieve=extend_schema(summary="One place"),
)
class PlaceViewSet(ReadOnlyViewSet):
    serializer_class = serializers.PlaceSerializer
    filterset_class = PlaceFilter
    model = Place
    ordering = ("name", "id")

    def related(self) -> list:
        return [
            Prefetch("country", queryset=Country.objects.defer("geometry")),
            Prefetch("admin_area", queryset=AdminArea.objects.defer("geometry", "alt_names")),
        ]


@read_only
def docs(request):
    ctx = {"schema_url": reverse("api:schema")}
    return render(request, "api/docs.html", ctx)


def not_found(request):
    return JsonResponse({"detail": "Not found."}, status=404)
