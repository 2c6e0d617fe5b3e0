from django import forms
from django.contrib import admin
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from incidents.models import (
    Affiliation,
    ArmedGroup,
    Casualty,
    CasualtyClaim,
    ExternalName,
    GroupAlias,
    Incident,
    IncidentLink,
    Participation,
    Person,
    Report,
    Source,
    Statement,
)
from incidents.models.choices import Means
from incidents.widgets import PointPickerWidget


def _admin_link(obj, label=None):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, label or obj)


class StampUserMixin:
    """Fills created_by/changed_by (or ingested_by) from the logged-in user."""

    def save_model(self, request, obj, form, change):
        if hasattr(obj, "changed_by_id"):
            obj.changed_by = request.user
        if not change:
            for field in ("created_by", "ingested_by"):
                if hasattr(obj, f"{field}_id"):
                    setattr(obj, field, request.user)
        super().save_model(request, obj, form, change)


# Incidents ------------------------------------------------------------------------------------


class IncidentForm(forms.ModelForm):
    means = forms.MultipleChoiceField(choices=Means.choices, required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Incident
        # The admin's fieldsets choose which fields the page shows; these are the ones restyled here.
        fields = ["summary", "means", "latitude"]
        widgets = {"latitude": PointPickerWidget(), "summary": forms.Textarea(attrs={"rows": 4})}


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


@admin.register(Incident)
class IncidentAdmin(StampUserMixin, admin.ModelAdmin):
    form = IncidentForm
    list_display = ["public_id", "title", "date_with_precision", "where", "actors", "killed", "contested", "status"]
    list_display_links = ["public_id", "title"]
    list_filter = ["status", "contested", "event_type", "date_precision", "country", "admin_area"]
    list_select_related = ["country", "admin_area"]
    date_hierarchy = "start_date"
    search_fields = [
        "public_id",
        "title",
        "summary",
        "place_name",
        "participations__group__name",
        "participations__group__name_ar",
        "participations__group__aliases__name",
    ]
    autocomplete_fields = ["place", "country", "admin_area"]
    readonly_fields = [
        "public_id",
        "toll",
        "created_by",
        "created_at",
        "changed_by",
        "changed_at",
    ]
    inlines = [ParticipationInline, CasualtyClaimInline, CasualtyInline, StatementInline, LinkOutInline, LinkInInline]
    fieldsets = [
        (None, {"fields": ["public_id", "title", "summary", "status"]}),
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
        ("Record", {"fields": [("created_by", "created_at"), ("changed_by", "changed_at")]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("participations", queryset=Participation.objects.select_related("group")))
        )

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
        return format_html(
            "Killed {} (best {}); injured {}; civilians killed {}{}",
            obj.killed_display,
            "—" if obj.killed_best is None else obj.killed_best,
            "not reported" if obj.injured_low is None else f"{obj.injured_low}–{obj.injured_high}",
            "not reported"
            if obj.civilians_killed_low is None
            else f"{obj.civilians_killed_low}–{obj.civilians_killed_high}",
            format_html(" — <strong>{}</strong>", "sources disagree") if obj.contested else "",
        )


@admin.register(CasualtyClaim)
class CasualtyClaimAdmin(admin.ModelAdmin):
    list_display = ["incident", "claimant_display", "category", "killed_display", "injured_display", "report"]
    list_select_related = ["incident", "report__source", "claimant_person"]
    list_filter = ["category"]
    search_fields = ["claimant", "claimant_person__name", "quote", "incident__title", "incident__public_id"]
    autocomplete_fields = ["incident", "report", "claimant_person", "group"]


@admin.register(Casualty)
class CasualtyAdmin(admin.ModelAdmin):
    list_display = ["person", "outcome", "incident"]
    list_select_related = ["person", "incident"]
    list_filter = ["outcome"]
    search_fields = ["person__name", "person__aliases", "incident__title"]
    autocomplete_fields = ["incident", "person", "claim", "report"]


@admin.register(IncidentLink)
class IncidentLinkAdmin(admin.ModelAdmin):
    list_display = ["from_incident", "kind", "to_incident"]
    list_select_related = ["from_incident", "to_incident"]
    list_filter = ["kind"]
    search_fields = ["from_incident__title", "to_incident__title", "from_incident__public_id", "to_incident__public_id"]
    autocomplete_fields = ["from_incident", "to_incident", "report"]


# Sources and reports --------------------------------------------------------------------------


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "url"]
    list_filter = ["kind"]
    search_fields = ["name"]


class ReportClaimInline(admin.TabularInline):
    model = CasualtyClaim
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["incident", "claimant_display", "figures_display"]
    readonly_fields = fields
    verbose_name_plural = "casualty claims citing this report"

    def has_add_permission(self, request, obj=None):
        return False


class ReportStatementInline(admin.TabularInline):
    model = Statement
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["said_on", "speaker_display", "stance", "quote"]
    readonly_fields = fields
    verbose_name_plural = "statements citing this report"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(StampUserMixin, admin.ModelAdmin):
    list_display = ["published_on", "source", "title", "language"]
    list_select_related = ["source"]
    list_filter = ["source__kind", "language"]
    date_hierarchy = "published_on"
    search_fields = ["title", "text", "source__name", "url"]
    autocomplete_fields = ["source"]
    readonly_fields = ["ingested_by", "created_at"]
    inlines = [ReportClaimInline, ReportStatementInline]
    formfield_overrides = {Report._meta.get_field("text").__class__: {"widget": forms.Textarea(attrs={"rows": 20})}}


# Groups and people ----------------------------------------------------------------------------


class GroupAliasInline(admin.TabularInline):
    model = GroupAlias
    extra = 1


class ExternalNameInline(admin.TabularInline):
    model = ExternalName
    extra = 0


class GroupAffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "title", "start_date", "end_date"]
    verbose_name_plural = "people affiliated"


@admin.register(ArmedGroup)
class ArmedGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "name_ar", "abbreviation", "kind", "parent", "alias_list"]
    list_select_related = ["parent"]
    list_filter = ["kind", "countries"]
    search_fields = ["name", "name_ar", "abbreviation", "aliases__name", "external_names__value"]
    autocomplete_fields = ["parent", "backers", "countries"]
    readonly_fields = ["member_groups"]
    inlines = [GroupAliasInline, ExternalNameInline, GroupAffiliationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="aliases")
    def alias_list(self, obj):
        return ", ".join(alias.name for alias in obj.aliases.all())

    @admin.display(description="member groups")
    def member_groups(self, obj):
        members = obj.members.all() if obj.pk else []
        return format_html_join(", ", "{}", ((_admin_link(m),) for m in members)) or "—"


class PersonAffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 1
    autocomplete_fields = ["group"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "name_ar", "current_roles"]
    search_fields = ["name", "name_ar", "aliases"]
    inlines = [PersonAffiliationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("affiliations__group")

    @admin.display(description="roles")
    def current_roles(self, obj):
        return "; ".join(f"{a.title or a.get_role_display()}, {a.group or a.body}" for a in obj.affiliations.all())


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["said_on", "speaker_display", "stance", "short_quote", "report"]
    list_select_related = ["speaker", "body_group", "report__source"]
    list_filter = ["stance"]
    date_hierarchy = "said_on"
    search_fields = ["quote", "speaker__name", "speaker_title", "body", "body_group__name"]
    autocomplete_fields = ["speaker", "body_group", "report", "incidents"]

    @admin.display(description="quote")
    def short_quote(self, obj):
        return obj.quote if len(obj.quote) <= 80 else obj.quote[:77] + "…"
