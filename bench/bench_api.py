"""The API's list routes (/api/v1/…): p50/p95 of the first page, with common filters and a
Thai search where the route has one, as the national administrator with a token.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kbo_gen .venv/bin/python bench/bench_api.py
    .venv/bin/python bench/bench_api.py --small        # seconds, the CI smoke run

The routes come from the router of kbo/api/urls.py (every app's api.py registers there), so
a new route gets a row of its own (first page, no filter); FILTERS adds the common filters
of the known ones. Province, district and year are picked by query (the province with the
most products, its first district, the latest project year). Each case is requested
`--repeat` times after a warm-up through Django's request handling (in process, token
authentication, no network). Floors in the same run: the trivial view /healthz/ and the API
root (a DRF view without a query). Target: p95 ≤ 150 ms.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common

TARGET_MS = 150.0
SEARCH = "ผ้าทอ"
# Extra cases per route prefix ({province}, {district}, {year} filled in by query).
FILTERS: dict[str, list[str]] = {
    "districts": ["province={province}"],
    "subdistricts": ["district={district}"],
    "memberships": ["role=officer"],
    "producers": ["province={province}", f"q={SEARCH}"],
    "products": [
        "province={province}&category=TEXTILE",
        "stars=0,1,2,3&segment=D",
        f"q={SEARCH}",
        f"q={SEARCH}" + "&province={province}",
    ],
    "networks": ["province={province}"],
    "committee-members": ["province={province}"],
    "knowledge-sources": ["province={province}", f"q={SEARCH}"],
    "meetings": ["province={province}"],
    "projects": ["fiscal_year={year}"],
    "plans": ["fiscal_year={year}", "province={province}&fiscal_year={year}"],
    "trainings": ["fiscal_year={year}"],
    "contests": ["fiscal_year={year}"],
    "outcomes": ["fiscal_year={year}", "province={province}&fiscal_year={year}"],
    "knowledge": ["q=มผช.", "area=packaging&category=FOOD", "q=บรรจุภัณฑ์&province={province}"],
}


def routes() -> list[str]:
    """The list routes' prefixes, in the router's order, and `me`."""
    from kbo.api.urls import router

    return [prefix for prefix, _viewset, _basename in router.registry]


def places() -> dict[str, str]:
    """The province with the most products, its district with the most producers, and the
    latest fiscal year with projects."""
    from django.db.models import Count

    from kbo.geo.models import District, Province
    from kbo.programmes.models import Project
    from kbo.registry.models import Producer

    province = Province.objects.annotate(n=Count("products")).order_by("-n", "code").first()
    if province is None:
        sys.exit("no geography: fill the database first (bench/generate.py or `kbo demo`)")
    busiest = (
        Producer.objects.filter(province=province)
        .values("district_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    district = (
        District.objects.get(pk=busiest["district_id"])
        if busiest
        else District.objects.filter(province=province).order_by("code").first()
    )
    year = Project.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).first()
    return {
        "province": province.code,
        "district": district.code if district else "",
        "year": str(year or 2567),
    }


def cases(prefixes: list[str], where: dict[str, str]) -> list[tuple[str, str]]:
    """(route, query string) for every route: the first page, then its filters."""
    found = [("me", "")]
    for prefix in prefixes:
        found.append((prefix, ""))
        found += [(prefix, q.format(**where)) for q in FILTERS.get(prefix, [])]
    return found


def rows_of(response) -> int:
    body = response.json()
    if isinstance(body, dict) and "results" in body:
        return len(body["results"])
    if isinstance(body, dict) and "products" in body:  # outcomes
        return len(body["products"])
    return len(body) if isinstance(body, list) else 1


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="2 requests a case (smoke)")
    parser.add_argument("--repeat", type=int, default=20, help="requests per case")
    parser.add_argument("--route", action="append", help="only these route prefixes")
    parser.add_argument(
        "--no-warm-up",
        action="store_true",
        help="skip the gunicorn worker's warm-up (kbo.wsgi: dictionary loaded, gc.freeze())",
    )
    args = parser.parse_args(argv)
    if args.small:
        args.repeat = 2

    common.setup()
    if not (args.small or args.no_warm_up):
        import kbo.wsgi  # noqa: F401 — what each gunicorn worker runs first (warm_up())
    from django.db import connection
    from rest_framework.authtoken.models import Token

    info = common.print_machine("API list routes")
    national = common.national_user()
    token, _ = Token.objects.get_or_create(user=national)
    where = places()
    prefixes = [p for p in routes() if not args.route or p in args.route]
    print(
        f"as {national.username} (token); province {where['province']}, district"
        f" {where['district']}, year {where['year']}; {args.repeat} requests a case"
    )
    figures: dict = {"machine": info, "vendor": connection.vendor, "routes": {}, "where": where}
    with common.in_process():
        client = common.client_for(None, HTTP_AUTHORIZATION=f"Token {token.key}")
        trivial = common.summary(common.timed(common.getter(client, "/healthz/"), 30))
        root = common.summary(common.timed(common.getter(client, "/api/v1/"), 30))
        figures["floor_trivial"], figures["floor_api_root"] = trivial, root
        table = common.Table(
            "route", "query", "rows", "queries", "p50 ms", "p95 ms", "p95 / trivial", "target"
        )
        table.row("floor: /healthz/", "", 1, 1, trivial["p50"], trivial["p95"], "1×", "")
        table.row("floor: /api/v1/ (API root)", "", "", 0, root["p50"], root["p95"], "", "")
        missed = []
        for prefix, query in cases(prefixes, where):
            url = f"/api/v1/{prefix}/" + (f"?{query}" if query else "")
            get = common.getter(client, url)
            with common.queries() as captured:
                response = get()
            found = common.summary(common.timed(get, args.repeat, warm=0))
            met = found["p95"] <= TARGET_MS
            if not met:
                missed.append(url)
            table.row(
                prefix,
                query or "(first page)",
                rows_of(response),
                len(captured),
                found["p50"],
                found["p95"],
                f"{common.ratio(found['p95'], trivial['p95']):.0f}×",
                "met" if met else "NOT MET",
            )
            figures["routes"][url] = {**found, "queries": len(captured), "met": met}
    worst = max(figures["routes"].items(), key=lambda kv: kv[1]["p95"])
    print(
        f"{len(figures['routes'])} cases over {len(prefixes) + 1} routes; worst p95"
        f" {worst[1]['p95']:.1f} ms ({worst[0]}); target p95 ≤ {TARGET_MS:.0f} ms"
        f" {'met by every case' if not missed else 'missed by ' + str(len(missed))}"
    )
    print(f"load average after the run: {common.load_average()}")
    figures["missed"] = missed
    return figures


if __name__ == "__main__":
    main()
