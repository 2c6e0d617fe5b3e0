"""Staff pages turning a pasted or uploaded news report into a reviewed draft incident.

Under the report admin: paste or upload the text (report/ingest/), or start from a saved report
(report/<id>/ingest/); review the proposal beside the text with every match highlighted
(report/ingest/<token>/); confirm once. The text and the proposal wait in the session between the
steps, so the lexicon is read once per report; everything staff may change is a form field
validated here, and incidents.ingest writes it all in one transaction.
"""

import datetime
import secrets
from dataclasses import asdict

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError
from django.forms import formset_factory
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from geo.models import AdminArea, Country, Place
from incidents import ingest, locking, visibility, workflow
from incidents.admin.base import require_id
from incidents.admin.records import ReportAdmin
from incidents.ids import is_id
from incidents.importers.lexicon import Lexicon, build_lexicon
from incidents.importers.reports import ExtractionError, decode_report, extract
from incidents.models import (
    ArmedGroup,
    Casualty,
    Incident,
    IncidentLink,
    Participation,
    Person,
    Report,
    Source,
)
from incidents.models.choices import (
    SUB_EVENT_TYPES,
    Attribution,
    CasualtyCategory,
    CasualtyOutcome,
    GroupKind,
    LinkKind,
    Means,
    ParticipationRole,
    RoleKind,
    SourceKind,
    Stance,
)
from incidents.models.sources import validate_uri_characters

MAX_UPLOAD_BYTES = 1024 * 1024
SESSION_KEY = "ingest_pending"
# Reports waiting for review per session; an abandoned one drops out as new ones come.
PENDING_KEPT = 3
TITLE_CHARS = 160
QUOTE_MARKS = "\"“”‘’'., "


def _check_permission(request):
    if not (request.user.has_perm("incidents.add_report") and request.user.has_perm("incidents.add_incident")):
        raise PermissionDenied


def _context(request, title: str, **extra) -> dict:
    return {**admin.site.each_context(request), "title": title, "opts": Report._meta, **extra}


# ---------------------------------------------------------------------------------------------
# Step 1: the report
# ---------------------------------------------------------------------------------------------


class StartForm(forms.Form):
    text = forms.CharField(
        label="Report text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        help_text="Paste the report. A first line “date 2024-01-05” and lines “Title:”, “Outlet:”, “URL:” "
        "fill the fields below when they are left empty.",
    )
    file = forms.FileField(
        label="…or upload a file",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,text/plain"}),
        help_text="Plain text (.txt), at most 1 MB, UTF-8 or Windows-1252.",
    )
    source = forms.ModelChoiceField(
        Source.objects.order_by("name"), label="Outlet", required=False, empty_label="— a new outlet —"
    )
    source_name = forms.CharField(label="New outlet's name", max_length=200, required=False)
    source_kind = forms.ChoiceField(
        label="New outlet's kind", choices=SourceKind.choices, initial=SourceKind.NEWS_AGENCY
    )
    title = forms.CharField(
        max_length=500, required=False, help_text="Left empty: the header's “Title:” line, else the first sentence."
    )
    url = forms.URLField(
        label="URL", max_length=1000, required=False, assume_scheme="https", validators=[validate_uri_characters]
    )
    published_on = forms.DateField(
        label="Publication date", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    language = forms.CharField(max_length=10, initial="en", help_text="ISO 639-1 code, e.g. en, ar.")
    different_report = forms.BooleanField(
        label="A different report",
        required=False,
        help_text="Tick only when a report already held has this URL or this text but this one is another.",
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        if not upload.name.lower().endswith(".txt"):
            raise ValidationError(
                "Only plain-text .txt files are accepted; “%(name)s” is not one.", params={"name": upload.name}
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                "The file is %(size).1f MB; at most 1 MB is accepted.", params={"size": upload.size / MAX_UPLOAD_BYTES}
            )
        try:
            return decode_report(b"".join(upload.chunks()))
        except ExtractionError as error:
            raise ValidationError("This file cannot be read: %(why)s.", params={"why": error}) from None

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        uploaded, pasted = cleaned.get("file"), cleaned.get("text") or ""
        if uploaded and pasted.strip():
            self.add_error("file", "Paste the text or upload a file, not both.")
            return cleaned
        text = uploaded or pasted
        if not text.strip():
            self.add_error("text", "Paste the report's text or upload a .txt file.")
            return cleaned
        field = "file" if uploaded else "text"
        try:
            # The header and the date only: an empty lexicon reads them in milliseconds.
            probe = extract(text, Lexicon(), publication_date=cleaned.get("published_on"))
        except ExtractionError as error:
            if cleaned.get("published_on") is None and _reads_with_a_date(text):
                self.add_error(
                    "published_on",
                    "The report gives no publication date: enter it here, or start the text with a line such as "
                    "“date 2024-01-05”.",
                )
            else:
                self.add_error(field, f"This report cannot be read: {error}.")
            return cleaned
        cleaned["report_text"] = text
        cleaned["published_on"] = datetime.date.fromisoformat(probe.publication_date)
        cleaned["title"] = cleaned["title"] or probe.title or _title_from(text, probe.body_offset)
        if not cleaned["url"] and probe.url:
            try:
                URLValidator()(probe.url)
                validate_uri_characters(probe.url)
                cleaned["url"] = probe.url
            except ValidationError as error:
                why = "" if error.code == "invalid" else f" {error.messages[0]}"
                self.add_error(
                    "url", f"The text's URL line (“{probe.url}”) is not a web address: correct it here.{why}"
                )
        outlet = (cleaned.get("source_name") or probe.outlet).strip()
        if cleaned.get("source") is None and outlet:
            cleaned["source"] = Source.objects.filter(name__iexact=outlet).first() or Source(
                name=outlet[:200], kind=cleaned["source_kind"]
            )
        if cleaned.get("source") is None:
            self.add_error("source", "The text names no outlet: choose it, or type a new outlet's name.")
        held = ingest.held_report(cleaned.get("url") or "", text)
        if held is not None and not cleaned.get("different_report"):
            self.add_error(
                None,
                format_html(
                    'This report is already held: <a href="{}">{}</a>. Ingest it from there, or tick '
                    "“A different report” if this is another one.",
                    reverse("admin:incidents_report_change", args=[held.pk]),
                    held,
                ),
            )
        self._show_header(cleaned, outlet)
        return cleaned

    def _show_header(self, cleaned, outlet):
        """Fill the empty fields with what the header gave, so a form shown again with an error keeps them."""
        data = self.data.copy()
        for name, value in [
            ("published_on", cleaned["published_on"].isoformat()),
            ("title", cleaned["title"]),
            ("url", cleaned.get("url") or ""),
            ("source_name", "" if data.get("source") else outlet),
        ]:
            if not data.get(name):
                data[name] = value
        self.data = data


def _reads_with_a_date(text: str) -> bool:
    try:
        extract(text, Lexicon(), publication_date=datetime.date.today())
    except ExtractionError:
        return False
    return True


def _title_from(text: str, body_offset: int) -> str:
    lead = ingest.Sentences(text, body_offset).lead()
    if len(lead) <= TITLE_CHARS:
        return lead
    return lead[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def _remember(request, pending: dict) -> str:
    token = secrets.token_urlsafe(12)
    kept = request.session.get(SESSION_KEY, {})
    kept = dict(list(kept.items())[-(PENDING_KEPT - 1) :])
    kept[token] = pending
    request.session[SESSION_KEY] = kept
    return token


def _pending(request, token: str) -> dict:
    pending = request.session.get(SESSION_KEY, {}).get(token)
    if pending is None:
        raise Http404("This report is no longer waiting for review: paste or upload it again.")
    return pending


def _forget(request, token: str):
    kept = request.session.get(SESSION_KEY, {})
    kept.pop(token, None)
    request.session[SESSION_KEY] = kept


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
            token = _remember(
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
        "admin/ingest/start.html",
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
    token = _remember(request, {"text": report.text, "proposal": proposal.as_dict(), "report": {"id": report.pk}})
    return redirect("admin:incidents_report_ingest_review", token=token)


def _report_from(pending: dict) -> Report:
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


# ---------------------------------------------------------------------------------------------
# Step 2: the review
# ---------------------------------------------------------------------------------------------


class PreloadedAutocomplete(AutocompleteSelect):
    """The admin's autocomplete, labelling its chosen option from `objects` the page fetched at once,
    instead of a query per widget."""

    objects: dict | None = None

    def optgroups(self, name, value, attr=None):
        if self.objects is None:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for chosen in value:
            obj = self.objects.get(str(chosen))
            if obj is not None:
                label = self.choices.field.label_from_instance(obj)
                options.append(self.create_option(name, obj.pk, label, True, len(options)))
        return [(None, options, 0)]


def _autocomplete(model, field_name):
    return PreloadedAutocomplete(model._meta.get_field(field_name), admin.site)


def _preload(forms_):
    """One query per model for every autocomplete's chosen object on the page."""
    by_model = {}
    for form in forms_:
        for bound in form:
            if isinstance(bound.field.widget, PreloadedAutocomplete):
                by_model.setdefault(bound.field.queryset.model, []).append(bound)
    for bounds in by_model.values():
        model = bounds[0].field.queryset.model
        ids = {str(bound.value()) for bound in bounds} - {"None", ""}
        # Only what can be an id: the rest is no choice, which each form reports as invalid.
        chosen = bounds[0].field.queryset.filter(pk__in=[pk for pk in ids if is_id(model, pk)])
        objects = {str(obj.pk): obj for obj in chosen}
        for bound in bounds:
            bound.field.widget.objects = objects


class KeyedForm(forms.Form):
    """One proposal item. Its key comes from the proposal, never from what the browser sends back."""

    key = forms.CharField(widget=forms.HiddenInput, disabled=True)
    include = forms.BooleanField(label="Keep", required=False)

    def __init__(self, *args, keys=None, **kwargs):
        super().__init__(*args, **kwargs)
        keys = keys or {}
        for name, field in self.fields.items():
            if name.endswith("_key") and isinstance(field, forms.ChoiceField):
                kind = {"group": "groups", "body_group": "groups", "casualty_claim": "claims"}.get(
                    name.removesuffix("_key"), "people"
                )
                field.choices = [("", "—")] + keys.get(kind, [])

    def kept(self) -> bool:
        return bool(self.cleaned_data.get("include"))


def _required_when_kept(form, *names):
    for name in names:
        value = form.cleaned_data.get(name)
        if value in (None, "") and name not in form.errors:
            form.add_error(name, "Required for an item you keep.")


class GroupForm(KeyedForm):
    group = forms.ModelChoiceField(
        ArmedGroup.objects.all(), label="Existing group", required=False, widget=_autocomplete(Participation, "group")
    )
    name = forms.CharField(label="…or a new group", max_length=200, required=False)
    kind = forms.ChoiceField(label="New group's kind", choices=GroupKind.choices, initial=GroupKind.NON_STATE)
    alias = forms.CharField(widget=forms.HiddenInput, required=False, disabled=True)
    role = forms.ChoiceField(choices=[("", "— no part in it —"), *ParticipationRole.choices], required=False)
    attribution = forms.ChoiceField(label="How it is known", choices=Attribution.choices)

    def clean(self):
        cleaned = super().clean()
        if not self.kept() or "group" in self.errors:
            return cleaned
        name = (cleaned.get("name") or "").strip()
        if cleaned.get("group") is None:
            if not name:
                self.add_error("group", "Choose the group, or type a new group's name.")
            elif ArmedGroup.objects.filter(name__iexact=name).exists():
                self.add_error("name", f"“{name}” is held already: choose it as the existing group.")
        return cleaned

    def item(self) -> ingest.GroupItem:
        c = self.cleaned_data
        return ingest.GroupItem(
            key=c["key"],
            include=c["include"],
            group_id=c["group"].pk if c.get("group") else None,
            name=(c.get("name") or "").strip(),
            kind=c["kind"],
            alias=c["alias"],
            role=c["role"],
            attribution=c["attribution"],
        )


class PersonForm(KeyedForm):
    person = forms.ModelChoiceField(
        Person.objects.all(), label="Existing person", required=False, widget=_autocomplete(Casualty, "person")
    )
    name = forms.CharField(label="…or a new person", max_length=200, required=False)
    alias = forms.CharField(widget=forms.HiddenInput, required=False, disabled=True)
    title = forms.CharField(label="Role as given", max_length=200, required=False)
    role_kind = forms.ChoiceField(label="Role", choices=[("", "—"), *RoleKind.choices], required=False)
    group_key = forms.ChoiceField(label="For group", required=False)
    body = forms.CharField(label="…or body", max_length=200, required=False)
    casualty = forms.ChoiceField(
        label="Named as", choices=[("", "— not a casualty —"), *CasualtyOutcome.choices], required=False
    )
    casualty_claim_key = forms.ChoiceField(label="In the claim", required=False)

    def clean(self):
        cleaned = super().clean()
        if not self.kept() or "person" in self.errors:
            return cleaned
        if cleaned.get("person") is None and not (cleaned.get("name") or "").strip():
            self.add_error("person", "Choose the person, or type a new person's name.")
        if cleaned.get("casualty_claim_key") and not cleaned.get("casualty"):
            self.add_error("casualty", "Say how the claim names them (killed, injured, missing), or pick no claim.")
        return cleaned

    def item(self) -> ingest.PersonItem:
        c = self.cleaned_data
        return ingest.PersonItem(
            key=c["key"],
            include=c["include"],
            person_id=c["person"].pk if c.get("person") else None,
            name=(c.get("name") or "").strip(),
            alias=c["alias"],
            role_kind=c["role_kind"],
            title=c["title"],
            group_key=c["group_key"],
            body=c["body"],
            casualty=c["casualty"],
            casualty_claim_key=c["casualty_claim_key"],
        )


def _count(label):
    return forms.IntegerField(label=label, min_value=0, max_value=1_000_000, required=False)


class ClaimForm(KeyedForm):
    claimant = forms.CharField(label="Who said it", max_length=300, required=False)
    claimant_person_key = forms.ChoiceField(label="Person", required=False)
    category = forms.ChoiceField(choices=CasualtyCategory.choices)
    group_key = forms.ChoiceField(label="Members of", required=False)
    killed_min = _count("Killed, min")
    killed_max = _count("max")
    injured_min = _count("Injured, min")
    injured_max = _count("max")
    quote = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    note = forms.CharField(max_length=500, required=False)

    def clean(self):
        cleaned = super().clean()
        if not self.kept():
            return cleaned
        if not (cleaned.get("claimant") or "").strip() and not cleaned.get("claimant_person_key"):
            self.add_error("claimant", "Say who gives these figures.")
        figures = [cleaned.get(f"{what}_{end}") for what in ("killed", "injured") for end in ("min", "max")]
        if all(value is None for value in figures) and not any(
            f"{w}_min" in self.errors for w in ("killed", "injured")
        ):
            self.add_error("killed_min", "Give at least one figure.")
        for what in ("killed", "injured"):
            low, high = cleaned.get(f"{what}_min"), cleaned.get(f"{what}_max")
            if low is None and high is not None:
                self.add_error(f"{what}_min", "Give the minimum too (the same as the maximum for an exact figure).")
            elif low is not None and high is not None and low > high:
                self.add_error(f"{what}_max", f"The maximum ({high}) is below the minimum ({low}).")
        return cleaned

    def item(self) -> ingest.ClaimItem:
        c = self.cleaned_data
        return ingest.ClaimItem(
            key=c["key"],
            include=c["include"],
            claimant=(c.get("claimant") or "").strip(),
            claimant_person_key=c["claimant_person_key"],
            category=c["category"],
            group_key=c["group_key"],
            killed_min=c["killed_min"],
            killed_max=c["killed_max"],
            injured_min=c["injured_min"],
            injured_max=c["injured_max"],
            quote=c["quote"],
            note=c["note"],
        )


class StatementForm(KeyedForm):
    speaker_key = forms.ChoiceField(label="Speaker", required=False)
    speaker_title = forms.CharField(label="Speaker as described", max_length=300, required=False)
    body_group_key = forms.ChoiceField(label="For group", required=False)
    body = forms.CharField(label="…or body", max_length=300, required=False)
    quote = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    stance = forms.ChoiceField(choices=Stance.choices)
    said_on = forms.DateField(
        label="Said on", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        cleaned = super().clean()
        if not self.kept():
            return cleaned
        _required_when_kept(self, "quote", "said_on")
        who = ("speaker_key", "speaker_title", "body_group_key", "body")
        if not any((cleaned.get(name) or "").strip() for name in who):
            self.add_error("speaker_title", "Say who said it: a person, a description, a group or a body.")
        return cleaned

    def item(self) -> ingest.StatementItem:
        c = self.cleaned_data
        return ingest.StatementItem(
            key=c["key"],
            include=c["include"],
            speaker_key=c["speaker_key"],
            speaker_title=c["speaker_title"].strip(),
            body=c["body"].strip(),
            body_group_key=c["body_group_key"],
            quote=c["quote"].strip(),
            stance=c["stance"],
            said_on=c["said_on"],
        )


class LinkForm(KeyedForm):
    to_incident = forms.ModelChoiceField(
        Incident.objects.filter(merged_into__isnull=True),
        label="Earlier or related incident",
        required=False,
        widget=_autocomplete(IncidentLink, "to_incident"),
    )
    kind = forms.ChoiceField(label="This incident is a", choices=LinkKind.choices, initial=LinkKind.FOLLOW_UP_TO)
    note = forms.CharField(max_length=500, required=False)
    date_key = forms.CharField(widget=forms.HiddenInput, required=False, disabled=True)

    def clean(self):
        cleaned = super().clean()
        if self.kept():
            _required_when_kept(self, "to_incident")
        return cleaned

    def item(self) -> ingest.LinkItem:
        c = self.cleaned_data
        return ingest.LinkItem(
            key=c["key"],
            include=c["include"],
            to_incident_id=c["to_incident"].pk if c.get("to_incident") else None,
            kind=c["kind"],
            note=c["note"],
            date_key=c["date_key"],
        )


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name_en} ({obj.country.iso2})"


class IncidentReviewForm(forms.ModelForm):
    means = forms.MultipleChoiceField(choices=Means.choices, required=False, widget=forms.CheckboxSelectMultiple)
    admin_area = AreaChoiceField(
        AdminArea.objects.select_related("country").only("pk", "name_en", "country__iso2").order_by("name_en"),
        label="Governorate",
        required=False,
    )
    country = forms.ModelChoiceField(Country.objects.only("pk", "name_en").order_by("name_en"), required=False)
    place = forms.ModelChoiceField(
        Place.objects.select_related("country").defer("country__geometry"),
        required=False,
        widget=_autocomplete(Incident, "place"),
    )

    class Meta:
        model = Incident
        fields = [
            "title",
            "summary",
            "start_date",
            "end_date",
            "date_precision",
            "time_utc",
            "time_approximate",
            "event_type",
            "sub_event_type",
            "means",
            "place_name",
            "place",
            "admin_area",
            "country",
            "latitude",
            "longitude",
            "location_precision",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "time_utc": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        cleaned = super().clean()
        place = cleaned.get("place")
        moved = {"latitude", "longitude", "admin_area", "country"} & set(self.changed_data)
        if place is not None and "place" in self.changed_data and not moved:
            # Another place chosen and the point left as proposed: the point (and so the governorate,
            # found from it on saving) follows the place rather than staying at the proposed one.
            cleaned["latitude"], cleaned["longitude"] = place.latitude, place.longitude
            cleaned["admin_area"] = cleaned["country"] = None
        return cleaned


class TargetForm(forms.Form):
    choice = forms.ChoiceField(
        label="Record it as",
        choices=[("new", "a new draft incident"), ("existing", "more about an incident already held")],
        widget=forms.RadioSelect,
        initial="new",
    )
    incident = forms.ModelChoiceField(
        Incident.objects.filter(merged_into__isnull=True),
        label="Incident held",
        required=False,
        widget=_autocomplete(IncidentLink, "to_incident"),
    )
    # The version the reviewer saw, when they chose the incident from the list of possible duplicates.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("choice") == "existing" and cleaned.get("incident") is None and "incident" not in self.errors:
            self.add_error("incident", "Choose the incident to add the report's records to.")
        return cleaned


def _formset(form_class, prefix, items, data, keys, extra_items=()):
    initial = [_initial(item) for item in [*items, *extra_items]]
    formset_class = formset_factory(
        form_class, extra=0, max_num=len(initial), validate_max=True, absolute_max=len(initial)
    )
    return formset_class(data, prefix=prefix, initial=initial, form_kwargs={"keys": keys})


def _initial(item) -> dict:
    values = asdict(item)
    for name in ("group_id", "person_id"):
        if name in values:
            values[name.removesuffix("_id")] = values.pop(name)
    if "to_incident_id" in values:
        values["to_incident"] = values.pop("to_incident_id")
    return values


class Review:
    """Every form of the review page, and the cross-checks between them."""

    def __init__(self, data, proposed: ingest.Ingestion, proposal: dict, user):
        self.proposed = proposed
        self.proposal = proposal
        self.user = user
        self.keys = _key_labels(proposed)
        keys = self.keys
        self.target = TargetForm(data, prefix="target")
        self.incident = IncidentReviewForm(data, prefix="incident", instance=proposed.incident)
        self.groups = _formset(GroupForm, "groups", proposed.groups, data, keys)
        self.people = _formset(PersonForm, "people", proposed.people, data, keys)
        self.claims = _formset(ClaimForm, "claims", proposed.claims, data, keys)
        self.statements = _formset(StatementForm, "statements", proposed.statements, data, keys)
        blank = ingest.LinkItem(key=f"l{len(proposed.links)}")
        self.links = _formset(LinkForm, "links", proposed.links, data, keys, extra_items=[blank])
        self.formsets = [self.groups, self.people, self.claims, self.statements, self.links]
        _annotate(self, proposal)
        _preload([self.target, self.incident, *self.groups, *self.people, *self.links])

    @property
    def media(self):
        return self.incident.media + self.target.media + self.groups.media

    @property
    def attaching(self) -> bool:
        return self.target.is_bound and self.target.is_valid() and self.target.cleaned_data["choice"] == "existing"

    def is_valid(self) -> bool:
        # A list, not a generator: every formset is validated, so that each shows its errors.
        valid = [formset.is_valid() for formset in self.formsets]
        if not self.target.is_valid() or not all(valid):
            if not self.attaching:
                self.incident.is_valid()
            return False
        if self.attaching and not self.user.has_perm("incidents.change_incident"):
            self.target.add_error("incident", "You may not change incidents held; record the report as a new one.")
        elif (
            self.attaching
            and visibility.is_public(self.target.cleaned_data["incident"])
            and not workflow.can_publish(self.user)
        ):
            # What is added to a public incident would be public at once, without an editor's review.
            self.target.add_error(
                "incident",
                "Only editors add to a published or retracted incident: record the report as a new incident "
                "and link it, and an editor will merge the two.",
            )
        elif not self.attaching and not self.incident.is_valid():
            return False
        self._check_references()
        return not self.target.errors and all(formset.is_valid() for formset in self.formsets)

    def _check_references(self):
        kept = {
            name: {form.cleaned_data["key"] for form in formset if form.kept()}
            for name, formset in [("groups", self.groups), ("people", self.people), ("claims", self.claims)]
        }
        labels = {
            name: {form.cleaned_data["key"]: form.found["label"] for form in formset}
            for name, formset in [("groups", self.groups), ("people", self.people), ("claims", self.claims)]
        }
        refers = [
            (self.people, [("group_key", "groups"), ("casualty_claim_key", "claims")]),
            (self.claims, [("claimant_person_key", "people"), ("group_key", "groups")]),
            (self.statements, [("speaker_key", "people"), ("body_group_key", "groups")]),
        ]
        for formset, fields in refers:
            for form in formset:
                if not form.kept():
                    continue
                for field, kind in fields:
                    key = form.cleaned_data.get(field)
                    if key and key not in kept[kind]:
                        what = labels[kind].get(key, key)
                        form.add_error(field, f"“{what}” is not kept above: keep it, or choose another.")
        target = self.target.cleaned_data.get("incident") if self.attaching else None
        for form in self.links:
            if target is not None and form.kept() and form.cleaned_data.get("to_incident") == target:
                form.add_error("to_incident", "That is the incident the records go to.")

    def ingestion(self, report: Report) -> ingest.Ingestion:
        if self.attaching:
            incident = self.target.cleaned_data["incident"]
            version = self.target.cleaned_data.get("version")
        else:
            incident, version = self.incident.save(commit=False), None
        return ingest.Ingestion(
            report=report,
            incident=incident,
            expected_version=version,
            groups=[form.item() for form in self.groups],
            people=[form.item() for form in self.people],
            claims=[form.item() for form in self.claims],
            statements=[form.item() for form in self.statements],
            links=[form.item() for form in self.links],
        )

    def error_count(self) -> int:
        shown = [self.target] + ([] if self.attaching else [self.incident])
        forms_ = [*shown, *(form for formset in self.formsets for form in formset)]
        count = sum(len(form.errors) for form in forms_ if form.is_bound)
        return count + sum(len(formset.non_form_errors()) for formset in self.formsets if formset.is_bound)


def _key_labels(proposed: ingest.Ingestion) -> dict:
    groups = ArmedGroup.objects.in_bulk([g.group_id for g in proposed.groups if g.group_id])
    people = Person.objects.in_bulk([p.person_id for p in proposed.people if p.person_id])
    return {
        "groups": [(g.key, groups[g.group_id].name if g.group_id in groups else g.name) for g in proposed.groups],
        "people": [(p.key, people[p.person_id].name if p.person_id in people else p.name) for p in proposed.people],
        "claims": [(c.key, f"{c.claimant}: {_figures(c)}") for c in proposed.claims],
    }


def _figures(claim: ingest.ClaimItem) -> str:
    def span(low, high):
        return "" if low is None else (str(low) if low == high else f"{low}–{high if high is not None else '…'}")

    parts = [f"{what} {span(low, high)}" for what, low, high in [
        ("killed", claim.killed_min, claim.killed_max),
        ("injured", claim.injured_min, claim.injured_max),
    ] if low is not None]  # fmt: skip
    return ", ".join(parts) or "no figures"


def _annotate(review: Review, proposal: dict):
    """Give each row what the report said: the words found, and the item id its highlights carry."""
    labels = dict(review.keys["groups"] + review.keys["people"] + review.keys["claims"])
    for formset, kind, prefix in [
        (review.groups, "groups", "g"),
        (review.people, "people", "p"),
        (review.claims, "casualty_claims", "c"),
        (review.statements, "statements", "s"),
    ]:
        for index, form in enumerate(formset):
            found = proposal[kind][index]
            text = _squash(found["text"]).strip(QUOTE_MARKS) if kind == "statements" else _squash(found["text"])
            form.found = {"item": f"{prefix}{index}", "text": text, "count": len(found["spans"])}
            form.found["label"] = labels.get(form.found["item"], form.found["text"])
            if kind == "groups":
                form.found["roles"] = [f"{r['role']} ({r['attribution']}): “{r['cue']}”" for r in found["roles"]]
            if kind == "people":
                form.found["role"] = found["role"] or found["title"]
    for form in review.links:
        date_key = form.initial.get("date_key")
        mention = proposal["dates"][int(date_key[1:])] if date_key else None
        form.found = {
            "item": date_key or "",
            "text": _squash(mention["text"]) if mention else "",
            "count": len(mention["spans"]) if mention else 0,
            "label": form.initial["key"],
        }


def _squash(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------
# The report text with its matches highlighted
# ---------------------------------------------------------------------------------------------

# The kinds of span that are an item's own mention; the others are words around it.
MENTION_KINDS = {"date", "place", "group", "person", "claim", "statement", "event", "means"}
KIND_LABELS = {
    "date": "date",
    "time": "time",
    "place": "place",
    "group": "armed group",
    "cue": "role cue",
    "person": "person",
    "claim": "casualty figure",
    "claimant": "who gives the figure",
    "statement": "quotation",
    "speaker": "speaker",
    "event": "event type",
    "means": "means",
}


def highlight_spans(proposal: dict) -> list[tuple[str, str, str, int, int]]:
    """(item id, kind, label, start, end) for every span of the proposal."""
    spans = []

    def add(item, kind, label, ranges):
        spans.extend((item, kind, label, start, end) for start, end in ranges)

    for i, d in enumerate(proposal["dates"]):
        add(f"d{i}", "date", f"{d['role']} date {d['start']}", d["spans"])
        add(f"d{i}", "time", f"time {d['time_utc']} UTC", d["time_spans"])
    for i, p in enumerate(proposal["places"]):
        add(f"pl{i}", "place", p["name"], p["spans"])
    for i, g in enumerate(proposal["groups"]):
        add(f"g{i}", "group", g["name"], g["spans"])
        for role in g["roles"]:
            add(f"g{i}", "cue", f"{g['name']}: {role['role']}", role["spans"])
    for i, p in enumerate(proposal["people"]):
        add(f"p{i}", "person", p["name"], p["spans"])
    for i, c in enumerate(proposal["casualty_claims"]):
        add(f"c{i}", "claim", f"{c['outcome']} {c['min']}–{c['max']} ({c['category']})", c["spans"])
        add(f"c{i}", "claimant", f"claimant: {c['claimant']}", c["claimant_spans"])
    for i, s in enumerate(proposal["statements"]):
        add(f"s{i}", "statement", f"statement ({s['stance']})", s["spans"])
        add(f"s{i}", "speaker", f"speaker: {s['speaker']}", s["speaker_spans"])
    if proposal["event_type"]:
        event = proposal["event_type"]
        add("ev", "event", f"{event['event_type']}: {event['sub_event_type']}", event["spans"])
    for i, m in enumerate(proposal["means"]):
        add(f"m{i}", "means", m["means"], m["spans"])
    return spans


def highlight(text: str, spans) -> str:
    """The text, escaped, with <mark> around every span and an anchor where each item is first named.

    Where spans overlap, each piece of text is marked once with every item covering it; its
    colour is that of the narrowest span, the most specific match. `data-starts` names the items
    one of whose own mentions (not a cue, a time or a source around it) starts there.
    """
    spans = [(item, kind, label, max(0, s), min(len(text), e)) for item, kind, label, s, e in spans]
    spans = [span for span in spans if span[3] < span[4]]
    starts = {}
    for item, kind, _, start, _ in sorted(spans, key=lambda span: span[3]):
        if kind in MENTION_KINDS:
            starts.setdefault(start, []).append(item)
    anchors = {}
    for item, _, _, start, _ in sorted(spans, key=lambda span: (span[1] not in MENTION_KINDS, span[3])):
        anchors.setdefault(item, start)
    cuts = sorted({0, len(text), *(s for *_, s, _ in spans), *(e for *_, e in spans)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        for item, at in anchors.items():
            if at == start:
                pieces.append(format_html('<span class="ingest-anchor" id="at-{}"></span>', item))
        covering = sorted((e - s, item, kind, label) for item, kind, label, s, e in spans if s <= start and end <= e)
        if not covering:
            pieces.append(format_html("{}", text[start:end]))
            continue
        items = list(dict.fromkeys(item for _, item, _, _ in covering))
        titles = list(dict.fromkeys(f"{label} ({KIND_LABELS[kind]})" for _, _, kind, label in covering))
        pieces.append(
            format_html(
                '<mark class="hl hl-{}" data-items="{}"{} title="{}">{}</mark>',
                covering[0][2],
                " ".join(items),
                format_html(' data-starts="{}"', " ".join(dict.fromkeys(starts[start]))) if start in starts else "",
                "; ".join(titles),
                text[start:end],
            )
        )
    return mark_safe("".join(pieces))  # noqa: S308 - every piece went through format_html


def _item_labels(spans) -> dict[str, str]:
    labels = {}
    for item, kind, label, _, _ in spans:
        labels.setdefault(item, f"{KIND_LABELS[kind]}: {label}")
    return labels


def review_view(request, token: str):
    _check_permission(request)
    pending = _pending(request, token)
    report = _report_from(pending)
    proposal = pending["proposal"]
    proposed = ingest.propose(proposal, pending["text"], report)
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
            result = ingest.ingest(request.user, review.ingestion(report))
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
            _forget(request, token)
            messages.success(request, result.summary())
            return redirect("admin:incidents_incident_change", result.incident.pk)
        # The failed attempt gave the objects it saved keys the rollback took back: start from what is held.
        report = _report_from(pending)
        review = Review(data, ingest.propose(proposal, pending["text"], report), proposal, request.user)
        review.is_valid()
    spans = highlight_spans(proposal)
    return render(
        request,
        "admin/ingest/review.html",
        _context(
            request,
            "Review the report's proposal",
            review=review,
            media=review.media,
            report=report,
            proposal=proposal,
            highlighted=highlight(pending["text"], spans),
            items=_item_labels(spans),
            duplicates=_duplicates(review),
            sub_event_types={str(k): [str(v) for v in values] for k, values in SUB_EVENT_TYPES.items()},
            other_dates=[(f"d{i}", d) for i, d in enumerate(proposal["dates"]) if d["role"] != "incident"],
            places=[(f"pl{i}", p) for i, p in enumerate(proposal["places"])],
            token=token,
        ),
    )


def _duplicates(review: Review) -> list[ingest.Duplicate]:
    """Possible duplicates of the incident as the form now stands (as proposed until it is valid)."""
    incident = review.proposed.incident
    if review.incident.is_bound and not review.attaching and review.incident.is_valid():
        incident = review.incident.instance
    groups = [form.cleaned_data for form in review.groups if form.is_bound and form.is_valid()]
    if groups:
        group_ids = [c["group"].pk for c in groups if c.get("include") and c.get("group")]
    else:
        group_ids = [g.group_id for g in review.proposed.groups if g.include and g.group_id]
    return ingest.find_duplicates(
        incident.start_date, incident.end_date, incident.latitude, incident.longitude, group_ids
    )


# ---------------------------------------------------------------------------------------------
# Wiring: the report admin with its ingest pages
# ---------------------------------------------------------------------------------------------


class IngestingReportAdmin(ReportAdmin):
    change_list_template = "admin/ingest/report_change_list.html"
    change_form_template = "admin/ingest/report_change_form.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("ingest/", view(start_view), name="incidents_report_ingest"),
            path("ingest/<str:token>/", view(review_view), name="incidents_report_ingest_review"),
            path("<path:object_id>/ingest/", view(existing_report_view), name="incidents_report_ingest_existing"),
            *super().get_urls(),
        ]


admin.site.unregister(Report)
admin.site.register(Report, IngestingReportAdmin)
