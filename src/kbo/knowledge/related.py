"""Related knowledge: the items worth reading beside a need of a development plan or on a
product passport — found by expertise area and product category, only among the items the
reader may see."""

from collections.abc import Iterable

from django.db import models
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from kbo.knowledge.models import Item
from kbo.programmes.models.development import NEED_AREA_EXPERTISE

LIMIT = 5


def _ranked(items: QuerySet[Item], codes: list[str], category: str | None) -> QuerySet[Item]:
    """Items in any of the expertise areas `codes` (the first counts most), items for the
    product's category before others, then the newest."""
    if not codes:
        return items.none()
    first = Case(
        When(areas__code=codes[0], then=Value(3)), default=Value(0), output_field=IntegerField()
    )
    score = models.Max(first) + Count("areas", filter=Q(areas__code__in=codes))
    if category:
        score = (
            score + Count("categories", filter=Q(categories__category=category), distinct=True) * 2
        )
    return (
        items.filter(areas__code__in=codes)
        .annotate(relatedness=score)
        .order_by("-relatedness", "-published_at", "-pk")
    )


def for_need(user, area: str, category: str | None, limit: int = LIMIT) -> list[Item]:
    """Items for a need (or plan item) of `area` (programmes.NeedArea) of a product."""
    codes = list(NEED_AREA_EXPERTISE.get(area, ()))
    return list(_ranked(Item.objects.for_user(user), codes, category)[:limit])


def for_needs(
    user, needs: Iterable[tuple[int, str]], category: str | None, limit: int = 3
) -> dict[int, list[Item]]:
    """{need id: items} for several needs of one product, one query per distinct area."""
    by_area: dict[str, list[Item]] = {}
    found = {}
    for pk, area in needs:
        if area not in by_area:
            by_area[area] = for_need(user, area, category, limit)
        found[pk] = by_area[area]
    return found


def for_product(user, product, areas: Iterable[str] = (), limit: int = LIMIT) -> list[Item]:
    """Items for a product: the expertise areas its needs and plan items name (or, when it
    has none, every item for its category), not its own case study."""
    codes = list(
        dict.fromkeys(code for area in areas for code in NEED_AREA_EXPERTISE.get(area, ()))
    )
    visible = Item.objects.for_user(user).exclude(product=product)
    if codes:
        return list(_ranked(visible, codes, product.category)[:limit])
    return list(
        visible.filter(categories__category=product.category).order_by("-published_at", "-pk")[
            :limit
        ]
    )
