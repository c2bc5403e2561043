"""Permission-matrix rows for the outcome pages (see tests/test_permissions.py).

Cohort outcomes are read by officers, committee members and national staff; a product's
sales page is there for whoever sees the product (its form only for officers of the
province, national staff and the owning producer); KPI definitions are national.
"""

from tests.permission_cases import Case, api_signed_in, signed_in

PRODUCT_A = signed_in(
    404, officer_a=200, committee_a=200, judge_a=200, producer_a=200, national=200
)
PRODUCT_B = signed_in(404, officer_b=200, national=200)

CASES: list[Case] = [
    Case(
        "outcomes:index",
        signed_in(403, officer_a=200, officer_b=200, committee_a=200, national=200),
    ),
    Case("outcomes:mine", signed_in(200)),
    Case("outcomes:product_sales", PRODUCT_A, lambda w: {"pk": w["product_a"].pk}),
    Case(
        "outcomes:product_sales", PRODUCT_B, lambda w: {"pk": w["product_b"].pk}, note="province B"
    ),
    Case("outcomes:kpis", signed_in(200)),
    Case("outcomes:kpi_edit", signed_in(403, national=200), lambda w: {"pk": w["kpi"].pk}),
    Case(
        "api:outcomes-list",
        api_signed_in(200, judge_a=403, producer_a=403),
    ),
]


def world(made: dict) -> dict:
    from kbo.outcomes.models import Kpi

    return {"kpi": Kpi.objects.order_by("position").first()}
