"""Provincial contests of the last two fiscal years (one per project: six to eight products
of the cohort, three judges linked to committee members, every sheet submitted, results
published) and the national contest of the last year (two regional rounds of the provincial
winners, then a final of each round's best three), on the default rubric's criteria."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kbo.contests.models import (
    Contest,
    Criterion,
    Entry,
    JudgeAssignment,
    Panel,
    RubricTemplate,
    Score,
    ScoreSheet,
)
from kbo.contests.rubrics import ensure_default_template

from .base import YEARS, Ids, World, aware, stream, write
from .network import Directory
from .programmes import Cohort
from .registry import Item
from .users import Accounts

PROVINCIAL_YEARS = YEARS[-2:]
NATIONAL_NAME = "การประกวดเครือข่ายองค์ความรู้ (KBO) จังหวัดดีเด่น ประจำปีงบประมาณ {y}"
ROUNDS = [
    ("รอบภูมิภาค ภาคเหนือและภาคตะวันออกเฉียงเหนือ", ["north", "northeast"]),
    ("รอบภูมิภาค ภาคกลาง ภาคตะวันออก และภาคใต้", ["central_east", "south"]),
]
ADVANCE = 3


class Builder:
    def __init__(self, world: World, seed: int, accounts: Accounts, directory: Directory):
        self.world, self.accounts, self.directory = world, accounts, directory
        self.rng = stream(seed, "contests")
        template = (
            RubricTemplate.objects.filter(is_default=True).first() or ensure_default_template()
        )
        self.template = template
        self.rubric = [
            (c.order, c.name, c.description, c.weight, c.max_score)
            for c in template.criteria.order_by("order", "pk")
        ]
        self.ids = {m: Ids(m) for m in (Contest, Panel, Criterion, Entry, ScoreSheet)}
        self.rows: dict[type, list[tuple]] = {}

    def add(self, model, row: tuple) -> None:
        self.rows.setdefault(model, []).append(row)

    def contest(
        self, *, kind, level, name, year, province_id, day: dt.date, venue
    ) -> tuple[int, list]:
        cid = self.ids[Contest].take()
        self.add(Contest, (cid, kind, level, name, year, province_id, day, day + dt.timedelta(days=1 if kind == "NATIONAL" else 0),
                           venue, "PUBLISHED", "NONE", self.template.pk, aware(day, 9),
                           aware(day, 16), aware(day, 17)))  # fmt: skip
        criteria = []
        for order, cname, description, weight, max_score in self.rubric:
            crit = self.ids[Criterion].take()
            criteria.append((crit, weight, max_score))
            self.add(Criterion, (crit, cid, order, cname, description, weight, max_score))
        return cid, criteria

    def panel(self, contest: int, name: str, stage: str, advance: int = 0) -> int:
        pid = self.ids[Panel].take()
        self.add(Panel, (pid, contest, name, stage, advance))
        return pid

    def score(
        self, entries: list[tuple[int, Decimal]], judges: list[int], criteria, day
    ) -> dict[int, Decimal]:
        """Submitted sheets of every judge for every entry; returns each entry's mean total."""
        rng = self.rng
        totals: dict[int, Decimal] = {}
        for entry, level in entries:
            sum_total = Decimal(0)
            for j, judge in enumerate(judges):
                sheet = self.ids[ScoreSheet].take()
                self.add(ScoreSheet, (sheet, entry, judge, "", aware(day, 15, j)))
                total = Decimal(0)
                for crit, weight, max_score in criteria:
                    raw = level + Decimal(rng.randint(-4, 4)) / 4
                    value = max(
                        Decimal(0), min(Decimal(max_score), (raw * 2).quantize(Decimal(1)) / 2)
                    )
                    self.add(Score, (sheet, crit, value, ""))
                    total += Decimal(weight) * value / Decimal(max_score)
                sum_total += total
            totals[entry] = sum_total / max(1, len(judges))
        return totals

    def provincial(self, code: str, year: int, cohort: Cohort) -> tuple[int, Item, int] | None:
        """The contest of one cohort; returns its winner (entry, product, decision)."""
        rng, p = self.rng, self.world.province(code)
        judges = self.accounts.judges.get(code, [])
        if len(cohort.selected) < 6 or not judges:
            return None
        day = cohort.contest_day
        cid, criteria = self.contest(
            kind="PROVINCIAL", level="PROVINCE", year=year, province_id=p.id, day=day,
            name=f"การประกวดผลิตภัณฑ์ KBO จังหวัด{p.name_th} ประจำปี {year}",
            venue=f"ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัด{p.name_th}",
        )  # fmt: skip
        panel = self.panel(cid, "รอบตัดสิน", "SINGLE")
        chosen = rng.sample(cohort.selected, rng.randint(6, min(8, len(cohort.selected))))
        entries, by_entry = [], {}
        for number, (decision, item) in enumerate(chosen, start=1):
            eid = self.ids[Entry].take()
            self.add(Entry, (eid, cid, panel, number, p.id, item.id, None, decision, item.name,
                             "", None, False))  # fmt: skip
            entries.append((eid, Decimal(rng.randint(11, 19)) / 2))
            by_entry[eid] = (item, decision)
        seats = self.directory.networks[code].seats
        for k, judge in enumerate(judges):
            _seat, person, _name, org = seats[(k * 5 + 3) % len(seats)]
            self.add(JudgeAssignment, (cid, panel, judge, person, org))
        totals = self.score(entries, judges, criteria, day)
        winner = max(totals, key=lambda e: (totals[e], -e))
        return winner, *by_entry[winner]

    def national(self, year: int, winners: dict[str, tuple[int, Item, int]]) -> None:
        judges = self.accounts.judges.get("", [])
        if not winners or not judges:
            return
        day = dt.date(year - 543, 8, 20)
        cid, criteria = self.contest(
            kind="NATIONAL", level="NATION", year=year, province_id=None, day=day,
            name=NATIONAL_NAME.format(y=year),
            venue="งานแสดงและจำหน่ายสินค้า OTOP ระดับประเทศ ศูนย์แสดงสินค้าและการประชุมอิมแพ็ค เมืองทองธานี",
        )  # fmt: skip
        region_of = {p.code: p.region for p in self.world.provinces}
        number = 0
        finalists: list[tuple[int, int, Item, int, int]] = []
        for r, (name, regions) in enumerate(ROUNDS):
            panel = self.panel(cid, name, "ROUND", ADVANCE)
            panel_judges = judges[:3] if r == 0 else judges[2:]
            for judge in panel_judges:
                self.add(JudgeAssignment, (cid, panel, judge, None, "กรมการพัฒนาชุมชน"))
            for region in regions:
                if region in self.world.regions:
                    self.add(Panel.regions.through, (panel, self.world.regions[region]))
            entries, info = [], {}
            for code, (entry, item, decision) in sorted(winners.items()):
                if region_of[code] not in regions:
                    continue
                number += 1
                eid = self.ids[Entry].take()
                province_id = self.world.province(code).id
                self.add(Entry, (eid, cid, panel, number, province_id, item.id, None, decision,
                                 item.name, "", entry, False))  # fmt: skip
                entries.append((eid, Decimal(self.rng.randint(12, 19)) / 2))
                info[eid] = (province_id, item, decision)
            if not entries:
                continue
            totals = self.score(entries, panel_judges, criteria, day)
            best = sorted(totals, key=lambda e: (-totals[e], e))[:ADVANCE]
            finalists += [(e, info[e][0], info[e][1], info[e][2], 0) for e in best]
        final = self.panel(cid, "รอบชิงชนะเลิศ", "FINAL")
        entries = []
        for eid, province_id, item, decision, _ in finalists:
            number += 1
            moved = self.ids[Entry].take()
            self.add(Entry, (moved, cid, final, number, province_id, item.id, None, decision,
                             item.name, "", eid, False))  # fmt: skip
            entries.append((moved, Decimal(self.rng.randint(14, 19)) / 2))
        for judge in judges:
            self.add(JudgeAssignment, (cid, final, judge, None, "กรมการพัฒนาชุมชน"))
        self.score(entries, judges, criteria, day + dt.timedelta(days=1))

    def write(self) -> None:
        columns = {
            Contest: ["id", "kind", "level", "name", "fiscal_year", "province_id", "starts_on",
                      "ends_on", "venue", "status", "normalisation", "rubric_template_id",
                      "opened_at", "closed_at", "published_at"],
            Criterion: ["id", "contest_id", "order", "name", "description", "weight",
                        "max_score"],
            Panel: ["id", "contest_id", "name", "stage", "advance"],
            Panel.regions.through: ["panel_id", "region_id"],
            Entry: ["id", "contest_id", "panel_id", "number", "province_id", "product_id",
                    "network_id", "decision_id", "title", "description", "forwarded_from_id",
                    "withdrawn"],
            JudgeAssignment: ["contest_id", "panel_id", "judge_id", "source_id", "organisation"],
            ScoreSheet: ["id", "entry_id", "judge_id", "comment", "submitted_at"],
            Score: ["sheet_id", "criterion_id", "value", "comment"],
        }  # fmt: skip
        for model, names in columns.items():
            write(model, names, self.rows.get(model, []))


def generate(world: World, seed: int, cohorts: dict[tuple[str, int], Cohort],
             accounts: Accounts, directory: Directory) -> None:  # fmt: skip
    builder = Builder(world, seed, accounts, directory)
    winners: dict[int, dict[str, tuple[int, Item, int]]] = {}
    for (code, year), cohort in sorted(cohorts.items()):
        if year in PROVINCIAL_YEARS:
            won = builder.provincial(code, year, cohort)
            if won:
                winners.setdefault(year, {})[code] = won
    builder.national(YEARS[-1], winners.get(YEARS[-1], {}))
    builder.write()
