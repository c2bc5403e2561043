"""The registry import under bad input and faults (Hypothesis, derandomized and bounded).

(a) Random bytes, damaged workbooks, CSV in stray encodings with stray quotes and NULs, and
spreadsheet bombs end in a clear FileError (or a clean import of what is readable): never
another exception, and the registry is unchanged when the file is refused.
(b) Good rows mixed with broken ones: every good row is imported, every bad row is
reported with its row number and column, and the rejected-rows file holds exactly the bad
rows as they were given.
(c) A fault in the middle of the writer leaves the registry as it was, the job failed with
a message that says so, and the same file imports fully when uploaded again.
"""

import csv
import hashlib
import io
import random
import zipfile
from contextlib import contextmanager

import pytest
from auditlog.models import LogEntry
from bench.registry_data import HEADER, as_xlsx
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from kbo.core.models import Job
from kbo.core.services import job_start
from kbo.registry.importing import FileError, run_import
from kbo.registry.importing import columns as col
from kbo.registry.importing.task import import_registry
from kbo.registry.models import (
    Producer,
    Product,
    Sale,
    SegmentAssessment,
    StarRating,
    StarRound,
)

FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PLACES = ["500101", "580301"]  # the `geo` fixture's subdistricts
THAI = "กขคงจฉชซญดตถทนบปผพฟภมยรลวศสหอฮะาิีึืุูเแโใไ่้๊๋็์ "
COLUMNS = [
    "producer_code",
    "producer_name",
    "producer_type",
    "registered_year",
    "subdistrict_code",
    "village_no",
    "member_count",
    "product_code",
    "product_name",
    "category",
    "price",
    "stars",
    "star_year",
    "segment",
    "sales_year",
    "sales_amount",
    "phone",
    "citizen_id",
]


def registry_state() -> str:
    """A checksum of everything an import writes."""
    digest = hashlib.sha256()
    for model in (Producer, Product, StarRound, StarRating, SegmentAssessment, Sale):
        for row in model.objects.order_by("pk").values_list():
            digest.update(repr(row).encode())
    audit = LogEntry.objects.filter(content_type__app_label="registry").order_by("pk")
    for row in audit.values_list("object_pk", "action", "changes"):
        digest.update(repr(row).encode())
    return digest.hexdigest()


@contextmanager
def rolled_back():
    """Each Hypothesis example starts from the same registry."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def as_csv(rows: list[list[str]], header: list[str] = COLUMNS, encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding, errors="replace")


def citizen_id(body: list[int]) -> str:
    check = (11 - sum(d * (13 - i) for i, d in enumerate(body)) % 11) % 10
    return "".join(map(str, body)) + str(check)


def base_row(n: int) -> dict[str, str]:
    return {
        "producer_code": f"S{n}",
        "producer_name": "กลุ่มทอผ้าบ้านเมืองปอน",
        "producer_type": "กลุ่มผู้ผลิตชุมชน",
        "registered_year": "2560",
        "subdistrict_code": PLACES[n % 2],
        "product_code": f"S{n}-1",
        "product_name": "ผ้าทอขนแกะ",
        "category": "ผ้าและเครื่องแต่งกาย",
        "stars": "3",
        "star_year": "2565",
        "segment": "D",
        "sales_year": "2566",
        "sales_amount": "120,000",
    }


@pytest.fixture
def stored(geo):
    """A registry with a few producers, products and histories already in it."""
    run_import(as_csv([[r.get(c, "") for c in COLUMNS] for r in map(base_row, range(3))]), "a.csv")
    assert Product.objects.count() == 3
    return registry_state()


def outcome(data: bytes, name: str):
    """Import; a refused file must leave the registry exactly as it was."""
    before, products = registry_state(), Product.objects.count()
    try:
        result = run_import(data, name)
    except FileError as error:
        thai, english = str(error).split(" / ", 1)
        assert thai and english
        assert registry_state() == before
        return None
    assert Product.objects.count() == products + result.created
    for problem in result.errors:
        assert problem.row >= 2 and problem.column and " / " in problem.message
    return result


# (a) Files that are not registry files --------------------------------------------------


@given(data=st.binary(max_size=3000), name=st.sampled_from(["r.xlsx", "r.csv", "r.txt"]))
@FUZZ
def test_random_bytes_end_in_a_clear_error(stored, data, name):
    with rolled_back():
        assert outcome(data, name) is None


GOOD_XLSX = as_xlsx([[base_row(9).get(h, "") for h in HEADER]])


@given(
    cut=st.integers(0, len(GOOD_XLSX) - 1),
    flips=st.lists(st.tuples(st.integers(0, len(GOOD_XLSX) - 1), st.integers(0, 255)), max_size=8),
)
@FUZZ
def test_a_truncated_or_corrupted_workbook_never_half_imports(stored, cut, flips):
    data = bytearray(GOOD_XLSX)
    for position, value in flips:
        data[position] = value
    with rolled_back():
        outcome(bytes(data[: max(cut, 1)] if cut else data), "registry.xlsx")


def rezip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = change.get(info.filename, source.read(info.filename))
            if content is not None:
                target.writestr(info.filename, content)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


@given(
    start=st.integers(0, 4000),
    length=st.integers(0, 200),
    insert=st.binary(max_size=40)
    | st.sampled_from([b"<", b"</row>", b'<c r="ZZZ9">', b"&", b"\x00"]),
    part=st.sampled_from(
        [SHEET, "[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"]
    ),
)
@FUZZ
def test_a_valid_zip_with_a_damaged_part_never_half_imports(stored, start, length, insert, part):
    original = zipfile.ZipFile(io.BytesIO(GOOD_XLSX)).read(part)
    start = min(start, len(original))
    damaged = original[:start] + insert + original[start + length :]
    with rolled_back():
        outcome(rezip(GOOD_XLSX, {part: damaged}), "registry.xlsx")


@pytest.mark.parametrize(
    "types",
    [
        b"<Types/>",
        b'<Types><Override PartName="/word/document.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        None,
    ],
)
def test_wrong_content_types_are_refused(stored, types):
    with pytest.raises(FileError, match="Excel workbook"):
        run_import(rezip(GOOD_XLSX, {"[Content_Types].xml": types}), "registry.xlsx")
    assert registry_state() == stored


@given(
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp874", "utf-16", "latin-1", "utf-32"]),
    noise=st.lists(
        st.tuples(
            st.integers(0, 2000), st.sampled_from(['"', "\x00", "\r", ";", "\t", '""', "\n"])
        ),
        max_size=10,
    ),
)
@FUZZ
def test_csv_in_any_encoding_with_stray_quotes_and_nuls_never_half_imports(stored, encoding, noise):
    text = as_csv([[base_row(n).get(c, "") for c in COLUMNS] for n in range(10, 14)]).decode()
    for position, extra in noise:
        position = min(position, len(text))
        text = text[:position] + extra + text[position:]
    with rolled_back():
        outcome(text.encode(encoding, errors="replace"), "registry.csv")


def test_an_unclosed_quote_is_refused_with_its_line(stored):
    data = as_csv([[base_row(20).get(c, "") for c in COLUMNS]]) + b'"' + b"x" * 200_000
    with pytest.raises(FileError, match="line 3"):
        run_import(data, "registry.csv")
    assert registry_state() == stored


def declare_size(data: bytes, part: str, size: int) -> bytes:
    patched = bytearray(data)
    start = patched.find(b"PK\x01\x02")
    while start != -1:
        length = int.from_bytes(patched[start + 28 : start + 30], "little")
        if patched[start + 46 : start + 46 + length] == part.encode():
            patched[start + 24 : start + 28] = size.to_bytes(4, "little")
        start = patched.find(b"PK\x01\x02", start + 4)
    return bytes(patched)


def dimension(data: bytes, ref: str) -> bytes:
    sheet = zipfile.ZipFile(io.BytesIO(data)).read(SHEET)
    sheet = sheet.replace(b"<sheetPr", f'<dimension ref="{ref}"/><sheetPr'.encode(), 1)
    if b"<dimension" not in sheet[:200]:
        sheet = sheet.replace(b"<sheetData", f'<dimension ref="{ref}"/><sheetData'.encode(), 1)
    return rezip(data, {SHEET: sheet})


@pytest.mark.parametrize(
    ("bomb", "says"),
    [
        (lambda: declare_size(GOOD_XLSX, SHEET, 3_000_000_000), "expands to 2.8 GB"),
        (lambda: rezip(GOOD_XLSX, {SHEET: b" " * 6_000_000}), f"{SHEET} expands"),
        (lambda: dimension(GOOD_XLSX, "A1:XFD1048576"), "A1:XFD1048576"),
    ],
)
def test_spreadsheet_bombs_are_refused_before_parsing(stored, bomb, says):
    with pytest.raises(FileError, match=says):
        run_import(bomb(), "registry.xlsx")
    assert registry_state() == stored


@override_settings(KBO_IMPORT_MAX_ROWS=5)
@pytest.mark.parametrize("name", ["registry.csv", "registry.xlsx"])
def test_more_rows_than_the_limit_are_refused_while_reading(stored, name):
    rows = [[base_row(n).get(h, "") for h in HEADER] for n in range(30, 40)]
    data = as_xlsx(rows) if name.endswith("xlsx") else as_csv(rows, HEADER)
    with pytest.raises(FileError, match=r"more than 5 rows|over the limit of 5 rows"):
        run_import(data, name)
    assert registry_state() == stored


# (b) Good rows mixed with bad ones --------------------------------------------------------

thai_text = st.text(alphabet=THAI, min_size=1, max_size=60).filter(lambda t: t.strip())
be_year = st.integers(2540, 2700)
year = st.one_of(
    be_year.map(str),
    st.integers(1997, 2157).map(str),  # CE
    be_year.map(lambda y: str(y).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))),
)
not_a_year = st.one_of(
    st.integers(-(10**6), 10**30)
    .filter(lambda y: not (1997 <= y <= 2157 or 2540 <= y <= 2700))
    .map(str),
    thai_text,
)
amount = st.one_of(
    st.integers(0, 10**9).map(str),
    st.integers(0, 10**9).map(lambda n: f"{n:,}"),
    st.decimals(0, 10**6, places=2).map(lambda d: f"{d} บาท"),
)


@st.composite
def good_row(draw, n: int) -> dict[str, str]:
    row = {
        "producer_code": f"G{n}",
        "producer_name": draw(thai_text),
        "producer_type": draw(
            st.sampled_from(["กลุ่มผู้ผลิตชุมชน", "COMMUNITY_GROUP", "SMEs", "เจ้าของรายเดียว"])
        ),
        "registered_year": draw(year),
        "subdistrict_code": draw(st.sampled_from(PLACES)),
        "village_no": draw(st.one_of(st.just(""), st.integers(1, 99).map(str))),
        "member_count": draw(st.one_of(st.just(""), st.integers(1, 100_000).map(str))),
        "product_code": f"G{n}-1",
        "product_name": draw(thai_text),
        "category": draw(st.sampled_from(["อาหาร", "FOOD", "Textile", "สมุนไพร", "ของใช้"])),
        "price": draw(st.one_of(st.just(""), st.integers(0, 9_999_999_999).map(str))),
        "phone": draw(st.one_of(st.just(""), st.integers(10**8, 10**9 - 1).map(lambda p: f"0{p}"))),
        "citizen_id": draw(
            st.one_of(
                st.just(""),
                st.lists(st.integers(0, 9), min_size=12, max_size=12).map(citizen_id),
            )
        ),
        "segment": draw(st.sampled_from(["", "A", "B", "C", "D"])),
    }
    if draw(st.booleans()):
        row["stars"], row["star_year"] = draw(st.sampled_from("12345")), draw(year)
    if draw(st.booleans()):
        row["sales_year"], row["sales_amount"] = draw(year), draw(amount)
    return row


BREAKS = {  # column -> values that make a row bad in that column
    "registered_year": not_a_year | st.just(""),
    "stars": st.integers(6, 10**30).map(str) | st.sampled_from(["ห้า", "2.5", "-1", "²"]),
    "star_year": not_a_year,
    "citizen_id": st.sampled_from(["1101700207031", "123", "²101700207030", "11017002070300"]),
    "subdistrict_code": st.integers(970_000, 999_999).map(str) | thai_text,
    "product_name": st.sampled_from(["", "   "]),
    "producer_name": st.sampled_from(["", " "]),
    "producer_type": thai_text.map(lambda t: "ไม่ใช่" + t),
    "category": thai_text.map(lambda t: "ไม่ใช่" + t) | st.just(""),
    "sales_amount": st.one_of(
        st.integers(-(10**12), -1).map(str),
        st.integers(10**12, 10**40).map(str),
        st.sampled_from(["ล้าน", "sNaN", "1e999999", "Infinity"]),
    ),
    "price": st.integers(10**10, 10**30).map(str) | st.sampled_from(["-5", "ฟรี", "NaN"]),
    "producer_code": st.integers(10**30, 10**40).map(lambda n: f"P{n}"),
    "segment": st.sampled_from(list("EFXZ")) | thai_text.map(lambda t: "ไม่ใช่" + t),
    "village_no": st.sampled_from(["0", "100", "หมู่ ก", "9" * 5000]),
    "member_count": st.sampled_from(["0", "100001", "ไม่ทราบ"]),
}


@st.composite
def bad_row(draw, n: int) -> tuple[dict[str, str], str]:
    row = draw(good_row(n))
    row["producer_code"], row["product_code"] = f"B{n}", f"B{n}-1"
    column = draw(st.sampled_from(sorted(BREAKS)))
    row[column] = draw(BREAKS[column])
    if column == "stars":
        row["star_year"] = "2565"
    if column == "star_year":
        row["stars"] = "4"
    if column == "sales_amount":
        row["sales_year"] = "2566"
    return row, column


@st.composite
def mixed_file(draw):
    kinds = draw(st.lists(st.booleans(), min_size=1, max_size=12))  # True: a good row
    rows = [(draw(good_row(n)), None) if good else draw(bad_row(n)) for n, good in enumerate(kinds)]
    return rows, draw(st.sampled_from(["csv", "xlsx"]))


@given(mixed=mixed_file())
@FUZZ
def test_every_good_row_is_imported_and_every_bad_row_reported(stored, mixed):
    rows, kind = mixed
    table = [[row.get(c, "") for c in COLUMNS] for row, _ in rows]
    data = as_csv(table) if kind == "csv" else as_xlsx(table, COLUMNS)
    with rolled_back():
        result = outcome(data, f"registry.{kind}")
        bad = {n + 2: column for n, (_row, column) in enumerate(rows) if column}
        columns_of: dict[int, set[str]] = {}
        for problem in result.errors:
            columns_of.setdefault(problem.row, set()).add(problem.column)
        assert set(columns_of) == set(bad)
        for number, column in bad.items():
            assert column in columns_of[number], (number, column, columns_of[number])

        good = [row for row, column in rows if column is None]
        assert result.created == len(good) and result.rejected == len(bad)
        stored_names = dict(
            Product.objects.filter(code__startswith="G").values_list("code", "name")
        )
        assert stored_names == {
            row["product_code"]: col.text(row["product_name"])[:255] for row in good
        }

        if bad:
            sheet = CalamineWorkbook.from_filelike(io.BytesIO(result.error_file()))
            back = sheet.get_sheet_by_index(0).to_python()
            assert back[0] == [*COLUMNS, "เหตุผล / reason"]
            as_read = [  # calamine reads a cell of spaces only as empty
                ["" if kind == "xlsx" and not value.strip() else value for value in table[n - 2]]
                for n in sorted(bad)
            ]
            assert [line[: len(COLUMNS)] for line in back[1:]] == as_read
        else:
            assert not result.rejected_rows


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("stars", "²"),  # a digit to str.isdigit, not to int()
        ("citizen_id", "²101700207030"),
        ("village_no", "9" * 5000),  # beyond int()'s 4,300 digits
        ("sales_amount", "sNaN"),  # a signalling NaN raises when compared
        ("price", "99999999999"),  # beyond the column's 12 digits (PostgreSQL refuses it)
        ("producer_code", "P" * 31),  # beyond the column's 30 characters
        ("product_name", "\x00\x01"),  # control characters only: nothing left
    ],
)
def test_cells_that_once_broke_the_import_are_rejected_with_their_column(stored, column, value):
    row = base_row(50) | {column: value}
    if column == "sales_amount":
        row["sales_year"] = "2566"
    result = run_import(as_csv([[row.get(c, "") for c in COLUMNS]]), "registry.csv")
    assert [(e.row, e.column) for e in result.errors] == [(2, column)]
    assert result.error_file()  # the rejected-rows file can hold what the cell held


def test_control_characters_in_a_good_row_are_dropped_and_the_row_imported(stored):
    row = base_row(51) | {"product_name": "ผ้า\x00ทอ\x07", "producer_name": "=กลุ่ม\x1f"}
    result = run_import(as_csv([[row.get(c, "") for c in COLUMNS]]), "registry.csv")
    assert result.created == 1
    product = Product.objects.get(code="S51-1")
    assert (product.name, product.producer.name) == ("ผ้าทอ", "=กลุ่ม")


# (c) A fault part-way through the writer ---------------------------------------------------


def start_import(people, data: bytes, name: str = "registry.csv") -> Job:
    path = default_storage.save(f"imports/test-{random.random()}.csv", ContentFile(data))
    return job_start(
        user=people["national"],
        kind="registry.import",
        title="import",
        task=import_registry,
        path=path,
        filename=name,
        user_id=people["national"].pk,
    )


def test_a_fault_after_some_batches_leaves_the_registry_unchanged_and_can_be_rerun(
    stored, people, monkeypatch
):
    from django.db.models.query import QuerySet

    rows = [base_row(n) | {"product_name": f"ชื่อใหม่ {n}"} for n in range(3)]
    rows += [base_row(n) for n in range(100, 2600)]  # new: 2,500 products over 2 batches
    data = as_csv([[row.get(c, "") for c in COLUMNS] for row in rows])
    real = QuerySet.bulk_update
    calls = []

    def fail_on_products(self, objs, fields, batch_size=None):
        if self.model is Product:
            calls.append(len(objs))
            real(self, objs, fields, batch_size=batch_size)  # its batches are written...
            raise RuntimeError("the worker was stopped")  # ...then the worker dies
        return real(self, objs, fields, batch_size=batch_size)

    monkeypatch.setattr(QuerySet, "bulk_update", fail_on_products)
    job = start_import(people, data)
    job.refresh_from_db()
    assert calls and job.status == Job.Status.FAILED
    assert "nothing was written" in job.message and "ไม่มีข้อมูลใดถูกบันทึก" in job.message
    assert registry_state() == stored  # not one producer, product, history or audit entry

    monkeypatch.setattr(QuerySet, "bulk_update", real)
    again = start_import(people, data)
    again.refresh_from_db()
    assert again.status == Job.Status.DONE
    assert again.data["counts"]["created"] == 2500 and again.data["counts"]["updated"] == 3
    assert Product.objects.get(code="S1-1").name == "ชื่อใหม่ 1"
    assert Product.objects.count() == 2503


def test_a_refused_file_fails_the_job_cleanly_with_its_reason(stored, people):
    job = start_import(people, dimension(GOOD_XLSX, "A1:XFD1048576"), "registry.xlsx")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "A1:XFD1048576" in job.message
    assert registry_state() == stored
