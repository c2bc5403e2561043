"""An officer of Chiang Mai opens a five-day course, ticks who attended a session on a
phone, saves, and sees the counts on the course page; also the trainees page."""

import datetime as dt

import pytest
from playwright.sync_api import expect


@pytest.fixture
def course(people, registry, kbo_network):
    from kbo.programmes.models import Criteria, Decision, Project
    from kbo.trainings.models import Session, Trainee, Training

    project = Project.objects.create(
        province=registry["producer_a"].province, fiscal_year=2565, name="โครงการ KBO เชียงใหม่ 2565"
    )
    Criteria.objects.create(project=project, **Criteria.defaults())
    Decision.objects.create(
        project=project, product=registry["product_a"], status=Decision.Status.SELECTED
    )
    training = Training.objects.create(
        project=project,
        title="การพัฒนาผลิตภัณฑ์สู่ตลาดอาเซียน",
        starts_on=dt.date(2022, 2, 14),
        ends_on=dt.date(2022, 2, 18),
        venue="โรงแรมเชียงใหม่ภูคำ",
        organiser="สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่",
    )
    sessions = [
        Session.objects.create(
            training=training,
            day=dt.date(2022, 2, 14),
            starts_at=dt.time(9, 0),
            ends_at=dt.time(12, 0),
            topic="การคิดเชิงธุรกิจและอัตลักษณ์วัฒนธรรม",
            lecturer=kbo_network["source_a"],
        ),
        Session.objects.create(
            training=training,
            day=dt.date(2022, 2, 16),
            starts_at=dt.time(9, 0),
            ends_at=dt.time(16, 0),
            topic="การออกแบบภาพลักษณ์และทำต้นแบบ",
            lecturer_other="บริษัท ดีไซน์ล้านนา จำกัด",
        ),
    ]
    trainees = [
        Trainee.objects.create(training=training, group=group, name=name, organisation=org)
        for group, name, org in [
            ("PRODUCER", "นางบัวคำ จันทร์ดี", "กลุ่มทอผ้าบ้านศรีภูมิ"),
            ("PRODUCER", "นายสมศักดิ์ ใจดี", "กลุ่มจักสานบ้านป่าตึง"),
            ("OTHER", "นางสาวมะลิ วงศ์ใหญ่", "สำนักงานพัฒนาชุมชนอำเภอเมือง"),
        ]
    ]
    return {"project": project, "training": training, "sessions": sessions, "trainees": trainees}


def test_an_officer_records_attendance_and_sees_the_counts(
    browser, live_server, course, sign_in, shot
):
    training, session = course["training"], course["sessions"][0]
    first, second, third = course["trainees"]
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    sign_in(page, "officer_a")
    page.goto(f"{live_server.url}/trainings/project/{course['project'].pk}/")
    expect(page.get_by_test_id("trainings")).to_contain_text("14 – 18 กุมภาพันธ์ 2565")
    page.get_by_role("link", name="การพัฒนาผลิตภัณฑ์สู่ตลาดอาเซียน").click()
    expect(page.get_by_test_id("course")).to_contain_text("โรงแรมเชียงใหม่ภูคำ")
    expect(page.get_by_test_id(f"present-{session.pk}")).not_to_contain_text("/")
    shot(page, "trainings-course", full_page=True)

    page.get_by_test_id("manage-trainees").click()
    page.get_by_test_id("enrol-committee").click()
    expect(page.get_by_test_id("trainees")).to_contain_text("ผศ.ดร.ออกแบบ a")
    shot(page, "trainings-trainees", full_page=True)
    page.close()

    # At the door, on a phone: tick who came and save.
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    sign_in(page, "officer_a")
    page.goto(f"{live_server.url}/trainings/sessions/{session.pk}/attendance/")
    page.get_by_test_id(f"present-{first.pk}").check()
    page.get_by_label("นางสาวมะลิ วงศ์ใหญ่").check()
    shot(page, "trainings-attendance", full_page=True)
    page.get_by_test_id("save-attendance").click()

    expect(page.get_by_test_id(f"present-{session.pk}")).to_have_text("2 / 5")
    expect(page.get_by_test_id(f"trainee-{first.pk}")).to_contain_text("1 / 2")
    expect(page.get_by_test_id(f"trainee-{second.pk}")).to_contain_text("0 / 2")
    expect(page.get_by_test_id(f"trainee-{third.pk}")).to_contain_text("1 / 2")
    phone.close()
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    sign_in(page, "officer_a")
    page.goto(f"{live_server.url}/trainings/{training.pk}/")
    shot(page, "trainings-counts", full_page=True)
    page.close()
