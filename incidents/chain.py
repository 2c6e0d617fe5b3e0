"""The escalation chain around an incident: what it answers and what answers it, transitively."""

import heapq
from dataclasses import dataclass, field

from incidents.models import Incident, IncidentLink
from incidents.models.choices import LinkKind

MAX_DEPTH = 4
MAX_INCIDENTS = 40
# Links whose first incident answers the second, so comes after it.
ANSWERS = {LinkKind.RETALIATION_FOR, LinkKind.FOLLOW_UP_TO}


@dataclass
class ChainEntry:
    incident: Incident
    is_current: bool
    links: list[IncidentLink] = field(default_factory=list)


def escalation_chain(incident: Incident, visible) -> list[ChainEntry]:
    """Incidents linked to this one within MAX_DEPTH steps either way, in causal order (see
    causal_order).

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
    return causal_order(entries, links.values())


def causal_order(entries: dict[int, ChainEntry], links) -> list[ChainEntry]:
    """Oldest first, except that an incident answering another (a retaliation for it, a follow-up
    to it) always comes after it: two incidents dated only to the same month both start on its
    first day, and a retaliation dated to its month starts before the attack of the 10th it answers.

    Links that form a circle cannot say which came first; the incidents caught in one follow the
    others, oldest first.
    """

    def when(pk):
        return (entries[pk].incident.start_date, pk)

    answered = {pk: set() for pk in entries}
    answers = {pk: set() for pk in entries}
    for link in links:
        later, earlier = link.from_incident_id, link.to_incident_id
        if link.kind in ANSWERS and later in entries and earlier in entries and later != earlier:
            answered[later].add(earlier)
            answers[earlier].add(later)
    ready = [when(pk) for pk, before in answered.items() if not before]
    heapq.heapify(ready)
    ordered = []
    while ready:
        _, pk = heapq.heappop(ready)
        ordered.append(entries[pk])
        for later in answers[pk]:
            answered[later].discard(pk)
            if not answered[later]:
                heapq.heappush(ready, when(later))
    circled = sorted((pk for pk, before in answered.items() if before), key=when)
    return ordered + [entries[pk] for pk in circled]
