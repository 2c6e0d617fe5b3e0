"""Report and outlet URLs hold only what a URL may (incidents/models/sources.py): Django's URLField
takes any path without a space, so https://example.org/x"onmouseover="… was saved and then broke
the API's `format: uri`."""

import jsonschema_rs
import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from incidents.models import Report, Source
from incidents.models.choices import SourceKind
from incidents.models.sources import as_uri

pytestmark = pytest.mark.django_db

HOSTILE = 'https://example.org/x"onmouseover="alert(1)…'
REFUSED = [
    HOSTILE,
    "https://example.org/<script>",
    "https://example.org/a{b}",
    "https://example.org/a|b",
    "https://example.org/a\\b",
    "https://example.org/a^b",
    "https://example.org/a`b",
    "https://example.org/p?q=[1]",
    "https://ar.example.org/بغداد",
    "https://example.org/100%",
]
ACCEPTED = [
    "https://example.org/a",
    "https://example.org/world/2024/01/05/us-strike-baghdad/?utm_source=x&ref=y#top",
    "https://example.org/it's-here/(1)/*;a=b,c!",
    "https://ar.example.org/%D8%A8%D8%BA%D8%AF%D8%A7%D8%AF",
    "http://example.org:8080/~user/a%20b",
]
URI = jsonschema_rs.validator_for({"type": "string", "format": "uri"}, validate_formats=True)


@pytest.fixture
def source():
    return Source.objects.create(name="Reuters", kind=SourceKind.NEWS_AGENCY)


@pytest.mark.parametrize("url", REFUSED)
def test_the_models_refuse_characters_a_url_may_not_hold(source, url):
    report = Report(source=source, title="t", url=url, published_on="2024-01-05")
    with pytest.raises(ValidationError) as refused:
        report.full_clean()
    assert "a character a URL may not" in refused.value.message_dict["url"][-1]
    with pytest.raises(ValidationError):
        Source(name="Other", kind=SourceKind.NEWS_AGENCY, url=url[:200]).full_clean()


@pytest.mark.parametrize("url", ACCEPTED)
def test_the_models_accept_urls_and_the_api_format_holds_for_them(source, url):
    Report(source=source, title="t", url=url, published_on="2024-01-05").full_clean()
    Source(name="Other", kind=SourceKind.NEWS_AGENCY, url=url).full_clean()
    assert URI.is_valid(url)


def test_the_admin_refuses_the_url(source, staff_client, staff_user):
    response = staff_client.post(
        reverse("admin:incidents_source_add"), {"name": "Agence", "kind": SourceKind.NEWS_AGENCY, "url": HOSTILE}
    )
    assert response.status_code == 200
    assert "a character a URL may not" in str(response.context["adminform"].form.errors["url"])
    assert not Source.objects.filter(name="Agence").exists()

    request = RequestFactory().get("/")
    request.user = staff_user
    form_class = site._registry[Report].get_form(request)
    form = form_class(
        {"source": source.pk, "title": "t", "url": HOSTILE, "published_on": "2024-01-05", "language": "en"}
    )
    assert not form.is_valid()
    assert "a character a URL may not" in form.errors["url"][0]


def test_the_ingest_form_refuses_the_url(staff_client):
    start = reverse("admin:incidents_report_ingest")
    text = "date 2024-01-05\n\nA drone struck a car in Baghdad on Thursday, police said."
    fields = {"text": text, "source_name": "Reuters", "source_kind": "news_agency", "language": "en"}

    typed = staff_client.post(start, {**fields, "url": HOSTILE})
    assert "a character a URL may not" in typed.context["form"].errors["url"][0]

    in_the_header = staff_client.post(start, {**fields, "text": f"date 2024-01-05\nURL: {HOSTILE}\n\n{text[17:]}"})
    error = in_the_header.context["form"].errors["url"][0]
    assert "is not a web address" in error and "a character a URL may not" in error
    assert Report.objects.count() == 0


def test_the_api_sends_a_url_saved_before_the_check_encoded(source, client):
    # A row from before the validator (or written around it): the API still keeps to format: uri.
    report = Report.objects.create(source=source, title="t", url="https://example.org/a", published_on="2024-01-05")
    Report.objects.filter(pk=report.pk).update(url=HOSTILE)
    Source.objects.filter(pk=source.pk).update(url="https://example.org/a b")

    data = client.get(f"/api/v1/reports/{report.pk}/").json()

    assert data["url"] == "https://example.org/x%22onmouseover=%22alert(1)%E2%80%A6"
    assert data["source"]["url"] == "https://example.org/a%20b"
    assert URI.is_valid(data["url"]) and URI.is_valid(data["source"]["url"])
    listed = client.get("/api/v1/reports/").json()["results"]
    assert all(URI.is_valid(r["url"]) for r in listed if r["url"])


@pytest.mark.parametrize("url", REFUSED)
def test_encoding_makes_a_uri(url):
    assert URI.is_valid(as_uri(url))


def test_encoding_leaves_a_good_url_alone():
    assert [as_uri(url) for url in ACCEPTED] == ACCEPTED
