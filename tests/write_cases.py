"""Rows of the write matrix (tests/test_write_permissions.py): every route that accepts a write.

A `Write` names a route, the answer each persona gets and the data sent. Unless told
otherwise the answers follow the read matrix (tests/test_permissions.py): whoever may open a
form may save it (its success answer replaces the 200), everyone else gets what the page
itself answers (302 to the login page, 403, 404). `form=True` starts from the values of the
form on the page (as `form_as` sees it), with `data` on top. For allowed personas the write
must change the database; for everyone else it must leave it exactly as it was.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO

from tests.permission_cases import PERSONAS, Case, answers, api_signed_in, signed_in

SUCCESS = {200, 201, 204, 302}


@dataclass
class Write:
    name: str
    note: str = ""
    expect: dict[str, int] | None = None  # None: the read matrix's answers, 200 → `success`
    kwargs: object = None  # None: the read matrix's row for (name, note)
    data: object = field(default_factory=dict)  # dict, or callable(world) -> dict
    form: bool = False
    form_as: str = "national"
    success: int = 302
    method: str = "post"
    api: bool = False  # send JSON
    target: Callable | None = None  # callable(world) -> objects whose rows must not change
    changes: bool = True  # an allowed write changes the database
    # Personas answered with the form again (200) and an error: another province's choice
    # is not offered to them. Refused: nothing may change.
    form_refuses: tuple[str, ...] = ()
    to_login: bool = True  # a 302 for the anonymous visitor goes to the sign-in page


def read_case(name: str, note: str = "") -> Case:
    from tests.test_permissions import MATRIX

    found = [c for c in MATRIX if c.name == name and c.note == note]
    assert found, f"no read-matrix row for {name} [{note}]"
    return found[0]


def expected(case: Write) -> dict[str, int]:
    if case.expect is not None:
        return case.expect
    read = read_case(case.name, case.note).expect
    return {p: case.success if read[p] == 200 else read[p] for p in PERSONAS}


def url_kwargs(case: Write, world: dict) -> dict:
    kwargs = case.kwargs if case.kwargs is not None else read_case(case.name, case.note).kwargs
    return kwargs(world) if callable(kwargs) else kwargs


def _pk(key: str):
    return lambda w: {"pk": w[key].pk}


def _obj(*keys: str):
    return lambda w: [w[k] for k in keys]


def _plan(side: str, name: str):
    return lambda w: {"pk": w[f"plans_{side}"][name].pk}


def _png(name: str = "photo.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


# Refused to everyone but the persona(s) named (302 to sign in for the anonymous visitor).
def only(code: int, **allowed: int) -> dict[str, int]:
    return signed_in(code, **allowed)


POST_TO_A = dict(officer_b=404, committee_a=403, judge_a=403, producer_a=403)

ACCOUNTS: list[Write] = [
    Write(
        "accounts:person_add",
        form=True,
        data=lambda w: {
            "username": "new_person",
            "first_name": "ใหม่",
            "last_name": "ทดสอบ",
            "role": "producer",
            "province": w["producer_a"].province_id,
            "password": "a-long-enough-password-9",
        },
        expect=only(403, officer_a=302, national=302, officer_b=200),
        form_refuses=("officer_b",),
    ),
    Write(
        "accounts:membership_edit",
        form=True,
        data={"organisation": "กลุ่มใหม่"},
        target=_obj("membership_a"),
    ),
    Write(
        "accounts:membership_edit",
        "province B",
        form=True,
        data={"organisation": "กลุ่มใหม่"},
        target=_obj("membership_b"),
    ),
    Write("accounts:preferences", form=True, data={"phone": "0899999999"}),
]

# Knowledge reached from other pages (a case study drafted from a product).
KNOWLEDGE_LINKS: list[Write] = [
    # Products A and B were selected in projects A and B (tests/matrix_plans.py): the
    # province's officers and national staff draft the case study and go to its edit page.
    # Product A may hold its case study already (then the POST opens it: nothing is written),
    # so the write itself is checked on product B.
    Write(
        "knowledge:case_study_draft",
        "POST only",
        expect=only(403, officer_a=302, national=302, officer_b=404),
        changes=False,
    ),
    Write(
        "knowledge:case_study_draft",
        "province B",
        kwargs=lambda w: {"product": w["product_b"].pk},
        expect=only(404, officer_b=302, national=302),
    ),
]

REGISTRY_EDITS = [
    ("registry:producer_edit", {"name": "ชื่อใหม่"}, "producer"),
    ("registry:product_edit", {"name": "ชื่อใหม่"}, "product"),
]
REGISTRY_ADDS = [
    (
        "registry:product_add",
        {"code": "X0001", "name": "ผลิตภัณฑ์ใหม่", "category": "TEXTILE", "price": "100"},
    ),
    ("registry:product_stars_add", {"stars-round_year": "2566", "stars-stars": "4"}),
    ("registry:product_segment_add", {"segments-year": "2566", "segments-segment": "C"}),
    (
        "registry:product_certificate_add",
        {
            "certificates-kind": "MOPHOCHO",
            "certificates-number": "มผช. 9/2566",
            "certificates-issuer": "สมอ.",
            "certificates-issued_on": "2023-01-05",
        },
    ),
    ("registry:product_sale_add", {"sales-fiscal_year": "2566", "sales-amount": "5000"}),
]

REGISTRY: list[Write] = [
    *(
        Write(name, note, form=True, data=data, target=_obj(f"{key}_{side}"))
        for name, data, key in REGISTRY_EDITS
        for side, note in (("a", ""), ("b", "province B"))
    ),
    *(
        Write(name, note, form=True, form_as="national", data=data)
        for name, data in REGISTRY_ADDS
        for note in ("", "province B")
    ),
    Write(
        "registry:producer_add",
        form=True,
        data=lambda w: {
            "code": "P50999",
            "producer_type": "COMMUNITY_GROUP",
            "name": "กลุ่มใหม่",
            "registered_year": "2565",
            "subdistrict": w["producer_a"].subdistrict.code,
            "village_no": "1",
            "member_count": "10",
        },
        expect=only(403, officer_a=302, national=302, officer_b=200),
        form_refuses=("officer_b",),
    ),
    Write(
        "registry:import",
        data=lambda w: {"file": _xlsx_bad()},
        expect=only(403, officer_a=200, officer_b=200, national=200),
        changes=False,
    ),
    Write(
        "api:producer-detail",
        method="patch",
        api=True,
        kwargs=_pk("producer_a"),
        data={"name": "ชื่อใหม่ทาง API"},
        expect=api_signed_in(200, officer_b=404, committee_a=403, judge_a=403, producer_a=403),
        target=_obj("producer_a"),
    ),
    Write(
        "api:producer-detail",
        "province B",
        method="patch",
        api=True,
        kwargs=_pk("producer_b"),
        data={"name": "ชื่อใหม่ทาง API"},
        expect=api_signed_in(404, officer_b=200, national=200),
        target=_obj("producer_b"),
    ),
    Write(
        "api:product-detail",
        method="patch",
        api=True,
        kwargs=_pk("product_a"),
        data={"name": "ชื่อใหม่ทาง API"},
        expect=api_signed_in(200, officer_b=404, committee_a=403, judge_a=403, producer_a=403),
        target=_obj("product_a"),
    ),
    Write(
        "api:product-detail",
        "province B",
        method="patch",
        api=True,
        kwargs=_pk("product_b"),
        data={"name": "ชื่อใหม่ทาง API"},
        expect=api_signed_in(404, officer_b=200, national=200),
        target=_obj("product_b"),
    ),
    Write(
        "api:producer-list",
        api=True,
        kwargs={},
        data=lambda w: {
            "code": "P50998",
            "producer_type": "COMMUNITY_GROUP",
            "name": "กลุ่มทาง API",
            "registered_year": 2565,
            "subdistrict": w["producer_a"].subdistrict.code,
        },
        expect=api_signed_in(403, officer_a=201, national=201),
    ),
    Write(
        "api:product-list",
        api=True,
        kwargs={},
        data=lambda w: {
            "producer": w["producer_a"].code,
            "code": "X0002",
            "name": "ผลิตภัณฑ์ทาง API",
            "category": "TEXTILE",
        },
        expect=api_signed_in(403, officer_a=201, national=201, officer_b=400),
    ),
]


def _xlsx_bad():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("data.xlsx", b"not a workbook", content_type="application/zip")


def _side(note: str) -> str:
    return "b" if note.endswith("B") else "a"


NETWORK: list[Write] = [
    Write(
        "network:source_add",
        form=True,
        data=lambda w: {
            "kind": "EXPERT",
            "name": "ผู้เชี่ยวชาญใหม่",
            "sector": "EDUCATION",
            "home_province": w["producer_a"].province_id,
            "service_provinces": [w["producer_a"].province_id],
        },
        expect=only(403, officer_a=302, national=302, officer_b=200),
        form_refuses=("officer_b",),
    ),
    *(
        Write(name, note, form=True, data=data, target=_obj(f"{obj}_{_side(note or 'A')}"))
        for name, data, obj in (
            ("network:source_edit", {"title": "ศาสตราจารย์"}, "source"),
            ("network:network_edit", {"secretariat": "สำนักงานใหม่"}, "network"),
            ("network:meeting_edit", {"place": "ห้องประชุมใหม่"}, "meeting"),
        )
        for note in ("", "province B")
    ),
    *(
        Write(
            "network:term_add",
            note,
            form=True,
            data={
                "order_number": "คำสั่ง 2/2566",
                "starts_on": "2023-10-01",
                "ends_on": "2027-09-30",
            },
        )
        for note in ("", "province B")
    ),
    *(
        Write(
            "network:seat_add",
            note,
            form=True,
            data={"new_name": "นายใหม่", "role": "MEMBER", "sector": "PRIVATE"},
        )
        for note in ("", "province B")
    ),
    *(
        Write(
            "network:meeting_add",
            note,
            form=True,
            data={"number": "2", "held_on": "2023-02-01", "place": "ศาลากลาง"},
        )
        for note in ("", "province B")
    ),
]


def _plans(note: str) -> list[Write]:
    side = _side(note)
    return [
        Write("programmes:analysis", note, form=True, data={"strengths": "จุดแข็งใหม่"}),
        Write(
            "programmes:need_add",
            note,
            form=True,
            data={"area": "PACKAGING", "description": "ตราสินค้า"},
        ),
        Write("programmes:need_edit", note, form=True, data={"description": "แก้ไข"}),
        Write(
            "programmes:plan_item_add",
            note,
            form=True,
            data={
                "area": "PACKAGING",
                "action": "อบรม",
                "due_on": "2023-03-31",
                "responsible_other": "ม.เชียงใหม่",
            },
        ),
        Write("programmes:plan_item_edit", note, form=True, data={"action": "อบรมใหม่"}),
        Write("programmes:evidence_add", note, form=True, data=lambda w: {"file": _pdf()} | {}),
        Write("programmes:prototype_add", note, form=True, data={"name": "ต้นแบบใหม่"}),
        Write(
            "programmes:prototype_version_add",
            note,
            form=True,
            data=lambda w: {"changes": "สีใหม่", "after_photo": _png()},
        ),
        Write(
            "programmes:need_delete",
            note,
            kwargs=_plan(side, "need"),
            expect=(
                only(404, officer_a=302, national=302, committee_a=302, judge_a=403, producer_a=403)
                if side == "a"
                else only(404, officer_b=302, national=302, judge_a=403, producer_a=403)
            ),
        ),
    ]


def _project_a_or_b(side: str) -> Callable:
    return lambda w: {"pk": w[f"project_{side}"].pk}


def _decide(note: str) -> Write:
    side = _side(note or "A")
    return Write(
        "programmes:decide",
        note,
        kwargs=lambda w: {"pk": w[f"project_{side}"].pk, "product_pk": w[f"product_{side}"].pk},
        data=lambda w: {
            "status": "NOT_SELECTED",
            "reason": "ไม่ผ่าน",
            "version": w[f"plans_{side}"]["decision"].version,
        },
        expect=(
            only(403, officer_a=302, national=302, officer_b=404)
            if side == "a"
            else only(404, officer_b=302, national=302)
        ),
    )


def _assign(note: str) -> Write:
    """Assigning an expert to a need: whoever may see the need's expert list."""
    side = _side(note or "A")
    return Write(
        "programmes:need_assign",
        note,
        kwargs=lambda w: {"pk": w[f"matching_need_{side}"].pk},
        data=lambda w: {"source": w[f"source_{side}"].pk},
        expect=expected(Write("programmes:need_experts", note))
        | ({"judge_a": 404, "producer_a": 404} if note else {}),
        target=lambda w: [w[f"matching_need_{side}"]],
    )


PROGRAMMES: list[Write] = [
    Write(
        "programmes:project_add",
        form=True,
        data=lambda w: {
            "province": w["producer_a"].province_id,
            "fiscal_year": "2567",
            "name": "โครงการใหม่",
        },
        expect=only(403, officer_a=302, national=302, officer_b=200),
        form_refuses=("officer_b",),
    ),
    *(
        Write(name, note, form=True, data=data)
        for name, data in (
            ("programmes:criteria", {"min_stars": "1"}),
            ("programmes:targets", {"targets-1-target": "7"}),
            ("programmes:activity_edit", {"budget": "12345"}),
        )
        for note in ("", "province B")
    ),
    *(_decide(note) for note in ("", "province B")),
    *_plans("province A"),
    *_plans("province B"),
    *(_assign(note) for note in ("", "province B")),
]


def _trainings(note: str) -> list[Write]:
    side = _side(note or "A")
    return [
        Write("trainings:training_edit", note, form=True, data={"venue": "ห้องใหม่"}),
        Write(
            "trainings:training_add",
            note,
            form=True,
            data={"title": "อบรมใหม่", "starts_on": "2023-01-10", "ends_on": "2023-01-11"},
        ),
        Write(
            "trainings:session_add",
            note,
            form=True,
            data={"starts_at": "09:00", "ends_at": "12:00", "topic": "การตลาด"},
        ),
        Write("trainings:session_edit", note, form=True, data={"topic": "หัวข้อใหม่"}),
        Write("trainings:trainees", note, data={"action": "committee"}),
        Write(
            "trainings:attendance",
            note,
            data=lambda w, s=side: {"present": [w[f"trainee_{s}"].pk]},
        ),
        Write(
            "trainings:trainee_remove",
            note or "",
            kwargs=_pk(f"trainee_{side}"),
            expect=read_case("trainings:trainees", note).expect | {"anonymous": 302},
            success=302,
        ),
    ]


def _fix_remove(case: Write) -> Write:
    """trainee_remove answers like the trainee list (same people may change it), except that
    another province's trainee is not there for anyone outside it."""
    if case.name == "trainings:trainee_remove":
        read = read_case("trainings:trainees", case.note).expect
        case.expect = {p: 302 if read[p] == 200 else read[p] for p in PERSONAS}
        if case.note:
            case.expect |= {"judge_a": 404, "producer_a": 404}
    return case


TRAININGS: list[Write] = [_fix_remove(c) for c in (*_trainings(""), *_trainings("province B"))]

ORGANISE_A = only(403, officer_a=302, national=302, officer_b=404, producer_a=404)
ORGANISE_B = only(404, officer_b=302, national=302)


def _national_panel(w: dict) -> int:
    from kbo.contests.models import Contest, Panel

    contest = Contest.objects.create(
        kind=Contest.Kind.NATIONAL,
        level=Contest.Level.NATION,
        name="ประกวดระดับประเทศ",
        fiscal_year=2565,
        status=Contest.Status.DRAFT,
    )
    return Panel.objects.create(contest=contest, name="รอบชิง", stage=Panel.Stage.FINAL).pk


def _product(w: dict, side: str):
    """A product of the side's province that is in no contest yet."""
    from kbo.registry.models import Product

    producer = w[f"producer_{side}"]
    return Product.objects.create(
        code=f"N{producer.province.code}9", producer=producer, province=producer.province,
        name="ผลิตภัณฑ์ใหม่", category="TEXTILE",
    )  # fmt: skip


def _judge(w: dict, side: str, assign=None):
    from kbo.accounts.models import Role
    from kbo.contests.models import JudgeAssignment
    from tests.conftest import make_user

    user = make_user(f"judge_new_{side}", Role.JUDGE, w[f"producer_{side}"].province)
    if assign is not None:
        JudgeAssignment.objects.create(contest=assign, judge=user)
    return user


def _sheet(w: dict) -> dict:
    contest = w["api_contest_open_a"]
    return {
        "entry": contest.entries.get().pk,
        "scores": [{"criterion": contest.criteria.get().pk, "value": "8"}],
    }


CONTESTS: list[Write] = [
    Write(
        "contests:contest_add",
        form=True,
        data=lambda w: {
            "kind": "PROVINCIAL",
            "level": "PROVINCE",
            "name": "ประกวดใหม่",
            "fiscal_year": "2566",
            "province": w["producer_a"].province_id,
        },
        expect=only(403, officer_a=302, national=302, officer_b=200),
        form_refuses=("officer_b",),
    ),
    Write("contests:criterion_add", form=True, data={"name": "เกณฑ์ใหม่", "weight": "5"}),
    Write(
        "contests:criterion_add",
        "rubric frozen",
        data={"name": "เกณฑ์ใหม่", "order": "3", "weight": "5", "max_score": "10"},
    ),
    Write("contests:criterion_edit", form=True, data={"name": "ชื่อเกณฑ์ใหม่"}),
    Write("contests:criterion_edit", "province B", form=True, data={"name": "ชื่อเกณฑ์ใหม่"}),
    Write("contests:criterion_delete", kwargs=_pk("criterion_a"), expect=ORGANISE_A),
    Write("contests:criterion_delete", "province B", kwargs=_pk("criterion_b"), expect=ORGANISE_B),
    Write("contests:panel_add", form=True, data={"name": "รอบสอง", "stage": "SINGLE"}),
    Write(
        "contests:entry_add",
        form=True,
        data=lambda w: {"panel": w["panel_a"].pk, "product_code": _product(w, "a").code},
    ),
    Write(
        "contests:entry_add",
        "province B",
        form=True,
        data=lambda w: {"panel": w["panel_b"].pk, "product_code": _product(w, "b").code},
    ),
    Write("contests:judge_add", form=True, data=lambda w: {"judge": _judge(w, "a").pk}),
    Write(
        "contests:stage",
        kwargs=_pk("contest_a"),
        data={"action": "open"},
        expect=ORGANISE_A,
        target=_obj("contest_a"),
    ),
    Write(
        "contests:stage",
        "province B",
        kwargs=_pk("contest_b"),
        data=lambda w: {"action": "open", "judge": _judge(w, "b", assign=w["contest_b"]).pk},
        expect=ORGANISE_B,
        target=_obj("contest_b"),
    ),
    Write(
        "contests:score",
        "scoring open",
        form=True,
        form_as="judge_a",
        data=lambda w: (
            {f"score_{c.pk}": "8" for c in w["contest_a_open"].criteria.all()} | {"submit": "1"}
        ),
        expect=only(403, judge_a=302, officer_b=404, producer_a=404),
    ),
    Write(
        "contests:score",
        "closed",
        kwargs=_pk("entry_a_closed"),
        data={"submit": "1"},
    ),
    Write(
        "contests:score",
        "province B",
        kwargs=_pk("entry_b"),
        data={"submit": "1"},
    ),
    Write(
        "contests:declare",
        kwargs=_pk("entry_a_open"),
        data={"reason": "เป็นญาติกับผู้ผลิต"},
        expect=only(403, judge_a=302, officer_b=404, producer_a=404),
    ),
    Write(
        "contests:declare",
        "province B",
        kwargs=_pk("entry_b"),
        data={"reason": "เป็นญาติกับผู้ผลิต"},
        expect=only(404, officer_b=403, national=403),
    ),
    Write(
        "contests:forward",
        kwargs=_pk("entry_a_closed"),
        data=lambda w: {"panel": _national_panel(w)},
        expect=ORGANISE_A,
        changes=False,  # the entry has no rank: refused with a message, nothing written
    ),
    Write(
        "api:contest-scores",
        "own sheets",
        api=True,
        kwargs=_pk("api_contest_open_a"),
        data=_sheet,
        expect=api_signed_in(403, judge_a=200, officer_b=404, producer_a=404),
    ),
    Write(
        "api:contest-scores",
        "province B",
        api=True,
        kwargs=_pk("api_contest_open_b"),
        data=lambda w: {
            "entry": w["api_contest_open_b"].entries.get().pk,
            "scores": [{"criterion": w["api_contest_open_b"].criteria.get().pk, "value": "8"}],
        },
        expect=api_signed_in(404, officer_b=403, national=403),
    ),
]

OTHERS: list[Write] = [
    Write(
        "outcomes:product_sales",
        form=True,
        data={"fiscal_year": "2566", "TOTAL": "90000"},
        expect=only(403, officer_a=302, national=302, producer_a=302, officer_b=404),
    ),
    Write(
        "outcomes:product_sales",
        "province B",
        form=True,
        data={"fiscal_year": "2566", "TOTAL": "90000"},
    ),
    Write("outcomes:kpi_edit", form=True, data={"target": "77"}, target=_obj("kpi")),
    Write(
        "showcase:news_add",
        form=True,
        data=lambda w: {
            "province": w["producer_a"].province_id,
            "title": "ข่าวใหม่",
            "published_on": "2023-05-01",
            "body": "เนื้อหา",
        },
        expect=only(403, officer_a=302, national=302, officer_b=200),
        form_refuses=("officer_b",),
    ),
    Write("showcase:news_edit", form=True, data={"title": "หัวข้อใหม่"}, target=_obj("news_a")),
    Write(
        "showcase:news_edit",
        "province B",
        form=True,
        data={"title": "หัวข้อใหม่"},
        target=_obj("news_b"),
    ),
    Write(
        "showcase:news_edit",
        "national news",
        form=True,
        data={"title": "หัวข้อใหม่"},
    ),
    Write(
        "privacy:consent_record",
        kwargs=_pk("producer_a"),
        data={"purpose": "PUBLICATION", "given": "1"},
        expect=only(403, officer_a=302, national=302, officer_b=404),
    ),
    Write(
        "privacy:consent_record",
        "province B",
        kwargs=_pk("producer_b"),
        data={"purpose": "PUBLICATION", "given": "1"},
        expect=only(404, officer_b=302, national=302),
    ),
    Write(
        "privacy:erase",
        data=lambda w: {"reason": "ผู้ผลิตขอ", "confirm": w["producer_a"].code},
        target=_obj("producer_a"),
    ),
    Write(
        "privacy:erase",
        "province B",
        data=lambda w: {"reason": "ผู้ผลิตขอ", "confirm": w["producer_b"].code},
        target=_obj("producer_b"),
    ),
]

# The knowledge library's own forms and actions (/knowledge/). The editor's multiple choices
# (authors, sessions, provinces) are sent empty: the form scraped as national staff would
# otherwise pick options another persona is not offered.
NO_LISTS = {"authors": [], "sessions": [], "provinces": []}
CHANGE_KNOWLEDGE_A = only(403, officer_a=302, national=302, officer_b=404)


def _knowledge(key: str):
    return lambda w: {"pk": w[f"knowledge_{key}"].pk}


KNOWLEDGE_LIBRARY: list[Write] = [
    Write(
        "knowledge:add",
        form=True,
        data=lambda w: (
            NO_LISTS
            | {
                "kind": "TECHNIQUE",
                "title": "ความรู้ใหม่",
                "body": "<p>เนื้อหา</p>",
                "province": w["product_a"].province_id,
                "visibility": "DRAFT",
            }
        ),
        # committee_a writes a draft of their province; officers publish it
        expect=only(403, officer_a=302, national=302, committee_a=302, officer_b=200),
        form_refuses=("officer_b",),
    ),
    *(
        Write(
            "knowledge:edit",
            key,
            form=True,
            data=NO_LISTS | {"title": "ชื่อใหม่", "note": "แก้ชื่อ"},
            target=_obj(f"knowledge_{key}"),
        )
        for key in (
            "public_a",
            "province_a",
            "draft_a",
            "contributed_a",
            "province_b",
            "national_public",
        )
    ),
    Write(
        "knowledge:publish",
        "draft",
        kwargs=_knowledge("draft_a"),
        data={"visibility": "PUBLIC"},
        expect=only(404, officer_a=302, national=302),
        target=_obj("knowledge_draft_a"),
    ),
    Write(
        "knowledge:publish",
        "a committee member's draft",
        kwargs=_knowledge("contributed_a"),
        data={"visibility": "PUBLIC"},
        expect=only(404, officer_a=302, national=302, committee_a=403),
        target=_obj("knowledge_contributed_a"),
    ),
    Write(
        "knowledge:publish",
        "back to draft",
        kwargs=_knowledge("province_a"),
        data={"visibility": "DRAFT"},
        expect=CHANGE_KNOWLEDGE_A,
        target=_obj("knowledge_province_a"),
    ),
    Write(
        "knowledge:publish",
        "national",
        kwargs=_knowledge("national_public"),
        data={"visibility": "PROVINCE"},
        expect=only(403, national=302),
        target=_obj("knowledge_national_public"),
    ),
    Write("knowledge:delete", "province_a", target=_obj("knowledge_province_a")),
    Write("knowledge:delete", "draft_b", target=_obj("knowledge_draft_b")),
    Write("knowledge:delete", "contributed_a", target=_obj("knowledge_contributed_a")),
    Write("knowledge:delete", "national_province", target=_obj("knowledge_national_province")),
    Write(
        "knowledge:attachment_add",
        kwargs=_knowledge("province_a"),
        data=lambda w: {"file": _pdf(), "caption": "คู่มือ"},
        expect=CHANGE_KNOWLEDGE_A,
    ),
    Write(
        "knowledge:attachment_add",
        "draft B",
        kwargs=_knowledge("draft_b"),
        data=lambda w: {"file": _pdf()},
        expect=only(404, officer_b=302, national=302),
    ),
    Write(
        "knowledge:attachment_add",
        "committee_a's draft",
        kwargs=_knowledge("contributed_a"),
        data=lambda w: {"file": _pdf()},
        expect=only(404, officer_a=302, national=302, committee_a=302),
    ),
    Write(
        "knowledge:attachment_delete",
        kwargs=_knowledge("file_province_a"),
        expect=CHANGE_KNOWLEDGE_A,
        target=_obj("knowledge_file_province_a"),
    ),
    Write(
        "knowledge:attachment_delete",
        "public B",
        kwargs=_knowledge("file_public_b"),
        expect=only(403, officer_b=302, national=302),
        target=_obj("knowledge_file_public_b"),
    ),
]

# Signing in and out, passwords and the language: the user's own account, no province.

ACCOUNT_OWN: list[Write] = [
    Write(
        "accounts:login",
        data={"username": "officer_a", "password": "wrong-password"},
        expect=answers(200, **{p: 302 for p in PERSONAS[1:]}),
        changes=False,
    ),
    Write("accounts:logout", kwargs={}, expect=answers(302), changes=False, to_login=False),
    Write(
        "accounts:password_change",
        data={
            "old_password": "correct-horse-battery-staple",
            "new_password1": "a-new-long-passphrase-77",
            "new_password2": "a-new-long-passphrase-77",
        },
        target=lambda w: list(w["people"].values()),
    ),
    Write(
        "accounts:password_reset",
        data={"email": "nobody@example.org"},
        expect=answers(302),
        changes=False,
        to_login=False,
    ),
    Write(
        "accounts:password_reset_confirm",
        data={"new_password1": "x-long-pass-99", "new_password2": "x-long-pass-99"},
        expect=answers(200),
        changes=False,
    ),
    Write(
        "set_language",
        kwargs={},
        data={"language": "en"},
        expect=answers(302),
        changes=False,
        to_login=False,
    ),
    Write(
        "api:token",
        kwargs={},
        api=True,
        data={"username": "officer_a", "password": "wrong-password"},
        expect=answers(400),
        changes=False,
    ),
]

WRITES: list[Write] = [
    *ACCOUNTS,
    *ACCOUNT_OWN,
    *REGISTRY,
    *NETWORK,
    *PROGRAMMES,
    *TRAININGS,
    *CONTESTS,
    *OTHERS,
    *KNOWLEDGE_LIBRARY,
    *KNOWLEDGE_LINKS,
]

# Routes whose views accept any method but only read: a POST must change nothing
# (tests/test_write_permissions.py::test_posts_to_pages_that_only_read_change_nothing).
READS_ONLY: list[tuple[str, str]] = [
    ("core:home", ""),
    ("core:jobs", ""),
    ("core:job", ""),
    ("core:job_download", ""),
    ("geo:index", ""),
    ("geo:province", ""),
    ("geo:district", ""),
    ("accounts:people", ""),
    ("accounts:membership", ""),
    ("accounts:history", ""),
    ("registry:products", ""),
    ("registry:producers", ""),
    ("registry:product", ""),
    ("registry:producer", ""),
    ("registry:import_template", ""),
    ("registry:subdistrict_options", ""),
    ("network:index", ""),
    ("network:member", ""),
    ("network:sources", ""),
    ("network:network", ""),
    ("network:meetings", ""),
    ("network:meeting", ""),
    ("programmes:projects", ""),
    ("programmes:project", ""),
    ("programmes:participant", "province A"),
    ("programmes:evidence_file", "province A"),
    ("programmes:prototype_photo", "province A"),
    ("programmes:need_experts", ""),
    ("trainings:project_trainings", ""),
    ("trainings:training", ""),
    ("contests:contests", ""),
    ("contests:judge_home", ""),
    ("contests:contest", ""),
    ("contests:board", ""),
    ("contests:judge_entries", ""),
    ("contests:results", "closed"),
    ("outcomes:index", ""),
    ("outcomes:mine", ""),
    ("outcomes:kpis", ""),
    ("dashboards:index", ""),
    ("dashboards:province", ""),
    ("privacy:inventory", ""),
    ("privacy:producer", ""),
    ("privacy:access_log", ""),
]

# Routes that start or serve an export: tests/test_export_permissions.py.
EXPORTS = [
    "geo:export",
    "network:minutes",
    "contests:results_pdf",
    "contests:sheets_pdf",
    "contests:results_xlsx",
    "trainings:certificates_pdf",
    "trainings:sheet_pdf",
    "reports:index",
    "privacy:export",
]
