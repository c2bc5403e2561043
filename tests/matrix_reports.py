"""Permission-matrix rows for the reports pages (see tests/test_permissions.py).

Officers make the reports of their own provinces and national staff of any province or the
national summary; committee members, judges and producers may not (403). Another province
answers 404 on POST (tests/reports/test_pages.py); the file downloads from the job's page,
to the job's owner only (core:job_download).
"""

from tests.permission_cases import Case, answers, signed_in  # noqa: F401

CASES: list[Case] = [
    Case("reports:index", signed_in(403, officer_a=200, officer_b=200, national=200)),
]


def world(made: dict) -> dict:
    return {}
