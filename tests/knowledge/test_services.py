"""Saving, publishing and reading knowledge items: sanitised text, versions, locking, and
who reads what."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from kbo.core.locking import StaleEdit
from kbo.knowledge.models import Item, ItemVersion
from kbo.knowledge.services import attachment_add, item_publish, item_save

pytestmark = pytest.mark.django_db


def test_a_saved_body_keeps_formatting_and_loses_scripts(make_item, geo):
    item = make_item(
        "ย้อมครามธรรมชาติ",
        province=geo["50"],
        body='<h2>ขั้นตอน</h2><p onclick="steal()">หมัก<strong>คราม</strong></p>'
        '<script>alert(1)</script><a href="javascript:alert(1)">ลิงก์</a>'
        '<img src=x onerror="alert(1)"><a href="https://www.cdd.go.th">กรมการพัฒนาชุมชน</a>',
    )
    item.refresh_from_db()
    assert "<h2>ขั้นตอน</h2>" in item.body
    assert "<strong>คราม</strong>" in item.body
    for unsafe in ("<script", "onclick", "javascript:", "onerror", "<img"):
        assert unsafe not in item.body
    assert 'href="https://www.cdd.go.th"' in item.body


def test_a_plain_text_body_becomes_paragraphs(make_item):
    item = make_item("ต้นทุน", body="ย่อหน้าแรก\nบรรทัดสอง\n\nย่อหน้าที่ <สอง>")
    assert item.body == "<p>ย่อหน้าแรก<br>บรรทัดสอง</p><p>ย่อหน้าที่ &lt;สอง&gt;</p>"


def test_every_save_records_a_version_with_who_saved_it(make_item, people, geo):
    officer = people["officer_a"]
    item = make_item("การตั้งราคา", province=geo["50"], body="ฉบับแรก", by=officer)
    item.body = "ฉบับที่สอง"
    item_save(by=officer, item=item, version=1, note="แก้ตัวเลข")
    item_publish(by=officer, item=item, visibility="PUBLIC", version=2)
    versions = list(ItemVersion.objects.filter(item=item).order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert [v.saved_by for v in versions] == [officer] * 3
    assert "ฉบับแรก" in versions[0].body and "ฉบับที่สอง" in versions[1].body
    assert versions[1].note == "แก้ตัวเลข"
    assert versions[2].visibility == "PUBLIC"
    item.refresh_from_db()
    assert item.published_at is not None and item.updated_by == officer


def test_a_stale_edit_is_refused_and_changes_nothing(make_item, people, geo):
    officer = people["officer_a"]
    item = make_item("ฉลากโภชนาการ", province=geo["50"], body="เดิม", by=officer)
    first = Item.objects.get(pk=item.pk)
    second = Item.objects.get(pk=item.pk)
    first.body = "คนแรกแก้"
    item_save(by=officer, item=first, version=1)
    second.body = "คนที่สองแก้"
    with pytest.raises(StaleEdit):
        item_save(by=people["national"], item=second, version=1)
    item.refresh_from_db()
    assert "คนแรกแก้" in item.body
    assert ItemVersion.objects.filter(item=item).count() == 2


@pytest.mark.parametrize("persona", ["officer_b", "committee_a", "producer_a", "judge_a"])
def test_only_officers_of_the_province_and_national_staff_change_an_item(
    make_item, people, geo, persona
):
    item = make_item("บรรจุภัณฑ์", province=geo["50"], body="เดิม")
    item.body = "แก้"
    with pytest.raises(PermissionDenied):
        item_save(by=people[persona], item=item, version=1)
    with pytest.raises(PermissionDenied):
        item_publish(by=people[persona], item=item, visibility="PUBLIC")
    assert Item.objects.get(pk=item.pk).version == 1


def test_national_items_are_kept_by_national_staff_only(make_item, people):
    with pytest.raises(PermissionDenied):
        make_item("คู่มือระดับประเทศ", by=people["officer_a"])
    assert make_item("คู่มือระดับประเทศ").province is None


def test_an_unknown_category_or_a_bad_video_link_is_refused(make_item, geo):
    with pytest.raises(ValidationError):
        make_item("x", province=geo["50"], categories=["CARS"])
    with pytest.raises(ValidationError) as error:
        make_item("x", province=geo["50"], video_links="https://youtu.be/a\njavascript:alert(1)")
    assert "2" in str(error.value)
    assert not Item.objects.filter(title="x").exists()


def test_an_attachment_must_be_a_document_or_a_photo(make_item, people, geo):
    item = make_item("แบบฟอร์ม", province=geo["50"])
    attachment_add(
        by=people["officer_a"], item=item, file=ContentFile(b"%PDF-1.4 x", name="form.pdf")
    )
    with pytest.raises(ValidationError) as error:
        attachment_add(
            by=people["officer_a"],
            item=item,
            file=ContentFile(b"<html><script>x</script>", name="form.pdf"),
        )
    assert "PDF" in str(error.value)
    assert item.attachments.count() == 1


# Who reads what ---------------------------------------------------------------------------

READERS = {
    # item → personas who read it (national staff read everything)
    "public_a": {"anonymous", "officer_a", "officer_b", "committee_a", "judge_a", "producer_a",
                 "producer_b", "national"},
    "province_a": {"officer_a", "committee_a", "judge_a", "producer_a", "national"},
    "draft_a": {"officer_a", "national"},
    "province_national": {"officer_a", "officer_b", "committee_a", "judge_a", "producer_a",
                          "producer_b", "national"},
    "draft_national": {"national"},
}  # fmt: skip


@pytest.fixture
def library(make_item, geo):
    return {
        "public_a": make_item("สาธารณะ", province=geo["50"], visibility="PUBLIC"),
        "province_a": make_item("เฉพาะจังหวัด", province=geo["50"], visibility="PROVINCE"),
        "draft_a": make_item("ร่าง", province=geo["50"]),
        "province_national": make_item("เฉพาะผู้ใช้", visibility="PROVINCE"),
        "draft_national": make_item("ร่างระดับประเทศ"),
    }


@pytest.mark.parametrize(
    "persona",
    ["anonymous", "officer_a", "officer_b", "committee_a", "judge_a", "producer_a",
     "producer_b", "national"],
)  # fmt: skip
def test_each_persona_reads_what_its_role_and_province_allow(library, people, persona):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if persona == "anonymous" else people[persona]
    seen = set(Item.objects.for_user(user).values_list("pk", flat=True))
    expected = {library[key].pk for key, readers in READERS.items() if persona in readers}
    assert seen == expected


def test_a_committee_member_changes_only_their_own_drafts(make_item, people, geo):
    from kbo.knowledge.services import item_delete

    member, officer = people["committee_a"], people["officer_a"]
    own = make_item("ร่างของกรรมการ", province=geo["50"], visibility="DRAFT", by=member)
    assert own.created_by == member and Item.objects.for_user(member).filter(pk=own.pk).exists()
    own.body = "เพิ่มขั้นตอนการล้างผ้า"
    item_save(by=member, item=own, version=own.version)
    attachment_add(by=member, item=own, file=ContentFile(b"%PDF-1.4 x", name="ขั้นตอน.pdf"))
    with pytest.raises(PermissionDenied):
        item_publish(by=member, item=own, visibility="PUBLIC", version=own.version)
    theirs = make_item("ร่างของเจ้าหน้าที่", province=geo["50"], visibility="DRAFT", by=officer)
    assert not Item.objects.for_user(member).filter(pk=theirs.pk).exists()
    theirs.title = "กรรมการแก้"
    with pytest.raises(PermissionDenied):
        item_save(by=member, item=theirs, version=theirs.version)
    # Once an officer has published it, it is no longer the member's to change or delete.
    item_publish(
        by=officer, item=own, visibility="PROVINCE", version=Item.objects.get(pk=own.pk).version
    )
    stale = Item.objects.get(pk=own.pk)
    stale.visibility = "DRAFT"  # as the member's editor still shows it
    stale.title = "แก้หลังเผยแพร่"
    with pytest.raises(PermissionDenied):
        item_save(by=member, item=stale, version=stale.version)
    with pytest.raises(PermissionDenied):
        item_delete(by=member, item=Item.objects.get(pk=own.pk))
    assert Item.objects.get(pk=own.pk).title == "ร่างของกรรมการ"


def test_a_committee_member_saves_drafts_only_in_their_own_province(make_item, people, geo):
    member = people["committee_a"]
    with pytest.raises(PermissionDenied):
        make_item("ของจังหวัดอื่น", province=geo["58"], visibility="DRAFT", by=member)
    with pytest.raises(PermissionDenied):
        make_item("ระดับประเทศ", province=None, visibility="DRAFT", by=member)
    with pytest.raises(ValidationError) as refused:
        make_item("เผยแพร่เอง", province=geo["50"], visibility="PUBLIC", by=member)
    assert "visibility" in refused.value.error_dict
    assert not Item.objects.filter(created_by=member).exists()
