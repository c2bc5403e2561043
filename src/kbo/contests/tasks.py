"""Background exports of a contest: results and score sheets as PDF, results as XLSX.

The view checks that the person organises the contest and that it has closed.
"""

from django.utils.translation import gettext as _
from django_tasks import task

from kbo.contests import exports
from kbo.contests.models import Contest
from kbo.contests.pdf import html_to_pdf, results_html, sheets_html
from kbo.core.services import job_progress


def _contest(contest_id: int) -> Contest:
    return Contest.objects.select_related("province").get(pk=contest_id)


@task()
def results_pdf(*, job_id: str, contest_id: int) -> None:
    with job_progress(job_id) as progress:
        progress.total(2)
        contest = _contest(contest_id)
        html = results_html(contest)
        progress.step(1, _("Printing the results"))
        progress.attach(f"contest-{contest.pk}-results.pdf", html_to_pdf(html))


@task()
def sheets_pdf(*, job_id: str, contest_id: int) -> None:
    with job_progress(job_id) as progress:
        progress.total(2)
        contest = _contest(contest_id)
        html = sheets_html(contest)
        progress.step(1, _("Printing the score sheets"))
        progress.attach(f"contest-{contest.pk}-score-sheets.pdf", html_to_pdf(html))


@task()
def results_xlsx(*, job_id: str, contest_id: int) -> None:
    with job_progress(job_id) as progress:
        progress.total(1)
        contest = _contest(contest_id)
        progress.attach(f"contest-{contest.pk}-results.xlsx", exports.results_xlsx(contest))
