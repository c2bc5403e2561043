"""Health checks for load balancers and a Prometheus-style metrics page.

Request counters live in the cache: with REDIS_URL they are totals over every app process;
with the default per-process cache each process counts its own requests.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Min
from django.utils import timezone

from kbo.core.models import DataVersion, Job

REQUESTS_KEY = "kbo:metrics:requests:"
STATUS_CLASSES = ("2xx", "3xx", "4xx", "5xx")


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": "ok", "vendor": connection.vendor}


def _cache() -> dict:
    key = f"kbo:health:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not return what was written")
    cache.delete(key)
    return {
        "status": "ok",
        "backend": str(settings.CACHES["default"]["BACKEND"]).rsplit(".", 1)[-1],
    }


def _uses_database_queue() -> bool:
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def _queue() -> dict:
    if not _uses_database_queue():
        return {
            "status": "ok",
            "backend": str(settings.TASKS["default"]["BACKEND"]).rsplit(".", 1)[-1],
        }
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from kbo.core.workers import alive_workers

    ready = DBTaskResult.objects.ready().aggregate(n=Count("id"), oldest=Min("enqueued_at"))
    waiting = (timezone.now() - ready["oldest"]).total_seconds() if ready["oldest"] else 0
    return {
        "status": "ok",
        "ready": ready["n"],
        "running": DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count(),
        "oldest_ready_seconds": round(waiting, 1),
        # Reported, not judged: an app process stays in the pool while workers restart.
        "workers": len(alive_workers()),
    }


CHECKS: dict[str, Callable[[], dict]] = {"database": _database, "cache": _cache, "queue": _queue}


def health() -> tuple[bool, dict]:
    """Run every check; (all passed, {name: result})."""
    results: dict[str, dict] = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            result = check()
        except Exception as exc:
            result = {"status": "error", "error": exc.__class__.__name__}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = result
    return all(r["status"] == "ok" for r in results.values()), results


def count_request(status: int) -> None:
    key = REQUESTS_KEY + f"{status // 100}xx"
    try:
        try:
            cache.incr(key)
        except ValueError:  # first request since the cache was emptied
            if not cache.add(key, 1, timeout=None):
                cache.incr(key)
    except Exception:  # a metrics counter must never fail a request
        pass


def metrics_text() -> str:
    """The metrics in Prometheus' text format (version 0.0.4)."""
    lines: list[str] = []

    def metric(name: str, kind: str, text: str, samples: list[tuple[str, float]]) -> None:
        lines.append(f"# HELP {name} {text}")
        lines.append(f"# TYPE {name} {kind}")
        for labels, value in samples:
            lines.append(f"{name}{labels} {value:g}")

    counts = cache.get_many([REQUESTS_KEY + c for c in STATUS_CLASSES])
    metric(
        "kbo_http_requests_total",
        "counter",
        "HTTP responses by status class (all app processes when the cache is shared).",
        [(f'{{status="{c}"}}', counts.get(REQUESTS_KEY + c, 0)) for c in STATUS_CLASSES],
    )
    if _uses_database_queue():
        from django_tasks_db.models import DBTaskResult

        from kbo.core.workers import alive_workers

        by_status = dict(
            DBTaskResult.objects.values_list("status").annotate(n=Count("id")).order_by()
        )
        metric(
            "kbo_tasks",
            "gauge",
            "Background tasks in the queue table by status.",
            [(f'{{status="{s.lower()}"}}', n) for s, n in sorted(by_status.items())],
        )
        metric(
            "kbo_task_workers",
            "gauge",
            "Task workers that beat within their lease.",
            [("", len(alive_workers()))],
        )
    jobs = dict(Job.objects.values_list("status").annotate(n=Count("id")).order_by())
    metric(
        "kbo_jobs",
        "gauge",
        "Background jobs as users see them, by status.",
        [(f'{{status="{s}"}}', jobs.get(s, 0)) for s in Job.Status.values],
    )
    metric(
        "kbo_data_version",
        "gauge",
        "Data version counters (they rise with every committed change to their area).",
        [
            (f'{{name="{name}"}}', version)
            for name, version in DataVersion.objects.order_by("name").values_list("name", "version")
        ],
    )
    return "\n".join(lines) + "\n"


class RequestMetricsMiddleware:
    """Counts responses by status class for /metrics."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        count_request(response.status_code)
        return response
