"""The yearly project API: projects with their criteria in words, candidates with the reasons
they qualify, participants, plans and trainings; scoped to the user's province, filters,
and a fixed number of queries per list."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from kbo.accounts.models import User
from kbo.geo.models import Province
from kbo.programmes import services
from kbo.programmes.models import (
    Activity,
    Analysis,
    Criteria,
    Decision,
    Evidence,
    Need,
    PlanItem,
    Project,
    Target,
)
from kbo.registry.models import Producer, Product
from kbo.trainings.models import Session, SessionAttendance, Trainee, Training


def signed_in(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="th")
    client.force_authenticate(user)
    return client


def add_project(code: str, year: int, **criteria) -> Project:
    project = Project.objects.create(
        province=Province.objects.get(code=code), fiscal_year=year,
        name=f"โครงการส่งเสริมกระบวนการเครือข่ายองค์ความรู้ ปี {year}",
        budget=Decimal("250000"), objectives="พัฒนาผลิตภัณฑ์ OTOP", target_products=20,
    )  # fmt: skip
    Criteria.objects.create(project=project, **{**Criteria.defaults(), **criteria})
    return project


def add_product(producer: Producer, n: int, **fields) -> Product:
    fields = {"category": "FOOD", "current_stars": 2, "current_star_year": 2562, **fields}
    return Product.objects.create(
        code=f"{producer.code}-{n:02d}", producer=producer, province=producer.province,
        name=f"ผลิตภัณฑ์ {n}", **fields,
    )  # fmt: skip


@pytest.fixture
def world(registry, kbo_network, people):
    """Project 2563 of Chiang Mai (A) with product_a selected and planned and a training;
    project 2563 of Mae Hong Son (B) with product_b selected and a training."""
    a = add_project("50", 2563, registered_from=2557)
    Activity.objects.create(project=a, kind="CAPACITY", budget=Decimal("50000"),
                            starts_on=dt.date(2019, 11, 1), ends_on=dt.date(2020, 1, 31))  # fmt: skip
    Target.objects.create(project=a, group="PRODUCTS", target=20)
    Target.objects.create(project=a, group="OTHERS", target=10, actual=12)
    b = add_project("58", 2563)
    made = {"project_a": a, "project_b": b, **registry, **kbo_network}
    for key, project in (("a", a), ("b", b)):
        made[f"decision_{key}"] = services.decision_record(
            by=people["national"], project=project, product=registry[f"product_{key}"],
            status="SELECTED", reason="ผ่านเกณฑ์",
        )  # fmt: skip
        training = Training.objects.create(
            project=project, title="หลักสูตรพัฒนาผลิตภัณฑ์ 5 วัน", starts_on=dt.date(2020, 2, 3),
            ends_on=dt.date(2020, 2, 7), venue="ห้องประชุม",
        )  # fmt: skip
        made[f"training_{key}"] = training
    decision = made["decision_a"]
    Analysis.objects.create(decision=decision, strengths="ลายผ้าเป็นเอกลักษณ์",
                            weaknesses="บรรจุภัณฑ์ไม่ดึงดูด")  # fmt: skip
    need = Need.objects.create(decision=decision, area="PACKAGING", description="กล่องใหม่",
                               priority=1, assigned_source=kbo_network["source_a"])  # fmt: skip
    item = PlanItem.objects.create(
        decision=decision, need=need, area="PACKAGING", action="ออกแบบกล่อง",
        responsible=kbo_network["source_a"], due_on=dt.date(2020, 3, 31),
        budget=Decimal("15000"), status="UNDERWAY",
    )  # fmt: skip
    PlanItem.objects.create(decision=decision, area="ONLINE", action="เปิดร้านออนไลน์",
                            responsible_other="บริษัท ตัวอย่าง จำกัด")  # fmt: skip
    Evidence.objects.create(item=item, file="plans/2020/box.png", caption="ภาพกล่อง")
    return made


def add_sessions(training: Training, n: int, trainees: int) -> None:
    people = [
        Trainee.objects.create(training=training, group="PRODUCER" if i % 3 else "COMMITTEE",
                               name=f"ผู้เข้าอบรม {training.pk}-{i}")
        for i in range(trainees)
    ]  # fmt: skip
    for i in range(n):
        session = Session.objects.create(training=training, day=training.starts_on,
                                         starts_at=dt.time(9 + i % 8), topic=f"หัวข้อ {i}",
                                         lecturer_other="วิทยากรภายนอก")  # fmt: skip
        SessionAttendance.objects.bulk_create(
            SessionAttendance(session=session, trainee=t, present=j != 0)
            for j, t in enumerate(people)
        )


def test_a_project_gives_activities_targets_and_criteria_in_words(world, people):
    project = world["project_a"]
    body = signed_in(people["officer_a"]).get(f"/api/v1/projects/{project.pk}/").json()
    assert (body["province"], body["province_name_th"], body["fiscal_year"]) == (
        "50",
        "เชียงใหม่",
        2563,
    )
    assert body["budget"] == "250000.00" and body["target_products"] == 20
    assert body["selected"] == 1
    with translation.override("th"):
        label = str(Activity.Kind.CAPACITY.label)
    assert body["activities"] == [{"kind": "CAPACITY", "kind_label": label, "budget": "50000.00",
                                   "starts_on": "2019-11-01", "ends_on": "2020-01-31",
                                   "status": "PLANNED"}]  # fmt: skip
    assert {t["group"]: (t["target"], t["actual"]) for t in body["targets"]} == {
        "PRODUCTS": (20, None), "OTHERS": (10, 12),
    }  # fmt: skip
    criteria = body["criteria"]
    assert criteria["segments"] == ["D"] and (criteria["stars_min"], criteria["stars_max"]) == (
        1,
        3,
    )
    with translation.override("th"):
        assert criteria["rules"] == services.rules_in_words(project.criteria)
    assert criteria["rules"]["narrowing"] and len(criteria["rules"]["qualifying"]) == 2


def test_projects_filter_by_province_and_fiscal_year(world, people):
    client = signed_in(people["national"])
    add_project("50", 2562)
    body = client.get("/api/v1/projects/", {"province": "50"}).json()
    assert [(p["province"], p["fiscal_year"]) for p in body["results"]] == [
        ("50", 2563),
        ("50", 2562),
    ]
    body = client.get("/api/v1/projects/", {"fiscal_year": "2562"}).json()
    assert [p["fiscal_year"] for p in body["results"]] == [2562]
    bad = client.get("/api/v1/projects/", {"fiscal_year": "2020", "province": "5"})
    assert bad.status_code == 400 and set(bad.json()) == {"fiscal_year", "province"}


def test_candidates_give_the_reasons_of_the_services_and_the_decision(world, people):
    project = world["project_a"]
    producer = world["producer_a"]
    add_product(producer, 2, current_segment="D", current_stars=None, current_star_year=None)
    add_product(producer, 3, current_stars=5, current_segment="A")  # does not qualify
    body = signed_in(people["committee_a"]).get(f"/api/v1/projects/{project.pk}/candidates/").json()
    with translation.override("th"):
        expected = {c.product.code: c.reasons for c in services.candidate_list(project)}
    assert {row["code"]: row["reasons"] for row in body["results"]} == expected
    assert body["count"] == 2 and f"{producer.code}-03" not in expected
    first = next(row for row in body["results"] if row["code"] == "500001")
    assert first["decision"]["status"] == "SELECTED" and first["decision"]["reason"] == "ผ่านเกณฑ์"
    assert (first["category"], first["current_segment"], first["current_stars"]) == (
        "TEXTILE",
        "D",
        3,
    )
    assert first["producer"] == producer.code and first["name"] == "ผ้าฝ้ายทอมือ"
    other = next(row for row in body["results"] if row["code"] != "500001")
    assert other["decision"] is None and other["current_stars"] is None
    page = (
        signed_in(people["officer_a"])
        .get(f"/api/v1/projects/{project.pk}/candidates/", {"page_size": 1})
        .json()
    )
    assert page["count"] == 2 and len(page["results"]) == 1 and page["next"]


def test_participants_are_the_selected_products(world, people):
    project = world["project_a"]
    reserve = add_product(world["producer_a"], 2, current_segment="D")
    services.decision_record(by=people["officer_a"], project=project, product=reserve,
                             status="RESERVE")  # fmt: skip
    body = signed_in(people["officer_a"]).get(f"/api/v1/projects/{project.pk}/participants/").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert (row["code"], row["category"], row["category_label"]) == (
        "500001",
        "TEXTILE",
        "ผ้าและเครื่องแต่งกาย",
    )
    assert (row["producer"], row["district"], row["district_name_th"]) == (
        "P50001",
        "5001",
        "เมืองเชียงใหม่",
    )


def test_a_plan_gives_analysis_needs_and_items(world, people):
    decision, source = world["decision_a"], world["source_a"]
    body = signed_in(people["officer_a"]).get(f"/api/v1/plans/{decision.pk}/").json()
    assert (body["product_code"], body["fiscal_year"], body["province"]) == ("500001", 2563, "50")
    assert body["analysis"]["strengths"] == "ลายผ้าเป็นเอกลักษณ์"
    assert body["needs"] == [{"id": decision.needs.get().pk, "area": "PACKAGING",
                              "description": "กล่องใหม่", "priority": 1,
                              "assigned_source": source.pk,
                              "assigned_source_name": source.name}]  # fmt: skip
    items = {i["action"]: i for i in body["plan_items"]}
    assert items["ออกแบบกล่อง"]["responsible_name"] == source.name
    assert (
        items["ออกแบบกล่อง"]["evidence_count"] == 1 and items["ออกแบบกล่อง"]["budget"] == "15000.00"
    )
    assert (
        items["ออกแบบกล่อง"]["status"] == "UNDERWAY"
        and items["ออกแบบกล่อง"]["due_on"] == "2020-03-31"
    )
    assert items["เปิดร้านออนไลน์"]["responsible_name"] == "บริษัท ตัวอย่าง จำกัด"
    assert items["เปิดร้านออนไลน์"]["evidence_count"] == 0


def test_plans_list_only_selected_products_and_filter(world, people):
    project = world["project_a"]
    reserve = add_product(world["producer_a"], 2, current_segment="D")
    services.decision_record(by=people["officer_a"], project=project, product=reserve,
                             status="RESERVE")  # fmt: skip
    client = signed_in(people["national"])
    body = client.get("/api/v1/plans/").json()
    assert {p["product_code"] for p in body["results"]} == {"500001", "580001"}
    assert body["results"][0]["analysis"] is not None or body["results"][1]["analysis"] is not None
    assert [
        p["product_code"]
        for p in client.get("/api/v1/plans/", {"province": "58"}).json()["results"]
    ] == ["580001"]
    assert client.get("/api/v1/plans/", {"product": "500001"}).json()["count"] == 1
    assert client.get("/api/v1/plans/", {"fiscal_year": 2562}).json()["count"] == 0
    plan_b = next(p for p in body["results"] if p["product_code"] == "580001")
    assert plan_b["analysis"] is None and plan_b["needs"] == [] and plan_b["plan_items"] == []


def test_plan_pages_follow_year_province_and_product_code_across_projects(world, people):
    grow(world, people, 3)  # Chiang Mai 2540-2542, one selected product each
    project = world["project_a"]  # Chiang Mai 2563: three selected, codes out of id order
    for n in (9, 5, 7):
        product = add_product(world["producer_a"], n)
        Decision.objects.create(project=project, product=product, status="SELECTED")
    client = signed_in(people["national"])
    pages, page = [], 1
    while True:
        body = client.get("/api/v1/plans/", {"page_size": 2, "page": page}).json()
        pages += [(p["fiscal_year"], p["province"], p["product_code"]) for p in body["results"]]
        if not body["next"]:
            break
        page += 1
    assert body["count"] == len(pages) == 8
    assert pages == [
        (2563, "50", "500001"), (2563, "50", "P50001-05"), (2563, "50", "P50001-07"),
        (2563, "50", "P50001-09"), (2563, "58", "580001"), (2542, "50", "P50001-12"),
        (2541, "50", "P50001-11"), (2540, "50", "P50001-10"),
    ]  # fmt: skip
    assert client.get("/api/v1/plans/", {"page_size": 2, "page": 5}).status_code == 404


def test_a_training_counts_trainees_by_group_and_attendance(world, people):
    training = world["training_a"]
    add_sessions(training, 2, 4)  # trainees 0 and 3 committee, 1 and 2 producers; 0 absent
    body = signed_in(people["committee_a"]).get(f"/api/v1/trainings/{training.pk}/").json()
    assert body["trainees"] == 4 and body["days"] == 5
    assert body["trainees_by_group"] == {"PRODUCER": 2, "COMMITTEE": 2, "OTHER": 0}
    assert [(s["topic"], s["present"], s["absent"]) for s in body["sessions"]] == [
        ("หัวข้อ 0", 3, 1), ("หัวข้อ 1", 3, 1),
    ]  # fmt: skip
    assert body["sessions"][0]["lecturer_name"] == "วิทยากรภายนอก"
    assert body["sessions"][0]["starts_at"] == "09:00:00"


def test_trainings_filter_by_province_year_and_project(world, people):
    client = signed_in(people["national"])
    assert client.get("/api/v1/trainings/").json()["count"] == 2
    body = client.get("/api/v1/trainings/", {"province": "58"}).json()
    assert [t["province"] for t in body["results"]] == ["58"]
    body = client.get("/api/v1/trainings/", {"project": world["project_a"].pk}).json()
    assert [t["id"] for t in body["results"]] == [world["training_a"].pk]
    assert client.get("/api/v1/trainings/", {"fiscal_year": 2564}).json()["count"] == 0


@pytest.mark.parametrize(
    "url",
    ["/api/v1/projects/{project_b}/", "/api/v1/projects/{project_b}/candidates/",
     "/api/v1/projects/{project_b}/participants/", "/api/v1/plans/{decision_b}/",
     "/api/v1/trainings/{training_b}/"],
)  # fmt: skip
def test_another_provinces_rows_are_not_there(url, world, people):
    client = signed_in(people["officer_a"])
    ids = {key: world[key].pk for key in ("project_b", "decision_b", "training_b")}
    assert client.get(url.format(**ids)).status_code == 404
    for listing in ("/api/v1/projects/", "/api/v1/plans/", "/api/v1/trainings/"):
        body = client.get(listing).json()
        assert body["count"] == 1 and body["results"][0]["province"] == "50"


def test_a_judge_or_producer_gets_403_and_anonymous_401(world, people):
    for listing in ("/api/v1/projects/", "/api/v1/plans/", "/api/v1/trainings/"):
        assert APIClient().get(listing).status_code == 401
        assert signed_in(people["judge_a"]).get(listing).status_code == 403
        assert signed_in(people["producer_a"]).get(listing).status_code == 403


def grow(world, people, n: int) -> None:
    """n more projects, each with a selected, planned product and a training with sessions."""
    producer = world["producer_a"]
    for i in range(n):
        project = add_project("50", 2540 + i)
        Activity.objects.create(project=project, kind="DEVELOPMENT")
        Target.objects.create(project=project, group="PRODUCTS", target=5)
        product = add_product(producer, 10 + i, current_segment="D")
        decision = Decision.objects.create(project=project, product=product, status="SELECTED")
        Analysis.objects.create(decision=decision, strengths="ดี")
        need = Need.objects.create(decision=decision, area="PRICE", description="ตั้งราคา",
                                   assigned_source=world["source_a"])  # fmt: skip
        PlanItem.objects.create(decision=decision, need=need, area="PRICE", action="คิดต้นทุน",
                                responsible=world["source_a"])  # fmt: skip
        training = Training.objects.create(project=project, title=f"อบรม {i}",
                                           starts_on=dt.date(2020, 1, 6),
                                           ends_on=dt.date(2020, 1, 7))  # fmt: skip
        add_sessions(training, 2, 3)


@pytest.mark.parametrize(
    "url",
    ["/api/v1/projects/", "/api/v1/plans/", "/api/v1/trainings/",
     "/api/v1/projects/{project_a}/candidates/", "/api/v1/projects/{project_a}/participants/"],
)  # fmt: skip
def test_lists_run_a_fixed_number_of_queries(url, world, people, django_assert_max_num_queries):
    url = url.format(project_a=world["project_a"].pk)
    with django_assert_max_num_queries(12) as small:
        assert signed_in(User.objects.get(username="officer_a")).get(url).status_code == 200
    grow(world, people, 4)
    for i in range(4):  # more candidates and participants of project A too
        product = add_product(world["producer_a"], 30 + i, current_segment="D")
        Decision.objects.create(project=world["project_a"], product=product, status="SELECTED")
    with django_assert_max_num_queries(len(small)) as big:
        body = signed_in(User.objects.get(username="officer_a")).get(url).json()
    assert len(big) == len(small) and body["count"] >= 2
