"""An officer imports a registry file in the browser: the upload, the progress of the
background job (run here by a real database worker), the error file, and the fixed re-upload."""

import io

from bench.registry_data import HEADER, as_csv
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

from kbo.registry.models import Product

GOOD = [
    [
        "P58100",
        "กลุ่มทอผ้าบ้านเวียงใต้",
        "กลุ่มผู้ผลิตชุมชน",
        "2560",
        "580301",
        "3",
        "P58100-1",
        "ผ้าทอขนแกะ",
        "ผ้าและเครื่องแต่งกาย",
        "3",
        "2565",
        "D",
        "2566",
        "120,000",
        "0812345678",
        "",
    ],
    [
        "P58100",
        "กลุ่มทอผ้าบ้านเวียงใต้",
        "กลุ่มผู้ผลิตชุมชน",
        "2560",
        "580301",
        "3",
        "P58100-2",
        "ย่ามทอมือ",
        "ผ้าและเครื่องแต่งกาย",
        "",
        "",
        "D",
        "",
        "",
        "0812345678",
        "",
    ],
]
BAD = [
    "P58101",
    "นางคำ ใจงาม",
    "เจ้าของรายเดียว",
    "๒๕๖๑",
    "580301",
    "",
    "P58101-1",
    "น้ำพริกตาแดง",
    "อาหาร",
    "6",
    "2565",
    "",
    "",
    "",
    "",
    "",
]


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_an_officer_imports_fixes_the_rejected_rows_and_imports_them(
    page, live_server, people, sign_in, shot, settings, tmp_path
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    sign_in(page, "officer_b")
    page.goto(f"{live_server.url}/registry/import/")
    with page.expect_download() as template:
        page.get_by_role("link", name="ดาวน์โหลดแบบฟอร์มนำเข้า (XLSX)").click()
    header = next(load_workbook(io.BytesIO(template.value.path().read_bytes())).active.values)
    assert header[0] == "รหัสผู้ผลิต"

    upload = tmp_path / "registry.csv"
    upload.write_bytes(as_csv([*GOOD, BAD], "cp874"))
    page.set_input_files("input[type=file]", str(upload))
    shot(page, "import-upload")
    page.get_by_role("button", name="อัปโหลดและนำเข้า").click()

    status = page.get_by_test_id("job-status")
    expect(status).to_have_text("รอดำเนินการ")
    run_worker()  # the page polls every second and follows the job to its end
    expect(status).to_have_text("เสร็จสิ้น", timeout=15_000)
    expect(page.locator("[data-count=created] .stat")).to_have_text("2")
    expect(page.locator("[data-count=rejected] .stat")).to_have_text("1")
    expect(page.get_by_test_id("job-errors")).to_contain_text("stars")
    expect(page.locator("[role=progressbar]")).to_have_attribute("aria-valuenow", "100")
    shot(page, "import-result", full_page=True)

    page.reload()  # the result is kept: nothing depends on staying on the page
    expect(page.locator("[data-count=rejected] .stat")).to_have_text("1")

    with page.expect_download() as errors:
        page.get_by_role("link", name="ดาวน์โหลดแถวที่ไม่ผ่าน").click()
    book = load_workbook(io.BytesIO(errors.value.path().read_bytes()))
    sheet = book.active
    rows = list(sheet.values)
    assert len(rows) == 2 and rows[1][HEADER.index("product_code")] == "P58101-1"
    sheet.cell(row=2, column=HEADER.index("stars") + 1, value="5")
    fixed = tmp_path / "fixed.xlsx"
    buffer = io.BytesIO()
    book.save(buffer)
    fixed.write_bytes(buffer.getvalue())

    page.goto(f"{live_server.url}/registry/import/")
    page.set_input_files("input[type=file]", str(fixed))
    page.get_by_role("button", name="อัปโหลดและนำเข้า").click()
    run_worker()
    expect(page.get_by_test_id("job-status")).to_have_text("เสร็จสิ้น", timeout=15_000)
    expect(page.locator("[data-count=created] .stat")).to_have_text("1")
    expect(page.locator("[data-count=rejected] .stat")).to_have_text("0")
    assert Product.objects.filter(code__startswith="P581").count() == 3
