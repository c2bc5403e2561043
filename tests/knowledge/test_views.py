"""The knowledge library's pages: the list and its Thai search, an item, its editor (through
the form, with optimistic locking), publishing, files, history and deleting."""

import pytest
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kbo.accounts.models import Role
from kbo.knowledge.models import Attachment, Item
from kbo.knowledge.services import attachment_add, item_save
from kbo.network.models import ExpertiseArea
from tests.conftest import consent_to_case_studies, make_user
from tests.write_helpers import form_values


def make(by, province, title, *, visibility="PUBLIC", kind="TECHNIQUE", areas=(), cats=(), **kw):
    return item_save(
        by=by,
        item=Item(kind=kind, province=province, title=title, visibility=visibility, **kw),
        areas=list(ExpertiseArea.objects.filter(code__in=areas)),
        categories=list(cats),
    )


@pytest.fixture
def library(people, geo, kbo_network):
    national = people["national"]
    a, b = geo["50"], geo["58"]
    return {
        "body_match": make(
            national,
            a,
            "การตั้งราคาสินค้า",
            body="<p>ต้นทุนของบรรจุภัณฑ์รวมอยู่ในราคา</p>",
            kind="LESSON",
            cats=["FOOD"],
        ),
        "title_match": make(
            national,
            a,
            "บรรจุภัณฑ์กระดาษสำหรับผ้าทอ",
            summary="ออกแบบกล่อง",
            areas=["branding"],
            cats=["TEXTILE"],
        ),
        "province_a": make(national, a, "คู่มือ มผช. จังหวัด A", visibility="PROVINCE"),
        "draft_a": make(national, a, "ร่าง เทคนิคย้อมคราม A", visibility="DRAFT"),
        "province_b": make(national, b, "คู่มือ มผช. จังหวัด B", visibility="PROVINCE"),
        "draft_b": make(national, b, "ร่าง B", visibility="DRAFT"),
        "public_b": make(national, b, "ผ้าทอ B สาธารณะ"),
        "national": make(national, None, "มาตรฐานระดับประเทศ", kind="STANDARD"),
    }


def listed(client, **params) -> list[str]:
    response = client.get(reverse("knowledge:index"), params)
    assert response.status_code == 200
    return [item.title for item in response.context["page"].object_list]


def pdf(name="guide.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj\n%%EOF\n", content_type="application/pdf")


# The list and the search ---------------------------------------------------------------


def test_the_library_asks_an_anonymous_visitor_to_sign_in(client_for, library):
    response = client_for("anonymous").get(reverse("knowledge:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_search_ranks_the_items_with_the_word_in_their_title_first(client_for, library):
    found = listed(client_for("national"), q="บรรจุภัณฑ์")
    assert found[:2] == ["บรรจุภัณฑ์กระดาษสำหรับผ้าทอ", "การตั้งราคาสินค้า"]
    assert "ผ้าทอ B สาธารณะ" not in found


def test_the_list_filters_by_kind_area_and_category(client_for, library):
    client = client_for("national")
    assert listed(client, kind="LESSON") == ["การตั้งราคาสินค้า"]
    assert listed(client, area="branding") == ["บรรจุภัณฑ์กระดาษสำหรับผ้าทอ"]
    assert listed(client, category="FOOD") == ["การตั้งราคาสินค้า"]
    assert listed(client, q="บรรจุภัณฑ์", category="TEXTILE") == ["บรรจุภัณฑ์กระดาษสำหรับผ้าทอ"]


def test_a_producer_reads_public_items_and_the_items_of_their_province_only(client_for, library):
    found = set(listed(client_for("producer_a")))
    assert found == {
        "การตั้งราคาสินค้า",
        "บรรจุภัณฑ์กระดาษสำหรับผ้าทอ",
        "คู่มือ มผช. จังหวัด A",
        "ผ้าทอ B สาธารณะ",
        "มาตรฐานระดับประเทศ",
    }
    client = client_for("producer_a")
    for key in ("draft_a", "province_b", "draft_b"):
        assert client.get(reverse("knowledge:item", args=[library[key].pk])).status_code == 404


def test_the_list_answers_htmx_with_the_table_only(client_for, library):
    response = client_for("officer_a").get(
        reverse("knowledge:index"), {"q": "มผช"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert 'data-testid="items"' in html and "<html" not in html


def test_only_writers_see_the_new_item_button(client_for, library):
    assert 'data-testid="new-item"' in client_for("officer_a").get("/knowledge/").content.decode()
    assert (
        'data-testid="new-item"' not in client_for("producer_a").get("/knowledge/").content.decode()
    )


def test_the_menu_shows_the_library_to_signed_in_users(client_for, library):
    assert 'href="/knowledge/"' in client_for("judge_a").get(reverse("core:home")).content.decode()
    assert (
        'href="/knowledge/"'
        not in client_for("anonymous").get(reverse("core:home")).content.decode()
    )


# Writing through the form ----------------------------------------------------------------


def open_form(client, url: str) -> dict:
    page = client.get(url)
    assert page.status_code == 200
    return form_values(page.content.decode(), url)


def test_an_officer_writes_an_item_whose_body_is_cleaned(client_for, library, geo, kbo_network):
    client = client_for("officer_a")
    url = reverse("knowledge:add")
    data = open_form(client, url) | {
        "kind": "TECHNIQUE",
        "title": "การย้อมสีธรรมชาติ",
        "summary": "ย้อมครามแบบดั้งเดิม",
        "body": '<p>ต้มน้ำคราม<script>alert("x")</script><strong>สามชั่วโมง</strong></p>',
        "province": geo["50"].pk,
        "visibility": "DRAFT",
        "areas": [ExpertiseArea.objects.get(code="packaging").pk],
        "categories": ["TEXTILE"],
        "authors": [kbo_network["source_a"].pk],
        "sessions": [],
        "provinces": [geo["50"].pk],
        "note": "ฉบับแรก",
    }
    response = client.post(url, data)
    item = Item.objects.get(title="การย้อมสีธรรมชาติ")
    assert response.status_code == 302
    assert response["Location"] == reverse("knowledge:item", args=[item.pk])
    assert "<script" not in item.body and "alert" not in item.body
    assert "<strong>สามชั่วโมง</strong>" in item.body
    assert item.created_by.username == "officer_a"
    assert item.category_codes == ["TEXTILE"]
    assert list(item.authors.all()) == [kbo_network["source_a"]]
    page = client.get(response["Location"]).content.decode()
    assert "<strong>สามชั่วโมง</strong>" in page and "<script>alert" not in page


def test_an_officer_may_not_give_an_item_to_another_province(client_for, library, geo):
    client = client_for("officer_a")
    url = reverse("knowledge:add")
    data = open_form(client, url) | {"title": "ของจังหวัดอื่น", "province": geo["58"].pk}
    response = client.post(url, data)
    assert response.status_code == 200 and "province" in response.context["form"].errors
    assert not Item.objects.filter(title="ของจังหวัดอื่น").exists()


def test_an_edit_adds_a_version_whose_history_shows_the_changed_words(
    client_for, library, people, geo
):
    item = make(people["national"], geo["50"], "ตราสินค้า", body="<p>ใช้กล่องกระดาษลูกฟูก</p>")
    client = client_for("officer_a")
    url = reverse("knowledge:edit", args=[item.pk])
    data = open_form(client, url) | {"body": "<p>ใช้กล่องไม้ไผ่สาน</p>", "note": "เปลี่ยนวัสดุ"}
    response = client.post(url, data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.version == 2
    history = client.get(reverse("knowledge:history", args=[item.pk])).content.decode()
    assert 'data-version="2"' in history and "เปลี่ยนวัสดุ" in history
    assert '<span class="diff-removed">− ใช้กล่องกระดาษลูกฟูก</span>' in history
    assert '<span class="diff-added">+ ใช้กล่องไม้ไผ่สาน</span>' in history
    entries = LogEntry.objects.get_for_object(item).filter(actor__username="officer_a")
    assert entries.exists()


def test_the_history_escapes_the_text_it_shows(client_for, library):
    item = library["title_match"]
    client = client_for("national")
    url = reverse("knowledge:edit", args=[item.pk])
    client.post(url, open_form(client, url) | {"body": "<p>&lt;b&gt;หนา&lt;/b&gt;</p>"})
    history = client.get(reverse("knowledge:history", args=[item.pk])).content.decode()
    assert "+ &lt;b&gt;หนา&lt;/b&gt;" in history


def test_a_stale_edit_shows_the_conflict_and_changes_nothing(client_for, library):
    item = library["province_a"]
    first, second = client_for("officer_a"), client_for("national")
    url = reverse("knowledge:edit", args=[item.pk])
    mine, theirs = open_form(first, url), open_form(second, url)
    assert second.post(url, theirs | {"title": "ชื่อที่บันทึกก่อน"}).status_code == 302
    response = first.post(url, mine | {"title": "ชื่อที่มาทีหลัง"})
    assert response.status_code == 409
    form = response.context["form"]
    assert form.non_field_errors() and "title" in form.errors
    item.refresh_from_db()
    assert (item.title, item.version) == ("ชื่อที่บันทึกก่อน", 2)
    assert item.versions.count() == 2


def test_a_reader_who_may_not_edit_gets_403_on_the_editor(client_for, library):
    item = library["province_a"]
    assert (
        client_for("committee_a").get(reverse("knowledge:edit", args=[item.pk])).status_code == 403
    )
    assert client_for("officer_b").get(reverse("knowledge:edit", args=[item.pk])).status_code == 404


# Publishing, deleting ------------------------------------------------------------------


def test_an_officer_publishes_an_item_and_takes_it_back_to_draft(client_for, library):
    item = library["draft_a"]
    client = client_for("officer_a")
    url = reverse("knowledge:publish", args=[item.pk])
    assert client.post(url, {"visibility": "PUBLIC", "version": item.version}).status_code == 302
    item.refresh_from_db()
    assert item.visibility == "PUBLIC" and item.published_at is not None
    assert (
        client_for("producer_b").get(reverse("knowledge:item", args=[item.pk])).status_code == 200
    )
    client.post(url, {"visibility": "DRAFT", "version": item.version})
    item.refresh_from_db()
    assert item.visibility == "DRAFT"
    assert (
        client_for("producer_b").get(reverse("knowledge:item", args=[item.pk])).status_code == 404
    )


def test_a_publish_from_a_stale_page_changes_nothing(client_for, library):
    item = library["draft_a"]
    client_for("officer_a").post(
        reverse("knowledge:publish", args=[item.pk]), {"visibility": "PUBLIC", "version": 0}
    )
    item.refresh_from_db()
    assert item.visibility == "DRAFT"


def test_an_officer_deletes_an_item_after_confirming(client_for, library):
    item = library["province_a"]
    client = client_for("officer_a")
    url = reverse("knowledge:delete", args=[item.pk])
    assert 'data-testid="delete-form"' in client.get(url).content.decode()
    assert Item.objects.filter(pk=item.pk).exists()
    assert client.post(url)["Location"] == reverse("knowledge:index")
    assert not Item.objects.filter(pk=item.pk).exists()


def test_a_producer_may_not_delete_an_item_they_read(client_for, library):
    item = library["province_a"]
    assert (
        client_for("producer_a").post(reverse("knowledge:delete", args=[item.pk])).status_code
        == 403
    )
    assert Item.objects.filter(pk=item.pk).exists()


# Files ---------------------------------------------------------------------------------


def test_an_officer_uploads_a_pdf_that_a_reader_downloads(client_for, library):
    item = library["province_a"]
    response = client_for("officer_a").post(
        reverse("knowledge:attachment_add", args=[item.pk]), {"file": pdf(), "caption": "คู่มือ"}
    )
    assert response.status_code == 302
    stored = item.attachments.get()
    download = client_for("producer_a").get(reverse("knowledge:attachment", args=[stored.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert stored.filename in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("name", "content"),
    [("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00"), ("guide.pdf", b"<html><script></script>")],
)
def test_a_file_that_is_not_a_document_is_refused_in_thai(client_for, library, name, content):
    item = library["province_a"]
    response = client_for("officer_a").post(
        reverse("knowledge:attachment_add", args=[item.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    errors = " ".join(response.context["attachment_form"].errors["file"])
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in errors)  # the Thai half of the message
    assert not Attachment.objects.filter(item=item).exists()


def test_a_file_of_an_item_the_user_may_not_read_is_not_there(client_for, library):
    stored = attachment_add(
        by=library["draft_a"].created_by,
        item=library["draft_a"],
        file=ContentFile(b"%PDF-1.4 draft", name="draft.pdf"),
    )
    url = reverse("knowledge:attachment", args=[stored.pk])
    assert client_for("producer_a").get(url).status_code == 404
    assert client_for("officer_b").get(url).status_code == 404
    assert client_for("officer_a").get(url).status_code == 200


def test_an_officer_removes_a_file(client_for, library):
    stored = attachment_add(
        by=library["province_a"].created_by,
        item=library["province_a"],
        file=ContentFile(b"%PDF-1.4 x", name="x.pdf"),
    )
    url = reverse("knowledge:attachment_delete", args=[stored.pk])
    assert client_for("committee_a").post(url).status_code == 403
    assert client_for("officer_a").post(url).status_code == 302
    assert not Attachment.objects.filter(pk=stored.pk).exists()


# The item page and its history ---------------------------------------------------------


def test_the_item_page_opens_video_links_in_a_new_tab(client_for, library, people, geo):
    item = make(
        people["national"],
        geo["50"],
        "วิดีโอสอนทอผ้า",
        video_links="https://www.youtube.com/watch?v=x",
    )
    html = client_for("producer_a").get(reverse("knowledge:item", args=[item.pk])).content.decode()
    assert (
        '<a href="https://www.youtube.com/watch?v=x" target="_blank" rel="noopener noreferrer">'
        in html
    )
    assert 'data-testid="editor-actions"' not in html


def test_the_history_is_for_the_items_editors_only(client_for, library):
    url = reverse("knowledge:history", args=[library["title_match"].pk])
    assert client_for("producer_a").get(url).status_code == 403
    assert client_for("committee_a").get(url).status_code == 403
    assert client_for("officer_a").get(url).status_code == 200


def test_a_case_study_links_its_product_only_for_those_who_may_read_it(
    client_for, people, registry
):
    product = registry["product_b"]
    consent_to_case_studies(product)
    item = item_save(
        by=people["national"],
        item=Item(
            kind="CASE_STUDY",
            province=product.province,
            title="กรณีศึกษา ผ้าทอ B",
            visibility="PUBLIC",
            product=product,
            title_en="Case study B",
            body_en="<p>Woven cloth</p>",
        ),
    )
    link = f'href="{reverse("registry:product", args=[product.pk])}"'
    url = reverse("knowledge:item", args=[item.pk])
    national = client_for("national").get(url).content.decode()
    producer = client_for("producer_a").get(url).content.decode()
    assert link in national
    assert link not in producer and product.name in producer
    assert 'lang="en"' in producer and "<p>Woven cloth</p>" in producer


def test_an_image_file_is_shown_inline_with_its_name(client_for, library):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, "PNG")
    stored = attachment_add(
        by=library["title_match"].created_by,
        item=library["title_match"],
        file=ContentFile(buffer.getvalue(), name="photo.png"),
    )
    url = reverse("knowledge:attachment", args=[stored.pk])
    response = client_for("producer_a").get(url)
    assert response["Content-Disposition"].startswith("inline;")
    assert stored.filename in response["Content-Disposition"]
    page = client_for("producer_a").get(reverse("knowledge:item", args=[library["title_match"].pk]))
    assert f'<img src="{url}"' in page.content.decode()


# Committee members write drafts; officers publish them ---------------------------------


def test_a_committee_member_writes_a_draft_that_an_officer_publishes(
    client_for, library, people, geo
):
    client = client_for("committee_a")
    url = reverse("knowledge:add")
    form = client.get(url).context["form"]
    assert [value for value, _label in form.fields["visibility"].choices] == ["DRAFT"]
    assert list(form.fields["province"].queryset) == [geo["50"]]
    data = open_form(client, url) | {
        "kind": "TECHNIQUE",
        "title": "การหมักครามแบบเย็น",
        "body": "<p>หมักครามกับน้ำด่างขี้เถ้าเจ็ดวัน</p>",
        "province": geo["50"].pk,
        "visibility": "DRAFT",
    }
    response = client.post(url, data)
    item = Item.objects.get(title="การหมักครามแบบเย็น")
    assert response.status_code == 302 and item.created_by == people["committee_a"]
    page = client.get(response["Location"])
    html = page.content.decode()
    assert 'data-testid="awaits-officer"' in html and 'data-testid="publish-form"' not in html
    # A draft of its writer's: another committee member of the province does not see it.
    other = Client()
    other.force_login(make_user("committee_a2", Role.COMMITTEE, geo["50"]))
    assert item.title not in listed(other, visibility="DRAFT")
    assert other.get(reverse("knowledge:item", args=[item.pk])).status_code == 404
    # The province's officer finds it among the drafts and publishes it.
    officer = client_for("officer_a")
    assert item.title in listed(officer, visibility="DRAFT")
    publish = reverse("knowledge:publish", args=[item.pk])
    assert (
        officer.post(publish, {"visibility": "PROVINCE", "version": item.version}).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.visibility == "PROVINCE"
    # Published, it is the officers' to change: its writer reads it but no longer edits it.
    assert client.get(reverse("knowledge:item", args=[item.pk])).status_code == 200
    assert client.get(reverse("knowledge:edit", args=[item.pk])).status_code == 403


def test_a_committee_member_may_not_publish_or_save_a_draft_as_published(client_for, library, geo):
    client = client_for("committee_a")
    url = reverse("knowledge:add")
    data = open_form(client, url) | {
        "kind": "TECHNIQUE",
        "title": "เผยแพร่เองไม่ได้",
        "province": geo["50"].pk,
        "visibility": "PUBLIC",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "visibility" in response.context["form"].errors
    assert not Item.objects.filter(title="เผยแพร่เองไม่ได้").exists()
    client.post(url, data | {"visibility": "DRAFT"})
    item = Item.objects.get(title="เผยแพร่เองไม่ได้")
    publish = reverse("knowledge:publish", args=[item.pk])
    assert client.post(publish, {"visibility": "PUBLIC", "version": 1}).status_code == 403
    item.refresh_from_db()
    assert item.visibility == "DRAFT" and item.published_at is None
    # Nor may they write into another province's library.
    other = data | {"title": "ของจังหวัดอื่น", "province": geo["58"].pk, "visibility": "DRAFT"}
    assert client.post(url, other).status_code == 200
    assert not Item.objects.filter(title="ของจังหวัดอื่น").exists()


def test_publishing_a_case_study_to_everyone_asks_for_the_producers_consent(
    client_for, registry, people
):
    product = registry["product_a"]
    item = item_save(
        by=people["officer_a"],
        item=Item(kind="CASE_STUDY", province=product.province, title="กรณีศึกษา A", product=product),
    )
    client = client_for("officer_a")
    url = reverse("knowledge:item", args=[item.pk])
    consent = f'href="{reverse("privacy:producer", args=[product.producer_id])}"'
    note = client.get(url).content.decode()
    assert 'data-testid="case-study-consent"' in note and consent in note
    publish = reverse("knowledge:publish", args=[item.pk])
    answer = client.post(publish, {"visibility": "PUBLIC", "version": item.version}, follow=True)
    page = answer.content.decode()
    assert "ผู้ผลิตยังไม่ได้ให้ความยินยอมเผยแพร่กรณีศึกษาต่อสาธารณะ" in page
    item.refresh_from_db()
    assert item.visibility == "DRAFT"
    consent_to_case_studies(product)
    assert consent not in client.get(url).content.decode()  # recorded: nothing to ask
    client.post(publish, {"visibility": "PUBLIC", "version": item.version})
    item.refresh_from_db()
    assert item.visibility == "PUBLIC"
