"""The first ingest page's form: a report pasted or uploaded, its header read, the outlet found or named."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.urls import reverse
from django.utils.html import format_html

from extraction.extract import extract
from extraction.header import decode_report
from extraction.ingestion.quoting import Sentences
from extraction.ingestion.save import held_report
from extraction.lexicon import Lexicon
from extraction.proposal import ExtractionError
from incidents.models import Source
from incidents.models.choices import SourceKind
from incidents.models.sources import validate_uri_characters

MAX_UPLOAD_BYTES = 1024 * 1024
TITLE_CHARS = 160


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
        held = held_report(cleaned.get("url") or "", text)
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
    lead = Sentences(text, body_offset).lead()
    if len(lead) <= TITLE_CHARS:
        return lead
    return lead[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"
