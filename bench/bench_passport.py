"""The product passport: p50/p95 for products with the most history, as the national
administrator and as a province's officer, against floors measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kbo_gen .venv/bin/python bench/bench_passport.py
    .venv/bin/python bench/bench_passport.py --small        # seconds, the CI smoke run

The sample: products with contest entries, KBO project selections, sales and star ratings
first (picked by query, spread over the candidates). Each passport is requested `--repeat`
times after a warm-up through Django's request handling (in process, no network). Floors: a
trivial view (/healthz/) and the raw SQL for the passport's main rows (the product with its
producer and places, stars, segments, certificates, sales, project decisions with their
plan items, contest entries). Target: p95 ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common

TARGET_MS = 100.0

# The passport's main rows, one product at a time (%s: the product's id).
PASSPORT_SQL = [
    "SELECT p.id, p.code, p.name, p.brand, p.category, p.description, p.story, p.price,"
    " p.current_stars, p.current_segment, r.code, r.name, r.phone, r.address, v.name_th,"
    " d.name_th, s.name_th FROM registry_product p JOIN registry_producer r ON r.id ="
    " p.producer_id JOIN geo_province v ON v.id = p.province_id JOIN geo_district d ON d.id ="
    " r.district_id JOIN geo_subdistrict s ON s.id = r.subdistrict_id WHERE p.id = %s",
    "SELECT r.stars, r.score, o.year, o.name FROM registry_starrating r JOIN"
    " registry_starround o ON o.id = r.round_id WHERE r.product_id = %s ORDER BY o.year",
    "SELECT year, segment, note FROM registry_segmentassessment WHERE product_id = %s"
    " ORDER BY year",
    "SELECT kind, number, issuer, issued_on, expires_on FROM registry_certificate"
    " WHERE product_id = %s",
    "SELECT fiscal_year, channel, amount, units FROM registry_sale WHERE product_id = %s"
    " ORDER BY fiscal_year DESC, channel",
    "SELECT d.id, d.status, j.fiscal_year, j.name, i.area, i.action, i.status FROM"
    " programmes_decision d JOIN programmes_project j ON j.id = d.project_id LEFT JOIN"
    " programmes_planitem i ON i.decision_id = d.id WHERE d.product_id = %s"
    " ORDER BY j.fiscal_year DESC",
    "SELECT e.number, e.title, c.name, c.fiscal_year, c.level FROM contests_entry e JOIN"
    " contests_contest c ON c.id = e.contest_id WHERE e.product_id = %s",
]


def sample_products(products, size: int) -> list:
    """Up to `size` products of the queryset `products` with the most history, spread over
    the best candidates (ids, deterministic)."""
    from kbo.contests.models import Entry
    from kbo.programmes.models import Decision
    from kbo.registry.models import Sale, StarRating

    ids = products.values("pk")
    entered = set(
        Entry.objects.filter(product__in=ids).values_list("product_id", flat=True)[:20_000]
    )
    selected = set(
        Decision.objects.filter(product__in=ids, status="SELECTED").values_list(
            "product_id", flat=True
        )[:50_000]
    )
    ranked = sorted(entered | selected, key=lambda pk: (-(pk in entered) - (pk in selected), pk))
    pool = ranked[: size * 20]
    with_sales = set(Sale.objects.filter(product_id__in=pool).values_list("product_id", flat=True))
    rated = set(StarRating.objects.filter(product_id__in=pool).values_list("product_id", flat=True))
    pool.sort(
        key=lambda pk: (
            -(pk in entered) - (pk in selected) - (pk in with_sales) - (pk in rated),
            pk,
        )
    )
    pool = pool[: size * 4]
    chosen = pool[:: max(1, len(pool) // size)][:size]
    if len(chosen) < size:  # too few with history: any products, spread over the ids
        rest = list(products.exclude(pk__in=chosen).order_by("pk").values_list("pk", flat=True))
        chosen += rest[:: max(1, len(rest) // (size - len(chosen)))][: size - len(chosen)]
    return list(products.filter(pk__in=chosen).order_by("pk"))


def history(product) -> str:
    """What the product carries: 'entries 1, decisions 2, sales 5, stars 3'."""
    counts = {
        "entries": product.contest_entries.count(),
        "decisions": product.kbo_decisions.count(),
        "sales": product.sales.count(),
        "stars": product.star_ratings.count(),
    }
    return ", ".join(f"{k} {v}" for k, v in counts.items())


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="3 products, 2 requests (smoke)")
    parser.add_argument("--sample", type=int, default=20, help="products per role")
    parser.add_argument("--repeat", type=int, default=5, help="requests per product")
    args = parser.parse_args(argv)
    if args.small:
        args.sample, args.repeat = 3, 2

    common.setup()
    from django.db import connection

    from kbo.registry.models import Product

    info = common.print_machine("product passport")
    national = common.national_user()
    officer, province = common.officer_user()
    national_sample = sample_products(Product.objects.all(), args.sample)
    officer_sample = sample_products(Product.objects.filter(province=province), args.sample)
    if not national_sample or not officer_sample:
        sys.exit("no products: fill the database first (bench/generate.py or `kbo demo`)")
    total = Product.objects.count()
    print(
        f"{total:,} products; {len(national_sample)} passports as {national.username},"
        f" {len(officer_sample)} in {province.name_th} as {officer.username};"
        f" {args.repeat} requests each after a warm-up"
    )
    print(f"richest sampled: {national_sample[0].code} ({history(national_sample[0])})")

    figures: dict = {"machine": info, "products": total, "vendor": connection.vendor}
    with common.in_process():
        client = common.client_for(national)
        trivial = common.summary(common.timed(common.getter(client, "/healthz/"), 30))

        sql_ms: list[float] = []
        for product in national_sample:
            run = common.sql_floor([(sql, [product.pk]) for sql in PASSPORT_SQL])
            sql_ms += common.timed(run, args.repeat)
        sql = common.summary(sql_ms)
        figures["floor_trivial"], figures["floor_sql"] = trivial, sql

        cases = []
        for label, user, sample in (
            ("national administrator", national, national_sample),
            (f"officer of {province.name_en or province.name_th}", officer, officer_sample),
        ):
            client = common.client_for(user)
            values: list[float] = []
            queries = []
            for product in sample:
                get = common.getter(
                    client, f"/registry/products/{product.pk}/", contains=product.code
                )
                with common.queries() as captured:
                    get()
                queries.append(len(captured))
                values += common.timed(get, args.repeat, warm=0)
            cases.append((label, common.summary(values), max(queries)))

    table = common.Table(
        "case", "requests", "queries", "p50 ms", "p95 ms", "p95 / trivial", "p95 / SQL", "target"
    )
    table.row(
        "floor: trivial view /healthz/",
        trivial["n"],
        1,
        trivial["p50"],
        trivial["p95"],
        1.0,
        "",
        "",
    )
    table.row(
        "floor: raw SQL of the main rows",
        sql["n"],
        len(PASSPORT_SQL),
        sql["p50"],
        sql["p95"],
        "",
        1.0,
        "",
    )
    for label, found, count in cases:
        met = found["p95"] <= TARGET_MS
        table.row(
            f"passport, {label}",
            found["n"],
            count,
            found["p50"],
            found["p95"],
            f"{common.ratio(found['p95'], trivial['p95']):.0f}×",
            f"{common.ratio(found['p95'], sql['p95']):.1f}×",
            f"≤ {TARGET_MS:.0f} ms: {'met' if met else 'NOT MET'}",
        )
        figures[label] = {**found, "queries": count, "met": met}
    figures["cases"] = [label for label, _, _ in cases]
    print(f"load average after the run: {common.load_average()}")
    return figures


if __name__ == "__main__":
    main()
