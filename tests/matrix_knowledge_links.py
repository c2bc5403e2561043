"""Permission-matrix rows for the knowledge reached from other pages (case studies drafted
from a product); the objects are tests/matrix_knowledge.py's."""

from tests.permission_cases import Case, signed_in

CASES: list[Case] = [
    # POST only: a GET is refused (405) to everyone signed in; the write matrix has who may draft.
    Case(
        "knowledge:case_study_draft",
        signed_in(405),
        lambda w: {"product": w["product_a"].pk},
        note="POST only",
    ),
]
