"""manage.py generate_synthetic: realistic, clearly marked, consistent, and removable."""

import pytest
from django.core.management import CommandError, call_command

from incidents import synthetic
from incidents.models import CasualtyClaim, Incident, Participation, Report, Source, Statement
from tests import factories

pytestmark = pytest.mark.django_db


def test_generates_marked_incidents_with_groups_claims_and_statements():
    real = factories.incident(title="A real incident")
    call_command("generate_synthetic", count=600, seed=7)

    generated = Incident.objects.filter(is_synthetic=True)
    assert generated.count() == 600
    assert not generated.exclude(public_id__startswith="SYN-").exists()
    assert Incident.objects.get(pk=real.pk).is_synthetic is False
    assert Participation.objects.filter(incident__in=generated).count() == 1200
    claims = CasualtyClaim.objects.filter(incident__in=generated)
    assert 600 <= claims.count() <= 1800
    assert not claims.exclude(report__source__name="synthetic").exists()
    assert Statement.objects.filter(incidents__in=generated).exists()
    # Located inside a governorate, dated 2012-2025, with the ACLED type mix.
    assert not generated.filter(admin_area__isnull=True).exists()
    assert generated.filter(start_date__year__lt=2011).count() == 0
    assert generated.filter(event_type="remote_violence").count() > generated.filter(event_type="riots").count()
    assert generated.filter(contested=True).exists() and generated.filter(contested=False).exists()


def test_stored_toll_matches_the_claims():
    call_command("generate_synthetic", count=200, seed=3)
    for incident in Incident.objects.filter(is_synthetic=True)[:50]:
        stored = (incident.killed_low, incident.killed_best, incident.killed_high, incident.contested)
        incident.refresh_toll()
        assert (incident.killed_low, incident.killed_best, incident.killed_high, incident.contested) == stored


def test_same_seed_gives_the_same_data_and_runs_add_up():
    synthetic.generate(50, seed=11)
    first = list(Incident.objects.filter(is_synthetic=True).order_by("public_id").values_list("title", "start_date"))
    synthetic.delete_all()
    synthetic.generate(50, seed=11)
    assert (
        list(Incident.objects.filter(is_synthetic=True).order_by("public_id").values_list("title", "start_date"))
        == first
    )
    synthetic.generate(30, seed=12)
    assert Incident.objects.filter(is_synthetic=True).count() == 80


def test_delete_removes_every_synthetic_row_and_nothing_else():
    call_command("load_demo")
    before = Incident.objects.count(), CasualtyClaim.objects.count(), Statement.objects.count()
    call_command("generate_synthetic", count=300)
    call_command("generate_synthetic", delete=True)
    assert (Incident.objects.count(), CasualtyClaim.objects.count(), Statement.objects.count()) == before
    assert not Source.objects.filter(name="synthetic").exists()
    assert not Report.objects.filter(title__startswith="Synthetic report").exists()


def test_a_count_below_one_is_refused():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate_synthetic", count=0)
