"""The admin pages ingesting a news report: paste or upload, review beside the highlighted text, confirm."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from extraction.admin.highlight import highlight
from extraction.admin.pending import PENDING_KEPT, SESSION_KEY
from geo.models import Place
from incidents.demo import REPORT_FILE, STRIKE_ID, load_demo
from incidents.models import (
    ArmedGroup,
    Casualty,
    CasualtyClaim,
    Incident,
    IncidentLink,
    Participation,
    Person,
    Report,
    Source,
    Statement,
)
from incidents.models.choices import CasualtyCategory, Status
from incidents.roles import CONTRIBUTORS, EDITORS
from tests import factories

pytestmark = pytest.mark.django_db

SEED_TEXT = REPORT_FILE.read_text(encoding="utf-8")
START = "admin:incidents_report_ingest"
HOSTILE = (
    "date 2024-02-01\n"
    "Title: <img src=x onerror=alert(1)>\n\n"
    "BAGHDAD, Feb 1 (Reuters) - A drone strike hit a car in Baghdad on Thursday, police said. "
    '<script>alert(1)</script> "We will respond to this <svg onload=alert(2)> aggression," a militia commander said.\n'
)
WRITTEN = [
    Source,
    Report,
    Incident,
    Participation,
    CasualtyClaim,
    Casualty,
    Statement,
    IncidentLink,
    ArmedGroup,
    Person,
]


@pytest.fixture
def contributor(django_user_model):
    return factories.staff_user("carol", CONTRIBUTORS)


@pytest.fixture
def client_c(contributor):
    return factories.logged_in(contributor)


@pytest.fixture
def editor(django_user_model):
    return factories.staff_user("erin", EDITORS)


@pytest.fixture
def client_e(editor):
    return factories.logged_in(editor)


@pytest.fixture
def demo(db):
    load_demo()


def counts():
    return {model.__name__: model.objects.count() for model in WRITTEN}


def paste(client, text=SEED_TEXT, **fields):
    # The demo holds the seed report already: these tests ingest it again as another report.
    data = {
        "text": text,
        "source_name": "Reuters",
        "source_kind": "news_agency",
        "language": "en",
        "different_report": "on",
        **fields,
    }
    return client.post(reverse(START), data)


def review_of(client, **fields):
    response = paste(client, **fields)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return response["Location"], client.get(response["Location"])


def _encode(value):
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def post_data(review) -> dict:
    """What the review page's form submits as rendered (every proposal item as proposed)."""
    data = {}
    formsets = [(formset.management_form, *formset.forms) for formset in review.formsets]
    for form in [review.target, review.incident, *(form for group in formsets for form in group)]:
        for bound in form:
            value = _encode(bound.value())
            if value is not None:
                data[bound.html_name] = value
    return data


def form_index(review, formset, **match):
    for index, form in enumerate(getattr(review, formset)):
        if all(form.initial.get(name) == value for name, value in match.items()):
            return index
    raise LookupError(match)


# Who may ingest -------------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(reverse(START))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    response = client.post(reverse(START), {"text": SEED_TEXT})
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    assert Report.objects.count() == 0


def test_non_staff_users_are_refused(django_user_model):
    user = factories.staff_user("mallory", CONTRIBUTORS, is_staff=False)
    response = factories.logged_in(user).get(reverse(START))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_staff_without_the_add_permissions_are_refused(django_user_model):
    response = factories.logged_in(factories.staff_user("viewer")).get(reverse(START))
    assert response.status_code == 403


@pytest.mark.parametrize("role", [CONTRIBUTORS, EDITORS])
def test_contributors_and_editors_may_ingest(django_user_model, role):
    client = factories.logged_in(factories.staff_user("someone", role))
    assert client.get(reverse(START)).status_code == 200
    changelist = client.get(reverse("admin:incidents_report_changelist")).content.decode()
    assert reverse(START) in changelist


def test_someone_elses_review_is_not_found(demo, client_c, django_user_model):
    location, _ = review_of(client_c)
    other = factories.logged_in(factories.staff_user("dave", CONTRIBUTORS))
    assert other.get(location).status_code == 404


# Paste and extract ----------------------------------------------------------------------------


def test_extract_shows_the_text_highlighted_beside_the_proposal(demo, client_c):
    _, response = review_of(client_c)
    html = response.content.decode()
    assert response.status_code == 200
    nujaba = 'data-items="g1" data-starts="g1" title="Harakat al-Nujaba (armed group)">Harakat al Nujaba</mark>'
    assert '<mark class="hl hl-group" ' + nujaba in html
    assert 'data-items="d0" data-starts="d0" title="incident date 2024-01-04 (date)">Thursday</mark>' in html
    assert '<span class="ingest-anchor" id="at-c2"></span>' in html
    assert 'href="#at-c2" data-item="c2"' in html
    assert 'id="ingest-items" type="application/json"' in html
    review = response.context["review"]
    incident = review.incident
    assert incident["start_date"].value() == datetime.date(2024, 1, 4)
    assert incident["time_utc"].value() == datetime.time(9, 0)
    assert incident["admin_area"].value() is not None
    police = form_index(review, "claims", claimant="Police and militia sources")
    assert review.claims[police]["killed_max"].value() == 4
    # The held strike is the same event: it is offered as a possible duplicate, in one click.
    strike = Incident.objects.get(public_id=STRIKE_ID)
    assert f'name="attach_to" value="{strike.pk}:{strike.version}"' in html
    assert "<script>" not in html.split("</header>")[-1].replace('<script src="', "")


def test_the_review_page_runs_a_bounded_number_of_queries(demo, client_c, django_assert_max_num_queries):
    location, _ = review_of(client_c)
    # Session, user, permissions, the labels for the item choices, one query per kind of chosen object,
    # the place, governorates, countries, possible duplicates and link suggestions: none per item.
    with django_assert_max_num_queries(20):
        assert client_c.get(location).status_code == 200


def test_the_header_fills_the_date_title_outlet_and_url(demo, client_c):
    text = (
        "date 2024-03-02\nTitle: Rockets hit Ain al-Asad\nOutlet: Agence Test\nURL: https://example.org/a\n\n"
        "Rockets hit Ain al-Asad air base on Friday, officials said."
    )
    response = client_c.post(reverse(START), {"text": text, "source_kind": "news_outlet", "language": "en"})
    assert response.status_code == 302
    report = client_c.get(response["Location"]).context["report"]
    assert (report.title, report.url, report.published_on) == (
        "Rockets hit Ain al-Asad",
        "https://example.org/a",
        datetime.date(2024, 3, 2),
    )
    assert report.source.pk is None and report.source.name == "Agence Test"


def test_a_report_without_a_date_anywhere_is_a_form_error(client_c):
    response = paste(client_c, text="A drone struck a car in Baghdad on Thursday, police said.")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "gives no publication date" in errors["published_on"][0]
    assert Report.objects.count() == 0


def test_the_date_field_supplies_a_missing_date(client_c):
    response = paste(client_c, text="A drone struck a car in Baghdad on Thursday.", published_on="2024-01-05")
    assert response.status_code == 302


def test_an_outlet_is_required(client_c):
    response = paste(client_c, source_name="")
    assert "names no outlet" in response.context["form"].errors["source"][0]
    # The header's date is kept in the form shown again.
    assert response.context["form"]["published_on"].value() == "2024-01-05"


def test_a_text_too_long_for_a_report_is_a_form_error(client_c):
    response = paste(client_c, text="date 2024-01-05 " + "word " * 50_000)
    assert response.status_code == 200
    assert "at most 200,000 are accepted" in response.context["form"].errors["text"][0]


def test_an_empty_form_asks_for_the_text(client_c):
    response = paste(client_c, text="   ")
    assert "Paste the report" in response.context["form"].errors["text"][0]


# Uploads --------------------------------------------------------------------------------------


def upload(client, name, content, **fields):
    data = {
        "file": SimpleUploadedFile(name, content),
        "source_name": "Reuters",
        "source_kind": "news_agency",
        "different_report": "on",
    }
    return client.post(reverse(START), {"language": "en", **data, **fields})


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"%PDF-1.4 date 2024-01-05", "Only plain-text .txt files are accepted"),
        ("report.html", b"date 2024-01-05 <b>hi</b>", "Only plain-text .txt files are accepted"),
        ("big.txt", b"date 2024-01-05 " + b"x" * (1024 * 1024), "at most 1 MB is accepted"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This file cannot be read"),
        ("odd.txt", b"date 2024-01-05 \x81\x8d\x8f\x90\x9d", "This file cannot be read"),
    ],
    ids=["pdf", "html", "over-1-mb", "binary", "undecodable"],
)
def test_bad_uploads_are_refused_with_a_message(client_c, name, content, message):
    response = upload(client_c, name, content)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert not client_c.session.get(SESSION_KEY)


@pytest.mark.parametrize(
    "content",
    [SEED_TEXT.encode("utf-8"), b"\xef\xbb\xbf" + SEED_TEXT.encode("utf-8"), SEED_TEXT.encode("cp1252")],
    ids=["utf-8", "utf-8-bom", "windows-1252"],
)
def test_text_files_are_read_in_each_accepted_encoding(demo, client_c, content):
    response = upload(client_c, "Report.TXT", content)
    assert response.status_code == 302
    review = client_c.get(response["Location"])
    assert "Mushtaq Jawad Kazim al Jawari" in review.content.decode()


def test_a_windows_1252_curly_quote_is_read_as_one(demo, client_c):
    text = "date 2024-01-05\n\nA drone struck in Baghdad on Thursday. \x93We will respond,\x94 a commander said."
    response = upload(client_c, "quotes.txt", text.encode("latin-1"))
    review = client_c.get(response["Location"])
    assert "“We will respond,”" in review.content.decode()


def test_both_a_paste_and_a_file_is_refused(client_c):
    response = upload(client_c, "seed.txt", SEED_TEXT.encode(), text=SEED_TEXT)
    assert "not both" in response.context["form"].errors["file"][0]


# Hostile text ---------------------------------------------------------------------------------


def test_hostile_text_is_shown_escaped_on_the_review_page(demo, client_c):
    _, response = review_of(client_c, text=HOSTILE)
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<svg onload" not in html and "&lt;svg onload=alert(2)&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_hostile_text_is_escaped_when_the_paste_form_is_shown_again(client_c):
    response = paste(client_c, text=HOSTILE.replace("date 2024-02-01", ""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_highlight_escapes_inside_and_outside_marks():
    html = highlight("a <b> c <i>", [("g0", "group", "<x>", 2, 5)])
    assert html == (
        'a <span class="ingest-anchor" id="at-g0"></span>'
        '<mark class="hl hl-group" data-items="g0" data-starts="g0" title="&lt;x&gt; (armed group)">&lt;b&gt;</mark>'
        " c &lt;i&gt;"
    )


def test_overlapping_spans_mark_each_piece_once_with_the_narrowest_colour():
    html = highlight("one two three", [("s0", "statement", "q", 0, 13), ("g0", "group", "G", 4, 7)])
    piece = 'data-items="g0 s0" data-starts="g0" title="G (armed group); q (quotation)">two</mark>'
    assert '<mark class="hl hl-group" ' + piece in html
    assert html.count("<mark") == 3
    # One anchor per item, where it is first named.
    assert html.startswith('<span class="ingest-anchor" id="at-s0"></span><mark class="hl hl-statement"')
    assert html.count('id="at-g0"') == 1


def test_an_item_is_anchored_at_its_own_mention_not_at_the_words_around_it():
    html = highlight("Ryder said: strike", [("s0", "speaker", "R", 0, 5), ("s0", "statement", "q", 12, 18)])
    assert 'id="at-s0"></span><mark class="hl hl-statement" data-items="s0" data-starts="s0"' in html


def test_spans_outside_the_text_are_ignored():
    assert highlight("abc", [("g0", "group", "G", 5, 9), ("g1", "group", "G", 2, 1)]) == "abc"


# Review and confirm ---------------------------------------------------------------------------


def test_correcting_one_claim_and_confirming_creates_the_records(demo, client_c, contributor):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    police = form_index(review, "claims", claimant="Police and militia sources")
    data[f"claims-{police}-killed_max"] = "5"
    before = Incident.objects.count()

    response = client_c.post(location, data)

    assert response.status_code == 302, response.context["review"].error_count()
    incident = Incident.objects.exclude(public_id__startswith="INC-SEED").get()
    assert Incident.objects.count() == before + 1
    assert response["Location"] == reverse("admin:incidents_incident_change", args=[incident.pk])
    assert incident.status == Status.DRAFT and incident.created_by == contributor
    report = Report.objects.get(title__startswith="The U.S. military launched")
    assert report.ingested_by == contributor and report.source.name == "Reuters"
    claims = {(c.claimant, c.category): (c.killed_min, c.killed_max) for c in incident.claims.all()}
    assert claims == {
        ("the Pentagon", CasualtyCategory.COMBATANTS): (2, 2),
        ("the Pentagon", CasualtyCategory.CIVILIANS): (0, 0),
        ("Police and militia sources", CasualtyCategory.ALL): (4, 5),
    }
    assert (incident.killed_low, incident.killed_high, incident.contested) == (2, 5, True)
    assert incident.casualties.get().person.name == "Mushtaq Jawad Kazim al-Jawari"
    assert Statement.objects.filter(incidents=incident, report=report).count() == 3
    assert {p.group.name for p in incident.participations.all()} == {"United States Armed Forces", "Harakat al-Nujaba"}
    assert not client_c.session[SESSION_KEY]

    page = client_c.get(response["Location"])
    assert "Created draft" in page.content.decode() and "Police and militia sources" in page.content.decode()


def test_the_draft_can_follow_up_last_months_strikes(demo, client_c):
    location, response = review_of(client_c)
    review = response.context["review"]
    december = Incident.objects.get(public_id="INC-SEED0002")
    data = post_data(review)
    data[f"links-{form_index(review, 'links', to_incident=december.pk)}-include"] = "on"
    assert client_c.post(location, data).status_code == 302
    link = IncidentLink.objects.get(to_incident=december, report__title__startswith="The U.S. military launched")
    assert link.kind == "follow_up_to" and link.from_incident.status == Status.DRAFT


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("killed_max", "1", "The maximum (1) is below the minimum (4)."),
        ("killed_min", "many", "Enter a whole number."),
        ("killed_min", "-2", "greater than or equal to 0"),
        ("killed_min", "", "Give the minimum too"),
        ("claimant", "", "Say who gives these figures."),
    ],
)
def test_bad_corrections_are_form_errors_and_nothing_is_saved(demo, client_c, field, value, message):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    data[f"claims-{form_index(review, 'claims', claimant='Police and militia sources')}-{field}"] = value
    before = counts()
    response = client_c.post(location, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Nothing was saved" in response.content.decode()
    assert counts() == before


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31"])
def test_a_date_no_incident_can_have_is_a_form_error_even_beside_other_errors(demo, client_c, day):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    data["incident-start_date"] = day
    data[f"claims-{form_index(review, 'claims', claimant='Police and militia sources')}-killed_min"] = "many"
    before = counts()
    response = client_c.post(location, data)
    assert response.status_code == 200
    assert "is outside the dates incidents can have" in response.content.decode()
    assert counts() == before


def test_a_kept_claim_citing_a_discarded_person_is_an_error(demo, client_c):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    ryder = Person.objects.get(name="Patrick Ryder")
    data.pop(f"people-{form_index(review, 'people', person=ryder.pk)}-include")
    response = client_c.post(location, data)
    assert response.status_code == 200
    assert "“Patrick Ryder” is not kept above" in response.content.decode()


def test_a_new_group_named_like_a_held_one_is_refused(demo, client_c):
    location, response = review_of(client_c)
    review = response.context["review"]
    data = post_data(review)
    index = form_index(review, "groups", group=ArmedGroup.objects.get(name="Harakat al-Nujaba").pk)
    data[f"groups-{index}-group"] = ""
    data[f"groups-{index}-name"] = "harakat al-nujaba"
    response = client_c.post(location, data)
    assert "is held already" in response.content.decode()


def test_the_sub_event_type_must_belong_to_the_event_type(demo, client_c):
    location, response = review_of(client_c)
    data = post_data(response.context["review"])
    data["incident-sub_event_type"] = "armed_clash"
    response = client_c.post(location, data)
    assert response.status_code == 200 and "is not a sub-event type of" in response.content.decode()


def test_choosing_another_place_moves_the_point_and_the_governorate_with_it(demo, client_c):
    location, response = review_of(client_c)
    erbil = Place.objects.filter(name="Erbil", kind="populated_place").get()
    data = post_data(response.context["review"]) | {"incident-place": str(erbil.pk), "incident-place_name": "Erbil"}
    assert client_c.post(location, data).status_code == 302
    incident = Incident.objects.exclude(public_id__startswith="INC-SEED").get()
    assert (incident.latitude, incident.longitude) == (erbil.latitude, erbil.longitude)
    assert incident.admin_area.iso_code == "IQ-AR" and incident.country.iso2 == "IQ"


def test_attach_to_a_possible_duplicate_in_one_click(demo, client_e, editor):
    location, response = review_of(client_e)
    strike = Incident.objects.get(public_id=STRIKE_ID)
    claims_before = strike.claims.count()
    data = post_data(response.context["review"]) | {"attach_to": f"{strike.pk}:{strike.version}"}
    incidents_before = Incident.objects.count()

    response = client_e.post(location, data)

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:incidents_incident_change", args=[strike.pk])
    strike.refresh_from_db()
    assert Incident.objects.count() == incidents_before
    assert strike.claims.count() == claims_before + 3
    assert strike.changed_by == editor and strike.status == Status.PUBLISHED


def test_attaching_to_a_changed_incident_is_refused_with_a_message(demo, client_e):
    location, response = review_of(client_e)
    strike = Incident.objects.get(public_id=STRIKE_ID)
    seen = strike.version
    Incident.objects.filter(pk=strike.pk).update(version=seen + 1)
    before = counts()

    response = client_e.post(location, post_data(response.context["review"]) | {"attach_to": f"{strike.pk}:{seen}"})

    assert response.status_code == 200
    assert "was changed by someone else" in response.content.decode()
    assert counts() == before
    # Confirming again, now against the version the message reported, goes through.
    assert response.context["review"].target["version"].value() == seen + 1
    response = client_e.post(location, post_data(response.context["review"]))
    assert response.status_code == 302 and Incident.objects.get(pk=strike.pk).version == seen + 2


def test_attach_to_an_incident_picked_by_hand(demo, client_e):
    location, response = review_of(client_e)
    december = Incident.objects.get(public_id="INC-SEED0003")
    data = post_data(response.context["review"]) | {"target-choice": "existing", "target-incident": str(december.pk)}
    assert client_e.post(location, data).status_code == 302
    assert december.claims.filter(claimant="Police and militia sources").exists()


def test_contributors_cannot_add_to_a_published_incident(demo, client_c):
    location, response = review_of(client_c)
    strike = Incident.objects.get(public_id=STRIKE_ID)
    before = counts()
    response = client_c.post(
        location, post_data(response.context["review"]) | {"attach_to": f"{strike.pk}:{strike.version}"}
    )
    assert response.status_code == 200
    assert "Only editors add to a published or retracted incident" in response.content.decode()
    assert counts() == before


def test_the_same_report_cannot_be_ingested_twice_unless_it_is_another(demo, client_c):
    held = Report.objects.get(title__startswith="U.S. strike")
    response = paste(client_c, different_report="")
    assert response.status_code == 200
    assert "This report is already held" in response.content.decode()
    assert reverse("admin:incidents_report_change", args=[held.pk]) in response.content.decode()
    # The same address with another text is the same article too.
    Report.objects.filter(pk=held.pk).update(url="https://example.org/strike")
    other_text = SEED_TEXT.replace("Thursday", "Friday")
    response = paste(client_c, text=other_text, url="https://example.org/strike/", different_report="")
    assert "This report is already held" in response.content.decode()
    # The editor says it is another report: it goes on to the review.
    assert paste(client_c).status_code == 302


def test_choosing_to_attach_without_an_incident_is_an_error(demo, client_c):
    location, response = review_of(client_c)
    data = post_data(response.context["review"]) | {"target-choice": "existing"}
    response = client_c.post(location, data)
    assert "Choose the incident to add the report" in response.content.decode()


def test_staff_who_may_not_change_incidents_cannot_attach(demo, django_user_model):
    user = factories.staff_user("adder")
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["add_report", "add_incident", "view_incident", "view_report"])
    )
    client = factories.logged_in(user)
    location, response = review_of(client)
    strike = Incident.objects.get(public_id=STRIKE_ID)
    before = counts()
    response = client.post(
        location, post_data(response.context["review"]) | {"attach_to": f"{strike.pk}:{strike.version}"}
    )
    assert response.status_code == 200
    assert "You may not change incidents held" in response.content.decode()
    assert counts() == before


def test_a_saved_report_can_be_reviewed_and_cited(demo, client_c):
    report = Report.objects.get(source__name="Reuters", published_on=datetime.date(2024, 1, 5))
    page = client_c.get(reverse("admin:incidents_report_change", args=[report.pk])).content.decode()
    start = reverse("admin:incidents_report_ingest_existing", args=[report.pk])
    assert start in page
    response = client_c.get(start)
    assert response.status_code == 302
    review = client_c.get(response["Location"]).context["review"]
    reports_before = Report.objects.count()
    assert client_c.post(response["Location"], post_data(review)).status_code == 302
    assert Report.objects.count() == reports_before
    incident = Incident.objects.exclude(public_id__startswith="INC-SEED").get()
    assert {c.report_id for c in incident.claims.all()} == {report.pk}


def test_only_the_latest_reviews_wait_in_the_session(demo, client_c):
    locations = [review_of(client_c)[0] for _ in range(PENDING_KEPT + 1)]
    assert len(client_c.session[SESSION_KEY]) == PENDING_KEPT
    assert client_c.get(locations[0]).status_code == 404
    assert client_c.get(locations[-1]).status_code == 200
