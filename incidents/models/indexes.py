"""The incident table's indexes that need more than a field list: the list's sort orders and the
trends' covering index."""

from django.db import models
from django.db.models import F, Q
from django.db.models.expressions import OrderBy

from incidents.models.choices import Status


class SortIndex(models.Index):
    """An index in a list's sort order, where its NULLs go included, so the database reads a page
    from it instead of sorting every row. SQLite cannot say NULLS FIRST/LAST in an index: there it
    indexes the same keys in the same directions, without the modifier."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            plain = [
                OrderBy(e.expression, descending=e.descending) if isinstance(e, OrderBy) else e
                for e in self.expressions
            ]
            index = models.Index(*plain, name=self.name, condition=self.condition)
            return index.create_sql(model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


# The rows every public list shows (IncidentQuerySet.published()): the sort indexes hold these only.
VISIBLE = Q(status=Status.PUBLISHED, merged_into__isnull=True)
# The list's sorts (incidents.filters.IncidentFilter.sort): each field either way, NULLs last,
# ties broken by the newest id.
LIST_SORTS = {
    "date": "start_date",
    "killed": "killed_best",
    "place": "place_name",
    "governorate": "admin_area_name",
    "title": "title",
}


def sort_indexes() -> list[SortIndex]:
    indexes = []
    for name, field in LIST_SORTS.items():
        for descending, suffix in ((False, "asc"), (True, "desc")):
            key = F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)
            indexes.append(SortIndex(key, F("id").desc(), condition=VISIBLE, name=f"inc_sort_{name}_{suffix}_idx"))
    return indexes


def trend_index() -> models.Index:
    """The published incidents by the start of their period, with every column the trends sum or a
    filter the weekly summary cannot answer reads (civilians killed, means): the trends count such
    filters' matches from this index alone rather than from the wide rows (docs/benchmarks.md).
    PostgreSQL only keeps the included columns; elsewhere it is an index on the period's start."""
    return models.Index(
        fields=["period_start"],
        include=[
            "id",
            "event_type",
            "admin_area",
            "killed_low",
            "killed_best",
            "killed_high",
            "contested",
            "civilians_killed_high",
            "means",
        ],
        condition=VISIBLE,
        name="inc_incident_trend_idx",
    )
