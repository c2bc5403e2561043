"""/api/v1/outcomes/?fiscal_year=2562&province=50: a cohort's KPIs, categories and products.

For officers and committee members (their provinces) and national staff, like the outcome
page; the numbers come from kbo.outcomes.measures in a fixed number of queries.
"""

from django import forms
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from kbo.accounts import access
from kbo.core import versions
from kbo.core.thai import plain_number
from kbo.outcomes import measures
from kbo.outcomes.sales import current_fiscal_year
from kbo.programmes.api import ProjectPermission
from kbo.programmes.models import Decision, Project


class OutcomeQuery(forms.Form):
    fiscal_year = forms.IntegerField(min_value=2540, max_value=2700, required=False)
    province = forms.RegexField(regex=r"^[0-9]{2}$", required=False)


def _number(value):
    return None if value is None else plain_number(value)


class OneObjectSchema(AutoSchema):
    """The outcomes answer is one object (a year's summary), not a list of them."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class OutcomeViewSet(viewsets.ViewSet):
    """A fiscal year's cohort outcomes in the provinces you may see (or one province)."""

    permission_classes = [ProjectPermission]
    schema = OneObjectSchema()

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "fiscal_year", OpenApiTypes.INT, description="BE; default: the latest project year"
            ),
            OpenApiParameter("province", OpenApiTypes.STR, description="Province code (2 digits)"),
        ],
        responses=inline_serializer(
            "Outcomes",
            {
                "fiscal_year": serializers.IntegerField(),
                "province": serializers.CharField(allow_null=True),
                "kpis": serializers.ListField(child=serializers.DictField()),
                "categories": serializers.ListField(child=serializers.DictField()),
                "products": serializers.ListField(child=serializers.DictField()),
            },
        ),
    )
    def list(self, request: Request) -> Response:
        query = OutcomeQuery(request.query_params)
        if not query.is_valid():
            raise ValidationError(query.errors.get_json_data())
        year, province = query.cleaned_data["fiscal_year"], query.cleaned_data["province"]
        if year is None:
            years = Project.objects.for_user(request.user).order_by("-fiscal_year")
            year = years.values_list("fiscal_year", flat=True).first() or current_fiscal_year()
        if access.is_national(request.user):
            # National staff see every province: one answer for all of them, cached under the
            # data versions (kbo/core/versions.py) so a committed change shows at once.
            payload = versions.cached(
                ("api-outcomes", year, province or "TH"),
                lambda: _payload(request.user, year, province),
                depends=DEPENDS,
            )
        else:
            payload = _payload(request.user, year, province)
        return Response(payload)


DEPENDS = ("geo", "registry", "programmes", "outcomes")


def _payload(user, year: int, province: str) -> dict:
    decisions = Decision.objects.for_user(user).filter(project__fiscal_year=year)
    if province:
        decisions = decisions.filter(project__province__code=province)
    found = measures.outcomes(decisions)
    return {
        "fiscal_year": year,
        "province": province or None,
        "kpis": [
            {
                "code": v.kpi.code,
                "name": v.kpi.name,
                "name_en": v.kpi.name_en,
                "unit": v.kpi.unit,
                "value": _number(v.value),
                "target": _number(v.kpi.target),
                "met": v.met,
                "basis": v.basis,
                "of": v.of,
            }
            for v in measures.kpi_values(decisions, found=found)
        ],
        "categories": [
            {
                "category": r.category,
                "label": r.label,
                "products": r.products,
                "revenue": _number(r.revenue),
            }
            for r in measures.by_category(found)
        ],
        "products": [
            {
                "product": o.product_id,
                "code": o.code,
                "name": o.name,
                "category": o.category,
                "baseline_year": o.baseline_year,
                "baseline": _number(o.baseline),
                "result_year": o.result_year,
                "result": _number(o.result),
                "change": _number(o.change),
                "stars_before": o.stars_before,
                "stars_after": o.stars_after,
                "segment_before": o.segment_before,
                "segment_after": o.segment_after,
                "certificates_gained": o.certificates_gained,
            }
            for o in found
        ],
    }


def register(router) -> None:
    router.register("outcomes", OutcomeViewSet, basename="outcomes")
