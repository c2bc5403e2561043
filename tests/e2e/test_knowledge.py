"""The knowledge library in a browser: an officer of Chiang Mai searches the library, drafts a
case study from a developed product's passport, edits it in the rich-text editor, publishes
it, and a visitor finds it in the public showcase; a committee member writes a draft that
the officer publishes."""

from decimal import Decimal

from playwright.sync_api import expect

from tests.conftest import consent_to_case_studies


def _developed_product(registry, people, kbo_network):
    """Product A selected in the fiscal-2565 project, developed, with sales of 80,000 baht in
    2564 and 120,000 in 2565 (the registry fixture's)."""
    from kbo.programmes.models import Project
    from kbo.registry.models import Sale
    from tests.matrix_plans import develop

    product = registry["product_a"]
    project = Project.objects.create(province=product.province, fiscal_year=2565, name="KBO 65")
    develop(project, product, people["national"])
    Sale.objects.create(product=product, fiscal_year=2564, amount=Decimal("80000"))
    consent_to_case_studies(product)  # the producer agreed to a public case study
    return product


def _library(people, kbo_network):
    from kbo.knowledge.models import Item
    from kbo.knowledge.services import item_save
    from kbo.network.models import ExpertiseArea

    for title, kind, codes in (
        ("คู่มือการขอรับรอง มผช. ผ้าทอมือ", "STANDARD", ["quality"]),
        ("ขั้นตอนขอ มผช. สำหรับอาหารแปรรูป", "STANDARD", ["quality", "food_safety"]),
        ("เทคนิคการทอผ้าลายน้ำไหลให้ผ่าน มผช.", "TECHNIQUE", ["textiles"]),
        ("กล่องผ้าทอสำหรับงานแสดงสินค้า", "TECHNIQUE", ["packaging"]),
    ):
        item_save(
            by=people["national"],
            item=Item(title=title, kind=kind, visibility="PUBLIC", summary=title),
            areas=ExpertiseArea.objects.filter(code__in=codes),
            categories=["TEXTILE"],
            authors=[kbo_network["source_a"]],
        )


def test_an_officer_drafts_a_case_study_publishes_it_and_the_public_finds_it(
    page, live_server, registry, people, kbo_network, sign_in, shot
):
    product = _developed_product(registry, people, kbo_network)
    _library(people, kbo_network)
    sign_in(page, "officer_a")

    # The library: searching มผช. puts the certificate guides first.
    page.goto(f"{live_server.url}/knowledge/")
    page.fill("input[name=q]", "มผช.")
    page.locator("input[name=q]").press("Enter")
    rows = page.get_by_test_id("items").locator("tbody tr")
    expect(rows.first).to_contain_text("คู่มือมาตรฐานและการขอรับรอง")
    expect(rows.nth(1)).to_contain_text("คู่มือมาตรฐานและการขอรับรอง")
    expect(rows.nth(2)).to_contain_text("เทคนิคการทอผ้าลายน้ำไหล")
    shot(page, "knowledge-library", full_page=True)

    # The passport: the packaging need brings the packaging item; draft the case study.
    page.goto(f"{live_server.url}/registry/products/{product.pk}/")
    expect(page.get_by_test_id("related-knowledge")).to_contain_text("กล่องผ้าทอสำหรับงานแสดงสินค้า")
    page.get_by_test_id("draft-case-study").click()
    page.wait_for_url("**/knowledge/*/edit/")
    editor = page.locator("trix-editor").first
    expect(editor).to_contain_text("รายได้ปี 2564 (ก่อนพัฒนา): 80,000 บาท")
    expect(editor).to_contain_text("รายได้ปี 2565 (ปีที่พัฒนา): 120,000 บาท")
    expect(editor).to_contain_text("เพิ่มขึ้น 40,000 บาท (50.0%)")
    shot(page, "knowledge-case-study-draft", full_page=True)

    # Edit: the officer writes the lesson at the end of the text and a summary, then saves.
    editor.click()
    # Keys go to the editor only once it has the focus (an Enter in a field would submit).
    expect(editor).to_be_focused()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("บทเรียน: กล่องใหม่ช่วยให้ขายในงานแสดงสินค้าได้มากขึ้น")
    page.fill("textarea[name=summary]", "ผ้าฝ้ายทอมือที่รายได้เพิ่มขึ้นครึ่งหนึ่งหลังพัฒนาบรรจุภัณฑ์")
    page.fill("input[name=note]", "เขียนบทเรียน")
    page.get_by_test_id("item-form").locator("button[type=submit]").first.click()
    body = page.get_by_test_id("body")
    expect(body).to_contain_text("บทเรียน: กล่องใหม่ช่วยให้ขายในงานแสดงสินค้าได้มากขึ้น")
    expect(body).to_contain_text("80,000 บาท")

    # Publish to everyone.
    page.get_by_test_id("publish-form").get_by_role("button", name="เผยแพร่สู่สาธารณะ").click()
    expect(page.get_by_test_id("item")).to_contain_text("สาธารณะ")

    # A visitor (signed out) finds it in the public showcase's knowledge section.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/showcase/knowledge/")
    page.fill("input[name=q]", "ผ้าฝ้ายทอมือ กรณีศึกษา")
    page.locator("input[name=q]").press("Enter")
    found = page.get_by_test_id("showcase-knowledge").filter(has_text=f"กรณีศึกษา: {product.name}")
    expect(found).to_have_count(1)
    shot(page, "knowledge-showcase", full_page=True)
    found.get_by_role("link").first.click()
    article = page.get_by_test_id("knowledge-body")
    expect(article).to_contain_text("รายได้ปี 2565 (ปีที่พัฒนา): 120,000 บาท")
    expect(article).to_contain_text("บทเรียน: กล่องใหม่ช่วยให้ขายในงานแสดงสินค้าได้มากขึ้น")

    from kbo.knowledge.models import Item

    item = Item.objects.get(product=product)
    assert item.visibility == "PUBLIC"
    notes = [v.note for v in item.versions.order_by("number")]
    assert notes[1] == "เขียนบทเรียน" and len(notes) == 3, notes
    assert item.updated_by == people["officer_a"]


def test_a_committee_member_writes_a_draft_that_the_officer_publishes(
    page, live_server, people, kbo_network, sign_in, shot
):
    sign_in(page, "committee_a")
    page.goto(f"{live_server.url}/knowledge/")
    page.get_by_test_id("new-item").click()
    form = page.get_by_test_id("item-form")
    expect(form.locator("select[name=visibility] option")).to_have_count(1)  # a draft only
    page.select_option("select[name=kind]", "TECHNIQUE")
    page.fill("input[name=title]", "การหมักครามแบบเย็นของกลุ่มทอผ้า")
    text = page.locator("trix-editor").first
    text.click()
    expect(text).to_be_focused()
    page.keyboard.type("หมักครามกับน้ำด่างขี้เถ้าเจ็ดวันก่อนย้อม")
    form.locator("button[type=submit]").first.click()
    expect(page.get_by_test_id("awaits-officer")).to_be_visible()
    expect(page.get_by_test_id("publish-form")).to_have_count(0)
    shot(page, "knowledge-committee-draft", full_page=True)

    # The province's officer finds the draft, reads it and publishes it to the province.
    page.context.clear_cookies()
    sign_in(page, "officer_a")
    page.goto(f"{live_server.url}/knowledge/?visibility=DRAFT")
    page.get_by_role("link", name="การหมักครามแบบเย็นของกลุ่มทอผ้า").click()
    expect(page.get_by_test_id("body")).to_contain_text("หมักครามกับน้ำด่างขี้เถ้าเจ็ดวันก่อนย้อม")
    page.get_by_test_id("publish-form").get_by_role("button", name="เผยแพร่ในจังหวัด").click()
    expect(page.locator("[data-testid=item] [data-visibility=PROVINCE]")).to_be_visible()

    from kbo.knowledge.models import Item

    item = Item.objects.get(title="การหมักครามแบบเย็นของกลุ่มทอผ้า")
    assert item.created_by == people["committee_a"] and item.visibility == "PROVINCE"
