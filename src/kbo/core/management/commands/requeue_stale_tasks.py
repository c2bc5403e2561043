from django.core.management.base import BaseCommand

from kbo.core.workers import requeue_stale


class Command(BaseCommand):
    help = (
        "Queue again the tasks still marked running on workers that stopped beating "
        "(running workers do this themselves every few seconds)."
    )

    def handle(self, *args, **options):
        for item in requeue_stale():
            state = "failed (no attempts left)" if item.failed else "queued again"
            self.stdout.write(f"{item.task_id} {item.task_path}: {state}")
