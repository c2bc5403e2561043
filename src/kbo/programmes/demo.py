"""Demo yearly projects (`kbo demo`, after the registry and network demos).

Chiang Mai (50): the fiscal 2562 project with 11 selected products (3 textiles, 6 household
items, 2 beverages) and the fiscal 2563 project with 20 (10 textiles, 5 household items,
2 foods, 2 beverages, 1 non-food herbal), as the article on meeting 1/2563 counts them; some
2562 products are selected again in 2563. The 2563 project has its three activities,
targets, reserve and not-selected decisions with reasons, analyses, needs and plan items for
six products, a prototype in two versions, and the five-day course of the Chiang Mai
article with attendance. Mae Hong Son (58): the fiscal 2565 project of its article (group D
or 1–3 stars, registered 2557–2564) with 27 selected products.

Products are chosen among the candidates of each project's criteria (one per producer), the
ones already selected first, so a second run finds every row again and creates nothing.
Bulk loads are not audited row by row, as for the other demos.
"""

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from auditlog.context import disable_auditlog
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kbo.accounts.models import User
from kbo.geo.models import Province
from kbo.network.models import CommitteeSeat, KnowledgeSource, Term
from kbo.programmes import services
from kbo.programmes.models import (
    NEED_AREA_EXPERTISE,
    Activity,
    Analysis,
    Criteria,
    Decision,
    Evidence,
    Need,
    PlanItem,
    Project,
    Prototype,
    PrototypeVersion,
    Target,
)
from kbo.registry.models import Product
from kbo.trainings.models import Session, SessionAttendance, Trainee, Training

D = dt.date
PROJECT_NAME = "โครงการส่งเสริมกระบวนการเครือข่ายองค์ความรู้ (Knowledge-Based OTOP : KBO) จังหวัด{p} ปี {y}"
OBJECTIVES = (
    "ส่งเสริมให้เครือข่ายองค์ความรู้ KBO จังหวัดเป็นศูนย์กลางในการพัฒนาขีดความสามารถของผู้ผลิต "
    "ผู้ประกอบการ OTOP ให้ผลิตภัณฑ์มีคุณภาพ ได้มาตรฐาน มีบรรจุภัณฑ์ที่เหมาะสม เพิ่มมูลค่า และสร้างนวัตกรรม"
)

# Province, fiscal year, officer, budget by activity (kind → budget, starts, ends), targets,
# selected products by category, criteria beyond the defaults.
PROJECTS: list[dict[str, Any]] = [
    {
        "code": "50", "year": 2562, "officer": "officer.chiangmai",
        "activities": {"CAPACITY": (45000, D(2018, 11, 1), D(2019, 1, 31)),
                       "DEVELOPMENT": (280000, D(2019, 1, 14), D(2019, 8, 30)),
                       "CONTEST": (75000, D(2019, 6, 3), D(2019, 9, 13))},
        "targets": {"PRODUCTS": 11, "PRODUCERS": 11, "COMMITTEE": 17, "OTHERS": 5},
        "selected": {"TEXTILE": 3, "HOUSEHOLD": 6, "BEVERAGE": 2},
        "not_selected": 2, "reserve": 0, "criteria": {},
    },
    {
        "code": "50", "year": 2563, "officer": "officer.chiangmai",
        "activities": {"CAPACITY": (60000, D(2019, 11, 4), D(2020, 1, 31)),
                       "DEVELOPMENT": (350000, D(2020, 1, 13), D(2020, 8, 28)),
                       "CONTEST": (90000, D(2020, 6, 1), D(2020, 9, 15))},
        "targets": {"PRODUCTS": 20, "PRODUCERS": 20, "COMMITTEE": 20, "OTHERS": 10},
        "selected": {"TEXTILE": 10, "HOUSEHOLD": 5, "FOOD": 2, "BEVERAGE": 2, "HERBAL": 1},
        "again": {"TEXTILE": 2, "HOUSEHOLD": 2, "BEVERAGE": 1},  # selected in 2562 too
        "not_selected": 3, "reserve": 3, "criteria": {},
    },
    {
        "code": "58", "year": 2565, "officer": "officer.maehongson",
        "activities": {"CAPACITY": (55000, D(2021, 11, 15), D(2022, 2, 28)),
                       "DEVELOPMENT": (405000, D(2022, 2, 14), D(2022, 8, 31)),
                       "CONTEST": (80000, D(2022, 6, 1), D(2022, 9, 16))},
        "targets": {"PRODUCTS": 27, "PRODUCERS": 27, "COMMITTEE": 23, "OTHERS": 10},
        "selected": {"TEXTILE": 8, "FOOD": 7, "BEVERAGE": 4, "HOUSEHOLD": 5, "HERBAL": 3},
        "not_selected": 2, "reserve": 2,
        "criteria": {"registered_from": 2557, "registered_to": 2564},
    },
]  # fmt: skip

NOT_SELECTED_REASONS = [
    "ผู้ผลิตไม่สะดวกเข้าร่วมกิจกรรมได้ตลอดโครงการ",
    "ได้รับการสนับสนุนจากโครงการอื่นในปีเดียวกันแล้ว",
    "วัตถุดิบไม่เพียงพอต่อการผลิตอย่างต่อเนื่อง",
]
RESERVE_REASON = "ผ่านเกณฑ์ เป็นลำดับสำรองเมื่อมีผู้ผลิตสละสิทธิ์"

# SWOT by category: strengths, weaknesses, opportunities, threats.
SWOT = {
    "TEXTILE": ("ลายผ้าและเทคนิคการทอเป็นเอกลักษณ์ของล้านนา ใช้ฝ้ายและสีธรรมชาติจากชุมชน",
                "รูปแบบผลิตภัณฑ์ยังเป็นแบบดั้งเดิม ขนาดและสีไม่สม่ำเสมอ ไม่มีป้ายบอกวิธีดูแล",
                "นักท่องเที่ยวและตลาดผ้ารักษ์โลกต้องการผ้าทอมือสีธรรมชาติ ขายออนไลน์ได้",
                "สินค้าเลียนแบบจากโรงงานราคาถูก ต้นทุนฝ้ายสูงขึ้น"),
    "HOUSEHOLD": ("งานฝีมือช่างในชุมชน วัสดุธรรมชาติในท้องถิ่น เรื่องเล่าของชุมชนชัดเจน",
                  "บรรจุภัณฑ์ไม่ป้องกันความเสียหายระหว่างขนส่ง ราคาไม่สะท้อนต้นทุน",
                  "ตลาดของตกแต่งบ้านสไตล์ล้านนาและของที่ระลึกในงานประชุมเติบโต",
                  "คู่แข่งจากต่างประเทศ ช่างรุ่นใหม่มีน้อย"),
    "FOOD": ("สูตรดั้งเดิมของครอบครัว วัตถุดิบสดจากชุมชน รสชาติเป็นที่รู้จักในจังหวัด",
             "อายุการเก็บรักษาสั้น ฉลากยังไม่มีข้อมูลโภชนาการ",
             "ตลาดของฝากและร้านค้าออนไลน์ ความต้องการอาหารพื้นเมืองพร้อมทาน",
             "มาตรฐานความปลอดภัยอาหารเข้มขึ้น ราคาวัตถุดิบผันผวน"),
    "BEVERAGE": ("ปลูกและแปรรูปเองในชุมชนบนพื้นที่สูง ไม่ใช้สารเคมี",
                 "ตราสินค้าไม่โดดเด่น กำลังการผลิตจำกัดในฤดูเก็บเกี่ยว",
                 "ผู้บริโภคสนใจเครื่องดื่มสุขภาพและกาแฟพิเศษ",
                 "แบรนด์ใหญ่ทำการตลาดเข้มข้น สภาพอากาศกระทบผลผลิต"),
    "HERBAL": ("สมุนไพรปลูกในแปลงของกลุ่ม ตำรับหมอพื้นบ้าน",
               "ยังไม่มีเลขจดแจ้งเครื่องสำอางครบทุกรายการ บรรจุภัณฑ์ธรรมดา",
               "ตลาดสปาและผลิตภัณฑ์ธรรมชาติเติบโต",
               "กฎระเบียบเครื่องสำอางเข้มงวด สินค้าคล้ายกันจำนวนมาก"),
}  # fmt: skip

# Needs by category: (area, what is needed, priority, plan action, budget, status).
NEEDS = {
    "TEXTILE": [("DESIGN", "ออกแบบลายและสีให้ร่วมสมัยแต่คงอัตลักษณ์ล้านนา", 1,
                 "อบรมเชิงปฏิบัติการออกแบบลายผ้าร่วมสมัยกับผู้เชี่ยวชาญ", 25000, "DONE"),
                ("STANDARDS", "ยื่นขอรับรอง มผช. ผ้าทอมือ", 2,
                 "เตรียมเอกสารและตัวอย่างยื่นขอ มผช.", 8000, "UNDERWAY"),
                ("ONLINE", "เปิดร้านค้าออนไลน์และถ่ายภาพสินค้า", 3,
                 "ถ่ายภาพสินค้าและเปิดร้านบนตลาดออนไลน์", 12000, "PLANNED")],
    "HOUSEHOLD": [("PACKAGING", "บรรจุภัณฑ์ที่ป้องกันสินค้าแตกหักและเล่าเรื่องชุมชน", 1,
                   "ออกแบบกล่องบรรจุภัณฑ์พร้อมแผ่นเรื่องเล่า", 30000, "DONE"),
                  ("PRICE", "คำนวณต้นทุนและตั้งราคาขายส่งและขายปลีก", 2,
                   "ฝึกคำนวณต้นทุนและกำหนดราคา", 5000, "DONE")],
    "FOOD": [("STANDARDS", "ขอเลข อย. และปรับสถานที่ผลิตตามหลัก GMP", 1,
              "ปรับปรุงสถานที่ผลิตและยื่นขอเลข อย.", 40000, "UNDERWAY"),
             ("PACKAGING", "ฉลากโภชนาการและบรรจุภัณฑ์ยืดอายุสินค้า", 2,
              "ออกแบบฉลากและทดสอบบรรจุภัณฑ์สุญญากาศ", 18000, "PLANNED")],
    "BEVERAGE": [("MARKETING", "สร้างตราสินค้าและเรื่องราวของแหล่งปลูก", 1,
                  "จัดทำตราสินค้าและสื่อประชาสัมพันธ์", 20000, "DONE"),
                 ("QUALITY", "ควบคุมคุณภาพการคั่วและความชื้นให้สม่ำเสมอ", 2,
                  "อบรมการควบคุมคุณภาพการผลิต", 10000, "UNDERWAY"),
                 ("ONLINE", "ขายผ่านช่องทางออนไลน์", 3,
                  "ฝึกการขายออนไลน์และการจัดส่ง", 6000, "PLANNED")],
    "HERBAL": [("STANDARDS", "จดแจ้งเครื่องสำอางสมุนไพร", 1,
                "ยื่นจดแจ้งเครื่องสำอางกับสำนักงานสาธารณสุขจังหวัด", 7000, "DONE"),
               ("PACKAGING", "บรรจุภัณฑ์ที่ดูเป็นธรรมชาติและพกพาง่าย", 2,
                "ออกแบบขวดและฉลากใหม่", 15000, "DROPPED")],
}  # fmt: skip
ANALYSED = {"TEXTILE": 2, "HOUSEHOLD": 1, "FOOD": 1, "BEVERAGE": 1, "HERBAL": 1}

# The five-day course of the Chiang Mai article: (day, from, until, topic, expertise area of a
# knowledge source of the network or None, lecturer from outside).
COURSE_DAYS = (D(2020, 2, 17), D(2020, 2, 21))
SESSIONS = [
    (0, "09:00", "12:00", "การผลิตสินค้าและบริการสร้างสรรค์สู่ AEC", "production", ""),
    (0, "13:00", "16:30", "แนวคิดทางธุรกิจสำหรับผลิตภัณฑ์สร้างสรรค์สู่ AEC", "marketing", ""),
    (1, "09:00", "10:30", "ต้นตอจากวัฒนธรรม อัตลักษณ์สู่ผลิตภัณฑ์", "design_identity", ""),
    (1, "10:45", "12:00", "E-Commerce", "ecommerce", ""),
    (1, "13:00", "16:00", "การสร้างแรงบันดาลใจ", None,
     "วิทยากรจากศูนย์ส่งเสริมอุตสาหกรรมภาคที่ 1"),
    (2, "09:00", "16:30", "การพัฒนาภาพลักษณ์สินค้าด้วยการออกแบบทางวัฒนธรรม (ประชุมเชิงปฏิบัติการ)",
     "branding", ""),
    (3, "09:00", "16:30", "การพัฒนาผลิตภัณฑ์ Prototype (การจัดทำต้นแบบผลิตภัณฑ์)", "packaging", ""),
    (4, "09:00", "12:00", "ประชุมเชิงปฏิบัติการ สรุปแผนพัฒนาผลิตภัณฑ์", None,
     "คณะกรรมการเครือข่าย KBO จังหวัดเชียงใหม่"),
    (4, "13:00", "16:30", "การประกวด KBO CM CONTEST", None,
     "คณะกรรมการเครือข่าย KBO จังหวัดเชียงใหม่"),
]  # fmt: skip
RECORDED_SESSIONS = 7  # attendance recorded for all but the last day's sessions


def _changed(obj, values: dict) -> bool:
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return bool(changed)


def upsert(model, lookup: dict, values: dict):
    """Find by `lookup`; create with `values`, or save only when a value differs."""
    obj = model.objects.filter(**lookup).order_by("pk").first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    if _changed(obj, values):
        obj.save(update_fields=list(values))
    return obj


def png(colour: tuple[int, int, int], label: int) -> ContentFile:
    """A small generated picture (a swatch with a band) for a prototype or evidence."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (160, 120), colour)
    ImageDraw.Draw(image).rectangle((20, 40 + 10 * label, 140, 70 + 10 * label), fill="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue())


class Loader:
    def __init__(self) -> None:
        self.counts = {"projects": 0, "selected": 0}
        self.selected: dict[tuple[str, int], list[Decision]] = {}

    def project(self, spec: dict) -> Project:
        province = Province.objects.get(code=spec["code"])
        year = spec["year"]
        budget = sum(Decimal(b) for b, _s, _e in spec["activities"].values())
        project = upsert(
            Project,
            {"province": province, "fiscal_year": year},
            {
                "name": PROJECT_NAME.format(p=province.name_th, y=year),
                "budget": budget,
                "objectives": OBJECTIVES,
                "target_products": spec["targets"]["PRODUCTS"],
            },
        )
        upsert(Criteria, {"project": project}, {**Criteria.defaults(), **spec["criteria"]})
        for kind, (amount, starts, ends) in spec["activities"].items():
            upsert(
                Activity,
                {"project": project, "kind": kind},
                {
                    "budget": Decimal(amount),
                    "starts_on": starts,
                    "ends_on": ends,
                    "status": Activity.Status.DONE,
                },
            )
        for group, target in spec["targets"].items():
            upsert(Target, {"project": project, "group": group}, {"target": target})
        self.counts["projects"] += 1
        return project

    def decide(
        self, spec: dict, project: Project, first: list[Product], skip: set[int]
    ) -> list[Decision]:
        """Select the wanted number per category (one product per producer): the products
        selected already, then `first`, then the candidates in code order but `skip`."""
        by = User.objects.filter(username=spec["officer"]).first()
        existing = {d.product_id: d for d in project.decisions.select_related("product")}
        already = [d.product for d in existing.values() if d.status == Decision.Status.SELECTED]
        candidates = list(services.candidates(project))
        wanted, chosen, producers = dict(spec["selected"]), [], set()
        fresh = [p for p in candidates if p.pk not in skip]
        for product in [*already, *first, *fresh]:
            if wanted.get(product.category, 0) > 0 and product.producer_id not in producers:
                wanted[product.category] -= 1
                chosen.append(product)
                producers.add(product.producer_id)
        rest = [p for p in candidates if p not in chosen and p.pk not in existing]
        others = {d.status for d in existing.values() if d.status != Decision.Status.SELECTED}
        plan = [(p, Decision.Status.SELECTED, "") for p in chosen]
        if Decision.Status.RESERVE not in others:
            plan += [(p, Decision.Status.RESERVE, RESERVE_REASON) for p in rest[: spec["reserve"]]]
            rest = rest[spec["reserve"] :]
        if Decision.Status.NOT_SELECTED not in others:
            plan += [
                (p, Decision.Status.NOT_SELECTED, NOT_SELECTED_REASONS[i % 3])
                for i, p in enumerate(rest[: spec["not_selected"]])
            ]
        Decision.objects.bulk_create(
            [
                Decision(project=project, product=p, status=s, reason=r, decided_by=by)
                for p, s, r in plan
                if p.pk not in existing
            ]
        )
        selected = list(
            project.decisions.filter(status=Decision.Status.SELECTED)
            .select_related("product__producer")
            .order_by("product__code")
        )
        self.counts["selected"] += len(selected)
        self.selected[(spec["code"], spec["year"])] = selected
        return selected

    def sources(self, province: Province) -> dict[str, list[KnowledgeSource]]:
        """The network's listed knowledge sources serving the province, by expertise area."""
        found: dict[str, list[KnowledgeSource]] = {}
        served = Q(home_province=province) | Q(service_provinces=province)
        for source in (
            KnowledgeSource.objects.filter(served, listed=True)
            .prefetch_related("areas")
            .distinct()
            .order_by("name", "pk")
        ):
            for area in source.areas.all():
                found.setdefault(area.code, []).append(source)
        return found

    def source_for(self, sources: dict, need_area: str, turn: int) -> KnowledgeSource | None:
        for code in NEED_AREA_EXPERTISE[need_area]:
            if sources.get(code):
                return sources[code][turn % len(sources[code])]
        return None

    def plans(self, selected: list[Decision], province: Province, by: User | None) -> None:
        sources = self.sources(province)
        quota = dict(ANALYSED)
        assigned_at = timezone.make_aware(dt.datetime(2020, 2, 10, 10, 0))
        for turn, decision in enumerate(selected):
            category = decision.product.category
            if quota.get(category, 0) <= 0:
                continue
            quota[category] -= 1
            s, w, o, t = SWOT[category]
            upsert(
                Analysis,
                {"decision": decision},
                {
                    "analysed_on": D(2020, 1, 27),
                    "strengths": s,
                    "weaknesses": w,
                    "opportunities": o,
                    "threats": t,
                    "with_whom": f"{decision.product.producer.contact_name} และกรรมการเครือข่าย KBO",
                },
            )
            for k, (area, need_text, priority, action, budget, status) in enumerate(
                NEEDS[category]
            ):
                source = self.source_for(sources, area, turn + k)
                need = upsert(
                    Need,
                    {"decision": decision, "area": area, "description": need_text},
                    {
                        "priority": priority,
                        "assigned_source": source,
                        "assigned_by": by,
                        "assigned_at": assigned_at if source else None,
                    },
                )
                item = upsert(
                    PlanItem,
                    {"decision": decision, "action": action},
                    {
                        "need": need,
                        "area": area,
                        "responsible": source,
                        "due_on": D(2020, 3 + 2 * k, 28),
                        "budget": Decimal(budget),
                        "status": status,
                        "result": "ดำเนินการแล้วเสร็จตามแผน" if status == "DONE" else "",
                    },
                )
                if status == "DONE" and not item.evidence.exists():
                    evidence = Evidence(item=item, caption=f"ภาพกิจกรรม: {action}", uploaded_by=by)
                    evidence.file.save(f"demo-{item.pk}.png", png((120, 90, 60), k), save=False)
                    evidence.save()
        self.prototype(next(d for d in selected if d.product.category == "TEXTILE"))

    def prototype(self, decision: Decision) -> None:
        prototype = upsert(
            Prototype,
            {"decision": decision, "name": f"ต้นแบบ{decision.product.name}ลายร่วมสมัย"},
            {"description": "ผ้าทอลายดั้งเดิมปรับสีและขนาดให้ใช้เป็นผ้าพันคอและของขวัญ พร้อมกล่องบรรจุ"},
        )
        versions = [
            (
                1,
                D(2020, 3, 12),
                "ปรับขนาดผืนเป็น 180×60 ซม. ใช้สีครามและสีเปลือกไม้",
                "กรรมการเห็นว่าลายยังแน่นเกินไปและสีไม่สะท้อนอัตลักษณ์ล้านนา",
                (40, 60, 120),
            ),
            (
                2,
                D(2020, 5, 20),
                "ลดความถี่ของลาย เพิ่มชายครุย และกล่องกระดาษสาพิมพ์ลายผ้า",
                "ผ่านการพิจารณา ส่งเข้าประกวด KBO CM CONTEST",
                (150, 80, 40),
            ),
        ]
        for number, made_on, changes, feedback, colour in versions:
            version = upsert(
                PrototypeVersion,
                {"prototype": prototype, "number": number},
                {"made_on": made_on, "changes": changes, "feedback": feedback},
            )
            if not version.after_photo:
                version.before_photo.save(
                    f"demo-{version.pk}-before.png", png((200, 200, 190), number), save=False
                )
                version.after_photo.save(
                    f"demo-{version.pk}-after.png", png(colour, number), save=False
                )
                version.save()

    def history(self, earlier: list[Decision]) -> None:
        """A finished plan item for each 2562 product, so its history shows in 2563."""
        for decision in earlier:
            upsert(
                PlanItem,
                {"decision": decision, "action": "พัฒนาบรรจุภัณฑ์และตราสินค้า"},
                {
                    "area": "PACKAGING",
                    "due_on": D(2019, 7, 31),
                    "budget": Decimal(15000),
                    "status": "DONE",
                    "result": "ได้บรรจุภัณฑ์ใหม่ จำหน่ายได้เพิ่มขึ้น",
                },
            )

    def training(self, project: Project, selected: list[Decision], by: User | None) -> None:
        province = project.province
        training = upsert(
            Training,
            {"project": project, "title": "หลักสูตรการพัฒนาผลิตภัณฑ์ OTOP 5 วัน"},
            {
                "description": "ถ่ายทอดองค์ความรู้สู่ AEC อัตลักษณ์ การออกแบบทางวัฒนธรรม ต้นแบบผลิตภัณฑ์ "
                "และการประกวด KBO CM CONTEST",
                "starts_on": COURSE_DAYS[0],
                "ends_on": COURSE_DAYS[1],
                "venue": "ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่ ศาลากลางจังหวัดเชียงใหม่",
                "organiser": f"สำนักงานพัฒนาชุมชนจังหวัด{province.name_th}",
            },
        )
        sources = self.sources(province)
        sessions = []
        for i, (day, starts, ends, topic, area, other) in enumerate(SESSIONS):
            lecturer = sources[area][i % len(sources[area])] if area and sources.get(area) else None
            sessions.append(
                upsert(
                    Session,
                    {
                        "training": training,
                        "day": COURSE_DAYS[0] + dt.timedelta(days=day),
                        "topic": topic,
                    },
                    {
                        "starts_at": dt.time.fromisoformat(starts),
                        "ends_at": dt.time.fromisoformat(ends),
                        "lecturer": lecturer,
                        "lecturer_other": other if lecturer is None else "",
                    },
                )
            )
        term = (
            Term.objects.filter(network__province=province, starts_on__lte=COURSE_DAYS[0])
            .order_by("-starts_on")
            .first()
        )
        seats = CommitteeSeat.objects.filter(term=term).select_related("person").order_by("order")
        rows = {}
        for decision in selected:
            producer = decision.product.producer
            name = producer.contact_name or producer.name
            if name in rows:
                name = f"{name} ({producer.code})"
            rows[name] = Trainee(
                training=training,
                group=Trainee.Group.PRODUCER,
                name=name,
                organisation=producer.name,
                producer=producer,
                product=decision.product,
                phone=producer.phone,
            )
        for seat in seats:
            rows.setdefault(
                seat.person.name,
                Trainee(
                    training=training,
                    group=Trainee.Group.COMMITTEE,
                    name=seat.person.name,
                    organisation=seat.organisation or seat.person.organisation,
                    source=seat.person,
                ),
            )
        Trainee.objects.bulk_create(rows.values(), ignore_conflicts=True)
        trainees = list(training.trainees.filter(name__in=rows).order_by("group", "name"))
        SessionAttendance.objects.bulk_create(
            [
                SessionAttendance(
                    session=session, trainee=trainee, recorded_by=by, present=(i * 7 + j) % 11 != 0
                )
                for i, session in enumerate(sessions[:RECORDED_SESSIONS])
                for j, trainee in enumerate(trainees)
            ],
            ignore_conflicts=True,
        )


def load() -> dict[str, int]:
    """Create or refresh the demo projects; return counts for the summary line."""
    loader = Loader()
    with transaction.atomic(), disable_auditlog():
        projects = {}
        for spec in PROJECTS:
            project = loader.project(spec)
            projects[(spec["code"], spec["year"])] = project
            earlier = loader.selected.get((spec["code"], spec["year"] - 1), [])
            first = []
            for category, n in spec.get("again", {}).items():
                first += [d.product for d in earlier if d.product.category == category][:n]
            skip = {d.product_id for d in earlier} - {p.pk for p in first}
            loader.decide(spec, project, first, skip)
        chiang_mai = projects[("50", 2563)]
        officer = User.objects.filter(username="officer.chiangmai").first()
        selected = loader.selected[("50", 2563)]
        loader.plans(selected, chiang_mai.province, officer)
        loader.history(loader.selected[("50", 2562)])
        loader.training(chiang_mai, selected, officer)
    ids = [p.pk for p in projects.values()]
    return {
        **loader.counts,
        "decisions": Decision.objects.filter(project_id__in=ids).count(),
        "plan_items": PlanItem.objects.filter(decision__project_id__in=ids).count(),
        "trainings": Training.objects.filter(project_id__in=ids).count(),
        "trainees": Trainee.objects.filter(training__project_id__in=ids).count(),
    }
