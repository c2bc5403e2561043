"""Permission-matrix rows for the registry's web pages (see tests/test_permissions.py).

Each Case's kwargs callable receives `world`, which holds the `registry` fixture's objects
(producer_a, product_a in Chiang Mai; producer_b, product_b in Mae Hong Son).
"""

from tests.permission_cases import Case, signed_in

OFFICERS = dict(officer_a=200, officer_b=200, national=200)
# A record of province A: everyone of A sees it (producer_a owns it), officer_b does not.
SEE_A = signed_in(200, officer_b=404)
# A record of province B: only its officer and national staff.
SEE_B = signed_in(404, officer_b=200, national=200)
# Changing a record of province A: its officer and national staff; others of A may only look.
CHANGE_A = signed_in(403, officer_a=200, officer_b=404, national=200)
CHANGE_B = SEE_B

PRODUCT_CHANGES = [
    "registry:product_edit",
    "registry:product_stars_add",
    "registry:product_segment_add",
    "registry:product_certificate_add",
    "registry:product_sale_add",
]


def _pk(key: str):
    return lambda w: {"pk": w[key].pk}


def _history(label: str, key: str):
    return lambda w: {"label": label, "pk": w[key].pk}


CASES: list[Case] = [
    Case("registry:import", signed_in(403, **OFFICERS)),
    Case("registry:import_template", signed_in(403, **OFFICERS)),
    Case("registry:products", signed_in(200)),
    Case("registry:producers", signed_in(200)),
    Case("registry:producer_add", signed_in(403, **OFFICERS)),
    Case("registry:subdistrict_options", signed_in(403, **OFFICERS)),
    Case("registry:product", SEE_A, _pk("product_a")),
    Case("registry:product", SEE_B, _pk("product_b"), note="province B"),
    Case("registry:producer", SEE_A, _pk("producer_a")),
    Case("registry:producer", SEE_B, _pk("producer_b"), note="province B"),
    Case("registry:producer_edit", CHANGE_A, _pk("producer_a")),
    Case("registry:producer_edit", CHANGE_B, _pk("producer_b"), note="province B"),
    Case("registry:product_add", CHANGE_A, _pk("producer_a")),
    Case("registry:product_add", CHANGE_B, _pk("producer_b"), note="province B"),
    *(Case(name, CHANGE_A, _pk("product_a")) for name in PRODUCT_CHANGES),
    *(Case(name, CHANGE_B, _pk("product_b"), note="province B") for name in PRODUCT_CHANGES),
    Case("accounts:history", SEE_A, _history("registry.product", "product_a"), note="product A"),
    Case("accounts:history", SEE_B, _history("registry.product", "product_b"), note="product B"),
    Case("accounts:history", SEE_A, _history("registry.producer", "producer_a"), note="producer A"),
    Case("accounts:history", SEE_B, _history("registry.producer", "producer_b"), note="producer B"),
]
