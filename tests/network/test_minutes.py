"""Minutes of a committee meeting as a PDF in Thai official style: the text layer gives back
the meeting's Thai text exactly (`pdftotext`), and the PDF is made in a background job."""

import datetime as dt
import os
import shutil
import subprocess

import pytest
from django.urls import reverse

from kbo.core.models import Job
from kbo.network.models import Attendance
from kbo.network.pdf import PdfError, html_to_pdf, minutes_html
from kbo.network.services import meeting_save

# Skipped on a developer's machine without the tools; in CI (CI=true) they must be there.
pytestmark = pytest.mark.skipif(
    not os.environ.get("CI") and not (shutil.which("chromium") and shutil.which("pdftotext")),
    reason="apt-get install chromium fonts-thai-tlwg poppler-utils",
)

AGENDA = [
    {
        "title": "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ",
        "detail": "การพัฒนาบรรจุภัณฑ์ผ้าฝ้ายทอมือของบ้านศรีภูมิ",
        "resolution": "ที่ประชุมรับทราบและมอบหมายมหาวิทยาลัยออกแบบฉลาก",
    },
    {"title": "แผนการลงพื้นที่ปีงบประมาณ 2563", "detail": "", "resolution": "เห็นชอบตามที่เสนอ"},
]


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


@pytest.fixture
def meeting(kbo_network, people):
    meeting = kbo_network["meeting_a"]
    meeting.starts_at = dt.time(9, 30)
    meeting.place = "ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่"
    meeting.chair = kbo_network["chair_seat_a"]
    meeting.recorded_by = "นางสาวบัวคำ จันทร์ดี"
    return meeting_save(
        by=people["officer_a"],
        meeting=meeting,
        agenda=AGENDA,
        attendance={
            kbo_network["chair_seat_a"].pk: (Attendance.Status.PRESENT, ""),
            kbo_network["member_seat_a"].pk: (Attendance.Status.REPRESENTED, "นายสมศักดิ์ ใจดี"),
        },
    )


def test_the_minutes_text_layer_gives_back_the_thai_text(meeting, tmp_path):
    text = pdf_text(html_to_pdf(minutes_html(meeting)), tmp_path)
    # Thai has no spaces between words: a long line wraps between words, so the text is also
    # read with its line breaks removed (the characters themselves must come back exact).
    joined = text.replace("\n", "")
    assert "ที่ประชุมรับทราบและมอบหมายมหาวิทยาลัยออกแบบฉลาก" in joined
    assert "ประธาน" in text and "บูาน" not in text
    for expected in [
        "รายงานการประชุม",
        "คณะกรรมการเครือข่ายองค์ความรู้",
        "ครั้งที่ 1/2563",
        "13 มกราคม 2563",
        "เวลา 09.30 น.",
        "ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่",
        "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ",
        "การพัฒนาบรรจุภัณฑ์ผ้าฝ้ายทอมือของบ้านศรีภูมิ",
        "เห็นชอบตามที่เสนอ",
        "นายสมศักดิ์ ใจดี",
        "นายผู้ว่า a",
        "ผู้จดรายงานการประชุม",
        "ผู้ตรวจรายงานการประชุม",
        "นางสาวบัวคำ จันทร์ดี",
    ]:
        assert expected in text, expected


def test_the_minutes_embed_sarabun(meeting):
    html = minutes_html(meeting)
    assert "Sarabun-Regular.ttf" in html and "Sarabun-Bold.ttf" in html
    assert "file://" in html


def test_a_missing_chromium_is_a_clear_error(settings):
    settings.KBO_CHROMIUM = "/nowhere/chromium"
    with pytest.raises(PdfError, match="apt-get install chromium"):
        html_to_pdf("<p>ทดสอบ</p>")


def test_the_download_button_makes_the_pdf_in_a_job(meeting, client_for, tmp_path):
    response = client_for("officer_a").post(reverse("network:minutes", args=[meeting.pk]))
    job = Job.objects.get(kind="network.minutes")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job", args=[job.pk])
    assert job.status == Job.Status.DONE and job.user.username == "officer_a"
    assert job.result.name.endswith(".pdf")
    with job.result.open("rb") as f:
        assert "ครั้งที่ 1/2563" in pdf_text(f.read(), tmp_path)


def test_another_provinces_minutes_answer_404(kbo_network, client_for):
    url = reverse("network:minutes", args=[kbo_network["meeting_b"].pk])
    assert client_for("officer_a").post(url).status_code == 404
    assert not Job.objects.exists()
