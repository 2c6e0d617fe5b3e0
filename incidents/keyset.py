"""A queryset's ordering as sort keys, and reading its rows in keyset batches: each batch found
after the last row of the one before, never by an offset, so reading on costs the same however far
in. The exports read their rows this way; the paginator sorts a page's matches by the same keys.
"""

import json
from collections.abc import Iterator
from typing import NamedTuple

from django.db import connections
from django.db.models import F, OrderBy, Q, QuerySet
from django.db.models.expressions import RawSQL


class SortKey(NamedTuple):
    path: str
    descending: bool
    nullable: bool
    nulls_last: bool

    def sql(self, column: str) -> str:
        """The ORDER BY term for this key over `column`, NULLs where the ordering puts them."""
        return f"{column} {'DESC' if self.descending else 'ASC'} NULLS {'LAST' if self.nulls_last else 'FIRST'}"


def sort_keys(queryset: QuerySet) -> list[SortKey]:
    """The queryset's ordering, with where each key's NULLs go, ending with the id so it is total."""
    query = queryset.query
    terms = query.order_by or (queryset.model._meta.ordering if query.default_ordering else [])
    # Where NULLs go when the ordering does not say: PostgreSQL counts them larger than any
    # value, SQLite smaller.
    nulls_largest = connections[queryset.db].features.nulls_order_largest
    # History rows (releases.asof) sort by the fields of the records they hold.
    record_model = getattr(queryset.model, "instance_type", queryset.model)
    keys = []
    for term in terms:
        if isinstance(term, str) and term != "?":
            path, descending, nulls_last = term.removeprefix("-"), term.startswith("-"), None
        elif isinstance(term, OrderBy) and isinstance(term.expression, F):
            path, descending = term.expression.name, term.descending
            nulls_last = True if term.nulls_last else False if term.nulls_first else None
        else:
            raise ValueError(f"Exports follow orderings by fields only, not {term!r}.")
        if nulls_last is None:
            nulls_last = nulls_largest != descending
        path = "id" if path == "pk" else path
        keys.append(SortKey(path, descending, _nullable(record_model, path), nulls_last))
    if "id" not in (key.path for key in keys):
        keys.append(SortKey("id", False, False, True))
    return keys


def _nullable(model, path: str) -> bool:
    """Whether a field path can be NULL: its field can, or a relation on the way to it can."""
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if field.null:
            return True
        model = field.related_model
    return False


def rows_after(keys: list[SortKey], last: dict) -> Q:
    """Rows that the ordering puts after `last`: the first key later, or it equal and the second
    later, and so on, with NULLs where the ordering puts them."""
    condition = None
    same_so_far = Q()
    leading_bound = None
    for path, descending, nullable, nulls_last in keys:
        value = last[path]
        if value is None:
            later = None if nulls_last else Q(**{f"{path}__isnull": False})
            same = Q(**{f"{path}__isnull": True})
            bound = same if nulls_last else None
        else:
            later = Q(**{f"{path}__{'lt' if descending else 'gt'}": value})
            same = Q(**{path: value})
            bound = Q(**{f"{path}__{'lte' if descending else 'gte'}": value})
            if nullable and nulls_last:
                later |= Q(**{f"{path}__isnull": True})
                bound |= Q(**{f"{path}__isnull": True})
        if leading_bound is None:
            # Implied by the disjunction below; stated so the database can range-scan an index.
            leading_bound = bound or Q()
        if later is not None:
            term = same_so_far & later
            condition = term if condition is None else condition | term
        same_so_far &= same
    return leading_bound & condition


def keyset_batches(rows: QuerySet, keys: list[SortKey], batch_size: int) -> Iterator[list[dict]]:
    """`rows` (a values() queryset holding every key's path) in batches of `batch_size`, in the
    order of `keys`, each batch found after the last row of the one before, never by an offset."""
    after = Q()
    while True:
        batch = list(rows.filter(after)[:batch_size])
        if batch:
            yield batch
        if len(batch) < batch_size:
            return
        after = rows_after(keys, batch[-1])


def batches(rows: QuerySet, keys: list[SortKey], batch_size: int) -> Iterator[list[dict]]:
    """`rows` (a values() queryset holding "id" and every key's path) in batches in the order of
    `keys`: by keyset where the records' own tables and indexes keep that order; for history rows
    (releases.asof), which no index orders, every id is read at once in order, then each batch by
    its ids, so the latest-row-per-record condition runs once rather than once per batch."""
    if not hasattr(rows.model, "instance_type"):
        yield from keyset_batches(rows, keys, batch_size)
        return
    ids = list(rows.values_list("id", flat=True))
    for start in range(0, len(ids), batch_size):
        wanted = ids[start : start + batch_size]
        found = {row["id"]: row for row in rows.filter(id__in=id_set(wanted, rows.db)).order_by()}
        yield [found[id_] for id_ in wanted if id_ in found]


def id_set(ids: list[int], using: str) -> RawSQL:
    """The batch's ids as one query parameter: binding thousands of placeholders per query costs
    more than the query itself."""
    if connections[using].vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])
