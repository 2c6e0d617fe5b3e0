"""What changed between two moments: the incidents added, changed and retracted.

- added: public at the later moment, not at the earlier one (published since);
- retracted: public at the earlier moment, not at the later one (retracted, merged into another,
  returned to draft or deleted since; `status` says which it was then, "deleted" if it was gone);
- changed: public at both, with a history row written in between for the incident itself or for
  one of its participations, casualty claims, named casualties or links.

Each is one query over the history tables (`releases.asof`), whatever the number of incidents.
"""

from django.db.models import Exists, OuterRef, Q

from incidents.models import Casualty, CasualtyClaim, Incident, IncidentLink, Participation
from releases.asof import incident_rows, rows_as_of

ADDED, CHANGED, RETRACTED = "added", "changed", "retracted"
KINDS = (ADDED, CHANGED, RETRACTED)
FIELDS = ("id", "public_id", "title", "start_date", "status")


def _public(moment):
    return incident_rows(moment).values("id") if moment is not None else Incident.objects.none().values("id")


def _touched(since, until) -> Q:
    """Incidents (history rows, by `id`) with a history row of their own or of a part written in (since, until]."""
    period = {"history_date__gt": since, "history_date__lte": until}
    condition = Q(Exists(Incident.history.model.objects.filter(id=OuterRef("id"), **period)))
    for model in (Participation, CasualtyClaim, Casualty):
        condition |= Q(Exists(model.history.model.objects.filter(incident_id=OuterRef("id"), **period)))
    links = IncidentLink.history.model.objects.filter(**period)
    condition |= Q(Exists(links.filter(from_incident_id=OuterRef("id")))) | Q(
        Exists(links.filter(to_incident_id=OuterRef("id")))
    )
    return condition


def changed_between(since, until, kind: str):
    """The incidents of one kind of change from `since` (None: the beginning) to `until`, as
    history rows holding each incident as it stood at `until` (for "retracted": at `since`,
    with `status` as it then became)."""
    before = _public(since)
    if kind == ADDED:
        rows = incident_rows(until).exclude(id__in=before)
    elif kind == CHANGED:
        if since is None:
            return incident_rows(until).none()
        rows = incident_rows(until).filter(id__in=before).filter(_touched(since, until))
    elif kind == RETRACTED:
        if since is None:
            return incident_rows(until).none()
        rows = incident_rows(since).exclude(id__in=_public(until))
    else:
        raise ValueError(kind)
    return rows.order_by("-start_date", "-id")


def status_at(ids: list[int], moment) -> dict[int, str]:
    """Each incident's status at `moment`; those deleted by then are absent."""
    rows = rows_as_of(Incident, moment).filter(id__in=ids)
    found = dict(rows.values_list("id", "status"))
    merged = set(rows.filter(merged_into__isnull=False).values_list("id", flat=True))
    return {id_: "merged" if id_ in merged else status for id_, status in found.items()}
