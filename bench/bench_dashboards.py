"""The dashboards at national scale: p50/p95 of the national and a provincial dashboard.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kbo_bench_dash \\
        .venv/bin/python bench/bench_dashboards.py --fresh
    .venv/bin/python bench/bench_dashboards.py --small      # 1,000 products, seconds

`--fresh` drops and re-creates the database named in DATABASE_URL (only a name starting
with `kbo_bench_dash`) and migrates it. The data: the 77 provinces, ~212,000 products
spread over them (stars, segments, categories, registration years 2550–2566), five fiscal
years of sales for every product (mostly one "all channels" row; every tenth product-year
also by channel, every twentieth by channel only), and 76 projects a year × 5 years with
25 selected and 2 not-selected products each, three activities and two plan items per
selected product. Sales are made with one INSERT … SELECT per year (both databases).

Each dashboard is requested through Django's request handling (in process, no network),
with the figures cache on (`KBO_FIGURES_CACHE`): `--repeat` times COLD, each request right
after every data version was bumped (what the first visitor after a change waits for: the
live computation), then `--repeat` times WARM (from the cache). The floor, measured in the
same run, is the raw SQL that gives the same registry and revenue numbers (one aggregate per
panel); the bench checks that the page's numbers equal the floor's and prints p95 / floor p95.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kbo.settings")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

YEARS = [2563, 2564, 2565, 2566, 2567]
CATEGORIES = ["FOOD", "BEVERAGE", "TEXTILE", "HOUSEHOLD", "HERBAL"]
SEGMENTS = ["A", "B", "C", "D", "D", "D", ""]
STARS = [None, None, 1, 2, 3, 3, 4, 5]
# {where} narrows to one province (" AND p.province_id = N") or is empty.
FLOOR_SQL = [
    "SELECT category, count(*) FROM registry_product p WHERE true{where} GROUP BY category",
    "SELECT current_stars, count(*) FROM registry_product p WHERE true{where}"
    " GROUP BY current_stars",
    "SELECT current_segment, count(*) FROM registry_product p WHERE true{where}"
    " GROUP BY current_segment",
    "SELECT r.registered_year, count(*) FROM registry_product p"
    " JOIN registry_producer r ON r.id = p.producer_id WHERE true{where} GROUP BY r.registered_year",
    "SELECT province_id, count(*) FROM registry_product p WHERE true{where} GROUP BY province_id",
]
# Revenue by year: the "all channels" rows, plus the channel rows of product-years without one.
REVENUE_SQL = [
    "SELECT s.fiscal_year, sum(s.amount) FROM registry_sale s"
    "{join} WHERE s.channel = 'TOTAL'"
    " AND s.fiscal_year BETWEEN {first} AND {last}{where} GROUP BY s.fiscal_year",
    "SELECT s.fiscal_year, sum(s.amount) FROM registry_sale s"
    "{join} WHERE s.channel <> 'TOTAL'"
    " AND s.fiscal_year BETWEEN {first} AND {last}{where} AND NOT EXISTS (SELECT 1 FROM"
    " registry_sale t WHERE t.product_id = s.product_id AND t.fiscal_year = s.fiscal_year"
    " AND t.channel = 'TOTAL') GROUP BY s.fiscal_year",
]


def _fresh_database() -> None:
    """Drop and create the database of DATABASE_URL (a kbo_bench_dash* name only)."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(os.environ.get("DATABASE_URL", ""))
    name = config.get("NAME", "")
    if config.get("ENGINE", "").endswith("sqlite3") or not str(name).startswith("kbo_bench_dash"):
        sys.exit("--fresh works only on a PostgreSQL database named kbo_bench_dash…")
    with psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"] or "postgres",
        password=config.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


def timed(call, repeat: int) -> list[float]:
    call()  # warm
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    return out


def timed_cold(call, repeat: int) -> list[float]:
    """Each call right after a bump of every data version (outside the timing)."""
    from kbo.core import versions

    out = []
    for _ in range(repeat):
        versions.bump_all()
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def ensure_geography() -> list:
    """The 77 provinces (from geothai) with one district and subdistrict each."""
    import geothai

    from kbo.geo.models import District, Province, Subdistrict

    for p in geothai.provinces():
        province, _ = Province.objects.get_or_create(
            code=p.code, defaults={"name_th": p.name_th, "name_en": p.name_en}
        )
        if not Subdistrict.objects.filter(province=province).exists():
            d = geothai.districts(p.code)[0]
            s = geothai.subdistricts(d.code)[0]
            district, _ = District.objects.get_or_create(
                code=d.code,
                defaults={"name_th": d.name_th, "name_en": d.name_en, "province": province},
            )
            Subdistrict.objects.get_or_create(
                code=s.code,
                defaults={
                    "name_th": s.name_th,
                    "name_en": s.name_en,
                    "district": district,
                    "province": province,
                },
            )
    return list(Subdistrict.objects.select_related("province", "district").order_by("code"))


def build(products: int, seed: int = 7) -> dict:
    """The registry, sales and projects described in the module's docstring."""
    from django.db import connection, transaction

    from kbo.core import versions
    from kbo.programmes.models import Activity, Decision, PlanItem, Project
    from kbo.registry.models import Producer, Product

    rng = random.Random(seed)
    places = ensure_geography()
    batch = 5_000
    with transaction.atomic():
        start = Producer.objects.count()
        producers = [
            Producer(
                code=f"BD{start + i:07d}",
                producer_type="COMMUNITY_GROUP",
                name=f"กลุ่มผู้ผลิต {start + i}",
                registered_year=rng.randint(2550, 2566),
                province=places[i % len(places)].province,
                district=places[i % len(places)].district,
                subdistrict=places[i % len(places)],
            )
            for i in range(max(1, products * 95 // 212))
        ]
        Producer.objects.bulk_create(producers, batch_size=batch)
        made = list(Producer.objects.filter(code__startswith="BD").values_list("pk", "province_id"))
        rows = []
        for i in range(products):
            producer_id, province_id = made[i % len(made)]
            rows.append(
                Product(
                    code=f"BDP{start}-{i:07d}",
                    producer_id=producer_id,
                    province_id=province_id,
                    name=f"ผลิตภัณฑ์ {i}",
                    category=CATEGORIES[i % 5],
                    current_stars=STARS[rng.randrange(len(STARS))],
                    current_segment=SEGMENTS[rng.randrange(len(SEGMENTS))],
                )
            )
        Product.objects.bulk_create(rows, batch_size=batch)
        del rows
        with connection.cursor() as cursor:
            for year in YEARS:
                amount = f"((p.id * 7919 + {year} * 104729) % 1990000) + 10000"
                cursor.execute(
                    "INSERT INTO registry_sale (product_id, fiscal_year, channel, amount)"
                    f" SELECT p.id, {year}, 'TOTAL', {amount} FROM registry_product p"
                    " WHERE p.code LIKE 'BDP%' AND p.id % 20 <> 0"
                )
                for channel, share in (("SHOP", 3), ("ONLINE", 2)):
                    cursor.execute(
                        "INSERT INTO registry_sale (product_id, fiscal_year, channel, amount)"
                        f" SELECT p.id, {year}, '{channel}', ({amount}) * {share} / 5"
                        " FROM registry_product p WHERE p.code LIKE 'BDP%' AND p.id % 10 = 0"
                    )
        by_province: dict[int, list[int]] = {}
        for pk, province_id in Product.objects.filter(code__startswith="BDP").values_list(
            "pk", "province_id"
        ):
            by_province.setdefault(province_id, []).append(pk)
        provinces = sorted({p.province for p in places}, key=lambda p: p.code)
        projects = [
            Project(
                province=p, fiscal_year=year, name=f"KBO {p.name_th} {year}", target_products=25
            )
            for p in provinces
            if p.code != "10"
            for year in YEARS
        ]
        Project.objects.bulk_create(projects, batch_size=batch)
        projects = list(Project.objects.filter(name__startswith="KBO ", fiscal_year__in=YEARS))
        decisions, activities = [], []
        for project in projects:
            pool = by_province.get(project.province_id, [])
            chosen = rng.sample(pool, min(27, len(pool)))
            for n, pk in enumerate(chosen):
                status = "SELECTED" if n < 25 else "NOT_SELECTED"
                decisions.append(Decision(project=project, product_id=pk, status=status))
            for kind, status in (
                ("CAPACITY", "DONE"),
                ("DEVELOPMENT", "UNDERWAY"),
                ("CONTEST", "PLANNED"),
            ):
                activities.append(Activity(project=project, kind=kind, status=status))
        Decision.objects.bulk_create(decisions, batch_size=batch, ignore_conflicts=True)
        Activity.objects.bulk_create(activities, batch_size=batch, ignore_conflicts=True)
        selected = Decision.objects.filter(project__in=projects, status="SELECTED").values_list(
            "pk", flat=True
        )
        items = [
            PlanItem(decision_id=pk, area="PACKAGING", action="ออกแบบบรรจุภัณฑ์", status=status)
            for pk in selected
            for status in ("DONE", "PLANNED")
        ]
        PlanItem.objects.bulk_create(items, batch_size=batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    versions.bump_all()  # bulk and raw writes send no model signals
    return {"provinces": len(provinces), "projects": len(projects)}


def floor_numbers(
    first: int, last: int, which: list[str] | None = None, province_id: int | None = None
) -> list:
    """The same numbers by raw SQL, one aggregate per panel (the floor)."""
    from django.db import connection

    where = f" AND p.province_id = {int(province_id)}" if province_id else ""
    found = []
    with connection.cursor() as cursor:
        for sql in FLOOR_SQL if which is None else which:
            join = " JOIN registry_product p ON p.id = s.product_id" if province_id else ""
            cursor.execute(sql.format(first=first, last=last, where=where, join=join))
            found.append(cursor.fetchall())
    return found


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="1,000 products (a CI smoke run)")
    parser.add_argument("--products", type=int, default=212_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--fresh", action="store_true", help="drop, create and migrate the database"
    )
    args = parser.parse_args(argv)
    products = 1_000 if args.small else args.products

    import django
    from django.apps import apps

    if args.fresh:
        _fresh_database()
    if not apps.ready:
        django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings

    from kbo.accounts.models import Membership, Role, User
    from kbo.geo.models import Province
    from kbo.registry.models import Product

    if args.fresh:
        call_command("migrate", verbosity=0)
    started = time.perf_counter()
    if not Product.objects.filter(code__startswith="BDP").exists():
        made = build(products)
        print(
            f"built {products:,} products, {made['projects']} projects in {time.perf_counter() - started:.0f} s"
        )
    total = Product.objects.count()
    national, _ = User.objects.get_or_create(
        username="bench.dash.national", defaults={"is_superuser": True, "is_staff": True}
    )
    officer, _ = User.objects.get_or_create(username="bench.dash.officer")
    chiang_mai = Province.objects.get(code="50")
    Membership.objects.get_or_create(user=officer, role=Role.OFFICER, province=chiang_mai)
    year = max(YEARS)
    print(f"{total:,} products [{connection.vendor}], {args.repeat} requests a case, year {year}")

    figures: dict = {"products": total, "vendor": connection.vendor}
    storages = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, ALLOWED_HOSTS=["*"], KBO_FIGURES_CACHE=True):
        floors = {
            "page": timed(lambda: floor_numbers(year - 4, year), args.repeat),
            "revenue": timed(lambda: floor_numbers(year - 4, year, REVENUE_SQL), args.repeat),
            "province page": timed(
                lambda: floor_numbers(year - 4, year, province_id=chiang_mai.pk), args.repeat
            ),
            "province revenue": timed(
                lambda: floor_numbers(year - 4, year, REVENUE_SQL, chiang_mai.pk), args.repeat
            ),
        }
        for key, values in floors.items():
            print(
                f"floor, raw SQL for the {key}: p50 {statistics.median(values):.1f} ms, p95 {p95(values):.1f} ms"
            )
            figures[f"floor_{key}_p95"] = p95(values)
        lazy = "&panel={}&format=html"
        cases = [
            ("national page", national, f"/dashboards/?year={year}", "page"),
            (
                "national revenue panel",
                national,
                f"/dashboards/?year={year}" + lazy.format("revenue"),
                "revenue",
            ),
            (
                "national map panel",
                national,
                f"/dashboards/?year={year}" + lazy.format("map"),
                "revenue",
            ),
            ("Chiang Mai page", officer, f"/dashboards/provinces/50/?year={year}", "province page"),
            (
                "Chiang Mai revenue panel",
                officer,
                f"/dashboards/provinces/50/?year={year}" + lazy.format("revenue"),
                "province revenue",
            ),
            (
                "Chiang Mai map panel",
                officer,
                f"/dashboards/provinces/50/?year={year}" + lazy.format("map"),
                "province revenue",
            ),
        ]
        print(
            f"{'case':26} {'floor p95':>9} | {'cold p50':>8} {'p95':>7} {'ratio':>6}"
            f" | {'warm p50':>8} {'p95':>6} {'ratio':>6}"
        )
        for label, user, url, floor in cases:
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)

            def get(client=client, url=url):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                return response

            get()  # the first request of the client (session, user) is not timed
            cold = timed_cold(get, args.repeat)
            warm = timed(get, args.repeat)
            bottom = p95(floors[floor])
            print(
                f"{label:26} {bottom:9.1f} | {statistics.median(cold):8.1f} {p95(cold):7.1f}"
                f" {p95(cold) / bottom:5.1f}x | {statistics.median(warm):8.1f} {p95(warm):6.1f}"
                f" {p95(warm) / bottom:5.2f}x"
            )
            figures[label] = {
                "p50": statistics.median(warm),
                "p95": p95(warm),
                "ratio": p95(warm) / bottom,
                "cold_p50": statistics.median(cold),
                "cold_p95": p95(cold),
                "cold_ratio": p95(cold) / bottom,
            }
        figures["check"] = check(national, year)
    print("numbers equal the floor's:", figures["check"])
    return figures


def check(user, year: int) -> bool:
    """The national panels' products by category and revenue per year equal the raw SQL's."""
    from kbo.dashboards import panels
    from kbo.dashboards.data import Scope

    scope = Scope(user, year)
    categories = {r[0]: r[1] for r in floor_numbers(year - 4, year)[0]}
    revenue: dict[int, Decimal] = {}
    for rows in floor_numbers(year - 4, year, REVENUE_SQL):
        for fy, amount in rows:
            revenue[fy] = revenue.get(fy, Decimal(0)) + Decimal(amount)
    by_category = {
        value: row[1]
        for row, value in zip(panels.categories(scope).rows, CATEGORIES, strict=True)
        if row[1]
    }
    by_year = {row[0]: row[2] for row in panels.revenue(scope).rows if row[2]}
    return by_category == categories and by_year == revenue


if __name__ == "__main__":
    main()
