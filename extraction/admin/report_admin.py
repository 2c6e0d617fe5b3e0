"""The report admin with its ingest pages: their URLs and the links to them."""

from django.contrib import admin
from django.urls import path

from extraction.admin.views import existing_report_view, review_view, start_view
from incidents.admin.records import ReportAdmin
from incidents.models import Report


class IngestingReportAdmin(ReportAdmin):
    change_list_template = "extraction/report_change_list.html"
    change_form_template = "extraction/report_change_form.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("ingest/", view(start_view), name="incidents_report_ingest"),
            path("ingest/<str:token>/", view(review_view), name="incidents_report_ingest_review"),
            path("<path:object_id>/ingest/", view(existing_report_view), name="incidents_report_ingest_existing"),
            *super().get_urls(),
        ]


admin.site.unregister(Report)
admin.site.register(Report, IngestingReportAdmin)
