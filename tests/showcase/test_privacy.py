"""Nothing private reaches the public: every showcase and open-data URL is walked as an
anonymous visitor and none of the private markers appear."""

from django.test import Client
from django.urls import reverse

from tests.showcase.conftest import PRIVATE
from tests.test_permissions import url_names


def public_urls(w) -> dict[str, list[str]]:
    product, province = w["product"], w["product"].province.code
    return {
        "showcase:index": [reverse("showcase:index")],
        "showcase:products": [
            reverse("showcase:products"),
            reverse("showcase:products") + "?q=ตะกร้า",
            reverse("showcase:products") + f"?province={province}&category=HOUSEHOLD&stars=4",
        ],
        "showcase:product": [reverse("showcase:product", args=[product.code])],
        "showcase:photo": [reverse("showcase:photo", args=[w["photo"].pk])],
        "showcase:province": [reverse("showcase:province", args=[province])],
        "showcase:contests": [reverse("showcase:contests")],
        "showcase:contest": [reverse("showcase:contest", args=[w["published"].pk])],
        "showcase:news": [reverse("showcase:news")],
        "showcase:news_detail": [reverse("showcase:news_detail", args=[w["news"].pk])],
        "showcase:knowledge": [
            reverse("showcase:knowledge"),
            reverse("showcase:knowledge") + "?q=ความรู้",
            reverse("showcase:knowledge") + f"?province={province}&area=packaging&kind=TECHNIQUE",
            reverse("showcase:knowledge") + "?category=HOUSEHOLD&province=national",
        ],
        "showcase:knowledge_item": [
            reverse("showcase:knowledge_item", args=[w[key].pk])
            for key in ("knowledge", "case_study", "case_study_hidden")
        ],
        "showcase:knowledge_file": [
            reverse("showcase:knowledge_file", args=[w["knowledge_file"].pk])
        ],
        "showcase:sitemap": [reverse("showcase:sitemap")],
        "open_data:index": [reverse("open_data:index")],
        "open_data:dataset": [
            reverse("open_data:dataset", args=[name, fmt])
            for name in ("products", "contest-results", "news")
            for fmt in ("csv", "json")
        ],
    }


# Pages for signed-in officers only (their forms), and a photo of news (none in this world).
NOT_WALKED = {"showcase:news_add", "showcase:news_edit", "showcase:news_photo"}


def content(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def test_the_walk_covers_every_public_url(showcase):
    names = {n for n in url_names() if n.split(":")[0] in ("showcase", "open_data")}
    assert names - NOT_WALKED == set(public_urls(showcase))


def test_no_private_data_on_any_public_page_or_file(showcase):
    client = Client()
    for urls in public_urls(showcase).values():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            text = content(response)
            for key, marker in PRIVATE.items():
                assert marker not in text, f"{key} leaked on {url}"


def test_the_public_pages_do_show_the_public_data(showcase):
    """The walk above is not empty: the product, its producer and the results are there."""
    client = Client()
    page = content(client.get(reverse("showcase:product", args=[showcase["product"].code])))
    assert "ตะกร้าไม้ไผ่ลายดอกสัก" in page
    assert "กลุ่มจักสานบ้านศรีภูมิ" in page  # the producer's name is public
    assert "เมืองเชียงใหม่" in page  # its district
    assert "มผช. 9/2565" in page
    results = content(client.get(reverse("showcase:contest", args=[showcase["published"].pk])))
    assert "85.00" in results  # 8.5 of 10 on a criterion weighing 100


def test_searching_knowledge_for_private_data_finds_nothing(showcase):
    """The author's phone and e-mail are not searched; drafts and province items are not
    found by an anonymous visitor (the markers' unique words: "marker" is in other names)."""
    client = Client()
    for words in ("PHONE 0892", "example.com", "DRAFT-KNOWLEDGE", "PROVINCE-KNOWLEDGE"):
        response = client.get(reverse("showcase:knowledge"), {"q": words})
        assert response.context["page"].paginator.count == 0, words


def test_searching_private_data_finds_nothing(showcase):
    client = Client()
    for marker in (PRIVATE["phone"], PRIVATE["contact_name"], PRIVATE["id_number"]):
        response = client.get(reverse("showcase:products"), {"q": marker})
        assert response.context["page"].paginator.count == 0, marker


def test_closed_contest_and_draft_news_are_not_public(showcase):
    client = Client()
    assert client.get(reverse("showcase:contest", args=[showcase["closed"].pk])).status_code == 404
    assert (
        client.get(reverse("showcase:news_detail", args=[showcase["draft"].pk])).status_code == 404
    )
    assert (
        client.get(reverse("showcase:photo", args=[showcase["hidden_photo"].pk])).status_code == 404
    )
