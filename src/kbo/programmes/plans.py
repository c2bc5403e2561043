"""Developing the selected products of a project: analysis, needs, plan items with their
evidence, prototypes in versions, the project's targets against what was done, and a
product's history of earlier projects.

Who may work on a product's development: officers and committee members of the province
and national staff (`can_work_on`); targets and activities are the officers' (and national
staff's). Producers read their own products' development and fetch its files.
"""

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.core import locking
from kbo.network.models import KnowledgeSource
from kbo.programmes.models import (
    Activity,
    Analysis,
    Decision,
    Evidence,
    Need,
    PlanItem,
    Project,
    Prototype,
    PrototypeVersion,
    Target,
)
from kbo.registry.models import (
    PROVINCE_ROLES,
    Product,
    SegmentAssessment,
    StarRating,
    owned_producer_ids,
)

MAX_FILE_SIZE = 10 * 1024 * 1024
ALLOWED_EXTENSIONS = {
    "jpg",
    "jpeg",
    "png",
    "webp",
    "gif",
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "odp",
}
IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "webp", "gif"}


# Who may do what -----------------------------------------------------------------------


def can_work_on(user, province_id: int | None) -> bool:
    """Officers and committee members of the province, and national staff."""
    if access.can_manage_province(user, province_id):
        return True
    return province_id is not None and province_id in access.province_ids(
        user, roles=[Role.COMMITTEE]
    )


def decisions_readable_by(user) -> QuerySet[Decision]:
    """Decisions whose development the user may read (and whose files they may fetch):
    those who read the province's passports (officers, committee members, judges),
    national staff, and a producer their own products'."""
    decisions = Decision.objects.all()
    if not user.is_authenticated:
        return decisions.none()
    if access.is_national(user):
        return decisions
    condition = Q(project__province_id__in=access.province_ids(user, roles=PROVINCE_ROLES))
    if owned := owned_producer_ids(user):
        condition |= Q(product__producer_id__in=owned)
    return decisions.filter(condition)


def _check(by, decision: Decision) -> None:
    if not can_work_on(by, decision.project.province_id):
        raise PermissionDenied(_("You may not work on the products of this province."))
    if decision.status != Decision.Status.SELECTED:
        raise ValidationError(
            _("Only a selected product gets an analysis, needs and a development plan.")
        )


def _check_manage(by, project: Project) -> None:
    if not access.can_manage_province(by, project.province_id):
        raise PermissionDenied(_("You may not change the projects of this province."))


def check_file(upload: Any, field_name: str = "file") -> None:
    """An uploaded file must be at most 10 MB and a photo, PDF or office document."""
    extension = PurePath(str(upload.name)).suffix.lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            {
                field_name: _(
                    "This kind of file is not accepted: send a photo (JPG, PNG, WebP, GIF), a PDF or an office document."
                )
            }
        )
    if upload.size is not None and upload.size > MAX_FILE_SIZE:
        raise ValidationError({field_name: _("The file is larger than 10 MB.")})


# The development of one selected product ----------------------------------------------


@transaction.atomic
def analysis_save(*, by, analysis: Analysis) -> Analysis:
    _check(by, analysis.decision)
    analysis.full_clean()
    analysis.save()
    return analysis


@transaction.atomic
def need_save(*, by, need: Need) -> Need:
    _check(by, need.decision)
    need.full_clean()
    need.save()
    return need


@transaction.atomic
def need_delete(*, by, need: Need) -> None:
    """Delete a need; plan items made for it stay, without the need."""
    _check(by, need.decision)
    need.delete()


@transaction.atomic
def plan_item_save(*, by, item: PlanItem, version: int | None = None) -> PlanItem:
    """Add or change a plan item. An existing item is saved only if it is still at
    `version` (the one its form was opened at; None: no check), else StaleEdit."""
    _check(by, item.decision)
    if item.responsible_id is not None and not isinstance(item.responsible, KnowledgeSource):
        raise ValidationError({"responsible": _("Choose a knowledge source.")})
    if item.need_id is not None:
        need = Need.objects.filter(pk=item.need_id).only("decision_id", "area").first()
        if need is None or need.decision_id != item.decision_id:
            raise ValidationError({"need": _("This need is not of the same product and project.")})
        if not item.area:
            item.area = need.area
    item.full_clean()
    if item.pk:
        locking.claim(item, version, by=by)
    item.save()
    return item


@transaction.atomic
def evidence_add(*, by, item: PlanItem, file: Any, caption: str = "") -> Evidence:
    """Attach a file or photo (≤ 10 MB; photo, PDF or office document) to a plan item."""
    _check(by, item.decision)
    check_file(file)
    evidence = Evidence(item=item, file=file, caption=caption, uploaded_by=by)
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def prototype_save(*, by, prototype: Prototype) -> Prototype:
    _check(by, prototype.decision)
    prototype.full_clean()
    prototype.save()
    return prototype


@transaction.atomic
def prototype_version_add(*, by, version: PrototypeVersion) -> PrototypeVersion:
    """Add the next version of a prototype (its number follows the last one)."""
    prototype = Prototype.objects.select_for_update().get(pk=version.prototype_id)
    _check(by, prototype.decision)
    for name in ("before_photo", "after_photo"):
        photo = getattr(version, name)
        if photo and not getattr(photo, "_committed", True):
            check_file(photo, name)
    last = prototype.versions.aggregate(last=Max("number"))["last"] or 0
    version.number = last + 1
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def target_save(*, by, target: Target) -> Target:
    _check_manage(by, target.project)
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def activity_save(*, by, activity: Activity) -> Activity:
    _check_manage(by, activity.project)
    if activity.starts_on and activity.ends_on and activity.ends_on < activity.starts_on:
        raise ValidationError({"ends_on": _("The activity ends before it starts.")})
    activity.full_clean()
    activity.save()
    return activity


# Targets against what was done ---------------------------------------------------------


@dataclass
class TargetRow:
    group: str
    label: str
    target: int
    actual: int
    counted: bool  # True when counted from the records (no manual actual)


TRAINEE_GROUPS = {
    Target.Group.PRODUCERS: "PRODUCER",
    Target.Group.COMMITTEE: "COMMITTEE",
    Target.Group.OTHERS: "OTHER",
}


def _counted(project: Project) -> dict[str, int]:
    """Actuals from the records: selected products, and distinct trainees of each group
    across the project's trainings (a person once, however many courses they attended)."""
    from kbo.trainings.models import Trainee

    counts = {
        Target.Group.PRODUCTS.value: project.decisions.filter(
            status=Decision.Status.SELECTED
        ).count()
    }
    people: dict[str, set] = {group: set() for group in TRAINEE_GROUPS.values()}
    for group, name, producer_id, source_id in Trainee.objects.filter(
        training__project=project
    ).values_list("group", "name", "producer_id", "source_id"):
        if group not in people:
            continue
        key = ("source", source_id) if source_id else ("name", producer_id, name.strip().lower())
        people[group].add(key)
    for target_group, trainee_group in TRAINEE_GROUPS.items():
        counts[target_group.value] = len(people[trainee_group])
    return counts


def default_target(project: Project, group: str) -> int:
    """Before targets are saved, the products' target is the project's own."""
    return project.target_products if group == Target.Group.PRODUCTS else 0


def target_actuals(project: Project) -> list[TargetRow]:
    """Each target group with its target and actual (the manual actual when set, otherwise
    counted from the records), in the order of Target.Group."""
    targets = {t.group: t for t in project.targets.all()}
    counted = _counted(project)
    rows = []
    for group in Target.Group:
        target = targets.get(group.value)
        manual = target.actual if target else None
        rows.append(
            TargetRow(
                group=group.value,
                label=str(group.label),
                target=target.target if target else default_target(project, group),
                actual=manual if manual is not None else counted[group.value],
                counted=manual is None,
            )
        )
    return rows


# Histories -----------------------------------------------------------------------------


@dataclass
class ProductHistory:
    decisions: list[Decision] = field(default_factory=list)
    stars: list[StarRating] = field(default_factory=list)
    segments: list[SegmentAssessment] = field(default_factory=list)


def histories(
    product_ids: list[int], *, before_year: int | None = None, with_plans: bool = False
) -> dict[int, ProductHistory]:
    """The history of many products in a fixed number of queries: their decisions in
    projects before `before_year` (newest first, with plan items when asked), their stars
    and segments over the years."""
    found = {pk: ProductHistory() for pk in product_ids}
    if not product_ids:
        return found
    decisions = (
        Decision.objects.filter(product_id__in=product_ids)
        .select_related("project__province")
        .order_by("-project__fiscal_year", "project__province__code")
    )
    if before_year is not None:
        decisions = decisions.filter(project__fiscal_year__lt=before_year)
    if with_plans:
        decisions = decisions.prefetch_related(
            Prefetch(
                "plan_items",
                queryset=PlanItem.objects.select_related("responsible").prefetch_related(
                    "evidence"
                ),
            )
        )
    for decision in decisions:
        found[decision.product_id].decisions.append(decision)
    for rating in (
        StarRating.objects.filter(product_id__in=product_ids)
        .select_related("round")
        .order_by("round__year")
    ):
        found[rating.product_id].stars.append(rating)
    for segment in SegmentAssessment.objects.filter(product_id__in=product_ids).order_by("year"):
        found[segment.product_id].segments.append(segment)
    return found


def product_history(product: Product, *, before: Project | None = None) -> ProductHistory:
    """The product's decisions in earlier projects (year, province, status, reason) with
    their plan items, and its stars and segments over the years."""
    before_year = before.fiscal_year if before is not None else None
    return histories([product.pk], before_year=before_year, with_plans=True)[product.pk]


# Reading the development ---------------------------------------------------------------


def with_development(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    """Decisions with everything their development pages show, prefetched."""
    return decisions.select_related(
        "project__province", "product__producer", "analysis"
    ).prefetch_related(
        Prefetch("needs", queryset=Need.objects.select_related("assigned_source")),
        Prefetch(
            "plan_items",
            queryset=PlanItem.objects.select_related("need", "responsible").prefetch_related(
                "evidence"
            ),
        ),
        Prefetch("prototypes", queryset=Prototype.objects.prefetch_related("versions")),
    )


def product_development(product: Product) -> list[Decision]:
    """Every project the product was selected in, newest first, with its development."""
    return list(
        with_development(
            Decision.objects.filter(product=product, status=Decision.Status.SELECTED)
        ).order_by("-project__fiscal_year")
    )


def analysis_of(decision: Decision) -> Analysis | None:
    try:
        return decision.analysis
    except Analysis.DoesNotExist:
        return None


def selected_progress(project: Project) -> list[Decision]:
    """The project's selected decisions with `items_total` and `items_done` (one query)."""
    return list(
        project.decisions.filter(status=Decision.Status.SELECTED)
        .select_related("product__producer")
        .annotate(
            items_total=Count("plan_items"),
            items_done=Count("plan_items", filter=Q(plan_items__status=PlanItem.Status.DONE)),
        )
        .order_by("product__code")
    )
