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

from django.conf import settings
from python_calamine import CalamineError, CalamineWorkbook

from kbo.core.uploads import UploadRejected, check_csv_head, check_xlsx
from kbo.registry.importing.columns import msg


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
    try:
        check_csv_head(data[:65536])
    except UploadRejected as error:
        raise FileError(str(error)) from None
    content = decode_csv(data)
    sample = content[:20_000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(content, newline=""), dialect)
    try:
        yield from reader
    except csv.Error as error:  # e.g. a quote left open swallows the rest of the file
        row = reader.line_num
        raise FileError(
            msg(
                f"อ่านไฟล์ CSV ต่อไม่ได้ที่บรรทัด {row:,} (เครื่องหมายคำพูดไม่ครบคู่หรือช่องยาวเกินไป)",
                f"cannot read the CSV past line {row:,} (an unclosed quote or an overlong "
                f"cell: {error})",
            )
        ) from None


def _xlsx_rows(data: bytes) -> Iterator[list[object]]:
    max_rows, max_columns = _limits()
    try:
        check_xlsx(data)  # zip directory and declared sheet size, before calamine parses
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = book.get_sheet_by_index(0)
    except UploadRejected as error:
        raise FileError(str(error)) from None
    except (CalamineError, zipfile.BadZipFile, ValueError, OSError, IndexError):
        raise FileError(msg("อ่านไฟล์ XLSX ไม่ได้", "cannot read the XLSX file")) from None
    if sheet.total_height > max_rows + 1 or sheet.total_width > max_columns:
        raise FileError(
            msg(
                f"แผ่นงานแรกมี {sheet.total_height + 1:,} แถว {sheet.total_width + 1:,} คอลัมน์ "
                f"เกินกำหนด {max_rows:,} แถว {max_columns} คอลัมน์",
                f"the first sheet has {sheet.total_height + 1:,} rows and "
                f"{sheet.total_width + 1:,} columns, over the limit of {max_rows:,} rows and "
                f"{max_columns} columns",
            )
        )
    for row in sheet.iter_rows():
        yield list(row)


def _limits() -> tuple[int, int]:
    return int(settings.KBO_IMPORT_MAX_ROWS), int(settings.KBO_IMPORT_MAX_COLUMNS)


def read(data: bytes, filename: str) -> Sheet:
    """The first sheet (XLSX) or the file (CSV): its header and non-empty rows."""
    suffix = Path(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        source = _xlsx_rows(data)
    elif suffix in (".csv", ".txt"):
        source = _csv_rows(data)
    else:
        raise FileError(msg("รับเฉพาะไฟล์ .xlsx หรือ .csv", "only .xlsx and .csv files are accepted"))
    max_rows, max_columns = _limits()
    header: list[str] | None = None
    rows: list[tuple[int, list[object]]] = []
    for number, cells in enumerate(source, start=1):
        if header is None:
            header = ["" if c is None else str(c).strip() for c in cells]
            if len(header) > max_columns:
                raise FileError(
                    msg(
                        f"หัวตารางมี {len(header):,} คอลัมน์ เกินกำหนด {max_columns} คอลัมน์",
                        f"the header has {len(header):,} columns, over the {max_columns} limit",
                    )
                )
            continue
        if any(c not in (None, "") and str(c).strip() for c in cells):
            if len(rows) >= max_rows:
                raise FileError(
                    msg(
                        f"ไฟล์มีเกิน {max_rows:,} แถว (พบที่แถว {number:,})",
                        f"the file has more than {max_rows:,} rows (found at row {number:,})",
                    )
                )
            rows.append((number, list(cells)))
    if header is None:
        raise FileError(msg("ไฟล์ว่าง", "the file is empty"))
    return Sheet(header=header, rows=rows)
