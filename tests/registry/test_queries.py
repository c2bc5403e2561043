"""The lists, the passport and the export run a number of SQL queries that does not grow with
the number of rows: measured on a small registry, then held as the ceiling on a larger one."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kbo.core.models import Job
from kbo.registry.models import (
    Certificate,
    Producer,
    Product,
    ProductPhoto,
    Sale,
    SegmentAssessment,
    StarRating,
    StarRound,
)
from kbo.search import document

# Filters that touch every related table: the stars, segment, certificate and year filters.
FILTERED = {
    "stars": ["0", "3", "4"],
    "segment": ["C", "D"],
    "registered_year_min": "2550",
    "expiring": "",
    "sort": "name",
}


def grow(registry, products: int, start: int = 0) -> None:
    """Province A gets `products` more products, four to a producer."""
    base = registry["producer_a"]
    for n in range(start, start + products):
        if n % 4 == 0 or n == start:
            producer = Producer.objects.create(
                code=f"PQ{n:04d}",
                producer_type="SINGLE_OWNER",
                name=f"ผู้ผลิต {n}",
                registered_year=2555 + n % 8,
                province=base.province,
                district=base.district,
                subdistrict=base.subdistrict,
                search_text=document(f"ผู้ผลิตสินค้า {n}"),
            )
        Product.objects.create(
            code=f"Q{n:05d}",
            producer=producer,
            province=base.province,
            name=f"สินค้าทดสอบ {n}",
            category="FOOD",
            current_stars=n % 6 or None,
            current_segment="CD"[n % 2],
            search_text=document(f"สินค้าทดสอบ {n}"),
        )


def queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["registry:products", "registry:producers"])
@pytest.mark.parametrize("params", [{}, FILTERED, {"q": "สินค้า"}], ids=["plain", "filtered", "q"])
def test_a_list_runs_the_same_queries_for_5_or_60_products(
    client_for, registry, django_assert_max_num_queries, name, params
):
    client, url = client_for("officer_a"), reverse(name)
    grow(registry, 5)
    small = queries(client, url, params)
    grow(registry, 55, start=5)
    with django_assert_max_num_queries(small):
        response = client.get(url, params)
    assert response.context["page"].paginator.count > 5


def test_the_list_queries_stay_few(client_for, registry, django_assert_max_num_queries):
    grow(registry, 60)
    client = client_for("officer_a")
    with django_assert_max_num_queries(8):  # session, user, roles, count, 2 choices, rows
        client.get(reverse("registry:products"), FILTERED)


def enrich(product, n: int) -> None:
    """`n` ratings, segments, certificates, sales and photos for the product."""
    for i in range(n):
        year = 2540 + i * 2
        StarRating.objects.create(
            product=product,
            round=StarRound.objects.get_or_create(year=year)[0],
            stars=1 + i % 5,
        )
        SegmentAssessment.objects.create(product=product, year=year, segment="ABCD"[i % 4])
        Certificate.objects.create(
            product=product,
            kind="GMP",
            number=f"G-{i}",
            issued_on=dt.date(2020, 1, 1),
            expires_on=dt.date(2020 + i, 1, 2),
        )
        Sale.objects.create(product=product, fiscal_year=year, amount=Decimal(1000 * (i + 1)))
        ProductPhoto.objects.create(product=product, image=f"products/{i}.jpg")


@pytest.mark.parametrize("persona", ["officer_a", "committee_a", "producer_a"])
def test_the_passport_runs_the_same_queries_for_1_or_10_of_everything(
    client_for, registry, django_assert_max_num_queries, persona
):
    # Two products of province A: one with one entry of each history, one with ten.
    small = registry["product_a"]
    ProductPhoto.objects.create(product=small, image="products/one.jpg")
    large = Product.objects.create(
        code="500999",
        producer=small.producer,
        province=small.province,
        name="สินค้าประวัติยาว",
        category="FOOD",
    )
    enrich(large, 10)
    client = client_for(persona)
    few = queries(client, reverse("registry:product", args=[small.pk]))
    with django_assert_max_num_queries(few):
        response = client.get(reverse("registry:product", args=[large.pk]))
    assert len(response.context["sections"][0]["data"]["ratings"]) == 10


def test_the_producer_page_runs_the_same_queries_for_1_or_20_products(
    client_for, registry, django_assert_max_num_queries
):
    producer = registry["producer_a"]
    client, url = client_for("committee_a"), reverse("registry:producer", args=[producer.pk])
    few = queries(client, url)
    for n in range(20):
        Product.objects.create(
            code=f"R{n:03d}", producer=producer, province=producer.province, name=f"x{n}"
        )
    with django_assert_max_num_queries(few):
        client.get(url)


def test_an_export_runs_the_same_queries_for_5_or_60_products(
    client_for, registry, django_assert_max_num_queries
):
    client, url = client_for("officer_a"), reverse("registry:producers")
    grow(registry, 5)
    small = queries_export(client, url)
    Job.objects.all().delete()
    grow(registry, 55, start=5)
    with django_assert_max_num_queries(small):
        client.get(url, {"export": "csv", **FILTERED})


def queries_export(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url, {"export": "csv", **FILTERED})
    return len(captured)


def test_a_list_beyond_the_counting_cap_says_so(client_for, registry, monkeypatch):
    from kbo.core.paging import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 1)
    html = client_for("national").get("/registry/products/").content.decode()
    assert "More than 1 products match" in html or "มากกว่า" in html
