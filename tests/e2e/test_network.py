"""The secretariat (an officer of Chiang Mai) opens the network's page, records a committee
meeting with its agenda and attendance, and downloads its minutes as a PDF."""

import subprocess

from playwright.sync_api import expect


def test_the_secretariat_records_a_meeting_and_downloads_its_minutes(
    page, live_server, kbo_network, sign_in, shot, tmp_path
):
    chair, member = kbo_network["chair_seat_a"], kbo_network["member_seat_a"]
    page.goto(f"{live_server.url}/network/")
    expect(page.get_by_test_id("networks")).to_contain_text("นายผู้ว่า a")
    sign_in(page, "officer_a")
    page.goto(f"{live_server.url}/network/50/")
    expect(page.get_by_test_id("composition")).to_be_visible()
    shot(page, "network", full_page=True)

    page.get_by_test_id("meetings").click()
    page.get_by_test_id("record-meeting").click()
    page.fill("input[name=fiscal_year]", "2563")
    page.fill("input[name=number]", "2")
    page.fill("input[name=held_on]", "2020-03-02")
    page.fill("input[name=starts_at]", "09:30")
    page.fill("input[name=place]", "ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่")
    page.select_option("select[name=chair]", str(chair.pk))
    page.fill("input[name=recorded_by]", "นางสาวบัวคำ จันทร์ดี")
    page.fill("input[name=agenda-0-title]", "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ")
    page.fill("textarea[name=agenda-0-resolution]", "ที่ประชุมรับทราบ")
    page.check(f"input[name=seat-{chair.pk}-status][value=PRESENT]")
    page.check(f"input[name=seat-{member.pk}-status][value=REPRESENTED]")
    page.fill(f"input[name=seat-{member.pk}-representative]", "นายสมศักดิ์ ใจดี")
    page.get_by_test_id("save-meeting").click()

    expect(page.locator("h1")).to_contain_text("2/2563")
    expect(page.get_by_test_id("attendance")).to_contain_text("นายสมศักดิ์ ใจดี")
    shot(page, "meeting", full_page=True)

    page.get_by_test_id("minutes").click()
    expect(page.get_by_test_id("job-status")).to_have_text("เสร็จสิ้น")
    with page.expect_download() as download:
        page.get_by_role("link", name="ดาวน์โหลดไฟล์").click()
    assert download.value.suggested_filename.endswith(".pdf")
    pdf = tmp_path / "minutes.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "ครั้งที่ 2/2563" in text
    assert "2 มีนาคม 2563" in text
    assert "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ" in text
    assert "นายสมศักดิ์ ใจดี" in text


def test_a_visitor_finds_packaging_experts_by_describing_the_need(
    page, live_server, kbo_network, shot
):
    page.goto(f"{live_server.url}/network/sources/")
    page.fill("input[name=q]", "บรรจุภัณฑ์")
    table = page.get_by_test_id("sources")
    expect(table).to_contain_text("ผศ.ดร.ออกแบบ")
    expect(table.locator("tbody tr").first).to_contain_text("บรรจุภัณฑ์")
    shot(page, "sources")
