"""Fixtures of the contest page tests: a Chiang Mai contest on the default rubric, open for
scoring, with two entries (product_a and a second product) and two judges (judge_a, judge_2).
Imported by tests/contests/test_pages.py (tests/contests/conftest.py is the engine's)."""

import pytest

from kbo.accounts.models import Role
from tests.conftest import make_user


@pytest.fixture(name="open_contest")
def open_contest_fixture(people, registry, geo):
    from kbo.contests import services
    from kbo.contests.models import Contest
    from kbo.registry.models import Product

    officer = people["officer_a"]
    contest = services.contest_create(
        by=officer,
        contest=Contest(
            kind=Contest.Kind.PROVINCIAL,
            level=Contest.Level.PROVINCE,
            name="ประกวดผลิตภัณฑ์ KBO จังหวัดเชียงใหม่ 2565",
            fiscal_year=2565,
            province=geo["50"],
            venue="ศูนย์ประชุมนานาชาติเชียงใหม่",
        ),
    )
    panel = contest.panels.get()
    second = Product.objects.create(
        code="500002",
        producer=registry["producer_a"],
        province=geo["50"],
        name="ร่มบ่อสร้าง",
        category="DECORATION",
    )
    entries = [
        services.entry_add(by=officer, contest=contest, panel=panel, product=product)
        for product in (registry["product_a"], second)
    ]
    judge_2 = make_user("judge_2", Role.JUDGE, geo["50"], first_name="วิไล", last_name="ใจงาม")
    for judge in (people["judge_a"], judge_2):
        services.judge_assign(by=officer, contest=contest, judge=judge)
    services.open_scoring(by=officer, contest=contest)
    return {
        "contest": contest,
        "panel": panel,
        "entries": entries,
        "judges": [people["judge_a"], judge_2],
        "criteria": list(contest.criteria.order_by("order")),
    }


def full_sheet(criteria, value, comment: str = "") -> dict:
    """The POST data of a score sheet with `value` on every criterion."""
    data = {f"score_{c.pk}": str(value) for c in criteria}
    data |= {f"comment_{c.pk}": comment for c in criteria}
    return data
