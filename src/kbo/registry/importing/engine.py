"""The registry import: read, check every row, compare with what is stored, then write
the good rows in one transaction (or nothing, in a dry run).

Rows are matched by producer code and product code. Blank optional cells leave stored
values as they are; histories (stars by round, segment by year, sales by fiscal year) are
added or corrected, never replaced by another year's. Importing the same file twice
changes nothing. Bulk writes bypass model signals, so the audit entries are written here.
"""

import gc
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from kbo.registry.importing import columns as col
from kbo.registry.importing.columns import CellError, msg
from kbo.registry.importing.places import Geography
from kbo.registry.importing.reader import FileError, Sheet, read
from kbo.registry.importing.writer import (
    CURRENT_FIELDS,
    PRODUCER_FIELDS,
    PRODUCT_FIELDS,
    Plan,
    write,
)
from kbo.registry.models import (
    Producer,
    Product,
    Sale,
    SalesChannel,
    SegmentAssessment,
    StarRating,
)

CHUNK = 5000
Progress = Callable[[int, int, str], None]  # (done, total, message)


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rejected_rows: list[tuple[int, list[object], str]] = field(default_factory=list)
    dry_run: bool = False

    def as_json(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "errors": [
                {"row": e.row, "column": e.column, "message": e.message} for e in self.errors
            ],
        }

    def error_file(self) -> bytes:
        """The rejected rows exactly as given, with a reason column: fix and upload them again."""
        book = Workbook(write_only=True)
        sheet = book.create_sheet("rejected")
        sheet.append([_as_given(sheet, v) for v in [*self.header, "เหตุผล / reason"]])
        for _row, cells, reason in self.rejected_rows:
            padded = list(cells) + [None] * (len(self.header) - len(cells))
            sheet.append([_as_given(sheet, v) for v in [*padded[: len(self.header)], reason]])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


def _as_given(sheet, value: object) -> object:
    """A cell written back as it was read: text stays text (a leading "=" is not made a
    formula) without the control characters that XLSX cannot hold."""
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value)[:32767])
    cell.data_type = "s"
    return cell


@dataclass
class Parsed:
    row: int
    cells: list[object]
    producer_code: str
    product_code: str
    producer: dict[str, object]
    product: dict[str, object]
    star: tuple[int, int] | None = None
    segment: tuple[int, str] | None = None
    sale: tuple[int, Decimal] | None = None


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        name = col.header_column(title)
        if name and name not in found:
            found[name] = index
    missing = [name for name in col.REQUIRED if name not in found]
    has_place = "subdistrict_code" in found or {
        "province_name",
        "district_name",
        "subdistrict_name",
    } <= set(found)
    if missing or not has_place:
        wanted = ", ".join(missing + ([] if has_place else ["subdistrict_code"]))
        raise FileError(
            msg(f"ไม่พบคอลัมน์ที่จำเป็น: {wanted}", f"required columns are missing: {wanted}")
        )
    return found


def _parse(
    number: int, cells: list[object], where: dict[str, int], geo: Geography
) -> Parsed | list[RowError]:
    errors: list[RowError] = []
    value = {name: col.text(cells[i]) if i < len(cells) else "" for name, i in where.items()}

    def check(name: str, read_cell: Callable[[str], object]) -> object:
        raw = value.get(name, "")
        if raw == "":
            if col.BY_NAME[name].required:
                errors.append(RowError(number, name, msg("ต้องกรอก", "required")))
            return None
        try:
            return read_cell(raw)
        except CellError as error:
            errors.append(RowError(number, name, str(error)))
            return None

    producer: dict[str, object] = {
        "name": check("producer_name", lambda v: v[:255]),
        "producer_type": check(
            "producer_type",
            lambda v: col.enum(v, col.PRODUCER_TYPES, "ประเภทผู้ผลิต", "producer type"),
        ),
        "registered_year": check(
            "registered_year",
            # the registry's own lower bound (Producer.registered_year's validator)
            lambda v: col.year_be(v, "ปีที่ลงทะเบียน", "registered year", low=2540),
        ),
    }
    optional = {
        "registered_quarter": check(
            "registered_quarter", lambda v: col.integer(v, 1, 4, "ไตรมาส", "quarter")
        ),
        "village_no": check("village_no", lambda v: col.integer(v, 1, 99, "หมู่ที่", "village number")),
        "contact_name": check("contact_name", lambda v: v[:200]),
        "phone": check("phone", col.phone),
        "id_number": check("citizen_id", col.id13),
        "member_count": check(
            "member_count", lambda v: col.integer(v, 1, 100_000, "จำนวนสมาชิก", "member count")
        ),
    }
    producer.update({k: v for k, v in optional.items() if v is not None})

    code = value.get("subdistrict_code", "")
    if not code and all(
        value.get(n) for n in ("province_name", "district_name", "subdistrict_name")
    ):
        key = (
            col.place_key(value["province_name"]),
            col.place_key(value["district_name"]),
            col.place_key(value["subdistrict_name"]),
        )
        code = geo.by_names.get(key, "")
        if not code:
            errors.append(
                RowError(
                    number,
                    "subdistrict_name",
                    msg(
                        "ไม่พบตำบลนี้ในจังหวัดและอำเภอที่ระบุ",
                        "no such subdistrict in that province and district",
                    ),
                )
            )
    if code:
        place = geo.by_code.get(code)
        if place is None:
            errors.append(
                RowError(
                    number,
                    "subdistrict_code",
                    msg(f"ไม่พบรหัสตำบล {code}", f"unknown subdistrict code {code}"),
                )
            )
        else:
            producer["subdistrict_id"], producer["district_id"], producer["province_id"] = place
    elif not any(e.column == "subdistrict_name" for e in errors):
        errors.append(
            RowError(
                number, "subdistrict_code", msg("ต้องกรอกรหัสตำบล", "a subdistrict code is required")
            )
        )

    product: dict[str, object] = {
        "name": check("product_name", lambda v: v[:255]),
        "category": check(
            "category", lambda v: col.enum(v, col.CATEGORIES, "ประเภทผลิตภัณฑ์", "category")
        ),
    }
    for name, reader in (
        ("brand", lambda v: v[:200]),
        ("price", lambda v: col.money(v, "ราคา", "price", below=10**10)),
        ("unit", lambda v: v[:50]),
    ):
        got = check(name, reader)
        if got is not None:
            product[name] = got

    stars = check("stars", col.stars)
    star_year = check("star_year", lambda v: col.year_be(v, "ปีที่คัดสรรดาว", "star year"))
    segment = check("segment", lambda v: col.enum(v, col.SEGMENTS, "กลุ่ม", "segment"))
    sales_year = check("sales_year", lambda v: col.year_be(v, "ปีงบประมาณยอดขาย", "sales year"))
    segment_year = (
        check("segment_year", lambda v: col.year_be(v, "ปีที่จัดกลุ่ม", "segment year"))
        or star_year
        or sales_year
        or producer["registered_year"]
    )
    sales_amount = check("sales_amount", lambda v: col.money(v, "ยอดขาย", "sales amount"))

    parsed = Parsed(
        number,
        cells,
        str(check("producer_code", lambda v: col.code(v, "รหัสผู้ผลิต", "producer code")) or ""),
        str(check("product_code", lambda v: col.code(v, "รหัสผลิตภัณฑ์", "product code")) or ""),
        producer,
        product,
    )
    if stars:
        if star_year is None:
            errors.append(
                RowError(
                    number,
                    "star_year",
                    msg("ต้องระบุปีที่คัดสรรเมื่อมีระดับดาว", "a star year is needed with stars"),
                )
            )
        else:
            parsed.star = (int(star_year), int(stars))  # type: ignore[call-overload]
    if segment:
        if segment_year is None:
            errors.append(
                RowError(number, "segment_year", msg("ต้องระบุปีที่จัดกลุ่ม", "a segment year is needed"))
            )
        else:
            parsed.segment = (int(segment_year), str(segment))  # type: ignore[call-overload]
    if (sales_year is None) != (sales_amount is None) and not any(
        e.column.startswith("sales") for e in errors
    ):
        missing = "sales_year" if sales_year is None else "sales_amount"
        errors.append(
            RowError(
                number,
                missing,
                msg("ต้องกรอกทั้งปีและยอดขาย", "both the sales year and amount are needed"),
            )
        )
    elif sales_year is not None and sales_amount is not None:
        parsed.sale = (int(str(sales_year)), Decimal(str(sales_amount)))
    return errors or parsed


def _fetch(model, codes: list[str], fields: list[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for start in range(0, len(codes), CHUNK):
        for row in model.objects.filter(code__in=codes[start : start + CHUNK]).values(
            "id", "code", *fields
        ):
            found[row["code"]] = row
    return found


def _fetch_history(
    model, product_ids: list[int], key: Callable[[dict], tuple], fields: list[str]
) -> dict:
    found: dict[tuple, dict] = {}
    for start in range(0, len(product_ids), CHUNK):
        chunk = product_ids[start : start + CHUNK]
        for row in model.objects.filter(product_id__in=chunk).values("id", "product_id", *fields):
            found[key(row)] = row
    return found


def _diff(old: dict, new: dict) -> dict[str, list]:
    """{field: [old, new]} for the fields `new` gives that differ from `old`."""
    return {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}


ANALYZE_AFTER = 5_000  # new rows after which the planner's statistics are refreshed


def _analyze() -> None:
    """After a large load the planner would still think the tables small and choose plans
    that take seconds; autovacuum gets to it only later (measured on 212,000 products)."""
    if connection.vendor != "postgresql":
        return
    tables = [m._meta.db_table for m in (Producer, Product, StarRating, SegmentAssessment, Sale)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(tables))


@contextmanager
def _without_gc() -> Iterator[None]:
    """A large import makes millions of objects that live to its end; the cyclic garbage
    collector would walk them again and again (it doubled the time of a 212,000-row file)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run_import(
    data: bytes,
    filename: str,
    *,
    user=None,
    allowed_provinces: set[int] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    on_write: Callable[["ImportResult"], None] | None = None,
) -> ImportResult:
    """Import the registry file. `allowed_provinces` (None: all) limits which rows are accepted.

    `on_write(result)` runs inside the transaction that writes the rows, so a caller can
    record the outcome atomically with them (a background job run again sees it)."""
    with _without_gc():
        return _run_import(data, filename, user, allowed_provinces, dry_run, progress, on_write)


def _run_import(
    data, filename, user, allowed_provinces, dry_run, progress, on_write=None
) -> "ImportResult":
    report = progress or (lambda done, total, message: None)
    sheet: Sheet = read(data, filename)
    where = _columns(sheet.header)
    result = ImportResult(rows=len(sheet.rows), header=sheet.header, dry_run=dry_run)
    geo = Geography()

    parsed: list[Parsed] = []
    for index, (number, cells) in enumerate(sheet.rows, start=1):
        outcome = _parse(number, cells, where, geo)
        if isinstance(outcome, list):
            _reject(result, number, cells, outcome)
        else:
            parsed.append(outcome)
        if index % 2000 == 0:
            report(index // 2, len(sheet.rows), "")

    producers = _fetch(Producer, sorted({p.producer_code for p in parsed}), PRODUCER_FIELDS)
    products = _fetch(
        Product,
        sorted({p.product_code for p in parsed}),
        [*PRODUCT_FIELDS, *CURRENT_FIELDS, "producer_id", "province_id"],
    )
    producer_code_of = {row["id"]: code for code, row in producers.items()}
    missing_owner_ids = {row["producer_id"] for row in products.values()} - set(producer_code_of)
    for row in Producer.objects.filter(id__in=missing_owner_ids).values("id", "code"):
        producer_code_of[row["id"]] = row["code"]
    ids = [row["id"] for row in products.values()]
    ratings = _fetch_history(
        StarRating, ids, lambda r: (r["product_id"], r["round__year"]), ["round__year", "stars"]
    )
    segments = _fetch_history(
        SegmentAssessment, ids, lambda r: (r["product_id"], r["year"]), ["year", "segment"]
    )
    sales = _fetch_history(
        Sale,
        ids,
        lambda r: (r["product_id"], r["fiscal_year"], r["channel"]),
        ["fiscal_year", "channel", "amount"],
    )

    latest = _latest(ratings, segments)
    plan = Plan()
    first_row: dict[str, tuple[int, dict]] = {}
    product_rows: dict[str, int] = {}
    for index, p in enumerate(parsed, start=1):
        if index % 2000 == 0:
            report((len(sheet.rows) + index) // 2, len(sheet.rows), "")
        errors = _check_row(
            p, allowed_provinces, producers, products, producer_code_of, first_row, product_rows
        )
        if errors:
            _reject(result, p.row, p.cells, errors)
            continue
        product_rows[p.product_code] = p.row
        status = _plan_row(
            p, plan, producers, products, first_row, ratings, segments, sales, latest
        )
        setattr(result, status, getattr(result, status) + 1)

    if not dry_run and (
        plan.producers_new
        or plan.producers_changed
        or plan.products_new
        or plan.products_changed
        or plan.history_changes
    ):
        report(len(sheet.rows), len(sheet.rows), msg("กำลังบันทึก", "saving"))
        with transaction.atomic():
            write(plan, producers, products, geo, user, filename)
            if on_write is not None:
                on_write(result)
        if len(plan.products_new) + len(plan.producers_new) >= ANALYZE_AFTER:
            _analyze()
    report(len(sheet.rows), len(sheet.rows), "")
    return result


def _reject(result: ImportResult, number: int, cells: list[object], errors: list[RowError]) -> None:
    result.rejected += 1
    result.errors.extend(errors)
    reason = "; ".join(f"{e.column}: {e.message}" for e in errors)
    result.rejected_rows.append((number, cells, reason))


def _check_row(
    p: Parsed, allowed, producers, products, producer_code_of, first_row, product_rows
) -> list[RowError]:
    def error(column: str, thai: str, english: str) -> list[RowError]:
        return [RowError(p.row, column, msg(thai, english))]

    if allowed is not None and p.producer["province_id"] not in allowed:
        return error(
            "subdistrict_code",
            "จังหวัดนี้ไม่อยู่ในความรับผิดชอบของคุณ",
            "this province is not yours to import",
        )
    if p.product_code in product_rows:
        row = product_rows[p.product_code]
        return error(
            "product_code", f"รหัสผลิตภัณฑ์ซ้ำกับแถวที่ {row}", f"the same product code as row {row}"
        )
    stored = producers.get(p.producer_code)
    if stored and allowed is not None and stored["province_id"] not in allowed:
        return error(
            "producer_code", "ผู้ผลิตรหัสนี้อยู่ในจังหวัดอื่น", "this producer code belongs to another province"
        )
    product = products.get(p.product_code)
    if product:
        owner = producer_code_of.get(product["producer_id"])
        if owner != p.producer_code:
            return error(
                "product_code",
                f"รหัสผลิตภัณฑ์นี้เป็นของผู้ผลิต {owner}",
                f"this product code belongs to producer {owner}",
            )
    if p.producer_code in first_row:
        row, values = first_row[p.producer_code]
        for name, value in p.producer.items():
            if name in values and values[name] != value:
                column = {"name": "producer_name", "id_number": "citizen_id"}.get(name, name)
                column = "subdistrict_code" if column.endswith("_id") else column
                return error(
                    column, f"ข้อมูลผู้ผลิตไม่ตรงกับแถวที่ {row}", f"producer details differ from row {row}"
                )
    return []


def _latest(ratings: dict, segments: dict) -> dict[int, dict]:
    """Each stored product's latest star round and segment year, from its histories."""
    latest: dict[int, dict] = {}
    for (pid, year), row in ratings.items():
        entry = latest.setdefault(pid, {})
        if year > entry.get("star_year", 0):
            entry.update(star_year=year, stars=row["stars"])
    for (pid, year), row in segments.items():
        entry = latest.setdefault(pid, {})
        if year > entry.get("segment_year", 0):
            entry.update(segment_year=year, segment=row["segment"])
    return latest


def _plan_row(
    p: Parsed, plan: Plan, producers, products, first_row, ratings, segments, sales, latest
) -> str:
    changed = False
    if p.producer_code not in first_row:
        first_row[p.producer_code] = (p.row, p.producer)
        stored = producers.get(p.producer_code)
        if stored is None:
            plan.producers_new[p.producer_code] = p.producer
            changed = True
        elif diff := _diff(stored, p.producer):
            plan.producers_changed[p.producer_code] = diff
            changed = True
    else:
        # A later row of the same producer may fill cells the first row left blank.
        first_values = first_row[p.producer_code][1]
        extra = {k: v for k, v in p.producer.items() if k not in first_values}
        if extra:
            first_values.update(extra)  # the same dict as a new producer's planned values
            stored = producers.get(p.producer_code)
            if stored is not None and (diff := _diff(stored, extra)):
                plan.producers_changed.setdefault(p.producer_code, {}).update(diff)
                changed = True

    stored_product = products.get(p.product_code)
    pid = stored_product["id"] if stored_product else None
    history: dict[str, list] = {}
    if p.star:
        year, stars = p.star
        old = ratings.get((pid, year))
        if old is None or old["stars"] != stars:
            plan.ratings.append((p.product_code, year, stars, old["id"] if old else None))
            history[f"stars {year}"] = [old["stars"] if old else None, stars]
    if p.segment:
        year, segment = p.segment
        old = segments.get((pid, year))
        if old is None or old["segment"] != segment:
            plan.segments.append((p.product_code, year, segment, old["id"] if old else None))
            history[f"segment {year}"] = [old["segment"] if old else None, segment]
    if p.sale:
        year, amount = p.sale
        old = sales.get((pid, year, SalesChannel.TOTAL))
        if old is None or old["amount"] != amount:
            plan.sales.append((p.product_code, year, amount, old["id"] if old else None))
            history[f"sales {year}"] = [old["amount"] if old else None, amount]
    if history:
        plan.history_changes[p.product_code] = history
        known = latest.get(pid, {}) if pid else {}
        current: dict[str, object] = {}
        if p.star and p.star[0] >= known.get("star_year", 0):
            current.update(current_star_year=p.star[0], current_stars=p.star[1])
        if p.segment and p.segment[0] >= known.get("segment_year", 0):
            current["current_segment"] = p.segment[1]
        if current:
            plan.current[p.product_code] = current

    if stored_product is None:
        plan.products_new[p.product_code] = {**p.product, "producer_code": p.producer_code}
        return "created"
    if any(stored_product.get(k) != v for k, v in plan.current.get(p.product_code, {}).items()):
        changed = True
    if diff := _diff(stored_product, p.product):
        plan.products_changed[p.product_code] = diff
        changed = True
    return "updated" if changed or history else "unchanged"
