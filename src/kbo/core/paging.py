"""Pagination that stays fast on national-scale lists.

Counting every match of a broad filter over 212,000 products costs more than showing the
page, so the count stops at `cap`: beyond it the list says "more than 10,000" and pages
through the first 10,000 (narrow the filters, or export, to see the rest).
"""

from collections.abc import Sequence
from functools import cached_property
from typing import Any, cast

from django.core.paginator import Paginator
from django.db.models import Count, QuerySet


class CappedPaginator(Paginator):
    cap = 10_000

    @cached_property
    def _counted(self) -> int:
        objects = cast(QuerySet, self.object_list)
        return objects.order_by()[: self.cap + 1].count()  # counting needs no order

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @property
    def capped(self) -> bool:
        """True when there are more matches than the list counts and pages through."""
        return self._counted > self.cap


def search_page(
    queryset, number, *, text: str, per_page: int = 50, cap: int = 10_000, rank_at_most: int = 2_000
):
    """A page of text-search results read with one pass over the matches.

    A substring search over the whole country reads every row once whatever the plan (the
    trigram index does not help common Thai trigrams), so the matches' keys are read once,
    up to `cap`: the count, the order and the page come from them, and only the page's rows
    are then fetched by primary key. Up to `rank_at_most` matches are ranked (the whole
    phrase in the name first, then Thai dictionary order); more are listed by code.
    """
    from kbo.search.collation import thai_sort_key  # the search app sits above core

    keys = list(queryset.order_by().values_list("pk", "code", "name")[: cap + 1])
    capped = len(keys) > cap
    keys = keys[:cap]
    if len(keys) <= rank_at_most:
        phrase = " ".join(text.split()).casefold()
        keys.sort(key=lambda k: (phrase not in k[2].casefold(), thai_sort_key(k[2]), k[0]))
    else:
        keys.sort(key=lambda k: k[1])
    paginator = CappedPaginator([k[0] for k in keys], per_page)
    paginator.cap = cap
    paginator.__dict__["_counted"] = len(keys) + (1 if capped else 0)
    page = paginator.get_page(number)
    rows = {row.pk: row for row in queryset.order_by().filter(pk__in=list(page.object_list))}
    page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
    return page


class GroupedRows:
    """The rows of `queryset`, in its order, read a page at a time through per-group counts.

    For a list sorted first by a group (a project: year, then province) and then by a column
    of a large joined table (a product's code), the database joins and sorts every row to
    find one page. Here the rows of each group are counted once (a small GROUP BY without
    that join), the counts locate the page's groups, and only their rows are sorted and read.
    The queryset's order must begin with `group_order`, which must order the groups
    completely (each position one value of `group`). A sequence for Django's Paginator.
    """

    def __init__(self, queryset: QuerySet, group: str, group_order: Sequence[str]) -> None:
        self.queryset = queryset
        self.group = group
        self.group_order = list(group_order)

    @cached_property
    def counts(self) -> list[tuple[Any, int]]:
        keys = self.queryset.select_related(None).prefetch_related(None)
        return list(
            keys.values(self.group)
            .annotate(group_rows=Count("pk"))
            .order_by(*self.group_order)
            .values_list(self.group, "group_rows")
        )

    def count(self) -> int:
        return sum(rows for _group, rows in self.counts)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Any]:
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("GroupedRows takes a slice of consecutive rows")
        start, stop, _step = index.indices(self.count())
        groups: list[Any] = []
        before = seen = 0
        for group, rows in self.counts:
            if seen + rows > start and seen < stop:
                if not groups:
                    before = seen
                groups.append(group)
            seen += rows
        if not groups or stop <= start:
            return []
        page = self.queryset.filter(**{f"{self.group}__in": groups})
        return list(page[start - before : stop - before])


class KeysFirst:
    """The rows of `queryset` in its order, for a paginator: the keys of every match are read
    in one query (a costly filter or score is computed once, for the count and the order),
    then only the page's rows by primary key. For lists of thousands of matches (knowledge
    sources), not for the whole registry (see `search_page`).
    """

    def __init__(self, queryset: QuerySet) -> None:
        self.queryset = queryset

    @cached_property
    def keys(self) -> list[Any]:
        keys = self.queryset.select_related(None).prefetch_related(None)
        return list(keys.values_list("pk", flat=True))

    def count(self) -> int:
        return len(self.keys)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Any]:
        if not isinstance(index, slice):
            raise TypeError("KeysFirst takes a slice")
        ids = self.keys[index]
        rows = {row.pk: row for row in self.queryset.order_by().filter(pk__in=ids)}
        return [rows[pk] for pk in ids if pk in rows]
