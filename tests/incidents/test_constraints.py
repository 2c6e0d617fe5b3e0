"""Every invariant is a database constraint: bad rows are refused even past form validation."""

import datetime
import os
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from geo.models import AdminArea, Place
from incidents.models import Affiliation, CasualtyClaim, Incident, IncidentLink, Participation, Statement
from incidents.models.choices import ParticipationRole, RoleKind
from incidents.models.incident import _ID_ALPHABET, new_public_id
from tests import factories

pytestmark = pytest.mark.django_db


def refused(make, constraint: str):
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        make()
    # Both databases name a violated CHECK constraint; SQLite lists columns for a UNIQUE one.
    if not (connection.vendor == "sqlite" and constraint.endswith("unique")):
        assert constraint in str(excinfo.value)


def update_refused(queryset, constraint: str, **values):
    refused(lambda: queryset.update(**values), constraint)


def test_incident_end_date_before_start_is_refused():
    incident = factories.incident()
    update_refused(
        Incident.objects.filter(pk=incident.pk),
        "inc_incident_end_after_start",
        end_date=incident.start_date - datetime.timedelta(days=1),
    )


def test_incident_end_date_equal_to_start_is_accepted():
    incident = factories.incident()
    Incident.objects.filter(pk=incident.pk).update(end_date=incident.start_date)


@pytest.mark.parametrize(
    ("constraint", "values"),
    [
        ("inc_incident_latitude_range", {"latitude": 91, "longitude": 44}),
        ("inc_incident_latitude_range", {"latitude": -90.5, "longitude": 44}),
        ("inc_incident_longitude_range", {"latitude": 33, "longitude": 181}),
        ("inc_incident_longitude_range", {"latitude": 33, "longitude": -180.1}),
        ("inc_incident_coordinates_paired", {"latitude": 33, "longitude": None}),
        ("inc_incident_coordinates_paired", {"latitude": None, "longitude": 44}),
    ],
)
def test_incident_coordinates_out_of_range_or_unpaired_are_refused(constraint, values):
    incident = factories.incident()
    update_refused(Incident.objects.filter(pk=incident.pk), constraint, **values)


@pytest.mark.parametrize(
    ("constraint", "values"),
    [
        ("inc_incident_killed_ordered", {"killed_low": 5, "killed_best": 3, "killed_high": 8}),
        ("inc_incident_killed_ordered", {"killed_low": 1, "killed_best": 9, "killed_high": 8}),
        ("inc_incident_killed_ordered", {"killed_low": 9, "killed_best": None, "killed_high": 8}),
        ("inc_incident_injured_ordered", {"injured_low": 5, "injured_best": 3, "injured_high": 8}),
        ("inc_incident_injured_ordered", {"injured_low": 1, "injured_best": 9, "injured_high": 8}),
        ("inc_incident_civilians_ordered", {"civilians_killed_low": 4, "civilians_killed_high": 2}),
    ],
)
def test_incident_toll_out_of_order_is_refused(constraint, values):
    incident = factories.incident()
    update_refused(Incident.objects.filter(pk=incident.pk), constraint, **values)


def test_incident_toll_in_order_is_accepted():
    incident = factories.incident()
    Incident.objects.filter(pk=incident.pk).update(killed_low=2, killed_best=2, killed_high=4)


@pytest.mark.parametrize(
    ("constraint", "values"),
    [
        ("inc_claim_killed_min_le_max", {"killed_min": 5, "killed_max": 3}),
        ("inc_claim_killed_min_le_max", {"killed_min": None, "killed_max": 3}),
        ("inc_claim_injured_min_le_max", {"injured_min": 2, "injured_max": 1}),
        ("inc_claim_injured_min_le_max", {"injured_min": None, "injured_max": 1}),
        ("inc_claim_has_claimant", {"claimant": "", "claimant_person": None}),
    ],
)
def test_claim_invariants_are_refused(constraint, values):
    claim = factories.claim(factories.incident(), killed_min=1, killed_max=1)
    update_refused(CasualtyClaim.objects.filter(pk=claim.pk), constraint, **values)


def test_claim_with_negative_figure_is_refused():
    claim = factories.claim(factories.incident(), killed_min=1, killed_max=1)
    update_refused(CasualtyClaim.objects.filter(pk=claim.pk), "killed_min", killed_min=-1)


def test_claim_with_no_maximum_means_at_least():
    factories.claim(factories.incident(), killed_min=100, killed_max=None)


def test_link_to_itself_is_refused():
    incident = factories.incident()
    refused(
        lambda: IncidentLink.objects.create(from_incident=incident, to_incident=incident, kind="follow_up_to"),
        "inc_link_not_to_itself",
    )


def test_same_link_twice_is_refused():
    a, b = factories.incident(), factories.incident()
    IncidentLink.objects.create(from_incident=a, to_incident=b, kind="retaliation_for")
    refused(
        lambda: IncidentLink.objects.create(from_incident=a, to_incident=b, kind="retaliation_for"), "inc_link_unique"
    )


def test_same_group_in_same_role_twice_is_refused():
    incident, group = factories.incident(), factories.group()
    Participation.objects.create(incident=incident, group=group, role=ParticipationRole.TARGET)
    refused(
        lambda: Participation.objects.create(incident=incident, group=group, role=ParticipationRole.TARGET),
        "inc_participation_unique",
    )


def test_group_as_its_own_parent_is_refused():
    group = factories.group()
    update_refused(type(group).objects.filter(pk=group.pk), "inc_group_not_own_parent", parent=group)


def test_group_active_years_out_of_order_are_refused():
    group = factories.group()
    update_refused(
        type(group).objects.filter(pk=group.pk), "inc_group_active_years_ordered", active_from=2020, active_to=2010
    )


def test_affiliation_dates_out_of_order_are_refused():
    person = factories.person()
    refused(
        lambda: Affiliation.objects.create(
            person=person,
            body="A ministry",
            role=RoleKind.SPOKESPERSON,
            start_date=datetime.date(2024, 1, 1),
            end_date=datetime.date(2023, 1, 1),
        ),
        "inc_affiliation_dates_ordered",
    )


def test_affiliation_without_group_or_body_is_refused():
    person = factories.person()
    refused(
        lambda: Affiliation.objects.create(person=person, role=RoleKind.MEMBER), "inc_affiliation_has_group_or_body"
    )


def test_statement_without_any_speaker_is_refused():
    statement = factories.statement()
    update_refused(
        Statement.objects.filter(pk=statement.pk),
        "inc_statement_has_speaker",
        body="",
        speaker_title="",
        speaker=None,
        body_group=None,
    )


def test_place_coordinates_out_of_range_are_refused():
    place = Place.objects.first()
    update_refused(Place.objects.filter(pk=place.pk), "geo_place_latitude_range", latitude=95)
    update_refused(Place.objects.filter(pk=place.pk), "geo_place_longitude_range", longitude=-200)


def test_governorate_bounding_box_out_of_order_is_refused():
    area = AdminArea.objects.first()
    update_refused(AdminArea.objects.filter(pk=area.pk), "geo_adminarea_bbox_ordered", min_lat=area.max_lat + 1)


def test_constraint_names_are_the_documented_ones():
    names = {c.name for model in (Incident, CasualtyClaim, IncidentLink) for c in model._meta.constraints}
    assert {
        "inc_incident_end_after_start",
        "inc_incident_latitude_range",
        "inc_incident_longitude_range",
        "inc_incident_coordinates_paired",
        "inc_incident_killed_ordered",
        "inc_incident_injured_ordered",
        "inc_incident_civilians_ordered",
        "inc_claim_killed_min_le_max",
        "inc_claim_injured_min_le_max",
        "inc_link_not_to_itself",
    } <= names


def test_public_ids_are_eight_unambiguous_characters_drawn_evenly():
    ids = [new_public_id() for _ in range(4000)]
    assert len(set(ids)) == len(ids)
    assert all(len(i) == 12 and i.startswith("INC-") and set(i[4:]) <= set(_ID_ALPHABET) for i in ids)
    # 32,000 characters over 32 letters: about 1,000 each; every letter drawn, none far off.
    counts = Counter(char for i in ids for char in i[4:])
    assert set(counts) == set(_ID_ALPHABET)
    assert all(850 < n < 1150 for n in counts.values())


def test_a_forked_process_never_hands_out_the_ids_its_parent_drew():
    """Public ids come from random numbers drawn in batches: a child process (a gunicorn worker
    forked after the parent made an id) must draw its own, not repeat the parent's next ones."""
    new_public_id()  # the parent now holds a batch of drawn numbers
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        os.write(write_end, ",".join(new_public_id() for _ in range(5)).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        childs = set(pipe.read().split(","))
    os.waitpid(pid, 0)
    parents = {new_public_id() for _ in range(5)}
    assert len(childs) == 5
    assert not childs & parents


@pytest.mark.parametrize(
    ("field", "day", "allowed"),
    [
        ("start_date", datetime.date(1899, 12, 31), False),
        ("start_date", datetime.date(1900, 1, 1), True),
        ("start_date", datetime.date(9999, 12, 31), False),
        ("end_date", datetime.date(1, 1, 1), False),
        ("end_date", datetime.date.today() + datetime.timedelta(days=30), True),
        ("end_date", datetime.date.today() + datetime.timedelta(days=400), False),
    ],
)
def test_incident_dates_run_from_1900_to_a_year_ahead(field, day, allowed):
    incident = factories.incident()
    setattr(incident, field, day)
    if field == "start_date":
        incident.end_date = None
    if allowed:
        incident.full_clean()
        return
    with pytest.raises(ValidationError) as refused:
        incident.full_clean()
    assert "outside the dates incidents can have" in str(refused.value.message_dict[field])
