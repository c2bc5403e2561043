"""Background tasks of the trainings app."""

from django.utils.translation import gettext as _
from django_tasks import task

from kbo.core.services import job_progress
from kbo.trainings.models import Training
from kbo.trainings.pdf import certificates_html, html_to_pdf


@task()
def training_certificates(*, job_id: str, training_id: int) -> None:
    """Print the certificates of attendance of a course (one page each) to a PDF."""
    with job_progress(job_id) as progress:
        progress.total(2)
        training = Training.objects.select_related("project__province").get(pk=training_id)
        html = certificates_html(training)
        progress.step(1, _("Printing the certificates"))
        pdf = html_to_pdf(html)
        project = training.project
        progress.attach(
            f"certificates-{project.province.code}-{project.fiscal_year}-{training.pk}.pdf", pdf
        )
