"""Pasting or uploading a news report in the admin: the review beside the highlighted text, form errors."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from extraction.admin.pending import SESSION_KEY
from incidents.demo import STRIKE_ID
from incidents.models import Incident, Report
from tests.extraction.ingest_pages import SEED_TEXT, START, form_index, paste, review_of

pytestmark = pytest.mark.django_db


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
