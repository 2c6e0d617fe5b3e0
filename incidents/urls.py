from django.urls import path

from datasets import views as datasets_views
from incidents.exports import views as exports
from incidents.views import about, actors, pages

app_name = "incidents"

urlpatterns = [
    # Incidents
    path("incidents/", pages.incident_list, name="list"),
    path("incidents/export.csv", exports.export_csv, name="export-csv"),
    path("incidents/export.geojson", exports.export_geojson, name="export-geojson"),
    path("incidents/export-acled.csv", datasets_views.export_acled_view, name="export-acled"),
    path("incidents/export-ucdp.csv", datasets_views.export_ucdp_view, name="export-ucdp"),
    # Their Frictionless Data Package descriptors, for the same parameters.
    path("incidents/export.datapackage.json", exports.export_csv_package, name="export-csv-package"),
    path("incidents/export-acled.datapackage.json", datasets_views.export_acled_package, name="export-acled-package"),
    path("incidents/export-ucdp.datapackage.json", datasets_views.export_ucdp_package, name="export-ucdp-package"),
    path("incidents/<str:public_id>/", pages.incident_detail, name="detail"),
    # Groups, people, statements
    path("groups/", actors.group_list, name="group-list"),
    path("groups/<int:pk>/", actors.group_detail, name="group-detail"),
    path("people/", actors.person_list, name="person-list"),
    path("people/<int:pk>/", actors.person_detail, name="person-detail"),
    path("statements/", pages.statement_list, name="statement-list"),
    path("about/", about.about, name="about"),
]
