"""The expertise areas the taxonomy starts with (then edited as data in the admin)."""

AREAS: list[tuple[str, str, str, str]] = [
    # code, Thai name, English name, other Thai words people search with
    (
        "production",
        "กระบวนการผลิต",
        "Production process",
        "การผลิต เครื่องจักร เทคโนโลยีการผลิต แปรรูป ลดต้นทุนการผลิต",
    ),
    (
        "quality",
        "คุณภาพและมาตรฐาน",
        "Quality and standards",
        "มาตรฐาน มผช มอก คุณภาพ ตรวจสอบคุณภาพ GMP",
    ),
    (
        "food_safety",
        "ความปลอดภัยอาหารและ อย.",
        "Food safety and Thai FDA",
        "อย ฉลากโภชนาการ ฉลาก อาหารปลอดภัย GHP HACCP สุขลักษณะ",
    ),
    (
        "herbal_cosmetic",
        "สมุนไพรและเครื่องสำอาง",
        "Herbal and cosmetic regulation",
        "จดแจ้งเครื่องสำอาง สมุนไพร เครื่องสำอาง สบู่ ยาหม่อง",
    ),
    ("packaging", "บรรจุภัณฑ์", "Packaging", "บรรจุภัณฑ์ หีบห่อ กล่อง ฉลาก ออกแบบบรรจุภัณฑ์"),
    (
        "design_identity",
        "การออกแบบและอัตลักษณ์วัฒนธรรม",
        "Design and cultural identity",
        "ออกแบบ ลวดลาย อัตลักษณ์ วัฒนธรรม เอกลักษณ์ท้องถิ่น",
    ),
    (
        "branding",
        "ตราสินค้าและเรื่องราวผลิตภัณฑ์",
        "Branding and product story",
        "แบรนด์ ตราสินค้า เรื่องเล่า สตอรี่",
    ),
    ("pricing", "การตั้งราคาและต้นทุน", "Pricing and costing", "ราคา ต้นทุน กำไร คำนวณต้นทุน"),
    ("marketing", "การตลาด", "Marketing", "ตลาด ช่องทางจำหน่าย งานแสดงสินค้า ลูกค้า ส่งออก"),
    (
        "ecommerce",
        "อีคอมเมิร์ซและการขายออนไลน์",
        "E-commerce and online sales",
        "ขายออนไลน์ ออนไลน์ อีคอมเมิร์ซ โซเชียลมีเดีย เฟซบุ๊ก ไลฟ์สด แพลตฟอร์ม",
    ),
    ("finance", "การเงินและบัญชี", "Finance and accounting", "บัญชี การเงิน สินเชื่อ เงินทุน ภาษี"),
    (
        "textiles",
        "สิ่งทอและการย้อมสี",
        "Textiles and dyeing",
        "ผ้า ทอผ้า ย้อม ย้อมสีธรรมชาติ คราม ผ้าไหม ผ้าฝ้าย",
    ),
]


def ensure_areas() -> None:
    """Create the starting areas that are missing (the migration does this on a new database;
    tests that flush tables call it again)."""
    from kbo.network.models import ExpertiseArea

    for order, (code, name_th, name_en, keywords) in enumerate(AREAS, start=1):
        ExpertiseArea.objects.get_or_create(
            code=code,
            defaults={
                "name_th": name_th,
                "name_en": name_en,
                "keywords": keywords,
                "sort_order": order,
            },
        )
