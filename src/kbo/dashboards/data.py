"""The numbers behind the dashboards: a few aggregate queries per panel, live, in scope.

A `Scope` is who looks (the user), at what (all provinces or one), and which fiscal year.
Every queryset starts from the models' `for_user(user)`, then narrows to the province, so a
provincial dashboard never counts another province's rows. Each number is one aggregate
query (`values().annotate(Count/Sum)`); the query count does not grow with the rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from kbo.accounts import access
from kbo.geo.models import Province
from kbo.outcomes import measures
from kbo.programmes.models import Activity, Decision, PlanItem, Project
from kbo.registry.models import Product, Sale, SalesChannel

ZERO = Decimal(0)
TREND_YEARS = 5


def revenue_by(sales: QuerySet[Sale], *fields: str) -> dict[tuple, Decimal]:
    """Revenue summed by `fields` with the rule of `measures.revenue_of`, in SQL.

    A product-year counts its "all channels" row when recorded, else the sum of its channel
    rows: the sum of the "all channels" rows, plus the channel rows of product-years without
    one (an anti-join). Two aggregate queries, whatever the number of rows.
    """
    found: dict[tuple, Decimal] = defaultdict(lambda: ZERO)
    totals = (
        sales.order_by()
        .filter(channel=SalesChannel.TOTAL)
        .values(*fields)
        .annotate(amount=Sum("amount"))
    )
    total_row = Sale.objects.filter(
        product_id=OuterRef("product_id"),
        fiscal_year=OuterRef("fiscal_year"),
        channel=SalesChannel.TOTAL,
    )
    by_channel = (
        sales.order_by()
        .exclude(channel=SalesChannel.TOTAL)
        .filter(~Exists(total_row))
        .values(*fields)
        .annotate(amount=Sum("amount"))
    )
    for rows in (totals, by_channel):
        for row in rows:
            if row["amount"] is not None:
                found[tuple(row[f] for f in fields)] += Decimal(row["amount"])
    return dict(found)


@dataclass
class Scope:
    user: object
    year: int
    province: Province | None = None  # None: every province the user may see (national)

    # Registry ---------------------------------------------------------------------------

    @cached_property
    def products(self) -> QuerySet[Product]:
        found = Product.objects.for_user(self.user).order_by()
        return found.filter(province=self.province) if self.province else found

    @cached_property
    def _counts(self) -> list[dict]:
        """Products per (province, category, stars, segment): one scan serves four panels."""
        fields = ("province_id", "category", "current_stars", "current_segment")
        return list(self.products.values(*fields).annotate(n=Count("pk")).order_by())

    def products_by(self, field: str) -> dict:
        """{value of `field`: products}; the four fields of `_counts` need no extra query."""
        if field in ("province_id", "category", "current_stars", "current_segment"):
            found: dict = defaultdict(int)
            for row in self._counts:
                found[row[field]] += row["n"]
            return dict(found)
        rows = self.products.values(field).annotate(n=Count("pk")).order_by(field)
        return {row[field]: row["n"] for row in rows}

    @property
    def trend_years(self) -> list[int]:
        return list(range(self.year - TREND_YEARS + 1, self.year + 1))

    def _sales_of(self, product_ids: QuerySet | list[int]) -> QuerySet[Sale]:
        return Sale.objects.filter(product_id__in=product_ids, fiscal_year__in=self.trend_years)

    @cached_property
    def registry_revenue(self) -> dict[int, Decimal]:
        """{year: revenue} of every registry product in scope over the trend years."""
        sales: QuerySet[Sale]
        if self.province is None and access.is_national(self.user):
            sales = Sale.objects.filter(fiscal_year__in=self.trend_years)
        else:
            # The province's product ids, listed: the planner then reads their sales by index
            # instead of scanning the whole sales table.
            sales = self._sales_of(list(self.products.values_list("pk", flat=True)))
        return {key[0]: amount for key, amount in revenue_by(sales, "fiscal_year").items()}

    @cached_property
    def revenue_by_province(self) -> dict[int, Decimal]:
        """{province_id: revenue} of the registry products in scope in the selected year."""
        if self.province is not None:
            return {self.province.pk: self.registry_revenue.get(self.year, ZERO)}
        sales = Sale.objects.for_user(self.user).filter(fiscal_year=self.year)
        return {key[0]: amount for key, amount in revenue_by(sales, "product__province_id").items()}

    # Projects ---------------------------------------------------------------------------

    @cached_property
    def projects(self) -> QuerySet[Project]:
        found = Project.objects.for_user(self.user).filter(fiscal_year=self.year)
        return found.filter(province=self.province) if self.province else found

    @cached_property
    def decisions(self) -> QuerySet[Decision]:
        """This year's decisions in scope (the cohort is their SELECTED ones)."""
        found = Decision.objects.for_user(self.user).filter(project__fiscal_year=self.year)
        return found.filter(project__province=self.province) if self.province else found

    @cached_property
    def project_rows(self) -> list[Any]:
        """One row per project of the year: province, target and selected products."""
        return list(
            self.projects.values(
                "pk", "province__code", "province__name_th", "name", "target_products"
            )
            .annotate(
                selected=Count("decisions", filter=Q(decisions__status=Decision.Status.SELECTED))
            )
            .order_by("province__code")
        )

    @cached_property
    def plan_items(self) -> dict[tuple[int, str], int]:
        """{(project_id, status): plan items} of the selected products."""
        rows = (
            PlanItem.objects.filter(
                decision__in=self.decisions.filter(status=Decision.Status.SELECTED)
            )
            .values("decision__project_id", "status")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return {(r["decision__project_id"], r["status"]): r["n"] for r in rows}

    @cached_property
    def activities(self) -> list[Any]:
        return list(
            Activity.objects.filter(project__in=self.projects)
            .values(
                "project_id",
                "project__province__code",
                "kind",
                "status",
                "budget",
                "starts_on",
                "ends_on",
            )
            .order_by("project__province__code", "kind")
        )

    # Outcomes ---------------------------------------------------------------------------

    @cached_property
    def outcomes(self) -> list[measures.ProductOutcome]:
        return measures.outcomes(self.decisions)

    @cached_property
    def kpis(self) -> list[measures.KpiValue]:
        """`measures.kpi_values`, reusing the outcome pass of the default years (1, 0)."""
        passes = {(1, 0): self.outcomes}
        values = []
        for kpi in measures.active_kpis():
            key = (kpi.baseline_offset, kpi.result_offset)
            if key not in passes:
                passes[key] = measures.outcomes(self.decisions, *key)
            value, basis = measures.measure(kpi.measure, passes[key])
            values.append(measures.KpiValue(kpi=kpi, value=value, basis=basis, of=len(passes[key])))
        return values

    @cached_property
    def developed_revenue(self) -> dict[int, Decimal]:
        """{year: revenue} of the products developed in the projects up to this year."""
        developed = Decision.objects.for_user(self.user).filter(
            status=Decision.Status.SELECTED, project__fiscal_year__lte=self.year
        )
        if self.province:
            developed = developed.filter(project__province=self.province)
        ids = sorted(set(developed.values_list("product_id", flat=True)))
        sales = self._sales_of(ids)
        return {key[0]: amount for key, amount in revenue_by(sales, "fiscal_year").items()}

    @cached_property
    def _provinces(self) -> list[tuple[int, str, str]]:
        return list(Province.objects.order_by("code").values_list("pk", "code", "name_th"))

    @property
    def province_names(self) -> dict[str, str]:
        return {code: name for _pk, code, name in self._provinces}

    @property
    def province_codes(self) -> dict[int, str]:
        return {pk: code for pk, code, _name in self._provinces}
