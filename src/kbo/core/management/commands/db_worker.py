"""`kbo db_worker`: django_tasks_db's worker with a heartbeat, so that a task held by a
worker that dies is queued again (see kbo.core.workers)."""

from django_tasks_db.management.commands.db_worker import Command as LibraryCommand

from kbo.core.workers import Heartbeat


class Command(LibraryCommand):
    help = (
        "Run a background task worker (any number may run at once). It beats every few "
        "seconds; tasks held by a worker that stopped beating are queued again."
    )

    def handle(self, *args, worker_id: str, **options):
        heartbeat = Heartbeat(worker_id)
        heartbeat.beat_and_reap()  # before the first claim: a restarted pool recovers at once
        heartbeat.start()
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            heartbeat.stop()
