from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from incidents.workflow import can_publish


def admin_link(obj, label=None):
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


class AuditedAdmin(SimpleHistoryAdmin):
    """Every change is in the record's history (who, when, field by field); only editors revert."""

    def has_change_history_permission(self, request, obj=None):
        return can_publish(request.user) and self.has_change_permission(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_history_permission(request):
            raise PermissionDenied("Only editors revert records to an earlier version.")
        return super().history_form_view(request, object_id, version_id, extra_context)
