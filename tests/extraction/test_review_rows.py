"""The ingest review's rows: staff add claims, statements, participants and named casualties the
extractor missed, and remove any it proposed; the saved records are exactly the rows kept."""

import pytest

from extraction.admin.rows import MAX_ADDED
from incidents.demo import load_demo
from incidents.models import ArmedGroup, CasualtyClaim, Incident, Person, Statement
from incidents.models.choices import CasualtyCategory, CasualtyOutcome
from incidents.roles import CONTRIBUTORS
from tests import factories
from tests.extraction.ingest_pages import counts, form_index, post_data, review_of

pytestmark = pytest.mark.django_db

NEW_CLAIM = {
    "claimant": "Iraqi security sources",
    "category": CasualtyCategory.SECURITY_FORCES,
    "killed_min": "1",
    "killed_max": "1",
    "quote": "One member of the security forces was also killed.",
}


@pytest.fixture
def client_c(db):
    load_demo()
    return factories.logged_in(factories.staff_user("carol", CONTRIBUTORS))


def added(data: dict, review, formset_name: str, number: int, **values) -> str:
    """Fill the page's `number`th added row of a kind (1: the empty row shown, 2 on: rows the
    page's "Add another" button copies), as the browser sends it; returns its key."""
    formset = getattr(review, formset_name)
    index = formset.initial_form_count() + number - 1
    total = f"{formset_name}-TOTAL_FORMS"
    data[total] = str(max(int(data[total]), index + 1))
    blank = formset.empty_form
    for bound in blank:
        value = bound.value()
        if value not in (None, "", False):
            data[f"{formset_name}-{index}-{bound.name}"] = "on" if value is True else str(value)
    data.update({f"{formset_name}-{index}-{name}": value for name, value in values.items()})
    return f"{formset.letter}{index}"


def the_new_incident():
    return Incident.objects.exclude(public_id__startswith="INC-SEED").get()


def test_the_page_shows_an_empty_row_of_each_kind_and_a_button_to_add_more(client_c):
    _, response = review_of(client_c)
    review = response.context["review"]
    page = response.content.decode()
    for kind in ("groups", "people", "claims", "statements", "links"):
        formset = getattr(review, kind)
        assert len(formset.forms) == formset.initial_form_count() + 1
        assert f'id="ingest-{kind}-blank"' in page and f'data-formset="{kind}"' in page
    assert page.count("added by you: left empty, it adds nothing") == 5 + 5  # the rows, and their templates
    assert 'name="claims-__prefix__-claimant"' in page


def test_the_records_are_what_the_editor_kept_and_added(client_c):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    # Removed: the Pentagon's "no civilians" claim and the Iraqi government's statement.
    data.pop(f"claims-{form_index(review, 'claims', claimant='the Pentagon', category='civilians')}-include")
    data.pop(f"statements-{form_index(review, 'statements', speaker_key='', stance='condemns')}-include")
    # Added: a claim (in a second added row, as the page's button adds it), a participant, a person killed.
    claim = added(data, review, "claims", 2, **NEW_CLAIM)
    added(data, review, "groups", 1, name="Popular Mobilization Forces", kind="state_aligned_militia")
    data[f"groups-{review.groups.initial_form_count()}-role"] = "associated_target"
    added(data, review, "people", 1, name="Hussein Ali", casualty="killed", casualty_claim_key=claim)
    # A proposed person marked injured.
    commander = form_index(review, "people", title="local Iraqi militia commander")
    data[f"people-{commander}-casualty"] = CasualtyOutcome.INJURED

    response = client_c.post(location, data)

    assert response.status_code == 302, response.context["review"].error_count()
    incident = the_new_incident()
    claims = {(c.claimant, c.category): (c.killed_min, c.killed_max) for c in incident.claims.all()}
    assert claims == {
        ("the Pentagon", CasualtyCategory.COMBATANTS): (2, 2),
        ("Police and militia sources", CasualtyCategory.ALL): (4, 4),
        ("Iraqi security sources", CasualtyCategory.SECURITY_FORCES): (1, 1),
    }
    assert incident.claims.get(claimant="Iraqi security sources").quote == NEW_CLAIM["quote"]
    roles = {(p.group.name, p.role) for p in incident.participations.all()}
    assert roles == {
        ("United States Armed Forces", "perpetrator"),
        ("Harakat al-Nujaba", "target"),
        ("Popular Mobilization Forces", "associated_target"),
    }
    assert ArmedGroup.objects.get(name="Popular Mobilization Forces").kind == "state_aligned_militia"
    commander_name = Person.objects.get(pk=review.people.forms[commander].initial["person"]).name
    named = {(c.person.name, c.outcome, c.claim.claimant if c.claim else None) for c in incident.casualties.all()}
    assert named == {
        ("Mushtaq Jawad Kazim al-Jawari", "killed", "the Pentagon"),
        ("Hussein Ali", "killed", "Iraqi security sources"),
        (commander_name, "injured", None),
    }
    statements = Statement.objects.filter(incidents=incident)
    assert statements.count() == 2 and not statements.filter(stance="condemns").exists()


def test_added_rows_left_empty_add_nothing(client_c):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    for kind in ("groups", "people", "claims", "statements", "links"):
        added(data, review, kind, 2)  # a second empty row, as the page's button adds it
    assert client_c.post(location, data).status_code == 302
    incident = the_new_incident()
    assert incident.claims.count() == 3 and incident.participations.count() == 2
    assert Statement.objects.filter(incidents=incident).count() == 3 and incident.casualties.count() == 1


def test_an_added_statement_is_saved_with_the_reports_date(client_c):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    added(data, review, "statements", 1, body="Kataib Hezbollah's media office", quote="We will answer.")
    assert client_c.post(location, data).status_code == 302
    statement = Statement.objects.get(quote="We will answer.")
    assert statement.body == "Kataib Hezbollah's media office" and statement.said_on.isoformat() == "2024-01-05"
    assert list(statement.incidents.all()) == [the_new_incident()]


def test_a_bad_added_row_is_an_error_on_that_row_and_keeps_what_was_typed(client_c):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    added(data, review, "claims", 1, **(NEW_CLAIM | {"killed_min": "three"}))
    added(data, review, "claims", 2)
    added(data, review, "claims", 3, claimant="Kurdish officials", injured_min="7", injured_max="5")
    added(data, review, "statements", 1, body="Iraqi Interior Ministry", quote="An investigation is under way.")
    police = form_index(review, "claims", claimant="Police and militia sources")
    data[f"claims-{police}-killed_max"] = "6"
    before = counts()

    response = client_c.post(location, data)

    assert response.status_code == 200 and counts() == before
    review = response.context["review"]
    first, second, third = review.claims.added_forms()
    assert first.errors == {"killed_min": ["Enter a whole number."]}
    assert second.errors == {} and not second.has_changed()  # the row between, left empty
    assert third.errors == {"injured_max": ["The maximum (5) is below the minimum (7)."]}
    assert review.error_count() == 2
    page = response.content.decode()
    for typed in ("Iraqi security sources", "three", "Kurdish officials", "An investigation is under way.",
                  "Iraqi Interior Ministry", 'name="claims-' + str(police) + '-killed_max" value="6"'):  # fmt: skip
        assert typed in page
    assert f'name="claims-TOTAL_FORMS" value="{review.claims.initial_form_count() + 3}"' in page


@pytest.mark.parametrize(
    ("kind", "values", "field", "message"),
    [
        ("claims", {"killed_min": "2"}, "claimant", "Say who gives these figures."),
        ("claims", {"claimant": "Police"}, "killed_min", "Give at least one figure."),
        ("statements", {"quote": "We deny it."}, "speaker_title", "Say who said it"),
        ("statements", {"body": "The ministry"}, "quote", "Required for an item you keep."),
        ("groups", {"role": "target"}, "group", "Choose the group, or type a new group's name."),
        ("groups", {"name": "Harakat al-Nujaba"}, "name", "is held already"),
        ("people", {"casualty": "killed"}, "person", "Choose the person, or type a new person's name."),
        ("people", {"name": "A. N. Other", "casualty_claim_key": "c0"}, "casualty", "Say how the claim names them"),
    ],
)
def test_an_incomplete_added_row_says_what_it_lacks(client_c, kind, values, field, message):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    added(data, review, kind, 1, **values)
    before = counts()
    response = client_c.post(location, data)
    assert response.status_code == 200 and counts() == before
    row = getattr(response.context["review"], kind).added_forms()[0]
    assert any(message in error for error in row.errors[field])


def test_a_row_citing_an_added_row_left_empty_is_an_error(client_c):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    empty_claim = f"c{review.claims.initial_form_count()}"
    added(data, review, "people", 1, name="Hussein Ali", casualty="killed", casualty_claim_key=empty_claim)
    response = client_c.post(location, data)
    assert response.status_code == 200
    assert "“new claim 1” is not kept above" in response.content.decode()


def test_an_added_row_unticked_is_removed(client_c):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    key = added(data, review, "claims", 1, **NEW_CLAIM)
    data.pop(f"claims-{key[1:]}-include")
    assert client_c.post(location, data).status_code == 302
    assert not CasualtyClaim.objects.filter(claimant="Iraqi security sources").exists()


def test_one_new_group_typed_in_two_rows_is_an_error_not_a_refusal_by_the_database(client_c):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    added(data, review, "groups", 1, name="Popular Mobilization Forces", role="target")
    added(data, review, "groups", 2, name="popular mobilization forces ", role="associated_target")
    response = client_c.post(location, data)
    assert response.status_code == 200
    assert "is a new group in another row too" in response.content.decode()
    assert not ArmedGroup.objects.filter(name__iexact="Popular Mobilization Forces").exists()


@pytest.mark.parametrize("total", ["x", "-1", str(10**12)])
def test_a_tampered_row_count_is_an_error_not_a_server_error(client_c, total):
    location, response = review_of(client_c)
    data = post_data(response.context["review"]) | {"claims-TOTAL_FORMS": total}
    before = counts()
    response = client_c.post(location, data)
    assert response.status_code == 200 and counts() == before
    assert response.context["review"].claims.non_form_errors()


def test_no_more_rows_than_the_limit_are_accepted(client_c):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    added(data, review, "claims", MAX_ADDED + 1, **NEW_CLAIM)
    before = counts()
    response = client_c.post(location, data)
    assert response.status_code == 200 and counts() == before
    limit = review.claims.initial_form_count() + MAX_ADDED
    assert f"Please submit at most {limit} forms." in response.content.decode()


def test_a_proposed_participant_unticked_is_not_saved(client_c):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    us = ArmedGroup.objects.get(name="United States Armed Forces")
    data.pop(f"groups-{form_index(review, 'groups', group=us.pk)}-include")
    assert client_c.post(location, data).status_code == 302
    roles = {(p.group.name, p.role) for p in the_new_incident().participations.all()}
    assert roles == {("Harakat al-Nujaba", "target")}
