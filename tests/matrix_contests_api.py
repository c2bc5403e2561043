"""Permission-matrix rows for the contests' API routes (see tests/test_permissions.py).

Published contests are public. The others are seen by their organisers (officers of the
province, national staff), the entry provinces' officers and committee members and their
judges; anyone else gets 404. Results: 403 for the organisers and judges until the contest
has closed (organisers) or been published (everyone), 404 for anyone else. Scores need a
token and give only the caller's own sheets.
"""

from tests.permission_cases import Case, answers, api_signed_in

SEE_A = answers(404, officer_a=200, committee_a=200, judge_a=200, national=200)
SEE_B = answers(404, officer_b=200, national=200)


def pk(key: str):
    return lambda w: {"pk": w[key].pk}


CASES: list[Case] = [
    Case("api:contest-list", answers(200)),
    Case("api:contest-detail", SEE_A, pk("api_contest_open_a"), note="open, A"),
    Case("api:contest-detail", SEE_B, pk("api_contest_open_b"), note="open, B"),
    Case("api:contest-detail", answers(200), pk("api_contest_published"), note="published"),
    Case("api:contest-entries", SEE_A, pk("api_contest_open_a"), note="open, A"),
    Case("api:contest-entries", SEE_B, pk("api_contest_open_b"), note="open, B"),
    Case("api:contest-entries", answers(200), pk("api_contest_published"), note="published"),
    Case(
        "api:contest-results",
        answers(404, officer_a=403, judge_a=403, national=403),
        pk("api_contest_open_a"),
        note="open: nobody",
    ),
    Case(
        "api:contest-results",
        answers(404, officer_a=200, national=200, judge_a=200),
        pk("api_contest_closed_a"),
        note="closed: organisers and its judges",
    ),
    Case("api:contest-results", answers(200), pk("api_contest_published"), note="published"),
    Case(
        "api:contest-scores",
        api_signed_in(404, officer_a=200, committee_a=200, judge_a=200, national=200),
        pk("api_contest_open_a"),
        note="own sheets",
    ),
    Case("api:contest-scores", api_signed_in(200), pk("api_contest_published"), note="published"),
]


def world(made: dict) -> dict:
    """An open and a closed Chiang Mai contest judged by judge_a, an open Mae Hong Son
    contest, and a published national contest; each with a panel, a criterion and an entry."""
    from kbo.accounts.models import User
    from kbo.contests.models import Contest, Criterion, Entry, JudgeAssignment, Panel

    judge = User.objects.get(username="judge_a")
    found = {}
    specs = [
        ("api_contest_open_a", "a", Contest.Kind.PROVINCIAL, Contest.Status.OPEN),
        ("api_contest_closed_a", "a", Contest.Kind.PROVINCIAL, Contest.Status.CLOSED),
        ("api_contest_open_b", "b", Contest.Kind.PROVINCIAL, Contest.Status.OPEN),
        ("api_contest_published", "b", Contest.Kind.NATIONAL, Contest.Status.PUBLISHED),
    ]
    for key, side, kind, status in specs:
        product = made[f"product_{side}"]
        national = kind == Contest.Kind.NATIONAL
        contest = Contest.objects.create(
            kind=kind,
            level=Contest.Level.NATION if national else Contest.Level.PROVINCE,
            name=f"ประกวด {key}",
            fiscal_year=2565,
            province=None if national else product.province,
            status=status,
        )
        panel = Panel.objects.create(
            contest=contest, name="รอบตัดสิน", stage=Panel.Stage.FINAL if national else "SINGLE"
        )
        Criterion.objects.create(contest=contest, order=1, name="อัตลักษณ์", weight=100)
        Entry.objects.create(
            contest=contest, panel=panel, number=1, province=product.province, product=product,
            title=product.name,
        )  # fmt: skip
        if side == "a":
            JudgeAssignment.objects.create(contest=contest, panel=panel, judge=judge)
        found[key] = contest
    return found
