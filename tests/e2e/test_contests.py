"""A judge at the venue scores an entry on a phone and submits it; the organiser follows on
the progress board and, after closing, reads the results (screenshots for the user guide)."""

from playwright.sync_api import expect

from kbo.contests import services
from kbo.contests.models import ScoreSheet
from tests.contests.conftest_pages import open_contest_fixture  # noqa: F401


def test_a_judge_scores_an_entry_on_a_phone(browser, live_server, open_contest, sign_in, shot):
    contest, entry = open_contest["contest"], open_contest["entries"][0]
    criteria = open_contest["criteria"]
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    sign_in(page, "judge_a")
    page.goto(f"{live_server.url}/contests/{contest.pk}/judging/")
    expect(page.get_by_test_id("entries")).to_contain_text("ผ้าฝ้ายทอมือ")
    shot(page, "contests-judge-entries", full_page=True)

    page.get_by_role("link", name="1. ผ้าฝ้ายทอมือ").click()
    expect(page.get_by_test_id("score-sheet")).to_be_visible()
    for n, criterion in enumerate(criteria):
        page.fill(f"#id_score_{criterion.pk}", "8.5" if n % 2 else "9")
    page.fill(f"#id_comment_{criteria[0].pk}", "ลวดลายสะท้อนล้านนาชัดเจน")
    page.fill("#id_comment", "ผลงานโดดเด่น พร้อมส่งเข้าประกวดระดับประเทศ")
    # At the top of a long sheet, the save bar is still in reach at the bottom of the screen.
    page.evaluate("window.scrollTo(0, 0)")
    expect(page.get_by_test_id("submit")).to_be_in_viewport()
    shot(page, "contests-score")
    page.get_by_test_id("submit").click()

    expect(page.locator('[data-state="SUBMITTED"]')).to_contain_text("ผ้าฝ้ายทอมือ")
    expect(page.get_by_test_id("done")).to_contain_text("1")
    shot(page, "contests-submitted", full_page=True)
    sheet = ScoreSheet.objects.get(entry=entry, judge=open_contest["judges"][0])
    assert sheet.submitted_at is not None and sheet.scores.count() == len(criteria)
    phone.close()

    # The organiser's board and, after closing, the results.
    services.sheet_save(
        by=open_contest["judges"][1],
        entry=entry,
        scores={c.pk: ("8", "") for c in criteria},
        submit=True,
    )
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    sign_in(page, "officer_a")
    page.goto(f"{live_server.url}/contests/{contest.pk}/")
    expect(page.get_by_test_id("rubric")).to_contain_text("อัตลักษณ์ของจังหวัด")
    shot(page, "contests-contest", full_page=True)
    page.get_by_test_id("board-link").click()
    expect(page.locator('[data-judge="judge_a"]')).to_contain_text("2")
    shot(page, "contests-board", full_page=True)
    page.goto(f"{live_server.url}/contests/{contest.pk}/")
    page.get_by_test_id("close").click()
    page.get_by_test_id("results-link").click()
    expect(page.locator('[data-tier="WINNER"]')).to_contain_text("ผ้าฝ้ายทอมือ")
    shot(page, "contests-results", full_page=True)
    page.close()
