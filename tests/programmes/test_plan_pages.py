"""The development pages: the participant page and its forms, evidence and photos served
only to those allowed, targets and activities, the project page's additions and the
passport's development section."""

import datetime as dt
from decimal import Decimal

from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kbo.programmes.models import Decision, Evidence, Need, PlanItem, Target
from kbo.registry.models import Product, StarRating, StarRound
from tests.matrix_plans import png
from tests.programmes.conftest import make_project


def participant_url(world, key="a"):
    return reverse("programmes:participant", args=[world[key]["decision"].pk])


def test_the_participant_page_shows_the_development_in_thai(client_for, plans_world):
    a = plans_world["a"]
    html = client_for("officer_a").get(participant_url(plans_world)).content.decode()
    assert reverse("registry:product", args=[plans_world["product_a"].pk]) in html
    assert "ลายผ้าเอกลักษณ์" in html and "คู่แข่งราคาถูก" in html  # the SWOT
    assert "ออกแบบบรรจุภัณฑ์ใหม่" in html  # the need
    assert "31 มี.ค. 2565" in html and "15,000 บาท" in html and "ตามแผน" in html  # the plan
    assert reverse("programmes:evidence_file", args=[a["evidence"].pk]) in html
    assert reverse("programmes:prototype_photo", args=[a["version"].pk, "after"]) in html
    assert reverse("accounts:history", args=["programmes.decision", a["decision"].pk]) in html
    assert reverse("programmes:need_edit", args=[a["need"].pk]) in html


def test_a_product_not_selected_has_no_participant_page(client_for, plans_world):
    Decision.objects.filter(pk=plans_world["a"]["decision"].pk).update(status="RESERVE")
    assert client_for("officer_a").get(participant_url(plans_world)).status_code == 404
    assert client_for("officer_a").get(participant_url(plans_world, "b")).status_code == 404


def test_the_participant_page_shows_earlier_years(client_for, plans_world, geo):
    earlier = make_project(geo["50"], 2563)
    old = Decision.objects.create(
        project=earlier, product=plans_world["product_a"], status="SELECTED"
    )
    PlanItem.objects.create(decision=old, area="DESIGN", action="ออกแบบโลโก้ปีก่อน")
    html = client_for("committee_a").get(participant_url(plans_world)).content.decode()
    assert "ออกแบบโลโก้ปีก่อน" in html and 'data-testid="earlier-decision"' in html


def test_a_committee_member_records_the_analysis_and_it_is_audited(client_for, plans_world, people):
    url = reverse("programmes:analysis", args=[plans_world["a"]["decision"].pk])
    response = client_for("committee_a").post(
        url,
        {
            "analysed_on": "2022-01-20",
            "with_whom": "ประธานกลุ่ม",
            "strengths": "ฝีมือดี",
            "weaknesses": "",
            "opportunities": "",
            "threats": "",
        },
    )
    assert response.status_code == 302
    analysis = plans_world["a"]["analysis"]
    analysis.refresh_from_db()
    assert analysis.strengths == "ฝีมือดี" and analysis.analysed_on == dt.date(2022, 1, 20)
    assert (
        LogEntry.objects.get_for_object(analysis).latest("timestamp").actor
        == (people["committee_a"])
    )


def test_needs_are_added_edited_and_deleted(client_for, plans_world):
    client = client_for("officer_a")
    decision = plans_world["a"]["decision"]
    bad = client.post(reverse("programmes:need_add", args=[decision.pk]), {"area": "QUALITY"})
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()
    client.post(
        reverse("programmes:need_add", args=[decision.pk]),
        {"area": "ONLINE", "description": "ขายออนไลน์", "priority": 2},
    )
    need = decision.needs.get(area="ONLINE")
    client.post(
        reverse("programmes:need_edit", args=[need.pk]),
        {"area": "ONLINE", "description": "ขายบน Shopee", "priority": 1},
    )
    need.refresh_from_db()
    assert need.description == "ขายบน Shopee" and need.priority == 1
    packaging = plans_world["a"]["need"]
    client.post(reverse("programmes:need_delete", args=[packaging.pk]))
    assert not Need.objects.filter(pk=packaging.pk).exists()
    assert PlanItem.objects.get(pk=plans_world["a"]["item"].pk).need is None


def test_a_need_of_another_province_cannot_be_deleted(client_for, plans_world):
    need = plans_world["b"]["need"]
    response = client_for("officer_a").post(reverse("programmes:need_delete", args=[need.pk]))
    assert response.status_code == 404 and Need.objects.filter(pk=need.pk).exists()


def test_a_plan_item_is_added_and_edited(client_for, plans_world):
    client = client_for("officer_a")
    decision, source = plans_world["a"]["decision"], plans_world["source_a"]
    url = reverse("programmes:plan_item_add", args=[decision.pk])
    form = client.get(url).content.decode()
    assert source.name in form and plans_world["source_b"].name not in form
    data = {
        "need": plans_world["a"]["need"].pk,
        "area": "PACKAGING",
        "action": "ทำต้นแบบกล่อง",
        "responsible": source.pk,
        "due_on": "2022-06-30",
        "budget": "8000",
        "status": "PLANNED",
    }
    foreign = client.post(url, {**data, "need": plans_world["b"]["need"].pk})
    assert foreign.status_code == 200 and decision.plan_items.count() == 1
    assert client.post(url, data).status_code == 302
    item = decision.plan_items.get(action="ทำต้นแบบกล่อง")
    assert item.responsible == source and item.budget == Decimal("8000")
    client.post(
        reverse("programmes:plan_item_edit", args=[item.pk]),
        {**data, "status": "DONE", "result": "ได้กล่องใหม่"},
    )
    item.refresh_from_db()
    assert item.status == "DONE" and item.result == "ได้กล่องใหม่"


def test_evidence_is_uploaded_and_downloaded_by_staff_and_the_producer(client_for, plans_world):
    item = plans_world["a"]["item"]
    response = client_for("committee_a").post(
        reverse("programmes:evidence_add", args=[item.pk]),
        {"file": SimpleUploadedFile("photo.png", png(), "image/png"), "caption": "ภาพกล่อง"},
    )
    assert response.status_code == 302
    evidence = item.evidence.get(caption="ภาพกล่อง")
    url = reverse("programmes:evidence_file", args=[evidence.pk])
    for persona in ("officer_a", "producer_a", "national"):
        got = client_for(persona).get(url)
        assert got.status_code == 200 and b"".join(got.streaming_content) == png(), persona
        assert got["Content-Type"] == "image/png" and got["X-Content-Type-Options"] == "nosniff"
        assert "attachment" not in got.get("Content-Disposition", "")  # an image is shown
    for persona in ("officer_b", "anonymous"):
        assert client_for(persona).get(url).status_code in (302, 404), persona


def test_evidence_of_another_producer_is_not_served(client_for, plans_world, people):
    url = reverse("programmes:evidence_file", args=[plans_world["b"]["evidence"].pk])
    assert client_for("producer_a").get(url).status_code == 404
    client = client_for("anonymous")
    client.force_login(people["producer_b"])  # producer_b has no producer account link
    assert client.get(url).status_code == 404


def test_a_bad_evidence_file_is_refused_with_a_clear_error(client_for, plans_world):
    item = plans_world["a"]["item"]
    response = client_for("officer_a").post(
        reverse("programmes:evidence_add", args=[item.pk]),
        {"file": SimpleUploadedFile("tool.exe", b"MZ")},
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert Evidence.objects.filter(item=item).count() == 1


def test_a_prototype_gets_versions_with_photos(client_for, plans_world):
    client = client_for("officer_a")
    decision = plans_world["a"]["decision"]
    client.post(
        reverse("programmes:prototype_add", args=[decision.pk]),
        {"name": "ถุงผ้า", "description": ""},
    )
    prototype = decision.prototypes.get(name="ถุงผ้า")
    for _round in range(2):
        client.post(
            reverse("programmes:prototype_version_add", args=[prototype.pk]),
            {"changes": "ปรับสี", "after_photo": SimpleUploadedFile("a.png", png(), "image/png")},
        )
    versions = list(prototype.versions.all())
    assert [v.number for v in versions] == [1, 2]
    photo = reverse("programmes:prototype_photo", args=[versions[1].pk, "after"])
    assert client_for("producer_a").get(photo).status_code == 200
    missing = reverse("programmes:prototype_photo", args=[versions[1].pk, "before"])
    assert client.get(missing).status_code == 404


def test_targets_are_created_on_first_save_and_shown_against_actuals(client_for, plans_world):
    project = plans_world["project_a"]
    client = client_for("officer_a")
    url = reverse("programmes:targets", args=[project.pk])
    assert client.get(url).status_code == 200 and not Target.objects.exists()
    data = {"targets-TOTAL_FORMS": 4, "targets-INITIAL_FORMS": 4}
    for index, (group, target, actual) in enumerate(
        [("PRODUCTS", 20, ""), ("PRODUCERS", 40, ""), ("COMMITTEE", 15, "12"), ("OTHERS", 5, "")]
    ):
        data |= {
            f"targets-{index}-group": group,
            f"targets-{index}-target": target,
            f"targets-{index}-actual": actual,
        }
    assert client.post(url, data).status_code == 302
    assert dict(project.targets.values_list("group", "target")) == {
        "PRODUCTS": 20,
        "PRODUCERS": 40,
        "COMMITTEE": 15,
        "OTHERS": 5,
    }
    assert project.targets.get(group="COMMITTEE").actual == 12
    html = client.get(reverse("programmes:project", args=[project.pk])).content.decode()
    row = html.split('data-group="PRODUCTS"')[1].split("</tr>")[0]
    assert ">20<" in row and ">1 " in row  # one product selected, counted


def test_negative_targets_are_refused(client_for, plans_world):
    project = plans_world["project_a"]
    data = {"targets-TOTAL_FORMS": 1, "targets-INITIAL_FORMS": 1}
    data |= {"targets-0-group": "PRODUCTS", "targets-0-target": -3, "targets-0-actual": ""}
    response = client_for("officer_a").post(reverse("programmes:targets", args=[project.pk]), data)
    assert response.status_code == 200 and not Target.objects.exists()


def test_an_activity_is_edited_and_its_dates_checked(client_for, plans_world):
    activity = plans_world["project_a"].activities.get(kind="DEVELOPMENT")
    url = reverse("programmes:activity_edit", args=[activity.pk])
    client = client_for("officer_a")
    data = {"budget": "120000", "starts_on": "2022-03-01", "status": "UNDERWAY"}
    bad = client.post(url, {**data, "ends_on": "2022-02-01"})
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()
    assert client.post(url, {**data, "ends_on": "2022-08-31"}).status_code == 302
    activity.refresh_from_db()
    assert activity.budget == Decimal("120000") and activity.status == "UNDERWAY"
    html = client.get(reverse("programmes:project", args=[activity.project_id])).content.decode()
    assert "120,000 บาท" in html and "31 ส.ค. 2565" in html


def test_the_project_page_lists_participants_and_candidate_histories(client_for, plans_world, geo):
    project = plans_world["project_a"]
    earlier = make_project(geo["50"], 2564)
    Decision.objects.create(project=earlier, product=plans_world["product_a"], status="RESERVE")
    html = client_for("committee_a").get(reverse("programmes:project", args=[project.pk]))
    html = html.content.decode()
    participants = html.split('data-testid="participants"')[1].split("</table>")[0]
    assert participant_url(plans_world) in participants
    candidates = html.split('data-testid="candidates"')[1]
    assert "2564" in candidates and "2565: 3★" in candidates


def add_candidates(province, producer, count: int, offset: int) -> None:
    rnd, _ = StarRound.objects.get_or_create(year=2564)
    for number in range(offset, offset + count):
        product = Product.objects.create(
            code=f"X{number:04}",
            producer=producer,
            province=province,
            name=f"สินค้า {number}",
            category="TEXTILE",
            current_stars=2,
            current_segment="D",
        )
        StarRating.objects.create(product=product, round=rnd, stars=2)


def test_the_project_page_takes_as_many_queries_for_many_candidates(
    client_for, plans_world, geo, django_assert_max_num_queries
):
    project = plans_world["project_a"]
    earlier = make_project(geo["50"], 2564)
    producer = plans_world["producer_a"]
    add_candidates(geo["50"], producer, 2, 0)
    client = client_for("officer_a")
    url = reverse("programmes:project", args=[project.pk])
    client.get(url)  # warm up the session and caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_candidates(geo["50"], producer, 15, 100)
    for product in Product.objects.filter(code__startswith="X01"):
        Decision.objects.create(project=earlier, product=product, status="SELECTED")
    with django_assert_max_num_queries(len(few)):
        html = client.get(url).content.decode()
    assert html.count('class="history"') == 18


def test_the_producer_sees_the_development_in_the_passport_without_edit_links(
    client_for, plans_world
):
    url = reverse("registry:product", args=[plans_world["product_a"].pk])
    a = plans_world["a"]
    html = client_for("producer_a").get(url).content.decode()
    section = html.split('id="development"')[1].split("</section>")[0]
    assert "ออกแบบบรรจุภัณฑ์ใหม่" in section and "จัดอบรมออกแบบกล่อง" in section
    assert reverse("programmes:evidence_file", args=[a["evidence"].pk]) in section
    assert reverse("programmes:prototype_photo", args=[a["version"].pk, "before"]) in section
    assert participant_url(plans_world) not in html and "/edit/" not in section
    officer = client_for("officer_a").get(url).content.decode()
    assert participant_url(plans_world) in officer


def test_the_passport_lists_the_projects_newest_first(client_for, plans_world, geo):
    earlier = make_project(geo["50"], 2563)
    Decision.objects.create(project=earlier, product=plans_world["product_a"], status="SELECTED")
    html = client_for("officer_a").get(
        reverse("registry:product", args=[plans_world["product_a"].pk])
    )
    text = html.content.decode()
    assert text.index('data-testid="development-2565"') < text.index(
        'data-testid="development-2563"'
    )


def test_the_history_of_a_plan_item_is_readable_in_its_province(client_for, plans_world):
    item = plans_world["a"]["item"]
    url = reverse("accounts:history", args=["programmes.planitem", item.pk])
    assert client_for("officer_a").get(url).status_code == 200
    assert client_for("officer_b").get(url).status_code == 404
