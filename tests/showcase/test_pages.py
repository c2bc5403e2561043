"""The public pages answer without sign-in, filter and search, and stay fast."""

from django.test import Client
from django.urls import reverse

from tests.showcase.conftest import develop, make_product


def products_of(response) -> list[str]:
    return [p.code for p in response.context["page"].object_list]


def test_the_index_counts_what_was_developed(showcase):
    response = Client().get(reverse("showcase:index"))
    assert response.context["counts"] == {"products": 1, "provinces": 1, "contests": 1}
    assert [p.code for p in response.context["products"]] == ["500777"]


def test_the_list_shows_only_developed_products(showcase):
    response = Client().get(reverse("showcase:products"))
    assert products_of(response) == ["500777"]


def test_filters_narrow_the_list(showcase):
    client = Client()
    url = reverse("showcase:products")
    assert products_of(client.get(url, {"province": "50"})) == ["500777"]
    assert products_of(client.get(url, {"province": "58"})) == []
    assert products_of(client.get(url, {"category": "HOUSEHOLD"})) == ["500777"]
    assert products_of(client.get(url, {"category": "FOOD"})) == []
    assert products_of(client.get(url, {"stars": "4"})) == ["500777"]
    assert products_of(client.get(url, {"stars": "5"})) == []
    assert products_of(client.get(url, {"certificate": "MOPHOCHO"})) == ["500777"]
    assert products_of(client.get(url, {"certificate": "HALAL"})) == []
    # An unknown value is ignored, not an error page.
    assert products_of(client.get(url, {"stars": "9", "province": "xx"})) == ["500777"]


def test_thai_search_finds_words_inside_a_name(showcase):
    client = Client()
    url = reverse("showcase:products")
    assert products_of(client.get(url, {"q": "ไม้ไผ่"})) == ["500777"]
    assert products_of(client.get(url, {"q": "ตะกร้า ดอกสัก"})) == ["500777"]
    assert products_of(client.get(url, {"q": "ผ้าไหม"})) == []


def test_the_product_page_shows_where_to_buy_safely(showcase):
    response = Client().get(reverse("showcase:product", args=["500777"]))
    product = response.context["product"]
    assert product.shop_links == ["https://shop.example.com/otop/500777"]  # no javascript:
    assert product.years == [2563]
    assert b'rel="nofollow noopener"' in response.content
    assert b"javascript:" not in response.content
    ((contest, row),) = response.context["placings"]
    assert (contest.pk, row.rank, str(row.score)) == (showcase["published"].pk, 1, "85.00")


def test_a_product_never_developed_is_not_there(showcase):
    assert Client().get(reverse("showcase:product", args=["500778"])).status_code == 404


def test_photos_stream_for_developed_products_only(showcase):
    client = Client()
    response = client.get(reverse("showcase:photo", args=[showcase["photo"].pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert (
        client.get(reverse("showcase:photo", args=[showcase["hidden_photo"].pk])).status_code == 404
    )


def test_the_province_page_lists_its_products_news_and_results(showcase):
    response = Client().get(reverse("showcase:province", args=["50"]))
    assert products_of(response) == ["500777"]
    assert [n.title for n in response.context["news"]] == ["ข่าวประชุม KBO"]
    assert [c.pk for c in response.context["contests"]] == [showcase["published"].pk]
    other = Client().get(reverse("showcase:province", args=["58"]))
    assert products_of(other) == [] and other.context["news"] == []


def test_only_published_contests_are_listed(showcase):
    response = Client().get(reverse("showcase:contests"))
    assert [c.pk for c in response.context["page"].object_list] == [showcase["published"].pk]


def test_contest_results_show_rank_and_total_only(showcase):
    response = Client().get(reverse("showcase:contest", args=[showcase["published"].pk]))
    (panel,) = response.context["panels"]
    (row,) = panel.rows
    assert (row.rank, row.tier, row.product_code, str(row.score)) == (
        1,
        "WINNER",
        "500777",
        "85.00",
    )


def test_the_sitemap_lists_the_public_pages(showcase):
    response = Client().get(reverse("showcase:sitemap"))
    text = response.content.decode()
    assert response["Content-Type"].startswith("application/xml")
    assert "/showcase/products/500777/" in text
    assert "/showcase/products/500778/" not in text
    assert f"/showcase/contests/{showcase['published'].pk}/" in text
    assert f"/showcase/contests/{showcase['closed'].pk}/" not in text
    assert f"/showcase/news/{showcase['draft'].pk}/" not in text


def test_the_list_reads_a_fixed_number_of_queries(showcase, django_assert_max_num_queries):
    client = Client()
    url = reverse("showcase:products")
    with django_assert_max_num_queries(6):
        client.get(url)
    producer, project = showcase["producer"], showcase["project"]
    for n in range(30):
        develop(make_product(producer, f"5009{n:02}", f"ผ้าทอ {n}"), project)
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 24
    with django_assert_max_num_queries(6):
        client.get(url, {"q": "ผ้าทอ"})


def test_the_list_pages_by_24(showcase):
    producer, project = showcase["producer"], showcase["project"]
    for n in range(30):
        develop(make_product(producer, f"5009{n:02}", f"ผ้าทอ {n}"), project)
    response = Client().get(reverse("showcase:products"), {"page": 2})
    assert response.context["page"].paginator.count == 31
    assert len(response.context["page"].object_list) == 7
