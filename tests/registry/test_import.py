"""The registry import: every good row in, every bad row out with its place and reason,
nothing half-written, and a second import of the same file changes nothing."""

import io
import json
from io import StringIO

import pytest
from auditlog.models import LogEntry
from bench.registry_data import HEADER, as_csv, as_xlsx, registry_rows
from django.core.management import call_command
from openpyxl import load_workbook

from kbo.geo.models import Province
from kbo.geo.services import geo_load
from kbo.registry.importing import FileError, run_import
from kbo.registry.models import Producer, Product, Sale, SegmentAssessment, StarRating

ROW = {
    "producer_code": "P58001",
    "producer_name": "กลุ่มทอผ้าบ้านเมืองปอน",
    "producer_type": "กลุ่มผู้ผลิตชุมชน",
    "registered_year": "2560",
    "subdistrict_code": "580301",
    "village_no": "3",
    "product_code": "P58001-1",
    "product_name": "ผ้าทอขนแกะ",
    "category": "ผ้าและเครื่องแต่งกาย",
    "stars": "3",
    "star_year": "2565",
    "segment": "D",
    "sales_year": "2566",
    "sales_amount": "120,000",
    "phone": "081-234-5678",
    "citizen_id": "1101700207030",
}


def csv_of(*rows: dict, encoding: str = "utf-8") -> bytes:
    return as_csv([[row.get(h, "") for h in HEADER] for row in rows], encoding)


@pytest.fixture
def thailand(geo):
    geo_load()


def test_a_new_file_creates_producers_products_and_histories(thailand):
    second = {
        **ROW,
        "product_code": "P58001-2",
        "product_name": "ย่ามทอมือ",
        "stars": "",
        "star_year": "",
    }
    result = run_import(csv_of(ROW, second), "registry.csv")
    assert (result.rows, result.created, result.rejected) == (2, 2, 0)
    product = Product.objects.get(code="P58001-1")
    assert product.producer.code == "P58001" and product.province.code == "58"
    assert (product.current_stars, product.current_star_year, product.current_segment) == (
        3,
        2565,
        "D",
    )
    assert product.category == "TEXTILE" and product.producer.producer_type == "COMMUNITY_GROUP"
    assert Sale.objects.get(product=product).amount == 120000
    assert product.producer.district.code == "5803"


def test_importing_the_same_file_again_changes_nothing(thailand):
    data = csv_of(ROW)
    run_import(data, "registry.csv")
    logged = LogEntry.objects.count()
    again = run_import(data, "registry.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert LogEntry.objects.count() == logged


def test_a_changed_file_updates_only_what_changed_in_the_audit_trail(thailand, people):
    run_import(csv_of(ROW), "registry.csv")
    changed = {**ROW, "product_name": "ผ้าทอขนแกะลายดอก", "stars": "4", "star_year": "2567"}
    result = run_import(csv_of(changed), "registry.csv", user=people["national"])
    assert (result.updated, result.unchanged) == (1, 0)
    product = Product.objects.get(code="P58001-1")
    assert product.name == "ผ้าทอขนแกะลายดอก"
    assert sorted(
        StarRating.objects.filter(product=product).values_list("round__year", "stars")
    ) == [
        (2565, 3),
        (2567, 4),
    ]  # the history keeps the earlier round
    assert product.current_stars == 4
    entry = LogEntry.objects.get_for_object(product).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == people["national"]
    assert entry.changes["name"] == ["ผ้าทอขนแกะ", "ผ้าทอขนแกะลายดอก"]
    assert entry.changes["stars 2567"] == ["None", "4"]
    assert "producer_type" not in entry.changes


def test_an_import_takes_the_next_version_of_what_it_changes(thailand):
    """An edit form opened before the import must not write over it (core/locking.py)."""
    run_import(csv_of(ROW), "registry.csv")
    product, producer = Product.objects.get(code="P58001-1"), Producer.objects.get(code="P58001")
    run_import(csv_of(ROW), "registry.csv")  # unchanged rows keep their version
    assert Product.objects.get(pk=product.pk).version == product.version
    renamed = {**ROW, "product_name": "ผ้าทอขนแกะลายดอก", "producer_name": "กลุ่มทอผ้าเมืองปอน"}
    run_import(csv_of(renamed), "registry.csv")
    assert Product.objects.get(pk=product.pk).version == product.version + 1
    assert Producer.objects.get(pk=producer.pk).version == producer.version + 1


def test_blank_optional_cells_keep_what_is_stored(thailand):
    run_import(csv_of(ROW), "registry.csv")
    result = run_import(
        csv_of({**ROW, "phone": "", "citizen_id": "", "village_no": ""}), "registry.csv"
    )
    assert result.unchanged == 1
    producer = Producer.objects.get(code="P58001")
    assert (producer.phone, producer.id_number, producer.village_no) == (
        "081-234-5678",
        "1101700207030",
        3,
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_thai_excel_encodings_are_read(thailand, encoding):
    result = run_import(csv_of(ROW, encoding=encoding), "registry.csv")
    assert result.created == 1
    assert Product.objects.get().name == "ผ้าทอขนแกะ"


def test_spellings_officers_use_are_understood(thailand):
    row = {
        **ROW,
        "registered_year": "๒๐๑๗",
        "producer_type": "SMEs",
        "category": "Food",
        "sales_amount": " ๑,๒๓๔.๕๐ บาท ",
        "segment": "กลุ่ม c",
        "village_no": "หมู่ที่ 4",
    }
    result = run_import(csv_of(row), "registry.csv")
    assert result.created == 1, result.errors
    producer = Producer.objects.get()
    assert (producer.registered_year, producer.producer_type, producer.village_no) == (
        2560,
        "SME",
        4,
    )
    product = Product.objects.get()
    assert (product.category, product.current_segment) == ("FOOD", "C")
    assert Sale.objects.get().amount == pytest.approx(1234.5)


def test_thai_headers_and_place_names_instead_of_a_code(thailand):
    header = [
        "รหัสผู้ผลิต",
        "ชื่อผู้ผลิต",
        "ประเภทผู้ผลิต",
        "ปีที่ลงทะเบียน",
        "จังหวัด",
        "อำเภอ",
        "ตำบล",
        "รหัสผลิตภัณฑ์",
        "ชื่อผลิตภัณฑ์",
        "ประเภทผลิตภัณฑ์",
    ]
    row = [
        "P1",
        "กลุ่มจักสาน",
        "กลุ่มผู้ผลิตชุมชน",
        "2562",
        "จังหวัดแม่ฮ่องสอน",
        "อ.ปาย",
        "ต.เวียงใต้",
        "P1-1",
        "ตะกร้าไม้ไผ่",
        "ของใช้ ของตกแต่ง ของที่ระลึก",
    ]
    result = run_import(as_xlsx([row], header), "registry.xlsx")
    assert result.created == 1, result.errors
    assert Producer.objects.get().subdistrict.code == "580301"


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ({"subdistrict_code": "999999"}, "subdistrict_code"),
        ({"stars": "6"}, "stars"),
        ({"citizen_id": "1101700207031"}, "citizen_id"),
        ({"product_name": ""}, "product_name"),
        ({"producer_type": "สหกรณ์"}, "producer_type"),
        ({"registered_year": "1850"}, "registered_year"),
        ({"sales_amount": "-5"}, "sales_amount"),
        ({"stars": "3", "star_year": ""}, "star_year"),
    ],
)
def test_a_bad_row_is_rejected_with_its_row_column_and_a_bilingual_reason(thailand, change, column):
    good = {**ROW, "product_code": "P58001-2"}
    result = run_import(csv_of(good, {**ROW, **change}), "registry.csv")
    assert (result.created, result.rejected) == (1, 1)
    assert [(e.row, e.column) for e in result.errors] == [(3, column)]
    assert " / " in result.errors[0].message  # Thai / English


def test_a_dry_run_counts_and_writes_nothing(thailand):
    result = run_import(csv_of(ROW), "registry.csv", dry_run=True)
    assert result.created == 1
    assert (
        not Producer.objects.exists()
        and not LogEntry.objects.filter(content_type__model="product").exists()
    )


def test_an_officer_imports_only_rows_of_their_province(thailand):
    chiang_mai = {
        **ROW,
        "producer_code": "P50001",
        "product_code": "P50001-1",
        "subdistrict_code": "500101",
    }
    allowed = {Province.objects.get(code="58").pk}
    result = run_import(csv_of(ROW, chiang_mai), "registry.csv", allowed_provinces=allowed)
    assert (result.created, result.rejected) == (1, 1)
    assert result.errors[0].row == 3 and "not yours" in result.errors[0].message


def test_a_product_code_of_another_producer_is_refused(thailand):
    run_import(csv_of(ROW), "registry.csv")
    other = {**ROW, "producer_code": "P58002", "producer_name": "อีกกลุ่ม"}
    result = run_import(csv_of(other), "registry.csv")
    assert result.rejected == 1 and "P58001" in result.errors[0].message


def test_the_same_producer_must_agree_with_its_first_row(thailand):
    renamed = {**ROW, "product_code": "P58001-2", "producer_name": "ชื่ออื่น"}
    result = run_import(csv_of(ROW, renamed), "registry.csv")
    assert result.errors[0].row == 3 and "row 2" in result.errors[0].message


def test_a_failure_part_way_leaves_nothing_written(thailand, monkeypatch):
    from kbo.registry.importing import writer

    real = writer.copy_rows

    def fail_on_segments(model, *args, **kwargs):
        if model is SegmentAssessment:  # written after producers, products and stars
            raise RuntimeError("disk full")
        return real(model, *args, **kwargs)

    monkeypatch.setattr(writer, "copy_rows", fail_on_segments)
    with pytest.raises(RuntimeError):
        run_import(csv_of(ROW), "registry.csv")
    assert not Producer.objects.exists() and not Product.objects.exists()
    assert not StarRating.objects.exists()


def test_a_file_without_the_required_columns_is_refused_whole(thailand):
    with pytest.raises(FileError, match="product_code"):
        run_import(b"producer_code,producer_name\nP1,x\n", "registry.csv")


def test_the_error_file_holds_exactly_the_rejected_rows_and_fixing_them_imports_them(thailand):
    bad = {**ROW, "product_code": "P58001-2", "stars": "6"}
    result = run_import(csv_of(ROW, bad), "registry.csv")
    sheet = load_workbook(io.BytesIO(result.error_file())).active
    rows = list(sheet.values)
    assert rows[0][-1] == "เหตุผล / reason" and len(rows) == 2
    assert rows[1][HEADER.index("product_code")] == "P58001-2" and "stars" in rows[1][-1]

    fixed = [list(rows[0]), [*rows[1][:-1], rows[1][-1]]]
    fixed[1][HEADER.index("stars")] = "5"
    again = run_import(as_xlsx(fixed[1:], list(fixed[0])), "fixed.xlsx")
    assert (again.created, again.rejected) == (1, 0)  # the reason column is ignored


def test_the_command_prints_exactly_one_json_object(thailand, tmp_path):
    path = tmp_path / "registry.csv"
    path.write_bytes(csv_of(ROW, {**ROW, "product_code": "P58001-2", "stars": "9"}))
    out = StringIO()
    call_command("import-registry", str(path), "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload == {
        "rows": 2,
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "rejected": 1,
        "errors": [{"row": 3, "column": "stars", "message": payload["errors"][0]["message"]}],
    }


def test_ten_thousand_rows_with_a_few_percent_bad(thailand):
    rows, bad = registry_rows(10_000, seed=7, bad_share=0.03)
    data = as_csv(rows, "cp874")
    result = run_import(data, "registry.csv")
    rejected = {e.row for e in result.errors}
    assert rejected == set(bad)
    assert {(e.row, e.column) for e in result.errors} == set(bad.items())
    assert result.created == 10_000 - len(bad) == Product.objects.count()
    again = run_import(data, "registry.csv")
    assert (again.created, again.updated, again.unchanged, again.rejected) == (
        0,
        0,
        10_000 - len(bad),
        len(bad),
    )


def test_national_administrators_edit_rounds_and_bands_in_the_admin(client_for, db):
    client = client_for("national")
    response = client.post("/admin/registry/starband/add/", {"stars": 5, "min_score": "90"})
    assert response.status_code == 302
    from kbo.registry.models import StarBand

    assert StarBand.objects.get(stars=5).min_score == 90
    assert client.get("/admin/registry/starround/").status_code == 200
