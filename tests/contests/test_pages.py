"""The contest pages: an organiser prepares and runs a contest, judges score blind on their
phones, results appear only after closing (to everybody once published), and the exports."""

import io
import os
import shutil
import subprocess

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from openpyxl import load_workbook

from kbo.contests import services
from kbo.contests.models import Contest, Criterion, Entry, JudgeAssignment, Panel, ScoreSheet
from kbo.core.models import Job
from tests.contests.conftest_pages import full_sheet, open_contest_fixture  # noqa: F401

NEEDS_PDF = pytest.mark.skipif(
    not os.environ.get("CI") and not (shutil.which("chromium") and shutil.which("pdftotext")),
    reason="apt-get install chromium fonts-thai-tlwg poppler-utils",
)


def url(name: str, obj) -> str:
    return reverse(f"contests:{name}", args=[obj.pk])


# Organisers ------------------------------------------------------------------------------


def test_an_officer_prepares_a_contest_and_opens_scoring(people, registry, client_for):
    client = client_for("officer_a")
    response = client.post(
        reverse("contests:contest_add"),
        {
            "kind": "PROVINCIAL",
            "level": "PROVINCE",
            "name": "ประกวดผลิตภัณฑ์ดีเด่น",
            "fiscal_year": 2565,
            "province": registry["product_a"].province_id,
            "normalisation": "NONE",
        },
    )
    contest = Contest.objects.get(name="ประกวดผลิตภัณฑ์ดีเด่น")
    assert response["Location"] == url("contest", contest)
    assert LogEntry.objects.get_for_object(contest).filter(actor=people["officer_a"]).exists()
    page = client.get(url("contest", contest)).content.decode()
    assert "อัตลักษณ์ของจังหวัด" in page and "การนำเสนอ" in page  # the default rubric

    response = client.post(
        url("criterion_add", contest),
        {
            "order": 9,
            "name": "ความยั่งยืน",
            "description": "ใช้วัตถุดิบท้องถิ่น",
            "weight": 5,
            "max_score": 10,
        },
    )
    assert response.status_code == 302
    added = contest.criteria.get(name="ความยั่งยืน")
    client.post(
        url("criterion_edit", added),
        {"order": 9, "name": "ความยั่งยืน", "description": "", "weight": 8, "max_score": 5},
    )
    added.refresh_from_db()
    assert (added.weight, added.max_score) == (8, 5)
    client.post(url("criterion_delete", added))
    assert not contest.criteria.filter(pk=added.pk).exists()

    panel = contest.panels.get()
    response = client.post(
        url("entry_add", contest), {"panel": panel.pk, "product_code": registry["product_a"].code}
    )
    assert response.status_code == 302
    entry = contest.entries.get()
    assert (entry.number, entry.product, entry.title) == (1, registry["product_a"], "ผ้าฝ้ายทอมือ")
    response = client.post(url("judge_add", contest), {"judge": people["judge_a"].pk})
    assert response.status_code == 302
    assert JudgeAssignment.objects.filter(contest=contest, judge=people["judge_a"]).exists()

    client.post(url("stage", contest), {"action": "open"})
    contest.refresh_from_db()
    assert contest.status == Contest.Status.OPEN
    # The rubric is frozen now.
    assert client.get(url("criterion_add", contest)).status_code == 403
    response = client.post(
        url("criterion_edit", contest.criteria.first()),
        {"order": 1, "name": "x", "weight": 1, "max_score": 10},
    )
    assert response.status_code == 403 and not contest.criteria.filter(name="x").exists()


def test_bad_input_names_the_field_and_writes_nothing(people, registry, client_for):
    client = client_for("officer_a")
    data = {"kind": "PROVINCIAL", "level": "PROVINCE", "name": "", "fiscal_year": 2400}
    response = client.post(reverse("contests:contest_add"), data | {"normalisation": "NONE"})
    form = response.context["form"]
    assert {"name", "fiscal_year", "province"} <= set(form.errors)
    assert not Contest.objects.exists()
    # An officer of B cannot create a contest of A (not among the choices).
    response = client_for("officer_b").post(
        reverse("contests:contest_add"),
        {
            "kind": "PROVINCIAL",
            "level": "PROVINCE",
            "name": "ของเชียงใหม่",
            "fiscal_year": 2565,
            "province": registry["product_a"].province_id,
            "normalisation": "NONE",
        },
    )
    assert "province" in response.context["form"].errors and not Contest.objects.exists()


def test_an_entry_must_be_a_product_of_the_province(open_contest, registry, client_for):
    contest = open_contest["contest"]
    contest.status = Contest.Status.DRAFT
    contest.save()
    client = client_for("officer_a")
    response = client.post(
        url("entry_add", contest),
        {"panel": open_contest["panel"].pk, "product_code": registry["product_b"].code},
    )
    assert "product_code" in response.context["form"].errors
    response = client.post(url("entry_add", contest), {"panel": open_contest["panel"].pk})
    assert response.context["form"].non_field_errors()
    assert contest.entries.count() == 2


def test_the_cohort_is_offered_first(open_contest, registry, client_for):
    from kbo.programmes.models import Criteria, Decision, Project

    contest = open_contest["contest"]
    project = Project.objects.create(province=contest.province, fiscal_year=2565, name="ปี 65")
    Criteria.objects.create(project=project, **Criteria.defaults())
    Decision.objects.create(project=project, product=registry["product_a"], status="SELECTED")
    form = client_for("officer_a").get(url("entry_add", contest)).context["form"]
    assert list(form.fields["product"].queryset) == [registry["product_a"]]


def test_another_province_cannot_see_or_run_the_contest(open_contest, client_for):
    contest = open_contest["contest"]
    client = client_for("officer_b")
    assert client.get(url("contest", contest)).status_code == 404
    assert client.post(url("stage", contest), {"action": "close"}).status_code == 404
    assert client.get(url("results", contest)).status_code == 404
    contest.refresh_from_db()
    assert contest.status == Contest.Status.OPEN


def test_the_contest_page_lists_conflicts_with_their_reasons(open_contest, client_for):
    entry = open_contest["entries"][1]
    services.conflict_declare(by=open_contest["judges"][1], entry=entry, reason="เป็นญาติกับผู้ผลิต")
    page = client_for("officer_a").get(url("contest", open_contest["contest"])).content.decode()
    assert "วิไล ใจงาม" in page and "เป็นญาติกับผู้ผลิต" in page


def test_the_board_shows_who_has_not_finished_but_no_scores(open_contest, client_for):
    contest, criteria = open_contest["contest"], open_contest["criteria"]
    first = open_contest["entries"][0]
    services.sheet_save(
        by=open_contest["judges"][1],
        entry=first,
        scores={c.pk: ("7.5", "ความลับของกรรมการ") for c in criteria},
        submit=True,
    )
    client = client_for("officer_a")
    page = client.get(url("board", contest)).content.decode()
    assert 'hx-trigger="every 15s"' in page
    assert "ความลับของกรรมการ" not in page and "7.5" not in page
    fragment = client.get(url("board", contest), HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()
    rows = {row["judge"].username: row for row in fragment.context["rows"]}
    assert rows["judge_2"]["submitted"] == 1 and rows["judge_a"]["submitted"] == 0


# Judges ------------------------------------------------------------------------------------


def test_a_judge_scores_an_entry_on_the_sheet(open_contest, client_for):
    entry, criteria = open_contest["entries"][0], open_contest["criteria"]
    client = client_for("judge_a")
    listing = client.get(url("judge_entries", open_contest["contest"])).content.decode()
    assert 'data-state="NOT_STARTED"' in listing
    page = client.get(url("score", entry)).content.decode()
    assert page.count('inputmode="decimal"') == len(criteria)
    assert 'max="10"' in page and 'step="0.5"' in page
    assert criteria[0].description in page

    # Save half of it, then submit with a criterion missing: refused at that criterion.
    partial = full_sheet(criteria[:4], "8") | {"save": "1"}
    assert client.post(url("score", entry), partial).status_code == 302
    sheet = ScoreSheet.objects.get(entry=entry, judge=open_contest["judges"][0])
    assert sheet.scores.count() == 4 and sheet.submitted_at is None
    listing = client.get(url("judge_entries", open_contest["contest"])).content.decode()
    assert 'data-state="SAVED"' in listing
    response = client.post(url("score", entry), partial | {"submit": "1"})
    assert response.status_code == 200
    assert f'data-testid="error-{criteria[5].pk}"' in response.content.decode()
    sheet.refresh_from_db()
    assert sheet.submitted_at is None

    data = full_sheet(criteria, "8.5", "ดี") | {"comment": "โดยรวมดีมาก", "submit": "1"}
    response = client.post(url("score", entry), data)
    assert response["Location"] == url("judge_entries", open_contest["contest"])
    sheet.refresh_from_db()
    assert sheet.submitted_at and sheet.comment == "โดยรวมดีมาก"
    assert {s.value for s in sheet.scores.all()} == {8.5}
    listing = client.get(url("judge_entries", open_contest["contest"])).content.decode()
    assert 'data-state="SUBMITTED"' in listing
    # Reopened, the sheet shows the judge's own values.
    assert 'value="8.50"' in client.get(url("score", entry)).content.decode()


def test_a_score_out_of_bounds_is_refused_at_its_criterion(open_contest, client_for):
    entry, criteria = open_contest["entries"][0], open_contest["criteria"]
    data = full_sheet(criteria, "5") | {f"score_{criteria[2].pk}": "11", "save": "1"}
    response = client_for("judge_a").post(url("score", entry), data)
    assert response.status_code == 200
    assert f"score_{criteria[2].pk}" in response.context["form"].errors
    assert not ScoreSheet.objects.filter(entry=entry).exists()


def test_a_judge_never_sees_another_judges_scores(open_contest, client_for):
    contest, entry, criteria = (
        open_contest["contest"],
        open_contest["entries"][0],
        open_contest["criteria"],
    )
    services.sheet_save(
        by=open_contest["judges"][1],
        entry=entry,
        scores={c.pk: ("3.5", "ความเห็นลับของวิไล") for c in criteria},
        comment="สรุปลับของวิไล",
        submit=True,
    )
    client = client_for("judge_a")
    page = client.get(url("score", entry)).content.decode()
    assert "ลับของวิไล" not in page and "3.5" not in page
    response = client.get(url("results", contest))
    assert response.status_code == 403 and "ลับของวิไล" not in response.content.decode()
    for name in ("results_pdf", "sheets_pdf", "results_xlsx"):
        assert client.post(url(name, contest)).status_code == 403
    assert not Job.objects.exists()


def test_organisers_cannot_read_results_or_export_before_closing(open_contest, client_for):
    client = client_for("officer_a")
    contest = open_contest["contest"]
    assert client.get(url("results", contest)).status_code == 403
    assert client.post(url("results_xlsx", contest)).status_code == 403
    assert not Job.objects.exists()


def test_a_conflicted_judge_cannot_score(open_contest, client_for):
    entry = open_contest["entries"][1]
    client = client_for("judge_a")
    response = client.post(url("declare", entry), {"reason": "ผู้ผลิตเป็นญาติ"})
    assert response["Location"] == url("judge_entries", open_contest["contest"])
    listing = client.get(url("judge_entries", open_contest["contest"])).content.decode()
    assert 'data-state="CONFLICT"' in listing
    response = client.get(url("score", entry))
    assert response.status_code == 403 and "ผู้ผลิตเป็นญาติ" in response.content.decode()
    response = client.post(url("score", entry), full_sheet(open_contest["criteria"], 9))
    assert response.status_code == 403
    assert not ScoreSheet.objects.filter(entry=entry).exists()


def test_a_closed_contest_refuses_scores(open_contest, people, client_for):
    entry, criteria = open_contest["entries"][0], open_contest["criteria"]
    client = client_for("judge_a")
    client.post(url("score", entry), full_sheet(criteria, 6) | {"submit": "1"})
    services.close(by=people["officer_a"], contest=open_contest["contest"])
    assert client.get(url("score", entry)).status_code == 403
    response = client.post(url("score", entry), full_sheet(criteria, 10) | {"submit": "1"})
    assert response.status_code == 403
    assert {s.value for s in ScoreSheet.objects.get(entry=entry).scores.all()} == {6}


def test_a_judge_of_another_contest_cannot_open_this_one(open_contest, people, client_for):
    JudgeAssignment.objects.filter(judge=people["judge_a"]).delete()
    client = client_for("judge_a")
    assert client.get(url("judge_entries", open_contest["contest"])).status_code == 404
    assert client.get(url("score", open_contest["entries"][0])).status_code == 404


# Results -----------------------------------------------------------------------------------


@pytest.fixture
def closed_contest(open_contest, people):
    criteria = open_contest["criteria"]
    first, second = open_contest["entries"]
    judge_a, judge_2 = open_contest["judges"]
    for judge, (a, b) in ((judge_a, ("9", "6")), (judge_2, ("8", "7"))):
        services.sheet_save(
            by=judge, entry=first, scores={c.pk: (a, "") for c in criteria}, submit=True
        )
        services.sheet_save(
            by=judge, entry=second, scores={c.pk: (b, "ทำต่อ") for c in criteria}, submit=True
        )
    services.close(by=people["officer_a"], contest=open_contest["contest"])
    return open_contest


def test_organisers_see_the_ranked_results_after_closing(closed_contest, client_for):
    contest = closed_contest["contest"]
    response = client_for("officer_a").get(url("results", contest))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-tier="WINNER"' in page and 'data-tier="RUNNER_UP_1"' in page
    assert page.index("ผ้าฝ้ายทอมือ") < page.index("ร่มบ่อสร้าง")
    assert "85.00" in page and "65.00" in page  # means of the totals out of 100: 90/80, 60/70
    assert "วิไล ใจงาม" in page  # organisers see the judges' names
    table = response.context["tables"][0]
    assert [row.result.rank for row in table.rows] == [1, 2]
    normalised = client_for("officer_a").get(url("results", contest) + "?normalisation=ZSCORE")
    assert normalised.context["normalisation"] == "ZSCORE"


def test_published_results_are_public_without_judge_names(closed_contest, people, client):
    contest = closed_contest["contest"]
    assert client.get(url("results", contest)).status_code == 404
    services.publish(by=people["officer_a"], contest=contest)
    response = client.get(url("results", contest))
    page = response.content.decode()
    assert response.status_code == 200 and "ผ้าฝ้ายทอมือ" in page
    assert "วิไล" not in page and "judge_a" not in page
    # The public cannot switch the method.
    assert (
        client.get(url("results", contest) + "?normalisation=ZSCORE").context["normalisation"]
        == contest.normalisation
    )


def test_the_provincial_winner_is_forwarded_in_one_action(closed_contest, people, client_for):
    national = services.contest_create(
        by=people["national"],
        contest=Contest(
            kind=Contest.Kind.NATIONAL,
            level=Contest.Level.NATION,
            name="ประกวด KBO จังหวัดดีเด่นระดับประเทศ",
            fiscal_year=2565,
        ),
    )
    panel = services.panel_save(
        by=people["national"],
        panel=Panel(contest=national, name="รอบภาคเหนือ", stage=Panel.Stage.ROUND),
    )
    winner = closed_contest["entries"][0]
    response = client_for("officer_a").post(url("forward", winner), {"panel": panel.pk})
    assert response["Location"] == url("results", closed_contest["contest"])
    forwarded = Entry.objects.get(contest=national)
    assert forwarded.forwarded_from == winner and forwarded.panel == panel


def test_the_xlsx_has_results_and_every_judges_scores(closed_contest, client_for):
    contest = closed_contest["contest"]
    response = client_for("officer_a").post(url("results_xlsx", contest))
    job = Job.objects.get(kind="contests.results_xlsx")
    assert response["Location"] == reverse("core:job", args=[job.pk])
    assert job.status == Job.Status.DONE, job.message
    with job.result.open("rb") as f:
        book = load_workbook(io.BytesIO(f.read()))
    results, scores = book.worksheets
    values = [cell for row in results.iter_rows(values_only=True) for cell in row]
    assert "ผ้าฝ้ายทอมือ" in values and 85.0 in values
    rows = list(scores.iter_rows(min_row=2, values_only=True))
    criteria = Criterion.objects.filter(contest=contest).count()
    assert len(rows) == 2 * 2 * criteria  # judges × entries × criteria
    assert {r[3] for r in rows} == {"judge_a ทดสอบ", "วิไล ใจงาม"}
    assert ("ร่มบ่อสร้าง", "วิไล ใจงาม", 7.0, "ทำต่อ") in {(r[2], r[3], r[7], r[8]) for r in rows}


def pdf_text(job, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    with job.result.open("rb") as f:
        path.write_bytes(f.read())
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return text.replace("\n", "")


@NEEDS_PDF
def test_the_results_pdf_keeps_the_thai_text(closed_contest, client_for, tmp_path):
    client_for("officer_a").post(url("results_pdf", closed_contest["contest"]))
    job = Job.objects.get(kind="contests.results_pdf")
    assert job.status == Job.Status.DONE, job.message
    text = pdf_text(job, tmp_path)
    for expected in [
        "ผลการประกวด",
        "ประกวดผลิตภัณฑ์ KBO จังหวัดเชียงใหม่ 2565",
        "ผ้าฝ้ายทอมือ",
        "ร่มบ่อสร้าง",
        "85.00",
    ]:
        assert expected in text


@NEEDS_PDF
def test_the_score_sheets_pdf_has_every_judges_sheet(closed_contest, client_for, tmp_path):
    client_for("officer_a").post(url("sheets_pdf", closed_contest["contest"]))
    job = Job.objects.get(kind="contests.sheets_pdf")
    assert job.status == Job.Status.DONE, job.message
    text = pdf_text(job, tmp_path)
    assert text.count("ใบให้คะแนน") >= 4  # 2 judges × 2 entries
    for expected in ["วิไล ใจงาม", "อัตลักษณ์ของจังหวัด", "ทำต่อ", "ร่มบ่อสร้าง"]:
        assert expected in text


def test_the_menu_offers_contests_to_officers_and_judges(people, client_for):
    for persona, shown in (("officer_a", True), ("judge_a", True), ("producer_a", False)):
        page = client_for(persona).get(reverse("core:home")).content.decode()
        assert (f'href="{reverse("contests:contests")}"' in page) is shown, persona
