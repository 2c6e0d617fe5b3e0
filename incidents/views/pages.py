"""The researchers' pages: incident list and page, armed groups, people, statements, about."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from config.methods import read_only
from incidents import cache, chain, visibility, workflow
from incidents.filters import ArmedGroupFilter, IncidentFilter, PersonFilter, StatementFilter
from incidents.models import (
    Affiliation,
    ArmedGroup,
    Casualty,
    CasualtyClaim,
    Incident,
    Participation,
    Person,
    Statement,
)
from incidents.models.choices import (
    CasualtyCategory,
    Means,
    ParticipationRole,
    Status,
)
from incidents.models.incident import sees_unpublished
from incidents.paging import CappedPaginator
from incidents.views.filtering import BadFilter, apply_filters, filter_incidents, visible_incidents
from releases import asof, moments

PAGE_SIZE = 50
PERPETRATOR_ROLES = [ParticipationRole.PERPETRATOR, ParticipationRole.ASSOCIATED_PERPETRATOR]
TARGET_ROLES = [ParticipationRole.TARGET, ParticipationRole.ASSOCIATED_TARGET]
# Parties to fighting that the source gives no direction (UCDP's sides A and B).
PARTY_ROLES = [ParticipationRole.SIDE_A, ParticipationRole.SIDE_B]


def _affiliations(request):
    """A person's roles, naming only the groups the reader may see."""
    groups = visibility.for_request(ArmedGroup.objects.all(), request)
    roles = Affiliation.objects.filter(Q(group__isnull=True) | Q(group__in=groups))
    return Prefetch("affiliations", queryset=roles.select_related("group").order_by("start_date", "id"))


def _participations():
    return Prefetch("participations", queryset=Participation.objects.select_related("group"))


def _page(request, queryset, size=PAGE_SIZE, paginator_class=Paginator):
    """The requested page; a page number out of range or not a number gives the nearest page."""
    return paginator_class(queryset, size).get_page(request.GET.get("page"))


def _query_without(request, *names) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def _bad_request(request, template, ctx, error: BadFilter):
    ctx["errors"] = error.messages()
    return render(request, template, ctx, status=400)


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
        filterset, incidents = filter_incidents(request, reads_history=True)
    except BadFilter as error:
        ctx["filter"] = IncidentFilter(request.GET, request=request)
        return _bad_request(request, "incidents/incident_list.html", ctx, error)

    moment = filterset.moment
    if moment is None:
        incidents = incidents.with_places().prefetch_related(_participations())
    # Counted up to 10,000 matches (or the page asked for): a full count costs a scan of them all.
    page = _page(request, incidents, paginator_class=CappedPaginator)
    if moment is not None:
        page.object_list = asof.incidents_with_parts(page.object_list, moment.when)
    query = _query_without(request, "page")
    present = _query_without(request, "page", *moments.PARAMETERS)
    ctx.update(
        {
            "filter": filterset,
            "moment": moment,
            "keep": moments.PARAMETERS if moment else (),
            "present_url": f"{reverse('incidents:list')}?{present}",
            "page": page,
            "query": query,
            "query_without_sort": _query_without(request, "page", "sort"),
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
def incident_detail(request, public_id):
    try:
        moment = moments.from_params(request.GET)
    except moments.BadMoment as error:
        return error.response()
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


# Armed groups ----------------------------------------------------------------------------------


def _role_counts(request, group_ids: list[int]) -> dict[int, tuple[int, int, int]]:
    """{group id: (incidents as perpetrator, as target, as a party)} among the incidents the reader may see, for
    the groups of one page, in one query over their participations.

    At a million incidents this reads every participation of those groups (a second or two), so
    the answer is kept like the map's (incidents.cache: per parameters and audience, until incidents
    change).
    """

    def count():
        rows = (
            Participation.objects.filter(group_id__in=group_ids, incident__in=visible_incidents(request).values("pk"))
            .values("group_id")
            .annotate(
                perpetrator=Count("incident", filter=Q(role__in=PERPETRATOR_ROLES), distinct=True),
                target=Count("incident", filter=Q(role__in=TARGET_ROLES), distinct=True),
                party=Count("incident", filter=Q(role__in=PARTY_ROLES), distinct=True),
            )
            .order_by()
        )
        return {row["group_id"]: (row["perpetrator"], row["target"], row["party"]) for row in rows}

    # The page's groups are part of the key: a renamed group can move from one page to another.
    return cache.cached(request, "group-counts", count, extra=",".join(map(str, sorted(group_ids))))


@read_only
@moments.present_only
def group_list(request):
    ctx = {}
    groups = visibility.for_request(ArmedGroup.objects.all(), request)
    # An umbrella the reader may not see is shown as none.
    groups = groups.prefetch_related(Prefetch("parent", queryset=groups), "aliases")
    try:
        filterset, groups = apply_filters(ArmedGroupFilter, request.GET, groups, request)
    except BadFilter as error:
        ctx["filter"] = ArmedGroupFilter(request.GET)
        return _bad_request(request, "incidents/group_list.html", ctx, error)
    page = _page(request, groups.order_by("name"))
    counts = _role_counts(request, [group.pk for group in page.object_list])
    for group in page.object_list:
        group.as_perpetrator, group.as_target, group.as_party = counts.get(group.pk, (0, 0, 0))
    ctx.update({"filter": filterset, "page": page, "query": _query_without(request, "page")})
    return render(request, "incidents/group_list.html", ctx)


def _group_figures(visible, family: list[int]) -> tuple[dict, list[dict]]:
    """How many visible incidents the family took part in (as perpetrator, as target, at all), and
    how many per month: one pass over the family's participations joined to their incidents.

    An incident counts once per figure however many of its participations match; it falls in one
    month only, so the monthly figures add up to the totals.
    """
    rows = (
        visible.filter(participations__group_id__in=family)
        .annotate(month=TruncMonth("start_date"))
        .values("month")
        .annotate(
            # After the filter, these count over the family's participations only.
            perpetrator=Count("pk", filter=Q(participations__role__in=PERPETRATOR_ROLES), distinct=True),
            target=Count("pk", filter=Q(participations__role__in=TARGET_ROLES), distinct=True),
            party=Count("pk", filter=Q(participations__role__in=PARTY_ROLES), distinct=True),
            n=Count("pk", distinct=True),
        )
        .order_by("month")
    )
    monthly = [dict(row) for row in rows]
    totals = {key: sum(m[key] for m in monthly) for key in ("perpetrator", "target", "party", "n")}
    peak = max((m["n"] for m in monthly), default=0)
    for m in monthly:
        m["height"] = round(100 * m["n"] / peak) if peak else 0
    return totals, monthly


@read_only
@moments.present_only
def group_detail(request, pk):
    groups = visibility.for_request(ArmedGroup.objects.all(), request)
    group = get_object_or_404(
        groups.select_related("parent").prefetch_related("aliases", "external_names", "backers"), pk=pk
    )
    family = group.descendant_ids()
    visible = visible_incidents(request)
    totals, monthly = _group_figures(visible, family)
    involved = visible.filter(Exists(Participation.objects.filter(incident=OuterRef("pk"), group_id__in=family)))
    ctx = {
        "group": group,
        "parent": groups.filter(pk=group.parent_id).first(),
        "members": groups.filter(parent=group).order_by("name"),
        "backers": groups.filter(backed_groups=group).order_by("name"),
        "backed": groups.filter(backers=group).order_by("name"),
        "perpetrator_count": totals["perpetrator"],
        "target_count": totals["target"],
        "party_count": totals["party"],
        "monthly": monthly,
        "recent": involved.with_places().prefetch_related(_participations())[:25],
        "involved_count": totals["n"],
        "statements": visibility.for_request(Statement.objects.all(), request)
        .filter(Q(body_group_id__in=family) | Q(speaker__affiliations__group_id__in=family))
        .select_related("speaker", "body_group", "report__source")
        .distinct()
        .order_by("-said_on", "-id")[:25],
        "affiliations": group.affiliations.filter(person__in=visibility.for_request(Person.objects.all(), request))
        .select_related("person")
        .order_by("person__name"),
        "list_url": f"{reverse('incidents:list')}?group={group.pk}",
        "perpetrator_url": f"{reverse('incidents:list')}?group={group.pk}&role=perpetrator",
        "target_url": f"{reverse('incidents:list')}?group={group.pk}&role=target",
        "map_url": f"{reverse('maps:map')}?group={group.pk}",
    }
    return render(request, "incidents/group_detail.html", ctx)


# People ----------------------------------------------------------------------------------------


@read_only
@moments.present_only
def person_list(request):
    ctx = {}
    people = visibility.for_request(Person.objects.all(), request)
    statements = visibility.for_request(Statement.objects.all(), request)
    people = people.prefetch_related(_affiliations(request)).annotate(
        statement_count=Count("statements", filter=Q(statements__in=statements), distinct=True)
    )
    try:
        filterset, people = apply_filters(PersonFilter, request.GET, people, request)
    except BadFilter as error:
        ctx["filter"] = PersonFilter(request.GET)
        return _bad_request(request, "incidents/person_list.html", ctx, error)
    ctx.update(
        {"filter": filterset, "page": _page(request, people.order_by("name")), "query": _query_without(request, "page")}
    )
    return render(request, "incidents/person_list.html", ctx)


@read_only
@moments.present_only
def person_detail(request, pk):
    person = get_object_or_404(
        visibility.for_request(Person.objects.all(), request).prefetch_related(_affiliations(request)), pk=pk
    )
    visible = visible_incidents(request)
    ctx = {
        "person": person,
        "aliases": [a for a in person.aliases.splitlines() if a.strip()],
        "statements": visibility.for_request(person.statements.all(), request)
        .select_related("body_group", "report__source")
        .prefetch_related(Prefetch("incidents", queryset=visible.only("public_id", "title")))
        .order_by("-said_on", "-id"),
        "casualties": Casualty.objects.filter(person=person, incident__in=visible)
        .select_related("incident", "claim")
        .order_by("-incident__start_date"),
        "claims": CasualtyClaim.objects.filter(claimant_person=person, incident__in=visible)
        .select_related("incident", "report__source")
        .order_by("-incident__start_date"),
    }
    return render(request, "incidents/person_detail.html", ctx)


# Statements ------------------------------------------------------------------------------------


@read_only
def statement_list(request):
    ctx = {}
    try:
        moment = moments.from_params(request.GET)
    except moments.BadMoment as error:
        ctx["filter"] = StatementFilter(request.GET)
        return _bad_request(request, "incidents/statement_list.html", ctx, BadFilter(error.messages()))
    if moment is None:
        statements = visibility.for_request(Statement.objects.all(), request)
        about = visible_incidents(request).only("public_id", "title", "start_date", "end_date", "date_precision")
        statements = statements.select_related("speaker", "body_group", "report__source").prefetch_related(
            Prefetch("incidents", queryset=about)
        )
    else:
        statements = visibility.for_request(asof.rows_as_of(Statement, moment.when), request, moment.when)
    try:
        filterset, statements = apply_filters(
            StatementFilter, request.GET, statements, request, rows_of=moment.rows_of if moment else None
        )
    except BadFilter as error:
        ctx["filter"] = StatementFilter(request.GET)
        return _bad_request(request, "incidents/statement_list.html", ctx, error)
    page = _page(request, statements.order_by("-said_on", "-id"))
    if moment is not None:
        statuses = Status.values if sees_unpublished(request.user) else [Status.PUBLISHED]
        page.object_list = asof.statements_with_incidents(page.object_list, moment.when, statuses)
    present = _query_without(request, "page", *moments.PARAMETERS)
    ctx.update(
        {
            "filter": filterset,
            "page": page,
            "query": _query_without(request, "page"),
            "moment": moment,
            "keep": moments.PARAMETERS if moment else (),
            "present_url": f"{reverse('incidents:statement-list')}?{present}",
        }
    )
    return render(request, "incidents/statement_list.html", ctx)
