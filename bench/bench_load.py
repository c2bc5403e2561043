"""A load test on loopback: virtual users, each signed in with its own session, walk the main
pages against a real WSGI server (gunicorn, as `kbo serve` runs it) and stop by themselves.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kbo_gen .venv/bin/python bench/bench_load.py
    .venv/bin/python bench/bench_load.py --small                  # 5 users for 10 s
    .venv/bin/python bench/bench_load.py --url http://127.0.0.1:8000 --small   # a running server

Without `--url` it collects the static files into its own data directory
(/tmp/kbo-bench-load), starts gunicorn on a free loopback port against DATABASE_URL
(`--workers 2 --threads 4`, as `kbo serve`), and stops it at the end. Each virtual user signs
in through the login form (bench users first — bench-national, bench-officer-<code> — else
the demo users) and then, until `--duration` ends, picks a page group by weight, requests
one of its pages (a dashboard also fetches the panels the page loads after itself, as the
browser does) and thinks for `--think` seconds. The URLs are picked by query before the run:
products, projects and contests the user may see, showcased products.

An error is any status other than 200, a connection error or timeout, or a body that is not
a whole page (an HTML page without its closing tag, the server error page, JSON that does
not parse). The floor: the same users and think times on /healthz/ only, for
`--floor-duration` seconds, before the walk. Target: 0 errors and p95 ≤ 500 ms.
"""

from __future__ import annotations

import argparse
import html
import http.client
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common

TARGET_P95_MS = 500.0
TIMEOUT_S = 60.0
SEARCHES = ["ผ้าทอ", "น้ำพริก", "กาแฟ", "ผ้าไหม", "สมุนไพร", "จักสาน"]
CATEGORIES = ["FOOD", "BEVERAGE", "TEXTILE", "HOUSEHOLD", "HERBAL"]
# Page group: weight of a visit.
WEIGHTS = {
    "home": 1.0,
    "product list": 2.0,
    "Thai search": 2.0,
    "passport": 3.0,
    "dashboard": 1.0,
    "projects": 1.5,
    "contests": 1.0,
    "showcase": 2.0,
    "open data": 0.5,
    "API lists": 1.0,
}
SERVER_ERROR = "ระบบขัดข้อง"  # the title of templates/500.html
LAZY_PANEL = re.compile(r'hx-get="([^"]*panel=[^"]*)"')
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DATA_DIR = Path(tempfile.gettempdir()) / "kbo-bench-load"


# Planning (Django, before the run) --------------------------------------------------------


@dataclass
class Visitor:
    username: str
    password: str
    national: bool
    province: str  # code
    pages: dict[str, list[str]] = field(default_factory=dict)


def accounts(count: int) -> list[tuple[str, bool, str]]:
    """(username, national?, province code) for `count` virtual users: every fifth is a
    national administrator, the rest officers of different provinces (bench users when the
    generator made them, else the demo's; reused when there are fewer than users)."""
    from kbo.accounts.models import Membership, Role

    national = common.national_user()
    officers = list(
        Membership.objects.filter(role=Role.OFFICER, is_active=True, province__isnull=False)
        .filter(user__username__startswith="bench-officer-")
        .select_related("user", "province")
        .order_by("province__code")
    ) or list(
        Membership.objects.filter(
            role=Role.OFFICER,
            is_active=True,
            province__isnull=False,
            user__username__in=common.DEMO_OFFICERS.values(),
        )
        .select_related("user", "province")
        .order_by("province__code")
    )
    found = []
    for i in range(count):
        if i % 5 == 0 or not officers:
            found.append((national.username, True, ""))
        else:
            m = officers[(i - i // 5 - 1) % len(officers)]
            found.append((m.user.username, False, m.province.code))
    return found


def plan(username: str, national: bool, province: str, rng: random.Random) -> Visitor:
    """The pages one virtual user visits, by group."""
    from django.db.models import Count

    from kbo.accounts.models import User
    from kbo.contests.models import Contest, can_organise
    from kbo.geo.models import Province
    from kbo.programmes.models import Project
    from kbo.registry.models import Product
    from kbo.showcase import public

    user = User.objects.get(username=username)
    if national:  # a national administrator looks at a province with many products
        busy = list(
            Province.objects.annotate(n=Count("products"))
            .filter(n__gt=0)
            .order_by("-n")
            .values_list("code", flat=True)[:10]
        )
        province = rng.choice(busy) if busy else "50"
    products = Product.objects.for_user(user).filter(province__code=province)
    ids = list(products.order_by("pk").values_list("pk", flat=True)[:2000])
    projects = list(
        Project.objects.for_user(user)
        .filter(province__code=province)
        .order_by("-fiscal_year")
        .values_list("pk", flat=True)[:5]
    )
    contests = [  # the ones the list links to: organised by the user
        c.pk for c in Contest.objects.for_user(user).order_by("-pk")[:50] if can_organise(user, c)
    ][:5]
    showcased = list(public.showcased_products().values_list("code", flat=True)[:200])
    quote = urllib.parse.quote
    where = f"province={province}&" if national else ""
    pages = {
        "home": ["/"],
        "product list": [f"/registry/products/?{where}category={c}" for c in CATEGORIES],
        "Thai search": [f"/registry/products/?q={quote(term)}" for term in SEARCHES],
        "passport": [f"/registry/products/{pk}/" for pk in rng.sample(ids, min(20, len(ids)))],
        "dashboard": ["/dashboards/" if national else f"/dashboards/provinces/{province}/"],
        "projects": ["/projects/", *[f"/projects/{pk}/" for pk in projects]],
        "contests": ["/contests/", *[f"/contests/{pk}/" for pk in contests]],
        "showcase": [
            "/showcase/",
            "/showcase/products/",
            f"/showcase/provinces/{province}/",
            *[
                f"/showcase/products/{quote(code)}/"
                for code in rng.sample(showcased, min(10, len(showcased)))
            ],
        ],
        "open data": ["/open-data/"],
        "API lists": [
            f"/api/v1/products/?province={province}",
            "/api/v1/projects/",
            f"/api/v1/knowledge-sources/?province={province}",
        ],
    }
    if national:
        pages["dashboard"].append(f"/dashboards/provinces/{province}/")
    return Visitor(username, common.password_for(username), national, province, pages)


# The client (threads + http.client) -------------------------------------------------------


class Session:
    """One browser: its own cookies, one connection per request (like a sync worker)."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        body: str | bytes | None = None,
        headers=None,
        *,
        port: int | None = None,
        timeout: float = TIMEOUT_S,
    ):
        """One request with this browser's cookies; `port` sends it to another server (the
        cookies go along, as when a load balancer switches app processes)."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers.setdefault("Connection", "close")
        connection = http.client.HTTPConnection(self.host, port or self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        return response.status, response.headers, content

    def login(self, username: str, password: str) -> None:
        status, _, content = self.request("GET", "/accounts/login/")
        token = CSRF_INPUT.search(content.decode())
        if status != 200 or token is None:
            raise RuntimeError(f"login page: {status}")
        form = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
        )
        status, _headers, _ = self.request(
            "POST",
            "/accounts/login/",
            body=form,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{self.host}:{self.port}/accounts/login/",
            },
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"sign-in of {username} failed: {status}")


def problem(status: int, headers, content: bytes, fragment: bool) -> str:
    """Why a response is an error ('' when it is a whole page)."""
    if status != 200:
        return f"status {status}"
    kind = headers.get("Content-Type", "")
    if "json" in kind:
        try:
            json.loads(content)
        except ValueError:
            return "JSON does not parse"
        return ""
    text = content.decode(errors="replace")
    if SERVER_ERROR in text:
        return "server error page"
    if "html" in kind and not fragment and "</html>" not in text:
        return "HTML page cut short"
    return ""


@dataclass
class Results:
    samples: list[tuple[str, float]] = field(default_factory=list)  # (group, ms)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (group, url, why)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, group: str, ms: float, url: str, why: str) -> None:
        with self.lock:
            self.samples.append((group, ms))
            if why:
                self.errors.append((group, url, why))


def fetch(session: Session, results: Results, group: str, url: str, fragment=False) -> bytes:
    start = time.perf_counter()
    why, content = "", b""
    try:
        status, headers, content = session.request("GET", url)
        why = problem(status, headers, content, fragment)
    except (OSError, http.client.HTTPException) as exc:
        why = f"{exc.__class__.__name__}: {exc}"
    results.add(group, (time.perf_counter() - start) * 1000, url, why)
    return content


def walk(
    session: Session,
    visitor: Visitor,
    results: Results,
    deadline: float,
    think: tuple[float, float],
    rng: random.Random,
    only: str | None = None,
) -> None:
    """Visit pages until the deadline (`only`: one URL, the floor)."""
    groups = [g for g in WEIGHTS if visitor.pages.get(g)]
    weights = [WEIGHTS[g] for g in groups]
    time.sleep(rng.uniform(0, think[1]))  # users do not all start at once
    while time.monotonic() < deadline:
        if only:
            fetch(session, results, "floor", only)
        else:
            group = rng.choices(groups, weights)[0]
            url = rng.choice(visitor.pages[group])
            content = fetch(session, results, group, url)
            if group == "dashboard":  # the panels the page loads after itself
                for lazy in LAZY_PANEL.findall(content.decode(errors="replace")):
                    panel = urllib.parse.urljoin(url, html.unescape(lazy))
                    fetch(session, results, "dashboard panels", panel, True)
        time.sleep(rng.uniform(*think))


def run_users(
    host: str,
    port: int,
    visitors: list[Visitor],
    sessions: list[Session],
    seconds: float,
    think: tuple[float, float],
    seed: int,
    only: str | None = None,
) -> tuple[Results, float]:
    results = Results()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(
            target=walk,
            args=(session, visitor, results, deadline, think, random.Random(seed + i), only),
            daemon=True,
        )
        for i, (visitor, session) in enumerate(zip(visitors, sessions, strict=True))
    ]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + TIMEOUT_S + 5)
    return results, time.monotonic() - start


# The server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(workers: int, threads: int, port: int, log) -> subprocess.Popen:
    """gunicorn on loopback against DATABASE_URL, static files collected into DATA_DIR."""
    env = {**os.environ, "KBO_DATA_DIR": str(DATA_DIR), "DEBUG": "0"}
    env["PYTHONPATH"] = os.pathsep.join([str(common.ROOT / "src"), env.get("PYTHONPATH", "")])
    DATA_DIR.mkdir(exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "kbo", "collectstatic", "--no-input", "-v", "0"],
        env=env,
        check=True,
    )
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "kbo.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--timeout",
        str(int(TIMEOUT_S)),
        "--backlog",
        "2048",
    ]
    server = subprocess.Popen(command, env=env, stdout=log, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            if Session("127.0.0.1", port).request("GET", "/healthz/")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    server.terminate()
    raise RuntimeError("gunicorn did not answer within 60 s")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# The run ----------------------------------------------------------------------------------


def by_group(results: Results) -> dict[str, list[float]]:
    groups: dict[str, list[float]] = {}
    for group, ms in results.samples:
        groups.setdefault(group, []).append(ms)
    return groups


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="5 users for 10 s (smoke)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=300.0, help="seconds")
    parser.add_argument("--floor-duration", type=float, default=30.0, help="seconds")
    parser.add_argument(
        "--warmup", type=float, default=30.0, help="seconds of the walk not measured"
    )
    parser.add_argument("--think", default="0.5,2.0", help="think time range, seconds")
    parser.add_argument("--url", help="a running server (no gunicorn is started)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (gthread)")
    parser.add_argument("--seed", type=int, default=2569)
    args = parser.parse_args(argv)
    if args.small:
        args.users = min(args.users, 5)
        args.duration = min(args.duration, 10.0)
        args.floor_duration = min(args.floor_duration, 3.0)
        args.warmup = min(args.warmup, 3.0)
    low, high = (float(x) for x in args.think.split(","))

    common.setup()
    info = common.print_machine("load test")
    rng = random.Random(args.seed)
    planned: dict[tuple[str, bool, str], Visitor] = {}
    visitors = []
    for key in accounts(args.users):
        if key not in planned:
            planned[key] = plan(*key, rng)
        visitors.append(planned[key])

    server = None
    if args.url:
        parts = urllib.parse.urlsplit(args.url)
        host, port = parts.hostname or "127.0.0.1", parts.port or 80
        serving = f"the server at {args.url}"
    else:
        host, port = "127.0.0.1", free_port()
        log = tempfile.NamedTemporaryFile(  # noqa: SIM115 (gunicorn writes it until the end)
            prefix="kbo-bench-gunicorn-", suffix=".log", delete=False
        )
        server = start_gunicorn(args.workers, args.threads, port, log)
        serving = (
            f"gunicorn on 127.0.0.1:{port}, {args.workers} workers × {args.threads} threads"
            f" ({'gthread' if args.threads > 1 else 'sync'}), log {log.name}"
        )
    figures: dict = {"machine": info, "users": args.users, "duration": args.duration}
    try:
        print(
            f"{args.users} users ({len({v.username for v in visitors})} accounts) for"
            f" {args.duration:.0f} s, think {low}–{high} s; {serving}"
        )
        sessions = [Session(host, port) for _ in visitors]
        signing = Results()
        start = time.monotonic()
        for visitor, session in zip(visitors, sessions, strict=True):
            t = time.perf_counter()
            try:
                session.login(visitor.username, visitor.password)
                why = ""
            except (RuntimeError, OSError) as exc:
                why = str(exc)
            signing.add("sign-in", (time.perf_counter() - t) * 1000, "/accounts/login/", why)
        if signing.errors:
            raise SystemExit(f"sign-in failed: {signing.errors[:3]}")
        print(f"signed in {len(sessions)} users in {time.monotonic() - start:.1f} s")

        floor, floor_s = run_users(
            host, port, visitors, [Session(host, port) for _ in visitors],
            args.floor_duration, (low, high), args.seed, only="/healthz/",
        )  # fmt: skip
        if args.warmup > 0:  # every worker imports, compiles templates, loads the dictionary
            warm, _ = run_users(
                host, port, visitors, sessions, args.warmup, (low, high), args.seed + 1
            )
            print(f"warm-up: {len(warm.samples)} requests, {len(warm.errors)} errors")
            figures["warmup_errors"] = list(warm.errors)
        results, elapsed = run_users(
            host, port, visitors, sessions, args.duration, (low, high), args.seed
        )
    finally:
        if server is not None:
            stop(server)
    figures["load_after"] = common.load_average()

    floor_ms = [ms for _, ms in floor.samples]
    all_ms = [ms for _, ms in results.samples]
    overall, floored = common.summary(all_ms), common.summary(floor_ms)
    table = common.Table("page group", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms")
    groups = by_group(results)
    for group in [*WEIGHTS, "dashboard panels"]:
        if group not in groups:
            continue
        found = common.summary(groups[group])
        errors = sum(1 for g, _url, _why in results.errors if g == group)
        table.row(group, found["n"], errors, found["p50"], found["p95"], found["p99"], found["max"])
        figures[group] = found
    table.row(
        "**all pages**",
        overall["n"],
        len(results.errors),
        overall["p50"],
        overall["p95"],
        overall["p99"],
        overall["max"],
    )
    table.row(
        "floor: /healthz/, same users",
        floored["n"],
        len(floor.errors),
        floored["p50"],
        floored["p95"],
        floored["p99"],
        floored["max"],
    )
    throughput = len(all_ms) / elapsed if elapsed else 0.0
    met = not results.errors and overall["p95"] <= TARGET_P95_MS
    print(
        f"{len(all_ms):,} requests in {elapsed:.0f} s: {throughput:.1f} requests/s"
        f" (floor {len(floor_ms) / floor_s if floor_s else 0:.1f}/s);"
        f" {len(results.errors)} errors; p95 {overall['p95']:.0f} ms ="
        f" {common.ratio(overall['p95'], floored['p95']):.0f}× the floor's;"
        f" target 0 errors and p95 ≤ {TARGET_P95_MS:.0f} ms: {'met' if met else 'NOT MET'}"
    )
    for _group, url, why in results.errors[:10]:
        print(f"  error: {url}: {why}")
    print(f"load average after the run: {figures['load_after']}")
    figures.update(
        requests=len(all_ms),
        errors=list(results.errors),
        floor_errors=list(floor.errors),
        overall=overall,
        floor=floored,
        throughput=throughput,
        met=met,
        groups=sorted(groups),
    )
    return figures


if __name__ == "__main__":
    main()
