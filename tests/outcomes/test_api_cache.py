"""The national outcomes API is cached under the data versions: a sale saved through the
app shows in the next answer; a provincial officer's answer is never the national one."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient

from kbo.accounts.models import User
from kbo.registry.models import Sale


@pytest.fixture
def figures_cache(settings):
    pending, connection.run_on_commit = connection.run_on_commit, []
    for _savepoints, callback, _robust in pending:
        callback()  # the fixtures' data counts as committed
    settings.KBO_FIGURES_CACHE = True
    cache.clear()
    yield
    cache.clear()


def answer(username: str, **params) -> dict:
    client = APIClient()
    client.force_authenticate(User.objects.get(username=username))
    response = client.get(reverse("api:outcomes-list"), {"fiscal_year": 2562, **params})
    assert response.status_code == 200
    return response.json()


def revenue(body: dict) -> str:
    return {k["code"]: k for k in body["kpis"]}["revenue-total"]["value"]


def test_a_new_sale_shows_in_the_next_national_answer(
    cohort, figures_cache, django_capture_on_commit_callbacks
):
    before = answer("national")
    assert revenue(before) == "152500"  # 82,500 in Chiang Mai + 70,000 in Mae Hong Son
    assert answer("national") == before  # served from the cache
    with django_capture_on_commit_callbacks(execute=True):
        Sale.objects.create(
            product=cohort["weave"], fiscal_year=2562, channel="EXPORT", amount=Decimal(10_000)
        )
    assert revenue(answer("national")) == "162500"


def test_an_officer_never_gets_the_national_answer(cohort, figures_cache):
    national = answer("national")
    assert {p["code"] for p in national["products"]} == {"50T1", "50H1", "50B1", "58T1"}
    mine = answer("officer_a")
    assert {p["code"] for p in mine["products"]} == {"50T1", "50H1", "50B1"}
    assert answer("national") == national
