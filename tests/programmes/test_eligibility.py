"""Eligibility and selection: the candidates of a project's criteria, with their reasons,
equal a direct database query for the same rule; decisions are audited and the target holds."""

import pytest
from auditlog.models import LogEntry
from django.db import connection

from kbo.programmes.models import Criteria, Decision, Project
from kbo.programmes.services import (
    TargetExceeded,
    candidate_list,
    candidates,
    criteria_save,
    decision_record,
)
from kbo.registry.models import Product


@pytest.fixture
def products(registry, geo):
    """Six products in Chiang Mai: D/3★, C/2★, A/5★, D/not rated, B/not rated, C/5★."""
    base = registry["product_a"]
    made = {}
    for code, segment, stars, year in [
        ("D3", "D", 3, 2560),
        ("C2", "C", 2, 2562),
        ("A5", "A", 5, 2558),
        ("DN", "D", None, 2566),
        ("BN", "B", None, 2561),
        ("C5", "C", 5, 2563),
    ]:
        producer = base.producer
        if year != producer.registered_year:
            producer.pk, producer.code = None, f"P-{code}"
            producer.registered_year = year
            producer.save()
        made[code] = Product.objects.create(
            code=code,
            producer=producer,
            province=base.province,
            name=f"สินค้า {code}",
            category="FOOD",
            current_segment=segment,
            current_stars=stars,
            current_star_year=2565 if stars else None,
        )
    return made


@pytest.fixture
def project(geo, people):
    project = Project.objects.create(
        province=geo["50"], fiscal_year=2565, name="โครงการ KBO 2565", target_products=2
    )
    criteria = Criteria(project=project, **Criteria.defaults())
    criteria_save(by=people["officer_a"], criteria=criteria)
    return project


def test_group_d_or_one_to_three_stars_is_a_union(project, products):
    codes = {c.product.code for c in candidate_list(project)}
    # product_a of the fixture is D and 3 stars too
    assert codes == {"D3", "C2", "DN", "500001"}


def test_each_candidate_says_why_it_qualifies(project, products):
    found = {c.product.code: c.reasons for c in candidate_list(project)}
    assert found["D3"] == ["segment D", "3 stars (round 2565)"] or found["D3"] == [
        "กลุ่ม D",
        "3 ดาว (รอบ 2565)",
    ]
    assert len(found["C2"]) == 1 and len(found["DN"]) == 1


def test_not_rated_can_be_chosen_and_years_narrow(project, products, people):
    criteria = project.criteria
    criteria.segments, criteria.include_not_rated = [], True
    criteria.registered_from, criteria.registered_to = 2557, 2564
    criteria_save(by=people["officer_a"], criteria=criteria)
    assert {c.product.code for c in candidate_list(project)} == {"D3", "C2", "BN", "500001"}


def test_the_count_equals_a_direct_query_for_the_same_rule(project, products):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM registry_product p WHERE p.province_id = %s AND "
            "(p.current_segment IN ('D') OR (p.current_stars >= 1 AND p.current_stars <= 3))",
            [project.province_id],
        )
        (expected,) = cursor.fetchone()
    assert candidates(project).count() == expected == 4


def test_products_developed_recently_can_be_excluded(project, products, people, geo):
    earlier = Project.objects.create(
        province=geo["50"], fiscal_year=2564, name="2564", target_products=5
    )
    decision_record(
        by=people["officer_a"], project=earlier, product=products["D3"], status="SELECTED"
    )
    criteria = project.criteria
    criteria.continuity = Criteria.Continuity.EXCLUDE
    criteria_save(by=people["officer_a"], criteria=criteria)
    assert "D3" not in {c.product.code for c in candidate_list(project)}
    criteria.continuity = Criteria.Continuity.PREFER
    criteria_save(by=people["officer_a"], criteria=criteria)
    assert candidate_list(project)[0].product.code == "D3"


def test_decisions_are_audited_and_the_target_needs_confirmation(project, products, people):
    officer = people["officer_a"]
    for code in ("D3", "C2"):
        decision_record(
            by=officer, project=project, product=products[code], status="SELECTED", reason="ตรงเกณฑ์"
        )
    with pytest.raises(TargetExceeded):
        decision_record(by=officer, project=project, product=products["DN"], status="SELECTED")
    decision_record(
        by=officer,
        project=project,
        product=products["DN"],
        status="SELECTED",
        confirm_over_target=True,
    )
    assert project.decisions.filter(status=Decision.Status.SELECTED).count() == 3
    decision = project.decisions.get(product=products["D3"])
    assert decision.decided_by == officer and decision.reason == "ตรงเกณฑ์"
    assert LogEntry.objects.get_for_object(decision).exists()


def test_another_provinces_officer_cannot_decide(project, products, people):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        decision_record(
            by=people["officer_b"], project=project, product=products["D3"], status="SELECTED"
        )
