"""The Thai wording of the official reports: titles, the summary paragraph in the provinces'
own words (seeds/003), column headings and how values are written.

An official report is a Thai document whatever language its reader uses (as the minutes of
a committee meeting are), so these are Thai text, not translatable messages. Numbers are
written with Arabic digits here; the "Thai digits" option converts the finished text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from kbo.core import thai

PROJECT = "โครงการส่งเสริมกระบวนการเครือข่ายองค์ความรู้ (Knowledge-Based OTOP : KBO)"
NOTHING = "-"


@contextlib.contextmanager
def arabic_digits() -> Iterator[None]:
    """Write Arabic digits whatever the person's display preference (the option decides)."""
    token = thai.thai_digits_preferred.set(False)
    try:
        yield
    finally:
        thai.thai_digits_preferred.reset(token)


def provincial_title(province: str, year: int) -> str:
    return f"รายงานผลการดำเนินงาน{PROJECT} จังหวัด{province} ประจำปีงบประมาณ {year}"


def national_title(year: int) -> str:
    return f"รายงานสรุปผลการดำเนินงาน{PROJECT} ภาพรวมประเทศ ประจำปีงบประมาณ {year}"


def number(value: Decimal | int | float | None, places: int = 0) -> str:
    if value is None:
        return NOTHING
    amount = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{amount:,.{places}f}"


def baht(value: Decimal | int | None) -> str:
    """`272,500 บาท`, or `1,234.50 บาท` when there are satang."""
    if value is None:
        return NOTHING
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    places = 0 if amount == amount.to_integral_value() else 2
    return f"{number(amount, places)} บาท"


def baht_in_words(value: Decimal | int | None) -> str:
    """`272,500 บาท (สองแสนเจ็ดหมื่นสองพันห้าร้อยบาทถ้วน)`, as official documents write it."""
    if value is None:
        return NOTHING
    return f"{baht(value)} ({thai.baht_words(value)})"


def date(value: dt.date | None, style: str = "long") -> str:
    """`22 พฤศจิกายน 2569` (long) or `22 พ.ย. 2569` (short), in BE."""
    if value is None:
        return NOTHING
    with arabic_digits():
        return thai.format_date(value, style)


def period(start: dt.date | None, end: dt.date | None) -> str:
    """`1 พ.ย. 2561 – 31 ม.ค. 2562` (tables)."""
    if start is None and end is None:
        return NOTHING
    return f"{date(start, 'short')} – {date(end, 'short')}"


def _categories(categories: list[tuple[str, int]]) -> str:
    parts = [f"ประเภท{label} จำนวน {count:,} ผลิตภัณฑ์" for label, count in categories]
    if len(parts) == 1:
        return f"ได้แก่ {parts[0]}"
    return "แบ่งเป็น " + " ".join(parts[:-1]) + f" และ{parts[-1]}"


def _revenue(year: int, revenue: Decimal | None) -> str:
    if revenue is None:
        return f"ยังไม่มีการบันทึกรายได้จากการจำหน่ายในปี {year}"
    return f"มีรายได้จากการจำหน่ายในปี {year} รวม {baht_in_words(revenue)}"


def cohort_sentence(year: int, categories: list[tuple[str, int]], revenue: Decimal | None) -> str:
    """The province's own summary: "ในปีงบประมาณ 2562 มีผลิตภัณฑ์เข้าร่วมโครงการ 11
    ผลิตภัณฑ์ แบ่งเป็น ประเภท... จำนวน 3 ผลิตภัณฑ์ ... มีรายได้จากการจำหน่ายในปี 2562 รวม
    272,500 บาท (สองแสนเจ็ดหมื่นสองพันห้าร้อยบาทถ้วน)"."""
    total = sum(count for _label, count in categories)
    if not total:
        return f"ในปีงบประมาณ {year} ยังไม่มีผลิตภัณฑ์เข้าร่วมโครงการ"
    return (
        f"ในปีงบประมาณ {year} มีผลิตภัณฑ์เข้าร่วมโครงการ {total:,} ผลิตภัณฑ์ "
        f"{_categories(categories)} {_revenue(year, revenue)}"
    )


def national_sentence(
    year: int, provinces: int, categories: list[tuple[str, int]], revenue: Decimal | None
) -> str:
    if not provinces:
        return f"ในปีงบประมาณ {year} ยังไม่มีจังหวัดที่บันทึกโครงการ"
    lead = f"ในปีงบประมาณ {year} มีจังหวัดที่ดำเนินโครงการ {provinces:,} จังหวัด"
    total = sum(count for _label, count in categories)
    if not total:
        return f"{lead} ยังไม่มีผลิตภัณฑ์เข้าร่วมโครงการ"
    return (
        f"{lead} มีผลิตภัณฑ์เข้าร่วมโครงการรวม {total:,} ผลิตภัณฑ์ "
        f"{_categories(categories)} {_revenue(year, revenue)}"
    )


def kpi_value(value: Decimal | int | None, unit: str) -> str:
    if value is None:
        return NOTHING
    if unit == "baht":
        return baht(value)
    if unit == "percent":
        return f"ร้อยละ {number(value, 1)}"
    return f"{number(value)} ผลิตภัณฑ์"


def met(value: bool | None) -> str:
    return {True: "บรรลุ", False: "ไม่บรรลุ"}.get(value, NOTHING)  # type: ignore[arg-type]


def stars(before: int | None, after: int | None) -> str:
    return (
        f"{before if before is not None else NOTHING} → {after if after is not None else NOTHING}"
    )


def unit_name(unit: str) -> str:
    return {"baht": "บาท", "percent": "ร้อยละ", "count": "ผลิตภัณฑ์"}.get(unit, unit)


# Empty sections say so rather than vanish.
EMPTY = {
    "project": "ยังไม่มีการบันทึกโครงการของจังหวัดในปีงบประมาณนี้",
    "activities": "ยังไม่มีการบันทึกกิจกรรมของโครงการ",
    "targets": "ยังไม่มีการกำหนดเป้าหมายของโครงการ",
    "categories": "ยังไม่มีผลิตภัณฑ์เข้าร่วมโครงการ",
    "products": "ยังไม่มีผลิตภัณฑ์เข้าร่วมโครงการ",
    "kpis": "ยังไม่มีการกำหนดตัวชี้วัด",
    "trainings": "ยังไม่มีการฝึกอบรมในโครงการ",
    "awards": "ยังไม่มีผลการประกวดที่ประกาศแล้วในปีงบประมาณนี้",
    "provinces": "ยังไม่มีจังหวัดที่บันทึกโครงการในปีงบประมาณนี้",
}

# Styles, tags and character references (`&#x27;`) keep their digits.
_HTML_TEXT = re.compile(r"(<style.*?</style>|<[^>]*>|&#?\w+;)", re.S | re.I)


def thai_digits_html(html: str) -> str:
    """Thai digits in the text of an HTML document; tags, styles and URLs stay as they are."""
    parts = _HTML_TEXT.split(html)
    return "".join(
        part if index % 2 else thai.digits(part, thai=True) for index, part in enumerate(parts)
    )
