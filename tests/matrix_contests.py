"""Permission-matrix rows for the contest pages (see tests/test_permissions.py).

Province A runs contests in every stage (preparing, scoring open, closed, published) with
judge_a on each; province B one in preparation. Nobody reads scores or results before a
contest closes: the judge's own sheet is the only one they see, and the results page answers
403 to the contest's judges and organisers (404 to everybody else) until then.
"""

from tests.permission_cases import Case, answers, signed_in

# A provincial contest of province A: its officers and national staff organise it; its
# committee and its judge see it in their list but may not organise it.
ORGANISE_A = signed_in(404, officer_a=200, national=200, committee_a=403, judge_a=403)
ORGANISE_B = signed_in(404, officer_b=200, national=200)
# Scoring: only the contest's judge, and only while scoring is open.
JUDGE_A = signed_in(404, judge_a=200, officer_a=403, committee_a=403, national=403)
SCORE_CLOSED_A = signed_in(404, judge_a=403, officer_a=403, committee_a=403, national=403)
# Results before closing: refused to insiders, not there for the others (even anonymous).
NO_RESULTS_YET = answers(404, officer_a=403, national=403, judge_a=403)
POST_ONLY = signed_in(405)


def _pk(key: str):
    return lambda w: {"pk": w[key].pk}


CASES: list[Case] = [
    Case("contests:contests", signed_in(200)),
    Case("contests:contest_add", signed_in(403, officer_a=200, officer_b=200, national=200)),
    Case("contests:contest", ORGANISE_A, _pk("contest_a")),
    Case("contests:contest", ORGANISE_B, _pk("contest_b"), note="province B"),
    Case("contests:criterion_add", ORGANISE_A, _pk("contest_a")),
    Case(
        "contests:criterion_add",
        signed_in(404, officer_a=403, national=403, committee_a=403, judge_a=403),
        _pk("contest_a_open"),
        note="rubric frozen",
    ),
    Case("contests:criterion_edit", ORGANISE_A, _pk("criterion_a")),
    Case("contests:criterion_edit", ORGANISE_B, _pk("criterion_b"), note="province B"),
    Case("contests:criterion_delete", POST_ONLY, _pk("criterion_a"), note="POST only"),
    Case("contests:panel_add", ORGANISE_A, _pk("contest_a")),
    Case("contests:entry_add", ORGANISE_A, _pk("contest_a")),
    Case("contests:entry_add", ORGANISE_B, _pk("contest_b"), note="province B"),
    Case("contests:judge_add", ORGANISE_A, _pk("contest_a")),
    Case("contests:stage", POST_ONLY, _pk("contest_a"), note="POST only"),
    Case("contests:board", ORGANISE_A, _pk("contest_a_open")),
    Case("contests:judge_home", signed_in(403, judge_a=200, national=200)),
    Case("contests:judge_entries", JUDGE_A, _pk("contest_a_open")),
    Case(
        "contests:judge_entries",
        signed_in(404, officer_b=403, national=403),
        _pk("contest_b"),
        note="province B",
    ),
    Case("contests:score", JUDGE_A, _pk("entry_a_open"), note="scoring open"),
    Case("contests:score", SCORE_CLOSED_A, _pk("entry_a"), note="not open yet"),
    Case("contests:score", SCORE_CLOSED_A, _pk("entry_a_closed"), note="closed"),
    Case(
        "contests:score",
        signed_in(404, officer_b=403, national=403),
        _pk("entry_b"),
        note="province B",
    ),
    Case("contests:declare", POST_ONLY, _pk("entry_a_open"), note="POST only"),
    Case("contests:forward", POST_ONLY, _pk("entry_a_closed"), note="POST only"),
    Case("contests:results", NO_RESULTS_YET, _pk("contest_a"), note="preparing"),
    Case("contests:results", NO_RESULTS_YET, _pk("contest_a_open"), note="scoring open"),
    Case(
        "contests:results",
        answers(404, officer_a=200, national=200, judge_a=200),
        _pk("contest_a_closed"),
        note="closed",
    ),
    Case("contests:results", answers(200), _pk("contest_a_published"), note="published"),
    Case("contests:results_pdf", POST_ONLY, _pk("contest_a_closed"), note="POST only"),
    Case("contests:sheets_pdf", POST_ONLY, _pk("contest_a_closed"), note="POST only"),
    Case("contests:results_xlsx", POST_ONLY, _pk("contest_a_closed"), note="POST only"),
]


def build_contest(province, status: str, name: str, product, judge) -> dict:
    """A provincial contest with two criteria, its panel, one entry and one judge."""
    from kbo.contests.models import Contest, Criterion, Entry, JudgeAssignment, Panel

    contest = Contest.objects.create(
        kind=Contest.Kind.PROVINCIAL,
        level=Contest.Level.PROVINCE,
        name=name,
        fiscal_year=2565,
        province=province,
        status=status,
    )
    criterion = Criterion.objects.create(
        contest=contest, order=1, name="อัตลักษณ์ของจังหวัด", weight=60, max_score=10
    )
    Criterion.objects.create(contest=contest, order=2, name="บรรจุภัณฑ์", weight=40, max_score=10)
    panel = Panel.objects.create(contest=contest, name="คณะกรรมการตัดสิน", stage=Panel.Stage.SINGLE)
    entry = Entry.objects.create(
        contest=contest,
        panel=panel,
        number=1,
        province=province,
        product=product,
        title=product.name,
    )
    if judge is not None:
        JudgeAssignment.objects.create(contest=contest, judge=judge)
    return {"contest": contest, "criterion": criterion, "panel": panel, "entry": entry}


def world(made: dict) -> dict:
    """Contests of province A in every stage (judge_a judges each), and one of province B."""
    from kbo.accounts.models import User

    judge = User.objects.get(username="judge_a")
    product_a, product_b = made["product_a"], made["product_b"]
    found: dict = {}
    for suffix, status in (
        ("", "DRAFT"),
        ("_open", "OPEN"),
        ("_closed", "CLOSED"),
        ("_published", "PUBLISHED"),
    ):
        built = build_contest(
            product_a.province, status, f"ประกวดผลิตภัณฑ์เชียงใหม่{suffix}", product_a, judge
        )
        for key, value in built.items():
            found[f"{key}_a{suffix}"] = value
    built = build_contest(product_b.province, "DRAFT", "ประกวดผลิตภัณฑ์แม่ฮ่องสอน", product_b, None)
    found |= {f"{key}_b": value for key, value in built.items()}
    return found
