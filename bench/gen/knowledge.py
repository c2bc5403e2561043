"""The knowledge library at national scale: about 60 items for every network's province
(techniques, standards and certificate guides, training materials, lessons from contests,
templates), about 600 national items, and a case study for about half of the products the
generated projects selected — with their expertise areas, product categories, authors (the
province's knowledge sources), one version each, and their search documents.

Titles and bodies are composed from the fragments below (a standards guide's title names
มผช., a packaging item's title says บรรจุภัณฑ์). Visibility: about 70% PUBLIC, 20% PROVINCE,
10% DRAFT; publication dates spread over the last five years (none for drafts).

The search documents (title_text, area_text, search_text) are composed here as
`kbo.knowledge.services.item_index` composes them (tests/bench/test_generate.py checks that
the two agree); a change there must be made here too.
"""

from __future__ import annotations

import datetime as dt
import random

from kbo.knowledge import rich
from kbo.knowledge.models import KIND_WORDS, Item, ItemCategory, ItemVersion, Kind
from kbo.network.models import KnowledgeSource
from kbo.programmes import demo as programmes_vocab
from kbo.programmes.models import NEED_AREA_EXPERTISE
from kbo.registry.models import Category
from kbo.search import document

from .base import Area, Ids, ProvinceInfo, World, aware, stream, write
from .programmes import Cohort
from .registry import Item as Developed
from .users import Accounts

PER_PROVINCE = 60
NATIONAL = 600
CASE_SHARE = 0.5  # of the selected products of the generated projects
KINDS = [  # (kind, weight) of the provinces' and the national items
    (Kind.TECHNIQUE, 30),
    (Kind.STANDARD, 18),
    (Kind.TRAINING, 22),
    (Kind.LESSON, 15),
    (Kind.TEMPLATE, 15),
]
VISIBILITY = [("PUBLIC", 70), ("PROVINCE", 20), ("DRAFT", 10)]
ALL = tuple(Category.values)

# Topic: Thai title, English title, expertise areas, product categories.
Topic = tuple[str, str, tuple[str, ...], tuple[str, ...]]
TECHNIQUES: list[Topic] = [
    ("การย้อมผ้าฝ้ายด้วยครามธรรมชาติ", "Dyeing cotton with natural indigo",
     ("textiles",), ("TEXTILE",)),
    ("เทคนิคการก่อหม้อย้อมครามให้สีติดทน", "Keeping an indigo vat alive for fast colour",
     ("textiles", "quality"), ("TEXTILE",)),
    ("การย้อมสีธรรมชาติจากเปลือกไม้และใบไม้", "Natural dyes from bark and leaves",
     ("textiles", "design_identity"), ("TEXTILE",)),
    ("เทคนิคการทอผ้ามัดหมี่ลายโบราณ", "Weaving traditional mudmee patterns",
     ("textiles", "design_identity"), ("TEXTILE",)),
    ("การแปรรูปกล้วยอบเนยให้กรอบนาน", "Butter-baked banana that stays crisp",
     ("production", "food_safety"), ("FOOD",)),
    ("การยืดอายุน้ำพริกด้วยการพาสเจอร์ไรส์", "A longer shelf life for chilli paste",
     ("food_safety", "production"), ("FOOD",)),
    ("การคั่วกาแฟอะราบิกาให้รสชาติคงที่", "Roasting arabica to a steady taste",
     ("production", "quality"), ("BEVERAGE",)),
    ("การผลิตน้ำผลไม้พร้อมดื่มให้ปลอดภัย", "Safe ready-to-drink fruit juice",
     ("food_safety",), ("BEVERAGE",)),
    ("การทำสบู่สมุนไพรแบบกระบวนการเย็น", "Cold-process herbal soap",
     ("herbal_cosmetic", "production"), ("HERBAL",)),
    ("การกลั่นน้ำมันหอมระเหยจากตะไคร้", "Distilling lemongrass essential oil",
     ("herbal_cosmetic",), ("HERBAL",)),
    ("การเคลือบผิวเครื่องจักสานกันเชื้อรา", "A mould-proof finish for basketry",
     ("production", "quality"), ("HOUSEHOLD",)),
    ("การออกแบบลวดลายจากอัตลักษณ์ท้องถิ่น", "Patterns from local identity",
     ("design_identity",), ("TEXTILE", "HOUSEHOLD")),
    ("การออกแบบบรรจุภัณฑ์สำหรับงานแสดงสินค้า", "Packaging for trade fairs",
     ("packaging", "marketing"), ("FOOD", "HOUSEHOLD")),
    ("การเลือกวัสดุบรรจุภัณฑ์ให้เหมาะกับอาหารแห้ง", "Packaging materials for dry food",
     ("packaging", "food_safety"), ("FOOD",)),
    ("การออกแบบฉลากและบรรจุภัณฑ์ให้โดดเด่นบนชั้นวาง", "Labels and packaging that stand out",
     ("packaging", "branding"), ("FOOD", "BEVERAGE", "HERBAL")),
    ("บรรจุภัณฑ์กันกระแทกสำหรับส่งสินค้าทางไปรษณีย์", "Protective packaging for parcels",
     ("packaging", "ecommerce"), ("HOUSEHOLD", "BEVERAGE")),
    ("การคำนวณต้นทุนและตั้งราคาสินค้า OTOP", "Costing and pricing OTOP products",
     ("pricing", "finance"), ALL),
    ("การขายออนไลน์ผ่านไลฟ์สดให้ได้ผล", "Selling online with live video",
     ("ecommerce", "marketing"), ALL),
    ("การเล่าเรื่องผลิตภัณฑ์และสร้างตราสินค้า", "Product stories and branding",
     ("branding", "design_identity"), ALL),
    ("การจัดบูธและบรรจุภัณฑ์สำหรับงานแสดงสินค้า OTOP", "Booths and packaging for OTOP fairs",
     ("marketing", "packaging"), ALL),
    ("การทำบัญชีครัวเรือนและบัญชีกลุ่มวิสาหกิจชุมชน", "Bookkeeping for community enterprises",
     ("finance",), ALL),
]  # fmt: skip
STANDARD_PRODUCTS: list[Topic] = [
    ("ผ้าทอมือ", "hand-woven fabric", ("textiles", "quality"), ("TEXTILE",)),
    ("ผ้าย้อมคราม", "indigo-dyed fabric", ("textiles", "quality"), ("TEXTILE",)),
    ("ผ้ามัดหมี่", "mudmee fabric", ("textiles", "quality"), ("TEXTILE",)),
    ("น้ำพริกเผา", "roasted chilli paste", ("food_safety", "quality"), ("FOOD",)),
    ("กล้วยอบ", "dried banana", ("food_safety", "quality"), ("FOOD",)),
    ("ข้าวเกรียบ", "rice crackers", ("food_safety", "quality"), ("FOOD",)),
    ("กาแฟคั่ว", "roasted coffee", ("quality", "production"), ("BEVERAGE",)),
    ("น้ำผลไม้", "fruit juice", ("food_safety", "quality"), ("BEVERAGE",)),
    ("สบู่สมุนไพร", "herbal soap", ("herbal_cosmetic", "quality"), ("HERBAL",)),
    ("ยาหม่องสมุนไพร", "herbal balm", ("herbal_cosmetic", "quality"), ("HERBAL",)),
    ("เครื่องจักสาน", "basketry", ("quality", "production"), ("HOUSEHOLD",)),
    ("บรรจุภัณฑ์และฉลากสินค้าชุมชน", "packaging and labels", ("packaging", "quality"), ALL),
]  # fmt: skip
STANDARD_TITLES = [
    ("คู่มือการขอรับรอง มผช. {p}", "Guide to the community product standard (มผช.) for {e}"),
    ("ขั้นตอนการยื่นขอ มผช. สำหรับ{p}", "Applying for มผช. for {e}"),
    ("ข้อกำหนด มผช. {p} ฉบับย่อสำหรับผู้ผลิต", "The มผช. for {e} in brief"),
    ("การต่ออายุใบรับรอง มผช. {p} และการเตรียมตรวจสถานที่", "Renewing the มผช. for {e}"),
]
TRAINING_TITLES = [
    ("เอกสารประกอบการอบรม: {t}", "Training handout: {e}"),
    ("สไลด์การบรรยาย {t}", "Lecture slides: {e}"),
    ("คู่มือวิทยากร หลักสูตร{t}", "Trainer's guide: {e}"),
]
LESSONS: list[Topic] = [
    ("บรรจุภัณฑ์ที่กรรมการชื่นชม", "Packaging the judges praised",
     ("packaging", "design_identity"), ALL),
    ("เรื่องเล่าผลิตภัณฑ์ที่ชนะใจกรรมการ", "Product stories that won the judges",
     ("branding",), ALL),
    ("ข้อผิดพลาดที่พบบ่อยในการนำเสนอผลงาน", "Common mistakes in the pitch",
     ("marketing",), ALL),
    ("การเตรียมตัวอย่างสินค้าส่งประกวด", "Preparing samples for the contest",
     ("quality",), ALL),
    ("การตั้งราคาให้แข่งขันได้ในตลาด", "Competitive pricing", ("pricing",), ALL),
    ("ผ้าย้อมครามที่ผ่านเข้ารอบระดับประเทศ", "Indigo fabric that reached the national round",
     ("textiles", "design_identity"), ("TEXTILE",)),
]  # fmt: skip
TEMPLATES: list[Topic] = [
    ("แบบฟอร์มบันทึกต้นทุนการผลิตรายเดือน", "Monthly production cost sheet",
     ("pricing", "finance"), ALL),
    ("แบบตรวจสุขลักษณะสถานที่ผลิตตามหลัก GMP", "GMP hygiene checklist",
     ("food_safety",), ("FOOD", "BEVERAGE")),
    ("แม่แบบฉลากบรรจุภัณฑ์อาหารตามที่ อย. กำหนด", "Food packaging label template",
     ("packaging", "food_safety"), ("FOOD", "BEVERAGE")),
    ("แบบฟอร์มสมัครเข้าร่วมงานแสดงสินค้า", "Trade fair application form",
     ("marketing",), ALL),
    ("แบบบันทึกการย้อมสีธรรมชาติรายครั้ง", "Natural dyeing log",
     ("textiles", "quality"), ("TEXTILE",)),
    ("แม่แบบแผนธุรกิจกลุ่มวิสาหกิจชุมชน", "Community enterprise business plan template",
     ("finance", "marketing"), ALL),
    ("แบบฟอร์มเตรียมเอกสารขอ มผช.", "Checklist of the มผช. application",
     ("quality",), ALL),
]  # fmt: skip
TITLE_ENDS = ["", "", " สำหรับกลุ่มผู้ผลิตจังหวัด{p}", " (ฉบับปรับปรุง ปี {y})", " ระดับเบื้องต้น",
              " ฉบับภาคปฏิบัติ", " จากประสบการณ์เครือข่าย KBO จังหวัด{p}"]  # fmt: skip

# Sentences of bodies by expertise area ({p}: the province's name).
AREA_TEXT: dict[str, list[str]] = {
    "textiles": [
        "แช่เส้นฝ้ายในน้ำขี้เถ้าหนึ่งคืนก่อนย้อมเพื่อให้สีติดสม่ำเสมอ",
        "หม้อครามที่ดีมีฟองสีทองแดงและกลิ่นหมักอ่อน ๆ เติมน้ำด่างและอาหารครามทุกสามวัน",
        "ย้อมซ้ำหลายรอบแทนการย้อมครั้งเดียวนาน ๆ แล้วล้างด้วยน้ำสะอาดจนน้ำใส",
        "ทดสอบความคงทนของสีต่อการซักและแสงก่อนส่งขายหรือยื่นขอรับรอง",
    ],
    "design_identity": [
        "เก็บลวดลายจากผ้าเก่าของชุมชนและสถาปัตยกรรมท้องถิ่นมาเป็นแรงบันดาลใจ",
        "ลดจำนวนสีในลายลงเหลือสามถึงสี่สีให้ดูร่วมสมัยแต่ยังคงอัตลักษณ์",
        "ทดลองทำต้นแบบขนาดเล็กแล้วให้ลูกค้ากลุ่มเป้าหมายเลือกก่อนผลิตจริง",
    ],
    "production": [
        "กำหนดสูตรและขั้นตอนการผลิตเป็นลายลักษณ์อักษรให้ทุกคนในกลุ่มทำเหมือนกัน",
        "จดอุณหภูมิ เวลา และน้ำหนักวัตถุดิบทุกครั้งเพื่อให้คุณภาพคงที่",
        "จัดพื้นที่ผลิตเป็นสัดส่วน แยกวัตถุดิบ สินค้าระหว่างผลิต และสินค้าสำเร็จรูป",
    ],
    "quality": [
        "ตรวจคุณภาพทุกรุ่นการผลิตและเก็บตัวอย่างไว้อย่างน้อยหกเดือน",
        "อ่านข้อกำหนดมาตรฐานผลิตภัณฑ์ชุมชน (มผช.) ให้ครบทุกข้อก่อนยื่นคำขอ",
        "เตรียมเอกสารกลุ่ม สำเนาบัตรประชาชน แผนที่สถานที่ผลิต และตัวอย่างสินค้า",
        "ใบรับรอง มผช. มีอายุสามปี ควรยื่นต่ออายุล่วงหน้าอย่างน้อยหกสิบวัน",
    ],
    "food_safety": [
        "ล้างมือและสวมหมวกคลุมผมทุกครั้งก่อนเข้าพื้นที่ผลิต ตามหลักสุขลักษณะที่ดี",
        "ฆ่าเชื้อขวดและฝาด้วยน้ำเดือดอย่างน้อยสิบนาทีก่อนบรรจุ",
        "ฉลากต้องมีชื่ออาหาร เลขสารบบอาหาร (อย.) ส่วนประกอบ วันผลิตและวันหมดอายุ",
        "ส่งตัวอย่างตรวจค่าความชื้นและจุลินทรีย์ที่ศูนย์วิทยาศาสตร์การแพทย์",
    ],
    "herbal_cosmetic": [
        "จดแจ้งเครื่องสำอางกับสำนักงานสาธารณสุขจังหวัดก่อนวางจำหน่าย",
        "ใช้สมุนไพรที่ปลูกเองหรือรับซื้อจากแปลงที่ไม่ใช้สารเคมี",
        "ทดสอบการระคายเคืองกับอาสาสมัครกลุ่มเล็กก่อนผลิตจำนวนมาก",
    ],
    "packaging": [
        "บรรจุภัณฑ์ที่ดีปกป้องสินค้า บอกเรื่องราว และเหมาะกับช่องทางขาย",
        "บรรจุภัณฑ์สำหรับงานแสดงสินค้าควรเปิดให้เห็นสินค้าและวางซ้อนบนชั้นได้",
        "เลือกกล่องกระดาษคราฟต์หรือถุงซิปล็อกที่มีชั้นกันความชื้นสำหรับอาหารแห้ง",
        "ฉลากบนบรรจุภัณฑ์ต้องอ่านง่าย มีตราสินค้า ช่องทางติดต่อ และคิวอาร์โค้ด",
    ],
    "branding": [
        "ตั้งชื่อตราสินค้าที่จำง่ายและสื่อถึงแหล่งผลิตในจังหวัด{p}",
        "เล่าเรื่องผู้ผลิต วัตถุดิบ และภูมิปัญญาในสามประโยคบนป้ายหรือฉลาก",
    ],
    "pricing": [
        "รวมต้นทุนวัตถุดิบ ค่าแรง ค่าบรรจุภัณฑ์ และค่าขนส่งก่อนตั้งราคา",
        "ตั้งราคาขายส่งและขายปลีกแยกกัน โดยให้ส่วนต่างพอสำหรับตัวแทนจำหน่าย",
    ],
    "marketing": [
        "เลือกงานแสดงสินค้าที่ลูกค้ากลุ่มเป้าหมายมาเดิน เช่น งาน OTOP City และงานในจังหวัด{p}",
        "จดชื่อและช่องทางติดต่อลูกค้าที่สนใจเพื่อติดตามหลังงาน",
        "ทดลองขายกับร้านค้าของฝากและโรงแรมในจังหวัดก่อนขยายตลาด",
    ],
    "ecommerce": [
        "ถ่ายภาพสินค้าด้วยแสงธรรมชาติบนพื้นหลังเรียบ อย่างน้อยห้ามุม",
        "ไลฟ์สดสม่ำเสมอในช่วงเวลาเดิม ตอบคำถามลูกค้าทันที และแจ้งค่าส่งให้ชัดเจน",
        "เปิดร้านบนตลาดออนไลน์และเชื่อมกับเพจเฟซบุ๊กของกลุ่ม",
    ],
    "finance": [
        "แยกบัญชีเงินของกลุ่มออกจากเงินส่วนตัว และบันทึกรายรับรายจ่ายทุกวัน",
        "ปิดบัญชีทุกเดือนแล้วรายงานต่อสมาชิกในที่ประชุมกลุ่ม",
    ],
}
OPENINGS = [
    "เอกสารนี้รวบรวมจากการถ่ายทอดความรู้ของเครือข่าย KBO จังหวัด{p} ให้กลุ่มผู้ผลิต OTOP",
    "ความรู้นี้มาจากการลงพื้นที่ของคณะกรรมการเครือข่าย KBO จังหวัด{p} กับผู้ผลิตในชุมชน",
    "สำนักงานพัฒนาชุมชนจังหวัด{p} จัดทำเอกสารนี้สำหรับผู้ผลิตที่เข้าร่วมโครงการ",
]
CLOSINGS = [
    "สอบถามเพิ่มเติมได้ที่สำนักงานพัฒนาชุมชนจังหวัด{p}",
    "ผู้ผลิตที่สนใจติดต่อขอคำปรึกษาจากปราชญ์และผู้เชี่ยวชาญของเครือข่ายได้",
    "ปรับใช้ให้เหมาะกับวัตถุดิบและกำลังการผลิตของแต่ละกลุ่ม",
]
HEADINGS: dict[str, tuple[str, str, str]] = {
    Kind.TECHNIQUE: ("ความเป็นมา", "ขั้นตอน", "ข้อแนะนำ"),
    Kind.STANDARD: ("มาตรฐานนี้คืออะไร", "สิ่งที่ต้องเตรียม", "ข้อควรระวัง"),
    Kind.TRAINING: ("วัตถุประสงค์ของการอบรม", "เนื้อหา", "แบบฝึกหัด"),
    Kind.LESSON: ("ผลการประกวด", "สิ่งที่กรรมการชื่นชม", "สิ่งที่ควรปรับปรุง"),
    Kind.TEMPLATE: ("วิธีใช้แบบฟอร์ม", "รายการที่ต้องกรอก", "ตัวอย่างการกรอก"),
}
VIDEO = "https://www.youtube.com/watch?v=kbo{n:05d}"
NATIONAL_PLACE = "ทั่วประเทศ"
CASE_NEXT = [
    "ขยายช่องทางจำหน่ายออนไลน์และเข้าร่วมงานแสดงสินค้าระดับภาค",
    "ยื่นขอรับรองมาตรฐานเพิ่มและพัฒนาบรรจุภัณฑ์ขนาดทดลอง",
    "ถ่ายทอดความรู้ให้สมาชิกกลุ่มรุ่นใหม่และเพิ่มกำลังการผลิต",
]


def weighted(rng: random.Random, choices: list[tuple]) -> str:
    return rng.choices([c[0] for c in choices], weights=[c[1] for c in choices])[0]


class Builder:
    def __init__(self, world: World, seed: int, accounts: Accounts) -> None:
        self.world, self.seed, self.accounts = world, seed, accounts
        self.ids = Ids(Item)
        self.items: list[tuple] = []
        self.versions: list[tuple] = []
        self.area_links: list[tuple[int, int]] = []
        self.author_links: list[tuple[int, int]] = []
        self.categories: list[tuple[int, str]] = []
        self.kind_labels = {k.value: str(k.label) for k in Kind}
        self.category_labels = {c.value: str(c.label) for c in Category}
        # Sources by home province, each with its rank in the database's order by name (the
        # order item_index reads an item's authors in).
        self.sources: dict[int | None, list[tuple[int, str]]] = {None: []}
        self.source_rank: dict[int, int] = {}
        for rank, (sid, name, home) in enumerate(
            KnowledgeSource.objects.order_by("name", "pk").values_list(
                "id", "name", "home_province_id"
            )
        ):
            self.source_rank[sid] = rank
            self.sources.setdefault(home, []).append((sid, name))
            self.sources[None].append((sid, name))
        self.today = world.today
        self.spread = 5 * 365

    def add(
        self,
        rng: random.Random,
        *,
        kind: str,
        title: str,
        title_en: str,
        summary: str,
        body: str,
        areas: tuple[str, ...],
        categories: tuple[str, ...],
        province: ProvinceInfo | None,
        authors: list[tuple[int, str]],
        product_id: int | None = None,
        video: bool = False,
        visibility: str | None = None,
        published: dt.date | None = None,
    ) -> int:
        pk = self.ids.take()
        visibility = visibility or weighted(rng, VISIBILITY)
        day = published or self.today - dt.timedelta(days=rng.randrange(self.spread))
        stamp = aware(day, rng.randint(8, 16), rng.randrange(60))
        created_at = stamp - dt.timedelta(days=rng.randint(1, 30))
        published_at: dt.datetime | None = stamp
        if visibility == "DRAFT":
            published_at, created_at = None, created_at + dt.timedelta(days=rng.randint(0, 20))
        officer = (
            self.accounts.officers.get(province.code) if province else self.accounts.national
        ) or self.accounts.national or None  # fmt: skip
        chosen = sorted(
            (self.world.areas[a] for a in dict.fromkeys(areas)),
            key=lambda a: (a.sort_order, a.code),
        )
        codes = sorted(set(categories))
        authors = sorted(dict.fromkeys(authors), key=lambda s: self.source_rank[s[0]])
        links = VIDEO.format(n=pk) if video else ""
        title_text, area_text, search_text = documents(
            kind=kind, title=title, title_en=title_en, summary=summary, body=body,
            areas=chosen, categories=[self.category_labels[c] for c in codes],
            kind_label=self.kind_labels[kind], authors=[name for _sid, name in authors],
            authors_other="",
        )  # fmt: skip
        self.items.append(
            (pk, kind, title, title_en, summary, body, "", links,
             province.id if province else None, visibility, "", product_id, published_at,
             officer, officer, created_at, created_at, 1, title_text, area_text, search_text)
        )  # fmt: skip
        self.versions.append(
            (pk, 1, title, title_en, summary, body, "", visibility, "", officer, created_at)
        )
        self.area_links += [(pk, a.id) for a in chosen]
        self.author_links += [(pk, sid) for sid, _name in authors]
        self.categories += [(pk, c) for c in codes]
        return pk

    def body(self, rng: random.Random, kind: str, topic: str, areas, place: str) -> str:
        first, second, third = HEADINGS[kind]
        lines = [s for a in areas for s in AREA_TEXT.get(a, [])]
        rng.shuffle(lines)
        steps, tips = lines[:4], lines[4:6] or lines[:1]
        opening = rng.choice(OPENINGS).format(p=place)
        return (
            f"<h2>{first}</h2><p>{opening} เรื่อง{topic}</p>"
            f"<h2>{second}</h2><ol>"
            + "".join(f"<li>{s.format(p=place)}</li>" for s in steps)
            + f"</ol><h2>{third}</h2><p>"
            + " ".join(s.format(p=place) for s in tips)
            + f"</p><p>{rng.choice(CLOSINGS).format(p=place)}</p>"
        )

    def one(self, rng: random.Random, province: ProvinceInfo | None) -> None:
        """One technique, standards guide, training material, lesson or template."""
        place = province.name_th if province else NATIONAL_PLACE
        kind = weighted(rng, KINDS)
        year = self.today.year + 543 - rng.randrange(5)
        if kind == Kind.STANDARD:
            product, product_en, areas, categories = rng.choice(STANDARD_PRODUCTS)
            th, en = rng.choice(STANDARD_TITLES)
            title, title_en = th.format(p=product), en.format(e=product_en)
            topic = product
        elif kind == Kind.TRAINING:
            topic, topic_en, areas, categories = rng.choice(TECHNIQUES)
            th, en = rng.choice(TRAINING_TITLES)
            title, title_en = th.format(t=topic), en.format(e=topic_en)
        elif kind == Kind.LESSON:
            topic, topic_en, areas, categories = rng.choice(LESSONS)
            where = f"จังหวัด{place}" if province else "ระดับประเทศ"
            title = f"บทเรียนจากการประกวด KBO {where} ปี {year}: {topic}"
            title_en = f"Lesson from the KBO contest {year - 543}: {topic_en}"
        else:
            topic, topic_en, areas, categories = rng.choice(
                TECHNIQUES if kind == Kind.TECHNIQUE else TEMPLATES
            )
            title, title_en = topic, topic_en
        if kind in (Kind.TECHNIQUE, Kind.STANDARD, Kind.TRAINING):
            title += rng.choice(TITLE_ENDS).format(p=place, y=year)
        if len(categories) > 2:
            categories = tuple(rng.sample(categories, rng.randint(1, 3)))
        pool = self.sources.get(province.id if province else None) or self.sources[None]
        authors = rng.sample(pool, min(len(pool), rng.choice([1, 1, 2, 2, 3])))
        summary = f"{topic} สำหรับผู้ผลิต OTOP {place}: {AREA_TEXT[areas[0]][0].format(p=place)}"
        self.add(
            rng, kind=kind, title=title, title_en=title_en, summary=summary,
            body=self.body(rng, kind, topic, areas, place), areas=areas, categories=categories,
            province=province, authors=authors, video=rng.random() < 0.15,
            published=dt.date(year - 543, 1, 1) + dt.timedelta(days=rng.randrange(365))
            if year - 543 < self.today.year else None,
        )  # fmt: skip

    def case_study(self, rng: random.Random, cohort: Cohort, year: int, product: Developed) -> None:
        """A case study of a developed product, composed from a short template with numbers
        (not through kbo.knowledge.casestudy, which reads the passport's records per product
        and would take minutes for thousands)."""
        province = next(p for p in self.world.provinces if p.id == cohort.province_id)
        needs = programmes_vocab.NEEDS.get(product.category, [])
        areas = tuple(dict.fromkeys(NEED_AREA_EXPERTISE[n[0]][0] for n in needs)) or ("marketing",)
        before = rng.randrange(40_000, 400_000, 1_000)
        after = round(before * rng.uniform(1.05, 1.9), -3)
        stars = product.stars or 0
        done = ", ".join(n[3] for n in needs) or "พัฒนาผลิตภัณฑ์ตามแผน"
        title = f"กรณีศึกษา: การพัฒนา{product.name} ของ{product.producer_name} ปี {year}"
        summary = (
            f"{product.name} จากจังหวัด{province.name_th} เข้าร่วมโครงการ KBO ปี {year}"
            f" ยอดขายเพิ่มจาก {before:,} บาท เป็น {after:,.0f} บาท"
        )
        body = (
            f"<h2>ก่อนเข้าร่วมโครงการ</h2><p>{product.producer_name} ผลิต{product.name}"
            f" ระดับดาว {stars} ดาว ยอดขายปี {year - 1} รวม {before:,} บาท</p>"
            f"<h2>สิ่งที่พัฒนา</h2><p>{done}</p>"
            f"<h2>ผลลัพธ์</h2><p>ยอดขายปี {year} รวม {after:,.0f} บาท"
            f" เพิ่มขึ้นร้อยละ {100 * (after - before) / before:.1f}</p>"
            f"<h2>ก้าวต่อไป</h2><p>{rng.choice(CASE_NEXT)}</p>"
        )
        pool = self.sources.get(province.id) or self.sources[None]
        self.add(
            rng, kind=Kind.CASE_STUDY, title=title, title_en="", summary=summary, body=body,
            areas=areas, categories=(product.category,), province=province,
            authors=rng.sample(pool, min(len(pool), 1)), product_id=product.id,
            published=cohort.contest_day + dt.timedelta(days=rng.randint(10, 120)),
        )  # fmt: skip

    def write(self) -> None:
        write(Item, ["id", "kind", "title", "title_en", "summary", "body", "body_en",
                     "video_links", "province_id", "visibility", "authors_other", "product_id",
                     "published_at", "created_by_id", "updated_by_id", "created_at",
                     "updated_at", "version", "title_text", "area_text", "search_text"],
              self.items)  # fmt: skip
        write(ItemVersion, ["item_id", "number", "title", "title_en", "summary", "body",
                            "body_en", "visibility", "note", "saved_by_id", "saved_at"],
              self.versions)  # fmt: skip
        write(Item.areas.through, ["item_id", "expertisearea_id"], self.area_links)
        write(Item.authors.through, ["item_id", "knowledgesource_id"], self.author_links)
        write(ItemCategory, ["item_id", "category"], self.categories)


def documents(
    *,
    kind: str,
    title: str,
    title_en: str,
    summary: str,
    body: str,
    areas: list[Area],
    categories: list[str],
    kind_label: str,
    authors: list[str],
    authors_other: str,
) -> tuple[str, str, str]:
    """(title_text, area_text, search_text) as kbo.knowledge.services.item_index makes them:
    `areas` in ExpertiseArea's order (sort_order, code), `categories` the labels in code
    order, `authors` the names in the database's order by name."""
    return (
        document(title, title_en),
        document(
            *(f"{a.name_th} {a.name_en} {a.keywords}" for a in areas),
            *categories,
            kind_label,
            KIND_WORDS.get(kind, ""),
        ),
        document(
            title, title_en, summary, rich.plain(body), rich.plain(""), *authors, authors_other
        ),
    )


def generate(
    world: World,
    seed: int,
    scale: float,
    cohorts: dict[tuple[str, int], Cohort],
    accounts: Accounts,
) -> int:
    """Write the library; returns the number of items."""
    builder = Builder(world, seed, accounts)
    per_province = max(2, round(PER_PROVINCE * scale))
    for p in world.provinces:
        if p.code == "10":  # Bangkok has no KBO network
            continue
        rng = stream(seed, "knowledge", p.code)
        for _ in range(per_province):
            builder.one(rng, p)
    rng = stream(seed, "knowledge", "national")
    for _ in range(max(6, round(NATIONAL * scale))):
        builder.one(rng, None)
    latest: dict[int, tuple[Cohort, int, Developed]] = {}  # one case study a product
    for (_code, year), cohort in sorted(cohorts.items()):
        for _did, product in cohort.selected:
            latest[product.id] = (cohort, year, product)
    rng = stream(seed, "knowledge", "cases")
    for product_id in sorted(latest):
        if rng.random() < CASE_SHARE:
            cohort, year, product = latest[product_id]
            builder.case_study(rng, cohort, year, product)
    builder.write()
    return len(builder.items)
