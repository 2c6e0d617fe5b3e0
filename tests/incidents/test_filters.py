"""The shared FilterSets: every filter selects what it says, and bad values are form errors."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import F
from django.http import QueryDict

from geo.models import AdminArea, Country
from incidents.filters import (
    ArmedGroupFilter,
    IncidentFilter,
    PersonFilter,
    PlaceFilter,
    ReportFilter,
    StatementFilter,
    date_overlap,
)
from incidents.models import Affiliation, Casualty, GroupAlias, Incident, Participation
from incidents.models.choices import DatePrecision, ParticipationRole, RoleKind
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date


def ids(filterset_class, query: str, queryset=None):
    model = filterset_class._meta.model
    filterset = filterset_class(QueryDict(query), queryset=queryset if queryset is not None else model.objects.all())
    assert filterset.is_valid(), filterset.errors
    return [obj.pk for obj in filterset.qs]


def errors(filterset_class, query: str):
    filterset = filterset_class(QueryDict(query), queryset=filterset_class._meta.model.objects.all())
    assert not filterset.is_valid()
    return filterset.errors


# Dates at their precision --------------------------------------------------------------------


@pytest.fixture
def dated():
    return {
        "day": factories.incident(start_date=D(2024, 1, 4)),
        "span": factories.incident(
            start_date=D(2024, 1, 28), end_date=D(2024, 2, 2), date_precision=DatePrecision.DAYS
        ),
        "week": factories.incident(start_date=D(2024, 2, 26), date_precision=DatePrecision.WEEK),
        "month": factories.incident(start_date=D(2023, 12, 15), date_precision=DatePrecision.MONTH),
        "year": factories.incident(start_date=D(2022, 6, 1), date_precision=DatePrecision.YEAR),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("date_from=2024-01-04&date_to=2024-01-04", {"day"}),
        ("date_from=2024-02-01&date_to=2024-02-10", {"span"}),
        ("date_from=2024-03-01&date_to=2024-03-01", {"week"}),  # the week of Feb 26 runs to Mar 3
        ("date_from=2023-12-01&date_to=2023-12-02", {"month"}),  # overlaps December, not the 15th
        ("date_from=2023-11-20&date_to=2023-12-01", {"month"}),
        ("date_from=2022-12-31&date_to=2023-01-01", {"year"}),
        ("date_from=2024-01-01", {"day", "span", "week"}),
        ("date_to=2023-01-01", {"year"}),
        ("date_from=2025-01-01", set()),
    ],
)
def test_date_range_takes_precision_into_account(dated, query, expected):
    by_pk = {incident.pk: name for name, incident in dated.items()}
    assert {by_pk[pk] for pk in ids(IncidentFilter, query)} == expected


@pytest.mark.parametrize(
    ("start", "end", "precision", "period"),
    [
        (D(2024, 1, 4), None, DatePrecision.DAY, (D(2024, 1, 4), D(2024, 1, 4))),
        (D(2024, 1, 28), D(2024, 2, 2), DatePrecision.DAYS, (D(2024, 1, 28), D(2024, 2, 2))),
        (D(2024, 2, 26), None, DatePrecision.WEEK, (D(2024, 2, 26), D(2024, 3, 3))),
        (D(2024, 2, 15), None, DatePrecision.MONTH, (D(2024, 2, 1), D(2024, 2, 29))),  # a leap February
        (D(2023, 11, 15), D(2024, 1, 3), DatePrecision.MONTH, (D(2023, 11, 1), D(2024, 1, 31))),
        (D(2022, 6, 1), None, DatePrecision.YEAR, (D(2022, 1, 1), D(2022, 12, 31))),
    ],
)
def test_the_database_keeps_each_period_on_every_write_path(start, end, precision, period):
    created = factories.incident(start_date=start, end_date=end, date_precision=precision)
    stored = Incident.objects.values_list("period_start", "period_end")
    assert stored.get(pk=created.pk) == period
    # A queryset update bypasses save(): the generated columns follow it all the same.
    Incident.objects.filter(pk=created.pk).update(date_precision=DatePrecision.DAY, end_date=None)
    assert stored.get(pk=created.pk) == (start, start)
    bulk = Incident.objects.bulk_create(
        [Incident(title="bulk", event_type="battles", start_date=start, end_date=end, date_precision=precision)]
    )
    assert stored.get(pk=bulk[0].pk) == period


def test_date_overlap_with_no_bounds_selects_everything(dated):
    assert Incident.objects.filter(date_overlap(None, None)).count() == len(dated)


# Place, type, means --------------------------------------------------------------------------


def test_country_and_governorate_by_code():
    baghdad = factories.incident(latitude=33.3152, longitude=44.3661)
    aleppo = factories.incident(latitude=36.2021, longitude=37.1343)
    assert ids(IncidentFilter, "country=IQ") == [baghdad.pk]
    assert set(ids(IncidentFilter, "country=IQ&country=SY")) == {baghdad.pk, aleppo.pk}
    assert ids(IncidentFilter, "governorate=SY-HL") == [aleppo.pk]


def _distinct(filterset_class, query: str) -> bool:
    filterset = filterset_class(QueryDict(query), queryset=filterset_class._meta.model.objects.all())
    assert filterset.is_valid(), filterset.errors
    return filterset.qs.query.distinct


@pytest.mark.parametrize(
    ("filterset_class", "query"),
    [
        (IncidentFilter, "country=IQ&country=SY&governorate=IQ-BG&governorate=SY-HL"),
        (IncidentFilter, "event_type=battles&sub_event_type=armed_clash&status=published&status=draft"),
        (ArmedGroupFilter, "kind=state_aligned_militia"),
        (StatementFilter, "stance=claims"),
        (PlaceFilter, "country=IQ&governorate=IQ-AN&kind=military_base"),
    ],
)
def test_filters_on_a_row_or_a_foreign_key_need_no_distinct(filterset_class, query):
    # Each row matches at most once; DISTINCT would only make the database deduplicate whole rows.
    assert not _distinct(filterset_class, query)


def test_filters_across_a_to_many_relation_match_each_record_once():
    """They read the relation in a subquery (by `id`, which history rows hold too): no join, so no
    row twice and no DISTINCT."""
    group = factories.group(pk=1)
    group.countries.add(*Country.objects.filter(iso2__in=["IQ", "SY"]))
    person = factories.person()
    Affiliation.objects.create(person=person, group=group, title="commander")
    Affiliation.objects.create(person=person, group=group, title="spokesman")
    incident = factories.incident(public_id="INC-X")
    statement = factories.statement()
    statement.incidents.add(incident)
    for filterset_class, query, record in [
        (ArmedGroupFilter, "country=IQ&country=SY", group),
        (PersonFilter, "group=1", person),
        (StatementFilter, "incident=INC-X", statement),
    ]:
        assert ids(filterset_class, query) == [record.pk]
        assert not _distinct(filterset_class, query)


def test_code_filters_match_each_incident_once():
    baghdad = factories.incident(latitude=33.3152, longitude=44.3661, event_type="battles")
    aleppo = factories.incident(latitude=36.2021, longitude=37.1343, event_type="battles")
    query = "country=IQ&country=SY&governorate=IQ-BG&governorate=SY-HL&event_type=battles&event_type=riots"
    assert sorted(ids(IncidentFilter, query)) == sorted([baghdad.pk, aleppo.pk])


def test_event_and_sub_event_type():
    strike = factories.incident(event_type="remote_violence", sub_event_type="air_drone_strike")
    clash = factories.incident(event_type="battles", sub_event_type="armed_clash")
    assert ids(IncidentFilter, "event_type=battles") == [clash.pk]
    assert ids(IncidentFilter, "sub_event_type=air_drone_strike") == [strike.pk]


def test_means_matches_any_of_the_codes_asked():
    drone = factories.incident(means=["drone", "rocket"])
    missile = factories.incident(means=["ballistic_missile"])
    factories.incident(means=[])
    assert ids(IncidentFilter, "means=rocket") == [drone.pk]
    assert set(ids(IncidentFilter, "means=rocket&means=ballistic_missile")) == {drone.pk, missile.pk}


def test_bbox_keeps_points_inside():
    inside = factories.incident(latitude=33.3, longitude=44.4)
    factories.incident(latitude=36.2, longitude=37.1)
    factories.incident()
    assert ids(IncidentFilter, "bbox=44,33,45,34") == [inside.pk]


# Groups and people ---------------------------------------------------------------------------


def test_group_with_role_and_umbrella_includes_members():
    umbrella = factories.group(name="Islamic Resistance in Iraq")
    member = factories.group(name="Harakat al-Nujaba", parent=umbrella)
    other = factories.group(name="U.S. forces")
    struck = factories.incident()
    Participation.objects.create(incident=struck, group=member, role=ParticipationRole.TARGET)
    Participation.objects.create(incident=struck, group=other, role=ParticipationRole.PERPETRATOR)
    attack = factories.incident()
    Participation.objects.create(incident=attack, group=member, role=ParticipationRole.ASSOCIATED_PERPETRATOR)

    assert ids(IncidentFilter, f"group={member.pk}&role=target") == [struck.pk]
    assert ids(IncidentFilter, f"group={member.pk}&role=perpetrator") == [attack.pk]
    assert set(ids(IncidentFilter, f"group={member.pk}")) == {struck.pk, attack.pk}
    assert set(ids(IncidentFilter, f"group={umbrella.pk}&role=any")) == {struck.pk, attack.pk}
    assert ids(IncidentFilter, f"group={other.pk}&role=target") == []


def test_person_finds_incidents_they_were_a_casualty_of_or_spoke_about():
    person = factories.person()
    killed_in = factories.incident()
    Casualty.objects.create(incident=killed_in, person=person)
    spoke_about = factories.incident()
    factories.statement(speaker=person).incidents.add(spoke_about)
    factories.incident()
    assert set(ids(IncidentFilter, f"person={person.pk}")) == {killed_in.pk, spoke_about.pk}


# Toll ----------------------------------------------------------------------------------------


def test_killed_at_least_civilian_harm_and_contested():
    quiet = factories.incident()
    factories.claim(quiet, killed_min=1, killed_max=1)
    deadly = factories.incident()
    factories.claim(deadly, claimant="a", category="civilians", killed_min=5, killed_max=5)
    factories.claim(deadly, claimant="b", category="civilians", killed_min=9, killed_max=9)
    assert ids(IncidentFilter, "killed_min=5") == [deadly.pk]
    assert ids(IncidentFilter, "civilian_harm=true") == [deadly.pk]
    assert ids(IncidentFilter, "civilian_harm=false") == [quiet.pk]
    assert ids(IncidentFilter, "contested=true") == [deadly.pk]
    assert ids(IncidentFilter, "contested=false") == [quiet.pk]


def test_status_filter():
    draft = factories.incident(status="draft")
    published = factories.incident(status="published")
    assert ids(IncidentFilter, "status=draft") == [draft.pk]
    assert ids(IncidentFilter, "status=published") == [published.pk]


# Free text -----------------------------------------------------------------------------------


@pytest.mark.parametrize("term", ["Nujaba", "an-Nujaba", "حركة", "HaN", "eastern baghdad", "INC-TEXTTEST"])
def test_text_search_covers_title_place_group_names_aliases_and_arabic(term):
    group = factories.group(name="Harakat al-Nujaba", name_ar="حركة النجباء", abbreviation="HaN")
    GroupAlias.objects.create(group=group, name="an-Nujaba")
    incident = factories.incident(title="Strike", place_name="Eastern Baghdad", public_id="INC-TEXTTEST")
    Participation.objects.create(incident=incident, group=group, role=ParticipationRole.TARGET)
    factories.incident(title="Unrelated")
    query = QueryDict(mutable=True)
    query["q"] = term
    assert ids(IncidentFilter, query.urlencode()) == [incident.pk]


# Sorting -------------------------------------------------------------------------------------


def test_default_order_is_newest_first_and_sorts_are_stable():
    old = factories.incident(start_date=D(2020, 1, 1))
    new_a = factories.incident(start_date=D(2024, 1, 1))
    new_b = factories.incident(start_date=D(2024, 1, 1))
    assert ids(IncidentFilter, "") == [new_b.pk, new_a.pk, old.pk]
    assert ids(IncidentFilter, "sort=date") == [old.pk, new_b.pk, new_a.pk]


# Bad values ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("date_from=yesterday", "date_from"),
        ("date_to=2024-13-45", "date_to"),
        ("country=XX", "country"),
        ("governorate=nowhere", "governorate"),
        ("event_type=picnic", "event_type"),
        ("sub_event_type=x", "sub_event_type"),
        ("means=catapult", "means"),
        ("group=abc", "group"),
        ("group=999999999", "group"),
        ("group=99999999999999999999999", "group"),
        ("role=bystander", "role"),
        ("person=-1", "person"),
        ("killed_min=-1", "killed_min"),
        ("killed_min=1e99", "killed_min"),
        ("killed_min=NaN", "killed_min"),
        ("contested=perhaps", "contested"),
        ("status=lost", "status"),
        ("bbox=a,b,c,d", "bbox"),
        ("bbox=1,2,3", "bbox"),
        ("bbox=10,50,20,40", "bbox"),
        ("bbox=inf,1,2,3", "bbox"),
        ("sort=password", "sort"),
        ("q=" + "x" * 201, "q"),
        ("date_from=1' OR '1'='1", "date_from"),
    ],
)
def test_garbage_values_are_form_errors_naming_the_filter(query, field):
    assert field in errors(IncidentFilter, query)


# Other resources -----------------------------------------------------------------------------


def test_group_filter_by_text_kind_and_country():
    nujaba = factories.group(name="Harakat al-Nujaba", kind="state_aligned_militia")
    GroupAlias.objects.create(group=nujaba, name="an-Nujaba")
    nujaba.countries.add(Country.objects.get(iso2="IQ"))
    factories.group(name="Islamic State", kind="designated_terrorist")
    assert ids(ArmedGroupFilter, "q=an-nujaba") == [nujaba.pk]
    assert ids(ArmedGroupFilter, "kind=state_aligned_militia") == [nujaba.pk]
    assert ids(ArmedGroupFilter, "country=IQ") == [nujaba.pk]
    assert "kind" in errors(ArmedGroupFilter, "kind=gang")


def test_person_filter_by_text_and_group():
    group = factories.group()
    ryder = factories.person(name="Patrick Ryder", aliases="Maj. Gen. Patrick Ryder")
    Affiliation.objects.create(person=ryder, group=group, role=RoleKind.SPOKESPERSON)
    factories.person(name="Someone else")
    assert ids(PersonFilter, "q=maj. gen") == [ryder.pk]
    assert ids(PersonFilter, f"group={group.pk}") == [ryder.pk]


def test_statement_filter_by_speaker_body_group_stance_date_and_incident():
    group = factories.group()
    speaker = factories.person()
    incident = factories.incident(public_id="INC-STMTTEST")
    Participation.objects.create(incident=incident, group=group, role=ParticipationRole.TARGET)
    about = factories.statement(speaker=speaker, stance="threatens", said_on=D(2024, 1, 5), body="")
    about.incidents.add(incident)
    spoken_for = factories.statement(body_group=group, stance="claims", said_on=D(2023, 5, 1), body="")
    other = factories.statement(body="Ministry of Defence", stance="condemns", said_on=D(2022, 1, 1))
    assert ids(StatementFilter, f"speaker={speaker.pk}") == [about.pk]
    assert ids(StatementFilter, "body=ministry") == [other.pk]
    assert set(ids(StatementFilter, f"group={group.pk}")) == {about.pk, spoken_for.pk}
    assert ids(StatementFilter, "stance=claims") == [spoken_for.pk]
    assert ids(StatementFilter, "date_from=2023-01-01&date_to=2023-12-31") == [spoken_for.pk]
    assert ids(StatementFilter, "incident=INC-STMTTEST") == [about.pk]
    assert "stance" in errors(StatementFilter, "stance=shrugs")


def test_report_and_place_filters():
    report = factories.report(title="Rockets hit base", published_on=D(2024, 1, 5))
    factories.report(title="Other", published_on=D(2020, 1, 1))
    assert ids(ReportFilter, "q=rockets") == [report.pk]
    assert ids(ReportFilter, "date_from=2024-01-01") == [report.pk]
    anbar = AdminArea.objects.get(iso_code="IQ-AN")
    assert ids(PlaceFilter, "q=Asad&kind=military_base")
    assert all(p in anbar.places.values_list("pk", flat=True) for p in ids(PlaceFilter, "governorate=IQ-AN"))
    assert "kind" in errors(PlaceFilter, "kind=castle")


@pytest.mark.parametrize("sort", ["killed", "-killed"])
def test_incidents_without_a_toll_sort_last_either_way(sort):
    unknown = factories.incident()
    few = factories.incident()
    factories.claim(few, killed_min=1, killed_max=1)
    many = factories.incident()
    factories.claim(many, killed_min=9, killed_max=9)
    expected = [few.pk, many.pk] if sort == "killed" else [many.pk, few.pk]
    assert ids(IncidentFilter, f"sort={sort}") == [*expected, unknown.pk]


# The governorate sort key -------------------------------------------------------------------


def _stored_names() -> dict[int, str | None]:
    return dict(Incident.objects.values_list("pk", "admin_area_name"))


def _expected_names() -> dict[int, str | None]:
    return dict(Incident.objects.values_list("pk", "admin_area__name_en"))


def test_governorate_sort_key_follows_every_write_path():
    baghdad, basra = AdminArea.objects.get(iso_code="IQ-BG"), AdminArea.objects.get(iso_code="IQ-BA")
    saved = factories.incident(latitude=33.3152, longitude=44.3661)  # save() locates it in Baghdad
    nowhere = factories.incident()
    bulk = Incident.objects.bulk_create(
        [Incident(title="Bulk", start_date=D(2024, 1, 1), event_type="battles", admin_area=basra)]
    )[0]
    assert _stored_names() == _expected_names()
    assert _stored_names()[saved.pk] == baghdad.name_en and _stored_names()[nowhere.pk] is None

    Incident.objects.filter(pk=nowhere.pk).update(admin_area=basra)
    Incident.objects.filter(pk=bulk.pk).update(admin_area=None)
    assert _stored_names() == _expected_names()
    assert _stored_names()[bulk.pk] is None

    # A save from an instance that never read the key (or holds an old one) does not undo it.
    stale = Incident.objects.get(pk=saved.pk)
    stale.admin_area_name = "Somewhere else"
    stale.title = "Edited"
    stale.save()
    Incident.objects.filter(pk=saved.pk).update(admin_area_name="Forged")
    assert _stored_names() == _expected_names()

    # Renaming a governorate renames its incidents' key, by save() and by bulk_update().
    baghdad.name_en = "Baghdad (renamed)"
    baghdad.save()
    basra.name_en = "Al-Basrah"
    AdminArea.objects.bulk_update([basra], ["name_en"])
    assert _stored_names() == _expected_names()
    assert _stored_names()[saved.pk] == "Baghdad (renamed)" and _stored_names()[nowhere.pk] == "Al-Basrah"


def test_governorate_sort_key_is_filled_for_generated_incidents():
    call_command("generate_synthetic", count=120, seed=5)
    names = _stored_names()
    assert names == _expected_names()
    assert all(names.values())


@pytest.mark.parametrize("sort", ["governorate", "-governorate"])
def test_governorate_sort_orders_by_the_governorate_name(sort):
    for lat, lon in [(33.3152, 44.3661), (36.2021, 37.1343), (30.5085, 47.7804), (33.3152, 44.3661)]:
        factories.incident(latitude=lat, longitude=lon)
    factories.incident()
    factories.incident()
    name = F("admin_area__name_en")
    key = name.desc(nulls_last=True) if sort.startswith("-") else name.asc(nulls_last=True)
    expected = list(Incident.objects.order_by(key, "-id").values_list("pk", flat=True))
    assert ids(IncidentFilter, f"sort={sort}") == expected
    assert len(set(Incident.objects.values_list("admin_area_name", flat=True))) == 4
