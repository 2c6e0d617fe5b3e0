"""Staff pages importing an ACLED or UCDP GED file: upload, preview (a dry run), confirm.

The preview runs the whole import without writing and shows what it would do: counts of new,
updated, unchanged and rejected rows, each reject's line, column and reason, and what changed in
each updated event; a file whose first PREVIEW_GIVE_UP_ROWS rows are all rejected is read no
further. The uploaded file waits in a private temporary folder until it is confirmed, at most
settings.DATASET_UPLOAD_MAX_AGE_MINUTES; the session remembers which uploads belong to whom, so
nobody confirms another person's file.
"""

import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import path

from datasets import acled, ucdp
from datasets.csvtable import BadFile
from incidents.models import Incident
from incidents.models.choices import Status

IMPORTERS = {
    "acled": ("ACLED", acled.import_acled),
    "ucdp": ("UCDP GED", ucdp.import_ucdp),
}
UPLOAD_DIR = Path(tempfile.gettempdir()) / "incident-imports"
SESSION_KEY = "dataset_imports"
# A preview reads no further than this many rows when every one of them was rejected: such a file
# is not the dataset it claims to be, and reading millions of rows only to say so took minutes.
PREVIEW_GIVE_UP_ROWS = 1_000
SHOWN = 200
IMPORT_PERMISSION = "incidents.import_dataset"


class UploadForm(forms.Form):
    dataset = forms.ChoiceField(
        choices=[
            ("acled", "ACLED (2020 layout or current layout)"),
            ("ucdp", "UCDP GED (standard layout or the HDX layout)"),
        ],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(help_text="A CSV file, UTF-8 (with or without byte order mark) or Windows-1252.")

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > settings.MAX_DATASET_UPLOAD_BYTES:
            limit = filesizeformat(settings.MAX_DATASET_UPLOAD_BYTES)
            raise forms.ValidationError(
                f"The file is larger than {limit}; import it with manage.py import_acled / import_ucdp instead."
            )
        return uploaded

    status = forms.ChoiceField(
        choices=[(Status.PUBLISHED, "Published"), (Status.DRAFT, "Draft")],
        initial=Status.PUBLISHED,
        help_text="The status new incidents get; incidents already held keep theirs.",
    )
    skip_invalid = forms.BooleanField(
        required=False,
        label="Import the valid rows even if some are rejected",
        help_text="Rejected rows can be downloaded as a CSV. Otherwise any rejected row means nothing is imported.",
    )
    complete = forms.BooleanField(
        required=False,
        label="This file is the whole dataset for the countries it covers",
        help_text="Lists the events held from this dataset that the file no longer has (nothing is deleted).",
    )


def _check_permission(request):
    if not (request.user.has_perm("incidents.add_incident") and request.user.has_perm("incidents.change_incident")):
        raise PermissionDenied


def _context(request, title: str, **extra) -> dict:
    return {
        **admin.site.each_context(request),
        "title": title,
        "opts": Incident._meta,
        "shown": SHOWN,
        **extra,
    }


def purge_old_uploads() -> int:
    """Remove the uploads (and their rejects files) older than DATASET_UPLOAD_MAX_AGE_MINUTES; how many."""
    if not UPLOAD_DIR.exists():
        return 0
    limit = time.time() - settings.DATASET_UPLOAD_MAX_AGE_MINUTES * 60
    removed = 0
    for stale in UPLOAD_DIR.iterdir():
        try:
            if stale.stat().st_mtime < limit:
                stale.unlink()
                removed += 1
        except FileNotFoundError:
            continue  # another request removed it meanwhile
    return removed


def _save_upload(uploaded) -> tuple[str, Path]:
    UPLOAD_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    token = secrets.token_urlsafe(18)
    target = UPLOAD_DIR / f"{token}.csv"
    with open(target, "wb") as fh:
        for chunk in uploaded.chunks():
            fh.write(chunk)
    return token, target


def _pending(request, token: str) -> dict:
    pending = request.session.get(SESSION_KEY, {}).get(token)
    if pending is None or not Path(pending["path"]).exists():
        raise Http404("This upload has expired or is not yours; upload the file again.")
    return pending


def _run(pending: dict, *, dry_run: bool, user=None, give_up_after: int = 0):
    _, importer = IMPORTERS[pending["dataset"]]
    file_path = Path(pending["path"])
    return importer(
        file_path,
        dry_run=dry_run,
        skip_invalid=pending["skip_invalid"],
        complete=pending["complete"],
        status=pending["status"],
        rejects_path=file_path.with_suffix(".rejects.csv") if not dry_run else None,
        user=user,
        file_name=pending["name"],
        give_up_after=give_up_after,
    )


def upload_view(request):
    """Choose the dataset and the file; the answer is the preview."""
    _check_permission(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    purge_old_uploads()
    if request.method == "POST" and form.is_valid():
        token, saved = _save_upload(form.cleaned_data["file"])
        pending = {
            "path": str(saved),
            "name": form.cleaned_data["file"].name,
            "dataset": form.cleaned_data["dataset"],
            "status": form.cleaned_data["status"],
            "skip_invalid": form.cleaned_data["skip_invalid"],
            "complete": form.cleaned_data["complete"],
        }
        try:
            result = _run(pending, dry_run=True, give_up_after=PREVIEW_GIVE_UP_ROWS)
        except BadFile as error:
            saved.unlink(missing_ok=True)
            form.add_error("file", str(error))
        else:
            uploads = request.session.get(SESSION_KEY, {})
            uploads[token] = pending
            request.session[SESSION_KEY] = uploads
            # Contributors may preview (a dry run); importing for real is the editors'.
            can_import = (
                result.rows > result.rejected
                and (not result.rejected or pending["skip_invalid"])
                and request.user.has_perm(IMPORT_PERMISSION)
            )
            return render(
                request,
                "datasets/preview.html",
                _context(
                    request,
                    f"Preview: {result.file_name}",
                    result=result,
                    token=token,
                    pending=pending,
                    can_import=can_import,
                ),
            )
    return render(request, "datasets/upload.html", _context(request, "Import ACLED or UCDP GED events", form=form))


def confirm_view(request):
    """Import the previewed file for real (POST only)."""
    _check_permission(request)
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied("Only editors import for real; contributors may preview a file.")
    purge_old_uploads()
    upload_page = request.path.removesuffix("confirm/")
    if request.method != "POST":
        return redirect(upload_page)
    token = request.POST.get("token", "")
    pending = _pending(request, token)
    if request.POST.get("skip_invalid"):
        pending["skip_invalid"] = True
    try:
        result = _run(pending, dry_run=False, user=request.user)
    except BadFile as error:
        messages.error(request, f"{pending['name']}: {error} Nothing was imported.")
        return redirect(upload_page)
    Path(pending["path"]).unlink(missing_ok=True)
    if result.written:
        messages.success(request, result.summary())
    else:
        messages.error(request, f"{result.rejected:,} rows rejected: nothing was imported.")
    return render(
        request,
        "datasets/done.html",
        _context(request, f"Imported: {result.file_name}", result=result, token=token),
    )


def rejects_view(request, token: str):
    """The rejected rows of a confirmed import, as a CSV to fix and import again."""
    _check_permission(request)
    pending = request.session.get(SESSION_KEY, {}).get(token)
    if pending is None:
        raise Http404("No such import.")
    rejects = Path(pending["path"]).with_suffix(".rejects.csv")
    if not rejects.exists():
        raise Http404("This import rejected no rows, or its rejects have been removed.")
    return FileResponse(
        open(rejects, "rb"),  # noqa: SIM115 - FileResponse closes it
        as_attachment=True,
        filename=f"{Path(pending['name']).stem}.rejects.csv",
        content_type="text/csv; charset=utf-8",
    )


def import_urls():
    """URL patterns for IncidentAdmin.get_urls (relative to admin/incidents/incident/)."""
    return [
        path("import/", admin.site.admin_view(upload_view), name="incidents_incident_import"),
        path("import/confirm/", admin.site.admin_view(confirm_view), name="incidents_incident_import_confirm"),
        path(
            "import/rejects/<str:token>/",
            admin.site.admin_view(rejects_view),
            name="incidents_incident_import_rejects",
        ),
    ]
