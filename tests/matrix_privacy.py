"""Permission-matrix rows for the personal-data pages (see tests/test_permissions.py).

A producer's consents and data requests: the producer's own account, officers of the province
and national staff; others of the province may not (403); another province's officer finds
nothing (404). Erasure: officers and national staff only. The access log: national staff.
"""

from tests.permission_cases import Case, signed_in

REQUEST_A = signed_in(403, officer_a=200, producer_a=200, national=200, officer_b=404)
MANAGE_A = signed_in(403, officer_a=200, national=200, officer_b=404)
ONLY_B = signed_in(404, officer_b=200, national=200)


def _pk(key: str):
    return lambda w: {"pk": w[key].pk}


CASES: list[Case] = [
    Case("privacy:inventory", signed_in(200)),
    Case("privacy:access_log", signed_in(403, national=200)),
    Case("privacy:producer", REQUEST_A, _pk("producer_a")),
    Case("privacy:producer", ONLY_B, _pk("producer_b"), note="province B"),
    Case("privacy:export", REQUEST_A, _pk("producer_a")),
    Case("privacy:export", ONLY_B, _pk("producer_b"), note="province B"),
    Case("privacy:consent_record", signed_in(405), _pk("producer_a"), note="POST only"),
    Case("privacy:erase", MANAGE_A, _pk("producer_a")),
    Case("privacy:erase", ONLY_B, _pk("producer_b"), note="province B"),
]
