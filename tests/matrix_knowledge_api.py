"""Permission-matrix rows for the knowledge API (/api/v1/knowledge/); the objects are
tests/matrix_knowledge.py's.

PUBLIC items are public (no token needed, as the public contests and networks); a PROVINCE
item is for signed-in users with a role in its province (national items: any role) and
national staff; a draft for the officers of its province and national staff (and a committee
member's draft for its writer too). Anyone else gets 404 (it is not there for them).
"""

from tests.permission_cases import Case, answers

READ_A = answers(200, anonymous=404, officer_b=404)
READ_B = answers(404, officer_b=200, national=200)


def pk(key: str):
    return lambda w: {"pk": w[key].pk}


CASES: list[Case] = [
    Case("api:knowledge-list", answers(200)),
    Case("api:knowledge-detail", answers(200), pk("knowledge_public_a"), note="public A"),
    Case("api:knowledge-detail", answers(200), pk("knowledge_public_b"), note="public B"),
    Case("api:knowledge-detail", READ_A, pk("knowledge_province_a"), note="province A"),
    Case("api:knowledge-detail", READ_B, pk("knowledge_province_b"), note="province B"),
    Case(
        "api:knowledge-detail",
        answers(200, anonymous=404),
        pk("knowledge_national_province"),
        note="national, province-only",
    ),
    Case(
        "api:knowledge-detail",
        answers(404, officer_a=200, national=200),
        pk("knowledge_draft_a"),
        note="draft A",
    ),
    Case("api:knowledge-detail", READ_B, pk("knowledge_draft_b"), note="draft B"),
    Case(
        "api:knowledge-detail",
        answers(404, officer_a=200, national=200, committee_a=200),
        pk("knowledge_contributed_a"),
        note="committee_a's draft",
    ),
]
