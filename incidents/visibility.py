"""What the public sees of each kind of record: one rule per model.

Every page, the map's and the lists' filter choices, the exports, the API and the admin's review of
contributors' changes ask here. Staff (`sees_unpublished`) see every record.

- An incident is public when it is published and not merged into another (`Incident.visible_to`);
  a retracted one stays reachable by its URL, with its notice.
- A statement is public when one of its incidents is published.
- An armed group, a person or a report is public when an editor approved it (`Reviewed.approved`:
  records added by editors and by dataset imports are; those proposed while ingesting a report or
  added by a contributor are not), or when it backs something published: a participation, claim,
  casualty or link of a published incident, or a public statement.
- A source is public when one of its reports is.
- The gazetteer's places are all public (the API lists them).

At a moment (`releases.asof`), the same rules read the rows of that moment: a record public then.

Staff notes (`staff_note`) are never public, whatever the record.
"""

from django.db.models import Exists, OuterRef, Q

from geo.models import Place
from incidents.models import (
    ArmedGroup,
    Casualty,
    CasualtyClaim,
    Incident,
    IncidentLink,
    Participation,
    Person,
    Report,
    Source,
    Statement,
)
from incidents.models.choices import Status
from incidents.models.incident import sees_unpublished
from releases import asof

STATEMENT_INCIDENTS = Statement.incidents.through


def _published(prefix: str = "incident") -> Q:
    return Q(**{f"{prefix}__status": Status.PUBLISHED, f"{prefix}__merged_into__isnull": True})


def _cited(model, field: str, prefix: str = "incident", moment=None) -> Exists:
    """Whether a row of `model` of a published incident points at the outer record through `field`;
    at a `moment`, the rows and incidents of that moment (`releases.asof`), the outer record a history row."""
    if moment is None:
        return Exists(model.objects.filter(_published(prefix), **{field: OuterRef("pk")}))
    published = asof.incident_rows(moment).values("id")
    rows = asof.rows_as_of(model, moment)
    return Exists(rows.filter(**{f"{prefix}_id__in": published, f"{field}_id": OuterRef("id")}))


def public_statement_q(moment=None) -> Q:
    if moment is None:
        return Q(Exists(STATEMENT_INCIDENTS.objects.filter(_published(), statement=OuterRef("pk"))))
    # The link has no history: the statement's incidents now, as they were published at the moment.
    published = asof.incident_rows(moment).values("id")
    return Q(Exists(STATEMENT_INCIDENTS.objects.filter(statement_id=OuterRef("id"), incident_id__in=published)))


def _cited_by_public_statement(field: str, moment=None) -> Exists:
    if moment is None:
        return Exists(Statement.objects.filter(public_statement_q(), **{field: OuterRef("pk")}))
    statements = asof.rows_as_of(Statement, moment)
    return Exists(statements.filter(public_statement_q(moment), **{f"{field}_id": OuterRef("id")}))


def public_group_q(moment=None) -> Q:
    return (
        Q(approved=True)
        | Q(_cited(Participation, "group", moment=moment))
        | Q(_cited(CasualtyClaim, "group", moment=moment))
        | Q(_cited_by_public_statement("body_group", moment))
    )


def public_person_q(moment=None) -> Q:
    return (
        Q(approved=True)
        | Q(_cited(Casualty, "person", moment=moment))
        | Q(_cited(CasualtyClaim, "claimant_person", moment=moment))
        | Q(_cited_by_public_statement("speaker", moment))
    )


def public_report_q(moment=None) -> Q:
    return (
        Q(approved=True)
        | Q(_cited(CasualtyClaim, "report", moment=moment))
        | Q(_cited(Participation, "report", moment=moment))
        | Q(_cited(Casualty, "report", moment=moment))
        | Q(_cited(IncidentLink, "report", prefix="from_incident", moment=moment))
        | Q(_cited_by_public_statement("report", moment))
    )


def public_source_q() -> Q:
    return Q(Exists(Report.objects.filter(public_report_q(), source=OuterRef("pk"))))


RULES = {
    Place: lambda moment=None: Q(),  # the gazetteer is public
    Statement: public_statement_q,
    ArmedGroup: public_group_q,
    Person: public_person_q,
    Report: public_report_q,
    Source: public_source_q,
}


def visible(queryset, user, moment=None):
    """`queryset` narrowed to what `user` may see: all of it for staff, the public rows otherwise.
    With a `moment`, `queryset` holds history rows (`releases.asof.rows_as_of`), and the public rows
    are those public at that moment."""
    if sees_unpublished(user):
        return queryset
    if queryset.model is Incident:
        return queryset.visible_to(user)
    model = getattr(queryset.model, "instance_type", queryset.model)  # a history model's record model
    return queryset.filter(RULES[model]() if moment is None else RULES[model](moment))


def for_request(queryset, request, moment=None):
    return visible(queryset, getattr(request, "user", None), moment)


def is_public(record) -> bool:
    """Whether the public sees `record` now, or sees it through the incident it belongs to.

    Rows edited as parts of an incident (claims, casualties, participations, links) are public with
    their incident; a retracted incident is public too, as its page still shows it."""
    if isinstance(record, Place):
        return True
    if isinstance(record, Incident):
        return record.pk is not None and record.status in (Status.PUBLISHED, Status.RETRACTED)
    if isinstance(record, IncidentLink):
        return any(is_public(incident) for incident in (record.from_incident, record.to_incident) if incident)
    incident = getattr(record, "incident", None)
    if incident is not None and not isinstance(record, Statement):
        return is_public(incident)
    model = type(record)
    if record.pk is None or model not in RULES:
        return False
    if model is Statement:
        # As its incidents: a retracted incident's page still shows its statements.
        return STATEMENT_INCIDENTS.objects.filter(
            statement=record, incident__status__in=[Status.PUBLISHED, Status.RETRACTED]
        ).exists()
    return model.objects.filter(RULES[model](), pk=record.pk).exists()


def choices(model):
    """A FilterSet's `queryset` for `model`: the records the request's user may see, so that neither
    the filter's choices nor its accepted values name a record the reader cannot see."""
    return lambda request: for_request(model.objects.all(), request)
