"""Permission-matrix rows for the KBO network's API routes (see tests/test_permissions.py)."""

from tests.permission_cases import Case

CASES: list[Case] = []
