"""Eligibility of products for a project, with the reasons each candidate qualifies, and
the committee's decisions (audited; selecting beyond the target needs confirmation)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from kbo.accounts import access
from kbo.core import locking
from kbo.programmes.models import Criteria, Decision, Project
from kbo.registry.models import Product


class TargetExceeded(Exception):
    """Selecting this product would pass the project's target; confirm to go on."""


def _developed_recently(criteria: Criteria) -> Exists:
    project = criteria.project
    return Exists(
        Decision.objects.filter(
            product=OuterRef("pk"),
            status=Decision.Status.SELECTED,
            project__province_id=project.province_id,
            project__fiscal_year__gte=project.fiscal_year - criteria.continuity_years,
            project__fiscal_year__lt=project.fiscal_year,
        )
    )


def qualifying_rules(criteria: Criteria) -> dict[str, Q]:
    """The rules a product may meet to qualify (any one is enough), by name."""
    rules: dict[str, Q] = {}
    if criteria.segments:
        rules["segment"] = Q(current_segment__in=criteria.segments)
    if criteria.stars_min or criteria.stars_max:
        rules["stars"] = Q(
            current_stars__gte=criteria.stars_min or 1, current_stars__lte=criteria.stars_max or 5
        )
    if criteria.include_not_rated:
        rules["not_rated"] = Q(current_stars__isnull=True)
    return rules


def candidates(project: Project) -> QuerySet[Product]:
    """Products of the project's province that pass every narrowing rule and meet at least
    one qualifying rule; annotated with which rules they meet (`meets_<rule>`) and with
    `developed_recently`."""
    criteria = project.criteria
    products = Product.objects.filter(province_id=project.province_id)
    if criteria.registered_from:
        products = products.filter(producer__registered_year__gte=criteria.registered_from)
    if criteria.registered_to:
        products = products.filter(producer__registered_year__lte=criteria.registered_to)
    if criteria.producer_types:
        products = products.filter(producer__producer_type__in=criteria.producer_types)
    if criteria.categories:
        products = products.filter(category__in=criteria.categories)
    districts = list(criteria.districts.values_list("pk", flat=True))
    if districts:
        products = products.filter(producer__district_id__in=districts)
    rules = qualifying_rules(criteria)
    if not rules:
        return products.none()
    any_rule = Q()
    for rule in rules.values():
        any_rule |= rule
    products = products.filter(any_rule).annotate(
        **{f"meets_{name}": Q(rule) for name, rule in rules.items()},
        developed_recently=_developed_recently(criteria),
    )
    if criteria.continuity == Criteria.Continuity.EXCLUDE:
        products = products.filter(developed_recently=False)
    order = ["-developed_recently"] if criteria.continuity == Criteria.Continuity.PREFER else []
    return products.select_related("producer", "producer__district").order_by(*order, "code")


@dataclass
class Candidate:
    product: Product
    reasons: list[str]


def reasons(product: Product) -> list[str]:
    """Why an annotated candidate qualifies, in words (Thai or English)."""
    found = []
    if getattr(product, "meets_segment", False):
        found.append(_("segment %(segment)s") % {"segment": product.current_segment})
    if getattr(product, "meets_stars", False):
        found.append(
            _("%(stars)s stars (round %(year)s)")
            % {"stars": product.current_stars, "year": product.current_star_year}
        )
    if getattr(product, "meets_not_rated", False):
        found.append(_("not rated yet"))
    if getattr(product, "developed_recently", False):
        found.append(_("developed in a recent project"))
    return found


def candidate_list(project: Project) -> list[Candidate]:
    return [Candidate(product, reasons(product)) for product in candidates(project)]


@transaction.atomic
def criteria_save(*, by, criteria: Criteria, districts=()) -> Criteria:
    if not access.can_manage_province(by, criteria.project.province_id):
        raise PermissionDenied(_("You may not change the projects of this province."))
    criteria.full_clean()
    criteria.save()
    criteria.districts.set(list(districts))
    return criteria


@transaction.atomic
def decision_record(
    *,
    by,
    project: Project,
    product: Product,
    status: str,
    reason: str = "",
    confirm_over_target: bool = False,
    version: int | None = None,
) -> Decision:
    """Record the committee's decision on a candidate (who and when are kept, and audited).

    `version` is the decision's version when the page was opened (0: there was none yet;
    None: no check). When the decision changed since, StaleEdit and nothing is recorded."""
    if not access.can_manage_province(by, project.province_id):
        raise PermissionDenied(_("You may not change the projects of this province."))
    if product.province_id != project.province_id:
        raise PermissionDenied(_("This product is not of the project's province."))
    project = Project.objects.select_for_update().get(pk=project.pk)
    if status == Decision.Status.SELECTED and not confirm_over_target:
        selected = (
            project.decisions.filter(status=Decision.Status.SELECTED)
            .exclude(product=product)
            .count()
        )
        if selected >= project.target_products:
            raise TargetExceeded(
                _(
                    "The project already has %(count)s selected products, its target. Confirm to select more."
                )
                % {"count": selected}
            )
    # The project's row is locked above, so decisions on it are recorded one at a time.
    decision = Decision.objects.filter(project=project, product=product).first()
    if decision is None:
        if version:  # the decision the page showed is gone
            raise locking.StaleEdit(None, by=by)
        decision = Decision(project=project, product=product)
    elif version == 0:
        raise locking.StaleEdit(decision, by=by)
    else:
        locking.claim(decision, version, by=by)
    decision.status, decision.reason, decision.decided_by = status, reason, by
    decision.save()
    return decision


def rules_in_words(criteria: Criteria) -> dict[str, list[str]]:
    """The rule as a person reads it: every narrowing rule, and the qualifying rules joined by "or"."""
    from kbo.registry.models import Category, ProducerType

    narrowing, qualifying = [], []
    if criteria.registered_from or criteria.registered_to:
        narrowing.append(
            _("registered %(start)s–%(end)s")
            % {"start": criteria.registered_from or "…", "end": criteria.registered_to or "…"}
        )
    if criteria.producer_types:
        narrowing.append(", ".join(str(ProducerType(v).label) for v in criteria.producer_types))
    if criteria.categories:
        narrowing.append(", ".join(str(Category(v).label) for v in criteria.categories))
    if criteria.segments:
        qualifying.append(_("segment %(segment)s") % {"segment": "/".join(criteria.segments)})
    if criteria.stars_min or criteria.stars_max:
        qualifying.append(
            _("%(start)s–%(end)s stars")
            % {"start": criteria.stars_min or 1, "end": criteria.stars_max or 5}
        )
    if criteria.include_not_rated:
        qualifying.append(_("not rated yet"))
    return {"narrowing": narrowing, "qualifying": qualifying}
