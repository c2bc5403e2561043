"""The official reports as XLSX workbooks: a "สรุป" sheet (title in A1, date in A2, the
summary paragraph in A3) and one sheet per table, Thai headings, Sarabun, and numbers as
numbers with `#,##0` formats. With Thai digits, text cells get Thai digits; numeric cells
stay numbers (Excel shows them as the reader's locale wants)."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kbo.core import thai
from kbo.reports import wording
from kbo.reports.data import CategoryLine, KpiLine, NationalReport, ProvincialReport

FONT = "Sarabun"
COUNT = "#,##0"
MONEY = "#,##0"
MONEY_SATANG = "#,##0.00"
PERCENT = "#,##0.0"
SUMMARY_CELL = "A3"


class Cell:
    """A number and the format it is shown with."""

    def __init__(self, value: Decimal | int | float | None, fmt: str = COUNT):
        self.value = value
        self.fmt = fmt


def money(value: Decimal | int | None) -> Cell:
    if value is None:
        return Cell(None)
    whole = Decimal(value) == Decimal(value).to_integral_value()
    return Cell(value, MONEY if whole else MONEY_SATANG)


def count(value: int | None) -> Cell:
    return Cell(value, COUNT)


def kpi(value: Decimal | int | None, unit: str) -> Cell:
    if unit == "baht":
        return money(value)
    return Cell(value, PERCENT if unit == "percent" else COUNT)


class Sheet:
    def __init__(self, book: Workbook, title: str, thai_digits: bool, first: bool = False):
        self.ws: Worksheet = book.active if first else book.create_sheet()
        self.ws.title = title
        self.thai_digits = thai_digits
        self.widths: dict[int, int] = {}

    def _value(self, value):
        if isinstance(value, Cell):
            if value.value is None:
                return wording.NOTHING, None
            number = Decimal(value.value)
            plain = int(number) if number == number.to_integral_value() else float(number)
            return plain, value.fmt
        if isinstance(value, int | float | Decimal):
            return value, COUNT
        text = "" if value is None else str(value)
        return (thai.digits(text, thai=True) if self.thai_digits else text), None

    def row(self, *values, bold: bool = False, size: int = 14, wrap: bool = False) -> None:
        self.ws.append([None] * len(values))
        number = self.ws.max_row
        for column, raw in enumerate(values, start=1):
            cell = self.ws.cell(row=number, column=column)
            cell.value, fmt = self._value(raw)
            cell.font = Font(name=FONT, size=size, bold=bold)
            if fmt:
                cell.number_format = fmt
            if wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif isinstance(cell.value, str):
                self.widths[column] = max(self.widths.get(column, 8), min(len(cell.value), 60))

    def head(self, *labels: str) -> None:
        self.row(*labels, bold=True)

    def blank(self) -> None:
        self.ws.append([])

    def finish(self) -> None:
        for column, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(column)].width = width + 4


def _summary(book: Workbook, report, thai_digits: bool) -> None:
    sheet = Sheet(book, "สรุป", thai_digits, first=True)
    sheet.row(report.title, bold=True, size=16, wrap=True)
    sheet.row(f"ณ วันที่ {wording.date(report.reported_on)}")
    sheet.row(report.summary, wrap=True)
    sheet.blank()
    sheet.row("ผู้รายงาน", report.signature.reporter or wording.NOTHING)
    sheet.row("ตำแหน่ง", report.signature.position or wording.NOTHING)
    sheet.ws.column_dimensions["A"].width = 100
    sheet.ws.column_dimensions["B"].width = 40
    sheet.ws.row_dimensions[1].height = 45
    sheet.ws.row_dimensions[3].height = 120


def _categories(book: Workbook, rows: list[CategoryLine], year: int, thai_digits: bool) -> None:
    sheet = Sheet(book, "ประเภทผลิตภัณฑ์", thai_digits)
    sheet.head("ประเภทผลิตภัณฑ์", "จำนวนผลิตภัณฑ์", f"รายได้ปี {year} (บาท)")
    for row in rows:
        sheet.row(row.label, count(row.products), money(row.revenue))
    if rows:
        reported = [r.revenue for r in rows if r.revenue is not None]
        total = sum(reported, Decimal(0)) if reported else None
        sheet.row("รวม", count(sum(r.products for r in rows)), money(total), bold=True)
    else:
        sheet.row(wording.EMPTY["categories"])
    sheet.finish()


def _kpis(book: Workbook, rows: list[KpiLine], thai_digits: bool) -> None:
    sheet = Sheet(book, "ตัวชี้วัด", thai_digits)
    sheet.head("ตัวชี้วัด", "ผลที่ได้", "หน่วย", "เป้าหมาย", "ผลการประเมิน", "จากผลิตภัณฑ์")
    for line in rows:
        sheet.row(
            line.name,
            kpi(line.value, line.unit),
            wording.unit_name(line.unit),
            kpi(line.target, line.unit),
            wording.met(line.met),
            f"{line.basis:,} จาก {line.of:,}",
        )
    if not rows:
        sheet.row(wording.EMPTY["kpis"])
    sheet.finish()


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def provincial_xlsx(report: ProvincialReport, thai_digits: bool = False) -> bytes:
    book = Workbook()
    _summary(book, report, thai_digits)

    sheet = Sheet(book, "โครงการ", thai_digits)
    if report.has_project:
        sheet.row("ชื่อโครงการ", report.project_name)
        sheet.row("งบประมาณ (บาท)", money(report.budget))
        if report.objectives:
            sheet.row("วัตถุประสงค์", report.objectives)
    else:
        sheet.row(wording.EMPTY["project"])
    sheet.blank()
    sheet.head("กิจกรรม", "งบประมาณ (บาท)", "ระยะเวลา", "สถานะ")
    for activity in report.activities:
        sheet.row(
            activity.label,
            money(activity.budget),
            wording.period(activity.starts_on, activity.ends_on),
            activity.status,
        )
    if not report.activities:
        sheet.row(wording.EMPTY["activities"])
    sheet.blank()
    sheet.head("เป้าหมาย", "ค่าเป้าหมาย", "ผลการดำเนินงาน")
    for target in report.targets:
        sheet.row(target.label, count(target.target), count(target.actual))
    if not report.targets:
        sheet.row(wording.EMPTY["targets"])
    sheet.finish()

    _categories(book, report.categories, report.year, thai_digits)

    sheet = Sheet(book, "ผลิตภัณฑ์", thai_digits)
    sheet.head(
        "รหัสผลิตภัณฑ์",
        "ชื่อผลิตภัณฑ์",
        "ผู้ผลิต",
        "ประเภท",
        f"รายได้ปี {report.baseline_year} (บาท)",
        f"รายได้ปี {report.year} (บาท)",
        "เปลี่ยนแปลง (บาท)",
        "ดาวก่อนพัฒนา",
        "ดาวหลังพัฒนา",
        "มาตรฐานที่ได้รับใหม่",
    )
    for p in report.products:
        sheet.row(
            p.code,
            p.name,
            p.producer,
            p.category,
            money(p.baseline),
            money(p.result),
            money(p.change),
            count(p.stars_before),
            count(p.stars_after),
            ", ".join(p.certificates) or wording.NOTHING,
        )
    if not report.products:
        sheet.row(wording.EMPTY["products"])
    sheet.finish()

    _kpis(book, report.kpis, thai_digits)

    sheet = Sheet(book, "การฝึกอบรม", thai_digits)
    sheet.head("หลักสูตร", "ระยะเวลา", "จำนวนหัวข้อ", "ผู้เข้าอบรม (คน)", "การเข้าร่วม (ร้อยละ)")
    for t in report.trainings:
        sheet.row(
            t.title,
            wording.period(t.starts_on, t.ends_on),
            count(t.sessions),
            count(t.trainees),
            Cell(t.attendance, PERCENT),
        )
    if not report.trainings:
        sheet.row(wording.EMPTY["trainings"])
    sheet.finish()

    sheet = Sheet(book, "การประกวด", thai_digits)
    sheet.head("การประกวด", "รางวัล", "ผลงาน", "จังหวัด")
    for award in report.awards:
        sheet.row(award.contest, award.award, award.title, award.province)
    if not report.awards:
        sheet.row(wording.EMPTY["awards"])
    sheet.finish()
    return _save(book)


def national_xlsx(report: NationalReport, thai_digits: bool = False) -> bytes:
    book = Workbook()
    _summary(book, report, thai_digits)

    sheet = Sheet(book, "รายจังหวัด", thai_digits)
    sheet.head(
        "รหัสจังหวัด",
        "จังหวัด",
        "จำนวนผลิตภัณฑ์",
        f"รายได้ปี {report.year} (บาท)",
        *report.highlights,
    )
    for line in report.provinces:
        sheet.row(
            line.code,
            line.name,
            count(line.products),
            money(line.revenue),
            *[kpi(k.value, k.unit) for k in line.kpis],
        )
    if report.provinces:
        sheet.row(
            "",
            "รวม",
            count(report.products_total),
            money(report.revenue_total),
            bold=True,
        )
    else:
        sheet.row(wording.EMPTY["provinces"])
    sheet.finish()

    _categories(book, report.categories, report.year, thai_digits)
    _kpis(book, report.kpis, thai_digits)
    return _save(book)
