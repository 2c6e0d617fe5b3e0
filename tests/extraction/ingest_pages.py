"""Driving the admin's ingest pages in tests: paste a report, open its review, submit the review as rendered."""

import datetime

from django.urls import reverse

from incidents.demo import REPORT_FILE
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

SEED_TEXT = REPORT_FILE.read_text(encoding="utf-8")
START = "admin:incidents_report_ingest"


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
