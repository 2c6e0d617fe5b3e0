"""The incident admin: recording, the publishing workflow and merging (stale saves: VersionedAdmin)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from datasets.admin import import_urls
from geo.models import Place
from incidents import deletion, search, workflow
from incidents.admin.base import KeyedSearchMixin, StampUserMixin, VersionedAdmin, VersionedForm
from incidents.admin.review import ReviewedChangesMixin
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
    StatusChange,
)
from incidents.models.choices import Means, Status
from incidents.widgets import PointPickerWidget

# The records whose changes the site-wide history lists.
HISTORY_MODELS = [
    Incident,
    CasualtyClaim,
    Casualty,
    Statement,
    Participation,
    IncidentLink,
    ArmedGroup,
    Person,
    Report,
    Source,
    Place,
]


class IncidentForm(VersionedForm):
    means = forms.MultipleChoiceField(choices=Means.choices, required=False, widget=forms.CheckboxSelectMultiple)
    transition_note = forms.CharField(
        label="Reason for the status change",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required to retract; shown publicly with the retraction.",
    )

    # Set by IncidentAdmin.get_form: the user the form is for.
    user = None

    class Meta:
        model = Incident
        # The admin's fieldsets choose which fields the page shows; these are the ones restyled here.
        fields = ["summary", "means", "latitude"]
        widgets = {"latitude": PointPickerWidget(), "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The status in the database now: a revert opens an earlier version, whose status the
        # workflow must move from, not to.
        self.current_status = None
        if self.instance.pk:
            self.current_status = Incident.objects.filter(pk=self.instance.pk).values_list("status", flat=True).first()
        if "status" in self.fields:
            allowed = workflow.allowed_statuses(self.user, self.current_status)
            self.fields["status"].choices = [(v, label) for v, label in Status.choices if v in allowed]

    def clean(self):
        cleaned = super().clean()
        newly_retracted = cleaned.get("status") == Status.RETRACTED and self.current_status != Status.RETRACTED
        if newly_retracted and not (cleaned.get("transition_note") or "").strip():
            self.add_error("transition_note", "Say why the incident is retracted: the reason is shown on its page.")
        return cleaned


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["group", "report"]


class CasualtyClaimInline(admin.StackedInline):
    model = CasualtyClaim
    extra = 0
    autocomplete_fields = ["report", "claimant_person", "group"]
    fieldsets = [
        (None, {"fields": [("report", "claimed_on"), ("claimant", "claimant_person"), ("category", "group")]}),
        (None, {"fields": [("killed_min", "killed_max"), ("injured_min", "injured_max"), "quote", "note"]}),
    ]
    formfield_overrides = {
        CasualtyClaim._meta.get_field("quote").__class__: {"widget": forms.Textarea(attrs={"rows": 2})}
    }


class CasualtyInline(admin.TabularInline):
    model = Casualty
    extra = 0
    autocomplete_fields = ["person", "report"]
    fields = ["person", "outcome", "claim", "report", "note"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "claim":
            # Only the claims of the incident being edited can name its casualties.
            object_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = CasualtyClaim.objects.filter(incident_id=object_id).select_related("claimant_person")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class LinkOutInline(admin.TabularInline):
    model = IncidentLink
    fk_name = "from_incident"
    extra = 0
    autocomplete_fields = ["to_incident", "report"]
    verbose_name = "link to an earlier or related incident"
    verbose_name_plural = "links from this incident (this incident is a … of)"


class LinkInInline(admin.TabularInline):
    model = IncidentLink
    fk_name = "to_incident"
    extra = 0
    autocomplete_fields = ["from_incident", "report"]
    fields = ["from_incident", "kind", "report", "note"]
    verbose_name = "link from a later or related incident"
    verbose_name_plural = "links to this incident (… is a … of this incident)"


class StatementInline(admin.TabularInline):
    model = Statement.incidents.through
    extra = 0
    autocomplete_fields = ["statement"]
    verbose_name = "statement about this incident"
    verbose_name_plural = "statements about this incident"


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    fields = ["changed_at", "from_status", "to_status", "changed_by", "note"]
    readonly_fields = fields
    verbose_name_plural = "workflow (status changes)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RetractForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="Shown publicly with the notice.")


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(queryset=Incident.objects.none(), widget=forms.RadioSelect, label="Keep")
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, incidents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = incidents


@admin.register(Incident)
class IncidentAdmin(KeyedSearchMixin, ReviewedChangesMixin, StampUserMixin, VersionedAdmin):
    form = IncidentForm
    change_list_template = "admin/incidents/incident/change_list.html"
    list_display = ["public_id", "title", "date_with_precision", "where", "actors", "killed", "contested", "status"]
    list_display_links = ["public_id", "title"]
    list_filter = ["status", "contested", "event_type", "date_precision", "country", "admin_area"]
    date_hierarchy = "start_date"
    # Read through incidents.search (the governorates' and places' names besides).
    search_fields = [
        "public_id",
        "title",
        "summary",
        "place_name",
        "district",
        "participations__group__name",
        "participations__group__name_ar",
        "participations__group__aliases__name",
    ]
    autocomplete_fields = ["place", "country", "admin_area"]

    def keyed_search(self, text, queryset):
        return search.incident_condition(text)

    readonly_fields = ["public_id", "toll", "merged_notice", "created_by", "created_at", "changed_by", "changed_at"]
    inlines = [
        ParticipationInline,
        CasualtyClaimInline,
        CasualtyInline,
        StatementInline,
        LinkOutInline,
        LinkInInline,
        StatusChangeInline,
    ]
    actions = ["send_to_review", "publish", "retract", "merge"]
    fieldsets = [
        (None, {"fields": ["public_id", "merged_notice", "title", "summary", ("status", "transition_note")]}),
        ("When", {"fields": [("start_date", "end_date", "date_precision"), ("time_utc", "time_approximate")]}),
        ("What", {"fields": [("event_type", "sub_event_type"), "means"]}),
        (
            "Where",
            {
                "fields": [
                    ("place_name", "place"),
                    ("country", "admin_area", "district"),
                    "location_precision",
                    "latitude",
                    "longitude",
                ],
                "description": "Pick a gazetteer place, or set the point on the map. A point with no governorate "
                "gets its country and governorate from the borders when saved.",
            },
        ),
        ("Toll", {"fields": ["toll", ("killed_best", "killed_best_pinned")]}),
        ("External ids", {"fields": [("acled_event_id", "ucdp_id")], "classes": ["collapse"]}),
        ("Record", {"fields": [("created_by", "created_at"), ("changed_by", "changed_at"), "expected_version"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_places()
            .prefetch_related(Prefetch("participations", queryset=Participation.objects.select_related("group")))
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def save_model(self, request, obj, form, change):
        from_status = form.current_status
        if from_status != obj.status:
            obj.status_note = form.cleaned_data.get("transition_note", "")
        super().save_model(request, obj, form, change)
        if change:
            workflow.record_transition(request.user, obj, from_status, obj.status_note)
        elif obj.status != Status.DRAFT:
            workflow.record_transition(request.user, obj, Status.DRAFT, obj.status_note)

    def delete_model(self, request, obj):
        gone = deletion.delete_incident(obj)
        if gone:
            also = ", ".join(f"{n} {what}" for what, n in gone.items())
            self.message_user(request, f"Also deleted what only {obj.public_id} used: {also}.", messages.INFO)

    def delete_queryset(self, request, queryset):
        for incident in queryset:
            self.delete_model(request, incident)

    # Columns ----------------------------------------------------------------------------------

    @admin.display(description="date", ordering="start_date")
    def date_with_precision(self, obj):
        return obj.date_display

    @admin.display(description="place", ordering="place_name")
    def where(self, obj):
        area = obj.admin_area.name_en if obj.admin_area_id else (obj.country.name_en if obj.country_id else "")
        return ", ".join(part for part in (obj.place_name, area) if part) or "—"

    @admin.display(description="perpetrator → target")
    def actors(self, obj):
        return obj.actors_display

    @admin.display(description="killed", ordering="killed_best")
    def killed(self, obj):
        return obj.killed_display

    @admin.display(description="derived toll")
    def toll(self, obj):
        if obj.pk is None:
            return "Derived from the casualty claims once saved."
        injured = "not reported" if obj.injured_low is None else f"{obj.injured_low}–{obj.injured_high}"
        civilians = (
            "not reported"
            if obj.civilians_killed_low is None
            else f"{obj.civilians_killed_low}–{obj.civilians_killed_high}"
        )
        return format_html(
            "Killed {} (best {}); injured {}; civilians killed {}{}",
            obj.killed_display,
            "—" if obj.killed_best is None else obj.killed_best,
            injured,
            civilians,
            format_html(" — <strong>{}</strong>", "sources disagree") if obj.contested else "",
        )

    @admin.display(description="merged")
    def merged_notice(self, obj):
        if obj.merged_into_id is None:
            return "—"
        url = reverse("admin:incidents_incident_change", args=[obj.merged_into_id])
        return format_html('Merged into <a href="{}">{}</a>; its page redirects there.', url, obj.merged_into)

    # Workflow actions -------------------------------------------------------------------------

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    def has_merge_permission(self, request):
        return request.user.has_perm(workflow.MERGE_PERMISSION)

    def _transition_all(self, request, queryset, to_status, note=""):
        done, refused = 0, []
        for incident in queryset:
            try:
                workflow.transition(request.user, incident, to_status, note)
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                refused.append(f"{incident.public_id}: {' '.join(getattr(exc, 'messages', [str(exc)]))}")
        if done:
            self.message_user(request, f"{done} incident(s) now {Status(to_status).label.lower()}.", messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    @admin.action(description="Send selected incidents to review", permissions=["change"])
    def send_to_review(self, request, queryset):
        self._transition_all(request, queryset, Status.REVIEW)

    @admin.action(description="Publish selected incidents", permissions=["publish"])
    def publish(self, request, queryset):
        self._transition_all(request, queryset, Status.PUBLISHED)

    @admin.action(description="Retract selected incidents…", permissions=["publish"])
    def retract(self, request, queryset):
        form = RetractForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            self._transition_all(request, queryset, Status.RETRACTED, form.cleaned_data["reason"])
            return None
        return TemplateResponse(
            request,
            "admin/incidents/incident/retract.html",
            {
                **self.admin_site.each_context(request),
                "title": "Retract incidents",
                "incidents": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description="Merge two selected duplicates…", permissions=["merge"])
    def merge(self, request, queryset):
        if queryset.count() != 2:
            self.message_user(request, "Select exactly two incidents to merge.", messages.WARNING)
            return None
        form = MergeForm(request.POST if "keep" in request.POST else None, incidents=queryset)
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            duplicate = queryset.exclude(pk=keep.pk).get()
            result = workflow.merge(request.user, keep, duplicate, form.cleaned_data["note"])
            moved = ", ".join(f"{n} {what}" for what, n in result.moved.items())
            self.message_user(
                request, f"Merged {duplicate.public_id} into {keep.public_id} (moved {moved}).", messages.SUCCESS
            )
            return None
        return TemplateResponse(
            request,
            "admin/incidents/incident/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge duplicate incidents",
                "incidents": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    # Site-wide history ------------------------------------------------------------------------

    def get_urls(self):
        return [
            path("changes/", self.admin_site.admin_view(self.recent_changes), name="incidents_recent_changes"),
            *import_urls(),
            *super().get_urls(),
        ]

    def recent_changes(self, request):
        if not request.user.has_perm("incidents.view_incident"):
            raise PermissionDenied
        rows = []
        for model in HISTORY_MODELS:
            registered = self.admin_site.is_registered(model)
            history = model.history.model.objects.select_related("history_user").order_by("-history_date")[:100]
            rows += [
                {
                    "when": record.history_date,
                    "who": record.history_user,
                    "kind": {"+": "created", "~": "changed", "-": "deleted"}[record.history_type],
                    "model": model._meta.verbose_name,
                    "object": _label(record),
                    # Participations are edited inline, so their history is on their incident's.
                    "url": reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_history", args=[record.id])
                    if registered
                    else reverse("admin:incidents_incident_history", args=[record.incident_id]),
                }
                for record in history
            ]
        rows.sort(key=lambda row: row["when"], reverse=True)
        return TemplateResponse(
            request,
            "admin/incidents/recent_changes.html",
            {**self.admin_site.each_context(request), "title": "Recent changes", "rows": rows[:300]},
        )


def _label(record) -> str:
    """A historical row's own name or title, read without a query per row."""
    for field in ("title", "name", "claimant", "quote"):
        value = getattr(record, field, "")
        if value:
            return str(value)[:120]
    return f"#{record.id}"
