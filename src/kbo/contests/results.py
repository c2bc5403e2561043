"""Results of a contest's panels: each judge's weighted total, an entry's score as the
mean over its non-conflicted judges (raw, or per-judge z-scores rescaled to the rubric's
range), the tie-break rule, ranks, award tiers and the judges' agreement. See
docs/contests.md for the rules in words."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kbo.contests.conflicts import conflicts, conflicts_of
from kbo.contests.models import Contest, Criterion, Entry, JudgeAssignment, Panel, ScoreSheet


class Tier(models.TextChoices):
    WINNER = "WINNER", _("Winner")
    RUNNER_UP_1 = "RUNNER_UP_1", _("First runner-up")
    RUNNER_UP_2 = "RUNNER_UP_2", _("Second runner-up")
    HONOURABLE = "HONOURABLE", _("Honourable mention")


@dataclass
class EntryResult:
    entry: Entry
    judge_totals: dict[int, Decimal]  # judge user id → weighted total (raw)
    score: Decimal | None  # the mean used for ranking (raw or normalised); None: unscored
    raw_mean: Decimal | None
    criterion_means: dict[int, Decimal]  # criterion id → mean score
    rank: int | None = None
    tier: str = ""
    tie_break: str = ""  # in words, when a tie was broken for this entry
    conflicted_judges: list[int] = field(default_factory=list)


@dataclass
class PanelResult:
    panel: Panel
    entries: list[EntryResult]
    agreement: float | None  # Kendall's W over the judges' rankings (None: too few data)
    normalisation: str
    method: str  # the rules used, in words


CENT = Decimal("0.01")
TIERS = {
    1: Tier.WINNER,
    2: Tier.RUNNER_UP_1,
    3: Tier.RUNNER_UP_2,
    4: Tier.HONOURABLE,
    5: Tier.HONOURABLE,
}


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _mean(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def _sd(values: list[Decimal]) -> Decimal:
    """Population standard deviation."""
    mean = _mean(values)
    return (sum(((v - mean) ** 2 for v in values), Decimal(0)) / len(values)).sqrt()


def _total(criteria: list[Criterion], values: dict[int, Decimal]) -> Decimal:
    return sum(
        (
            c.weight * Decimal(values[c.pk]) / c.max_score
            for c in criteria
            if values.get(c.pk) is not None
        ),
        Decimal(0),
    )


def weighted_total(contest: Contest, values: dict[int, Decimal]) -> Decimal:
    """Σ weight × score / maximum score over the contest's criteria."""
    return _total(list(contest.criteria.all()), values)


def panel_results(panel: Panel, normalisation: str | None = None) -> PanelResult:
    """Ranked results of one panel (normalisation defaults to the contest's setting)."""
    return _panel_results(panel, normalisation, conflicts(panel.contest))


def contest_results(contest: Contest, normalisation: str | None = None) -> list[PanelResult]:
    found = conflicts(contest)
    return [_panel_results(panel, normalisation, found) for panel in contest.panels.all()]


def contests_results(contests: Iterable[Contest]) -> dict[int, list[PanelResult]]:
    """`contest_results()` of several contests (each with its own normalisation),
    {contest id: panels}, in a fixed number of queries whatever the number of contests."""
    by_pk = {contest.pk: contest for contest in contests}
    found = conflicts_of(by_pk.values())
    panels = list(Panel.objects.filter(contest__in=by_pk))
    criteria: dict[int, list[Criterion]] = defaultdict(list)
    for criterion in Criterion.objects.filter(contest__in=by_pk):
        criteria[criterion.contest_id].append(criterion)
    entries: dict[int, list[Entry]] = defaultdict(list)
    for entry in (
        Entry.objects.filter(panel__in=panels, withdrawn=False)
        .select_related("province", "product", "network")
        .order_by("number")
    ):
        entries[entry.panel_id].append(entry)
    judges: dict[tuple[int, int | None], set[int]] = defaultdict(set)
    for contest_id, panel_id, judge_id in JudgeAssignment.objects.filter(
        contest__in=by_pk
    ).values_list("contest_id", "panel_id", "judge_id"):
        judges[(contest_id, panel_id)].add(judge_id)
    sheets: dict[int, list[ScoreSheet]] = defaultdict(list)
    for sheet in ScoreSheet.objects.filter(
        entry__panel__in=panels, entry__withdrawn=False, submitted_at__isnull=False
    ).prefetch_related("scores"):
        sheets[sheet.entry_id].append(sheet)
    done: dict[int, list[PanelResult]] = {pk: [] for pk in by_pk}
    for panel in panels:
        panel.contest = contest = by_pk[panel.contest_id]
        on_panel = entries[panel.pk]
        done[contest.pk].append(
            _ranked(
                panel,
                contest.normalisation,
                found[contest.pk],
                criteria[contest.pk],
                on_panel,
                judges[(contest.pk, panel.pk)] | judges[(contest.pk, None)],
                [sheet for entry in on_panel for sheet in sheets[entry.pk]],
            )
        )
    return done


def _panel_results(
    panel: Panel, normalisation: str | None, found: dict[tuple[int, int], list[str]]
) -> PanelResult:
    contest = panel.contest
    entries = list(
        Entry.objects.filter(panel=panel, withdrawn=False)
        .select_related("province", "product", "network")
        .order_by("number")
    )
    panel_judges = set(
        JudgeAssignment.objects.filter(
            Q(panel=panel) | Q(panel__isnull=True), contest=contest
        ).values_list("judge_id", flat=True)
    )
    sheets = ScoreSheet.objects.filter(
        entry__in=entries, submitted_at__isnull=False
    ).prefetch_related("scores")
    return _ranked(
        panel,
        normalisation or contest.normalisation,
        found,
        list(contest.criteria.all()),
        entries,
        panel_judges,
        sheets,
    )


def _ranked(
    panel: Panel,
    normalisation: str,
    found: dict[tuple[int, int], list[str]],
    criteria: list[Criterion],
    entries: list[Entry],
    panel_judges: set[int],
    sheets: Iterable[ScoreSheet],
) -> PanelResult:
    """A panel's results from its records (read by `_panel_results` or `contests_results`)."""
    # Counted: submitted sheets of judges without a conflict on the entry.
    counted: dict[int, dict[int, dict[int, Decimal]]] = defaultdict(dict)  # entry → judge → values
    for sheet in sheets:
        if (sheet.judge_id, sheet.entry_id) not in found:
            counted[sheet.entry_id][sheet.judge_id] = {
                s.criterion_id: s.value for s in sheet.scores.all()
            }
    results = []
    for entry in entries:
        by_judge = counted.get(entry.pk, {})
        totals = {judge: _total(criteria, values) for judge, values in by_judge.items()}
        means = {
            c.pk: _cents(_mean([v[c.pk] for v in by_judge.values() if c.pk in v]))
            for c in criteria
            if any(c.pk in v for v in by_judge.values())
        }
        raw = _cents(_mean(list(totals.values()))) if totals else None
        conflicted = sorted(j for j, e in found if e == entry.pk and j in panel_judges)
        results.append(EntryResult(entry, totals, raw, raw, means, conflicted_judges=conflicted))
    if normalisation == Contest.Normalisation.ZSCORE:
        _normalise(results, ceiling=sum((c.weight for c in criteria), Decimal(0)))
    _rank(results, criteria)
    return PanelResult(
        panel=panel,
        entries=results,
        agreement=_agreement(results, panel_judges, found),
        normalisation=normalisation,
        method=_method(normalisation, criteria),
    )


def _normalise(results: list[EntryResult], ceiling: Decimal) -> None:
    """Per-judge z-scores rescaled to the panel's overall mean and spread of totals."""
    per_judge: dict[int, list[Decimal]] = defaultdict(list)
    for result in results:
        for judge, total in result.judge_totals.items():
            per_judge[judge].append(total)
    everything = [t for totals in per_judge.values() for t in totals]
    if not everything:
        return
    overall_mean, overall_sd = _mean(everything), _sd(everything)
    stats = {judge: (_mean(ts), _sd(ts)) for judge, ts in per_judge.items()}
    for result in results:
        if not result.judge_totals:
            continue
        rescaled = []
        for judge, total in result.judge_totals.items():
            mean, sd = stats[judge]
            z = (total - mean) / sd if sd else Decimal(0)
            rescaled.append(min(max(overall_mean + z * overall_sd, Decimal(0)), ceiling))
        result.score = _cents(_mean(rescaled))


def _tie_order(criteria: list[Criterion]) -> list[Criterion]:
    """Heaviest criterion first; the rubric's order breaks equal weights."""
    return sorted(criteria, key=lambda c: (-c.weight, c.order, c.pk))


def _decider(upper: EntryResult, lower: EntryResult, order: list[Criterion]) -> str:
    for criterion in order:
        a = upper.criterion_means.get(criterion.pk, Decimal(0))
        b = lower.criterion_means.get(criterion.pk, Decimal(0))
        if a != b:
            return gettext("a higher mean on “%(criterion)s” (%(upper)s against %(lower)s)") % {
                "criterion": criterion.name,
                "upper": a,
                "lower": b,
            }
    return gettext("the lower entry number")


def _rank(results: list[EntryResult], criteria: list[Criterion]) -> None:
    order = _tie_order(criteria)

    def key(result: EntryResult):
        means = [-result.criterion_means.get(c.pk, Decimal(0)) for c in order]
        return (-(result.score or 0), means, result.entry.number)

    scored = sorted((r for r in results if r.score is not None), key=key)
    unscored = [r for r in results if r.score is None]
    for rank, result in enumerate(scored, 1):
        result.rank = rank
        result.tier = TIERS.get(rank, "")
    for upper, lower in pairwise(scored):
        if upper.score != lower.score:
            continue
        why = _decider(upper, lower, order)
        words = {"score": upper.score, "why": why}
        ahead = gettext("Tied at %(score)s with no. %(other)s; placed ahead on %(why)s.")
        behind = gettext("Tied at %(score)s with no. %(other)s; placed behind on %(why)s.")
        upper.tie_break = " ".join(
            filter(None, [upper.tie_break, ahead % {**words, "other": lower.entry.number}])
        )
        lower.tie_break = behind % {**words, "other": upper.entry.number}
    results[:] = scored + unscored


def _agreement(
    results: list[EntryResult], panel_judges: set[int], found: dict[tuple[int, int], list[str]]
) -> float | None:
    """Kendall's W (with the correction for ties) over the scored entries no judge of the
    panel has a conflict with, and the judges who scored all of them."""
    clean = [
        r
        for r in results
        if r.judge_totals and not any((j, r.entry.pk) in found for j in panel_judges)
    ]
    judges = [j for j in sorted(panel_judges) if clean and all(j in r.judge_totals for r in clean)]
    m, n = len(judges), len(clean)
    if m < 2 or n < 2:
        return None
    rank_sums = [0.0] * n
    ties = 0.0
    for judge in judges:
        totals = [r.judge_totals[judge] for r in clean]
        for i, rank in enumerate(_ranks(totals)):
            rank_sums[i] += rank
        ties += sum(t**3 - t for t in Counter(totals).values())
    mean = sum(rank_sums) / n
    spread = sum((r - mean) ** 2 for r in rank_sums)
    denominator = m**2 * (n**3 - n) - m * ties
    return round(12 * spread / denominator, 3) if denominator else None


def _ranks(values: list[Decimal]) -> list[float]:
    """Rank 1 for the highest; equal values share the mean of their places."""
    order = sorted(range(len(values)), key=lambda i: -values[i])
    ranks = [0.0] * len(values)
    place = 0
    while place < len(order):
        end = place
        while end + 1 < len(order) and values[order[end + 1]] == values[order[place]]:
            end += 1
        for k in range(place, end + 1):
            ranks[order[k]] = (place + end) / 2 + 1
        place = end + 1
    return ranks


def _method(normalisation: str, criteria: list[Criterion]) -> str:
    total = sum((c.weight for c in criteria), Decimal(0))
    # 100, not 1E+2; 12.5 stays 12.5
    ceiling = f"{total:f}".rstrip("0").rstrip(".") if "." in f"{total:f}" else f"{total:f}"
    parts = [
        gettext(
            "A judge's total is the sum of weight × score ÷ maximum score over the criteria "
            "(out of %(ceiling)s). Only submitted sheets of judges without a conflict of "
            "interest on the entry count."
        )
        % {"ceiling": ceiling},
    ]
    if normalisation == Contest.Normalisation.ZSCORE:
        parts.append(
            gettext(
                "Each judge's totals are turned into z-scores (minus the judge's mean, divided "
                "by the judge's standard deviation), rescaled to the panel's overall mean and "
                "standard deviation of totals, kept within 0–%(ceiling)s; an entry's score is "
                "the mean of its judges' rescaled totals."
            )
            % {"ceiling": ceiling}
        )
    else:
        parts.append(gettext("An entry's score is the mean of its judges' totals."))
    parts.append(
        gettext(
            "Scores are rounded to two decimals. Equal scores are ordered by the higher mean "
            "on the heaviest criterion, then the next heaviest, and so on, then by the lower "
            "entry number."
        )
    )
    parts.append(
        gettext(
            "Agreement is Kendall's W (0 none, 1 complete) over the entries no judge has a "
            "conflict with, ranked by each judge who scored them all."
        )
    )
    return " ".join(parts)


def published_placings(product_id: int) -> list[tuple[Contest, EntryResult]]:
    """The product's rows in the results of PUBLISHED contests (nothing else is public), newest
    contest first, in a fixed number of queries; a withdrawn entry has no row."""
    contests = list(
        Contest.objects.filter(
            status=Contest.Status.PUBLISHED,
            entries__product_id=product_id,
            entries__withdrawn=False,
        )
        .distinct()
        .select_related("province")
        .order_by("-fiscal_year", "name", "pk")
    )
    ranked = contests_results(contests)
    return [
        (contest, row)
        for contest in contests
        for panel in ranked[contest.pk]
        for row in panel.entries
        if row.entry.product_id == product_id
    ]
