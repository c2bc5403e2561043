"""The demo projects (`kbo demo`): Chiang Mai 2562 and 2563 and Mae Hong Son 2565 as the
articles count them, plans, a prototype and the five-day course; the same rows on every run."""

import datetime as dt
from collections import Counter

import pytest
from django.db import transaction

from kbo.accounts import demo as accounts_demo
from kbo.geo.services import geo_load
from kbo.network import demo as network_demo
from kbo.programmes import demo, services
from kbo.programmes.models import (
    Activity,
    Analysis,
    Decision,
    Evidence,
    Need,
    PlanItem,
    Project,
    Prototype,
    PrototypeVersion,
    Target,
)
from kbo.registry import demo as registry_demo
from kbo.trainings.models import Session, SessionAttendance, Trainee, Training

pytestmark = pytest.mark.django_db

MODELS = [Project, Activity, Target, Decision, Analysis, Need, PlanItem, Evidence, Prototype,
          PrototypeVersion, Training, Session, Trainee, SessionAttendance]  # fmt: skip


def rows() -> dict[str, list]:
    return {m.__name__: list(m.objects.order_by("pk").values_list()) for m in MODELS}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The registry and network demos, then the projects' demo twice, once for this module."""
    with django_db_blocker.unblock(), transaction.atomic():
        geo_load()
        accounts_demo.load()
        registry_demo.load()
        network_demo.load()
        first = demo.load()
        before = rows()
        second = demo.load()
        yield {"first": first, "second": second, "before": before, "after": rows()}  # fmt: skip
        transaction.set_rollback(True)


def project(code: str, year: int) -> Project:
    return Project.objects.select_related("province", "criteria").get(
        province__code=code, fiscal_year=year
    )


def selected(p: Project) -> list[Decision]:
    return list(
        p.decisions.filter(status="SELECTED").select_related("product__producer", "decided_by")
    )


def test_a_second_run_creates_and_changes_nothing(loaded):
    assert loaded["first"] == loaded["second"]
    assert loaded["before"] == loaded["after"]


def test_chiang_mai_2563_selects_twenty_products_by_the_articles_categories(loaded):
    cm = project("50", 2563)
    chosen = selected(cm)
    assert Counter(d.product.category for d in chosen) == {
        "TEXTILE": 10, "HOUSEHOLD": 5, "FOOD": 2, "BEVERAGE": 2, "HERBAL": 1,
    }  # fmt: skip
    assert len({d.product.producer_id for d in chosen}) == 20
    assert {d.decided_by.username for d in cm.decisions.select_related("decided_by")} == {
        "officer.chiangmai"
    }
    candidates = {c.product.pk for c in services.candidate_list(cm)}
    assert {d.product_id for d in chosen} <= candidates
    assert cm.criteria.segments == ["D"] and (cm.criteria.stars_min, cm.criteria.stars_max) == (
        1,
        3,
    )
    others = cm.decisions.exclude(status="SELECTED")
    assert {d.status for d in others} == {"RESERVE", "NOT_SELECTED"}
    assert all(d.reason for d in others)


def test_chiang_mai_2563_has_targets_and_three_activities_in_the_fiscal_year(loaded):
    cm = project("50", 2563)
    assert dict(cm.targets.values_list("group", "target")) == {
        "PRODUCTS": 20, "PRODUCERS": 20, "COMMITTEE": 20, "OTHERS": 10,
    }  # fmt: skip
    activities = list(cm.activities.all())
    assert {a.kind for a in activities} == set(Activity.Kind.values)
    assert all(dt.date(2019, 10, 1) <= a.starts_on <= a.ends_on <= dt.date(2020, 9, 30)
               for a in activities)  # fmt: skip
    assert cm.budget == sum(a.budget for a in activities) and cm.budget > 0


def test_chiang_mai_2562_selects_eleven_and_some_again_in_2563(loaded):
    earlier = selected(project("50", 2562))
    assert Counter(d.product.category for d in earlier) == {
        "TEXTILE": 3, "HOUSEHOLD": 6, "BEVERAGE": 2,
    }  # fmt: skip
    again = {d.product_id for d in earlier} & {d.product_id for d in selected(project("50", 2563))}
    assert len(again) == 5
    assert all(d.plan_items.filter(status="DONE").exists() for d in earlier)


def test_several_2563_products_have_analysis_needs_and_plans_with_sources(loaded):
    cm = project("50", 2563)
    analysed = Analysis.objects.filter(decision__project=cm)
    assert analysed.count() == 6 and all(a.strengths and a.threats for a in analysed)
    for analysis in analysed:
        needs = list(analysis.decision.needs.all())
        assert 2 <= len(needs) <= 3 and len({n.area for n in needs}) == len(needs)
    items = PlanItem.objects.filter(decision__project=cm)
    assert items.filter(responsible__isnull=False).count() == items.count()
    assert {i.status for i in items} >= {"DONE", "UNDERWAY", "PLANNED"}
    assert (
        Evidence.objects.filter(item__decision__project=cm).count()
        == items.filter(status="DONE").count()
    )
    prototype = Prototype.objects.get(decision__project=cm)
    assert [v.number for v in prototype.versions.all()] == [1, 2]
    assert all(v.after_photo and v.before_photo for v in prototype.versions.all())


def test_mae_hong_son_2565_selects_27_candidates_under_its_criteria(loaded):
    mhs = project("58", 2565)
    criteria = mhs.criteria
    assert (criteria.registered_from, criteria.registered_to) == (2557, 2564)
    assert criteria.segments == ["D"] and (criteria.stars_min, criteria.stars_max) == (1, 3)
    assert mhs.target_products == 27
    chosen = selected(mhs)
    assert len(chosen) == 27 and len({d.product.producer_id for d in chosen}) == 27
    candidates = {c.product.pk: c.reasons for c in services.candidate_list(mhs)}
    assert all(d.product_id in candidates and candidates[d.product_id] for d in chosen)
    assert all(2557 <= d.product.producer.registered_year <= 2564 for d in chosen)


def test_the_five_day_course_trains_the_selected_producers_and_the_committee(loaded):
    training = Training.objects.get(project=project("50", 2563))
    assert training.days == 5
    sessions = list(training.sessions.all())
    topics = [s.topic for s in sessions]
    assert "การผลิตสินค้าและบริการสร้างสรรค์สู่ AEC" in topics and "E-Commerce" in topics
    assert topics[-1] == "การประกวด KBO CM CONTEST"
    assert all(s.lecturer_name for s in sessions)
    assert any(s.lecturer_other and s.lecturer is None for s in sessions)
    producers = training.trainees.filter(group="PRODUCER")
    assert producers.count() == 20
    assert set(producers.values_list("producer_id", flat=True)) == {
        d.product.producer_id for d in selected(project("50", 2563))
    }
    committee = training.trainees.filter(group="COMMITTEE")
    assert committee.count() > 10 and all(t.source_id for t in committee)
    recorded = [s for s in sessions if s.attendance.exists()]
    assert len(recorded) > len(sessions) / 2
    trainees = training.trainees.count()
    assert all(s.attendance.count() == trainees for s in recorded)
    assert SessionAttendance.objects.filter(session__training=training, present=False).exists()
