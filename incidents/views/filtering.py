"""Applying a FilterSet the same way in every view, and turning bad parameters into a 400."""

from django.http import QueryDict

from incidents.models import Incident


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


def apply_filters(filterset_class, data: QueryDict, queryset, request=None):
    """Return (filterset, filtered queryset), or raise BadFilter."""
    filterset = filterset_class(data, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise BadFilter(filterset.errors)
    return filterset, filterset.qs


def filter_incidents(request, data: QueryDict | None = None):
    from incidents.filters import IncidentFilter

    return apply_filters(IncidentFilter, request.GET if data is None else data, visible_incidents(request), request)
