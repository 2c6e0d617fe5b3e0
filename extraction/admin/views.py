"""Staff pages turning a pasted or uploaded news report into a reviewed draft incident.

Under the report admin: paste or upload the text (report/ingest/), or start from a saved report
(report/<id>/ingest/); review the proposal beside the text with every match highlighted
(report/ingest/<token>/); confirm once. The text and the proposal wait in the session between the
steps (pending.py), so the lexicon is read once per report; everything staff may change is a form
field, validated by the forms (start_form.py, item_forms.py, review_forms.py), and
extraction.ingestion writes it all in one transaction.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render

from extraction.admin.highlight import highlight, highlight_spans, item_labels
from extraction.admin.pending import forget, recall, remember, report_from
from extraction.admin.review_forms import Review
from extraction.admin.start_form import MAX_UPLOAD_BYTES, StartForm
from extraction.extract import extract
from extraction.ingestion.duplicates import Duplicate, find_duplicates
from extraction.ingestion.propose import propose
from extraction.ingestion.save import ingest
from extraction.lexicon import build_lexicon
from extraction.proposal import ExtractionError
from incidents import locking
from incidents.admin.base import require_id
from incidents.models import Incident, Report
from incidents.models.choices import SUB_EVENT_TYPES


def _check_permission(request):
    if not (request.user.has_perm("incidents.add_report") and request.user.has_perm("incidents.add_incident")):
        raise PermissionDenied


def _context(request, title: str, **extra) -> dict:
    return {**admin.site.each_context(request), "title": title, "opts": Report._meta, **extra}


def start_view(request):
    """Paste or upload a report; "Extract" reads it and opens the review."""
    _check_permission(request)
    form = StartForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = extract(data["report_text"], build_lexicon(), publication_date=data["published_on"])
        except ExtractionError as error:
            form.add_error("text", f"This report cannot be read: {error}.")
        else:
            source = data["source"]
            token = remember(
                request,
                {
                    "text": data["report_text"],
                    "proposal": proposal.as_dict(),
                    "report": {
                        "id": None,
                        "source_id": source.pk,
                        "source_name": source.name,
                        "source_kind": source.kind,
                        "title": data["title"][:500],
                        "url": data["url"],
                        "published_on": data["published_on"].isoformat(),
                        "language": data["language"],
                    },
                },
            )
            return redirect("admin:incidents_report_ingest_review", token=token)
    return render(
        request,
        "extraction/start.html",
        _context(request, "Ingest a news report", form=form, max_upload_mb=MAX_UPLOAD_BYTES // (1024 * 1024)),
    )


def existing_report_view(request, object_id):
    """Review the proposal for a report already saved (its text and date as recorded)."""
    _check_permission(request)
    require_id(Report, object_id)
    report = get_object_or_404(Report, pk=object_id)
    try:
        proposal = extract(report.text, build_lexicon(), publication_date=report.published_on)
    except ExtractionError as error:
        messages.error(request, f"This report's text cannot be read: {error}.")
        return redirect("admin:incidents_report_change", report.pk)
    token = remember(request, {"text": report.text, "proposal": proposal.as_dict(), "report": {"id": report.pk}})
    return redirect("admin:incidents_report_ingest_review", token=token)


def review_view(request, token: str):
    _check_permission(request)
    pending = recall(request, token)
    report = report_from(pending)
    proposal = pending["proposal"]
    proposed = propose(proposal, pending["text"], report)
    data = None
    if request.method == "POST":
        data = request.POST.copy()
        attach = request.POST.get("attach_to", "")
        if attach:
            # "Attach to this one instead" beside a possible duplicate: the incident and the version shown.
            incident_id, _, version = attach.partition(":")
            data["target-choice"], data["target-incident"], data["target-version"] = "existing", incident_id, version
    review = Review(data, proposed, proposal, request.user)
    if data is not None and review.is_valid():
        try:
            result = ingest(request.user, review.ingestion(report))
        except locking.StaleEdit as stale:
            changes = "; ".join(locking.changes_since(stale.record, stale.expected_version))
            messages.error(
                request,
                f"Nothing was saved: {stale.record.public_id} was changed by someone else since this page showed "
                f"it (version {stale.expected_version}). Changed meanwhile: {changes}. Check it and confirm again.",
            )
            # Confirming again means confirming against what the message just showed.
            data["target-version"] = (
                Incident.objects.filter(pk=stale.record.pk).values_list("version", flat=True).first()
            )
        except (IntegrityError, ValidationError) as error:
            messages.error(request, f"Nothing was saved: the database refused a record ({error}).")
        else:
            forget(request, token)
            messages.success(request, result.summary())
            return redirect("admin:incidents_incident_change", result.incident.pk)
        # The failed attempt gave the objects it saved keys the rollback took back: start from what is held.
        report = report_from(pending)
        review = Review(data, propose(proposal, pending["text"], report), proposal, request.user)
        review.is_valid()
    spans = highlight_spans(proposal)
    return render(
        request,
        "extraction/review.html",
        _context(
            request,
            "Review the report's proposal",
            review=review,
            media=review.media,
            report=report,
            proposal=proposal,
            highlighted=highlight(pending["text"], spans),
            items=item_labels(spans),
            duplicates=_duplicates(review),
            sub_event_types={str(k): [str(v) for v in values] for k, values in SUB_EVENT_TYPES.items()},
            other_dates=[(f"d{i}", d) for i, d in enumerate(proposal["dates"]) if d["role"] != "incident"],
            places=[(f"pl{i}", p) for i, p in enumerate(proposal["places"])],
            token=token,
        ),
    )


def _duplicates(review: Review) -> list[Duplicate]:
    """Possible duplicates of the incident as the form now stands (as proposed until it is valid)."""
    incident = review.proposed.incident
    if review.incident.is_bound and not review.attaching and review.incident.is_valid():
        incident = review.incident.instance
    groups = [form.cleaned_data for form in review.groups if form.is_bound and form.is_valid()]
    if groups:
        group_ids = [c["group"].pk for c in groups if c.get("include") and c.get("group")]
    else:
        group_ids = [g.group_id for g in review.proposed.groups if g.include and g.group_id]
    return find_duplicates(incident.start_date, incident.end_date, incident.latitude, incident.longitude, group_ids)
