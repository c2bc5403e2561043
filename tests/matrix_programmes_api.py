"""Permission-matrix rows for the yearly projects' API routes (see tests/test_permissions.py).

Projects, their candidates and participants, plans and trainings are for officers and
committee members of the province and national staff: a judge or a producer gets 403, and
another province's row answers 404 (A: Chiang Mai, B: Mae Hong Son).
"""

import datetime as dt

from tests.permission_cases import Case, api_signed_in

ROLES = dict(judge_a=403, producer_a=403)
SEE_A = api_signed_in(200, officer_b=404, **ROLES)
SEE_B = api_signed_in(404, officer_b=200, national=200, **ROLES)
LIST = api_signed_in(200, **ROLES)


def rows(name: str, key: str) -> list[Case]:
    return [
        Case(name, SEE_A, lambda w: {"pk": w[f"{key}_a"].pk}),
        Case(name, SEE_B, lambda w: {"pk": w[f"{key}_b"].pk}, note="province B"),
    ]


CASES: list[Case] = [
    Case("api:project-list", LIST),
    *rows("api:project-detail", "project"),
    *rows("api:project-candidates", "project"),
    *rows("api:project-participants", "project"),
    Case("api:plan-list", LIST),
    *rows("api:plan-detail", "api_decision"),
    Case("api:training-list", LIST),
    *rows("api:training-detail", "api_training"),
]


def world(made: dict) -> dict:
    """A SELECTED decision (product in a project) and a training in each province."""
    from kbo.programmes.models import Decision
    from kbo.trainings.models import Training

    found = {}
    for key in ("a", "b"):
        project = made[f"project_{key}"]
        found[f"api_decision_{key}"], _ = Decision.objects.get_or_create(
            project=project, product=made[f"product_{key}"], defaults={"status": "SELECTED"}
        )
        found[f"api_training_{key}"] = Training.objects.create(
            project=project,
            title=f"หลักสูตรพัฒนาผลิตภัณฑ์ {key}",
            starts_on=dt.date(2022, 1, 10),
            ends_on=dt.date(2022, 1, 14),
        )
    return found
