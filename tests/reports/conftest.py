"""A small mirror of the Chiang Mai demo for the official reports.

Chiang Mai (province A, code 50): the fiscal 2562 project selected 11 products (3 textiles,
6 household items, 2 beverages) whose 2562 sales add up to 272,500 baht (the province's own
summary, seeds/003), with 2561 baselines, a star gained and a new มผช. certificate; its
activities, targets, a two-day course with attendance and a published provincial contest
(plus a closed one whose results are not out). The fiscal 2563 project selected 20 products
(10 textiles, 5 household items, 2 foods, 2 beverages, 1 non-food herbal; five of them
were selected in 2562 too). Mae Hong Son (province B, code 58) has its own 2563 project with
one product that must never appear in Chiang Mai's report.
"""

import datetime as dt
from decimal import Decimal

import pytest

from kbo.programmes.models import Activity, Criteria, Decision, Project, Target

SALES_2562 = [48_000, 36_500, 31_000, 29_500, 27_000, 24_500, 21_000, 18_500, 15_000, 12_500, 9_000]
COHORT_2562 = ["TEXTILE"] * 3 + ["HOUSEHOLD"] * 6 + ["BEVERAGE"] * 2
NEW_2563 = ["TEXTILE"] * 8 + ["HOUSEHOLD"] * 3 + ["FOOD"] * 2 + ["BEVERAGE"] * 1 + ["HERBAL"]
AGAIN_2563 = [0, 1, 3, 4, 9]  # 2 textiles, 2 household items, 1 beverage of 2562
NAMES = {
    "TEXTILE": "ผ้าฝ้ายทอมือลาย",
    "HOUSEHOLD": "โคมไฟกระดาษสา",
    "BEVERAGE": "ชาอู่หลงดอยแม่สลอง",
    "FOOD": "น้ำพริกหนุ่ม",
    "HERBAL": "ยาหม่องสมุนไพร",
}


def make_product(province, n: int, category: str):
    from kbo.geo.models import Subdistrict
    from kbo.registry.models import Producer, Product

    sub = Subdistrict.objects.filter(province=province).first()
    producer = Producer.objects.create(
        code=f"R{province.code}{n:03}",
        producer_type="COMMUNITY_GROUP",
        name=f"กลุ่มแม่บ้านบ้านศรีภูมิ {n}",
        registered_year=2558,
        province=province,
        district=sub.district,
        subdistrict=sub,
        phone="0899999999",
        id_number="1101700207030",
    )
    return Product.objects.create(
        code=f"{province.code}R{n:03}",
        producer=producer,
        province=province,
        name=f"{NAMES[category]} {n}",
        category=category,
    )


def make_project(province, year: int, products, budget=0) -> Project:
    project = Project.objects.create(
        province=province,
        fiscal_year=year,
        name=f"โครงการส่งเสริมกระบวนการเครือข่ายองค์ความรู้ จังหวัด{province.name_th} ปี {year}",
        budget=Decimal(budget),
    )
    Criteria.objects.create(project=project, **Criteria.defaults())
    for product in products:
        Decision.objects.create(project=project, product=product, status="SELECTED")
    return project


def add_contest(province, year: int, status: str, products, judge) -> None:
    from kbo.contests.models import Contest, Criterion, Entry, Panel, Score, ScoreSheet

    contest = Contest.objects.create(
        kind=Contest.Kind.PROVINCIAL,
        level=Contest.Level.PROVINCE,
        name=f"ประกวดผลิตภัณฑ์ KBO จังหวัด{province.name_th} {status}",
        fiscal_year=year,
        province=province,
        status=status,
    )
    criterion = Criterion.objects.create(contest=contest, order=1, name="อัตลักษณ์", weight=1)
    panel = Panel.objects.create(contest=contest, name="คณะกรรมการ", stage=Panel.Stage.SINGLE)
    for number, (product, value) in enumerate(zip(products, [9, 7, 6, 5, 4, 3], strict=False), 1):
        entry = Entry.objects.create(
            contest=contest,
            panel=panel,
            number=number,
            province=province,
            product=product,
            title=f"{product.name} ({status})",
        )
        sheet = ScoreSheet.objects.create(
            entry=entry, judge=judge, submitted_at=dt.datetime(2019, 7, 1, tzinfo=dt.UTC)
        )
        Score.objects.create(sheet=sheet, criterion=criterion, value=Decimal(value))


@pytest.fixture
def cohorts(people, geo):
    from kbo.registry.models import Certificate, Sale, StarRating, StarRound
    from kbo.trainings.models import Session, SessionAttendance, Trainee, Training

    cm, mhs = geo["50"], geo["58"]
    first = [make_product(cm, n, cat) for n, cat in enumerate(COHORT_2562, 1)]
    for product, amount in zip(first, SALES_2562, strict=True):
        # Channel rows in 2562 (revenue = their sum), a single total in 2561.
        Sale.objects.create(
            product=product, fiscal_year=2562, channel="SHOP", amount=Decimal(amount - 2000)
        )
        Sale.objects.create(product=product, fiscal_year=2562, channel="ONLINE", amount=2000)
        Sale.objects.create(product=product, fiscal_year=2561, amount=Decimal(amount - 5000))
    p2562 = make_project(cm, 2562, first, budget=400_000)
    for kind, budget, start, end, status in [
        ("CAPACITY", 45_000, dt.date(2018, 11, 1), dt.date(2019, 1, 31), "DONE"),
        ("DEVELOPMENT", 280_000, dt.date(2019, 1, 14), dt.date(2019, 8, 30), "DONE"),
        ("CONTEST", 75_000, dt.date(2019, 6, 3), dt.date(2019, 9, 13), "UNDERWAY"),
    ]:
        Activity.objects.create(
            project=p2562, kind=kind, budget=budget, starts_on=start, ends_on=end, status=status
        )
    Target.objects.create(project=p2562, group="PRODUCTS", target=11)
    Target.objects.create(project=p2562, group="PRODUCERS", target=11)
    old, new = StarRound.objects.create(year=2559), StarRound.objects.create(year=2562)
    StarRating.objects.create(product=first[0], round=old, stars=2, score=Decimal(60))
    StarRating.objects.create(product=first[0], round=new, stars=3, score=Decimal(72))
    Certificate.objects.create(
        product=first[0], kind="MOPHOCHO", number="มผช. 12/2562", issued_on=dt.date(2019, 3, 1)
    )
    course = Training.objects.create(
        project=p2562,
        title="การพัฒนาผลิตภัณฑ์เชิงสร้างสรรค์",
        starts_on=dt.date(2019, 2, 11),
        ends_on=dt.date(2019, 2, 12),
    )
    sessions = [
        Session.objects.create(training=course, day=dt.date(2019, 2, 11), topic="การคิดเชิงธุรกิจ"),
        Session.objects.create(training=course, day=dt.date(2019, 2, 12), topic="อัตลักษณ์"),
    ]
    trainees = [
        Trainee.objects.create(training=course, group="PRODUCER", name=f"ผู้เข้าอบรม {n}")
        for n in range(1, 5)
    ]
    for trainee in trainees:  # 4 trainees × 2 sessions; one absence → 87.5 %
        for session in sessions:
            present = not (trainee == trainees[-1] and session == sessions[-1])
            SessionAttendance.objects.create(session=session, trainee=trainee, present=present)
    add_contest(cm, 2562, "PUBLISHED", first[:5], people["judge_a"])
    add_contest(cm, 2562, "CLOSED", first[5:7], people["judge_a"])

    later = [first[i] for i in AGAIN_2563] + [
        make_product(cm, n, cat) for n, cat in enumerate(NEW_2563, 21)
    ]
    for product in later[5:]:
        Sale.objects.create(product=product, fiscal_year=2563, amount=Decimal(10_000))
    p2563 = make_project(cm, 2563, later)

    other = make_product(mhs, 90, "TEXTILE")
    other.name = "ผ้าทอกะเหรี่ยงแม่ฮ่องสอน"
    other.save()
    Sale.objects.create(product=other, fiscal_year=2563, amount=Decimal(77_700))
    p_b = make_project(mhs, 2563, [other])
    return {"first": first, "later": later, "p2562": p2562, "p2563": p2563, "project_b": p_b}
