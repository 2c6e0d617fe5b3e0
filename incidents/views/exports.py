from django.http import HttpResponse


def export_csv(request):
    return HttpResponse(status=501)


def export_geojson(request):
    return HttpResponse(status=501)
