from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kbo.core.services import job_start
from kbo.geo.models import District, Province, Region, Subdistrict
from kbo.geo.tasks import export_geography

SEARCH_LIMIT = 30


def _search(text: str) -> dict:
    """Areas whose Thai or English name, code or postal code matches `text`."""
    text = text.strip()
    if not text:
        return {}
    return {
        "q": text,
        "provinces": list(Province.objects.search(text)[:SEARCH_LIMIT]),
        "districts": list(District.objects.search(text).select_related("province")[:SEARCH_LIMIT]),
        "subdistricts": list(
            Subdistrict.objects.filter(
                Q(name_th__icontains=text)
                | Q(name_en__icontains=text)
                | Q(code=text)
                | Q(postal_codes__contains=text)
            ).select_related("district", "province")[:SEARCH_LIMIT]
        ),
    }


def index(request):
    results = _search(request.GET.get("q", ""))
    if request.htmx:
        return render(request, "geo/_search_results.html", {"results": results})
    regions = Region.objects.prefetch_related("provinces").annotate(
        province_count=Count("provinces")
    )
    return render(
        request,
        "geo/index.html",
        {
            "regions": regions,
            "unassigned": Province.objects.filter(region__isnull=True),
            "results": results,
            "totals": {
                "provinces": Province.objects.count(),
                "districts": District.objects.count(),
                "subdistricts": Subdistrict.objects.count(),
            },
        },
    )


def province_detail(request, code):
    province = get_object_or_404(
        Province.objects.for_user(request.user).select_related("region"), code=code
    )
    districts = province.districts.annotate(subdistrict_count=Count("subdistricts"))
    return render(request, "geo/province.html", {"province": province, "districts": districts})


def district_detail(request, code):
    district = get_object_or_404(
        District.objects.for_user(request.user).select_related("province"), code=code
    )
    return render(
        request,
        "geo/district.html",
        {
            "district": district,
            "subdistricts": district.subdistricts.all(),
        },
    )


@login_required
@require_POST
def export(request):
    province_code = request.POST.get("province", "")
    province = get_object_or_404(Province, code=province_code) if province_code else None
    title = (
        _("Geography of %(province)s (XLSX)") % {"province": province.name_th}
        if province
        else _("Geography of Thailand (XLSX)")
    )
    job = job_start(
        user=request.user,
        kind="geo.export",
        title=title,
        task=export_geography,
        province_code=province_code,
    )
    return redirect("core:job", pk=job.pk)
