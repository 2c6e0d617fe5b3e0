from django import forms
from django.conf import settings
from django.urls import reverse


class PointPickerWidget(forms.NumberInput):
    """The latitude input with a Leaflet map beside it: click to set the point, drag to move it.

    The map draws our own governorate borders, so it works with no tile server reachable.
    It writes to the latitude input it renders and to the longitude input named in `longitude_id`.
    """

    template_name = "admin/widgets/point_picker.html"

    def __init__(self, longitude_id="id_longitude", attrs=None):
        super().__init__(attrs={"step": "any", **(attrs or {})})
        self.longitude_id = longitude_id

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["picker"] = {
            "longitude_id": self.longitude_id,
            "boundaries_url": reverse("geo:boundaries"),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        }
        return context

    class Media:
        css = {"all": ["vendor/leaflet-1.9.4/leaflet.css", "css/point_picker.css"]}
        js = ["vendor/leaflet-1.9.4/leaflet.js", "js/point_picker.js"]
