"""Demo knowledge library (`kbo demo`, after the showcase's news): about sixty items of every
kind but case studies (demo_items.py, demo_items_more.py) — national ones saved by the demo
national administrator, Chiang Mai's and Mae Hong Son's by the province's demo officer, through
`services.item_save` so they are sanitised, indexed and versioned — the handouts of Chiang
Mai's five-day course linked to its sessions, and a case study drafted from the passport of
every product selected in Chiang Mai's fiscal 2562 project (`casestudy.case_study_draft`),
all but the last two given a lessons paragraph and published (each producer's consent to a
public case study recorded first, as the rule requires).

A second run creates nothing and changes nothing: an item whose title is there already is
left as it is (officers may have edited it), and a product with a case study gets it back.
Loads are not audited row by row (as the other demo loads).
"""

import datetime as dt
from typing import Any

from auditlog.context import disable_auditlog
from django.db import transaction

from kbo.accounts.models import User
from kbo.geo.models import Province
from kbo.knowledge import demo_items, demo_items_more
from kbo.knowledge.casestudy import case_study_draft
from kbo.knowledge.models import Item, Kind, Visibility
from kbo.knowledge.services import item_publish, item_save
from kbo.network.areas import ensure_areas
from kbo.network.models import ExpertiseArea, KnowledgeSource
from kbo.outcomes.measures import outcomes
from kbo.privacy.models import Purpose
from kbo.privacy.services import consent_is_given, consent_record
from kbo.programmes.models import Decision
from kbo.registry.models import Product
from kbo.trainings.models import Session

CHIANG_MAI = "50"
CASE_YEAR = 2562
DRAFT_CASES = 2  # the last case studies stay drafts, for the guide's drafting flow
CONSENT_EVIDENCE = "หนังสือยินยอมเผยแพร่กรณีศึกษา (ข้อมูลสาธิต)"
EDITORS = {None: "national", "50": "officer.chiangmai", "58": "officer.maehongson"}
ITEMS: list[dict[str, Any]] = [*demo_items.ITEMS, *demo_items_more.ITEMS]
FIRST_PUBLISHED = dt.datetime(2020, 1, 6, 10, 0, tzinfo=dt.UTC)
NOTE = "ข้อมูลสาธิต"

PLACEHOLDER = "(เจ้าหน้าที่เขียนเพิ่ม: สิ่งที่ได้ผล สิ่งที่ควรทำต่อ และข้อแนะนำสำหรับผู้ผลิตรายอื่น)"
LESSONS = {
    "TEXTILE": (
        "สิ่งที่ได้ผลคือการคุมสีย้อมให้ตรงกันทุกล็อตและการเล่าเรื่องลวดลายบนป้ายห้อย "
        "ลูกค้าร้านค้าในเมืองสั่งซ้ำเมื่อได้ผ้าสีเดิม ควรทำต่อคือขอ มผช. ผ้าทอมือ "
        "และทำสินค้าชิ้นเล็กราคาย่อมเยาจากผ้าผืนเดิม"
    ),
    "HOUSEHOLD": (
        "สิ่งที่ได้ผลคือการลดของเสียในการผลิตและการทำป้ายบอกวัสดุและวิธีดูแลทุกชิ้น "
        "ร้านของที่ระลึกรับสินค้าง่ายขึ้น ควรทำต่อคือบรรจุภัณฑ์ที่ส่งพัสดุได้ไม่แตก "
        "เพื่อขายออนไลน์นอกฤดูท่องเที่ยว"
    ),
    "BEVERAGE": (
        "สิ่งที่ได้ผลคือการคุมความชื้นด้วยตู้อบและถุงฟอยล์ซิปล็อก ทำให้อายุการเก็บยาวพอ "
        "ส่งร้านค้าต่างอำเภอได้ ควรทำต่อคือฉลากโภชนาการและชุดของฝากสำหรับงานแสดงสินค้า"
    ),
}
LESSON_OTHER = (
    "สิ่งที่ได้ผลคือการบันทึกยอดขายรายเดือนตามช่องทาง ทำให้กลุ่มรู้ว่าช่องทางใดคุ้มค่า "
    "ควรทำต่อคือมาตรฐานผลิตภัณฑ์และการขายออนไลน์"
)


def _lessons(body: str, category: str) -> str:
    text = LESSONS.get(category, LESSON_OTHER)
    if PLACEHOLDER in body:
        return body.replace(PLACEHOLDER, text)
    return f"{body}<h2>บทเรียนและข้อแนะนำ</h2><p>{text}</p>"


def _items(editors: dict[str | None, User]) -> int:
    """The library's items that are not there yet (by title); return how many were made."""
    ensure_areas()
    areas = {a.code: a for a in ExpertiseArea.objects.all()}
    provinces = {p.code: p for p in Province.objects.filter(code__in=["50", "58"])}
    names = {name for spec in ITEMS for name in spec["authors"]}
    sources = {s.name: s for s in KnowledgeSource.objects.filter(name__in=names)}
    sessions = {
        s.topic: s
        for s in Session.objects.filter(training__project__province__code=CHIANG_MAI).order_by(
            "-training__project__fiscal_year", "-pk"
        )
    }
    have = set(Item.objects.exclude(kind=Kind.CASE_STUDY).values_list("title", flat=True))
    made = 0
    for number, spec in enumerate(ITEMS):
        if spec["title"] in have:
            continue
        code = spec["province"]
        published = spec["visibility"] != Visibility.DRAFT
        item = Item(
            kind=spec["kind"],
            title=spec["title"],
            title_en=spec["title_en"],
            summary=spec["summary"],
            body=spec["body"],
            video_links="\n".join(spec["links"]),
            province=provinces[code] if code else None,
            visibility=spec["visibility"],
            authors_other=spec["authors_other"],
            published_at=FIRST_PUBLISHED + dt.timedelta(days=29 * number) if published else None,
        )
        writer = User.objects.filter(username=spec["by"]).first() if spec["by"] else None
        item_save(
            by=writer or editors[code],
            item=item,
            areas=[areas[c] for c in spec["areas"]],
            categories=spec["categories"],
            provinces=[provinces[code]] if code else [],
            authors=[sources[n] for n in spec["authors"] if n in sources],
            sessions=[sessions[t] for t in spec["sessions"] if t in sessions],
            note=NOTE,
        )
        made += 1
    return made


def _case_studies(officer: User) -> tuple[int, int]:
    """A case study of every product selected in Chiang Mai's 2562 project; the new ones get
    a lessons paragraph and are published, but for the last DRAFT_CASES."""
    decisions = Decision.objects.filter(
        project__province__code=CHIANG_MAI,
        project__fiscal_year=CASE_YEAR,
        status=Decision.Status.SELECTED,
    )
    order = [o.product_id for o in outcomes(decisions)]
    products = Product.objects.in_bulk(order)
    made = published = 0
    for number, pk in enumerate(order):
        product = products[pk]
        item, created = case_study_draft(by=officer, product=product, year=CASE_YEAR)
        made += created
        if not created or number >= len(order) - DRAFT_CASES:
            continue
        item.body = _lessons(item.body, product.category)
        item_save(by=officer, item=item, version=item.version, note="เพิ่มบทเรียนและข้อแนะนำ")
        if not consent_is_given(product.producer_id, Purpose.CASE_STUDY):
            consent_record(
                by=officer,
                producer=product.producer,
                purpose=Purpose.CASE_STUDY,
                given=True,
                evidence=CONSENT_EVIDENCE,
            )
        item_publish(by=officer, item=item, visibility=Visibility.PUBLIC, version=item.version)
        published += 1
    return made, published


def load() -> dict[str, int]:
    """Create the demo items that are missing; return counts for the summary line."""
    users = {u.username: u for u in User.objects.filter(username__in=EDITORS.values())}
    editors = {code: users[name] for code, name in EDITORS.items()}
    with transaction.atomic(), disable_auditlog():
        made = _items(editors)
        cases_made, _published = _case_studies(editors[CHIANG_MAI])
    items = Item.objects.all()
    return {
        "items": items.count(),
        "items_created": made,
        "case_studies": items.filter(kind=Kind.CASE_STUDY).count(),
        "case_studies_created": cases_made,
        "public": items.filter(visibility=Visibility.PUBLIC).count(),
        "drafts": items.filter(visibility=Visibility.DRAFT).count(),
    }
