"""The publishing workflow, merging duplicates and the public change log.

Plain functions over the models, so the admin, commands and tests share one implementation.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from simple_history.utils import bulk_update_with_history

from incidents.locking import claim_version
from incidents.models import (
    Casualty,
    CasualtyClaim,
    Incident,
    IncidentLink,
    Participation,
    Statement,
    StatusChange,
)
from incidents.models.choices import Status

# Which moves exist, and whether they need the editor's permission to publish.
TRANSITIONS = {
    (Status.DRAFT, Status.REVIEW): False,
    (Status.REVIEW, Status.DRAFT): False,
    (Status.DRAFT, Status.PUBLISHED): True,
    (Status.REVIEW, Status.PUBLISHED): True,
    (Status.PUBLISHED, Status.RETRACTED): True,
    (Status.PUBLISHED, Status.REVIEW): True,
    (Status.RETRACTED, Status.PUBLISHED): True,
    (Status.RETRACTED, Status.DRAFT): True,
}
PUBLISH_PERMISSION = "incidents.publish_incident"
MERGE_PERMISSION = "incidents.merge_incident"


def can_publish(user) -> bool:
    return bool(user and user.has_perm(PUBLISH_PERMISSION))


def allowed_statuses(user, current: str | None) -> list[str]:
    """The statuses this user may leave an incident in, from `current` (None: a new incident)."""
    if current is None:
        return [Status.DRAFT, Status.REVIEW] + ([Status.PUBLISHED] if can_publish(user) else [])
    return [current] + [
        to
        for (frm, to), needs_editor in TRANSITIONS.items()
        if frm == current and (can_publish(user) or not needs_editor)
    ]


def check_transition(user, incident: Incident, to_status: str, note: str = ""):
    if to_status == incident.status:
        return
    needs_editor = TRANSITIONS.get((incident.status, to_status))
    if needs_editor is None:
        raise ValidationError(
            f"An incident cannot go from {incident.get_status_display()} to {Status(to_status).label}."
        )
    if needs_editor and not can_publish(user):
        raise PermissionDenied("Only editors publish, retract or unpublish incidents.")
    if to_status == Status.RETRACTED and not note.strip():
        raise ValidationError("Say why the incident is retracted: the reason is shown on its page.")


def record_transition(user, incident: Incident, from_status: str, note: str = ""):
    """Log a status change that has been saved on the incident."""
    if from_status == incident.status:
        return
    StatusChange.objects.create(
        incident=incident, from_status=from_status, to_status=incident.status, changed_by=user, note=note
    )


@transaction.atomic
def transition(user, incident: Incident, to_status: str, note: str = "") -> Incident:
    check_transition(user, incident, to_status, note)
    from_status = incident.status
    if to_status == from_status:
        return incident
    claim_version(incident, incident.version)
    incident.status = to_status
    incident.status_note = note
    incident.changed_by = user
    incident._history_user = user
    incident.save(update_fields=["status", "status_note", "changed_by", "version", "changed_at"])
    record_transition(user, incident, from_status, note)
    return incident


# Merging ----------------------------------------------------------------------------------------


@dataclass
class MergeResult:
    kept: Incident
    moved: dict[str, int]


@transaction.atomic
def merge(user, keep: Incident, duplicate: Incident, note: str = "") -> MergeResult:
    """Move everything recorded on `duplicate` to `keep`; `duplicate` then redirects to `keep`."""
    if not user.has_perm(MERGE_PERMISSION):
        raise PermissionDenied("Only editors merge incidents.")
    if keep.pk == duplicate.pk:
        raise ValidationError("Choose two different incidents.")
    if keep.merged_into_id or duplicate.merged_into_id:
        raise ValidationError("One of these incidents was already merged into another.")
    moved = {}
    claims = list(CasualtyClaim.objects.filter(incident=duplicate))
    for claim in claims:
        claim.incident = keep
    if claims:
        # With their history rows, so that the data as of any later moment (releases.asof) has
        # them on the incident kept.
        reason = f"Moved to {keep.public_id} by a merge"
        bulk_update_with_history(claims, CasualtyClaim, ["incident"], default_user=user, default_change_reason=reason)
    moved["claims"] = len(claims)
    moved["participants"] = _move_unique(Participation, duplicate, keep, ("group_id", "role"))
    moved["casualties"] = _move_unique(Casualty, duplicate, keep, ("person_id",))
    through = Statement.incidents.through
    held = set(through.objects.filter(incident=keep).values_list("statement_id", flat=True))
    moved["statements"] = (
        through.objects.filter(incident=duplicate).exclude(statement_id__in=held).update(incident=keep)
    )
    through.objects.filter(incident=duplicate).delete()
    moved["links"] = _move_links(duplicate, keep)
    claim_version(duplicate, duplicate.version)
    duplicate.merged_into = keep
    duplicate.status_note = note or f"Merged into {keep.public_id} as a duplicate."
    duplicate.changed_by = user
    duplicate._history_user = user
    duplicate.save(update_fields=["merged_into", "status_note", "changed_by", "version", "changed_at"])
    keep.refresh_toll()
    claim_version(keep, keep.version)
    keep.changed_by = user
    keep._history_user = user
    keep.save(update_fields=["changed_by", "version", "changed_at"])
    return MergeResult(kept=keep, moved=moved)


def _move_unique(model, duplicate, keep, key_fields) -> int:
    held = set(model.objects.filter(incident=keep).values_list(*key_fields))
    count = 0
    for row in model.objects.filter(incident=duplicate):
        key = tuple(getattr(row, f) for f in key_fields)
        if key in held:
            row.delete()
            continue
        row.incident = keep
        row.save(update_fields=["incident"])
        held.add(key)
        count += 1
    return count


def _move_links(duplicate, keep) -> int:
    count = 0
    for link in IncidentLink.objects.filter(from_incident=duplicate) | IncidentLink.objects.filter(
        to_incident=duplicate
    ):
        link.from_incident_id = keep.pk if link.from_incident_id == duplicate.pk else link.from_incident_id
        link.to_incident_id = keep.pk if link.to_incident_id == duplicate.pk else link.to_incident_id
        if link.from_incident_id == link.to_incident_id:
            # A link between the two duplicates means nothing once they are one incident.
            link.delete()
            continue
        try:
            with transaction.atomic():
                link.save(update_fields=["from_incident", "to_incident"])
            count += 1
        except IntegrityError:
            link.delete()
    return count


# The public change log ---------------------------------------------------------------------------

FIELD_GROUPS = [
    ({"killed_low", "killed_best", "killed_high", "injured_low", "injured_best", "injured_high",
      "civilians_killed_low", "civilians_killed_high", "contested", "killed_best_pinned"}, "toll range updated"),
    ({"start_date", "end_date", "date_precision", "time_utc", "time_approximate"}, "date updated"),
    ({"place_name", "place", "country", "admin_area", "district", "latitude", "longitude",
      "location_precision"}, "location updated"),
    ({"event_type", "sub_event_type", "means"}, "type updated"),
    ({"title", "summary"}, "description updated"),
    ({"status", "status_note"}, "status changed"),
    ({"merged_into"}, "merged"),
]  # fmt: skip
IGNORED = {"version", "changed_at", "changed_by", "created_by", "created_at"}


def public_change_log(incident: Incident, show_users: bool = False, limit: int = 20) -> list[dict]:
    """Dated summaries of what changed on an incident and its claims, newest first."""
    entries = []
    records = list(incident.history.select_related("history_user").order_by("history_date", "history_id"))
    previous = None
    for record in records:
        if previous is None:
            summary = ["recorded"]
        else:
            changed = set(record.diff_against(previous).changed_fields) - IGNORED
            summary = [label for fields, label in FIELD_GROUPS if changed & fields]
        previous = record
        if summary:
            entries.append(_entry(record, summary, show_users))
    claim_records = CasualtyClaim.history.filter(incident_id=incident.pk).select_related("history_user")
    for record in claim_records.order_by("history_date")[:limit]:
        verb = {"+": "claim added", "~": "claim changed", "-": "claim removed"}[record.history_type]
        entries.append(_entry(record, [f"{verb} ({record.claimant or 'a source'})"], show_users))
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries[:limit]


def _entry(record, summary, show_users):
    entry = {"when": record.history_date, "summary": "; ".join(summary)}
    if show_users and record.history_user:
        entry["by"] = record.history_user.get_username()
    return entry
