"""The baselines: what a competent developer writes first, measured beside the real code on the
same data in the same run.

Each is a real, working implementation giving the same information as the view it stands beside:
a DRF ModelSerializer with nested relations returning every matching incident for the map; list,
incident, group and API views without the query planning (the ORM's lazy relations, counted in
Python); exports that build the whole file in memory before sending it; imports that save row by
row through the ORM (`update_or_create`, `create`), each row its own transaction.
"""

import csv
import datetime
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination

from api.serializers import IncidentSerializer
from datasets import acled, ucdp
from datasets.csvtable import CsvTable, ImportErrors
from datasets.layouts import confused_with
from datasets.places import GeoLookups
from datasets.records import DatasetSpec
from datasets.writer import make_title
from incidents import chain, workflow
from incidents.exports import layout, records
from incidents.filters import IncidentFilter
from incidents.models import (
    ArmedGroup,
    CasualtyClaim,
    ExternalName,
    Incident,
    Participation,
    Report,
    Source,
    Statement,
)
from incidents.models.choices import Attribution, EventType, Means, ParticipationRole, SourceKind, Status
from incidents.views import common, pages
from incidents.views.filtering import BadFilter, filter_incidents, visible_incidents
from releases import moments
from trends import chart, series, views

# The map ---------------------------------------------------------------------------------------


class _GroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = ArmedGroup
        fields = ["id", "name"]


class _ParticipationSerializer(serializers.ModelSerializer):
    group = _GroupSerializer()

    class Meta:
        model = Participation
        fields = ["group", "role", "attribution"]


class MapIncidentSerializer(serializers.ModelSerializer):
    governorate = serializers.CharField(source="admin_area.name_en", default=None)
    participations = _ParticipationSerializer(many=True)
    date = serializers.CharField(source="date_display")

    class Meta:
        model = Incident
        fields = [
            "id",
            "public_id",
            "title",
            "latitude",
            "longitude",
            "start_date",
            "end_date",
            "date_precision",
            "date",
            "event_type",
            "killed_low",
            "killed_best",
            "killed_high",
            "contested",
            "place_name",
            "governorate",
            "participations",
        ]


class MapData(generics.ListAPIView):
    """Every incident matching the filters and the view, each with its nested groups."""

    serializer_class = MapIncidentSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = IncidentFilter
    pagination_class = None
    throttle_classes = []

    def get_queryset(self):
        return (
            visible_incidents(self.request)
            .filter(latitude__isnull=False)
            .select_related("admin_area")
            .defer("admin_area__geometry", "admin_area__alt_names")
            .prefetch_related("participations__group")
        )


def map_data(request):
    # The map sends its zoom; a view returning every point has no use for it.
    params = request.GET.copy()
    params.pop("zoom", None)
    request.GET = params
    return MapData.as_view()(request)


# Pages -----------------------------------------------------------------------------------------


def incident_list(request):
    """The list page as first written: paginate the filtered queryset and let the template follow
    each row's relations."""
    ctx = {"sorts": pages.SORTS, "current_sort": request.GET.get("sort", "-date")}
    try:
        filterset, incidents = filter_incidents(request)
    except BadFilter as error:
        return HttpResponse(error.as_text(), status=400)
    query = common.query_without(request, "page")
    ctx.update(
        {
            "filter": filterset,
            "page": common.page_of(request, incidents),
            "query": query,
            "query_without_sort": common.query_without(request, "page", "sort"),
            "export_csv": f"{reverse('incidents:export-csv')}?{query}",
            "export_geojson": f"{reverse('incidents:export-geojson')}?{query}",
            "map_url": f"{reverse('maps:map')}?{query}",
            "is_staff": request.user.is_staff,
        }
    )
    return render(request, "incidents/incident_list.html", ctx)


def trends(request):
    """The trends page as first written: every matching incident read and summed in Python."""
    try:
        filterset, incidents = filter_incidents(request)
    except BadFilter as error:
        return HttpResponse(error.as_text(), status=400)
    data = filterset.form.cleaned_data
    rows = list(
        incidents.order_by().values(
            "period_start", "event_type", "killed_low", "killed_best", "killed_high", "contested"
        )
    )
    if not rows:
        return HttpResponse("No incident matches these filters.")
    first = data.get("date_from") or min(row["period_start"] for row in rows)
    last = data.get("date_to") or max(row["period_start"] for row in rows)
    interval = series.choose_interval(first, last, None)
    periods = {start: series.Period(start, start) for start in series.periods_between(first, last, interval)}
    starts = sorted(periods)
    for row in rows:
        start = min(max(series.period_start(row["period_start"], interval), starts[0]), starts[-1])
        best = row["killed_best"] or 0
        figures = series.Figures(
            1,
            int(row["contested"]),
            best if row["killed_low"] is None else row["killed_low"],
            best,
            best if row["killed_high"] is None else row["killed_high"],
        )
        periods[start].total.add(figures)
        periods[start].by_series.setdefault(row["event_type"], series.Figures()).add(figures)
    trend = series.Trend(interval, "event_type", list(EventType.choices), list(periods.values()))
    ctx = {"filter": filterset, "options": views.TrendOptions(request.GET), "trend": trend}
    ctx.update(chart=chart.draw(trend, lambda period: reverse("incidents:list")), totals=views.totals(trend))
    return render(request, "trends/trends.html", ctx)


def incident_detail(request, public_id):
    incident = get_object_or_404(Incident.objects.reachable_by_url(request.user), public_id=public_id)
    participations = list(incident.participations.all())
    claims = list(incident.claims.order_by("report__published_on", "id"))
    statements = list(incident.statements.order_by("said_on", "id"))
    accounts = pages._accounts(claims)
    reports = {c.report_id: c.report for c in claims}
    reports.update({s.report_id: s.report for s in statements})
    reports.update({p.report_id: p.report for p in participations if p.report_id})
    url = request.build_absolute_uri(reverse("incidents:detail", args=[incident.public_id]))
    where = ", ".join(
        part
        for part in (
            incident.place_name,
            incident.admin_area.name_en if incident.admin_area else "",
            incident.country.name_en if incident.country else "",
        )
        if part
    )
    accessed = timezone.localdate()
    ctx = {
        "incident": incident,
        "perpetrators": [p for p in participations if p.role in common.PERPETRATOR_ROLES],
        "targets": [p for p in participations if p.role in common.TARGET_ROLES],
        "accounts": accounts,
        "disagreement": pages._disagreement(accounts),
        "casualties": list(incident.casualties.all()),
        "statements": statements,
        "escalation": chain.escalation_chain(incident, visible_incidents(request)),
        "reports": sorted(reports.values(), key=lambda r: (r.published_on, r.pk)),
        "means": [Means(code).label for code in incident.means if code in Means.values],
        "where": where,
        "cite_url": url,
        "accessed": accessed,
        "citation": f"Conflict-incident tracker, “{incident.title}” ({incident.public_id}). {url}",
        "change_log": workflow.public_change_log(incident, show_users=settings.PUBLIC_HISTORY_SHOW_USERS),
        "map_data": {
            "lat": incident.latitude,
            "lng": incident.longitude,
            "precision": incident.get_location_precision_display(),
            "boundaries": reverse("geo:boundaries"),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    }
    return render(request, "incidents/incident_detail.html", ctx)


def group_detail(request, pk):
    """The group page with its monthly chart counted in Python over the group's incidents."""
    group = get_object_or_404(ArmedGroup, pk=pk)
    family = group.descendant_ids()
    visible = visible_incidents(request)
    involved = visible.filter(participations__group_id__in=family).distinct()
    months = Counter(incident.start_date.replace(day=1) for incident in involved.only("start_date"))
    peak = max(months.values(), default=0)
    ctx = {
        "group": group,
        "members": group.members.order_by("name"),
        "backed": group.backed_groups.order_by("name"),
        "perpetrator_count": visible.filter(
            participations__group_id__in=family, participations__role__in=common.PERPETRATOR_ROLES
        )
        .distinct()
        .count(),
        "target_count": visible.filter(
            participations__group_id__in=family, participations__role__in=common.TARGET_ROLES
        )
        .distinct()
        .count(),
        "monthly": [{"month": month, "n": n, "height": round(100 * n / peak)} for month, n in sorted(months.items())],
        "recent": involved.order_by("-start_date", "-id")[:25],
        "involved_count": involved.count(),
        "statements": Statement.objects.filter(body_group_id__in=family).order_by("-said_on", "-id")[:25],
        "affiliations": group.affiliations.order_by("person__name"),
        "list_url": f"{reverse('incidents:list')}?group={group.pk}",
        "perpetrator_url": f"{reverse('incidents:list')}?group={group.pk}&role=perpetrator",
        "target_url": f"{reverse('incidents:list')}?group={group.pk}&role=target",
        "map_url": f"{reverse('maps:map')}?group={group.pk}",
    }
    return render(request, "incidents/group_detail.html", ctx)


# The API ---------------------------------------------------------------------------------------


class ApiIncidents(generics.ListAPIView):
    """The API list with the project's serializer over a plain queryset: each nested relation is
    read when the serializer reaches it."""

    serializer_class = IncidentSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = IncidentFilter
    pagination_class = PageNumberPagination
    throttle_classes = []

    def get_queryset(self):
        return visible_incidents(self.request).order_by("-start_date", "-id")


# Exports ---------------------------------------------------------------------------------------


def _as_of(as_of: str, incidents):
    """The incidents as simple-history gives them at that moment (its `as_of`), each with its
    participations and claims of that moment, one query per incident and relation."""
    moment = moments.parse_as_of(as_of)
    wanted = set(incidents.values_list("pk", flat=True))
    for incident in Incident.history.as_of(moment):
        if incident.pk in wanted and incident.status == Status.PUBLISHED:
            parts = Participation.history.as_of(moment).filter(incident_id=incident.pk)
            claims = CasualtyClaim.history.as_of(moment).filter(incident_id=incident.pk)
            yield incident, list(parts), list(claims)


def _present(incidents):
    incidents = incidents.select_related("country", "admin_area").prefetch_related(
        "participations__group", "claims__report__source", "statements__report__source"
    )
    for incident in incidents:
        yield incident, incident.participations.all(), incident.claims.all()


def _export_records(request):
    """Every record of the filtered list, built from model instances and their prefetched relations."""
    request.GET = request.GET.copy()
    as_of = request.GET.pop("as_of", [None])[0]
    _, incidents = filter_incidents(request)
    detail = reverse("incidents:detail", args=["PLACEHOLDER"])
    for incident, participations, claims in _as_of(as_of, incidents) if as_of else _present(incidents):
        roles = {role: [] for role in ParticipationRole.values}
        for part in participations:
            roles[part.role].append(part.group.name)
        cited = {claim.report for claim in claims} | {s.report for s in incident.statements.all()}
        sources = [
            f"{r.source.name}, {r.published_on.isoformat()}, {r.title}" + (f" <{r.url}>" if r.url else "")
            for r in sorted(cited, key=lambda r: (r.published_on, r.source.name, r.title))
        ]
        yield {
            "public_id": incident.public_id,
            "url": request.build_absolute_uri(detail.replace("PLACEHOLDER", incident.public_id)),
            "title": incident.title,
            "start_date": incident.start_date.isoformat(),
            "end_date": incident.end_date.isoformat() if incident.end_date else None,
            "date_precision": incident.date_precision,
            "time_utc": incident.time_utc.isoformat() if incident.time_utc else None,
            "event_type": incident.get_event_type_display(),
            "sub_event_type": incident.get_sub_event_type_display(),
            "means": list(incident.means),
            "place_name": incident.place_name,
            "district": incident.district,
            "governorate": incident.admin_area.name_en if incident.admin_area else None,
            "governorate_code": incident.admin_area.iso_code if incident.admin_area else None,
            "country": incident.country.name_en if incident.country else None,
            "country_code": incident.country.iso2 if incident.country else None,
            "latitude": incident.latitude,
            "longitude": incident.longitude,
            "location_precision": incident.location_precision,
            "perpetrators": roles[ParticipationRole.PERPETRATOR],
            "associated_perpetrators": roles[ParticipationRole.ASSOCIATED_PERPETRATOR],
            "targets": roles[ParticipationRole.TARGET],
            "associated_targets": roles[ParticipationRole.ASSOCIATED_TARGET],
            "side_a": roles[ParticipationRole.SIDE_A],
            "side_b": roles[ParticipationRole.SIDE_B],
            "killed_low": incident.killed_low,
            "killed_best": incident.killed_best,
            "killed_high": incident.killed_high,
            "injured_low": incident.injured_low,
            "injured_best": incident.injured_best,
            "injured_high": incident.injured_high,
            "civilians_killed_low": incident.civilians_killed_low,
            "civilians_killed_high": incident.civilians_killed_high,
            "contested": incident.contested,
            "status": incident.status,
            "sources": sources,
            "acled_event_id": incident.acled_event_id,
            "ucdp_id": incident.ucdp_id,
            "changed_at": incident.changed_at.astimezone(datetime.UTC)
            .isoformat(timespec="seconds")
            .replace("+00:00", "Z"),
        }


def export_csv(request):
    """The whole CSV written into the response's buffer, then sent."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="incidents.csv"'
    writer = csv.writer(response)
    writer.writerow(layout.COLUMNS)
    for record in _export_records(request):
        writer.writerow(records.csv_row(record))
    return response


def export_geojson(request):
    """The whole FeatureCollection built as one dict, then serialised."""
    features = [records.geojson_feature(record) for record in _export_records(request)]
    return JsonResponse({"type": "FeatureCollection", "features": features})


# Imports ---------------------------------------------------------------------------------------


@dataclass
class RowByRowResult:
    rows: int
    seconds: float
    finished: bool


def import_row_by_row(spec: DatasetSpec, path: Path, *, deadline: float | None = None) -> RowByRowResult:
    """Each valid row upserted through the ORM in its own transaction: the incident by its dataset
    id, its report, its claims (whose save signal recomputes the toll) and its participations,
    finding or creating each group by name. Stops at `deadline` (time.monotonic()) if given."""
    started = time.monotonic()
    geo = GeoLookups()
    source, _ = Source.objects.get_or_create(
        name=spec.source_name, defaults={"kind": SourceKind.DATASET, "url": spec.source_url}
    )
    rows = 0
    for row in CsvTable(path, spec.columns, confused_with(spec.columns)).rows():
        if deadline is not None and time.monotonic() > deadline:
            return RowByRowResult(rows, time.monotonic() - started, finished=False)
        rows += 1
        errors = ImportErrors(row.line)
        record = spec.build(row, geo, errors)
        if record is None:
            continue
        record.groups = []
        for ref in record.actors:
            group, _ = ArmedGroup.objects.get_or_create(name=ref.value, defaults={"kind": ref.kind})
            ExternalName.objects.get_or_create(dataset=spec.dataset, value=ref.value, defaults={"group": group})
            record.groups.append(group)
        fields = {**record.fields, "title": make_title(record)}
        if record.pinned_best is not None:
            fields.update(killed_best=record.pinned_best, killed_best_pinned=True)
        incident, _ = Incident.objects.update_or_create(
            **{spec.id_field: record.external_id}, defaults={**fields, "status": Status.PUBLISHED}
        )
        report = Report.objects.create(source=source, **record.report)
        CasualtyClaim.objects.filter(incident=incident, report__source=source).delete()
        for claim in record.claims:
            group = next((g for r, g in zip(record.actors, record.groups, strict=True) if r.value == claim.actor), None)
            CasualtyClaim.objects.create(
                incident=incident,
                report=report,
                claimant=spec.source_name,
                category=claim.category,
                group=group,
                killed_min=claim.killed_min,
                killed_max=claim.killed_max,
            )
        for ref, group in zip(record.actors, record.groups, strict=True):
            Participation.objects.get_or_create(
                incident=incident,
                group=group,
                role=ref.role,
                defaults={"attribution": Attribution.ATTRIBUTED, "report": report},
            )
    return RowByRowResult(rows, time.monotonic() - started, finished=True)


def import_acled(path: Path, deadline: float | None = None) -> RowByRowResult:
    return import_row_by_row(acled.SPEC, path, deadline=deadline)


def import_ucdp(path: Path, deadline: float | None = None) -> RowByRowResult:
    return import_row_by_row(ucdp.SPEC, path, deadline=deadline)


IMPORTERS: dict[str, Callable[..., RowByRowResult]] = {"acled": import_acled, "ucdp": import_ucdp}
