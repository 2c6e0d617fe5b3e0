"""Writing the reviewed items of one report in one transaction: all of them, or nothing."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from extraction.ingestion.items import GroupItem, Ingestion, IngestResult, PersonItem
from incidents import locking
from incidents.models import (
    Affiliation,
    ArmedGroup,
    Casualty,
    CasualtyClaim,
    GroupAlias,
    Incident,
    IncidentLink,
    Participation,
    Person,
    Report,
    Source,
    Statement,
)
from incidents.models.choices import Status

PROPOSED_NOTE = "Proposed as new while ingesting the report “{title}” ({date}); check the name, kind and spellings."


@transaction.atomic
def ingest(user, ingestion: Ingestion) -> IngestResult:
    """Write the report, the incident (or attach to one) and every included item, citing the report.

    Raises locking.StaleEdit when the incident attached to changed since `expected_version`,
    ValidationError for an item that refers to one left out, and IntegrityError for a row the
    database refuses; in every case nothing at all is written.
    """
    counts = Counter()
    report = _save_report(user, ingestion.report)
    attached = ingestion.incident.pk is not None
    incident = _save_incident(user, ingestion)
    groups = _save_groups(ingestion.groups, report, counts)
    people = _save_people(ingestion.people, report, groups, counts)

    for item in ingestion.groups:
        if item.include and item.role:
            _, created = Participation.objects.get_or_create(
                incident=incident,
                group=groups[item.key],
                role=item.role,
                defaults={"attribution": item.attribution, "report": report},
            )
            counts["participations"] += created

    claims = {}
    for item in ingestion.claims:
        if not item.include:
            continue
        claims[item.key] = CasualtyClaim.objects.create(
            incident=incident,
            report=report,
            claimant=item.claimant,
            claimant_person=_ref(people, item.claimant_person_key, item.key),
            category=item.category,
            group=_ref(groups, item.group_key, item.key),
            killed_min=item.killed_min,
            killed_max=item.killed_max,
            injured_min=item.injured_min,
            injured_max=item.injured_max,
            quote=item.quote,
            note=item.note[:500],
        )
        counts["claims"] += 1

    for item in ingestion.people:
        if item.include and item.casualty:
            _, created = Casualty.objects.get_or_create(
                incident=incident,
                person=people[item.key],
                defaults={
                    "outcome": item.casualty,
                    "claim": _ref(claims, item.casualty_claim_key, item.key),
                    "report": report,
                },
            )
            counts["casualties"] += created

    for item in ingestion.statements:
        if not item.include:
            continue
        statement = Statement.objects.create(
            speaker=_ref(people, item.speaker_key, item.key),
            speaker_title=item.speaker_title,
            body_group=_ref(groups, item.body_group_key, item.key),
            body=item.body,
            said_on=item.said_on or report.published_on,
            quote=item.quote,
            stance=item.stance,
            report=report,
        )
        statement.incidents.add(incident)
        counts["statements"] += 1

    for item in ingestion.links:
        if item.include:
            _, created = IncidentLink.objects.get_or_create(
                from_incident=incident,
                to_incident_id=item.to_incident_id,
                kind=item.kind,
                defaults={"report": report, "note": item.note[:500]},
            )
            counts["links"] += created

    incident.refresh_from_db()
    return IngestResult(report=report, incident=incident, attached=attached, counts=counts)


def held_report(url: str, text: str) -> Report | None:
    """A report already held at this address (a trailing slash aside) or with this text (spaces
    around it aside): the same article ingested twice would count its claims twice."""
    same = Q(text__in={text, text.strip()}) if text.strip() else Q(pk__in=[])
    url = url.strip()
    if url:
        same |= Q(url__in={url, url.rstrip("/"), url.rstrip("/") + "/"})
    return Report.objects.filter(same).select_related("source").order_by("pk").first()


def _ref(saved: dict, key: str, by: str):
    if not key:
        return None
    if key not in saved:
        raise ValidationError(f"{by} refers to {key}, which is left out.")
    return saved[key]


def _save_report(user, report: Report) -> Report:
    if report.pk is not None:
        return report
    if report.source.pk is None:
        source, _ = Source.objects.get_or_create(name=report.source.name, defaults={"kind": report.source.kind})
        report.source = source
    report.ingested_by = user
    # Public once something published cites it, or once an editor approves it (incidents.visibility).
    report.approved = False
    report.retrieved_at = report.retrieved_at or timezone.now()
    report.save()
    return report


def _save_incident(user, ingestion: Ingestion) -> Incident:
    incident = ingestion.incident
    incident.changed_by = user
    incident._history_user = user
    if incident.pk is None:
        incident.status = Status.DRAFT
        incident.created_by = user
        incident.full_clean()
        incident.save()
        return incident
    expected = incident.version if ingestion.expected_version is None else ingestion.expected_version
    locking.claim_version(incident, expected)
    incident.save(update_fields=["changed_by", "version", "changed_at"])
    return incident


def _proposed_note(report: Report) -> str:
    return PROPOSED_NOTE.format(title=report.title, date=f"{report.published_on:%Y-%m-%d}")


def _save_groups(items: list[GroupItem], report: Report, counts: Counter) -> dict[str, ArmedGroup]:
    chosen = [item for item in items if item.include]
    existing = ArmedGroup.objects.in_bulk([item.group_id for item in chosen if item.group_id])
    saved = {}
    for item in chosen:
        if item.group_id:
            if item.group_id not in existing:
                raise ValidationError(f"{item.key}: the group chosen no longer exists.")
            saved[item.key] = existing[item.group_id]
            continue
        group = ArmedGroup.objects.create(
            name=item.name.strip(), kind=item.kind, approved=False, staff_note=_proposed_note(report)
        )
        if item.alias and item.alias != group.name:
            GroupAlias.objects.create(group=group, name=item.alias)
        saved[item.key] = group
        counts["new_groups"] += 1
    return saved


def _save_people(items: list[PersonItem], report: Report, groups: dict, counts: Counter) -> dict[str, Person]:
    chosen = [item for item in items if item.include]
    existing = Person.objects.in_bulk([item.person_id for item in chosen if item.person_id])
    roles_held = set(
        Affiliation.objects.filter(person__in=existing.values()).values_list("person_id", "role").distinct()
    )
    saved = {}
    for item in chosen:
        if item.person_id:
            if item.person_id not in existing:
                raise ValidationError(f"{item.key}: the person chosen no longer exists.")
            person = existing[item.person_id]
        else:
            aliases = item.alias if item.alias and item.alias != item.name.strip() else ""
            person = Person.objects.create(
                name=item.name.strip(), aliases=aliases, approved=False, staff_note=_proposed_note(report)
            )
            counts["new_people"] += 1
        saved[item.key] = person
        group = _ref(groups, item.group_key, item.key)
        # An existing person keeps the roles already recorded for them; a new one gets the report's.
        if item.role_kind and (group or item.body) and (person.pk, item.role_kind) not in roles_held:
            Affiliation.objects.create(
                person=person, group=group, body="" if group else item.body, role=item.role_kind, title=item.title
            )
            roles_held.add((person.pk, item.role_kind))
    return saved


# ---------------------------------------------------------------------------------------------
