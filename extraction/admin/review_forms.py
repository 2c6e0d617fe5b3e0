"""The review page's forms together: the incident, where the records go, every item, and the checks
between them; each row annotated with what the report said."""

from django import forms

from extraction.admin.item_forms import ClaimForm, GroupForm, LinkForm, PersonForm, StatementForm, autocomplete, preload
from extraction.admin.rows import added_count, added_label, rows
from extraction.ingestion.items import ClaimItem, GroupItem, Ingestion, LinkItem, PersonItem, StatementItem
from geo.models import AdminArea, Country, Place
from incidents import visibility, workflow
from incidents.models import ArmedGroup, Incident, IncidentLink, Person, Report
from incidents.models.choices import Means

QUOTE_MARKS = "\"“”‘’'., "


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
        widget=autocomplete(Incident, "place"),
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
        widget=autocomplete(IncidentLink, "to_incident"),
    )
    # The version the reviewer saw, when they chose the incident from the list of possible duplicates.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("choice") == "existing" and cleaned.get("incident") is None and "incident" not in self.errors:
            self.add_error("incident", "Choose the incident to add the report's records to.")
        return cleaned


class Review:
    """Every form of the review page, and the cross-checks between them."""

    def __init__(self, data, proposed: Ingestion, proposal: dict, user):
        self.proposed = proposed
        self.proposal = proposal
        self.user = user
        self.keys = keys = _key_labels(proposed, data)
        self.target = TargetForm(data, prefix="target")
        self.incident = IncidentReviewForm(data, prefix="incident", instance=proposed.incident)
        self.groups = rows(GroupForm, GroupItem, "g", "groups", proposed.groups, data, keys)
        self.people = rows(PersonForm, PersonItem, "p", "people", proposed.people, data, keys)
        self.claims = rows(ClaimForm, ClaimItem, "c", "claims", proposed.claims, data, keys)
        said_on = proposed.report.published_on
        self.statements = rows(
            StatementForm, StatementItem, "s", "statements", proposed.statements, data, keys, said_on=said_on
        )
        self.links = rows(LinkForm, LinkItem, "l", "links", proposed.links, data, keys, include=True)
        self.formsets = [self.groups, self.people, self.claims, self.statements, self.links]
        # The template an added row is copied from in the browser, one per kind.
        self.blank = {formset.prefix: formset.empty_form for formset in self.formsets}
        _annotate(self, proposal)
        preload([self.target, self.incident, *self.groups, *self.people, *self.links])

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
        self._check_new_groups()
        return not self.target.errors and all(formset.is_valid() for formset in self.formsets)

    def _check_new_groups(self):
        # Group names are unique: two rows creating one group would have the database refuse both.
        seen = set()
        for form in self.groups:
            name = (form.cleaned_data.get("name") or "").strip() if form.kept() else ""
            if name and form.cleaned_data.get("group") is None:
                if name.casefold() in seen:
                    form.add_error("name", f"“{name}” is a new group in another row too: keep one of them.")
                seen.add(name.casefold())

    def _check_references(self):
        kept = {
            name: {form.cleaned_data["key"] for form in formset if form.kept()}
            for name, formset in [("groups", self.groups), ("people", self.people), ("claims", self.claims)]
        }
        labels = {name: dict(self.keys[name]) for name in kept}
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

    def ingestion(self, report: Report) -> Ingestion:
        if self.attaching:
            incident = self.target.cleaned_data["incident"]
            version = self.target.cleaned_data.get("version")
        else:
            incident, version = self.incident.save(commit=False), None
        return Ingestion(
            report=report,
            incident=incident,
            expected_version=version,
            groups=_items(self.groups),
            people=_items(self.people),
            claims=_items(self.claims),
            statements=_items(self.statements),
            links=_items(self.links),
        )

    def error_count(self) -> int:
        shown = [self.target] + ([] if self.attaching else [self.incident])
        forms_ = [*shown, *(form for formset in self.formsets for form in formset)]
        count = sum(len(form.errors) for form in forms_ if form.is_bound)
        return count + sum(len(formset.non_form_errors()) for formset in self.formsets if formset.is_bound)


def _items(formset) -> list:
    """The rows' items, but for added rows left empty (their cleaned data is empty too)."""
    return [form.item() for form in formset if form.cleaned_data]


def _key_labels(proposed: Ingestion, data) -> dict:
    """What the choices between rows (a claim's group, a statement's speaker) call each row."""
    groups = ArmedGroup.objects.in_bulk([g.group_id for g in proposed.groups if g.group_id])
    people = Person.objects.in_bulk([p.person_id for p in proposed.people if p.person_id])
    labels = {
        "groups": [(g.key, groups[g.group_id].name if g.group_id in groups else g.name) for g in proposed.groups],
        "people": [(p.key, people[p.person_id].name if p.person_id in people else p.name) for p in proposed.people],
        "claims": [(c.key, f"{c.claimant}: {_figures(c)}") for c in proposed.claims],
    }
    for kind, letter, noun, typed in [("groups", "g", "group", "name"), ("people", "p", "person", "name"),
                                      ("claims", "c", "claim", "claimant")]:  # fmt: skip
        proposed_count = len(labels[kind])
        for number in range(1, added_count(data, kind, proposed_count) + 1):
            index = proposed_count + number - 1
            name = (data.get(f"{kind}-{index}-{typed}") or "").strip() if data is not None else ""
            label = added_label(noun, number)
            labels[kind].append((f"{letter}{index}", f"{label}: {name}" if name else label))
    return labels


def _figures(claim: ClaimItem) -> str:
    def span(low, high):
        return "" if low is None else (str(low) if low == high else f"{low}–{high if high is not None else '…'}")

    parts = [f"{what} {span(low, high)}" for what, low, high in [
        ("killed", claim.killed_min, claim.killed_max),
        ("injured", claim.injured_min, claim.injured_max),
    ] if low is not None]  # fmt: skip
    return ", ".join(parts) or "no figures"


def _annotate(review: Review, proposal: dict):
    """Give each row what the report said: the words found, and the item id its highlights carry;
    an added row, its name among the rows added."""
    labels = dict(review.keys["groups"] + review.keys["people"] + review.keys["claims"])
    for formset, kind, prefix, noun in [
        (review.groups, "groups", "g", "group"),
        (review.people, "people", "p", "person"),
        (review.claims, "casualty_claims", "c", "claim"),
        (review.statements, "statements", "s", "statement"),
        (review.links, "links", "l", "link"),
    ]:
        for index, form in enumerate(formset.initial_forms):
            item = f"{prefix}{index}"
            if kind == "links":
                form.found = _found_in_link(form, proposal)
            else:
                form.found = _found(proposal[kind][index], kind, item)
            form.found["label"] = labels.get(item, form.found["label"])
        for number, form in enumerate(formset.added_forms(), start=1):
            form.found = {"item": "", "text": "", "count": 0, "label": added_label(noun, number), "added": True}
        review.blank[formset.prefix].found = {"item": "", "text": "", "count": 0, "label": f"new {noun}", "added": True}


def _found(found: dict, kind: str, item: str) -> dict:
    text = _squash(found["text"]).strip(QUOTE_MARKS) if kind == "statements" else _squash(found["text"])
    annotation = {"item": item, "text": text, "count": len(found["spans"]), "label": text}
    if kind == "groups":
        annotation["roles"] = [f"{r['role']} ({r['attribution']}): “{r['cue']}”" for r in found["roles"]]
    if kind == "people":
        annotation["role"] = found["role"] or found["title"]
    return annotation


def _found_in_link(form, proposal: dict) -> dict:
    date_key = form.initial.get("date_key")
    mention = proposal["dates"][int(date_key[1:])] if date_key else None
    return {
        "item": date_key or "",
        "text": _squash(mention["text"]) if mention else "",
        "count": len(mention["spans"]) if mention else 0,
        "label": form.initial["key"],
    }


def _squash(text: str) -> str:
    return " ".join(text.split())
