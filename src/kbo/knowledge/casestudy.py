"""A case study drafted from a developed product's passport: its baseline, the analysis, the
plan items and who helped, the prototypes, published contest results, and sales before and
after — every number read from the records (outcomes.measures, the rule the passport and the
reports use), for the officer to edit and publish."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from kbo.contests import results
from kbo.core import thai
from kbo.knowledge.models import Item, Kind, Visibility
from kbo.knowledge.services import _check, item_save
from kbo.network.models import ExpertiseArea
from kbo.outcomes.measures import ProductOutcome, outcomes, revenue_of
from kbo.programmes.models import Decision
from kbo.programmes.models.development import NEED_AREA_EXPERTISE
from kbo.programmes.plans import analysis_of, product_development
from kbo.registry.models import CertificateType, Product


@dataclass
class Placing:
    contest: str
    fiscal_year: int
    level: str
    rank: int | None
    tier: str
    score: Decimal | None


@dataclass
class CaseFacts:
    """What the draft is written from (and what a test compares with the records)."""

    product: Product
    decision: Decision
    outcome: ProductOutcome
    sales_by_year: list[tuple[int, Decimal]]
    placings: list[Placing] = field(default_factory=list)
    helpers: list[Any] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.decision.project.fiscal_year


def _placings(product: Product) -> list[Placing]:
    """The product's rows in the results of PUBLISHED contests, oldest first."""
    return [
        Placing(
            contest=contest.name,
            fiscal_year=contest.fiscal_year,
            level=contest.get_level_display(),
            rank=row.rank,
            tier=str(results.Tier(row.tier).label) if row.tier else "",
            score=row.score,
        )
        for contest, row in reversed(results.published_placings(product.pk))
    ]


def case_facts(product: Product, year: int | None = None) -> CaseFacts:
    """The facts of the product's KBO development in fiscal `year` (default: its latest);
    ValidationError when it has none."""
    developed = [
        d for d in product_development(product) if year is None or d.project.fiscal_year == year
    ]
    if not developed:
        raise ValidationError(
            _(
                "Only a product selected in a KBO project has a case study to draft · "
                "ร่างกรณีศึกษาได้เฉพาะผลิตภัณฑ์ที่ได้รับคัดเลือกเข้าโครงการ KBO"
            )
        )
    decision = developed[0]
    outcome = outcomes(Decision.objects.filter(pk=decision.pk))[0]
    years = revenue_of(product.sales.all())
    helpers: dict[int, Any] = {}
    for item in decision.plan_items.all():
        if item.responsible_id:
            helpers.setdefault(item.responsible_id, item.responsible)
    for need in decision.needs.all():
        if need.assigned_source_id:
            helpers.setdefault(need.assigned_source_id, need.assigned_source)
    return CaseFacts(
        product=product,
        decision=decision,
        outcome=outcome,
        sales_by_year=sorted((year, amount) for (_pid, year), amount in years.items()),
        placings=_placings(product),
        helpers=list(helpers.values()),
    )


def _money(value: Decimal | None) -> str:
    return thai.format_baht(value) if value is not None else "ไม่มีข้อมูล"


def draft_text(facts: CaseFacts) -> dict[str, str]:
    """Title, summary and body (Thai HTML) of the draft."""
    o, product = facts.outcome, facts.product
    with translation.override("th"):
        change = ""
        if o.change is not None:
            sign = "เพิ่มขึ้น" if o.change >= 0 else "ลดลง"
            change = f"{sign} {thai.format_baht(abs(o.change))}"
            if o.change_percent is not None:
                change += f" ({thai.format_number(abs(o.change_percent), 1)}%)"
        context = {
            "facts": facts,
            "product": product,
            "decision": facts.decision,
            "analysis": analysis_of(facts.decision),
            "outcome": o,
            "baseline": _money(o.baseline),
            "result": _money(o.result),
            "change": change,
            "sales": [(year, thai.format_baht(amount)) for year, amount in facts.sales_by_year],
            "placings": facts.placings,
            "certificates": [
                str(CertificateType(c).label)
                for c in o.certificates_gained
                if c in CertificateType.values
            ],
        }
        body = render_to_string("knowledge/case_study_body.html", context)
        title = f"กรณีศึกษา: {product.name} ({product.province.name}) ปีงบประมาณ {facts.year}"
        summary = (
            f"{product.name} ของ{product.producer.name} พัฒนาในโครงการ KBO "
            f"ปีงบประมาณ {facts.year}: รายได้ปี {o.baseline_year} {_money(o.baseline)} "
            f"ปี {o.result_year} {_money(o.result)}"
        )
    return {"title": title[:300], "summary": summary[:600], "body": body}


@transaction.atomic
def case_study_draft(*, by, product: Product, year: int | None = None) -> tuple[Item, bool]:
    """Draft the product's case study of its development in fiscal `year` (default: the
    latest) as a DRAFT owned by the product's province; a product that has a case study
    already gets it back (created=False) rather than a second copy."""
    existing = Item.objects.filter(product=product, kind=Kind.CASE_STUDY).order_by("-pk").first()
    if existing is not None:
        _check(by, existing)
        return existing, False
    facts = case_facts(product, year)
    text = draft_text(facts)
    item = Item(
        kind=Kind.CASE_STUDY,
        province_id=product.province_id,
        visibility=Visibility.DRAFT,
        product=product,
        title=text["title"],
        summary=text["summary"],
        body=text["body"],
    )
    codes = [
        NEED_AREA_EXPERTISE[area][0]
        for area in dict.fromkeys(i.area for i in facts.decision.plan_items.all())
        if area in NEED_AREA_EXPERTISE
    ]
    item_save(
        by=by,
        item=item,
        areas=ExpertiseArea.objects.filter(code__in=codes),
        categories=[product.category],
        provinces=[product.province_id],
        authors=facts.helpers,
        note=_("Drafted from the product's passport"),
    )
    return item, True
