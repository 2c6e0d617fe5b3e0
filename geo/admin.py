from django.contrib import admin
from django.db.models import Q

from geo.models import AdminArea, Country, Place
from incidents import search
from incidents.admin.base import KeyedSearchMixin, VersionedAdmin
from incidents.admin.review import ReviewedChangesMixin


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_ar", "iso2", "iso3", "covered"]
    list_filter = ["covered"]
    search_fields = ["name_en", "name_ar", "iso2", "iso3"]
    # Boundaries come from the committed Natural Earth extract (manage.py load_geodata).
    exclude = ["geometry"]


@admin.register(AdminArea)
class AdminAreaAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_ar", "iso_code", "country"]
    list_filter = ["country"]
    list_select_related = ["country"]
    search_fields = ["name_en", "name_ar", "iso_code", "alt_names"]
    exclude = ["geometry"]
    readonly_fields = ["min_lon", "min_lat", "max_lon", "max_lat"]


@admin.register(Place)
class PlaceAdmin(KeyedSearchMixin, ReviewedChangesMixin, VersionedAdmin):
    list_display = ["name", "name_ar", "kind", "admin_area", "country", "latitude", "longitude", "source"]
    list_filter = ["kind", "country", "admin_area"]
    list_select_related = ["country", "admin_area"]
    search_fields = ["name", "ascii_name", "name_ar", "alternate_names"]
    autocomplete_fields = ["country", "admin_area"]

    def keyed_search(self, text, queryset):
        return Q(pk__in=search.place_ids(text, queryset))
