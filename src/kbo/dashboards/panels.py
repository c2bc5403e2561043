"""The dashboard panels: each one a chart, a table with the same numbers, and a CSV export.

A panel builder takes a `Scope` and returns a `Panel`: raw rows (what the CSV holds and the
table shows) and a chart description that `static/dashboards/dashboards.js` turns into a
Chart.js chart. Builders are looked up by name, so `?panel=<name>&format=csv` computes only
the one panel it exports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kbo.core import thai
from kbo.dashboards import tilemap
from kbo.dashboards.data import ZERO, Scope
from kbo.programmes.models import Activity, PlanItem
from kbo.registry.models import Category, Segment

MAP_MEASURES = {
    "products": gettext_noop("Registered products"),
    "developed": gettext_noop("Products developed in the year"),
    "revenue": gettext_noop("Revenue of the registered products in the year"),
    "rose_share": gettext_noop("Share of developed products whose revenue rose (%)"),
}

MAP_KINDS = {"products": "int", "developed": "int", "revenue": "baht", "rose_share": "decimal"}


@dataclass
class Column:
    label: str
    kind: str = "int"  # text | int | baht | percent | year


@dataclass
class Panel:
    name: str
    title: str
    columns: list[Column]
    rows: list[list[Any]]
    chart: dict | None = None
    extra: dict = field(default_factory=dict)  # cards, map tiles...

    def cells(self) -> list[list[tuple[str, bool]]]:
        """The table's rows as (text shown, is a number) pairs, formatted once, in Python."""
        kinds = [c.kind for c in self.columns]
        return [
            [(show(value, kind), kind != "text") for value, kind in zip(row, kinds, strict=True)]
            for row in self.rows
        ]


def show(value: Any, kind: str) -> str:
    """A value as the table shows it: Thai number formats, BE dates, "—" when empty."""
    if value is None or value == "":
        return "—"
    if kind == "int":
        return thai.format_number(value)
    if kind == "baht":
        return thai.format_baht(value)
    if kind == "decimal":
        return thai.format_number(value, 1)
    if kind == "date":
        return thai.format_date(value)
    if kind == "year":
        return thai.digits(str(value))
    return str(value)


def _number(value: Any) -> float | int | None:
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


def _chart(kind: str, labels: list, series: dict[str, list], **options: Any) -> dict:
    return {
        "type": kind,
        "labels": [str(label) for label in labels],
        "datasets": [
            {"label": str(label), "data": [_number(v) for v in data]}
            for label, data in series.items()
        ],
        **options,
    }


# Registry ---------------------------------------------------------------------------------


def categories(scope: Scope) -> Panel:
    counts = scope.products_by("category")
    rows = [[label, counts.get(value, 0)] for value, label in Category.choices]
    return Panel(
        "categories",
        _("Products by category"),
        [Column(_("Category"), "text"), Column(_("Products"))],
        rows,
        _chart("bar", [r[0] for r in rows], {_("Products"): [r[1] for r in rows]}),
    )


def stars(scope: Scope) -> Panel:
    counts = scope.products_by("current_stars")
    rows = [[0, _("Not rated"), counts.get(None, 0) + counts.get(0, 0)]]
    rows += [[n, "★" * n, counts.get(n, 0)] for n in range(1, 6)]
    return Panel(
        "stars",
        _("Products by stars (latest round)"),
        [Column(_("Stars")), Column(_("Rating"), "text"), Column(_("Products"))],
        rows,
        _chart("bar", [r[1] for r in rows], {_("Products"): [r[2] for r in rows]}),
    )


def segments(scope: Scope) -> Panel:
    counts = scope.products_by("current_segment")
    rows = [[value, label, counts.get(value, 0)] for value, label in Segment.choices]
    rows.append(["", _("Not assessed"), counts.get("", 0) + counts.get(None, 0)])
    return Panel(
        "segments",
        _("Products by segment"),
        [Column(_("Segment"), "text"), Column(_("Name"), "text"), Column(_("Products"))],
        rows,
        _chart("bar", [r[0] or r[1] for r in rows], {_("Products"): [r[2] for r in rows]}),
    )


def registration(scope: Scope) -> Panel:
    counts = scope.products_by("producer__registered_year")
    rows = [[year, n] for year, n in sorted(counts.items()) if year is not None]
    return Panel(
        "registration",
        _("Products by the producer's registration year"),
        [Column(_("Registration year (BE)"), "year"), Column(_("Products"))],
        rows,
        _chart("bar", [r[0] for r in rows], {_("Products"): [r[1] for r in rows]}),
    )


# Projects ---------------------------------------------------------------------------------


def selection(scope: Scope) -> Panel:
    rows = [
        [p["province__code"], p["province__name_th"], p["target_products"], p["selected"]]
        for p in scope.project_rows
    ]
    return Panel(
        "selection",
        _("Selected products against the target"),
        [
            Column(_("Province code"), "text"),
            Column(_("Province"), "text"),
            Column(_("Target"), "int"),
            Column(_("Selected"), "int"),
        ],
        rows,
        _chart(
            "bar",
            [r[1] for r in rows],
            {_("Target"): [r[2] for r in rows], _("Selected"): [r[3] for r in rows]},
        ),
    )


def _province_status_panel(name: str, title, statuses, scope: Scope, count) -> Panel:
    """A row per province of the scope's projects, a column per status (`count(project row,
    status value)`), drawn as stacked bars."""
    rows = [
        [p["province__code"], p["province__name_th"]]
        + [count(p, value) for value, _label in statuses]
        for p in scope.project_rows
    ]
    return Panel(
        name,
        title,
        [Column(_("Province code"), "text"), Column(_("Province"), "text")]
        + [Column(str(label)) for _value, label in statuses],
        rows,
        _chart(
            "bar",
            [r[1] for r in rows],
            {str(label): [r[2 + i] for r in rows] for i, (_v, label) in enumerate(statuses)},
            stacked=True,
        ),
    )


def plan_items(scope: Scope) -> Panel:
    counts = scope.plan_items
    return _province_status_panel(
        "plan_items",
        _("Development plan items by status"),
        PlanItem.Status.choices,
        scope,
        lambda p, value: counts.get((p["pk"], value), 0),
    )


def activities(scope: Scope) -> Panel:
    statuses = Activity.Status.choices
    if scope.province is None:  # national: per province, activities by status
        counts: dict[tuple[str, str], int] = {}
        for a in scope.activities:
            key = (a["project__province__code"], a["status"])
            counts[key] = counts.get(key, 0) + 1
        return _province_status_panel(
            "activities",
            _("Project activities by status"),
            statuses,
            scope,
            lambda p, value: counts.get((p["province__code"], value), 0),
        )
    kinds, states = dict(Activity.Kind.choices), dict(statuses)
    rows = [
        [
            str(kinds.get(a["kind"], a["kind"])),
            str(states.get(a["status"], a["status"])),
            a["starts_on"],
            a["ends_on"],
            a["budget"],
        ]
        for a in scope.activities
    ]
    progress = {Activity.Status.PLANNED: 0, Activity.Status.UNDERWAY: 50, Activity.Status.DONE: 100}
    return Panel(
        "activities",
        _("Project activities"),
        [
            Column(_("Activity"), "text"),
            Column(_("Status"), "text"),
            Column(_("Starts"), "date"),
            Column(_("Ends"), "date"),
            Column(_("Budget (baht)"), "baht"),
        ],
        rows,
        _chart(
            "bar",
            [r[0] for r in rows],
            {_("Progress (%)"): [progress.get(a["status"], 0) for a in scope.activities]},
            horizontal=True,
            max=100,
        ),
    )


# Outcomes ---------------------------------------------------------------------------------


def kpis(scope: Scope) -> Panel:
    values = scope.kpis
    rows = [
        [
            v.kpi.code,
            v.kpi.name,
            v.value,
            v.kpi.unit,
            v.kpi.target,
            "" if v.met is None else ("yes" if v.met else "no"),
            v.basis,
            v.of,
        ]
        for v in values
    ]
    return Panel(
        "kpis",
        _("KPIs of the year's cohort"),
        [
            Column(_("Code"), "text"),
            Column(_("KPI"), "text"),
            Column(_("Value"), "decimal"),
            Column(_("Unit"), "text"),
            Column(_("Target"), "decimal"),
            Column(_("Target met"), "text"),
            Column(_("Products counted"), "int"),
            Column(_("Products in the cohort"), "int"),
        ],
        rows,
        None,
        {"cards": values},
    )


def cohort_categories(scope: Scope) -> Panel:
    from kbo.outcomes import measures

    rows = [[r.label, r.products, r.revenue] for r in measures.by_category(scope.outcomes)]
    return Panel(
        "cohort_categories",
        _("The year's cohort by category"),
        [Column(_("Category"), "text"), Column(_("Products")), Column(_("Revenue"), "baht")],
        rows,
        _chart(
            "bar",
            [r[0] for r in rows],
            {_("Products"): [r[1] for r in rows], _("Revenue (baht)"): [r[2] for r in rows]},
            dual=True,
        ),
    )


def revenue(scope: Scope) -> Panel:
    registry = scope.registry_revenue
    developed = scope.developed_revenue
    rows = [[y, developed.get(y, ZERO), registry.get(y, ZERO)] for y in scope.trend_years]
    return Panel(
        "revenue",
        _("Revenue by fiscal year"),
        [
            Column(_("Fiscal year (BE)"), "year"),
            Column(_("Developed products (baht)"), "baht"),
            Column(_("All registered products (baht)"), "baht"),
        ],
        rows,
        _chart(
            "line",
            [r[0] for r in rows],
            {
                _("Developed products"): [r[1] for r in rows],
                _("All registered products"): [r[2] for r in rows],
            },
        ),
    )


def map_values(scope: Scope) -> dict[str, dict[str, Decimal | int | None]]:
    """{measure: {province code: value}} for the provinces in scope."""
    codes = scope.province_codes
    products = {codes[pk]: n for pk, n in scope.products_by("province_id").items()}
    developed: dict[str, int] = {}
    compared: dict[str, int] = {}
    rose: dict[str, int] = {}
    for o in scope.outcomes:
        code = codes[o.province_id]
        developed[code] = developed.get(code, 0) + 1
        if o.change is not None:
            compared[code] = compared.get(code, 0) + 1
            rose[code] = rose.get(code, 0) + (1 if o.revenue_rose else 0)
    money: dict[str, Decimal] = {}
    for pk, amount in scope.revenue_by_province.items():
        money[codes[pk]] = amount
    share = {
        code: (Decimal(rose.get(code, 0) * 100) / n).quantize(Decimal("0.1"), ROUND_HALF_UP)
        for code, n in compared.items()
    }
    return {"products": products, "developed": developed, "revenue": money, "rose_share": share}


def province_map(scope: Scope, measure: str = "products") -> Panel:
    measure = measure if measure in MAP_MEASURES else "products"
    values = map_values(scope)
    names = scope.province_names
    own = scope.province.code if scope.province else None
    shown = sorted(set().union(*(v.keys() for v in values.values())))
    if own:
        shown = [own]
    rows = [
        [
            code,
            names.get(code, code),
            values["products"].get(code, 0),
            values["developed"].get(code, 0),
            values["revenue"].get(code, ZERO),
            values["rose_share"].get(code),
        ]
        for code in shown
    ]
    chosen = values[measure]
    return Panel(
        "map",
        _("Map of the provinces"),
        [
            Column(_("Province code"), "text"),
            Column(_("Province"), "text"),
            Column(_("Registered products")),
            Column(_("Products developed in the year")),
            Column(_("Revenue in the year (baht)"), "baht"),
            Column(_("Revenue rose (per cent of those compared)"), "decimal"),
        ],
        rows,
        None,
        {
            "measure": measure,
            "measure_label": _(MAP_MEASURES[measure]),
            "measures": [(key, _(label)) for key, label in MAP_MEASURES.items()],
            "tiles": tilemap.tiles(
                chosen,
                names,
                highlight=own,
                in_scope={own} if own else None,
                fmt=lambda value: show(value, MAP_KINDS[measure]),
            ),
            "legend": tilemap.legend(chosen),
            "width": tilemap.WIDTH,
            "height": tilemap.HEIGHT,
            "size": tilemap.SIZE,
        },
    )


BUILDERS: dict[str, Callable[..., Panel]] = {
    "categories": categories,
    "stars": stars,
    "segments": segments,
    "registration": registration,
    "selection": selection,
    "plan_items": plan_items,
    "activities": activities,
    "kpis": kpis,
    "cohort_categories": cohort_categories,
    "revenue": revenue,
    "map": province_map,
}
SECTIONS = [
    (gettext_noop("Registry"), ["categories", "stars", "segments", "registration"]),
    (gettext_noop("Project progress"), ["selection", "plan_items", "activities"]),
    (gettext_noop("Cohort outcomes"), ["kpis", "cohort_categories"]),
    (gettext_noop("Revenue"), ["revenue"]),
    (gettext_noop("Map"), ["map"]),
]
