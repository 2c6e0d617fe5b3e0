"""The review page's forms for one proposal item each: group, person, casualty claim, statement, link."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect

from extraction.ingestion.items import ClaimItem, GroupItem, LinkItem, PersonItem, StatementItem
from incidents.ids import is_id
from incidents.models import ArmedGroup, Casualty, Incident, IncidentLink, Participation, Person
from incidents.models.choices import (
    Attribution,
    CasualtyCategory,
    CasualtyOutcome,
    GroupKind,
    LinkKind,
    ParticipationRole,
    RoleKind,
    Stance,
)


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


def autocomplete(model, field_name):
    return PreloadedAutocomplete(model._meta.get_field(field_name), admin.site)


def preload(forms_):
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
                # The page's script offers a row added in the browser in these lists too.
                field.widget.attrs["data-keys"] = kind

    def kept(self) -> bool:
        return bool(self.cleaned_data.get("include"))


def _required_when_kept(form, *names):
    for name in names:
        value = form.cleaned_data.get(name)
        if value in (None, "") and name not in form.errors:
            form.add_error(name, "Required for an item you keep.")


class GroupForm(KeyedForm):
    group = forms.ModelChoiceField(
        ArmedGroup.objects.all(), label="Existing group", required=False, widget=autocomplete(Participation, "group")
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

    def item(self) -> GroupItem:
        c = self.cleaned_data
        return GroupItem(
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
        Person.objects.all(), label="Existing person", required=False, widget=autocomplete(Casualty, "person")
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

    def item(self) -> PersonItem:
        c = self.cleaned_data
        return PersonItem(
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
            if low is None and high is not None and f"{what}_min" not in self.errors:
                self.add_error(f"{what}_min", "Give the minimum too (the same as the maximum for an exact figure).")
            elif low is not None and high is not None and low > high:
                self.add_error(f"{what}_max", f"The maximum ({high}) is below the minimum ({low}).")
        return cleaned

    def item(self) -> ClaimItem:
        c = self.cleaned_data
        return ClaimItem(
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

    def item(self) -> StatementItem:
        c = self.cleaned_data
        return StatementItem(
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
        widget=autocomplete(IncidentLink, "to_incident"),
    )
    kind = forms.ChoiceField(label="This incident is a", choices=LinkKind.choices, initial=LinkKind.FOLLOW_UP_TO)
    note = forms.CharField(max_length=500, required=False)
    date_key = forms.CharField(widget=forms.HiddenInput, required=False, disabled=True)

    def clean(self):
        cleaned = super().clean()
        if self.kept():
            _required_when_kept(self, "to_incident")
        return cleaned

    def item(self) -> LinkItem:
        c = self.cleaned_data
        return LinkItem(
            key=c["key"],
            include=c["include"],
            to_incident_id=c["to_incident"].pk if c.get("to_incident") else None,
            kind=c["kind"],
            note=c["note"],
            date_key=c["date_key"],
        )
