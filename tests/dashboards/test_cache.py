"""The dashboards with the figures cache on: a cached figure is served until its data changes,
a change saved through the app (or an import) shows on the next request, and a scope's
cached panel is never another scope's.

A test's transaction never commits: the fixtures' data counts as committed when the cache is
turned on (its pending on-commit bumps run then), and each change runs inside
`django_capture_on_commit_callbacks(execute=True)`, which runs its on-commit bumps as a
commit would.
"""

import re
from decimal import Decimal

import pytest
from bench.registry_data import HEADER, as_csv
from django.core.cache import cache
from django.db import connection, transaction

from kbo.core import versions
from kbo.programmes.models import Decision
from kbo.registry import services
from kbo.registry.importing import run_import
from kbo.registry.models import Product
from tests.dashboards.test_pages import INDEX, page, rows


@pytest.fixture
def figures_cache(settings):
    """The cache on and empty; the data made so far counts as committed (its bumps run)."""
    pending, connection.run_on_commit = connection.run_on_commit, []
    for _savepoints, callback, _robust in pending:
        callback()
    settings.KBO_FIGURES_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit():` runs the block's on-commit callbacks at its end, as a commit does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def table(client, code: str | None, name: str, **params) -> list[list[str]]:
    """The cells of a panel's table on the page (or in its own request for a lazy panel)."""
    response = client.get(page(code), params)
    assert response.status_code == 200
    html = response.content.decode()
    found = re.search(rf'<table data-testid="table-{name}">.*?<tbody>(.*?)</tbody>', html, re.S)
    assert found, name
    return [
        re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        for row in re.findall(r"<tr>(.*?)</tr>", found.group(1), re.S)
    ]


def categories(client, code: str | None = None) -> list[str]:
    return [cells[1] for cells in table(client, code, "categories")]


def test_a_cached_figure_stays_until_its_data_version_changes(
    dash, client_for, figures_cache, commit
):
    national = client_for("national")
    assert categories(national) == ["1", "1", "3", "1", "0"]
    # Written without the ORM's signals and without a bump: the cache still answers.
    Product.objects.bulk_create([Product(**_product(dash, "58F9", "FOOD"))])
    assert categories(national) == ["1", "1", "3", "1", "0"]
    assert [int(r[1]) for r in rows(national, None, "categories")] == [1, 1, 3, 1, 0]
    with commit():
        versions.bump("registry")
    assert categories(national) == ["2", "1", "3", "1", "0"]
    assert [int(r[1]) for r in rows(national, None, "categories")] == [2, 1, 3, 1, 0]


def _product(dash, code: str, category: str) -> dict:
    producer = dash["producer_b"]
    return {
        "code": code,
        "producer": producer,
        "province": producer.province,
        "name": f"ผลิตภัณฑ์ {code}",
        "category": category,
    }


def test_a_product_saved_through_the_app_shows_on_the_next_request(
    dash, client_for, people, figures_cache, commit
):
    officer = client_for("officer_b")
    assert categories(officer, "58") == ["1", "0", "1", "0", "0"]
    national = client_for("national")
    assert categories(national) == ["1", "1", "3", "1", "0"]
    with commit():
        services.product_save(
            by=people["officer_b"], product=Product(**_product(dash, "58F2", "FOOD"))
        )
    assert categories(officer, "58") == ["2", "0", "1", "0", "0"]
    assert categories(national) == ["2", "1", "3", "1", "0"]


def test_a_sale_recorded_through_the_app_shows_on_the_next_request(
    dash, client_for, people, figures_cache, commit
):
    officer = client_for("officer_a")
    lazy = {"panel": "revenue", "format": "html"}
    assert table(officer, "50", "revenue", **lazy)[4][1:] == ["65,000 บาท", "77,500 บาท"]
    assert rows(officer, "50", "revenue")[4][1:] == ["65000", "77500"]
    with commit():
        services.sale_record(
            by=people["officer_a"], product=dash["tea"], fiscal_year=2563, amount=Decimal(20_000)
        )  # tea: 12,500 → 20,000
    assert table(officer, "50", "revenue", **lazy)[4][1:] == ["65,000 บาท", "85,000 บาท"]
    assert rows(officer, "50", "revenue")[4][1:] == ["65000", "85000"]


def test_a_star_rating_recorded_through_the_app_shows_on_the_next_request(
    dash, client_for, people, figures_cache, commit
):
    officer = client_for("officer_a")
    stars = {r[1]: r[2] for r in table(officer, "50", "stars")}
    assert stars["★★★★★"] == "1" and stars["★★★★"] == "0"
    with commit():
        services.star_rating_record(
            by=people["officer_a"], product=dash["tea"], round_year=2566, stars=4
        )
    stars = {r[1]: r[2] for r in table(officer, "50", "stars")}
    assert stars["★★★★★"] == "0" and stars["★★★★"] == "1"


def test_a_decision_changes_the_projects_panels(dash, client_for, figures_cache, commit):
    national = client_for("national")
    assert rows(national, None, "selection")[0] == ["50", "เชียงใหม่", "20", "2"]
    with commit():
        Decision.objects.filter(product=dash["tea"]).update(status="SELECTED")
        versions.bump("programmes")  # a queryset update sends no signal: the writer bumps
    assert rows(national, None, "selection")[0] == ["50", "เชียงใหม่", "20", "3"]


def test_an_import_through_the_writer_shows_on_the_next_request(
    dash, client_for, figures_cache, commit
):
    national = client_for("national")
    assert categories(national) == ["1", "1", "3", "1", "0"]
    row = {
        "producer_code": "P58009",
        "producer_name": "กลุ่มแม่บ้านปาย",
        "producer_type": "กลุ่มผู้ผลิตชุมชน",
        "registered_year": "2560",
        "subdistrict_code": "580301",
        "product_code": "P58009-1",
        "product_name": "น้ำพริกปาย",
        "category": "อาหาร",
    }
    with commit():
        result = run_import(as_csv([[row.get(h, "") for h in HEADER]]), "registry.csv")
    assert (result.created, result.rejected) == (1, 0), result.errors
    assert categories(national) == ["2", "1", "3", "1", "0"]


def test_a_rolled_back_change_leaves_the_cached_figure(
    dash, client_for, people, figures_cache, commit
):
    officer = client_for("officer_b")
    assert categories(officer, "58") == ["1", "0", "1", "0", "0"]
    before = versions.current("registry")
    with commit() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        services.product_save(
            by=people["officer_b"], product=Product(**_product(dash, "58F3", "FOOD"))
        )
        raise RuntimeError("the save is abandoned")
    assert callbacks == [] and versions.current("registry") == before
    assert categories(officer, "58") == ["1", "0", "1", "0", "0"]


def test_an_officer_never_gets_the_national_or_another_provinces_panel(
    dash, client_for, figures_cache
):
    national, officer_a, officer_b = (client_for(p) for p in ("national", "officer_a", "officer_b"))
    # The national staff fill the cache with every scope first...
    assert categories(national) == ["1", "1", "3", "1", "0"]
    assert categories(national, "50") == ["0", "1", "2", "1", "0"]
    assert categories(national, "58") == ["1", "0", "1", "0", "0"]
    assert [r[0] for r in rows(national, None, "map")] == ["50", "58"]
    # ...each officer still gets their own province's numbers, and no other scope.
    assert categories(officer_a, "50") == ["0", "1", "2", "1", "0"]
    assert categories(officer_b, "58") == ["1", "0", "1", "0", "0"]
    assert [r[0] for r in rows(officer_a, "50", "map")] == ["50"]
    assert officer_a.get(INDEX)["Location"] == page("50")
    assert officer_a.get(page("58"), {"panel": "categories", "format": "csv"}).status_code == 404
    assert officer_b.get(page("50")).status_code == 404
    # The other way round: an officer first, then the national dashboard.
    cache.clear()
    assert categories(officer_b, "58") == ["1", "0", "1", "0", "0"]
    assert categories(national) == ["1", "1", "3", "1", "0"]


def test_each_language_has_its_own_cached_panels(dash, client_for, figures_cache):
    national = client_for("national")
    thai = national.get(INDEX).content.decode()
    national.cookies["kbo_language"] = "en"
    english = national.get(INDEX).content.decode()
    assert "Products by category" in english and "Products by category" not in thai


def test_the_cached_page_equals_the_live_page(dash, client_for, settings, figures_cache):
    national = client_for("national")

    def panels() -> str:
        html = national.get(INDEX, {"measure": "revenue"}).content.decode()
        return html[html.index('<section class="dashboard-section"') : html.rindex("</section>")]

    cold, warm = panels(), panels()
    settings.KBO_FIGURES_CACHE = False
    assert cold == warm == panels()
