"""Every upload is checked by size and by content (kbo/core/uploads.py): images by Pillow
within a pixel limit, documents by their first bytes or zip directory, the registry import
as an XLSX checked before parsing or a CSV that is text; spreadsheet bombs are refused with
a message that says what and where, Thai first then English."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from PIL import Image

from kbo.core import uploads
from kbo.core.models import Job
from kbo.core.uploads import UploadRejected

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def image(kind: str = "PNG", size: tuple[int, int] = (8, 6)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (120, 40, 140)).save(out, kind)
    return out.getvalue()


def xlsx(rows: int = 3) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "ทะเบียน"
    sheet.append(["producer_code", "producer_name"])
    for number in range(rows):
        sheet.append([f"P{number}", "กลุ่มทอผ้า"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(data: bytes, change: dict[str, bytes | None], extra: dict[str, bytes] | None = None):
    """The same zip with some parts replaced (None: removed) or added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = change.get(info.filename, source.read(info.filename))
            if content is not None:
                target.writestr(info.filename, content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def declare_size(data: bytes, part: str, size: int) -> bytes:
    """The zip with `part`'s uncompressed size in the central directory set to `size`: a
    bomb as its directory describes it, without the gigabytes."""
    patched = bytearray(data)
    start = patched.find(b"PK\x01\x02")
    while start != -1:
        name_length = struct.unpack_from("<H", patched, start + 28)[0]
        if patched[start + 46 : start + 46 + name_length] == part.encode():
            struct.pack_into("<I", patched, start + 24, size)
        start = patched.find(b"PK\x01\x02", start + 4)
    return bytes(patched)


def with_dimension(data: bytes, ref: str) -> bytes:
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    start = sheet.index("<dimension")
    end = sheet.index(">", start) + 1
    sheet = sheet[:start] + f'<dimension ref="{ref}"/>' + sheet[end:]
    return rezip(data, {"xl/worksheets/sheet1.xml": sheet.encode()})


def refused(check, name: str, data: bytes) -> str:
    with pytest.raises(UploadRejected) as caught:
        check(upload(name, data))
    message = str(caught.value)
    thai, english = message.split(" / ", 1)
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in thai) and english[:10].isascii()
    return message


# Images -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "name"), [("PNG", "a.png"), ("JPEG", "a.JPG"), ("WEBP", "a.webp"), ("GIF", "a.gif")]
)
def test_real_photos_are_accepted(kind, name):
    uploads.check_image(upload(name, image(kind)))


def test_a_file_named_like_a_photo_that_is_not_one_is_refused():
    assert "not a readable image" in refused(uploads.check_image, "a.png", b"<html>x</html>")


def test_a_photo_whose_name_says_another_type_is_refused():
    message = refused(uploads.check_image, "page.html", image("PNG"))
    assert "PNG" in message and ".html" in message


@override_settings(KBO_UPLOAD_MAX_PIXELS=1_000_000)
def test_a_photo_over_the_pixel_limit_is_refused_from_its_header():
    message = refused(uploads.check_image, "big.png", image("PNG", (2000, 1000)))
    assert "2,000 × 1,000" in message


def test_a_decompression_bomb_is_refused():
    # 20,000 × 20,000 declared pixels in a PNG header, without the pixels
    png = image("PNG", (1, 1))
    ihdr = struct.pack(">II", 20_000, 20_000) + png[24:29]
    bomb = png[:16] + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr)) + png[33:]
    assert "pixel" in refused(uploads.check_image, "bomb.png", bomb)


@override_settings(KBO_UPLOAD_MAX_MB={"image": 1, "document": 1, "import": 1})
def test_size_limits_come_from_settings_per_kind():
    big = b"%PDF-1.7\n" + b"0" * (1024 * 1024)
    message = refused(uploads.check_document, "big.pdf", big)
    assert "1.0 MB" in message and "1 MB limit" in message


# Documents --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("scan.pdf", b"%PDF-1.4 scan"),
        ("photo.png", image("PNG")),
        ("book.xlsx", xlsx()),
        ("old.doc", uploads.OLE2 + b"\x00" * 100),
    ],
)
def test_pdfs_photos_and_office_documents_are_accepted(name, data):
    uploads.check_document(upload(name, data))


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("tool.pdf", b"MZ\x90\x00 windows program", "only a photo"),
        ("page.pdf", b"<script>alert(1)</script>", "only a photo"),
        ("scan.png", b"%PDF-1.4 scan", "PDF"),
        ("notes.zip.docx", rezip(xlsx(), {"xl/workbook.xml": None}), "not a known office"),
    ],
)
def test_documents_are_judged_by_content_not_by_name(name, data, says):
    assert says in refused(uploads.check_document, name, data)


@given(data=st.binary(max_size=2048), name=st.sampled_from(["a.pdf", "a.png", "a.docx", "a.jpg"]))
@FUZZ
def test_random_bytes_are_refused_never_crash(data, name):
    for check in (uploads.check_document, uploads.check_image, uploads.check_import):
        try:
            check(upload(name, data))
        except UploadRejected as error:
            assert " / " in str(error)


# Spreadsheets: refused before parsing -----------------------------------------------------


def test_a_zip_whose_parts_declare_gigabytes_is_refused():
    bomb = declare_size(xlsx(), "xl/worksheets/sheet1.xml", 2_200_000_000)
    message = refused(uploads.check_import, "registry.xlsx", bomb)
    assert message.startswith("ไฟล์มีขนาดเมื่อแตกออก 2.0 GB เกินกำหนด 1 GB")
    assert "expands to 2.0 GB, over the 1 GB limit" in message


def test_a_part_that_expands_a_thousand_times_is_refused_with_its_name():
    sheet = b"<worksheet>" + b" " * (8 * 1024 * 1024) + b"</worksheet>"
    bomb = rezip(xlsx(), {"xl/worksheets/sheet1.xml": sheet})
    message = refused(uploads.check_import, "registry.xlsx", bomb)
    assert "xl/worksheets/sheet1.xml" in message and "zip bomb" in message


@override_settings(KBO_ZIP_MAX_ENTRIES=50)
def test_a_zip_of_too_many_parts_is_refused():
    many = rezip(xlsx(), {}, {f"xl/media/{n}.bin": b"x" for n in range(60)})
    assert "parts" in refused(uploads.check_import, "registry.xlsx", many)


@pytest.mark.parametrize(
    ("ref", "says"),
    [
        ("A1:XFD1048576", "1,048,576 rows, 16,384 columns"),
        ("A1:B600000", "600,000 rows"),
        ("A1:HA3", "209 columns"),
    ],
)
def test_a_sheet_declaring_more_rows_or_columns_than_the_limit_is_refused(ref, says):
    message = refused(uploads.check_import, "registry.xlsx", with_dimension(xlsx(), ref))
    assert f"“ทะเบียน” ระบุขนาด {ref}" in message and says in message


def test_a_sheet_within_the_limits_passes_the_checks():
    uploads.check_import(upload("registry.xlsx", with_dimension(xlsx(), "A1:Z500001")))


@pytest.mark.parametrize(
    ("change", "name"),
    [
        ({"[Content_Types].xml": b"<Types/>"}, "wrong content types"),
        ({"xl/workbook.xml": None}, "no workbook"),
        ({"[Content_Types].xml": None}, "no content types"),
    ],
)
def test_a_zip_that_is_not_a_workbook_is_refused(change, name):
    assert "Excel workbook" in refused(uploads.check_import, "registry.xlsx", rezip(xlsx(), change))


def test_a_truncated_workbook_is_refused():
    data = xlsx()
    assert "damaged" in refused(uploads.check_import, "registry.xlsx", data[: len(data) // 2])


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_csv_in_the_encodings_thai_excel_saves_is_accepted(encoding):
    text = "producer_code,producer_name\nP1,กลุ่มทอผ้า\n"
    uploads.check_import(upload("registry.csv", text.encode(encoding)))


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ("producer_code,ชื่อ\n".encode("utf-16"), "UTF-16"),
        (b"\x81\x82\x83\xff\xfe" * 50, "cannot read the CSV"),
        (b"\x00" * 200, "binary"),
    ],
)
def test_csv_that_is_not_text_is_refused(data, says):
    assert says in refused(uploads.check_import, "registry.csv", data)


def test_only_xlsx_and_csv_are_imported():
    assert ".xlsx and .csv" in refused(uploads.check_import, "registry.ods", b"PK\x03\x04")


# The forms ---------------------------------------------------------------------------------


def test_form_validators_raise_a_validation_error_and_skip_stored_files():
    with pytest.raises(ValidationError) as caught:
        uploads.validate_image(upload("a.png", b"not a png"))
    assert caught.value.code == "upload"
    uploads.validate_image(None)  # an optional field left empty
    stored = upload("a.png", b"stored long ago")
    stored._committed = True  # a FieldFile already in storage
    uploads.validate_image(stored)


def test_the_import_page_refuses_a_bomb_before_any_job_starts(client_for):
    client = client_for("officer_a")
    bomb = with_dimension(xlsx(), "A1:XFD1048576")
    response = client.post("/registry/import/", {"file": upload("registry.xlsx", bomb)})
    assert response.status_code == 200
    assert "A1:XFD1048576" in response.content.decode()
    assert not Job.objects.exists()


def test_a_news_photo_that_is_not_an_image_is_refused(client_for):
    from kbo.accounts.models import User
    from kbo.showcase.forms import NewsForm

    form = NewsForm(
        {"title": "ข่าว", "published_on": "2025-01-01", "body": "x", "status": "draft"},
        {"photo": upload("news.png", image("PNG"))},
        user=User.objects.get(username="national"),
    )
    form.is_valid()
    assert "photo" not in form.errors
    form = NewsForm(
        {"title": "ข่าว", "published_on": "2025-01-01", "body": "x", "status": "draft"},
        {"photo": upload("news.png", image("PNG")[:40])},
        user=User.objects.get(username="national"),
    )
    assert not form.is_valid() and "photo" in form.errors
