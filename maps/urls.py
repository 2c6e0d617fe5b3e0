from django.urls import path

from maps import views

app_name = "maps"

urlpatterns = [
    # The map (home page) and the data behind it.
    path("", views.map_page, name="map"),
    path("map/data/", views.map_data, name="map-data"),
    path("map/histogram/", views.histogram, name="histogram"),
    path("map/spot/", views.spot, name="spot"),
]
