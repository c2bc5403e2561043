"""Demo registries for the four provinces of the source articles (`kbo demo`).

Mae Hong Son (58) holds 619 producers registered 2557–2564 with 1,500 products, as in the
article on its KBO network, plus producers registered before and after; Chiang Mai (50),
Mukdahan (49) and Chachoengsao (24) hold a few hundred products each. Names, places and
histories (stars in the rounds 2559, 2562, 2565 and 2567; segments 2563–2567; certificates;
sales for fiscal years 2563–2567) are drawn from `random.Random` seeded per province, so a
run gives the same rows every time. Rows are written with bulk upserts keyed by codes, and
history rows of demo products that the data set does not hold are removed, so a second run
changes nothing but certificate dates, which follow today's date (some expired, some
expiring soon). Bulk writes are not audited row by row, as for the geography.
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate

from django.db import transaction
from django.utils import timezone

from kbo.accounts.models import User
from kbo.geo.models import Subdistrict
from kbo.registry.models import (
    Certificate,
    Producer,
    ProducerType,
    Product,
    Sale,
    SegmentAssessment,
    StarBand,
    StarRating,
    StarRound,
    Subcategory,
)
from kbo.registry.services import producer_search_text, product_search_text

SEED = 2569
ROUND_YEARS = (2559, 2562, 2565, 2567)
SEGMENT_YEARS = range(2563, 2568)
SALES_YEARS = range(2563, 2568)
DEFAULT_BANDS = ((5, 90), (4, 80), (3, 70), (2, 50), (1, 0))
WINDOW = (2557, 2564)  # the registration years of the Mae Hong Son article


@dataclass(frozen=True)
class Plan:
    """How many producers and products a province holds, inside and outside WINDOW."""

    code: str
    region: str  # for family names: north, northeast, central
    area_code: str  # landline prefix
    producers: int
    products: int
    other_producers: int
    other_products: int
    trades: dict[str, float]  # trade → weight


PLANS = [
    Plan(
        "58", "north", "053", 619, 1500, 81, 190,
        {"textile": 0.3, "food": 0.25, "beverage": 0.12, "household": 0.2, "herbal": 0.13},
    ),
    Plan(
        "50", "north", "053", 160, 380, 70, 160,
        {"textile": 0.25, "food": 0.25, "beverage": 0.1, "household": 0.28, "herbal": 0.12},
    ),
    Plan(
        "49", "northeast", "042", 110, 260, 35, 80,
        {"textile": 0.35, "food": 0.3, "beverage": 0.08, "household": 0.15, "herbal": 0.12},
    ),
    Plan(
        "24", "central", "038", 90, 210, 30, 70,
        {"food": 0.4, "beverage": 0.12, "textile": 0.13, "household": 0.2, "herbal": 0.15},
    ),
]  # fmt: skip

TRADE_CATEGORY = {
    "textile": "TEXTILE", "food": "FOOD", "beverage": "BEVERAGE", "household": "HOUSEHOLD",
    "herbal": "HERBAL",
}  # fmt: skip

# Community groups' names by trade; {v} is the village, {s} a weaving style of the province.
GROUP_NAMES = {
    "textile": ["กลุ่มทอผ้า{s}บ้าน{v}", "กลุ่มสตรีทอผ้าบ้าน{v}", "วิสาหกิจชุมชนผ้าทอมือบ้าน{v}",
                "กลุ่มแม่บ้านทอผ้า{s}บ้าน{v}"],
    "food": ["กลุ่มแม่บ้านเกษตรกรบ้าน{v}", "กลุ่มแปรรูปผลผลิตการเกษตรบ้าน{v}",
             "วิสาหกิจชุมชนแปรรูปอาหารบ้าน{v}", "กลุ่มแม่บ้านพัฒนาบ้าน{v}"],
    "beverage": ["วิสาหกิจชุมชนเครื่องดื่มบ้าน{v}", "กลุ่มผู้ผลิตชาและกาแฟบ้าน{v}",
                 "วิสาหกิจชุมชนเกษตรอินทรีย์บ้าน{v}"],
    "household": ["กลุ่มจักสานบ้าน{v}", "กลุ่มหัตถกรรมบ้าน{v}", "วิสาหกิจชุมชนหัตถกรรมบ้าน{v}",
                  "กลุ่มอาชีพจักสานไม้ไผ่บ้าน{v}"],
    "herbal": ["กลุ่มสมุนไพรบ้าน{v}", "วิสาหกิจชุมชนสมุนไพรบ้าน{v}",
               "กลุ่มแพทย์แผนไทยบ้าน{v}"],
}  # fmt: skip
SME_NAMES = ["บริษัท {v}ออร์แกนิค จำกัด", "ห้างหุ้นส่วนจำกัด {v}หัตถศิลป์", "บริษัท {v}ฟู้ดส์ จำกัด"]
STYLES = {
    "58": ["กะเหรี่ยง", "ไทใหญ่", "ปกาเกอะญอ", ""], "50": ["ฝ้าย", "ตีนจก", "ไทลื้อ", ""],
    "49": ["ภูไท", "ย้อมคราม", "มัดหมี่", ""], "24": ["มัดย้อม", "ปักมือ", ""],
}  # fmt: skip

# Products by province and trade: (name, unit, lowest price, highest price, subcategory).
P = tuple[str, str, int, int, str]
CATALOGUE: dict[str, dict[str, list[P]]] = {
    "58": {
        "textile": [("ผ้าทอกะเหรี่ยง", "ผืน", 350, 1200, "ผ้าทอ"), ("ผ้าซิ่นไทใหญ่", "ผืน", 600, 2500, "ผ้าทอ"),
                    ("เสื้อปกาเกอะญอทอมือ", "ตัว", 350, 900, "เสื้อผ้า"), ("ย่ามผ้าทอกะเหรี่ยง", "ใบ", 150, 450, "กระเป๋าและย่าม"),
                    ("ผ้าพันคอฝ้ายย้อมสีธรรมชาติ", "ผืน", 250, 650, "ผ้าทอ"), ("กางเกงไทใหญ่", "ตัว", 290, 690, "เสื้อผ้า")],
        "food": [("ถั่วเน่าแผ่น", "แพ็ก", 40, 120, "อาหารแปรรูป"), ("ข้าวแคบไทใหญ่", "ถุง", 35, 80, "ขนมและของว่าง"),
                 ("งาขี้ม่อนคั่ว", "ถุง", 60, 150, "อาหารแปรรูป"), ("ขนมอาละหว่า", "กล่อง", 60, 150, "ขนมและของว่าง"),
                 ("กระเทียมดองน้ำผึ้ง", "ขวด", 80, 180, "อาหารแปรรูป"), ("น้ำพริกถั่วเน่า", "กระปุก", 50, 120, "น้ำพริกและเครื่องปรุง"),
                 ("น้ำผึ้งดอกไม้ป่า", "ขวด", 150, 450, "อาหารแปรรูป"), ("ข้าวปุกงาขี้ม่อน", "แพ็ก", 40, 100, "ขนมและของว่าง")],
        "beverage": [("กาแฟอาราบิก้าคั่ว", "ถุง", 180, 450, "กาแฟและชา"), ("ชาอู่หลงบ้านรักไทย", "กล่อง", 150, 600, "กาแฟและชา"),
                     ("น้ำงาขี้ม่อนพร้อมดื่ม", "ขวด", 25, 60, "เครื่องดื่มพร้อมดื่ม"), ("ชาใบหม่อน", "กล่อง", 80, 200, "กาแฟและชา")],
        "household": [("เครื่องจักสานไม้ไผ่", "ชิ้น", 120, 900, "จักสาน"), ("ตะกร้าหวายไทใหญ่", "ใบ", 250, 800, "จักสาน"),
                      ("ตุ๊กตาชนเผ่า", "ตัว", 80, 250, "ของที่ระลึก"), ("เครื่องเงินกะเหรี่ยง", "ชิ้น", 300, 3500, "เครื่องประดับ"),
                      ("ตุงไทใหญ่", "ผืน", 150, 600, "ของตกแต่ง"), ("โคมไฟไม้ไผ่", "ชิ้น", 350, 1200, "ของตกแต่ง")],
        "herbal": [("สบู่น้ำมันงาขี้ม่อน", "ก้อน", 45, 120, "เครื่องสำอางสมุนไพร"), ("น้ำมันงาขี้ม่อนสกัดเย็น", "ขวด", 150, 450, "เครื่องสำอางสมุนไพร"),
                   ("ยาหม่องสมุนไพร", "ตลับ", 35, 90, "ยาดมและยาหม่อง"), ("ลูกประคบสมุนไพร", "ลูก", 60, 150, "ยาดมและยาหม่อง"),
                   ("สเปรย์ตะไคร้หอมกันยุง", "ขวด", 60, 150, "เครื่องสำอางสมุนไพร")],
    },
    "50": {
        "textile": [("ผ้าฝ้ายทอมือ", "ผืน", 300, 1200, "ผ้าทอ"), ("ผ้าซิ่นตีนจกแม่แจ่ม", "ผืน", 1500, 9000, "ผ้าทอ"),
                    ("ผ้าฝ้ายย้อมสีธรรมชาติ", "ผืน", 350, 1500, "ผ้าทอ"), ("เสื้อผ้าฝ้ายพื้นเมือง", "ตัว", 350, 890, "เสื้อผ้า"),
                    ("กระเป๋าผ้าฝ้ายทอมือ", "ใบ", 250, 790, "กระเป๋าและย่าม"), ("ผ้าทอไทลื้อ", "ผืน", 450, 1800, "ผ้าทอ")],
        "food": [("ข้าวแต๋นน้ำแตงโม", "ถุง", 35, 90, "ขนมและของว่าง"), ("น้ำพริกตาแดง", "กระปุก", 40, 100, "น้ำพริกและเครื่องปรุง"),
                 ("น้ำพริกหนุ่ม", "กระปุก", 40, 100, "น้ำพริกและเครื่องปรุง"), ("แคบหมูไร้มัน", "ถุง", 50, 120, "ขนมและของว่าง"),
                 ("ไส้อั่วสมุนไพร", "แพ็ก", 120, 250, "อาหารแปรรูป"), ("ลำไยอบแห้งสีทอง", "ถุง", 80, 250, "ผลไม้แปรรูป"),
                 ("สตรอว์เบอร์รีอบแห้ง", "ถุง", 60, 150, "ผลไม้แปรรูป")],
        "beverage": [("กาแฟอาราบิก้าคั่วบด", "ถุง", 180, 500, "กาแฟและชา"), ("ชาเมี่ยงอัสสัม", "กล่อง", 90, 250, "กาแฟและชา"),
                     ("น้ำลำไยพร้อมดื่ม", "ขวด", 25, 50, "เครื่องดื่มพร้อมดื่ม"), ("ชาใบหม่อน", "กล่อง", 80, 200, "กาแฟและชา")],
        "household": [("ร่มกระดาษสาบ่อสร้าง", "คัน", 150, 1500, "ของที่ระลึก"), ("เครื่องเขินลายล้านนา", "ชิ้น", 250, 2500, "ของตกแต่ง"),
                      ("ไม้แกะสลักบ้านถวาย", "ชิ้น", 300, 8000, "ของตกแต่ง"), ("เครื่องเงินวัวลาย", "ชิ้น", 500, 6000, "เครื่องประดับ"),
                      ("เครื่องปั้นดินเผาเมืองกุง", "ชิ้น", 80, 900, "ของใช้"), ("สมุดกระดาษสา", "เล่ม", 60, 250, "ของที่ระลึก"),
                      ("โคมล้านนา", "ชิ้น", 80, 450, "ของตกแต่ง")],
        "herbal": [("สบู่น้ำผึ้งสมุนไพร", "ก้อน", 45, 120, "เครื่องสำอางสมุนไพร"), ("ลูกประคบสมุนไพร", "ลูก", 60, 150, "ยาดมและยาหม่อง"),
                   ("ยาหม่องไพล", "ตลับ", 35, 90, "ยาดมและยาหม่อง"), ("น้ำมันไพลสกัด", "ขวด", 80, 250, "ยาดมและยาหม่อง"),
                   ("แชมพูมะกรูด", "ขวด", 70, 180, "เครื่องสำอางสมุนไพร")],
    },
    "49": {
        "textile": [("ผ้าย้อมคราม", "ผืน", 450, 2500, "ผ้าทอ"), ("ผ้าไหมมัดหมี่", "ผืน", 1200, 6500, "ผ้าทอ"),
                    ("ผ้าฝ้ายหมักโคลน", "ผืน", 350, 1500, "ผ้าทอ"), ("ผ้าขาวม้าย้อมคราม", "ผืน", 150, 450, "ผ้าทอ"),
                    ("เสื้อภูไทย้อมคราม", "ตัว", 450, 1200, "เสื้อผ้า"), ("ผ้าซิ่นมัดหมี่ภูไท", "ผืน", 900, 4500, "ผ้าทอ")],
        "food": [("ข้าวฮางงอก", "ถุง", 60, 150, "ข้าวและธัญพืช"), ("ข้าวหอมมะลิอินทรีย์", "ถุง", 90, 250, "ข้าวและธัญพืช"),
                 ("ปลาส้มไร้ก้าง", "แพ็ก", 60, 150, "อาหารแปรรูป"), ("หมูยอญวน", "แท่ง", 80, 200, "อาหารแปรรูป"),
                 ("แหนมเนืองพร้อมผัก", "ชุด", 120, 350, "อาหารแปรรูป"), ("กล้วยตากอบน้ำผึ้ง", "กล่อง", 40, 120, "ผลไม้แปรรูป"),
                 ("มะขามแช่อิ่ม", "กล่อง", 50, 150, "ผลไม้แปรรูป")],
        "beverage": [("น้ำหมากเม่าพร้อมดื่ม", "ขวด", 30, 80, "เครื่องดื่มพร้อมดื่ม"), ("ชาสมุนไพรใบหม่อน", "กล่อง", 60, 180, "กาแฟและชา"),
                     ("น้ำมะขามป้อม", "ขวด", 25, 60, "เครื่องดื่มพร้อมดื่ม")],
        "household": [("เสื่อกกทอลาย", "ผืน", 250, 1200, "จักสาน"), ("กระติบข้าวไม้ไผ่", "ใบ", 80, 350, "จักสาน"),
                      ("หมอนขิด", "ใบ", 150, 600, "ของใช้"), ("เครื่องจักสานไม้ไผ่", "ชิ้น", 120, 900, "จักสาน"),
                      ("กระเป๋าสานจากกก", "ใบ", 250, 900, "กระเป๋าและย่าม")],
        "herbal": [("สบู่ครามสมุนไพร", "ก้อน", 45, 120, "เครื่องสำอางสมุนไพร"), ("ยาดมสมุนไพร", "ขวด", 25, 60, "ยาดมและยาหม่อง"),
                   ("น้ำมันเหลือง", "ขวด", 35, 90, "ยาดมและยาหม่อง"), ("ลูกประคบสมุนไพร", "ลูก", 60, 150, "ยาดมและยาหม่อง"),
                   ("ครีมขมิ้นชัน", "กระปุก", 90, 250, "เครื่องสำอางสมุนไพร")],
    },
    "24": {
        "textile": [("ผ้ามัดย้อมสีธรรมชาติ", "ผืน", 250, 950, "ผ้าทอ"), ("กระเป๋าผ้าปักมือ", "ใบ", 250, 890, "กระเป๋าและย่าม"),
                    ("เสื้อมัดย้อม", "ตัว", 290, 690, "เสื้อผ้า")],
        "food": [("มะม่วงน้ำดอกไม้แช่อิ่ม", "กล่อง", 80, 200, "ผลไม้แปรรูป"), ("มะม่วงกวน", "แพ็ก", 50, 150, "ผลไม้แปรรูป"),
                 ("ปลาสลิดแดดเดียว", "แพ็ก", 150, 450, "อาหารแปรรูป"), ("ขนมจากบางปะกง", "แพ็ก", 40, 100, "ขนมและของว่าง"),
                 ("กุ้งแห้งบางปะกง", "ถุง", 150, 600, "อาหารแปรรูป"), ("น้ำพริกปลาสลิด", "กระปุก", 50, 120, "น้ำพริกและเครื่องปรุง"),
                 ("กล้วยอบเนย", "ถุง", 35, 80, "ขนมและของว่าง"), ("ทองม้วนมะพร้าวอ่อน", "กล่อง", 60, 150, "ขนมและของว่าง")],
        "beverage": [("น้ำมะพร้าวน้ำหอม", "ขวด", 25, 60, "เครื่องดื่มพร้อมดื่ม"), ("น้ำมะม่วงพร้อมดื่ม", "ขวด", 25, 60, "เครื่องดื่มพร้อมดื่ม"),
                     ("ชาตะไคร้ใบเตย", "กล่อง", 60, 150, "กาแฟและชา")],
        "household": [("เครื่องจักสานผักตบชวา", "ชิ้น", 150, 1200, "จักสาน"), ("เครื่องจักสานไม้ไผ่พนมสารคาม", "ชิ้น", 100, 800, "จักสาน"),
                      ("ดอกไม้ประดิษฐ์จากผ้าใยบัว", "ช่อ", 80, 450, "ของตกแต่ง"), ("ไม้กวาดดอกหญ้า", "ด้าม", 40, 120, "ของใช้")],
        "herbal": [("ยาหม่องสมุนไพร", "ตลับ", 35, 90, "ยาดมและยาหม่อง"), ("สบู่น้ำมันมะพร้าว", "ก้อน", 45, 120, "เครื่องสำอางสมุนไพร"),
                   ("น้ำมันมะพร้าวสกัดเย็น", "ขวด", 120, 350, "เครื่องสำอางสมุนไพร"), ("สเปรย์ตะไคร้หอมกันยุง", "ขวด", 60, 150, "เครื่องสำอางสมุนไพร")],
    },
}  # fmt: skip

STORIES = {
    "textile": "สืบทอดภูมิปัญญาการทอผ้าของบรรพบุรุษบ้าน{v} ใช้ฝ้ายจากชุมชนและสีจากธรรมชาติ",
    "food": "ผลิตจากวัตถุดิบในชุมชนบ้าน{v} ด้วยสูตรที่ถ่ายทอดกันมาในครอบครัว",
    "beverage": "วัตถุดิบปลูกและแปรรูปโดยสมาชิกบ้าน{v} ไม่ใช้สารเคมี",
    "household": "งานฝีมือของช่างในบ้าน{v} ใช้วัสดุธรรมชาติที่หาได้ในท้องถิ่น",
    "herbal": "สมุนไพรปลูกในแปลงของกลุ่มที่บ้าน{v} ตามตำรับหมอพื้นบ้าน",
}
FIRST_NAMES = {
    "female": ["บัวคำ", "ศรีนวล", "คำปัน", "แสงเดือน", "จันทร์เพ็ญ", "บุญเรือน", "สมศรี", "มณี",
               "ทองใบ", "พิมพ์ใจ", "อำไพ", "ประไพ", "วันเพ็ญ", "ดวงใจ", "นวลจันทร์", "สายทอง",
               "อรทัย", "กาญจนา", "สุนันทา", "ศรีไพร", "รัตนา", "บุษบา", "ยุพิน", "มยุรี"],
    "male": ["สมชาย", "บุญส่ง", "คำแก้ว", "ประสิทธิ์", "สมบัติ", "วิชัย", "อินทร", "บุญเลิศ",
             "ทองดี", "สุรชัย", "จำลอง", "นิคม", "ประยูร", "สุเทพ"],
}  # fmt: skip
FAMILY_NAMES = {
    "north": ["ใจคำ", "อินต๊ะ", "ปัญญาแก้ว", "คำมูล", "สุภาวงศ์", "ตาคำ", "แสนเมือง", "ศรีวิชัย",
              "อินทวงศ์", "กันทะ", "จันทร์แก้ว", "วงศ์ไชย", "ปัญโญ", "ยาวิชัย", "คำแสน"],
    "northeast": ["ศรีวงศ์", "พรหมมา", "ภูมิลา", "โคตรสมบัติ", "ไชยสาร", "แก้วมณี", "บุญประคม",
                  "ศรีสุระ", "พลเยี่ยม", "วงศ์ไตรราช", "ภูผาลี", "คำภูแสน"],
    "central": ["ทองดี", "แก้วประเสริฐ", "สุขเจริญ", "พึ่งบุญ", "ศรีสุข", "รุ่งเรือง", "มั่นคง",
                "อยู่เย็น", "เพชรรัตน์", "บุญมา", "จันทร์หอม", "สมบูรณ์ผล"],
}  # fmt: skip
VILLAGE_SUFFIXES = ["", "", "", "ใหม่", "เหนือ", "ใต้", "กลาง", "หลวง", "น้อย", "พัฒนา"]


# The demo producers of the demo accounts (accounts.demo): code, account, subdistrict, data.
@dataclass(frozen=True)
class Anchor:
    """The first producer of a province, whose products a demo account signs in to see."""

    account: str
    subdistrict: str
    name: str
    village: str
    contact: str
    registered_year: int
    products: list[P]


ANCHORS = {
    "58": Anchor("producer.maehongson", "580203", "กลุ่มทอผ้าไทใหญ่บ้านเมืองปอน", "เมืองปอน",
                 "นางบัวคำ จันทร์ดี", 2558,
                 [("ผ้าทอไทใหญ่ลายดั้งเดิม", "ผืน", 450, 1500, "ผ้าทอ"),
                  ("ผ้าซิ่นไทใหญ่", "ผืน", 600, 2500, "ผ้าทอ"),
                  ("ย่ามผ้าทอไทใหญ่", "ใบ", 150, 450, "กระเป๋าและย่าม")]),
    "49": Anchor("producer.mukdahan", "490704", "กลุ่มผ้าย้อมครามบ้านภู", "ภู", "นางคำปุ่น ศรีวงศ์",
                 2557,
                 [("ผ้าย้อมคราม", "ผืน", 450, 2500, "ผ้าทอ"),
                  ("เสื้อภูไทย้อมคราม", "ตัว", 450, 1200, "เสื้อผ้า"),
                  ("ผ้าพันคอย้อมคราม", "ผืน", 250, 650, "ผ้าทอ")]),
}  # fmt: skip


def id13(first12: str) -> str:
    """The 12 digits with their mod-11 check digit (Thai citizen and juristic IDs)."""
    total = sum(int(digit) * (13 - i) for i, digit in enumerate(first12))
    return first12 + str((11 - total % 11) % 10)


@dataclass
class Maker:
    """A producer before it is written, with what its products are drawn from."""

    producer: Producer
    trade: str
    village: str
    first_name: str


@dataclass
class Spec:
    """A product with its histories, before it is written."""

    product: Product
    subcategory: str
    quality: float
    # (round year, score, strength, marketing, quality, stars)
    ratings: list[tuple[int, Decimal, Decimal, Decimal, Decimal, int]] = field(default_factory=list)
    segments: list[tuple[int, str]] = field(default_factory=list)
    certificates: list[dict] = field(default_factory=list)
    sales: list[tuple[int, Decimal, int]] = field(default_factory=list)


class Builder:
    """Draws one province's producers and products from its own random stream."""

    def __init__(
        self,
        plan: Plan,
        seed: int,
        subdistricts: list[Subdistrict],
        bands: list[tuple[int, Decimal]],
        today: dt.date,
    ) -> None:
        self.plan = plan
        self.rng = random.Random(f"{seed}-{plan.code}")
        self.subdistricts = subdistricts
        self.bands = bands
        self.today = today
        self.makers: list[Maker] = []
        self.specs: list[Spec] = []

    # --- people and names ---

    def person(self) -> tuple[str, str]:
        rng = self.rng
        sex = "female" if rng.random() < 0.7 else "male"
        title = "นาย" if sex == "male" else rng.choice(["นาง", "นาง", "นาง", "นางสาว"])
        first = rng.choice(FIRST_NAMES[sex])
        return f"{title}{first} {rng.choice(FAMILY_NAMES[self.plan.region])}", first

    def village(self, sub: Subdistrict) -> str:
        """A village named, as most are, after its subdistrict (บ้านแม่คง, บ้านแม่คงใต้)."""
        return sub.name_th + self.rng.choice(VILLAGE_SUFFIXES)

    def phone(self, landline: bool = False) -> str:
        if landline:
            return f"{self.plan.area_code}{self.rng.randint(0, 999999):06d}"
        return f"0{self.rng.choice('689')}{self.rng.randint(0, 99999999):08d}"

    # --- producers ---

    def producer(self, n: int, year: int, anchor: Anchor | None = None) -> Maker:
        rng, plan = self.rng, self.plan
        sub = rng.choice(self.subdistricts)
        trade = rng.choices(list(plan.trades), weights=list(plan.trades.values()))[0]
        kind = rng.choices(
            [ProducerType.COMMUNITY_GROUP, ProducerType.SINGLE_OWNER, ProducerType.SME],
            weights=[55, 43, 2],
        )[0]
        contact, first = self.person()
        village = self.village(sub)
        if anchor:
            sub = next((s for s in self.subdistricts if s.code == anchor.subdistrict), sub)
            name, contact, year = anchor.name, anchor.contact, anchor.registered_year
            kind, trade, village = ProducerType.COMMUNITY_GROUP, "textile", anchor.village
        elif kind == ProducerType.COMMUNITY_GROUP:
            pattern = rng.choice(GROUP_NAMES[trade])
            name = pattern.format(v=village, s=rng.choice(STYLES[plan.code]))
        elif kind == ProducerType.SME:
            name = rng.choice(SME_NAMES).format(v=village)
        else:
            name = contact
        if kind == ProducerType.SME:
            id_number = id13(f"0{plan.code}5{rng.randint(0, 99999999):08d}")
        else:
            born = rng.choice("13")
            id_number = id13(f"{born}{sub.district.code}{rng.randint(0, 9999999):07d}")
        village_no = rng.randint(1, 15)
        producer = Producer(
            code=f"{plan.code}P{n:04d}",
            producer_type=kind,
            name=name,
            registered_year=year,
            registered_quarter=rng.randint(1, 4),
            province=sub.province,
            district=sub.district,
            subdistrict=sub,
            village_no=village_no,
            address=f"{rng.randint(1, 250)} หมู่ {village_no} บ้าน{village}",
            contact_name=contact,
            phone=self.phone(landline=kind == ProducerType.SME),
            id_number=id_number,
            member_count={
                ProducerType.COMMUNITY_GROUP: rng.randint(8, 60),
                ProducerType.SINGLE_OWNER: rng.randint(1, 5),
                ProducerType.SME: rng.randint(5, 40),
            }[kind],
            community_linkage=STORIES[trade].format(v=village),
        )
        producer.search_text = producer_search_text(producer)
        maker = Maker(producer, trade, village, first)
        self.makers.append(maker)
        return maker

    # --- products and histories ---

    def products(self, maker: Maker, count: int, chosen: list[P] | None = None) -> None:
        rng = self.rng
        items = CATALOGUE[self.plan.code][maker.trade]
        chosen = list(chosen) if chosen else rng.sample(items, min(count, len(items)))
        while len(chosen) < count:
            chosen.append(rng.choice(items))
        seen: dict[str, int] = {}
        for k, (name, unit, low, high, subcategory) in enumerate(chosen, start=1):
            seen[name] = seen.get(name, 0) + 1
            if seen[name] > 1:
                name = f"{name} {['', '', 'ขนาดใหญ่', 'ชุดของขวัญ', 'ขนาดทดลอง'][min(seen[name], 4)]}"
            elif rng.random() < 0.3:
                name = f"{name}บ้าน{maker.village}"
            self.product(maker, k, name, unit, low, high, subcategory)

    def product(
        self, maker: Maker, k: int, name: str, unit: str, low: int, high: int, subcategory: str
    ) -> None:
        rng, producer, trade = self.rng, maker.producer, maker.trade
        price = Decimal(rng.randrange(low, high + 1, 5 if high < 500 else 10))
        channels = [c for c in ("SHOP", "FAIR", "ONLINE", "WHOLESALE") if rng.random() < 0.55]
        if rng.random() < 0.04:
            channels.append("EXPORT")
        code = f"{producer.code}-{k:02d}"
        product = Product(
            code=code,
            producer=producer,
            province=producer.province,
            name=name,
            brand=rng.choice([maker.village, f"แม่{maker.first_name}", "", maker.village]),
            category=TRADE_CATEGORY[trade],
            description=f"{name} ผลิตโดย{producer.name} อำเภอ{producer.district.name_th}",
            story=STORIES[trade].format(v=maker.village),
            price=price,
            unit=unit,
            capacity=f"{rng.choice([50, 100, 200, 300, 500, 1000])} {unit}ต่อเดือน",
            sales_channels=channels or ["SHOP"],
            shop_links=f"https://shop.example.com/otop/{code}" if "ONLINE" in channels else "",
        )
        product.search_text = product_search_text(product, producer)
        spec = Spec(product, subcategory, quality=min(97.0, max(35.0, rng.gauss(66, 11))))
        self.history(spec, producer.registered_year)
        # The latest round and the latest year, as services.product_refresh_current sets them.
        latest = max(spec.ratings, default=None)
        product.current_stars = latest[5] if latest else None
        product.current_star_year = latest[0] if latest else None
        product.current_segment = max(spec.segments)[1] if spec.segments else ""
        self.specs.append(spec)

    def stars_for(self, score: Decimal) -> int:
        return next((stars for stars, low in self.bands if score >= low), 1)

    def history(self, spec: Spec, registered: int) -> None:
        rng, q = self.rng, spec.quality
        for i, year in enumerate(ROUND_YEARS):
            if year > registered and rng.random() < 0.38:
                score = min(99.5, max(30.0, q + 1.5 * i + rng.gauss(0, 4)))
                strength = round(score * rng.uniform(0.18, 0.22), 2)
                marketing = round(score * rng.uniform(0.28, 0.32), 2)
                total, part1, part2 = (Decimal(f"{x:.2f}") for x in (score, strength, marketing))
                stars = self.stars_for(total)
                spec.ratings.append((year, total, part1, part2, total - part1 - part2, stars))
        for year in SEGMENT_YEARS:
            if year >= registered and rng.random() < 0.5:
                level = q + 1.5 * (year - SEGMENT_YEARS[0]) + rng.gauss(0, 5)
                segment = (
                    "A" if level >= 90 else "B" if level >= 80 else "C" if level >= 67 else "D"
                )
                spec.segments.append((year, segment))
        self.certify(spec)
        base_units = rng.lognormvariate(5.5, 0.9)
        price = spec.product.price or Decimal(100)
        for year in SALES_YEARS:
            if year >= registered and rng.random() < 0.75:
                trend = (0.7 if year in (2563, 2564) else 1.0) * (1 + 0.06 * (year - 2563))
                units = max(5, int(base_units * trend * rng.uniform(0.8, 1.25)))
                amount = (price * units).quantize(Decimal("10"))
                spec.sales.append((year, amount, units))

    def certify(self, spec: Spec) -> None:
        rng, category = self.rng, spec.product.category
        province = spec.product.province.name_th

        def add(kind: str, number: str, issuer: str, years: int, grade: str = "") -> None:
            issued = self.today - dt.timedelta(days=rng.randint(20, 4 * 365))
            number = number.replace("{be}", str(issued.year + 543))
            expires = issued + dt.timedelta(days=365 * years) if years else None
            spec.certificates.append(
                {"kind": kind, "number": number, "issuer": issuer, "grade": grade,
                 "issued_on": issued, "expires_on": expires}
            )  # fmt: skip

        serial = rng.randint(1000, 99999)
        if rng.random() < 0.45:
            add("MOPHOCHO", f"มผช. {serial}/{{be}}",
                "สำนักงานมาตรฐานผลิตภัณฑ์อุตสาหกรรม (สมอ.)", 3)  # fmt: skip
        if category in ("FOOD", "BEVERAGE") and rng.random() < 0.55:
            number = f"{self.plan.code}-1-{serial:05d}-2-{rng.randint(1, 9999):04d}"
            add("FDA", number, f"สำนักงานสาธารณสุขจังหวัด{province}", 0)
            if rng.random() < 0.25:
                add("GMP", f"GMP {self.plan.code}-{serial}", f"สำนักงานสาธารณสุขจังหวัด{province}", 3)
        if category == "HERBAL" and rng.random() < 0.5:
            add("COSMETIC", f"{self.plan.code}-1-{rng.randint(0, 9999999999):010d}",
                "สำนักงานคณะกรรมการอาหารและยา", 3)  # fmt: skip
        if self.plan.code == "24" and category == "FOOD" and rng.random() < 0.1:
            add("HALAL", f"ฮ.{serial}", "คณะกรรมการกลางอิสลามแห่งประเทศไทย", 2)
        organic_kind = "กาแฟ" in spec.product.name or "อินทรีย์" in spec.product.name
        if organic_kind and rng.random() < 0.3:
            add("ORGANIC", f"Organic Thailand {serial}", "กรมวิชาการเกษตร", 3)
        best = max((rating[5] for rating in spec.ratings), default=0)
        if best >= 3 and rng.random() < 0.5:
            grade = {5: "Premium", 4: "Classic"}.get(best, "Standard")
            add("OTOP_MARK", f"OTOP {self.plan.code}-{serial}", "กรมการพัฒนาชุมชน", 2, grade)

    # --- the province ---

    def build(self) -> None:
        plan, rng = self.plan, self.rng
        anchor = ANCHORS.get(plan.code)
        window = list(range(WINDOW[0], WINDOW[1] + 1))
        weights = list(range(4, 4 + len(window)))  # more registrations in later years
        years = rng.choices(window, weights=weights, k=plan.producers)
        outside = [y for y in range(2548, 2568) if not WINDOW[0] <= y <= WINDOW[1]]
        years += [rng.choice(outside) for _ in range(plan.other_producers)]
        counts = self.split(
            plan.products, plan.producers, first=len(anchor.products) if anchor else 1
        )
        counts += self.split(plan.other_products, plan.other_producers)
        for n, (year, count) in enumerate(zip(years, counts, strict=True), start=1):
            first = anchor if n == 1 else None
            maker = self.producer(n, year, first)
            self.products(maker, count, first.products if first else None)

    def split(self, total: int, parts: int, first: int = 1, most: int = 8) -> list[int]:
        """`total` products over `parts` producers: one to `most` each, few with many."""
        cumulative = list(accumulate(self.rng.paretovariate(1.5) for _ in range(parts)))
        counts = [first] + [1] * (parts - 1)
        while sum(counts) < total:
            i = self.rng.choices(range(parts), cum_weights=cumulative)[0]
            if counts[i] < most:
                counts[i] += 1
        return counts


def ensure_reference_data() -> dict[str, Subcategory]:
    """Star bands (when missing), the selection rounds and the demo's subcategories."""
    for stars, low in DEFAULT_BANDS:
        StarBand.objects.get_or_create(stars=stars, defaults={"min_score": Decimal(low)})
    for year in ROUND_YEARS:
        StarRound.objects.get_or_create(
            year=year,
            defaults={"name": f"การคัดสรรสุดยอดหนึ่งตำบลหนึ่งผลิตภัณฑ์ไทย ปี {year}"},
        )
    wanted = {
        (TRADE_CATEGORY[trade], item[4])
        for trades in CATALOGUE.values()
        for trade, items in trades.items()
        for item in items
    } | {("TEXTILE", item[4]) for anchor in ANCHORS.values() for item in anchor.products}
    Subcategory.objects.bulk_create(
        [Subcategory(category=c, name_th=name) for c, name in sorted(wanted)],
        ignore_conflicts=True,
    )
    return {
        f"{s.category}/{s.name_th}": s
        for s in Subcategory.objects.filter(name_th__in={name for _c, name in wanted})
    }


PRODUCER_FIELDS = [
    "producer_type", "name", "registered_year", "registered_quarter", "province", "district",
    "subdistrict", "village_no", "address", "contact_name", "phone", "id_number", "member_count",
    "community_linkage", "search_text", "updated_at",
]  # fmt: skip
PRODUCT_FIELDS = [
    "producer", "province", "name", "brand", "category", "subcategory", "description", "story",
    "price", "unit", "capacity", "sales_channels", "shop_links", "current_stars",
    "current_star_year", "current_segment", "search_text", "updated_at",
]  # fmt: skip
BATCH = 500


def upsert(model, rows: list, unique: list[str], fields: list[str]) -> None:
    model.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=unique, update_fields=fields, batch_size=BATCH
    )


def sync_history(model, rows: list, key: list[str], fields: list[str], product_ids: list[int]):
    """Make the demo products' rows of `model` exactly `rows`: remove the rows the data set
    does not hold, then insert or update the others by `key` (a unique constraint)."""
    attnames = [f"{name}_id" if name in ("product", "round") else name for name in key]
    keep = {tuple(getattr(row, name) for name in attnames) for row in rows}
    existing = model.objects.filter(product_id__in=product_ids).values_list("pk", *attnames)
    stale = [pk for pk, *rest in existing if tuple(rest) not in keep]
    if stale:
        model.objects.filter(pk__in=stale).delete()
    upsert(model, rows, key, fields)


def sync_certificates(certificates: list[Certificate], product_ids: list[int]) -> None:
    """Certificates have no unique key: match them by product, kind and number."""
    fields = ["issuer", "grade", "issued_on", "expires_on"]
    known = {
        (row["product_id"], row["kind"], row["number"]): row
        for row in Certificate.objects.filter(product_id__in=product_ids).values(
            "pk", "product_id", "kind", "number", *fields
        )
    }
    changed = []
    for certificate in certificates:
        row = known.pop((certificate.product_id, certificate.kind, certificate.number), None)
        if row is not None:
            certificate.pk = row["pk"]
            if any(getattr(certificate, name) != row[name] for name in fields):
                changed.append(certificate)
    if known:
        Certificate.objects.filter(pk__in=[row["pk"] for row in known.values()]).delete()
    Certificate.objects.bulk_create([c for c in certificates if c.pk is None], batch_size=BATCH)
    Certificate.objects.bulk_update(changed, fields, batch_size=BATCH)


def write(
    builders: list[Builder], subcategories: dict[str, Subcategory], rounds: dict[int, int]
) -> dict[str, int]:
    producers = [m.producer for b in builders for m in b.makers]
    upsert(Producer, producers, ["code"], PRODUCER_FIELDS)
    ids = dict(
        Producer.objects.filter(code__in=[p.code for p in producers]).values_list("code", "pk")
    )
    for producer in producers:
        producer.pk = ids[producer.code]

    specs = [spec for b in builders for spec in b.specs]
    for spec in specs:
        product = spec.product
        product.producer = product.producer  # copies the producer's new pk
        product.subcategory = subcategories[f"{product.category}/{spec.subcategory}"]
    upsert(Product, [s.product for s in specs], ["code"], PRODUCT_FIELDS)
    ids = dict(
        Product.objects.filter(code__in=[s.product.code for s in specs]).values_list("code", "pk")
    )
    for spec in specs:
        spec.product.pk = ids[spec.product.code]
    product_ids = list(ids.values())

    ratings = [
        StarRating(
            product_id=s.product.pk, round_id=rounds[year], stars=stars, score=score,
            score_strength=strength, score_marketing=marketing, score_quality=quality,
        )
        for s in specs
        for year, score, strength, marketing, quality, stars in s.ratings
    ]  # fmt: skip
    sync_history(
        StarRating, ratings, ["product", "round"],
        ["stars", "score", "score_strength", "score_marketing", "score_quality"], product_ids,
    )  # fmt: skip
    segments = [
        SegmentAssessment(product_id=s.product.pk, year=year, segment=segment)
        for s in specs
        for year, segment in s.segments
    ]
    sync_history(SegmentAssessment, segments, ["product", "year"], ["segment", "note"], product_ids)
    sales = [
        Sale(product_id=s.product.pk, fiscal_year=year, channel="TOTAL", amount=amount, units=units)
        for s in specs
        for year, amount, units in s.sales
    ]
    sync_history(
        Sale, sales, ["product", "fiscal_year", "channel"], ["amount", "units"], product_ids
    )
    certificates = [
        Certificate(product_id=s.product.pk, **c) for s in specs for c in s.certificates
    ]
    sync_certificates(certificates, product_ids)
    return {
        "producers": len(producers),
        "products": len(specs),
        "star_ratings": len(ratings),
        "segments": len(segments),
        "certificates": len(certificates),
        "sales": len(sales),
    }


def link_accounts(builders: list[Builder]) -> None:
    """The demo producer accounts sign in as their producer (when accounts' demo ran)."""
    for builder in builders:
        anchor = ANCHORS.get(builder.plan.code)
        user = User.objects.filter(username=anchor.account).first() if anchor else None
        if user is not None:
            builder.makers[0].producer.accounts.add(user)


def load(seed: int = SEED) -> dict[str, int]:
    """Create or refresh the demo registries; return the number of rows of each kind."""
    today = timezone.localdate()
    with transaction.atomic():
        subcategories = ensure_reference_data()
        bands = list(StarBand.objects.order_by("-stars").values_list("stars", "min_score"))
        rounds = dict(StarRound.objects.filter(year__in=ROUND_YEARS).values_list("year", "pk"))
        places: dict[str, list[Subdistrict]] = {}
        for sub in (
            Subdistrict.objects.filter(province__code__in=[p.code for p in PLANS])
            .select_related("district", "province")
            .order_by("code")
        ):
            places.setdefault(sub.province.code, []).append(sub)
        builders = [
            Builder(plan, seed, places[plan.code], bands, today)
            for plan in PLANS
            if plan.code in places
        ]
        for builder in builders:
            builder.build()
        counts = write(builders, subcategories, rounds)
        link_accounts(builders)
    return {"provinces": len(builders), **counts}
