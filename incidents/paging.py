"""Pagination that never counts a million rows to show fifty.

Counting every match costs a scan of every match (most of a second at a million incidents), while
a page costs only the rows up to it. `CappedPaginator` counts up to a horizon: `cap` rows, or the
end of the page asked for if that lies further, plus one row to know whether more follow. Below the
horizon the count is exact; past it the paginator says so (`is_capped`), and the page still knows
whether a next page exists. The incident list and the API share it.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.functional import cached_property

# Beyond this a page number is no page anyone reads, and a LIMIT stays inside a 64-bit integer.
_FURTHEST = 10**15


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
        if bottom == 0 or not hasattr(rows, "query"):
            return rows[bottom:top]
        # A deep page: the ids first, which the sort's index alone can give past the offset, then
        # those rows with their joins, instead of joining every row skipped.
        ids = list(rows.values_list("pk", flat=True)[bottom:top])
        found = {row.pk: row for row in rows.filter(pk__in=ids).order_by()}
        return [found[pk] for pk in ids if pk in found]

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
