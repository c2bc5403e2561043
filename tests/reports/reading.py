"""Reading the reports back as their readers do: the workbook with openpyxl, the PDF's text
layer with pdftotext."""

import io
import re
import subprocess
import tempfile
from pathlib import Path

from openpyxl import load_workbook


def workbook(content: bytes):
    return load_workbook(io.BytesIO(content))


def rows(book, sheet: str) -> list[tuple]:
    return [tuple(r) for r in book[sheet].iter_rows(values_only=True)]


def pdf_text(content: bytes, layout: bool = False) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.pdf"
        path.write_bytes(content)
        command = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
        return subprocess.run(command, capture_output=True, check=True, text=True).stdout


def flat(text: str) -> str:
    """The text with line breaks removed (a long Thai line wraps between words)."""
    return re.sub(r"\s*\n\s*", "", text)


def spaced(text: str) -> str:
    """The text with every run of white space as one space (table cells, wrapped lines)."""
    return re.sub(r"\s+", " ", text)


def squeezed(text: str) -> str:
    """The text without any white space: compares exact characters whatever the wrapping."""
    return re.sub(r"\s+", "", text)
