"""Permission-matrix rows for the KBO network's web pages (see tests/test_permissions.py).

`world` includes the `kbo_network` fixture's objects (tests/conftest.py): network_a/b,
term_a/b, source_a/b, chair_seat_a/b, member_seat_a/b, meeting_a/b (A: Chiang Mai, B: Mae
Hong Son). Networks, committees and knowledge sources are public; meetings are private to
their province.
"""

from tests.permission_cases import Case, answers, signed_in

# Changing a (public) network of province A or B: its officer and national staff; 403 others.
CHANGE_A = signed_in(403, officer_a=200, national=200)
CHANGE_B = signed_in(403, officer_b=200, national=200)
# Meetings of province A: everyone of A and national staff; another province's is a 404.
SEE_MEETINGS_A = signed_in(200, officer_b=404)
SEE_MEETINGS_B = signed_in(404, officer_b=200, national=200)
# Recording a meeting of province A: its officer and national staff; others of A 403.
RECORD_A = signed_in(403, officer_a=200, officer_b=404, national=200)
RECORD_B = SEE_MEETINGS_B


def _code(key: str):
    return lambda w: {"code": w[key].province.code}


def _pk(key: str):
    return lambda w: {"pk": w[key].pk}


def _history(label: str, key: str):
    return lambda w: {"label": label, "pk": w[key].pk}


CASES: list[Case] = [
    Case("network:index", answers(200)),
    Case("network:network", answers(200), _code("network_a")),
    Case("network:network", answers(200), _code("network_b"), note="province B"),
    Case("network:member", answers(200), _pk("source_a")),
    Case("network:member", answers(200), _pk("source_b"), note="province B"),
    Case("network:sources", answers(200)),
    Case("network:source_add", signed_in(403, officer_a=200, officer_b=200, national=200)),
    Case("network:source_edit", CHANGE_A, _pk("source_a")),
    Case("network:source_edit", CHANGE_B, _pk("source_b"), note="province B"),
    Case("network:network_edit", CHANGE_A, _code("network_a")),
    Case("network:network_edit", CHANGE_B, _code("network_b"), note="province B"),
    Case("network:term_add", CHANGE_A, _code("network_a")),
    Case("network:term_add", CHANGE_B, _code("network_b"), note="province B"),
    Case("network:seat_add", CHANGE_A, _pk("term_a")),
    Case("network:seat_add", CHANGE_B, _pk("term_b"), note="province B"),
    Case("network:meetings", SEE_MEETINGS_A, _code("network_a")),
    Case("network:meetings", SEE_MEETINGS_B, _code("network_b"), note="province B"),
    Case("network:meeting_add", RECORD_A, _code("network_a")),
    Case("network:meeting_add", RECORD_B, _code("network_b"), note="province B"),
    Case("network:meeting", SEE_MEETINGS_A, _pk("meeting_a")),
    Case("network:meeting", SEE_MEETINGS_B, _pk("meeting_b"), note="province B"),
    Case("network:meeting_edit", RECORD_A, _pk("meeting_a")),
    Case("network:meeting_edit", RECORD_B, _pk("meeting_b"), note="province B"),
    Case("network:minutes", signed_in(405), _pk("meeting_a"), note="POST only"),
    Case("network:minutes", signed_in(405), _pk("meeting_b"), note="POST only, province B"),
    Case(
        "accounts:history",
        signed_in(200),
        _history("network.network", "network_a"),
        note="network A",
    ),
    Case(
        "accounts:history",
        signed_in(200),
        _history("network.network", "network_b"),
        note="network B",
    ),
    Case(
        "accounts:history",
        signed_in(200),
        _history("network.knowledgesource", "source_b"),
        note="knowledge source B",
    ),
    Case(
        "accounts:history",
        SEE_MEETINGS_A,
        _history("network.meeting", "meeting_a"),
        note="meeting A",
    ),
    Case(
        "accounts:history",
        SEE_MEETINGS_B,
        _history("network.meeting", "meeting_b"),
        note="meeting B",
    ),
]
