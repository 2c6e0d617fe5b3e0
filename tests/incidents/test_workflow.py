"""Roles and the publishing workflow, merging duplicates, the audit trail and refused stale saves."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from incidents import workflow
from incidents.demo import STRIKE_ID
from incidents.models import CasualtyClaim, Incident, Participation, StatusChange
from incidents.models.choices import ParticipationRole, Status
from incidents.roles import ADMINISTRATORS, CONTRIBUTORS, EDITORS
from tests import factories
from tests.admin_forms import admin_post_data, inline_prefix

PASSWORD = "a-long-test-password"


@pytest.fixture
def contributor(django_user_model):
    return factories.staff_user("carol", CONTRIBUTORS)


@pytest.fixture
def editor(django_user_model):
    return factories.staff_user("eddie", EDITORS)


def change_url(incident):
    return reverse("admin:incidents_incident_change", args=[incident.pk])


# Roles ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_roles_are_created_by_a_migration():
    assert set(Group.objects.values_list("name", flat=True)) >= {CONTRIBUTORS, EDITORS, ADMINISTRATORS}
    editor_perms = set(Group.objects.get(name=EDITORS).permissions.values_list("codename", flat=True))
    contributor_perms = set(Group.objects.get(name=CONTRIBUTORS).permissions.values_list("codename", flat=True))
    assert {"publish_incident", "merge_incident", "import_dataset"} <= editor_perms
    assert contributor_perms < editor_perms
    assert {"add_incident", "change_incident", "add_report", "change_casualtyclaim"} <= contributor_perms
    assert not {"publish_incident", "merge_incident", "import_dataset", "delete_incident"} & contributor_perms


@pytest.mark.django_db
def test_a_contributor_cannot_publish(contributor):
    incident = factories.incident(status=Status.DRAFT)
    client = factories.logged_in(contributor)
    page = client.get(change_url(incident))
    assert [value for value, _ in page.context["adminform"].form.fields["status"].choices] == ["draft", "review"]
    data = admin_post_data(page)
    data["status"] = "published"
    response = client.post(change_url(incident), data)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    incident.refresh_from_db()
    assert incident.status == Status.DRAFT

    changelist = client.get(reverse("admin:incidents_incident_changelist"))
    actions = [value for value, _ in changelist.context["action_form"].fields["action"].choices]
    assert "send_to_review" in actions and "publish" not in actions and "retract" not in actions
    assert "merge" not in actions
    with pytest.raises(PermissionDenied):
        workflow.transition(contributor, incident, Status.PUBLISHED)


@pytest.mark.django_db
def test_a_contributor_sends_to_review_and_an_editor_publishes(contributor, editor, client):
    incident = factories.incident(status=Status.DRAFT, title="Rocket attack on Erbil")
    factories.logged_in(contributor).post(
        reverse("admin:incidents_incident_changelist"),
        {"action": "send_to_review", "_selected_action": [incident.pk]},
    )
    incident.refresh_from_db()
    assert incident.status == Status.REVIEW
    assert "Rocket attack on Erbil" not in client.get(reverse("incidents:list")).content.decode()

    factories.logged_in(editor).post(
        reverse("admin:incidents_incident_changelist"), {"action": "publish", "_selected_action": [incident.pk]}
    )
    incident.refresh_from_db()
    assert incident.status == Status.PUBLISHED
    assert "Rocket attack on Erbil" in client.get(reverse("incidents:list")).content.decode()
    assert incident.public_id in client.get("/api/v1/incidents/").content.decode()
    steps = list(StatusChange.objects.filter(incident=incident).values_list("from_status", "to_status", "changed_by"))
    assert steps == [("draft", "review", contributor.pk), ("review", "published", editor.pk)]


@pytest.mark.django_db
def test_retracting_needs_a_reason_and_leaves_a_notice(editor, client):
    incident = factories.incident(status=Status.PUBLISHED, title="Misreported clash")
    with pytest.raises(ValidationError):
        workflow.transition(editor, incident, Status.RETRACTED, "")
    response = factories.logged_in(editor).post(
        reverse("admin:incidents_incident_changelist"),
        {"action": "retract", "_selected_action": [incident.pk], "reason": "The source withdrew its report."},
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.status == Status.RETRACTED

    page = client.get(reverse("incidents:detail", args=[incident.public_id]))
    assert page.status_code == 200
    assert "This incident has been retracted" in page.content.decode()
    assert "The source withdrew its report." in page.content.decode()
    assert "Misreported clash" not in client.get(reverse("incidents:list")).content.decode()
    assert incident.public_id not in client.get("/api/v1/incidents/").content.decode()
    assert incident.public_id not in client.get(reverse("incidents:export-csv")).getvalue().decode()
    staff = factories.logged_in(editor)
    assert "Misreported clash" not in staff.get(reverse("incidents:list")).content.decode()
    assert "Misreported clash" in staff.get(reverse("incidents:list"), {"status": "retracted"}).content.decode()


@pytest.mark.django_db
def test_drafts_stay_hidden_by_url_from_the_public(client):
    for status in (Status.DRAFT, Status.REVIEW):
        incident = factories.incident(status=status)
        assert client.get(reverse("incidents:detail", args=[incident.public_id])).status_code == 404


# Merging ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_merging_moves_everything_and_redirects_the_duplicate(editor, client):
    group = factories.group()
    keep = factories.incident(status=Status.PUBLISHED)
    duplicate = factories.incident(status=Status.PUBLISHED)
    factories.claim(keep, claimant="ministry", killed_min=2, killed_max=2)
    factories.claim(duplicate, claimant="medics", killed_min=5, killed_max=5)
    Participation.objects.create(incident=keep, group=group, role=ParticipationRole.TARGET)
    Participation.objects.create(incident=duplicate, group=group, role=ParticipationRole.TARGET)
    factories.statement().incidents.add(duplicate)
    later = factories.incident()
    later.links_out.create(to_incident=duplicate, kind="retaliation_for")

    response = factories.logged_in(editor).post(
        reverse("admin:incidents_incident_changelist"),
        {"action": "merge", "_selected_action": [keep.pk, duplicate.pk], "keep": keep.pk},
    )
    assert response.status_code == 302
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep
    assert CasualtyClaim.objects.filter(incident=keep).count() == 2
    assert (keep.killed_low, keep.killed_high, keep.contested) == (2, 5, True)
    assert Participation.objects.filter(incident=keep).count() == 1
    assert keep.statements.count() == 1
    assert later.links_out.get().to_incident == keep

    page = client.get(reverse("incidents:detail", args=[duplicate.public_id]))
    assert page.status_code == 301 and page["Location"] == reverse("incidents:detail", args=[keep.public_id])
    assert duplicate.public_id not in client.get(reverse("incidents:list")).content.decode()


@pytest.mark.django_db
def test_a_contributor_cannot_merge(contributor):
    a, b = factories.incident(), factories.incident()
    with pytest.raises(PermissionDenied):
        workflow.merge(contributor, a, b)


# Audit trail ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_change_is_recorded_with_who_and_what(editor):
    call_command("load_demo")
    strike = Incident.objects.get(public_id=STRIKE_ID)
    client = factories.logged_in(editor)
    page = client.get(change_url(strike))
    data = admin_post_data(page)
    data["title"] = "U.S. drone strike kills Nujaba leader in Baghdad"
    prefix = inline_prefix(page, CasualtyClaim)
    police = next(i for i in range(int(data[f"{prefix}-TOTAL_FORMS"])) if data[f"{prefix}-{i}-killed_min"] == "4")
    data[f"{prefix}-{police}-killed_min"] = data[f"{prefix}-{police}-killed_max"] = "5"
    assert client.post(change_url(strike), data).status_code == 302

    retitled = strike.history.filter(title=data["title"]).earliest()
    assert retitled.history_user == editor
    delta = retitled.diff_against(retitled.prev_record)
    assert "title" in delta.changed_fields
    # The toll the changed claim gives is recorded too, by the same editor.
    assert strike.history.latest().history_user == editor and strike.history.latest().killed_high == 5
    claim_change = CasualtyClaim.history.filter(incident_id=strike.pk, history_type="~").latest()
    assert claim_change.history_user == editor and claim_change.killed_max == 5

    history_page = client.get(reverse("admin:incidents_incident_history", args=[strike.pk]))
    assert history_page.status_code == 200 and "eddie" in history_page.content.decode()
    recent = client.get(reverse("admin:incidents_recent_changes"))
    assert recent.status_code == 200 and "casualty claim" in recent.content.decode()


@pytest.mark.django_db
def test_the_public_change_log_hides_staff_unless_configured(editor, client, settings):
    incident = factories.incident(status=Status.PUBLISHED)
    incident._history_user = editor
    factories.claim(incident, claimant="medics", killed_min=3, killed_max=3)
    incident.title = "Renamed"
    incident.save()
    html = client.get(reverse("incidents:detail", args=[incident.public_id])).content.decode()
    assert "Changes to this record" in html and "description updated" in html and "claim added (medics)" in html
    assert "eddie" not in html
    settings.PUBLIC_HISTORY_SHOW_USERS = True
    assert "(eddie)" in client.get(reverse("incidents:detail", args=[incident.public_id])).content.decode()


@pytest.mark.django_db
def test_editors_revert_and_contributors_cannot(editor, contributor):
    incident = factories.incident(title="First title")
    incident.title = "Second title"
    incident.save()
    first = incident.history.earliest()
    url = reverse("admin:incidents_incident_simple_history", args=[incident.pk, first.history_id])
    for user, expected in [(contributor, 403), (editor, 302)]:
        client = factories.logged_in(user)
        page = client.get(url)
        assert page.status_code == 200
        response = client.post(url, admin_post_data(page))
        assert response.status_code == expected
    incident.refresh_from_db()
    assert incident.title == "First title"


# No lost updates --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_second_of_two_stale_saves_is_refused_with_what_changed(editor, django_user_model):
    other = factories.staff_user("erin", EDITORS)
    incident = factories.incident(title="Original title")
    first, second = factories.logged_in(editor), factories.logged_in(other)
    first_data = admin_post_data(first.get(change_url(incident)))
    second_data = admin_post_data(second.get(change_url(incident)))

    first_data["title"] = "Title from Eddie"
    assert first.post(change_url(incident), first_data).status_code == 302
    second_data["title"] = "Title from Erin"
    response = second.post(change_url(incident), second_data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "changed by someone else" in html and "Title from Eddie" in html and "eddie" in html
    incident.refresh_from_db()
    assert incident.title == "Title from Eddie"
    assert incident.history.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_give_one_success_and_one_refusal(django_user_model):
    from geo.loader import load_all

    load_all()
    editors = [factories.staff_user(name, EDITORS) for name in ("ann", "bob")]
    incident = factories.incident(title="Original title")
    clients = [factories.logged_in(user) for user in editors]
    forms = [admin_post_data(client.get(change_url(incident))) for client in clients]
    results = {}
    # PostgreSQL takes both saves at the same instant. SQLite's in-memory test database fails a
    # second writer outright ("table is locked"), so there the two stale forms are saved in turn.
    concurrent = connection.vendor == "postgresql"
    start = threading.Barrier(2 if concurrent else 1)

    def save(index):
        forms[index]["title"] = f"Title from {editors[index].username}"
        start.wait()
        try:
            results[index] = clients[index].post(change_url(incident), forms[index])
        finally:
            if concurrent:
                connection.close()

    if concurrent:
        threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        save(0)
        save(1)

    statuses = sorted(response.status_code for response in results.values())
    refused = [r for r in results.values() if r.status_code != 302 or r["Location"].endswith("/change/")]
    incident.refresh_from_db()
    assert statuses.count(302) >= 1 and len(refused) == 1
    assert incident.title in {"Title from ann", "Title from bob"}
    assert incident.version == 2
    assert incident.history.count() == 2
