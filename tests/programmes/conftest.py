"""Fixtures for the development pages and services: a project in each province with a
selected product that has an analysis, a need, a plan item with evidence and a prototype."""

import pytest

from tests.matrix_plans import develop


def make_project(province, year: int, name: str = ""):
    from kbo.programmes.models import Activity, Criteria, Project

    project = Project.objects.create(
        province=province, fiscal_year=year, name=name or f"โครงการ KBO {year}"
    )
    Criteria.objects.create(project=project, **Criteria.defaults())
    for kind in Activity.Kind.values:
        Activity.objects.create(project=project, kind=kind)
    return project


@pytest.fixture
def plans_world(people, registry, kbo_network, geo):
    """project_a (Chiang Mai, 2565) and project_b (Mae Hong Son, 2565), each with its
    product developed (`a` and `b`: decision, analysis, need, item, evidence, prototype,
    version)."""
    made = {**registry, **kbo_network}
    for key, code in (("a", "50"), ("b", "58")):
        project = make_project(geo[code], 2565, f"โครงการ KBO {key}")
        made[f"project_{key}"] = project
        made[key] = develop(project, registry[f"product_{key}"], people["national"])
    return made
