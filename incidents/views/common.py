"""What the researchers' pages share: paging, the query string, the 400 page, the roles a group
plays, and the parts every page reads beside a record, now or at a moment (`as_of`, `release`)."""

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.shortcuts import render

from incidents import visibility
from incidents.models import Affiliation, ArmedGroup, Participation
from incidents.models.choices import ParticipationRole
from incidents.models.incident import statuses_seen
from incidents.views.filtering import BadFilter, visible_incidents
from releases import asof, moments

PAGE_SIZE = 50
PERPETRATOR_ROLES = [ParticipationRole.PERPETRATOR, ParticipationRole.ASSOCIATED_PERPETRATOR]
TARGET_ROLES = [ParticipationRole.TARGET, ParticipationRole.ASSOCIATED_TARGET]
# Parties to fighting that the source gives no direction (UCDP's sides A and B).
PARTY_ROLES = [ParticipationRole.SIDE_A, ParticipationRole.SIDE_B]


def page_of(request, queryset, size=PAGE_SIZE, paginator_class=Paginator):
    """The requested page; a page number out of range or not a number gives the nearest page."""
    return paginator_class(queryset, size).get_page(request.GET.get("page"))


def query_without(request, *names) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def bad_request(request, template, ctx, error: BadFilter):
    ctx["errors"] = error.messages()
    return render(request, template, ctx, status=400)


def moment_context(request, moment, path: str) -> dict:
    """What the template of the page at `path` reads about its moment: the moment, the query its
    links add to keep it (`at`, "" for the present), the parameters its filter form keeps, and the
    way back to the present with the other parameters."""
    return {
        "moment": moment,
        "at": f"?{moment.query}" if moment else "",
        "keep": moments.PARAMETERS if moment else (),
        "present_url": f"{path}?{query_without(request, 'page', *moments.PARAMETERS)}",
    }


def affiliations_seen(request):
    """A person's roles, naming only the groups the reader may see."""
    groups = visibility.for_request(ArmedGroup.objects.all(), request)
    roles = Affiliation.objects.filter(Q(group__isnull=True) | Q(group__in=groups))
    return Prefetch("affiliations", queryset=roles.select_related("group").order_by("start_date", "id"))


def participations_with_groups():
    return Prefetch("participations", queryset=Participation.objects.select_related("group"))


def incidents_with_parts(rows, when=None) -> list:
    """The incidents of `rows` (a queryset of `filtering.incidents_seen`) with their places and
    participations, as they stand or as they stood at `when` (`releases.asof.incidents_with_parts`)."""
    if when is not None:
        return asof.incidents_with_parts(rows, when)
    return list(rows.with_places().prefetch_related(participations_with_groups()))


def records_seen(model, request, when=None):
    """The records of `model` the reader may see, now or (at the moment `when`) as history rows
    of that moment; both hold the record's id as `id`."""
    return visibility.for_request(asof.rows_at(model, when), request, when)


def statements_with_incidents(rows, request, when=None) -> list:
    """The statements of `rows` with their speakers, bodies, reports and the incidents the reader
    may see that they concern (`statement.incidents.all()`), now or as they stood at `when`."""
    if when is not None:
        return asof.statements_with_incidents(rows, when, statuses_seen(request.user))
    about = visible_incidents(request).only("public_id", "title", "start_date", "end_date", "date_precision")
    statements = list(rows.select_related("speaker", "body_group", "report__source"))
    prefetch_related_objects(statements, Prefetch("incidents", queryset=about))
    return statements
