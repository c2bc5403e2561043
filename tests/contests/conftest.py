"""A Chiang Mai provincial contest on the default rubric, open for scoring: one panel,
5 judges (J1 = people["judge_a"], J2..J5 created here) and 8 product entries (numbers
1..8), with one declared conflict (J1 on entry 2) and one detected one (J2 works for the
producer of entry 3)."""

import pytest

from kbo.accounts.models import Role
from tests.conftest import make_user


def make_product(province, n: int, name: str = ""):
    from kbo.geo.models import Subdistrict
    from kbo.registry.models import Producer, Product

    sub = Subdistrict.objects.filter(province=province).first()
    producer = Producer.objects.create(
        code=f"PC{province.code}{n:03}",
        producer_type="COMMUNITY_GROUP",
        name=f"กลุ่มผู้ผลิตที่ {n} {province.name_th}",
        registered_year=2560,
        province=province,
        district=sub.district,
        subdistrict=sub,
    )
    return Product.objects.create(
        code=f"C{province.code}{n:04}",
        producer=producer,
        province=province,
        name=name or f"ผลิตภัณฑ์ที่ {n}",
        category="FOOD",
    )


def scores_of(contest, value, **by_order):
    """{criterion id: (value, "")} with the same value on every criterion, except those
    given by order (o1 = identity, o4 = price, o5 = usefulness, ...)."""
    return {
        c.pk: (by_order.get(f"o{c.order}", value), "") for c in contest.criteria.order_by("order")
    }


@pytest.fixture
def contest_world(people, geo):
    from kbo.contests import services
    from kbo.contests.models import Contest

    officer = people["officer_a"]
    contest = services.contest_create(
        by=officer,
        contest=Contest(
            kind=Contest.Kind.PROVINCIAL,
            level=Contest.Level.PROVINCE,
            name="ประกวดผลิตภัณฑ์ KBO จังหวัดเชียงใหม่",
            fiscal_year=2565,
            province=geo["50"],
        ),
    )
    panel = contest.panels.get()
    judges = [people["judge_a"]] + [
        make_user(f"judge_{i}", Role.JUDGE, geo["50"]) for i in range(2, 6)
    ]
    entries = [
        services.entry_add(
            by=officer, contest=contest, panel=panel, product=make_product(geo["50"], n)
        )
        for n in range(1, 9)
    ]
    for i, judge in enumerate(judges, 1):
        organisation = ""
        if i == 2:  # works for entry 3's producer (spaced differently)
            organisation = " ".join(entries[2].product.producer.name.split()) + "  "
            organisation = organisation.replace(" ", "  ")
        services.judge_assign(by=officer, contest=contest, judge=judge, organisation=organisation)
    services.open_scoring(by=officer, contest=contest)
    services.conflict_declare(by=judges[0], entry=entries[1], reason="ญาติของผู้ผลิต")
    return {
        "contest": contest,
        "panel": panel,
        "judges": judges,
        "entries": entries,
        "officer": officer,
    }
