"""Incidents held that a new one may repeat: near in time and place, or sharing its groups."""

import datetime
import math
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from geo.geometry import EARTH_RADIUS_KM, haversine_km
from incidents.models import Incident, Participation

# What counts as a possible duplicate of a new incident.
DUPLICATE_DAYS = 2
DUPLICATE_KM = 25


@dataclass
class Duplicate:
    incident: Incident
    distance_km: float | None  # None: the new incident has no point to measure from
    shared_groups: list[str]


def find_duplicates(
    start_date: datetime.date,
    end_date: datetime.date | None,
    latitude: float | None,
    longitude: float | None,
    group_ids,
    *,
    days: int = DUPLICATE_DAYS,
    km: float = DUPLICATE_KM,
) -> list[Duplicate]:
    """Held incidents within `days` and `km` of the new one that share one of its groups, nearest first.

    The database narrows by date and by a latitude/longitude box; the exact distance is measured
    here. Without a point for the new incident, every incident within the dates sharing a group is
    listed, with no distance.
    """
    group_ids = set(group_ids)
    if not group_ids or start_date is None:
        return []
    window = datetime.timedelta(days=days)
    # Within the calendar: a date near year 1 or 9999 (refused on saving) must not fail the search.
    low = start_date - window if start_date - datetime.date.min > window else datetime.date.min
    end = end_date or start_date
    high = end + window if datetime.date.max - end > window else datetime.date.max
    candidates = (
        Incident.objects.filter(merged_into__isnull=True, start_date__lte=high)
        .filter(Q(end_date__gte=low) | Q(end_date__isnull=True, start_date__gte=low))
        .filter(pk__in=Participation.objects.filter(group_id__in=group_ids).values("incident_id"))
    )
    located = latitude is not None and longitude is not None
    if located:
        dlat = math.degrees(km / EARTH_RADIUS_KM)
        dlon = dlat / max(math.cos(math.radians(latitude)), 0.01)
        candidates = candidates.filter(
            latitude__range=(latitude - dlat, latitude + dlat), longitude__range=(longitude - dlon, longitude + dlon)
        )
    candidates = candidates.prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("group"))
    ).order_by("start_date", "pk")
    found = []
    for incident in candidates:
        distance = None
        if located:
            distance = haversine_km(latitude, longitude, incident.latitude, incident.longitude)
            if distance > km:
                continue
        shared = sorted({p.group.name for p in incident.participations.all() if p.group_id in group_ids})
        found.append(Duplicate(incident=incident, distance_km=distance, shared_groups=shared))
    found.sort(key=lambda d: (d.distance_km or 0, abs((d.incident.start_date - start_date).days)))
    return found
