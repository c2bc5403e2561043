"""What a person sees: Thai pages in Sarabun, signing in, switching language, searching
the geography, following a background export, and the menu on a phone."""

import re

from playwright.sync_api import expect

SARABUN_LOADED = """async () => {
  await document.fonts.ready;
  return [...document.fonts].some(
    f => f.family.replace(/"/g, '') === 'Sarabun' && f.status === 'loaded');
}"""


def test_an_officer_signs_in_to_a_thai_home_in_sarabun(page, live_server, people, sign_in, shot):
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator("h1")).to_have_text("เข้าสู่ระบบ")
    assert page.evaluate(SARABUN_LOADED)
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith(
        '"Sarabun"'
    ) or page.evaluate("getComputedStyle(document.body).fontFamily").startswith("Sarabun")
    shot(page, "login")

    sign_in(page, "officer_a")
    expect(page.locator("h1")).to_contain_text("ยินดีต้อนรับ")
    expect(page.locator("main")).to_contain_text("เจ้าหน้าที่พัฒนาชุมชนจังหวัด")
    expect(page.locator("main")).to_contain_text(re.compile(r"ปีงบประมาณ 25\d\d"))
    shot(page, "home")


def test_english_can_be_switched_on_and_off(page, live_server, geo):
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main")).to_contain_text("Knowledge-Based OTOP networks")
    page.get_by_role("button", name="ภาษาไทย").click()
    expect(page.locator("html")).to_have_attribute("lang", "th")


def test_searching_the_geography_updates_as_you_type(page, live_server, geo, shot):
    page.goto(f"{live_server.url}/geo/")
    page.fill("#geo-q", "ปาย")
    results = page.locator("#geo-results")
    expect(results).to_contain_text("5803")
    expect(results).to_contain_text("แม่ฮ่องสอน")
    assert "q=" in page.url  # the search is in the address, so it can be shared
    shot(page, "geo-search")


def test_an_export_shows_its_progress_and_gives_a_file(page, live_server, people, sign_in, shot):
    sign_in(page, "officer_a")
    page.goto(f"{live_server.url}/geo/province/58/")
    page.get_by_role("button", name=re.compile("ส่งออก")).click()
    expect(page.get_by_test_id("job-status")).to_have_text("เสร็จสิ้น")
    with page.expect_download() as download:
        page.get_by_role("link", name="ดาวน์โหลดไฟล์").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    shot(page, "job-progress")


def test_the_menu_folds_on_a_phone(browser, live_server, people, sign_in, shot):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    sign_in(page, "officer_a")
    nav = page.locator("header nav")
    expect(nav).to_be_hidden()
    page.get_by_role("button", name="☰ เมนู").click()
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name="บุคลากร")).to_be_visible()
    shot(page, "phone-menu")
    context.close()


def test_an_officer_adds_a_person_and_sees_the_history(page, live_server, people, sign_in, shot):
    sign_in(page, "officer_a")
    page.goto(f"{live_server.url}/accounts/people/add/")
    page.fill("input[name=username]", "kamla")
    page.fill("input[name=first_name]", "คำหล้า")
    page.fill("input[name=last_name]", "สุขใจ")
    page.select_option("select[name=role]", "committee")
    page.fill("input[name=organisation]", "มหาวิทยาลัยราชภัฏเชียงใหม่")
    page.fill("input[name=password]", "Kham-la-2569!")
    shot(page, "person-add")
    page.locator("main button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("คำหล้า สุขใจ")
    page.get_by_role("link", name="ประวัติการแก้ไข").click()
    expect(page.locator("main table")).to_contain_text("สร้าง")
    expect(page.locator("main table")).to_contain_text("สมชาย")
    shot(page, "history")
