"""The about page: what the data records, its code lists and its credits."""

import datetime

from django.shortcuts import render

from config.methods import read_only
from incidents.models.choices import (
    SUB_EVENT_TYPES,
    Attribution,
    CasualtyCategory,
    DatePrecision,
    EventType,
    GroupKind,
    LinkKind,
    LocationPrecision,
    Means,
    ParticipationRole,
    Stance,
)


@read_only
def about(request):
    ctx = {
        "code_lists": [
            ("Event type (ACLED)", EventType.choices),
            ("Date precision", DatePrecision.choices),
            ("Location precision", LocationPrecision.choices),
            ("Means", Means.choices),
            ("Participant role", ParticipationRole.choices),
            ("How a role is known", Attribution.choices),
            ("Casualty category", CasualtyCategory.choices),
            ("Statement stance", Stance.choices),
            ("Link between incidents", LinkKind.choices),
            ("Armed group kind", GroupKind.choices),
        ],
        "sub_event_types": [(EventType(k).label, [s.label for s in v]) for k, v in SUB_EVENT_TYPES.items()],
        "today": datetime.date.today(),
    }
    return render(request, "incidents/about.html", ctx)
