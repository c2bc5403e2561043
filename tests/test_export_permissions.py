"""The export matrix: who may start each export (XLSX/CSV/PDF downloads and background jobs),
and that the file an officer of province A gets holds none of province B's records.

Starting an export is a write (it creates a job), so the starts run through the write
matrix's engine (tests/test_write_permissions.py): allowed personas get their redirect to the
job and a job is made; everyone else is refused and nothing is written. The contents are then
searched for names that only province B's records carry (Mae Hong Son, its district, its
producer's and product's names and codes). Jobs run inline in tests (tests/conftest.py).
"""

import csv
import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kbo.core.models import Job
from tests.permission_cases import signed_in
from tests.test_write_permissions import client_of, run, world  # noqa: F401  (module world)
from tests.write_cases import EXPORTS, Write, read_case

# Words only province B's records carry; province A's file must contain none of them.
ONLY_B = ["แม่ฮ่องสอน", "เวียงใต้", "ผ้าทอขนแกะ", "P58001", "580001"]

# Words province A's records carry: the file was read (a blank file would leak nothing).
ONLY_A = ["เชียงใหม่", "ศรีภูมิ", "ผ้าฝ้ายทอมือ", "P50001", "500001", "ผู้อบรม a"]

ORGANISE_A = signed_in(403, officer_a=302, national=302, officer_b=404, producer_a=404)


def _pk(key: str):
    return lambda w: {"pk": w[key].pk}


def _holder(w: dict) -> dict:
    """Trainee A attends every session, so a certificate can be printed."""
    from kbo.trainings.models import SessionAttendance

    for session in w["training_a"].sessions.all():
        SessionAttendance.objects.get_or_create(session=session, trainee=w["trainee_a"])
    return {}


STARTS: list[Write] = [
    Write("geo:export", kwargs={}, data={"province": "50"}, expect=signed_in(302)),
    Write(
        "network:minutes",
        kwargs=_pk("meeting_a"),
        expect=signed_in(302, officer_b=404),
    ),
    Write(
        "network:minutes",
        "province B",
        kwargs=_pk("meeting_b"),
        expect=signed_in(404, officer_b=302, national=302),
    ),
    *(
        Write(name, kwargs=_pk("contest_a_closed"), expect=ORGANISE_A)
        for name in ("contests:results_xlsx", "contests:results_pdf", "contests:sheets_pdf")
    ),
    Write(
        "contests:results_xlsx",
        "province B",
        kwargs=_pk("contest_b"),
        expect=signed_in(404, officer_b=403, national=403),
    ),
    Write(
        "trainings:certificates_pdf",
        kwargs=_pk("training_a"),
        data=_holder,
        expect={
            p: 302 if code == 200 else code
            for p, code in read_case("trainings:training_edit").expect.items()
        },
    ),
    Write(
        "reports:index",
        kwargs={},
        data={"year": "2565", "scope": "50", "fmt": "xlsx", "reporter": "สมชาย"},
        expect=signed_in(403, officer_a=302, officer_b=404, national=302),
    ),
    Write(
        "reports:index",
        "national summary",
        kwargs={},
        data={"year": "2565", "scope": "national", "fmt": "xlsx", "reporter": "สมชาย"},
        expect=signed_in(403, national=302),
    ),
]


def test_every_export_has_a_case():
    assert {c.name for c in STARTS} | {"trainings:sheet_pdf", "privacy:export"} == set(EXPORTS)


@pytest.mark.parametrize(
    "case", STARTS, ids=[f"{c.name}{'[' + c.note + ']' if c.note else ''}" for c in STARTS]
)
def test_start(case: Write, world, db):  # noqa: F811
    problems = run(case, world)
    assert not problems, f"{case.name} [{case.note}]\n" + "\n".join(problems)


def text_of(content: bytes, name: str) -> str:
    if name.endswith(".xlsx"):
        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            " ".join(str(v) for v in row if v is not None)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    if name.endswith(".csv"):
        return "\n".join(" ".join(r) for r in csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    if name.endswith(".pdf"):
        if not shutil.which("pdftotext"):
            pytest.skip("pdftotext is not installed")
        done = subprocess.run(
            ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
        )
        return done.stdout.decode()
    return content.decode()


def downloaded(response) -> tuple[bytes, str]:
    assert response.status_code == 200, response.status_code
    content = b"".join(response.streaming_content) if response.streaming else response.content
    disposition = response.get("Content-Disposition", "")
    name = disposition.split("filename=")[-1].strip('"') if "filename" in disposition else ""
    return content, name


def job_file(client, start) -> tuple[bytes, str]:
    """Follow an export's redirect to its job and download the job's file."""
    assert start.status_code == 302, start.status_code
    job = Job.objects.get(pk=start["Location"].rstrip("/").split("/")[-1])
    assert job.status == Job.Status.DONE, job.error if hasattr(job, "error") else job.status
    return downloaded(client.get(reverse("core:job_download", kwargs={"pk": job.pk})))


def leaks(text: str) -> list[str]:
    return [word for word in ONLY_B if word in text]


@pytest.mark.parametrize("what", ["products", "producers"])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_registry_export_of_province_a_holds_nothing_of_b(what, fmt, world, db):  # noqa: F811
    officer = client_of(world, "officer_a")
    content, name = job_file(officer, officer.get(reverse(f"registry:{what}"), {"export": fmt}))
    text = text_of(content, name)
    assert leaks(text) == []
    assert any(word in text for word in ONLY_A), text[:500]
    # The same export by national staff carries province B (the search can find a leak).
    national = client_of(world, "national")
    content, name = job_file(national, national.get(reverse(f"registry:{what}"), {"export": fmt}))
    assert leaks(text_of(content, name))


def test_job_files_are_their_owners_only(world, db):  # noqa: F811
    officer = client_of(world, "officer_a")
    start = officer.get(reverse("registry:producers"), {"export": "csv"})
    url = start["Location"].rstrip("/") + "/download/"
    answers = {
        persona: client_of(world, persona).get(url).status_code
        for persona in ("anonymous", "officer_b", "committee_a", "producer_a", "national")
    }
    assert answers == {
        "anonymous": 302,
        "officer_b": 404,
        "committee_a": 404,
        "producer_a": 404,
        "national": 404,
    }
    assert officer.get(url).status_code == 200


EXPORTED_BY_OFFICER_A = [
    ("reports:index", {}, {"year": "2565", "scope": "50", "fmt": "xlsx", "reporter": "ก"}),
    ("contests:results_xlsx", {"pk": "contest_a_closed"}, {}),
    ("contests:results_pdf", {"pk": "contest_a_closed"}, {}),
    ("network:minutes", {"pk": "meeting_a"}, {}),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "data"), EXPORTED_BY_OFFICER_A, ids=[e[0] for e in EXPORTED_BY_OFFICER_A]
)
def test_background_export_of_province_a_holds_nothing_of_b(name, kwargs, data, world, db):  # noqa: F811
    officer = client_of(world, "officer_a")
    url = reverse(name, kwargs={k: world[v].pk for k, v in kwargs.items()})
    content, file_name = job_file(officer, officer.post(url, data))
    text = text_of(content, file_name)
    assert leaks(text) == []
    assert any(word in text for word in ONLY_A), text[:500]


@pytest.mark.parametrize(
    ("name", "key"), [("trainings:sheet_pdf", "session_a"), ("privacy:export", "producer_a")]
)
def test_download_of_province_a_holds_nothing_of_b(name, key, world, db):  # noqa: F811
    officer = client_of(world, "officer_a")
    content, file_name = downloaded(officer.get(reverse(name, kwargs={"pk": world[key].pk})))
    text = text_of(content, file_name or ("x.pdf" if content.startswith(b"%PDF") else "x.json"))
    assert leaks(text) == []
    assert "ผู้อบรม b" not in text
    assert any(word in text for word in ONLY_A), text[:500]
