"""Two officers editing the same producer or product from the same starting point: the first
save wins, the second is told who changed it and when, keeps what they typed, and nothing is
overwritten; the API answers 409 to a stale `version` and saves as before without one."""

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from kbo.registry.models import Producer, Product
from tests.core.test_locking import STALE_TH, opened, run_together


def _race(client_for, url: str, first_change: dict, second_change: dict):
    first, second = client_for("officer_a"), client_for("national")
    mine, theirs = opened(first, url), opened(second, url)
    assert mine["version"] == theirs["version"] == "1"
    assert first.post(url, {**mine, **first_change}).status_code == 302
    return second.post(url, {**theirs, **second_change})


def test_the_second_producer_edit_is_refused_and_keeps_their_values(client_for, people, registry):
    producer = registry["producer_a"]
    url = reverse("registry:producer_edit", args=[producer.pk])
    response = _race(
        client_for,
        url,
        {"name": "กลุ่มทอผ้าศรีภูมิ (ใหม่)"},
        {"name": "กลุ่มทอผ้าบ้านศรีภูมิ สาขา 2", "member_count": "31"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert STALE_TH in html and "สมชาย" in html
    form = response.context["form"]
    assert form["name"].value() == "กลุ่มทอผ้าบ้านศรีภูมิ สาขา 2"
    assert form["member_count"].value() == "31"
    assert "ค่าที่บันทึกไว้ล่าสุด: กลุ่มทอผ้าศรีภูมิ (ใหม่)" in html
    assert form["version"].value() == "2"
    producer.refresh_from_db()
    assert (producer.name, producer.version) == ("กลุ่มทอผ้าศรีภูมิ (ใหม่)", 2)
    assert producer.member_count != 31
    entry = LogEntry.objects.get_for_object(producer).order_by("-timestamp", "-pk").first()
    assert entry.actor == people["officer_a"] and "name" in entry.changes_dict


def test_the_second_product_edit_is_refused_and_keeps_their_values(client_for, registry):
    product = registry["product_a"]
    url = reverse("registry:product_edit", args=[product.pk])
    response = _race(client_for, url, {"price": "450"}, {"price": "520", "unit": "ผืน (ใหญ่)"})
    assert response.status_code == 409
    html = response.content.decode()
    assert STALE_TH in html
    form = response.context["form"]
    assert form["price"].value() == "520" and form["unit"].value() == "ผืน (ใหญ่)"
    assert "ค่าที่บันทึกไว้ล่าสุด: 450.00" in html
    unit = product.unit
    product.refresh_from_db()
    assert (str(product.price), product.unit, product.version) == ("450.00", unit, 2)


def test_a_single_edit_saves_and_counts_the_version(client_for, registry):
    product = registry["product_a"]
    url = reverse("registry:product_edit", args=[product.pk])
    client = client_for("officer_a")
    assert client.post(url, {**opened(client, url), "brand": "ใหม่"}).status_code == 302
    product.refresh_from_db()
    assert (product.brand, product.version) == ("ใหม่", 2)


def _api(people, persona: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(people[persona])
    return client


def test_the_api_answers_409_to_a_stale_version_and_saves_without_one(people, registry):
    producer = registry["producer_a"]
    url = f"/api/v1/producers/{producer.pk}/"
    read = _api(people, "national").get(url).json()
    assert read["version"] == 1
    first = _api(people, "officer_a").patch(url, {"member_count": 40, "version": 1}, "json")
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = _api(people, "national").patch(url, {"member_count": 41, "version": 1}, "json")
    assert stale.status_code == 409
    assert stale.json()["version"] == 2 and STALE_TH in stale.json()["detail"]
    producer.refresh_from_db()
    assert (producer.member_count, producer.version) == (40, 2)
    unchecked = _api(people, "national").patch(url, {"member_count": 42}, "json")
    assert unchecked.status_code == 200 and unchecked.json()["version"] == 3

    product_url = f"/api/v1/products/{registry['product_a'].pk}/"
    assert (
        _api(people, "officer_a")
        .patch(product_url, {"unit": "ชิ้น", "version": 7}, "json")
        .status_code
        == 409
    )


@pytest.mark.django_db(transaction=True)
def test_two_officers_saving_at_the_same_moment_one_wins(people, registry):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's in-memory test database takes one writer at a time")
    product = registry["product_a"]
    url = reverse("registry:product_edit", args=[product.pk])

    def save_as(persona, unit):
        client = Client()
        client.force_login(people[persona])
        data = opened(client, url)

        def job():
            return client.post(url, {**data, "unit": unit}).status_code, unit

        return job

    results, errors = run_together([save_as("officer_a", "ห่อ"), save_as("national", "กล่อง")])
    assert errors == []
    assert sorted(status for status, _unit in results) == [302, 409]
    winner = next(unit for status, unit in results if status == 302)
    product = Product.objects.get(pk=product.pk)
    assert (product.unit, product.version) == (winner, 2)
    assert Producer.objects.get(pk=product.producer_id).version == 1
