"""Query-count guards (tests/test_query_counts.py): one world with rows of every kind, grown
in steps, and the helpers that count the SQL queries of a request.

`build()` makes the fixed part: two provinces (A: Chiang Mai, B: Mae Hong Son), the personas
of tests/conftest.py, a producer and product, a network, a project with a developed product,
trainings, contests in every stage and news in each province (the permission matrix's own
`world()` builders are reused). `grow(world, start, stop)` then adds rows number `start` to
`stop - 1` of every kind that a list, passport or dashboard shows: products with their stars,
segments, certificates, sales and photos; knowledge sources, seats, meetings, agenda items and
attendance; selected products with analyses, needs, plan items, evidence and prototypes;
trainings, sessions, trainees and attendance; contest entries, judges, score sheets and scores;
news, jobs, people, districts and audit entries. Each number adds rows in both provinces.
"""

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

KwargsFn = Callable[[dict], dict]


@dataclass(frozen=True)
class QCase:
    """One request whose query count must not grow with the rows.

    `extra` is a documented constant the larger world may add (never one query per row).
    The answer must be larger in the larger world (it shows the rows), unless `grows` is
    False."""

    id: str
    url: str
    kwargs: dict | KwargsFn = field(default_factory=dict)
    persona: str = "national"
    params: dict = field(default_factory=dict)
    extra: int = 0
    grows: bool = True  # False: the answer does not list the grown rows (a form, a score sheet)

    def path(self, world: dict) -> str:
        from django.urls import reverse

        kwargs = self.kwargs(world) if callable(self.kwargs) else self.kwargs
        return reverse(self.url, kwargs=kwargs)


@dataclass
class Measure:
    count: int
    sql: list[str]
    size: int  # bytes of the answer: a list that shows its rows grows with them


# --- counting -----------------------------------------------------------------------------


def clear_caches() -> None:
    for cache in caches.all():
        cache.clear()


def measure(client: Client, path: str, params: dict) -> Measure:
    """The queries of one request, after a warm-up request (per-process caches such as
    content types fill once) and with Django's caches cleared before each (so a cached page
    is not mistaken for a fast one). A streamed answer is read inside the count."""
    clear_caches()
    _get(client, path, params)
    clear_caches()
    with CaptureQueriesContext(connection) as captured:
        status, body = _get(client, path, params)
    assert status == 200, f"GET {path} {params} answered {status}"
    return Measure(len(captured), [q["sql"] for q in captured], len(body))


def _get(client: Client, path: str, params: dict) -> tuple[int, bytes]:
    response = client.get(path, params)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body


_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+\b")


def shape(sql: str) -> str:
    """A query with its literal values blanked, so repeats of one query look alike."""
    return _LITERALS.sub("?", sql)


def grown_queries(small: Measure, large: Measure, top: int = 3) -> str:
    """The query shapes the larger world runs more often: where the N+1 is."""
    before, after = Counter(map(shape, small.sql)), Counter(map(shape, large.sql))
    grew = [(after[s] - before[s], s) for s in after if after[s] > before[s]]
    grew.sort(reverse=True)
    return "\n".join(f"  +{n}× {s[:400]}" for n, s in grew[:top]) or "  (none)"


# --- the fixed part of the world ----------------------------------------------------------


def make_geo() -> dict:
    """Chiang Mai (A) and Mae Hong Son (B), one district and subdistrict each, like the
    `geo` fixture of tests/conftest.py."""
    from kbo.geo.models import District, Province, Region, Subdistrict

    north = Region.objects.create(code="north", name_th="ภาคเหนือ", name_en="North", sort_order=1)
    made = {}
    for code, name, dcode, scode in (("50", "เชียงใหม่", "5001", "500101"), ("58", "แม่ฮ่องสอน", "5803", "580301")):  # fmt: skip
        province = Province.objects.create(code=code, name_th=name, name_en=name, region=north)
        district = District.objects.create(
            code=dcode, name_th=f"เมือง{name}", name_en=dcode, province=province
        )
        Subdistrict.objects.create(
            code=scode,
            name_th=f"ตำบล{name}",
            name_en=scode,
            district=district,
            province=province,
            postal_codes="50200",
        )
        made[code] = province
    return made


def make_people(geo: dict) -> dict:
    from kbo.accounts.models import Role
    from tests.conftest import make_user

    a, b = geo["50"], geo["58"]
    return {
        "officer_a": make_user("officer_a", Role.OFFICER, a),
        "officer_b": make_user("officer_b", Role.OFFICER, b),
        "committee_a": make_user("committee_a", Role.COMMITTEE, a),
        "judge_a": make_user("judge_a", Role.JUDGE, a),
        "producer_a": make_user("producer_a", Role.PRODUCER, a),
        "producer_b": make_user("producer_b", Role.PRODUCER, b),
        "national": make_user("national", Role.NATIONAL_ADMIN, None),
    }


def build() -> dict:
    """The fixed part of the world, before any `grow()`."""
    from kbo.core.models import Job
    from kbo.network.areas import ensure_areas
    from kbo.outcomes.defaults import ensure_default_kpis
    from kbo.programmes.models import Criteria, Project
    from tests import (
        matrix_contests,
        matrix_contests_api,
        matrix_outcomes,
        matrix_plans,
        matrix_programmes_api,
        matrix_showcase,
        matrix_trainings,
    )

    ensure_areas()  # seeded by migrations, but flushed by transactional tests
    ensure_default_kpis()
    geo = make_geo()
    people = make_people(geo)
    world: dict = {"geo": geo, "people": people}
    for key, code in (("a", "50"), ("b", "58")):
        province = geo[code]
        producer = add_producer(province, f"P{code}001", "กลุ่มทอผ้าบ้าน")
        world[f"producer_{key}"] = producer
        world[f"product_{key}"] = add_product(producer, f"{code}0001", "ผ้าฝ้ายทอมือ", 1)
        project = Project.objects.create(province=province, fiscal_year=2565, name=f"โครงการ {key}")
        Criteria.objects.create(project=project, **Criteria.defaults())
        world[f"project_{key}"] = project
        world[f"earlier_project_{key}"] = Project.objects.create(
            province=province, fiscal_year=2564, name=f"โครงการปีก่อน {key}"
        )
        world |= make_network(key, province, people["national"])
    world["producer_a"].accounts.add(people["producer_a"])
    for module in (
        matrix_plans,
        matrix_trainings,
        matrix_programmes_api,
        matrix_contests,
        matrix_contests_api,
        matrix_outcomes,
        matrix_showcase,
    ):
        world |= module.world(world)
    world["job_a"] = Job.objects.create(
        user=people["national"], kind="test", title="export", status="done"
    )
    return world


def make_network(key: str, province, by) -> dict:
    """A network with a term, a chair, a member (a knowledge source) and a meeting."""
    from kbo.network.models import ExpertiseArea, KnowledgeSource, Meeting, Network, Term
    from kbo.network.services import seat_add, source_save

    network = Network.objects.create(
        province=province, name=f"เครือข่าย KBO {province.name_th}", founded_year=2549
    )
    term = Term.objects.create(
        network=network,
        order_number=f"คำสั่งที่ 1/2562 {key}",
        starts_on=dt.date(2019, 10, 1),
        ends_on=dt.date(2030, 9, 30),
    )
    chair = KnowledgeSource.objects.create(
        kind="EXPERT", name=f"นายประธาน {key}", sector="GOVERNMENT", home_province=province
    )
    source = source_save(
        by=by,
        source=KnowledgeSource(
            kind="EXPERT",
            name=f"ผศ.ดร.ออกแบบ {key}",
            sector="EDUCATION",
            home_province=province,
            description="ออกแบบบรรจุภัณฑ์",
        ),
        areas=ExpertiseArea.objects.filter(code__in=["packaging", "branding"]),
        service_provinces=[province],
    )
    chair_seat = seat_add(by=by, term=term, person=chair, role="CHAIR", sector="GOVERNMENT")
    meeting = Meeting.objects.create(
        network=network,
        province=province,
        fiscal_year=2563,
        number=1,
        held_on=dt.date(2020, 1, 13),
        chair=chair_seat,
    )
    return {
        f"network_{key}": network,
        f"term_{key}": term,
        f"source_{key}": source,
        f"chair_seat_{key}": chair_seat,
        f"meeting_{key}": meeting,
    }


# --- rows of every kind -------------------------------------------------------------------


def add_producer(province, code: str, name: str):
    from kbo.registry.models import Producer
    from kbo.search import document

    sub = province.subdistricts.select_related("district").first()
    return Producer.objects.create(
        code=code,
        producer_type="COMMUNITY_GROUP",
        name=name,
        registered_year=2560,
        province=province,
        district=sub.district,
        subdistrict=sub,
        member_count=20,
        search_text=document(name, province.name_th),
    )


def add_product(producer, code: str, name: str, n: int):
    """A product with a star rating, a segment, a certificate, sales (total and a channel) and
    a photo."""
    from kbo.registry.models import (
        Certificate,
        Product,
        ProductPhoto,
        Sale,
        SegmentAssessment,
        StarRating,
        StarRound,
    )
    from kbo.search import document

    product = Product.objects.create(
        code=code,
        producer=producer,
        province=producer.province,
        name=f"{name} {n}",
        category=("TEXTILE", "FOOD", "HERBAL")[n % 3],
        price=Decimal("850"),
        current_stars=3 + n % 3,
        current_star_year=2565,
        current_segment="DCBA"[n % 4],
        search_text=document(f"{name} {n}", producer.name),
    )
    rnd, _ = StarRound.objects.get_or_create(year=2565)
    StarRating.objects.create(product=product, round=rnd, stars=3 + n % 3, score=Decimal("72"))
    SegmentAssessment.objects.create(product=product, year=2565, segment="DCBA"[n % 4])
    Certificate.objects.create(
        product=product,
        kind="MOPHOCHO",
        number=f"มผช. {n}/2565",
        issued_on=dt.date(2022, 3, 1),
        expires_on=dt.date(2030, 3, 1),
    )
    for year, amount in ((2564, 100_000), (2565, 120_000)):
        Sale.objects.create(product=product, fiscal_year=year, amount=Decimal(amount + n))
    Sale.objects.create(product=product, fiscal_year=2565, channel="ONLINE", amount=Decimal(5000))
    ProductPhoto.objects.create(product=product, image=f"products/{code}.jpg", caption=f"{n}")
    return product


def grow(world: dict, start: int, stop: int) -> None:
    """Rows number start..stop-1 of every kind, in both provinces."""
    for n in range(start, stop):
        for key, code in (("a", "50"), ("b", "58")):
            _grow_one(world, key, world["geo"][code], n)
        _province(world, n)


def _province(world: dict, n: int) -> None:
    """Another province (codes 10, 11...) with a network whose committee seats knowledge
    source A (a person's seats across networks), and a project of the year."""
    from kbo.geo.models import Province, Region
    from kbo.network.models import Network, Term
    from kbo.network.services import seat_add
    from kbo.programmes.models import Criteria, Project

    province = Province.objects.create(
        code=str(10 + n), name_th=f"จังหวัด {n}", name_en=f"P{n}", region=Region.objects.first()
    )
    network = Network.objects.create(province=province, name=f"เครือข่าย {n}", founded_year=2550)
    term = Term.objects.create(
        network=network,
        order_number=f"คำสั่งที่ {n}",
        starts_on=dt.date(2019, 10, 1),
        ends_on=dt.date(2030, 9, 30),
    )
    by = world["people"]["national"]
    seat_add(by=by, term=term, person=world["source_a"], role="MEMBER", sector="EDUCATION")
    project = Project.objects.create(province=province, fiscal_year=2565, name=f"โครงการ {n}")
    Criteria.objects.create(project=project, **Criteria.defaults())


def _grow_one(world: dict, key: str, province, n: int) -> None:
    from auditlog.context import set_actor

    from kbo.accounts.models import Role
    from kbo.core.models import Job
    from kbo.geo.models import District, Subdistrict
    from kbo.programmes.models import Decision
    from kbo.registry.models import ProductPhoto, Sale
    from tests.conftest import make_user

    national = world["people"]["national"]
    tag = f"{province.code}{n:03d}"
    # Registry: a producer with a product, and another product of the base producer.
    producer = add_producer(province, f"G{tag}", f"ผู้ผลิตที่ {n}")
    product = add_product(producer, f"G{tag}", "สินค้า", n)
    extra = add_product(world[f"producer_{key}"], f"H{tag}", "สินค้าเพิ่ม", n)
    if key == "a":
        producer.accounts.add(world["people"]["producer_a"])
    # Development: the new product selected in this year's project, developed in full; the
    # other one selected in last year's (a history of developments).
    _develop(world[f"project_{key}"], product, national)
    Decision.objects.create(
        project=world[f"earlier_project_{key}"], product=extra, status="SELECTED"
    )
    # Base participant: more needs, plan items, evidence and prototypes on the same decision.
    _develop_more(world[f"plans_{key}"]["decision"], n, national)
    _network(world, key, province, n)
    _trainings(world, key, producer, product, n)
    _contests(world, key, product, n)
    _news(province, n)
    _knowledge(world, key, province, product, n)
    # People, jobs, geography, audit history.
    make_user(f"person_{tag}", Role.COMMITTEE, province)
    Job.objects.create(user=national, kind="test", title=f"export {n}", status="done")
    district = District.objects.create(
        code=f"{province.code}{50 + n:02d}",
        name_th=f"อำเภอ {n}",
        name_en=f"D{n}",
        province=province,
    )
    Subdistrict.objects.create(
        code=f"{district.code}01",
        name_th=f"ตำบล {n}",
        name_en=f"S{n}",
        district=world["geo"][province.code].districts.order_by("code").first(),
        province=province,
    )
    base = world[f"product_{key}"]
    Sale.objects.create(product=base, fiscal_year=2550 + n, amount=Decimal(1000 * n))
    ProductPhoto.objects.create(product=base, image=f"products/base{tag}.jpg", caption=f"{n}")
    with set_actor(national):
        base.price = Decimal(900 + n)
        base.save()


def _develop(project, product, by) -> dict:
    from tests.matrix_plans import develop

    return develop(project, product, by)


def _develop_more(decision, n: int, by) -> None:
    from django.core.files.base import ContentFile

    from kbo.programmes.models import Evidence, Need, PlanItem, Prototype, PrototypeVersion

    need = Need.objects.create(
        decision=decision, area="MARKETING", description=f"ตลาดออนไลน์ {n}", priority=2
    )
    item = PlanItem.objects.create(
        decision=decision,
        need=need,
        area="MARKETING",
        action=f"อบรมขายออนไลน์ {n}",
        responsible_other="พัฒนาชุมชน",
        due_on=dt.date(2022, 4, 30),
        budget=Decimal("5000"),
    )
    evidence = Evidence(item=item, caption=f"ภาพ {n}", uploaded_by=by)
    evidence.file.save(f"e{n}.pdf", ContentFile(b"%PDF-1.4"), save=True)
    prototype = Prototype.objects.create(decision=decision, name=f"ต้นแบบ {n}")
    PrototypeVersion.objects.create(prototype=prototype, number=1, changes="ครั้งแรก")


def _network(world: dict, key: str, province, n: int) -> None:
    from kbo.network.models import (
        AgendaItem,
        Attendance,
        ExpertiseArea,
        KnowledgeSource,
        Meeting,
    )
    from kbo.network.services import seat_add, source_save

    national = world["people"]["national"]
    source = source_save(
        by=national,
        source=KnowledgeSource(
            kind="EXPERT",
            name=f"ผู้เชี่ยวชาญ {province.code} {n}",
            sector="PRIVATE",
            home_province=province,
            description="บรรจุภัณฑ์และการตลาด",
        ),
        areas=ExpertiseArea.objects.filter(code__in=["packaging", "marketing"]),
        service_provinces=list(world["geo"].values()),
    )
    seat = seat_add(
        by=national, term=world[f"term_{key}"], person=source, role="MEMBER", sector="PRIVATE"
    )
    base = world[f"meeting_{key}"]
    AgendaItem.objects.create(meeting=base, order=n + 1, title=f"วาระที่ {n + 1}")
    Attendance.objects.create(meeting=base, seat=seat, status="PRESENT")
    meeting = Meeting.objects.create(
        network=world[f"network_{key}"],
        province=province,
        fiscal_year=2564,
        number=n + 1,
        held_on=dt.date(2021, 1, 1) + dt.timedelta(days=n),
        chair=world[f"chair_seat_{key}"],
    )
    AgendaItem.objects.create(meeting=meeting, order=1, title="เรื่องแจ้ง")


def _trainings(world: dict, key: str, producer, product, n: int) -> None:
    from kbo.trainings.models import Session, SessionAttendance, Trainee, Training

    training = Training.objects.create(
        project=world[f"project_{key}"],
        title=f"หลักสูตรที่ {n}",
        starts_on=dt.date(2022, 3, 1),
        ends_on=dt.date(2022, 3, 3),
    )
    Session.objects.create(
        training=training, day=dt.date(2022, 3, 1), topic="บรรจุภัณฑ์", lecturer=world[f"source_{key}"]
    )
    base = world[f"training_{key}"]
    session = world[f"session_{key}"]
    for group, extra in (
        ("PRODUCER", {"producer": producer, "product": product}),
        ("COMMITTEE", {"source": world[f"source_{key}"]} if n == 0 else {}),
        ("OTHER", {}),
    ):
        trainee = Trainee.objects.create(
            training=base, group=group, name=f"ผู้อบรม {group} {n}", **extra
        )
        SessionAttendance.objects.create(
            session=session, trainee=trainee, recorded_by=world["people"]["national"]
        )
    Session.objects.create(
        training=base, day=dt.date(2022, 2, 15) + dt.timedelta(days=n), topic=f"หัวข้อ {n}"
    )


def _contests(world: dict, key: str, product, n: int) -> None:
    """An entry of the product in every contest of its province, scored by judge_a (and by one
    more judge per row), and one more published contest."""
    from django.utils import timezone

    from kbo.accounts.models import Role
    from kbo.contests.models import Criterion, Entry, JudgeAssignment, Score, ScoreSheet
    from tests.conftest import make_user
    from tests.matrix_contests import build_contest

    contests = (
        [world["contest_a"], world["contest_a_open"], world["contest_a_closed"], world["contest_a_published"],
         world["api_contest_open_a"], world["api_contest_closed_a"]]
        if key == "a"
        else [world["contest_b"], world["api_contest_open_b"], world["api_contest_published"]]
    )  # fmt: skip
    judge = make_user(f"judge_{key}{n}", Role.JUDGE, product.province)
    for contest in contests:
        panel = contest.panels.first()
        entry = Entry.objects.create(
            contest=contest, panel=panel, number=10 + n + (50 if key == "b" else 0),
            province=product.province, product=product, title=product.name,
        )  # fmt: skip
        JudgeAssignment.objects.create(contest=contest, panel=panel, judge=judge)
        criteria = list(contest.criteria.all())
        for who in (world["people"]["judge_a"], judge):
            if not contest.judges.filter(judge=who).exists():
                continue
            for target in (entry, contest.entries.order_by("number").first()):
                sheet, made = ScoreSheet.objects.get_or_create(
                    entry=target, judge=who, defaults={"submitted_at": timezone.now()}
                )
                if made:
                    for criterion in criteria:
                        Score.objects.create(sheet=sheet, criterion=criterion, value=Decimal(7))
    built = build_contest(
        product.province, "PUBLISHED", f"ประกวดปี {n} {key}", product, world["people"]["judge_a"]
    )
    Criterion.objects.create(contest=built["contest"], order=3, name="ราคา", weight=0, max_score=10)


def _news(province, n: int) -> None:
    from kbo.showcase.models import News

    News.objects.create(
        province=province,
        title=f"ข่าวที่ {n}",
        body="ย่อหน้า",
        published_on=dt.date(2021, 1, 1) + dt.timedelta(days=n),
        status="PUBLISHED",
    )


def _knowledge(world: dict, key: str, province, product, n: int) -> None:
    """Knowledge items of the province: one of each visibility with areas, a category,
    an author, a training session, an attachment and versions; a case study of the new
    product; and a national public item."""
    from django.core.files.base import ContentFile

    from kbo.knowledge.models import Item
    from kbo.knowledge.services import attachment_add, item_publish, item_save
    from kbo.network.models import ExpertiseArea

    national = world["people"]["national"]
    areas = list(ExpertiseArea.objects.filter(code__in=["packaging", "quality"]))
    for visibility in ("DRAFT", "PROVINCE", "PUBLIC"):
        item = item_save(
            by=national,
            item=Item(
                kind="TECHNIQUE",
                province=province,
                title=f"บรรจุภัณฑ์ มผช. สินค้า {visibility} {n}",
                body="<p>การออกแบบบรรจุภัณฑ์และการขอ มผช.</p>",
                video_links="https://www.youtube.com/watch?v=kbo",
            ),
            areas=areas,
            categories=["TEXTILE", "FOOD"],
            provinces=[province],
            authors=[world[f"source_{key}"]],
            sessions=[world[f"session_{key}"]],
        )
        attachment_add(by=national, item=item, file=ContentFile(b"%PDF-1.4 kbo", name=f"k{n}.pdf"))
        item_publish(by=national, item=item, visibility=visibility)
    item_save(
        by=national,
        item=Item(kind="CASE_STUDY", province=province, title=f"กรณีศึกษา สินค้า {n}", product=product),
        areas=areas,
        categories=[product.category],
    )
    if key == "a":
        item_save(
            by=national,
            item=Item(kind="STANDARD", title=f"คู่มือ มผช. สินค้า {n}", visibility="PUBLIC"),
            areas=areas,
            categories=["TEXTILE"],
        )


def clients(world: dict) -> dict[str, Client]:
    made = {"anonymous": Client()}
    for name, user in world["people"].items():
        made[name] = Client()
        made[name].force_login(user)
    return made


def run(cases: list[QCase], small: int, large: int) -> dict[str, Any]:
    """Build the world with `small` rows of every kind, measure every case, grow it to `large`
    rows and measure again: {case id: (small Measure, large Measure) or the error raised}."""
    world = build()
    grow(world, 0, small)
    by_persona = clients(world)
    found: dict[str, Any] = {}
    for case in cases:
        try:
            found[case.id] = [measure(by_persona[case.persona], case.path(world), case.params)]
        except Exception as error:  # reported by the case's own test
            found[case.id] = error
    grow(world, small, large)
    for case in cases:
        if isinstance(found[case.id], Exception):
            continue
        try:
            found[case.id].append(measure(by_persona[case.persona], case.path(world), case.params))
        except Exception as error:
            found[case.id] = error
    return found
