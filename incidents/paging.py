"""Pagination that never counts a million rows to show fifty.

Counting every match costs a scan of every match (most of a second at a million incidents), while
a page costs only the rows up to it. `CappedPaginator` counts up to a horizon: `cap` rows, or the
end of the page asked for if that lies further, plus one row to know whether more follow. Below the
horizon the count is exact; past it the paginator says so (`is_capped`), and the page still knows
whether a next page exists. The incident list and the API share it.
"""

from django.core.exceptions import EmptyResultSet
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import OperationalError, connections, transaction
from django.utils.functional import cached_property

from incidents.keyset import sort_keys

# Beyond this a page number is no page anyone reads, and a LIMIT stays inside a 64-bit integer.
_FURTHEST = 10**15
# How long a page may walk its sort's index before its matches are sorted apart (PostgreSQL):
# a base, and a little per row up to the page's end, which a deep page must walk past anyway.
WALK_MILLISECONDS = 150
WALK_MILLISECONDS_PER_ROW = 0.02
QUERY_CANCELED = "57014"


def _sorted_apart(rows, bottom: int, top: int) -> list[int]:
    """The ids of rows[bottom:top], from the matches found first (their own indexes, unordered)
    and then sorted: the subquery's OFFSET 0 keeps PostgreSQL from merging it into a walk of the
    sort's index. An ordering by anything but fields is left to the plain query."""
    try:
        keys = sort_keys(rows)
    except ValueError:
        return list(rows.values_list("id", flat=True)[bottom:top])
    paths = [key.path for key in keys]
    try:
        sql, params = rows.order_by().values_list(*paths).query.get_compiler(using=rows.db).as_sql()
    except EmptyResultSet:
        return []  # a condition that can match nothing (an empty IN list) has no SQL to run

    columns = [f"c{index}" for index in range(len(paths))]
    order = ", ".join(key.sql(column) for column, key in zip(columns, keys, strict=True))
    query = (
        f"SELECT {columns[paths.index('id')]} FROM ({sql} OFFSET 0) AS matches({', '.join(columns)}) "
        f"ORDER BY {order} LIMIT %s OFFSET %s"
    )
    with connections[rows.db].cursor() as cursor:
        cursor.execute(query, [*params, top - bottom, bottom])
        return [row[0] for row in cursor.fetchall()]


class CappedPaginator(Paginator):
    cap = 10_000

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True):
        super().__init__(object_list, per_page, orphans, allow_empty_first_page)
        self.horizon: int | None = self.cap

    def validate_number(self, number):
        # Count far enough to know whether the asked-for page exists and whether another follows.
        try:
            wanted = int(number) * int(self.per_page)
        except (TypeError, ValueError, OverflowError):
            wanted = 0
        if self.horizon is not None and wanted > self.horizon:
            counted = self.__dict__.get("count")
            # Unless already counted exactly, or past the page's start (as a "next" link asks).
            known = counted is not None and (counted <= self.horizon or counted > wanted - self.per_page)
            if not known:
                self._reach(min(wanted, _FURTHEST))
        return super().validate_number(number)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self._rows(bottom, top), number, self)

    def _rows(self, bottom: int, top: int):
        rows = self.object_list
        if not hasattr(rows, "query"):
            return rows[bottom:top]
        postgres = connections[rows.db].vendor == "postgresql"
        if bottom == 0 and not postgres:
            return rows[bottom:top]
        # The ids first, which the sort's index alone can give past the offset, then those rows
        # with their joins, instead of joining every row skipped.
        # By `id`, which history rows (releases.asof) share with the records they hold.
        ids = self._page_ids(rows, bottom, top) if postgres else list(rows.values_list("id", flat=True)[bottom:top])
        found = {row.id: row for row in rows.filter(id__in=ids).order_by()}
        return [found[id_] for id_ in ids if id_ in found]

    def _page_ids(self, rows, bottom: int, top: int) -> list[int]:
        """The page's ids on PostgreSQL, whatever the filters and the sort.

        Walking the sort's index and keeping the matches is quick when they are spread through
        the order, and unbounded when they are not: Baghdad's incidents sorted by place, those
        since 2024 sorted oldest first, lie hundreds of thousands of rows in, and the planner
        cannot know. So the walk runs only when many match (past the count's horizon), for at
        most WALK_MILLISECONDS (and more for a deep page); otherwise, or when it runs out of time,
        the matches are found first and only they are sorted.
        """
        if self.is_capped:
            connection = connections[rows.db]
            limit = round(WALK_MILLISECONDS + WALK_MILLISECONDS_PER_ROW * top)
            try:
                with transaction.atomic(using=rows.db), connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('statement_timeout', %s, true)", [str(limit)])
                    ids = list(rows.values_list("id", flat=True)[bottom:top])
                    # Back to the session's own, should an outer transaction go on.
                    cursor.execute("SET LOCAL statement_timeout TO DEFAULT")
                return ids
            except OperationalError as error:
                if getattr(error.__cause__, "sqlstate", None) != QUERY_CANCELED:
                    raise
        return _sorted_apart(rows, bottom, top)

    def get_page(self, number):
        """The asked-for page; the first for garbage or a number below 1, the last (counted
        exactly, as the horizon then lies past it) for a number past the end."""
        try:
            number = self.validate_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = 1 if int(number) < 1 else self.num_pages
        return self.page(number)

    def count_all(self):
        """Count every match from now on: for a request that needs the real last page."""
        self._reach(None)

    def _reach(self, horizon: int | None):
        self.horizon = horizon
        for name in ("count", "num_pages"):
            self.__dict__.pop(name, None)

    @cached_property
    def count(self):
        """How many match, counting at most `horizon + 1`: exact unless `is_capped`."""
        rows = self.object_list
        if hasattr(rows, "query"):
            # Unordered, so the database may stop at the first rows it finds in any order.
            rows = rows.order_by()
            if self.horizon is not None:
                rows = rows[: self.horizon + 1]
            return rows.count()
        return len(rows) if self.horizon is None else min(len(rows), self.horizon + 1)

    @property
    def is_capped(self) -> bool:
        """More than `horizon` match: `count` (the horizon plus one) is then a lower bound."""
        return self.horizon is not None and self.count > self.horizon

    @property
    def horizon_display(self) -> str:
        """The horizon for people: "10,000"."""
        return f"{self.horizon:,}" if self.horizon is not None else ""
