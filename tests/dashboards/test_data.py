"""The dashboards' SQL aggregates agree with kbo.outcomes.measures, in a fixed query count."""

from collections import defaultdict
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kbo.dashboards import tilemap
from kbo.dashboards.data import revenue_by
from kbo.geo.models import Province
from kbo.outcomes import measures
from kbo.programmes.models import Decision, PlanItem
from kbo.registry.models import Sale
from tests.dashboards.conftest import product, sale


def test_revenue_by_year_follows_the_rule_of_the_outcomes(dash):
    sale(dash["lamp"], 2562, 5_000, "ONLINE")  # a breakdown beside an "all channels" row
    sale(dash["tea"], 2562, 7_000, "SHOP")  # a breakdown alone
    per_product = measures.revenue_of(Sale.objects.all())
    expected: dict[tuple, Decimal] = defaultdict(Decimal)
    for (_pid, year), amount in per_product.items():
        expected[(year,)] += amount
    assert revenue_by(Sale.objects.all(), "fiscal_year") == dict(expected)
    assert revenue_by(Sale.objects.all(), "fiscal_year")[(2563,)] == Decimal(147_500)


def test_the_tile_map_places_every_province_once():
    assert len(tilemap.GRID) == 77
    assert len(set(tilemap.GRID.values())) == 77  # no two provinces on one square
    assert all(len(code) == 2 and code.isdigit() for code in tilemap.GRID)


def test_map_shades_scale_with_the_value():
    tiles = {t.code: t for t in tilemap.tiles({"50": 100, "58": 10, "10": None}, {})}
    assert tiles["50"].fill == tilemap.SHADES[-1] and tiles["50"].dark
    assert tiles["58"].fill == tilemap.SHADES[0]
    assert tiles["10"].fill == tilemap.NO_DATA


def _more(dash, n: int) -> None:
    """n more products in each province, with sales, selected and planned."""
    for key, project in (("producer_a", dash["a"]), ("producer_b", dash["b"])):
        producer = dash[key]
        for i in range(n):
            item = product(producer, f"{producer.province.code}X{i}", "FOOD", i % 6, "BCD"[i % 3])
            sale(item, 2562, 1_000 + i)
            sale(item, 2563, 2_000 + i, "SHOP")
            decision = Decision.objects.create(project=project, product=item, status="SELECTED")
            PlanItem.objects.create(decision=decision, area="PRICE", action="-", status="DONE")


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_rows(
    dash, client_for, django_assert_max_num_queries
):
    national, officer = client_for("national"), client_for("officer_a")
    national_url = reverse("dashboards:index")
    province_url = reverse("dashboards:province", kwargs={"code": "50"})
    cases = [
        (client, url + query)
        for client, url in ((national, national_url), (officer, province_url))
        for query in ("", "?panel=revenue&format=html", "?panel=map&format=html&measure=revenue")
    ]
    small = [_count(client, url) for client, url in cases]
    assert small[0] <= 40
    _more(dash, 40)
    for (client, url), count in zip(cases, small, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200
    assert Province.objects.count() == 2
