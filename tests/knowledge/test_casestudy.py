"""A case study drafted from a product's passport carries the product's recorded numbers."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kbo.knowledge import rich
from kbo.knowledge.casestudy import case_study_draft
from kbo.knowledge.models import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def developed(registry, people, kbo_network, areas):
    """Product A selected in the fiscal-2565 project and developed (tests/matrix_plans.py),
    with sales of 80,000 baht in 2564 (the baseline) and 120,000 in 2565 (the registry
    fixture's), stars 3 in 2565, a need and plan item of packaging helped by knowledge
    source A, and two contests: one published, one closed (its results are not public)."""
    from kbo.programmes.models import PlanItem, Project
    from kbo.registry.models import Sale
    from tests.matrix_contests import build_contest
    from tests.matrix_plans import develop

    product = registry["product_a"]
    project = Project.objects.create(province=product.province, fiscal_year=2565, name="KBO 65")
    made = develop(project, product, people["national"])
    PlanItem.objects.create(
        decision=made["decision"],
        area="ONLINE",
        action="เปิดร้านค้าออนไลน์",
        responsible=kbo_network["source_a"],
        due_on=dt.date(2022, 6, 30),
        status="DONE",
        result="ขายได้ 30 ผืนในเดือนแรก",
    )
    Sale.objects.create(product=product, fiscal_year=2564, amount=Decimal("80000"))
    build_contest(product.province, "PUBLISHED", "ประกวด KBO เชียงใหม่ 2565", product, None)
    build_contest(product.province, "CLOSED", "ประกวดที่ยังไม่ประกาศผล", product, None)
    return {"product": product, **made}


def test_the_draft_carries_the_recorded_numbers(developed, people):
    item, created = case_study_draft(by=people["officer_a"], product=developed["product"])
    assert created
    text = rich.plain(item.body)
    assert "รายได้ปี 2564 (ก่อนพัฒนา): 80,000 บาท" in text
    assert "รายได้ปี 2565 (ปีที่พัฒนา): 120,000 บาท" in text
    assert "เพิ่มขึ้น 40,000 บาท (50.0%)" in text
    assert "ระดับดาวหลังพัฒนา: 3 ดาว" in text
    # The yearly table holds every recorded year.
    assert "<li>ปีงบประมาณ 2564: 80,000 บาท</li>" in item.body
    assert "<li>ปีงบประมาณ 2565: 120,000 บาท</li>" in item.body


def test_the_draft_tells_the_development_and_who_helped(developed, people, kbo_network):
    item, _created = case_study_draft(by=people["officer_a"], product=developed["product"])
    text = rich.plain(item.body)
    assert "จุดแข็ง: ลายผ้าเอกลักษณ์" in text
    assert "จัดอบรมออกแบบกล่อง — โดย มหาวิทยาลัยเชียงใหม่" in text
    assert f"เปิดร้านค้าออนไลน์ — โดย {kbo_network['source_a'].name}" in text
    assert "กล่องผ้าแบบใหม่" in text and "เปลี่ยนสีกล่อง" in text
    assert list(item.authors.all()) == [kbo_network["source_a"]]
    assert {a.code for a in item.areas.all()} == {"packaging", "ecommerce"}
    assert item.category_codes == ["TEXTILE"]


def test_only_published_contest_results_go_into_the_draft(developed, people):
    item, _created = case_study_draft(by=people["officer_a"], product=developed["product"])
    assert "ประกวด KBO เชียงใหม่ 2565" in item.body
    assert "ประกวดที่ยังไม่ประกาศผล" not in item.body


def test_the_draft_is_private_to_the_province_until_published(developed, people):
    item, _created = case_study_draft(by=people["officer_a"], product=developed["product"])
    assert item.visibility == "DRAFT"
    assert item.province == developed["product"].province
    assert item.product == developed["product"]
    assert not Item.objects.for_user(people["producer_a"]).filter(pk=item.pk).exists()
    assert item.versions.get().note  # "drafted from the product's passport"


def test_a_second_draft_returns_the_case_study_already_there(developed, people):
    first, _created = case_study_draft(by=people["officer_a"], product=developed["product"])
    again, created = case_study_draft(by=people["national"], product=developed["product"])
    assert (again, created) == (first, False)
    assert Item.objects.filter(kind="CASE_STUDY").count() == 1


def test_a_product_never_selected_has_no_case_study(registry, people):
    with pytest.raises(ValidationError):
        case_study_draft(by=people["officer_a"], product=registry["product_a"])
    assert not Item.objects.exists()


def test_another_province_cannot_draft(developed, people):
    with pytest.raises(PermissionDenied):
        case_study_draft(by=people["officer_b"], product=developed["product"])
    assert not Item.objects.exists()


def test_a_product_without_sales_says_so_instead_of_inventing_a_number(developed, people):
    developed["product"].sales.all().delete()
    item, _created = case_study_draft(by=people["officer_a"], product=developed["product"])
    text = rich.plain(item.body)
    assert "รายได้ปี 2564 (ก่อนพัฒนา): ไม่มีข้อมูล" in text
    assert "การเปลี่ยนแปลง" not in text


def test_a_case_study_goes_public_only_with_the_producers_consent(developed, people):
    from kbo.knowledge.services import item_publish, item_save
    from kbo.privacy.services import consent_record

    officer, product = people["officer_a"], developed["product"]
    item, _created = case_study_draft(by=officer, product=product)
    with pytest.raises(ValidationError) as refused:
        item_publish(by=officer, item=item, visibility="PUBLIC", version=item.version)
    assert "consent" in str(refused.value) and "ความยินยอม" in str(refused.value)
    item.visibility = "PUBLIC"
    with pytest.raises(ValidationError):  # nor by saving it as public in the editor
        item_save(by=officer, item=item, version=item.version)
    stored = Item.objects.get(pk=item.pk)
    assert stored.visibility == "DRAFT" and stored.published_at is None
    # The province may read it without the consent.
    item_publish(by=officer, item=stored, visibility="PROVINCE", version=stored.version)
    consent_record(by=officer, producer=product.producer, purpose="CASE_STUDY", given=True)
    stored = Item.objects.get(pk=item.pk)
    item_publish(by=officer, item=stored, visibility="PUBLIC", version=stored.version)
    assert Item.objects.get(pk=item.pk).visibility == "PUBLIC"


def test_withdrawing_the_consent_takes_the_public_case_study_back_to_the_province(
    developed, people
):
    from kbo.knowledge.services import item_publish
    from kbo.privacy.services import consent_record

    officer, product = people["officer_a"], developed["product"]
    item, _created = case_study_draft(by=officer, product=product)
    consent_record(by=officer, producer=product.producer, purpose="CASE_STUDY", given=True)
    item_publish(by=officer, item=item, visibility="PUBLIC", version=item.version)
    # Another purpose's withdrawal changes nothing.
    consent_record(by=officer, producer=product.producer, purpose="PUBLICATION", given=False)
    assert Item.objects.get(pk=item.pk).visibility == "PUBLIC"
    consent_record(
        by=officer, producer=product.producer, purpose="CASE_STUDY", given=False, evidence="โทรแจ้ง"
    )
    item.refresh_from_db()
    assert item.visibility == "PROVINCE" and item.updated_by == officer
    last = item.versions.order_by("-number").first()
    assert last.number == item.version and last.saved_by == officer
    assert last.note == "ผู้ผลิตถอนความยินยอมเผยแพร่กรณีศึกษาต่อสาธารณะ"  # Thai first
