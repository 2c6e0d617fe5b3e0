"""The derived toll: incidents.toll on its own, and as kept up to date on Incident."""

import pytest

from incidents.models.choices import CasualtyCategory
from incidents.toll import ClaimFigures, derive_toll
from tests import factories


def figures(account, category=CasualtyCategory.ALL, killed=None, injured=None):
    killed_min, killed_max = killed if killed is not None else (None, None)
    injured_min, injured_max = injured if injured is not None else (None, None)
    return ClaimFigures(account, category, killed_min, killed_max, injured_min, injured_max)


def test_no_claims_gives_an_unknown_toll():
    toll = derive_toll([])
    assert toll.killed_low is None and toll.killed_best is None and toll.killed_high is None
    assert toll.contested is False


def test_agreeing_sources_are_not_contested():
    toll = derive_toll([figures("a", killed=(3, 3)), figures("b", killed=(3, 3))])
    assert (toll.killed_low, toll.killed_best, toll.killed_high) == (3, 3, 3)
    assert toll.contested is False


def test_contested_when_sources_disagree():
    toll = derive_toll([figures("pentagon", killed=(2, 2)), figures("police", killed=(4, 4))])
    assert (toll.killed_low, toll.killed_best, toll.killed_high) == (2, 2, 4)
    assert toll.contested is True


def test_an_accounts_categories_add_up():
    toll = derive_toll(
        [
            figures("pentagon", CasualtyCategory.COMBATANTS, killed=(2, 2)),
            figures("pentagon", CasualtyCategory.CIVILIANS, killed=(0, 0), injured=(0, 0)),
        ]
    )
    assert (toll.killed_low, toll.killed_high) == (2, 2)
    assert (toll.civilians_killed_low, toll.civilians_killed_high) == (0, 0)


def test_a_breakdown_missing_a_figure_gives_no_total_for_it():
    toll = derive_toll(
        [
            figures("pentagon", CasualtyCategory.COMBATANTS, killed=(2, 2)),
            figures("pentagon", CasualtyCategory.CIVILIANS, killed=(0, 0), injured=(0, 0)),
        ]
    )
    # "No civilians harmed" does not say nobody was injured.
    assert (toll.injured_low, toll.injured_best, toll.injured_high) == (None, None, None)


def test_a_stated_total_is_not_added_to_its_breakdown():
    toll = derive_toll(
        [figures("a", CasualtyCategory.ALL, killed=(5, 5)), figures("a", CasualtyCategory.CIVILIANS, killed=(3, 3))]
    )
    assert (toll.killed_low, toll.killed_high) == (5, 5)


def test_zero_civilians_against_civilian_deaths_is_contested():
    toll = derive_toll(
        [
            figures("military", CasualtyCategory.CIVILIANS, killed=(0, 0)),
            figures("medics", CasualtyCategory.CIVILIANS, killed=(3, 5)),
        ]
    )
    assert (toll.civilians_killed_low, toll.civilians_killed_high) == (0, 5)
    assert toll.contested is True


def test_best_is_the_lower_middle_account():
    toll = derive_toll([figures(n, killed=(k, k)) for n, k in [("a", 10), ("b", 2), ("c", 7), ("d", 4)]])
    assert (toll.killed_low, toll.killed_best, toll.killed_high) == (2, 4, 10)


def test_at_least_counts_its_minimum_as_its_maximum():
    toll = derive_toll([figures("a", killed=(100, None))])
    assert (toll.killed_low, toll.killed_best, toll.killed_high) == (100, 100, 100)


def test_injured_disagreement_alone_makes_it_contested():
    toll = derive_toll([figures("a", killed=(1, 1), injured=(2, 2)), figures("b", killed=(1, 1), injured=(5, 5))])
    assert toll.contested is True
    assert (toll.injured_low, toll.injured_best, toll.injured_high) == (2, 2, 5)


@pytest.mark.django_db
class TestIncidentToll:
    def test_adding_claims_updates_the_incident(self):
        incident = factories.incident()
        factories.claim(incident, claimant="the ministry", killed_min=2, killed_max=2)
        incident.refresh_from_db()
        assert (incident.killed_low, incident.killed_best, incident.killed_high, incident.contested) == (2, 2, 2, False)

        factories.claim(incident, claimant="local medics", killed_min=4, killed_max=6)
        incident.refresh_from_db()
        assert (incident.killed_low, incident.killed_best, incident.killed_high, incident.contested) == (2, 2, 6, True)

    def test_changing_and_deleting_claims_updates_the_incident(self):
        incident = factories.incident()
        first = factories.claim(incident, claimant="a", killed_min=2, killed_max=2)
        second = factories.claim(incident, claimant="b", killed_min=4, killed_max=4)
        second.killed_min = second.killed_max = 2
        second.save()
        incident.refresh_from_db()
        assert incident.contested is False

        first.delete()
        second.delete()
        incident.refresh_from_db()
        assert (incident.killed_low, incident.killed_best, incident.killed_high) == (None, None, None)

    def test_moving_a_claim_recomputes_both_incidents(self):
        old, new = factories.incident(), factories.incident()
        claim = factories.claim(old, killed_min=3, killed_max=3)
        claim.incident = new
        claim.save()
        old.refresh_from_db()
        new.refresh_from_db()
        assert old.killed_best is None
        assert new.killed_best == 3

    def test_a_pinned_best_survives_new_claims(self):
        incident = factories.incident()
        factories.claim(incident, claimant="a", killed_min=2, killed_max=2)
        factories.claim(incident, claimant="b", killed_min=6, killed_max=6)
        incident.refresh_from_db()
        incident.killed_best = 5
        incident.killed_best_pinned = True
        incident.save()
        factories.claim(incident, claimant="c", killed_min=3, killed_max=3)
        incident.refresh_from_db()
        assert (incident.killed_low, incident.killed_best, incident.killed_high) == (2, 5, 6)

    def test_a_pinned_best_is_kept_inside_the_range(self):
        incident = factories.incident(killed_best=50, killed_best_pinned=True)
        factories.claim(incident, claimant="a", killed_min=2, killed_max=4)
        incident.refresh_from_db()
        assert incident.killed_best == 4
