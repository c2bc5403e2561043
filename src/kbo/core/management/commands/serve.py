import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Serve the platform with gunicorn (a production WSGI server) and run the background "
        "task worker beside it; stopping one stops both."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("KBO_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start the task worker."
        )

    def handle(self, *args, bind, workers, threads, no_worker, **options):
        kbo = [sys.executable, "-m", "kbo"]
        children = []
        if not no_worker:
            children.append(subprocess.Popen([*kbo, "db_worker", "--queue-name", "default"]))
        children.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "kbo.wsgi:application",
                    "--bind",
                    bind,
                    "--workers",
                    str(workers),
                    "--threads",
                    str(threads),
                    "--access-logfile",
                    "-",
                ]
            )
        )
        self.stdout.write(f"KBO Platform: http://{bind}/  (Ctrl+C to stop)")

        def stop(*_):
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
        finally:
            stop()
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
        codes = [child.returncode for child in children]
        sys.exit(next((code for code in codes if code not in (0, -signal.SIGTERM)), 0))
