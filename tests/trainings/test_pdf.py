"""The attendance sheet and the certificates as PDF: the text layer gives back the Thai text
exactly (`pdftotext`), one A4 landscape page per certificate holder, made in a job."""

import os
import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from kbo.core.models import Job
from kbo.trainings.pdf import certificates_html, date_range, html_to_pdf, sheet_html
from kbo.trainings.services import attendance_record

pytestmark = pytest.mark.skipif(
    not os.environ.get("CI") and not (shutil.which("chromium") and shutil.which("pdftotext")),
    reason="apt-get install chromium fonts-thai-tlwg poppler-utils",
)


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def pdf_info(content: bytes, tmp_path) -> dict[str, str]:
    path = tmp_path / "info.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return dict(
        (key.strip(), value.strip())
        for key, value in (line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)
    )


@pytest.fixture
def attended(training, sessions, trainees, people):
    """The first two trainees attended every session, the third only the first."""
    first, second, third = trainees
    for i, session in enumerate(sessions):
        present = [first.pk, second.pk] + ([third.pk] if i == 0 else [])
        attendance_record(by=people["officer_a"], session=session, present_ids=present)
    return trainees


def test_date_ranges_read_as_thai_officials_write_them(training):
    import datetime as dt

    assert date_range(dt.date(2022, 2, 14), dt.date(2022, 2, 18)) == "14 – 18 กุมภาพันธ์ 2565"
    assert date_range(dt.date(2022, 2, 28), dt.date(2022, 3, 4)) == ("28 กุมภาพันธ์ – 4 มีนาคม 2565")
    assert date_range(dt.date(2022, 12, 30), dt.date(2023, 1, 2)) == (
        "30 ธันวาคม 2565 – 2 มกราคม 2566"
    )
    assert date_range(dt.date(2022, 2, 14), dt.date(2022, 2, 14)) == "14 กุมภาพันธ์ 2565"


def test_the_sheet_lists_every_trainee_with_the_session(sessions, trainees, tmp_path):
    text = pdf_text(html_to_pdf(sheet_html(sessions[0])), tmp_path)
    for expected in [
        "แบบลงลายมือชื่อผู้เข้ารับการอบรม",
        "การพัฒนาผลิตภัณฑ์สู่ตลาดอาเซียน",
        "โครงการ KBO เชียงใหม่ 2565",
        "จังหวัดเชียงใหม่",
        "14 กุมภาพันธ์ 2565",
        "09.00 – 12.00 น.",
        "การคิดเชิงธุรกิจ",
        "ผศ.ดร.ออกแบบ a",
        "นางบัวคำ จันทร์ดี",
        "กลุ่มทอผ้าบ้านศรีภูมิ",
        "นางสาวมะลิ วงศ์ใหญ่",
        "ลายมือชื่อ",
    ]:
        assert expected in text, expected
    assert re.search(r"1\s+นางบัวคำ จันทร์ดี", text)


def test_the_certificates_have_one_landscape_page_per_holder(training, attended, tmp_path):
    pdf = html_to_pdf(certificates_html(training))
    info = pdf_info(pdf, tmp_path)
    assert info["Pages"] == "2"
    width, height = (float(n) for n in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    text = pdf_text(pdf, tmp_path)
    pages = text.split("\f")
    assert "นางบัวคำ จันทร์ดี" in pages[0] and "50/2565/001" in pages[0]
    assert "นายสมศักดิ์ ใจดี" in pages[1] and "50/2565/002" in pages[1]
    assert "นางสาวมะลิ วงศ์ใหญ่" not in text  # one session of three
    for expected in [
        "เกียรติบัตร",
        "เกียรติบัตรนี้ให้ไว้เพื่อแสดงว่า",
        "การพัฒนาผลิตภัณฑ์สู่ตลาดอาเซียน",
        "ระหว่างวันที่ 14 – 18 กุมภาพันธ์ 2565",
        "โรงแรมเชียงใหม่ภูคำ",
        "สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่",
        "พัฒนาการจังหวัดเชียงใหม่",
        "ให้ไว้ ณ วันที่ 18 กุมภาพันธ์ 2565",
    ]:
        assert expected in pages[0], expected


def test_the_sheet_downloads_for_a_committee_member(client_for, sessions, trainees, tmp_path):
    response = client_for("committee_a").get(reverse("trainings:sheet_pdf", args=[sessions[0].pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "นางบัวคำ จันทร์ดี" in pdf_text(response.content, tmp_path)


def test_the_certificates_button_makes_the_pdf_in_a_job(client_for, training, attended, tmp_path):
    response = client_for("officer_a").post(
        reverse("trainings:certificates_pdf", args=[training.pk])
    )
    job = Job.objects.get(kind="trainings.certificates")
    assert response["Location"] == reverse("core:job", args=[job.pk])
    assert job.status == Job.Status.DONE and job.result.name.endswith(".pdf")
    with job.result.open("rb") as f:
        content = f.read()
    assert pdf_info(content, tmp_path)["Pages"] == "2"
    assert "เกียรติบัตร" in pdf_text(content, tmp_path)


def test_no_certificates_before_anyone_qualifies(client_for, training, trainees):
    url = reverse("trainings:certificates_pdf", args=[training.pk])
    response = client_for("officer_a").post(url)
    assert response["Location"] == reverse("trainings:training", args=[training.pk])
    assert not Job.objects.exists()


def test_another_provinces_documents_answer_404(client_for, training_b):
    client = client_for("officer_a")
    sheet = reverse("trainings:sheet_pdf", args=[training_b["session"].pk])
    assert client.get(sheet).status_code == 404
    certificates = reverse("trainings:certificates_pdf", args=[training_b["training"].pk])
    assert client.post(certificates).status_code == 404
    assert not Job.objects.exists()
