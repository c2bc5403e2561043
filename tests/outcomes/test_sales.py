"""Recording sales: the producer on a phone, the officer, and who may not."""

from decimal import Decimal

from auditlog.models import LogEntry
from django.urls import reverse

from kbo.outcomes.sales import current_fiscal_year
from kbo.registry.models import Sale


def _url(product) -> str:
    return reverse("outcomes:product_sales", args=[product.pk])


def _rows(product, year):
    return dict(
        Sale.objects.filter(product=product, fiscal_year=year).values_list("channel", "amount")
    )


def test_the_producer_reports_a_year_by_channel(registry, client_for, people):
    product, year = registry["product_a"], current_fiscal_year()
    client = client_for("producer_a")
    assert b'data-testid="sales-form"' in client.get(_url(product)).content
    answer = client.post(
        _url(product), {"fiscal_year": year, "SHOP": "12000", "ONLINE": "3500.50", "FAIR": ""}
    )
    assert answer.status_code == 302
    assert _rows(product, year) == {"SHOP": Decimal("12000"), "ONLINE": Decimal("3500.50")}
    sale = Sale.objects.get(product=product, fiscal_year=year, channel="SHOP")
    assert sale.recorded_by == people["producer_a"]
    entry = LogEntry.objects.get_for_object(sale).get()
    assert entry.actor == people["producer_a"]
    page = client.get(_url(product)).content.decode()
    assert "15,500.50" in page  # the year's revenue is the sum of its channels


def test_saving_a_year_stores_exactly_the_form(registry, client_for):
    product, year = registry["product_a"], current_fiscal_year()
    client = client_for("officer_a")
    client.post(_url(product), {"fiscal_year": year, "SHOP": "1000", "EXPORT": "500"})
    client.post(_url(product), {"fiscal_year": year, "TOTAL": "2000"})
    assert _rows(product, year) == {"TOTAL": Decimal("2000")}
    client.post(_url(product), {"fiscal_year": year, "FAIR": "700", "TOTAL": "9999"})
    assert _rows(product, year) == {"FAIR": Decimal("700"), "TOTAL": Decimal("9999")}
    assert LogEntry.objects.filter(action=LogEntry.Action.DELETE).count() == 2
    page = client.get(_url(product)).content.decode()
    assert "9,999" in page  # the total counts when given


def test_a_total_below_its_channels_is_refused(registry, client_for):
    product, year = registry["product_a"], current_fiscal_year()
    answer = client_for("officer_a").post(
        _url(product), {"fiscal_year": year, "SHOP": "1000", "TOTAL": "900"}
    )
    assert answer.status_code == 200 and "TOTAL" in answer.context["form"].errors
    assert _rows(product, year) == {}


def test_bad_amounts_are_refused_and_nothing_changes(registry, client_for):
    product, year = registry["product_a"], current_fiscal_year()
    client = client_for("producer_a")
    client.post(_url(product), {"fiscal_year": year, "SHOP": "5000"})
    for data in (
        {"fiscal_year": year, "SHOP": "-1"},
        {"fiscal_year": year, "SHOP": "ห้าพัน"},
        {"fiscal_year": year},
        {"fiscal_year": "1999", "SHOP": "10"},
    ):
        answer = client.post(_url(product), data)
        assert answer.status_code == 200
        assert answer.context["form"].errors
    assert _rows(product, year) == {"SHOP": Decimal("5000")}
    assert not Sale.objects.filter(product=product, fiscal_year=1999).exists()


def test_who_may_record(registry, client_for):
    product, year = registry["product_a"], current_fiscal_year()
    data = {"fiscal_year": year, "SHOP": "100"}
    for persona in ("committee_a", "judge_a"):
        client = client_for(persona)
        assert b'data-testid="sales-form"' not in client.get(_url(product)).content
        assert client.post(_url(product), data).status_code == 403
    for persona in ("officer_b", "producer_b"):
        assert client_for(persona).post(_url(product), data).status_code == 404
    assert client_for("national").post(_url(product), data).status_code == 302
    assert _rows(product, year) == {"SHOP": Decimal("100")}


def test_my_sales_lists_only_my_products(registry, client_for):
    page = client_for("producer_a").get(reverse("outcomes:mine")).content.decode()
    assert registry["product_a"].code in page and registry["product_b"].code not in page
    other = client_for("producer_b").get(reverse("outcomes:mine")).content.decode()
    assert registry["product_a"].code not in other
