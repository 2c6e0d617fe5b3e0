"""Review means review: a contributor's save that would change what the public sees is held.

The save runs as usual, every check included, inside the admin's transaction; when it touched a
public record (incidents.visibility.is_public, before or after the save) and the user may not
publish, the transaction is rolled back and the submitted form is kept as a PendingChange with a
line-by-line account of what it does. An editor approves it by submitting the same form again as
themselves (so a record changed meanwhile is refused as a stale edit), or rejects it.
"""

import copy

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponseRedirect, QueryDict
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.html import format_html, format_html_join

from incidents import visibility
from incidents.models import PendingChange
from incidents.workflow import can_publish

# Buttons that would turn an approval into something else than the save proposed.
_NOT_REPLAYED = {"csrfmiddlewaretoken", "_continue", "_addanother", "_saveasnew"}


class HeldForReview(Exception):
    def __init__(self, record, changes: list[str]):
        super().__init__(str(record))
        self.record = record
        self.changes = changes


def _text(record, field) -> str:
    if field.many_to_many:
        value = ", ".join(sorted(str(item) for item in getattr(record, field.name).all()))
    elif field.choices:
        value = getattr(record, f"get_{field.name}_display")()
    else:
        value = getattr(record, field.name)
    return "" if value is None else str(value)


def _fields(record, skip=()) -> dict[str, str]:
    fields = [*record._meta.concrete_fields, *record._meta.many_to_many]
    return {
        str(field.verbose_name): _text(record, field)
        for field in fields
        if field.editable and not field.primary_key and field.name not in skip
    }


def snapshot(model_admin, request, record) -> dict:
    """{(kind, id): {field: value as text}} of the record and the rows edited on its page."""
    if record is None or record.pk is None:
        return {}
    rows = {(str(record._meta.verbose_name), record.pk): _fields(record, skip={"version"})}
    for inline in model_admin.get_inline_instances(request, record):
        editable = inline.has_add_permission(request, record) or inline.has_change_permission(request, record)
        if not editable:
            continue  # a read-only list, such as the workflow's log, changes with the save itself
        fk = inline.get_formset(request, record).fk
        for row in inline.model._default_manager.filter(**{fk.name: record}):
            rows[(str(inline.model._meta.verbose_name), row.pk)] = _fields(row, skip={fk.name})
    return rows


def _short(text: str) -> str:
    return text if len(text) <= 120 else text[:117] + "…"


def _summary(fields: dict) -> str:
    text = "; ".join(f"{name}: {value}" for name, value in fields.items() if value)
    return text if len(text) <= 400 else text[:397] + "…"


def describe(before: dict, after: dict) -> list[str]:
    """What the save does, a line per record added or removed and per field changed."""
    lines = []
    for key in [*before, *(key for key in after if key not in before)]:
        kind, _ = key
        old, new = before.get(key), after.get(key)
        if old is None:
            lines.append(f"{kind.capitalize()} added: {_summary(new)}")
        elif new is None:
            lines.append(f"{kind.capitalize()} removed: {_summary(old)}")
        else:
            lines += [
                f"{kind.capitalize()}, {name}: “{_short(old.get(name, ''))}” → “{_short(value)}”"
                for name, value in new.items()
                if old.get(name, "") != value
            ]
    return lines or ["No visible change."]


class ReviewedChangesMixin:
    """For every admin of a record the public sees (or sees through an incident)."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST" or can_publish(request.user) or hasattr(request, "pending_change"):
            return super().changeform_view(request, object_id, form_url, extra_context)
        record = self.get_object(request, unquote(object_id)) if object_id else None
        request.review_before = snapshot(self, request, record)
        request.review_was_public = record is not None and visibility.is_public(record)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except HeldForReview as held:
            change = PendingChange.objects.create(
                content_type=ContentType.objects.get_for_model(self.model),
                object_id=record.pk if record else None,
                object_repr=str(record or held.record)[:300],
                data={key: values for key, values in request.POST.lists() if key not in _NOT_REPLAYED},
                changes=held.changes,
                proposed_by=request.user,
            )
            self.message_user(
                request,
                "Saved for review: an editor will approve or reject your change. Until then the public sees "
                "the record as it was.",
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:incidents_pendingchange_change", args=[change.pk]))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if hasattr(request, "review_before") and (request.review_was_public or visibility.is_public(form.instance)):
            after = snapshot(self, request, form.instance)
            raise HeldForReview(form.instance, describe(request.review_before, after))
        request.review_applied = True

    def save_model(self, request, obj, form, change):
        pending = getattr(request, "pending_change", None)
        if pending is not None:
            obj._change_reason = (
                f"Proposed by {pending.proposed_by.get_username()} (pending change {pending.pk}), "
                f"approved by {request.user.get_username()}"
            )
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        # A contributor's deletion of a public record could not be undone by review: editors delete.
        if obj is not None and not can_publish(request.user) and visibility.is_public(obj):
            return False
        return super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            record = self.get_object(request, unquote(object_id))
            waiting = PendingChange.pending_for(record).count() if record is not None else 0
            if waiting:
                url = reverse("admin:incidents_pendingchange_changelist")
                self.message_user(
                    request,
                    format_html(
                        '{} proposed change(s) to this record wait for review: <a href="{}">see them</a>.',
                        waiting,
                        f"{url}?state__exact={PendingChange.State.PENDING}",
                    ),
                    messages.INFO,
                )
        return super().change_view(request, object_id, form_url, extra_context)


def apply(request, change: PendingChange) -> list[str] | None:
    """Submit the proposed form again as the editor making `request`: None once saved, else why not."""
    model_admin = admin.site._registry[change.model]
    opts = change.model._meta
    if change.object_id is None:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    else:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[change.object_id])
    data = QueryDict(mutable=True)
    for key, values in change.data.items():
        data.setlist(key, values)
    # The editor's own token: this request passed the admin's CSRF check with it.
    data["csrfmiddlewaretoken"] = request.POST.get("csrfmiddlewaretoken", "")
    replay = copy.copy(request)
    replay.method = "POST"
    replay.GET = QueryDict()
    replay._post, replay._files = data, MultiValueDict()
    replay.path = replay.path_info = url
    replay.resolver_match = resolve(url)
    replay.pending_change = change
    object_id = None if change.object_id is None else str(change.object_id)
    _leave_unshown_inlines(model_admin, replay, object_id, data)
    response = model_admin.changeform_view(replay, object_id)
    if getattr(replay, "review_applied", False):
        return None
    errors = getattr(response, "context_data", {}).get("errors") or []
    return [str(error) for error in errors]


def _leave_unshown_inlines(model_admin, request, object_id, data):
    """The editor's page may have inlines the contributor's had not (the workflow's log, shown to
    editors): submitted empty, they change nothing."""
    record = model_admin.get_object(request, object_id) if object_id else None
    seen = {}
    for formset, _ in model_admin.get_formsets_with_inlines(request, record):
        prefix = formset.get_default_prefix()
        seen[prefix] = seen.get(prefix, 0) + 1
        if seen[prefix] != 1 or not prefix:
            prefix = f"{prefix}-{seen[prefix]}"  # as the admin numbers a second inline of one model
        if f"{prefix}-TOTAL_FORMS" not in data:
            data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = "0"


@admin.register(PendingChange)
class PendingChangeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "proposed_by", "proposed_at", "state", "reviewed_by"]
    list_filter = ["state", ("content_type", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["content_type", "proposed_by", "reviewed_by"]
    fields = ["record_link", "proposed_by", "proposed_at", "state", "change_list", "reviewed_by", "reviewed_at"]
    readonly_fields = fields
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_publish_permission(self, request):
        return can_publish(request.user)

    @admin.display(description="record")
    def record_link(self, obj):
        if obj.object_id is None:
            return f"A new {obj.content_type.name}: {obj.object_repr}"
        url = reverse(f"admin:{obj.content_type.app_label}_{obj.content_type.model}_change", args=[obj.object_id])
        return format_html('<a href="{}">{}</a>', url, obj.object_repr)

    @admin.display(description="what it changes")
    def change_list(self, obj):
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((line,) for line in obj.changes)))

    @admin.action(description="Approve and apply the selected changes", permissions=["publish"])
    def approve(self, request, queryset):
        for change in queryset.filter(state=PendingChange.State.PENDING).select_related("proposed_by"):
            errors = apply(request, change)
            if errors is None:
                self._close(request, change, PendingChange.State.APPROVED)
                self.message_user(request, f"Applied: {change}.", messages.SUCCESS)
            else:
                self.message_user(
                    request,
                    f"Not applied: {change}. The record changed since it was proposed, or the change is no "
                    f"longer valid ({' '.join(errors) or 'see the messages above'}); reject it and make the change "
                    "again on the record as it is now.",
                    messages.ERROR,
                )

    @admin.action(description="Reject the selected changes", permissions=["publish"])
    def reject(self, request, queryset):
        for change in queryset.filter(state=PendingChange.State.PENDING):
            self._close(request, change, PendingChange.State.REJECTED)
        self.message_user(request, "Rejected; the records stay as they were.", messages.SUCCESS)

    def _close(self, request, change, state):
        change.state, change.reviewed_by, change.reviewed_at = state, request.user, timezone.now()
        change.save(update_fields=["state", "reviewed_by", "reviewed_at"])
