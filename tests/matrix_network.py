"""Permission-matrix rows for the KBO network's web pages (see tests/test_permissions.py).

`world` includes the `kbo_network` fixture's objects (tests/conftest.py): network_a/b,
term_a/b, source_a/b, chair_seat_a/b, member_seat_a/b, meeting_a/b (A: Chiang Mai, B: Mae
Hong Son). Networks, committees and knowledge sources are public; meetings are private to
their province.
"""

from tests.permission_cases import Case

CASES: list[Case] = []
