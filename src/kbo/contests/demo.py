"""Demo contests (`kbo demo`, after the projects' demo).

KBO CM CONTEST 2563: Chiang Mai's provincial contest on the last day of its five-day course,
six products of the fiscal 2563 cohort, four judges (one declared a conflict), scored, closed
and published; its winner (the textile whose prototype the committee sent to the contest) is
forwarded to the national contest of fiscal 2563, still being prepared.

KBO จังหวัดดีเด่น 2556: the national contest at the national OTOP fair, with a round for the
North and Northeast, a round for the Central, East and South regions and a final whose
results give the podium of the Chiang Mai article: products from the banana tree of Ang Thong,
then the wood-scrap and clay products of Ang Thong, then the longan products of Lamphun
(Chiang Mai's thread dolls of Phrao did not place: they did not show the province's
identity). Its entries are the provincial networks (created where the network demo has none)
presenting their product, so the registry keeps only the registry demo's rows. Every judge ranks the entries the same way with clear margins, so the podium holds
with raw and with normalised scores. Bulk loads are not audited row by row, as for the other
demos; a second run finds every row again.
"""

import datetime as dt
from decimal import Decimal

from auditlog.context import disable_auditlog
from django.db import transaction
from django.utils import timezone

from kbo.accounts.models import User
from kbo.contests.models import (
    ConflictDeclaration,
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
from kbo.geo.models import Province, Region
from kbo.network.models import Network
from kbo.programmes.demo import upsert
from kbo.programmes.models import Decision
from kbo.registry.models import Category

D = dt.date
CM_NAME = "การประกวดผลิตภัณฑ์ KBO CM CONTEST จังหวัดเชียงใหม่ ประจำปี 2563"
NATIONAL_NAME = "การประกวดเครือข่ายองค์ความรู้ (KBO) จังหวัดดีเด่น ประจำปีงบประมาณ {y}"
FAIR = "งานแสดงและจำหน่ายสินค้า OTOP ระดับประเทศ ศูนย์แสดงสินค้าและการประชุมอิมแพ็ค เมืองทองธานี"
CM_JUDGES = ["judge.chiangmai", "judge.chiangmai2", "judge.chiangmai3", "judge.chiangmai4"]
NATION_JUDGES = [f"judge.nation{n}" for n in range(1, 6)]
ROUNDS = [  # name, regions, judges (indexes in NATION_JUDGES)
    ("รอบภูมิภาค ภาคเหนือและภาคตะวันออกเฉียงเหนือ", ["north", "northeast"], [0, 1, 2]),
    ("รอบภูมิภาค ภาคกลาง ภาคตะวันออก และภาคใต้", ["central_east", "south"], [2, 3, 4]),
]
FINAL = "รอบชิงชนะเลิศ"

# Each judge's leniency and each criterion's spread, in score points: the same for every
# entry, so every judge ranks the entries alike and the margins survive normalisation.
LENIENCY = [Decimal(x) for x in ("0", "-0.5", "0.3", "-0.8", "0.2")]
SPREAD = [Decimal(x) for x in ("0.3", "0", "-0.2", "0.1", "-0.3", "0.2", "0", "-0.1")]

# The representatives of the provinces in 2556, entered by their provincial KBO networks:
# province, round (0, 1), producer group, product, category, unit, level in the round, level in the final (None: did not advance), and an
# identity score instead of the level (the Chiang Mai dolls).
N56 = [
    ("51", 0, "กลุ่มแปรรูปลำไยบ้านหนองช้างคืน", "ลำไยอบแห้งและผลิตภัณฑ์แปรรูปจากลำไย", "FOOD",
     "กล่อง", "8.8", "8.0", None),
    ("55", 0, "กลุ่มทอผ้าลายน้ำไหลบ้านหนองบัว", "ผ้าทอลายน้ำไหล", "TEXTILE", "ผืน", "8.2", "7.4",
     None),
    ("40", 0, "กลุ่มทอผ้าไหมมัดหมี่บ้านโนนเขวา", "ผ้าไหมมัดหมี่ลายแคนแก่นคูน", "TEXTILE", "ผืน",
     "7.6", "7.0", None),
    ("50", 0, "กลุ่มตุ๊กตาปั้นด้ายอำเภอพร้าว", "ตุ๊กตาปั้นด้าย", "HOUSEHOLD", "ตัว", "7.6", None,
     "4"),
    ("49", 0, "กลุ่มทอผ้าไหมบ้านหนองสูง", "ผ้าไหมแพรวาภูไท", "TEXTILE", "ผืน", "6.4", None, None),
    ("41", 0, "กลุ่มทอผ้าหมี่ขิดบ้านนาข่า", "ผ้าฝ้ายหมี่ขิดนาข่า", "TEXTILE", "ผืน", "5.8", None,
     None),
    ("15", 1, "กลุ่มหัตถกรรมกาบกล้วยบ้านบางเสด็จ", "ผลิตภัณฑ์จากต้นกล้วย (กระเป๋าและของตกแต่งจากกาบกล้วย)",
     "HOUSEHOLD", "ชิ้น", "9.2", "9.2", None),
    ("15", 1, "กลุ่มงานไม้และดินปั้นบ้านบางพลับ", "ผลิตภัณฑ์จากเศษไม้และดินปั้น", "HOUSEHOLD", "ชิ้น",
     "8.6", "8.6", None),
    ("90", 1, "กลุ่มทอผ้าเกาะยอ", "ผ้าทอเกาะยอลายราชวัตร", "TEXTILE", "ผืน", "7.8", "6.6", None),
    ("80", 1, "กลุ่มเครื่องถมนครบ้านท่าวัง", "เครื่องถมนคร", "HOUSEHOLD", "ชิ้น", "7.0", None, None),
    ("76", 1, "กลุ่มขนมหม้อแกงเมืองเพชร", "ขนมหม้อแกงเมืองเพชร", "FOOD", "ถาด", "6.4", None, None),
    ("24", 1, "กลุ่มมัดย้อมบ้านคลองเขื่อน", "ผ้ามัดย้อมสีธรรมชาติ", "TEXTILE", "ผืน", "5.8", None,
     None),
]  # fmt: skip

# The Chiang Mai contest: levels of the six entries (the prototype textile first, the winner).
CM_LEVELS = [Decimal(x) for x in ("9.0", "8.2", "7.6", "7.0", "6.4", "5.8")]
CM_CONFLICT = (3, 4, "เป็นที่ปรึกษาด้านการตลาดของกลุ่มผู้ผลิตนี้")  # judge, entry (indexes), reason


def aware(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def value(level: Decimal, judge: int, criterion: int) -> Decimal:
    raw = level + LENIENCY[judge % len(LENIENCY)] + SPREAD[criterion % len(SPREAD)]
    halves = (raw * 2).quantize(Decimal("1"))
    return max(Decimal(0), min(Decimal(10), halves / 2))


class Loader:
    def __init__(self) -> None:
        self.template = (
            RubricTemplate.objects.filter(is_default=True).first() or ensure_default_template()
        )
        self.users = {u.username: u for u in User.objects.filter(username__startswith="judge.")}
        self.counts = {"contests": 0}

    def contest(self, name: str, year: int, values: dict) -> Contest:
        contest = upsert(Contest, {"name": name, "fiscal_year": year}, values)
        if not contest.criteria.exists():
            Criterion.objects.bulk_create(
                Criterion(contest=contest, order=c.order, name=c.name, description=c.description,
                          weight=c.weight, max_score=c.max_score)
                for c in self.template.criteria.all()
            )  # fmt: skip
        self.counts["contests"] += 1
        return contest

    def panel(self, contest: Contest, name: str, stage: str, regions=(), advance=0) -> Panel:
        panel = upsert(
            Panel, {"contest": contest, "name": name}, {"stage": stage, "advance": advance}
        )
        if regions:
            panel.regions.set(Region.objects.filter(code__in=regions))
        return panel

    def entry(self, panel: Panel, number: int, **values) -> Entry:
        """An entry of a product (its province) or of a provincial network."""
        made = values.get("product") or values.get("network")
        assert made is not None
        values.setdefault("title", made.name)
        return upsert(
            Entry,
            {"contest": panel.contest, "number": number},
            {"panel": panel, "province": made.province, **values},
        )

    def judges(self, contest: Contest, panel: Panel | None, names: list[str]) -> list[User]:
        found = [self.users[n] for n in names if n in self.users]
        for judge in found:
            JudgeAssignment.objects.get_or_create(
                contest=contest, panel=panel, judge=judge,
                defaults={"organisation": ", ".join(m.organisation for m in judge.memberships.all())},
            )  # fmt: skip
        return found

    def score(self, contest: Contest, sheets: list[tuple[User, Entry, Decimal, dict]], day) -> None:
        """Submitted sheets: (judge, entry, level, {criterion index: value instead})."""
        criteria = list(contest.criteria.order_by("order", "pk"))
        rows = []
        for judge, entry, level, fixed in sheets:
            sheet, _ = ScoreSheet.objects.get_or_create(
                entry=entry, judge=judge, defaults={"submitted_at": aware(day, 16)}
            )
            turn = sorted(self.users).index(judge.username)
            rows += [
                Score(sheet=sheet, criterion=c,
                      value=Decimal(fixed[i]) if i in fixed else value(level, turn, i))
                for i, c in enumerate(criteria)
            ]  # fmt: skip
        Score.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["sheet", "criterion"],
            update_fields=["value"],
        )

    def chiang_mai(self) -> Entry | None:
        """The provincial contest; returns its winner."""
        decisions = list(
            Decision.objects.filter(
                project__province__code="50", project__fiscal_year=2563, status="SELECTED"
            )
            .select_related("product__province")
            .order_by("product__code")
        )
        if len(decisions) < 6:
            return None
        first = next(d for d in decisions if d.product.category == "TEXTILE")  # the prototype
        chosen = [first]
        for category in ("HOUSEHOLD", "BEVERAGE", "FOOD", "HERBAL", "TEXTILE"):
            chosen.append(next(d for d in decisions if d.product.category == category
                               and d not in chosen))  # fmt: skip
        day = D(2020, 2, 21)
        contest = self.contest(CM_NAME, 2563, {
            "kind": Contest.Kind.PROVINCIAL, "level": Contest.Level.PROVINCE,
            "province": Province.objects.get(code="50"), "starts_on": day, "ends_on": day,
            "venue": "ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่ ศาลากลางจังหวัดเชียงใหม่",
            "status": Contest.Status.PUBLISHED, "rubric_template": self.template,
            "opened_at": aware(day, 13), "closed_at": aware(day, 16), "published_at": aware(day, 17),
        })  # fmt: skip
        panel = self.panel(contest, "รอบตัดสิน", Panel.Stage.SINGLE)
        entries = [
            self.entry(panel, n, product=d.product, decision=d) for n, d in enumerate(chosen, 1)
        ]
        judges = self.judges(contest, panel, CM_JUDGES)
        j, e, reason = CM_CONFLICT
        if len(judges) > j:
            ConflictDeclaration.objects.get_or_create(
                entry=entries[e], judge=judges[j], defaults={"reason": reason}
            )
        self.score(contest, [
            (judge, entry, level, {})
            for k, judge in enumerate(judges) for i, (entry, level) in enumerate(zip(entries, CM_LEVELS, strict=True))
            if (k, i) != (j, e)
        ], day)  # fmt: skip
        return entries[0]

    def national(self, year: int, status: str, starts: dt.date) -> tuple[Contest, list[Panel]]:
        opened = status != Contest.Status.DRAFT
        contest = self.contest(NATIONAL_NAME.format(y=year), year, {
            "kind": Contest.Kind.NATIONAL, "level": Contest.Level.NATION, "province": None,
            "starts_on": starts, "ends_on": starts + dt.timedelta(days=5), "venue": FAIR,
            "status": status, "rubric_template": self.template,
            "opened_at": aware(starts) if opened else None,
            "closed_at": aware(starts + dt.timedelta(days=2), 17) if opened else None,
            "published_at": aware(starts + dt.timedelta(days=5), 10) if opened else None,
        })  # fmt: skip
        panels = [
            self.panel(contest, name, Panel.Stage.ROUND, regions, advance=3)
            for name, regions, _j in ROUNDS
        ]
        return contest, [*panels, self.panel(contest, FINAL, Panel.Stage.FINAL)]

    def nation_2556(self) -> None:
        category_names = dict(Category.choices)
        contest, panels = self.national(2556, Contest.Status.PUBLISHED, D(2013, 8, 20))
        sheets: list[tuple[User, Entry, Decimal, dict]] = []
        final: list[tuple[Entry, Decimal]] = []
        for number, (code, rnd, group, name, category, _unit, level, last, identity) in enumerate(
            N56, 1
        ):
            entry = self.entry(
                panels[rnd], number, network=network(code), title=name,
                description=f"{group} ({category_names[category]})",
            )  # fmt: skip
            judges = self.judges(contest, panels[rnd], [NATION_JUDGES[i] for i in ROUNDS[rnd][2]])
            fixed = {0: identity} if identity else {}
            sheets += [(judge, entry, Decimal(level), fixed) for judge in judges]
            if last:
                final.append((entry, Decimal(last)))
        judges = self.judges(contest, panels[2], NATION_JUDGES)
        for number, (entry, in_final) in enumerate(final, len(N56) + 1):
            moved = self.entry(
                panels[2], number, network=entry.network, title=entry.title,
                description=entry.description, forwarded_from=entry,
            )  # fmt: skip
            sheets += [(judge, moved, in_final, {}) for judge in judges]
        self.score(contest, sheets, D(2013, 8, 21))

    def nation_2563(self, winner: Entry | None) -> None:
        _contest, panels = self.national(2563, Contest.Status.DRAFT, D(2020, 8, 17))
        if winner is not None:
            self.entry(panels[0], 1, product=winner.product, forwarded_from=winner,
                       decision=winner.decision)  # fmt: skip


def network(code: str) -> Network:
    """The province's KBO network (created when the network demo has none there)."""
    province = Province.objects.get(code=code)
    found = Network.objects.filter(province=province).first()
    return found or Network.objects.create(
        province=province, name=f"เครือข่ายองค์ความรู้ (KBO) จังหวัด{province.name_th}",
        founded_year=2549, secretariat=f"สำนักงานพัฒนาชุมชนจังหวัด{province.name_th}",
    )  # fmt: skip


def load() -> dict[str, int]:
    """Create or refresh the demo contests; return counts for the summary line."""
    loader = Loader()
    with transaction.atomic(), disable_auditlog():
        winner = loader.chiang_mai()
        loader.nation_2556()
        loader.nation_2563(winner)
    contests = Contest.objects.filter(name__in=[CM_NAME, *(NATIONAL_NAME.format(y=y)
                                                          for y in (2556, 2563))])  # fmt: skip
    return {
        **loader.counts,
        "panels": Panel.objects.filter(contest__in=contests).count(),
        "entries": Entry.objects.filter(contest__in=contests).count(),
        "judges": JudgeAssignment.objects.filter(contest__in=contests).count(),
        "sheets": ScoreSheet.objects.filter(entry__contest__in=contests).count(),
        "scores": Score.objects.filter(sheet__entry__contest__in=contests).count(),
    }
