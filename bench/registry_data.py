"""Deterministic registry files for tests and benchmarks (the import template's columns).

    rows, bad = registry_rows(10_000, seed=1, bad_share=0.03)

About 2.2 products per producer, real subdistrict codes (from geothai), valid citizen IDs,
and the spellings officers really use: BE and CE years, Thai digits, thousands separators,
Thai and English enumeration labels. With `bad_share`, some rows are made bad on purpose;
`bad` maps their spreadsheet row number (header = 1) to the column that is wrong.
"""

import random

import geothai

HEADER = [
    "producer_code",
    "producer_name",
    "producer_type",
    "registered_year",
    "subdistrict_code",
    "village_no",
    "product_code",
    "product_name",
    "category",
    "stars",
    "star_year",
    "segment",
    "sales_year",
    "sales_amount",
    "phone",
    "citizen_id",
]
TYPES = ["กลุ่มผู้ผลิตชุมชน", "COMMUNITY_GROUP", "ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว", "SINGLE_OWNER", "SME"]
CATEGORIES = [
    ("อาหาร", ["น้ำพริกตาแดง", "ข้าวแต๋นน้ำแตงโม", "กล้วยตาก", "แหนมหมู", "ปลาร้าบอง"]),
    ("เครื่องดื่ม", ["กาแฟอาราบิก้าคั่วบด", "ชาอู่หลง", "น้ำกระเจี๊ยบ", "ไวน์ลูกหม่อน"]),
    ("ผ้าและเครื่องแต่งกาย", ["ผ้าทอขนแกะ", "ผ้าย้อมคราม", "ผ้าซิ่นตีนจก", "ผ้าฝ้ายทอมือ"]),
    ("HOUSEHOLD", ["เครื่องจักสานไม้ไผ่", "โคมไฟกระดาษสา", "ตุ๊กตาดินเผา", "กระเป๋าผักตบชวา"]),
    ("สมุนไพรที่ไม่ใช่อาหาร", ["ยาหม่องสมุนไพร", "สบู่น้ำผึ้ง", "ลูกประคบสมุนไพร"]),
]
STYLES = ["", "สูตรโบราณ", "ออร์แกนิก", "ลายดั้งเดิม", "พรีเมียม", "ย้อมสีธรรมชาติ", "แปรรูป", "สมุนไพร", "ทำมือ"]
PLACES = ["บ้านเมืองปอน", "บ้านป่าซาง", "บ้านภู", "บ้านดอนเจดีย์", "บ้านหนองบัว", "บ้านแม่ริม"]
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def citizen_id(rng: random.Random) -> str:
    body = [rng.randint(1, 8)] + [rng.randint(0, 9) for _ in range(11)]
    check = (11 - sum(d * (13 - i) for i, d in enumerate(body)) % 11) % 10
    return "".join(map(str, body)) + str(check)


def subdistrict_codes(province_codes: list[str] | None = None) -> list[str]:
    codes = [p.code for p in geothai.provinces()] if province_codes is None else province_codes
    return [
        s.code for p in codes for d in geothai.districts(p) for s in geothai.subdistricts(d.code)
    ]


def registry_rows(
    n: int, *, seed: int = 1, bad_share: float = 0.0, provinces: list[str] | None = None
) -> tuple[list[list[str]], dict[int, str]]:
    rng = random.Random(seed)
    places = subdistrict_codes(provinces)
    rows: list[list[str]] = []
    bad: dict[int, str] = {}
    producer = 0
    while len(rows) < n:
        producer += 1
        sub = rng.choice(places)
        code = f"P{sub[:2]}{producer:06d}"
        kind = rng.choice(TYPES)
        name = f"{'กลุ่มแม่บ้าน' if 'กลุ่ม' in kind or kind == 'COMMUNITY_GROUP' else 'ร้าน'}{rng.choice(PLACES)} {producer}"
        year = rng.randint(2557, 2566)
        pid = citizen_id(rng)
        phone = f"08{rng.randint(10000000, 99999999)}"
        village = str(rng.randint(1, 15))
        for k in range(1, rng.choice((1, 2, 2, 3, 3)) + 1):
            if len(rows) >= n:
                break
            category, names = rng.choice(CATEGORIES)
            stars = rng.choice(["", "", "1", "2", "3", "3", "4", "5"])
            amount = rng.randint(5_000, 2_000_000)
            sales_year = rng.choice([2565, 2566, 2567])
            row = [
                code,
                name,
                kind,
                # a third of the years in CE, some in Thai digits
                str(year - 543)
                if producer % 3 == 0
                else (str(year).translate(THAI_DIGITS) if producer % 7 == 0 else str(year)),
                sub,
                village,
                f"{code}-{k}",
                f"{rng.choice(names)}{rng.choice(STYLES)} {rng.choice(PLACES)}{rng.randint(1, 400)}",
                category,
                stars,
                "2565" if stars else "",
                rng.choice(["D", "D", "C", "B", "A", ""]),
                str(sales_year),
                f"{amount:,}" if k % 2 else str(amount),
                phone,
                pid,
            ]
            rows.append(row)
    if bad_share:
        for index in range(len(rows)):
            if rng.random() >= bad_share:
                continue
            number = index + 2
            row = rows[index]
            kind = rng.randrange(5)
            if kind == 0:
                row[4], bad[number] = "999999", "subdistrict_code"
            elif kind == 1:
                row[9], row[10], bad[number] = "6", "2565", "stars"
            elif kind == 2:
                row[15] = row[15][:12] + str((int(row[15][12]) + 1) % 10)
                bad[number] = "citizen_id"
            elif kind == 3:
                row[7], bad[number] = "", "product_name"
            else:
                row[3], bad[number] = "25x7", "registered_year"
    return rows, bad


def as_csv(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def as_xlsx(rows: list[list[str]], header: list[str] | None = None) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("registry")
    sheet.append(header or HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
