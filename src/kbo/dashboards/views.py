"""Dashboard pages: the national dashboard and each province's, with CSV export per panel.

National staff see every province (and pick one to open its dashboard); officers, committee
members and judges are sent to their own province's dashboard, and another province's
answers 404; producers answer 403. `?panel=<name>&format=csv` downloads one panel's table.
"""

import csv
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString

from kbo.accounts import access
from kbo.core import thai
from kbo.dashboards import cached
from kbo.dashboards.data import Scope
from kbo.dashboards.panels import BUILDERS, MAP_MEASURES, SECTIONS, Panel
from kbo.geo.models import Province
from kbo.outcomes.sales import current_fiscal_year
from kbo.registry.models import PROVINCE_ROLES


def _own_provinces(user) -> list[Province]:
    return list(
        Province.objects.filter(pk__in=access.province_ids(user, roles=PROVINCE_ROLES)).order_by(
            "code"
        )
    )


def _keep(request: HttpRequest, *names: str) -> str:
    kept = {n: request.GET[n] for n in names if request.GET.get(n)}
    return f"?{urlencode(kept)}" if kept else ""


@login_required
@access.require_role(*PROVINCE_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    """National staff: the national dashboard; everyone else: their province's."""
    if not access.is_national(request.user):
        own = _own_provinces(request.user)
        if not own:
            raise PermissionDenied
        url = reverse("dashboards:province", kwargs={"code": own[0].code})
        return redirect(url + _keep(request, "year"))
    code = request.GET.get("province")
    if code:
        province = get_object_or_404(Province, code=code)
        url = reverse("dashboards:province", kwargs={"code": province.code})
        return redirect(url + _keep(request, "year"))
    return _dashboard(request, None)


@login_required
@access.require_role(*PROVINCE_ROLES)
def province(request: HttpRequest, code: str) -> HttpResponse:
    """One province's dashboard (404 for a province that is not the user's)."""
    found = get_object_or_404(Province, code=code)
    if not access.is_national(request.user) and found.pk not in access.province_ids(
        request.user, roles=PROVINCE_ROLES
    ):
        raise Http404
    return _dashboard(request, found)


def _dashboard(request: HttpRequest, province: Province | None) -> HttpResponse:
    # The callers let the user in only to a scope whose every row the user may see, so the
    # cached figures of a scope are the same for everyone who reaches it.
    known = cached.stamp()  # the data versions, read before any figure
    years = cached.years(request.user, province, known)
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and int(asked) in years else None
    if year is None:
        year = years[0] if years else current_fiscal_year()
    scope = Scope(request.user, year, province)
    measure = request.GET.get("measure", "products")
    measure = measure if measure in MAP_MEASURES else "products"
    name = request.GET.get("panel")
    wanted = request.GET.get("format")
    if wanted in ("csv", "html"):
        if name not in BUILDERS:
            raise Http404
        if wanted == "csv":
            return csv_response(cached.panel(scope, name, measure, known), province, year)
        return HttpResponse(cached.panel_html(scope, name, measure, known))
    # Panels that read every sale of the scope load after the page, each in its own request.
    panels: dict[str, LazyPanel | DrawnPanel] = {
        key: LazyPanel(key, year, measure)
        if key in LAZY
        else DrawnPanel(cached.panel_html(scope, key, measure, known))
        for key in BUILDERS
    }
    sections = [(title, [panels[key] for key in keys]) for title, keys in SECTIONS]
    return render(
        request,
        "dashboards/dashboard.html",
        {
            "province": province,
            "year": year,
            "years": years or [year],
            "sections": sections,
            "provinces": Province.objects.order_by("code") if province is None else [],
            "own_provinces": []
            if access.is_national(request.user)
            else _own_provinces(request.user),
            "is_national": access.is_national(request.user),
            "measure": measure,
        },
    )


LAZY = {"revenue", "map"}


@dataclass
class DrawnPanel:
    """A panel drawn already (`dashboards/_panel.html`, maybe from the cache)."""

    html: SafeString
    lazy: bool = False


@dataclass
class LazyPanel:
    """A panel drawn in its own request (`?panel=<name>&format=html`) once the page is shown."""

    name: str
    year: int
    measure: str
    lazy: bool = True

    @property
    def url(self) -> str:
        query = {"year": self.year, "measure": self.measure, "panel": self.name, "format": "html"}
        return f"?{urlencode(query)}"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return thai.plain_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_response(panel: Panel, province: Province | None, year: int) -> HttpResponse:
    """One panel's table as CSV (UTF-8 with a byte-order mark, so Excel reads Thai)."""
    where = province.code if province else "TH"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="kbo-dashboard-{panel.name}-{where}-{year}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([c.label for c in panel.columns])
    for row in panel.rows:
        writer.writerow([_cell(v) for v in row])
    return response
