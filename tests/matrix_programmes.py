"""Permission-matrix rows for the yearly projects (private to their province)."""

from tests.permission_cases import Case, signed_in

# Project of province A: officers and committee members of A and national staff see it.
SEE_A = signed_in(403, officer_a=200, committee_a=200, national=200, officer_b=404)
SEE_B = signed_in(403, officer_b=200, national=200, officer_a=404, committee_a=404)
CHANGE_A = signed_in(403, officer_a=200, national=200, officer_b=404)
CHANGE_B = signed_in(404, officer_b=200, national=200)  # province A people: not there

CASES: list[Case] = [
    Case(
        "programmes:projects",
        signed_in(403, officer_a=200, officer_b=200, committee_a=200, national=200),
    ),
    Case("programmes:project_add", signed_in(403, officer_a=200, officer_b=200, national=200)),
    Case("programmes:project", SEE_A, lambda w: {"pk": w["project_a"].pk}),
    Case("programmes:project", SEE_B, lambda w: {"pk": w["project_b"].pk}, note="province B"),
    Case("programmes:criteria", CHANGE_A, lambda w: {"pk": w["project_a"].pk}),
    Case("programmes:criteria", CHANGE_B, lambda w: {"pk": w["project_b"].pk}, note="province B"),
    Case(
        "programmes:decide",
        signed_in(405),
        lambda w: {"pk": w["project_a"].pk, "product_pk": w["product_a"].pk},
        note="POST only",
    ),
]
