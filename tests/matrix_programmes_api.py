"""Permission-matrix rows for programmes api (see tests/test_permissions.py)."""

from tests.permission_cases import Case

CASES: list[Case] = []


def world(made: dict) -> dict:
    """Objects the rows above need, given the shared world `made` (projects_ab(), registry, network...)."""
    return {}
