"""The data of the official reports, read once from the records and rendered twice (xlsx.py,
pdf.py).

A provincial report covers one province's KBO project of one fiscal year; the national
summary every province with a project that year. Both read through the user's scoping
(`for_user`), so a report never shows rows the person could not open. The number of queries
is fixed: it does not grow with the number of products, trainings or provinces (it grows
only with the number of published contests of the province that year, usually one, and
with the number of different year offsets among the active KPIs).

Labels (categories, activities, statuses, awards) are read in Thai: an official report is
a Thai document whatever language the person uses.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone, translation

from kbo.contests.models import Contest
from kbo.contests.results import Tier, contest_results
from kbo.geo.models import Province
from kbo.outcomes import measures
from kbo.outcomes.measures import KpiValue, ProductOutcome
from kbo.outcomes.models import Kpi, Measure
from kbo.programmes import plans
from kbo.programmes.models import Activity, Decision, Project
from kbo.registry.models import Category, CertificateType, Product
from kbo.reports.tree import (
    ActivityLine,
    AwardLine,
    CategoryLine,
    KpiLine,
    NationalReport,
    ProductLine,
    ProvinceLine,
    ProvincialReport,
    Signature,
    TrainingLine,
)
from kbo.trainings.models import SessionAttendance, Training

# The order in which the provinces' own summaries list the categories (seeds/003: textiles,
# household items, food, beverages, non-food herbal).
CATEGORY_ORDER = [
    Category.TEXTILE,
    Category.HOUSEHOLD,
    Category.FOOD,
    Category.BEVERAGE,
    Category.HERBAL,
]
# Shown as columns of their own in the national summary, not among the KPI highlights.
OWN_COLUMNS = {Measure.PRODUCTS_DEVELOPED, Measure.REVENUE_TOTAL}

__all__ = [
    "ActivityLine",
    "AwardLine",
    "CategoryLine",
    "KpiLine",
    "NationalReport",
    "ProductLine",
    "ProvinceLine",
    "ProvincialReport",
    "Signature",
    "TrainingLine",
    "national",
    "provincial",
]


# Building blocks ------------------------------------------------------------------------


def _categories(found: list[ProductOutcome]) -> list[CategoryLine]:
    rows = {row.category: row for row in measures.by_category(found)}
    return [
        CategoryLine(c.value, rows[c.value].label, rows[c.value].products, rows[c.value].revenue)
        for c in CATEGORY_ORDER
        if c.value in rows
    ]


def _total(found: list[ProductOutcome]) -> Decimal | None:
    value, _basis = measures.measure(Measure.REVENUE_TOTAL, found)
    return Decimal(value) if value is not None else None


def _kpi_passes(decisions, found: list[ProductOutcome], kpis: list[Kpi]) -> dict:
    """Outcomes per (baseline, result) offset pair the KPIs need; the report's own pass
    (1, 0) is reused rather than read again."""
    passes: dict[tuple[int, int], list[ProductOutcome]] = {(1, 0): found}
    for kpi in kpis:
        key = (kpi.baseline_offset, kpi.result_offset)
        if key not in passes:
            passes[key] = measures.outcomes(decisions, *key)
    return passes


def _kpi_lines(kpis: list[Kpi], passes: dict, province_id: int | None = None) -> list[KpiLine]:
    lines = []
    for kpi in kpis:
        found = passes[(kpi.baseline_offset, kpi.result_offset)]
        if province_id is not None:
            found = [o for o in found if o.province_id == province_id]
        value, basis = measures.measure(kpi.measure, found)
        checked = KpiValue(kpi=kpi, value=value, basis=basis, of=len(found))
        lines.append(
            KpiLine(
                code=kpi.code,
                name=kpi.name,
                unit=kpi.unit,
                value=value,
                target=kpi.target,
                met=checked.met,
                basis=basis,
                of=len(found),
            )
        )
    return lines


def _product_lines(found: list[ProductOutcome]) -> list[ProductLine]:
    producers = dict(
        Product.objects.filter(pk__in=[o.product_id for o in found]).values_list(
            "pk", "producer__name"
        )
    )
    labels = dict(Category.choices)
    certificates = dict(CertificateType.choices)
    rank = {c.value: n for n, c in enumerate(CATEGORY_ORDER)}
    ordered = sorted(found, key=lambda o: (rank.get(o.category, 99), o.code))
    return [
        ProductLine(
            code=o.code,
            name=o.name,
            producer=producers.get(o.product_id, ""),
            category=str(labels.get(o.category, o.category)),
            baseline=o.baseline,
            result=o.result,
            change=o.change,
            stars_before=o.stars_before,
            stars_after=o.stars_after,
            certificates=[str(certificates.get(kind, kind)) for kind in o.certificates_gained],
        )
        for o in ordered
    ]


def _trainings(project: Project) -> list[TrainingLine]:
    present = dict(
        SessionAttendance.objects.filter(session__training__project=project, present=True)
        .order_by()
        .values("session__training_id")
        .annotate(n=Count("pk"))
        .values_list("session__training_id", "n")
    )
    return [
        TrainingLine(
            title=t.title,
            starts_on=t.starts_on,
            ends_on=t.ends_on,
            sessions=t.n_sessions,
            trainees=t.n_trainees,
            present=present.get(t.pk, 0),
        )
        for t in Training.objects.filter(project=project)
        .annotate(
            n_sessions=Count("sessions", distinct=True),
            n_trainees=Count("trainees", distinct=True),
        )
        .order_by("starts_on", "pk")
    ]


def _awards(user, province: Province, year: int) -> list[AwardLine]:
    """Award winners of the year's published contests run by the province, and the
    province's own winners in regional or national contests."""
    contests = (
        Contest.objects.for_user(user)
        .filter(fiscal_year=year, status=Contest.Status.PUBLISHED)
        .filter(Q(province=province) | Q(entries__province=province))
        .distinct()
        .order_by("starts_on", "pk")
    )
    lines = []
    for contest in contests:
        own = contest.province_id == province.pk
        for panel in contest_results(contest):
            for result in panel.entries:
                entry = result.entry
                if not result.tier or not (own or entry.province_id == province.pk):
                    continue
                lines.append(
                    AwardLine(
                        contest=contest.name,
                        award=str(Tier(result.tier).label),
                        title=entry.title,
                        province=entry.province.name_th,
                    )
                )
    return lines


# The reports ------------------------------------------------------------------------------


def provincial(
    user, province: Province, year: int, signature: Signature | None = None
) -> ProvincialReport:
    """One province's KBO project of fiscal `year`, as far as `user` may read it."""
    with translation.override("th"):
        report = ProvincialReport(
            province=province.name_th,
            province_code=province.code,
            year=year,
            reported_on=timezone.localdate(),
            signature=signature or Signature(),
        )
        project = Project.objects.for_user(user).filter(province=province, fiscal_year=year).first()
        decisions = Decision.objects.for_user(user).filter(
            project__province=province, project__fiscal_year=year
        )
        found = measures.outcomes(decisions)
        kpis = measures.active_kpis()
        report.categories = _categories(found)
        report.products = _product_lines(found)
        report.revenue_total = _total(found)
        report.kpis = _kpi_lines(kpis, _kpi_passes(decisions, found, kpis))
        report.awards = _awards(user, province, year)
        if project is not None:
            report.has_project = True
            report.project_name = project.name
            report.budget = project.budget
            report.objectives = project.objectives
            kinds = list(Activity.Kind.values)
            report.activities = [
                ActivityLine(
                    label=a.get_kind_display(),
                    budget=a.budget,
                    starts_on=a.starts_on,
                    ends_on=a.ends_on,
                    status=a.get_status_display(),
                )
                for a in sorted(project.activities.all(), key=lambda a: kinds.index(a.kind))
            ]
            report.targets = plans.target_actuals(project)
            report.trainings = _trainings(project)
        return report


def national(user, year: int, signature: Signature | None = None) -> NationalReport:
    """Every province with a KBO project in fiscal `year` (national staff)."""
    with translation.override("th"):
        report = NationalReport(
            year=year, reported_on=timezone.localdate(), signature=signature or Signature()
        )
        decisions = Decision.objects.for_user(user).filter(project__fiscal_year=year)
        found = measures.outcomes(decisions)
        kpis = measures.active_kpis()
        passes = _kpi_passes(decisions, found, kpis)
        highlighted = [k for k in kpis if k.measure not in OWN_COLUMNS]
        report.highlights = [k.name for k in highlighted]
        by_province: dict[int, list[ProductOutcome]] = defaultdict(list)
        for outcome in found:
            by_province[outcome.province_id].append(outcome)
        provinces = Province.objects.filter(
            pk__in=Project.objects.for_user(user).filter(fiscal_year=year).values("province_id")
        ).order_by("code")
        for province in provinces:
            own = by_province.get(province.pk, [])
            report.provinces.append(
                ProvinceLine(
                    code=province.code,
                    name=province.name_th,
                    products=len(own),
                    revenue=_total(own),
                    kpis=_kpi_lines(highlighted, passes, province_id=province.pk),
                )
            )
        report.categories = _categories(found)
        report.revenue_total = _total(found)
        report.kpis = _kpi_lines(kpis, passes)
        return report
