"""No lost updates anywhere staff edit (incidents.locking, VersionedAdmin): of two saves started
from the same version of a record, the second is refused with who changed what and when, and an
editor's revert to an earlier version is a save like any other, on both databases."""

import pytest
from django.test import Client
from django.urls import reverse

from geo.models import Country, Place
from incidents.models import ArmedGroup, Casualty, GroupAlias, IncidentLink, Source, StatusChange
from incidents.models.choices import Status
from tests import factories
from tests.admin_forms import add_inline_form, admin_post_data, inline_prefix

PASSWORD = "a-long-test-password"


def _place(**fields):
    country, _ = Country.objects.get_or_create(iso2="IQ", iso3="IRQ", name_en="Iraq", defaults={"geometry": {}})
    return Place.objects.create(country=country, name="Al Asad", latitude=33.8, longitude=42.4, source="test", **fields)


# Each versioned model: how to make one, and a text field staff edit on its page.
RECORDS = {
    "incident": (factories.incident, "title"),
    "statement": (factories.statement, "quote"),
    "armedgroup": (factories.group, "description"),
    "person": (factories.person, "description"),
    "report": (factories.report, "title"),
    "source": (factories.source, "notes"),
    "place": (_place, "alternate_names"),
}


def editor(django_user_model, name):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser(name, f"{name}@example.org", PASSWORD))
    return client


def change_url(record):
    return reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk])


def history_form_url(record, history_id):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[record.pk, history_id])


@pytest.mark.django_db
@pytest.mark.parametrize("kind", RECORDS)
def test_the_second_of_two_stale_saves_is_refused_naming_who_changed_what(django_user_model, kind):
    make, field = RECORDS[kind]
    record = make()
    eddie, erin = editor(django_user_model, "eddie"), editor(django_user_model, "erin")
    page = eddie.get(change_url(record))
    # The page a browser gets carries the version it shows, to be sent back with the save.
    assert '<input type="hidden" name="expected_version" value="1"' in page.content.decode()
    first = admin_post_data(page)
    second = admin_post_data(erin.get(change_url(record)))

    first[field] = "Eddie's words"
    assert eddie.post(change_url(record), first).status_code == 302
    second[field] = "Erin's words"
    response = erin.post(change_url(record), second)

    assert response.status_code == 200
    html = response.content.decode()
    assert f"This {record._meta.verbose_name} was changed by someone else" in html
    assert "eddie" in html and field in html and "Eddie&#x27;s words" in html
    record.refresh_from_db()
    assert getattr(record, field) == "Eddie's words" and record.version == 2
    # Reloaded, the page carries the new version, and the save goes through.
    again = admin_post_data(erin.get(change_url(record)))
    again[field] = "Erin's words"
    assert erin.post(change_url(record), again).status_code == 302
    record.refresh_from_db()
    assert getattr(record, field) == "Erin's words" and record.version == 3


@pytest.mark.django_db
def test_a_group_saved_with_only_a_new_alias_still_makes_an_open_page_stale(django_user_model):
    group = factories.group()
    eddie, erin = editor(django_user_model, "eddie"), editor(django_user_model, "erin")
    page = eddie.get(change_url(group))
    first = add_inline_form(admin_post_data(page), inline_prefix(page, GroupAlias), {"name": "The Brigades"})
    second = admin_post_data(erin.get(change_url(group)))

    assert eddie.post(change_url(group), first).status_code == 302
    second["description"] = "Erin's words"
    response = erin.post(change_url(group), second)

    assert response.status_code == 200
    assert "eddie: saved with its own fields unchanged" in response.content.decode()
    assert list(group.aliases.values_list("name", flat=True)) == ["The Brigades"]
    assert ArmedGroup.objects.get(pk=group.pk).description == ""


# Reverting ----------------------------------------------------------------------------------------
# Transactional: Django's test transaction would hide that a revert's check needs one of its own
# (PostgreSQL refuses SELECT ... FOR UPDATE outside a transaction).


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", RECORDS)
def test_an_editor_reverts_to_an_earlier_version(django_user_model, kind):
    make, field = RECORDS[kind]
    record = make(**{field: "First words"})
    eddie = editor(django_user_model, "eddie")
    changed = admin_post_data(eddie.get(change_url(record)))
    changed[field] = "Second words"
    assert eddie.post(change_url(record), changed).status_code == 302

    url = history_form_url(record, record.history.earliest().history_id)
    page = eddie.get(url)
    assert page.status_code == 200
    response = eddie.post(url, admin_post_data(page))

    assert response.status_code == 302
    record.refresh_from_db()
    assert getattr(record, field) == "First words" and record.version == 3
    assert record.history.latest().history_user.username == "eddie"


@pytest.mark.django_db(transaction=True)
def test_a_revert_over_a_save_made_since_its_page_opened_is_refused(django_user_model):
    person = factories.person(description="First words")
    person.description = "Second words"
    person.save()
    eddie, erin = editor(django_user_model, "eddie"), editor(django_user_model, "erin")
    url = history_form_url(person, person.history.earliest().history_id)
    revert = admin_post_data(eddie.get(url))
    edit = admin_post_data(erin.get(change_url(person)))
    edit["description"] = "Erin's words"
    assert erin.post(change_url(person), edit).status_code == 302

    response = eddie.post(url, revert)

    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    person.refresh_from_db()
    assert person.description == "Erin's words"


@pytest.mark.django_db
def test_a_new_record_starts_at_version_one(django_user_model):
    eddie = editor(django_user_model, "eddie")
    url = reverse("admin:incidents_source_add")
    data = admin_post_data(eddie.get(url)) | {"name": "Shafaq News", "kind": "news_outlet"}
    assert eddie.post(url, data).status_code == 302
    source = Source.objects.get(name="Shafaq News")
    assert source.version == 1 and source.history.get().history_user.username == "eddie"


def _claim():
    return factories.claim(factories.incident(), killed_min=1, killed_max=1, quote="First words")


def _casualty():
    incident = factories.incident()
    return Casualty.objects.create(incident=incident, person=factories.person(), outcome="killed", note="First words")


def _link():
    return IncidentLink.objects.create(
        from_incident=factories.incident(), to_incident=factories.incident(), kind="follow_up_to", note="First words"
    )


# Rows edited on their own page as well as inline on their incident's: the incident's version guards them.
PARTS = {"casualtyclaim": (_claim, "quote", "incident"), "casualty": (_casualty, "note", "incident"),
         "incidentlink": (_link, "note", "from_incident")}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("kind", PARTS)
def test_a_part_of_an_incident_saved_from_a_stale_page_is_refused(django_user_model, kind):
    make, field, holder = PARTS[kind]
    part = make()
    eddie, erin = editor(django_user_model, "eddie"), editor(django_user_model, "erin")
    first = admin_post_data(eddie.get(change_url(part)))
    second = admin_post_data(erin.get(change_url(part)))
    first[field] = "Eddie's words"
    assert eddie.post(change_url(part), first).status_code == 302
    second[field] = "Erin's words"

    response = erin.post(change_url(part), second)

    assert response.status_code == 200
    assert "This incident was changed by someone else" in response.content.decode()
    part.refresh_from_db()
    assert getattr(part, field) == "Eddie's words"
    assert getattr(part, holder).version == 2


@pytest.mark.django_db
def test_a_claim_page_opened_before_its_incident_was_saved_is_stale(django_user_model):
    claim = _claim()
    eddie, erin = editor(django_user_model, "eddie"), editor(django_user_model, "erin")
    on_its_page = admin_post_data(eddie.get(change_url(claim)))
    incident_page = admin_post_data(erin.get(change_url(claim.incident)))
    incident_page["title"] = "Erin's title"
    assert erin.post(change_url(claim.incident), incident_page).status_code == 302
    on_its_page["quote"] = "Eddie's words"
    assert eddie.post(change_url(claim), on_its_page).status_code == 200
    claim.refresh_from_db()
    assert claim.quote == "First words"


@pytest.mark.django_db(transaction=True)
def test_a_revert_moves_the_status_only_as_the_workflow_allows(django_user_model):
    incident = factories.incident(title="Draft title", status=Status.DRAFT)
    eddie = editor(django_user_model, "eddie")
    page = admin_post_data(eddie.get(change_url(incident)))
    page.update(title="Published title", status=Status.PUBLISHED)
    assert eddie.post(change_url(incident), page).status_code == 302
    assert StatusChange.objects.filter(incident=incident, to_status=Status.PUBLISHED).count() == 1

    url = history_form_url(incident, incident.history.earliest().history_id)
    response = eddie.post(url, admin_post_data(eddie.get(url)))

    # Published to draft is no move of the workflow: the revert is refused, not slipped through.
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    incident.refresh_from_db()
    assert (incident.title, incident.status) == ("Published title", Status.PUBLISHED)
