"""The map's facet summary: an armed group, "sources disagree", civilians killed, at least N killed
and one means give the clusters counting the incidents gives, and every write keeps them so.

On PostgreSQL the map reads these filters' clusters from `incidents_mapfacet` (maps.facets),
kept by triggers on incidents, participations and groups; elsewhere it counts the incidents.
"""

import random

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection, transaction
from django.http import QueryDict

from incidents.filters import IncidentFilter
from incidents.models import ArmedGroup, Incident, Participation
from incidents.models.choices import EventType, Means, ParticipationRole, Status
from maps import counting, facets
from tests import factories
from tests.maps.test_map_summary import DATA_URL, ON_POSTGRES, VIEWS, comparable, live_answer, varied_incidents

pytestmark = pytest.mark.django_db

ROLES = list(ParticipationRole.values)


def hierarchy() -> dict[str, ArmedGroup]:
    """An umbrella with two members, one of which has a member of its own, and a group apart."""
    umbrella = factories.group(name="Umbrella")
    first = factories.group(name="First member", parent=umbrella)
    second = factories.group(name="Second member", parent=umbrella)
    return {
        "umbrella": umbrella,
        "first": first,
        "second": second,
        "nested": factories.group(name="Nested", parent=first),
        "apart": factories.group(name="Apart"),
    }


def faceted_incidents(count: int, groups: dict[str, ArmedGroup], seed: int = 11) -> list[Incident]:
    """varied_incidents with tolls, means and groups in every role, often two of one umbrella."""
    rng = random.Random(seed)
    incidents = varied_incidents(count, seed=seed)
    for incident in incidents:
        incident.contested = rng.random() < 0.3
        incident.civilians_killed_high = rng.choice([None, 0, 0, 2, 9])
        incident.means = rng.sample([*Means.values, "Drone"], rng.randrange(3))
    Incident.objects.bulk_update(incidents, ["contested", "civilians_killed_high", "means"])
    members = list(groups.values())
    rows = []
    for incident in incidents:
        for group in rng.sample(members, rng.randrange(4)):
            rows.append(Participation(incident=incident, group=group, role=rng.choice(ROLES)))
    Participation.objects.bulk_create(rows)
    return incidents


def facet_queries(groups: dict[str, ArmedGroup]) -> list[tuple[str, bool]]:
    """Each query, and whether the facet summary answers it (on PostgreSQL, at a level it sums)."""
    umbrella, nested = groups["umbrella"].pk, groups["nested"].pk
    return [
        (f"group={umbrella}", True),
        (f"group={umbrella}&role=perpetrator", True),
        (f"group={umbrella}&role=target", True),
        (f"group={umbrella}&role=any", True),
        (f"group={nested}", True),
        ("contested=true", True),
        ("civilian_harm=true", True),
        ("means=drone", True),
        ("killed_min=0", True),
        ("killed_min=3", True),
        ("killed_min=10", True),
        # Counted from the incidents (or the main summary).
        ("contested=false", False),
        ("killed_min=7", False),
        ("means=drone&means=rocket", False),
        (f"group={umbrella}&contested=true", False),
        (f"group={umbrella}&date_from=2023-01-01", False),
    ]


def facet_plan_used(query: str, zoom: int, bbox) -> bool:
    filterset = IncidentFilter(QueryDict(query), queryset=Incident.objects.published())
    assert filterset.is_valid(), filterset.errors
    level = counting.cell_level(zoom, bbox)
    return facets.plan(filterset.form.cleaned_data, AnonymousUser(), level) is not None


def test_the_map_gives_the_answer_counting_the_incidents_gives(client, settings):
    settings.MAP_CACHE_SECONDS = 0
    groups = hierarchy()
    faceted_incidents(1200, groups)
    for query, summarisable in facet_queries(groups):
        for bbox_param, zoom in VIEWS:
            bbox = tuple(float(v) for v in bbox_param.split(","))
            response = client.get(f"{DATA_URL}?{QueryDict(query).urlencode()}&bbox={bbox_param}&zoom={zoom}")
            assert response.status_code == 200, response.content
            answer, live = response.json(), live_answer(query, bbox, zoom)
            kept = counting.cell_level(zoom, bbox) <= facets.LEVEL
            used = facet_plan_used(query, zoom, bbox)
            assert used == (ON_POSTGRES and summarisable and kept), query
            if answer["mode"] == "clusters":
                # Every cluster shows its mix of event types, from the facet rows as from counting.
                assert all(sum(cluster["types"].values()) == cluster["count"] for cluster in answer["features"])
            assert comparable(answer) == comparable(live), (query, bbox_param)


def test_staff_maps_are_counted_from_the_incidents(staff_user):
    groups = hierarchy()
    filterset = IncidentFilter(QueryDict(f"group={groups['apart'].pk}"), queryset=Incident.objects.all())
    assert filterset.is_valid()
    assert facets.plan(filterset.form.cleaned_data, staff_user, 6) is None


if ON_POSTGRES:
    # The facet summary and its triggers exist only on PostgreSQL.
    from maps.models import IncidentGroupKeys, MapFacet

    def facet_state() -> tuple[list[tuple], list[tuple]]:
        """The facet sums per key, without rows that have dropped to nothing, and the group keys."""
        rows = MapFacet.objects.exclude(count=0, killed=0).order_by("facet", "event_type", "cell_y", "cell_x")
        sums = [
            (r.facet, r.event_type, r.cell_y, r.cell_x, r.count, r.killed, round(r.lat_sum, 6), round(r.lng_sum, 6))
            for r in rows
        ]
        keys = [(k.incident_id, k.keys) for k in IncidentGroupKeys.objects.order_by("incident_id")]
        return sums, keys

    def rebuilt_state() -> tuple[list[tuple], list[tuple]]:
        call_command("rebuild_map_summary", verbosity=0)
        return facet_state()

    def test_every_write_path_keeps_the_facets_equal_to_a_fresh_count():
        groups = hierarchy()
        incidents = faceted_incidents(300, groups)
        first, second, third = (Incident.objects.get(pk=i.pk) for i in incidents[:3])
        assert facet_state() == rebuilt_state()

        # Participations added, given another role, moved to another incident, removed.
        Participation.objects.create(incident=first, group=groups["nested"], role=ParticipationRole.TARGET)
        Participation.objects.filter(incident=second).update(role=ParticipationRole.ASSOCIATED_PERPETRATOR)
        elsewhere = factories.incident(latitude=36.0, longitude=43.0, status=Status.PUBLISHED)
        Participation.objects.filter(incident=third).update(incident=elsewhere)
        Participation.objects.filter(group=groups["apart"])[:1].get().delete()
        # An incident saved with a new toll, means and place; a queryset update; a merge; deletions.
        first.status, first.contested, first.means = Status.PUBLISHED, True, ["ied"]
        first.event_type = EventType.BATTLES if first.event_type != EventType.BATTLES else EventType.PROTESTS
        first.latitude, first.longitude, first.killed_best = 34.2, 43.1, 55
        first.save()
        Incident.objects.filter(status=Status.DRAFT).update(status=Status.PUBLISHED)
        Incident.objects.filter(pk=incidents[5].pk).update(merged_into=incidents[6])
        Incident.objects.filter(pk__in=[i.pk for i in incidents[10:30]]).delete()
        # A member moved to another umbrella, one left without, a group renamed.
        ArmedGroup.objects.filter(pk=groups["first"].pk).update(parent=groups["apart"])
        ArmedGroup.objects.filter(pk=groups["second"].pk).update(parent=None)
        ArmedGroup.objects.filter(pk=groups["umbrella"].pk).update(name="Renamed umbrella")

        after_triggers = facet_state()
        assert after_triggers == rebuilt_state()
        # The nested group now counts under its new umbrella, not the old one.
        nested_incidents = set(
            Participation.objects.filter(group=groups["nested"]).values_list("incident_id", flat=True)
        )
        assert nested_incidents
        for incident_id in nested_incidents:
            keys = IncidentGroupKeys.objects.get(incident_id=incident_id).keys
            assert f"group:{groups['apart'].pk}:any" in keys

    def test_an_umbrella_counts_an_incident_of_two_members_once():
        groups = hierarchy()
        incident = factories.incident(latitude=33.3, longitude=44.4, status=Status.PUBLISHED)
        for member in ("first", "second", "nested"):
            Participation.objects.create(incident=incident, group=groups[member], role=ParticipationRole.PERPETRATOR)
        umbrella = MapFacet.objects.get(facet=f"group:{groups['umbrella'].pk}:any")
        assert umbrella.count == 1
        assert not MapFacet.objects.filter(facet=f"group:{groups['umbrella'].pk}:target").exists()
        # The incident deleted (its participations first, as Django does): nothing left.
        incident.delete()
        assert not MapFacet.objects.exclude(count=0).exists()
        assert not IncidentGroupKeys.objects.exists()

    def test_a_rolled_back_change_leaves_the_facets_as_they_were():
        groups = hierarchy()
        faceted_incidents(80, groups)
        before = facet_state()
        with pytest.raises(RuntimeError), transaction.atomic():
            Incident.objects.update(status=Status.PUBLISHED, contested=True)
            Participation.objects.all().delete()
            raise RuntimeError("abandon")
        assert facet_state() == before

    def test_the_facets_are_read_at_the_view_level_from_finer_cells():
        # Two incidents in one level-6 cell, in different level-12 cells; one in another level-6 cell.
        for latitude, longitude in ((33.1, 44.1), (33.9, 44.9), (36.2, 40.0)):
            factories.incident(latitude=latitude, longitude=longitude, status=Status.PUBLISHED, contested=True)
        sums = facets.cell_sums((["contested"], 6), counting.cell_range((35, 29, 49, 38), 360 / 2**6))
        counts = sorted(row[0] for row in sums.values())
        assert counts == [1, 2]
        assert connection.vendor == "postgresql"
