"""Geography: loading all of Thailand, and the API's subdistrict pages against raw SQL.

    .venv/bin/python bench/bench_geo.py [--repeat 50]

Prints the load time, then p50/p95 of GET /api/v1/subdistricts/?district=... and of the
same rows read with one raw SQL query (the floor), and their ratio.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kbo.settings")
if not os.environ.get("DATABASE_URL"):
    os.environ["KBO_DATA_DIR"] = tempfile.mkdtemp(prefix="kbo-bench-")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from kbo.geo.models import District  # noqa: E402
from kbo.geo.services import geo_load  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)

    start = time.perf_counter()
    result = geo_load()
    load_s = time.perf_counter() - start
    print(f"geo_load: {result.subdistricts} subdistricts in {load_s:.2f} s")

    client = Client(HTTP_HOST="127.0.0.1")
    codes = list(District.objects.values_list("code", flat=True)[: args.repeat])
    api_ms, sql_ms = [], []
    for code in codes:
        t = time.perf_counter()
        response = client.get("/api/v1/subdistricts/", {"district": code})
        api_ms.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200
        t = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT s.code, s.name_th, s.name_en, d.code, d.name_th, p.code, p.name_th,"
                " s.postal_codes FROM geo_subdistrict s JOIN geo_district d ON d.id = s.district_id"
                " JOIN geo_province p ON p.id = s.province_id WHERE d.code = %s ORDER BY s.code",
                [code],
            )
            cursor.fetchall()
        sql_ms.append((time.perf_counter() - t) * 1000)
    p50, p95 = statistics.median(api_ms), percentile(api_ms, 95)
    f50, f95 = statistics.median(sql_ms), percentile(sql_ms, 95)
    print(f"api subdistricts by district: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    print(f"raw SQL floor:                p50 {f50:.2f} ms, p95 {f95:.2f} ms")
    print(f"ratio to floor (p50): {p50 / f50:.0f}x  [{connection.vendor}]")
    sys.exit(0)


if __name__ == "__main__":
    main()
