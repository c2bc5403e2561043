"""The programme's KPIs as the department first defines them; national staff edit them later.

`ensure_default_kpis()` creates them when the table is empty (the migration does it once; the
measures call it again, so a flushed test database or a fresh install always has them).
"""

DEFAULTS = [
    (
        "products-developed",
        "PRODUCTS_DEVELOPED",
        "จำนวนผลิตภัณฑ์ที่ได้รับการพัฒนา",
        "Products developed",
        "จำนวนผลิตภัณฑ์ที่ผ่านการคัดเลือกเข้าร่วมโครงการ KBO ในปีงบประมาณ",
        "Products selected into the fiscal year's KBO project.",
    ),
    (
        "revenue-total",
        "REVENUE_TOTAL",
        "รายได้รวมจากการจำหน่าย",
        "Total sales revenue",
        "ยอดจำหน่ายรวมทุกช่องทางของผลิตภัณฑ์ที่เข้าร่วมโครงการ ในปีงบประมาณของโครงการ",
        "Sales of the developed products in all channels in the project's fiscal year.",
    ),
    (
        "revenue-rose-share",
        "REVENUE_ROSE_SHARE",
        "ร้อยละของผลิตภัณฑ์ที่มีรายได้เพิ่มขึ้น",
        "Share of products whose revenue rose",
        "เทียบยอดจำหน่ายปีของโครงการกับปีก่อนการพัฒนา เฉพาะผลิตภัณฑ์ที่มีข้อมูลทั้งสองปี",
        "Sales in the project year against the year before development, among products with "
        "both years recorded.",
    ),
    (
        "revenue-change-total",
        "REVENUE_CHANGE_TOTAL",
        "รายได้ที่เพิ่มขึ้นรวม",
        "Total revenue change",
        "ผลรวมของยอดจำหน่ายปีของโครงการลบยอดจำหน่ายปีก่อนการพัฒนา",
        "Sum over products of sales in the project year minus sales the year before.",
    ),
    (
        "revenue-change-average",
        "REVENUE_CHANGE_AVERAGE",
        "รายได้ที่เพิ่มขึ้นเฉลี่ยต่อผลิตภัณฑ์",
        "Average revenue change per product",
        "ค่าเฉลี่ยของรายได้ที่เปลี่ยนแปลง เฉพาะผลิตภัณฑ์ที่มีข้อมูลทั้งสองปี",
        "Average change in sales among products with both years recorded.",
    ),
    (
        "gained-star",
        "GAINED_STAR",
        "ผลิตภัณฑ์ที่ได้ระดับดาวเพิ่มขึ้น",
        "Products that gained a star",
        "ระดับดาวล่าสุดตั้งแต่ปีของโครงการสูงกว่าระดับดาวล่าสุดก่อนปีของโครงการ "
        "(รวมผลิตภัณฑ์ที่ได้รับการคัดสรรดาวเป็นครั้งแรก)",
        "The latest star rating from the project year on is higher than the latest before it "
        "(a first-ever rating counts).",
    ),
    (
        "gained-segment",
        "GAINED_SEGMENT",
        "ผลิตภัณฑ์ที่เลื่อนกลุ่มขึ้น",
        "Products that moved up a segment",
        "กลุ่มผลิตภัณฑ์ (A/B/C/D) ล่าสุดตั้งแต่ปีของโครงการดีกว่าก่อนปีของโครงการ",
        "The latest segment (A/B/C/D) from the project year on is better than before it.",
    ),
    (
        "gained-certificate",
        "GAINED_CERTIFICATE",
        "ผลิตภัณฑ์ที่ได้รับมาตรฐานใหม่",
        "Products that gained a certificate",
        "ได้รับมาตรฐานหรือใบรับรองประเภทใหม่ (เช่น มผช. อย.) ตั้งแต่ต้นปีงบประมาณของโครงการ",
        "A certificate of a kind the product did not hold before (e.g. มผช., อย.), issued from "
        "the start of the project's fiscal year.",
    ),
]


def ensure_default_kpis(kpi_model=None) -> int:
    """Create the default KPIs when none exist at all (idempotent; usable in migrations)."""
    if kpi_model is None:
        from kbo.outcomes.models import Kpi as kpi_model
    if kpi_model.objects.exists():
        return 0
    kpi_model.objects.bulk_create(
        kpi_model(
            code=code,
            measure=measure,
            name=name,
            name_en=name_en,
            definition=definition,
            definition_en=definition_en,
            position=position,
        )
        for position, (code, measure, name, name_en, definition, definition_en) in enumerate(
            DEFAULTS, start=1
        )
    )
    return len(DEFAULTS)
