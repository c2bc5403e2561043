"""Registry import at national scale, against a floor measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kbo_bench .venv/bin/python bench/bench_import.py [--rows 212000]

The database named in DATABASE_URL is dropped and created anew (PostgreSQL only). Steps:
1. generate the registry file (cached in /tmp/kbo-bench/), XLSX;
2. floor: read the same file (python-calamine) and COPY its rows into a bare table;
3. `run_import` of the file into an empty registry (rows/s and ratio to the floor);
4. the same import again (every row unchanged).
"""

import argparse
import os
import sys
import time
from pathlib import Path

import dj_database_url
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kbo.settings")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
CACHE = Path("/tmp/kbo-bench")


def fresh_database(url: str) -> None:
    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        sys.exit("bench_import needs DATABASE_URL=postgres://... (the target is PostgreSQL)")
    admin = (
        f"host={config['HOST']} port={config['PORT'] or 5432} user={config['USER']} dbname=postgres"
    )
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
        conn.execute(f'CREATE DATABASE "{config["NAME"]}"')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=212_000)
    args = parser.parse_args()
    fresh_database(os.environ.get("DATABASE_URL", ""))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.registry_data import HEADER, as_xlsx, registry_rows
    from kbo.geo.services import geo_load
    from kbo.registry.importing import run_import
    from kbo.registry.importing.reader import read

    call_command("migrate", verbosity=0)
    geo_load()

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"registry-{args.rows}.xlsx"
    if not path.exists():
        start = time.perf_counter()
        rows, _bad = registry_rows(args.rows, seed=2569)
        path.write_bytes(as_xlsx(rows))
        print(f"generated {path} in {time.perf_counter() - start:.1f} s")
    data = path.read_bytes()
    print(f"file: {args.rows:,} rows, {len(data) / 1e6:.1f} MB XLSX")

    start = time.perf_counter()
    sheet = read(data, path.name)
    read_s = time.perf_counter() - start
    with connection.cursor() as cursor:
        columns = ", ".join(f'"{h}" text' for h in HEADER)
        cursor.execute(f"CREATE UNLOGGED TABLE bench_floor ({columns})")
        start = time.perf_counter()
        with cursor.connection.cursor().copy("COPY bench_floor FROM STDIN") as copy:
            for _number, cells in sheet.rows:
                copy.write_row(["" if c is None else str(c) for c in cells])
        copy_s = time.perf_counter() - start
    floor = read_s + copy_s
    print(f"floor: read {read_s:.1f} s + COPY {copy_s:.1f} s = {floor:.1f} s")

    start = time.perf_counter()
    result = run_import(data, path.name)
    first = time.perf_counter() - start
    assert result.rejected == 0 and result.created == args.rows, result.as_json() | {
        "errors": result.errors[:3]
    }
    print(
        f"import (empty registry): {first:.1f} s = {args.rows / first:,.0f} rows/s; ratio to floor {first / floor:.1f}x"
    )

    start = time.perf_counter()
    again = run_import(data, path.name)
    second = time.perf_counter() - start
    assert again.unchanged == args.rows
    print(
        f"import again (all unchanged): {second:.1f} s = {args.rows / second:,.0f} rows/s; ratio to floor {second / floor:.1f}x"
    )


if __name__ == "__main__":
    main()
