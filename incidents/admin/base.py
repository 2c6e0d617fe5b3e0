import functools
import logging
from contextlib import nullcontext

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError, OperationalError, connections, router, transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from incidents.ids import is_id
from incidents.locking import StaleEdit, changes_since, claim_version, current_version
from incidents.workflow import can_publish

logger = logging.getLogger(__name__)


def require_id(model, value):
    if not is_id(model, value):
        raise Http404(f"No {model._meta.verbose_name} has that id.")


def admin_link(obj, label=None):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, label or obj)


class KeyedSearchMixin:
    """The search box finds what the public search finds, whatever the spelling: `search_fields`
    names the fields read, and `keyed_search` (incidents.search) reads them through the search key
    rather than Django's word-by-word icontains."""

    def keyed_search(self, text: str, queryset) -> Q:
        raise NotImplementedError

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.filter(self.keyed_search(search_term, queryset)), False


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


class GuardedChangeListMixin:
    """A changelist answering lookups the database cannot run as bad lookups (IncorrectLookupParameters,
    which the changelist view answers with a redirect to ?e=1) instead of a server error.

    Hand-made URLs reach these: a date drill-down past year 9999 (`start_date__year=9999`), numbers
    too large for an integer column (`country=<2**70>`, `id__in=...`: OverflowError on SQLite), an
    invalid regular expression (`title__regex=(`: OperationalError on SQLite, DataError on PostgreSQL).
    Other database errors are not caught: they are the server's, and reported as such.
    """

    def get_queryset(self, request, exclude_parameters=None):
        try:
            return super().get_queryset(request, exclude_parameters)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        # The lookups reach the database here, when the list is counted and read: read it all now,
        # so that nothing fails later while the page is rendered. Inside a transaction (tests, or an
        # atomic request) a savepoint keeps a failed query from breaking it on PostgreSQL.
        # Only what a lookup's values cause is caught: a database that fails for another reason
        # (a lost connection, a timeout, a missing migration) is still a server error, and reported.
        db = self.queryset.db
        try:
            with transaction.atomic(using=db) if connections[db].in_atomic_block else nullcontext():
                super().get_results(request)
                len(self.result_list)
        except (OverflowError, DataError, OperationalError) as error:
            if isinstance(error, OperationalError) and not _sqlite_function_failed(connections[db], error):
                raise
            logger.warning("Changelist lookup refused (%s): %s", request.get_full_path(), error)
            raise IncorrectLookupParameters(error) from error


def _sqlite_function_failed(connection, error) -> bool:
    """Whether SQLite refused a query because a function Django gives it raised: its REGEXP, on an
    invalid regular expression (PostgreSQL says DataError)."""
    return connection.vendor == "sqlite" and "user-defined function raised exception" in str(error)


class Count(int):
    """A count that prints with thousands separators ("5,565"), as the public pages print them.
    Django's admin prints its changelist counts as they are ("5565 incidents", "Select all 5565"),
    and formats an integer's separators only if USE_THOUSAND_SEPARATOR, which would also put them
    in every id and year it prints."""

    def __str__(self):
        return f"{int(self):,}"


class ReadableCountsChangeListMixin:
    """A changelist whose counts (the paginator's, the search's "N results (M total)", the
    actions' "Select all N") print with thousands separators."""

    def get_results(self, request):
        super().get_results(request)
        self.result_count = Count(self.result_count)
        if self.full_result_count is not None:
            self.full_result_count = Count(self.full_result_count)


@functools.cache
def site_changelist(changelist_class):
    """The changelist every ModelAdmin uses: guarded against bad lookups, its counts readable."""
    if issubclass(changelist_class, GuardedChangeListMixin):
        return changelist_class
    mixins = (GuardedChangeListMixin, ReadableCountsChangeListMixin)
    return type(f"Guarded{changelist_class.__name__}", (*mixins, changelist_class), {})


class GuardedAdminMixin:
    """For every ModelAdmin: a hand-made changelist URL or action selection is refused, not a server
    error; and the changelist's counts are readable (`site_changelist`)."""

    def get_changelist(self, request, **kwargs):
        return site_changelist(super().get_changelist(request, **kwargs))

    def response_action(self, request, queryset):
        # The checkboxes hold the listed records' ids; anything else was made by hand.
        selected = request.POST.getlist(ACTION_CHECKBOX_NAME)
        bad = next((value for value in selected if not is_id(self.model, value)), None)
        if bad is not None:
            shown = bad if len(bad) <= 40 else bad[:39] + "…"
            self.message_user(
                request,
                f"“{shown}” is not the id of any {self.model._meta.verbose_name}: "
                "select the items from the list. No items have been changed.",
                messages.WARNING,
            )
            return None
        return super().response_action(request, queryset)


def guard_registered(site):
    """Gives every registered ModelAdmin (Django's and other apps' too) GuardedAdminMixin; run once
    all are registered (IncidentsConfig.ready)."""
    for model, model_admin in list(site._registry.items()):
        if not isinstance(model_admin, GuardedAdminMixin):
            admin_class = type(model_admin)
            guarded = type(
                admin_class.__name__, (GuardedAdminMixin, admin_class), {"__module__": admin_class.__module__}
            )
            site.unregister(model)
            site.register(model, guarded)


class AuditedAdmin(SimpleHistoryAdmin):
    """Every change is in the record's history (who, when, field by field); only editors revert."""

    def has_change_history_permission(self, request, obj=None):
        return can_publish(request.user) and self.has_change_permission(request, obj)

    def history_view(self, request, object_id, extra_context=None):
        require_id(self.model, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        require_id(self.model, unquote(object_id))
        require_id(getattr(self.model, self.model._meta.simple_history_manager_attribute).model, version_id)
        if request.method == "POST" and not self.has_change_history_permission(request):
            raise PermissionDenied("Only editors revert records to an earlier version.")
        # A revert is a save like the change form's, which Django runs in a transaction: the
        # form's check of the version locks the row, and a refused save leaves nothing behind.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)


class VersionedForm(forms.ModelForm):
    """The admin form of a Versioned record: it carries the version it was opened at, and refuses
    to save over a newer one.

    A row edited as a part of another record (a claim of an incident) has no version of its own:
    `version_of` names the record whose version guards it, as on that record's page."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    version_of = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The record as it is now: the part's record before the form moves it to another.
        self.versioned = None
        if self.instance.pk:
            self.versioned = getattr(self.instance, self.version_of) if self.version_of else self.instance
            # The version in the database now, not the instance's: a revert opens an old instance.
            self.fields["expected_version"].initial = current_version(type(self.versioned), self.versioned.pk)

    def clean(self):
        cleaned = super().clean()
        record = self.versioned
        if record is not None:
            expected = cleaned.get("expected_version")
            # Locks the row on PostgreSQL until this save commits (the admin saves in a transaction):
            # a concurrent save waits, then sees the new version here and is refused with the
            # changes instead of overwriting them.
            if expected is None or current_version(type(record), record.pk, lock=True) != expected:
                raise ValidationError(
                    f"This {record._meta.verbose_name} was changed by someone else after you opened it, so your "
                    f"changes were not saved. Changed meanwhile: {'; '.join(changes_since(record, expected or 0))}. "
                    "Reload the page to edit the latest version."
                )
        return cleaned


def part_of(attribute: str):
    """The VersionedForm of rows edited as parts of the record `attribute` names."""
    return type(f"PartOf{attribute.title().replace('_', '')}Form", (VersionedForm,), {"version_of": attribute})


class VersionedAdmin(AuditedAdmin):
    """The admin of a Versioned record: no save (a change or a revert) overwrites another unseen.

    Lines edited inline on the record's page are covered by the record's version: every save of
    the page moves it on. A form set on a subclass must derive from VersionedForm.
    """

    form = VersionedForm

    def save_model(self, request, obj, form, change):
        if change:
            claim_version(form.versioned, form.cleaned_data["expected_version"])
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEdit as stale:
            return self._refuse_stale(request, stale)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except StaleEdit as stale:
            return self._refuse_stale(request, stale)

    def _refuse_stale(self, request, stale):
        # Another save won the race after this form was validated; nothing of this one was kept.
        changes = changes_since(stale.record, stale.expected_version)
        self.message_user(
            request,
            f"Not saved: someone else saved this {self.model._meta.verbose_name} at the same moment. "
            f"Changed meanwhile: {'; '.join(changes)}",
            messages.ERROR,
        )
        return HttpResponseRedirect(request.path)


class ApprovalMixin:
    """Groups, people and reports: editors approve them for the public (incidents.visibility);
    what a contributor adds waits for an editor, and staff notes stay with staff."""

    actions = ["approve"]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "approved"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), "approved"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if can_publish(request.user) else [*readonly, "approved"]

    def save_model(self, request, obj, form, change):
        if not change and not can_publish(request.user):
            obj.approved = False
        super().save_model(request, obj, form, change)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not can_publish(request.user):
            actions.pop("approve", None)
        return actions

    @admin.action(description="Approve selected for the public")
    def approve(self, request, queryset):
        done = queryset.filter(approved=False).update(approved=True)
        self.message_user(request, f"{done} approved.", messages.SUCCESS)
