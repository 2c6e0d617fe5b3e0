"""Optimistic locking for the records staff edit: a save that started from an older version of a
record is refused with what changed meanwhile, instead of silently overwriting it.

Kept apart from incidents.models so that every app's models can use it (geo's places too).
"""

from django.db import models, router
from django.db.models import F


class Versioned(models.Model):
    """A record whose every save through the admin moves `version` on by one."""

    # Not editable: the admin form carries the version it was opened at in `expected_version`.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class StaleEdit(Exception):
    """The record changed after the editor opened it; their save was not applied."""

    def __init__(self, record: Versioned, expected_version: int):
        super().__init__(f"{record._meta.label} {record.pk} changed since version {expected_version}")
        self.record = record
        self.expected_version = expected_version


def current_version(model, pk, lock: bool = False) -> int | None:
    """The version of record `pk` in the primary database now (None: it is gone). With `lock`, the
    row stays locked on PostgreSQL until the transaction ends: call it inside one."""
    rows = model._default_manager.using(router.db_for_write(model)).filter(pk=pk)
    if lock:
        rows = rows.select_for_update()
    return rows.values_list("version", flat=True).first()


def claim_version(record: Versioned, expected_version: int):
    """Take the next version of a record or raise StaleEdit; call inside the saving transaction.

    The conditional UPDATE is the lock: of two saves that started from the same version, the
    database lets exactly one move it on.
    """
    rows = type(record)._default_manager.filter(pk=record.pk, version=expected_version)
    if not rows.update(version=F("version") + 1):
        raise StaleEdit(record, expected_version)
    record.version = expected_version + 1


def changes_since(record: Versioned, version: int) -> list[str]:
    """What was changed on the record after `version`, by whom and when, field by field, read from
    its history (fields staff cannot edit, such as the version itself, are left out)."""
    # Read where the saves are written: a replica may not have the save that won yet.
    history = record.history.using(router.db_for_write(type(record)))
    newer = history.filter(version__gt=version).select_related("history_user")
    records = list(newer.order_by("history_date", "history_id"))
    previous = history.filter(version__lte=version).order_by("-history_date", "-history_id").first()
    lines = []
    for entry in records:
        said = f"{entry.history_date:%Y-%m-%d %H:%M} UTC, {_who(entry)}"
        if previous is None:
            lines.append(f"{said}: saved")
        else:
            changes = entry.diff_against(previous).changes
            lines += [f"{said}: {c.field}: “{_short(c.old)}” → “{_short(c.new)}”" for c in changes]
            if not changes:
                # The lines edited inline on its page (a group's aliases, an incident's claims).
                lines.append(f"{said}: saved with its own fields unchanged (lines edited with it may have changed)")
        previous = entry
    if not lines:
        now = current_version(type(record), record.pk)
        lines.append(f"it was saved again (now version {now}) by a change that left no history")
    return lines


def _who(entry) -> str:
    return entry.history_user.get_username() if entry.history_user else "someone"


def _short(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 80 else text[:77] + "…"
