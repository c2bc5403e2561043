"""Permission-matrix rows for the knowledge library (see tests/test_permissions.py).

The world: in each province (A: Chiang Mai, B: Mae Hong Son) a public, a province-only and
a draft item, each with an attachment; a draft committee_a wrote in province A (with an
attachment); a national public and a national province-only item; and a drafted case study
of product A. Who reads what: tests/knowledge/ and the rows below.
"""

from tests import matrix_knowledge_links
from tests.permission_cases import Case, signed_in


def _pk(key: str):
    return lambda w: {"pk": w[f"knowledge_{key}"].pk}


# Who reads each item (its page, its files): a province item is read by anyone with a role in
# the province, a draft by its editors only; another province's is not there (404).
READ = {
    "public_a": signed_in(200),
    "province_a": signed_in(200, officer_b=404),
    "draft_a": signed_in(404, officer_a=200, national=200),
    "contributed_a": signed_in(404, officer_a=200, national=200, committee_a=200),
    "public_b": signed_in(200),
    "province_b": signed_in(404, officer_b=200, national=200),
    "draft_b": signed_in(404, officer_b=200, national=200),
    "national_public": signed_in(200),
    "national_province": signed_in(200),
}
# Who changes it (the editor, the delete confirmation, the history): the officers of its
# province and national staff; national items national staff only; a committee member's
# draft also its writer. A reader who may not change it gets 403.
EDIT = {
    "public_a": signed_in(403, officer_a=200, national=200),
    "province_a": signed_in(403, officer_a=200, officer_b=404, national=200),
    "draft_a": signed_in(404, officer_a=200, national=200),
    "contributed_a": signed_in(404, officer_a=200, national=200, committee_a=200),
    "public_b": signed_in(403, officer_b=200, national=200),
    "province_b": signed_in(404, officer_b=200, national=200),
    "draft_b": signed_in(404, officer_b=200, national=200),
    "national_public": signed_in(403, national=200),
    "national_province": signed_in(403, national=200),
}
WRITERS = signed_in(403, officer_a=200, officer_b=200, national=200, committee_a=200)
POST_ONLY = signed_in(405)

# The library's own pages (/knowledge/).
LIBRARY: list[Case] = [
    Case("knowledge:index", signed_in(200)),
    Case("knowledge:add", WRITERS),
    *(Case("knowledge:item", READ[key], _pk(key), note=key) for key in READ),
    *(Case("knowledge:edit", EDIT[key], _pk(key), note=key) for key in EDIT),
    *(Case("knowledge:delete", EDIT[key], _pk(key), note=key) for key in EDIT),
    *(Case("knowledge:history", EDIT[key], _pk(key), note=key) for key in EDIT),
    Case("knowledge:publish", POST_ONLY, _pk("draft_a"), note="POST only"),
    Case("knowledge:attachment_add", POST_ONLY, _pk("public_a"), note="POST only"),
    *(
        Case("knowledge:attachment", READ[key], _pk(f"file_{key}"), note=key)
        for key in READ
        if not key.startswith("national")
    ),
    Case("knowledge:attachment_delete", POST_ONLY, _pk("file_public_a"), note="POST only"),
]

CASES: list[Case] = [*LIBRARY, *matrix_knowledge_links.CASES]


def world(made: dict, search: bool = False) -> dict:
    """Built with plain inserts (a few queries), not the services: every cell of the
    matrices builds the world again, and saving through item_save (versions, audit rows,
    many-to-many signals) and drafting a case study cost a quarter of a second a cell on
    PostgreSQL. With `search`, the search documents are filled by services.item_index, as a
    save does (the matrices never search these items)."""
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from kbo.knowledge.models import Attachment, Item, ItemCategory
    from kbo.knowledge.services import item_index
    from kbo.network.models import ExpertiseArea
    from kbo.programmes.models import Decision

    areas = {a.code: a for a in ExpertiseArea.objects.filter(code__in=["packaging", "quality"])}
    now = timezone.now()
    rows: dict[str, Item] = {}
    for key in ("a", "b"):
        province = made[f"product_{key}"].province
        for visibility in ("PUBLIC", "PROVINCE", "DRAFT"):
            rows[f"{visibility.lower()}_{key}"] = Item(
                kind="TECHNIQUE",
                province=province,
                visibility=visibility,
                title=f"การออกแบบบรรจุภัณฑ์ {visibility} {key}",
                summary="บรรจุภัณฑ์สำหรับงานแสดงสินค้า",
                body="<p>กล่องกระดาษ<strong>ลูกฟูก</strong></p>",
                video_links="https://www.youtube.com/watch?v=kbo",
                published_at=None if visibility == "DRAFT" else now,
            )
    for visibility in ("PUBLIC", "PROVINCE"):
        rows[f"national_{visibility.lower()}"] = Item(
            kind="STANDARD",
            visibility=visibility,
            title=f"คู่มือการขอ มผช. ระดับประเทศ {visibility}",
            body="<p>ขั้นตอนการยื่นขอ มผช.</p>",
            published_at=now,
        )
    rows["contributed_a"] = Item(
        kind="TECHNIQUE",
        province=made["product_a"].province,
        visibility="DRAFT",
        title="เทคนิคการย้อมสีธรรมชาติ ร่างของกรรมการ",
        body="<p>ย้อมครามแบบหมักเย็น</p>",
        created_by=get_user_model().objects.get(username="committee_a"),
    )
    # Product A is developed in project A by the showcase matrix's world, when it ran first:
    # its case study (drafting again opens it).
    product_a = made["product_a"]
    if Decision.objects.filter(product=product_a, status="SELECTED").exists():
        rows["case_a"] = Item(
            kind="CASE_STUDY",
            province=product_a.province,
            product=product_a,
            title=f"กรณีศึกษา: {product_a.name}",
            body="<p>รายได้ก่อนและหลังพัฒนา</p>",
        )
    Item.objects.bulk_create(rows.values())
    Areas, Provinces, Authors = Item.areas.through, Item.provinces.through, Item.authors.through
    area_rows, province_rows, author_rows, categories = [], [], [], []
    for name, item in rows.items():
        national = name.startswith("national")
        code = "quality" if national else "packaging"
        area_rows.append(Areas(item_id=item.pk, expertisearea_id=areas[code].pk))
        for category in ("TEXTILE", "FOOD") if national else ("TEXTILE",):
            categories.append(ItemCategory(item=item, category=category))
        if not national and name != "case_a":
            side = name[-1]
            province_rows.append(Provinces(item_id=item.pk, province_id=item.province_id))
            author_rows.append(
                Authors(item_id=item.pk, knowledgesource_id=made[f"source_{side}"].pk)
            )
    Areas.objects.bulk_create(area_rows)
    Provinces.objects.bulk_create(province_rows)
    Authors.objects.bulk_create(author_rows)
    ItemCategory.objects.bulk_create(categories)
    for item in rows.values() if search else ():
        item_index(item)
    stored = default_storage.save("knowledge/matrix.pdf", ContentFile(b"%PDF-1.4 knowledge"))
    files = {
        name: Attachment(item=item, file=stored, caption="เอกสารประกอบ")
        for name, item in rows.items()
        if not name.startswith(("national", "case"))
    }
    Attachment.objects.bulk_create(files.values())
    found: dict = {f"knowledge_{name}": item for name, item in rows.items()}
    found |= {f"knowledge_file_{name}": file for name, file in files.items()}
    return found
