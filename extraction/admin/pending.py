"""Reports waiting in the session between the ingest pages: the text, its proposal and the report's fields."""

import datetime
import secrets

from django.http import Http404

from incidents.models import Report, Source

SESSION_KEY = "ingest_pending"
# Reports waiting for review per session; an abandoned one drops out as new ones come.
PENDING_KEPT = 3


def remember(request, pending: dict) -> str:
    token = secrets.token_urlsafe(12)
    kept = request.session.get(SESSION_KEY, {})
    kept = dict(list(kept.items())[-(PENDING_KEPT - 1) :])
    kept[token] = pending
    request.session[SESSION_KEY] = kept
    return token


def recall(request, token: str) -> dict:
    pending = request.session.get(SESSION_KEY, {}).get(token)
    if pending is None:
        raise Http404("This report is no longer waiting for review: paste or upload it again.")
    return pending


def forget(request, token: str):
    kept = request.session.get(SESSION_KEY, {})
    kept.pop(token, None)
    request.session[SESSION_KEY] = kept


def report_from(pending: dict) -> Report:
    saved = pending["report"]
    if saved["id"] is not None:
        report = Report.objects.select_related("source").filter(pk=saved["id"]).first()
        if report is None:
            raise Http404("The report was deleted meanwhile.")
        return report
    source = Source.objects.filter(pk=saved["source_id"]).first() if saved["source_id"] else None
    return Report(
        source=source or Source(name=saved["source_name"], kind=saved["source_kind"]),
        title=saved["title"],
        url=saved["url"],
        published_on=datetime.date.fromisoformat(saved["published_on"]),
        language=saved["language"],
    )
