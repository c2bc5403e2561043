"""Task workers that may die: heartbeats, and queuing again the tasks a dead worker held.

django_tasks_db marks a task RUNNING when a worker claims it and never looks at it again,
so a worker killed mid-task (SIGKILL, out of memory, a lost machine) would leave the task
running forever. Our `kbo db_worker` (the library's command plus a heartbeat thread) writes
a `WorkerBeat` row every few seconds. A task still RUNNING whose worker has not beaten for
`KBO_WORKER_LEASE` seconds is put back to READY, once: the reset is one conditional UPDATE,
so of several workers reaping at the same moment exactly one wins. After
`KBO_TASK_ATTEMPTS` claims the task is marked failed instead (a task that kills its worker
must not kill every worker in turn).

A task run again must not double its work: the platform's tasks record their result in
their Job in the same transaction as their writes (see `kbo.core.services`).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kbo.core.models import Job, WorkerBeat

logger = logging.getLogger(__name__)

LOST = "kbo.core.workers.WorkerLost"


def lease() -> timedelta:
    return timedelta(seconds=max(1, int(getattr(settings, "KBO_WORKER_LEASE", 60))))


def beat(worker_id: str) -> None:
    """Record that `worker_id` is alive now."""
    now = timezone.now()
    updated = WorkerBeat.objects.filter(worker_id=worker_id).update(seen_at=now)
    if not updated:
        WorkerBeat.objects.get_or_create(
            worker_id=worker_id,
            defaults={"seen_at": now, "host": socket.gethostname()[:200], "pid": os.getpid()},
        )


def forget(worker_id: str) -> None:
    WorkerBeat.objects.filter(worker_id=worker_id).delete()


def alive_workers(now: datetime | None = None) -> set[str]:
    cutoff = (now or timezone.now()) - lease()
    return set(WorkerBeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True))


@dataclass(frozen=True)
class Requeued:
    task_id: str
    task_path: str
    failed: bool  # True: out of attempts, marked failed instead of queued again


def requeue_stale(now: datetime | None = None) -> list[Requeued]:
    """Queue again (or fail) every task still running on a worker that stopped beating."""
    now = now or timezone.now()
    cutoff = now - lease()
    alive = alive_workers(now)
    attempts = max(1, int(getattr(settings, "KBO_TASK_ATTEMPTS", 3)))
    done: list[Requeued] = []
    stale = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
    for row in stale.only("id", "started_at", "worker_ids", "task_path", "args_kwargs"):
        if row.worker_ids and row.worker_ids[-1] in alive:
            continue
        failed = len(row.worker_ids) >= attempts
        with transaction.atomic():
            # The condition makes the reset happen once, however many workers reap at once.
            claimed = DBTaskResult.objects.filter(
                pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at
            )
            if failed:
                count = claimed.update(
                    status=TaskResultStatus.FAILED,
                    finished_at=now,
                    exception_class_path=LOST,
                    traceback=f"Worker {row.worker_ids[-1]} stopped during attempt "
                    f"{len(row.worker_ids)} of {attempts}.\n",
                )
            else:
                count = claimed.update(status=TaskResultStatus.READY, started_at=None)
            if not count:
                continue
            _update_job(row, failed, now)
        logger.warning(
            "Task %s (%s) was running on a stopped worker: %s",
            row.pk,
            row.task_path,
            "failed after its last attempt" if failed else "queued again",
        )
        done.append(Requeued(str(row.pk), row.task_path, failed))
    return done


def _update_job(row: DBTaskResult, failed: bool, now: datetime) -> None:
    kwargs = (row.args_kwargs or {}).get("kwargs") or {}
    job_id = kwargs.get("job_id")
    if not job_id:
        return
    jobs = Job.objects.filter(pk=job_id).exclude(status__in=[Job.Status.DONE, Job.Status.FAILED])
    if failed:
        jobs.update(status=Job.Status.FAILED, finished_at=now, message="worker lost")
    else:
        jobs.update(status=Job.Status.QUEUED)


class Heartbeat(threading.Thread):
    """Beats for `worker_id` every `interval` seconds and reaps stale tasks as it goes."""

    def __init__(self, worker_id: str, interval: float | None = None):
        super().__init__(name=f"kbo-heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.interval = interval or max(0.5, lease().total_seconds() / 4)
        self._stop_event = threading.Event()

    def beat_and_reap(self) -> None:
        try:
            close_old_connections()
            beat(self.worker_id)
            requeue_stale()
        except Exception:  # a database hiccup must not stop the worker; the next beat retries
            logger.exception("Heartbeat of worker %s failed", self.worker_id)

    def run(self) -> None:
        try:
            while not self._stop_event.wait(self.interval):
                self.beat_and_reap()
        finally:
            connection.close()

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=self.interval + 5)
        try:
            forget(self.worker_id)
        except Exception:
            logger.exception("Could not remove the heartbeat of worker %s", self.worker_id)
