from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from api import views

app_name = "api"

router = DefaultRouter()
router.register("incidents", views.IncidentViewSet, basename="incident")
router.register("groups", views.ArmedGroupViewSet, basename="group")
router.register("people", views.PersonViewSet, basename="person")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("reports", views.ReportViewSet, basename="report")
router.register("places", views.PlaceViewSet, basename="place")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.docs, name="docs"),
    *router.urls,
    # Last: any other address under the API (an id the router's pattern refuses, such as one
    # holding a dot or a slash) answers the API's JSON 404 rather than the site's HTML page.
    re_path(r"^.*/$", views.not_found),
]
