"""The development services: who may work on a selected product, validation, targets
against what was done, and a product's history."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kbo.programmes import plans
from kbo.programmes.models import (
    Activity,
    Analysis,
    Decision,
    Evidence,
    Need,
    PlanItem,
    PrototypeVersion,
    Target,
)
from tests.programmes.conftest import make_project


def test_officers_committee_and_national_staff_work_on_their_province(people, plans_world):
    province_a = plans_world["project_a"].province_id
    allowed = {name for name, user in people.items() if plans.can_work_on(user, province_a)}
    assert allowed == {"officer_a", "committee_a", "national"}


def test_another_provinces_officer_may_not_save_an_analysis(people, plans_world):
    analysis = plans_world["a"]["analysis"]
    analysis.strengths = "แก้ไข"
    with pytest.raises(PermissionDenied):
        plans.analysis_save(by=people["officer_b"], analysis=analysis)
    assert Analysis.objects.get(pk=analysis.pk).strengths == "ลายผ้าเอกลักษณ์"


def test_a_committee_member_adds_a_need_and_it_is_audited(people, plans_world):
    need = plans.need_save(
        by=people["committee_a"],
        need=Need(decision=plans_world["a"]["decision"], area="MARKETING", description="ตลาด"),
    )
    assert LogEntry.objects.get_for_object(need).get().action == LogEntry.Action.CREATE


def test_a_need_without_description_names_the_field(people, plans_world):
    with pytest.raises(ValidationError) as error:
        plans.need_save(
            by=people["officer_a"],
            need=Need(decision=plans_world["a"]["decision"], area="QUALITY", description=""),
        )
    assert "description" in error.value.message_dict
    assert Need.objects.count() == 2  # one per province from the fixture


def test_a_product_not_selected_gets_no_needs_or_plans(people, plans_world, registry):
    decision = plans_world["a"]["decision"]
    decision.status = Decision.Status.RESERVE
    decision.save()
    with pytest.raises(ValidationError, match="เฉพาะผลิตภัณฑ์ที่ได้รับคัดเลือก"):
        plans.need_save(
            by=people["officer_a"],
            need=Need(decision=decision, area="QUALITY", description="คุณภาพ"),
        )
    with pytest.raises(ValidationError, match="เฉพาะผลิตภัณฑ์ที่ได้รับคัดเลือก"):
        plans.plan_item_save(
            by=people["officer_a"], item=PlanItem(decision=decision, area="QUALITY", action="x")
        )
    assert Need.objects.filter(decision=decision).count() == 1


def test_a_plan_item_cannot_serve_a_need_of_another_product(people, plans_world):
    item = PlanItem(
        decision=plans_world["a"]["decision"], need=plans_world["b"]["need"], action="ทำกล่อง"
    )
    with pytest.raises(ValidationError) as error:
        plans.plan_item_save(by=people["national"], item=item)
    assert "need" in error.value.message_dict
    assert PlanItem.objects.count() == 2


def test_a_plan_item_takes_its_area_from_its_need(people, plans_world):
    item = plans.plan_item_save(
        by=people["officer_a"],
        item=PlanItem(
            decision=plans_world["a"]["decision"],
            need=plans_world["a"]["need"],
            action="ทำกล่องใหม่",
            responsible=plans_world["source_a"],
        ),
    )
    assert item.area == "PACKAGING" and item.responsible == plans_world["source_a"]


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [("virus.exe", 10, "ไม่รับไฟล์ประเภทนี้"), ("big.pdf", 10 * 1024 * 1024 + 1, "10 MB")],
)
def test_evidence_must_be_a_small_photo_or_document(people, plans_world, name, size, message):
    upload = SimpleUploadedFile(name, b"x" * size)
    with pytest.raises(ValidationError) as error:
        plans.evidence_add(by=people["officer_a"], item=plans_world["a"]["item"], file=upload)
    assert message in " ".join(error.value.message_dict["file"])
    assert Evidence.objects.count() == 2


def test_evidence_is_kept_with_who_uploaded_it(people, plans_world):
    upload = SimpleUploadedFile("photo.JPG", b"jpeg bytes", content_type="image/jpeg")
    evidence = plans.evidence_add(
        by=people["committee_a"], item=plans_world["a"]["item"], file=upload, caption="ภาพ"
    )
    assert evidence.uploaded_by == people["committee_a"] and evidence.is_image


def test_a_new_prototype_version_takes_the_next_number(people, plans_world):
    prototype = plans_world["a"]["prototype"]
    version = plans.prototype_version_add(
        by=people["officer_a"], version=PrototypeVersion(prototype=prototype, number=0)
    )
    assert version.number == 2
    assert list(prototype.versions.values_list("number", flat=True)) == [1, 2]


def test_committee_members_may_not_set_targets_but_officers_may(people, plans_world):
    project = plans_world["project_a"]
    with pytest.raises(PermissionDenied):
        plans.target_save(
            by=people["committee_a"], target=Target(project=project, group="PRODUCTS", target=5)
        )
    plans.target_save(
        by=people["officer_a"], target=Target(project=project, group="PRODUCTS", target=5)
    )
    assert project.targets.get().target == 5


def test_an_activity_cannot_end_before_it_starts(people, plans_world):
    activity = plans_world["project_a"].activities.get(kind="CAPACITY")
    activity.starts_on, activity.ends_on = dt.date(2022, 5, 1), dt.date(2022, 4, 1)
    with pytest.raises(ValidationError) as error:
        plans.activity_save(by=people["officer_a"], activity=activity)
    assert "ends_on" in error.value.message_dict
    assert Activity.objects.get(pk=activity.pk).ends_on is None


def test_actuals_are_counted_unless_entered(people, plans_world):
    from kbo.trainings.models import Trainee, Training

    project = plans_world["project_a"]
    producer, source = plans_world["producer_a"], plans_world["source_a"]
    for day in (1, 8):
        training = Training.objects.create(
            project=project,
            title=f"อบรม {day}",
            starts_on=dt.date(2022, 2, day),
            ends_on=dt.date(2022, 2, day + 1),
        )
        # The same three people come to both courses; a second producer comes once.
        Trainee.objects.create(training=training, group="PRODUCER", name="นางบัว", producer=producer)
        Trainee.objects.create(training=training, group="COMMITTEE", name="ผศ.", source=source)
        Trainee.objects.create(training=training, group="OTHER", name="นายสื่อ")
    Trainee.objects.create(training=training, group="PRODUCER", name="นายแก้ว", producer=producer)
    Target.objects.create(project=project, group="OTHERS", target=3, actual=7)
    Target.objects.create(project=project, group="PRODUCTS", target=20)

    rows = {row.group: row for row in plans.target_actuals(project)}
    assert [(g, rows[g].target, rows[g].actual, rows[g].counted) for g in Target.Group.values] == [
        ("PRODUCTS", 20, 1, True),
        ("PRODUCERS", 0, 2, True),
        ("COMMITTEE", 0, 1, True),
        ("OTHERS", 3, 7, False),
    ]


def test_the_history_shows_earlier_projects_with_their_plans(people, plans_world, geo):
    product = plans_world["product_a"]
    earlier = make_project(geo["50"], 2564)
    old = Decision.objects.create(
        project=earlier, product=product, status="SELECTED", reason="ปีแรก"
    )
    PlanItem.objects.create(decision=old, area="DESIGN", action="ออกแบบโลโก้", status="DONE")
    later = make_project(geo["50"], 2566)
    Decision.objects.create(project=later, product=product, status="RESERVE")

    history = plans.product_history(product, before=plans_world["project_a"])
    assert [(d.project.fiscal_year, d.status, d.reason) for d in history.decisions] == [
        (2564, "SELECTED", "ปีแรก")
    ]
    assert [i.action for i in history.decisions[0].plan_items.all()] == ["ออกแบบโลโก้"]
    assert [(r.round.year, r.stars) for r in history.stars] == [(2565, 3)]
    assert [s.segment for s in history.segments] == ["D"]
    every = plans.product_history(product)
    assert [d.project.fiscal_year for d in every.decisions] == [2566, 2565, 2564]


def test_the_history_of_a_list_takes_the_same_queries_for_more_products(
    plans_world, django_assert_max_num_queries
):
    ids = [plans_world["product_a"].pk, plans_world["product_b"].pk]
    with django_assert_max_num_queries(3):
        found = plans.histories(ids, before_year=2566)
    assert [d.product_id for d in found[ids[1]].decisions] == [ids[1]]


def test_before_targets_are_saved_the_products_target_is_the_projects(plans_world):
    project = plans_world["project_a"]
    project.target_products = 12
    rows = plans.target_actuals(project)
    assert [(r.group, r.target) for r in rows][:2] == [("PRODUCTS", 12), ("PRODUCERS", 0)]
