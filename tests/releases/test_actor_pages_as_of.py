"""The armed groups' and people's pages as they stood at a moment: each record as it then read, its
incidents and their roles as then published, its statements and casualty records of that moment,
links that keep the moment, and nothing the public could not see then."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from incidents.models import Affiliation, Casualty, Participation
from incidents.models.choices import CasualtyOutcome, ParticipationRole, Status
from releases.models import Release
from tests import factories

pytestmark = pytest.mark.django_db

GROUPS = reverse("incidents:group-list")
PEOPLE = reverse("incidents:person-list")


def _at(moment) -> str:
    return f"as_of={moment.isoformat().replace('+00:00', 'Z')}"


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def _figures(page: str, label: str) -> list[str]:
    """The numbers in the group list's column `label`, top to bottom."""
    return re.findall(rf'data-label="{label}">([\d,]+)<', page)


@pytest.fixture
def history():
    """A group and a person as they stood at `moment`, and what changed after it: the group renamed,
    a strike's role and title edited, a second strike published, a statement said, a person added."""
    group = factories.group(name="Kataib Sayyid al-Shuhada")
    member = factories.group(name="Liwa 14", parent=group)
    commander = factories.person(name="Abu Alaa al-Walai")
    Affiliation.objects.create(person=commander, group=group, title="secretary-general")
    strike = factories.incident(title="Rocket attack on the base", status=Status.PUBLISHED)
    taking_part = Participation.objects.create(incident=strike, group=group, role=ParticipationRole.PERPETRATOR)
    Casualty.objects.create(incident=strike, person=commander, outcome=CasualtyOutcome.INJURED)
    said = factories.statement(quote="We warned them before.", speaker=commander, body_group=group)
    said.incidents.add(strike)
    moment = timezone.now()

    group.name = "Kataib Sayyid al-Shuhada (renamed)"
    group.save()
    commander.name = "Hashim Bunyan al-Siraji"
    commander.save()
    taking_part.role = ParticipationRole.TARGET
    taking_part.save()
    strike.title = "Rocket attack on the base, corrected"
    strike.save()
    later = factories.incident(title="Drone strike on a car", status=Status.PUBLISHED)
    Participation.objects.create(incident=later, group=member, role=ParticipationRole.TARGET)
    again = factories.statement(quote="We will respond at the time of our choosing.", speaker=commander)
    again.incidents.add(later)
    newcomer = factories.person(name="Someone named later")
    return {"group": group, "member": member, "commander": commander, "moment": moment, "newcomer": newcomer}


def test_the_group_list_names_and_counts_the_groups_as_they_then_stood(client, history):
    then = _page(client, f"{GROUPS}?{_at(history['moment'])}")
    now = _page(client, GROUPS)

    assert "As published at" in then and "As published at" not in now
    # The table's names (the filter's choices name the groups as they are now).
    table = then.split("<table", 1)[1]
    assert "Kataib Sayyid al-Shuhada</a>" in table and "(renamed)" not in table
    assert "Kataib Sayyid al-Shuhada (renamed)</a>" in now
    # Then: one strike as perpetrator. Now: that strike as target, and the member's as target.
    assert _figures(then, "As perpetrator") == ["1", "0"] and _figures(then, "As target") == ["0", "0"]
    assert _figures(now, "As perpetrator") == ["0", "0"] and _figures(now, "As target") == ["1", "1"]
    # Its links keep the moment; its filters keep it too.
    detail = reverse("incidents:group-detail", args=[history["group"].pk])
    assert f'href="{detail}?as_of=' in then
    assert '<input type="hidden" name="as_of"' in then
    found = _page(client, f"{GROUPS}?q=Liwa&{_at(history['moment'])}").split("<table", 1)[1]
    assert found.count('class="card-title"') == 1 and "Liwa 14</a>" in found


def test_a_groups_page_gives_its_incidents_statements_and_people_of_that_moment(client, history):
    group = history["group"]
    url = reverse("incidents:group-detail", args=[group.pk])
    then = _page(client, f"{url}?{_at(history['moment'])}")
    now = _page(client, url)

    assert "<h1>Kataib Sayyid al-Shuhada" in then and "(renamed)" not in then
    assert re.search(r"As perpetrator: <a [^>]*><strong>1</strong>", then)
    assert re.search(r"as target: <a [^>]*><strong>0</strong>", then)
    assert re.search(r"As perpetrator: <a [^>]*><strong>0</strong>", now)
    assert re.search(r"as target: <a [^>]*><strong>2</strong>", now)  # the member's strike included
    assert "Rocket attack on the base<" in then and "Drone strike on a car" not in then
    assert "Rocket attack on the base, corrected" in now and "Drone strike on a car" in now
    assert "We warned them before." in then and "the time of our choosing" not in then
    assert "Liwa 14" in then  # its member groups
    # The incident's page at that moment names the group as it then stood, and links to it so.
    strike = re.search(r'href="(/incidents/INC-[^"/]+/)\?as_of=[^"]*">Rocket attack', then).group(1)
    incident = _page(client, f"{strike}?{_at(history['moment'])}")
    assert f'href="{url}?as_of=' in incident and "(renamed)" not in incident
    assert "Abu Alaa al-Walai" in then  # its people, by the name they have now
    # Links to the incident list and to the people keep the moment; the map's keeps the group only.
    assert f"?group={group.pk}&amp;role=perpetrator&amp;as_of=" in then
    assert re.search(r'href="/people/\d+/\?as_of=', then)
    assert f'href="/?group={group.pk}"' in then


def test_a_persons_pages_give_the_name_statements_and_casualty_records_of_that_moment(client, history):
    commander = history["commander"]
    moment = history["moment"]
    listed = _page(client, f"{PEOPLE}?{_at(moment)}")
    assert "Abu Alaa al-Walai" in listed and "Hashim Bunyan" not in listed
    assert "Someone named later" not in listed
    assert re.search(r'data-label="Statements">1<', listed)
    assert re.search(r'data-label="Statements">2<', _page(client, PEOPLE))

    url = reverse("incidents:person-detail", args=[commander.pk])
    then = _page(client, f"{url}?{_at(moment)}")
    assert "<h1>Abu Alaa al-Walai</h1>" in then
    assert "We warned them before." in then and "the time of our choosing" not in then
    assert "Injured in" in then and "Rocket attack on the base</a>" in then  # under its title then
    assert re.search(r'href="/incidents/INC-[^"/]+/\?as_of=', then)
    assert "Rocket attack on the base, corrected" in _page(client, url)
    assert (
        client.get(reverse("incidents:person-detail", args=[history["newcomer"].pk]) + f"?{_at(moment)}").status_code
        == 404
    )


def test_a_release_names_the_moment_and_a_bad_one_is_a_400(client, history):
    Release.objects.create(name="2024.1", moment=history["moment"])
    url = reverse("incidents:group-detail", args=[history["group"].pk])
    page = _page(client, f"{url}?release=2024.1")
    assert "release 2024.1" in page and "(renamed)" not in page
    assert "?release=2024.1" in page
    for bad in (f"{url}?as_of=yesterday", f"{GROUPS}?release=none", f"{PEOPLE}?as_of=2024-13-01"):
        response = client.get(bad)
        assert response.status_code == 400, bad
        assert "as_of" in response.content.decode() or "release" in response.content.decode()


def test_the_public_sees_at_a_moment_only_the_groups_and_people_public_then(staff_client):
    public = Client()
    proposed = factories.group(name="Proposed while ingesting", approved=False)
    shy = factories.person(name="A speaker proposed with a draft", approved=False)
    draft = factories.incident(title="Draft strike", status=Status.DRAFT)
    Participation.objects.create(incident=draft, group=proposed, role=ParticipationRole.PERPETRATOR)
    factories.statement(quote="A statement on the draft.", speaker=shy).incidents.add(draft)
    moment = timezone.now()
    draft.status = Status.PUBLISHED
    draft.save()

    at = _at(moment)
    # In the table (the filter's choices are those of now).
    assert "Proposed while ingesting" not in _page(public, f"{GROUPS}?{at}").split("<table", 1)[1]
    assert "Proposed while ingesting" in _page(public, GROUPS).split("<table", 1)[1]
    assert public.get(reverse("incidents:group-detail", args=[proposed.pk]) + f"?{at}").status_code == 404
    assert public.get(reverse("incidents:person-detail", args=[shy.pk]) + f"?{at}").status_code == 404
    assert public.get(reverse("incidents:person-detail", args=[shy.pk])).status_code == 200
    # Staff see every record of the moment, the draft's roles counted.
    staff = _page(staff_client, reverse("incidents:group-detail", args=[proposed.pk]) + f"?{at}")
    assert re.search(r"As perpetrator: <a [^>]*><strong>1</strong>", staff)


def test_an_umbrella_counts_the_members_it_then_had(client):
    first, second = factories.group(name="Umbrella One"), factories.group(name="Umbrella Two")
    member = factories.group(name="Liwa 99", parent=first)
    strike = factories.incident(title="Rocket attack", status=Status.PUBLISHED)
    Participation.objects.create(incident=strike, group=member, role=ParticipationRole.PERPETRATOR)
    moment = timezone.now()
    member.parent = second
    member.save()

    def figures(group) -> str:
        page = _page(client, reverse("incidents:group-detail", args=[group.pk]) + f"?{_at(moment)}")
        return re.search(r"As perpetrator: <a [^>]*><strong>(\d+)</strong>", page).group(1)

    assert (figures(first), figures(second)) == ("1", "0")


def test_a_claimant_deleted_since_leaves_the_incidents_page_at_a_moment_readable(client):
    strike = factories.incident(title="Drone strike", status=Status.PUBLISHED)
    spokesman = factories.person(name="A spokesman deleted later")
    factories.claim(strike, claimant_person=spokesman, killed_min=2, killed_max=2)
    moment = timezone.now()
    spokesman.delete()  # the claim's claimant_person is set to null, with no history row
    page = _page(client, reverse("incidents:detail", args=[strike.public_id]) + f"?{_at(moment)}")
    assert "Drone strike" in page


def test_a_moment_out_of_range_is_a_bad_value(client):
    for url in (GROUPS, PEOPLE, reverse("incidents:list")):
        response = client.get(f"{url}?as_of=0001-01-01T00:00%2B05:00")
        assert response.status_code == 400, url
