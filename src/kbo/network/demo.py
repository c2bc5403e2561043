"""Demo KBO networks for the four provinces of the source articles (`kbo demo`).

Chiang Mai (50, a pilot province, founded 2549) has two committee terms, most members
serving both; Mae Hong Son (58) has the 23-member committee of its article; Mukdahan (49)
and Chachoengsao (24) have smaller ones. Each committee is chaired by the governor or a
vice-governor, with the provincial development officer as member and secretary. About two
hundred knowledge sources (the committee members among them) cover the twelve expertise
areas, and the meetings carry agenda items, resolutions and attendance (Chiang Mai
ครั้งที่ 1/2563 was held on 13 January 2563).

Everything goes through `network.services` (so search text is set) as the demo national
administrator (`accounts.demo` first). Records are found again by natural keys (a network by
province, a term by its start, a source by name, a seat by term and person, a meeting by
its number), so a second run changes nothing but the ids of agenda and attendance rows.
People's names are made up; bulk loads are not audited row by row.
"""

import datetime as dt
import random
from dataclasses import dataclass

from auditlog.context import disable_auditlog
from django.db import transaction

from kbo.accounts.models import User
from kbo.geo.models import Province
from kbo.network.areas import ensure_areas
from kbo.network.models import (
    Attendance,
    CommitteeSeat,
    ExpertiseArea,
    KnowledgeSource,
    Meeting,
    Network,
    SeatRole,
    Sector,
    SourceKind,
    Term,
)
from kbo.network.services import meeting_save, network_save, seat_add, source_save, term_save

SEED = 2549
G, E, PR, F, PN, X = (Sector.GOVERNMENT, Sector.EDUCATION, Sector.PRIVATE, Sector.FINANCE,
                      Sector.PRODUCER_NETWORK, Sector.EXPERT)  # fmt: skip


@dataclass(frozen=True)
class Province_:
    code: str
    founded: int
    local: str  # the word local companies take their names from
    unis: tuple[str, ...]
    dip: str  # the regional industrial promotion centre
    neighbours: tuple[str, ...]  # provinces (of the four) the experts also serve
    style: str  # weaving of the province


PROVINCES = [
    Province_("50", 2549, "ล้านนา", ("มหาวิทยาลัยเชียงใหม่", "มหาวิทยาลัยแม่โจ้",
              "มหาวิทยาลัยราชภัฏเชียงใหม่", "มหาวิทยาลัยเทคโนโลยีราชมงคลล้านนา"),
              "ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ 1", ("58",), "ผ้าซิ่นตีนจก"),
    Province_("58", 2551, "สามหมอก", ("มหาวิทยาลัยราชภัฏเชียงใหม่ ศูนย์แม่ฮ่องสอน",
              "วิทยาลัยชุมชนแม่ฮ่องสอน"), "ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ 1", ("50",),
              "ผ้าทอกะเหรี่ยง"),
    Province_("49", 2552, "มุกดา", ("มหาวิทยาลัยราชภัฏสกลนคร", "มหาวิทยาลัยนครพนม",
              "มหาวิทยาลัยขอนแก่น"), "ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ 4", (), "ผ้าย้อมครามภูไท"),
    Province_("24", 2552, "แปดริ้ว", ("มหาวิทยาลัยราชภัฏราชนครินทร์", "มหาวิทยาลัยบูรพา"),
              "ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ 9", (), "ผ้ามัดย้อม"),
]  # fmt: skip

FIRST = ["สมชาย", "สุนทร", "ประเสริฐ", "วิชัย", "อนุชา", "ธีระ", "สมบัติ", "ณรงค์", "ชัยวัฒน์",
         "พงษ์ศักดิ์", "กิตติพงษ์", "ศักดิ์ชัย", "มาลี", "สุดารัตน์", "วันเพ็ญ", "ศิริพร",
         "จันทร์เพ็ญ", "พรทิพย์", "รัชนี", "อรุณี", "กาญจนา", "นันทนา", "ปราณี", "บุษบา"]  # fmt: skip
LAST = ["ใจดี", "ศรีสุข", "บุญมา", "คำแก้ว", "อินทร์แก้ว", "ทองคำ", "แสงทอง", "พรหมมา",
        "จันทร์หอม", "สุวรรณศรี", "วงศ์ใหญ่", "ปัญญาดี", "คำมูล", "ธรรมวงศ์", "ศรีวิชัย",
        "มณีวงศ์", "สายบุญ", "ชัยมงคล", "บัวเขียว", "ดวงแก้ว", "เรืองศรี", "นาคสุข"]  # fmt: skip

# Committee seats: (role, sector, position, organisation, areas, listed as a source);
# {p} is the province. The secretary is always the provincial development officer.
GOVERNOR = (SeatRole.CHAIR, G, "ผู้ว่าราชการจังหวัด{p}", "ศาลากลางจังหวัด{p}", (), False)
VICE_GOVERNOR = (SeatRole.CHAIR, G, "รองผู้ว่าราชการจังหวัด{p}", "ศาลากลางจังหวัด{p}", (), False)
SECRETARY = (SeatRole.SECRETARY, G, "พัฒนาการจังหวัด{p}", "สำนักงานพัฒนาชุมชนจังหวัด{p}",
             ("marketing",), False)  # fmt: skip
ASSISTANT = (SeatRole.ASSISTANT_SECRETARY, G,
             "หัวหน้ากลุ่มงานส่งเสริมและพัฒนาเศรษฐกิจฐานราก", "สำนักงานพัฒนาชุมชนจังหวัด{p}",
             ("marketing", "branding"), True)  # fmt: skip
M = SeatRole.MEMBER
OFFICIALS = [
    (M, G, "อุตสาหกรรมจังหวัด{p}", "สำนักงานอุตสาหกรรมจังหวัด{p}", ("quality", "production"), True),
    (M, G, "พาณิชย์จังหวัด{p}", "สำนักงานพาณิชย์จังหวัด{p}", ("marketing", "ecommerce"), True),
    (M, G, "เกษตรจังหวัด{p}", "สำนักงานเกษตรจังหวัด{p}", ("production",), True),
    (M, G, "นายแพทย์สาธารณสุขจังหวัด{p}", "สำนักงานสาธารณสุขจังหวัด{p}",
     ("food_safety", "herbal_cosmetic"), True),
    (M, G, "ผู้อำนวยการ{dip}", "{dip}", ("production", "packaging"), True),
]  # fmt: skip
BANKS = [
    (M, F, "ผู้อำนวยการสำนักงาน ธ.ก.ส. จังหวัด{p}",
     "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", ("finance",), True),
    (M, F, "ผู้จัดการธนาคารออมสิน สาขา{p}", "ธนาคารออมสิน", ("finance",), True),
]  # fmt: skip
OTOP = (M, PN, "ประธานเครือข่ายผู้ผลิตผู้ประกอบการ OTOP จังหวัด{p}",
        "เครือข่าย OTOP จังหวัด{p}", ("marketing", "pricing"), True)  # fmt: skip


def committee(code: str) -> list[tuple]:
    """The seats of a province's committee, in the order of the appointment order."""
    head = [GOVERNOR if code in ("50", "24") else VICE_GOVERNOR]
    unis = next(p for p in PROVINCES if p.code == code).unis
    if code == "50":  # government, education, finance and banking, OTOP producer network
        seats = [
            (SeatRole.VICE_CHAIR, G, "รองผู้ว่าราชการจังหวัด{p}", "ศาลากลางจังหวัด{p}", (), False),
            *OFFICIALS,
            (M, E, "คณบดีคณะอุตสาหกรรมเกษตร", unis[0], ("production", "food_safety"), True),
            (M, E, "ผู้อำนวยการสำนักวิจัยและส่งเสริมวิชาการการเกษตร", unis[1], ("production",), True),
            (M, E, "อาจารย์สาขาการออกแบบผลิตภัณฑ์", unis[2], ("design_identity", "packaging"), True),
            *BANKS, OTOP,
            (M, PN, "รองประธานเครือข่ายผู้ผลิตผู้ประกอบการ OTOP จังหวัด{p}",
             "เครือข่าย OTOP จังหวัด{p}", ("textiles",), True),
            (M, PN, "ผู้ประกอบการ OTOP ระดับ 5 ดาว", "วิสาหกิจชุมชนผ้าฝ้ายทอมือ", ("textiles",), True),
        ]  # fmt: skip
    elif code == "58":  # the 23 members of the article
        seats = [
            (SeatRole.VICE_CHAIR, PN, "ประธานเครือข่ายผู้ผลิตผู้ประกอบการ OTOP จังหวัด{p}",
             "เครือข่าย OTOP จังหวัด{p}", ("marketing",), True),
            (M, G, "ปลัดจังหวัด{p}", "ศาลากลางจังหวัด{p}", (), False),
            *OFFICIALS,
            (M, G, "ท่องเที่ยวและกีฬาจังหวัด{p}", "สำนักงานการท่องเที่ยวและกีฬาจังหวัด{p}",
             ("marketing",), True),
            (M, G, "วัฒนธรรมจังหวัด{p}", "สำนักงานวัฒนธรรมจังหวัด{p}", ("design_identity",), True),
            (M, E, "ผู้อำนวยการ", unis[1], ("production", "finance"), True),
            (M, E, "อาจารย์ประจำ", unis[0], ("branding", "ecommerce"), True),
            (M, E, "ผู้อำนวยการวิทยาลัยการอาชีพ{p}", "สำนักงานคณะกรรมการการอาชีวศึกษา",
             ("production",), True),
            *BANKS,
            (M, PR, "ประธานหอการค้าจังหวัด{p}", "หอการค้าจังหวัด{p}", ("marketing",), True),
            (M, PR, "ประธานสภาอุตสาหกรรมจังหวัด{p}", "สภาอุตสาหกรรมจังหวัด{p}", ("quality",), True),
            (M, PN, "ผู้แทนเครือข่าย OTOP อำเภอปาย", "เครือข่าย OTOP อำเภอปาย", ("food_safety",), True),
            (M, PN, "ผู้แทนเครือข่าย OTOP อำเภอขุนยวม", "เครือข่าย OTOP อำเภอขุนยวม",
             ("textiles",), True),
            (M, PN, "ผู้แทนเครือข่าย OTOP อำเภอแม่สะเรียง", "เครือข่าย OTOP อำเภอแม่สะเรียง",
             ("herbal_cosmetic",), True),
            (M, X, "ปราชญ์ชาวบ้านด้านผ้าทอกะเหรี่ยง", "", ("textiles", "design_identity"), True),
        ]  # fmt: skip
    else:
        seats = [
            *OFFICIALS[:4],
            (M, E, "อาจารย์ประจำ", unis[0], ("production", "branding"), True),
            *BANKS,
            (M, PR, "ประธานหอการค้าจังหวัด{p}", "หอการค้าจังหวัด{p}", ("marketing",), True),
            OTOP,
            (M, X, "ผู้ทรงคุณวุฒิด้านผลิตภัณฑ์ชุมชน", "", ("design_identity",), True),
        ]  # fmt: skip
    return [*head, *seats, SECRETARY, ASSISTANT]


# Terms: (order number, order date, starts, ends) by province; the first is the current one.
TERMS: dict[str, list[tuple[str, dt.date, dt.date, dt.date | None]]] = {
    "50": [("คำสั่งจังหวัดเชียงใหม่ ที่ 4521/2566", dt.date(2023, 9, 20), dt.date(2023, 10, 1), None),
           ("คำสั่งจังหวัดเชียงใหม่ ที่ 3890/2562", dt.date(2019, 9, 25), dt.date(2019, 10, 1),
            dt.date(2023, 9, 30))],
    "58": [("คำสั่งจังหวัดแม่ฮ่องสอน ที่ 1875/2563", dt.date(2020, 6, 15), dt.date(2020, 6, 15), None)],
    "49": [("คำสั่งจังหวัดมุกดาหาร ที่ 2210/2564", dt.date(2021, 3, 1), dt.date(2021, 3, 1), None)],
    "24": [("คำสั่งจังหวัดฉะเชิงเทรา ที่ 980/2564", dt.date(2021, 1, 18), dt.date(2021, 2, 1), None)],
}  # fmt: skip
# Seats (by index) whose holder changed between Chiang Mai's two terms; the others served both.
CHANGED = {0, 1, 12, 15}  # governor, vice-governor, OTOP network chair, secretary

RESOLUTION_NOTED = "ที่ประชุมรับทราบ"
MEETINGS = {
    "50": [
        (2563, 1, dt.date(2020, 1, 13), "ห้องประชุมศาลากลางจังหวัดเชียงใหม่", 1, [
            ("เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ",
             "ประธานแจ้งนโยบายการขับเคลื่อนเครือข่าย KBO จังหวัดปี 2563", RESOLUTION_NOTED),
            ("รับรองรายงานการประชุมครั้งที่ 4/2562", "", "ที่ประชุมมีมติรับรองรายงานการประชุมโดยไม่มีการแก้ไข"),
            ("แผนการพัฒนาผลิตภัณฑ์ OTOP ปีงบประมาณ 2563",
             "สำนักงานพัฒนาชุมชนจังหวัดเสนอแผนพัฒนาบรรจุภัณฑ์และการขายออนไลน์ให้ผู้ผลิตกลุ่ม C และ D",
             "ที่ประชุมมีมติเห็นชอบแผน และมอบมหาวิทยาลัยในเครือข่ายเป็นพี่เลี้ยงด้านบรรจุภัณฑ์"),
            ("เรื่องอื่น ๆ", "การเตรียมงาน OTOP ภูมิภาค", "มอบฝ่ายเลขานุการประสานผู้ผลิตที่จะร่วมงาน"),
        ]),
        (2563, 2, dt.date(2020, 7, 2), "ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่", 1, [
            ("เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ", "ผลกระทบจากสถานการณ์โควิด 19 ต่อผู้ผลิต OTOP",
             RESOLUTION_NOTED),
            ("การส่งเสริมการขายออนไลน์", "ธนาคารและมหาวิทยาลัยเสนอหลักสูตรการขายออนไลน์และสินเชื่อฟื้นฟู",
             "ที่ประชุมมีมติให้จัดอบรมการขายออนไลน์ 3 รุ่น ภายในเดือนกันยายน 2563"),
        ]),
        (2567, 1, dt.date(2024, 1, 17), "ห้องประชุมศาลากลางจังหวัดเชียงใหม่", 0, [
            ("เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ", "คณะกรรมการชุดใหม่ตามคำสั่งจังหวัดที่ 4521/2566",
             RESOLUTION_NOTED),
            ("การคัดสรรสุดยอดหนึ่งตำบลหนึ่งผลิตภัณฑ์ไทย", "",
             "ที่ประชุมมีมติให้เครือข่ายจัดคลินิกให้คำปรึกษาด้านมาตรฐานและฉลากก่อนการคัดสรร"),
        ]),
    ],
    "58": [
        (2564, 1, dt.date(2020, 12, 9), "ห้องประชุมศาลากลางจังหวัดแม่ฮ่องสอน", 0, [
            ("เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ", "", RESOLUTION_NOTED),
            ("ผลการพัฒนาผู้ผลิต OTOP ปี 2557–2564", "ผู้ผลิต 619 รายที่ลงทะเบียนในช่วงปี 2557–2564",
             "ที่ประชุมมีมติให้จัดกลุ่มผู้ผลิตตามศักยภาพ และจับคู่กับแหล่งองค์ความรู้"),
        ]),
    ],
    "49": [
        (2564, 1, dt.date(2021, 4, 8), "ห้องประชุมศาลากลางจังหวัดมุกดาหาร", 0, [
            ("เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ", "", RESOLUTION_NOTED),
            ("การพัฒนาผ้าย้อมครามสู่ตลาดออนไลน์", "",
             "ที่ประชุมมีมติเห็นชอบโครงการพัฒนาตราสินค้าผ้าย้อมครามของจังหวัด"),
        ]),
    ],
    "24": [
        (2564, 1, dt.date(2021, 3, 10), "ห้องประชุมศาลากลางจังหวัดฉะเชิงเทรา", 0, [
            ("เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ", "", RESOLUTION_NOTED),
            ("แผนพัฒนาผลิตภัณฑ์อาหารแปรรูป", "ผู้ผลิตอาหารแปรรูปต้องการเลขสารบบอาหารและฉลากโภชนาการ",
             "ที่ประชุมมีมติมอบสำนักงานสาธารณสุขจังหวัดจัดคลินิก อย. ให้ผู้ผลิต"),
        ]),
    ],
}  # fmt: skip

# Institutions of every province: (name, kind, sector, areas, description).
INSTITUTIONS = [
    ("กลุ่มงานคุ้มครองผู้บริโภค สำนักงานสาธารณสุขจังหวัด{p}", "INSTITUTION", G,
     ("food_safety", "herbal_cosmetic"),
     "ให้คำปรึกษาการขออนุญาตสถานที่ผลิตอาหาร การขอเลขสารบบอาหาร (อย.) การจัดทำฉลากอาหาร"
     "และฉลากโภชนาการ และการจดแจ้งเครื่องสำอางสมุนไพร"),
    ("สำนักงานพาณิชย์จังหวัด{p}", "INSTITUTION", G, ("marketing", "ecommerce", "pricing"),
     "ส่งเสริมช่องทางการตลาดและงานแสดงสินค้า พาผู้ผลิตขายออนไลน์บนแพลตฟอร์มอีคอมเมิร์ซ "
     "และให้คำแนะนำการตั้งราคาสินค้า"),
    ("สำนักงานอุตสาหกรรมจังหวัด{p}", "INSTITUTION", G, ("quality", "production"),
     "ให้คำแนะนำการขอรับรองมาตรฐานผลิตภัณฑ์ชุมชน (มผช.) และมาตรฐานผลิตภัณฑ์อุตสาหกรรม (มอก.)"),
    ("สำนักงานเกษตรจังหวัด{p}", "INSTITUTION", G, ("production", "quality"),
     "ส่งเสริมการแปรรูปผลผลิตการเกษตร มาตรฐาน GAP และวัตถุดิบคุณภาพสำหรับผู้ผลิตอาหาร"),
    ("สำนักงานวัฒนธรรมจังหวัด{p}", "INSTITUTION", G, ("design_identity", "branding"),
     "ข้อมูลอัตลักษณ์และวัฒนธรรมท้องถิ่น และเรื่องเล่าของชุมชนสำหรับสร้างเรื่องราวผลิตภัณฑ์"),
    ("ธ.ก.ส. สำนักงานจังหวัด{p}", "INSTITUTION", F, ("finance",),
     "สินเชื่อสำหรับวิสาหกิจชุมชนและกลุ่มอาชีพ การจัดทำบัญชีครัวเรือน และการวางแผนการเงิน"),
    ("ธนาคารออมสิน สาขา{p}", "INSTITUTION", F, ("finance",),
     "สินเชื่อธุรกิจชุมชนและผู้ประกอบการรายย่อย ความรู้การบริหารเงินทุนหมุนเวียน"),
    ("ไปรษณีย์จังหวัด{p}", "COMPANY", PR, ("ecommerce",),
     "บริการขนส่งพัสดุสินค้าชุมชน และช่วยเปิดร้านค้าออนไลน์บนไทยแลนด์โพสต์มาร์ท"),
    ("{dip} (ที่ปรึกษาประจำจังหวัด{p})", "INSTITUTION", G, ("production", "packaging", "quality"),
     "ให้คำปรึกษาการปรับปรุงกระบวนการผลิต การออกแบบบรรจุภัณฑ์ และการยกระดับมาตรฐานผลิตภัณฑ์"),
]  # fmt: skip

# Experts of every province by area: (kind, sector, title, organisation, description).
# Organisations: {uni} a university of the province, {local} a local company name.
EXPERTS = {
    "production": [
        ("EXPERT", E, "อาจารย์สาขาวิศวกรรมอุตสาหการ", "{uni}",
         "ปรับปรุงกระบวนการผลิตและเครื่องจักรขนาดเล็ก ลดของเสียและลดต้นทุนการผลิตของกลุ่ม"),
        ("EXPERT", PR, "วิศวกรที่ปรึกษา", "บริษัท {local}เอ็นจิเนียริ่ง จำกัด",
         "ออกแบบผังโรงเรือนผลิตชุมชน และเลือกเทคโนโลยีการแปรรูปอาหารที่เหมาะกับขนาดกลุ่ม"),
    ],
    "quality": [
        ("EXPERT", E, "อาจารย์สาขาวิทยาศาสตร์และเทคโนโลยีการอาหาร", "{uni}",
         "ที่ปรึกษาการยื่นขอมาตรฐานผลิตภัณฑ์ชุมชน (มผช.) ตรวจสอบคุณภาพผลิตภัณฑ์ และระบบ GMP"),
        ("EXPERT", PR, "ผู้ตรวจประเมินมาตรฐาน", "บริษัท {local}ควอลิตี้ จำกัด",
         "เตรียมความพร้อมก่อนยื่นขอ มผช. และ มอก. ตรวจประเมินสถานที่ผลิต"),
    ],
    "food_safety": [
        ("EXPERT", G, "เภสัชกรชำนาญการ", "สำนักงานสาธารณสุขจังหวัด{p}",
         "ให้คำปรึกษาการขอเลขสารบบอาหาร (อย.) การขออนุญาตสถานที่ผลิต และการเขียนฉลากอาหาร"),
        ("EXPERT", E, "อาจารย์สาขาอาหารและโภชนาการ", "{uni}",
         "วิเคราะห์คุณค่าทางโภชนาการและจัดทำฉลากโภชนาการ แนะนำหลักสุขลักษณะการผลิตอาหาร (GHP)"),
    ],
    "herbal_cosmetic": [
        ("EXPERT", G, "แพทย์แผนไทย", "โรงพยาบาล{p}",
         "ถ่ายทอดการแปรรูปสมุนไพรเป็นลูกประคบ ยาหม่อง และน้ำมันนวด ตามมาตรฐานการผลิตยาแผนไทย"),
        ("EXPERT", E, "อาจารย์สาขาเครื่องสำอาง", "{uni}",
         "พัฒนาสูตรสบู่ แชมพู และครีมจากสมุนไพรท้องถิ่น และแนะนำการจดแจ้งเครื่องสำอาง"),
    ],
    "packaging": [
        ("EXPERT", E, "อาจารย์สาขาออกแบบบรรจุภัณฑ์", "{uni}",
         "ออกแบบและพัฒนาบรรจุภัณฑ์ให้เหมาะกับผลิตภัณฑ์ ยืดอายุการเก็บรักษา และลดต้นทุนหีบห่อ"),
        ("COMPANY", PR, "", "",
         "ผลิตกล่องกระดาษ ถุงซิปล็อก และขวดแก้วสำหรับสินค้าชุมชนจำนวนน้อย รับพิมพ์สติกเกอร์สินค้า"),
    ],
    "design_identity": [
        ("EXPERT", E, "อาจารย์สาขาศิลปกรรมและการออกแบบ", "{uni}",
         "ออกแบบลวดลายจากอัตลักษณ์วัฒนธรรมท้องถิ่น และพัฒนาผลิตภัณฑ์ของที่ระลึก"),
        ("LOCAL_WISDOM", X, "ปราชญ์ชาวบ้านด้านหัตถกรรม", "",
         "สืบทอดลวดลายและงานหัตถกรรมพื้นบ้าน จักสานไม้ไผ่ ถ่ายทอดภูมิปัญญาให้คนรุ่นใหม่"),
    ],
    "branding": [
        ("EXPERT", PR, "นักออกแบบตราสินค้า", "บริษัท {local}ครีเอทีฟ จำกัด",
         "สร้างแบรนด์และเล่าเรื่องราวผลิตภัณฑ์จากประวัติชุมชน ออกแบบโลโก้และตราสินค้า"),
        ("EXPERT", E, "อาจารย์สาขานิเทศศาสตร์", "{uni}",
         "ถ่ายทอดการเล่าเรื่องผลิตภัณฑ์และการสื่อสารแบรนด์ผ่านสื่อสิ่งพิมพ์และวิดีโอสั้น"),
    ],
    "pricing": [
        ("EXPERT", E, "อาจารย์สาขาการบัญชี", "{uni}",
         "สอนการคำนวณต้นทุนการผลิตต่อหน่วย การตั้งราคาขายปลีกและขายส่ง และจุดคุ้มทุน"),
        ("EXPERT", PN, "ผู้ประกอบการ OTOP ระดับ 5 ดาว", "วิสาหกิจชุมชน{local}",
         "แบ่งปันประสบการณ์การตั้งราคาสินค้าให้แข่งขันได้และมีกำไร และการคิดราคาส่งให้ร้านค้า"),
    ],
    "marketing": [
        ("EXPERT", PR, "ที่ปรึกษาการตลาด", "บริษัท {local}มาร์เก็ตติ้ง จำกัด",
         "วางแผนการตลาด หาช่องทางจำหน่ายใหม่ เตรียมสินค้าออกงานแสดงสินค้าและส่งออก"),
        ("EXPERT", E, "อาจารย์สาขาการตลาด", "{uni}",
         "วิจัยพฤติกรรมผู้บริโภค และวางตำแหน่งผลิตภัณฑ์ชุมชนให้ตรงกลุ่มลูกค้า"),
    ],
    "ecommerce": [
        ("EXPERT", PR, "ผู้เชี่ยวชาญการขายออนไลน์", "บริษัท {local}ดิจิทัล จำกัด",
         "สอนขายออนไลน์ผ่านเฟซบุ๊ก ไลน์ และไลฟ์สด เปิดร้านบนแพลตฟอร์มอีคอมเมิร์ซ ถ่ายภาพสินค้าให้น่าซื้อ"),
        ("COMPANY", PR, "", "",
         "ตัวแทนจำหน่ายสินค้าชุมชนบนร้านค้าออนไลน์ จัดการคำสั่งซื้อและการจัดส่งพัสดุ"),
    ],
    "finance": [
        ("EXPERT", E, "อาจารย์สาขาการเงิน", "{uni}",
         "สอนการทำบัญชีรับจ่ายของกลุ่ม การจัดทำงบการเงิน และการยื่นภาษีของวิสาหกิจชุมชน"),
        ("EXPERT", F, "พนักงานพัฒนาธุรกิจชุมชน", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร สาขา{p}",
         "แนะนำสินเชื่อเงินทุนหมุนเวียนและการวางแผนการเงินของวิสาหกิจชุมชน"),
    ],
    "textiles": [
        ("LOCAL_WISDOM", X, "ปราชญ์ชาวบ้านด้านผ้าทอ", "",
         "ทอ{style} ย้อมสีธรรมชาติจากคราม ครั่ง และเปลือกไม้ ถ่ายทอดเทคนิคการทอให้กลุ่มสตรี"),
        ("EXPERT", E, "อาจารย์สาขาเทคโนโลยีสิ่งทอ", "{uni}",
         "พัฒนาคุณภาพเส้นใยและสีย้อมธรรมชาติให้ติดทน ออกแบบผ้าทอให้ตรงความต้องการของตลาด"),
    ],
}  # fmt: skip
COMPANY_NAMES = {"packaging": "บริษัท {local}แพ็คเกจจิ้ง จำกัด",
                 "ecommerce": "บริษัท {local}ช้อปออนไลน์ จำกัด"}  # fmt: skip
EXPERTS_PER_TEMPLATE = {"50": 2}  # experts per template and province (else 1)
AVAILABILITY = ["วันจันทร์–ศุกร์ เวลาราชการ", "นัดหมายล่วงหน้า 1 สัปดาห์", "วันเสาร์–อาทิตย์",
                "ลงพื้นที่ได้เดือนละ 2 ครั้ง"]  # fmt: skip


class Names:
    """Made-up Thai names, the same sequence on every run, never twice."""

    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.used: set[str] = set()

    def person(self, prefix: str) -> str:
        while True:
            name = f"{prefix}{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
            if name not in self.used:
                self.used.add(name)
                return name


class Loader:
    def __init__(self, by: User) -> None:
        self.by = by
        self.names = Names()
        ensure_areas()
        self.areas = {a.code: a for a in ExpertiseArea.objects.all()}
        self.provinces = {
            p.code: p for p in Province.objects.filter(code__in=[p.code for p in PROVINCES])
        }
        self.rng = random.Random(SEED)

    def source(self, *, name: str, kind: str, sector: str, home: str, areas, title: str = "",
               organisation: str = "", description: str = "", served=(), listed: bool = True,
               ) -> KnowledgeSource:  # fmt: skip
        source = KnowledgeSource.objects.filter(name=name).first() or KnowledgeSource(name=name)
        source.kind, source.sector, source.title = kind, sector, title
        source.organisation, source.description, source.listed = organisation, description, listed
        source.home_province = self.provinces[home]
        source.availability = self.rng.choice(AVAILABILITY)
        number = self.rng.randrange(1000, 9999)
        source.phone = f"08{self.rng.randrange(1, 10)}-{self.rng.randrange(100, 999)}-{number}"
        source.email = ""
        return source_save(
            by=self.by, source=source, areas=[self.areas[c] for c in areas],
            service_provinces=[self.provinces[c] for c in (home, *served)],
        )  # fmt: skip

    def network(self, spec: Province_) -> Network:
        province = self.provinces[spec.code]
        network = Network.objects.filter(province=province).first() or Network(province=province)
        network.name = f"เครือข่ายองค์ความรู้ (KBO) จังหวัด{province.name_th}"
        network.founded_year = spec.founded
        network.status = Network.Status.ACTIVE
        network.secretariat = f"สำนักงานพัฒนาชุมชนจังหวัด{province.name_th}"
        return network_save(by=self.by, network=network)

    def committees(self, spec: Province_, network: Network) -> list[list[CommitteeSeat]]:
        """The seats of each term (current first); a changed seat had another holder before."""
        p = self.provinces[spec.code].name_th
        people: dict[tuple[int, int], KnowledgeSource] = {}
        terms = []
        for generation, (number, order_date, starts, ends) in enumerate(TERMS[spec.code]):
            term = Term.objects.filter(network=network, starts_on=starts).first() or Term(
                network=network, starts_on=starts
            )
            term.order_number, term.order_date, term.ends_on = number, order_date, ends
            term = term_save(by=self.by, term=term)
            seats = []
            for i, (role, sector, position, org, areas, listed) in enumerate(committee(spec.code)):
                holder = (i, generation if i in CHANGED else 0)
                if holder not in people:
                    prefix = (
                        "ผศ.ดร." if sector == E else ("นาง" if (i + generation) % 3 == 0 else "นาย")
                    )
                    people[holder] = self.source(
                        name=self.names.person(prefix), kind=SourceKind.EXPERT, sector=sector,
                        home=spec.code, areas=areas, title=position.format(p=p, dip=spec.dip),
                        organisation=org.format(p=p, dip=spec.dip), listed=listed,
                        description=f"กรรมการเครือข่าย KBO จังหวัด{p} ({position.format(p=p, dip=spec.dip)})",
                    )  # fmt: skip
                person = people[holder]
                seat = CommitteeSeat.objects.filter(term=term, person=person).first()
                if seat is None:
                    seat = seat_add(by=self.by, term=term, person=person, role=role, sector=sector)
                seats.append(seat)
            terms.append(seats)
        return terms

    def sources(self, spec: Province_) -> int:
        p = self.provinces[spec.code].name_th
        fill = {"p": p, "dip": spec.dip, "local": spec.local, "style": spec.style}
        count = 0
        for name, kind, sector, areas, description in INSTITUTIONS:
            self.source(name=name.format(**fill), kind=kind, sector=sector, home=spec.code,
                        areas=areas, description=description.format(**fill),
                        served=spec.neighbours)  # fmt: skip
            count += 1
        for code, templates in EXPERTS.items():
            for j, (kind, sector, title, org, description) in enumerate(templates):
                for k in range(1 if kind == "COMPANY" else EXPERTS_PER_TEMPLATE.get(spec.code, 1)):
                    uni = spec.unis[(j + k) % len(spec.unis)]
                    if kind == "COMPANY":
                        name = COMPANY_NAMES[code].format(**fill)
                    elif kind == "LOCAL_WISDOM":
                        name = self.names.person("แม่ครู" if k == 0 else "พ่อครู")
                    else:
                        name = self.names.person(
                            "ผศ.ดร." if sector == E else ("นาง" if k else "นาย")
                        )
                    self.source(
                        name=name, kind=kind, sector=sector, home=spec.code, areas=(code,),
                        title=title, organisation=org.format(uni=uni, **fill),
                        description=f"{description.format(**fill)} ให้บริการในจังหวัด{p}",
                        served=spec.neighbours if k == 0 else (),
                    )  # fmt: skip
                    count += 1
        return count

    def meetings(self, spec: Province_, network: Network, terms: list[list[CommitteeSeat]]) -> int:
        count = 0
        for fiscal_year, number, held_on, place, term_index, agenda in MEETINGS[spec.code]:
            seats = terms[term_index]
            meeting = Meeting.objects.filter(
                network=network, fiscal_year=fiscal_year, number=number
            ).first() or Meeting(network=network, fiscal_year=fiscal_year, number=number)
            meeting.held_on, meeting.place = held_on, place
            meeting.starts_at = dt.time(9, 30)
            meeting.chair = seats[0]
            meeting.recorded_by = seats[-1].person.name
            attendance: dict[int, tuple[str, str]] = {}
            for i, seat in enumerate(seats):
                turn = (i + number + held_on.day) % 7
                status = (
                    Attendance.Status.ABSENT
                    if turn == 0
                    else Attendance.Status.REPRESENTED
                    if turn == 1
                    else Attendance.Status.PRESENT
                )
                if i == 0:
                    status = Attendance.Status.PRESENT
                representative = (
                    f"ผู้แทน{seat.position}" if status == Attendance.Status.REPRESENTED else ""
                )
                attendance[seat.pk] = (status, representative)
            meeting_save(
                by=self.by, meeting=meeting, attendance=attendance,
                agenda=[{"title": t, "detail": d, "resolution": r} for t, d, r in agenda],
            )  # fmt: skip
            count += 1
        return count


def load(by: User | None = None) -> dict[str, int]:
    """Create or refresh the demo networks; return counts for the summary line."""
    by = by or User.objects.get(username="national")
    counts = {"networks": 0, "terms": 0, "seats": 0, "sources": 0, "meetings": 0}
    with transaction.atomic(), disable_auditlog():
        loader = Loader(by)
        for spec in PROVINCES:
            network = loader.network(spec)
            terms = loader.committees(spec, network)
            loader.sources(spec)
            counts["meetings"] += loader.meetings(spec, network, terms)
            counts["networks"] += 1
    counts["terms"] = Term.objects.filter(
        network__province__code__in=[p.code for p in PROVINCES]
    ).count()
    counts["seats"] = CommitteeSeat.objects.filter(
        term__network__province__code__in=[p.code for p in PROVINCES]
    ).count()
    counts["sources"] = KnowledgeSource.objects.count()
    return counts
