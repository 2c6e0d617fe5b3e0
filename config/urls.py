from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path


def favicon(request):
    # Browsers ask for /favicon.ico whatever the page links to.
    return redirect(static("img/favicon.svg"), permanent=True)


urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("geo/", include("geo.urls")),
    path("favicon.ico", favicon),
    path("api/v1/", include("api.urls")),
    path("", include("maps.urls")),
    path("", include("trends.urls")),
    path("", include("releases.urls")),
    path("", include("incidents.urls")),
]
