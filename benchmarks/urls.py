"""The site's URLs plus the baselines, mounted under /bench/ for the in-process benchmarks."""

from django.urls import include, path

from benchmarks import baselines

urlpatterns = [
    path("bench/map/data/", baselines.map_data),
    path("bench/incidents/", baselines.incident_list),
    path("bench/incidents/export.csv", baselines.export_csv),
    path("bench/incidents/export.geojson", baselines.export_geojson),
    path("bench/incidents/<str:public_id>/", baselines.incident_detail),
    path("bench/groups/<int:pk>/", baselines.group_detail),
    path("bench/api/incidents/", baselines.ApiIncidents.as_view()),
    path("bench/trends/", baselines.trends),
    path("", include("config.urls")),
]
