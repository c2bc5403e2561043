"""Official reports made in the background: read the records, lay out, print, attach.

The view has checked that the person may report on the province (or nationally); the data
is read through the same person's scoping once more.
"""

from django.utils.translation import gettext as _
from django_tasks import task

from kbo.accounts.models import User
from kbo.core.services import job_finished, job_progress
from kbo.geo.models import Province
from kbo.reports import data, pdf, xlsx

XLSX, PDF = "xlsx", "pdf"


@task()
def official_report(
    *,
    job_id: str,
    user_id: int,
    year: int,
    province_id: int | None,
    fmt: str,
    thai_digits: bool = False,
    reporter: str = "",
    position: str = "",
) -> None:
    if job_finished(job_id):
        return  # run again after its worker stopped: the report was already attached
    with job_progress(job_id) as progress:
        progress.total(3)
        user = User.objects.get(pk=user_id)
        signature = data.Signature(reporter=reporter, position=position)
        report: data.ProvincialReport | data.NationalReport
        if province_id is None:
            report = data.national(user, year, signature)
            name = f"kbo-report-national-{year}"
        else:
            province = Province.objects.get(pk=province_id)
            report = data.provincial(user, province, year, signature)
            name = f"kbo-report-{province.code}-{year}"
        progress.step(1, _("Read the records"))
        content = _content(report, fmt, thai_digits, progress)
        progress.step(3, _("The report is ready"))
        progress.attach(f"{name}.{fmt}", content)


def _content(report, fmt: str, thai_digits: bool, progress) -> bytes:
    national = isinstance(report, data.NationalReport)
    if fmt == PDF:
        html = (
            pdf.national_html(report, thai_digits)
            if national
            else pdf.provincial_html(report, thai_digits)
        )
        progress.step(2, _("Printing the report"))
        return pdf.html_to_pdf(html)
    progress.step(2, _("Writing the workbook"))
    if national:
        return xlsx.national_xlsx(report, thai_digits)
    return xlsx.provincial_xlsx(report, thai_digits)
