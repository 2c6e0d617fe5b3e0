from django.urls import path

from geo import views

app_name = "geo"

urlpatterns = [
    path("boundaries.geojson", views.boundaries, name="boundaries"),
    path("labels.json", views.labels, name="labels"),
]
