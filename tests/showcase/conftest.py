"""A showcase world: a product developed in KBO whose producer holds private data with unique
markers, contests published and unpublished with scores, news published and draft, and
knowledge items of every visibility by an author with private contact details."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.conftest import consent_to_case_studies
from tests.matrix_showcase import png

# Values that must never reach a public page or file.
PRIVATE = {
    "id_number": "7777766665555",
    "phone": "PHONE-MARKER-0891",
    "contact_name": "นางลับเฉพาะ มาร์กเกอร์",
    "address": "ADDRESS-MARKER บ้านลับ 77/7",
    "account": "ACCOUNT-MARKER",
    "judge": "JUDGE-MARKER",
    "sheet": "SHEET-COMMENT-MARKER",
    "conflict": "CONFLICT-MARKER",
    "unpublished_contest": "UNPUBLISHED-CONTEST-MARKER",
    "unpublished_entry": "UNPUBLISHED-ENTRY-MARKER",
    "draft_news": "DRAFT-NEWS-MARKER",
    "hidden_product": "HIDDEN-PRODUCT-MARKER",
    "certificate_file": "CERTFILE-MARKER",
    "source_phone": "SOURCE-PHONE-MARKER-0892",
    "source_email": "source-marker@example.com",
    "province_knowledge": "PROVINCE-KNOWLEDGE-MARKER",
    "draft_knowledge": "DRAFT-KNOWLEDGE-MARKER",
}


def make_product(producer, code: str, name: str, **extra):
    from kbo.registry.models import Product
    from kbo.search import document

    product = Product.objects.create(
        code=code,
        producer=producer,
        province=producer.province,
        name=name,
        category=extra.pop("category", "TEXTILE"),
        **extra,
    )
    product.search_text = document(product.name, product.code, product.brand, producer.name)
    product.save(update_fields=["search_text"])
    return product


def develop(product, project):
    from kbo.programmes.models import Decision

    return Decision.objects.create(project=project, product=product, status="SELECTED")


def scored_contest(province, product, status: str, name: str, judge, title: str):
    from kbo.contests.models import (
        ConflictDeclaration,
        Contest,
        Criterion,
        Entry,
        JudgeAssignment,
        Panel,
        Score,
        ScoreSheet,
    )

    contest = Contest.objects.create(
        kind="PROVINCIAL",
        level="PROVINCE",
        name=name,
        fiscal_year=2563,
        province=province,
        status=status,
    )
    criterion = Criterion.objects.create(
        contest=contest, order=1, name="อัตลักษณ์", weight=100, max_score=10
    )
    panel = Panel.objects.create(contest=contest, name="คณะกรรมการตัดสิน", stage="SINGLE")
    entry = Entry.objects.create(
        contest=contest, panel=panel, number=1, province=province, product=product, title=title
    )
    JudgeAssignment.objects.create(contest=contest, judge=judge)
    sheet = ScoreSheet.objects.create(
        entry=entry, judge=judge, comment=PRIVATE["sheet"], submitted_at=timezone.now()
    )
    Score.objects.create(sheet=sheet, criterion=criterion, value=Decimal("8.5"))
    ConflictDeclaration.objects.create(entry=entry, judge=judge, reason=PRIVATE["conflict"])
    return contest


def knowledge_items(by, province, product, hidden) -> dict:
    """A PUBLIC item of the province with an attachment, by an author whose phone and e-mail
    are private; a PROVINCE and a DRAFT item (their titles are private); a PUBLIC case study
    of the showcased product and one of a product never developed."""
    from kbo.knowledge.models import Item
    from kbo.knowledge.services import attachment_add, item_save
    from kbo.network.areas import ensure_areas
    from kbo.network.models import ExpertiseArea, KnowledgeSource

    ensure_areas()
    author = KnowledgeSource.objects.create(
        kind="EXPERT",
        name="อาจารย์ผู้เขียน ความรู้",
        phone=PRIVATE["source_phone"],
        email=PRIVATE["source_email"],
        home_province=province,
    )
    packaging = ExpertiseArea.objects.filter(code="packaging")

    def save(title: str, visibility: str, **extra) -> Item:
        return item_save(
            by=by,
            item=Item(
                kind=extra.pop("kind", "TECHNIQUE"),
                province=province,
                visibility=visibility,
                title=title,
                summary="สรุปสั้น ๆ",
                body="<p>เนื้อหาความรู้</p>",
                **extra,
            ),
            areas=packaging,
            categories=["HOUSEHOLD"],
            authors=[author],
        )

    consent_to_case_studies(product, hidden)
    public = save("การออกแบบกล่องตะกร้า", "PUBLIC", video_links="https://youtu.be/kbo")
    attachment = attachment_add(
        by=by, item=public, file=ContentFile(b"%PDF-1.4 kbo", name="guide.pdf"), caption="คู่มือ"
    )
    return {
        "knowledge": public,
        "knowledge_file": attachment,
        "knowledge_province": save(PRIVATE["province_knowledge"], "PROVINCE"),
        "knowledge_draft": save(PRIVATE["draft_knowledge"], "DRAFT"),
        "case_study": save("กรณีศึกษาตะกร้า", "PUBLIC", kind="CASE_STUDY", product=product),
        "case_study_hidden": save(
            "กรณีศึกษาที่ยังไม่ได้พัฒนา", "PUBLIC", kind="CASE_STUDY", product=hidden
        ),
    }


@pytest.fixture
def showcase(people, geo):
    """Province A: a developed product (photo, certificate, shop links) of a producer with
    private data; a product never developed; a published contest and a closed one with
    scores; a published and a draft news item."""
    from kbo.accounts.models import User
    from kbo.geo.models import Subdistrict
    from kbo.programmes.models import Project
    from kbo.registry.models import Certificate, Producer, ProductPhoto
    from kbo.showcase.models import News

    sub = Subdistrict.objects.get(code="500101")
    producer = Producer.objects.create(
        code="P50777",
        producer_type="COMMUNITY_GROUP",
        name="กลุ่มจักสานบ้านศรีภูมิ",
        registered_year=2560,
        province=sub.province,
        district=sub.district,
        subdistrict=sub,
        address=PRIVATE["address"],
        contact_name=PRIVATE["contact_name"],
        phone=PRIVATE["phone"],
        id_number=PRIVATE["id_number"],
    )
    owner = User.objects.create_user(username="owner", first_name=PRIVATE["account"])
    producer.accounts.add(owner)
    product = make_product(
        producer,
        "500777",
        "ตะกร้าไม้ไผ่ลายดอกสัก",
        brand="ศรีภูมิ",
        category="HOUSEHOLD",
        story="ตะกร้าสานจากไม้ไผ่ในชุมชน ลวดลายดอกสักของเชียงใหม่",
        price=Decimal("450"),
        unit="ใบ",
        current_stars=4,
        current_star_year=2565,
        sales_channels=["SHOP", "ONLINE"],
        shop_links="https://shop.example.com/otop/500777\njavascript:alert(1)",
    )
    hidden = make_product(producer, "500778", PRIVATE["hidden_product"])
    project = Project.objects.create(province=sub.province, fiscal_year=2563, name="โครงการ KBO")
    develop(product, project)
    certificate = Certificate.objects.create(
        product=product,
        kind="MOPHOCHO",
        number="มผช. 9/2565",
        issuer="สมอ.",
        expires_on=dt.date(2030, 1, 1),
    )
    certificate.file.save(f"{PRIVATE['certificate_file']}.pdf", ContentFile(b"%PDF"), save=True)
    photo = ProductPhoto(product=product, caption="ตะกร้าใบใหญ่")
    photo.image.save("basket.png", ContentFile(png()), save=True)
    hidden_photo = ProductPhoto(product=hidden, caption="ลับ")
    hidden_photo.image.save("hidden.png", ContentFile(png()), save=True)
    judge = User.objects.create_user(username="judge_marker", first_name=PRIVATE["judge"])
    published = scored_contest(
        sub.province, product, "PUBLISHED", "ประกวด KBO เชียงใหม่ 2563", judge, product.name
    )
    # The judge's conflict is for the closed contest's entry only.
    published.entries.get().declarations.all().delete()
    closed = scored_contest(
        sub.province,
        product,
        "CLOSED",
        PRIVATE["unpublished_contest"],
        judge,
        PRIVATE["unpublished_entry"],
    )
    news = News.objects.create(
        province=sub.province,
        title="ข่าวประชุม KBO",
        body="ย่อหน้าหนึ่ง\n\nย่อหน้าสอง",
        published_on=dt.date(2020, 1, 13),
        status="PUBLISHED",
    )
    draft = News.objects.create(
        province=sub.province,
        title=PRIVATE["draft_news"],
        body=PRIVATE["draft_news"],
        published_on=dt.date(2020, 1, 14),
        status="DRAFT",
    )
    knowledge = knowledge_items(people["national"], sub.province, product, hidden)
    return {
        **knowledge,
        "producer": producer,
        "product": product,
        "hidden": hidden,
        "photo": photo,
        "hidden_photo": hidden_photo,
        "project": project,
        "published": published,
        "closed": closed,
        "news": news,
        "draft": draft,
    }
