"""The contests API: contests with their rubric and panels, entries (with a judge's own
sheet state), results only once closed or published, and judges scoring by token with the
same rules as the web page; a fixed number of queries per list."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kbo.accounts.models import Role
from kbo.contests import services
from kbo.contests.models import Contest, Score, ScoreSheet
from kbo.geo.models import Province
from kbo.registry.models import Product
from tests.conftest import make_user


def signed_in(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def by_token(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def provincial(officer, code: str = "50", year: int = 2563, name: str = "KBO CM CONTEST"):
    contest = Contest(
        kind=Contest.Kind.PROVINCIAL, level=Contest.Level.PROVINCE, name=name,
        fiscal_year=year, province=Province.objects.get(code=code), venue="ศาลากลาง",
    )  # fmt: skip
    return services.contest_create(by=officer, contest=contest)


def values(contest: Contest, value: str) -> dict:
    return {"scores": [{"criterion": c.pk, "value": value} for c in contest.criteria.all()]}


@pytest.fixture
def world(registry, people):
    """A Chiang Mai contest, open, with two entries and two judges (judge_a and judge_c);
    judge_c declared a conflict on the second entry."""
    officer = people["officer_a"]
    contest = provincial(officer)
    panel = contest.panels.get()
    second = Product.objects.create(
        code="500002", producer=registry["producer_a"], province=registry["product_a"].province,
        name="ร่มบ่อสร้าง", category="HOUSEHOLD",
    )  # fmt: skip
    e1 = services.entry_add(by=officer, contest=contest, panel=panel, product=registry["product_a"])
    e2 = services.entry_add(by=officer, contest=contest, panel=panel, product=second)
    judge_c = make_user("judge_c", Role.JUDGE, contest.province)
    for judge in (people["judge_a"], judge_c):
        services.judge_assign(by=officer, contest=contest, judge=judge, panel=panel)
    services.open_scoring(by=officer, contest=contest)
    services.conflict_declare(by=judge_c, entry=e2, reason="ญาติของผู้ผลิต")
    return {"contest": contest, "panel": panel, "e1": e1, "e2": e2, "judge_c": judge_c}


def score_all(world, people) -> None:
    contest, e1, e2 = world["contest"], world["e1"], world["e2"]
    for judge, entry, value in [
        (people["judge_a"], e1, "9"), (people["judge_a"], e2, "6"), (world["judge_c"], e1, "8"),
    ]:  # fmt: skip
        scores = {c.pk: (value, "") for c in contest.criteria.all()}
        services.sheet_save(by=judge, entry=entry, scores=scores, submit=True)


def test_a_contest_gives_its_rubric_and_panels(world, people):
    contest = world["contest"]
    body = signed_in(people["officer_a"]).get(f"/api/v1/contests/{contest.pk}/").json()
    assert (body["kind"], body["level"], body["fiscal_year"], body["province"]) == (
        "PROVINCIAL", "PROVINCE", 2563, "50",
    )  # fmt: skip
    assert body["status"] == "OPEN" and body["scores_visible"] is False and body["entries"] == 2
    assert len(body["criteria"]) == 8
    assert sum(Decimal(c["weight"]) for c in body["criteria"]) == 100
    assert {c["max_score"] for c in body["criteria"]} == {10}
    [panel] = body["panels"]
    assert (panel["id"], panel["stage"], panel["entries"]) == (world["panel"].pk, "SINGLE", 2)


def test_anonymous_visitors_see_only_published_contests(world, people):
    contest = world["contest"]
    anonymous = APIClient()
    assert anonymous.get("/api/v1/contests/").json()["count"] == 0
    assert anonymous.get(f"/api/v1/contests/{contest.pk}/").status_code == 404
    score_all(world, people)
    services.close(by=people["officer_a"], contest=contest)
    services.publish(by=people["officer_a"], contest=contest)
    assert [c["id"] for c in anonymous.get("/api/v1/contests/").json()["results"]] == [contest.pk]
    assert anonymous.get(f"/api/v1/contests/{contest.pk}/entries/").status_code == 200


def test_contests_are_scoped_to_who_may_see_them(world, people):
    contest = world["contest"]
    for persona, code in [("officer_b", 404), ("producer_a", 404), ("judge_a", 200),
                          ("committee_a", 200), ("national", 200)]:  # fmt: skip
        answer = signed_in(people[persona]).get(f"/api/v1/contests/{contest.pk}/")
        assert answer.status_code == code, persona
    assert signed_in(people["officer_b"]).get("/api/v1/contests/").json()["count"] == 0


def test_contests_filter_by_year_kind_province_and_status(world, people):
    provincial(people["officer_b"], code="58", year=2565, name="ประกวดแม่ฮ่องสอน")
    client = signed_in(people["national"])

    def names(**query) -> list[str]:
        return [c["name"] for c in client.get("/api/v1/contests/", query).json()["results"]]

    assert names(fiscal_year="2565") == ["ประกวดแม่ฮ่องสอน"]
    assert names(province="50") == ["KBO CM CONTEST"]
    assert names(status="OPEN") == ["KBO CM CONTEST"]
    assert names(kind="NATIONAL") == []
    assert len(names(kind="PROVINCIAL")) == 2
    bad = client.get("/api/v1/contests/", {"fiscal_year": "2020", "province": "5", "kind": "X"})
    assert bad.status_code == 400 and set(bad.json()) == {"fiscal_year", "province", "kind"}


def test_entries_give_a_judge_their_own_sheet_and_conflicts(world, people):
    contest, e1, e2 = world["contest"], world["e1"], world["e2"]
    services.sheet_save(
        by=world["judge_c"], entry=e1, scores={contest.criteria.first().pk: ("7", "")}
    )
    rows = signed_in(world["judge_c"]).get(f"/api/v1/contests/{contest.pk}/entries/").json()
    rows = {r["number"]: r for r in rows["results"]}
    assert rows[e1.number]["product_code"] == "500001" and rows[e1.number]["province"] == "50"
    assert (
        rows[e1.number]["panel"] == world["panel"].pk and rows[e1.number]["forwarded_from"] is None
    )
    assert rows[e1.number]["judging"] == {
        "to_score": True, "sheet": "SAVED", "conflict": False, "conflict_reasons": [],
    }  # fmt: skip
    mine = rows[e2.number]["judging"]
    assert mine["sheet"] == "NONE" and mine["conflict"] is True
    assert any("ญาติของผู้ผลิต" in reason for reason in mine["conflict_reasons"])
    # judge_a has no conflict and sees nothing of judge_c's; an officer gets no judging part.
    other = signed_in(people["judge_a"]).get(f"/api/v1/contests/{contest.pk}/entries/").json()
    assert [r["judging"]["sheet"] for r in other["results"]] == ["NONE", "NONE"]
    assert not any(r["judging"]["conflict"] for r in other["results"])
    officer = signed_in(people["officer_a"]).get(f"/api/v1/contests/{contest.pk}/entries/").json()
    assert [r["judging"] for r in officer["results"]] == [None, None]


def test_a_judge_scores_by_token_and_gets_their_sheet(world, people):
    contest, e1 = world["contest"], world["e1"]
    url = f"/api/v1/contests/{contest.pk}/scores/"
    body = {"entry": e1.pk, **values(contest, "8.5"), "comment": "ดีมาก", "submit": True}
    answer = by_token(people["judge_a"]).post(url, body, format="json")
    assert answer.status_code == 200, answer.json()
    sheet = answer.json()
    assert sheet["entry"] == e1.pk and sheet["submitted"] is True and sheet["comment"] == "ดีมาก"
    assert [s["value"] for s in sheet["scores"]] == ["8.50"] * 8
    stored = ScoreSheet.objects.get(entry=e1, judge=people["judge_a"])
    assert stored.submitted_at is not None and stored.scores.count() == 8


def test_a_score_out_of_bounds_is_refused_naming_the_criterion(world, people):
    contest, e1 = world["contest"], world["e1"]
    first = contest.criteria.first()
    body = values(contest, "8")
    body["scores"][0]["value"] = "11"
    answer = by_token(people["judge_a"]).post(
        f"/api/v1/contests/{contest.pk}/scores/", {"entry": e1.pk, **body}, format="json"
    )
    assert answer.status_code == 400
    assert first.name in str(answer.json()[f"criterion_{first.pk}"])
    assert not Score.objects.exists()


def test_submitting_with_a_criterion_missing_is_refused(world, people):
    contest, e1 = world["contest"], world["e1"]
    body = values(contest, "8")
    body["scores"] = body["scores"][:3]
    answer = by_token(people["judge_a"]).post(
        f"/api/v1/contests/{contest.pk}/scores/", {"entry": e1.pk, **body, "submit": True},
        format="json",
    )  # fmt: skip
    assert answer.status_code == 400 and len(answer.json()) == 5
    assert not Score.objects.exists()


def test_bad_input_names_the_field(world, people):
    contest = world["contest"]
    client = by_token(people["judge_a"])
    url = f"/api/v1/contests/{contest.pk}/scores/"
    answer = client.post(url, {"entry": 999999, **values(contest, "8")}, format="json")
    assert answer.status_code == 400 and "entry" in answer.json()
    answer = client.post(url, {"entry": world["e1"].pk, "scores": [{"criterion": 1, "value": "x"}]},
                         format="json")  # fmt: skip
    assert answer.status_code == 400 and "scores" in answer.json()


def test_a_conflicted_judge_cannot_score_and_is_told_why(world, people):
    contest = world["contest"]
    answer = by_token(world["judge_c"]).post(
        f"/api/v1/contests/{contest.pk}/scores/", {"entry": world["e2"].pk, **values(contest, "8")},
        format="json",
    )  # fmt: skip
    assert answer.status_code == 403 and "ญาติของผู้ผลิต" in answer.json()["detail"]
    assert not ScoreSheet.objects.exists()


def test_only_judges_of_the_panel_may_score(world, people):
    contest = world["contest"]
    other = make_user("judge_z", Role.JUDGE, contest.province)
    services.judge_assign(by=people["national"], contest=contest, judge=other)
    # judge_z is a judge of the contest (all panels): allowed; the committee member is not.
    url = f"/api/v1/contests/{contest.pk}/scores/"
    body = {"entry": world["e1"].pk, **values(contest, "8")}
    assert by_token(other).post(url, body, format="json").status_code == 200
    assert by_token(people["committee_a"]).post(url, body, format="json").status_code == 403
    assert by_token(people["officer_b"]).post(url, body, format="json").status_code == 404
    assert APIClient().post(url, body, format="json").status_code == 401


def test_scoring_after_closing_is_refused(world, people):
    contest = world["contest"]
    score_all(world, people)
    services.close(by=people["officer_a"], contest=contest)
    answer = by_token(people["judge_a"]).post(
        f"/api/v1/contests/{contest.pk}/scores/", {"entry": world["e1"].pk, **values(contest, "1")},
        format="json",
    )  # fmt: skip
    assert answer.status_code == 409 and "ปิดการให้คะแนน" in answer.json()["detail"]
    assert set(Score.objects.values_list("value", flat=True)) == {Decimal("9"), Decimal("8"),
                                                                   Decimal("6")}  # fmt: skip


def test_a_judge_reads_only_their_own_sheets(world, people):
    contest = world["contest"]
    score_all(world, people)
    sheets = by_token(world["judge_c"]).get(f"/api/v1/contests/{contest.pk}/scores/").json()
    assert [s["entry"] for s in sheets["results"]] == [world["e1"].pk]
    assert {s["value"] for s in sheets["results"][0]["scores"]} == {"8.00"}
    officer = signed_in(people["officer_a"]).get(f"/api/v1/contests/{contest.pk}/scores/")
    assert officer.json()["results"] == []


def test_results_are_hidden_until_the_contest_closes(world, people):
    contest = world["contest"]
    score_all(world, people)
    url = f"/api/v1/contests/{contest.pk}/results/"
    for persona, code in [("officer_a", 403), ("judge_a", 403), ("national", 403),
                          ("committee_a", 404), ("officer_b", 404)]:  # fmt: skip
        assert signed_in(people[persona]).get(url).status_code == code, persona
    assert APIClient().get(url).status_code == 404
    services.close(by=people["officer_a"], contest=contest)
    assert signed_in(people["officer_a"]).get(url).status_code == 200
    judged = signed_in(people["judge_a"]).get(url)  # as on the results page
    assert judged.status_code == 200
    assert all(j["name"] is None for j in judged.json()[0]["entries"][0]["judges"])
    assert signed_in(people["committee_a"]).get(url).status_code == 404
    services.publish(by=people["officer_a"], contest=contest)
    assert APIClient().get(url).status_code == 200
    assert signed_in(people["judge_a"]).get(url).status_code == 200


def test_results_rank_entries_and_name_judges_to_organisers_only(world, people):
    contest = world["contest"]
    score_all(world, people)
    services.close(by=people["officer_a"], contest=contest)
    url = f"/api/v1/contests/{contest.pk}/results/"
    [panel] = signed_in(people["officer_a"]).get(url).json()
    first, second = panel["entries"]
    assert (first["entry"], first["rank"], first["tier"]) == (world["e1"].pk, 1, "WINNER")
    assert first["score"] == "85.00" and second["score"] == "60.00"
    assert {j["name"] for j in first["judges"]} == {"judge_a ทดสอบ", "judge_c ทดสอบ"}
    assert second["conflicted_judges"] == 1 and len(second["judges"]) == 1
    services.publish(by=people["officer_a"], contest=contest)
    [public] = APIClient().get(url).json()
    judges = public["entries"][0]["judges"]
    assert {j["name"] for j in judges} == {None} and {j["judge"] for j in judges} == {1, 2}
    assert sorted(j["total"] for j in judges) == ["80.00", "90.00"]


def queries(client: APIClient, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_lists_run_a_fixed_number_of_queries(world, people, registry):
    officer, contest = people["officer_a"], world["contest"]
    judge, national = signed_in(world["judge_c"]), signed_in(people["national"])
    score_all(world, people)
    urls = [(national, "/api/v1/contests/"), (judge, f"/api/v1/contests/{contest.pk}/entries/"),
            (judge, f"/api/v1/contests/{contest.pk}/scores/")]  # fmt: skip
    before = [queries(client, url) for client, url in urls]
    for n in range(4):
        extra = provincial(officer, name=f"ประกวด {n}")
        services.entry_add(by=officer, contest=extra, panel=extra.panels.get(),
                           product=registry["product_a"])  # fmt: skip
    Contest.objects.filter(pk=contest.pk).update(status=Contest.Status.DRAFT)
    panel = world["panel"]
    for n in range(4):
        product = Product.objects.create(
            code=f"50001{n}", producer=registry["producer_a"], province=panel.contest.province,
            name=f"ผลิตภัณฑ์ {n}", category="FOOD",
        )  # fmt: skip
        services.entry_add(by=officer, contest=contest, panel=panel, product=product)
    Contest.objects.filter(pk=contest.pk).update(status=Contest.Status.OPEN)
    for entry in contest.entries.all()[2:]:
        scores = {c.pk: ("5", "") for c in contest.criteria.all()}
        services.sheet_save(by=world["judge_c"], entry=entry, scores=scores)
    assert [queries(client, url) for client, url in urls] == before
