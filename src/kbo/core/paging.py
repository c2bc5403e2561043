"""Pagination that stays fast on national-scale lists.

Counting every match of a broad filter over 212,000 products costs more than showing the
page, so the count stops at `cap`: beyond it the list says "more than 10,000" and pages
through the first 10,000 (narrow the filters, or export, to see the rest).
"""

from functools import cached_property
from typing import cast

from django.core.paginator import Paginator
from django.db.models import QuerySet


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
