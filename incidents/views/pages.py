"""The researchers' pages of incidents (the list and each incident's page) and of statements; the
armed groups' and people's pages are in `actors`."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from config.methods import read_only
from incidents import chain, workflow
from incidents.filters import IncidentFilter, StatementFilter
from incidents.models import (
    Casualty,
    CasualtyClaim,
    Incident,
    Participation,
    Statement,
)
from incidents.models.choices import (
    CasualtyCategory,
    Means,
    Status,
)
from incidents.models.incident import sees_unpublished
from incidents.paging import CappedPaginator
from incidents.views.common import (
    PARTY_ROLES,
    PERPETRATOR_ROLES,
    TARGET_ROLES,
    bad_request,
    moment_context,
    page_of,
    participations_with_groups,
    query_without,
    records_seen,
    statements_with_incidents,
)
from incidents.views.filtering import BadFilter, apply_filters, filter_incidents, moment_asked, visible_incidents
from releases import asof, moments

# Incidents -------------------------------------------------------------------------------------


SORTS = [
    ("-date", "Newest first"),
    ("date", "Oldest first"),
    ("-killed", "Most killed"),
    ("killed", "Fewest killed"),
    ("place", "Place A–Z"),
    ("governorate", "Governorate A–Z"),
]


@read_only
def incident_list(request):
    ctx = {"sorts": SORTS, "current_sort": request.GET.get("sort", "-date")}
    try:
        filterset, incidents = filter_incidents(request)
    except BadFilter as error:
        ctx["filter"] = IncidentFilter(request.GET, request=request)
        return bad_request(request, "incidents/incident_list.html", ctx, error)

    moment = filterset.moment
    if moment is None:
        incidents = incidents.with_places().prefetch_related(participations_with_groups())
    # Counted up to 10,000 matches (or the page asked for): a full count costs a scan of them all.
    page = page_of(request, incidents, paginator_class=CappedPaginator)
    if moment is not None:
        page.object_list = asof.incidents_with_parts(page.object_list, moment.when)
    query = query_without(request, "page")
    present = query_without(request, "page", *moments.PARAMETERS)
    ctx.update(moment_context(request, moment, reverse("incidents:list")))
    ctx.update(
        {
            "filter": filterset,
            "page": page,
            "query": query,
            "query_without_sort": query_without(request, "page", "sort"),
            "export_csv": f"{reverse('incidents:export-csv')}?{query}",
            "export_geojson": f"{reverse('incidents:export-geojson')}?{query}",
            "export_acled": f"{reverse('incidents:export-acled')}?{query}",
            "export_ucdp": f"{reverse('incidents:export-ucdp')}?{query}",
            "package_csv": f"{reverse('incidents:export-csv-package')}?{query}",
            "package_acled": f"{reverse('incidents:export-acled-package')}?{query}",
            "package_ucdp": f"{reverse('incidents:export-ucdp-package')}?{query}",
            # The map and the trends show the present: they keep the filters, not the moment.
            "map_url": f"{reverse('maps:map')}?{present}",
            "trends_url": f"{reverse('trends:trends')}?{present}",
            "is_staff": request.user.is_staff,
            "spelled_like": filterset.text_meaning.spelled_like,
        }
    )
    return render(request, "incidents/incident_list.html", ctx)


def _accounts(claims: list[CasualtyClaim]) -> list[dict]:
    """Claims grouped as the toll derivation groups them: one account per speaker per report."""
    accounts: dict[tuple, dict] = {}
    for claim in claims:
        key = (claim.report_id, claim.claimant_person_id, claim.claimant.strip().lower())
        account = accounts.setdefault(
            key,
            {
                "claimant": claim.claimant_display,
                "report": claim.report,
                "said_on": claim.claimed_on or claim.report.published_on,
                "claims": [],
            },
        )
        account["claims"].append(claim)
    for account in accounts.values():
        totals = [c for c in account["claims"] if c.category == CasualtyCategory.ALL and c.killed_min is not None]
        stated = [c for c in account["claims"] if c.killed_min is not None]
        source = totals or stated
        if source:
            low = sum(c.killed_min for c in source) if not totals else min(c.killed_min for c in totals)
            high_of = [c.killed_min if c.killed_max is None else c.killed_max for c in source]
            high = sum(high_of) if not totals else max(high_of)
            account["killed"] = f"{low:,}" if low == high else f"{low:,}–{high:,}"
        else:
            account["killed"] = None
    return list(accounts.values())


def _disagreement(accounts: list[dict]) -> str:
    stated = [a for a in accounts if a["killed"] is not None]
    if len({a["killed"] for a in stated}) < 2:
        return ""
    # "According to" fits every claimant, one speaker or many ("police and militia sources").
    parts = [f"{a['killed']} killed according to {a['claimant']}" for a in stated]
    return "Sources disagree: " + "; ".join(parts) + "."


def _with_parts(request, public_id, moment):
    """The incident with its parts, as they stand or as they stood at `moment`; 404 if the
    reader may not reach it (then)."""
    user = request.user
    if moment is not None:
        statuses = Status.values if sees_unpublished(user) else [Status.PUBLISHED, Status.RETRACTED]
        rows = asof.incident_rows(moment.when, statuses).filter(public_id=public_id)
        found = asof.incidents_with_parts(rows[:1], moment.when)
        if not found:
            raise Http404("No incident with this id was public at that moment.")
        return found[0]
    return get_object_or_404(
        Incident.objects.reachable_by_url(user)
        .with_places()
        .select_related("place")
        .prefetch_related(
            Prefetch("participations", Participation.objects.select_related("group", "report__source")),
            Prefetch("claims", CasualtyClaim.objects.select_related("report__source", "claimant_person", "group")),
            Prefetch(
                "casualties", Casualty.objects.select_related("person", "claim__claimant_person", "report__source")
            ),
            Prefetch(
                "statements",
                Statement.objects.select_related("speaker", "body_group", "report__source").order_by("said_on", "id"),
            ),
        ),
        public_id=public_id,
    )


@read_only
@moments.asked
def incident_detail(request, public_id, moment):
    incident = _with_parts(request, public_id, moment)
    if incident.merged_into_id:
        # A merged duplicate's URL keeps working: it leads to the incident it became part of.
        kept = Incident.objects.only("public_id").get(pk=incident.merged_into_id)
        return redirect("incidents:detail", public_id=kept.public_id, permanent=True)
    participations = list(incident.participations.all())
    claims = sorted(incident.claims.all(), key=lambda claim: (claim.report.published_on, claim.pk))
    casualties = list(incident.casualties.all())
    statements = list(incident.statements.all())
    accounts = _accounts(claims)
    reports = {c.report_id: c.report for c in claims}
    reports.update({s.report_id: s.report for s in statements})
    reports.update({p.report_id: p.report for p in participations if p.report_id})
    visible = visible_incidents(request)
    if moment is not None:
        visible = visible.filter(pk__in=asof.incident_rows(moment.when).values("id"))
    escalation = chain.escalation_chain(incident, visible)
    accessed = timezone.localdate()
    url = request.build_absolute_uri(reverse("incidents:detail", args=[incident.public_id]))
    if moment is not None:
        url = f"{url}?{moment.query}"
    where = ", ".join(
        part
        for part in (
            incident.place_name,
            incident.admin_area.name_en if incident.admin_area_id else "",
            incident.country.name_en if incident.country_id else "",
        )
        if part
    )
    ctx = {
        "incident": incident,
        "perpetrators": [p for p in participations if p.role in PERPETRATOR_ROLES],
        "targets": [p for p in participations if p.role in TARGET_ROLES],
        "parties": [p for p in participations if p.role in PARTY_ROLES],
        "accounts": accounts,
        "disagreement": _disagreement(accounts),
        "casualties": casualties,
        "statements": statements,
        "escalation": escalation,
        "reports": sorted(reports.values(), key=lambda r: (r.published_on, r.pk)),
        "means": [Means(code).label for code in incident.means if code in Means.values],
        "where": where,
        "cite_url": url,
        "accessed": accessed,
        "citation": (
            f"Conflict-incident tracker, “{incident.title}” ({incident.public_id}), incident of "
            f"{incident.date_display}{', ' + where if where else ''}"
            f"{', as published at ' + moment.label if moment else ''}. {url} (accessed {accessed:%Y-%m-%d})."
        ),
        "moment": moment,
        "at": f"?{moment.query}" if moment else "",
        "present_url": reverse("incidents:detail", args=[incident.public_id]),
        "change_log": [
            entry
            for entry in workflow.public_change_log(incident, show_users=settings.PUBLIC_HISTORY_SHOW_USERS)
            if moment is None or entry["when"] <= moment.when
        ],
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


# Statements ------------------------------------------------------------------------------------


@read_only
def statement_list(request):
    try:
        moment = moment_asked(request)
        when = moments.when_of(moment)
        rows_of = moments.rows_of(moment)
        statements = records_seen(Statement, request, when)
        filterset, statements = apply_filters(StatementFilter, request.GET, statements, request, rows_of=rows_of)
    except BadFilter as error:
        ctx = {"filter": StatementFilter(request.GET)}
        return bad_request(request, "incidents/statement_list.html", ctx, error)
    page = page_of(request, statements.order_by("-said_on", "-id"))
    page.object_list = statements_with_incidents(page.object_list, request, when)
    ctx = {"filter": filterset, "page": page, "query": query_without(request, "page")}
    ctx.update(moment_context(request, moment, reverse("incidents:statement-list")))
    return render(request, "incidents/statement_list.html", ctx)
