"""Two people editing the same plan item or selection decision from the same starting point:
the first save wins, the second is told who changed it and when, keeps what they typed, and
nothing is overwritten."""

import re

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.urls import reverse

from kbo.core.locking import StaleEdit
from kbo.programmes import plans
from kbo.programmes.models import Decision, PlanItem
from tests.core.test_locking import STALE_TH, opened, run_together


def test_the_second_save_of_a_plan_item_is_refused_and_keeps_their_values(
    client_for, people, plans_world
):
    item = plans_world["a"]["item"]
    url = reverse("programmes:plan_item_edit", args=[item.pk])
    first, second = client_for("officer_a"), client_for("committee_a")
    mine, theirs = opened(first, url), opened(second, url)
    assert mine["version"] == theirs["version"] == "1"

    assert first.post(url, {**mine, "status": "UNDERWAY", "result": "เริ่มแล้ว"}).status_code == 302
    response = second.post(url, {**theirs, "status": "DONE", "result": "ได้กล่องใหม่ 200 ใบ"})

    assert response.status_code == 409
    html = response.content.decode()
    assert STALE_TH in html and "สมชาย" in html  # officer_a's first name
    form = response.context["form"]
    assert form["result"].value() == "ได้กล่องใหม่ 200 ใบ" and form["status"].value() == "DONE"
    assert "ค่าที่บันทึกไว้ล่าสุด: เริ่มแล้ว" in html  # the saved value beside theirs
    assert form["version"].value() == "2"  # saving again replaces it, knowingly
    item.refresh_from_db()
    assert (item.status, item.result, item.version) == ("UNDERWAY", "เริ่มแล้ว", 2)
    change = LogEntry.objects.get_for_object(item).order_by("-timestamp", "-pk").first()
    assert change.actor == people["officer_a"] and "result" in change.changes_dict

    again = second.post(url, {**theirs, "version": "2", "status": "DONE", "result": "ครบ"})
    assert again.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.result, item.version) == ("DONE", "ครบ", 3)


def test_a_single_edit_of_a_plan_item_saves_and_counts_the_version(client_for, plans_world):
    item = plans_world["a"]["item"]
    url = reverse("programmes:plan_item_edit", args=[item.pk])
    client = client_for("officer_a")
    assert client.post(url, {**opened(client, url), "result": "หนึ่ง"}).status_code == 302
    assert client.post(url, {**opened(client, url), "result": "สอง"}).status_code == 302
    item.refresh_from_db()
    assert (item.result, item.version) == ("สอง", 3)


def version_on_page(html: str, product_pk: int) -> str:
    row = re.search(rf'<tr id="p-{product_pk}">.*?</tr>', html, re.S)
    assert row, product_pk
    found = re.search(r'name="version" value="(\d+)"', row.group(0))
    assert found
    return found.group(1)


def test_the_second_decision_on_a_candidate_is_refused_and_keeps_their_choice(
    client_for, people, plans_world
):
    project, product = plans_world["project_a"], plans_world["product_a"]
    page = reverse("programmes:project", args=[project.pk])
    url = reverse("programmes:decide", args=[project.pk, product.pk])
    first, second = client_for("officer_a"), client_for("national")
    mine = version_on_page(first.get(page).content.decode(), product.pk)
    theirs = version_on_page(second.get(page).content.decode(), product.pk)
    assert mine == theirs == "1"

    done = first.post(url, {"status": "RESERVE", "reason": "รอปีหน้า", "version": mine})
    assert done.status_code == 302
    response = second.post(
        url, {"status": "NOT_SELECTED", "reason": "ไม่ตรงเกณฑ์ดาว", "version": theirs}
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert STALE_TH in html and "สมชาย" in html
    assert 'value="ไม่ตรงเกณฑ์ดาว"' in html  # their reason, still to send
    assert '<option value="NOT_SELECTED" selected>' in html
    assert "รอปีหน้า" in html  # the decision saved meanwhile, beside it
    assert 'name="version" value="2"' in html
    decision = Decision.objects.get(project=project, product=product)
    assert (decision.status, decision.reason, decision.version) == ("RESERVE", "รอปีหน้า", 2)
    assert decision.decided_by == people["officer_a"]


def test_two_first_decisions_on_an_undecided_candidate_do_not_overwrite(
    client_for, people, plans_world
):
    from tests.contests.conftest import make_product

    project = plans_world["project_a"]
    product = make_product(project.province, 77)
    product.__class__.objects.filter(pk=product.pk).update(current_stars=2, current_star_year=2565)
    page = reverse("programmes:project", args=[project.pk])
    url = reverse("programmes:decide", args=[project.pk, product.pk])
    first, second = client_for("officer_a"), client_for("national")
    assert version_on_page(first.get(page).content.decode(), product.pk) == "0"
    assert first.post(url, {"status": "SELECTED", "version": "0"}).status_code == 302
    response = second.post(url, {"status": "RESERVE", "version": "0"})
    assert response.status_code == 409
    assert Decision.objects.get(project=project, product=product).status == "SELECTED"


def test_a_decision_without_a_version_is_recorded_as_before(client_for, plans_world):
    project, product = plans_world["project_a"], plans_world["product_a"]
    url = reverse("programmes:decide", args=[project.pk, product.pk])
    assert client_for("officer_a").post(url, {"status": "RESERVE"}).status_code == 302
    decision = Decision.objects.get(project=project, product=product)
    assert (decision.status, decision.version) == ("RESERVE", 2)


@pytest.mark.django_db(transaction=True)
def test_two_writers_at_the_same_moment_one_wins_and_one_is_refused(people, plans_world):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's in-memory test database takes one writer at a time")
    item_pk = plans_world["a"]["item"].pk

    def save_as(user, result):
        def job():
            item = PlanItem.objects.select_related("decision__project").get(pk=item_pk)
            item.result = result
            return plans.plan_item_save(by=user, item=item, version=1).result

        return job

    results, errors = run_together(
        [save_as(people["officer_a"], "คนแรก"), save_as(people["committee_a"], "คนที่สอง")]
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], StaleEdit) and errors[0].version == 2
    item = PlanItem.objects.get(pk=item_pk)
    assert (item.result, item.version) == (results[0], 2)
