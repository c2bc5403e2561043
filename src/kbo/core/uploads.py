"""The rules every uploaded file follows, in one place.

Three kinds of upload, each with its size limit in settings.KBO_UPLOAD_MAX_MB:

- ``image`` (product photos, prototype before/after photos, news photos): opened with
  Pillow from its content, JPEG/PNG/WebP/GIF only, at most KBO_UPLOAD_MAX_PIXELS pixels
  (read from the header, before any pixel is decoded);
- ``document`` (plan evidence, certificates, meeting files): a PDF, an image or an office
  document, recognised by its first bytes or its zip directory;
- ``import`` (the registry import): an XLSX whose zip directory and first sheet's declared
  size are checked before anything parses it, or a CSV that decodes as text.

The type comes from the content; the file name's extension must agree with it (a PNG
named .html is refused). Every refusal says what is wrong and where, Thai first then
English. Forms use the ``validate_*`` functions; the registry import's reader calls
``check_xlsx`` and ``check_csv_head`` on the bytes it is about to parse.
"""

import codecs
import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image

IMAGE, DOCUMENT, IMPORT = "image", "document", "import"

IMAGE_FORMATS = {"JPEG": {"jpg", "jpeg"}, "PNG": {"png"}, "WEBP": {"webp"}, "GIF": {"gif"}}
OFFICE_ZIPS = {  # a part every file of the kind has -> the extensions it may carry
    "word/document.xml": {"docx"},
    "xl/workbook.xml": {"xlsx", "xlsm"},
    "ppt/presentation.xml": {"pptx"},
}
ODF_TYPES = {
    b"application/vnd.oasis.opendocument.text": {"odt"},
    b"application/vnd.oasis.opendocument.spreadsheet": {"ods"},
    b"application/vnd.oasis.opendocument.presentation": {"odp"},
}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt (Office 97-2003)
SPREADSHEET_MAIN = (
    b"spreadsheetml.sheet.main+xml",
    b"ms-excel.sheet.macroEnabled.main+xml",
    b"spreadsheetml.template.main+xml",
)
HEAD = 64 * 1024  # how much of a part is read to find its declarations


class UploadRejected(ValueError):
    """An upload refused as a whole; its text is a bilingual message (Thai / English)."""


def both(thai: str, english: str) -> str:
    return f"{thai} / {english}"


def human_size(size: float) -> str:
    """2.1 GB, 200 MB, 12 KB (binary units, as the limits in settings)."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            value = size / scale
            return (
                f"{value:,.0f} {unit}"
                if value >= 100 or value == int(value)
                else f"{value:.1f} {unit}"
            )
    return f"{int(size)} B"


def limit_mb(kind: str) -> int:
    return int(settings.KBO_UPLOAD_MAX_MB[kind])


# Checks on a file object (a Django upload, a stored file or BytesIO) ---------------------


@contextmanager
def _rewound(upload: Any) -> Iterator[IO[bytes]]:
    """The upload's file from its first byte, put back at the start afterwards."""
    handle = getattr(upload, "file", None) or upload
    handle.seek(0)
    try:
        yield handle
    finally:
        handle.seek(0)


def _extension(upload: Any) -> str:
    return PurePath(str(getattr(upload, "name", "") or "")).suffix.lower().lstrip(".")


def _size_of(upload: Any) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        with _rewound(upload) as handle:
            handle.seek(0, io.SEEK_END)
            size = handle.tell()
    return int(size)


def check_size(upload: Any, kind: str) -> None:
    size, limit = _size_of(upload), limit_mb(kind)
    if size > limit * 1024 * 1024:
        raise UploadRejected(
            both(
                f"ไฟล์มีขนาด {human_size(size)} เกินกำหนด {limit} MB",
                f"the file is {human_size(size)}, over the {limit} MB limit",
            )
        )
    if size == 0:
        raise UploadRejected(both("ไฟล์ว่างเปล่า", "the file is empty"))


def _wrong_name(extension: str, found: str) -> UploadRejected:
    shown = f".{extension}" if extension else "(ไม่มีนามสกุล / no extension)"
    return UploadRejected(
        both(
            f"เนื้อไฟล์เป็น {found} แต่ชื่อไฟล์ลงท้ายด้วย {shown}",
            f"the file holds {found} but its name ends in {shown}",
        )
    )


def check_image(upload: Any) -> None:
    """A JPEG, PNG, WebP or GIF image that Pillow reads, within the pixel limit."""
    check_size(upload, IMAGE)
    with _rewound(upload) as handle:
        image_format = _image_format(handle)
    if image_format is None:
        raise UploadRejected(
            both(
                "ไฟล์นี้ไม่ใช่ภาพที่อ่านได้ (รับ JPG, PNG, WebP, GIF)",
                "this file is not a readable image (JPG, PNG, WebP or GIF)",
            )
        )
    if _extension(upload) not in IMAGE_FORMATS[image_format]:
        raise _wrong_name(_extension(upload), image_format)


def _image_format(handle: IO[bytes]) -> str | None:
    """The image's format, after its declared size is checked and its structure verified;
    None when it is not an image of an accepted format."""
    limit = int(settings.KBO_UPLOAD_MAX_PIXELS)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(handle) as image:
                width, height = image.size
                if width * height > limit:
                    raise _too_many_pixels(width, height, limit)
                image_format = image.format
                image.verify()  # structure and checksums, without decoding the pixels
    except UploadRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRejected(
            both(
                f"ภาพมีจำนวนพิกเซลเกินกำหนด {limit / 1e6:,.0f} ล้านพิกเซล",
                f"the image has more than {limit / 1e6:,.0f} million pixels",
            )
        ) from None
    except Exception:  # Pillow raises many kinds of errors on damaged or foreign files
        return None
    return image_format if image_format in IMAGE_FORMATS else None


def _too_many_pixels(width: int, height: int, limit: int) -> UploadRejected:
    return UploadRejected(
        both(
            f"ภาพมีขนาด {width:,} × {height:,} พิกเซล เกินกำหนด {limit / 1e6:,.0f} ล้านพิกเซล "
            "ลดขนาดภาพก่อนส่ง",
            f"the image is {width:,} × {height:,} pixels, over the {limit / 1e6:,.0f} "
            "million pixel limit: make it smaller first",
        )
    )


def check_document(upload: Any) -> None:
    """A PDF, an image, or an office document (OOXML, OpenDocument or Office 97-2003)."""
    check_size(upload, DOCUMENT)
    extension = _extension(upload)
    with _rewound(upload) as handle:
        head = handle.read(1024)
        handle.seek(0)
        if b"%PDF-" in head:
            found, allowed = "PDF", {"pdf"}
        elif head.startswith(OLE2):
            found, allowed = "Office 97-2003", {"doc", "xls", "ppt"}
        elif head.startswith(b"PK"):
            found, allowed = _office_zip(handle)
        elif image_format := _image_format(handle):
            found, allowed = image_format, IMAGE_FORMATS[image_format]
        else:
            raise UploadRejected(
                both(
                    "รับเฉพาะภาพ (JPG, PNG, WebP, GIF) PDF หรือเอกสารสำนักงาน "
                    "(Word, Excel, PowerPoint, OpenDocument)",
                    "only a photo (JPG, PNG, WebP, GIF), a PDF or an office document "
                    "(Word, Excel, PowerPoint, OpenDocument) is accepted",
                )
            )
    if extension not in allowed:
        raise _wrong_name(extension, found)


def _office_zip(handle: IO[bytes]) -> tuple[str, set[str]]:
    archive = open_zip(handle)
    with archive:
        names = set(archive.namelist())
        if "[Content_Types].xml" in names:
            for part, extensions in OFFICE_ZIPS.items():
                if part in names:
                    return "Office Open XML", extensions
        if "mimetype" in names:
            try:
                kind = archive.open("mimetype").read(100).strip()
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError):
                kind = b""
            if kind in ODF_TYPES:
                return "OpenDocument", ODF_TYPES[kind]
    raise UploadRejected(
        both(
            "ไฟล์ zip นี้ไม่ใช่เอกสารสำนักงานที่รู้จัก",
            "this zip file is not a known office document",
        )
    )


def check_import(upload: Any) -> None:
    """The registry import file: an .xlsx checked before parsing, or a .csv that is text."""
    check_size(upload, IMPORT)
    extension = _extension(upload)
    with _rewound(upload) as handle:
        if extension in ("xlsx", "xlsm"):
            check_xlsx(handle)
        elif extension in ("csv", "txt"):
            check_csv_head(handle.read(HEAD))
        else:
            raise UploadRejected(
                both("รับเฉพาะไฟล์ .xlsx หรือ .csv", "only .xlsx and .csv files are accepted")
            )


# Zip files and spreadsheets -------------------------------------------------------------


def open_zip(source: IO[bytes] | bytes) -> zipfile.ZipFile:
    """Open a zip file after checking its directory: entries, expanded size, ratio.

    Only the central directory is read. The sizes it declares are what the readers hold
    the entries to: Python's zipfile and calamine both stop with an error on an entry
    that expands beyond its declared size.
    """
    handle = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        archive = zipfile.ZipFile(handle)
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise UploadRejected(
            both(
                "ไฟล์เสียหรือไม่ใช่ไฟล์ zip (XLSX/DOCX) ที่สมบูรณ์",
                "the file is damaged or not a complete zip (XLSX/DOCX) file",
            )
        ) from None
    max_entries = int(settings.KBO_ZIP_MAX_ENTRIES)
    if len(entries) > max_entries:
        archive.close()
        raise UploadRejected(
            both(
                f"ไฟล์มีส่วนประกอบ {len(entries):,} ส่วน เกินกำหนด {max_entries:,} ส่วน",
                f"the file has {len(entries):,} parts, over the {max_entries:,} limit",
            )
        )
    expanded = sum(entry.file_size for entry in entries)
    max_expanded = int(settings.KBO_ZIP_MAX_EXPANDED_MB) * 1024 * 1024
    if expanded > max_expanded:
        archive.close()
        raise UploadRejected(
            both(
                f"ไฟล์มีขนาดเมื่อแตกออก {human_size(expanded)} เกินกำหนด {human_size(max_expanded)}",
                f"the file expands to {human_size(expanded)}, over the "
                f"{human_size(max_expanded)} limit",
            )
        )
    max_ratio = int(settings.KBO_ZIP_MAX_RATIO)
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > 1024 * 1024 and ratio > max_ratio:
            archive.close()
            raise UploadRejected(
                both(
                    f"ส่วน {entry.filename} ของไฟล์ขยายตัว {ratio:,.0f} เท่าเมื่อแตกออก "
                    f"เกินกำหนด {max_ratio:,} เท่า (ไฟล์ zip bomb)",
                    f"the part {entry.filename} expands {ratio:,.0f} times, over the "
                    f"{max_ratio:,}× limit (a zip bomb)",
                )
            )
    return archive


_NOT_XLSX = both(
    "ไฟล์นี้ไม่ใช่สมุดงาน Excel (.xlsx) ที่สมบูรณ์", "this file is not a complete Excel workbook (.xlsx)"
)
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTRIBUTE = re.compile(rb"""([\w:]+)\s*=\s*["']([^"']*)["']""")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_DIMENSION = re.compile(rb"""<(?:\w+:)?dimension\s+ref\s*=\s*["']([^"']+)["']""")
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")


def check_xlsx(source: IO[bytes] | bytes) -> None:
    """Refuse a workbook before parsing it: its zip directory (open_zip), its content types,
    and the size its first sheet declares (<dimension ref="A1:Z500001">), against the
    import's row and column limits. Reads the directory and a few kilobytes only."""
    with open_zip(source) as archive:
        names = set(archive.namelist())
        if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
            raise UploadRejected(_NOT_XLSX)
        try:
            types = archive.open("[Content_Types].xml").read(HEAD)
            if not any(kind in types for kind in SPREADSHEET_MAIN):
                raise UploadRejected(_NOT_XLSX)
            name, path = _first_sheet(archive, names)
            if path is None:
                return  # calamine reports a workbook without sheets
            head = archive.open(path).read(HEAD)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as error:
            if isinstance(error, UploadRejected):
                raise
            raise UploadRejected(_NOT_XLSX) from None
    found = _DIMENSION.search(head)
    if found:
        _check_dimension(found.group(1).decode("ascii", "replace"), name)


def _first_sheet(archive: zipfile.ZipFile, names: set[str]) -> tuple[str, str | None]:
    """The first sheet's name and its part's path inside the zip."""
    book = archive.open("xl/workbook.xml").read(HEAD)
    sheet = _SHEET.search(book)
    if sheet is None:
        return "", None
    attributes = {k.split(b":")[-1]: v for k, v in _ATTRIBUTE.findall(sheet.group(0))}
    name = attributes.get(b"name", b"").decode("utf-8", "replace")
    rid = attributes.get(b"id")
    if "xl/_rels/workbook.xml.rels" in names and rid:
        rels = archive.open("xl/_rels/workbook.xml.rels").read(HEAD)
        for relationship in _RELATIONSHIP.findall(rels):
            values = dict(_ATTRIBUTE.findall(relationship))
            if values.get(b"Id") == rid and b"Target" in values:
                target = values[b"Target"].decode("utf-8", "replace")
                path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                path = str(PurePath(path)).replace("\\", "/")
                return name, path if path in names else None
    fallback = "xl/worksheets/sheet1.xml"
    return name, fallback if fallback in names else None


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _check_dimension(ref: str, sheet: str) -> None:
    cells = _CELL.findall(ref)
    if not cells:
        return
    last_column, last_row = cells[-1]
    rows, columns = int(last_row), _column_number(last_column)
    max_rows = int(settings.KBO_IMPORT_MAX_ROWS)
    max_columns = int(settings.KBO_IMPORT_MAX_COLUMNS)
    if rows > max_rows + 1 or columns > max_columns:  # + 1: the header row
        raise UploadRejected(
            both(
                f"แผ่นงาน “{sheet}” ระบุขนาด {ref} ({rows:,} แถว {columns:,} คอลัมน์) "
                f"เกินกำหนด {max_rows:,} แถว {max_columns:,} คอลัมน์ "
                "ลบแถวและคอลัมน์ว่างที่จัดรูปแบบไว้ท้ายตารางแล้วบันทึกใหม่",
                f"the sheet “{sheet}” declares {ref} ({rows:,} rows, {columns:,} columns), "
                f"over the limit of {max_rows:,} rows and {max_columns:,} columns: delete the "
                "formatted empty rows and columns after the table and save again",
            )
        )


def check_csv_head(head: bytes) -> None:
    """The start of a CSV must be text in UTF-8 (with or without BOM) or Windows-874."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(b"\x00") > len(head) // 10:
        raise UploadRejected(
            both(
                "ไฟล์ CSV นี้บันทึกเป็น UTF-16 หรือเป็นไฟล์ไบนารี ให้บันทึกเป็น CSV UTF-8",
                "this CSV is UTF-16 or binary: save it as CSV UTF-8",
            )
        )
    for encoding in ("utf-8-sig", "cp874"):
        try:
            # final=False: the head may end inside a multi-byte character
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
            return
        except UnicodeDecodeError:
            continue
    raise UploadRejected(
        both(
            "อ่านไฟล์ CSV ไม่ได้: ใช้รหัสอักขระ UTF-8 หรือ Windows-874",
            "cannot read the CSV file: save it as UTF-8 or Windows-874",
        )
    )


# Form validators --------------------------------------------------------------------------


def _as_validation_error(check):
    def validator(upload: Any) -> None:
        if upload is None or upload is False or not getattr(upload, "name", None):
            return
        if getattr(upload, "_committed", False):
            return  # a file already stored, not a new upload
        try:
            check(upload)
        except UploadRejected as error:
            raise ValidationError(str(error), code="upload") from None

    validator.__name__ = f"validate_{check.__name__.removeprefix('check_')}"
    validator.__doc__ = check.__doc__
    return validator


validate_image = _as_validation_error(check_image)
validate_document = _as_validation_error(check_document)
validate_import = _as_validation_error(check_import)
