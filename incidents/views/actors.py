"""The armed groups' and people's pages, as they stand or as they stood at a moment (`as_of`,
`release`: `releases.moments`).

Every query here reads records by `id` and foreign keys by `<name>_id`, which the current rows and
the history rows of a moment (`releases.asof.rows_at`) both hold, so each page has one code path
whichever it shows. A record's own fields, its incidents, their figures and its statements are
those of the moment; what history does not keep (a group's aliases, backers, members and dataset
names, a person's affiliations) is read as it is now, among the records public at the moment.
"""

from django.db.models import Count, Q, prefetch_related_objects
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from config.methods import read_only
from incidents import cache
from incidents.filters import ArmedGroupFilter, PersonFilter
from incidents.models import Affiliation, ArmedGroup, Casualty, CasualtyClaim, Participation, Person, Statement
from incidents.views.common import (
    PARTY_ROLES,
    PERPETRATOR_ROLES,
    TARGET_ROLES,
    affiliations_seen,
    bad_request,
    incidents_with_parts,
    moment_context,
    page_of,
    query_without,
    records_seen,
    statements_with_incidents,
)
from incidents.views.filtering import BadFilter, apply_filters, incidents_seen, moment_asked
from releases import asof, moments

ROLES = {"perpetrator": PERPETRATOR_ROLES, "target": TARGET_ROLES, "party": PARTY_ROLES}
RECENT = 25


def _records_page(request, model, filterset_class, order):
    """(moment, filterset, page) of the records of `model` the reader may see (then), filtered; the
    page holds model instances. BadFilter for a bad parameter."""
    moment = moment_asked(request)
    rows = records_seen(model, request, moments.when_of(moment))
    rows_of = moments.rows_of(moment)
    filterset, rows = apply_filters(filterset_class, request.GET, rows, request, rows_of=rows_of)
    page = page_of(request, rows.order_by(*order))
    page.object_list = asof.records(page.object_list, moments.when_of(moment))
    return moment, filterset, page


def _record(request, model, pk, moment):
    found = asof.records(
        records_seen(model, request, moments.when_of(moment)).filter(id=pk)[:1], moments.when_of(moment)
    )
    if not found:
        raise Http404("Nothing with this id was public at that moment." if moment else "Nothing has this id.")
    return found[0]


def _groups(request, when, **lookups) -> list:
    """The groups the reader may see (then) that match `lookups`, by name, as they then read."""
    return asof.records(records_seen(ArmedGroup, request, when).filter(**lookups).order_by("name", "id"), when)


# Armed groups ----------------------------------------------------------------------------------


def _role_counts(request, when, group_ids: list[int]) -> dict[int, tuple[int, int, int]]:
    """{group id: (incidents as perpetrator, as target, as a party)} among the incidents the reader
    may see (then), for the groups of one page, in one query over their participations.

    At a million incidents this reads every participation of those groups (a second or two), so
    the answer is kept like the map's (incidents.cache: per parameters and audience, until incidents
    change).
    """

    def count():
        figures = {name: Count("incident_id", filter=Q(role__in=roles), distinct=True) for name, roles in ROLES.items()}
        rows = (
            asof.rows_at(Participation, when)
            .filter(group_id__in=group_ids, incident_id__in=incidents_seen(request, when).values("id"))
            .values("group_id")
            .annotate(**figures)
            .order_by()
        )
        return {row["group_id"]: (row["perpetrator"], row["target"], row["party"]) for row in rows}

    # The page's groups are part of the key: a renamed group can move from one page to another.
    return cache.cached(request, "group-counts", count, extra=",".join(map(str, sorted(group_ids))))


@read_only
def group_list(request):
    try:
        moment, filterset, page = _records_page(request, ArmedGroup, ArmedGroupFilter, ("name", "id"))
    except BadFilter as error:
        return bad_request(request, "incidents/group_list.html", {"filter": ArmedGroupFilter(request.GET)}, error)
    groups = page.object_list
    prefetch_related_objects(groups, "aliases")
    # An umbrella the reader may not see is shown as none.
    umbrellas = {u.pk: u for u in _groups(request, moments.when_of(moment), id__in={g.parent_id for g in groups})}
    counts = _role_counts(request, moments.when_of(moment), [group.pk for group in groups])
    for group in groups:
        group.umbrella = umbrellas.get(group.parent_id)
        group.as_perpetrator, group.as_target, group.as_party = counts.get(group.pk, (0, 0, 0))
    ctx = {"filter": filterset, "page": page, "query": query_without(request, "page")}
    ctx.update(moment_context(request, moment, reverse("incidents:group-list")))
    return render(request, "incidents/group_list.html", ctx)


def _group_figures(incidents, participations) -> tuple[dict, list[dict]]:
    """How many of `incidents` the `participations` (a family's) took part in as perpetrator, as
    target, as a party and at all, in total and per month, in one query.

    An incident counts once per figure however many of its participations match; it falls in one
    month only, so the monthly figures add up to the totals.
    """

    def taking_part(roles=None):
        chosen = participations if roles is None else participations.filter(role__in=roles)
        return Q(id__in=chosen.values("incident_id"))

    figures = {name: Count("id", filter=taking_part(roles)) for name, roles in ROLES.items()}
    rows = (
        incidents.filter(taking_part())
        .annotate(month=TruncMonth("start_date"))
        .values("month")
        .annotate(**figures, n=Count("id"))
        .order_by("month")
    )
    monthly = [dict(row) for row in rows]
    totals = {key: sum(m[key] for m in monthly) for key in (*ROLES, "n")}
    peak = max((m["n"] for m in monthly), default=0)
    for m in monthly:
        m["height"] = round(100 * m["n"] / peak) if peak else 0
    return totals, monthly


@read_only
@moments.asked
def group_detail(request, pk, moment):
    when = moments.when_of(moment)
    group = _record(request, ArmedGroup, pk, moment)
    prefetch_related_objects([group], "aliases", "external_names")
    family = group.descendant_ids(asof.rows_at(ArmedGroup, when))
    incidents = incidents_seen(request, when)
    participations = asof.rows_at(Participation, when).filter(group_id__in=family)
    totals, monthly = _group_figures(incidents, participations)
    involved = incidents.filter(id__in=participations.values("incident_id")).order_by("-start_date", "-id")
    speakers = Affiliation.objects.filter(group_id__in=family).values("person_id")
    statements = records_seen(Statement, request, when).filter(Q(body_group_id__in=family) | Q(speaker_id__in=speakers))
    statements = asof.records(statements.order_by("-said_on", "-id")[:RECENT], when)
    asof.related_as_of(statements, when, "speaker", "body_group")
    people = records_seen(Person, request, when).values("id")
    listed = f"{reverse('incidents:list')}?group={group.pk}"
    at = f"&{moment.query}" if moment else ""
    ctx = {
        "group": group,
        "parent": next(iter(_groups(request, when, id=group.parent_id)), None),
        "members": _groups(request, when, parent_id=group.pk),
        "backers": _groups(request, when, id__in=group.backers.values("id")),
        "backed": _groups(request, when, id__in=ArmedGroup.objects.filter(backers=group.pk).values("id")),
        "perpetrator_count": totals["perpetrator"],
        "target_count": totals["target"],
        "party_count": totals["party"],
        "monthly": monthly,
        "recent": incidents_with_parts(involved[:RECENT], when),
        "involved_count": totals["n"],
        "statements": statements,
        "affiliations": Affiliation.objects.filter(group_id=group.pk, person_id__in=people)
        .select_related("person")
        .order_by("person__name"),
        "list_url": f"{listed}{at}",
        "perpetrator_url": f"{listed}&role=perpetrator{at}",
        "target_url": f"{listed}&role=target{at}",
        # The map shows the present: it keeps the group, not the moment.
        "map_url": f"{reverse('maps:map')}?group={group.pk}",
    }
    ctx.update(moment_context(request, moment, reverse("incidents:group-detail", args=[group.pk])))
    return render(request, "incidents/group_detail.html", ctx)


# People ----------------------------------------------------------------------------------------


@read_only
def person_list(request):
    try:
        moment, filterset, page = _records_page(request, Person, PersonFilter, ("name", "id"))
    except BadFilter as error:
        return bad_request(request, "incidents/person_list.html", {"filter": PersonFilter(request.GET)}, error)
    people = page.object_list
    prefetch_related_objects(people, affiliations_seen(request))
    said = (
        records_seen(Statement, request, moments.when_of(moment))
        .filter(speaker_id__in=[person.pk for person in people])
        .values("speaker_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {row["speaker_id"]: row["n"] for row in said}
    for person in people:
        person.statement_count = counts.get(person.pk, 0)
    ctx = {"filter": filterset, "page": page, "query": query_without(request, "page")}
    ctx.update(moment_context(request, moment, reverse("incidents:person-list")))
    return render(request, "incidents/person_list.html", ctx)


def _with_incidents(rows, request, when) -> list:
    """The records of `rows` (casualties, claims) of incidents the reader may see (then), each with
    its incident as it then stood, newest incident first."""
    records = asof.records(rows, when)
    ids = {record.incident_id for record in records}
    incidents = {i.pk: i for i in asof.records(incidents_seen(request, when).filter(id__in=ids), when)}
    found = [record for record in records if record.incident_id in incidents]
    for record in found:
        record.incident = incidents[record.incident_id]
    return sorted(found, key=lambda record: (record.incident.start_date, record.incident.pk), reverse=True)


@read_only
@moments.asked
def person_detail(request, pk, moment):
    when = moments.when_of(moment)
    person = _record(request, Person, pk, moment)
    prefetch_related_objects([person], affiliations_seen(request))
    statements = records_seen(Statement, request, when).filter(speaker_id=pk).order_by("-said_on", "-id")
    casualties = _with_incidents(asof.rows_at(Casualty, when).filter(person_id=pk), request, when)
    claims = _with_incidents(asof.rows_at(CasualtyClaim, when).filter(claimant_person_id=pk), request, when)
    ctx = {
        "person": person,
        "aliases": [a for a in person.aliases.splitlines() if a.strip()],
        "statements": statements_with_incidents(statements, request, when),
        "casualties": casualties,
        "claims": claims,
    }
    ctx.update(moment_context(request, moment, reverse("incidents:person-detail", args=[person.pk])))
    return render(request, "incidents/person_detail.html", ctx)
