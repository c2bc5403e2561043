"""The knowledge library's list and Thai search: p50/p95 of /knowledge/ as the national
administrator and as a province's officer, and of the showcase's knowledge list for an
anonymous visitor, against floors measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kbo_gen .venv/bin/python bench/bench_knowledge.py
    .venv/bin/python bench/bench_knowledge.py --small        # seconds, the CI smoke run

The generated database holds about 10,000 items (bench/gen/knowledge.py). Each case is
requested `--repeat` times after a warm-up through Django's request handling (in process, no
network). Floors: the trivial view /healthz/ and, per case, raw SQL for the same first page
(the count and 20 rows; for a search, the rows whose search text holds every query word,
newest first — one pass over the table, without the ranking). `--explain` prints EXPLAIN
ANALYZE of each search case's slowest query. Target: p95 ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common

TARGET_MS = 300.0
SEARCHES = ["มผช.", "บรรจุภัณฑ์สำหรับงานแสดงสินค้า", "ย้อมคราม"]
SHOWCASE_SEARCH = "มผช."
PAGE = 20


def floor_sql(text: str, public_only: bool = False) -> list[tuple[str, list]]:
    """The raw SQL of a first page: count and 20 rows (matching every word of `text`)."""
    from kbo.search import tokenize

    where, params = [], []
    for word in dict.fromkeys(tokenize(text)):
        where.append("search_text LIKE %s")
        params.append(f"%{word}%")
    if public_only:
        where.append("visibility = 'PUBLIC'")
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    order = "published_at DESC NULLS LAST, id DESC" if text else "updated_at DESC, id DESC"
    return [
        (f"SELECT count(*) FROM knowledge_item{clause}", params),
        (
            "SELECT id, kind, title, summary, province_id, visibility, published_at"
            f" FROM knowledge_item{clause} ORDER BY {order} LIMIT {PAGE}",
            params,
        ),
    ]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--small", action="store_true", help="2 requests a case (smoke)")
    parser.add_argument("--repeat", type=int, default=20, help="requests per case")
    parser.add_argument("--explain", action="store_true", help="plans of the search cases")
    args = parser.parse_args(argv)
    if args.small:
        args.repeat = 2

    common.setup()
    from django.db import connection

    from kbo.knowledge.models import Item

    info = common.print_machine("knowledge library")
    total = Item.objects.count()
    if not total:
        sys.exit("no knowledge items: fill the database first (bench/generate.py or `kbo demo`)")
    national = common.national_user()
    officer, province = common.officer_user()
    print(
        f"{total:,} knowledge items [{connection.vendor}]; as {national.username}, as"
        f" {officer.username} ({province.name_th}) and anonymously; {args.repeat} requests a"
        " case after a warm-up"
    )
    cases: list[tuple[str, object, str, str, bool]] = []  # label, user, url, query, public
    for who, user in (("national", national), ("officer", officer)):
        cases.append((f"library, first page, {who}", user, "/knowledge/", "", False))
        for text in SEARCHES:
            url = "/knowledge/?" + urlencode({"q": text})
            cases.append((f"library, search “{text}”, {who}", user, url, text, False))
    url = "/showcase/knowledge/?" + urlencode({"q": SHOWCASE_SEARCH})
    cases.append((f"showcase, search “{SHOWCASE_SEARCH}”, anonymous", None, url, "มผช.", True))

    figures: dict = {"machine": info, "items": total, "vendor": connection.vendor, "cases": []}
    with common.in_process():
        healthz = common.getter(common.client_for(national), "/healthz/")
        trivial = common.summary(common.timed(healthz, 30))
        figures["floor_trivial"] = trivial
        table = common.Table(
            "case", "matches", "queries", "p50 ms", "p95 ms", "floor SQL p95 ms",
            "p95 / SQL", "p95 / trivial", "target",
        )  # fmt: skip
        table.row("floor: /healthz/", "", 1, trivial["p50"], trivial["p95"], "", "", "1×", "")
        missed = []
        for label, user, url, text, public in cases:
            found_items = Item.objects.for_user(user) if user else Item.objects.public()
            matches = found_items.search(text).count() if text else found_items.count()
            raw = common.sql_floor(floor_sql(text, public))
            sql = common.summary(common.timed(raw, args.repeat))
            get = common.getter(common.client_for(user), url)
            with common.queries() as captured:
                get()
            found = common.summary(common.timed(get, args.repeat))
            met = found["p95"] <= TARGET_MS
            if not met:
                missed.append(label)
            table.row(
                label, matches, len(captured), found["p50"], found["p95"], sql["p95"],
                f"{common.ratio(found['p95'], sql['p95']):.1f}×",
                f"{common.ratio(found['p95'], trivial['p95']):.0f}×",
                f"≤ {TARGET_MS:.0f} ms: {'met' if met else 'NOT MET'}",
            )  # fmt: skip
            figures[label] = {**found, "queries": len(captured), "matches": matches, "met": met}
            figures[f"{label} floor"] = sql
            figures["cases"].append(label)
            if args.explain and text:
                slowest = max(captured, key=lambda q: float(q["time"]))
                print(f"\n{label}: slowest query ({slowest['time']} s)\n{slowest['sql']}")
                print(common.explain(slowest["sql"]) + "\n")
    worst = max(figures["cases"], key=lambda label: figures[label]["p95"])
    print(
        f"{len(cases)} cases; worst p95 {figures[worst]['p95']:.1f} ms ({worst}); target p95"
        f" ≤ {TARGET_MS:.0f} ms {'met by every case' if not missed else f'missed by {len(missed)}'}"
    )
    print(f"load average after the run: {common.load_average()}")
    figures["missed"] = missed
    return figures


if __name__ == "__main__":
    main()
