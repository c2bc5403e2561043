"""Demo news (`kbo demo`, after the contests' demo): three published news items of Chiang Mai
for fiscal 2563, after the province's public reports: the KBO committee meeting 1/2563, the
five-day training of the selected producers, and the provincial contest KBO CM CONTEST 2563.
Each is linked to the year's project and activity when the projects' demo made them. A second
run finds the same items again (keyed by province and title) and refreshes them.
"""

import datetime as dt
from typing import Any

from auditlog.context import disable_auditlog
from django.db import transaction

from kbo.geo.models import Province
from kbo.programmes.models import Activity, Project
from kbo.showcase.models import News

CHIANG_MAI = "50"
FISCAL_YEAR = 2563

NEWS: list[dict[str, Any]] = [
    {
        "title": "จังหวัดเชียงใหม่ประชุมคณะกรรมการเครือข่ายองค์ความรู้ (KBO) ครั้งที่ 1/2563",
        "published_on": dt.date(2020, 1, 13),
        "activity": Activity.Kind.CAPACITY,
        "body": (
            "วันจันทร์ที่ 13 มกราคม 2563 รองผู้ว่าราชการจังหวัดเชียงใหม่ เป็นประธานการประชุม"
            "คณะกรรมการเครือข่ายองค์ความรู้ (Knowledge-Based OTOP : KBO) จังหวัดเชียงใหม่ "
            "ครั้งที่ 1/2563 ณ ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่ ชั้น 5 อาคารอำนวยการ "
            "ศาลากลางจังหวัดเชียงใหม่ โดยมีคณะกรรมการจากส่วนราชการ ภาคการศึกษา การเงินการธนาคาร "
            "และเครือข่ายผู้ผลิตผู้ประกอบการ OTOP จังหวัดเชียงใหม่เข้าร่วมการประชุม\n\n"
            "ที่ประชุมได้สรุปผลการดำเนินงานปี 2562 ซึ่งมีผลิตภัณฑ์เข้าร่วมการพัฒนาตามโครงการ "
            "11 ผลิตภัณฑ์ มีรายได้จากการจำหน่ายรวม 272,500 บาท และพิจารณาผลิตภัณฑ์ที่เข้าร่วม"
            "โครงการปี 2563 จำนวน 20 ผลิตภัณฑ์ ได้แก่ ผ้าและเครื่องแต่งกาย 10 ผลิตภัณฑ์ "
            "ของใช้ ของตกแต่ง ของที่ระลึก 5 ผลิตภัณฑ์ อาหาร 2 ผลิตภัณฑ์ เครื่องดื่ม 2 ผลิตภัณฑ์ "
            "และสมุนไพรที่ไม่ใช่อาหาร 1 ผลิตภัณฑ์\n\n"
            "โครงการปี 2563 มี 3 กิจกรรม ได้แก่ การพัฒนาศักยภาพเครือข่ายองค์ความรู้ KBO จังหวัด "
            "การพัฒนาผลิตภัณฑ์ OTOP โดยเครือข่ายองค์ความรู้ KBO จังหวัด และการประกวดและ"
            "เผยแพร่ผลการดำเนินงานเครือข่ายองค์ความรู้"
        ),
    },
    {
        "title": "อบรมเชิงปฏิบัติการ 5 วัน พัฒนาผลิตภัณฑ์ OTOP โดยเครือข่าย KBO จังหวัดเชียงใหม่",
        "published_on": dt.date(2020, 6, 26),
        "activity": Activity.Kind.DEVELOPMENT,
        "body": (
            "สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่ร่วมกับคณะกรรมการเครือข่ายองค์ความรู้ (KBO) "
            "จังหวัดเชียงใหม่ จัดอบรมเชิงปฏิบัติการพัฒนาผลิตภัณฑ์ OTOP ให้ผู้ผลิตผู้ประกอบการ "
            "20 ผลิตภัณฑ์ที่ผ่านการคัดเลือกเข้าร่วมโครงการปี 2563 เป็นเวลา 5 วัน\n\n"
            "วันที่ 1–2 ว่าด้วยการสร้างสรรค์ผลิตภัณฑ์สู่ตลาดอาเซียน แนวคิดทางธุรกิจ อัตลักษณ์"
            "ทางวัฒนธรรม และการค้าออนไลน์ วันที่ 3–4 ผู้ผลิตออกแบบภาพลักษณ์ผลิตภัณฑ์เชิง"
            "วัฒนธรรมและทำต้นแบบผลิตภัณฑ์กับวิทยากรจากมหาวิทยาลัยและภาคเอกชน\n\n"
            "วันที่ 5 เป็นการประกวดผลิตภัณฑ์ระดับจังหวัด เพื่อคัดเลือกผลิตภัณฑ์ตัวแทนจังหวัด"
            "เชียงใหม่เข้าประกวดในระดับประเทศ"
        ),
    },
    {
        "title": "ประกาศผลการประกวดผลิตภัณฑ์ KBO CM CONTEST จังหวัดเชียงใหม่ ประจำปี 2563",
        "published_on": dt.date(2020, 7, 3),
        "activity": Activity.Kind.CONTEST,
        "body": (
            "คณะกรรมการตัดสินการประกวดผลิตภัณฑ์ KBO CM CONTEST จังหวัดเชียงใหม่ ประจำปี 2563 "
            "ได้พิจารณาผลิตภัณฑ์ที่พัฒนาตามโครงการ ตามเกณฑ์เดียวกับการประกวดระดับประเทศ "
            "โดยให้ความสำคัญกับอัตลักษณ์ของจังหวัด คุณภาพ ราคา และประโยชน์ใช้สอย\n\n"
            "ผลิตภัณฑ์ที่ได้รับรางวัลชนะเลิศจะเป็นตัวแทนจังหวัดเชียงใหม่เข้าประกวดเครือข่าย"
            "องค์ความรู้ (KBO) จังหวัดดีเด่น ระดับประเทศ ผู้สนใจดูผลการประกวดและผลิตภัณฑ์"
            "ที่พัฒนาแล้วได้ที่หน้าผลการประกวดของเว็บไซต์นี้"
        ),
    },
]


def load() -> dict[str, int]:
    """Create or refresh the demo news; return counts for the summary line."""
    province = Province.objects.get(code=CHIANG_MAI)
    project = Project.objects.filter(province=province, fiscal_year=FISCAL_YEAR).first()
    activities = {a.kind: a for a in Activity.objects.filter(project=project)} if project else {}
    created = 0
    with transaction.atomic(), disable_auditlog():
        for spec in NEWS:
            values = {
                "body": spec["body"],
                "published_on": spec["published_on"],
                "status": News.Status.PUBLISHED,
                "project": project,
                "activity": activities.get(spec["activity"]),
            }
            _item, made = News.objects.update_or_create(
                province=province, title=spec["title"], defaults=values
            )
            created += made
    return {"news": len(NEWS), "news_created": created}
