"""A task worker killed mid-task: its task runs once more on another worker, and the registry
import it was running writes its rows once."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from kbo.core import workers
from kbo.core.models import Job
from kbo.core.services import Progress, job_start
from kbo.geo.services import geo_load
from kbo.registry.importing import engine
from kbo.registry.importing import task as import_task
from kbo.registry.models import Producer, Product, Sale
from tests.registry.test_import import ROW, csv_of

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
SECOND = {**ROW, "product_code": "P58001-2", "product_name": "ย่ามทอมือ"}


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, no exception handler sees it."""


@pytest.fixture
def queue(geo, monkeypatch):
    geo_load()
    # The worker closes connections it thinks stale; in a test's transaction that would
    # close the test's own connection (PostgreSQL).
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    with override_settings(TASKS=DATABASE_QUEUE, KBO_WORKER_LEASE=30, KBO_TASK_ATTEMPTS=3):
        yield


def start_import(user) -> tuple[Job, DBTaskResult]:
    path = default_storage.save("imports/registry.csv", ContentFile(csv_of(ROW, SECOND)))
    job = job_start(
        user=user,
        kind="registry.import",
        title="import",
        task=import_task.import_registry,
        path=path,
        filename="registry.csv",
        user_id=user.pk,
    )
    return job, DBTaskResult.objects.get()


def claim_on_a_dead_worker(row: DBTaskResult) -> None:
    """The worker claimed the task, then died: no heartbeat for two leases."""
    row.claim("dead-worker")
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=timezone.now() - timedelta(seconds=61))
    workers.beat("dead-worker")
    workers.WorkerBeat.objects.filter(worker_id="dead-worker").update(
        seen_at=timezone.now() - timedelta(seconds=61)
    )


def run_worker(worker_id: str = "live-worker") -> None:
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    ).run()


def test_a_task_on_a_dead_worker_is_queued_again_once_and_runs_on_another(queue, people):
    job, row = start_import(people["national"])
    claim_on_a_dead_worker(row)

    requeued = workers.requeue_stale()
    assert [(r.task_id, r.failed) for r in requeued] == [(str(row.pk), False)]
    assert workers.requeue_stale() == []  # a second reaper finds nothing left to do
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED

    run_worker()
    row.refresh_from_db()
    job.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.worker_ids == ["dead-worker", "live-worker"]
    assert job.status == Job.Status.DONE and job.data["counts"]["created"] == 2
    assert Product.objects.count() == 2 and Sale.objects.count() == 2
    assert not default_storage.exists("imports/registry.csv")  # the upload is not kept


def test_an_import_that_committed_before_its_worker_died_is_not_written_twice(queue, people):
    job, row = start_import(people["national"])
    row.claim("dead-worker")

    # The first attempt writes its rows (and its outcome, in the same transaction); the
    # worker is killed right after the commit, before the job and the task are marked done.
    def killed_after_commit(*args, **kwargs):
        raise Killed

    with pytest.MonkeyPatch.context() as patch, pytest.raises(Killed):
        patch.setattr(engine, "_analyze", killed_after_commit)
        patch.setattr(engine, "ANALYZE_AFTER", 0)
        patch.setattr(import_task, "_delete", lambda path: None)  # SIGKILL skips `finally`
        import_task.import_registry.call(**row.args_kwargs["kwargs"])
    assert (Producer.objects.count(), Product.objects.count(), Sale.objects.count()) == (1, 2, 2)

    claim_on_a_dead_worker(row)
    assert len(workers.requeue_stale()) == 1
    run_worker()

    row.refresh_from_db()
    job.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert (Producer.objects.count(), Product.objects.count(), Sale.objects.count()) == (1, 2, 2)
    # The counts are the first attempt's (2 created), not a second pass's "2 unchanged".
    assert job.status == Job.Status.DONE
    assert job.data["counts"]["created"] == 2 and job.data["counts"]["unchanged"] == 0
    assert not default_storage.exists("imports/registry.csv")


def test_a_task_on_a_live_worker_is_left_alone(queue, people):
    _job, row = start_import(people["national"])
    claim_on_a_dead_worker(row)
    workers.beat("dead-worker")  # it was only slow: it beats again
    assert workers.requeue_stale() == []
    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING


def test_a_task_that_keeps_killing_its_workers_fails_after_its_last_attempt(queue, people):
    job, row = start_import(people["national"])
    DBTaskResult.objects.filter(pk=row.pk).update(worker_ids=["w1", "w2"])
    row.refresh_from_db()
    claim_on_a_dead_worker(row)  # the third attempt
    assert [r.failed for r in workers.requeue_stale()] == [True]
    row.refresh_from_db()
    job.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED and row.exception_class_path == workers.LOST
    assert job.status == Job.Status.FAILED


def test_a_job_file_written_again_replaces_the_first(people):
    job = Job.objects.create(user=people["national"], kind="t", title="t")
    progress = Progress(job)
    progress.attach("report.pdf", b"first")
    first = job.result.name
    progress.attach("report.pdf", b"second")
    assert job.result.name == first == f"jobs/{job.pk}/report.pdf"
    with default_storage.open(first) as handle:
        assert handle.read() == b"second"
