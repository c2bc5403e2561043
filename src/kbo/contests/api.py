"""Contest endpoints: /api/v1/contests/ with its entries and results, and judges' scores.

Published contests are public; the others are fetched only through
`Contest.objects.for_user()` (organisers, the entry provinces' officers and committee members,
the contest's judges), so anyone else gets 404. Results are given only once the contest has
closed (to its organisers) or been published (to everyone); before that the organisers and
judges get 403, anyone else 404. A judge scores with `POST .../scores/` through the same
service as the web page and reads back only their own sheets. Every list runs a fixed number
of queries whatever its size.
"""

from decimal import Decimal
from typing import Any

import django_filters
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kbo.api.fields import ChoiceLabel
from kbo.contests import results, services
from kbo.contests.models import (
    Contest,
    Criterion,
    Entry,
    JudgeAssignment,
    Panel,
    Score,
    ScoreSheet,
    can_organise,
)
from kbo.core.locking import StaleEdit
from kbo.network.api import ProvinceFilter
from kbo.registry.api import ConflictSerializer, YearFilter


class ScoringClosed(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "scoring_not_open"


# --- Filters ------------------------------------------------------------------------------


class ContestFilter(ProvinceFilter):
    fiscal_year = YearFilter(field_name="fiscal_year", help_text="BE fiscal year, e.g. 2563")
    kind = django_filters.ChoiceFilter(field_name="kind", choices=Contest.Kind.choices)
    status = django_filters.ChoiceFilter(field_name="status", choices=Contest.Status.choices)

    class Meta:
        model = Contest
        fields: list[str] = []


# --- Contests -----------------------------------------------------------------------------


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "order", "name", "description", "weight", "max_score"]


class PanelSerializer(serializers.ModelSerializer):
    stage_label = ChoiceLabel(Panel, "stage")
    regions: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    entries = serializers.IntegerField(source="entry_count", read_only=True)

    class Meta:
        model = Panel
        fields = ["id", "name", "stage", "stage_label", "regions", "advance", "entries"]


class ContestSerializer(serializers.ModelSerializer):
    kind_label = ChoiceLabel(Contest, "kind")
    level_label = ChoiceLabel(Contest, "level")
    status_label = ChoiceLabel(Contest, "status")
    province = serializers.CharField(source="province.code", read_only=True, default=None)
    province_name_th = serializers.CharField(
        source="province.name_th", read_only=True, default=None
    )
    entries = serializers.IntegerField(source="entry_count", read_only=True)
    criteria = CriterionSerializer(many=True, read_only=True)
    panels = PanelSerializer(many=True, read_only=True)

    class Meta:
        model = Contest
        fields = [
            "id", "name", "kind", "kind_label", "level", "level_label", "fiscal_year",
            "province", "province_name_th", "starts_on", "ends_on", "venue", "status",
            "status_label", "normalisation", "scores_visible", "entries", "criteria", "panels",
        ]  # fmt: skip


# --- Entries ------------------------------------------------------------------------------

JUDGING_SCHEMA = {
    "type": "object",
    "nullable": True,
    "description": "For a judge of the contest only: their own sheet and conflict",
    "properties": {
        "to_score": {"type": "boolean"},
        "sheet": {"type": "string", "enum": ["NONE", "SAVED", "SUBMITTED"]},
        "conflict": {"type": "boolean"},
        "conflict_reasons": {"type": "array", "items": {"type": "string"}},
    },
}


class EntrySerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="province.code", read_only=True)
    province_name_th = serializers.CharField(source="province.name_th", read_only=True)
    product_code = serializers.CharField(source="product.code", read_only=True, default=None)
    product_name = serializers.CharField(source="product.name", read_only=True, default=None)
    network_name = serializers.CharField(source="network.name", read_only=True, default=None)
    panel_name = serializers.CharField(source="panel.name", read_only=True)
    forwarded_from_contest = serializers.IntegerField(
        source="forwarded_from.contest_id", read_only=True, default=None
    )
    judging = serializers.SerializerMethodField()

    class Meta:
        model = Entry
        fields = [
            "id", "number", "title", "description", "province", "province_name_th", "product",
            "product_code", "product_name", "network", "network_name", "panel", "panel_name",
            "forwarded_from", "forwarded_from_contest", "withdrawn", "judging",
        ]  # fmt: skip

    @extend_schema_field(JUDGING_SCHEMA)
    def get_judging(self, entry: Entry) -> dict[str, Any] | None:
        judging = self.context.get("judging")
        if judging is None:
            return None
        panels, sheets, conflicts = judging
        sheet = sheets.get(entry.pk)
        reasons = conflicts.get(entry.pk, [])
        return {
            "to_score": None in panels or entry.panel_id in panels,
            "sheet": "NONE" if sheet is None else ("SUBMITTED" if sheet.submitted_at else "SAVED"),
            "conflict": bool(reasons),
            "conflict_reasons": reasons,
        }


# --- Results ------------------------------------------------------------------------------


class JudgeTotalSerializer(serializers.Serializer):
    judge = serializers.IntegerField(help_text="The judge's number in this contest (1, 2, …)")
    name = serializers.CharField(allow_null=True, help_text="For the organisers only")
    total = serializers.DecimalField(max_digits=8, decimal_places=2)


class EntryResultSerializer(serializers.Serializer):
    entry = serializers.IntegerField()
    number = serializers.IntegerField()
    title = serializers.CharField()
    province = serializers.CharField()
    product_code = serializers.CharField(allow_null=True)
    product_name = serializers.CharField(allow_null=True)
    rank = serializers.IntegerField(allow_null=True)
    tier = serializers.CharField()
    tier_label = serializers.CharField()
    score = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    raw_mean = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    tie_break = serializers.CharField()
    criterion_means = serializers.DictField(
        child=serializers.DecimalField(max_digits=8, decimal_places=2),
        help_text="Criterion id → mean score",
    )
    judges = JudgeTotalSerializer(many=True)
    conflicted_judges = serializers.IntegerField(help_text="Judges who did not score it")


class PanelResultSerializer(serializers.Serializer):
    panel = serializers.IntegerField()
    panel_name = serializers.CharField()
    stage = serializers.CharField()
    normalisation = serializers.CharField()
    method = serializers.CharField()
    agreement = serializers.FloatField(allow_null=True, help_text="Kendall's W (0–1)")
    entries = EntryResultSerializer(many=True)


def two_places(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def results_data(panels: list[results.PanelResult], names: dict[int, str] | None) -> list[dict]:
    """The results as plain data; judges are numbered, and named only when `names` is given."""
    judge_ids = sorted({j for p in panels for r in p.entries for j in r.judge_totals})
    number = {judge: i for i, judge in enumerate(judge_ids, 1)}
    tiers = dict(results.Tier.choices)
    return [
        {
            "panel": p.panel.pk,
            "panel_name": p.panel.name,
            "stage": p.panel.stage,
            "normalisation": p.normalisation,
            "method": p.method,
            "agreement": p.agreement,
            "entries": [
                {
                    "entry": r.entry.pk,
                    "number": r.entry.number,
                    "title": r.entry.title,
                    "province": r.entry.province.code,
                    "product_code": r.entry.product.code if r.entry.product else None,
                    "product_name": r.entry.product.name if r.entry.product else None,
                    "rank": r.rank,
                    "tier": r.tier,
                    "tier_label": str(tiers.get(r.tier, "")),
                    "score": two_places(r.score),
                    "raw_mean": two_places(r.raw_mean),
                    "tie_break": r.tie_break,
                    "criterion_means": {
                        str(c): two_places(v) for c, v in r.criterion_means.items()
                    },
                    "judges": [
                        {
                            "judge": number[judge],
                            "name": names.get(judge, "") if names is not None else None,
                            "total": two_places(total),
                        }
                        for judge, total in sorted(
                            r.judge_totals.items(), key=lambda t: number[t[0]]
                        )
                    ],
                    "conflicted_judges": len(r.conflicted_judges),
                }
                for r in p.entries
            ],
        }
        for p in panels
    ]


# --- Scores -------------------------------------------------------------------------------


class ScoreInSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=6, decimal_places=2)
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class SheetInSerializer(serializers.Serializer):
    entry = serializers.IntegerField(help_text="Entry id (in this contest)")
    scores = ScoreInSerializer(many=True)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    submit = serializers.BooleanField(
        required=False, default=False, help_text="Finish the sheet (every criterion needed)"
    )
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text=(
            "The sheet's version the caller last read (0: no sheet yet). When the sheet was "
            "saved since, 409 and nothing is stored. Leave out to save without the check."
        ),
    )


class ScoreOutSerializer(serializers.ModelSerializer):
    criterion_name = serializers.CharField(source="criterion.name", read_only=True)
    max_score = serializers.IntegerField(source="criterion.max_score", read_only=True)

    class Meta:
        model = Score
        fields = ["criterion", "criterion_name", "max_score", "value", "comment"]


class SheetSerializer(serializers.ModelSerializer):
    entry_number = serializers.IntegerField(source="entry.number", read_only=True)
    submitted = serializers.SerializerMethodField()
    scores = ScoreOutSerializer(many=True, read_only=True)

    class Meta:
        model = ScoreSheet
        fields = [
            "id", "entry", "entry_number", "comment", "submitted", "submitted_at", "updated_at",
            "version", "scores",
        ]  # fmt: skip

    def get_submitted(self, sheet: ScoreSheet) -> bool:
        return sheet.submitted_at is not None


def error_body(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in e] for field, e in error.message_dict.items()}
    return {"non_field_errors": [str(m) for m in error.messages]}


# --- Views --------------------------------------------------------------------------------


class ContestViewSet(viewsets.ReadOnlyModelViewSet):
    """Contests with their rubric and panels: published ones for everyone, the others for
    their organisers, the entry provinces' officers and committee members, and their judges."""

    serializer_class = ContestSerializer
    filterset_class = ContestFilter

    def get_permissions(self) -> list[Any]:
        if self.action == "scores":
            return [permissions.IsAuthenticated()]
        return [permissions.AllowAny()]

    def get_queryset(self) -> QuerySet[Contest]:
        panels = Panel.objects.prefetch_related("regions").annotate(entry_count=Count("entries"))
        return (
            Contest.objects.for_user(self.request.user)
            .select_related("province")
            .prefetch_related("criteria", Prefetch("panels", panels))
            .annotate(entry_count=Count("entries"))
            .order_by("-fiscal_year", "name", "pk")
        )

    def contest(self) -> Contest:
        """The contest of a detail route, fetched through the scoped query (404 otherwise)."""
        return self.get_object()

    @extend_schema(responses=EntrySerializer(many=True), filters=False)
    @action(detail=True, url_name="entries")
    def entries(self, request: Request, pk: str | None = None) -> Response:
        """The entries (number, title, province, product, panel, where it was forwarded from);
        a judge of the contest also gets their own sheet's state and conflict per entry."""
        contest = self.contest()
        rows = (
            Entry.objects.filter(contest=contest)
            .select_related("province", "product", "network", "panel", "forwarded_from")
            .order_by("number")
        )
        context = dict(self.get_serializer_context())
        user = request.user
        if user.is_authenticated:
            panels = set(
                JudgeAssignment.objects.filter(contest=contest, judge=user).values_list(
                    "panel_id", flat=True
                )
            )
            if panels:
                sheets = {
                    s.entry_id: s
                    for s in ScoreSheet.objects.filter(entry__contest=contest, judge=user)
                }
                conflicts = {
                    entry: reasons
                    for (judge, entry), reasons in services.conflicts(contest).items()
                    if judge == user.pk
                }
                context["judging"] = (panels, sheets, conflicts)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(EntrySerializer(page, many=True, context=context).data)

    @extend_schema(responses=PanelResultSerializer(many=True), filters=False)
    @action(detail=True, url_name="results", pagination_class=None)
    def results(self, request: Request, pk: str | None = None) -> Response:
        """Ranked results per panel (`kbo.contests.results`): to the organisers and the
        contest's judges once it has closed, to everyone once published. Judges are named to organisers only."""
        contest = self.contest()
        organiser = request.user.is_authenticated and can_organise(request.user, contest)
        judge = (
            request.user.is_authenticated
            and JudgeAssignment.objects.filter(contest=contest, judge=request.user).exists()
        )
        if contest.status != Contest.Status.PUBLISHED:
            if not (organiser or judge):
                raise exceptions.NotFound()
            if not contest.scores_visible:
                raise exceptions.PermissionDenied(_("The results are not open yet."))
        panels = results.contest_results(contest)
        names = None
        if organiser:
            names = {
                a.judge_id: a.judge.get_full_name() or a.judge.username
                for a in contest.judges.select_related("judge")
            }
        return Response(PanelResultSerializer(results_data(panels, names), many=True).data)

    @extend_schema(methods=["GET"], responses=SheetSerializer(many=True), filters=False)
    @extend_schema(
        methods=["POST"],
        request=SheetInSerializer,
        responses={
            200: SheetSerializer,
            409: OpenApiResponse(
                ConflictSerializer,
                description="Scoring is not open, or the sheet changed since `version`",
            ),
        },
        description=(
            "Save (and with `submit` finish) the caller's score sheet for one entry, by the same "
            "rules as the web page: 400 when a value is outside 0..maximum (naming the criterion) "
            "or a criterion is missing on submit; 403 when the caller is not a judge of the "
            "entry's panel or has a conflict of interest on it (with the reason); 409 when "
            "scoring is not open (preparing, closed or published), or when `version` is given "
            "and the sheet was saved since (another phone or tab; the answer gives the sheet's "
            "version now). Each answer gives the sheet's new `version` for the next save."
        ),
        filters=False,
    )
    @action(detail=True, methods=["get", "post"], url_name="scores")
    def scores(self, request: Request, pk: str | None = None) -> Response:
        """The caller's own score sheets in the contest (never another judge's)."""
        contest = self.contest()
        if request.method == "POST":
            return self.save_sheet(request, contest)
        sheets = (
            ScoreSheet.objects.filter(entry__contest=contest, judge_id=request.user.pk)
            .select_related("entry")
            .prefetch_related(Prefetch("scores", Score.objects.select_related("criterion")))
            .order_by("entry__number")
        )
        page = self.paginate_queryset(sheets)
        return self.get_paginated_response(SheetSerializer(page, many=True).data)

    def save_sheet(self, request: Request, contest: Contest) -> Response:
        body = SheetInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        entry = contest.entries.filter(pk=data["entry"]).first()
        if entry is None:
            raise exceptions.ValidationError({"entry": [_("No such entry in this contest.")]})
        if contest.status != Contest.Status.OPEN:
            raise ScoringClosed(
                _("Scoring is closed for this contest.")
                if contest.scores_visible
                else _("Scoring has not opened yet.")
            )
        values = {s["criterion"]: (s["value"], s["comment"]) for s in data["scores"]}
        try:
            sheet = services.sheet_save(
                by=request.user,
                entry=entry,
                scores=values,
                comment=data["comment"],
                submit=data["submit"],
                version=data.get("version"),
            )
        except StaleEdit as stale:
            return Response(
                {"detail": stale.message, "version": stale.version},
                status=status.HTTP_409_CONFLICT,
            )
        except DjangoValidationError as error:
            raise exceptions.ValidationError(error_body(error)) from error
        except PermissionDenied as error:
            raise exceptions.PermissionDenied(*error.args) from error
        sheet = (
            ScoreSheet.objects.select_related("entry")
            .prefetch_related(Prefetch("scores", Score.objects.select_related("criterion")))
            .get(pk=sheet.pk)
        )
        return Response(SheetSerializer(sheet).data)


def register(router) -> None:
    router.register("contests", ContestViewSet, basename="contest")
