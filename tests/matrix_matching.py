"""Permission-matrix rows for expert matching (see tests/test_permissions.py)."""

from tests.permission_cases import Case, signed_in

# A need of province A: officers and committee members of A and national staff see it.
SEE_A = signed_in(403, officer_a=200, committee_a=200, national=200, officer_b=404)
SEE_B = signed_in(403, officer_b=200, national=200, officer_a=404, committee_a=404)

CASES: list[Case] = [
    Case("programmes:need_experts", SEE_A, lambda w: {"pk": w["matching_need_a"].pk}),
    Case(
        "programmes:need_experts",
        SEE_B,
        lambda w: {"pk": w["matching_need_b"].pk},
        note="province B",
    ),
    Case(
        "programmes:need_assign",
        signed_in(405),
        lambda w: {"pk": w["matching_need_a"].pk},
        note="POST only",
    ),
]


def world(made: dict) -> dict:
    """A SELECTED decision (shared with other modules) and a need on each project."""
    from kbo.programmes.models import Decision, Need

    found = {}
    for key in ("a", "b"):
        decision, _ = Decision.objects.get_or_create(
            project=made[f"project_{key}"],
            product=made[f"product_{key}"],
            defaults={"status": "SELECTED"},
        )
        found[f"matching_need_{key}"] = Need.objects.create(
            decision=decision, area="PACKAGING", description="ต้องการกล่องและฉลากใหม่"
        )
    return found
