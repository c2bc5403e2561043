"""The report as its readers get it: the XLSX read back with openpyxl (numbers as numbers,
Thai headings, Sarabun) and the PDF's text layer with pdftotext (the exact Thai text),
with and without Thai digits."""

import os
import shutil

import pytest

from kbo.core import thai
from kbo.reports import data, pdf, xlsx
from kbo.reports.xlsx import SUMMARY_CELL
from tests.reports.reading import pdf_text, rows, spaced, squeezed, workbook
from tests.reports.test_data import SUMMARY_2562

needs_chromium = pytest.mark.skipif(
    not os.environ.get("CI") and not (shutil.which("chromium") and shutil.which("pdftotext")),
    reason="apt-get install chromium fonts-thai-tlwg poppler-utils",
)
WORDS = "สองแสนเจ็ดหมื่นสองพันห้าร้อยบาทถ้วน"
BY_CATEGORY_2563 = [
    ("ผ้าและเครื่องแต่งกาย", 10),
    ("ของใช้ ของตกแต่ง ของที่ระลึก", 5),
    ("อาหาร", 2),
    ("เครื่องดื่ม", 2),
    ("สมุนไพรที่ไม่ใช่อาหาร", 1),
]


@pytest.fixture
def report_2562(cohorts, people, geo):
    signature = data.Signature(reporter="นายสมชาย ใจดี", position="พัฒนาการจังหวัดเชียงใหม่")
    return data.provincial(people["officer_a"], geo["50"], 2562, signature)


@pytest.fixture
def report_2563(cohorts, people, geo):
    return data.provincial(people["officer_a"], geo["50"], 2563)


def test_the_workbook_carries_the_summary_and_numbers_as_numbers(report_2562):
    book = workbook(xlsx.provincial_xlsx(report_2562))
    assert book.sheetnames[0] == "สรุป"
    summary = book["สรุป"]
    assert summary[SUMMARY_CELL].value == SUMMARY_2562
    assert "จังหวัดเชียงใหม่ ประจำปีงบประมาณ 2562" in summary["A1"].value
    assert summary["A1"].font.name == "Sarabun"
    categories = rows(book, "ประเภทผลิตภัณฑ์")
    assert categories[0] == ("ประเภทผลิตภัณฑ์", "จำนวนผลิตภัณฑ์", "รายได้ปี 2562 (บาท)")
    assert categories[-1] == ("รวม", 11, 272_500)
    assert book["ประเภทผลิตภัณฑ์"]["C5"].number_format == "#,##0"
    products = rows(book, "ผลิตภัณฑ์")
    assert products[1][:7] == (
        "50R001", report_2562.products[0].name, "กลุ่มแม่บ้านบ้านศรีภูมิ 1",
        "ผ้าและเครื่องแต่งกาย", 43_000, 48_000, 5_000,
    )  # fmt: skip
    assert all("0899999999" not in str(cell) for row in products for cell in row)
    assert sum(row[5] for row in products[1:]) == 272_500


def test_every_section_has_its_sheet_and_empty_ones_say_so(cohorts, people, geo):
    empty = data.provincial(people["officer_a"], geo["50"], 2570)
    book = workbook(xlsx.provincial_xlsx(empty))
    assert book.sheetnames == [
        "สรุป", "โครงการ", "ประเภทผลิตภัณฑ์", "ผลิตภัณฑ์", "ตัวชี้วัด", "การฝึกอบรม", "การประกวด",
    ]  # fmt: skip
    assert rows(book, "การฝึกอบรม")[1] == ("ยังไม่มีการฝึกอบรมในโครงการ", None, None, None, None)
    assert rows(book, "ผลิตภัณฑ์")[1][0] == "ยังไม่มีผลิตภัณฑ์เข้าร่วมโครงการ"
    assert book["สรุป"][SUMMARY_CELL].value == "ในปีงบประมาณ 2570 ยังไม่มีผลิตภัณฑ์เข้าร่วมโครงการ"


def test_the_2563_workbook_counts_10_5_2_2_1(report_2563):
    book = workbook(xlsx.provincial_xlsx(report_2563))
    revenue = [80_000, 30_000, 20_000, 10_000, 10_000]  # the new products sold 10,000 each
    assert rows(book, "ประเภทผลิตภัณฑ์")[1:] == [
        *[(label, n, money) for (label, n), money in zip(BY_CATEGORY_2563, revenue, strict=True)],
        ("รวม", 20, 150_000),
    ]


def test_thai_digits_change_text_cells_but_not_numbers(report_2562):
    book = workbook(xlsx.provincial_xlsx(report_2562, thai_digits=True))
    summary = book["สรุป"][SUMMARY_CELL].value
    assert "๑๑ ผลิตภัณฑ์" in summary and "๒๗๒,๕๐๐ บาท" in summary
    assert rows(book, "ประเภทผลิตภัณฑ์")[-1] == ("รวม", 11, 272_500)
    assert rows(book, "ประเภทผลิตภัณฑ์")[0][2] == "รายได้ปี ๒๕๖๒ (บาท)"


def test_the_national_workbook_totals_the_provinces(cohorts, people):
    report = data.national(people["national"], 2563)
    book = workbook(xlsx.national_xlsx(report))
    provinces = rows(book, "รายจังหวัด")
    assert [r[1:4] for r in provinces[1:]] == [
        ("เชียงใหม่", 20, 150_000),
        ("แม่ฮ่องสอน", 1, 77_700),
        ("รวม", 21, 227_700),
    ]
    assert book.sheetnames == ["สรุป", "รายจังหวัด", "ประเภทผลิตภัณฑ์", "ตัวชี้วัด"]


@needs_chromium
def test_the_pdf_gives_back_the_exact_thai_text(report_2562):
    text = pdf_text(pdf.html_to_pdf(pdf.provincial_html(report_2562)))
    assert squeezed(SUMMARY_2562) in squeezed(text)
    words = spaced(text)
    assert "11 ผลิตภัณฑ์" in words and "272,500 บาท" in words and WORDS in squeezed(text)
    assert squeezed(report_2562.title) in squeezed(text)
    for heading in ("1. สรุปผลการดำเนินงาน", "5. ตัวชี้วัด", "6.2 ผลการประกวด"):
        assert heading in words
    assert "(นายสมชาย ใจดี)" in words and "ตำแหน่ง พัฒนาการจังหวัดเชียงใหม่" in words
    assert "0899999999" not in text and "1101700207030" not in text
    assert "-2-" in squeezed(text) and "-1-" not in squeezed(text)  # numbered from page two


@needs_chromium
def test_the_2563_pdf_shows_10_5_2_2_1(report_2563):
    text = spaced(pdf_text(pdf.html_to_pdf(pdf.provincial_html(report_2563)), layout=True))
    for label, count in BY_CATEGORY_2563:
        assert f"{label} {count} " in text
    assert "รวม 20 150,000" in text


@needs_chromium
def test_thai_digits_in_the_pdf(report_2562):
    text = pdf_text(pdf.html_to_pdf(pdf.provincial_html(report_2562, thai_digits=True)))
    words = spaced(text)
    assert "๑๑ ผลิตภัณฑ์" in words and "๒๗๒,๕๐๐ บาท" in words
    assert "272,500" not in text
    assert squeezed(thai.digits(SUMMARY_2562, thai=True)) in squeezed(text)


@needs_chromium
def test_empty_sections_say_so_in_the_pdf(cohorts, people, geo):
    empty = data.provincial(people["officer_a"], geo["50"], 2570)
    text = squeezed(pdf_text(pdf.html_to_pdf(pdf.provincial_html(empty))))
    for message in ("ยังไม่มีการบันทึกโครงการของจังหวัดในปีงบประมาณนี้", "ยังไม่มีการฝึกอบรมในโครงการ"):
        assert squeezed(message) in text
    assert "6.2ผลการประกวด" in text and squeezed("ยังไม่มีผลการประกวดที่ประกาศแล้ว") in text
