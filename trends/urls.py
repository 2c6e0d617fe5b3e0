from django.urls import path

from trends import views

app_name = "trends"

urlpatterns = [
    path("trends/", views.trends_page, name="trends"),
    path("trends/series.csv", views.trends_csv, name="csv"),
]
