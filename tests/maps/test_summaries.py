"""Writes inside maps.deferral.deferred(): the summary triggers set their changes aside and the
summaries take them at the end of the block, giving the sums the triggers would have given."""

import pytest
from django.db import connection, transaction

from incidents.models import ArmedGroup, Incident, Participation
from incidents.models.choices import ParticipationRole, Status
from maps import deferral
from tests import factories
from tests.maps.test_map_facets import faceted_incidents, hierarchy
from tests.maps.test_map_summary import ON_POSTGRES, varied_incidents

pytestmark = pytest.mark.django_db


def write_every_way(groups: dict[str, ArmedGroup], incidents: list[Incident]) -> None:
    """Inserts, saves, queryset updates and deletions of incidents, participations and groups."""
    first, second = (Incident.objects.get(pk=i.pk) for i in incidents[:2])
    Incident.objects.bulk_create(
        Incident(**{f: getattr(i, f) for f in ("title", "start_date", "event_type", "status", "latitude", "longitude")})
        for i in incidents[40:60]
    )
    new = factories.incident(latitude=36.3, longitude=43.1, status=Status.PUBLISHED, killed_best=12, contested=True)
    Participation.objects.create(incident=new, group=groups["nested"], role=ParticipationRole.PERPETRATOR)
    Participation.objects.create(incident=first, group=groups["apart"], role=ParticipationRole.TARGET)
    Participation.objects.filter(incident=second).update(role=ParticipationRole.ASSOCIATED_TARGET)
    first.status, first.latitude, first.longitude, first.killed_best = Status.PUBLISHED, 34.0, 42.0, 30
    first.means = ["drone"]
    first.save()
    # The new incident moved after its insert: the set-aside rows must add up, not just accumulate.
    Incident.objects.filter(pk=new.pk).update(latitude=33.3, longitude=44.4)
    Incident.objects.filter(status=Status.DRAFT).update(status=Status.PUBLISHED)
    Incident.objects.filter(pk__in=[i.pk for i in incidents[10:20]]).delete()
    ArmedGroup.objects.filter(pk=groups["first"].pk).update(parent=groups["apart"])


def test_deferred_writes_land_as_usual_on_every_database():
    incidents = varied_incidents(30)
    with deferral.deferred():
        Incident.objects.filter(pk=incidents[0].pk).update(title="Renamed")
        assert deferral.deferring() == ON_POSTGRES
    assert not deferral.deferring()
    assert Incident.objects.get(pk=incidents[0].pk).title == "Renamed"


if ON_POSTGRES:
    from tests.maps.test_map_facets import facet_state
    from tests.maps.test_map_facets import rebuilt_state as rebuilt_facets
    from tests.maps.test_map_summary import rebuilt_state as rebuilt_summary
    from tests.maps.test_map_summary import summary_state

    def state():
        return summary_state(), facet_state()

    def test_the_summaries_take_a_deferred_blocks_changes_at_its_end():
        groups = hierarchy()
        incidents = faceted_incidents(200, groups)
        before = state()
        with deferral.deferred():
            write_every_way(groups, incidents)
            # Set aside so far: the summaries are as they were, apart from the group keys, which
            # are not a summary but each incident's groups.
            assert summary_state() == before[0]
            assert facet_state()[0] == before[1][0]
        after = state()
        assert after != before
        assert after == (rebuilt_summary(), rebuilt_facets())
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT to_regclass('pg_temp.incidents_cell_delta'), to_regclass('pg_temp.incidents_facet_delta')"
            )
            assert cursor.fetchone() == (None, None)

    def test_a_failing_deferred_block_leaves_the_summaries_as_they_were():
        groups = hierarchy()
        incidents = faceted_incidents(100, groups)
        before = state()
        with pytest.raises(RuntimeError), deferral.deferred():
            write_every_way(groups, incidents)
            raise RuntimeError("abandon")
        assert state() == before
        assert not deferral.deferring()
        # A later write is summed by the triggers at once again.
        factories.incident(latitude=35.0, longitude=40.0, status=Status.PUBLISHED)
        assert state() == (rebuilt_summary(), rebuilt_facets())

    def test_a_block_inside_another_is_part_of_it():
        groups = hierarchy()
        incidents = faceted_incidents(60, groups)
        before = state()
        with deferral.deferred():
            with deferral.deferred():
                write_every_way(groups, incidents)
            assert deferral.deferring()
            assert summary_state() == before[0]
        assert state() == (rebuilt_summary(), rebuilt_facets())

    def test_a_deferred_block_inside_a_transaction_rolled_back_leaves_nothing():
        groups = hierarchy()
        incidents = faceted_incidents(60, groups)
        before = state()
        with pytest.raises(RuntimeError), transaction.atomic():
            with deferral.deferred():
                write_every_way(groups, incidents)
            raise RuntimeError("abandon")
        assert state() == before
