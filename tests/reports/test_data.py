"""The report's data, read once from the records: the province's own summary, the cohort by
category, the products, KPIs, trainings and contest winners; only what the person may see."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kbo.reports import data
from tests.reports.conftest import make_product, make_project

SUMMARY_2562 = (
    "ในปีงบประมาณ 2562 มีผลิตภัณฑ์เข้าร่วมโครงการ 11 ผลิตภัณฑ์ แบ่งเป็น "
    "ประเภทผ้าและเครื่องแต่งกาย จำนวน 3 ผลิตภัณฑ์ ประเภทของใช้ ของตกแต่ง ของที่ระลึก "
    "จำนวน 6 ผลิตภัณฑ์ และประเภทเครื่องดื่ม จำนวน 2 ผลิตภัณฑ์ "
    "มีรายได้จากการจำหน่ายในปี 2562 รวม 272,500 บาท (สองแสนเจ็ดหมื่นสองพันห้าร้อยบาทถ้วน)"
)


def test_the_summary_is_the_provinces_own_wording(cohorts, people, geo):
    report = data.provincial(people["officer_a"], geo["50"], 2562)
    assert report.summary == SUMMARY_2562
    assert report.title == (
        "รายงานผลการดำเนินงานโครงการส่งเสริมกระบวนการเครือข่ายองค์ความรู้ "
        "(Knowledge-Based OTOP : KBO) จังหวัดเชียงใหม่ ประจำปีงบประมาณ 2562"
    )


def test_the_2563_cohort_is_counted_by_category_in_the_provinces_order(cohorts, people, geo):
    report = data.provincial(people["officer_a"], geo["50"], 2563)
    assert [(c.category, c.products) for c in report.categories] == [
        ("TEXTILE", 10),
        ("HOUSEHOLD", 5),
        ("FOOD", 2),
        ("BEVERAGE", 2),
        ("HERBAL", 1),
    ]
    assert report.products_total == 20
    assert report.revenue_total == Decimal(150_000)  # 15 new products × 10,000


def test_products_show_results_without_personal_data(cohorts, people, geo):
    report = data.provincial(people["officer_a"], geo["50"], 2562)
    first = next(p for p in report.products if p.code == "50R001")
    assert (first.baseline, first.result, first.change) == (43_000, 48_000, 5_000)
    assert (first.stars_before, first.stars_after) == (2, 3)
    assert first.producer == "กลุ่มแม่บ้านบ้านศรีภูมิ 1"
    assert len(first.certificates) == 1 and "มผช." in first.certificates[0]
    fields = {f for p in report.products for f in vars(p)}
    assert not fields & {"phone", "id_number", "address"}


def test_project_activities_targets_trainings_and_winners(cohorts, people, geo):
    report = data.provincial(people["officer_a"], geo["50"], 2562)
    assert report.budget == 400_000
    assert [a.budget for a in report.activities] == [45_000, 280_000, 75_000]
    targets = {t.group: (t.target, t.actual) for t in report.targets}
    assert targets["PRODUCTS"] == (11, 11)
    [course] = report.trainings
    assert (course.sessions, course.trainees, course.present) == (2, 4, 7)
    assert course.attendance == Decimal("87.5")
    # Only the published contest, only its award winners (ranks 1-5 of five entries).
    assert [a.title for a in report.awards][:2] == [
        f"{cohorts['first'][0].name} (PUBLISHED)",
        f"{cohorts['first'][1].name} (PUBLISHED)",
    ]
    assert all("CLOSED" not in a.title for a in report.awards)


def test_kpis_are_computed_over_the_cohort(cohorts, people, geo):
    report = data.provincial(people["officer_a"], geo["50"], 2562)
    kpis = {k.code: k for k in report.kpis}
    assert kpis["products-developed"].value == 11
    assert kpis["revenue-total"].value == 272_500
    assert kpis["revenue-rose-share"].value == 100  # every product sold 5,000 more
    assert kpis["gained-star"].value == 1


def test_another_provinces_records_are_never_read(cohorts, people, geo):
    report = data.provincial(people["officer_b"], geo["50"], 2563)
    assert report.products == [] and not report.has_project
    assert report.summary == "ในปีงบประมาณ 2563 ยังไม่มีผลิตภัณฑ์เข้าร่วมโครงการ"
    own = data.provincial(people["officer_b"], geo["58"], 2563)
    assert [p.name for p in own.products] == ["ผ้าทอกะเหรี่ยงแม่ฮ่องสอน"]


def test_the_national_summary_has_a_row_per_province_with_a_project(cohorts, people):
    report = data.national(people["national"], 2563)
    assert [(p.name, p.products, p.revenue) for p in report.provinces] == [
        ("เชียงใหม่", 20, Decimal(150_000)),
        ("แม่ฮ่องสอน", 1, Decimal(77_700)),
    ]
    assert report.products_total == 21 and report.revenue_total == Decimal(227_700)
    assert (report.categories[0].category, report.categories[0].products) == ("TEXTILE", 11)
    assert report.summary.startswith(
        "ในปีงบประมาณ 2563 มีจังหวัดที่ดำเนินโครงการ 2 จังหวัด มีผลิตภัณฑ์เข้าร่วมโครงการรวม 21 ผลิตภัณฑ์"
    )
    assert len(report.provinces[0].kpis) == len(report.highlights) > 0


def _queries(callable_) -> int:
    with CaptureQueriesContext(connection) as captured:
        callable_()
    return len(captured)


def test_the_data_is_read_in_a_fixed_number_of_queries(cohorts, people, geo):
    from kbo.geo.models import Province, Region

    officer, national = people["officer_a"], people["national"]
    data.provincial(officer, geo["50"], 2563)  # reads the person's memberships once
    data.national(national, 2563)
    provincial = _queries(lambda: data.provincial(officer, geo["50"], 2563))
    overall = _queries(lambda: data.national(national, 2563))
    for n in range(3):
        product = make_product(geo["50"], 60 + n, "FOOD")
        cohorts["p2563"].decisions.create(product=product, status="SELECTED")
    lamphun = Province.objects.create(
        code="51", name_th="ลำพูน", name_en="Lamphun", region=Region.objects.get()
    )
    make_project(lamphun, 2563, [])
    assert _queries(lambda: data.provincial(officer, geo["50"], 2563)) == provincial
    assert _queries(lambda: data.national(national, 2563)) == overall
    assert [p.name for p in data.national(national, 2563).provinces][1] == "ลำพูน"
