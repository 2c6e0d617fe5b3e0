"""A history row for every incident whose derived toll its history does not hold yet.

The toll used to be stored without a history row when the claims changed it, so an incident's
latest history row could hold an older toll, or none. From here on each such change writes one
(Incident.refresh_toll); this gives every incident a row with its current toll, dated now, so
the incident as of any later moment (releases.asof) carries the toll it had then."""

from django.db import migrations
from django.utils import timezone

TOLL = [
    "killed_low",
    "killed_best",
    "killed_high",
    "injured_low",
    "injured_best",
    "injured_high",
    "civilians_killed_low",
    "civilians_killed_high",
    "contested",
]
REASON = "Toll derived from the claims"
BATCH = 2000


def write_rows(apps, schema_editor):
    incident_model = apps.get_model("incidents", "Incident")
    history_model = apps.get_model("incidents", "HistoricalIncident")
    fields = [f.attname for f in history_model._meta.fields if not f.name.startswith("history_")]
    now = timezone.now()
    ids = incident_model.objects.order_by("pk").values_list("pk", flat=True)
    last = 0
    while batch := list(ids.filter(pk__gt=last)[:BATCH]):
        _write(history_model, incident_model, fields, batch, now)
        last = batch[-1]


def _write(history_model, incident_model, fields, ids, now):
    held = {}
    rows = history_model.objects.filter(id__in=ids).order_by("id", "history_date", "history_id")
    for row in rows.values("id", *TOLL):
        held[row["id"]] = row  # the latest row of each incident comes last
    new = []
    for values in incident_model.objects.filter(pk__in=ids).values(*fields):
        latest = held.get(values["id"])
        if latest is not None and all(latest[field] == values[field] for field in TOLL):
            continue
        new.append(history_model(**values, history_date=now, history_type="~", history_change_reason=REASON))
    history_model.objects.bulk_create(new, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0026_participation_sides")]

    operations = [migrations.RunPython(write_rows, migrations.RunPython.noop)]
