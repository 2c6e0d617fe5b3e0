"""Deleting an incident, with what only it used.

Ingest writes a draft together with its statements and the report, groups and people it proposed.
Deleting the draft must not leave those behind: statements about no incident, and records nothing
cites that no editor approved.
"""

from collections import Counter

from django.db import models, transaction
from django.db.models import Exists, OuterRef

from incidents.models import ArmedGroup, Incident, Person, Report, Statement

# Rows that are part of the record itself, deleted with it: they do not keep it in use.
OWNED = {Person: {"affiliations"}, ArmedGroup: {"aliases", "external_names"}, Report: set()}


def in_use(record) -> bool:
    """Whether any other record points at `record` (its own history, aliases and roles aside)."""
    model = type(record)
    for rel in model._meta.get_fields(include_hidden=True):
        if not rel.auto_created or rel.concrete or rel.related_model._meta.auto_created:
            continue
        if rel.on_delete is models.DO_NOTHING or rel.name in OWNED[model]:
            continue  # history rows, or the record's own parts
        if rel.related_model._base_manager.filter(**{rel.field.name: record}).exists():
            return True
    return False


@transaction.atomic
def delete_incident(incident: Incident) -> Counter:
    """Delete `incident`, the statements about it alone, and then the unapproved people, groups and
    reports it cited that nothing else uses. Returns how many of each went besides the incident."""
    gone = Counter()
    through = Statement.incidents.through
    statements = Statement.objects.filter(incidents=incident).exclude(
        Exists(through.objects.filter(statement=OuterRef("pk")).exclude(incident=incident))
    )
    candidates = _cited(incident)
    for statement in statements:
        statement.delete()
        gone["statements"] += 1
    incident.delete()
    # People before groups (a person's role names a group), everything before reports.
    for model in (Person, ArmedGroup, Report):
        for record in candidates[model]:
            if not in_use(record):
                record.delete()
                gone[model._meta.verbose_name_plural] += 1
    return gone


def _cited(incident: Incident) -> dict:
    statements = Statement.objects.filter(incidents=incident)
    ids = {
        Person: [
            *incident.casualties.values_list("person", flat=True),
            *incident.claims.values_list("claimant_person", flat=True),
            *statements.values_list("speaker", flat=True),
        ],
        ArmedGroup: [
            *incident.participations.values_list("group", flat=True),
            *incident.claims.values_list("group", flat=True),
            *statements.values_list("body_group", flat=True),
        ],
        Report: [
            *incident.participations.values_list("report", flat=True),
            *incident.claims.values_list("report", flat=True),
            *incident.casualties.values_list("report", flat=True),
            *incident.links_out.values_list("report", flat=True),
            *statements.values_list("report", flat=True),
        ],
    }
    return {model: list(model.objects.filter(pk__in=pks, approved=False)) for model, pks in ids.items()}
