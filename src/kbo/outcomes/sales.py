"""Recording sales: who may report a product's sales, and saving one fiscal year of them.

A fiscal year of a product is recorded by channel (shop, fairs, online, export, wholesale),
with or without the total of all channels; the total counts when given (the channels may be a
partial breakdown), else the sum of the channels. Saving a year stores exactly what the form
holds: a field left empty removes that row. Every row written or removed
is audited (registry.Sale is registered with auditlog) and carries who recorded it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kbo.accounts import access
from kbo.core.thai import fiscal_year
from kbo.outcomes.measures import revenue_of
from kbo.registry.models import Product, Sale, SalesChannel, owned_producer_ids

CHANNELS = [c for c in SalesChannel if c != SalesChannel.TOTAL]
FIRST_YEAR = 2540


def current_fiscal_year() -> int:
    return fiscal_year(timezone.localdate())


def report_years() -> list[int]:
    """The years a sales form offers: this fiscal year and the five before it."""
    now = current_fiscal_year()
    return list(range(now, now - 6, -1))


def can_report(user, product: Product) -> bool:
    """Officers of the product's province, national staff, and the producer who owns it."""
    if access.can_manage_province(user, product.province_id):
        return True
    return product.producer_id in owned_producer_ids(user)


@dataclass
class YearRow:
    year: int
    amounts: dict[str, Decimal | None]
    total: Decimal | None
    by_channel: bool


def history(product: Product) -> list[YearRow]:
    """The product's sales per fiscal year, newest first, with the revenue that counts."""
    sales = Sale.objects.filter(product=product)
    amounts: dict[int, dict[str, Decimal | None]] = {}
    for sale in sales.order_by("-fiscal_year", "channel"):
        amounts.setdefault(sale.fiscal_year, {})[sale.channel] = sale.amount
    revenue = revenue_of(sales)
    return [
        YearRow(
            year=year,
            amounts=row,
            total=revenue.get((product.pk, year)),
            by_channel=any(c in row for c in CHANNELS),
        )
        for year, row in sorted(amounts.items(), reverse=True)
    ]


def year_amounts(product: Product, year: int) -> dict[str, Decimal]:
    return dict(
        Sale.objects.filter(product=product, fiscal_year=year).values_list("channel", "amount")
    )


@transaction.atomic
def sales_save(product: Product, year: int, amounts: dict[str, Decimal | None], by) -> list[Sale]:
    """Record one fiscal year: `amounts` maps channels and TOTAL to baht or None (None
    removes the row). Returns the rows the year now has."""
    given = {c: a for c, a in amounts.items() if a is not None}
    existing = {
        s.channel: s
        for s in Sale.objects.select_for_update().filter(product=product, fiscal_year=year)
    }
    for channel, old in existing.items():
        if channel not in given:
            old.delete()
    kept = []
    for channel, amount in given.items():
        sale = existing.get(channel) or Sale(product=product, fiscal_year=year, channel=channel)
        if sale.pk is not None and sale.amount == amount:
            kept.append(sale)
            continue
        sale.amount = amount
        sale.recorded_by = by
        sale.save()
        kept.append(sale)
    return kept
