"""`make cluster-test`: the platform as a national cluster on loopback, with failures.

Creates a fresh PostgreSQL database (kbo_cluster_<pid>), migrates it and loads the demo data;
starts nginx (deploy/nginx.conf, rewritten for a free port and a temporary folder: no root)
in front of two gunicorn app processes (deploy/gunicorn.conf.py) and two `kbo db_worker`
processes, all sharing PostgreSQL and Redis (REDIS_URL, its own key prefix). Signed-in users
then walk the main pages through nginx while a registry import (uploaded through the import
page) and a PDF report run; the script SIGKILLs one app process and the worker running the
import in the middle, and checks:

- no request failed except ones in flight on the killed app process (nginx retries GETs);
- the import and the report each finished exactly once (one job done, rows not doubled,
  the killed worker's task picked up again by the other worker);
- a session keeps working when its requests alternate between the two app processes.

It stops everything it started (process groups, in `finally`), drops its database and
deletes its cache keys. Needs PostgreSQL at 127.0.0.1:5432 (user postgres), Redis at
127.0.0.1:6379 and nginx (Debian: nginx-light). Options: --keep (leave the database),
--users, --duration.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench.bench_load import Session as Browser  # noqa: E402

PG = os.environ.get("KBO_CLUSTER_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("KBO_CLUSTER_REDIS", "redis://127.0.0.1:6379/0")
PASSWORD = "kbo-demo-2569"  # `kbo demo`'s users
USERS = ["national", "officer.chiangmai", "officer.maehongson", "officer.mukdahan"]
PAGES = [
    "/",
    "/registry/products/",
    "/registry/products/?q=%E0%B8%9C%E0%B9%89%E0%B8%B2",
    "/projects/",
    "/contests/",
    "/dashboards/",
    "/showcase/",
    "/jobs/",
]
IMPORT_ROWS = 30_000
LEASE = 4  # seconds: a killed worker's task is queued again this long after its last beat
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def log(message: str) -> None:
    print(f"[cluster {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Session(Browser):
    """One browser (bench_load's: its own cookies, one connection per request) that also
    posts CSRF-protected forms, with files as multipart."""

    def __init__(self, port: int):
        super().__init__("127.0.0.1", port)

    def csrf(self, path: str) -> str:
        status, _, content = self.request("GET", path)
        found = CSRF.search(content.decode())
        if status != 200 or not found:
            raise RuntimeError(f"{path}: status {status}, no form")
        return found.group(1)

    def post(self, path: str, fields: dict, files: dict | None = None):
        fields = {"csrfmiddlewaretoken": self.csrf(path), **fields}
        headers = {"Referer": f"http://127.0.0.1:{self.port}{path}"}
        if files:
            boundary = uuid.uuid4().hex
            parts = []
            for name, value in fields.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{value}\r\n".encode()
                )
            for name, (filename, data) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                    + data
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self.request("POST", path, body=body, headers=headers)

    def login(self, username: str) -> None:  # type: ignore[override]
        super().login(username, PASSWORD)


@dataclass
class Load:
    ok: int = 0
    errors: list[tuple[float, str, str]] = field(default_factory=list)  # (time, url, why)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)

    def walk(self, session: Session, offset: int) -> None:
        i = offset
        while not self.stop.is_set():
            url = PAGES[i % len(PAGES)]
            i += 1
            try:
                status, _, content = session.request("GET", url)
                why = "" if status < 400 else f"status {status}"
                if status == 200 and b"</html>" not in content:
                    why = "page cut short"
            except (OSError, http.client.HTTPException) as exc:
                why = exc.__class__.__name__
            with self.lock:
                if why:
                    self.errors.append((time.time(), url, why))
                else:
                    self.ok += 1
            time.sleep(0.05)


class Cluster:
    """Everything the test starts, so that `close()` stops it all."""

    def __init__(self, keep: bool):
        self.keep = keep
        self.tmp = Path(tempfile.mkdtemp(prefix="kbo-cluster-"))
        self.db = f"kbo_cluster_{os.getpid()}"
        self.prefix = f"kbo-cluster-{os.getpid()}"
        self.procs: dict[str, subprocess.Popen] = {}
        self.nginx_pid_file = self.tmp / "nginx.pid"
        self.env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
            "DATABASE_URL": f"{PG}/{self.db}",
            "REDIS_URL": REDIS,
            "KBO_CACHE_PREFIX": self.prefix,
            "KBO_DATA_DIR": str(self.tmp / "data"),  # one machine: the local folder is shared
            "SECRET_KEY": "cluster-test-" + uuid.uuid4().hex * 2,
            "KBO_WORKER_LEASE": str(LEASE),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "WEB_CONCURRENCY": "2",
            "GUNICORN_THREADS": "4",
            "LOG_LEVEL": "WARNING",
            "PYTHAINLP_OFFLINE": "1",
            "PYTHAINLP_READ_ONLY": "1",
        }
        self.env.pop("KBO_STORAGE", None)
        self.created_db = False

    # -- database -------------------------------------------------------------------------
    def admin_sql(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
            connection.execute(sql)

    def create_database(self) -> None:
        self.admin_sql(f'CREATE DATABASE "{self.db}"')
        self.created_db = True

    def kbo(self, *args: str, timeout: float = 600) -> None:
        subprocess.run(
            [sys.executable, "-m", "kbo", *args],
            env=self.env,
            check=True,
            timeout=timeout,
            stdout=subprocess.DEVNULL,
        )

    # -- processes ------------------------------------------------------------------------
    def start(self, name: str, args: list[str]) -> subprocess.Popen:
        out = open(self.tmp / f"{name}.log", "wb")  # noqa: SIM115 (closed with the process)
        proc = subprocess.Popen(
            args, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.procs[name] = proc
        return proc

    def start_app(self, name: str, port: int) -> None:
        self.start(
            name,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{port}",
                "--name",
                f"kbo-{name}",
                "kbo.wsgi:application",
            ],
        )

    def start_worker(self, name: str) -> None:
        self.start(
            name,
            [
                sys.executable,
                "-m",
                "kbo",
                "db_worker",
                "--worker-id",
                f"{self.prefix}-{name}",
                "--interval",
                "0.2",
                "--no-startup-delay",
                "--no-reload",
            ],
        )

    def start_nginx(self, port: int, apps: list[int]) -> None:
        conf = (ROOT / "deploy" / "nginx.conf").read_text()
        params = (ROOT / "deploy" / "kbo_proxy_params").read_text()
        (self.tmp / "kbo_proxy_params").write_text(params)
        lines = []
        servers_done = False
        for line in conf.splitlines():
            if "cluster-test: app servers" in line:
                if not servers_done:
                    lines += [
                        f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in apps
                    ]
                    servers_done = True
                continue
            if "cluster-test: listen" in line:
                line = f"    listen 127.0.0.1:{port};"
            elif "cluster-test: access log" in line:
                line = f"    access_log {self.tmp}/nginx-access.log kbo;"
            elif "cluster-test: static" in line:
                line = f"        alias {self.tmp}/data/static/;"
            elif "cluster-test: proxy params" in line:
                line = line.split("include")[0] + f"include {self.tmp}/kbo_proxy_params;"
            lines.append(line)
        (self.tmp / "kbo.conf").write_text("\n".join(lines) + "\n")
        # Run as root (a CI container), nginx's workers would become "nobody" and could not
        # write into this private folder: keep them as the invoking user.
        user = f"user {pwd.getpwuid(os.getuid()).pw_name};" if os.getuid() == 0 else ""
        main = f"""
{user}
worker_processes 1;
daemon on;
pid {self.nginx_pid_file};
error_log {self.tmp}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    client_body_temp_path {self.tmp}/nginx-body;
    proxy_temp_path {self.tmp}/nginx-proxy;
    fastcgi_temp_path {self.tmp}/nginx-fastcgi;
    uwsgi_temp_path {self.tmp}/nginx-uwsgi;
    scgi_temp_path {self.tmp}/nginx-scgi;
    default_type application/octet-stream;
    include {self.tmp}/kbo.conf;
}}
"""
        (self.tmp / "nginx.conf").write_text(main)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        subprocess.run(
            [
                nginx,
                "-p",
                str(self.tmp),
                "-c",
                str(self.tmp / "nginx.conf"),
                "-e",
                str(self.tmp / "nginx-error.log"),
            ],
            check=True,
        )

    def kill(self, name: str) -> None:
        """SIGKILL a process and its children: as if its machine were lost."""
        proc = self.procs[name]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)

    def close(self) -> None:
        if self.nginx_pid_file.exists():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(self.nginx_pid_file.read_text().strip()), signal.SIGQUIT)
        for proc in self.procs.values():
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.time() + 15
        for proc in self.procs.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        try:
            import redis

            client = redis.Redis.from_url(REDIS)
            keys = list(client.scan_iter(match=f"{self.prefix}:*", count=1000))
            if keys:
                client.delete(*keys)
        except Exception as exc:  # the test's result does not depend on the cleanup
            log(f"could not delete the cache keys: {exc}")
        if self.created_db and not self.keep:
            try:
                from django.db import connections

                connections.close_all()
            except Exception:
                pass
            self.admin_sql(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')
        if not self.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)


def wait_for(what: str, check, timeout: float, every: float = 0.2):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            found = check()
        except (OSError, http.client.HTTPException):
            found = None
        if found:
            return found
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")


def healthy(port: int) -> bool:
    status, _, _ = Session(port).request("GET", "/healthz/", timeout=5)
    return status == 200


def registry_file() -> tuple[bytes, int]:
    from bench.registry_data import as_xlsx, registry_rows

    rows, _ = registry_rows(IMPORT_ROWS, seed=7, provinces=["50", "58"])
    return as_xlsx(rows), len(rows)


def run(args) -> list[str]:
    cluster = Cluster(keep=args.keep)
    failures: list[str] = []
    started = time.time()
    try:
        log(f"database {cluster.db}, folder {cluster.tmp}")
        cluster.create_database()
        os.environ.update(
            {
                k: cluster.env[k]
                for k in (
                    "DATABASE_URL",
                    "REDIS_URL",
                    "KBO_CACHE_PREFIX",
                    "KBO_DATA_DIR",
                    "SECRET_KEY",
                    "KBO_WORKER_LEASE",
                )
            }
        )
        cluster.kbo("migrate", "--no-input", "-v", "0")
        cluster.kbo("collectstatic", "--no-input", "-v", "0")
        cluster.kbo("demo")
        log(f"migrated and loaded the demo data in {time.time() - started:.0f} s")

        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kbo.settings")
        django.setup()
        from django.db import connections
        from django_tasks_db.models import DBTaskResult

        from kbo.core.models import Job
        from kbo.registry.models import Producer, Product

        products_before = Product.objects.count()
        app1, app2, front = free_port(), free_port(), free_port()
        cluster.start_app("app1", app1)
        cluster.start_app("app2", app2)
        cluster.start_worker("worker1")
        cluster.start_worker("worker2")
        cluster.start_nginx(front, [app1, app2])
        data, rows = registry_file()  # while the processes start
        for port in (app1, app2, front):
            wait_for(f"port {port}", lambda p=port: healthy(p), 60)
        log(f"nginx :{front} -> app1 :{app1}, app2 :{app2}; workers 1 and 2")

        # A session made through nginx must work on each app process directly, in turn.
        officer = Session(front)
        officer.login("national")
        for port in (app1, app2, app1, app2):
            status, _, _ = officer.request("GET", "/jobs/", port=port)
            if status != 200:
                failures.append(f"session not valid on app process :{port} (status {status})")
        log("one session answered by both app processes in turn")

        load = Load()
        sessions = []
        for i in range(args.users):
            s = Session(front)
            s.login(USERS[i % len(USERS)])
            sessions.append(s)
        threads = [
            threading.Thread(target=load.walk, args=(s, i), daemon=True)
            for i, s in enumerate(sessions)
        ]
        for t in threads:
            t.start()
        load_started = time.time()

        # The import, uploaded through the page, and a PDF report of the same province.
        status, _headers, _ = officer.post(
            "/registry/import/", {}, files={"file": ("cluster-registry.xlsx", data)}
        )
        if status != 302:
            raise AssertionError(f"the import upload answered {status}")
        import_job = Job.objects.get(kind="registry.import")
        year_page = officer.request("GET", "/reports/")[2].decode()
        year = re.search(r'name="year"[^>]*>\s*<option value="(\d+)"', year_page)
        year = year or re.search(r'<option value="(\d{4})"', year_page)
        status, _, _ = officer.post(
            "/reports/",
            {"year": year.group(1) if year else "", "scope": "50", "fmt": "pdf", "reporter": "x"},
        )
        if status != 302:
            raise AssertionError(f"the report form answered {status}")
        report_job = Job.objects.get(kind__startswith="reports.")
        log(f"import job {import_job.pk} ({rows} rows) and report job {report_job.pk} queued")

        # Kill the worker that holds the import while it runs, and app process 1.
        def import_holder():
            row = DBTaskResult.objects.filter(
                status="RUNNING", task_path__endswith="import_registry"
            ).first()
            return row.worker_ids[-1] if row and row.worker_ids else None

        holder = wait_for("the import to start", import_holder, 60, every=0.05)
        victim = "worker1" if holder.endswith("-worker1") else "worker2"
        time.sleep(0.5)
        import_job.refresh_from_db()
        killed_mid_task = import_job.status == Job.Status.RUNNING
        cluster.kill(victim)
        log(f"SIGKILLed {victim} while it ran the import (job {import_job.status})")
        time.sleep(max(0.0, 3 - (time.time() - load_started)))
        kill_at = time.time()
        cluster.kill("app1")
        log("SIGKILLed app1 (and its gunicorn workers)")

        while time.time() - load_started < args.duration:
            time.sleep(0.5)
        load.stop.set()
        for t in threads:
            t.join(timeout=70)

        def finished():
            jobs = list(Job.objects.filter(pk__in=[import_job.pk, report_job.pk]))
            return all(j.is_finished for j in jobs) and jobs

        wait_for("the import and the report to finish", finished, 120, every=0.5)
        import_job.refresh_from_db()
        report_job.refresh_from_db()

        # -- checks ------------------------------------------------------------------------
        in_flight = [e for e in load.errors if kill_at - 1 <= e[0] <= kill_at + 3]
        others = [e for e in load.errors if e not in in_flight]
        log(
            f"load: {load.ok} pages served, {len(load.errors)} errors "
            f"({len(in_flight)} around the kill)"
        )
        if others:
            failures.append(f"{len(others)} request errors away from the kill: {others[:5]}")
        if len(in_flight) > args.users:
            failures.append(f"{len(in_flight)} errors at the kill: more than one per user")
        if import_job.status != Job.Status.DONE:
            failures.append(f"import job {import_job.status}: {import_job.message}")
        if report_job.status != Job.Status.DONE or not report_job.result:
            failures.append(f"report job {report_job.status}: {report_job.message}")
        if Job.objects.filter(kind="registry.import").count() != 1:
            failures.append("more than one import job")
        tasks = {t.task_path.rsplit(".", 1)[-1]: t for t in DBTaskResult.objects.all()}
        for name in ("import_registry", "official_report"):
            t = tasks.get(name)
            if t is None or t.status != "SUCCESSFUL":
                failures.append(f"task {name}: {t.status if t else 'missing'}")
        if DBTaskResult.objects.count() != 2:
            failures.append(f"{DBTaskResult.objects.count()} task rows, expected 2")
        attempts = len(tasks["import_registry"].worker_ids) if "import_registry" in tasks else 0
        if killed_mid_task and attempts != 2:
            failures.append(f"the import ran {attempts} times, expected 2 (killed once)")
        created = import_job.data.get("counts", {}).get("created")
        codes_file = Product.objects.count() - products_before
        if created != rows or codes_file != rows:
            failures.append(f"import: {created} reported, {codes_file} new products, {rows} rows")
        producers = Producer.objects.filter(code__startswith="P5").count()
        log(
            f"import: {created} products created in {attempts} attempts; "
            f"{producers} producers of the file's provinces; report {report_job.result.name}"
        )
        from django.core.files.storage import default_storage

        stored = default_storage.listdir(f"jobs/{report_job.pk}")[1]
        if len(stored) != 1:
            failures.append(f"report files stored: {stored}")
        # Health through nginx: app2 and worker left.
        status, _, body = Session(front).request("GET", "/healthz/")
        if status != 200:
            failures.append(f"/healthz/ through nginx: {status} {body[:200]!r}")
        connections.close_all()
    finally:
        cluster.close()
        log(f"stopped everything in {time.time() - started:.0f} s in all")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=6)
    parser.add_argument("--duration", type=float, default=25.0, help="seconds of load")
    parser.add_argument("--keep", action="store_true", help="keep the database and folder")
    failures = run(parser.parse_args())
    for failure in failures:
        log(f"FAILED: {failure}")
    log("PASSED" if not failures else "cluster test FAILED")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
