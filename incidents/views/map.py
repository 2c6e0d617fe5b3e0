from django.http import HttpResponse


def map_page(request):
    return HttpResponse("Map: under construction", status=501)


def map_data(request):
    return HttpResponse(status=501)


def histogram(request):
    return HttpResponse(status=501)
