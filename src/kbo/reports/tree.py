"""The dataclass tree of an official report (built by data.py, rendered by xlsx.py and
pdf.py): plain values only, no model instances, so both renderings read the same numbers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from kbo.programmes import plans
from kbo.reports import wording


@dataclass
class ActivityLine:
    label: str
    budget: Decimal
    starts_on: dt.date | None
    ends_on: dt.date | None
    status: str


@dataclass
class CategoryLine:
    category: str
    label: str
    products: int
    revenue: Decimal | None


@dataclass
class ProductLine:
    code: str
    name: str
    producer: str
    category: str
    baseline: Decimal | None
    result: Decimal | None
    change: Decimal | None
    stars_before: int | None
    stars_after: int | None
    certificates: list[str]


@dataclass
class KpiLine:
    code: str
    name: str
    unit: str  # 'count' | 'percent' | 'baht'
    value: Decimal | int | None
    target: Decimal | None
    met: bool | None
    basis: int
    of: int


@dataclass
class TrainingLine:
    title: str
    starts_on: dt.date
    ends_on: dt.date
    sessions: int
    trainees: int
    present: int  # attendance marks "present" over all sessions

    @property
    def attendance(self) -> Decimal | None:
        """Per cent of the possible attendances (sessions × trainees) that were present."""
        possible = self.sessions * self.trainees
        if not possible:
            return None
        return (Decimal(self.present * 100) / possible).quantize(Decimal("0.1"))


@dataclass
class AwardLine:
    contest: str
    award: str
    title: str
    province: str


@dataclass
class Signature:
    reporter: str = ""
    position: str = ""


@dataclass
class ProvincialReport:
    province: str
    province_code: str
    year: int
    reported_on: dt.date
    signature: Signature
    project_name: str = ""
    budget: Decimal | None = None
    objectives: str = ""
    has_project: bool = False
    activities: list[ActivityLine] = field(default_factory=list)
    targets: list[plans.TargetRow] = field(default_factory=list)
    categories: list[CategoryLine] = field(default_factory=list)
    products: list[ProductLine] = field(default_factory=list)
    kpis: list[KpiLine] = field(default_factory=list)
    trainings: list[TrainingLine] = field(default_factory=list)
    awards: list[AwardLine] = field(default_factory=list)
    revenue_total: Decimal | None = None

    @property
    def baseline_year(self) -> int:
        return self.year - 1

    @property
    def products_total(self) -> int:
        return len(self.products)

    @property
    def title(self) -> str:
        return wording.provincial_title(self.province, self.year)

    @property
    def summary(self) -> str:
        return wording.cohort_sentence(
            self.year, [(c.label, c.products) for c in self.categories], self.revenue_total
        )


@dataclass
class ProvinceLine:
    code: str
    name: str
    products: int
    revenue: Decimal | None
    kpis: list[KpiLine]


@dataclass
class NationalReport:
    year: int
    reported_on: dt.date
    signature: Signature
    provinces: list[ProvinceLine] = field(default_factory=list)
    categories: list[CategoryLine] = field(default_factory=list)
    kpis: list[KpiLine] = field(default_factory=list)
    highlights: list[str] = field(default_factory=list)  # names of the per-province KPIs
    revenue_total: Decimal | None = None

    @property
    def products_total(self) -> int:
        return sum(p.products for p in self.provinces)

    @property
    def title(self) -> str:
        return wording.national_title(self.year)

    @property
    def summary(self) -> str:
        return wording.national_sentence(
            self.year,
            len(self.provinces),
            [(c.label, c.products) for c in self.categories],
            self.revenue_total,
        )
