"""The researchers' pages: what they show, who sees drafts, bad filters, and bounded queries."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incidents.demo import STRIKE_ID
from incidents.models import ArmedGroup, Incident, Participation, Person, Statement
from incidents.models.choices import ParticipationRole, Status
from incidents.paging import CappedPaginator
from tests import factories

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.IGNORECASE)


@pytest.fixture
def demo(db):
    call_command("load_demo")


def nujaba():
    return ArmedGroup.objects.get(name="Harakat al-Nujaba")


def page_urls():
    return [
        reverse("incidents:list"),
        reverse("incidents:detail", args=[STRIKE_ID]),
        reverse("incidents:group-list"),
        reverse("incidents:group-detail", args=[nujaba().pk]),
        reverse("incidents:person-list"),
        reverse("incidents:person-detail", args=[Person.objects.get(name="Patrick Ryder").pk]),
        reverse("incidents:statement-list"),
        reverse("incidents:about"),
        reverse("trends:trends"),
    ]


def test_every_page_renders_with_credits_and_no_inline_script(client, demo):
    for url in page_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert "Natural Earth" in html and "GeoNames" in html and "UCDP" in html, url
        assert "CC BY 4.0" in html, url


def test_pages_and_downloads_answer_get_and_head_and_refuse_other_methods(client, demo):
    """Reading is all they do: HEAD answers as GET does without the body; POST, PUT, DELETE,
    OPTIONS and TRACE are refused with 405 and the methods allowed, not answered with the page."""
    downloads = [
        reverse("maps:map"),
        reverse("incidents:export-csv"),
        reverse("incidents:export-geojson"),
        reverse("incidents:export-acled"),
        reverse("incidents:export-ucdp"),
        reverse("geo:boundaries"),
        reverse("api:docs"),
        reverse("trends:csv"),
    ]
    for url in page_urls() + downloads:
        assert client.head(url).status_code == 200, url
        for method in ("post", "put", "delete", "options", "trace"):
            response = getattr(client, method)(url)
            assert response.status_code == 405, (method, url)
            assert response["Allow"] == "GET, HEAD", (method, url)


@pytest.mark.parametrize(
    ("url_name", "query", "says"),
    [
        ("incidents:list", "q=nothing+is+called+this", "No incident matches these filters."),
        ("incidents:group-list", "q=nothing+is+called+this", "No group matches."),
        ("incidents:person-list", "q=nothing+is+called+this", "No one matches."),
        ("incidents:statement-list", "q=nothing+is+called+this", "No statement matches these filters."),
    ],
)
def test_a_list_nothing_matches_says_so(client, demo, url_name, query, says):
    """An empty page is still a page: the count (0) and the empty row show, not a blank."""
    html = client.get(f"{reverse(url_name)}?{query}").content.decode()
    assert re.search(r"<strong>0</strong>", html)
    assert says in html


def test_the_people_list_labels_its_group_filter_as_the_other_lists_do(client, demo):
    html = client.get(reverse("incidents:person-list")).content.decode()
    assert '<label for="id_group">Armed group</label>' in html


def test_the_list_links_its_own_view_on_the_map_and_as_trends(client, demo):
    html = client.get(reverse("incidents:list"), {"q": "Nujaba", "event_type": "remote_violence"}).content.decode()

    links = {text: href.replace("&amp;", "&") for href, text in re.findall(r'<a href="([^"]*)">([^<]+)</a>', html)}
    assert links["Show on the map"] == "/?q=Nujaba&event_type=remote_violence"
    assert links["Show as trends"] == "/trends/?q=Nujaba&event_type=remote_violence"


def test_incident_page_shows_both_accounts_side_by_side(client, demo):
    html = client.get(reverse("incidents:detail", args=[STRIKE_ID])).content.decode()
    assert "the Pentagon (Patrick Ryder)" in html
    assert "Iraqi police and militia sources (toll confirmed by health sources)" in html
    assert "<strong>2 killed</strong> in all" in html and "<strong>4 killed</strong> in all" in html
    assert (
        "Sources disagree: 2 killed according to the Pentagon (Patrick Ryder); 4 killed according to Iraqi police "
        "and militia sources (toll confirmed by health sources)." in html
    )
    assert " says " not in html.split('class="disagreement"')[1].split("</p>")[0]
    assert "2–4" in html and "best estimate 2" in html
    assert "No civilians were harmed." in html
    assert "Mushtaq Jawad Kazim al-Jawari" in html


def test_incident_page_shows_statements_chain_sources_and_citation(client, demo):
    html = client.get(reverse("incidents:detail", args=[STRIKE_ID])).content.decode()
    assert html.count('class="statement"') == 4
    for stance in ["Confirms", "Justifies", "Condemns", "Threatens retaliation"]:
        assert stance in html
    assert "Escalation chain" in html and "follow-up to" in html and "retaliation for" in html
    assert "December 2023" in html
    assert "Reuters (news agency), 2024-01-05" in html
    assert f"http://testserver/incidents/{STRIKE_ID}/" in html
    assert "accessed" in html and "Last changed" in html
    assert 'id="incident-map-data"' in html and "about 09:00 UTC" in html


def test_drafts_are_hidden_from_the_public_and_marked_for_staff(staff_client):
    public = Client()
    draft = factories.incident(title="Unverified strike", status="draft")
    url = reverse("incidents:detail", args=[draft.public_id])
    assert public.get(url).status_code == 404
    assert "Unverified strike" not in public.get(reverse("incidents:list")).content.decode()
    staff_html = staff_client.get(url).content.decode()
    assert "badge-draft" in staff_html
    assert "Unverified strike" in staff_client.get(reverse("incidents:list")).content.decode()


def test_list_filtered_by_nujaba_as_target_leaves_the_seed_strike(client, demo):
    response = client.get(reverse("incidents:list"), {"group": nujaba().pk, "role": "target"})
    html = response.content.decode()
    assert "<strong>1</strong> incident match" in html
    assert STRIKE_ID in html
    assert f"export.csv?group={nujaba().pk}&amp;role=target" in html
    assert f"export.geojson?group={nujaba().pk}&amp;role=target" in html


@pytest.mark.parametrize(
    ("url_name", "query", "param"),
    [
        ("incidents:list", "date_from=yesterday", "date_from"),
        ("incidents:list", "country=XX&killed_min=-3", "killed_min"),
        ("incidents:list", "bbox=1,2", "bbox"),
        ("incidents:group-list", "kind=gang", "kind"),
        ("incidents:person-list", "group=abc", "group"),
        ("incidents:statement-list", "stance=shrugs", "stance"),
        ("incidents:statement-list", "date_from=%27%20OR%201=1--", "date_from"),
    ],
)
def test_bad_filters_give_400_naming_the_parameter(client, url_name, query, param):
    response = client.get(f"{reverse(url_name)}?{query}")
    assert response.status_code == 400
    assert f"<code>{param}</code>" in response.content.decode()


def test_page_numbers_out_of_range_or_garbage_do_not_fail(client, demo):
    for page in ["abc", "0", "-1", "999999", "1e9"]:
        assert client.get(reverse("incidents:list"), {"page": page}).status_code == 200


def test_list_counts_to_a_horizon_and_pages_on_past_it(client, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 60)
    Incident.objects.bulk_create(
        Incident(title=f"Incident {i}", start_date=datetime.date(2024, 1, 1), event_type="battles", status="published")
        for i in range(120)
    )
    url = reverse("incidents:list")

    html = client.get(url).content.decode()
    assert "More than <strong>60</strong> incidents match" in html
    assert "Page 1 of 2 or more" in html and 'rel="next"' in html
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page": 2})
    html = response.content.decode()
    # Counted once, to the end of page 2: the "next" link needs no second count.
    assert sum("COUNT(" in q["sql"] for q in queries.captured_queries) == 1
    assert "More than <strong>100</strong> incidents match" in html
    assert "Page 2 of 3 or more" in html and 'rel="next"' in html and 'rel="prev"' in html
    assert len(response.context["page"]) == 50
    # The end of page 3 lies past the last match: the count is exact there.
    html = client.get(url, {"page": 3}).content.decode()
    assert "<strong>120</strong> incidents match" in html
    assert "Page 3 of 3<" in html and 'rel="next"' not in html
    assert client.get(url, {"page": 999}).context["page"].number == 3
    assert client.get(url, {"page": 0}).context["page"].number == 1
    assert client.get(url, {"page": 10**30}).context["page"].number == 3


def test_unknown_incident_id_is_404(client):
    assert client.get(reverse("incidents:detail", args=["INC-NOSUCH00"])).status_code == 404
    assert client.get(reverse("incidents:group-detail", args=[999999])).status_code == 404


def test_group_page_shows_names_right_to_left_members_and_counts(client, demo):
    group = nujaba()
    umbrella = group.parent  # the actor catalogue's umbrella, which the demo loads
    assert umbrella.name == "Islamic Resistance in Iraq"
    html = client.get(reverse("incidents:group-detail", args=[group.pk])).content.decode()
    assert '<p class="arabic-name" lang="ar" dir="rtl">حركة النجباء</p>' in html
    assert "Islamic Resistance in Iraq" in html
    assert "Harakat al Nujaba" in html  # an alias
    assert "Mushtaq Jawad Kazim al-Jawari" in html
    umbrella_html = client.get(reverse("incidents:group-detail", args=[umbrella.pk])).content.decode()
    # The umbrella's counts include its member's incidents.
    assert 'as target: <a href="/incidents/?group=' in umbrella_html
    assert "<strong>1</strong></a>" in umbrella_html


def _role(incident, group, *roles):
    for role in roles:
        Participation.objects.create(incident=incident, group=group, role=role)


def test_group_page_counts_each_visible_incident_once_per_figure(staff_client):
    # staff_client logs in the `client` fixture itself, so the public needs a client of its own.
    client = Client()
    umbrella = factories.group()
    member = factories.group(parent=umbrella)
    other = factories.group()
    P, AP, T = ParticipationRole.PERPETRATOR, ParticipationRole.ASSOCIATED_PERPETRATOR, ParticipationRole.TARGET

    def published(day, **fields):
        return factories.incident(status="published", start_date=datetime.date(2024, *day), **fields)

    both_roles = published((1, 5))
    _role(both_roles, umbrella, P, T)
    _role(both_roles, member, AP)  # a second perpetrator participation of the family
    perpetrator_only = published((1, 20))
    _role(perpetrator_only, umbrella, P)
    _role(perpetrator_only, other, T)
    member_target = published((3, 2))
    _role(member_target, member, T)
    unrelated = published((3, 9))
    _role(unrelated, other, P)
    retracted = published((2, 1))
    _role(retracted, umbrella, P)
    Incident.objects.filter(pk=retracted.pk).update(status="retracted")
    merged = published((2, 3), merged_into=perpetrator_only)
    _role(merged, umbrella, T)
    draft = factories.incident(status="draft", start_date=datetime.date(2024, 2, 5))
    _role(draft, umbrella, P)

    url = reverse("incidents:group-detail", args=[umbrella.pk])
    ctx = client.get(url).context
    assert (ctx["perpetrator_count"], ctx["target_count"], ctx["involved_count"]) == (2, 2, 3)
    assert [(m["month"], m["n"]) for m in ctx["monthly"]] == [
        (datetime.date(2024, 1, 1), 2),
        (datetime.date(2024, 3, 1), 1),
    ]
    assert [i.public_id for i in ctx["recent"]] == [
        member_target.public_id,
        perpetrator_only.public_id,
        both_roles.public_id,
    ]
    # Staff also see drafts and retractions (as before); merged duplicates are nobody's.
    ctx = staff_client.get(url).context
    assert (ctx["perpetrator_count"], ctx["target_count"], ctx["involved_count"]) == (4, 2, 5)
    assert sum(m["n"] for m in ctx["monthly"]) == 5
    # The member's page counts its own participations only.
    ctx = client.get(reverse("incidents:group-detail", args=[member.pk])).context
    assert (ctx["perpetrator_count"], ctx["target_count"], ctx["involved_count"]) == (1, 1, 2)


def test_statements_page_links_each_statement_to_its_incidents(client, demo):
    html = client.get(reverse("incidents:statement-list"), {"stance": "threatens"}).content.decode()
    assert "We will retaliate" in html and "unjustified attack" not in html
    assert f'href="/incidents/{STRIKE_ID}/"' in html


def test_person_page_shows_roles_statements_and_casualty(client, demo):
    target = Person.objects.get(name="Mushtaq Jawad Kazim al-Jawari")
    html = client.get(reverse("incidents:person-detail", args=[target.pk])).content.decode()
    assert "Killed in" in html and STRIKE_ID in html
    assert "leader of Harakat al Nujaba" in html
    ryder = Person.objects.get(name="Patrick Ryder")
    html = client.get(reverse("incidents:person-detail", args=[ryder.pk])).content.decode()
    assert html.count('class="statement"') == 2


def test_about_page_explains_the_toll_and_lists_codes(client):
    html = client.get(reverse("incidents:about")).content.decode()
    assert 'id="toll"' in html and "Contested" in html
    assert "Air/drone strike" in html and "<code>month</code>" in html


def _many_incidents(n):
    groups = [factories.group(), factories.group()]
    for i in range(n):
        incident = factories.incident(status="published", latitude=33.3 + i / 1000, longitude=44.4)
        Participation.objects.create(incident=incident, group=groups[0], role=ParticipationRole.PERPETRATOR)
        Participation.objects.create(incident=incident, group=groups[1], role=ParticipationRole.TARGET)
        factories.claim(incident, killed_min=1, killed_max=2)
        factories.statement(speaker=factories.person()).incidents.add(incident)
    return groups


@pytest.mark.parametrize("url_name", ["incidents:list", "incidents:statement-list", "incidents:group-list"])
def test_list_pages_use_a_bounded_number_of_queries(client, settings, django_assert_max_num_queries, url_name):
    settings.MAP_CACHE_SECONDS = 0  # the page's own queries; the group counts' cache has its own
    _many_incidents(3)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse(url_name))
    _many_incidents(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse(url_name))


def test_incident_and_group_pages_use_a_bounded_number_of_queries(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        client.get(reverse("incidents:detail", args=[STRIKE_ID]))
    groups = _many_incidents(30)
    with django_assert_max_num_queries(20):
        client.get(reverse("incidents:group-detail", args=[groups[0].pk]))
    incident = Incident.objects.filter(participations__group=groups[0]).first()
    with django_assert_max_num_queries(20):
        client.get(reverse("incidents:detail", args=[incident.public_id]))
    assert Statement.objects.count() > 30


def test_group_list_counts_each_groups_visible_incidents_by_role(staff_client, django_capture_on_commit_callbacks):
    client = Client()  # a researcher: staff_client logs in the shared `client`
    nujaba = factories.group(name="Harakat al-Nujaba")
    both = factories.incident(status=Status.PUBLISHED)
    Participation.objects.create(incident=both, group=nujaba, role=ParticipationRole.PERPETRATOR)
    Participation.objects.create(incident=both, group=nujaba, role=ParticipationRole.ASSOCIATED_PERPETRATOR)
    Participation.objects.create(incident=both, group=nujaba, role=ParticipationRole.TARGET)
    draft = factories.incident(status=Status.DRAFT)
    Participation.objects.create(incident=draft, group=nujaba, role=ParticipationRole.TARGET)

    def row(response):
        assert response.status_code == 200
        return [cells for cells in response.context["page"] if cells.pk == nujaba.pk][0]

    public = row(client.get(reverse("incidents:group-list")))
    assert (public.as_perpetrator, public.as_target) == (1, 1)
    staff = row(staff_client.get(reverse("incidents:group-list")))
    assert (staff.as_perpetrator, staff.as_target) == (1, 2)
    # Cached until an incident or participation changes.
    Incident.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)
    assert row(client.get(reverse("incidents:group-list"))).as_target == 1
    with django_capture_on_commit_callbacks(execute=True):  # the cache's version moves on at commit
        Participation.objects.create(incident=draft, group=nujaba, role=ParticipationRole.PERPETRATOR)
    public = row(client.get(reverse("incidents:group-list")))
    assert (public.as_perpetrator, public.as_target) == (2, 2)


def test_list_counts_are_written_with_thousands_separators(client):
    Incident.objects.bulk_create(
        Incident(title=f"Incident {i}", start_date=datetime.date(2024, 1, 1), event_type="battles", status="published")
        for i in range(1234)
    )
    html = client.get(reverse("incidents:list")).content.decode()
    assert "<strong>1,234</strong> incidents match" in html


@pytest.mark.django_db
def test_group_filters_are_labelled_in_words(client):
    page = client.get(reverse("incidents:group-list")).content.decode()
    labels = re.findall(r"<label[^>]*>([^<]+)</label>", page)
    assert "Country" in labels
    assert not [label for label in labels if "iso" in label.lower()]
