"""Background tasks of the KBO network app."""

from django.utils.translation import gettext as _
from django_tasks import task

from kbo.core.services import job_progress
from kbo.network.models import Meeting
from kbo.network.pdf import html_to_pdf, minutes_html


@task()
def meeting_minutes(*, job_id: str, meeting_id: int) -> None:
    """Print the minutes of a meeting (Thai official style) to a PDF attached to the job."""
    with job_progress(job_id) as progress:
        progress.total(2)
        meeting = Meeting.objects.select_related("network__province", "chair__person").get(
            pk=meeting_id
        )
        html = minutes_html(meeting)
        progress.step(1, _("Printing the minutes"))
        pdf = html_to_pdf(html)
        code = meeting.network.province.code
        progress.attach(f"minutes-{code}-{meeting.number}-{meeting.fiscal_year}.pdf", pdf)
