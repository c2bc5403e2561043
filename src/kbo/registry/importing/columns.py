"""The columns of the registry import template and how each cell is read.

Every column has an English name (accepted exactly as written) and a Thai header (what
the downloadable template uses). Cells are normalised before checks: surrounding spaces,
Thai digits, thousands separators, BE or CE years, Thai or English enumeration labels.
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kbo.registry.models import Category, ProducerType, Segment
from kbo.registry.validators import id13_is_valid


def msg(thai: str, english: str) -> str:
    """Import messages are always given in both languages."""
    return f"{thai} / {english}"


class CellError(ValueError):
    """A cell that cannot be read; its text is a bilingual message."""


@dataclass(frozen=True)
class Column:
    name: str
    thai: str
    required: bool = False
    help_th: str = ""
    help_en: str = ""


COLUMNS: list[Column] = [
    Column(
        "producer_code",
        "รหัสผู้ผลิต",
        True,
        "รหัสผู้ผลิต ใช้จับคู่กับข้อมูลเดิม",
        "Producer code; matches existing producers",
    ),
    Column("producer_name", "ชื่อผู้ผลิต", True, "ชื่อกลุ่มหรือผู้ผลิต", "Name of the group or producer"),
    Column(
        "producer_type",
        "ประเภทผู้ผลิต",
        True,
        "กลุ่มผู้ผลิตชุมชน / ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว / ผู้ผลิตที่เป็น SMEs",
        "Thai label, or COMMUNITY_GROUP, SINGLE_OWNER, SME",
    ),
    Column(
        "registered_year",
        "ปีที่ลงทะเบียน",
        True,
        "ปีงบประมาณที่ลงทะเบียน พ.ศ. หรือ ค.ศ.",
        "Registration fiscal year, BE or CE",
    ),
    Column("registered_quarter", "ไตรมาสที่ลงทะเบียน", False, "1–4", "1–4"),
    Column(
        "subdistrict_code",
        "รหัสตำบล",
        False,
        "รหัสตำบล 6 หลัก หรือกรอกชื่อจังหวัด อำเภอ ตำบล แทน",
        "6-digit subdistrict code, or the province, district and subdistrict names instead",
    ),
    Column(
        "province_name", "จังหวัด", False, "ชื่อจังหวัด (เมื่อไม่มีรหัสตำบล)", "Province name (without a code)"
    ),
    Column(
        "district_name",
        "อำเภอ",
        False,
        "ชื่ออำเภอ/เขต (เมื่อไม่มีรหัสตำบล)",
        "District name (without a code)",
    ),
    Column(
        "subdistrict_name",
        "ตำบล",
        False,
        "ชื่อตำบล/แขวง (เมื่อไม่มีรหัสตำบล)",
        "Subdistrict name (without a code)",
    ),
    Column("village_no", "หมู่ที่", False, "เลขหมู่บ้าน", "Village number (หมู่)"),
    Column("contact_name", "ผู้ติดต่อ", False, "ชื่อผู้ประสานงาน", "Contact person"),
    Column("phone", "โทรศัพท์", False, "หมายเลขโทรศัพท์", "Phone number"),
    Column(
        "citizen_id",
        "เลขประจำตัวประชาชน/นิติบุคคล",
        False,
        "13 หลัก ตรวจสอบเลขหลักสุดท้าย (ข้อมูลส่วนบุคคล)",
        "13 digits with a valid check digit (personal data)",
    ),
    Column("member_count", "จำนวนสมาชิก", False, "จำนวนสมาชิกกลุ่ม", "Number of members"),
    Column(
        "product_code",
        "รหัสผลิตภัณฑ์",
        True,
        "รหัสผลิตภัณฑ์ ใช้จับคู่กับข้อมูลเดิม",
        "Product code; matches existing products",
    ),
    Column("product_name", "ชื่อผลิตภัณฑ์", True, "ชื่อผลิตภัณฑ์", "Product name"),
    Column(
        "category",
        "ประเภทผลิตภัณฑ์",
        True,
        "อาหาร / เครื่องดื่ม / ผ้าและเครื่องแต่งกาย / ของใช้ ของตกแต่ง ของที่ระลึก / สมุนไพรที่ไม่ใช่อาหาร",
        "Thai label, or FOOD, BEVERAGE, TEXTILE, HOUSEHOLD, HERBAL",
    ),
    Column("brand", "ตราสินค้า", False, "ชื่อตราสินค้า", "Brand"),
    Column("price", "ราคา (บาท)", False, "ราคาต่อหน่วย", "Price per unit in baht"),
    Column("unit", "หน่วย", False, "เช่น ชิ้น ผืน กล่อง", "e.g. piece, cloth, box"),
    Column("stars", "ระดับดาว", False, "1–5 (เว้นว่างถ้าไม่ได้รับการคัดสรร)", "1–5 (blank when not rated)"),
    Column(
        "star_year",
        "ปีที่คัดสรรดาว",
        False,
        "ปี พ.ศ. ของรอบการคัดสรร",
        "Year of the selection round, BE or CE",
    ),
    Column("segment", "กลุ่ม (A/B/C/D)", False, "A B C หรือ D", "A, B, C or D"),
    Column(
        "segment_year",
        "ปีที่จัดกลุ่ม",
        False,
        "ถ้าว่าง ใช้ปีที่คัดสรรดาว ปีงบประมาณยอดขาย หรือปีที่ลงทะเบียน ตามลำดับ",
        "When blank: the star year, else the sales year, else the registered year",
    ),
    Column(
        "sales_year",
        "ปีงบประมาณยอดขาย",
        False,
        "ปีงบประมาณ พ.ศ.",
        "Fiscal year of the sales, BE or CE",
    ),
    Column("sales_amount", "ยอดขาย (บาท)", False, "ยอดขายทั้งปี", "Sales of that year, in baht"),
]
BY_NAME = {c.name: c for c in COLUMNS}
REQUIRED = [c.name for c in COLUMNS if c.required]


def _key(text: str) -> str:
    """A spelling-insensitive key: no spaces, punctuation or case."""
    text = unicodedata.normalize("NFC", text).casefold()
    return re.sub(r"[\s\-_./()·,:]+", "", text)


HEADER_ALIASES: dict[str, str] = {}
for _c in COLUMNS:
    HEADER_ALIASES[_key(_c.name)] = _c.name
    HEADER_ALIASES[_key(_c.thai)] = _c.name
HEADER_ALIASES.update(
    {
        _key("กลุ่ม"): "segment",
        _key("segment (A/B/C/D)"): "segment",
        _key("ดาว"): "stars",
        _key("ปีที่ได้รับดาว"): "star_year",
        _key("เบอร์โทรศัพท์"): "phone",
        _key("เลขประจำตัวประชาชน"): "citizen_id",
        _key("เลขบัตรประชาชน"): "citizen_id",
        _key("รหัสไปรษณีย์ตำบล"): "subdistrict_code",
        _key("ยอดขาย"): "sales_amount",
    }
)


def header_column(text: str) -> str | None:
    return HEADER_ALIASES.get(_key(text))


def _aliases(pairs: dict[str, list[str]]) -> dict[str, str]:
    return {_key(alias): code for code, aliases in pairs.items() for alias in [code, *aliases]}


PRODUCER_TYPES = _aliases(
    {
        ProducerType.COMMUNITY_GROUP: [
            "กลุ่มผู้ผลิตชุมชน",
            "กลุ่ม",
            "Community producer group",
            "community group",
        ],
        ProducerType.SINGLE_OWNER: [
            "ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว",
            "เจ้าของรายเดียว",
            "ผู้ผลิตชุมชนเจ้าของรายเดียว",
            "Single-owner community producer",
            "single owner",
        ],
        ProducerType.SME: [
            "ผู้ผลิตที่เป็น SMEs",
            "SMEs",
            "ผู้ผลิต SMEs",
            "SME producer",
            "วิสาหกิจขนาดกลางและขนาดย่อม",
        ],
    }
)
CATEGORIES = _aliases(
    {
        Category.FOOD: ["อาหาร", "Food"],
        Category.BEVERAGE: ["เครื่องดื่ม", "Beverage", "Beverages", "Drinks"],
        Category.TEXTILE: [
            "ผ้าและเครื่องแต่งกาย",
            "ผ้า เครื่องแต่งกาย",
            "ผ้า",
            "Textiles and apparel",
            "Textile",
            "Textiles",
            "Apparel",
        ],
        Category.HOUSEHOLD: [
            "ของใช้ ของตกแต่ง ของที่ระลึก",
            "ของใช้ ของประดับ ของตกแต่ง ของที่ระลึก",
            "ของใช้",
            "ของตกแต่ง",
            "ของที่ระลึก",
            "ของใช้ของตกแต่งของที่ระลึก",
            "Household",
            "Souvenirs",
            "Household items, decoration and souvenirs",
            "Decoration",
        ],
        Category.HERBAL: [
            "สมุนไพรที่ไม่ใช่อาหาร",
            "สมุนไพร",
            "Herbal",
            "Non-food herbal",
            "Non-food herbal products",
        ],
    }
)
SEGMENTS = _aliases(
    {s.value: [f"กลุ่ม {s.value}", f"group {s.value}", f"quadrant {s.value}"] for s in Segment}
)

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Control characters (NUL among them) cannot be stored in PostgreSQL text or written to XLSX.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SHOWN = 60  # characters of a cell repeated in a message


def text(value: object) -> str:
    """A cell as clean text: spaces trimmed, Thai digits as Arabic, 12.0 as 12."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    out = str(value).replace("\u00a0", " ").replace("\u200b", "").translate(THAI_DIGITS)
    if not out.isprintable():  # a cheap test first: most cells have no control characters
        out = CONTROL.sub("", out)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", out)).strip()


def shown(value: str) -> str:
    """A cell as repeated in a message: at most SHOWN characters."""
    return value if len(value) <= SHOWN else value[: SHOWN - 1] + "…"


def code(value: str, thai_name: str, english_name: str) -> str:
    """A producer or product code: at most 30 characters (the registry's limit)."""
    if len(value) > 30:
        raise CellError(
            msg(
                f"{thai_name}ยาว {len(value):,} ตัวอักษร เกิน 30 ตัวอักษร",
                f"the {english_name} is {len(value):,} characters long, over 30",
            )
        )
    return value


def enum(value: str, table: dict[str, str], thai_name: str, english_name: str) -> str:
    found = table.get(_key(value))
    if found is None:
        raise CellError(
            msg(f"ไม่รู้จัก{thai_name} “{shown(value)}”", f"unknown {english_name} “{shown(value)}”")
        )
    return found


def integer(value: str, low: int, high: int, thai_name: str, english_name: str) -> int:
    cleaned = re.sub(r"[,\s]", "", value)
    cleaned = re.sub(r"^(หมู่ที่|หมู่|ม\.)", "", cleaned)
    if not re.fullmatch(r"[0-9]{1,18}", cleaned):
        raise CellError(msg(f"{thai_name}ต้องเป็นตัวเลข", f"{english_name} must be a whole number"))
    number = int(cleaned)
    if not low <= number <= high:
        raise CellError(
            msg(
                f"{thai_name}ต้องอยู่ระหว่าง {low} ถึง {high}",
                f"{english_name} must be from {low} to {high}",
            )
        )
    return number


def stars(value: str) -> int:
    """1–5; 0 means not rated (as blank does)."""
    cleaned = value.replace("ดาว", "").replace("★", "").strip()
    if not re.fullmatch(r"[0-9]{1,3}", cleaned) or int(cleaned) > 5:
        raise CellError(
            msg(
                "ระดับดาวต้องเป็น 1–5 (เว้นว่างหรือ 0 = ยังไม่ได้รับดาว)",
                "stars must be 1–5 (blank or 0: not rated)",
            )
        )
    return int(cleaned)


def year_be(value: str, thai_name: str, english_name: str, low: int = 2480) -> int:
    """A year in BE or CE, returned in BE (2400+ is BE; 1900–2200 is CE), from `low`."""
    cleaned = re.sub(r"^(พ\.ศ\.|ค\.ศ\.|พศ|คศ)\s*", "", value.replace(",", "").strip())
    if not re.fullmatch(r"[0-9]{4}", cleaned):
        raise CellError(msg(f"{thai_name}ต้องเป็นปี 4 หลัก", f"{english_name} must be a 4-digit year"))
    year = int(cleaned)
    if 1900 <= year <= 2200:
        year += 543
    if not low <= year <= 2700:
        raise CellError(
            msg(
                f"{thai_name} {shown(value)} ไม่ใช่ปีที่เป็นไปได้",
                f"{english_name} {shown(value)} is not a plausible year",
            )
        )
    return year


def money(value: str, thai_name: str, english_name: str, below: int = 10**12) -> Decimal:
    """An amount in baht, from 0 to less than `below` (what the column can store)."""
    cleaned = re.sub(r"[,\s฿]|บาท", "", value)
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite() or len(cleaned) > 40:
        raise CellError(msg(f"{thai_name}ต้องเป็นจำนวนเงิน", f"{english_name} must be an amount"))
    if amount < 0:
        raise CellError(msg(f"{thai_name}ต้องไม่ติดลบ", f"{english_name} must not be negative"))
    if amount >= below:
        raise CellError(
            msg(
                f"{thai_name}ต้องน้อยกว่า {below:,} บาท",
                f"{english_name} must be less than {below:,} baht",
            )
        )
    return amount.quantize(Decimal("0.01"))


def id13(value: str) -> str:
    digits = re.sub(r"[\s\-]", "", value)
    if not re.fullmatch(r"[0-9]{13}", digits) or not id13_is_valid(digits):
        raise CellError(
            msg(
                "เลขประจำตัว 13 หลักไม่ถูกต้อง (ตรวจสอบเลขหลักสุดท้าย)",
                "the 13-digit ID is not valid (check digit)",
            )
        )
    return digits


def phone(value: str) -> str:
    cleaned = re.sub(r"[^\d+,/ -]", "", value).strip()
    if sum(ch.isdigit() for ch in cleaned) < 9:
        raise CellError(msg("หมายเลขโทรศัพท์สั้นเกินไป", "the phone number is too short"))
    return cleaned[:30]


PLACE_PREFIXES = re.compile(r"^(จังหวัด|จ\.|อำเภอ|อ\.|เขต|ตำบล|ต\.|แขวง)\s*")


def place_key(name: str) -> str:
    return _key(PLACE_PREFIXES.sub("", name.strip()))
