"""Permission-matrix rows for the dashboards pages (see tests/test_permissions.py).

Officers, committee members and judges are sent from the index to their own province's
dashboard (302); another province's dashboard answers 404; producers 403.
"""

from tests.permission_cases import Case, signed_in

CASES: list[Case] = [
    Case("dashboards:index", signed_in(302, producer_a=403, national=200)),
    Case(
        "dashboards:province",
        signed_in(200, officer_b=404, producer_a=403),
        {"code": "50"},
    ),
    Case(
        "dashboards:province",
        signed_in(404, officer_b=200, producer_a=403, national=200),
        {"code": "58"},
        note="province B",
    ),
]


def world(made: dict) -> dict:
    return {}
