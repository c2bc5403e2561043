"""Yearly KBO projects (every network's province, fiscal years 2563–2567): criteria, the
three activities, targets, 20–27 selected products of the province (one per producer, among
the candidates of the default criteria: group D or 1–3 stars) with a few reserve and
not-selected decisions, an analysis, needs and plan items for every selected product, some
prototypes, and a five-day course with its sessions, trainees and attendance.

The vocabularies (SWOT, needs, the course) are the programmes demo's (`kbo.programmes.demo`).
A province too small for a project at a small scale (fewer than 31 products) has none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kbo.programmes import demo as vocab
from kbo.programmes.models import (
    NEED_AREA_EXPERTISE,
    Activity,
    Analysis,
    Criteria,
    Decision,
    Need,
    PlanItem,
    Project,
    Prototype,
    PrototypeVersion,
    Target,
)
from kbo.trainings.models import Session, SessionAttendance, Trainee, Training

from .base import YEARS, Ids, World, aware, fiscal_start, stream, write
from .network import Directory
from .registry import Item
from .users import Accounts

MIN_PRODUCTS = 31  # room for 27 selected and a few other decisions
RECORDED_SESSIONS = vocab.RECORDED_SESSIONS


@dataclass
class Cohort:
    project_id: int
    province_id: int
    selected: list[tuple[int, Item]]  # decision id, product
    contest_day: dt.date


def eligible(item: Item) -> bool:
    """The default criteria: group D, or 1–3 stars."""
    return item.segment == "D" or (item.stars is not None and 1 <= item.stars <= 3)


class Builder:
    def __init__(self, world: World, seed: int, directory: Directory, accounts: Accounts):
        self.world, self.seed = world, seed
        self.directory, self.accounts = directory, accounts
        self.ids = {
            m: Ids(m) for m in (Project, Decision, Need, Prototype, Training, Session, Trainee)
        }
        self.rows: dict[type, list[tuple]] = {}
        self.cohorts: dict[tuple[str, int], Cohort] = {}

    def add(self, model, row: tuple) -> None:
        self.rows.setdefault(model, []).append(row)

    def project(self, code: str, year: int, products: list[Item]) -> None:
        rng = stream(self.seed, "project", code, year)
        p = self.world.province(code)
        start = fiscal_start(year)
        officer = self.accounts.officers.get(code)
        n = rng.randint(20, 27)
        pid = self.ids[Project].take()
        activities = [
            ("CAPACITY", rng.randrange(40_000, 70_000, 5_000), start + dt.timedelta(days=34),
             start + dt.timedelta(days=120)),
            ("DEVELOPMENT", rng.randrange(250_000, 450_000, 5_000), start + dt.timedelta(days=105),
             start + dt.timedelta(days=330)),
            ("CONTEST", rng.randrange(60_000, 100_000, 5_000), start + dt.timedelta(days=245),
             start + dt.timedelta(days=350)),
        ]  # fmt: skip
        self.add(Project, (pid, p.id, year, vocab.PROJECT_NAME.format(p=p.name_th, y=year),
                           sum(a[1] for a in activities), vocab.OBJECTIVES, n))  # fmt: skip
        self.add(Criteria, (pid, ["D"], 1, 3, False, "IGNORE", 3, [], []))
        for kind, budget, starts, ends in activities:
            self.add(Activity, (pid, kind, budget, starts, ends, "DONE"))
        for group, target in (("PRODUCTS", n), ("PRODUCERS", n), ("COMMITTEE", 20), ("OTHERS", 10)):
            self.add(Target, (pid, group, target))
        # One product per producer, the candidates first; a small province (at a small
        # scale) may need a second product of a producer to fill its cohort.
        pool = [i for i in products if eligible(i)]
        rng.shuffle(pool)
        rest = [i for i in products if not eligible(i)]
        rng.shuffle(rest)
        chosen: list[Item] = []
        makers: set[int] = set()
        for item in [*pool, *rest]:
            if item.producer_id not in makers:
                makers.add(item.producer_id)
                chosen.append(item)
        if len(chosen) < n + 4:
            taken = {i.id for i in chosen}
            chosen += [i for i in [*pool, *rest] if i.id not in taken]
        chosen = chosen[: n + 4]
        decided = aware(start + dt.timedelta(days=75), 14)
        selected: list[tuple[int, Item]] = []
        for k, item in enumerate(chosen):
            did = self.ids[Decision].take()
            if k < n:
                status, reason = "SELECTED", ""
                selected.append((did, item))
            elif k < n + 2:
                status, reason = "RESERVE", vocab.RESERVE_REASON
            else:
                status, reason = "NOT_SELECTED", vocab.NOT_SELECTED_REASONS[k % 3]
            self.add(Decision, (did, pid, item.id, status, reason, officer, decided))
        for turn, (did, item) in enumerate(selected):
            self.develop(code, year, did, item, turn, officer, rng)
        day = self.training(code, year, pid, selected, officer, rng)
        self.cohorts[(code, year)] = Cohort(pid, p.id, selected, day)

    def develop(self, code, year, did, item: Item, turn, officer, rng) -> None:
        start = fiscal_start(year)
        s, w, o, t = vocab.SWOT[item.category]
        self.add(Analysis, (did, start + dt.timedelta(days=rng.randint(100, 130)),
                            f"{item.contact} และกรรมการเครือข่าย KBO", s, w, o, t))  # fmt: skip
        latest = year == YEARS[-1]
        for k, (area, text, priority, action, budget, status) in enumerate(
            vocab.NEEDS[item.category]
        ):
            source = self.directory.source_for(code, NEED_AREA_EXPERTISE[area], turn + k)
            nid = self.ids[Need].take()
            assigned = aware(start + dt.timedelta(days=132), 10) if source else None
            self.add(Need, (nid, did, area, text, priority, source,
                            officer if source else None, assigned))  # fmt: skip
            if not latest:  # earlier years' plans are finished (a few dropped)
                status = "DROPPED" if rng.random() < 0.08 else "DONE"
            self.add(PlanItem, (did, nid, area, action, source, "",
                                start + dt.timedelta(days=180 + 60 * k), budget, status,
                                "ดำเนินการแล้วเสร็จตามแผน" if status == "DONE" else ""))  # fmt: skip
        if rng.random() < 0.25:
            proto = self.ids[Prototype].take()
            self.add(Prototype, (proto, did, f"ต้นแบบ{item.name}",
                                 "ปรับรูปแบบ สี และบรรจุภัณฑ์ตามข้อเสนอของคณะกรรมการ"))  # fmt: skip
            self.add(PrototypeVersion, (proto, 1, start + dt.timedelta(days=200),
                                        "ปรับขนาดและบรรจุภัณฑ์ให้เหมาะกับตลาด",
                                        "ผ่านการพิจารณา ส่งเข้าประกวดระดับจังหวัด"))  # fmt: skip

    def training(self, code, year, pid, selected, officer, rng) -> dt.date:
        p = self.world.province(code)
        first = fiscal_start(year) + dt.timedelta(days=rng.randint(120, 150))
        first -= dt.timedelta(days=first.weekday())  # a Monday
        last = first + dt.timedelta(days=4)
        tid = self.ids[Training].take()
        self.add(Training, (tid, pid, "หลักสูตรการพัฒนาผลิตภัณฑ์ OTOP 5 วัน",
                            "ถ่ายทอดองค์ความรู้ อัตลักษณ์ การออกแบบทางวัฒนธรรม ต้นแบบผลิตภัณฑ์ และการประกวด",
                            first, last, f"ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัด{p.name_th}",
                            f"สำนักงานพัฒนาชุมชนจังหวัด{p.name_th}"))  # fmt: skip
        sessions = []
        for i, (day, starts, ends, topic, area, other) in enumerate(vocab.SESSIONS):
            lecturer = self.directory.source_for(code, (area,), i) if area else None
            sid = self.ids[Session].take()
            sessions.append(sid)
            self.add(Session, (sid, tid, first + dt.timedelta(days=day),
                               dt.time.fromisoformat(starts), dt.time.fromisoformat(ends),
                               topic.replace("KBO CM CONTEST", f"KBO {p.name_th}"), lecturer,
                               "" if lecturer else other.replace("เชียงใหม่", p.name_th)))  # fmt: skip
        trainees: list[int] = []
        names: set[str] = set()
        producers: set[int] = set()
        for _did, item in selected:
            if item.producer_id in producers:  # one trainee a producer
                continue
            producers.add(item.producer_id)
            name = item.contact or item.producer_name
            if name in names:
                name = f"{name} ({item.code.split('-')[0]})"
            names.add(name)
            tr = self.ids[Trainee].take()
            trainees.append(tr)
            self.add(Trainee, (tr, tid, "PRODUCER", name, item.producer_name, item.producer_id,
                               item.id, None, item.phone))  # fmt: skip
        network = self.directory.networks.get(code)
        for _seat, person, name, org in network.seats if network else []:
            if name in names:
                continue
            names.add(name)
            tr = self.ids[Trainee].take()
            trainees.append(tr)
            self.add(Trainee, (tr, tid, "COMMITTEE", name, org, None, None, person, ""))
        recorded = aware(last, 17)
        for i, session in enumerate(sessions[:RECORDED_SESSIONS]):
            for j, trainee in enumerate(trainees):
                self.add(SessionAttendance,
                         (session, trainee, (i * 7 + j) % 11 != 0, officer, recorded))  # fmt: skip
        return last

    def write(self) -> None:
        columns = {
            Project: ["id", "province_id", "fiscal_year", "name", "budget", "objectives",
                      "target_products"],
            Criteria: ["project_id", "segments", "stars_min", "stars_max", "include_not_rated",
                       "continuity", "continuity_years", "producer_types", "categories"],
            Activity: ["project_id", "kind", "budget", "starts_on", "ends_on", "status"],
            Target: ["project_id", "group", "target"],
            Decision: ["id", "project_id", "product_id", "status", "reason", "decided_by_id",
                       "decided_at"],
            Analysis: ["decision_id", "analysed_on", "with_whom", "strengths", "weaknesses",
                       "opportunities", "threats"],
            Need: ["id", "decision_id", "area", "description", "priority", "assigned_source_id",
                   "assigned_by_id", "assigned_at"],
            PlanItem: ["decision_id", "need_id", "area", "action", "responsible_id",
                       "responsible_other", "due_on", "budget", "status", "result"],
            Prototype: ["id", "decision_id", "name", "description"],
            PrototypeVersion: ["prototype_id", "number", "made_on", "changes", "feedback"],
            Training: ["id", "project_id", "title", "description", "starts_on", "ends_on",
                       "venue", "organiser"],
            Session: ["id", "training_id", "day", "starts_at", "ends_at", "topic", "lecturer_id",
                      "lecturer_other"],
            Trainee: ["id", "training_id", "group", "name", "organisation", "producer_id",
                      "product_id", "source_id", "phone"],
            SessionAttendance: ["session_id", "trainee_id", "present", "recorded_by_id",
                                "recorded_at"],
        }  # fmt: skip
        for model, names in columns.items():
            write(model, names, self.rows.get(model, []))


def generate(world: World, seed: int, products: dict[str, list[Item]], directory: Directory,
             accounts: Accounts) -> dict[tuple[str, int], Cohort]:  # fmt: skip
    builder = Builder(world, seed, directory, accounts)
    for code in sorted(directory.networks):
        items = products.get(code, [])
        if len(items) < MIN_PRODUCTS:
            continue
        for year in YEARS:
            builder.project(code, year, items)
    builder.write()
    return builder.cohorts
