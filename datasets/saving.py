"""Saving an import's new and changed rows, each kind of write behind one function.

New incidents, reports, claims and participations are written by COPY on PostgreSQL
(datasets.pgcopy), which is what an import's rows per second rest on (docs/benchmarks.md), and
through django-simple-history's bulk helpers elsewhere; both leave the same rows and the same
history (tests/datasets/test_import_copy.py). Every other write goes through the ORM.
"""

from django.db import connection
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import bulk_create_with_history, bulk_update_with_history, get_history_manager_for_model

from datasets import pgcopy
from datasets.models import DatasetRow
from incidents.models import CasualtyClaim, Incident, Participation, Report
from incidents.text import fill_search_text

BATCH_SIZE = 1000
# The models whose new rows go by COPY on PostgreSQL.
COPIED = (Incident, Report, CasualtyClaim, Participation, DatasetRow)


def copies() -> bool:
    """Whether new rows of COPIED models go by COPY (on PostgreSQL)."""
    return connection.vendor == "postgresql"


def has_history(model) -> bool:
    try:
        get_history_manager_for_model(model)
    except NotHistoricalModelError:
        return False
    return True


def create(model, objs: list, *, user, reason: str) -> None:
    """Insert unsaved instances, their primary keys set on them, with a "+" history row each if
    the model keeps a history."""
    if not objs:
        return
    if model in COPIED and copies():
        if model is Incident:
            # What Incident.objects.bulk_create does on the ORM path.
            fill_search_text(objs)
        pgcopy.create(model, objs, user=user, reason=reason)
    else:
        create_with_orm(model, objs, user=user, reason=reason)


def create_with_orm(model, objs: list, *, user, reason: str) -> None:
    """`create` on any database: the portable path."""
    if has_history(model):
        created = bulk_create_with_history(
            objs, model, batch_size=BATCH_SIZE, default_user=user, default_change_reason=reason
        )
        if created is not objs:
            for obj, saved in zip(objs, created, strict=True):
                obj.pk = saved.pk
    else:
        model.objects.bulk_create(objs, batch_size=BATCH_SIZE)


def update(model, objs: list, fields: list[str], *, user, reason: str) -> None:
    """Save `fields` of stored instances, with a "~" history row each if the model keeps a history."""
    if has_history(model):
        bulk_update_with_history(
            objs, model, fields, batch_size=BATCH_SIZE, default_user=user, default_change_reason=reason
        )
    else:
        model.objects.bulk_update(objs, fields, batch_size=BATCH_SIZE)
