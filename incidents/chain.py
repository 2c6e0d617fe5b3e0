"""The escalation chain around an incident: what it answers and what answers it, transitively."""

from dataclasses import dataclass, field

from incidents.models import Incident, IncidentLink

MAX_DEPTH = 4
MAX_INCIDENTS = 40


@dataclass
class ChainEntry:
    incident: Incident
    is_current: bool
    links: list[IncidentLink] = field(default_factory=list)


def escalation_chain(incident: Incident, visible) -> list[ChainEntry]:
    """Incidents linked to this one within MAX_DEPTH steps either way, oldest first.

    Walks one step per query, and only through incidents the viewer may see; returns [] when the
    incident has no links.
    """
    seen = {incident.pk}
    frontier = {incident.pk}
    links: dict[int, IncidentLink] = {}
    for _ in range(MAX_DEPTH):
        step = IncidentLink.objects.filter(from_incident__in=frontier) | IncidentLink.objects.filter(
            to_incident__in=frontier
        )
        step = step.filter(from_incident__in=visible, to_incident__in=visible)
        found = list(step.only("id", "from_incident_id", "to_incident_id", "kind", "note"))
        for link in found:
            links[link.pk] = link
        frontier = {pk for link in found for pk in (link.from_incident_id, link.to_incident_id)} - seen
        seen |= frontier
        if not frontier or len(seen) >= MAX_INCIDENTS:
            break
    if not links:
        return []
    incidents = {
        i.pk: i
        for i in Incident.objects.filter(pk__in=seen)
        .select_related("country", "admin_area")
        .only(
            "public_id",
            "title",
            "start_date",
            "end_date",
            "date_precision",
            "place_name",
            "killed_low",
            "killed_high",
            "contested",
            "country__name_en",
            "admin_area__name_en",
        )
    }
    entries = {pk: ChainEntry(incidents[pk], pk == incident.pk) for pk in incidents}
    for link in links.values():
        if link.from_incident_id in incidents and link.to_incident_id in incidents:
            link.from_incident = incidents[link.from_incident_id]
            link.to_incident = incidents[link.to_incident_id]
            entries[link.from_incident_id].links.append(link)
    return sorted(entries.values(), key=lambda e: (e.incident.start_date, e.incident.pk))
