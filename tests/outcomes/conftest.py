"""A small cohort: Chiang Mai's fiscal 2562 project with three selected products and one
not selected, and Mae Hong Son's 2562 project with one selected product."""

import datetime as dt
from decimal import Decimal

import pytest

from kbo.programmes.models import Decision, Project
from kbo.registry.models import (
    Certificate,
    Product,
    Sale,
    SegmentAssessment,
    StarRating,
    StarRound,
)


def product(producer, code: str, name: str, category: str) -> Product:
    return Product.objects.create(
        code=code,
        producer=producer,
        province=producer.province,
        name=name,
        category=category,
    )


def sale(item: Product, year: int, amount: int, channel: str = "TOTAL") -> Sale:
    return Sale.objects.create(
        product=item, fiscal_year=year, channel=channel, amount=Decimal(amount)
    )


@pytest.fixture
def cohort(registry):
    producer_a, producer_b = registry["producer_a"], registry["producer_b"]
    a = Project.objects.create(province=producer_a.province, fiscal_year=2562, name="KBO 2562")
    b = Project.objects.create(province=producer_b.province, fiscal_year=2562, name="KBO 2562")
    weave = product(producer_a, "50T1", "ผ้าซิ่นตีนจก", "TEXTILE")
    lamp = product(producer_a, "50H1", "โคมไฟไม้ไผ่", "HOUSEHOLD")
    tea = product(producer_a, "50B1", "ชาใบหม่อน", "BEVERAGE")
    other = product(producer_a, "50H2", "ตะกร้าหวาย", "HOUSEHOLD")
    wool = product(producer_b, "58T1", "ผ้าทอขนแกะ", "TEXTILE")
    for item in (weave, lamp, tea):
        Decision.objects.create(project=a, product=item, status="SELECTED")
    Decision.objects.create(project=a, product=other, status="NOT_SELECTED")
    Decision.objects.create(project=b, product=wool, status="SELECTED")
    # Weave: 2561 total 40,000; 2562 by channel 30,000 + 20,000.
    sale(weave, 2561, 40_000)
    sale(weave, 2562, 30_000, "SHOP")
    sale(weave, 2562, 20_000, "ONLINE")
    # Lamp: fell from 25,000 to 20,000. Tea: only the project year is known.
    sale(lamp, 2561, 25_000)
    sale(lamp, 2562, 20_000, "FAIR")
    sale(tea, 2562, 12_500)
    sale(other, 2562, 1_000_000)  # not selected: never counted
    sale(wool, 2561, 10_000)
    sale(wool, 2562, 70_000)
    old, _ = StarRound.objects.get_or_create(year=2559)
    new, _ = StarRound.objects.get_or_create(year=2562)
    StarRating.objects.create(product=weave, round=old, stars=2)
    StarRating.objects.create(product=weave, round=new, stars=3)
    StarRating.objects.create(product=lamp, round=old, stars=3)
    StarRating.objects.create(product=lamp, round=new, stars=3)
    SegmentAssessment.objects.create(product=lamp, year=2560, segment="D")
    SegmentAssessment.objects.create(product=lamp, year=2563, segment="C")
    Certificate.objects.create(product=tea, kind="FDA", issued_on=dt.date(2019, 3, 1))
    Certificate.objects.create(product=weave, kind="MOPHOCHO", issued_on=dt.date(2017, 1, 1))
    Certificate.objects.create(product=weave, kind="MOPHOCHO", issued_on=dt.date(2019, 5, 1))
    return {
        "project_a": a,
        "project_b": b,
        "weave": weave,
        "lamp": lamp,
        "tea": tea,
        "other": other,
        "wool": wool,
    }
