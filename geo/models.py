"""Geographic reference data: countries, governorates and a gazetteer of places.

Boundaries are stored as GeoJSON (no GeoDjango, so SQLite keeps working and no GDAL is needed).
Point-in-polygon runs in Python over the few governorates whose bounding box holds the point.
"""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from geo import geometry
from incidents.locking import Versioned


class Country(models.Model):
    iso2 = models.CharField(max_length=2, unique=True)
    iso3 = models.CharField(max_length=3, unique=True)
    name_en = models.CharField(max_length=100)
    name_ar = models.CharField(max_length=100, blank=True)
    # True for the countries the tracker covers (Iraq, Syria); neighbours are drawn only.
    covered = models.BooleanField(default=False)
    geometry = models.JSONField(help_text="GeoJSON MultiPolygon, [lon, lat] order.")

    class Meta:
        ordering = ["name_en"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name_en


class AdminAreaQuerySet(models.QuerySet):
    def containing(self, latitude: float, longitude: float) -> "AdminArea | None":
        """The governorate whose boundary holds the point, or None outside every one."""
        candidates = self.filter(
            min_lat__lte=latitude, max_lat__gte=latitude, min_lon__lte=longitude, max_lon__gte=longitude
        )
        for area in candidates:
            if geometry.contains(area.geometry, longitude, latitude):
                return area
        return None


class AdminArea(models.Model):
    """A first-level administrative area: a governorate (muhafazah) of Iraq or Syria."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="admin_areas")
    iso_code = models.CharField("ISO 3166-2 code", max_length=10, unique=True)
    name_en = models.CharField(max_length=100)
    name_ar = models.CharField(max_length=100, blank=True)
    alt_names = models.JSONField(default=list, blank=True, help_text="Other spellings, for matching.")
    geometry = models.JSONField(help_text="GeoJSON MultiPolygon, [lon, lat] order.")
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()

    objects = AdminAreaQuerySet.as_manager()

    class Meta:
        ordering = ["country__name_en", "name_en"]
        verbose_name = "governorate"
        indexes = [
            # Bounding-box prefilter for point-in-polygon lookups.
            models.Index(fields=["min_lat", "max_lat", "min_lon", "max_lon"], name="geo_adminarea_bbox_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_lat__lte=models.F("max_lat")) & Q(min_lon__lte=models.F("max_lon")),
                name="geo_adminarea_bbox_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.name_en} ({self.country.iso2})" if self.country_id else self.name_en


class PlaceKind(models.TextChoices):
    POPULATED_PLACE = "populated_place", "Populated place"
    AIRFIELD = "airfield", "Airfield"
    MILITARY_BASE = "military_base", "Military base"
    BORDER_POST = "border_post", "Border post"
    SITE = "site", "Other site"


class Place(Versioned):
    """A gazetteer entry: GeoNames populated places plus curated airfields and military sites."""

    name = models.CharField(max_length=200)
    ascii_name = models.CharField(max_length=200, blank=True)
    name_ar = models.CharField(max_length=200, blank=True)
    alternate_names = models.TextField(blank=True, help_text="Other names and spellings, one per line.")
    kind = models.CharField(max_length=20, choices=PlaceKind.choices, default=PlaceKind.POPULATED_PLACE)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="places")
    admin_area = models.ForeignKey(AdminArea, on_delete=models.SET_NULL, null=True, blank=True, related_name="places")
    latitude = models.FloatField()
    longitude = models.FloatField()
    population = models.PositiveIntegerField(null=True, blank=True)
    geonameid = models.PositiveIntegerField(null=True, blank=True, unique=True)
    source = models.CharField(max_length=200, help_text="Where the coordinates come from.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name"], name="geo_place_name_idx"),
            models.Index(fields=["ascii_name"], name="geo_place_ascii_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(latitude__gte=-90, latitude__lte=90), name="geo_place_latitude_range"),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180), name="geo_place_longitude_range"
            ),
            # Curated sites have no GeoNames id; they are unique by name within a country.
            models.UniqueConstraint(
                fields=["country", "name", "kind"], condition=Q(geonameid__isnull=True), name="geo_place_site_unique"
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.country.iso2}" if self.country_id else self.name
