"""What a KBO cohort achieved: revenue before and after, stars, segments, certificates, KPIs.

A *cohort* is the products selected (Decision SELECTED) in the projects of one or more fiscal
years. For a product developed in fiscal year Y:

- revenue of a year = its "all channels" row when recorded (imports record only that, and a
  producer may give the total beside a partial breakdown), else the sum of its channel rows
  (shop, fairs, online, export, wholesale) — the rule the product passport shows too;
- baseline = revenue of year Y − baseline_offset (1 = the year before development);
- result = revenue of year Y + result_offset (0 = the project's own year, as the province
  reports it: "มีรายได้ในการจำหน่ายในปี 2562 รวม 272,500 บาท");
- stars and segment *before* = the latest rating/assessment before year Y; *after* = the
  latest from year Y on; a certificate is *gained* when issued from the first day of fiscal
  year Y and the product held no certificate of that kind before.

Everything is computed live from the records in a fixed number of queries (no
precomputation), so the numbers are current the moment a sale or a decision is saved.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet, Sum

from kbo.core.thai import fiscal_year_bounds
from kbo.outcomes.defaults import ensure_default_kpis
from kbo.outcomes.models import Kpi, Measure
from kbo.programmes.models import Decision
from kbo.registry.models import (
    Category,
    Certificate,
    Sale,
    SalesChannel,
    SegmentAssessment,
    StarRating,
)

SEGMENT_RANK = {"D": 0, "C": 1, "B": 2, "A": 3}
ZERO = Decimal(0)


@dataclass
class ProductOutcome:
    product_id: int
    code: str
    name: str
    category: str
    province_id: int
    cohort_year: int
    baseline_year: int
    result_year: int
    baseline: Decimal | None = None
    result: Decimal | None = None
    stars_before: int | None = None
    stars_after: int | None = None
    segment_before: str | None = None
    segment_after: str | None = None
    certificates_gained: list[str] = field(default_factory=list)

    @property
    def change(self) -> Decimal | None:
        if self.baseline is None or self.result is None:
            return None
        return self.result - self.baseline

    @property
    def change_percent(self) -> Decimal | None:
        change = self.change
        if change is None or not self.baseline:
            return None
        return (change * 100 / self.baseline).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def revenue_rose(self) -> bool:
        change = self.change
        return change is not None and change > 0

    @property
    def gained_star(self) -> bool:
        before, after = self.stars_before, self.stars_after
        return after is not None and (before is None or after > before)

    @property
    def gained_segment(self) -> bool:
        before, after = self.segment_before, self.segment_after
        if after is None or before is None:
            return False
        return SEGMENT_RANK.get(after, 0) > SEGMENT_RANK.get(before, 0)

    @property
    def gained_certificate(self) -> bool:
        return bool(self.certificates_gained)


def cohort(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    """The selected products among `decisions` (already scoped to what the user may see)."""
    return decisions.filter(status=Decision.Status.SELECTED)


def revenue(product_ids: Iterable[int], years: Iterable[int]) -> dict[tuple[int, int], Decimal]:
    """Revenue per (product, fiscal year): the total row when recorded, else the channels."""
    ids, wanted = list(product_ids), sorted(set(years))
    if not ids or not wanted:
        return {}
    return revenue_of(Sale.objects.filter(product_id__in=ids, fiscal_year__in=wanted))


def revenue_of(sales: QuerySet[Sale]) -> dict[tuple[int, int], Decimal]:
    channel = ~Q(channel=SalesChannel.TOTAL)
    rows = (
        sales.order_by()
        .values("product_id", "fiscal_year")
        .annotate(
            by_channel=Sum("amount", filter=channel),
            total=Sum("amount", filter=Q(channel=SalesChannel.TOTAL)),
        )
    )
    found: dict[tuple[int, int], Decimal] = {}
    for row in rows:
        amount = row["total"] if row["total"] is not None else row["by_channel"]
        if amount is not None:
            found[(row["product_id"], row["fiscal_year"])] = Decimal(amount)
    return found


def outcomes(
    decisions: QuerySet[Decision], baseline_offset: int = 1, result_offset: int = 0
) -> list[ProductOutcome]:
    """One outcome per selected product of `decisions`, ordered by year, category, name."""
    rows = list(
        cohort(decisions)
        .order_by("project__fiscal_year", "product__category", "product__name", "pk")
        .values_list(
            "product_id",
            "product__code",
            "product__name",
            "product__category",
            "project__province_id",
            "project__fiscal_year",
        )
    )
    found = [
        ProductOutcome(
            product_id=pid,
            code=code,
            name=name,
            category=category,
            province_id=province_id,
            cohort_year=year,
            baseline_year=year - baseline_offset,
            result_year=year + result_offset,
        )
        for pid, code, name, category, province_id, year in rows
    ]
    if not found:
        return found
    ids = sorted({o.product_id for o in found})
    years = {o.baseline_year for o in found} | {o.result_year for o in found}
    sales = revenue(ids, years)
    stars: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pid, year, count in StarRating.objects.filter(product_id__in=ids).values_list(
        "product_id", "round__year", "stars"
    ):
        stars[pid].append((year, count))
    segments: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pid, year, segment in SegmentAssessment.objects.filter(product_id__in=ids).values_list(
        "product_id", "year", "segment"
    ):
        segments[pid].append((year, segment))
    certificates: dict[int, list[tuple[str, dt.date | None]]] = defaultdict(list)
    for pid, kind, issued in Certificate.objects.filter(product_id__in=ids).values_list(
        "product_id", "kind", "issued_on"
    ):
        certificates[pid].append((kind, issued))
    for o in found:
        o.baseline = sales.get((o.product_id, o.baseline_year))
        o.result = sales.get((o.product_id, o.result_year))
        o.stars_before, o.stars_after = _before_after(stars[o.product_id], o.cohort_year)
        o.segment_before, o.segment_after = _before_after(segments[o.product_id], o.cohort_year)
        o.certificates_gained = _gained(certificates[o.product_id], o.cohort_year)
    return found


def _before_after(history: list, year: int) -> tuple:
    before = [h for h in history if h[0] < year]
    after = [h for h in history if h[0] >= year]
    return (
        max(before)[1] if before else None,
        max(after, key=lambda h: h[0])[1] if after else None,
    )


def _gained(held: list[tuple[str, dt.date | None]], year: int) -> list[str]:
    start, _end = fiscal_year_bounds(year)
    before = {kind for kind, issued in held if issued is not None and issued < start}
    return sorted(
        {kind for kind, issued in held if issued is not None and issued >= start} - before
    )


@dataclass
class KpiValue:
    kpi: Kpi
    value: Decimal | int | None
    basis: int  # how many products the value rests on
    of: int  # how many products are in the cohort

    @property
    def met(self) -> bool | None:
        if self.kpi.target is None or self.value is None:
            return None
        return Decimal(self.value) >= self.kpi.target


def measure(kind: str, found: list[ProductOutcome]) -> tuple[Decimal | int | None, int]:
    """The value of one measure over outcomes, and how many products it rests on."""
    compared = [o for o in found if o.change is not None]
    if kind == Measure.PRODUCTS_DEVELOPED:
        return len({o.product_id for o in found}), len(found)
    if kind == Measure.REVENUE_TOTAL:
        reported = [o.result for o in found if o.result is not None]
        return (sum(reported, ZERO) if reported else None), len(reported)
    if kind == Measure.REVENUE_ROSE_SHARE:
        if not compared:
            return None, 0
        rose = sum(1 for o in compared if o.revenue_rose)
        share = Decimal(rose * 100) / len(compared)
        return share.quantize(Decimal("0.1"), ROUND_HALF_UP), len(compared)
    if kind == Measure.REVENUE_CHANGE_TOTAL:
        changes = [o.change for o in compared if o.change is not None]
        return (sum(changes, ZERO) if changes else None), len(changes)
    if kind == Measure.REVENUE_CHANGE_AVERAGE:
        changes = [o.change for o in compared if o.change is not None]
        if not changes:
            return None, 0
        average = sum(changes, ZERO) / len(changes)
        return average.quantize(Decimal("0.01"), ROUND_HALF_UP), len(changes)
    flags = {
        Measure.GAINED_STAR: "gained_star",
        Measure.GAINED_SEGMENT: "gained_segment",
        Measure.GAINED_CERTIFICATE: "gained_certificate",
    }
    attribute = flags[Measure(kind)]
    return sum(1 for o in found if getattr(o, attribute)), len(found)


def active_kpis() -> list[Kpi]:
    """The KPIs shown in pages and reports (the defaults are created if none exist at all)."""
    found = list(Kpi.objects.active())
    if not found and ensure_default_kpis():
        found = list(Kpi.objects.active())
    return found


def kpi_values(
    decisions: QuerySet[Decision],
    kpis: Iterable[Kpi] | None = None,
    found: list[ProductOutcome] | None = None,
) -> list[KpiValue]:
    """Every active KPI over the cohort of `decisions`, one outcome pass per pair of offsets.

    `found`: `outcomes(decisions)` when the caller has it already (the default offsets).
    """
    chosen = active_kpis() if kpis is None else list(kpis)
    passes: dict[tuple[int, int], list[ProductOutcome]] = {}
    if found is not None:
        passes[(1, 0)] = found
    values = []
    for kpi in chosen:
        key = (kpi.baseline_offset, kpi.result_offset)
        if key not in passes:
            passes[key] = outcomes(decisions, *key)
        found = passes[key]
        value, basis = measure(kpi.measure, found)
        values.append(KpiValue(kpi=kpi, value=value, basis=basis, of=len(found)))
    return values


@dataclass
class CategoryRow:
    category: str
    label: str
    products: int
    revenue: Decimal | None


def by_category(found: list[ProductOutcome]) -> list[CategoryRow]:
    """Products and result-year revenue per category, in the registry's category order."""
    counts: dict[str, int] = defaultdict(int)
    money: dict[str, Decimal] = {}
    for o in found:
        counts[o.category] += 1
        if o.result is not None:
            money[o.category] = money.get(o.category, ZERO) + o.result
    return [
        CategoryRow(value, str(label), counts[value], money.get(value))
        for value, label in Category.choices
        if counts.get(value)
    ]
