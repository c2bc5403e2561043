"""A hand-counted world for the dashboards, on top of the shared `registry` fixture.

Chiang Mai (50, province A): four products (the registry's 3★ D textile, a 2★ C textile
"weave", a not-rated "lamp", a 5★ A beverage "tea" of a producer registered in 2562), the
fiscal 2562 and 2563 projects; the 2563 project selects weave and lamp (tea not selected).
Mae Hong Son (58, province B): the registry's textile and a 4★ B food "wool", selected in its
2563 project. Revenue (rule: the "all channels" row when recorded, else the channel rows):

    weave  2562: 40,000          2563: 45,000 in all (beside 30,000 + 20,000 by channel)
    lamp   2562: 25,000          2563: 20,000 (fair)
    tea                          2563: 12,500
    wool   2562: 10,000          2563: 70,000
"""

import datetime as dt
from decimal import Decimal

import pytest

from kbo.outcomes.models import Kpi
from kbo.programmes.models import Activity, Decision, PlanItem, Project
from kbo.registry.models import Producer, Product, Sale


def product(producer, code: str, category: str, stars=None, segment="") -> Product:
    return Product.objects.create(
        code=code,
        producer=producer,
        province=producer.province,
        name=f"ผลิตภัณฑ์ {code}",
        category=category,
        current_stars=stars,
        current_segment=segment,
    )


def sale(item: Product, year: int, amount: int, channel: str = "TOTAL") -> Sale:
    return Sale.objects.create(
        product=item, fiscal_year=year, channel=channel, amount=Decimal(amount)
    )


@pytest.fixture
def dash(registry):
    producer_a, producer_b = registry["producer_a"], registry["producer_b"]
    later = Producer.objects.create(
        code="P50002",
        producer_type="SINGLE_OWNER",
        name="ร้านชาดอยสะเก็ด",
        registered_year=2562,
        province=producer_a.province,
        district=producer_a.district,
        subdistrict=producer_a.subdistrict,
    )
    weave = product(producer_a, "50T1", "TEXTILE", 2, "C")
    lamp = product(producer_a, "50H1", "HOUSEHOLD")
    tea = product(later, "50B1", "BEVERAGE", 5, "A")
    wool = product(producer_b, "58F1", "FOOD", 4, "B")
    Project.objects.create(province=producer_a.province, fiscal_year=2562, name="KBO 2562")
    a = Project.objects.create(
        province=producer_a.province, fiscal_year=2563, name="KBO 2563", target_products=20
    )
    b = Project.objects.create(
        province=producer_b.province, fiscal_year=2563, name="KBO 2563", target_products=25
    )
    chosen = {
        "weave": Decision.objects.create(project=a, product=weave, status="SELECTED"),
        "lamp": Decision.objects.create(project=a, product=lamp, status="SELECTED"),
        "wool": Decision.objects.create(project=b, product=wool, status="SELECTED"),
    }
    Decision.objects.create(project=a, product=tea, status="NOT_SELECTED")
    for status in ("PLANNED", "PLANNED", "DONE"):
        PlanItem.objects.create(
            decision=chosen["weave"], area="PACKAGING", action="x", status=status
        )
    PlanItem.objects.create(decision=chosen["lamp"], area="PACKAGING", action="y", status="DONE")
    PlanItem.objects.create(
        decision=chosen["wool"], area="PACKAGING", action="z", status="UNDERWAY"
    )
    Activity.objects.create(
        project=a,
        kind="CAPACITY",
        status="DONE",
        budget=Decimal(50_000),
        starts_on=dt.date(2019, 11, 1),
    )
    Activity.objects.create(project=a, kind="DEVELOPMENT", status="UNDERWAY")
    Activity.objects.create(project=b, kind="CONTEST", status="PLANNED")
    sale(weave, 2562, 40_000)
    sale(weave, 2563, 30_000, "SHOP")
    sale(weave, 2563, 20_000, "ONLINE")
    sale(weave, 2563, 45_000, "TOTAL")
    sale(lamp, 2562, 25_000)
    sale(lamp, 2563, 20_000, "FAIR")
    sale(tea, 2563, 12_500)
    sale(wool, 2562, 10_000)
    sale(wool, 2563, 70_000)
    Kpi.objects.update_or_create(
        code="dash-developed",
        defaults={"name": "ผลิตภัณฑ์ที่พัฒนา", "measure": "PRODUCTS_DEVELOPED", "target": 2},
    )
    Kpi.objects.update_or_create(
        code="dash-rose",
        defaults={"name": "ร้อยละรายได้เพิ่ม", "measure": "REVENUE_ROSE_SHARE", "target": 60},
    )
    return {**registry, "weave": weave, "lamp": lamp, "tea": tea, "wool": wool, "a": a, "b": b}
