"""An officer finds products in the registry list and follows one product's whole life on its
passport: stars over the rounds, segments, certificates and a sales chart."""

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import expect

from kbo.registry.models import (
    Certificate,
    Producer,
    Product,
    Sale,
    SegmentAssessment,
    StarRating,
    StarRound,
)
from kbo.registry.services import producer_search_text, product_search_text

# (code, name, category, stars, segment, made by the weavers of producer_a?)
MORE = [
    ("500002", "น้ำพริกหนุ่มแม่บัว", "FOOD", 4, "B", False),
    ("500003", "ชาใบหม่อนอินทรีย์", "BEVERAGE", 3, "C", False),
    ("500004", "ผ้าซิ่นตีนจกแม่แจ่ม", "TEXTILE", 5, "A", True),
    ("500005", "ร่มบ่อสร้างเขียนลาย", "HOUSEHOLD", 3, "D", False),
    ("500006", "ลูกประคบสมุนไพรล้านนา", "HERBAL", None, "D", False),
    ("500007", "ผ้าทอกะเหรี่ยงย้อมสีธรรมชาติ", "TEXTILE", 3, "D", True),
]


def fill_registry(registry) -> Product:
    """More products of Chiang Mai, and a long history for the first one."""
    weavers = registry["producer_a"]
    others = Producer(
        code="P50002",
        producer_type="SINGLE_OWNER",
        name="วิสาหกิจชุมชนบ้านสันกำแพง",
        registered_year=2562,
        province=weavers.province,
        district=weavers.district,
        subdistrict=weavers.subdistrict,
    )
    others.search_text = producer_search_text(others)
    others.save()
    for code, name, category, stars, segment, woven in MORE:
        producer = weavers if woven else others
        product = Product(
            code=code,
            producer=producer,
            province=producer.province,
            name=name,
            category=category,
            current_stars=stars,
            current_star_year=2567 if stars else None,
            current_segment=segment,
        )
        product.search_text = product_search_text(product)
        product.save()
    product = registry["product_a"]
    product.brand = "ฝ้ายงามศรีภูมิ"
    product.story = "ทอด้วยกี่พื้นเมืองจากฝ้ายที่ปลูกในหมู่บ้าน ย้อมสีจากเปลือกไม้และครามธรรมชาติ"
    product.save()
    for year, stars in [(2553, 1), (2559, 2), (2562, 2), (2567, 3)]:
        StarRating.objects.create(
            product=product, round=StarRound.objects.get_or_create(year=year)[0], stars=stars
        )
    for year, segment in [(2562, "D"), (2563, "D"), (2566, "C")]:
        SegmentAssessment.objects.create(product=product, year=year, segment=segment)
    for year, amount in [(2562, 48000), (2563, 61000), (2564, 75500), (2566, 152000)]:
        Sale.objects.create(product=product, fiscal_year=year, amount=Decimal(amount))
    Certificate.objects.create(
        product=product,
        kind="OTOP_MARK",
        grade="Classic",
        issued_on=dt.date(2024, 8, 1),
        expires_on=dt.date.today() + dt.timedelta(days=40),
    )
    return product


def test_an_officer_filters_the_products_and_opens_a_passport(
    page, live_server, registry, sign_in, shot
):
    product = fill_registry(registry)
    sign_in(page, "officer_a")
    page.locator("header nav").get_by_role("link", name="ทะเบียน OTOP").click()
    expect(page.locator("h1")).to_have_text("ผลิตภัณฑ์ OTOP")
    count = page.get_by_test_id("result-count")
    expect(count).to_have_text("ผลิตภัณฑ์ 7 รายการ")

    page.get_by_label("★★★", exact=True).check()
    expect(count).to_have_text("ผลิตภัณฑ์ 4 รายการ")
    assert "stars=3" in page.url  # the filter is in the address, so it can be shared
    page.fill("input[name=q]", "ผ้าทอ")
    expect(count).to_have_text("ผลิตภัณฑ์ 2 รายการ")
    table = page.locator("#registry-table table")
    expect(table).to_contain_text("ผ้าทอกะเหรี่ยงย้อมสีธรรมชาติ")
    expect(table).not_to_contain_text("ชาใบหม่อน")
    expect(table).not_to_contain_text("ผ้าทอขนแกะ")  # Mae Hong Son's, not the officer's
    shot(page, "registry-list")
    filtered = page.url

    page.get_by_role("button", name="ส่งออก XLSX").click()
    expect(page.get_by_test_id("job-status")).to_have_text("เสร็จสิ้น")
    with page.expect_download() as download:
        page.get_by_role("link", name="ดาวน์โหลดไฟล์").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    rows = list(load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active.values)
    assert sorted(row[0] for row in rows[1:]) == ["500001", "500007"]

    page.goto(filtered)
    page.get_by_role("link", name="ผ้าฝ้ายทอมือ").click()
    expect(page.locator("h1")).to_have_text("ผ้าฝ้ายทอมือ")
    assert page.url.endswith(f"/registry/products/{product.pk}/")
    sales = page.get_by_test_id("sales-chart")
    expect(sales).to_be_visible()
    expect(sales.locator("rect")).to_have_count(5)  # the fixture's 2565 and four more
    expect(page.get_by_test_id("stars-chart").locator("rect")).to_have_count(5)
    expect(page.get_by_test_id("certificate-expiring")).to_be_visible()
    expect(page.get_by_test_id("certificate-expired")).to_be_visible()
    shot(page, "passport", full_page=True)

    page.locator("#sales summary").click()
    page.fill("input[name=sales-fiscal_year]", "2567")
    page.fill("input[name=sales-amount]", "180000")
    page.locator("#sales button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("เรียบร้อยแล้ว")
    expect(page.get_by_test_id("sales-chart").locator("rect")).to_have_count(6)
