import io

import pytest
from django.urls import reverse
from django_tasks import task
from openpyxl import load_workbook

from kbo.core.models import Job
from kbo.core.services import job_progress, job_start


@task()
def broken(*, job_id: str) -> None:
    with job_progress(job_id) as progress:
        progress.total(10)
        progress.step(3)
        raise ValueError("แถวที่ 4 อ่านไม่ได้ / row 4 unreadable")


def test_an_export_runs_in_the_background_and_its_file_is_downloadable(client_for, people):
    client = client_for("officer_a")
    response = client.post(reverse("geo:export"), {"province": "58"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "core:job", args=[job.pk]
    )
    assert job.status == Job.Status.DONE and job.user == people["officer_a"]
    assert (job.done, job.total, job.percent) == (1, 1, 100)

    download = client.get(reverse("core:job_download", args=[job.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content)))["geography"]
    rows = list(sheet.values)
    assert rows[0][:2] == ("province_code", "province_th")
    assert rows[1][0] == "58" and rows[1][8] == "เวียงใต้" and rows[1][10] == "58130"
    assert download["Cache-Control"] == "private, no-cache"  # shared caches keep no copy

    job.result.storage.delete(job.result.name)  # cleaned away, the job row kept
    assert client.get(reverse("core:job_download", args=[job.pk])).status_code == 404


def test_the_progress_fragment_polls_until_finished(client_for, people):
    job = Job.objects.create(
        user=people["officer_a"], kind="t", title="t", status="running", total=200, done=50
    )
    client = client_for("officer_a")
    fragment = client.get(reverse("core:job", args=[job.pk]), headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert 'hx-trigger="every 1s"' in html and 'aria-valuenow="25"' in html
    assert "<html" not in html  # a fragment, not the page

    job.status, job.done = "done", 200
    job.save()
    html = client.get(
        reverse("core:job", args=[job.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "every 1s" not in html


def test_a_failed_job_says_why_and_keeps_its_progress(people):
    job = job_start(user=people["officer_a"], kind="t", title="broken", task=broken)
    assert job.status == Job.Status.FAILED
    assert job.message == "แถวที่ 4 อ่านไม่ได้ / row 4 unreadable"
    assert job.total == 10 and job.finished_at is not None


@pytest.mark.parametrize("persona", ["officer_b", "national"])
def test_a_job_is_private_to_who_started_it(client_for, people, persona):
    job = Job.objects.create(user=people["officer_a"], kind="t", title="t")
    assert client_for(persona).get(reverse("core:job", args=[job.pk])).status_code == 404
