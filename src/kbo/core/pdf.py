"""Thai official documents as PDF, printed by Debian's Chromium (see docs/pdf.md).

Chromium's print-to-PDF keeps the Thai text layer exact (`pdftotext` gives back the text as
typed); WeasyPrint was seen to garble it. Documents embed Sarabun from the fontpkg-sarabun
package by file:// URL (`font_urls()`), so printing needs no network and no installed Thai
font. Documents come from autoescaped templates, so user text cannot add markup. Shared by
every app that prints (minutes, attendance sheets, certificates, reports).
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import fontpkg_sarabun
from django.conf import settings
from django.utils.translation import gettext as _

# How Chromium runs on these machines (the closed network refuses its background calls);
# the browser tests start it with the same flags.
BROWSER_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FLAGS = [*BROWSER_FLAGS, "--no-pdf-header-footer"]
TIMEOUT = 90


class PdfError(RuntimeError):
    pass


def chromium() -> str:
    """The Chromium binary: settings.KBO_CHROMIUM, the KBO_CHROMIUM variable, or the PATH."""
    found = (
        getattr(settings, "KBO_CHROMIUM", "")
        or os.environ.get("KBO_CHROMIUM", "")
        or shutil.which("chromium")
        or ""
    )
    if not found or not Path(found).exists():
        raise PdfError(
            _("Chromium is needed to print PDF files: apt-get install chromium fonts-thai-tlwg")
        )
    return found


def font_urls() -> dict[str, str]:
    files = Path(fontpkg_sarabun.ROOT) / "files"
    return {
        "regular": (files / "Sarabun-Regular.ttf").as_uri(),
        "bold": (files / "Sarabun-Bold.ttf").as_uri(),
    }


def html_to_pdf(html: str, timeout: int = TIMEOUT) -> bytes:
    """Print an HTML document to PDF with headless Chromium."""
    binary = chromium()
    with tempfile.TemporaryDirectory(prefix="kbo-pdf-") as tmp:
        source, out = Path(tmp) / "document.html", Path(tmp) / "document.pdf"
        source.write_text(html, encoding="utf-8")
        command = [
            binary,
            *FLAGS,
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--print-to-pdf={out}",
            source.as_uri(),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(_("Chromium took too long to print the PDF.")) from exc
        if not out.exists() or out.stat().st_size == 0:
            raise PdfError(_("Chromium did not print the PDF."))
        return out.read_bytes()
