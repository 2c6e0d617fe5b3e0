from django.http import JsonResponse
from django.views.decorators.cache import cache_control

from config.methods import read_only
from geo.labels import labels as gazetteer_labels
from geo.models import AdminArea, Country


@read_only
@cache_control(public=True, max_age=3600)
def boundaries(request):
    """Country outlines and governorate borders, drawn by every map so none needs a tile server."""
    features = [
        {
            "type": "Feature",
            "geometry": c.geometry,
            "properties": {"kind": "country", "code": c.iso2, "name": c.name_en, "covered": c.covered},
        }
        for c in Country.objects.all()
    ]
    features += [
        {
            "type": "Feature",
            "geometry": a.geometry,
            "properties": {"kind": "governorate", "code": a.iso_code, "name": a.name_en, "name_ar": a.name_ar},
        }
        for a in AdminArea.objects.all()
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features}, content_type="application/geo+json")


@read_only
@cache_control(public=True, max_age=3600)
def labels(request):
    """The names of countries, governorates and places that maps write over the borders."""
    return JsonResponse({"labels": gazetteer_labels()})
