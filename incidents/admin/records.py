from django import forms
from django.contrib import admin
from django.db.models import Q
from django.utils.html import format_html_join

from incidents import search
from incidents.admin.base import ApprovalMixin, KeyedSearchMixin, StampUserMixin, VersionedAdmin, admin_link, part_of
from incidents.admin.review import ReviewedChangesMixin
from incidents.models import (
    Affiliation,
    ArmedGroup,
    Casualty,
    CasualtyClaim,
    ExternalName,
    GroupAlias,
    IncidentLink,
    Person,
    Report,
    Source,
    Statement,
)


@admin.register(CasualtyClaim)
class CasualtyClaimAdmin(ReviewedChangesMixin, VersionedAdmin):
    form = part_of("incident")
    list_display = ["incident", "claimant_display", "category", "killed_display", "injured_display", "report"]
    list_select_related = ["incident", "report__source", "claimant_person"]
    list_filter = ["category"]
    search_fields = ["claimant", "claimant_person__name", "quote", "incident__title", "incident__public_id"]
    autocomplete_fields = ["incident", "report", "claimant_person", "group"]


@admin.register(Casualty)
class CasualtyAdmin(ReviewedChangesMixin, VersionedAdmin):
    form = part_of("incident")
    list_display = ["person", "outcome", "incident"]
    list_select_related = ["person", "incident"]
    list_filter = ["outcome"]
    search_fields = ["person__name", "person__aliases", "incident__title"]
    autocomplete_fields = ["incident", "person", "claim", "report"]


@admin.register(IncidentLink)
class IncidentLinkAdmin(ReviewedChangesMixin, VersionedAdmin):
    form = part_of("from_incident")
    list_display = ["from_incident", "kind", "to_incident"]
    list_select_related = ["from_incident", "to_incident"]
    list_filter = ["kind"]
    search_fields = ["from_incident__title", "to_incident__title", "from_incident__public_id", "to_incident__public_id"]
    autocomplete_fields = ["from_incident", "to_incident", "report"]


# Sources and reports --------------------------------------------------------------------------


@admin.register(Source)
class SourceAdmin(ReviewedChangesMixin, VersionedAdmin):
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
class ReportAdmin(ReviewedChangesMixin, ApprovalMixin, StampUserMixin, VersionedAdmin):
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
class ArmedGroupAdmin(KeyedSearchMixin, ReviewedChangesMixin, ApprovalMixin, VersionedAdmin):
    list_display = ["name", "name_ar", "abbreviation", "kind", "parent", "alias_list"]
    list_select_related = ["parent"]
    list_filter = ["kind", "countries"]
    search_fields = ["name", "name_ar", "abbreviation", "aliases__name", "external_names__value"]
    autocomplete_fields = ["parent", "backers", "countries"]
    readonly_fields = ["member_groups"]
    inlines = [GroupAliasInline, ExternalNameInline, GroupAffiliationInline]

    def keyed_search(self, text, queryset):
        # Besides the names: the datasets' actor strings, as they are written.
        external = ExternalName.objects.filter(value__icontains=text.strip()).values("group_id")
        return Q(pk__in=search.group_ids(text)) | Q(pk__in=external)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="aliases")
    def alias_list(self, obj):
        return ", ".join(alias.name for alias in obj.aliases.all())

    @admin.display(description="member groups")
    def member_groups(self, obj):
        members = obj.members.all() if obj.pk else []
        return format_html_join(", ", "{}", ((admin_link(m),) for m in members)) or "—"


class PersonAffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 1
    autocomplete_fields = ["group"]


@admin.register(Person)
class PersonAdmin(KeyedSearchMixin, ReviewedChangesMixin, ApprovalMixin, VersionedAdmin):
    list_display = ["name", "name_ar", "current_roles"]
    search_fields = ["name", "name_ar", "aliases"]

    def keyed_search(self, text, queryset):
        return Q(pk__in=search.person_ids(text, queryset))

    inlines = [PersonAffiliationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("affiliations__group")

    @admin.display(description="roles")
    def current_roles(self, obj):
        return "; ".join(f"{a.title or a.get_role_display()}, {a.group or a.body}" for a in obj.affiliations.all())


@admin.register(Statement)
class StatementAdmin(ReviewedChangesMixin, VersionedAdmin):
    list_display = ["said_on", "speaker_display", "stance", "short_quote", "report"]
    list_select_related = ["speaker", "body_group", "report__source"]
    list_filter = ["stance"]
    date_hierarchy = "said_on"
    search_fields = ["quote", "speaker__name", "speaker_title", "body", "body_group__name"]
    autocomplete_fields = ["speaker", "body_group", "report", "incidents"]

    @admin.display(description="quote")
    def short_quote(self, obj):
        return obj.quote if len(obj.quote) <= 80 else obj.quote[:77] + "…"
