"""Expert matching: rank() over 5,000 knowledge sources, and the evaluation set's figures.

    .venv/bin/python bench/bench_matching.py                 # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kbo_bench .venv/bin/python bench/bench_matching.py

Everything is created inside one transaction that is rolled back at the end, so the
PostgreSQL bench database is left as it was. Steps:
1. the labelled evaluation set (tests/programmes/matching_eval.py): precision@5, recall@5;
2. 5,000 generated sources (areas, provinces, Thai descriptions) and 600 open plan items;
3. rank(need, limit=10) for each of the 31 evaluation needs, `--repeat` times: p50 / p95.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kbo.settings")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
if not os.environ.get("DATABASE_URL"):
    os.environ["KBO_DATA_DIR"] = tempfile.mkdtemp(prefix="kbo-bench-")

PREFIXES = ["นาย", "นาง", "นางสาว", "ผศ.ดร.", "อาจารย์", "ครู"]
GIVEN = ["สมชาย", "สมศรี", "บุญมา", "คำแปง", "วิภา", "ธนพล", "อรุณี", "ประเสริฐ", "จันทร์เพ็ญ"]
FAMILY = ["ใจดี", "ศรีสุข", "คำมา", "ทองดี", "แก้วมณี", "บุญเรือง", "อินทร์แก้ว"]
ORGS = [
    "มหาวิทยาลัยราชภัฏ",
    "สำนักงานสาธารณสุขจังหวัด",
    "สำนักงานอุตสาหกรรมจังหวัด",
    "บริษัท ครีเอทีฟ จำกัด",
    "วิสาหกิจชุมชน",
    "ธนาคารออมสิน",
    "วิทยาลัยชุมชน",
    "",
]
# Phrases per expertise area, from which descriptions are drawn.
PHRASES = {
    "production": ["แปรรูปผลผลิตเกษตร", "เครื่องจักรขนาดเล็ก", "ลดต้นทุนการผลิต", "อบแห้ง"],
    "quality": ["ตรวจสอบคุณภาพ", "มาตรฐาน มผช.", "ควบคุมคุณภาพวัตถุดิบ"],
    "food_safety": ["ขออนุญาต อย.", "ฉลากโภชนาการ", "สุขลักษณะการผลิต GMP"],
    "herbal_cosmetic": ["จดแจ้งเครื่องสำอาง", "ตำรับสมุนไพร", "สบู่และครีม"],
    "packaging": ["ออกแบบบรรจุภัณฑ์", "กล่องกระดาษ", "ฉลากสติ๊กเกอร์", "กันกระแทก"],
    "design_identity": ["ออกแบบลวดลาย", "อัตลักษณ์ท้องถิ่น", "ของตกแต่งบ้าน"],
    "branding": ["สร้างแบรนด์", "เล่าเรื่องผลิตภัณฑ์", "ออกแบบโลโก้"],
    "pricing": ["คำนวณต้นทุน", "ตั้งราคาขาย", "กำไรต่อหน่วย"],
    "marketing": ["งานแสดงสินค้า", "ช่องทางจำหน่าย", "ตลาดนักท่องเที่ยว", "ส่งออก"],
    "ecommerce": ["ขายออนไลน์", "ไลฟ์สดเฟซบุ๊ก", "Shopee Lazada", "ถ่ายภาพสินค้า"],
    "finance": ["สินเชื่อชุมชน", "ทำบัญชี", "เงินทุนหมุนเวียน"],
    "textiles": ["ทอผ้าฝ้าย", "ย้อมสีธรรมชาติ", "ผ้าไหมมัดหมี่", "ย้อมคราม"],
}


def generate_sources(n: int, seed: int = 2569) -> None:
    """`n` listed sources with 1–4 areas, a home province, 0–5 service provinces, and a
    Thai description drawn from their areas (and one phrase from any area)."""
    from kbo.geo.models import Province
    from kbo.network.models import ExpertiseArea, KnowledgeSource
    from kbo.network.services import source_texts

    rng = random.Random(seed)
    areas = list(ExpertiseArea.objects.all())
    provinces = list(Province.objects.all())
    kinds = ["EXPERT", "INSTITUTION", "COMPANY", "LOCAL_WISDOM"]
    plans = []
    for i in range(n):
        chosen = rng.sample(areas, rng.randint(1, 4))
        phrases = [rng.choice(PHRASES[a.code]) for a in chosen]
        phrases.append(rng.choice(PHRASES[rng.choice(list(PHRASES))]))
        home = rng.choice(provinces)
        serves = {home, *rng.sample(provinces, rng.randint(0, 5))}
        source = KnowledgeSource(
            kind=rng.choice(kinds),
            name=f"{rng.choice(PREFIXES)}{rng.choice(GIVEN)} {rng.choice(FAMILY)} {i}",
            organisation=rng.choice(ORGS),
            description=" ".join(phrases),
            home_province=home,
        )
        plans.append((source, chosen, serves))
    KnowledgeSource.objects.bulk_create([s for s, _a, _p in plans], batch_size=1000)
    area_link = KnowledgeSource.areas.through
    place_link = KnowledgeSource.service_provinces.through
    area_link.objects.bulk_create(
        [area_link(knowledgesource=s, expertisearea=a) for s, chosen, _p in plans for a in chosen],
        batch_size=5000,
    )
    place_link.objects.bulk_create(
        [place_link(knowledgesource=s, province=p) for s, _a, serves in plans for p in serves],
        batch_size=5000,
    )
    ids = [s.pk for s, _a, _p in plans]
    made = KnowledgeSource.objects.filter(pk__in=ids).prefetch_related("areas", "service_provinces")
    changed = []
    for source in made:
        source.search_text, source.area_text = source_texts(source)
        changed.append(source)
    KnowledgeSource.objects.bulk_update(changed, ["search_text", "area_text"], batch_size=1000)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class Rollback(Exception):
    pass


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database named in DATABASE_URL when it does not exist yet."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        return
    admin = (
        f"host={config['HOST']} port={config['PORT'] or 5432} user={config['USER']} dbname=postgres"
    )
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if os.environ.get("DATABASE_URL"):
        ensure_database(os.environ["DATABASE_URL"])

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from tests.programmes.matching_eval import build_eval, evaluate

    from kbo.geo.models import Province
    from kbo.geo.services import geo_load
    from kbo.network.models import KnowledgeSource
    from kbo.programmes.matching import rank
    from kbo.programmes.models import Need, PlanItem

    call_command("migrate", verbosity=0)
    if Province.objects.count() < 77:
        geo_load()
    try:
        with transaction.atomic():
            sources, needs = build_eval()
            figures = evaluate(sources, needs)
            print(
                f"evaluation set [{connection.vendor}]: {len(sources)} sources,"
                f" {figures['needs']:.0f} needs: precision@5 {figures['precision']:.3f}"
                f" (best the labels allow {figures['ideal_precision']:.3f}),"
                f" recall@5 {figures['recall']:.3f}"
            )
            start = time.perf_counter()
            generate_sources(args.sources)
            total = KnowledgeSource.objects.filter(listed=True).count()
            print(f"generated {args.sources:,} sources in {time.perf_counter() - start:.1f} s")
            rng = random.Random(7)
            pool = list(KnowledgeSource.objects.values_list("pk", flat=True))
            decisions = [n.decision_id for n in needs.values()]
            PlanItem.objects.bulk_create(
                PlanItem(
                    decision_id=rng.choice(decisions),
                    area="PACKAGING",
                    action="งาน",
                    responsible_id=rng.choice(pool),
                    status=rng.choice(["PLANNED", "UNDERWAY", "DONE"]),
                )
                for _ in range(600)
            )
            loaded = list(
                Need.objects.filter(pk__in=[n.pk for n in needs.values()]).select_related(
                    "decision__project__province"
                )
            )
            for need in loaded:
                rank(need)  # warm: pythainlp's dictionary, the connection
            times = []
            for _ in range(args.repeat):
                for need in loaded:
                    begin = time.perf_counter()
                    rank(need, limit=10)
                    times.append((time.perf_counter() - begin) * 1000)
            print(
                f"rank(need, limit=10) over {total:,} listed sources, {len(times)} calls:"
                f" p50 {statistics.median(times):.1f} ms, p95 {p95(times):.1f} ms,"
                f" max {max(times):.1f} ms (load average {os.getloadavg()[0]:.1f},"
                f" {os.cpu_count()} CPUs)"
            )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
