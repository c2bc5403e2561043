"""The official reports page: choose a fiscal year and a province (national staff: or the
national summary), then the report is made in the background and downloaded from the job's
page.

Officers report on their own provinces (another province answers 404, the national summary
403); national staff on any; committee members, judges and producers may not (403).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.core.services import job_start
from kbo.core.thai import fiscal_year
from kbo.geo.models import Province
from kbo.programmes.models import Project
from kbo.reports import tasks
from kbo.reports.forms import NATIONAL, ReportForm


def _provinces(user):
    if access.is_national(user):
        return Province.objects.filter(kbo_projects__isnull=False).distinct().order_by("code")
    return Province.objects.filter(pk__in=access.province_ids(user, roles=[Role.OFFICER])).order_by(
        "code"
    )


def _years(user) -> list[int]:
    years = sorted(
        set(Project.objects.for_user(user).values_list("fiscal_year", flat=True)), reverse=True
    )
    if not years:
        from django.utils import timezone

        years = [fiscal_year(timezone.localdate())]
    return years


@login_required
@access.require_role(Role.OFFICER)
def index(request: HttpRequest) -> HttpResponse:
    national = access.is_national(request.user)
    provinces = list(_provinces(request.user))
    years = _years(request.user)
    if request.method == "POST":
        scope = request.POST.get("scope", "")
        if scope == NATIONAL and not national:
            raise PermissionDenied
        if scope and scope != NATIONAL and scope not in {p.code for p in provinces}:
            raise Http404
        form = ReportForm(request.POST, years=years, provinces=provinces, national=national)
        if form.is_valid():
            return _start(request, form, provinces)
    else:
        form = ReportForm(
            initial={"reporter": request.user.get_full_name()},  # type: ignore[union-attr]
            years=years,
            provinces=provinces,
            national=national,
        )
    return render(request, "reports/index.html", {"form": form})


def _start(request: HttpRequest, form: ReportForm, provinces: list[Province]) -> HttpResponse:
    data = form.cleaned_data
    province = next((p for p in provinces if p.code == data["scope"]), None)
    what = province.name_th if province else _("national summary")
    job = job_start(
        user=request.user,
        kind=f"reports.{data['fmt']}",
        title=_("KBO report %(what)s, fiscal year %(year)s (%(format)s)")
        % {"what": what, "year": data["year"], "format": data["fmt"].upper()},
        task=tasks.official_report,
        user_id=request.user.pk,
        year=data["year"],
        province_id=province.pk if province else None,
        fmt=data["fmt"],
        thai_digits=data["thai_digits"],
        reporter=data["reporter"],
        position=data["position"],
    )
    return redirect("core:job", pk=job.pk)
