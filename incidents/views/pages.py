from django.http import HttpResponse


def _todo(request, **kwargs):
    return HttpResponse(status=501)


incident_list = incident_detail = group_list = group_detail = person_list = person_detail = _todo
statement_list = about = _todo
