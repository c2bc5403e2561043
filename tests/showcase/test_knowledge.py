"""The knowledge library in the public showcase: PUBLIC items for everyone, PROVINCE items for
the signed-in users of their province, drafts never; files follow their item."""

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from kbo.knowledge.models import Item
from kbo.knowledge.services import attachment_add, item_publish, item_save
from tests.matrix_showcase import png
from tests.showcase.conftest import PRIVATE
from tests.showcase.test_privacy import content

LIST = "/showcase/knowledge/"


def listed(client, **params) -> list[str]:
    response = client.get(reverse("showcase:knowledge"), params)
    assert response.status_code == 200
    return [item.title for item in response.context["page"].object_list]


def detail(key: str, showcase) -> str:
    return reverse("showcase:knowledge_item", args=[showcase[key].pk])


def test_the_list_lives_under_the_showcase(db):
    assert reverse("showcase:knowledge") == LIST


def test_an_anonymous_visitor_sees_public_items_only(showcase):
    client = Client()
    titles = listed(client)
    assert "การออกแบบกล่องตะกร้า" in titles
    assert PRIVATE["province_knowledge"] not in titles
    assert PRIVATE["draft_knowledge"] not in titles
    page = content(client.get(detail("knowledge", showcase)))
    assert "การออกแบบกล่องตะกร้า" in page
    assert "<p>เนื้อหาความรู้</p>" in page  # the sanitised text is rendered as HTML
    assert "อาจารย์ผู้เขียน ความรู้" in page  # the author's name is public
    assert "https://youtu.be/kbo" in page
    assert reverse("showcase:knowledge_file", args=[showcase["knowledge_file"].pk]) in page


def test_an_anonymous_visitor_is_asked_to_sign_in_for_a_province_item(showcase):
    url = detail("knowledge_province", showcase)
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


def test_a_producer_of_the_province_reads_its_province_items(showcase, client_for):
    client = client_for("producer_a")
    assert PRIVATE["province_knowledge"] in listed(client)
    response = client.get(detail("knowledge_province", showcase))
    assert response.status_code == 200
    assert PRIVATE["province_knowledge"] in content(response)


def test_a_producer_of_another_province_does_not_find_the_item(showcase, client_for):
    client = client_for("producer_b")
    assert PRIVATE["province_knowledge"] not in listed(client)
    assert client.get(detail("knowledge_province", showcase)).status_code == 404
    assert "การออกแบบกล่องตะกร้า" in listed(client)  # public items are for everyone


def test_a_draft_never_shows_even_to_its_editors(showcase, people, client_for):
    draft = showcase["knowledge_draft"]
    attachment = attachment_add(
        by=people["national"],
        item=draft,
        file=ContentFile(b"%PDF-1.4", name="draft.pdf"),
    )
    for persona in ("anonymous", "officer_a", "national"):
        client = client_for(persona)
        assert PRIVATE["draft_knowledge"] not in listed(client), persona
        assert client.get(detail("knowledge_draft", showcase)).status_code == 404, persona
        file_url = reverse("showcase:knowledge_file", args=[attachment.pk])
        assert client.get(file_url).status_code == 404, persona


def test_searching_a_standard_ranks_the_guide_titled_with_it_first(showcase, people):
    national = people["national"]
    technique = item_save(
        by=national,
        item=Item(
            kind="TECHNIQUE",
            visibility="PUBLIC",
            title="เทคนิคการย้อมผ้าด้วยคราม",
            body="<p>ผ้าที่ย้อมดีแล้วนำไปขอ มผช. ได้</p>",
        ),
    )
    guide = item_save(
        by=national,
        item=Item(kind="STANDARD", visibility="PUBLIC", title="คู่มือการขอ มผช. ผ้าย้อมคราม"),
    )
    titles = listed(Client(), q="มผช.")
    assert titles[:2] == [guide.title, technique.title]
    assert "การออกแบบกล่องตะกร้า" not in titles  # no word of the query


def test_the_filters_narrow_the_list(showcase):
    client = Client()
    assert "การออกแบบกล่องตะกร้า" in listed(client, kind="TECHNIQUE", area="packaging")
    assert listed(client, kind="TEMPLATE") == []
    assert listed(client, category="FOOD") == []
    assert listed(client, province="58") == []
    assert listed(client, province="national") == []
    assert "การออกแบบกล่องตะกร้า" in listed(client, province="50", category="HOUSEHOLD")


def test_an_unknown_filter_value_is_ignored(showcase):
    assert "การออกแบบกล่องตะกร้า" in listed(Client(), area="no-such-area", kind="NONE")


def test_a_case_study_names_its_product_only_when_showcased(showcase):
    client = Client()
    product = showcase["product"]
    page = content(client.get(detail("case_study", showcase)))
    assert reverse("showcase:product", args=[product.code]) in page
    hidden = content(client.get(detail("case_study_hidden", showcase)))
    assert PRIVATE["hidden_product"] not in hidden
    assert showcase["hidden"].code not in hidden


def test_an_image_opens_in_the_browser_and_a_document_downloads(showcase, people):
    client = Client()
    image = attachment_add(
        by=people["national"],
        item=showcase["knowledge"],
        file=ContentFile(png(), name="box.png"),
        caption="ภาพกล่อง",
    )
    shown = client.get(reverse("showcase:knowledge_file", args=[image.pk]))
    assert shown.status_code == 200 and shown["Content-Type"] == "image/png"
    assert not shown["Content-Disposition"].startswith("attachment")
    document = client.get(reverse("showcase:knowledge_file", args=[showcase["knowledge_file"].pk]))
    assert document["Content-Disposition"].startswith("attachment")
    assert b"".join(document.streaming_content) == b"%PDF-1.4 kbo"


def test_a_file_of_a_province_item_is_not_there_for_another_province(showcase, people, client_for):
    attachment = attachment_add(
        by=people["national"],
        item=showcase["knowledge_province"],
        file=ContentFile(b"%PDF-1.4", name="province.pdf"),
    )
    url = reverse("showcase:knowledge_file", args=[attachment.pk])
    assert client_for("producer_a").get(url).status_code == 200
    assert client_for("producer_b").get(url).status_code == 404
    assert Client().get(url).status_code == 404


def test_the_sitemap_lists_public_items_only(showcase):
    text = content(Client().get(reverse("showcase:sitemap")))
    assert detail("knowledge", showcase) in text
    assert detail("knowledge_province", showcase) not in text
    assert detail("knowledge_draft", showcase) not in text


def test_the_showcase_links_to_the_knowledge_list(showcase):
    page = content(Client().get(reverse("showcase:index")))
    assert f'href="{LIST}"' in page
    assert "การออกแบบกล่องตะกร้า" in page  # the latest public items
    assert PRIVATE["province_knowledge"] not in page


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


def test_an_item_taken_back_leaves_the_cached_index_at_once(
    showcase, people, figures_cache, django_capture_on_commit_callbacks
):
    client = Client()
    index = reverse("showcase:index")
    assert "การออกแบบกล่องตะกร้า" in content(client.get(index))
    assert detail("knowledge", showcase) in content(client.get(reverse("showcase:sitemap")))
    with django_capture_on_commit_callbacks(execute=True):
        item_publish(by=people["national"], item=showcase["knowledge"], visibility="DRAFT")
    assert "การออกแบบกล่องตะกร้า" not in content(client.get(index))
    sitemap = content(client.get(reverse("showcase:sitemap")))
    assert detail("knowledge", showcase) not in sitemap
