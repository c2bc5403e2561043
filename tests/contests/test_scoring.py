"""Scoring rules: bounds, conflicts (declared and detected), stages, the frozen rubric,
who may score, submitting, and nothing half-written on error."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kbo.accounts.models import Role
from kbo.contests import services
from kbo.contests.models import Contest, Criterion, Entry, Panel, Score, ScoreSheet
from kbo.contests.results import panel_results
from tests.conftest import make_user
from tests.contests.conftest import make_product, scores_of


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English (Thai comes from the catalogue)."""
    with translation.override("en"):
        yield


@pytest.fixture
def w(contest_world):
    return contest_world


def j(w, n):
    return w["judges"][n - 1]


def e(w, n):
    return w["entries"][n - 1]


# Bounds and input ------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["11", "-1", "abc", "7.125"])
def test_a_value_out_of_bounds_names_the_criterion_and_stores_nothing(w, bad):
    contest = w["contest"]
    packaging = contest.criteria.get(order=3)
    scores = scores_of(contest, 7)
    scores[packaging.pk] = (bad, "")
    with pytest.raises(ValidationError) as caught:
        services.sheet_save(by=j(w, 3), entry=e(w, 1), scores=scores)
    errors = caught.value.message_dict
    assert list(errors) == [f"criterion_{packaging.pk}"]
    assert packaging.name in errors[f"criterion_{packaging.pk}"][0]
    assert not ScoreSheet.objects.exists() and not Score.objects.exists()


def test_the_bounds_themselves_are_accepted(w):
    contest = w["contest"]
    first, second, *rest = contest.criteria.order_by("order")
    scores = {first.pk: ("0", ""), second.pk: (10, "สวยมาก")} | {c.pk: ("7.5", "") for c in rest}
    sheet = services.sheet_save(by=j(w, 3), entry=e(w, 1), scores=scores, submit=True)
    stored = {s.criterion_id: s for s in sheet.scores.all()}
    assert stored[first.pk].value == Decimal("0") and stored[second.pk].value == Decimal("10")
    assert stored[second.pk].comment == "สวยมาก" and sheet.submitted_at is not None


def test_an_unknown_criterion_is_refused(w, geo):
    other = services.contest_create(
        by=w["officer"],
        contest=Contest(
            kind="PROVINCIAL", level="PROVINCE", name="อื่น", fiscal_year=2566, province=geo["50"]
        ),
    )
    foreign = other.criteria.first()
    scores = scores_of(w["contest"], 7) | {foreign.pk: (5, "")}
    with pytest.raises(ValidationError) as caught:
        services.sheet_save(by=j(w, 3), entry=e(w, 1), scores=scores)
    assert f"criterion_{foreign.pk}" in caught.value.message_dict
    assert not Score.objects.exists()


def test_submit_needs_every_criterion_and_keeps_what_was_saved(w):
    contest = w["contest"]
    criteria = list(contest.criteria.order_by("order"))
    part = {c.pk: (6, "") for c in criteria[:5]}
    sheet = services.sheet_save(by=j(w, 3), entry=e(w, 1), scores=part)
    assert sheet.submitted_at is None and sheet.scores.count() == 5
    with pytest.raises(ValidationError) as caught:
        services.sheet_save(
            by=j(w, 3), entry=e(w, 1), scores={criteria[0].pk: (9, "")}, submit=True
        )
    assert set(caught.value.message_dict) == {f"criterion_{c.pk}" for c in criteria[5:]}
    sheet.refresh_from_db()
    assert sheet.submitted_at is None
    assert sheet.scores.get(criterion=criteria[0]).value == 6  # the refused 9 was not written
    rest = {c.pk: (8, "") for c in criteria[5:]}
    sheet = services.sheet_save(by=j(w, 3), entry=e(w, 1), scores=rest, submit=True)
    assert sheet.submitted_at is not None and sheet.scores.count() == 8
    assert ScoreSheet.objects.count() == 1


def test_clearing_a_score_unsubmits_the_sheet(w):
    contest = w["contest"]
    first = contest.criteria.get(order=1)
    services.sheet_save(by=j(w, 3), entry=e(w, 1), scores=scores_of(contest, 7), submit=True)
    sheet = services.sheet_save(by=j(w, 3), entry=e(w, 1), scores={first.pk: ("", "")})
    assert sheet.submitted_at is None and sheet.scores.count() == 7


# Conflicts ---------------------------------------------------------------------------------


def test_a_declared_conflict_is_refused_with_its_reason(w):
    with pytest.raises(PermissionDenied, match="ญาติของผู้ผลิต"):
        services.sheet_save(by=j(w, 1), entry=e(w, 2), scores=scores_of(w["contest"], 7))
    assert not ScoreSheet.objects.exists()


def test_working_for_the_producer_is_detected(w):
    found = services.conflicts(w["contest"])
    reasons = found[(j(w, 2).pk, e(w, 3).pk)]
    assert any(e(w, 3).product.producer.name in r for r in reasons)
    with pytest.raises(PermissionDenied):
        services.sheet_save(by=j(w, 2), entry=e(w, 3), scores=scores_of(w["contest"], 7))
    assert set(found) == {(j(w, 1).pk, e(w, 2).pk), (j(w, 2).pk, e(w, 3).pk)}


def develop(product, people, source, *, need=False, plan=False):
    from kbo.programmes.models import Decision, Need, PlanItem, Project

    project, _ = Project.objects.get_or_create(
        province=product.province, fiscal_year=2565, defaults={"name": "โครงการ KBO"}
    )
    decision = Decision.objects.create(
        project=project, product=product, status="SELECTED", decided_by=people["officer_a"]
    )
    if need:
        Need.objects.create(
            decision=decision, area="PACKAGING", description="ฉลาก", assigned_source=source
        )
    if plan:
        PlanItem.objects.create(
            decision=decision, area="DESIGN", action="ออกแบบ", responsible=source
        )
    return decision


@pytest.mark.parametrize("kind", ["need", "plan"])
def test_the_expert_who_developed_the_product_is_detected(w, people, kbo_network, kind):
    source = kbo_network["source_a"]
    develop(e(w, 4).product, people, source, **{kind: True})
    services.judge_assign(by=w["officer"], contest=w["contest"], judge=j(w, 3), source=source)
    reasons = services.conflicts(w["contest"])[(j(w, 3).pk, e(w, 4).pk)]
    assert len(reasons) == 1
    with pytest.raises(PermissionDenied):
        services.sheet_save(by=j(w, 3), entry=e(w, 4), scores=scores_of(w["contest"], 7))
    services.sheet_save(by=j(w, 3), entry=e(w, 5), scores=scores_of(w["contest"], 7))


def test_a_producers_account_is_detected(w):
    e(w, 6).product.producer.accounts.add(j(w, 4))
    assert (j(w, 4).pk, e(w, 6).pk) in services.conflicts(w["contest"])


def national(people, geo, entries_from):
    contest = services.contest_create(
        by=people["national"],
        contest=Contest(kind="NATIONAL", level="NATION", name="KBO จังหวัดดีเด่น", fiscal_year=2565),
    )
    final = services.panel_save(
        by=people["national"], panel=Panel(contest=contest, name="รอบชิงชนะเลิศ", stage="FINAL")
    )
    entries = [
        services.entry_add(by=people["national"], contest=contest, panel=final, product=p)
        for p in entries_from
    ]
    return contest, final, entries


def test_a_committee_seat_of_the_entry_province_is_detected_in_a_national_round(
    people, geo, kbo_network, registry
):
    contest, _final, (entry_a, _entry_b) = national(
        people, geo, [registry["product_a"], registry["product_b"]]
    )
    judge = people["judge_a"]
    services.judge_assign(
        by=people["national"], contest=contest, judge=judge, source=kbo_network["source_a"]
    )
    found = services.conflicts(contest)
    assert list(found) == [(judge.pk, entry_a.pk)]
    assert kbo_network["network_a"].name in found[(judge.pk, entry_a.pk)][0]
    # A seat of an old term does not count.
    from kbo.network.models import Term

    Term.objects.create(network=kbo_network["network_a"], starts_on=dt.date(2023, 10, 1))
    assert services.conflicts(contest) == {}


def test_committee_seats_do_not_count_in_a_provincial_contest(w, kbo_network):
    services.judge_assign(
        by=w["officer"], contest=w["contest"], judge=j(w, 5), source=kbo_network["source_a"]
    )
    assert (j(w, 5).pk, e(w, 1).pk) not in services.conflicts(w["contest"])


def test_conflicts_take_a_fixed_number_of_queries(w, people, kbo_network, geo):
    source = kbo_network["source_a"]
    services.judge_assign(by=w["officer"], contest=w["contest"], judge=j(w, 3), source=source)
    with CaptureQueriesContext(connection) as before:
        services.conflicts(w["contest"])
    contest = Contest.objects.get(pk=w["contest"].pk)
    contest.status = "DRAFT"
    contest.save()
    for n in range(20, 26):
        product = make_product(geo["50"], n)
        develop(product, people, source, need=True, plan=True)
        services.entry_add(by=w["officer"], contest=contest, panel=w["panel"], product=product)
    with CaptureQueriesContext(connection) as after:
        found = services.conflicts(contest)
    assert len(after) == len(before)
    assert sum(1 for judge, _e in found if judge == j(w, 3).pk) == 6


def test_a_conflicted_judge_is_left_out_of_the_progress_board(w):
    rows = {row["judge"].pk: row for row in services.progress(w["contest"])}
    assert rows[j(w, 1).pk]["to_score"] == 7 and rows[j(w, 1).pk]["conflicted"] == [e(w, 2)]
    services.sheet_save(by=j(w, 3), entry=e(w, 1), scores=scores_of(w["contest"], 7), submit=True)
    services.sheet_save(by=j(w, 3), entry=e(w, 2), scores=scores_of(w["contest"], 7))
    row = {row["judge"].pk: row for row in services.progress(w["contest"])}[j(w, 3).pk]
    assert (row["to_score"], row["submitted"], row["started"]) == (8, 1, 1)
    assert e(w, 1) not in row["not_finished"] and e(w, 2) in row["not_finished"]


# Who may score, and when -------------------------------------------------------------------


def test_a_judge_not_on_the_panel_is_refused(w, people, geo):
    contest = w["contest"]
    contest.status = "DRAFT"
    contest.save()
    other_panel = services.panel_save(
        by=w["officer"], panel=Panel(contest=contest, name="อีกคณะ", stage="ROUND")
    )
    outsider = make_user("judge_x", Role.JUDGE, geo["50"])
    services.judge_assign(by=w["officer"], contest=contest, judge=outsider, panel=other_panel)
    contest.status = "OPEN"
    contest.save()
    for user in (outsider, people["officer_a"]):
        with pytest.raises(PermissionDenied):
            services.sheet_save(by=user, entry=e(w, 1), scores=scores_of(contest, 7))
    assert not ScoreSheet.objects.exists()


def test_only_judges_can_be_assigned(w, people):
    with pytest.raises(ValidationError) as caught:
        services.judge_assign(by=w["officer"], contest=w["contest"], judge=people["producer_a"])
    assert "judge" in caught.value.message_dict


@pytest.mark.parametrize("status", ["DRAFT", "CLOSED", "PUBLISHED"])
def test_scoring_outside_the_open_stage_is_refused(w, status):
    Contest.objects.filter(pk=w["contest"].pk).update(status=status)
    with pytest.raises(PermissionDenied):
        services.sheet_save(by=j(w, 3), entry=e(w, 1), scores=scores_of(w["contest"], 7))
    assert not ScoreSheet.objects.exists()


def test_a_closed_contest_keeps_the_sheets_as_they_were(w):
    contest = w["contest"]
    services.sheet_save(by=j(w, 3), entry=e(w, 1), scores=scores_of(contest, 7), submit=True)
    services.close(by=w["officer"], contest=contest)
    with pytest.raises(PermissionDenied):
        services.sheet_save(by=j(w, 3), entry=e(w, 1), scores=scores_of(contest, 2))
    assert set(Score.objects.values_list("value", flat=True)) == {Decimal("7")}


def test_the_stages_go_in_order(people, geo, w):
    officer = w["officer"]
    contest = w["contest"]
    with pytest.raises(ValidationError):
        services.publish(by=officer, contest=contest)  # still open
    with pytest.raises(PermissionDenied):
        services.close(by=people["officer_b"], contest=contest)  # another province's officer
    services.close(by=officer, contest=contest)
    assert contest.closed_at is not None and contest.scores_visible
    with pytest.raises(ValidationError):
        services.open_scoring(by=officer, contest=contest)
    services.publish(by=officer, contest=contest)
    contest.refresh_from_db()
    assert contest.status == "PUBLISHED" and contest.published_at is not None


def test_scoring_opens_only_with_criteria_entries_and_judges(people, geo):
    officer = people["officer_a"]
    contest = services.contest_create(
        by=officer,
        contest=Contest(
            kind="PROVINCIAL", level="PROVINCE", name="ว่าง", fiscal_year=2565, province=geo["50"]
        ),
    )
    assert contest.criteria.count() == 8 and contest.panels.count() == 1
    with pytest.raises(ValidationError, match="entries"):
        services.open_scoring(by=officer, contest=contest)
    contest.refresh_from_db()
    assert contest.status == "DRAFT" and contest.opened_at is None


def test_the_rubric_is_frozen_once_scoring_opens(w):
    criterion = w["contest"].criteria.get(order=1)
    criterion.weight = 50
    with pytest.raises(ValidationError, match="frozen"):
        services.criterion_save(by=w["officer"], criterion=criterion)
    with pytest.raises(ValidationError, match="frozen"):
        services.criterion_save(
            by=w["officer"], criterion=Criterion(contest=w["contest"], name="ใหม่")
        )
    with pytest.raises(ValidationError, match="frozen"):
        services.criterion_delete(by=w["officer"], criterion=criterion)
    assert Criterion.objects.get(pk=criterion.pk).weight == 20
    assert w["contest"].criteria.count() == 8


def test_the_rubric_can_be_edited_while_preparing(people, geo):
    officer = people["officer_a"]
    contest = services.contest_create(
        by=officer,
        contest=Contest(
            kind="PROVINCIAL", level="PROVINCE", name="ร่าง", fiscal_year=2565, province=geo["50"]
        ),
    )
    criterion = contest.criteria.get(order=8)
    services.criterion_delete(by=officer, criterion=criterion)
    with pytest.raises(PermissionDenied):
        services.criterion_save(
            by=people["officer_b"], criterion=Criterion(contest=contest, name="ไม่ได้")
        )
    services.criterion_save(by=officer, criterion=Criterion(contest=contest, name="เรื่องเล่า"))
    assert contest.criteria.count() == 8


# Entries -------------------------------------------------------------------------------------


def test_a_provincial_contest_takes_only_its_provinces_products(w, registry):
    with pytest.raises(ValidationError) as caught:
        services.entry_add(
            by=w["officer"], contest=w["contest"], panel=w["panel"], product=registry["product_b"]
        )
    assert "product" in caught.value.message_dict
    entry = services.entry_add(
        by=w["officer"], contest=w["contest"], panel=w["panel"], product=registry["product_a"]
    )
    assert entry.number == 9 and entry.province == registry["product_a"].province


def test_an_entry_links_the_products_selection_of_the_year(w, people, geo, kbo_network):
    product = make_product(geo["50"], 30)
    decision = develop(product, people, kbo_network["source_a"])
    entry = services.entry_add(
        by=w["officer"], contest=w["contest"], panel=w["panel"], product=product
    )
    assert entry.decision == decision


def test_the_winner_is_forwarded_keeping_its_history(w, people, geo):
    contest = w["contest"]
    for judge in w["judges"][2:]:
        services.sheet_save(by=judge, entry=e(w, 4), scores=scores_of(contest, 9), submit=True)
    target, final, _entries = national(people, geo, [])
    with pytest.raises(ValidationError):  # the provincial contest is still open
        services.entry_forward(by=w["officer"], entry=e(w, 4), to_contest=target, panel=final)
    services.close(by=w["officer"], contest=contest)
    assert panel_results(w["panel"]).entries[0].entry == e(w, 4)
    with pytest.raises(ValidationError):  # unscored, so not ranked
        services.entry_forward(by=w["officer"], entry=e(w, 5), to_contest=target, panel=final)
    with pytest.raises(PermissionDenied):
        services.entry_forward(
            by=people["officer_b"], entry=e(w, 4), to_contest=target, panel=final
        )
    new = services.entry_forward(by=w["officer"], entry=e(w, 4), to_contest=target, panel=final)
    assert new.forwarded_from == e(w, 4) and new.product == e(w, 4).product
    assert new.contest == target and new.number == 1
    assert list(e(w, 4).forwarded_to.all()) == [new]
    with pytest.raises(ValidationError):  # once only
        services.entry_forward(by=w["officer"], entry=e(w, 4), to_contest=target, panel=final)
    assert Entry.objects.filter(contest=target).count() == 1


def test_entries_for_judge_are_their_panels(w):
    assert services.entries_for_judge(j(w, 1), w["contest"]) == w["entries"]
    assert services.entries_for_judge(w["officer"], w["contest"]) == []
