"""The yearly project, end to end in Chromium: an officer of Chiang Mai widens the
criteria, sees the candidates with their reasons, selects a product, records its analysis
with the producer, plans an item, assigns the expert the matching ranks first, and records
the producer's attendance at the training. Screenshots feed docs/guide/projects.md."""

import datetime as dt

import pytest
from playwright.sync_api import expect


@pytest.fixture
def project(people, registry, kbo_network):
    from kbo.programmes.models import Criteria, Project
    from kbo.registry.models import Product
    from kbo.trainings.models import Session, Training

    product = registry["product_a"]
    not_rated = Product.objects.create(
        code="CM-NR-1",
        producer=product.producer,
        province=product.province,
        name="ร่มผ้าฝ้ายเขียนลาย",
        category=product.category,
        current_segment="B",
    )
    project = Project.objects.create(
        province=product.province,
        fiscal_year=2563,
        name="โครงการ KBO จังหวัดเชียงใหม่ 2563",
        budget=500000,
        target_products=20,
    )
    Criteria.objects.create(project=project, **Criteria.defaults())
    training = Training.objects.create(
        project=project,
        title="อบรมเชิงปฏิบัติการพัฒนาผลิตภัณฑ์ 5 วัน",
        starts_on=dt.date(2020, 2, 17),
        ends_on=dt.date(2020, 2, 21),
        venue="ศาลากลางจังหวัดเชียงใหม่",
    )
    session = Session.objects.create(
        training=training,
        day=dt.date(2020, 2, 17),
        starts_at=dt.time(9, 0),
        topic="การออกแบบบรรจุภัณฑ์และตราสินค้า",
        lecturer=kbo_network["source_a"],
    )
    return {
        "project": project,
        "product": product,
        "not_rated": not_rated,
        "training": training,
        "session": session,
        "expert": kbo_network["source_a"],
    }


def test_criteria_to_candidates_to_plan_expert_and_attendance(
    browser, live_server, project, sign_in, shot
):
    from kbo.programmes.models import Decision
    from kbo.trainings.models import SessionAttendance

    product, expert = project["product"], project["expert"]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, "officer_a")
    page.goto(f"{live_server.url}/projects/{project['project'].pk}/")
    rule = page.get_by_test_id("rule")
    expect(rule).to_contain_text("กลุ่ม D")
    expect(rule).to_contain_text("1–3 ดาว")
    candidates = page.get_by_test_id("candidates")
    expect(candidates).to_contain_text(product.name)
    expect(candidates).not_to_contain_text("ร่มผ้าฝ้ายเขียนลาย")  # segment B, not rated

    # Criteria: not rated products qualify too ("or"), and the rule says so.
    rule.get_by_role("link").click()
    page.check("input[name=include_not_rated]")
    shot(page, "projects-criteria", full_page=True)
    page.click("main form button[type=submit]")
    expect(page.get_by_test_id("rule")).to_contain_text("ยังไม่ได้รับการคัดสรร")
    row = page.locator(f"#p-{project['not_rated'].pk}")
    expect(row).to_contain_text("ยังไม่ได้รับการคัดสรร")

    # Select the D/3-star product, with a reason.
    row = page.locator(f"#p-{product.pk}")
    expect(row).to_contain_text("กลุ่ม D")
    row.locator("select[name=status]").select_option("SELECTED")
    row.locator("input[name=reason]").fill("บรรจุภัณฑ์ยังไม่สื่อถึงอัตลักษณ์")
    row.locator("button[type=submit]").click()
    expect(page.get_by_test_id("selected-count")).to_contain_text("1")
    shot(page, "projects-project", full_page=True)
    decision = Decision.objects.get(product=product)
    assert decision.status == "SELECTED" and decision.decided_by.username == "officer_a"

    # The analysis made with the producer.
    page.get_by_test_id("participants").get_by_role("link", name=product.name).click()
    page.locator("#analysis a.button").click()
    page.fill("input[name=with_whom]", "ประธานกลุ่มและกรรมการ KBO 2 ท่าน")
    page.fill("textarea[name=strengths]", "ลวดลายผ้าทอมือเป็นเอกลักษณ์ของชุมชน")
    page.fill("textarea[name=weaknesses]", "บรรจุภัณฑ์เป็นถุงพลาสติกใส ไม่มีฉลาก")
    page.fill("textarea[name=opportunities]", "นักท่องเที่ยวต้องการของฝากที่มีเรื่องราว")
    page.fill("textarea[name=threats]", "สินค้าเลียนแบบราคาถูก")
    page.click("main form button[type=submit]")
    expect(page.get_by_test_id("swot")).to_contain_text("ไม่มีฉลาก")

    # A need, then a plan item for it.
    page.locator("#needs a.button").click()
    page.select_option("select[name=area]", "PACKAGING")
    page.fill("textarea[name=description]", "ออกแบบกล่องบรรจุภัณฑ์และฉลากใหม่ให้สื่ออัตลักษณ์ล้านนา")
    page.click("main form button[type=submit]")
    expect(page.get_by_test_id("needs")).to_contain_text("ฉลากใหม่")
    page.get_by_test_id("needs").locator("a[href*='plan/add']").click()
    page.select_option("select[name=area]", "PACKAGING")
    page.fill("textarea[name=action]", "จัดทำต้นแบบกล่องบรรจุภัณฑ์ 2 แบบ")
    page.fill("input[name=due_on]", "2020-06-30")
    page.fill("input[name=budget]", "15000")
    page.click("main form button[type=submit]")
    expect(page.locator("#plan")).to_contain_text("จัดทำต้นแบบกล่องบรรจุภัณฑ์")
    expect(page.locator("#plan")).to_contain_text("30 มิ.ย. 2563")

    # Matching: the packaging expert of Chiang Mai comes first, with reasons; assign.
    page.get_by_test_id("needs").locator("a[href*='experts']").click()
    first = page.get_by_test_id("matches").locator("tbody tr").first
    expect(first).to_contain_text(expert.name)
    expect(first).to_contain_text("บรรจุภัณฑ์")
    shot(page, "projects-experts", full_page=True)
    first.locator("button[type=submit]").click()
    expect(page.get_by_test_id("needs")).to_contain_text(expert.name)
    expect(page.locator("#plan")).to_contain_text(expert.name)  # the item had nobody yet
    shot(page, "projects-participant", full_page=True)

    # The producer is enrolled in the project's training and attends its first session.
    page.goto(f"{live_server.url}/projects/{project['project'].pk}/")
    page.get_by_test_id("trainings-link").click()
    page.get_by_role("link", name=project["training"].title).click()
    page.get_by_test_id("manage-trainees").click()
    page.get_by_test_id("enrol-selected").click()
    trainee = project["training"].trainees.get(producer=product.producer)
    page.goto(f"{live_server.url}/trainings/sessions/{project['session'].pk}/attendance/")
    page.get_by_test_id(f"present-{trainee.pk}").check()
    page.get_by_test_id("save-attendance").click()
    expect(page.get_by_test_id(f"trainee-{trainee.pk}")).to_contain_text("1 / 1")
    assert SessionAttendance.objects.get(trainee=trainee).present
    page.close()
