"""The dashboards' figures and rendered panels, cached under the versions of their data.

A key is (panel, scope, fiscal year, map measure, language, data versions). The scope is
"TH" (national) or the province's id: the views let a user see a scope only when every row
of it is theirs to see, so two users allowed the same scope share the same numbers, and a
province's entry is never another scope's. `kbo.core.versions` says why a committed change
is shown on the next request, in every process.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from kbo.core import versions
from kbo.dashboards.data import Scope
from kbo.dashboards.panels import BUILDERS, Panel, province_map
from kbo.geo.models import Province
from kbo.programmes.models import Project

# Every panel reads some of these; any change to them redraws the dashboards.
DEPENDS = ("geo", "registry", "programmes", "outcomes")


def stamp() -> Mapping[str, int] | None:
    """The data versions, read once per request BEFORE any figure is computed."""
    return versions.stamp(*DEPENDS) if versions.enabled() else None


def where(province: Province | None) -> str | int:
    return province.pk if province is not None else "TH"


def years(user, province: Province | None, found: Mapping[str, int] | None) -> list[int]:
    """The fiscal years with projects in the scope, newest first."""

    def compute() -> list[int]:
        projects = Project.objects.for_user(user)
        if province is not None:
            projects = projects.filter(province=province)
        return list(
            projects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct()
        )

    return versions.cached(("dash-years", where(province)), compute, depends=DEPENDS, known=found)


def panel(scope: Scope, name: str, measure: str, found: Mapping[str, int] | None) -> Panel:
    """One panel's figures (what its table, chart and CSV show)."""
    measure = measure if name == "map" else ""

    def compute() -> Panel:
        return province_map(scope, measure) if name == "map" else BUILDERS[name](scope)

    parts = ("dash-panel", name, where(scope.province), scope.year, measure)
    return versions.cached(parts, compute, depends=DEPENDS, known=found)


def panel_html(
    scope: Scope, name: str, measure: str, found: Mapping[str, int] | None
) -> SafeString:
    """One panel drawn (`dashboards/_panel.html`); its links carry the year and measure."""

    def compute() -> SafeString:
        context = {"panel": panel(scope, name, measure, found), "year": scope.year}
        return render_to_string("dashboards/_panel.html", {**context, "measure": measure})

    parts = ("dash-html", name, where(scope.province), scope.year, measure)
    return versions.cached(parts, compute, depends=DEPENDS, known=found)
