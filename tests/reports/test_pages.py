"""The reports page: who may make which report, the background job with its progress, and
the download that only the job's owner gets."""

import pytest
from django.urls import reverse

from kbo.core.models import Job
from tests.reports.reading import pdf_text, rows, spaced, workbook
from tests.reports.test_outputs import needs_chromium

URL = "/reports/"


def post(client, **fields):
    form = {"year": "2562", "scope": "50", "fmt": "xlsx", "reporter": "", "position": ""}
    return client.post(URL, {**form, **fields})


def test_the_url_is_named():
    assert reverse("reports:index") == URL


def test_officers_see_their_province_and_national_staff_the_national_summary(cohorts, client_for):
    officer = client_for("officer_a").get(URL)
    assert officer.status_code == 200
    assert [c[0] for c in officer.context["form"].fields["scope"].choices] == ["50"]
    assert [c[0] for c in officer.context["form"].fields["year"].choices] == [2563, 2562]
    national = client_for("national").get(URL)
    assert [c[0] for c in national.context["form"].fields["scope"].choices] == [
        "national",
        "50",
        "58",
    ]


@pytest.mark.parametrize("persona", ["committee_a", "judge_a", "producer_a"])
def test_committee_judges_and_producers_may_not_make_reports(cohorts, client_for, persona):
    assert client_for(persona).get(URL).status_code == 403
    assert post(client_for(persona)).status_code == 403
    assert not Job.objects.exists()


def test_anonymous_visitors_sign_in_first(client_for):
    response = client_for("anonymous").post(URL, {"year": "2562", "scope": "50"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login")


def test_a_report_runs_as_a_job_with_progress_and_downloads(cohorts, client_for, people):
    client = client_for("officer_a")
    response = post(client)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "core:job", args=[job.pk]
    )
    assert (job.user, job.kind, job.status) == (people["officer_a"], "reports.xlsx", "done")
    assert (job.done, job.total) == (3, 3)
    assert "เชียงใหม่" in job.title and "2562" in job.title
    download = client.get(reverse("core:job_download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('kbo-report-50-2562.xlsx"')
    book = workbook(b"".join(download.streaming_content))
    assert rows(book, "ประเภทผลิตภัณฑ์")[-1] == ("รวม", 11, 272_500)


def test_only_the_owner_downloads_the_report(cohorts, client_for):
    post(client_for("officer_a"))
    job = Job.objects.get()
    for persona in ("officer_b", "committee_a", "national"):
        assert (
            client_for(persona).get(reverse("core:job_download", args=[job.pk])).status_code == 404
        )


def test_the_options_reach_the_report(cohorts, client_for):
    client = client_for("officer_a")
    post(client, thai_digits="on", reporter="นายสมชาย ใจดี", position="พัฒนาการจังหวัด")
    job = Job.objects.get()
    book = workbook(job.result.read())
    summary = rows(book, "สรุป")
    assert "๒๗๒,๕๐๐ บาท" in summary[2][0]
    assert ("ผู้รายงาน", "นายสมชาย ใจดี") in summary and ("ตำแหน่ง", "พัฒนาการจังหวัด") in summary


def test_officers_cannot_report_on_another_province(cohorts, client_for):
    assert post(client_for("officer_a"), scope="58").status_code == 404
    assert post(client_for("officer_b"), scope="50", year="2563").status_code == 404
    assert post(client_for("officer_a"), scope="national").status_code == 403
    assert not Job.objects.exists()


def test_national_staff_make_the_national_summary(cohorts, client_for):
    response = post(client_for("national"), scope="national", year="2563")
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.result.name.endswith("kbo-report-national-2563.xlsx")
    book = workbook(job.result.read())
    assert [r[1] for r in rows(book, "รายจังหวัด")[1:]] == ["เชียงใหม่", "แม่ฮ่องสอน", "รวม"]


def test_a_year_without_a_project_is_refused_by_the_form(cohorts, client_for):
    response = post(client_for("officer_a"), year="2540")
    assert response.status_code == 200 and response.context["form"].errors["year"]
    assert not Job.objects.exists()


@needs_chromium
def test_a_pdf_report_is_printed_in_the_job(cohorts, client_for):
    post(client_for("officer_a"), fmt="pdf", year="2563")
    job = Job.objects.get()
    assert job.status == "done" and job.result.name.endswith("kbo-report-50-2563.pdf")
    text = pdf_text(job.result.read())
    assert "20 ผลิตภัณฑ์" in spaced(text) and "ผ้าทอกะเหรี่ยงแม่ฮ่องสอน" not in text
