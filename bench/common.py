"""Shared helpers of the benchmarks: Django setup, percentiles, timing loops, the bench users,
the floors measured in the same run, and a markdown row printer.

Every benchmark runs on the database DATABASE_URL names. Users: the generator's
(`bench/generate.py`: `bench-national`, `bench-officer-<province code>`, password
kbo-bench-2569) when they exist, else the demo's (`kbo demo`: `national`,
`officer.chiangmai`…, password kbo-demo-2569). Sample objects are picked by query.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH_PASSWORD = "kbo-bench-2569"
DEMO_PASSWORD = "kbo-demo-2569"
# Demo officers by province code (kbo/accounts/demo.py), the fallback of the bench officers.
DEMO_OFFICERS = {
    "50": "officer.chiangmai",
    "58": "officer.maehongson",
    "49": "officer.mukdahan",
    "24": "officer.chachoengsao",
}


def setup() -> None:
    """Make `kbo` importable, set the environment defaults and set Django up (once)."""
    for path in (ROOT, ROOT / "src"):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kbo.settings")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    import warnings

    import django
    from django.apps import apps

    # whitenoise warns when collectstatic never ran; the benches serve no static files.
    warnings.filterwarnings("ignore", message="No directory at")

    if not apps.ready:
        django.setup()


# Statistics -------------------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float:
    """The nearest-rank percentile `p` (0-100) of `values`."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(values: Sequence[float]) -> dict[str, float]:
    """n, p50, p95, p99, max and mean of timings (in whatever unit they are)."""
    return {
        "n": len(values),
        "p50": statistics.median(values) if values else 0.0,
        "p95": percentile(values, 95),
        "p99": percentile(values, 99),
        "max": max(values, default=0.0),
        "mean": statistics.fmean(values) if values else 0.0,
    }


def timed(call: Callable[[], Any], repeat: int, warm: int = 1) -> list[float]:
    """Milliseconds of `repeat` calls after `warm` unmeasured ones."""
    for _ in range(warm):
        call()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    return out


def stopwatch(call: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def ratio(value: float, floor: float) -> float:
    return value / floor if floor > 0 else float("inf")


# The machine ------------------------------------------------------------------------------


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def machine() -> dict[str, str]:
    """Date, CPUs, load average and database, printed with every figure."""
    from django.db import connection

    return {
        "date": dt.date.today().isoformat(),
        "cpus": str(os.cpu_count()),
        "load": load_average(),
        "python": platform.python_version(),
        "database": f"{connection.vendor} {connection.settings_dict.get('NAME')}",
    }


def print_machine(title: str) -> dict[str, str]:
    found = machine()
    print(
        f"# {title} · {found['date']} · {found['cpus']} CPUs, load {found['load']}"
        f" · Python {found['python']} · {found['database']}"
    )
    return found


# Markdown rows ----------------------------------------------------------------------------


def cell(value: Any) -> str:
    if isinstance(value, float):
        if value == float("inf"):
            return "∞"
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


class Table:
    """Prints a markdown table row by row (the rows go straight into docs/benchmarks.md)."""

    def __init__(self, *columns: str, out=None):
        self.columns = columns
        self.out = out or sys.stdout
        self.rows: list[list[str]] = []
        print("| " + " | ".join(columns) + " |", file=self.out)
        print("|" + "|".join(" --- " for _ in columns) + "|", file=self.out)

    def row(self, *values: Any) -> list[str]:
        cells = [cell(v) for v in values]
        self.rows.append(cells)
        print("| " + " | ".join(cells) + " |", file=self.out, flush=True)
        return cells


# Users ------------------------------------------------------------------------------------


def find_user(*usernames: str):
    """The first of `usernames` that exists, or None."""
    from kbo.accounts.models import User

    found = {u.username: u for u in User.objects.filter(username__in=usernames)}
    return next((found[name] for name in usernames if name in found), None)


def national_user():
    """The generator's national administrator, else the demo's."""
    user = find_user("bench-national", "national")
    if user is None:
        sys.exit("no national administrator: run bench/generate.py or `kbo demo` first")
    return user


def officer_user(province_code: str | None = None):
    """(officer, province): the bench officer of `province_code` (else of the province with
    the most products that has one), falling back to the demo officers."""
    from django.db.models import Count

    from kbo.accounts.models import Membership, Role
    from kbo.geo.models import Province

    officers = Membership.objects.filter(
        role=Role.OFFICER, is_active=True, province__isnull=False
    ).select_related("user", "province")
    if province_code:
        names = [f"bench-officer-{province_code}", DEMO_OFFICERS.get(province_code, "")]
        user = find_user(*[n for n in names if n])
        if user is not None:
            return user, Province.objects.get(code=province_code)
    bench = officers.filter(user__username__startswith="bench-officer-")
    pool = bench if bench.exists() else officers.filter(user__username__in=DEMO_OFFICERS.values())
    if not pool.exists():
        pool = officers
    by_products = dict(
        Province.objects.filter(pk__in=pool.values("province_id"))
        .annotate(n=Count("products"))
        .values_list("pk", "n")
    )
    membership = max(pool, key=lambda m: (by_products.get(m.province_id, 0), m.user.username))
    return membership.user, membership.province


def password_for(username: str) -> str:
    return BENCH_PASSWORD if username.startswith("bench-") else DEMO_PASSWORD


# In-process requests ----------------------------------------------------------------------

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@contextmanager
def in_process() -> Iterator[None]:
    """Pages link static files without a collectstatic run; files made go to memory."""
    from django.test import override_settings

    with override_settings(STORAGES=STORAGES, ALLOWED_HOSTS=["*"]):
        yield


def client_for(user=None, **headers):
    """A django.test.Client signed in as `user` (anonymous when None)."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", **headers)
    if user is not None:
        client.force_login(user)
    return client


def getter(client, url: str, expect: int = 200, contains: str | None = None):
    """A call for `timed()` that fails loudly on a wrong status or a missing text."""

    def get():
        response = client.get(url)
        if response.status_code != expect:
            raise AssertionError(f"GET {url}: {response.status_code}, expected {expect}")
        if contains is not None and contains not in response.content.decode():
            raise AssertionError(f"GET {url}: {contains!r} not in the page")
        return response

    return get


# Floors -----------------------------------------------------------------------------------


def trivial_view_floor(client, repeat: int) -> list[float]:
    """The trivial view served by the same code path: /healthz/ (one `SELECT 1`)."""
    return timed(getter(client, "/healthz/"), repeat)


def sql_floor(statements: Sequence[tuple[str, Sequence[Any]]]) -> Callable[[], None]:
    """A call that runs the raw SQL `statements` and fetches every row."""
    from django.db import connection

    def run():
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()

    return run


def explain(sql: str, params: Sequence[Any] = ()) -> str:
    """EXPLAIN ANALYZE on PostgreSQL (the plan only elsewhere)."""
    from django.db import connection

    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS) "
        if connection.vendor == "postgresql"
        else "EXPLAIN QUERY PLAN "
    )
    if not params:  # captured SQL has its values inlined: a "%" is text, not a placeholder
        sql = sql.replace("%", "%%")
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())


@contextmanager
def queries() -> Iterator[list[dict]]:
    """The SQL run inside the block, with each statement's time (Django's own capture)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        captured: list[dict] = []
        yield captured
    captured.extend(context.captured_queries)
