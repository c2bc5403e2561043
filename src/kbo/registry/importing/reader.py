"""Reading an uploaded registry file (XLSX or CSV) into rows of cells.

CSV is accepted in UTF-8 (with or without BOM) and in Windows-874 / TIS-620, which is
what Thai Excel saves; the delimiter is sniffed (comma, semicolon or tab).
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from kbo.registry.importing.columns import msg

MAX_ROWS = 500_000
MAX_COLUMNS = 200


class FileError(ValueError):
    """The file as a whole cannot be imported; the text is a bilingual message."""


@dataclass
class Sheet:
    header: list[str]
    rows: list[tuple[int, list[object]]]  # (spreadsheet row number, cells); header is row 1


def decode_csv(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp874"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileError(
        msg(
            "อ่านไฟล์ CSV ไม่ได้: ใช้รหัสอักขระ UTF-8 หรือ Windows-874",
            "cannot read the CSV file: save it as UTF-8 or Windows-874",
        )
    )


def _csv_rows(data: bytes) -> Iterator[list[object]]:
    content = decode_csv(data)
    sample = content[:20_000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(content, newline=""), dialect)


def _xlsx_rows(data: bytes) -> Iterator[list[object]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
        if expanded > 50 * max(len(data), 1_000_000):
            raise FileError(msg("ไฟล์ XLSX ขยายตัวผิดปกติ", "the XLSX file expands abnormally"))
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = book.get_sheet_by_index(0)
    except (CalamineError, zipfile.BadZipFile, ValueError) as error:
        if isinstance(error, FileError):
            raise
        raise FileError(msg("อ่านไฟล์ XLSX ไม่ได้", "cannot read the XLSX file")) from None
    if sheet.total_height > MAX_ROWS + 1 or sheet.total_width > MAX_COLUMNS:
        raise FileError(
            msg(
                f"ไฟล์ใหญ่เกินไป (สูงสุด {MAX_ROWS:,} แถว {MAX_COLUMNS} คอลัมน์)",
                f"the file is too large (at most {MAX_ROWS:,} rows and {MAX_COLUMNS} columns)",
            )
        )
    for row in sheet.iter_rows():
        yield list(row)


def read(data: bytes, filename: str) -> Sheet:
    """The first sheet (XLSX) or the file (CSV): its header and non-empty rows."""
    suffix = Path(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        source = _xlsx_rows(data)
    elif suffix in (".csv", ".txt"):
        source = _csv_rows(data)
    else:
        raise FileError(msg("รับเฉพาะไฟล์ .xlsx หรือ .csv", "only .xlsx and .csv files are accepted"))
    header: list[str] | None = None
    rows: list[tuple[int, list[object]]] = []
    for number, cells in enumerate(source, start=1):
        if header is None:
            header = ["" if c is None else str(c).strip() for c in cells]
            continue
        if any(c not in (None, "") and str(c).strip() for c in cells):
            if len(rows) >= MAX_ROWS:
                raise FileError(
                    msg(f"ไฟล์มีเกิน {MAX_ROWS:,} แถว", f"the file has more than {MAX_ROWS:,} rows")
                )
            rows.append((number, list(cells)))
    if header is None:
        raise FileError(msg("ไฟล์ว่าง", "the file is empty"))
    return Sheet(header=header, rows=rows)
