"""The showcase with the figures cache on: what a change takes off the public pages is gone on
the next request (never served from the cache), what it adds appears, every visitor gets the
same public records, and nothing private ever reaches the cache.

The fixtures' data counts as committed when the cache is turned on; each change runs inside
`django_capture_on_commit_callbacks(execute=True)`, which runs its on-commit bumps as a
commit would.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse

from kbo.contests import services as contests
from kbo.contests.models import Contest
from kbo.programmes import services as programmes
from kbo.registry import services as registry
from kbo.showcase import services
from tests.showcase.conftest import PRIVATE
from tests.showcase.test_privacy import content, public_urls

PRODUCT = "ตะกร้าไม้ไผ่ลายดอกสัก"
NEWS = "ข่าวประชุม KBO"


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
    return lambda: django_capture_on_commit_callbacks(execute=True)


def pages() -> dict[str, str]:
    return {
        "index": reverse("showcase:index"),
        "products": reverse("showcase:products"),
        "search": reverse("showcase:products") + "?q=ตะกร้า",
        "province": reverse("showcase:province", args=["50"]),
        "news": reverse("showcase:news"),
        "contests": reverse("showcase:contests"),
    }


def open_data_counts(client) -> dict[str, int]:
    response = client.get(reverse("open_data:index"))
    return {dataset.name: count for dataset, count in response.context["datasets"]}


def shown(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return content(response)


def test_an_unpublished_news_item_leaves_every_page_at_once(
    showcase, people, figures_cache, commit
):
    client = Client()
    for name in ("index", "province", "news"):
        assert NEWS in shown(client, pages()[name]), name
    assert open_data_counts(client)["news"] == 1
    item = showcase["news"]
    item.status = "DRAFT"
    with commit():
        services.news_save(by=people["officer_a"], news=item)
    for name in ("index", "province", "news"):
        assert NEWS not in shown(client, pages()[name]), name
    assert client.get(reverse("showcase:news_detail", args=[item.pk])).status_code == 404
    assert open_data_counts(client)["news"] == 0


def test_a_product_no_longer_developed_leaves_the_showcase(showcase, people, figures_cache, commit):
    client = Client()
    product_page = reverse("showcase:product", args=[showcase["product"].code])
    assert PRODUCT in shown(client, product_page)
    for name in ("index", "products", "search", "province"):
        assert PRODUCT in shown(client, pages()[name]), name
    assert client.get(pages()["index"]).context["counts"]["products"] == 1
    with commit():
        programmes.decision_record(
            by=people["officer_a"],
            project=showcase["project"],
            product=showcase["product"],
            status="NOT_SELECTED",
        )
    assert client.get(product_page).status_code == 404
    for name in ("index", "products", "search", "province"):
        assert PRODUCT not in shown(client, pages()[name]), name
    assert client.get(pages()["index"]).context["counts"]["products"] == 0


def test_a_contest_taken_off_the_showcase_is_gone_and_a_published_one_appears(
    showcase, people, figures_cache, commit
):
    client = Client()
    published, closed = showcase["published"], showcase["closed"]
    contest_page = reverse("showcase:contest", args=[published.pk])
    product_page = reverse("showcase:product", args=[showcase["product"].code])
    assert "85.00" in shown(client, contest_page)
    assert len(client.get(product_page).context["placings"]) == 1
    assert published.name in shown(client, pages()["contests"])
    with commit():  # an administrator takes the results back (Django's admin saves the row)
        published.status = Contest.Status.CLOSED
        published.save(update_fields=["status"])
    assert client.get(contest_page).status_code == 404
    assert published.name not in shown(client, pages()["contests"])
    assert client.get(product_page).context["placings"] == []
    with commit():
        contests.publish(by=people["national"], contest=closed)
    assert client.get(reverse("showcase:contest", args=[closed.pk])).status_code == 200


def test_an_edited_product_shows_its_new_name(showcase, people, figures_cache, commit):
    client = Client()
    product = showcase["product"]
    assert PRODUCT in shown(client, reverse("showcase:product", args=[product.code]))
    product.name = "ตะกร้าไม้ไผ่ลายใหม่"
    with commit():
        registry.product_save(by=people["officer_a"], product=product)
    assert "ตะกร้าไม้ไผ่ลายใหม่" in shown(client, reverse("showcase:product", args=[product.code]))
    assert "ตะกร้าไม้ไผ่ลายใหม่" in shown(client, pages()["products"])


def test_every_visitor_gets_the_same_public_records_and_nothing_private(
    showcase, client_for, figures_cache
):
    """Signed-in national staff fill the cache first; a visitor then gets the same records,
    and no page or file shows a private marker."""
    national, visitor = client_for("national"), Client()
    for urls in public_urls(showcase).values():
        for url in urls:
            assert national.get(url).status_code == 200, url
    for urls in public_urls(showcase).values():
        for url in urls:
            text = content(visitor.get(url))
            for key, marker in PRIVATE.items():
                assert marker not in text, f"{key} leaked on {url}"
    index = reverse("showcase:index")
    assert national.get(index).context["products"] == visitor.get(index).context["products"]


def test_the_cached_records_equal_the_live_ones(showcase, settings, figures_cache):
    client = Client()
    product = reverse("showcase:product", args=[showcase["product"].code])
    contest = reverse("showcase:contest", args=[showcase["published"].pk])
    wanted = [
        (pages()["index"], ("counts", "products", "news", "contests")),
        (product, ("product", "placings")),
        (contest, ("contest", "panels")),
    ]

    def records() -> list:
        found = []
        for url, keys in wanted:
            response = client.get(url)
            found += [response.context[key] for key in keys]
        for url in (pages()["products"], pages()["province"]):
            page = client.get(url).context["page"]
            found += [page.object_list, page.paginator.count, page.number]
        return found

    cold, warm = records(), records()
    settings.KBO_FIGURES_CACHE = False
    assert cold == warm == records()
