"""Permission-matrix rows for the KBO network's API routes (see tests/test_permissions.py).

Networks, committee members and knowledge sources are public; meetings need a token and
are private to their province (A: Chiang Mai, B: Mae Hong Son): another province's meeting
answers 404.
"""

from tests.permission_cases import Case, answers, api_signed_in

CASES: list[Case] = [
    Case("api:network-list", answers(200)),
    Case("api:network-detail", answers(200), lambda w: {"pk": w["network_a"].pk}),
    Case("api:committee-member-list", answers(200)),
    Case("api:committee-member-detail", answers(200), lambda w: {"pk": w["member_seat_b"].pk}),
    Case("api:knowledge-source-list", answers(200)),
    Case("api:knowledge-source-detail", answers(200), lambda w: {"pk": w["source_a"].pk}),
    Case("api:meeting-list", api_signed_in(200)),
    Case(
        "api:meeting-detail",
        api_signed_in(200, officer_b=404),
        lambda w: {"pk": w["meeting_a"].pk},
    ),
    Case(
        "api:meeting-detail",
        api_signed_in(404, officer_b=200, national=200),
        lambda w: {"pk": w["meeting_b"].pk},
        note="province B",
    ),
]
