"""5 judges × 8 entries with two conflicts give the results docs/contests.md describes.

Every sheet but one gives the same score on all eight criteria, so a judge's weighted
total on the default rubric (weights 20+15+15+10+10+10+10+10 = 100, scored 0–10) is
10 × that score. J2 is two points harsher than the others on every entry.

            E1   E2   E3   E4   E5   E6   E7   E8
    J1       9    X    7   7.3   6    6    4    4     X: declared conflict
    J2       7    6    X   5.3   4    4    2    2     X: detected (works for the producer)
    J3       9    8    7   7.3  6*    6    4    4     *: identity 7, price 5, usefulness 5,
    J4       9    8    7   7.3   6    6    4    4        the rest 6 → total still 60
    J5       9    8    7   7.3   6    6    4    4
"""

import statistics
from decimal import Decimal

import pytest
from django.utils import translation

from kbo.contests import services
from kbo.contests.models import Contest
from kbo.contests.results import (
    Tier,
    contest_results,
    contests_results,
    panel_results,
    published_placings,
    weighted_total,
)
from tests.contests.conftest import scores_of

D = Decimal
GRID = [
    [9, None, 7, D("7.3"), 6, 6, 4, 4],
    [7, 6, None, D("5.3"), 4, 4, 2, 2],
    [9, 8, 7, D("7.3"), 6, 6, 4, 4],
    [9, 8, 7, D("7.3"), 6, 6, 4, 4],
    [9, 8, 7, D("7.3"), 6, 6, 4, 4],
]


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English (Thai comes from the catalogue)."""
    with translation.override("en"):
        yield


@pytest.fixture
def scored(contest_world):
    contest = contest_world["contest"]
    for j, judge in enumerate(contest_world["judges"]):
        for e, entry in enumerate(contest_world["entries"]):
            value = GRID[j][e]
            if value is None:
                continue
            extra = {"o1": 7, "o4": 5, "o5": 5} if (j, e) == (2, 4) else {}
            services.sheet_save(
                by=judge, entry=entry, scores=scores_of(contest, value, **extra), submit=True
            )
    services.close(by=contest_world["officer"], contest=contest)
    return contest_world


def by_number(result):
    return {r.entry.number: r for r in result.entries}


def test_a_judges_total_is_the_weighted_sum(contest_world):
    contest = contest_world["contest"]
    values = {cid: D(v) for cid, (v, _n) in scores_of(contest, 6, o1=7, o4=5, o5=5).items()}
    # 20×7/10 + 15×6/10 + 15×6/10 + 10×5/10 + 10×5/10 + 3 × 10×6/10
    assert weighted_total(contest, values) == D(14 + 9 + 9 + 5 + 5 + 18)


def test_raw_scores_are_means_over_the_judges_without_conflicts(scored):
    result = panel_results(scored["panel"], Contest.Normalisation.NONE)
    rows = by_number(result)
    j1, j2 = (judge.pk for judge in scored["judges"][:2])
    assert rows[1].raw_mean == D("86.00")  # (90 + 70 + 90 + 90 + 90) / 5
    assert rows[2].score == D("75.00")  # J1 conflicted: (60 + 80 + 80 + 80) / 4
    assert rows[2].conflicted_judges == [j1] and j1 not in rows[2].judge_totals
    assert rows[3].score == D("70.00")  # J2 conflicted: 280 / 4
    assert rows[3].conflicted_judges == [j2]
    assert rows[4].score == D("69.00")  # (73 + 53 + 73 + 73 + 73) / 5
    assert rows[5].score == rows[6].score == D("56.00")  # (60 + 40 + 60 + 60 + 60) / 5
    assert rows[7].score == rows[8].score == D("36.00")
    assert [r.entry.number for r in result.entries] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [r.rank for r in result.entries] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [r.tier for r in result.entries] == [
        Tier.WINNER,
        Tier.RUNNER_UP_1,
        Tier.RUNNER_UP_2,
        Tier.HONOURABLE,
        Tier.HONOURABLE,
        "",
        "",
        "",
    ]


def test_a_tie_is_broken_by_the_heaviest_criterion_then_the_entry_number(scored):
    rows = by_number(panel_results(scored["panel"], Contest.Normalisation.NONE))
    identity = scored["contest"].criteria.get(order=1)
    # Identity means: entry 5 (6 + 4 + 7 + 6 + 6) / 5 = 5.80, entry 6 (6 + 4 + 6 + 6 + 6) / 5.
    assert rows[5].criterion_means[identity.pk] == D("5.80")
    assert rows[6].criterion_means[identity.pk] == D("5.60")
    assert rows[5].rank == 5 and rows[6].rank == 6
    assert identity.name in rows[5].tie_break and "5.80" in rows[5].tie_break
    assert "no. 6" in rows[5].tie_break and "no. 5" in rows[6].tie_break
    # Entries 7 and 8 are equal on every criterion: the lower number goes first.
    assert rows[7].rank == 7 and rows[8].rank == 8
    assert "entry number" in rows[7].tie_break
    assert rows[1].tie_break == ""


def expected_zscores() -> dict[int, float]:
    """The documented normalisation computed independently from GRID (floats)."""
    totals = {
        (j, e): float(GRID[j][e]) * 10 for j in range(5) for e in range(8) if GRID[j][e] is not None
    }
    overall = list(totals.values())
    mean, sd = statistics.mean(overall), statistics.pstdev(overall)
    rescaled: dict[int, list[float]] = {e: [] for e in range(8)}
    for j in range(5):
        mine = [t for (jj, _e), t in totals.items() if jj == j]
        jm, jsd = statistics.mean(mine), statistics.pstdev(mine)
        for (jj, e), t in totals.items():
            if jj == j:
                rescaled[e].append(min(max(mean + (t - jm) / jsd * sd, 0), 100))
    return {e + 1: statistics.mean(values) for e, values in rescaled.items()}


def test_normalised_scores_take_out_a_harsh_judge(scored):
    result = panel_results(scored["panel"], Contest.Normalisation.ZSCORE)
    rows = by_number(result)
    for number, value in expected_zscores().items():
        assert float(rows[number].score) == pytest.approx(value, abs=0.006)
        assert rows[number].raw_mean is not None
    # Raw, entry 3 passed entry 4 only because the harsh judge J2 did not score it;
    # normalised, entry 4 (7.3 from every other judge against 7) comes first.
    assert rows[4].score > rows[3].score
    assert [r.entry.number for r in result.entries] == [1, 2, 4, 3, 5, 6, 7, 8]
    assert rows[4].tier == Tier.RUNNER_UP_2 and rows[3].tier == Tier.HONOURABLE
    # The tie between 5 and 6 survives normalisation and is broken the same way.
    assert rows[5].score == rows[6].score and rows[5].rank == 5
    assert result.normalisation == Contest.Normalisation.ZSCORE
    assert "z-score" in result.method


def test_the_contests_setting_is_the_default(scored):
    contest = scored["contest"]
    contest.normalisation = Contest.Normalisation.ZSCORE
    contest.save()
    [result] = contest_results(contest)
    assert [r.entry.number for r in result.entries][:4] == [1, 2, 4, 3]


def test_results_of_several_contests_at_once_are_each_contests_own(scored):
    contest, officer = scored["contest"], scored["officer"]
    other = services.contest_create(
        by=officer,
        contest=Contest(
            kind=Contest.Kind.PROVINCIAL, level=Contest.Level.PROVINCE, name="อีกรายการ",
            fiscal_year=2566, province=contest.province,
            normalisation=Contest.Normalisation.ZSCORE,
        ),
    )  # fmt: skip
    # Entry 3's product again; judge 2 works for its producer only in the first contest.
    again = services.entry_add(
        by=officer, contest=other, panel=other.panels.get(),
        product=scored["entries"][2].product,
    )  # fmt: skip
    judge = scored["judges"][1]
    services.judge_assign(by=officer, contest=other, judge=judge)

    def rows(panels):
        return [
            (r.entry.pk, r.score, r.rank, r.tier, r.conflicted_judges, p.agreement, p.method)
            for p in panels
            for r in p.entries
        ]

    both = contests_results([contest, other])
    assert rows(both[contest.pk]) == rows(contest_results(contest))
    assert rows(both[other.pk]) == rows(contest_results(other))
    assert [r.entry for r in both[other.pk][0].entries] == [again]
    assert both[other.pk][0].entries[0].conflicted_judges == []
    assert both[other.pk][0].normalisation == Contest.Normalisation.ZSCORE


def test_agreement_is_kendalls_w_over_the_entries_without_conflicts(scored):
    # Entries 2 and 3 have conflicts; the judges rank the other six identically (ties
    # included), so W = 1.
    result = panel_results(scored["panel"])
    assert result.agreement == 1.0
    assert "Kendall" in result.method


def test_agreement_falls_when_judges_disagree(contest_world):
    contest = contest_world["contest"]
    j3, j4 = contest_world["judges"][2:4]
    e5, e6, e7 = contest_world["entries"][4:7]
    # Two judges, three entries, opposite orders: rank sums 4, 4, 4 → S = 0 → W = 0.
    for judge, values in ((j3, (9, 6, 3)), (j4, (3, 6, 9))):
        for entry, value in zip((e5, e6, e7), values, strict=True):
            services.sheet_save(
                by=judge, entry=entry, scores=scores_of(contest, value), submit=True
            )
    assert panel_results(contest_world["panel"]).agreement == 0.0


def test_unsubmitted_and_unscored_entries_have_no_rank(contest_world):
    contest = contest_world["contest"]
    j3 = contest_world["judges"][2]
    e1, e2 = contest_world["entries"][:2]
    services.sheet_save(by=j3, entry=e1, scores=scores_of(contest, 8), submit=True)
    services.sheet_save(by=j3, entry=e2, scores=scores_of(contest, 9))  # saved, not submitted
    result = panel_results(contest_world["panel"])
    assert result.entries[0].entry == e1 and result.entries[0].rank == 1
    assert result.entries[0].score == D("80.00")
    assert all(r.rank is None and r.score is None for r in result.entries[1:])
    assert result.agreement is None  # one judge only


def test_a_products_placings_are_read_only_from_published_contests(scored):
    winner, third = scored["entries"][0].product, scored["entries"][2].product
    assert published_placings(winner.pk) == []  # closed, not yet published
    services.publish(by=scored["officer"], contest=scored["contest"])
    ((contest, row),) = published_placings(winner.pk)
    assert contest == scored["contest"] and (row.rank, row.tier) == (1, Tier.WINNER)
    ((_contest, row),) = published_placings(third.pk)
    assert (row.rank, row.score) == (3, D("70.00"))  # the same row the results page shows
