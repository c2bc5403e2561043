"""Yearly project endpoints (read only): /api/v1/projects/ (with its candidates and
participants), /api/v1/plans/ and /api/v1/trainings/.

They are for officers and committee members of the project's province and national staff
(others get 403). Rows are fetched only through a query scoped to the provinces in which the
user holds one of those roles, so another province's project answers 404. Every list runs
a fixed number of queries whatever its size.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import django_filters
from django.db.models import Count, Prefetch, Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.api.fields import ChoiceLabel
from kbo.api.filters import IntegerFilter
from kbo.core.paging import GroupedRows
from kbo.network.api import ProvinceFilter
from kbo.programmes import services
from kbo.programmes.models import (
    Activity,
    Analysis,
    Criteria,
    Decision,
    Need,
    PlanItem,
    Project,
    Target,
)
from kbo.registry.api import YearFilter
from kbo.registry.models import Product
from kbo.trainings.models import Session, Trainee, Training

PROJECT_ROLES = (Role.OFFICER, Role.COMMITTEE)


def visible(queryset: QuerySet, user, province_field: str) -> QuerySet:
    """The rows of the provinces where the user is an officer or committee member (all for
    national staff)."""
    return access.scope(queryset, user, field=province_field, roles=PROJECT_ROLES)


# --- Filters ------------------------------------------------------------------------------


class ProjectFilter(ProvinceFilter):
    fiscal_year = YearFilter(field_name="fiscal_year", help_text="BE fiscal year, e.g. 2563")

    class Meta:
        model = Project
        fields: list[str] = []


class PlanFilter(ProvinceFilter):
    province_path = "project__province__code"

    fiscal_year = YearFilter(field_name="project__fiscal_year", help_text="BE fiscal year")
    product = django_filters.CharFilter(field_name="product__code", help_text="Product code")

    class Meta:
        model = Decision
        fields: list[str] = []


class TrainingFilter(ProvinceFilter):
    province_path = "project__province__code"

    fiscal_year = YearFilter(field_name="project__fiscal_year", help_text="BE fiscal year")
    project = IntegerFilter(field_name="project_id", help_text="Project id")

    class Meta:
        model = Training
        fields: list[str] = []


# --- Projects -----------------------------------------------------------------------------


class ActivitySerializer(serializers.ModelSerializer):
    kind_label = ChoiceLabel(Activity, "kind")

    class Meta:
        model = Activity
        fields = ["kind", "kind_label", "budget", "starts_on", "ends_on", "status"]


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = ["group", "target", "actual"]


RULES_SCHEMA = {
    "type": "object",
    "properties": {
        "narrowing": {"type": "array", "items": {"type": "string"}},
        "qualifying": {"type": "array", "items": {"type": "string"}},
    },
    "example": {"narrowing": ["registered 2557–2564"], "qualifying": ["segment D", "1–3 stars"]},
}


class CriteriaSerializer(serializers.ModelSerializer):
    districts: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    rules = serializers.SerializerMethodField(
        help_text="The rule in words: every narrowing rule, and any one qualifying rule"
    )

    class Meta:
        model = Criteria
        fields = [
            "segments", "stars_min", "stars_max", "include_not_rated", "registered_from",
            "registered_to", "producer_types", "categories", "districts", "continuity",
            "continuity_years", "rules",
        ]  # fmt: skip

    @extend_schema_field(RULES_SCHEMA)
    def get_rules(self, criteria: Criteria) -> dict[str, list[str]]:
        return services.rules_in_words(criteria)


class ProjectSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="province.code", read_only=True)
    province_name_th = serializers.CharField(source="province.name_th", read_only=True)
    province_name_en = serializers.CharField(source="province.name_en", read_only=True)
    selected = serializers.IntegerField(read_only=True, help_text="Products selected")
    activities = ActivitySerializer(many=True, read_only=True)
    targets = TargetSerializer(many=True, read_only=True)
    criteria = CriteriaSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Project
        fields = [
            "id", "province", "province_name_th", "province_name_en", "fiscal_year", "name",
            "budget", "objectives", "target_products", "selected", "activities", "targets",
            "criteria",
        ]  # fmt: skip


@dataclass
class CandidateRow:
    product: Product
    reasons: list[str]
    decision: Decision | None


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["status", "reason", "decided_at"]


class CandidateSerializer(serializers.Serializer):
    product = serializers.IntegerField(source="product.pk")
    code = serializers.CharField(source="product.code")
    name = serializers.CharField(source="product.name")
    category = serializers.CharField(source="product.category")
    producer = serializers.CharField(source="product.producer.code")
    producer_name = serializers.CharField(source="product.producer.name")
    current_segment = serializers.CharField(source="product.current_segment")
    current_stars = serializers.IntegerField(source="product.current_stars", allow_null=True)
    current_star_year = serializers.IntegerField(
        source="product.current_star_year", allow_null=True
    )
    developed_recently = serializers.BooleanField(source="product.developed_recently")
    reasons = serializers.ListField(
        child=serializers.CharField(), help_text="Why the product qualifies, in words"
    )
    decision = DecisionSerializer(allow_null=True, help_text="The committee's decision, if any")


class ParticipantSerializer(serializers.ModelSerializer):
    decision = serializers.IntegerField(source="pk", read_only=True)
    product = serializers.IntegerField(source="product_id", read_only=True)
    code = serializers.CharField(source="product.code", read_only=True)
    name = serializers.CharField(source="product.name", read_only=True)
    category = serializers.CharField(source="product.category", read_only=True)
    category_label = ChoiceLabel(Product, "category", source="product.category")
    producer = serializers.CharField(source="product.producer.code", read_only=True)
    producer_name = serializers.CharField(source="product.producer.name", read_only=True)
    district = serializers.CharField(source="product.producer.district.code", read_only=True)
    district_name_th = serializers.CharField(
        source="product.producer.district.name_th", read_only=True
    )

    class Meta:
        model = Decision
        fields = [
            "decision", "product", "code", "name", "category", "category_label", "producer",
            "producer_name", "district", "district_name_th",
        ]  # fmt: skip


class ProjectPermission(permissions.IsAuthenticated):
    """Officers and committee members (of any province; rows are scoped) and national staff."""

    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and access.has_role(
            request.user, *PROJECT_ROLES
        )


class ProjectViewSet(viewsets.ReadOnlyModelViewSet):
    """Yearly KBO projects with activities, targets and the eligibility criteria in words."""

    permission_classes = [ProjectPermission]
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter

    def get_queryset(self) -> QuerySet[Project]:
        projects = visible(Project.objects.all(), self.request.user, "province")
        return (
            projects.select_related("province", "criteria")
            .prefetch_related("activities", "targets", "criteria__districts")
            .annotate(selected=Count("decisions", filter=Q(decisions__status="SELECTED")))
            .order_by("-fiscal_year", "province__code", "pk")
        )

    @extend_schema(responses=CandidateSerializer(many=True), filters=False)
    @action(detail=True, url_name="candidates")
    def candidates(self, request: Request, pk: str | None = None) -> Response:
        """Every product meeting the project's criteria, why it qualifies, and the
        committee's decision on it (as `services.candidate_list`, a page at a time)."""
        project = self.get_object()
        if not hasattr(project, "criteria"):
            products: Any = Product.objects.none()
        else:
            products = services.candidates(project)
        page = self.paginate_queryset(products) or []
        decisions = {
            d.product_id: d for d in project.decisions.filter(product_id__in=[p.pk for p in page])
        }
        rows = [CandidateRow(p, services.reasons(p), decisions.get(p.pk)) for p in page]
        return self.get_paginated_response(CandidateSerializer(rows, many=True).data)

    @extend_schema(responses=ParticipantSerializer(many=True), filters=False)
    @action(detail=True, url_name="participants")
    def participants(self, request: Request, pk: str | None = None) -> Response:
        """The products selected for the project, with their producers and districts."""
        project = self.get_object()
        selected = (
            Decision.objects.filter(project=project, status=Decision.Status.SELECTED)
            .select_related("product__producer__district")
            .order_by("product__code")
        )
        page = self.paginate_queryset(selected)
        return self.get_paginated_response(ParticipantSerializer(page, many=True).data)


# --- Plans --------------------------------------------------------------------------------


class AnalysisSerializer(serializers.ModelSerializer):
    class Meta:
        model = Analysis
        fields = [
            "analysed_on", "with_whom", "strengths", "weaknesses", "opportunities", "threats",
        ]  # fmt: skip


class NeedSerializer(serializers.ModelSerializer):
    assigned_source_name = serializers.CharField(
        source="assigned_source.name", read_only=True, default=None
    )

    class Meta:
        model = Need
        fields = ["id", "area", "description", "priority", "assigned_source",
                  "assigned_source_name"]  # fmt: skip


class PlanItemSerializer(serializers.ModelSerializer):
    responsible_name = serializers.SerializerMethodField(
        help_text="The knowledge source responsible, or who else is"
    )
    evidence_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = PlanItem
        fields = [
            "id", "need", "area", "action", "responsible", "responsible_name", "due_on",
            "budget", "status", "result", "evidence_count",
        ]  # fmt: skip

    def get_responsible_name(self, item: PlanItem) -> str:
        return item.responsible.name if item.responsible else item.responsible_other


class PlanSerializer(serializers.ModelSerializer):
    decision = serializers.IntegerField(source="pk", read_only=True)
    province = serializers.CharField(source="project.province.code", read_only=True)
    fiscal_year = serializers.IntegerField(source="project.fiscal_year", read_only=True)
    product = serializers.IntegerField(source="product_id", read_only=True)
    product_code = serializers.CharField(source="product.code", read_only=True)
    product_name = serializers.CharField(source="product.name", read_only=True)
    category = serializers.CharField(source="product.category", read_only=True)
    producer = serializers.CharField(source="product.producer.code", read_only=True)
    producer_name = serializers.CharField(source="product.producer.name", read_only=True)
    analysis = AnalysisSerializer(read_only=True, allow_null=True, help_text="SWOT, if made")
    needs = NeedSerializer(many=True, read_only=True)
    plan_items = PlanItemSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "decision", "project", "province", "fiscal_year", "product", "product_code",
            "product_name", "category", "producer", "producer_name", "analysis", "needs",
            "plan_items",
        ]  # fmt: skip


# The plans' order begins with the project (one a province and year).
PLAN_GROUPS = ("-project__fiscal_year", "project__province__code", "project")


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    """One row per product selected in a project: its analysis, needs and plan items."""

    permission_classes = [ProjectPermission]
    serializer_class = PlanSerializer
    filterset_class = PlanFilter

    def get_queryset(self) -> QuerySet[Decision]:
        decisions = visible(
            Decision.objects.filter(status=Decision.Status.SELECTED),
            self.request.user,
            "project__province",
        )
        items = PlanItem.objects.select_related("responsible").annotate(
            evidence_count=Count("evidence")
        )
        return (
            decisions.select_related(
                "project__province", "product__producer", "analysis"
            ).prefetch_related(
                Prefetch("needs", Need.objects.select_related("assigned_source")),
                Prefetch("plan_items", items.order_by("due_on", "id")),
            )
        ).order_by(*PLAN_GROUPS, "product__code", "pk")

    def paginate_queryset(self, queryset):
        # Sorting every selected product of the country by code to find one page read the
        # whole product table: count the rows per project first, then sort only the page's.
        rows = GroupedRows(queryset, "project", PLAN_GROUPS)
        return super().paginate_queryset(cast(Sequence, rows))


# --- Trainings ----------------------------------------------------------------------------


class SessionSerializer(serializers.ModelSerializer):
    lecturer_name = serializers.CharField(read_only=True)
    present = serializers.IntegerField(read_only=True, help_text="Trainees recorded present")
    absent = serializers.IntegerField(read_only=True, help_text="Trainees recorded absent")

    class Meta:
        model = Session
        fields = [
            "id", "day", "starts_at", "ends_at", "topic", "lecturer", "lecturer_name",
            "present", "absent",
        ]  # fmt: skip


TRAINEES_SCHEMA = {
    "type": "object",
    "additionalProperties": {"type": "integer"},
    "example": {"PRODUCER": 20, "COMMITTEE": 18, "OTHER": 0},
}


class TrainingSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="project.province.code", read_only=True)
    fiscal_year = serializers.IntegerField(source="project.fiscal_year", read_only=True)
    days = serializers.IntegerField(read_only=True)
    sessions = SessionSerializer(many=True, read_only=True)
    trainees = serializers.IntegerField(source="trainee_count", read_only=True)
    trainees_by_group = serializers.SerializerMethodField(help_text="Trainees by group")

    class Meta:
        model = Training
        fields = [
            "id", "project", "province", "fiscal_year", "title", "description", "starts_on",
            "ends_on", "days", "venue", "organiser", "trainees", "trainees_by_group",
            "sessions",
        ]  # fmt: skip

    @extend_schema_field(TRAINEES_SCHEMA)
    def get_trainees_by_group(self, training: Training) -> dict[str, int]:
        return {
            group: getattr(training, f"group_{group.lower()}") for group in Trainee.Group.values
        }


class TrainingViewSet(viewsets.ReadOnlyModelViewSet):
    """Trainings of the projects with their sessions, lecturers and attendance counts."""

    permission_classes = [ProjectPermission]
    serializer_class = TrainingSerializer
    filterset_class = TrainingFilter

    def get_queryset(self) -> QuerySet[Training]:
        def group(value: str) -> Count:
            return Count("trainees", filter=Q(trainees__group=value))

        sessions = (
            Session.objects.select_related("lecturer")
            .annotate(
                present=Count("attendance", filter=Q(attendance__present=True)),
                absent=Count("attendance", filter=Q(attendance__present=False)),
            )
            .order_by("day", "starts_at", "id")
        )
        trainings = visible(Training.objects.all(), self.request.user, "project__province")
        return (
            trainings.select_related("project__province")
            .prefetch_related(Prefetch("sessions", sessions))
            .annotate(
                trainee_count=Count("trainees"),
                **{f"group_{g.lower()}": group(g) for g in Trainee.Group.values},
            )
            .order_by("-starts_on", "pk")
        )


def register(router) -> None:
    router.register("projects", ProjectViewSet, basename="project")
    router.register("plans", PlanViewSet, basename="plan")
    router.register("trainings", TrainingViewSet, basename="training")
