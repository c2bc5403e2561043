"""Outcome pages: a cohort's results and KPIs, a product's sales (officer or producer, on a
phone), the producer's own products, and the KPI definitions.

Products and projects come through `for_user()` (another province's answers 404); reading a
cohort needs an officer, committee or national role; recording sales needs `can_report`;
KPI definitions are national (403 for the others).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.geo.models import Province
from kbo.outcomes import measures
from kbo.outcomes.forms import KpiForm, SalesForm
from kbo.outcomes.models import Kpi
from kbo.outcomes.sales import (
    CHANNELS,
    can_report,
    current_fiscal_year,
    history,
    report_years,
    sales_save,
    year_amounts,
)
from kbo.programmes.models import Decision, Project
from kbo.registry.models import Product, SalesChannel, owned_producer_ids

READ_ROLES = (Role.OFFICER, Role.COMMITTEE)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@login_required
@access.require_role(*READ_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    """A fiscal year's cohort in the user's provinces (national: all, or one province)."""
    projects = Project.objects.for_user(request.user)
    years = sorted(set(projects.values_list("fiscal_year", flat=True)), reverse=True)
    year = _int(request.GET.get("year"))
    if year not in years:
        year = years[0] if years else current_fiscal_year()
    provinces = Province.objects.filter(
        pk__in=projects.filter(fiscal_year=year).values("province_id")
    ).order_by("code")
    province = provinces.filter(code=request.GET.get("province", "")).first()
    if province is None and not access.is_national(request.user) and len(provinces) == 1:
        province = provinces[0]
    decisions = Decision.objects.for_user(request.user).filter(project__fiscal_year=year)
    if province is not None:
        decisions = decisions.filter(project__province=province)
    found = measures.outcomes(decisions)
    names = dict(Province.objects.values_list("pk", "name_th"))
    for outcome in found:
        outcome.province_name = names.get(outcome.province_id, "")  # type: ignore[attr-defined]
    return render(
        request,
        "outcomes/index.html",
        {
            "years": years,
            "year": year,
            "provinces": provinces,
            "province": province,
            "kpis": measures.kpi_values(decisions, found=found),
            "categories": measures.by_category(found),
            "outcomes": found,
            "revenue_total": measures.measure("REVENUE_TOTAL", found)[0],
            "can_report": {
                o.province_id
                for o in found
                if access.can_manage_province(request.user, o.province_id)
            },
        },
    )


@login_required
def product_sales(request: HttpRequest, pk: int) -> HttpResponse:
    """A product's sales by fiscal year and channel, and the form to record a year."""
    product = get_object_or_404(
        Product.objects.for_user(request.user).select_related("producer", "province"), pk=pk
    )
    allowed = can_report(request.user, product)
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied
        form = SalesForm(request.POST)
        if form.is_valid():
            year = form.cleaned_data["fiscal_year"]
            sales_save(product, year, form.amounts(), request.user)
            messages.success(request, _("Sales of fiscal year %(year)s saved.") % {"year": year})
            return redirect("outcomes:product_sales", pk=product.pk)
    else:
        year = _int(request.GET.get("year"))
        if year not in report_years():
            year = current_fiscal_year()
        initial = {"fiscal_year": year, **year_amounts(product, year)}
        form = SalesForm(initial=initial)
    return render(
        request,
        "outcomes/product_sales.html",
        {
            "product": product,
            "form": form if allowed else None,
            "rows": history(product),
            "channels": [*CHANNELS, SalesChannel.TOTAL],
            "channel_fields": [form[c.value] for c in CHANNELS] if allowed else [],
            "total_field": form[SalesChannel.TOTAL.value] if allowed else None,
        },
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The producer's own products, with last and this fiscal year's recorded revenue."""
    now = current_fiscal_year()
    products = list(
        Product.objects.filter(producer_id__in=owned_producer_ids(request.user))
        .select_related("producer")
        .order_by("name", "pk")
    )
    revenue = measures.revenue([p.pk for p in products], [now - 1, now])
    rows = [(p, revenue.get((p.pk, now - 1)), revenue.get((p.pk, now))) for p in products]
    return render(request, "outcomes/mine.html", {"rows": rows, "year": now})


@login_required
def kpis(request: HttpRequest) -> HttpResponse:
    if not access.roles(request.user):
        raise PermissionDenied
    measures.active_kpis()  # creates the defaults on a database that has none
    return render(
        request,
        "outcomes/kpis.html",
        {
            "kpis": Kpi.objects.all(),
            "can_edit": access.is_national(request.user),
        },
    )


@login_required
def kpi_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not access.is_national(request.user):
        raise PermissionDenied
    kpi = get_object_or_404(Kpi, pk=pk)
    form = KpiForm(request.POST or None, instance=kpi)
    if request.method == "POST" and form.is_valid():
        kpi = form.save(commit=False)
        kpi.updated_by = request.user
        kpi.save()
        messages.success(request, _("The KPI definition was saved."))
        return redirect("outcomes:kpis")
    return render(request, "outcomes/kpi_form.html", {"form": form, "kpi": kpi})
