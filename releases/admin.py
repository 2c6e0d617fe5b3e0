from django import forms
from django.contrib import admin
from django.utils import timezone

from releases.models import Release


class ReleaseForm(forms.ModelForm):
    class Meta:
        model = Release
        fields = ["name", "moment", "note"]

    def clean_moment(self):
        moment = self.cleaned_data["moment"]
        # A moment still to come would hold whatever is published until then: not yet citable.
        if moment > timezone.now():
            raise forms.ValidationError("A release names a moment that has passed.")
        return moment


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    form = ReleaseForm
    list_display = ["name", "moment", "created_by", "created_at"]
    search_fields = ["name", "note"]
    readonly_fields = ["created_by", "created_at"]
    date_hierarchy = "moment"

    def get_changeform_initial_data(self, request):
        return {"moment": timezone.now(), **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
