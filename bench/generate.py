"""Fill a database with national-scale, realistic KBO data, the same for the same seed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kbo_gen \\
        .venv/bin/python bench/generate.py --fresh            # full scale, a few minutes
    .venv/bin/python bench/generate.py --scale 0.01           # into the migrated database

At `--scale 1.0`: the 77 provinces with every district and subdistrict; 95,000 producers and
212,000 products spread over the provinces by their number of subdistricts, with star
ratings of the rounds 2559–2567, segments by year, certificates and sales of fiscal years
2563–2567 (from the year of registration; mostly one "all channels" row, some by channel);
76 networks with a current committee of 23–27 seated members and 5,000 knowledge sources;
76 projects a year for five years with 20–27 selected products each, their plans and a
course; provincial contests of the last two years and the national contest of the last;
the knowledge library: about 60 items a network's province, 600 national ones and case
studies of about half of the selected products (about 10,000 items).
The benchmarks sign in as `bench-national`, `bench-officer-<code>`, `bench-committee-50`,
`bench-judge-1` and `bench-producer-1`, password `kbo-bench-2569` (see bench/gen/users.py).

Rows are written by COPY on PostgreSQL (bulk_create elsewhere), without audit entries;
`--fresh` drops, re-creates and migrates the database first (only a database named
kbo_gen… or kbo_bench…, or a SQLite file of that name given in DATABASE_URL).
`generate()` runs the same inside an already-migrated database (tests, benchmarks).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kbo.settings")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

SEED = 2569
FRESH_PREFIXES = ("kbo_gen", "kbo_bench")


class Stages:
    """Prints each stage's time as it ends and keeps them for the summary."""

    def __init__(self, out: Callable[[str], object]) -> None:
        self.out = out
        self.times: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        yield
        self.times[name] = time.perf_counter() - start
        self.out(f"  {name:<26} {self.times[name]:7.1f} s")


def generate(
    scale: float = 1.0,
    seed: int = SEED,
    out: Callable[[str], object] = print,
    today: dt.date | None = None,
) -> dict:
    """Generate into the current (migrated) database; returns stage times and row counts."""
    from auditlog.context import disable_auditlog
    from django.db import connection, transaction
    from django.utils import timezone, translation

    from bench.gen import base, contests, knowledge, network, programmes, registry, users
    from kbo.geo.services import geo_load

    stages = Stages(out)
    frozen = gc.isenabled()
    gc.disable()
    started = time.perf_counter()
    try:
        with translation.override("th"), disable_auditlog(), transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL gin_pending_list_limit = '512MB'")
                    cursor.execute("SHOW is_superuser")
                    if cursor.fetchone()[0] == "on":
                        # The rows refer to ids made here; skip the per-row foreign key checks.
                        cursor.execute("SET LOCAL session_replication_role = replica")
            with stages.stage("geography"):
                geo_load()
                world = base.load_world(today or timezone.localdate())
            with stages.stage("registry"):
                products = registry.generate(world, scale, seed)
            with stages.stage("network and sources"):
                directory = network.generate(world, scale, seed)
            with stages.stage("users"):
                first_50 = products.get("50", [])
                accounts = users.generate(world, first_50[0].producer_id if first_50 else None)
            with stages.stage("projects and trainings"):
                cohorts = programmes.generate(world, seed, products, directory, accounts)
            with stages.stage("contests"):
                contests.generate(world, seed, cohorts, accounts, directory)
            with stages.stage("knowledge library"):
                knowledge.generate(world, seed, scale, cohorts, accounts)
            base.reset_sequences()
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL session_replication_role = DEFAULT")
                    cursor.execute("SET LOCAL gin_pending_list_limit = DEFAULT")
        if connection.vendor == "postgresql":
            with stages.stage("GIN pending lists"), connection.cursor() as cursor:
                # Written with a 512 MB pending list, the trigram indexes hold every row
                # there until a VACUUM merges it (autovacuum may be off or late): each
                # index scan would read the whole list. Merge them now.
                cursor.execute(
                    "SELECT gin_clean_pending_list(c.oid) FROM pg_class c"
                    " JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'gin'"
                )
            with stages.stage("analyze"), connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        try:
            from kbo.core import versions  # type: ignore[attr-defined]

            versions.bump_all()
        except (ImportError, AttributeError):
            pass
    finally:
        if frozen:
            gc.enable()
    total = time.perf_counter() - started
    out(f"  {'total':<26} {total:7.1f} s")
    return {"stages": stages.times, "total": total, "counts": row_counts()}


def row_counts() -> dict[str, int]:
    """Rows of every table of the platform's apps (non-empty ones)."""
    from django.apps import apps

    labels = {c.label for c in apps.get_app_configs() if c.name.startswith("kbo.")}
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in labels and (n := model._base_manager.count()):
            counts[model._meta.db_table] = n
    return counts


def fresh_database() -> None:
    """Drop, create and migrate the database of DATABASE_URL (named kbo_gen…/kbo_bench…)."""
    import dj_database_url

    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sys.exit("--fresh needs DATABASE_URL naming a kbo_gen… or kbo_bench… database")
    config = dj_database_url.parse(url)
    name = str(config.get("NAME", ""))
    if config["ENGINE"].endswith("sqlite3"):
        path = Path(name)
        if not path.name.startswith(FRESH_PREFIXES):
            sys.exit(
                f"--fresh refuses to delete {path}: its name must start with kbo_gen or kbo_bench"
            )
        path.unlink(missing_ok=True)
        return
    if not name.startswith(FRESH_PREFIXES):
        sys.exit(f"--fresh refuses to drop {name!r}: its name must start with kbo_gen or kbo_bench")
    import psycopg

    with psycopg.connect(
        host=config.get("HOST") or "127.0.0.1",
        port=config.get("PORT") or 5432,
        user=config.get("USER") or "postgres",
        password=config.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 is the whole country")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--fresh", action="store_true", help="drop, create and migrate first")
    args = parser.parse_args(argv)
    if args.fresh:
        fresh_database()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if args.fresh:
        start = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"  {'migrate':<26} {time.perf_counter() - start:7.1f} s")
    print(f"generating scale {args.scale}, seed {args.seed} into {connection.vendor}"
          f" database {connection.settings_dict['NAME']}")  # fmt: skip
    result = generate(scale=args.scale, seed=args.seed)
    print("rows:")
    for table, n in sorted(result["counts"].items()):
        print(f"  {table:<40} {n:>10,}")
    return result


if __name__ == "__main__":
    main()
