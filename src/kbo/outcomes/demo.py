"""Demo sales for the KBO cohorts, so the outcomes, dashboards and reports have real numbers.

Chiang Mai's 11 products of fiscal 2562 sold 272,500 baht in 2562 (the province's own
summary, seeds/003): the amounts below add up to exactly that, split by channel; their 2561
baseline is recorded as a single total, as the province had it before the platform. The
other products of the 2563 cohort get a 2562 baseline so that cohort can be compared too.
Idempotent: running it again rewrites the same rows.
"""

from decimal import Decimal

from django.db import transaction

from kbo.programmes.models import Decision
from kbo.registry.models import Sale, SalesChannel

COHORT_2562 = [
    48_000,
    36_500,
    31_000,
    29_500,
    27_000,
    24_500,
    21_000,
    18_500,
    15_000,
    12_500,
    9_000,
]
# Share of each channel in 2562 (shop, fairs, online); the remainder goes to the last one.
SPLIT = [(SalesChannel.SHOP, Decimal("0.5")), (SalesChannel.FAIR, Decimal("0.3"))]
# 2561 against 2562: eight of the eleven sold more after development.
BASELINE_FACTORS = [
    "0.72",
    "0.80",
    "0.91",
    "0.65",
    "1.08",
    "0.85",
    "0.78",
    "1.12",
    "0.70",
    "1.04",
    "0.60",
]

# 2562 against 2563 for the rest of the 2563 cohort: most, not all, sold more in 2563.
LATER_FACTORS = ["0.82", "1.10", "0.75", "0.95", "1.20", "0.88"]


def _round(amount: Decimal, step: int = 500) -> Decimal:
    return Decimal(int(amount / step) * step)


def _put(product_id: int, year: int, channel: str, amount: Decimal) -> None:
    Sale.objects.update_or_create(
        product_id=product_id,
        fiscal_year=year,
        channel=channel,
        defaults={"amount": amount},
    )


def _selected(year: int) -> list[int]:
    return list(
        Decision.objects.filter(
            project__province__code="50",
            project__fiscal_year=year,
            status=Decision.Status.SELECTED,
        )
        .order_by("product__code")
        .values_list("product_id", flat=True)
    )


@transaction.atomic
def load() -> dict[str, int]:
    rows = 0
    first = _selected(2562)
    for product_id, total, ratio in zip(first, COHORT_2562, BASELINE_FACTORS, strict=False):
        amount = Decimal(total)
        left = amount
        for channel, share in SPLIT:
            part = _round(amount * share)
            _put(product_id, 2562, channel, part)
            left -= part
            rows += 1
        _put(product_id, 2562, SalesChannel.ONLINE, left)
        Sale.objects.filter(
            product_id=product_id, fiscal_year=2562, channel=SalesChannel.TOTAL
        ).delete()
        _put(product_id, 2561, SalesChannel.TOTAL, _round(amount * Decimal(ratio)))
        rows += 2
    for product_id in _selected(2563):
        if product_id in first:
            continue
        later = (
            Sale.objects.filter(product_id=product_id, fiscal_year=2563)
            .order_by("channel")
            .values_list("amount", flat=True)
            .first()
        )
        if later is not None:
            factor = Decimal(LATER_FACTORS[product_id % len(LATER_FACTORS)])
            _put(product_id, 2562, SalesChannel.TOTAL, _round(Decimal(later) * factor))
            rows += 1
    return {"sales": rows, "cohort_2562": len(first)}
