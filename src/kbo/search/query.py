"""Queryset helpers: word search on a stored document, and Thai dictionary order."""

from typing import TypeVar

from django.db import connection
from django.db.models import Case, F, IntegerField, Model, Q, QuerySet, Value, When
from django.db.models.functions import Collate

from kbo.search.collation import SQLITE_COLLATION
from kbo.search.text import tokenize

_M = TypeVar("_M", bound=Model)

POSTGRESQL_COLLATION = "th-TH-x-icu"


def condition(text: str, field: str = "search_text") -> Q:
    """The filter of `matches()`: `field` contains every word of `text` (Q() for no words).

    A `search_text` field holds `document()` text, already lower-case, so `contains` is
    case-insensitive there and PostgreSQL answers it from the trigram index. Other fields
    compare words that have letter case (Latin) with `icontains`.
    """
    is_document = field.rsplit("__", 1)[-1] == "search_text"
    result = Q()
    for token in dict.fromkeys(tokenize(text)):
        lookup = "contains" if is_document or token.upper() == token else "icontains"
        result &= Q(**{f"{field}__{lookup}": token})
    return result


def matches(queryset: QuerySet[_M], text: str, field: str = "search_text") -> QuerySet[_M]:
    """Rows whose `field` contains every word of `text`; an empty query filters nothing."""
    where = condition(text, field)
    return queryset.filter(where) if where else queryset


def thai_order(field: str) -> Collate | F:
    """An order_by() expression for Thai dictionary order: กล้วย < เกลือ < ขนม."""
    if connection.vendor == "postgresql":
        return Collate(F(field), POSTGRESQL_COLLATION)
    if connection.vendor == "sqlite":
        return Collate(F(field), SQLITE_COLLATION)
    return F(field)


def rank_by_name(queryset: QuerySet[_M], text: str, field: str = "name") -> QuerySet[_M]:
    """Rows whose `field` contains the whole query first, each group in Thai order."""
    phrase = " ".join(text.split())
    order: list[Case | Collate | F] = [thai_order(field), F("pk")]
    if phrase:
        whole = When(Q(**{f"{field}__icontains": phrase}), then=Value(0))
        order.insert(0, Case(whole, default=Value(1), output_field=IntegerField()))
    return queryset.order_by(*order)
