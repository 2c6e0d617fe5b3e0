from django.urls import path

from releases import views

app_name = "releases"
urlpatterns = [
    path("releases/", views.release_list, name="list"),
    path("releases/<str:name>/", views.release_detail, name="detail"),
    path("releases/<str:name>/changes.csv", views.changes_csv, name="changes-csv"),
]
