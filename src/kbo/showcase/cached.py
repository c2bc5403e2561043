"""The showcase's public records, cached under the versions of their data.

Only what `kbo.showcase.public` hands out is cached (its frozen public records), keyed by
the page's parameters, the language and the data versions — never by anything about the
visitor, as every visitor sees the same public data. A committed change (a product edited,
a decision, a news item unpublished, a contest's results) changes a version, so the next
request reads afresh (`kbo.core.versions`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404

from kbo.core import versions
from kbo.core.paging import CappedPaginator, search_page
from kbo.geo.models import Province
from kbo.showcase import public

# The data each part is drawn from.
PRODUCTS = ("geo", "registry", "programmes")
NEWS = ("geo", "showcase")
CONTESTS = ("geo", "contests")
COUNTS = ("registry", "programmes", "contests")
RESULTS = ("geo", "registry", "network", "programmes", "contests")
KNOWLEDGE = ("geo", "network", "knowledge")  # PUBLIC items only, with their areas' names
ALL = tuple(sorted({*PRODUCTS, *NEWS, *CONTESTS, *RESULTS, *KNOWLEDGE}))

Known = Mapping[str, int] | None


def stamp() -> Known:
    """The data versions, read once per request BEFORE any public record is read."""
    return versions.stamp(*ALL) if versions.enabled() else None


# Pages -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageData:
    """A page of public records and what the pagination shows (a page can be cached; a
    queryset's paginator cannot)."""

    number: int
    count: int
    rows: list


def as_page(data: PageData, per_page: int) -> Page:
    page = Paginator(range(data.count), per_page).get_page(data.number)
    page.object_list = data.rows
    return page


def _page_data(page: Page, convert: Callable[[Any], Any]) -> PageData:
    return PageData(page.number, page.paginator.count, [convert(row) for row in page.object_list])


def _number(asked: str | None) -> int:
    """The page asked for (a page that is not a whole number is the first)."""
    return int(asked) if asked and asked.isdigit() else 1


def product_page(filters: dict, asked: str | None, per_page: int, known: Known) -> Page:
    """A page of the public product list with the filters of `ProductFilterForm`."""
    province: Province | None = filters.get("province")
    category: str = filters.get("category") or ""
    stars: int | None = filters.get("stars")
    certificate: str = filters.get("certificate") or ""
    text: str = (filters.get("q") or "").strip()

    def compute() -> PageData:
        found = public.filter_products(
            public.with_photos(public.showcased_products()),
            province=province,
            category=category,
            stars=stars,
            certificate=certificate,
            text=text,
        )
        if text:
            page = search_page(found, number, text=text, per_page=per_page)
        else:
            page = CappedPaginator(found, per_page).get_page(number)
        return _page_data(page, public.public_product)

    number = _number(asked)
    chosen = (province.pk if province else None, category, stars, certificate, text)
    parts = ("show-products", chosen, number, per_page)
    return as_page(versions.cached(parts, compute, depends=PRODUCTS, known=known), per_page)


def province_products(province: Province, asked: str | None, per_page: int, known: Known) -> Page:
    def compute() -> PageData:
        found = public.with_photos(public.showcased_products().filter(province=province))
        return _page_data(CappedPaginator(found, per_page).get_page(number), public.public_product)

    number = _number(asked)
    parts = ("show-province", province.pk, number, per_page)
    return as_page(versions.cached(parts, compute, depends=PRODUCTS, known=known), per_page)


def _queryset_page(
    name: str, items: QuerySet, convert, asked: str | None, per_page: int, depends, known: Known
) -> Page:
    def compute() -> PageData:
        return _page_data(CappedPaginator(items, per_page).get_page(number), convert)

    number = _number(asked)
    parts = (name, number, per_page)
    return as_page(versions.cached(parts, compute, depends=depends, known=known), per_page)


def contest_page(asked: str | None, per_page: int, known: Known) -> Page:
    items = public.published_contests()
    return _queryset_page(
        "show-contests", items, public.public_contest, asked, per_page, CONTESTS, known
    )


def news_page(asked: str | None, per_page: int, known: Known) -> Page:
    items = public.published_news()
    return _queryset_page("show-news", items, public.public_news, asked, per_page, NEWS, known)


# Parts of pages ----------------------------------------------------------------------------


def counts(known: Known) -> dict[str, int]:
    return versions.cached(("show-counts",), public.counts, depends=COUNTS, known=known)


def latest_products(limit: int, known: Known) -> list[public.PublicProduct]:
    def compute() -> list[public.PublicProduct]:
        return public.public_products(public.with_photos(public.showcased_products())[:limit])

    return versions.cached(("show-latest", limit), compute, depends=PRODUCTS, known=known)


def news(limit: int, known: Known, province: Province | None = None) -> list[public.PublicNews]:
    def compute() -> list[public.PublicNews]:
        items = public.published_news()
        if province is not None:
            items = items.filter(province=province)
        return [public.public_news(n) for n in items[:limit]]

    parts = ("show-latest-news", limit, province.pk if province else None)
    return versions.cached(parts, compute, depends=NEWS, known=known)


def contests(
    limit: int, known: Known, province: Province | None = None
) -> list[public.PublicContest]:
    def compute() -> list[public.PublicContest]:
        items = public.published_contests() if province is None else public.contests_of(province)
        return [public.public_contest(c) for c in items[:limit]]

    parts = ("show-latest-contests", limit, province.pk if province else None)
    # contests_of reads the entries' provinces too: contest data only, with names from geo.
    return versions.cached(parts, compute, depends=CONTESTS, known=known)


def knowledge(limit: int, known: Known) -> list[public.PublicKnowledge]:
    """The newest PUBLIC knowledge items (the same for every visitor)."""
    parts = ("show-latest-knowledge", limit)
    return versions.cached(
        parts, lambda: public.latest_knowledge(limit), depends=KNOWLEDGE, known=known
    )


def product(code: str, known: Known) -> tuple[public.PublicProduct, list]:
    """A showcased product and its placings in published contests (Http404 otherwise)."""

    def compute() -> tuple[public.PublicProduct, list] | None:
        try:
            return public.product(code), list(public.placings(code))
        except Http404:
            return None

    # A certificate's "valid" flag depends on the day.
    parts = ("show-product", code, date.today().isoformat())
    found = versions.cached(parts, compute, depends=RESULTS, known=known)
    if found is None:
        raise Http404
    return found


def contest(pk: int, known: Known) -> tuple[public.PublicContest, list[public.PanelResults]]:
    """A published contest and its results as published (Http404 for any other contest)."""

    def compute() -> tuple[public.PublicContest, list[public.PanelResults]] | None:
        found = public.published_contests().filter(pk=pk).first()
        if found is None:
            return None
        return public.public_contest(found), public.contest_results(found)

    found = versions.cached(("show-contest", pk), compute, depends=RESULTS, known=known)
    if found is None:
        raise Http404
    return found
