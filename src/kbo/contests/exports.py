"""Results of a contest laid out for the page, the PDF and the XLSX workbook.

Callers check the right to see them first (`contest.scores_visible`); judge names are shown
only to organisers (the public sees "Judge 1, 2, ...").
"""

import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from kbo.contests import results
from kbo.contests.models import Contest, JudgeAssignment, ScoreSheet

TIER_CSS = {
    results.Tier.WINNER: "ok",
    results.Tier.RUNNER_UP_1: "ok",
    results.Tier.RUNNER_UP_2: "ok",
    results.Tier.HONOURABLE: "",
}


def person(user) -> str:
    return user.get_full_name() or user.username


@dataclass
class Row:
    result: Any  # results.EntryResult
    totals: list[tuple[Decimal | None, bool]]  # per judge column: (total, conflicted)
    tier_label: str = ""
    tier_css: str = ""


@dataclass
class PanelTable:
    panel: Any
    judges: list[tuple[int, str]]  # (user id, label)
    rows: list[Row] = field(default_factory=list)
    agreement: float | None = None
    method: str = ""
    normalisation: str = ""


def judge_columns(contest: Contest, panel, names: bool) -> list[tuple[int, str]]:
    """The judges of a panel (and of every panel), in a stable order."""
    seen: dict[int, str] = {}
    for assignment in (
        JudgeAssignment.objects.filter(contest=contest)
        .filter(Q(panel__isnull=True) | Q(panel=panel))
        .select_related("judge")
        .order_by("judge_id")
    ):
        if assignment.judge_id not in seen:
            seen[assignment.judge_id] = person(assignment.judge) if names else ""
    return [
        (uid, label or _("Judge %(number)s") % {"number": n})
        for n, (uid, label) in enumerate(seen.items(), 1)
    ]


def results_tables(
    contest: Contest, normalisation: str | None = None, names: bool = False
) -> list[PanelTable]:
    tables = []
    for found in results.contest_results(contest, normalisation):
        columns = judge_columns(contest, found.panel, names)
        extra = {
            uid for entry in found.entries for uid in entry.judge_totals if uid not in dict(columns)
        }
        columns += [
            (uid, _("Judge %(number)s") % {"number": len(columns) + i})
            for i, uid in enumerate(sorted(extra), 1)
        ]
        table = PanelTable(
            panel=found.panel,
            judges=columns,
            agreement=found.agreement,
            method=found.method,
            normalisation=found.normalisation,
        )
        for entry in found.entries:
            tier = results.Tier(entry.tier) if entry.tier else None
            table.rows.append(
                Row(
                    result=entry,
                    totals=[
                        (entry.judge_totals.get(uid), uid in entry.conflicted_judges)
                        for uid, _label in columns
                    ],
                    tier_label=str(tier.label) if tier else "",
                    tier_css=TIER_CSS.get(tier, "") if tier else "",
                )
            )
        tables.append(table)
    return tables


def sheets(contest: Contest):
    """Every judge's score sheet of the contest with its scores, by panel, entry and judge."""
    return (
        ScoreSheet.objects.filter(entry__contest=contest)
        .select_related("entry__panel", "entry__province", "judge")
        .prefetch_related("scores__criterion")
        .order_by("entry__panel__name", "entry__number", "judge__first_name", "judge__username")
    )


def _number(value) -> float | None:
    return float(value) if value is not None else None


def results_xlsx(contest: Contest) -> bytes:
    """Sheet 1: the ranked results per panel; sheet 2: every judge's per-criterion scores."""
    book = Workbook()
    ranked = book.active
    ranked.title = _("Results")[:31]
    bold = Font(bold=True)
    ranked.append([str(contest)])
    ranked["A1"].font = bold
    for table in results_tables(contest, names=True):
        ranked.append([])
        ranked.append([table.panel.name, table.method])
        head = [
            _("Rank"),
            _("Award"),
            _("Entry no."),
            _("Entry"),
            _("Province"),
            _("Score"),
            _("Raw mean"),
            *[label for _uid, label in table.judges],
            _("Tie-break"),
        ]
        ranked.append(head)
        for cell in ranked[ranked.max_row]:
            cell.font = bold
        for row in table.rows:
            entry = row.result.entry
            ranked.append(
                [
                    row.result.rank,
                    row.tier_label,
                    entry.number,
                    entry.title,
                    entry.province.name_th,
                    _number(row.result.score),
                    _number(row.result.raw_mean),
                    *[
                        _("conflict") if conflicted else _number(total)
                        for total, conflicted in row.totals
                    ],
                    row.result.tie_break,
                ]
            )
        if table.agreement is not None:
            ranked.append([_("Agreement (Kendall's W)"), round(table.agreement, 3)])
    scores = book.create_sheet(_("Scores")[:31])
    scores.append(
        [
            _("Panel"),
            _("Entry no."),
            _("Entry"),
            _("Judge"),
            _("Criterion"),
            _("Maximum score"),
            _("Weight"),
            _("Score"),
            _("Comment"),
            _("Submitted"),
        ]
    )
    for cell in scores[1]:
        cell.font = bold
    for sheet in sheets(contest):
        for score in sheet.scores.all():
            scores.append(
                [
                    sheet.entry.panel.name,
                    sheet.entry.number,
                    sheet.entry.title,
                    person(sheet.judge),
                    score.criterion.name,
                    score.criterion.max_score,
                    _number(score.criterion.weight),
                    _number(score.value),
                    score.comment,
                    "✓" if sheet.submitted_at else "",
                ]
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
