"""Starting background work and reporting its progress: the one shared mechanism.

A view calls `job_start()` with a task; the task receives `job_id` and reports through
`job_progress()`; the user's page polls the job with HTMX until it is finished.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from kbo.core.models import Job


def job_start(*, user, kind: str, title: str, task, **kwargs) -> Job:
    """Record a job for `user` and queue `task(job_id=..., **kwargs)` in the same transaction."""
    with transaction.atomic():
        job = Job.objects.create(user=user, kind=kind, title=title)
        task.enqueue(job_id=str(job.id), **kwargs)
    job.refresh_from_db()
    return job


class Progress:
    """Handed to a running task; saves progress at most every `interval` seconds."""

    def __init__(self, job: Job, interval: float = 0.5):
        self.job = job
        self.interval = interval
        self._saved_at = 0.0

    def total(self, total: int) -> None:
        self.job.total = total
        self.job.save(update_fields=["total"])

    def step(self, done: int, message: str = "") -> None:
        self.job.done = min(done, self.job.total) if self.job.total is not None else done
        if message:
            self.job.message = message
        now = time.monotonic()
        if now - self._saved_at >= self.interval:
            self.job.save(update_fields=["done", "message"])
            self._saved_at = now

    def attach(self, filename: str, content: bytes) -> None:
        """Store the job's file under a name of its own: a task run again replaces it."""
        name = f"jobs/{self.job.pk}/{filename}"
        storage = self.job.result.storage
        previous = self.job.result.name
        if previous and previous != name:
            storage.delete(previous)
        if storage.exists(name):
            storage.delete(name)
        self.job.result.name = storage.save(name, ContentFile(content))


def job_finished(job_id: str) -> bool:
    """True when the job has already finished: a task run again after its worker stopped
    between finishing the job and reporting the task done has nothing left to do."""
    return Job.objects.filter(pk=job_id, status__in=[Job.Status.DONE, Job.Status.FAILED]).exists()


@contextmanager
def job_progress(job_id: str) -> Iterator[Progress]:
    """Mark the job running, yield its Progress, then mark it finished or failed."""
    job = Job.objects.get(pk=job_id)
    job.status = Job.Status.RUNNING
    job.done = 0  # a task run again (its worker stopped) starts its count afresh
    job.save(update_fields=["status", "done"])
    progress = Progress(job)
    try:
        yield progress
    except Exception as exc:
        job.status = Job.Status.FAILED
        job.message = str(exc)[:500] or exc.__class__.__name__
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "message", "finished_at"])
        raise
    job.status = Job.Status.DONE
    if job.total is not None:
        job.done = job.total
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "done", "total", "message", "result", "data", "finished_at"])
