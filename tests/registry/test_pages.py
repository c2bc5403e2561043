"""The registry's pages: lists with filters, search, sorting and export; producer and product
forms; the product passport. Personas and the two-province registry come from tests/conftest.py."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kbo.core.models import Job
from kbo.geo.models import Subdistrict
from kbo.registry.models import (
    Certificate,
    Producer,
    Product,
    ProductPhoto,
    Sale,
    SegmentAssessment,
    StarRating,
)
from kbo.registry.services import producer_search_text, product_search_text

PRODUCTS = reverse("registry:products")
PRODUCERS = reverse("registry:producers")


def make_producer(code: str, name: str, *, province: str = "50", year: int = 2560, **extra):
    sub = Subdistrict.objects.select_related("district", "province").get(province__code=province)
    producer = Producer(
        code=code,
        producer_type=extra.pop("producer_type", "COMMUNITY_GROUP"),
        name=name,
        registered_year=year,
        province=sub.province,
        district=sub.district,
        subdistrict=sub,
        **extra,
    )
    producer.search_text = producer_search_text(producer)
    producer.save()
    return producer


def make_product(producer, code: str, name: str, *, stars=None, segment="", category="FOOD"):
    product = Product(
        code=code,
        producer=producer,
        province=producer.province,
        name=name,
        category=category,
        current_stars=stars,
        current_segment=segment,
    )
    product.search_text = product_search_text(product)
    product.save()
    return product


def listed(response) -> list[str]:
    return [row.code for row in response.context["page"]]


@pytest.fixture
def shelf(registry):
    """Province A: three more products with other stars, segments, years and certificates."""
    old = make_producer("P50002", "วิสาหกิจชุมชนขนมบ้านสวน", year=2555, producer_type="SME")
    items = {
        "banana": make_product(old, "500002", "กล้วยตาก", stars=5, segment="A"),
        "salt": make_product(old, "500003", "เกลือสมุนไพร", segment="B", category="HERBAL"),
        "noodle": make_product(registry["producer_a"], "500004", "ขนมจีนน้ำเงี้ยว", stars=1),
    }
    Certificate.objects.create(
        product=items["salt"],
        kind="FDA",
        number="50-1-12345-2-0001",
        expires_on=timezone.localdate() + dt.timedelta(days=30),
    )
    return {**registry, "old": old, **items}


# Scoping -------------------------------------------------------------------------------


def test_the_product_list_shows_only_the_officers_province(client_for, registry):
    response = client_for("officer_a").get(PRODUCTS)
    assert listed(response) == ["500001"]
    assert "ผ้าทอขนแกะ" not in response.content.decode()


def test_national_staff_see_every_province(client_for, registry):
    assert listed(client_for("national").get(PRODUCTS)) == ["500001", "580001"]


def test_a_producer_sees_only_their_own_products(client_for, shelf):
    assert listed(client_for("producer_a").get(PRODUCTS)) == ["500001", "500004"]
    assert [p.code for p in client_for("producer_a").get(PRODUCERS).context["page"]] == ["P50001"]


def test_another_provinces_records_answer_not_found(client_for, registry):
    client = client_for("officer_a")
    assert (
        client.get(reverse("registry:product", args=[registry["product_b"].pk])).status_code == 404
    )
    assert (
        client.get(reverse("registry:producer", args=[registry["producer_b"].pk])).status_code
        == 404
    )


def test_the_committee_sees_the_province_without_full_personal_data(client_for, registry):
    response = client_for("committee_a").get(
        reverse("registry:producer", args=[registry["producer_a"].pk])
    )
    html = response.content.decode()
    assert response.status_code == 200 and "กลุ่มทอผ้าบ้านศรีภูมิ" in html
    assert "1101700207030" not in html and "1-xxxx-xxxxx-03-0" in html
    assert "0812345678" not in html and "xxx-xxx-5678" in html


@pytest.mark.parametrize("persona", ["officer_a", "producer_a", "national"])
def test_officers_and_the_producer_see_personal_data_in_full(client_for, registry, persona):
    html = (
        client_for(persona)
        .get(reverse("registry:producer", args=[registry["producer_a"].pk]))
        .content.decode()
    )
    assert "1101700207030" in html and "0812345678" in html


def test_the_province_choices_are_the_ones_the_user_may_see(client_for, registry):
    form = client_for("officer_a").get(PRODUCTS).context["filter"].form
    assert [p.code for p in form.fields["province"].queryset] == ["50"]
    assert [d.code for d in form.fields["district"].queryset] == ["5001"]
    form = client_for("national").get(PRODUCTS, {"province": "58"}).context["filter"].form
    assert [p.code for p in form.fields["province"].queryset] == ["50", "58"]
    assert [d.code for d in form.fields["district"].queryset] == ["5803"]


def test_the_menu_offers_the_registry_to_people_with_a_role(client_for, registry):
    html = client_for("judge_a").get(reverse("core:home")).content.decode()
    assert f'href="{PRODUCTS}"' in html


# Filters, search, sorting ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({"stars": ["0", "5"]}, ["500002", "500003"]),
        ({"stars": "0,5"}, ["500002", "500003"]),
        ({"stars": "3"}, ["500001"]),
        ({"segment": ["A", "B"]}, ["500002", "500003"]),
        ({"category": "HERBAL"}, ["500003"]),
        ({"producer_type": "SME"}, ["500002", "500003"]),
        ({"registered_year_min": "2558"}, ["500001", "500004"]),
        ({"registered_year_max": "2556"}, ["500002", "500003"]),
        ({"registered_year_min": "2015", "registered_year_max": "2021"}, ["500001", "500004"]),
        ({"certificate": "FDA"}, ["500003"]),
        ({"certificate": "MOPHOCHO"}, ["500001"]),
        ({"expiring": "on"}, ["500003"]),
        ({"expiring": "on", "certificate": "MOPHOCHO"}, []),
        ({"district": "5001", "province": "50"}, ["500001", "500002", "500003", "500004"]),
    ],
)
def test_the_product_list_filters(client_for, shelf, params, codes):
    assert listed(client_for("officer_a").get(PRODUCTS, params)) == codes


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({"stars": "5"}, ["P50002"]),
        ({"stars": "1"}, ["P50001"]),
        ({"category": "TEXTILE"}, ["P50001"]),
        ({"expiring": "on"}, ["P50002"]),
        ({"registered_year_max": "2556"}, ["P50002"]),
        # one product must match every product filter at once
        ({"stars": "5", "category": "HERBAL"}, []),
    ],
)
def test_the_producer_list_filters_by_their_products(client_for, shelf, params, codes):
    response = client_for("officer_a").get(PRODUCERS, params)
    assert [p.code for p in response.context["page"]] == codes


def test_a_thai_search_finds_words_inside_a_name(client_for, shelf):
    response = client_for("national").get(PRODUCTS, {"q": "ผ้าทอ"})
    assert listed(response)[0] == "580001"  # ผ้าทอขนแกะ: the whole phrase first
    assert listed(client_for("national").get(PRODUCTS, {"q": "ขนแกะ"})) == ["580001"]
    assert listed(client_for("officer_a").get(PRODUCTS, {"q": "ขนแกะ"})) == []


def test_a_search_finds_producers_by_name(client_for, shelf):
    response = client_for("officer_a").get(PRODUCERS, {"q": "ขนม"})
    assert [p.code for p in response.context["page"]] == ["P50002"]


@pytest.mark.parametrize(
    ("sort", "codes"),
    [
        ("name", ["500002", "500003", "500004", "500001"]),  # กล้วย เกลือ ขนม ผ้า
        ("-name", ["500001", "500004", "500003", "500002"]),
        ("-stars", ["500002", "500001", "500004", "500003"]),  # not rated last
        ("stars", ["500004", "500001", "500002", "500003"]),
        ("-code", ["500004", "500003", "500002", "500001"]),
        ("year", ["500002", "500003", "500001", "500004"]),
    ],
)
def test_the_product_list_sorts(client_for, shelf, sort, codes):
    assert listed(client_for("officer_a").get(PRODUCTS, {"sort": sort})) == codes


def test_the_column_headers_sort_and_reverse(client_for, shelf):
    response = client_for("officer_a").get(PRODUCTS, {"sort": "name", "page": "1"})
    links = response.context["sort_links"]
    assert links["name"] == {"url": "?sort=-name", "arrow": "▲"}
    assert links["stars"]["url"] == "?sort=-stars"


def test_the_list_has_fifty_rows_a_page(client_for, registry):
    for n in range(60):
        make_product(registry["producer_a"], f"5009{n:02d}", f"สินค้า {n}")
    response = client_for("officer_a").get(PRODUCTS)
    assert len(response.context["page"]) == 50 and response.context["page"].paginator.count == 61
    assert len(client_for("officer_a").get(PRODUCTS, {"page": 2}).context["page"]) == 11


def test_htmx_asks_for_the_table_alone(client_for, shelf):
    response = client_for("officer_a").get(PRODUCTS, {"stars": "5"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "กล้วยตาก" in html and "ขนมจีน" not in html
    assert response.templates[0].name == "registry/_product_table.html"


# Export ---------------------------------------------------------------------------------


def download(client, response):
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "core:job", args=[job.pk]
    )
    assert job.status == Job.Status.DONE, job.message
    return b"".join(client.get(reverse("core:job_download", args=[job.pk])).streaming_content)


def test_the_xlsx_export_holds_exactly_the_filtered_rows(client_for, shelf):
    client = client_for("officer_a")
    response = client.get(PRODUCTS, {"stars": ["0", "5"], "sort": "name", "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(download(client, response))).active.values)
    assert rows[0][:3] == ("product_code", "product_name", "brand")
    assert [(r[0], r[1], r[4]) for r in rows[1:]] == [
        ("500002", "กล้วยตาก", 5),
        ("500003", "เกลือสมุนไพร", None),
    ]


def test_the_csv_export_is_utf8_with_a_bom_for_thai_excel(client_for, shelf):
    client = client_for("officer_a")
    content = download(client, client.get(PRODUCERS, {"expiring": "on", "export": "csv"}))
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["producer_code", "producer_name"]
    assert [r[:2] for r in rows[1:]] == [["P50002", "วิสาหกิจชุมชนขนมบ้านสวน"]]


def test_an_export_never_holds_another_provinces_rows(client_for, shelf):
    client = client_for("officer_a")
    content = download(client, client.get(PRODUCTS, {"province": "58", "export": "csv"}))
    codes = [r[0] for r in csv.reader(io.StringIO(content.decode("utf-8-sig")))][1:]
    assert "580001" not in codes and codes == ["500001", "500002", "500003", "500004"]


def test_an_export_masks_personal_data_as_the_page_does(client_for, shelf):
    client = client_for("committee_a")
    content = download(client, client.get(PRODUCERS, {"q": "ทอผ้า", "export": "csv"}))
    header, row = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    values = dict(zip(header, row, strict=True))
    assert values["phone"] == "xxx-xxx-5678" and values["citizen_id"] == "1-xxxx-xxxxx-03-0"


def test_an_export_from_htmx_sends_the_browser_to_the_job(client_for, shelf):
    response = client_for("officer_a").get(PRODUCTS, {"export": "xlsx"}, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == reverse("core:job", args=[Job.objects.get().pk])


# Producer and product forms ----------------------------------------------------------------


def producer_data(**extra):
    return {
        "code": "P50100",
        "producer_type": "SINGLE_OWNER",
        "name": "ร้านน้ำพริกแม่บัว",
        "registered_year": "2566",
        "registered_quarter": "2",
        "subdistrict": "500101",
        "village_no": "4",
        "contact_name": "นางบัว ใจดี",
        "phone": "0891112222",
        "id_number": "1101700207030",
        **extra,
    }


def test_an_officer_adds_a_producer_by_subdistrict_code(client_for, people, registry):
    response = client_for("officer_a").post(reverse("registry:producer_add"), producer_data())
    producer = Producer.objects.get(code="P50100")
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:producer", args=[producer.pk])
    assert (producer.province.code, producer.district.code) == ("50", "5001")
    assert "น้ำพริก" in producer.search_text
    entry = LogEntry.objects.get_for_object(producer).get()
    assert entry.actor == people["officer_a"] and entry.action == LogEntry.Action.CREATE


def test_a_subdistrict_may_be_typed_with_thai_digits_or_picked_from_the_list(client_for, registry):
    client = client_for("officer_a")
    client.post(reverse("registry:producer_add"), producer_data(subdistrict="๕๐๐๑๐๑ ศรีภูมิ · เมือง"))
    assert Producer.objects.get(code="P50100").subdistrict.code == "500101"
    html = client.get(reverse("registry:subdistrict_options"), {"subdistrict": "ศรี"}).content
    assert b'value="500101"' in html
    html = client.get(reverse("registry:subdistrict_options"), {"subdistrict": "เวียง"}).content
    assert b"580301" not in html  # not the officer's province


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"subdistrict": "580301"}, "subdistrict"),
        ({"subdistrict": "999999"}, "subdistrict"),
        ({"id_number": "1101700207031"}, "id_number"),
        ({"code": "P50001"}, "code"),
        ({"registered_year": "3000"}, "registered_year"),
    ],
)
def test_a_bad_producer_is_refused_with_the_reason(client_for, registry, extra, field):
    response = client_for("officer_a").post(
        reverse("registry:producer_add"), producer_data(**extra)
    )
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not Producer.objects.filter(name="ร้านน้ำพริกแม่บัว").exists()


def test_an_officer_edits_a_producer_and_the_change_is_audited(client_for, people, registry):
    producer = registry["producer_a"]
    data = producer_data(code=producer.code, name="กลุ่มทอผ้าบ้านศรีภูมิใหม่")
    client_for("officer_a").post(reverse("registry:producer_edit", args=[producer.pk]), data)
    producer.refresh_from_db()
    assert producer.name == "กลุ่มทอผ้าบ้านศรีภูมิใหม่"
    entry = LogEntry.objects.get_for_object(producer).get(actor=people["officer_a"])
    assert entry.action == LogEntry.Action.UPDATE and "name" in entry.changes_dict


@pytest.mark.parametrize(("persona", "status"), [("committee_a", 403), ("officer_b", 404)])
def test_others_cannot_change_a_producer(client_for, registry, persona, status):
    producer = registry["producer_a"]
    url = reverse("registry:producer_edit", args=[producer.pk])
    response = client_for(persona).post(url, producer_data(code=producer.code, name="x"))
    assert response.status_code == status
    producer.refresh_from_db()
    assert producer.name != "x"


def product_data(**extra):
    return {
        "code": "500200",
        "name": "น้ำพริกหนุ่ม",
        "brand": "แม่บัว",
        "category": "FOOD",
        "price": "60",
        "unit": "กระปุก",
        "sales_channels": ["SHOP", "ONLINE"],
        "shop_links": "https://shop.example/maebua",
        **extra,
    }


def test_an_officer_adds_a_product_with_a_photo(client_for, people, registry):
    photo = SimpleUploadedFile("p.gif", GIF, content_type="image/gif")
    response = client_for("officer_a").post(
        reverse("registry:product_add", args=[registry["producer_a"].pk]),
        product_data(photo=photo, photo_caption="กระปุกใหม่"),
    )
    product = Product.objects.get(code="500200")
    assert response["Location"] == reverse("registry:product", args=[product.pk])
    assert product.province.code == "50" and product.sales_channels == ["SHOP", "ONLINE"]
    assert ProductPhoto.objects.get(product=product).caption == "กระปุกใหม่"
    entry = LogEntry.objects.get_for_object(product).get()
    assert entry.actor == people["officer_a"]
    html = passport(client_for("committee_a"), product).content.decode()
    for text in ["แม่บัว", "60 บาท / กระปุก", "ช่องทางออนไลน์", "https://shop.example/maebua"]:
        assert text in html, text
    assert 'alt="กระปุกใหม่"' in html


def test_an_officer_edits_a_product_and_the_change_is_audited(client_for, people, registry):
    product = registry["product_a"]
    client_for("national").post(
        reverse("registry:product_edit", args=[product.pk]),
        product_data(code=product.code, name="ผ้าฝ้ายทอมือย้อมคราม", category="TEXTILE"),
    )
    product.refresh_from_db()
    assert product.name == "ผ้าฝ้ายทอมือย้อมคราม" and "คราม" in product.search_text
    entry = LogEntry.objects.get_for_object(product).get(actor=people["national"])
    assert entry.action == LogEntry.Action.UPDATE and "name" in entry.changes_dict


def test_a_producer_cannot_edit_their_own_product(client_for, registry):
    url = reverse("registry:product_edit", args=[registry["product_a"].pk])
    assert client_for("producer_a").post(url, product_data()).status_code == 403


# The product passport -----------------------------------------------------------------------

GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
    b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def passport(client, product):
    return client.get(reverse("registry:product", args=[product.pk]))


def test_the_passport_shows_the_products_whole_life(client_for, registry):
    product = registry["product_a"]
    Sale.objects.create(product=product, fiscal_year=2566, amount=Decimal("180000"))
    Certificate.objects.create(
        product=product,
        kind="OTOP_MARK",
        grade="Premium",
        expires_on=timezone.localdate() + dt.timedelta(days=45),
    )
    html = passport(client_for("committee_a"), product).content.decode()
    for text in [
        "ผ้าฝ้ายทอมือ",
        "กลุ่มทอผ้าบ้านศรีภูมิ",
        "850 บาท / ผืน",
        'data-testid="stars-chart"',
        'data-testid="sales-chart"',
        "ปีงบประมาณ 2566",
        "180,000 บาท",
        'data-testid="certificate-expired"',
        'data-testid="certificate-expiring"',
        "Premium",
        reverse("accounts:history", args=["registry.product", product.pk]),
    ]:
        assert text in html, text
    assert html.index('id="stars"') < html.index('id="segments"') < html.index('id="sales"')


def test_the_sales_chart_has_a_bar_per_fiscal_year(client_for, registry):
    product = registry["product_a"]
    Sale.objects.create(product=product, fiscal_year=2566, channel="ONLINE", amount=Decimal(10))
    Sale.objects.create(product=product, fiscal_year=2566, channel="FAIR", amount=Decimal(30))
    chart = passport(client_for("officer_a"), product).context["sections"][3]["data"]["chart"]
    assert [(bar["label"], bar["text"]) for bar in chart["bars"]] == [
        ("2565", "120,000"),
        ("2566", "40"),
    ]


def test_only_officers_see_the_passports_forms(client_for, registry):
    assert (
        'name="stars-round_year"'
        in passport(client_for("officer_a"), registry["product_a"]).content.decode()
    )
    assert (
        "stars-round_year"
        not in passport(client_for("committee_a"), registry["product_a"]).content.decode()
    )


def test_an_officer_records_a_star_rating_from_the_passport(client_for, people, registry):
    product = registry["product_a"]
    response = client_for("officer_a").post(
        reverse("registry:product_stars_add", args=[product.pk]),
        {"stars-round_year": "2024", "stars-stars": "4", "stars-score": "84.5"},
    )
    assert response["Location"] == reverse("registry:product", args=[product.pk]) + "#stars"
    rating = StarRating.objects.get(product=product, round__year=2567)  # CE 2024 = BE 2567
    product.refresh_from_db()
    assert (rating.stars, rating.score, product.current_stars) == (4, Decimal("84.5"), 4)
    assert LogEntry.objects.get_for_object(rating).get().actor == people["officer_a"]


def test_an_officer_records_a_segment_and_a_sale(client_for, registry):
    product, client = registry["product_a"], client_for("officer_a")
    client.post(
        reverse("registry:product_segment_add", args=[product.pk]),
        {"segments-year": "2567", "segments-segment": "C", "segments-note": "ผ่านมผช."},
    )
    client.post(
        reverse("registry:product_sale_add", args=[product.pk]),
        {"sales-fiscal_year": "2567", "sales-channel": "TOTAL", "sales-amount": "250000"},
    )
    product.refresh_from_db()
    assert product.current_segment == "C"
    assert SegmentAssessment.objects.filter(product=product).count() == 2
    assert Sale.objects.get(product=product, fiscal_year=2567).amount == Decimal("250000")


def test_an_officer_adds_a_certificate_with_its_scan(client_for, people, registry):
    product = registry["product_a"]
    scan = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    response = client_for("officer_a").post(
        reverse("registry:product_certificate_add", args=[product.pk]),
        {
            "certificates-kind": "HALAL",
            "certificates-number": "H-1",
            "certificates-issued_on": "2026-01-10",
            "certificates-expires_on": "2028-01-09",
            "certificates-file": scan,
        },
    )
    assert response.status_code == 302
    certificate = Certificate.objects.get(product=product, kind="HALAL")
    assert certificate.file.name.endswith(".pdf")
    assert LogEntry.objects.get_for_object(certificate).get().actor == people["officer_a"]


def test_a_certificate_cannot_expire_before_it_was_issued(client_for, registry):
    product = registry["product_a"]
    response = client_for("officer_a").post(
        reverse("registry:product_certificate_add", args=[product.pk]),
        {
            "certificates-kind": "GMP",
            "certificates-issued_on": "2026-01-10",
            "certificates-expires_on": "2025-01-09",
        },
    )
    assert response.status_code == 200 and "expires_on" in response.context["form"].errors
    assert not Certificate.objects.filter(kind="GMP").exists()


@pytest.mark.parametrize(("persona", "status"), [("committee_a", 403), ("officer_b", 404)])
def test_others_cannot_add_to_a_passport(client_for, registry, persona, status):
    product = registry["product_a"]
    response = client_for(persona).post(
        reverse("registry:product_sale_add", args=[product.pk]),
        {"sales-fiscal_year": "2567", "sales-channel": "TOTAL", "sales-amount": "1"},
    )
    assert response.status_code == status
    assert not Sale.objects.filter(fiscal_year=2567).exists()
