"""Permission-matrix rows for the registry's API routes (see tests/test_permissions.py).

Province A's records (producer_a, product_a: Chiang Mai) are seen by its officer, committee
member and judge, by producer_a (whose account belongs to producer_a) and national staff;
province B's (Mae Hong Son) by its officer and national staff. Others get 404.
"""

from tests.permission_cases import Case, api_signed_in

SEEN_IN_A = api_signed_in(200, officer_b=404)
SEEN_IN_B = api_signed_in(404, officer_b=200, national=200)

CASES: list[Case] = [
    Case("api:producer-list", api_signed_in(200)),
    Case("api:producer-detail", SEEN_IN_A, lambda w: {"pk": w["producer_a"].pk}),
    Case(
        "api:producer-detail",
        SEEN_IN_B,
        lambda w: {"pk": w["producer_b"].pk},
        note="province B",
    ),
    Case("api:product-list", api_signed_in(200)),
    Case("api:product-detail", SEEN_IN_A, lambda w: {"pk": w["product_a"].pk}),
    Case(
        "api:product-detail",
        SEEN_IN_B,
        lambda w: {"pk": w["product_b"].pk},
        note="province B",
    ),
]
