"""Applying a FilterSet the same way in every view, and turning bad parameters into a 400."""

from django.http import QueryDict

from incidents.models import Incident
from incidents.models.incident import statuses_seen
from releases import asof, moments


class BadFilter(Exception):
    """Raised with the FilterSet's form errors; views answer it with a 400 naming each parameter."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors

    def messages(self) -> dict[str, list[str]]:
        return {field: [str(e) for e in errors] for field, errors in self.errors.items()}

    def as_text(self) -> str:
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in self.messages().items())


def visible_incidents(request):
    """Researchers see published incidents; staff also see drafts, incidents in review and (when the
    status filter asks for them) retractions."""
    return Incident.objects.visible_to(getattr(request, "user", None))


def incidents_seen(request, when=None):
    """The incidents the reader may see: the current records, or at the moment `when` the history
    rows of those that then had a status the reader sees (`releases.asof.incident_rows`). Both hold
    the incident's id as `id`."""
    if when is None:
        return visible_incidents(request)
    return asof.incident_rows(when, statuses_seen(getattr(request, "user", None)))


def moment_asked(request):
    """The moment the request asks for (`releases.moments`), None for the present; BadFilter naming
    the parameter otherwise."""
    try:
        return moments.from_params(request.GET)
    except moments.BadMoment as error:
        raise BadFilter(error.messages()) from None


def apply_filters(filterset_class, data: QueryDict, queryset, request=None, **kwargs):
    """Return (filterset, filtered queryset), or raise BadFilter."""
    filterset = filterset_class(data, queryset=queryset, request=request, **kwargs)
    if not filterset.is_valid():
        raise BadFilter(filterset.errors)
    return filterset, filterset.qs


def filter_incidents(request, data: QueryDict | None = None):
    """The incidents the parameters select, as (filterset, queryset); BadFilter for a bad one.

    With `as_of` or `release` (`releases.moments`) the incidents are those published at that
    moment, as history rows (`releases.asof.incident_rows`), and `filterset.moment` names it.
    Otherwise `filterset.moment` is None and the queryset holds the current incidents."""
    from incidents.filters import IncidentFilter

    data = request.GET if data is None else data
    try:
        moment = moments.from_params(data)
    except moments.BadMoment as error:
        raise BadFilter(error.messages()) from None
    rows = incidents_seen(request, moments.when_of(moment))
    rows_of = moments.rows_of(moment)
    filterset, incidents = apply_filters(IncidentFilter, data, rows, request, rows_of=rows_of)
    filterset.moment = moment
    return filterset, incidents
