"""A whole fiscal year of a province's KBO work in Chromium, as the people who do it.

Fiscal 2570 in Chiang Mai: the officer imports the registry (with last year's sales), opens
the year's project and selects the cohort, records a need and its plan item, runs a training
and its attendance, organises the provincial contest that a judge scores on a phone, publishes
its results and a news item; the producer reports the year's sales on a phone; the officer
reads the outcomes and prints the annual report; and anyone, signed out, finds the developed
products and the results in the public showcase. Screenshots feed the user guides.
"""

import subprocess

from bench.registry_data import as_csv
from django.core.management import call_command
from playwright.sync_api import expect

YEAR = 2570  # 1 Oct 2026 – 30 Sep 2027
IMPORTED = [
    # producer, name, type, registered, subdistrict, village, product, name, category, stars,
    # star year, segment, sales year, sales, phone, citizen id
    ["P50900", "กลุ่มจักสานบ้านศรีภูมิ", "กลุ่มผู้ผลิตชุมชน", "2561", "500101", "2",
     "P50900-1", "ตะกร้าไม้ไผ่ลายล้านนา", "HOUSEHOLD", "2", "2567", "D", "2569", "40,000",
     "0811111111", ""],
    ["P50901", "กลุ่มชาบ้านศรีภูมิ", "กลุ่มผู้ผลิตชุมชน", "2562", "500101", "5",
     "P50901-1", "ชาใบหม่อนอินทรีย์", "เครื่องดื่ม", "1", "2567", "D", "2569", "25,000",
     "0822222222", ""],
]  # fmt: skip


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def pdf_text(data: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return done.stdout.decode()


def test_a_fiscal_year_from_registry_to_report_and_showcase(
    browser, live_server, people, registry, kbo_network, sign_in, shot, settings, tmp_path
):
    from kbo.contests.models import Contest, Entry
    from kbo.programmes.models import Decision, Project
    from kbo.registry.models import Sale

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    url = live_server.url
    own = registry["product_a"]  # ผ้าฝ้ายทอมือ, the product of producer_a's group
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, "officer_a")

    # 1. The registry: two more products of Chiang Mai, with their 2569 sales.
    upload = tmp_path / "registry.csv"
    upload.write_bytes(as_csv(IMPORTED))
    page.goto(f"{url}/registry/import/")
    page.set_input_files("input[type=file]", str(upload))
    page.get_by_role("button", name="อัปโหลดและนำเข้า").click()
    run_worker()
    expect(page.get_by_test_id("job-status")).to_have_text("เสร็จสิ้น", timeout=15_000)
    expect(page.locator("[data-count=created] .stat")).to_have_text("2")

    # 2. The year's project and its cohort: the two imported products and the group's cloth.
    page.goto(f"{url}/projects/add/")
    page.select_option("select[name=province]", label="เชียงใหม่")
    page.fill("input[name=fiscal_year]", str(YEAR))
    page.fill("input[name=name]", f"โครงการ KBO จังหวัดเชียงใหม่ ปีงบประมาณ {YEAR}")
    page.fill("input[name=budget]", "450000")
    page.fill("input[name=target_products]", "3")
    page.click("main form button[type=submit]")
    expect(page.get_by_test_id("rule")).to_be_visible()
    project = Project.objects.get(fiscal_year=YEAR)
    for code in ("P50900-1", "P50901-1", own.code):
        row = page.locator(f"#p-{pk_of(code)}")
        row.locator("select[name=status]").select_option("SELECTED")
        row.locator("input[name=reason]").fill("กลุ่ม D ต้องการพัฒนาบรรจุภัณฑ์")
        row.locator("button[type=submit]").click()
        expect(page.locator(f"#p-{pk_of(code)}")).to_contain_text("คัดเลือก")
    expect(page.get_by_test_id("selected-count")).to_contain_text("3")
    assert Decision.objects.filter(project=project, status="SELECTED").count() == 3

    # 3. A need of the basket and its plan item.
    page.get_by_test_id("participants").get_by_role("link", name="ตะกร้าไม้ไผ่ลายล้านนา").click()
    page.locator("#needs a.button").click()
    page.select_option("select[name=area]", "PACKAGING")
    page.fill("textarea[name=description]", "กล่องบรรจุภัณฑ์สำหรับงานแสดงสินค้า")
    page.click("main form button[type=submit]")
    page.get_by_test_id("needs").locator("a[href*='plan/add']").click()
    page.select_option("select[name=area]", "PACKAGING")
    page.fill("textarea[name=action]", "ออกแบบกล่องและฉลากใหม่ 2 แบบ")
    page.fill("input[name=due_on]", "2027-03-31")
    page.fill("input[name=budget]", "12000")
    page.click("main form button[type=submit]")
    expect(page.locator("#plan")).to_contain_text("ออกแบบกล่องและฉลากใหม่")

    # 4. The training: one session, the selected producers enrolled, attendance recorded.
    page.goto(f"{url}/trainings/project/{project.pk}/add/")
    page.fill("input[name=title]", "อบรมเชิงปฏิบัติการพัฒนาบรรจุภัณฑ์")
    page.fill("input[name=starts_on]", "2027-01-12")
    page.fill("input[name=ends_on]", "2027-01-12")
    page.fill("input[name=venue]", "ศาลากลางจังหวัดเชียงใหม่")
    page.click("main form button[type=submit]")
    training = project.trainings.get()
    page.goto(f"{url}/trainings/{training.pk}/sessions/add/")
    page.fill("input[name=day]", "2027-01-12")
    page.fill("input[name=topic]", "การออกแบบบรรจุภัณฑ์และตราสินค้า")
    page.fill("input[name=lecturer_other]", "บริษัทออกแบบล้านนา")
    page.click("main form button[type=submit]")
    page.goto(f"{url}/trainings/{training.pk}/trainees/")
    page.get_by_test_id("enrol-selected").click()
    session = training.sessions.get()
    page.goto(f"{url}/trainings/sessions/{session.pk}/attendance/")
    for trainee in training.trainees.all():
        page.get_by_test_id(f"present-{trainee.pk}").check()
    page.get_by_test_id("save-attendance").click()
    assert training.trainees.count() == 3

    # 5. The provincial contest: the cohort enters, judge_a scores on a phone.
    page.goto(f"{url}/contests/add/")
    page.fill("input[name=name]", f"ประกวดผลิตภัณฑ์ KBO จังหวัดเชียงใหม่ {YEAR}")
    page.fill("input[name=fiscal_year]", str(YEAR))
    page.select_option("select[name=province]", label="เชียงใหม่")
    page.fill("input[name=starts_on]", "2027-06-10")
    page.fill("input[name=ends_on]", "2027-06-10")
    page.click("main form button[type=submit]")
    contest = Contest.objects.get(fiscal_year=YEAR)
    for name in ("ตะกร้าไม้ไผ่ลายล้านนา", "ชาใบหม่อนอินทรีย์"):
        page.goto(f"{url}/contests/{contest.pk}/entries/add/")
        page.select_option("select[name=panel]", index=1)
        page.select_option("select[name=product]", label=name)
        page.click("main form button[type=submit]")
    page.goto(f"{url}/contests/{contest.pk}/judges/add/")
    page.select_option("select[name=judge]", value=str(people["judge_a"].pk))
    page.click("main form button[type=submit]")
    page.goto(f"{url}/contests/{contest.pk}/")
    page.get_by_test_id("open").click()
    expect(page.get_by_test_id("stage")).to_be_visible()

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    judge = phone.new_page()
    sign_in(judge, "judge_a")
    marks = {"ตะกร้าไม้ไผ่ลายล้านนา": "9", "ชาใบหม่อนอินทรีย์": "7"}
    for entry in Entry.objects.filter(contest=contest):
        mark = marks[entry.title]
        judge.goto(f"{url}/contests/entries/{entry.pk}/score/")
        for criterion in contest.criteria.all():
            judge.fill(f"#id_score_{criterion.pk}", mark)
        judge.get_by_test_id("submit").click()
        expect(judge.get_by_test_id("done")).to_be_visible()

    page.goto(f"{url}/contests/{contest.pk}/")
    page.get_by_test_id("close").click()
    page.get_by_test_id("publish").click()
    contest.refresh_from_db()
    assert contest.status == Contest.Status.PUBLISHED

    # 6. The producer reports the year's sales on a phone (and the year before, by channel).
    phone.close()
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    producer = phone.new_page()
    sign_in(producer, "producer_a")
    producer.goto(f"{url}/outcomes/mine/")
    producer.locator(f"[data-product='{own.code}'] a.button").click()
    producer.select_option("select[name=fiscal_year]", str(YEAR - 1))
    producer.fill("input[name=SHOP]", "30000")
    producer.get_by_test_id("save-sales").click()
    producer.select_option("select[name=fiscal_year]", str(YEAR))
    producer.fill("input[name=SHOP]", "36000")
    producer.fill("input[name=FAIR]", "12500")
    producer.fill("input[name=ONLINE]", "6000")
    shot(producer, "outcomes-sales-phone", full_page=True)
    producer.get_by_test_id("save-sales").click()
    expect(producer.locator(f"[data-year='{YEAR}'] [data-testid=revenue]")).to_have_text(
        "54,500 บาท"
    )
    producer.close()
    phone.close()
    for code, amount in (("P50900-1", "52000"), ("P50901-1", "21000")):
        page.goto(f"{url}/outcomes/products/{pk_of(code)}/sales/?year={YEAR}")
        page.fill("input[name=TOTAL]", amount)
        page.get_by_test_id("save-sales").click()
    assert Sale.objects.filter(fiscal_year=YEAR).count() == 5

    # 7. The outcomes: 3 products, 54,500 + 52,000 + 21,000 = 127,500 baht in 2570.
    page.goto(f"{url}/outcomes/?year={YEAR}")
    expect(page.get_by_test_id("outcome-summary")).to_contain_text("127,500 บาท")
    expect(page.locator("[data-kpi=revenue-rose-share] .stat")).to_have_text("66.7 %")
    shot(page, "outcomes-cohort", full_page=True)

    # 8. Publicity: a news item of the contest, published.
    page.goto(f"{url}/showcase/news/add/")
    page.fill("input[name=title]", f"ประกาศผลการประกวดผลิตภัณฑ์ KBO จังหวัดเชียงใหม่ {YEAR}")
    page.fill("input[name=published_on]", "2027-06-12")
    page.fill("textarea[name=body]", "ตะกร้าไม้ไผ่ลายล้านนาได้รับรางวัลชนะเลิศ")
    page.select_option("select[name=status]", "PUBLISHED")
    page.get_by_test_id("news-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("news-article")).to_contain_text("ได้รับรางวัลชนะเลิศ")
    shot(page, "showcase-news-item")

    # 9. The annual report, printed in the background: its text says what the year did.
    page.goto(f"{url}/reports/")
    page.select_option("select[name=year]", str(YEAR))
    page.select_option("select[name=scope]", "50")
    page.check("input[name=fmt][value=pdf]")
    shot(page, "reports-form", full_page=True)
    page.locator("main form button[type=submit]").click()
    run_worker()
    expect(page.get_by_test_id("job-status")).to_have_text("เสร็จสิ้น", timeout=30_000)
    shot(page, "reports-job")
    with page.expect_download() as report:
        page.get_by_role("link", name="ดาวน์โหลดไฟล์").click()
    text = " ".join(pdf_text(report.value.path().read_bytes()).split())
    assert f"ในปีงบประมาณ {YEAR} มีผลิตภัณฑ์เข้าร่วมโครงการ 3 ผลิตภัณฑ์" in text
    assert "127,500 บาท" in text and "หนึ่งแสนสองหมื่นเจ็ดพันห้าร้อยบาทถ้วน" in text
    assert "P50900-1" in text and "P50901-1" in text  # each product's row
    page.close()

    # 10. The public showcase, signed out: the developed products, the results, the news.
    visitor = browser.new_page(viewport={"width": 1280, "height": 900})
    visitor.goto(f"{url}/showcase/")
    expect(visitor.get_by_test_id("count-products")).to_contain_text("3")
    shot(visitor, "showcase-index", full_page=True)
    visitor.goto(f"{url}/showcase/products/?province=50")
    products = visitor.get_by_test_id("showcase-product")
    expect(products).to_have_count(3)
    visitor.get_by_role("link", name="ตะกร้าไม้ไผ่ลายล้านนา").first.click()
    expect(visitor.get_by_test_id("kbo-years")).to_contain_text(str(YEAR))
    shot(visitor, "showcase-product", full_page=True)
    page_text = visitor.locator("main").inner_text()
    assert "0811111111" not in page_text  # the producer's phone is never public
    visitor.goto(f"{url}/showcase/contests/{contest.pk}/")
    results = visitor.get_by_test_id("showcase-results")
    expect(results.locator("tbody tr").first).to_contain_text("ตะกร้าไม้ไผ่ลายล้านนา")
    shot(visitor, "showcase-contest", full_page=True)
    visitor.goto(f"{url}/showcase/news/")
    expect(visitor.get_by_test_id("showcase-news").first).to_contain_text("ประกาศผลการประกวด")
    visitor.goto(f"{url}/open-data/")
    shot(visitor, "open-data", full_page=True)
    visitor.close()


def pk_of(code: str) -> int:
    from kbo.registry.models import Product

    return Product.objects.get(code=code).pk
