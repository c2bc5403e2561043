"""The product list at national scale: filters and Thai search, p50/p95 against floors.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kbo_bench .venv/bin/python bench/bench_product_list.py

Needs a registry in that database (run bench/bench_import.py first: 212,000 products).
Each case is requested `--repeat` times through Django's request handling (in process,
so no network time); floors measured in the same run: a trivial view (/healthz/) and one
raw SQL query that gives the same first page. Also the product passport.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kbo.settings")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

CASES = [
    ("all products, first page", ""),
    ("province + category", "province=58&category=TEXTILE"),
    ("not rated or 1–3 stars, segment D", "stars=0,1,2,3&segment=D"),
    ("registered 2557–2564", "registered_year_min=2557&registered_year_max=2564"),
    ("search: ผ้าทอ", "q=ผ้าทอ"),
    ("search: น้ำพริก เชียงใหม่, 3 stars", "q=น้ำพริก เชียงใหม่&stars=3"),
    ("search + province + sorted by Thai name", "q=กาแฟ&province=50&sort=name"),
    ("sorted by Thai name, whole country", "sort=name"),
    ("page 40", "page=40"),
]


def timed(call, repeat: int) -> list[float]:
    call()  # warm
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from kbo.accounts.models import Membership, Role, User
    from kbo.geo.models import Province
    from kbo.registry.models import Product

    call_command("collectstatic", "--no-input", verbosity=0)  # pages link hashed static files
    total = Product.objects.count()
    if total < 1000:
        sys.exit("the registry is (nearly) empty: run bench/bench_import.py first")
    national, _ = User.objects.get_or_create(
        username="bench.national", defaults={"is_superuser": True}
    )
    officer, _ = User.objects.get_or_create(username="bench.officer")
    Membership.objects.get_or_create(user=national, role=Role.NATIONAL_ADMIN, province=None)
    Membership.objects.get_or_create(
        user=officer, role=Role.OFFICER, province=Province.objects.get(code="58")
    )
    print(f"{total:,} products [{connection.vendor}], {args.repeat} requests a case")

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(national)
    floor = timed(lambda: client.get("/healthz/"), args.repeat)
    print(
        f"floor, trivial view /healthz/: p50 {statistics.median(floor):.1f} ms, p95 {p95(floor):.1f} ms"
    )

    def raw_page():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM registry_product")
            cursor.execute(
                "SELECT p.id, p.code, p.name, p.category, p.current_stars, p.current_segment, pr.name,"
                " d.name_th, v.name_th FROM registry_product p JOIN registry_producer pr ON pr.id ="
                " p.producer_id JOIN geo_district d ON d.id = pr.district_id JOIN geo_province v ON"
                " v.id = p.province_id ORDER BY p.code LIMIT 50"
            )
            cursor.fetchall()

    sql = timed(raw_page, args.repeat)
    print(
        f"floor, raw SQL for the first page: p50 {statistics.median(sql):.1f} ms, p95 {p95(sql):.1f} ms"
    )
    print(f"{'case':45} {'p50 ms':>8} {'p95 ms':>8} {'p95/trivial':>12}")
    for label, query in CASES:

        def get(query=query):
            response = client.get(f"/registry/products/?{query}")
            assert response.status_code == 200, (query, response.status_code)

        values = timed(get, args.repeat)
        print(
            f"{label:45} {statistics.median(values):8.1f} {p95(values):8.1f} {p95(values) / p95(floor):11.0f}x"
        )

    officer_client = Client(HTTP_HOST="127.0.0.1")
    officer_client.force_login(officer)
    values = timed(lambda: officer_client.get("/registry/products/?q=ผ้า"), args.repeat)
    print(
        f"{'officer of Mae Hong Son, search ผ้า':45} {statistics.median(values):8.1f} {p95(values):8.1f}"
    )
    product = Product.objects.order_by("id")[total // 2]
    values = timed(lambda: client.get(f"/registry/products/{product.pk}/"), args.repeat)
    print(f"{'product passport':45} {statistics.median(values):8.1f} {p95(values):8.1f}")


if __name__ == "__main__":
    main()
