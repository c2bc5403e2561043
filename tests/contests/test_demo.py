"""The demo contests (`kbo demo`): Chiang Mai's KBO CM CONTEST 2563 with its winner forwarded
to the national contest, and the national contest of 2556 whose final gives the podium of the
Chiang Mai article; the same rows on every run."""

import pytest
from django.db import transaction

from kbo.accounts import demo as accounts_demo
from kbo.contests import demo
from kbo.contests.models import (
    ConflictDeclaration,
    Contest,
    Entry,
    JudgeAssignment,
    Panel,
    Score,
    ScoreSheet,
)
from kbo.contests.results import contest_results, panel_results
from kbo.geo.services import geo_load
from kbo.network import demo as network_demo
from kbo.programmes import demo as programmes_demo
from kbo.programmes.models import Prototype
from kbo.registry import demo as registry_demo

pytestmark = pytest.mark.django_db

MODELS = [Contest, Panel, Entry, JudgeAssignment, ConflictDeclaration, ScoreSheet, Score]


def rows() -> dict[str, list]:
    return {m.__name__: list(m.objects.order_by("pk").values_list()) for m in MODELS}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The other demos, then the contests' demo twice, once for this module."""
    with django_db_blocker.unblock(), transaction.atomic():
        geo_load()
        accounts_demo.load()
        registry_demo.load()
        network_demo.load()
        programmes_demo.load()
        first = demo.load()
        before = rows()
        second = demo.load()
        yield {"first": first, "second": second, "before": before, "after": rows()}  # fmt: skip
        transaction.set_rollback(True)


def contest(year: int, kind: str) -> Contest:
    return Contest.objects.get(fiscal_year=year, kind=kind)


def test_it_counts_what_it_made(loaded):
    assert loaded["first"] == {
        "contests": 3, "panels": 7, "entries": 7 + 12 + 6, "judges": 4 + 3 + 3 + 5,
        "sheets": 4 * 6 - 1 + 12 * 3 + 6 * 5, "scores": (4 * 6 - 1 + 12 * 3 + 6 * 5) * 8,
    }  # fmt: skip


def test_a_second_run_changes_nothing(loaded):
    assert loaded["second"] == loaded["first"]
    assert loaded["after"] == loaded["before"]


def test_chiang_mai_chooses_its_representative_from_the_2563_cohort(loaded):
    cm = contest(2563, "PROVINCIAL")
    assert cm.province.code == "50" and cm.status == Contest.Status.PUBLISHED
    entries = list(cm.entries.select_related("decision__project"))
    assert len(entries) == 6 and {e.province.code for e in entries} == {"50"}
    assert {(e.decision.project.fiscal_year, e.decision.status) for e in entries} == {
        (2563, "SELECTED")
    }
    assert cm.judges.count() == 4 and cm.criteria.count() == 8
    assert ScoreSheet.objects.filter(entry__contest=cm, submitted_at__isnull=True).count() == 0
    declared = ConflictDeclaration.objects.get(entry__contest=cm)
    assert not ScoreSheet.objects.filter(entry=declared.entry, judge=declared.judge).exists()


def test_the_chiang_mai_winner_is_forwarded_to_the_national_contest(loaded):
    cm = contest(2563, "PROVINCIAL")
    winner = panel_results(cm.panels.get()).entries[0]
    assert winner.rank == 1 and winner.tier == "WINNER"
    assert Prototype.objects.filter(decision=winner.entry.decision).exists()  # the article's
    national = contest(2563, "NATIONAL")
    [forwarded] = national.entries.all()
    assert forwarded.forwarded_from_id == winner.entry.pk
    assert forwarded.product_id == winner.entry.product_id
    assert national.status == Contest.Status.DRAFT


def test_the_2556_national_contest_has_regional_rounds_and_a_final(loaded):
    national = contest(2556, "NATIONAL")
    assert national.status == Contest.Status.PUBLISHED and national.level == "NATION"
    rounds = list(national.panels.filter(stage="ROUND").prefetch_related("regions"))
    assert sorted(sorted(r.code for r in p.regions.all()) for p in rounds) == [
        ["central_east", "south"], ["north", "northeast"],
    ]  # fmt: skip
    final = national.panels.get(stage="FINAL")
    assert final.entries.count() == 6
    assert all(e.forwarded_from.panel.stage == "ROUND" for e in final.entries.all())


@pytest.mark.parametrize("normalisation", ["NONE", "ZSCORE"])
def test_the_2556_final_reproduces_the_articles_podium(loaded, normalisation):
    national = contest(2556, "NATIONAL")
    [*_rounds, final] = sorted(
        contest_results(national, normalisation), key=lambda p: p.panel.stage == "FINAL"
    )
    podium = [(r.tier, r.entry.province.code, r.entry.title) for r in final.entries[:3]]
    assert [(tier, code) for tier, code, _ in podium] == [
        ("WINNER", "15"), ("RUNNER_UP_1", "15"), ("RUNNER_UP_2", "51"),
    ]  # fmt: skip
    assert "ต้นกล้วย" in podium[0][2] and "เศษไม้" in podium[1][2] and "ลำไย" in podium[2][2]
    assert all(not r.tie_break for r in final.entries[:3])


def test_the_chiang_mai_dolls_did_not_reach_the_final(loaded):
    national = contest(2556, "NATIONAL")
    dolls = national.entries.get(province__code="50")
    result = panel_results(dolls.panel)
    ranks = {r.entry.pk: r.rank for r in result.entries}
    assert ranks[dolls.pk] > dolls.panel.advance
    assert not dolls.forwarded_to.exists()
